package board

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"bangtin/board/limit"
	"bangtin/board/text"
)

func cleanComment(in CommentInput) (CommentInput, error) {
	var err error
	out := CommentInput{ThreadID: in.ThreadID}
	if out.Name, err = clean(fieldSpec{name: "name", min: 1, max: MaxCommentName}, in.Name); err != nil {
		return out, err
	}
	if out.Title, err = clean(fieldSpec{name: "title", max: MaxCommentTitle}, in.Title); err != nil {
		return out, err
	}
	if out.Body, err = clean(fieldSpec{name: "body", min: 1, max: MaxCommentBody, multiline: true}, in.Body); err != nil {
		return out, err
	}
	return out, nil
}

// trusted reports whether the moderation mode lets an author's comments appear at once.
func trusted(m ModerationMode, r Role) bool {
	switch m {
	case ModerateNone:
		return true
	case ModerateEveryone:
		return false
	default:
		return r >= RoleStaff
	}
}

// PostComment validates, sanitises and stores a comment: pending, or approved at once when the
// moderation setting trusts the author's role and no listed word matches (the entry that matched
// is kept in HeldFor). The comment records the author's role. A guest may not use an account's
// display name (compared folded: case, diacritics and punctuation ignored). Refused with
// *BanError, *RateLimitError or *ValidationError (Field "name", ProblemReserved for a name).
func (b *Board) PostComment(ctx context.Context, author Identity, in CommentInput) (Comment, error) {
	if err := b.MayPost(ctx, author); err != nil {
		return Comment{}, err
	}
	in, err := cleanComment(in)
	if err != nil {
		return Comment{}, err
	}
	role := author.Role
	if !author.IsAccount() {
		role = RoleGuest
		if err := b.checkGuestName(ctx, in.Name); err != nil {
			return Comment{}, err
		}
		wait, err := b.takeGuest(ctx, b.now(), author)
		if err != nil {
			return Comment{}, fmt.Errorf("post comment: %w", err)
		}
		if wait > 0 {
			return Comment{}, &RateLimitError{RetryAfter: wait}
		}
	}
	now := b.now()
	b.mu.RLock()
	mode, words := b.settings.Moderation, b.settings.WordList
	b.mu.RUnlock()
	held := heldFor(words, in.Name, in.Title, in.Body)
	status := CommentPending
	if trusted(mode, role) && held == "" {
		status = CommentApproved
	}
	var c Comment
	err = b.update(ctx, func(tx Tx) error {
		t, err := tx.Thread(in.ThreadID)
		if err != nil || t.Deleted || t.Status != StatusPublished {
			return fmt.Errorf("thread %d: %w", in.ThreadID, ErrNotFound)
		}
		c = Comment{
			ThreadID: in.ThreadID, Name: in.Name, Title: in.Title, Body: in.Body,
			Login: author.Login, Fingerprint: author.Fingerprint, CreatedAt: now, Status: status,
			Role: role, HeldFor: held,
		}
		if author.Addr.IsValid() {
			c.RemoteAddr = author.Addr.String()
		}
		if err := tx.PutComment(&c); err != nil {
			return err
		}
		if status == CommentApproved {
			t.Comments++
			if now.After(t.LastCommentAt) {
				t.LastCommentAt = now
			}
			return tx.PutThread(&t)
		}
		return nil
	})
	if err != nil {
		return Comment{}, fmt.Errorf("post comment: %w", err)
	}
	return c, nil
}

// takeGuest applies the guest limits and returns how long to wait (0: go ahead, one comment
// counted). The policy: a guest with a key is counted by its key (Options.GuestCommentLimit),
// so that guests sharing an office's address do not share one allowance; a guest without a key
// can only be told by its address and is counted by it at the same limit; and all guests of one
// address together are capped more loosely (Options.GuestIPCommentLimit). Both are taken
// together or not at all: a refused guest uses up nothing of either.
func (b *Board) takeGuest(ctx context.Context, now time.Time, id Identity) (time.Duration, error) {
	guest, ip := guestLimitKeys(id)
	o := b.opts
	shared := []LimitSlot{{Key: "guest/" + guest, Events: o.GuestCommentLimit, Window: o.GuestCommentWindow}}
	local := []limit.Slot{{L: b.guests, Key: guest}}
	if ip != "" {
		shared = append(shared, LimitSlot{Key: "ip/" + ip, Events: b.guestIPs.Events(), Window: o.GuestCommentWindow})
		local = append(local, limit.Slot{L: b.guestIPs, Key: ip})
	}
	if wait, ok, err := b.sharedTake(ctx, now, shared...); ok {
		return wait, err
	}
	return limit.Take(now, local...), nil
}

// guestLimitKeys are the limiter keys of a guest: its own ("key:FP", else "ip:ADDR", else
// "anonymous") and its address's ("ip:ADDR", "" without one).
func guestLimitKeys(id Identity) (guest, ip string) {
	if id.Addr.IsValid() {
		ip = "ip:" + id.Addr.Unmap().String()
	}
	switch {
	case id.Fingerprint != "":
		guest = "key:" + id.Fingerprint
	case ip != "":
		guest = ip
	default:
		guest = "anonymous"
	}
	return guest, ip
}

// checkGuestName refuses a guest's name that is an account's display name, folded (case,
// diacritics and punctuation ignored: "CAN BO" is "Cán bộ").
func (b *Board) checkGuestName(ctx context.Context, name string) error {
	key := nameKey(name)
	if key == "" {
		return nil
	}
	var taken bool
	err := b.view(ctx, func(tx Tx) error {
		as, err := tx.Accounts()
		if err != nil {
			return err
		}
		for _, a := range as {
			if nameKey(a.Name) == key {
				taken = true
				break
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("check name: %w", err)
	}
	if taken {
		return &ValidationError{Field: "name", Problem: ProblemReserved}
	}
	return nil
}

// nameKey is a name as compared for impersonation: its folded words.
func nameKey(s string) string { return strings.Join(text.Words(s), " ") }

// listWords splits text into words for the word list: NFC, lower case, keeping diacritics ("Cá
// Độ" is "cá", "độ"); letters, digits and combining marks make words, anything else separates.
// Each word is given in a canonical form (toneLast) so that the two accepted placements of a
// Vietnamese tone mark ("hoà" and "hòa", "thuỷ" and "thủy") are the same word.
func listWords(s string) []string {
	s = strings.ToLower(norm.NFC.String(s))
	var words []string
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.In(r, unicode.Mn, unicode.Mc) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			words = append(words, toneLast(s[start:i]))
			start = -1
		}
	}
	if start >= 0 {
		words = append(words, toneLast(s[start:]))
	}
	return words
}

// toneLast moves the Vietnamese tone marks of a word (grave, acute, tilde, hook above, dot
// below) after its letters, leaving the other marks (circumflex, breve, horn) on theirs: a key
// for comparing words, not text to show. Only the tone's place changes: "cá" and "cà", "có"
// and "cơ" stay apart.
func toneLast(w string) string {
	d := norm.NFD.String(w)
	var base, tones strings.Builder
	for _, r := range d {
		switch r {
		case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
			tones.WriteRune(r)
		default:
			base.WriteRune(r)
		}
	}
	if tones.Len() == 0 {
		return w
	}
	return norm.NFC.String(base.String()) + "+" + tones.String()
}

// heldFor returns the first entry of the word list that the text holds as whole words, in order
// and with the same diacritics (case ignored), or "" if none does.
func heldFor(list []string, parts ...string) string {
	if len(list) == 0 {
		return ""
	}
	var words []string
	for _, p := range parts {
		words = append(words, listWords(p)...)
	}
	hay := " " + strings.Join(words, " ") + " "
	for _, entry := range list {
		ws := listWords(entry)
		if len(ws) > 0 && strings.Contains(hay, " "+strings.Join(ws, " ")+" ") {
			return entry
		}
	}
	return ""
}

// MayPost reports whether an identity may post, and if not why (a *BanError).
func (b *Board) MayPost(ctx context.Context, id Identity) error {
	if be := b.banned(id.Fingerprint, id.Addr); be != nil {
		return be
	}
	return nil
}

// Comments returns a page of a thread's approved comments, oldest first; a thread the viewer may
// not see (a draft, a deleted thread: see Thread) is ErrNotFound.
func (b *Board) Comments(ctx context.Context, viewer Identity, threadID uint64, page, per int) (CommentPage, error) {
	per = perPage(per)
	page = max(page, 1)
	var out CommentPage
	err := b.view(ctx, func(tx Tx) error {
		t, err := visibleThread(tx, viewer, threadID)
		if err != nil {
			return err
		}
		cs, err := tx.ThreadComments(threadID, (page-1)*per, per)
		if err != nil {
			return err
		}
		if !viewer.Role.CanModerate() {
			for i := range cs {
				cs[i].HeldFor = ""
			}
		}
		out = CommentPage{Comments: cs, Total: t.Comments, Page: page, Pages: pages(t.Comments, per)}
		return nil
	})
	if err != nil {
		return CommentPage{}, fmt.Errorf("comments of thread %d: %w", threadID, err)
	}
	return out, nil
}

// Comment returns one comment of any status (moderators), or an approved one (others).
func (b *Board) Comment(ctx context.Context, viewer Identity, id uint64) (Comment, error) {
	var c Comment
	err := b.view(ctx, func(tx Tx) error {
		var err error
		c, err = tx.Comment(id)
		return err
	})
	if err == nil && !viewer.Role.CanModerate() {
		if c.Status != CommentApproved {
			err = ErrNotFound
		}
		c.HeldFor = ""
	}
	if err != nil {
		return Comment{}, fmt.Errorf("comment %d: %w", id, err)
	}
	return c, nil
}

// withTitles fills in ThreadTitle.
func withTitles(tx Tx, cs []Comment) error {
	titles := map[uint64]string{}
	for i := range cs {
		title, ok := titles[cs[i].ThreadID]
		if !ok {
			t, err := tx.Thread(cs[i].ThreadID)
			if err == nil {
				title = t.Title
			}
			titles[cs[i].ThreadID] = title
		}
		cs[i].ThreadTitle = title
	}
	return nil
}

// Pending lists pending comments oldest first, with thread titles (moderators).
func (b *Board) Pending(ctx context.Context, actor Identity, limit int) ([]Comment, error) {
	if err := b.allow(ctx, actor, actor.Role.CanModerate(), "comment.pending"); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = 100
	}
	var cs []Comment
	err := b.view(ctx, func(tx Tx) error {
		var err error
		if cs, err = tx.PendingComments(limit); err != nil {
			return err
		}
		return withTitles(tx, cs)
	})
	return cs, err
}

// PendingCount is the number of comments waiting; cheap (no scan).
func (b *Board) PendingCount(ctx context.Context) (int, error) {
	var n int
	err := b.view(ctx, func(tx Tx) error {
		var err error
		n, err = tx.PendingCount()
		return err
	})
	return n, err
}

func (b *Board) ApproveComments(ctx context.Context, actor Identity, ids []uint64, reason string) error {
	return b.moderate(ctx, actor, ids, CommentApproved, AuditCommentApprove, reason)
}

func (b *Board) RejectComments(ctx context.Context, actor Identity, ids []uint64, reason string) error {
	return b.moderate(ctx, actor, ids, CommentRejected, AuditCommentReject, reason)
}

func (b *Board) DeleteComments(ctx context.Context, actor Identity, ids []uint64, reason string) error {
	return b.moderate(ctx, actor, ids, CommentDeleted, AuditCommentDelete, reason)
}

// setStatus changes a comment's status and keeps its thread's approved count in step.
func (b *Board) setStatus(tx Tx, actor Identity, c *Comment, to CommentStatus, reason string, threads map[uint64]*Thread) error {
	t, ok := threads[c.ThreadID]
	if !ok {
		th, err := tx.Thread(c.ThreadID)
		if err != nil {
			return fmt.Errorf("thread %d of comment %d: %w", c.ThreadID, c.ID, err)
		}
		t = &th
		threads[c.ThreadID] = t
	}
	switch {
	case c.Status == CommentApproved && to != CommentApproved:
		t.Comments--
	case c.Status != CommentApproved && to == CommentApproved:
		t.Comments++
	}
	c.Status, c.Moderator, c.DecidedAt, c.Reason = to, actor.Actor(), b.now(), reason
	return tx.PutComment(c)
}

// saveThreads writes threads whose approved count changed, with the time of their newest
// approved comment.
func saveThreads(tx Tx, threads map[uint64]*Thread) error {
	for _, t := range threads {
		t.LastCommentAt = time.Time{}
		if t.Comments > 0 {
			cs, err := tx.ThreadComments(t.ID, t.Comments-1, 1)
			if err != nil {
				return err
			}
			if len(cs) > 0 {
				t.LastCommentAt = cs[0].CreatedAt
			}
		}
		if err := tx.PutThread(t); err != nil {
			return err
		}
	}
	return nil
}

func (b *Board) moderate(ctx context.Context, actor Identity, ids []uint64, to CommentStatus, kind, reason string) error {
	if err := b.allow(ctx, actor, actor.Role.CanModerate(), kind); err != nil {
		return err
	}
	reason, err := cleanReason(reason)
	if err != nil {
		return err
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	if len(ids) == 0 {
		return nil
	}
	return b.update(ctx, func(tx Tx) error {
		threads := map[uint64]*Thread{}
		for _, id := range ids {
			c, err := tx.Comment(id)
			if err != nil {
				return fmt.Errorf("comment %d: %w", id, err)
			}
			if c.Status == to {
				continue
			}
			if err := b.setStatus(tx, actor, &c, to, reason, threads); err != nil {
				return err
			}
			if err := b.audit(tx, actor, kind, fmt.Sprintf("comment:%d", id), reason, fmt.Sprintf("thread:%d", c.ThreadID)); err != nil {
				return err
			}
		}
		return saveThreads(tx, threads)
	})
}

// EditComment replaces a comment's name, title and body (moderators); approve says whether to
// approve it in the same step.
func (b *Board) EditComment(ctx context.Context, actor Identity, id uint64, in CommentInput, approve bool) (Comment, error) {
	if err := b.allow(ctx, actor, actor.Role.CanModerate(), AuditCommentEdit); err != nil {
		return Comment{}, err
	}
	in, err := cleanComment(in)
	if err != nil {
		return Comment{}, err
	}
	var c Comment
	err = b.update(ctx, func(tx Tx) error {
		var err error
		if c, err = tx.Comment(id); err != nil {
			return fmt.Errorf("comment %d: %w", id, err)
		}
		c.Name, c.Title, c.Body = in.Name, in.Title, in.Body
		if err := tx.PutComment(&c); err != nil {
			return err
		}
		if err := b.audit(tx, actor, AuditCommentEdit, fmt.Sprintf("comment:%d", id), "", fmt.Sprintf("thread:%d", c.ThreadID)); err != nil {
			return err
		}
		if approve && c.Status != CommentApproved {
			threads := map[uint64]*Thread{}
			if err := b.setStatus(tx, actor, &c, CommentApproved, "", threads); err != nil {
				return err
			}
			if err := b.audit(tx, actor, AuditCommentApprove, fmt.Sprintf("comment:%d", id), "", fmt.Sprintf("thread:%d", c.ThreadID)); err != nil {
				return err
			}
			return saveThreads(tx, threads)
		}
		return nil
	})
	if err != nil {
		return Comment{}, err
	}
	return c, nil
}

// hasPrefixWords reports whether every query word is a prefix of some word of have.
func hasPrefixWords(have, want []string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			if strings.HasPrefix(h, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func (b *Board) SearchComments(ctx context.Context, actor Identity, q CommentQuery) ([]Comment, error) {
	if err := b.allow(ctx, actor, actor.Role.CanModerate(), "comment.search"); err != nil {
		return nil, err
	}
	author, err := clean(fieldSpec{name: "query", max: MaxQuery}, q.Author)
	if err != nil {
		return nil, err
	}
	author = text.Fold(author)
	qt, err := clean(fieldSpec{name: "query", max: MaxQuery}, q.Text)
	if err != nil {
		return nil, err
	}
	words := text.Words(qt)
	limit := q.Limit
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, 1000)
	var out []Comment
	err = b.view(ctx, func(tx Tx) error {
		err := tx.EachComment(func(c Comment) bool {
			switch {
			case q.Status != nil && c.Status != *q.Status:
			case !q.From.IsZero() && c.CreatedAt.Before(q.From):
			case !q.To.IsZero() && !c.CreatedAt.Before(q.To):
			case author != "" && !strings.Contains(text.Fold(c.Name), author) &&
				!strings.Contains(c.Login, author) && !strings.Contains(strings.ToLower(c.Fingerprint), author):
			case len(words) > 0 && !hasPrefixWords(text.Words(c.Title+" "+c.Body), words):
			default:
				out = append(out, c)
			}
			return len(out) < limit
		})
		if err != nil {
			return err
		}
		return withTitles(tx, out)
	})
	return out, err
}

// CommentIndex is the 0-based place of an approved comment among its thread's approved comments
// (oldest first), for opening a thread at that comment: it is on page index/per+1 of Comments.
// A comment that is not approved, not of the thread, or a thread the viewer may not see is
// ErrNotFound.
func (b *Board) CommentIndex(ctx context.Context, viewer Identity, threadID, commentID uint64) (int, error) {
	const chunk = 500
	index := -1
	err := b.view(ctx, func(tx Tx) error {
		if _, err := visibleThread(tx, viewer, threadID); err != nil {
			return err
		}
		c, err := tx.Comment(commentID)
		if err != nil {
			return err
		}
		if c.ThreadID != threadID || c.Status != CommentApproved {
			return ErrNotFound
		}
		for skip := 0; ; skip += chunk {
			cs, err := tx.ThreadComments(threadID, skip, chunk)
			if err != nil {
				return err
			}
			for i, o := range cs {
				if o.ID == commentID {
					index = skip + i
					return nil
				}
			}
			if len(cs) < chunk {
				return ErrNotFound
			}
		}
	})
	if err != nil {
		return 0, fmt.Errorf("comment %d of thread %d: %w", commentID, threadID, err)
	}
	return index, nil
}

// MaxMyComments is the most comments MyComments returns.
const MaxMyComments = 1000

// MyComments lists the comments an identified writer posted, newest first, every status
// (pending, approved, rejected with the moderator's reason, deleted), with thread titles: an
// account's by its login, a guest's by its key. A guest without a key is ErrNoIdentity: its
// address is shared (an office, a NAT) and cannot tell whose a comment is. HeldFor is left out
// (moderators only). limit <= 0 is 50.
func (b *Board) MyComments(ctx context.Context, who Identity, limit int) ([]Comment, error) {
	if !who.IsAccount() && who.Fingerprint == "" {
		return nil, ErrNoIdentity
	}
	if limit <= 0 {
		limit = 50
	}
	limit = min(limit, MaxMyComments)
	var out []Comment
	err := b.view(ctx, func(tx Tx) error {
		var err error
		if out, err = tx.AuthorComments(who.ReaderKey(), limit); err != nil {
			return err
		}
		for i := range out {
			out[i].HeldFor = ""
		}
		return withTitles(tx, out)
	})
	if err != nil {
		return nil, fmt.Errorf("comments of %s: %w", who.Actor(), err)
	}
	return out, nil
}

// LastCommentName is the name a guest key used on its last comment, for prefilling the form.
func (b *Board) LastCommentName(ctx context.Context, id Identity) (string, error) {
	if id.Fingerprint == "" {
		return "", nil
	}
	var name string
	err := b.view(ctx, func(tx Tx) error {
		var err error
		name, err = tx.LastName(id.Fingerprint)
		return err
	})
	return name, err
}

package board

import (
	"context"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"time"

	"bangtin/board/text"
)

// --- comments ---

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
// moderation setting trusts the author's role and no listed word matches. Refused with *BanError
// or *RateLimitError or *ValidationError.
func (b *Board) PostComment(ctx context.Context, author Identity, in CommentInput) (Comment, error) {
	if err := b.MayPost(ctx, author); err != nil {
		return Comment{}, err
	}
	in, err := cleanComment(in)
	if err != nil {
		return Comment{}, err
	}
	now := b.now()
	if !author.IsAccount() {
		if wait := b.limit.take(now, guestLimitKeys(author)...); wait > 0 {
			return Comment{}, &RateLimitError{RetryAfter: wait}
		}
	}
	b.mu.RLock()
	mode, words := b.settings.Moderation, b.settings.WordList
	b.mu.RUnlock()
	status := CommentPending
	if trusted(mode, author.Role) && !wordListMatch(words, in.Name, in.Title, in.Body) {
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

func guestLimitKeys(id Identity) []string {
	keys := make([]string, 0, 2)
	if id.Fingerprint != "" {
		keys = append(keys, "key:"+id.Fingerprint)
	}
	if id.Addr.IsValid() {
		keys = append(keys, "ip:"+id.Addr.String())
	}
	if len(keys) == 0 {
		keys = append(keys, "anonymous")
	}
	return keys
}

// MayPost reports whether an identity may post, and if not why (a *BanError).
func (b *Board) MayPost(ctx context.Context, id Identity) error {
	if be := b.banned(id.Fingerprint, id.Addr); be != nil {
		return be
	}
	return nil
}

func (b *Board) banned(fp string, addr netip.Addr) *BanError {
	now := b.now()
	addr = addr.Unmap()
	b.mu.RLock()
	defer b.mu.RUnlock()
	for _, ban := range b.bans {
		if !ban.ExpiresAt.IsZero() && !now.Before(ban.ExpiresAt) {
			continue
		}
		if (ban.Fingerprint != "" && ban.Fingerprint == fp) ||
			(ban.Prefix.IsValid() && addr.IsValid() && ban.Prefix.Contains(addr)) {
			return &BanError{Reason: ban.Reason, Expires: ban.ExpiresAt}
		}
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
		t, err := tx.Thread(threadID)
		if err != nil {
			return err
		}
		if !visible(viewer, t) {
			return ErrNotFound
		}
		cs, err := tx.ThreadComments(threadID, (page-1)*per, per)
		if err != nil {
			return err
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
	if err == nil && c.Status != CommentApproved && !viewer.Role.CanModerate() {
		err = ErrNotFound
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

// --- bans, settings, audit ---

func (b *Board) AddBan(ctx context.Context, actor Identity, in BanInput) (Ban, error) {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin(), AuditBanAdd); err != nil {
		return Ban{}, err
	}
	ban := Ban{By: actor.Actor(), CreatedAt: b.now()}
	fp := strings.TrimSpace(in.Fingerprint)
	addr := strings.TrimSpace(in.Addr)
	switch {
	case fp != "" && addr != "":
		return Ban{}, &ValidationError{Field: "addr", Problem: ProblemFormat}
	case fp != "":
		c, err := clean(fieldSpec{name: "key", min: 8, max: 100}, fp)
		if err != nil {
			return Ban{}, err
		}
		if !strings.HasPrefix(c, "SHA256:") || strings.ContainsAny(c, " \t") {
			return Ban{}, &ValidationError{Field: "key", Problem: ProblemFormat}
		}
		ban.Fingerprint = c
	case addr != "":
		p, err := parsePrefix(addr)
		if err != nil {
			return Ban{}, err
		}
		ban.Prefix = p
	default:
		return Ban{}, &ValidationError{Field: "addr", Problem: ProblemRequired}
	}
	if in.For < 0 {
		return Ban{}, &ValidationError{Field: "for", Problem: ProblemFormat}
	}
	if in.For > 0 {
		ban.ExpiresAt = ban.CreatedAt.Add(in.For)
	}
	reason, err := cleanReason(in.Reason)
	if err != nil {
		return Ban{}, err
	}
	ban.Reason = reason
	tmpl := ban
	err = b.update(ctx, func(tx Tx) error {
		// The store may run this more than once: start from the template every time.
		nb := tmpl
		if err := tx.PutBan(&nb); err != nil {
			return err
		}
		target := "key:" + nb.Fingerprint
		if nb.Prefix.IsValid() {
			target = "addr:" + nb.Prefix.String()
		}
		if err := b.audit(tx, actor, AuditBanAdd, fmt.Sprintf("ban:%d", nb.ID), reason, target); err != nil {
			return err
		}
		ban = nb
		return nil
	})
	if err != nil {
		return Ban{}, err
	}
	return ban, b.reloadCaches(ctx)
}

func parsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, &ValidationError{Field: "addr", Problem: ProblemFormat}
		}
		if p.Addr().Is4In6() {
			p = netip.PrefixFrom(p.Addr().Unmap(), max(p.Bits()-96, 0))
		}
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, &ValidationError{Field: "addr", Problem: ProblemFormat}
	}
	a = a.Unmap().WithZone("")
	return netip.PrefixFrom(a, a.BitLen()), nil
}

func (b *Board) Bans(ctx context.Context, actor Identity) ([]Ban, error) {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin(), "ban.list"); err != nil {
		return nil, err
	}
	var bans []Ban
	err := b.view(ctx, func(tx Tx) error {
		var err error
		bans, err = tx.Bans()
		return err
	})
	return bans, err
}

func (b *Board) RemoveBan(ctx context.Context, actor Identity, id uint64) error {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin(), AuditBanRemove); err != nil {
		return err
	}
	err := b.update(ctx, func(tx Tx) error {
		all, err := tx.Bans()
		if err != nil {
			return err
		}
		found := false
		for _, x := range all {
			if x.ID == id {
				found = true
			}
		}
		if !found {
			return fmt.Errorf("ban %d: %w", id, ErrNotFound)
		}
		if err := tx.DeleteBan(id); err != nil {
			return err
		}
		return b.audit(tx, actor, AuditBanRemove, fmt.Sprintf("ban:%d", id), "", "")
	})
	if err != nil {
		return err
	}
	return b.reloadCaches(ctx)
}

// reloadCaches reads the settings and bans after a change to them. Reloads run one at a time,
// each after its own change committed, so the last one leaves the caches holding every change
// (concurrent changes sharing a transaction cannot each just install what they saw).
func (b *Board) reloadCaches(ctx context.Context) error {
	b.reloadMu.Lock()
	defer b.reloadMu.Unlock()
	return b.view(ctx, func(tx Tx) error {
		s, err := tx.Settings()
		if err != nil {
			return err
		}
		bans, err := tx.Bans()
		if err != nil {
			return err
		}
		b.mu.Lock()
		b.settings, b.bans = s, bans
		b.mu.Unlock()
		return nil
	})
}

// IsBanned is the check the SSH server makes at connection time (key or address). addr may be an
// address or address:port.
func (b *Board) IsBanned(ctx context.Context, fingerprint string, addr string) (*BanError, error) {
	var a netip.Addr
	if addr != "" {
		if ap, err := netip.ParseAddrPort(addr); err == nil {
			a = ap.Addr()
		} else if pa, err := netip.ParseAddr(addr); err == nil {
			a = pa
		} else {
			return nil, &ValidationError{Field: "addr", Problem: ProblemFormat}
		}
	}
	return b.banned(fingerprint, a), nil
}

func (b *Board) Settings(ctx context.Context) (Settings, error) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	s := b.settings
	s.WordList = slices.Clone(s.WordList)
	return s, nil
}

func (b *Board) changeSettings(ctx context.Context, actor Identity, detail string, change func(*Settings)) error {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin(), AuditSettings); err != nil {
		return err
	}
	err := b.update(ctx, func(tx Tx) error {
		s, err := tx.Settings()
		if err != nil {
			return err
		}
		change(&s)
		if err := tx.PutSettings(s); err != nil {
			return err
		}
		return b.audit(tx, actor, AuditSettings, "settings", "", detail)
	})
	if err != nil {
		return err
	}
	return b.reloadCaches(ctx)
}

func (b *Board) SetModeration(ctx context.Context, actor Identity, m ModerationMode) error {
	if int(m) >= len(moderationNames) {
		return &ValidationError{Field: "moderation", Problem: ProblemUnknown}
	}
	return b.changeSettings(ctx, actor, "moderation="+m.String(), func(s *Settings) { s.Moderation = m })
}

func (b *Board) SetCaptcha(ctx context.Context, actor Identity, on bool) error {
	return b.changeSettings(ctx, actor, fmt.Sprintf("captcha=%t", on), func(s *Settings) { s.Captcha = on })
}

func (b *Board) SetWordList(ctx context.Context, actor Identity, words []string) error {
	if len(words) > MaxWords {
		return &ValidationError{Field: "words", Problem: ProblemTooLong, Max: MaxWords}
	}
	var list []string
	seen := map[string]bool{}
	for _, w := range words {
		c, err := clean(fieldSpec{name: "words", max: MaxWord}, w)
		if err != nil {
			return err
		}
		f := strings.Join(text.Words(c), " ")
		if f == "" {
			f = text.Fold(c)
		}
		if f != "" && !seen[f] {
			seen[f] = true
			list = append(list, f)
		}
	}
	return b.changeSettings(ctx, actor, fmt.Sprintf("words=%d", len(list)), func(s *Settings) { s.WordList = list })
}

func (b *Board) Audit(ctx context.Context, actor Identity, q AuditQuery) ([]AuditEntry, error) {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin(), "audit"); err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 10000)
	var out []AuditEntry
	err := b.view(ctx, func(tx Tx) error {
		return tx.EachAudit(func(e AuditEntry) bool {
			if strings.HasPrefix(e.Kind, q.Kind) && (q.Actor == "" || e.Actor == q.Actor) {
				out = append(out, e)
			}
			return len(out) < limit
		})
	})
	return out, err
}

// LogDenied records a refused attempt at a privileged action (what: the command or screen).
// The Board's own methods already log the refusals they return as ErrForbidden.
func (b *Board) LogDenied(ctx context.Context, actor Identity, what string) {
	b.enqueueAudit(AuditEntry{At: b.now(), Actor: actor.Actor(), Kind: AuditDenied, Target: text.Line(what), Detail: actor.Role.String()})
}

// LogAuthFailure records a failed password attempt (for the audit log); never blocks on disk.
func (b *Board) LogAuthFailure(ctx context.Context, login, addr string) {
	l := text.Line(login)
	if len(l) > 64 {
		l = l[:64]
	}
	b.enqueueAudit(AuditEntry{At: b.now(), Actor: strings.ToValidUTF8(l, ""), Kind: AuditAuthFailure, Target: "addr:" + text.Line(addr)})
}

// enqueueAudit hands an entry to the audit writer without waiting; a full queue drops it.
func (b *Board) enqueueAudit(e AuditEntry) {
	if b.closed.Load() {
		return
	}
	select {
	case b.auditQ <- auditItem{e: e}:
	default:
		b.dropped.Add(1)
	}
}

// auditItem is an entry for the audit writer, or (done set) a request to signal once every
// earlier entry is written.
type auditItem struct {
	e    AuditEntry
	done chan struct{}
}

// Flush writes the batched counters and every queued audit entry now (tests, backups, shutdown
// paths that cannot wait for the next interval).
func (b *Board) Flush(ctx context.Context) error {
	if b.closed.Load() {
		return ErrClosed
	}
	b.flush()
	done := make(chan struct{})
	select {
	case b.auditQ <- auditItem{done: done}:
	case <-ctx.Done():
		return ctx.Err()
	case <-b.done:
		return ErrClosed
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-b.done:
		return ErrClosed
	}
}

// auditWriter writes queued audit entries in order, many per transaction.
func (b *Board) auditWriter() {
	defer b.wg.Done()
	var batch []auditItem
	write := func() {
		if len(batch) == 0 {
			return
		}
		err := b.st.Update(context.Background(), func(tx Tx) error {
			for i := range batch {
				if batch[i].done != nil {
					continue
				}
				e := batch[i].e
				if err := tx.AppendAudit(&e); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.dropped.Add(uint64(len(batch)))
		}
		for _, it := range batch {
			if it.done != nil {
				close(it.done)
			}
		}
		batch = batch[:0]
	}
	for {
		select {
		case it := <-b.auditQ:
			batch = append(batch, it)
		drain:
			for len(batch) < 512 {
				select {
				case it := <-b.auditQ:
					batch = append(batch, it)
				default:
					break drain
				}
			}
			write()
		case <-b.done:
			for {
				select {
				case it := <-b.auditQ:
					batch = append(batch, it)
				default:
					write()
					return
				}
			}
		}
	}
}

// limiter is a sliding-window limit of events per key (guest comments).
type limiter struct {
	mu     sync.Mutex
	n      int
	window time.Duration
	events map[string][]time.Time
	sweep  time.Time
}

func newLimiter(n int, window time.Duration) *limiter {
	return &limiter{n: n, window: window, events: map[string][]time.Time{}}
}

// take records one event for every key if each has room at now, and returns 0; otherwise it
// records nothing and returns how long until the fullest key has room.
func (l *limiter) take(now time.Time, keys ...string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.sweep) > l.window {
		for k, ev := range l.events {
			if len(ev) == 0 || now.Sub(ev[len(ev)-1]) >= l.window {
				delete(l.events, k)
			}
		}
		l.sweep = now
	}
	var wait time.Duration
	for _, k := range keys {
		ev := l.events[k]
		i := 0
		for i < len(ev) && now.Sub(ev[i]) >= l.window {
			i++
		}
		ev = ev[i:]
		l.events[k] = ev
		if len(ev) >= l.n {
			wait = max(wait, l.window-now.Sub(ev[len(ev)-l.n]))
		}
	}
	if wait > 0 {
		return wait
	}
	for _, k := range keys {
		l.events[k] = append(l.events[k], now)
	}
	return 0
}

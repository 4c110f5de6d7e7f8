package board

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	_ "time/tzdata" // the default zone must work on machines without tzdata

	"bangtin/board/text"
)

// Options configure a Board. Zero values take the defaults.
type Options struct {
	Location           *time.Location   // default Asia/Ho_Chi_Minh (tzdata is embedded)
	FlushInterval      time.Duration    // counters, views, read markers; default 5s
	Now                func() time.Time // default time.Now
	GuestCommentLimit  int              // comments per window per guest key and per IP; default 3
	GuestCommentWindow time.Duration    // default 10m
}

// DefaultZone is the board's default time zone.
const DefaultZone = "Asia/Ho_Chi_Minh"

func (o Options) withDefaults() (Options, error) {
	if o.Location == nil {
		loc, err := time.LoadLocation(DefaultZone)
		if err != nil {
			return o, fmt.Errorf("load time zone %s: %w", DefaultZone, err)
		}
		o.Location = loc
	}
	if o.FlushInterval <= 0 {
		o.FlushInterval = 5 * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.GuestCommentLimit <= 0 {
		o.GuestCommentLimit = 3
	}
	if o.GuestCommentWindow <= 0 {
		o.GuestCommentWindow = 10 * time.Minute
	}
	return o, nil
}

// Board is the service every interface (TUI, ssh commands) talks to. It is safe for concurrent use.
type Board struct {
	st   Store
	opts Options

	version atomic.Uint64 // every change a screen may show, visits included
	content atomic.Uint64 // changes to threads, comments, categories, views: not visits
	closed  atomic.Bool
	once    sync.Once
	done    chan struct{}
	wg      sync.WaitGroup

	reloadMu sync.Mutex   // serialises reloadCaches
	mu       sync.RWMutex // guards settings and bans (caches of the stored ones)
	settings Settings
	bans     []Ban

	// byKey caches the accounts by key fingerprint (nil: not loaded): every public-key login
	// looks one up. A change to accounts drops it after committing, under accountsMu, and the
	// next lookup loads it again under the same lock, so no lookup after a change sees the old.
	accountsMu sync.Mutex
	byKey      atomic.Pointer[map[string]Account]

	limit   *limiter
	counter counters
	auditQ  chan auditItem
	dropped atomic.Uint64 // audit entries dropped because the queue was full
}

// New builds a Board over an open store and starts its counter flusher. Close flushes and closes
// the store.
func New(st Store, opts Options) (*Board, error) {
	o, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	b := &Board{
		st:     st,
		opts:   o,
		done:   make(chan struct{}),
		limit:  newLimiter(o.GuestCommentLimit, o.GuestCommentWindow),
		auditQ: make(chan auditItem, 4096),
	}
	b.counter.init(o.Location)
	err = st.View(context.Background(), func(tx Tx) error {
		s, err := tx.Settings()
		if err != nil {
			return err
		}
		bans, err := tx.Bans()
		if err != nil {
			return err
		}
		b.settings, b.bans = s, bans
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load board settings: %w", err)
	}
	b.wg.Add(2)
	go b.flusher()
	go b.auditWriter()
	return b, nil
}

// Close flushes the batched counters and closes the store.
func (b *Board) Close() error {
	var err error
	b.once.Do(func() {
		close(b.done)
		b.wg.Wait()
		b.closed.Store(true)
		err = b.st.Close()
	})
	return err
}

// Location is the board's time zone.
func (b *Board) Location() *time.Location { return b.opts.Location }

// Version increases on every change a screen may show (threads, comments, moderation, visits
// after a flush or record). Sessions compare it to skip refreshes when nothing changed.
func (b *Board) Version() uint64 { return b.version.Load() }

// ContentVersion increases on every change to what lists and threads show (threads, comments,
// categories, moderation, view counts, counter flushes), but not on a recorded visit, which only
// the visitor counts show. Snapshots of lists and threads shared between sessions key on it, so
// a new session's visit does not make every session reread the thread list.
func (b *Board) ContentVersion() uint64 { return b.content.Load() }

// changed bumps the content version, then the version: a reader that sees the new Version
// also sees the new ContentVersion.
func (b *Board) changed() {
	b.content.Add(1)
	b.version.Add(1)
}

func (b *Board) now() time.Time { return b.opts.Now() }

func (b *Board) view(ctx context.Context, fn func(Tx) error) error {
	if b.closed.Load() {
		return ErrClosed
	}
	return b.st.View(ctx, fn)
}

// update runs fn in a write transaction (fsynced before it returns) and bumps the version.
func (b *Board) update(ctx context.Context, fn func(Tx) error) error {
	if b.closed.Load() {
		return ErrClosed
	}
	if err := b.st.Update(ctx, fn); err != nil {
		return err
	}
	b.changed()
	return nil
}

// allow refuses (and audits the refusal of) an action the actor's role does not permit.
func (b *Board) allow(ctx context.Context, actor Identity, ok bool, what string) error {
	if ok {
		return nil
	}
	b.LogDenied(ctx, actor, what)
	return fmt.Errorf("%s: %w", what, ErrForbidden)
}

func (b *Board) audit(tx Tx, actor Identity, kind, target, reason, detail string) error {
	return tx.AppendAudit(&AuditEntry{At: b.now(), Actor: actor.Actor(), Kind: kind, Target: target, Reason: reason, Detail: detail})
}

func cleanReason(s string) (string, error) {
	return clean(fieldSpec{name: "reason", max: MaxReason}, s)
}

// Check runs the store's consistency check.
func (b *Board) Check(ctx context.Context) error {
	if b.closed.Load() {
		return ErrClosed
	}
	return b.st.Check(ctx)
}

// Backup writes a consistent snapshot of the database to w without blocking writers (admins).
func (b *Board) Backup(ctx context.Context, actor Identity, w io.Writer) (int64, error) {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin(), "backup"); err != nil {
		return 0, err
	}
	if b.closed.Load() {
		return 0, ErrClosed
	}
	b.flush()
	n, err := b.st.WriteTo(ctx, w)
	if err != nil {
		return n, fmt.Errorf("backup: %w", err)
	}
	return n, nil
}

// --- categories ---

func (b *Board) Categories(ctx context.Context) ([]Category, error) {
	var cs []Category
	err := b.view(ctx, func(tx Tx) error {
		var err error
		cs, err = tx.Categories()
		return err
	})
	return cs, err
}

func (b *Board) CategoryBySlug(ctx context.Context, slug string) (Category, error) {
	cs, err := b.Categories(ctx)
	if err != nil {
		return Category{}, err
	}
	for _, c := range cs {
		if c.Slug == slug {
			return c, nil
		}
	}
	return Category{}, fmt.Errorf("category %q: %w", slug, ErrNotFound)
}

func (b *Board) AddCategory(ctx context.Context, actor Identity, name string) (Category, error) {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), "category.add"); err != nil {
		return Category{}, err
	}
	name, err := clean(fieldSpec{name: "name", min: 1, max: MaxCategoryName}, name)
	if err != nil {
		return Category{}, err
	}
	slug := Slug(name)
	if slug == "" {
		return Category{}, &ValidationError{Field: "name", Problem: ProblemFormat}
	}
	var c Category
	err = b.update(ctx, func(tx Tx) error {
		cs, err := tx.Categories()
		if err != nil {
			return err
		}
		order := 0
		for _, o := range cs {
			if o.Slug == slug {
				return fmt.Errorf("category %q: %w", slug, ErrExists)
			}
			order = max(order, o.Order+1)
		}
		c = Category{Name: name, Slug: slug, Order: order}
		if err := tx.PutCategory(&c); err != nil {
			return err
		}
		return b.audit(tx, actor, AuditCategoryAdd, fmt.Sprintf("category:%d", c.ID), "", name)
	})
	return c, err
}

func (b *Board) RenameCategory(ctx context.Context, actor Identity, id uint64, name string) error {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), "category.rename"); err != nil {
		return err
	}
	name, err := clean(fieldSpec{name: "name", min: 1, max: MaxCategoryName}, name)
	if err != nil {
		return err
	}
	slug := Slug(name)
	if slug == "" {
		return &ValidationError{Field: "name", Problem: ProblemFormat}
	}
	return b.update(ctx, func(tx Tx) error {
		cs, err := tx.Categories()
		if err != nil {
			return err
		}
		var c *Category
		for i := range cs {
			if cs[i].ID == id {
				c = &cs[i]
			} else if cs[i].Slug == slug {
				return fmt.Errorf("category %q: %w", slug, ErrExists)
			}
		}
		if c == nil {
			return fmt.Errorf("category %d: %w", id, ErrNotFound)
		}
		old := c.Name
		c.Name, c.Slug = name, slug
		if err := tx.PutCategory(c); err != nil {
			return err
		}
		return b.audit(tx, actor, AuditCategoryRename, fmt.Sprintf("category:%d", id), "", old+" -> "+name)
	})
}

// MoveCategory sets a category's position (0-based) among the others.
func (b *Board) MoveCategory(ctx context.Context, actor Identity, id uint64, pos int) error {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), "category.move"); err != nil {
		return err
	}
	return b.update(ctx, func(tx Tx) error {
		cs, err := tx.Categories()
		if err != nil {
			return err
		}
		at := -1
		for i, c := range cs {
			if c.ID == id {
				at = i
			}
		}
		if at < 0 {
			return fmt.Errorf("category %d: %w", id, ErrNotFound)
		}
		c := cs[at]
		cs = append(cs[:at], cs[at+1:]...)
		to := min(max(pos, 0), len(cs))
		cs = append(cs[:to], append([]Category{c}, cs[to:]...)...)
		for i := range cs {
			if cs[i].Order != i {
				cs[i].Order = i
				if err := tx.PutCategory(&cs[i]); err != nil {
					return err
				}
			}
		}
		return b.audit(tx, actor, AuditCategoryMove, fmt.Sprintf("category:%d", id), "", strconv.Itoa(to))
	})
}

// RemoveCategory removes an empty category (ErrNotEmpty otherwise; deleted threads count).
func (b *Board) RemoveCategory(ctx context.Context, actor Identity, id uint64) error {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), "category.remove"); err != nil {
		return err
	}
	return b.update(ctx, func(tx Tx) error {
		c, err := tx.Category(id)
		if err != nil {
			return err
		}
		n, err := tx.CategoryThreadCount(id)
		if err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("category %d has %d threads: %w", id, n, ErrNotEmpty)
		}
		if err := tx.DeleteCategory(id); err != nil {
			return err
		}
		return b.audit(tx, actor, AuditCategoryRemove, fmt.Sprintf("category:%d", id), "", c.Name)
	})
}

// --- threads ---

const (
	defaultPerPage = 20
	maxPerPage     = 100
)

func perPage(n int) int {
	if n <= 0 {
		return defaultPerPage
	}
	return min(n, maxPerPage)
}

func pages(total, per int) int {
	return max(1, (total+per-1)/per)
}

// ListThreads returns a page: pinned first, then newest published. Viewers who cannot edit news
// see published threads only, whatever q.All says.
func (b *Board) ListThreads(ctx context.Context, viewer Identity, q ThreadQuery) (ThreadPage, error) {
	all := q.All && viewer.Role.CanEditNews()
	per := perPage(q.PerPage)
	page := max(q.Page, 1)
	var cursor string
	if q.Cursor != "" {
		p, c, ok := strings.Cut(q.Cursor, ".")
		n, err := strconv.Atoi(p)
		if !ok || err != nil || n < 1 || c == "" {
			return ThreadPage{}, &ValidationError{Field: "cursor", Problem: ProblemFormat}
		}
		page, cursor = n, c
	}
	var out ThreadPage
	err := b.view(ctx, func(tx Tx) error {
		total, err := tx.CountThreads(q.CategoryID, all)
		if err != nil {
			return err
		}
		ts, last, err := tx.ListThreads(q.CategoryID, all, cursor, (page-1)*per, per)
		if err != nil {
			return err
		}
		out = ThreadPage{Threads: ts, Total: total, Page: page, Pages: pages(total, per)}
		if page < out.Pages && len(ts) == per && last != "" {
			out.Next = strconv.Itoa(page+1) + "." + last
		}
		return nil
	})
	if err != nil {
		return ThreadPage{}, fmt.Errorf("list threads: %w", err)
	}
	b.counter.addPendingViews(out.Threads)
	return out, nil
}

func visible(viewer Identity, t Thread) bool {
	if viewer.Role.CanEditNews() {
		return true
	}
	return t.Status == StatusPublished && !t.Deleted
}

// Thread returns one thread. Drafts, hidden and deleted threads are ErrNotFound for viewers who
// cannot edit news.
func (b *Board) Thread(ctx context.Context, viewer Identity, id uint64) (Thread, error) {
	var t Thread
	err := b.view(ctx, func(tx Tx) error {
		var err error
		t, err = tx.Thread(id)
		return err
	})
	if err != nil {
		return Thread{}, fmt.Errorf("thread %d: %w", id, err)
	}
	if !visible(viewer, t) {
		return Thread{}, fmt.Errorf("thread %d: %w", id, ErrNotFound)
	}
	ts := []Thread{t}
	b.counter.addPendingViews(ts)
	return ts[0], nil
}

// OtherThreads returns up to n published threads other than id: same category first, newest first,
// without their bodies.
func (b *Board) OtherThreads(ctx context.Context, id uint64, n int) ([]Thread, error) {
	if n <= 0 {
		return nil, nil
	}
	n = min(n, maxPerPage)
	var out []Thread
	err := b.view(ctx, func(tx Tx) error {
		t, err := tx.Thread(id)
		if err != nil {
			return err
		}
		seen := map[uint64]bool{id: true}
		for _, cat := range []uint64{t.CategoryID, 0} {
			ts, _, err := tx.ListThreads(cat, false, "", 0, n+len(seen))
			if err != nil {
				return err
			}
			for _, o := range ts {
				if len(out) < n && !seen[o.ID] {
					seen[o.ID] = true
					out = append(out, o)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("other threads of %d: %w", id, err)
	}
	b.counter.addPendingViews(out)
	return out, nil
}

type threadFields struct {
	title, summary, body string
}

func cleanThread(in ThreadInput) (threadFields, error) {
	var f threadFields
	var err error
	if f.title, err = clean(fieldSpec{name: "title", min: 1, max: MaxThreadTitle}, in.Title); err != nil {
		return f, err
	}
	if f.summary, err = clean(fieldSpec{name: "summary", max: MaxThreadSummary, multiline: true}, in.Summary); err != nil {
		return f, err
	}
	if f.body, err = clean(fieldSpec{name: "body", max: MaxThreadBody, multiline: true, bytes: true}, in.Body); err != nil {
		return f, err
	}
	return f, nil
}

// category resolves a category id (0: the first one).
func category(tx Tx, id uint64) (uint64, error) {
	if id != 0 {
		if _, err := tx.Category(id); err != nil {
			return 0, &ValidationError{Field: "category", Problem: ProblemUnknown}
		}
		return id, nil
	}
	cs, err := tx.Categories()
	if err != nil {
		return 0, err
	}
	if len(cs) == 0 {
		return 0, &ValidationError{Field: "category", Problem: ProblemUnknown}
	}
	return cs[0].ID, nil
}

func authorName(id Identity) string {
	if id.Name != "" {
		return id.Name
	}
	return id.Actor()
}

func (b *Board) CreateThread(ctx context.Context, actor Identity, in ThreadInput) (Thread, error) {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), "thread.create"); err != nil {
		return Thread{}, err
	}
	f, err := cleanThread(in)
	if err != nil {
		return Thread{}, err
	}
	var t Thread
	err = b.update(ctx, func(tx Tx) error {
		cat, err := category(tx, in.CategoryID)
		if err != nil {
			return err
		}
		now := b.now()
		t = Thread{
			CategoryID: cat, Title: f.title, Summary: f.summary, Body: f.body,
			AuthorName: authorName(actor), AuthorLogin: actor.Login, AuthorFingerprint: actor.Fingerprint,
			Pinned: in.Pinned, Status: StatusPublished, CreatedAt: now, UpdatedAt: now, PublishedAt: now,
		}
		if in.Draft {
			t.Status, t.PublishedAt = StatusDraft, time.Time{}
		}
		if err := tx.PutThread(&t); err != nil {
			return err
		}
		return b.audit(tx, actor, AuditThreadCreate, fmt.Sprintf("thread:%d", t.ID), "", f.title)
	})
	if err != nil {
		return Thread{}, fmt.Errorf("create thread: %w", err)
	}
	return t, nil
}

// UpdateThread replaces a thread's fields and keeps the old text as a revision.
func (b *Board) UpdateThread(ctx context.Context, actor Identity, id uint64, in ThreadInput) (Thread, error) {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), "thread.edit"); err != nil {
		return Thread{}, err
	}
	f, err := cleanThread(in)
	if err != nil {
		return Thread{}, err
	}
	var t Thread
	err = b.update(ctx, func(tx Tx) error {
		t, err = tx.Thread(id)
		if err != nil {
			return err
		}
		cat, err := category(tx, in.CategoryID)
		if err != nil {
			return err
		}
		now := b.now()
		if t.Title != f.title || t.Summary != f.summary || t.Body != f.body {
			if err := tx.AddRevision(&Revision{ThreadID: id, Title: t.Title, Summary: t.Summary, Body: t.Body, Editor: actor.Actor(), At: now}); err != nil {
				return err
			}
		}
		t.CategoryID, t.Title, t.Summary, t.Body, t.Pinned, t.UpdatedAt = cat, f.title, f.summary, f.body, in.Pinned, now
		switch {
		case in.Draft:
			t.Status = StatusDraft
		case t.Status == StatusDraft:
			t.Status = StatusPublished
		}
		if t.Status == StatusPublished && t.PublishedAt.IsZero() {
			t.PublishedAt = now
		}
		if err := tx.PutThread(&t); err != nil {
			return err
		}
		return b.audit(tx, actor, AuditThreadEdit, fmt.Sprintf("thread:%d", id), "", f.title)
	})
	if err != nil {
		return Thread{}, fmt.Errorf("update thread %d: %w", id, err)
	}
	return t, nil
}

func (b *Board) HideThread(ctx context.Context, actor Identity, id uint64, reason string) error {
	return b.setThreadState(ctx, actor, id, AuditThreadHide, reason, func(t *Thread) bool {
		t.Status = StatusHidden
		return true
	})
}

// setThreadState lets an editor change a thread's state (kind names the action for the
// permission check and the audit log): change returns false when the thread is already in it
// (nothing is written); otherwise the thread is stored and kind audited with the cleaned reason.
func (b *Board) setThreadState(ctx context.Context, actor Identity, id uint64, kind, reason string, change func(t *Thread) bool) error {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), kind); err != nil {
		return err
	}
	reason, err := cleanReason(reason)
	if err != nil {
		return err
	}
	return b.update(ctx, func(tx Tx) error {
		t, err := tx.Thread(id)
		if err != nil {
			return fmt.Errorf("thread %d: %w", id, err)
		}
		if !change(&t) {
			return nil
		}
		t.UpdatedAt = b.now()
		if err := tx.PutThread(&t); err != nil {
			return err
		}
		return b.audit(tx, actor, kind, fmt.Sprintf("thread:%d", id), reason, t.Title)
	})
}

// RestoreThread un-hides a hidden thread or un-deletes a deleted one (deleted: admins only).
func (b *Board) RestoreThread(ctx context.Context, actor Identity, id uint64) error {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), "thread.restore"); err != nil {
		return err
	}
	var denied bool
	err := b.update(ctx, func(tx Tx) error {
		denied = false
		t, err := tx.Thread(id)
		if err != nil {
			return fmt.Errorf("thread %d: %w", id, err)
		}
		switch {
		case t.Deleted:
			if !actor.Role.CanAdmin() {
				denied = true
				return fmt.Errorf("restore deleted thread %d: %w", id, ErrForbidden)
			}
			t.Deleted = false
		case t.Status == StatusHidden:
			t.Status = StatusPublished
			if t.PublishedAt.IsZero() {
				t.PublishedAt = b.now()
			}
		default:
			return nil
		}
		t.UpdatedAt = b.now()
		if err := tx.PutThread(&t); err != nil {
			return err
		}
		return b.audit(tx, actor, AuditThreadRestore, fmt.Sprintf("thread:%d", id), "", t.Title)
	})
	if denied {
		b.LogDenied(ctx, actor, "thread.restore deleted")
	}
	return err
}

// DeleteThread soft-deletes a thread; it disappears from every list but an admin can restore it.
func (b *Board) DeleteThread(ctx context.Context, actor Identity, id uint64, reason string) error {
	return b.setThreadState(ctx, actor, id, AuditThreadDelete, reason, func(t *Thread) bool {
		if t.Deleted {
			return false
		}
		t.Deleted = true
		return true
	})
}

func (b *Board) Revisions(ctx context.Context, actor Identity, id uint64) ([]Revision, error) {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), "thread.revisions"); err != nil {
		return nil, err
	}
	var rs []Revision
	err := b.view(ctx, func(tx Tx) error {
		if _, err := tx.Thread(id); err != nil {
			return fmt.Errorf("thread %d: %w", id, err)
		}
		var err error
		rs, err = tx.Revisions(id)
		return err
	})
	return rs, err
}

// RestoreRevision makes an earlier revision current (the current text becomes a revision too).
func (b *Board) RestoreRevision(ctx context.Context, actor Identity, id uint64, rev int) (Thread, error) {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), "thread.revert"); err != nil {
		return Thread{}, err
	}
	var t Thread
	err := b.update(ctx, func(tx Tx) error {
		var err error
		if t, err = tx.Thread(id); err != nil {
			return fmt.Errorf("thread %d: %w", id, err)
		}
		rs, err := tx.Revisions(id)
		if err != nil {
			return err
		}
		var r *Revision
		for i := range rs {
			if rs[i].Rev == rev {
				r = &rs[i]
			}
		}
		if r == nil {
			return fmt.Errorf("revision %d of thread %d: %w", rev, id, ErrNotFound)
		}
		now := b.now()
		if err := tx.AddRevision(&Revision{ThreadID: id, Title: t.Title, Summary: t.Summary, Body: t.Body, Editor: actor.Actor(), At: now}); err != nil {
			return err
		}
		t.Title, t.Summary, t.Body, t.UpdatedAt = r.Title, r.Summary, r.Body, now
		if err := tx.PutThread(&t); err != nil {
			return err
		}
		return b.audit(tx, actor, AuditThreadRevert, fmt.Sprintf("thread:%d", id), "", strconv.Itoa(rev))
	})
	return t, err
}

// ViewCounter counts thread views for one session: each thread once.
type ViewCounter struct {
	b    *Board
	mu   sync.Mutex
	seen map[uint64]struct{}
}

// NewViewCounter starts the view count of one session.
func (b *Board) NewViewCounter() *ViewCounter {
	return &ViewCounter{b: b, seen: map[uint64]struct{}{}}
}

// View counts a view of thread id unless this session counted it already. No disk I/O.
func (v *ViewCounter) View(id uint64) {
	v.mu.Lock()
	_, dup := v.seen[id]
	if !dup {
		v.seen[id] = struct{}{}
	}
	v.mu.Unlock()
	if !dup {
		v.b.counter.view(id)
		v.b.changed()
	}
}

// --- search ---

// MaxQueryWords is the number of words of a search query that count.
const MaxQueryWords = 8

// Search finds published threads whose title, summary or body hold every word of the query,
// case- and diacritic-insensitively, whole words or prefixes; newest first.
func (b *Board) Search(ctx context.Context, query string, page, per int) (ThreadPage, error) {
	q, err := clean(fieldSpec{name: "query", min: 1, max: MaxQuery}, query)
	if err != nil {
		return ThreadPage{}, err
	}
	words := dedupe(text.Words(q))
	if len(words) == 0 {
		return ThreadPage{}, &ValidationError{Field: "query", Problem: ProblemRequired}
	}
	if len(words) > MaxQueryWords {
		words = words[:MaxQueryWords]
	}
	per = perPage(per)
	page = max(page, 1)
	var out ThreadPage
	err = b.view(ctx, func(tx Tx) error {
		ts, total, err := tx.SearchThreads(words, (page-1)*per, per)
		if err != nil {
			return err
		}
		out = ThreadPage{Threads: ts, Total: total, Page: page, Pages: pages(total, per)}
		return nil
	})
	if err != nil {
		return ThreadPage{}, fmt.Errorf("search %q: %w", q, err)
	}
	b.counter.addPendingViews(out.Threads)
	return out, nil
}

func dedupe(ws []string) []string {
	out := ws[:0:0]
	seen := map[string]bool{}
	for _, w := range ws {
		if w != "" && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

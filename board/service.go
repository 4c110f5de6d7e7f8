package board

import (
	"context"
	"errors"
	"io"
	"time"
)

// errTODO marks a method whose implementation is still being written. It must not survive.
var errTODO = errors.New("not implemented yet")

// Store is the persistence the Board is built over (board/boltstore implements it).
// Its methods are defined alongside the Board's implementation.
type Store interface {
	Close() error
}

// Options configure a Board. Zero values take the defaults.
type Options struct {
	Location           *time.Location   // default Asia/Ho_Chi_Minh (tzdata is embedded)
	FlushInterval      time.Duration    // counters, views, read markers; default 5s
	Now                func() time.Time // default time.Now
	GuestCommentLimit  int              // comments per window per guest key and per IP; default 3
	GuestCommentWindow time.Duration    // default 10m
}

// Board is the service every interface (TUI, ssh commands) talks to. It is safe for concurrent use.
type Board struct {
	st   Store
	opts Options
}

// New builds a Board over an open store and starts its counter flusher. Close flushes and closes
// the store.
func New(st Store, opts Options) (*Board, error) { return &Board{st: st, opts: opts}, nil }

// Close flushes the batched counters and closes the store.
func (b *Board) Close() error { return b.st.Close() }

// Location is the board's time zone.
func (b *Board) Location() *time.Location { return b.opts.Location }

// Version increases on every change a screen may show (threads, comments, moderation, visits
// after a flush or record). Sessions compare it to skip refreshes when nothing changed.
func (b *Board) Version() uint64 { return 0 }

// Check runs the store's consistency check.
func (b *Board) Check(ctx context.Context) error { return errTODO }

// Backup writes a consistent snapshot of the database to w without blocking writers (admins).
func (b *Board) Backup(ctx context.Context, actor Identity, w io.Writer) (int64, error) {
	return 0, errTODO
}

// --- categories ---

func (b *Board) Categories(ctx context.Context) ([]Category, error) { return nil, errTODO }
func (b *Board) CategoryBySlug(ctx context.Context, slug string) (Category, error) {
	return Category{}, errTODO
}
func (b *Board) AddCategory(ctx context.Context, actor Identity, name string) (Category, error) {
	return Category{}, errTODO
}
func (b *Board) RenameCategory(ctx context.Context, actor Identity, id uint64, name string) error {
	return errTODO
}

// MoveCategory sets a category's position (0-based) among the others.
func (b *Board) MoveCategory(ctx context.Context, actor Identity, id uint64, pos int) error {
	return errTODO
}

// RemoveCategory removes an empty category (ErrNotEmpty otherwise; deleted threads count).
func (b *Board) RemoveCategory(ctx context.Context, actor Identity, id uint64) error { return errTODO }

// --- threads ---

// ListThreads returns a page: pinned first, then newest published. Viewers who cannot edit news
// see published threads only, whatever q.All says.
func (b *Board) ListThreads(ctx context.Context, viewer Identity, q ThreadQuery) (ThreadPage, error) {
	return ThreadPage{}, errTODO
}

// Thread returns one thread. Drafts, hidden and deleted threads are ErrNotFound for viewers who
// cannot edit news.
func (b *Board) Thread(ctx context.Context, viewer Identity, id uint64) (Thread, error) {
	return Thread{}, errTODO
}

// OtherThreads returns up to n published threads other than id: same category first, newest first.
func (b *Board) OtherThreads(ctx context.Context, id uint64, n int) ([]Thread, error) {
	return nil, errTODO
}

func (b *Board) CreateThread(ctx context.Context, actor Identity, in ThreadInput) (Thread, error) {
	return Thread{}, errTODO
}

// UpdateThread replaces a thread's fields and keeps the old text as a revision.
func (b *Board) UpdateThread(ctx context.Context, actor Identity, id uint64, in ThreadInput) (Thread, error) {
	return Thread{}, errTODO
}
func (b *Board) HideThread(ctx context.Context, actor Identity, id uint64, reason string) error {
	return errTODO
}

// RestoreThread un-hides a hidden thread or un-deletes a deleted one (deleted: admins only).
func (b *Board) RestoreThread(ctx context.Context, actor Identity, id uint64) error { return errTODO }

// DeleteThread soft-deletes a thread; it disappears from every list but an admin can restore it.
func (b *Board) DeleteThread(ctx context.Context, actor Identity, id uint64, reason string) error {
	return errTODO
}
func (b *Board) Revisions(ctx context.Context, actor Identity, id uint64) ([]Revision, error) {
	return nil, errTODO
}

// RestoreRevision makes an earlier revision current (the current text becomes a revision too).
func (b *Board) RestoreRevision(ctx context.Context, actor Identity, id uint64, rev int) (Thread, error) {
	return Thread{}, errTODO
}

// ViewCounter counts thread views for one session: each thread once.
type ViewCounter struct {
	b    *Board
	seen map[uint64]struct{}
}

// NewViewCounter starts the view count of one session.
func (b *Board) NewViewCounter() *ViewCounter {
	return &ViewCounter{b: b, seen: map[uint64]struct{}{}}
}

// View counts a view of thread id unless this session counted it already. No disk I/O.
func (v *ViewCounter) View(id uint64) {}

// --- search ---

// Search finds published threads whose title, summary or body hold every word of the query,
// case- and diacritic-insensitively, whole words or prefixes; newest first.
func (b *Board) Search(ctx context.Context, query string, page, perPage int) (ThreadPage, error) {
	return ThreadPage{}, errTODO
}

// --- comments ---

// PostComment validates, sanitises and stores a comment: pending, or approved at once when the
// moderation setting trusts the author's role and no listed word matches. Refused with *BanError
// or *RateLimitError or *ValidationError.
func (b *Board) PostComment(ctx context.Context, author Identity, in CommentInput) (Comment, error) {
	return Comment{}, errTODO
}

// MayPost reports whether an identity may post, and if not why (a *BanError).
func (b *Board) MayPost(ctx context.Context, id Identity) error { return errTODO }

// Comments returns a page of a thread's approved comments, oldest first.
func (b *Board) Comments(ctx context.Context, threadID uint64, page, perPage int) (CommentPage, error) {
	return CommentPage{}, errTODO
}

// Comment returns one comment of any status (moderators), or an approved one (others).
func (b *Board) Comment(ctx context.Context, viewer Identity, id uint64) (Comment, error) {
	return Comment{}, errTODO
}

// Pending lists pending comments oldest first, with thread titles (moderators).
func (b *Board) Pending(ctx context.Context, actor Identity, limit int) ([]Comment, error) {
	return nil, errTODO
}

// PendingCount is the number of comments waiting; cheap (no scan).
func (b *Board) PendingCount(ctx context.Context) (int, error) { return 0, errTODO }

func (b *Board) ApproveComments(ctx context.Context, actor Identity, ids []uint64, reason string) error {
	return errTODO
}
func (b *Board) RejectComments(ctx context.Context, actor Identity, ids []uint64, reason string) error {
	return errTODO
}
func (b *Board) DeleteComments(ctx context.Context, actor Identity, ids []uint64, reason string) error {
	return errTODO
}

// EditComment replaces a comment's name, title and body (moderators); approve says whether to
// approve it in the same step.
func (b *Board) EditComment(ctx context.Context, actor Identity, id uint64, in CommentInput, approve bool) (Comment, error) {
	return Comment{}, errTODO
}
func (b *Board) SearchComments(ctx context.Context, actor Identity, q CommentQuery) ([]Comment, error) {
	return nil, errTODO
}

// LastCommentName is the name a guest key used on its last comment, for prefilling the form.
func (b *Board) LastCommentName(ctx context.Context, id Identity) (string, error) { return "", errTODO }

// --- bans, settings, audit ---

func (b *Board) AddBan(ctx context.Context, actor Identity, in BanInput) (Ban, error) {
	return Ban{}, errTODO
}
func (b *Board) Bans(ctx context.Context, actor Identity) ([]Ban, error)        { return nil, errTODO }
func (b *Board) RemoveBan(ctx context.Context, actor Identity, id uint64) error { return errTODO }

// IsBanned is the check the SSH server makes at connection time (key or address).
func (b *Board) IsBanned(ctx context.Context, fingerprint string, addr string) (*BanError, error) {
	return nil, errTODO
}

func (b *Board) Settings(ctx context.Context) (Settings, error) { return Settings{}, errTODO }
func (b *Board) SetModeration(ctx context.Context, actor Identity, m ModerationMode) error {
	return errTODO
}
func (b *Board) SetCaptcha(ctx context.Context, actor Identity, on bool) error { return errTODO }
func (b *Board) SetWordList(ctx context.Context, actor Identity, words []string) error {
	return errTODO
}

func (b *Board) Audit(ctx context.Context, actor Identity, q AuditQuery) ([]AuditEntry, error) {
	return nil, errTODO
}

// LogDenied records a refused attempt at a privileged action (what: the command or screen).
func (b *Board) LogDenied(ctx context.Context, actor Identity, what string) {}

// LogAuthFailure records a failed password attempt (for the audit log); never blocks on disk.
func (b *Board) LogAuthFailure(ctx context.Context, login, addr string) {}

// --- read markers and what's new ---

// MarkRead records that reader opened thread id now (batched with the counters).
func (b *Board) MarkRead(reader Identity, id uint64) {}

// ReadMarks returns when reader last opened each of ids (missing: never).
func (b *Board) ReadMarks(ctx context.Context, reader Identity, ids []uint64) (map[uint64]time.Time, error) {
	return nil, errTODO
}

// WhatsNew lists threads and comments since the reader's previous visit (guests without a key:
// the last 7 days).
func (b *Board) WhatsNew(ctx context.Context, reader Identity, limit int) (WhatsNew, error) {
	return WhatsNew{}, errTODO
}

// --- visitors ---

// RecordVisit counts a visit of an identity at a time. No disk I/O; at least 1,000,000 a second.
func (b *Board) RecordVisit(id Identity, at time.Time) {}

// VisitorCounts are today's, this week's and all-time visits, including the unflushed ones.
func (b *Board) VisitorCounts(ctx context.Context) (VisitorCounts, error) {
	return VisitorCounts{}, errTODO
}

// VisitHistory is the visits and unique visitors of the last days days (at most 90), oldest first.
func (b *Board) VisitHistory(ctx context.Context, days int) ([]DayCount, error) { return nil, errTODO }

// --- accounts (package keys decides identities; the board stores accounts) ---

func (b *Board) Account(ctx context.Context, login string) (Account, error) {
	return Account{}, errTODO
}
func (b *Board) AccountByKey(ctx context.Context, fingerprint string) (Account, error) {
	return Account{}, errTODO
}
func (b *Board) Accounts(ctx context.Context, actor Identity) ([]Account, error) { return nil, errTODO }

// HasAdmin reports whether any admin account exists.
func (b *Board) HasAdmin(ctx context.Context) (bool, error) { return false, errTODO }
func (b *Board) AddAccount(ctx context.Context, actor Identity, a Account) (Account, error) {
	return Account{}, errTODO
}
func (b *Board) RemoveAccount(ctx context.Context, actor Identity, login string) error {
	return errTODO
}
func (b *Board) SetRole(ctx context.Context, actor Identity, login string, r Role) error {
	return errTODO
}
func (b *Board) RenameAccount(ctx context.Context, actor Identity, login, name string) error {
	return errTODO
}

// AddKey registers a key to an account (ErrExists if another account has it).
func (b *Board) AddKey(ctx context.Context, actor Identity, login string, k AccountKey) error {
	return errTODO
}
func (b *Board) RemoveKey(ctx context.Context, actor Identity, login, fingerprint string) error {
	return errTODO
}

// SetPasswordHash stores a hash made by package keys ("" clears the password).
func (b *Board) SetPasswordHash(ctx context.Context, actor Identity, login, hash string) error {
	return errTODO
}

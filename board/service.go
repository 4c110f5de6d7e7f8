package board

import (
	"context"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
	_ "time/tzdata" // the default zone must work on machines without tzdata

	"bangtin/board/limit"
	"bangtin/board/media"
)

// Options configure a Board. Zero values take the defaults.
type Options struct {
	Location           *time.Location   // default Asia/Ho_Chi_Minh (tzdata is embedded)
	FlushInterval      time.Duration    // counters, views, read markers; default 5s
	Now                func() time.Time // default time.Now
	GuestCommentLimit  int              // comments per window per guest key, or per IP for guests without a key; default 3
	GuestCommentWindow time.Duration    // default 10m
	// GuestIPCommentLimit caps the comments of all guests of one IP address (an office behind
	// one NAT) per GuestCommentWindow; default 20, and never below GuestCommentLimit.
	GuestIPCommentLimit int
	// Passwords hashes and checks account passwords (package keys: argon2id). Without it
	// SetPassword fails and CheckPassword matches nothing.
	Passwords PasswordHasher
	// File limits: bytes per file (default 10 MiB), bytes of every file together (default
	// 2 GiB), files per thread (default 20); FileTypes are content types allowed beyond
	// media.DefaultTypes.
	MaxFileSize    int64
	MaxFilesTotal  int64
	MaxThreadFiles int
	FileTypes      []string
}

// PasswordHasher hashes account passwords and checks them against a stored hash. Package keys
// implements it with argon2id; the board stores only the hashes it returns.
type PasswordHasher interface {
	// Hash refuses a password it will not hash with a *ValidationError for the field
	// "password" (too short, too long, not UTF-8).
	Hash(password string) (string, error)
	// Check reports whether password matches hash, in constant time; a malformed hash never
	// matches.
	Check(hash, password string) bool
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
	o.FlushInterval = limit.Or(o.FlushInterval, 5*time.Second)
	if o.Now == nil {
		o.Now = time.Now
	}
	o.GuestCommentLimit = limit.Or(o.GuestCommentLimit, 3)
	o.GuestIPCommentLimit = limit.Or(o.GuestIPCommentLimit, 20)
	o.GuestIPCommentLimit = max(o.GuestIPCommentLimit, o.GuestCommentLimit)
	o.MaxFileSize = limit.Or(o.MaxFileSize, DefaultMaxFileSize)
	o.MaxFilesTotal = limit.Or(o.MaxFilesTotal, DefaultMaxFilesTotal)
	o.MaxThreadFiles = limit.Or(o.MaxThreadFiles, DefaultMaxThreadFiles)
	o.GuestCommentWindow = limit.Or(o.GuestCommentWindow, 10*time.Minute)
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

	presence presence
	guests   *limit.Limiter // guest comments per key (per IP without a key)
	guestIPs *limit.Limiter // guest comments per IP, all guests together
	counter  counters
	auditQ   chan auditItem
	dropped  atomic.Uint64 // audit entries dropped because the queue was full

	policy   media.Policy  // file types allowed
	pictures chan struct{} // pictures being decoded (at most its capacity at a time)
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
		guests: limit.New(limit.Config{Events: o.GuestCommentLimit, Window: o.GuestCommentWindow}),
		auditQ: make(chan auditItem, 4096),

		policy:   media.Policy{Extra: o.FileTypes},
		pictures: make(chan struct{}, 2),
	}
	b.guestIPs = limit.New(limit.Config{Events: o.GuestIPCommentLimit, Window: o.GuestCommentWindow})
	b.counter.init(o.Location)
	err = st.View(context.Background(), func(tx Tx) error {
		var err error
		b.settings, b.bans, err = readCaches(tx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("load board settings: %w", err)
	}
	b.wg.Add(2)
	go b.flusher()
	go b.auditWriter()
	b.subscribe()
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

const (
	defaultPerPage = 20
	maxPerPage     = 100
)

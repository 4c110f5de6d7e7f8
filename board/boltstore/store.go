// Package boltstore is the bbolt implementation of board.Store: one file (FileName in the data
// directory) holding every bucket of the layout drawn in schema.go, a single writer goroutine
// that commits concurrent changes in groups (one transaction and one fsync per group, each change
// getting its own result), and the schema version with its migrations. Only the program's wiring
// and the test helpers import it; the board package knows nothing of bbolt.
//
// # Group commit, and why not bbolt's Batch
//
// bbolt v1.5 has DB.Batch, which also runs concurrent changes in one transaction. It is not used,
// for three reasons read in its source (db.go):
//
//   - Latency. A batch starts when MaxBatchSize (1000) calls have joined it or when
//     MaxBatchDelay (10 ms) has passed since the first: a lone comment on a quiet board waits
//     10 ms before its transaction even starts, and a smaller delay makes the groups small under
//     load. Here the writer starts at once when it is idle and takes whatever queued while the
//     previous group was being fsynced: no timer, one fsync of latency when quiet, large groups
//     when busy (the README's figure e).
//   - Failures. When one change of a batch returns an error, Batch rolls the batch back, runs
//     the others again and answers the failed caller with an internal "try solo" error, on which
//     the caller runs its change a second time, alone, in a transaction of its own. A change that
//     fails because of the request (a thread that is gone, a login that exists) thus runs twice
//     and is answered only after a second transaction; here it is answered with the error of its
//     first and only run, and only the others run again. Batch also reorders the remaining calls
//     (the last takes the failed one's place), so ids would be handed out out of arrival order.
//   - Shape. Batch has no context and no bound on what waits (each batch is a timer goroutine
//     with its callers parked on it); Update here refuses new changes once the context is done
//     or the store is closed, caps a group at Options.MaxGroup and turns a change's panic into
//     that change's error (Batch does too, but then retries it solo, panicking again).
//
// What both share, and callers must respect: a change may run more than once (when another one
// of its group fails), so it must only touch the transaction, and its effects count only once
// Update has returned nil.
package boltstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"bangtin/board"
)

// Options configure Open. Zero values take the defaults.
type Options struct {
	// Timeout is how long Open waits for the file lock held by another process before it fails
	// with board.ErrInUse; default 1s.
	Timeout time.Duration
	// MaxSize caps the file in bytes (0: no cap); a change that would grow it further fails
	// with board.ErrStorage. Used to test a full disk.
	MaxSize int
	// NoSync skips fsync (tests and benchmark fixtures only: acknowledged writes are then not
	// durable).
	NoSync bool
	// InitialMmapSize is passed to bbolt (bytes to map up front; avoids remapping while a big
	// bulk load grows the file).
	InitialMmapSize int
	// NoCheck skips the consistency check Open runs on files up to CheckLimit bytes.
	NoCheck bool
	// MaxGroup caps how many concurrent changes share one transaction; default 256.
	MaxGroup int
}

// CheckLimit is the largest file Open checks page by page before using it (larger files are
// checked by Check or CheckFile on demand).
const CheckLimit = 256 << 20

// Store is a board.Store over one bbolt file.
type Store struct {
	db   *bolt.DB
	path string
	opts Options

	mu     sync.RWMutex // guards closed and sends on reqs
	closed bool
	reqs   chan *request
	wg     sync.WaitGroup
}

type request struct {
	fn   func(board.Tx) error
	done chan error
}

var _ board.Store = (*Store)(nil)

// Open opens (creating if needed) the database file at path and migrates it. A file locked by
// another process fails within opts.Timeout with board.ErrInUse; a newer schema with
// board.ErrSchemaTooNew; a damaged file with board.ErrCorrupt (the file is left untouched).
// Files up to CheckLimit bytes get bbolt's consistency check before anything else runs. When
// bbolt panics on a damaged file inside Open, the error says so, but the process keeps the file
// mapped (and locked) until it exits.
func Open(path string, opts Options) (*Store, error) {
	if opts.Timeout <= 0 {
		opts.Timeout = time.Second
	}
	if opts.MaxGroup <= 0 {
		opts.MaxGroup = 256
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open board %s: %w", path, err)
	}
	db, err := openDB(path, &bolt.Options{Timeout: opts.Timeout, NoSync: opts.NoSync, MaxSize: opts.MaxSize, InitialMmapSize: opts.InitialMmapSize})
	if err != nil {
		return nil, err
	}
	if fi, err := os.Stat(path); err == nil && fi.Size() <= CheckLimit && !opts.NoCheck {
		if err := db.View(func(tx *bolt.Tx) error { return checkTx(path, tx) }); err != nil {
			db.Close()
			return nil, fmt.Errorf("open board: %w", err)
		}
	}
	if err := safeMigrate(db); err != nil {
		db.Close()
		if errors.Is(err, board.ErrSchemaTooNew) || errors.Is(err, board.ErrCorrupt) {
			return nil, fmt.Errorf("open board %s: %w", path, err)
		}
		return nil, fmt.Errorf("open board %s: migrate: %w: %v", path, board.ErrStorage, err)
	}
	s := &Store{db: db, path: path, opts: opts, reqs: make(chan *request, opts.MaxGroup)}
	s.wg.Add(1)
	go s.writer()
	return s, nil
}

// openDB opens a bbolt file, turning its failures into the board's errors.
func openDB(path string, o *bolt.Options) (db *bolt.DB, err error) {
	// bbolt may panic on a damaged file after it took the lock: keep its file to close it then.
	var file *os.File
	o.OpenFile = func(name string, flag int, perm os.FileMode) (*os.File, error) {
		f, err := os.OpenFile(name, flag, perm)
		file = f
		return f, err
	}
	defer func() {
		if r := recover(); r != nil {
			if file != nil {
				file.Close()
			}
			db, err = nil, fmt.Errorf("open board %s: %w (%v)", path, board.ErrCorrupt, r)
		}
	}()
	db, err = bolt.Open(path, 0o600, o)
	switch {
	case err == nil:
		return db, nil
	case errors.Is(err, berrors.ErrTimeout):
		return nil, fmt.Errorf("open board %s: %w", path, board.ErrInUse)
	case errors.Is(err, fs.ErrPermission), errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("open board %s: %w", path, err)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) && !errors.Is(err, berrors.ErrInvalid) {
		return nil, fmt.Errorf("open board %s: %w", path, err)
	}
	return nil, fmt.Errorf("open board %s: %w (%v)", path, board.ErrCorrupt, err)
}

// safeMigrate runs migrate, turning a panic of bbolt on a damaged page into ErrCorrupt.
func safeMigrate(db *bolt.DB) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w (%v)", board.ErrCorrupt, r)
		}
	}()
	return migrate(db)
}

// Path is the database file.
func (s *Store) Path() string { return s.path }

// usable is the context's error, or ErrClosed once the store is closed.
func (s *Store) usable(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	closed := s.closed
	s.mu.RUnlock()
	if closed {
		return board.ErrClosed
	}
	return nil
}

// View runs fn in a read transaction.
func (s *Store) View(ctx context.Context, fn func(board.Tx) error) error {
	if err := s.usable(ctx); err != nil {
		return err
	}
	return s.db.View(func(tx *bolt.Tx) error { return fn(&txn{tx: tx}) })
}

// Update hands fn to the writer goroutine, which runs it with the other pending changes in one
// transaction and returns once that transaction is committed and fsynced. If another change of
// the group fails, the group is rolled back and run again without it: fn may run more than once.
func (s *Store) Update(ctx context.Context, fn func(board.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r := &request{fn: fn, done: make(chan error, 1)}
	s.mu.RLock()
	if s.closed {
		s.mu.RUnlock()
		return board.ErrClosed
	}
	select {
	case s.reqs <- r:
	case <-ctx.Done():
		s.mu.RUnlock()
		return ctx.Err()
	}
	s.mu.RUnlock()
	// Once queued the change may commit: wait for the outcome whatever ctx says.
	return <-r.done
}

// errRollback aborts a group transaction so that it can be run again without a failed change.
var errRollback = errors.New("rollback group")

// writer is the single goroutine that commits changes, many per transaction.
func (s *Store) writer() {
	defer s.wg.Done()
	group := make([]*request, 0, s.opts.MaxGroup)
	for r := range s.reqs {
		group = append(group[:0], r)
		// Let writers that were woken by the previous commit queue their next change, so that
		// groups stay large even on one CPU.
		runtime.Gosched()
	drain:
		for len(group) < s.opts.MaxGroup {
			select {
			case r, ok := <-s.reqs:
				if !ok {
					break drain
				}
				group = append(group, r)
			default:
				break drain
			}
		}
		s.commit(group)
	}
}

// call runs one change, turning a panic into an error so the writer survives it.
func call(fn func(board.Tx) error, t *txn) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("change panicked: %v", r)
		}
	}()
	return fn(t)
}

func (s *Store) commit(group []*request) {
	for len(group) > 0 {
		failed, ferr := -1, error(nil)
		err := s.db.Update(func(tx *bolt.Tx) error {
			t := &txn{tx: tx}
			for i, r := range group {
				if err := call(r.fn, t); err != nil {
					failed, ferr = i, err
					return errRollback
				}
			}
			return nil
		})
		if failed >= 0 {
			group[failed].done <- ferr
			group = append(group[:failed:failed], group[failed+1:]...)
			continue
		}
		if err != nil {
			err = fmt.Errorf("commit to %s: %w: %v", s.path, board.ErrStorage, err)
		}
		for _, r := range group {
			r.done <- err
		}
		return
	}
}

// Check runs bbolt's consistency check on the open file.
func (s *Store) Check(ctx context.Context) error {
	return s.db.View(func(tx *bolt.Tx) error {
		if err := checkTx(s.path, tx); err != nil {
			return err
		}
		// The files' checksums are read only here (`bangtin check`), not at every open.
		if err := checkFiles(tx); err != nil {
			return fmt.Errorf("check %s: %w", s.path, err)
		}
		return nil
	})
}

func checkTx(path string, tx *bolt.Tx) error {
	var errs []error
	for err := range tx.Check() {
		if len(errs) < 10 {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("check %s: %w: %w", path, board.ErrCorrupt, errors.Join(errs...))
	}
	return nil
}

// WriteTo writes a consistent copy of the database to w in a read transaction (writers go on).
func (s *Store) WriteTo(ctx context.Context, w io.Writer) (int64, error) {
	var n int64
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}

// Close waits for queued changes, stops the writer and closes the file.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	close(s.reqs)
	s.mu.Unlock()
	s.wg.Wait()
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close board %s: %w", s.path, err)
	}
	return nil
}

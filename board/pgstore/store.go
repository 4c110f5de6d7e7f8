package pgstore

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"bangtin/board"
)

// Options configure Open. Zero values take the defaults.
type Options struct {
	// MaxConns caps the pool's connections (default 16).
	MaxConns int32
	// ConnectTimeout bounds each attempt to connect (default 5s).
	ConnectTimeout time.Duration
	// OpTimeout bounds one View or Update, so that a session shows "temporarily unavailable"
	// instead of hanging while the database is away (default 15s).
	OpTimeout time.Duration
	// HeartbeatInterval is how often this node refreshes its presence row (default 5s).
	HeartbeatInterval time.Duration
	// PresenceTimeout is how old a heartbeat may be for its node to count (default 15s).
	PresenceTimeout time.Duration
	// NodeID names this node in the presence table (default: host name, pid and random bits).
	NodeID string
	// Export writes the export format of the whole board read through tx (board/export's
	// WriteTo), which WriteTo (the "backup" command) runs in one REPEATABLE READ transaction.
	// Nil: WriteTo says backups of a PostgreSQL board are not available in this build.
	Export func(ctx context.Context, tx board.Tx, w io.Writer) (int64, error)
}

func (o Options) withDefaults() Options {
	if o.MaxConns <= 0 {
		o.MaxConns = 16
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = 5 * time.Second
	}
	if o.OpTimeout <= 0 {
		o.OpTimeout = 15 * time.Second
	}
	if o.HeartbeatInterval <= 0 {
		o.HeartbeatInterval = 5 * time.Second
	}
	if o.PresenceTimeout <= 0 {
		o.PresenceTimeout = 15 * time.Second
	}
	if o.NodeID == "" {
		host, _ := os.Hostname()
		var r [4]byte
		rand.Read(r[:])
		o.NodeID = fmt.Sprintf("%s/%d/%s", host, os.Getpid(), hex.EncodeToString(r[:]))
	}
	return o
}

// Store is a board.Store over a PostgreSQL database.
type Store struct {
	pool *pgxpool.Pool
	cfg  *pgxpool.Config
	opts Options
	host string // host:port/database, for messages (never the password)

	feed     *feed
	presence *presence

	closeOnce sync.Once
	done      chan struct{}
	wg        sync.WaitGroup
}

var (
	_ board.Store             = (*Store)(nil)
	_ board.ChangeFeed        = (*Store)(nil)
	_ board.NodePresence      = (*Store)(nil)
	_ board.PresencePublisher = (*Store)(nil)
	_ board.SharedLimiter     = (*Store)(nil)
)

// IsURL reports whether s names a PostgreSQL database (a postgres:// or postgresql:// URL).
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// Describe is a URL's host, port and database for messages, without user or password.
func Describe(url string) string {
	cfg, err := pgconn.ParseConfig(url)
	if err != nil {
		return "the --store URL"
	}
	return fmt.Sprintf("%s/%s", net.JoinHostPort(cfg.Host, fmt.Sprint(cfg.Port)), cfg.Database)
}

// Open connects to the database at url (any libpq URL), migrates it and starts the change
// listener and the presence heartbeat. A URL that does not parse, a server that cannot be reached
// or refuses the login fails at once with a message naming the host (never the password); a
// newer schema fails with board.ErrSchemaTooNew.
func Open(ctx context.Context, url string, opts Options) (*Store, error) {
	opts = opts.withDefaults()
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		// pgx's message may quote the URL: keep only that it did not parse.
		return nil, errors.New("open board: the PostgreSQL URL does not parse; the form is postgres://user:password@host:port/database")
	}
	host := fmt.Sprintf("%s/%s", net.JoinHostPort(cfg.ConnConfig.Host, fmt.Sprint(cfg.ConnConfig.Port)), cfg.ConnConfig.Database)
	cfg.MaxConns = opts.MaxConns
	cfg.ConnConfig.ConnectTimeout = opts.ConnectTimeout
	cfg.HealthCheckPeriod = 5 * time.Second
	if cfg.ConnConfig.RuntimeParams == nil {
		cfg.ConnConfig.RuntimeParams = map[string]string{}
	}
	cfg.ConnConfig.RuntimeParams["application_name"] = "bangtin"
	cfg.AfterConnect = func(ctx context.Context, c *pgx.Conn) error {
		var sc string
		if err := c.QueryRow(ctx, "SHOW synchronous_commit").Scan(&sc); err != nil {
			return err
		}
		if sc == "off" {
			_, err := c.Exec(ctx, "SET synchronous_commit = on")
			return err
		}
		return nil
	}
	s := &Store{cfg: cfg, opts: opts, host: host, done: make(chan struct{})}
	cctx, cancel := context.WithTimeout(ctx, opts.ConnectTimeout+opts.OpTimeout)
	defer cancel()
	s.pool, err = pgxpool.NewWithConfig(cctx, cfg)
	if err != nil {
		return nil, s.connectErr(err)
	}
	if err := s.pool.Ping(cctx); err != nil {
		s.pool.Close()
		return nil, s.connectErr(err)
	}
	if err := migrate(cctx, s.pool); err != nil {
		s.pool.Close()
		if errors.Is(err, board.ErrSchemaTooNew) {
			return nil, fmt.Errorf("open board %s: %w", host, err)
		}
		return nil, fmt.Errorf("open board %s: migrate: %w", host, s.classify(err))
	}
	s.feed = newFeed(s)
	s.presence = newPresence(s)
	s.wg.Add(2)
	go s.feed.run()
	go s.presence.run()
	return s, nil
}

// connectErr words a failure to connect: the host, and pgx's reason without the URL.
func (s *Store) connectErr(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		if strings.HasPrefix(pe.Code, "28") || pe.Code == "3D000" {
			// Wrong user, password or database name: waiting will not help.
			return fmt.Errorf("open board: PostgreSQL at %s refused: %s (%s)", s.host, pe.Message, pe.Code)
		}
		return fmt.Errorf("open board: PostgreSQL at %s refused: %s (%s): %w", s.host, pe.Message, pe.Code, board.ErrUnavailable)
	}
	msg := err.Error()
	if pw := s.cfg.ConnConfig.Password; pw != "" {
		msg = strings.ReplaceAll(msg, pw, "***")
	}
	return fmt.Errorf("open board: cannot reach PostgreSQL at %s: %s: %w", s.host, msg, board.ErrUnavailable)
}

// Host is the database's host:port/database (no user or password).
func (s *Store) Host() string { return s.host }

// Pool is the connection pool (tests and tools).
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// NodeID is this node's name in the presence table.
func (s *Store) NodeID() string { return s.opts.NodeID }

// retryable SQLSTATEs: serialization failure, deadlock, unique violation (two nodes inserting
// the same key: run again, the second attempt sees the row).
func retryable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "40001", "40P01", "23505":
			return true
		}
	}
	return false
}

// unavailable reports whether err means the database could not be reached or went away.
func unavailable(err error) bool {
	if err == nil {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return strings.HasPrefix(pe.Code, "08") || pe.Code == "57P01" || pe.Code == "57P02" ||
			pe.Code == "57P03" || pe.Code == "53300"
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return true
	}
	return pgconn.SafeToRetry(err) || strings.Contains(err.Error(), "conn closed") ||
		strings.Contains(err.Error(), "closed pool")
}

// classify turns a driver error into the board's: ErrUnavailable when the database is away,
// ErrStorage otherwise; errors of the board (from fn) pass unchanged.
func (s *Store) classify(err error) error {
	switch {
	case err == nil:
		return nil
	case isBoardErr(err):
		return err
	case unavailable(err):
		return fmt.Errorf("PostgreSQL at %s: %w: %v", s.host, board.ErrUnavailable, err)
	}
	return fmt.Errorf("PostgreSQL at %s: %w: %v", s.host, board.ErrStorage, err)
}

func isBoardErr(err error) bool {
	for _, e := range []error{board.ErrNotFound, board.ErrInvalid, board.ErrExists, board.ErrForbidden,
		board.ErrCorrupt, board.ErrStorage, board.ErrUnavailable, board.ErrNotEmpty, board.ErrLastAdmin,
		board.ErrBanned, board.ErrRateLimited, board.ErrClosed, board.ErrSchemaTooNew} {
		if errors.Is(err, e) {
			return true
		}
	}
	var pe *pgconn.PgError
	return !errors.As(err, &pe) && !unavailable(err)
}

func (s *Store) closed() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// View runs fn in one REPEATABLE READ READ ONLY transaction.
func (s *Store) View(ctx context.Context, fn func(board.Tx) error) error {
	if s.closed() {
		return board.ErrClosed
	}
	ctx, cancel := context.WithTimeout(ctx, s.opts.OpTimeout)
	defer cancel()
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		err = s.view(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, fn)
		if err == nil || isBoardErr(err) || !unavailable(err) || ctx.Err() != nil {
			break
		}
		sleep(ctx, attempt)
	}
	return s.classify(err)
}

func (s *Store) view(ctx context.Context, o pgx.TxOptions, fn func(board.Tx) error) error {
	tx, err := s.pool.BeginTx(ctx, o)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.Background())
	if err := fn(&txn{ctx: ctx, tx: tx}); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

func sleep(ctx context.Context, attempt int) {
	t := time.NewTimer(time.Duration(20<<attempt) * time.Millisecond)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}

// errCommit marks a failure of COMMIT itself: the outcome is unknown, do not run fn again.
type errCommit struct{ err error }

func (e *errCommit) Error() string { return "commit: " + e.err.Error() }
func (e *errCommit) Unwrap() error { return e.err }

// Update runs fn in a READ COMMITTED transaction with the row locks described in the package
// doc, announces its changes with NOTIFY and commits; it returns once PostgreSQL has made the
// commit durable. fn may run more than once (deadlocks, races on a new key, a connection lost
// before COMMIT was sent).
func (s *Store) Update(ctx context.Context, fn func(board.Tx) error) error {
	if s.closed() {
		return board.ErrClosed
	}
	ctx, cancel := context.WithTimeout(ctx, s.opts.OpTimeout)
	defer cancel()
	var err error
	for attempt := 0; attempt < 8; attempt++ {
		err = s.update(ctx, fn)
		var ce *errCommit
		switch {
		case err == nil || ctx.Err() != nil:
			return s.classify(err)
		case errors.As(err, &ce):
			if unavailable(ce.err) {
				return fmt.Errorf("PostgreSQL at %s: commit outcome unknown: %w: %v", s.host, board.ErrUnavailable, ce.err)
			}
			if !retryable(ce.err) {
				return s.classify(ce.err)
			}
		case retryable(err):
		case isBoardErr(err):
			return err
		case unavailable(err) && attempt < 2:
		default:
			return s.classify(err)
		}
		sleep(ctx, min(attempt, 3))
	}
	return s.classify(err)
}

func (s *Store) update(ctx context.Context, fn func(board.Tx) error) (err error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.ReadCommitted})
	if err != nil {
		return err
	}
	defer tx.Rollback(context.Background())
	t := &txn{ctx: ctx, tx: tx, write: true}
	if err := call(fn, t); err != nil {
		return err
	}
	if err := t.notify(); err != nil {
		return err
	}
	if err := t.flush(); err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return &errCommit{err}
	}
	return nil
}

// call runs fn, turning a panic into an error so that the caller's goroutine survives it.
func call(fn func(board.Tx) error, t *txn) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("change panicked: %v", r)
		}
	}()
	return fn(t)
}

// Check compares every counter with a count of the rows it counts; a difference is ErrCorrupt.
func (s *Store) Check(ctx context.Context) error {
	return s.View(ctx, func(btx board.Tx) error {
		t := btx.(*txn)
		rows, err := t.tx.Query(t.ctx, `
			SELECT c.name, c.n, x.n FROM counters c JOIN (
				SELECT 'pub' AS name, count(*) AS n FROM threads WHERE status = 1 AND NOT deleted
				UNION ALL SELECT 'all', count(*) FROM threads WHERE NOT deleted
				UNION ALL SELECT 'pending', count(*) FROM comments WHERE status = 0
				UNION ALL SELECT 'pub/' || category_id, count(*) FROM threads WHERE status = 1 AND NOT deleted GROUP BY category_id
				UNION ALL SELECT 'all/' || category_id, count(*) FROM threads WHERE NOT deleted GROUP BY category_id
				UNION ALL SELECT 'any/' || category_id, count(*) FROM threads GROUP BY category_id
			) x ON x.name = c.name WHERE c.n <> x.n`)
		if err != nil {
			return err
		}
		defer rows.Close()
		var bad []string
		for rows.Next() {
			var name string
			var stored, counted int64
			if err := rows.Scan(&name, &stored, &counted); err != nil {
				return err
			}
			bad = append(bad, fmt.Sprintf("%s: stored %d, counted %d", name, stored, counted))
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(bad) > 0 {
			return fmt.Errorf("check %s: counters differ from the rows: %s: %w", s.host, strings.Join(bad, "; "), board.ErrCorrupt)
		}
		return nil
	})
}

// ErrNoExport: this build has no export writer for PostgreSQL boards.
var ErrNoExport = errors.New("backup of a PostgreSQL board is not available in this build (use pg_dump)")

// WriteTo writes the export format of the whole board from one REPEATABLE READ transaction
// (writers go on), with the Export function of the Options.
func (s *Store) WriteTo(ctx context.Context, w io.Writer) (int64, error) {
	if s.opts.Export == nil {
		return 0, ErrNoExport
	}
	if s.closed() {
		return 0, board.ErrClosed
	}
	// No OpTimeout: a large board takes as long as it takes; ctx ends it.
	var n int64
	err := s.view(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx board.Tx) error {
		var err error
		n, err = s.opts.Export(ctx, tx, w)
		return err
	})
	return n, s.classify(err)
}

// Reset removes everything the board holds, leaving the database as a new board's (the default
// category and settings), in one transaction: `bangtin copy --force` into PostgreSQL.
func (s *Store) Reset(ctx context.Context) error {
	return s.classify(pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `
			TRUNCATE settings, counters, categories, threads, search_words, revisions, comments, names,
				bans, audit, accounts, account_keys, reads, marks, days, seen, limit_events, files, file_data;
			SELECT setval(seq::regclass, 1, false) FROM unnest(ARRAY['categories_id', 'threads_id', 'comments_id', 'bans_id', 'audit_id', 'files_id']) AS seq;
			INSERT INTO categories (id, ord, rec) VALUES (1, 0, '{"ID":1,"Name":"Tin tức","Slug":"tin-tuc","Order":0}');
			SELECT setval('categories_id', 1);
			INSERT INTO settings (id, rec) VALUES (1, '{"Moderation":0,"Captcha":true,"WordList":null}');
			SELECT pg_notify('`+channel+`', 'resync')`)
		return err
	}))
}

// Close stops the listener and the heartbeat (removing this node's presence row) and closes the
// pool.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		close(s.done)
		s.wg.Wait()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		s.pool.Exec(ctx, "DELETE FROM nodes WHERE id = $1", s.opts.NodeID)
		cancel()
		s.pool.Close()
	})
	return nil
}

package pgstore

import (
	"context"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"bangtin/board"
)

// channel is the NOTIFY channel of committed changes.
const channel = "bangtin_changes"

// feed LISTENs on its own connection and hands every change to the subscribers, in the order
// PostgreSQL delivers them (commit order). After losing its connection it reconnects (backing off
// up to 2 s) and delivers ChangeResync, since changes committed meanwhile were not heard.
type feed struct {
	s *Store

	mu   sync.Mutex
	subs map[int]func(board.Change)
	next int

	// connected is closed once the first LISTEN is in place (tests wait for it).
	connected chan struct{}
	once      sync.Once
}

func newFeed(s *Store) *feed {
	return &feed{s: s, subs: map[int]func(board.Change){}, connected: make(chan struct{})}
}

// Subscribe calls fn for every change committed by any node, on the feed's goroutine.
func (s *Store) Subscribe(fn func(board.Change)) (cancel func()) {
	f := s.feed
	f.mu.Lock()
	id := f.next
	f.next++
	f.subs[id] = fn
	f.mu.Unlock()
	return func() {
		f.mu.Lock()
		delete(f.subs, id)
		f.mu.Unlock()
	}
}

// WaitListening waits until the change feed listens (or ctx ends).
func (s *Store) WaitListening(ctx context.Context) error {
	select {
	case <-s.feed.connected:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (f *feed) deliver(c board.Change) {
	f.mu.Lock()
	subs := make([]func(board.Change), 0, len(f.subs))
	for _, fn := range f.subs {
		subs = append(subs, fn)
	}
	f.mu.Unlock()
	for _, fn := range subs {
		fn(c)
	}
}

func (f *feed) run() {
	defer f.s.wg.Done()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-f.s.done
		cancel()
	}()
	backoff := 100 * time.Millisecond
	first := true
	for ctx.Err() == nil {
		err := f.listen(ctx, first)
		if ctx.Err() != nil {
			return
		}
		if err == nil {
			backoff = 100 * time.Millisecond
		}
		first = false
		t := time.NewTimer(backoff)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		backoff = min(backoff*2, 2*time.Second)
	}
}

// listen connects, LISTENs and delivers notifications until the connection fails.
func (f *feed) listen(ctx context.Context, first bool) error {
	cctx, cancel := context.WithTimeout(ctx, f.s.opts.ConnectTimeout)
	conn, err := pgx.ConnectConfig(cctx, f.s.cfg.ConnConfig)
	cancel()
	if err != nil {
		return err
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), time.Second)
		conn.Close(cctx)
		cancel()
	}()
	if _, err := conn.Exec(ctx, "LISTEN "+channel); err != nil {
		return err
	}
	f.once.Do(func() { close(f.connected) })
	if !first {
		// Changes committed while we were not listening were missed.
		f.deliver(board.Change{Kind: board.ChangeResync})
	}
	for {
		// A server that vanished without closing the connection is noticed by a ping after a
		// quiet spell (a timeout does not close pgx's connection).
		wctx, cancel := context.WithTimeout(ctx, probeInterval)
		n, err := conn.WaitForNotification(wctx)
		cancel()
		if err != nil {
			if ctx.Err() != nil || wctx.Err() == nil {
				return err
			}
			pctx, cancel := context.WithTimeout(ctx, f.s.opts.ConnectTimeout)
			err = conn.Ping(pctx)
			cancel()
			if err != nil {
				return err
			}
			continue
		}
		f.deliver(parsePayload(n.Payload))
	}
}

// probeInterval is how long the listener waits for a notification before checking its connection.
const probeInterval = 5 * time.Second

package pgstore

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// presence keeps this node's row in nodes (node id, sessions, heartbeat) fresh and caches the sum
// of the other live nodes' sessions, so that OtherNodesOnline costs no query. Heartbeats use the
// database's clock, so nodes' clocks need not agree.
type presence struct {
	s      *Store
	mu     sync.Mutex
	local  func() int
	others atomic.Int64
	kick   chan struct{}
}

func newPresence(s *Store) *presence {
	return &presence{s: s, kick: make(chan struct{}, 1)}
}

// PublishPresence sets the function giving this node's online count and publishes it at once.
func (s *Store) PublishPresence(local func() int) {
	s.presence.mu.Lock()
	s.presence.local = local
	s.presence.mu.Unlock()
	select {
	case s.presence.kick <- struct{}{}:
	default:
	}
}

// OtherNodesOnline is the sum of the online counts the other live nodes last published.
func (s *Store) OtherNodesOnline() int { return int(s.presence.others.Load()) }

// Heartbeat publishes this node's count and reads the others' now (tests; the store does it every
// HeartbeatInterval).
func (s *Store) Heartbeat(ctx context.Context) error { return s.presence.beat(ctx) }

func (p *presence) run() {
	defer p.s.wg.Done()
	t := time.NewTicker(p.s.opts.HeartbeatInterval)
	defer t.Stop()
	for {
		ctx, cancel := context.WithTimeout(context.Background(), p.s.opts.HeartbeatInterval)
		p.beat(ctx) // a failure is retried at the next tick
		cancel()
		select {
		case <-p.s.done:
			return
		case <-t.C:
		case <-p.kick:
		}
	}
}

func (p *presence) beat(ctx context.Context) error {
	p.mu.Lock()
	local := p.local
	p.mu.Unlock()
	n := 0
	if local != nil {
		n = local()
	}
	timeout := p.s.opts.PresenceTimeout.Seconds()
	var others int64
	err := p.s.pool.QueryRow(ctx, `
		WITH me AS (
			INSERT INTO nodes (id, sessions, heartbeat) VALUES ($1, $2, now())
			ON CONFLICT (id) DO UPDATE SET sessions = excluded.sessions, heartbeat = excluded.heartbeat),
		gone AS (
			DELETE FROM nodes WHERE heartbeat < now() - interval '1 hour')
		SELECT COALESCE(sum(sessions), 0) FROM nodes
		WHERE id <> $1 AND heartbeat > now() - make_interval(secs => $3)`,
		p.s.opts.NodeID, n, timeout).Scan(&others)
	if err != nil {
		return err
	}
	p.others.Store(others)
	return nil
}

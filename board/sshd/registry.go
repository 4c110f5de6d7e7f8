package sshd

import (
	"context"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"bangtin/board/i18n"
	"bangtin/board/tui"
)

// registry is the live-session registry: every session running past the limits, how many per
// IP address, and how many are people reading the TUI ("online now").
type registry struct {
	mu    sync.Mutex
	all   map[*session]struct{}
	perIP map[netip.Addr]int
	live  atomic.Int64 // interactive sessions
}

func newRegistry() *registry {
	return &registry{all: map[*session]struct{}{}, perIP: map[netip.Addr]int{}}
}

// add admits a session unless a limit is reached; it returns the refusal's message key.
func (r *registry) add(ss *session, max, maxPerIP int) i18n.Key {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.all) >= max {
		return i18n.TooManySessions
	}
	if r.perIP[ss.ip] >= maxPerIP {
		return i18n.TooManySessionsForIP
	}
	r.all[ss] = struct{}{}
	r.perIP[ss.ip]++
	return ""
}

func (r *registry) remove(ss *session) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.all[ss]; !ok {
		return
	}
	delete(r.all, ss)
	if r.perIP[ss.ip]--; r.perIP[ss.ip] <= 0 {
		delete(r.perIP, ss.ip)
	}
}

// setLive counts a session in or out of "online now".
func (r *registry) setLive(ss *session, live bool) {
	if ss.interactive.Swap(live) == live {
		return
	}
	if live {
		r.live.Add(1)
	} else {
		r.live.Add(-1)
	}
}

func (r *registry) online() int { return int(r.live.Load()) }

func (r *registry) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.all)
}

// sessions is a snapshot of the live sessions.
func (r *registry) sessions() []*session {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]*session, 0, len(r.all))
	for ss := range r.all {
		out = append(out, ss)
	}
	return out
}

// waitEmpty waits until no session is left or ctx is done.
func (r *registry) waitEmpty(ctx context.Context) error {
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for r.count() > 0 {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
	}
	return nil
}

// hub pushes tui.LiveMsg to every TUI session when the board's version or the online count
// changed, at most once per LiveInterval. It never blocks on a session: each has a one-slot
// mailbox where a newer update replaces one not yet taken.
func (s *Server) hub() {
	t := time.NewTicker(s.cfg.LiveInterval)
	defer t.Stop()
	var lastVersion uint64
	lastOnline := -1
	for {
		select {
		case <-s.hubStop:
			return
		case <-t.C:
		}
		v, n := s.cfg.Board.Version(), s.Online()
		if v == lastVersion && n == lastOnline {
			continue
		}
		lastVersion, lastOnline = v, n
		msg := tui.LiveMsg{Online: n, Version: v}
		for _, ss := range s.reg.sessions() {
			if ss.interactive.Load() {
				ss.offer(msg)
			}
		}
	}
}

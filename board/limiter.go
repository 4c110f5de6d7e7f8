package board

import (
	"sync"
	"time"
)

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

// Package limit is the one sliding-window rate limiter of bangtin: at most N events per key in a
// window. The board uses it for guest comments (per key and per IP) and the SSH authentication
// for failed passwords and claim codes (per account and per IP).
//
// Memory is bounded at all times, not only after a sweep: a key keeps at most N event times (the
// only ones that can decide whether it is full), and a Limiter keeps at most MaxKeys keys. Keys
// are kept in the order they were last touched; every call first drops keys from the old end
// whose newest event has left the window (so sweeping costs nothing when nothing expired and
// never scans the whole table), and a new key arriving at MaxKeys evicts the least recently
// touched key. That key's events are the oldest, so eviction forgets the limit of whoever has
// been quiet the longest. Keep keys an attacker can multiply without cost (IP addresses) in a
// Limiter of their own, apart from keys of which there are few (accounts). The package function
// Take takes from several limiters at once (a guest's key under a tight limit and its address
// under a looser one), all or nothing.
//
// It is hand-written rather than golang.org/x/time/rate: a token bucket per key has no bound on
// the number of keys, no "all of these keys or none" and no count of recent events to report;
// the sliding window is also what the README promises ("3 comments per 10 minutes").
package limit

import (
	"cmp"
	"container/list"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultMaxKeys is the number of keys a Limiter keeps when Config.MaxKeys is zero: with N=5,
// about 12 MiB at the most.
const DefaultMaxKeys = 1 << 16

// Config configures a Limiter.
type Config struct {
	Events  int           // events allowed per key in Window; at least 1
	Window  time.Duration // the sliding window; more than 0
	MaxKeys int           // keys remembered at once; default DefaultMaxKeys
}

// Limiter counts events per key in a sliding window. It is safe for concurrent use.
type Limiter struct {
	id      uint64 // the order in which Take locks several limiters
	n       int
	window  time.Duration
	maxKeys int

	mu    sync.Mutex
	keys  map[string]*list.Element // of *entry
	order list.List                // least recently touched first
}

type entry struct {
	key    string
	events []time.Time // oldest first, at most n
}

// Or is a limit's value, or def when it is unset: zero or below. Every limit of bangtin has a
// default and a flag; the packages that take limits fill the unset ones with Or.
func Or[T ~int | ~int64](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// New makes a Limiter. Events below 1 is taken as 1, a Window of 0 or less as one minute.
func New(c Config) *Limiter {
	if c.Events < 1 {
		c.Events = 1
	}
	c.Window = Or(c.Window, time.Minute)
	c.MaxKeys = Or(c.MaxKeys, DefaultMaxKeys)
	return &Limiter{id: lastID.Add(1), n: c.Events, window: c.Window, maxKeys: c.MaxKeys, keys: map[string]*list.Element{}}
}

// lastID numbers the limiters, so that Take always locks them in the same order.
var lastID atomic.Uint64

// Slot is a key of a limiter, for Take over limiters with different limits (a guest's key with
// a tight one and its IP address with a looser one).
type Slot struct {
	L   *Limiter
	Key string
}

// Take records one event on every slot if each has room at now, and returns 0; otherwise it
// records nothing and returns how long until the fullest slot has room again. The limiters are
// locked together, so concurrent takes never overshoot a limit.
func Take(now time.Time, slots ...Slot) time.Duration {
	ls := make([]*Limiter, 0, len(slots))
	for _, s := range slots {
		if !slices.Contains(ls, s.L) {
			ls = append(ls, s.L)
		}
	}
	slices.SortFunc(ls, func(a, b *Limiter) int { return cmp.Compare(a.id, b.id) })
	for _, l := range ls {
		l.mu.Lock()
		defer l.mu.Unlock()
		l.expire(now)
	}
	var wait time.Duration
	for _, s := range slots {
		wait = max(wait, s.L.wait(now, s.Key))
	}
	if wait > 0 {
		return wait
	}
	for _, s := range slots {
		s.L.add(now, s.Key)
	}
	return 0
}

// Events is the number of events a key may have in the window.
func (l *Limiter) Events() int { return l.n }

// Window is the limiter's window.
func (l *Limiter) Window() time.Duration { return l.window }

// Take records one event on every key if each has room at now, and returns 0; otherwise it
// records nothing and returns how long until the fullest key has room again.
func (l *Limiter) Take(now time.Time, keys ...string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.expire(now)
	var wait time.Duration
	for _, k := range keys {
		wait = max(wait, l.wait(now, k))
	}
	if wait > 0 {
		return wait
	}
	for _, k := range keys {
		l.add(now, k)
	}
	return 0
}

// Wait is how long until key has room for one more event (0: it has room now).
func (l *Limiter) Wait(now time.Time, key string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.expire(now)
	return l.wait(now, key)
}

// Full reports whether key has used up its events in the window at now.
func (l *Limiter) Full(now time.Time, key string) bool { return l.Wait(now, key) > 0 }

// Count is the number of key's events in the window at now (at most Events).
func (l *Limiter) Count(now time.Time, key string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.expire(now)
	el, ok := l.keys[key]
	if !ok {
		return 0
	}
	e := el.Value.(*entry)
	e.events = l.recent(now, e.events)
	return len(e.events)
}

// Add records an event on every key whether or not it has room (a failure that happened: the
// caller checks Full before the attempt). A full key keeps its newest Events times.
func (l *Limiter) Add(now time.Time, keys ...string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.expire(now)
	for _, k := range keys {
		l.add(now, k)
	}
}

// Len is the number of keys remembered.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.keys)
}

// wait is Wait under the lock.
func (l *Limiter) wait(now time.Time, key string) time.Duration {
	el, ok := l.keys[key]
	if !ok {
		return 0
	}
	e := el.Value.(*entry)
	e.events = l.recent(now, e.events)
	if len(e.events) < l.n {
		return 0
	}
	return l.window - now.Sub(e.events[len(e.events)-l.n])
}

// add records one event on key under the lock.
func (l *Limiter) add(now time.Time, key string) {
	el, ok := l.keys[key]
	if !ok {
		if len(l.keys) >= l.maxKeys {
			old := l.order.Front()
			delete(l.keys, old.Value.(*entry).key)
			l.order.Remove(old)
		}
		el = l.order.PushBack(&entry{key: key, events: make([]time.Time, 0, min(l.n, 4))})
		l.keys[key] = el
	} else {
		l.order.MoveToBack(el)
	}
	e := el.Value.(*entry)
	ev := l.recent(now, e.events)
	if len(ev) == l.n {
		copy(ev, ev[1:])
		ev = ev[:l.n-1]
	}
	e.events = append(ev, now)
}

// recent drops the times that left the window, reusing the slice's array.
func (l *Limiter) recent(now time.Time, ev []time.Time) []time.Time {
	i := 0
	for i < len(ev) && now.Sub(ev[i]) >= l.window {
		i++
	}
	if i == 0 {
		return ev
	}
	n := copy(ev, ev[i:])
	return ev[:n]
}

// expire drops, from the least recently touched end, the keys whose newest event has left the
// window. It stops at the first key still inside it: the keys after it were touched later.
func (l *Limiter) expire(now time.Time) {
	for el := l.order.Front(); el != nil; el = l.order.Front() {
		e := el.Value.(*entry)
		if len(e.events) > 0 && now.Sub(e.events[len(e.events)-1]) < l.window {
			return
		}
		delete(l.keys, e.key)
		l.order.Remove(el)
	}
}

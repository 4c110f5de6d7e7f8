package limit

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var t0 = time.Date(2026, 12, 5, 8, 0, 0, 0, time.UTC)

func TestTake(t *testing.T) {
	l := New(Config{Events: 3, Window: 10 * time.Minute})
	for i := range 3 {
		if w := l.Take(t0.Add(time.Duration(i)*time.Minute), "key:a", "ip:1"); w != 0 {
			t.Fatalf("take %d: wait %v", i, w)
		}
	}
	// Full: nothing is recorded on any key, and the wait is until the oldest event leaves.
	if w := l.Take(t0.Add(3*time.Minute), "key:b", "ip:1"); w != 7*time.Minute {
		t.Errorf("fourth take: wait %v, want 7m", w)
	}
	if n := l.Count(t0.Add(3*time.Minute), "key:b"); n != 0 {
		t.Errorf("a refused take recorded %d events on the other key", n)
	}
	if w := l.Take(t0.Add(3*time.Minute), "key:b"); w != 0 {
		t.Errorf("another key alone: wait %v", w)
	}
	// The window slides: after the first event leaves, one more fits.
	if w := l.Take(t0.Add(10*time.Minute), "ip:1"); w != 0 {
		t.Errorf("after the window: wait %v", w)
	}
	if w := l.Take(t0.Add(10*time.Minute), "ip:1"); w != time.Minute {
		t.Errorf("full again: wait %v, want 1m", w)
	}
}

func TestTakeSlots(t *testing.T) {
	keys := New(Config{Events: 2, Window: time.Hour})
	ips := New(Config{Events: 3, Window: time.Hour})
	take := func(key string) time.Duration {
		return Take(t0, Slot{keys, "key:" + key}, Slot{ips, "ip:203.0.113.7"})
	}
	// Two per key, three per address: the third key is stopped by the address alone.
	for i, tc := range []struct {
		key  string
		room bool
	}{{"a", true}, {"a", true}, {"a", false}, {"b", true}, {"c", false}} {
		if got := take(tc.key) == 0; got != tc.room {
			t.Errorf("take %d (key %s): room %v, want %v", i, tc.key, got, tc.room)
		}
	}
	if n := keys.Count(t0, "key:c"); n != 0 {
		t.Errorf("a refused take recorded %d events on its key", n)
	}
	// A slot may repeat a limiter (the same one locked once).
	if w := Take(t0, Slot{keys, "key:d"}, Slot{keys, "key:e"}); w != 0 {
		t.Errorf("two keys of one limiter: wait %v", w)
	}
}

func TestTakeSlotsConcurrent(t *testing.T) {
	keys := New(Config{Events: 1000, Window: time.Hour})
	ips := New(Config{Events: 25, Window: time.Hour})
	var wg sync.WaitGroup
	var taken atomic.Int64
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				// Opposite orders of the same limiters must not deadlock.
				slots := []Slot{{keys, fmt.Sprintf("k%d-%d", g, i)}, {ips, "ip"}}
				if g%2 == 1 {
					slots[0], slots[1] = slots[1], slots[0]
				}
				if Take(t0, slots...) == 0 {
					taken.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if n := taken.Load(); n != 25 {
		t.Errorf("%d takes through an address with room for 25", n)
	}
}

func TestAddCountFull(t *testing.T) {
	l := New(Config{Events: 5, Window: 15 * time.Minute})
	for i := range 9 { // failures keep being recorded past the limit
		l.Add(t0.Add(time.Duration(i)*time.Minute), "acct:lan")
	}
	now := t0.Add(9 * time.Minute)
	if n := l.Count(now, "acct:lan"); n != 5 {
		t.Errorf("count %d, want 5 (at most Events kept)", n)
	}
	if !l.Full(now, "acct:lan") {
		t.Error("not full after 9 failures")
	}
	// The newest five were at 4..8 min: room again when the one at 4 min leaves (19 min).
	if w := l.Wait(now, "acct:lan"); w != 10*time.Minute {
		t.Errorf("wait %v, want 10m", w)
	}
	if l.Full(t0.Add(19*time.Minute), "acct:lan") {
		t.Error("still full at 19 min")
	}
	if n := l.Count(t0.Add(24*time.Minute), "acct:lan"); n != 0 {
		t.Errorf("count after the window: %d", n)
	}
}

func TestExpiredKeysAreDropped(t *testing.T) {
	l := New(Config{Events: 2, Window: time.Minute})
	for i := range 100 {
		l.Add(t0, fmt.Sprintf("ip:%d", i))
	}
	l.Add(t0.Add(30*time.Second), "ip:late")
	if n := l.Len(); n != 101 {
		t.Fatalf("len %d", n)
	}
	if n := l.Count(t0.Add(time.Minute), "ip:late"); n != 1 || l.Len() != 1 {
		t.Errorf("after a minute: count %d, %d keys; want 1, 1", n, l.Len())
	}
}

func TestMaxKeysBoundsMemory(t *testing.T) {
	l := New(Config{Events: 3, Window: time.Hour, MaxKeys: 64})
	l.Add(t0, "acct:quiet")
	for i := range 1000 {
		if w := l.Take(t0.Add(time.Duration(i)*time.Millisecond), fmt.Sprintf("ip:%d", i)); w != 0 {
			t.Fatalf("new key %d: wait %v", i, w)
		}
		if l.Len() > 64 {
			t.Fatalf("%d keys after %d takes, bound 64", l.Len(), i+1)
		}
	}
	if l.Count(t0.Add(time.Second), "acct:quiet") != 0 {
		t.Error("the least recently touched key was not the one evicted")
	}
	if l.Count(t0.Add(time.Second), "ip:999") != 1 {
		t.Error("the newest key was evicted")
	}
}

func TestDefaults(t *testing.T) {
	l := New(Config{})
	if l.Events() != 1 || l.Window() != time.Minute || l.maxKeys != DefaultMaxKeys {
		t.Errorf("defaults: %d %v %d", l.Events(), l.Window(), l.maxKeys)
	}
}

func TestConcurrent(t *testing.T) {
	l := New(Config{Events: 10, Window: time.Hour, MaxKeys: 32})
	var wg sync.WaitGroup
	var mu sync.Mutex
	taken := 0
	for g := range 8 {
		wg.Go(func() {
			for i := range 200 {
				if l.Take(t0, "shared", fmt.Sprintf("g%d-%d", g, i%40)) == 0 {
					mu.Lock()
					taken++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if taken != 10 {
		t.Errorf("%d takes of a shared key with room for 10", taken)
	}
	if l.Len() > 32 {
		t.Errorf("%d keys, bound 32", l.Len())
	}
}

func BenchmarkTakeNewKeys(b *testing.B) {
	l := New(Config{Events: 3, Window: time.Hour, MaxKeys: 1 << 12})
	for i := range b.N {
		l.Take(t0, fmt.Sprintf("ip:%d", i))
	}
}

func TestOr(t *testing.T) {
	for _, tc := range []struct{ v, def, want int }{
		{0, 5, 5}, {-1, 5, 5}, {1, 5, 1}, {7, 5, 7},
	} {
		if got := Or(tc.v, tc.def); got != tc.want {
			t.Errorf("Or(%d, %d) = %d, want %d", tc.v, tc.def, got, tc.want)
		}
	}
	if got := Or(time.Duration(0), time.Minute); got != time.Minute {
		t.Errorf("Or(0s, 1m) = %v", got)
	}
	if got := Or(2*time.Second, time.Minute); got != 2*time.Second {
		t.Errorf("Or(2s, 1m) = %v", got)
	}
}

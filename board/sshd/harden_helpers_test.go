package sshd

import (
	"bangtin/board/boardtest/sshtest"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/sys/unix"
)

// Helpers of the hardening tests (harden_*_test.go): resource counting and terminals that can
// be closed completely (openTerm's leave a goroutine until the test's cleanup).

// hFDs is the number of open file descriptors of this process (-1 without /proc).
func hFDs() int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(ents)
}

// hBaseline is the process's goroutines and descriptors at a quiet moment.
type hBaseline struct{ g, fd int }

func hMeasure() hBaseline {
	runtime.GC()
	return hBaseline{runtime.NumGoroutine(), hFDs()}
}

// hBackToBaseline polls until goroutines and descriptors are within tolerance of base, and
// fails the test with a goroutine dump otherwise.
func hBackToBaseline(t *testing.T, what string, base hBaseline, tolG, tolFD int, within time.Duration) hBaseline {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		now := hMeasure()
		okG := now.g <= base.g+tolG
		okFD := base.fd < 0 || now.fd <= base.fd+tolFD
		if okG && okFD {
			return now
		}
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			buf = buf[:runtime.Stack(buf, true)]
			t.Fatalf("%s: goroutines %d (baseline %d, tolerance %d), descriptors %d (baseline %d, tolerance %d) after %v\n%s",
				what, now.g, base.g, tolG, now.fd, base.fd, tolFD, within, hSummariseStacks(string(buf)))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// hSummariseStacks counts goroutines by their top frames, most common first.
func hSummariseStacks(dump string) string {
	counts := map[string]int{}
	for g := range strings.SplitSeq(dump, "\n\n") {
		lines := strings.Split(g, "\n")
		var key []string
		for i := 1; i < len(lines) && len(key) < 3; i += 2 {
			key = append(key, strings.TrimSpace(lines[i]))
		}
		counts[strings.Join(key, " <- ")]++
	}
	type kv struct {
		k string
		n int
	}
	var all []kv
	for k, n := range counts {
		all = append(all, kv{k, n})
	}
	slices.SortFunc(all, func(a, b kv) int { return b.n - a.n })
	var sb strings.Builder
	for i, e := range all {
		if i == 15 {
			break
		}
		fmt.Fprintf(&sb, "  %d× %s\n", e.n, e.k)
	}
	return sb.String()
}

// hRaiseFDLimit raises the soft descriptor limit to the hard one and returns the soft limit.
func hRaiseFDLimit() uint64 {
	var rl unix.Rlimit
	if err := unix.Getrlimit(unix.RLIMIT_NOFILE, &rl); err != nil {
		return 1024
	}
	if rl.Cur < rl.Max {
		rl.Cur = rl.Max
		_ = unix.Setrlimit(unix.RLIMIT_NOFILE, &rl)
		_ = unix.Getrlimit(unix.RLIMIT_NOFILE, &rl)
	}
	return rl.Cur
}

// hDial connects as a guest with a fresh key; the caller closes the client.
func (e *testEnv) hDial(t testing.TB) *gossh.Client {
	t.Helper()
	c, err := e.TryDial(sshtest.Guest(t))
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	return c
}

// hClose ends a term completely: its session, the goroutine copying terminal answers, the
// output reader.
func hClose(tm *term) { tm.Close() }

// hFirstFrame opens a TUI over a new connection and returns the time from dialling to the
// first screen holding the visitor box; everything it opened is closed again.
func (e *testEnv) hFirstFrame(t *testing.T) time.Duration {
	t.Helper()
	start := time.Now()
	c := e.hDial(t)
	defer c.Close()
	tm := e.openTerm(t, c, termOpts{})
	tm.WaitFor("Thống kê truy cập")
	d := time.Since(start)
	tm.Send("qy") // q on home asks before leaving; y leaves
	tm.WaitExit()
	hClose(tm)
	return d
}

func hMedian(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// hCountingAuth counts the public keys a server is asked about.
type hCountingAuth struct {
	Authenticator
	keys atomic.Int64
}

func (a *hCountingAuth) PublicKeyHandler(ctx ssh.Context, key ssh.PublicKey) bool {
	a.keys.Add(1)
	return a.Authenticator.PublicKeyHandler(ctx, key)
}

// hSlowGrace gives handshakes a minute: startServer's 5 s is short for a loaded machine running
// the race detector (a handshake cut by the grace fails as EOF).
func hSlowGrace(c *Config) { c.LoginGrace = time.Minute }

// hOnce closes a channel once.
type hOnce struct {
	once sync.Once
	ch   chan struct{}
}

func newHOnce() *hOnce { return &hOnce{ch: make(chan struct{})} }

func (o *hOnce) fire() { o.once.Do(func() { close(o.ch) }) }

// hResult is a command's result as hExec's callers take it.
func hResult(r sshtest.Result) (int, string, string) { return r.Code, r.Out, r.Err }

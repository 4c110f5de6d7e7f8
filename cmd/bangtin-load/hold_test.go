package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHoldAgainstReference holds a few sessions on the reference server (the --sessions path with
// a small N) and checks that every figure of the hold came out, that the churn (board only) is
// left out, that the profiles are saved, and that every session was closed.
func TestHoldAgainstReference(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	raiseNofile()
	cl, err := newClient(true)
	if err != nil {
		t.Fatal(err)
	}
	r := &runner{cfg: quickConfig(), cl: cl, logf: t.Logf}
	srv, err := startReference(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	h := holdDefaults(4, true)
	h.Window, h.Probes = 500*time.Millisecond, 2
	h.ProfileDir = t.TempDir()
	res := r.hold(ctx, srv, h)
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if res.Asked != 4 || res.Opened != 4 || res.OpenTime <= 0 {
		t.Errorf("opened %d of %d in %v", res.Opened, res.Asked, res.OpenTime)
	}
	if res.RSS == 0 || res.FDs <= 0 || res.Goroutines <= 0 || res.IdleCPU < 0 {
		t.Errorf("per session: RSS %v, fds %v, goroutines %v, idle CPU %v", res.RSS, res.FDs, res.Goroutines, res.IdleCPU)
	}
	if res.Empty.N != 2 || res.Held.N != 2 || res.Empty.P50 <= 0 || res.Held.P50 <= 0 {
		t.Errorf("probes: empty %+v, held %+v", res.Empty, res.Held)
	}
	if res.Arrived != 0 || res.ErrChurn != nil {
		t.Errorf("churn on the reference: %d arrived, %v", res.Arrived, res.ErrChurn)
	}
	if len(res.Profiles) != 0 {
		t.Errorf("profiles of the reference: %v (only the board's are saved)", res.Profiles)
	}
	// Every held session is closed: the server's goroutines fall back (its sessions end).
	deadline := time.Now().Add(10 * time.Second)
	for {
		g, err := goroutines(srv.Debug)
		if err != nil {
			t.Fatal(err)
		}
		if float64(g) < 2*res.Goroutines { // 4 sessions held had 4×Goroutines more
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines left on the reference after the hold", g)
		}
		time.Sleep(100 * time.Millisecond)
	}

	// The profiles: saved from a pprof address (the reference's serves one too).
	saved := saveProfiles(ctx, srv.Debug, h.ProfileDir, 4, t.Logf)
	if len(saved) != 4 {
		t.Fatalf("profiles saved: %v", saved)
	}
	for _, p := range saved {
		if fi, err := os.Stat(p); err != nil || fi.Size() == 0 || filepath.Dir(p) != h.ProfileDir {
			t.Errorf("profile %s: %v", p, err)
		}
	}
}

// TestHoldRows checks the hold's table: targets marked from the board's figures, the reference
// skipped or measured, the churn rows only with arrivals.
func TestHoldRows(t *testing.T) {
	h := holdDefaults(10000, false)
	good := &holdRes{Asked: 10000, Opened: 10000, OpenTime: time.Minute, RSS: 140 * 1024, Goroutines: 9, FDs: 1, IdleCPU: 0.2,
		Empty: dist{N: 20, P50: 5 * time.Millisecond}, Held: dist{N: 20, P50: 12 * time.Millisecond},
		Arrived: 100, ArrivalRate: 20, Live: dist{N: 800, P50: 500 * time.Millisecond, P99: time.Second}, LiveMax: 1100 * time.Millisecond,
		ChurnCPU: 0.6, Reach: dist{N: 10000, P50: time.Second, P99: 1500 * time.Millisecond}, ReachMax: 1600 * time.Millisecond}
	ref := &holdRes{Asked: 10000, Opened: 10000, OpenTime: 2 * time.Minute, RSS: 800 * 1024, Goroutines: 13, FDs: 1, IdleCPU: 3,
		Empty: dist{N: 20, P50: 20 * time.Millisecond}, Held: dist{N: 20, P50: 40 * time.Millisecond}}
	find := func(rs []row, prefix string) row {
		t.Helper()
		for _, r := range rs {
			if strings.HasPrefix(r.Figure, prefix) {
				return r
			}
		}
		t.Fatalf("no row %q in %v", prefix, rs)
		return row{}
	}
	rs := holdRows(h, 80, 24, good, ref, nil, nil)
	for prefix, want := range map[string]string{
		"h. sessions held":                 "all opened ✓",
		"h. RSS growth":                    "≤ 150 KiB ✓, ≤ 0.2× ✓",
		"h. idle CPU":                      "≤ 25% of a core ✓",
		"h. first frame p50, sessions":     "≤ 3× empty (board 2.40×) ✓",
		"h. meanwhile: a new arrival":      "≤ 2 s ✓",
		"h. meanwhile: server CPU":         "< 100% of a core ✓",
		"h. then one more visitor":         "≤ 2 s ✓",
		"h. new sessions arriving on top,": "20/s asked",
	} {
		if got := find(rs, prefix).Target; got != want {
			t.Errorf("%s: target %q, want %q", prefix, got, want)
		}
	}
	if r := find(rs, "h. RSS growth"); r.Ratio != "0.17×" || r.Board != "140 KiB" || r.Ref != "800 KiB" {
		t.Errorf("RSS row %+v", r)
	}

	if r := find(rs, "h. idle CPU"); r.Ratio != "0.07×" {
		t.Errorf("idle CPU ratio, same counts: %q", r.Ratio)
	}
	fewer := *ref
	fewer.Opened, fewer.IdleCPU = 1000, 0.4
	if r := find(holdRows(h, 80, 24, good, &fewer, nil, nil), "h. idle CPU"); r.Ratio != "0.050× per session" {
		t.Errorf("idle CPU ratio, 10000 against 1000: %q", r.Ratio)
	}

	bad := *good
	bad.RSS, bad.IdleCPU, bad.LiveMissed, bad.ReachMax = 400*1024, 0.3, 2, 3*time.Second
	rs = holdRows(h, 80, 24, &bad, nil, nil, fmt.Errorf("%w: --hold-reference 0", errSkipped))
	for prefix, want := range map[string]string{
		"h. RSS growth":               "≤ 150 KiB ✗, ≤ 0.2×",
		"h. idle CPU":                 "≤ 25% of a core ✗",
		"h. meanwhile: a new arrival": "≤ 2 s ✗",
		"h. then one more visitor":    "≤ 2 s ✗",
	} {
		if got := find(rs, prefix).Target; got != want {
			t.Errorf("bad %s: target %q, want %q", prefix, got, want)
		}
	}
	if r := find(rs, "h. RSS growth"); r.Ref != "skipped" || r.Ratio != "–" {
		t.Errorf("reference not held: %+v", r)
	}

	// The board failed to start: its column says so, the reference's figures remain.
	rs = holdRows(h, 80, 24, nil, ref, errors.New("board exited at start"), nil)
	if r := find(rs, "h. RSS growth"); r.Board != "error" || r.Ref != "800 KiB" {
		t.Errorf("board not started: %+v", r)
	}
	for _, r := range rs {
		if strings.HasPrefix(r.Figure, "h. meanwhile") {
			t.Errorf("churn row without a board: %+v", r)
		}
	}
	// Interrupted before the reference: its column says error, not skipped.
	rs = holdRows(h, 80, 24, good, nil, nil, errNotRun)
	if r := find(rs, "h. RSS growth"); r.Ref != "error" || r.Board != "140 KiB" {
		t.Errorf("reference interrupted: %+v", r)
	}
}

func TestHoldFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		ok   bool
		n    int
		refN int
	}{
		{[]string{"--sessions", "10000"}, true, 10000, 10000},
		{[]string{"--sessions", "5000", "--hold-reference", "0"}, true, 5000, 0},
		{[]string{"--sessions", "10001"}, false, 0, 0},
		{[]string{"--sessions", "-1"}, false, 0, 0},
		{nil, true, 0, 0},
	} {
		o, err := parseFlags(tc.args, &strings.Builder{})
		if (err == nil) != tc.ok {
			t.Errorf("parseFlags(%q): %v, want ok=%v", tc.args, err, tc.ok)
			continue
		}
		if err == nil && (o.hold.N != tc.n || o.hold.RefN != tc.refN) {
			t.Errorf("parseFlags(%q): N %d, RefN %d; want %d, %d", tc.args, o.hold.N, o.hold.RefN, tc.n, tc.refN)
		}
	}
	if need := holdNofile(holdDefaults(10000, false)); need < 10000 || need > 11000 {
		t.Errorf("holdNofile(10000) = %d", need)
	}
}

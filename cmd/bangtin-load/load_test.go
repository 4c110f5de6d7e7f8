package main

import (
	"bangtin/board/boardtest/sshtest"
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary be re-executed as the reference server, as the tool's binary is.
func TestMain(m *testing.M) {
	if os.Getenv(refRoleEnv) == "reference" {
		referenceMain()
		return
	}
	os.Exit(m.Run())
}

// TestFiguresAgainstReference runs every measurement in --quick mode against the reference server
// only and checks that each figure came out and that the table has every row. No timing
// thresholds: speed is judged by the tool's ratios, never by tests.
func TestFiguresAgainstReference(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	raiseNofile()
	cfg := quickConfig()
	if !sshtest.Have(t, "ssh") {
		cfg.OpenSSH = 0 // figure f needs the OpenSSH client
	}
	cl, err := newClient(true)
	if err != nil {
		t.Fatal(err)
	}
	r := &runner{cfg: cfg, cl: cl, logf: t.Logf}
	srv, err := startReference(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	if srv.PID <= 0 || srv.Debug == "" {
		t.Fatalf("reference server: pid %d, debug %q", srv.PID, srv.Debug)
	}

	res := &results{}
	for _, f := range []func(context.Context, *Server, *results){r.figureC, r.figureHuge, r.figureLive, r.figureA, r.figureD, r.figureB, r.figureE, r.figureF} {
		f(ctx, srv, res)
	}

	if !errors.Is(res.ErrHuge, errSkipped) {
		t.Errorf("huge pty against the reference: %v, want skipped", res.ErrHuge)
	}
	if !errors.Is(res.ErrLive, errSkipped) {
		t.Errorf("live counter against the reference: %v, want skipped", res.ErrLive)
	}
	if res.ErrFirst != nil || res.First.N != cfg.Sessions || res.First.P50 <= 0 || res.First.P99 < res.First.P50 {
		t.Errorf("a: %+v, %v", res.First, res.ErrFirst)
	}
	if res.ErrRate != nil || res.Rate <= 0 || res.CPUPer < 0 {
		t.Errorf("b: rate %v, cpu/session %v, %v", res.Rate, res.CPUPer, res.ErrRate)
	}
	if res.ErrRSA != nil || res.CPUPerRSA < 0 {
		t.Errorf("b with RSA first: cpu/session %v, %v", res.CPUPerRSA, res.ErrRSA)
	}
	if res.ErrIdle != nil || len(res.Idle) != len(cfg.IdleCounts)+1 {
		t.Fatalf("c: %d figures, %v", len(res.Idle), res.ErrIdle)
	}
	for i, f := range res.Idle {
		if f.Err != nil || f.RSS <= 0 || f.Goroutines <= 0 {
			t.Errorf("c[%d]: %+v", i, f)
		}
		if i < len(cfg.IdleCounts) && (f.CPU < 0 || f.FirstFrame.P50 <= 0) {
			t.Errorf("c[%d]: idle CPU %v, first frame %v", i, f.CPU, f.FirstFrame)
		}
	}
	if res.ErrKeys != nil || res.Full <= 0 || res.Down < 0 || res.PgDn < 0 {
		t.Errorf("d: full %d, down %d, pgdn %d, %v", res.Full, res.Down, res.PgDn, res.ErrKeys)
	}
	if res.ErrWrites != nil || res.Writes <= 0 || res.WritesFailed != 0 {
		t.Errorf("e: %v/s, %d failed (%s), %v", res.Writes, res.WritesFailed, res.WriteErr, res.ErrWrites)
	}
	if cfg.OpenSSH > 0 && (res.ErrSSH != nil || res.SSH.N != cfg.OpenSSH || res.SSH.P50 <= 0) {
		t.Errorf("f: %+v, %v", res.SSH, res.ErrSSH)
	}

	// The table: every row, with the reference's figures and the board's marked as not measured.
	rs := rows(cfg, nil, res, errors.New("board: test"))
	var sb strings.Builder
	printTable(&sb, "head", rs, nil)
	table := sb.String()
	want := []string{"a. first frame p50", "a. first frame p99", "a. of which TCP", "b. sessions/s", "b. server CPU per session (client asks ed25519", "b. server CPU per session, client asks RSA first",
		"d. full redraw", "d. one down arrow", "d. Enter: the thread", "d. one page down", "e. comments/s", "e. board: the same sessions", "f. first frame p50", "f. first frame p99",
		"c. RSS per idle session, +2 at 200x50", "c. RSS growth, one session claiming", "c. a new visitor shown"}
	for _, n := range cfg.IdleCounts {
		for _, f := range []string{"c. RSS per idle session, %d open", "c. goroutines per idle session, %d open",
			"c. idle CPU per session, %d open", "c. first frame p50 with %d idle"} {
			want = append(want, strings.Replace(f, "%d", strconv.Itoa(n), 1))
		}
	}
	for _, w := range want {
		if !strings.Contains(table, "| "+w) {
			t.Errorf("table lacks row %q:\n%s", w, table)
		}
	}
	if len(rs) != len(want) {
		t.Errorf("table has %d rows, want %d:\n%s", len(rs), len(want), table)
	}
	for _, rw := range rs {
		if rw.Board != "error" {
			t.Errorf("row %q: board %q, want error (no board)", rw.Figure, rw.Board)
		}
		if strings.HasPrefix(rw.Figure, "f.") && cfg.OpenSSH == 0 {
			continue
		}
		if strings.HasPrefix(rw.Figure, "e. board:") || strings.HasPrefix(rw.Figure, "c. RSS growth") || strings.HasPrefix(rw.Figure, "c. a new visitor") {
			continue // never run against the bare stack
		}
		if rw.Ref == "error" || rw.Ref == "skipped" || rw.Ref == "" {
			t.Errorf("row %q: reference %q", rw.Figure, rw.Ref)
		}
	}
	t.Logf("\n%s", table)
}

// TestNewDist checks the percentiles on small samples.
func TestNewDist(t *testing.T) {
	ms := func(v ...int) []time.Duration {
		var d []time.Duration
		for _, x := range v {
			d = append(d, time.Duration(x)*time.Millisecond)
		}
		return d
	}
	for _, tc := range []struct {
		name     string
		in       []time.Duration
		p50, p99 time.Duration
	}{
		{"empty", nil, 0, 0},
		{"one", ms(7), 7 * time.Millisecond, 7 * time.Millisecond},
		{"unsorted", ms(5, 1, 3), 3 * time.Millisecond, 5 * time.Millisecond},
		{"hundred", ms(100, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98, 99), 50 * time.Millisecond, 99 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDist(tc.in)
			if d.P50 != tc.p50 || d.P99 != tc.p99 || d.N != len(tc.in) {
				t.Errorf("newDist = %+v, want p50 %v p99 %v n %d", d, tc.p50, tc.p99, len(tc.in))
			}
		})
	}
}

// TestProcOfSelf reads this process's /proc entries.
func TestProcOfSelf(t *testing.T) {
	s, err := sampleProc(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	if s.RSS <= 0 || s.Threads <= 0 || s.FDs <= 0 || s.CPU < 0 {
		t.Errorf("sampleProc(self) = %+v", s)
	}
	if _, err := sampleProc(0); err == nil {
		t.Error("sampleProc(0) did not fail")
	}
}

// TestParseFlags checks bounds and the loopback-only rule.
func TestParseFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		ok   bool
	}{
		{nil, true},
		{[]string{"--quick", "--size", "200x50", "--idle", "10,20"}, true},
		{[]string{"--target", "127.0.0.1:2222"}, true},
		{[]string{"--target", "10.0.0.1:22"}, false},
		{[]string{"--size", "80"}, false},
		{[]string{"--idle", "0"}, false},
		{[]string{"--comment-as", "root"}, false},
		{[]string{"extra"}, false},
		{[]string{"--figures", "c, e"}, true},
		{[]string{"--figures", "g"}, false},
		{[]string{"--figures", "ce"}, false},
	} {
		_, err := parseFlags(tc.args, &strings.Builder{})
		if (err == nil) != tc.ok {
			t.Errorf("parseFlags(%q) error %v, want ok=%v", tc.args, err, tc.ok)
		}
	}
	o, err := parseFlags([]string{"--figures", "c,e"}, &strings.Builder{})
	if err != nil || len(o.only) != 2 || !o.only["c"] || !o.only["e"] {
		t.Errorf("--figures c,e: %v, %v", o.only, err)
	}
}

// TestOnlineCount reads the visitor box's "online now" figure from screens.
func TestOnlineCount(t *testing.T) {
	for _, tc := range []struct {
		screen string
		n      int
		ok     bool
	}{
		{"Đang online: 3 │ Hôm nay: 11", 3, true},
		{"Đang online   12\nHôm nay 4", 12, true},
		{"Đang online: 1.008 │ Hôm nay: 12.345", 1008, true},
		{"Đang online: 10.000 │ Hôm nay: 11", 10000, true},
		{"Đang online: 1,008 │ Today: 2", 1008, true},
		{"Đang online: 999 │ Hôm nay: 1.234", 999, true},
		{"Hôm nay: 11 │ Tất cả: 11", 0, false},
		{"", 0, false},
	} {
		n, ok := onlineCount(tc.screen)
		if n != tc.n || ok != tc.ok {
			t.Errorf("onlineCount(%q) = %d, %v; want %d, %v", tc.screen, n, ok, tc.n, tc.ok)
		}
	}
}

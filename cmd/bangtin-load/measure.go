package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/creack/pty"
)

// config bounds every figure in count and time.
type config struct {
	W, H int // terminal size of the Go-client figures

	Sessions int // a: sequential sessions

	Parallel int           // b: parallel clients
	Duration time.Duration // b: how long

	IdleCounts  []int         // c: idle sessions held open, ascending
	IdleLarge   int           // c: extra sessions at LargeW×LargeH, added with the most idle open
	LargeW      int           // c
	LargeH      int           // c
	IdleWindow  time.Duration // c: idle CPU sampling window
	IdleProbes  int           // c: first frames measured with the idle sessions open
	OpenWorkers int           // c: parallel openers
	IdleBudget  time.Duration // c: at most this long per server (opening stops when it is spent)

	Keys int // d: key presses of each kind (median)

	Writers       int           // e: parallel clients
	WriteDuration time.Duration // e
	WriteMax      int           // e: at most this many operations
	CommentAs     string        // e: "admin" or "guest"

	OpenSSH int // f: sequential OpenSSH sessions (0: skip)

	Seed int // threads the tool posts on a board it started (needs the admin key)
}

func defaultConfig() config {
	return config{
		W: 80, H: 24,
		Sessions: 30,
		Parallel: 8, Duration: 5 * time.Second,
		IdleCounts: []int{100, 500, 1000}, IdleLarge: 100, LargeW: 200, LargeH: 50,
		IdleWindow: 5 * time.Second, IdleProbes: 5, OpenWorkers: 8, IdleBudget: 3 * time.Minute,
		Keys:    5,
		Writers: 32, WriteDuration: 5 * time.Second, WriteMax: 5000, CommentAs: "admin",
		OpenSSH: 10,
		Seed:    12,
	}
}

func quickConfig() config {
	c := defaultConfig()
	c.Sessions = 3
	c.Parallel, c.Duration = 2, time.Second
	c.IdleCounts, c.IdleLarge = []int{4, 8}, 2
	c.IdleWindow, c.IdleProbes, c.OpenWorkers, c.IdleBudget = time.Second, 2, 4, time.Minute
	c.Keys = 1
	c.Writers, c.WriteDuration, c.WriteMax = 4, time.Second, 200
	c.OpenSSH = 2
	c.Seed = 3
	return c
}

// dist is a latency distribution.
type dist struct {
	N        int
	P50, P99 time.Duration
}

func newDist(d []time.Duration) dist {
	if len(d) == 0 {
		return dist{}
	}
	slices.Sort(d)
	p := func(q float64) time.Duration {
		i := int(q*float64(len(d))+0.999999) - 1
		return d[max(0, min(i, len(d)-1))]
	}
	return dist{N: len(d), P50: p(0.50), P99: p(0.99)}
}

// idleFig is figure c at one count.
type idleFig struct {
	N, W, H    int
	RSS        float64 // bytes per session
	Goroutines float64 // per session (-1: unknown)
	Threads    float64 // OS threads per session
	FDs        float64 // file descriptors per session
	CPU        float64 // ms of CPU per second per session (-1: not measured)
	FirstFrame dist    // new sessions meanwhile
	Err        error
}

// results holds one server's figures.
type results struct {
	Web       []row // w (web.go): rows of their own, board and static file side by side
	ErrWeb    error
	First     dist // a
	Handshake dist // a: of which dial to authenticated connection
	ErrFirst  error

	Rate       float64       // b: sessions per second
	CPUPer     time.Duration // b: server CPU per session (-1: unknown)
	RateFailed int
	ErrRate    error
	CPUPerRSA  time.Duration // b: the same with clients asking for RSA host keys first (x/crypto's order)
	ErrRSA     error

	Idle    []idleFig // c
	ErrIdle error

	Huge      float64 // c: peak RSS growth for one session claiming 65535×65535
	HugeBytes int64   // bytes it was sent
	ErrHuge   error

	Live    time.Duration // c: a new visitor seen by an untouched session
	ErrLive error

	Full, Down, Open, PgDn int64 // d: bytes of the first frame, a down arrow, Enter (the thread), a page down
	ErrKeys                error

	Writes       float64 // e: acknowledged comments (board) or handshake-only sessions (reference) per second
	WritesDone   int
	WritesFailed int
	WriteErr     string // first failure
	WriteWhat    string
	ErrWrites    error
	Noop         float64 // e: the board's sessions per second running `version` (no write)
	ErrNoop      error

	SSH    dist // f
	ErrSSH error
}

// runner measures servers with one client.
type runner struct {
	cfg  config
	cl   *client
	logf func(string, ...any)
}

// sequential first frames: figure a (and c's probes).
func (r *runner) firstFrames(ctx context.Context, srv *Server, n, w, h int) (dist, error) {
	d, _, err := r.firstFramesSplit(ctx, srv, n, w, h)
	return d, err
}

// firstFramesSplit also gives the handshake's share (dial to authenticated connection).
func (r *runner) firstFramesSplit(ctx context.Context, srv *Server, n, w, h int) (frame, handshake dist, err error) {
	var d, hs []time.Duration
	for range n {
		s, took, err := r.cl.firstFrame(ctx, srv, w, h)
		if err != nil {
			return newDist(d), newDist(hs), err
		}
		s.close()
		d = append(d, took)
		hs = append(hs, s.handshake)
	}
	return newDist(d), newDist(hs), nil
}

// figureA: first complete frame, p50/p99 over cfg.Sessions sequential sessions.
func (r *runner) figureA(ctx context.Context, srv *Server, res *results) {
	res.First, res.Handshake, res.ErrFirst = r.firstFramesSplit(ctx, srv, r.cfg.Sessions, r.cfg.W, r.cfg.H)
}

// figureB: sessions per second (connect, render, close) with cfg.Parallel clients asking for
// ed25519 host keys first (as OpenSSH and PuTTY do), then the server's CPU per session again with
// clients leaving the order to x/crypto (RSA first: a board's RSA-3072 key signs each handshake).
func (r *runner) figureB(ctx context.Context, srv *Server, res *results) {
	var failed int
	var firstErr error
	res.Rate, res.CPUPer, failed, firstErr = r.churn(ctx, srv, r.cl)
	res.RateFailed = failed
	if res.Rate == 0 {
		res.ErrRate = fmt.Errorf("no session completed: %w", firstErr)
		return
	}
	if failed > 0 {
		r.logf("%s b: %d sessions failed, first: %v", srv.Name, failed, firstErr)
	}
	rsaRate, rsaCPU, _, err := r.churn(ctx, srv, r.cl.withRSAFirst())
	switch {
	case rsaRate == 0:
		res.ErrRSA = fmt.Errorf("no session completed with RSA first: %w", err)
	case rsaCPU < 0:
		res.ErrRSA = errors.New("no /proc figures")
	default:
		res.CPUPerRSA = rsaCPU
	}
}

// churn runs cfg.Parallel clients connecting, waiting for the first frame and disconnecting for
// cfg.Duration: sessions per second, the server's CPU per session (-1: unknown), the failures and
// the first failure.
func (r *runner) churn(ctx context.Context, srv *Server, cl *client) (rate float64, cpuPer time.Duration, failures int, firstErr error) {
	cpuPer = -1
	cpu0, cpuErr := procCPU(srv.PID)
	var done, failed atomic.Int64
	var once sync.Once
	start := time.Now()
	deadline := start.Add(r.cfg.Duration)
	var wg sync.WaitGroup
	for range r.cfg.Parallel {
		wg.Go(func() {
			for time.Now().Before(deadline) && ctx.Err() == nil {
				s, _, err := cl.firstFrame(ctx, srv, r.cfg.W, r.cfg.H)
				if err != nil {
					failed.Add(1)
					once.Do(func() { firstErr = err })
					continue
				}
				s.close()
				done.Add(1)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	time.Sleep(300 * time.Millisecond) // let the server finish tearing the last sessions down
	if done.Load() == 0 {
		return 0, -1, int(failed.Load()), firstErr
	}
	rate = float64(done.Load()) / elapsed.Seconds()
	if cpu1, err := procCPU(srv.PID); err == nil && cpuErr == nil {
		cpuPer = (cpu1 - cpu0) / time.Duration(done.Load())
	}
	return rate, cpuPer, int(failed.Load()), firstErr
}

// figureC: idle sessions held open at each of cfg.IdleCounts, then cfg.IdleLarge more at
// LargeW×LargeH on top of the most.
func (r *runner) figureC(ctx context.Context, srv *Server, res *results) {
	var open []*session
	var mu sync.Mutex
	defer func() {
		var wg sync.WaitGroup
		for _, s := range open {
			wg.Go(s.close)
		}
		wg.Wait()
	}()
	// Warm up (lazy initialisation is not a per-session cost), then the baseline.
	if _, err := r.firstFrames(ctx, srv, 2, r.cfg.W, r.cfg.H); err != nil {
		res.ErrIdle = err
		return
	}
	time.Sleep(time.Second)
	base, err := sampleProc(srv.PID)
	if err != nil {
		r.logf("%s c: %v: memory, CPU and thread figures skipped", srv.Name, err)
	}
	g0, gErr := goroutines(srv.Debug)

	octx, cancel := context.WithTimeout(ctx, r.cfg.IdleBudget)
	defer cancel()
	openN := func(n, w, h int) error {
		var wg sync.WaitGroup
		var firstErr error
		var once sync.Once
		next := atomic.Int64{}
		for range r.cfg.OpenWorkers {
			wg.Go(func() {
				for next.Add(1) <= int64(n) && octx.Err() == nil {
					s, _, err := r.cl.firstFrame(octx, srv, w, h)
					if err != nil {
						once.Do(func() { firstErr = err })
						return
					}
					s.detach()
					mu.Lock()
					open = append(open, s)
					mu.Unlock()
				}
			})
		}
		wg.Wait()
		if firstErr == nil {
			firstErr = octx.Err()
		}
		if firstErr != nil && octx.Err() != nil && ctx.Err() == nil {
			return fmt.Errorf("the --idle-budget of %v is spent (%w)", r.cfg.IdleBudget, firstErr)
		}
		return firstErr
	}

	measure := func(fig *idleFig, prev procSample, prevN int, g0 int, withCPU bool) procSample {
		time.Sleep(time.Second) // settle: the server's own reactions to the new sessions
		cur, err := sampleProc(srv.PID)
		n := float64(fig.N - prevN)
		fig.Goroutines, fig.CPU = -1, -1
		if err == nil && base.At != (time.Time{}) {
			fig.RSS = float64(cur.RSS-prev.RSS) / n
			fig.Threads = float64(cur.Threads-prev.Threads) / n
			fig.FDs = float64(cur.FDs-prev.FDs) / n
		}
		if gErr == nil {
			if g, err := goroutines(srv.Debug); err == nil {
				fig.Goroutines = float64(g-g0) / n
			}
		}
		if withCPU && err == nil {
			t0 := time.Now()
			c0, err0 := procRunTime(srv.PID)
			time.Sleep(r.cfg.IdleWindow)
			c1, err1 := procRunTime(srv.PID)
			if err0 == nil && err1 == nil {
				perSec := float64(c1-c0) / float64(time.Millisecond) / time.Since(t0).Seconds()
				fig.CPU = perSec / float64(fig.N)
			}
		}
		return cur
	}

	counts := slices.Clone(r.cfg.IdleCounts)
	slices.Sort(counts)
	last := base
	for _, n := range counts {
		fig := idleFig{N: n, W: r.cfg.W, H: r.cfg.H}
		if err := openN(n-len(open), r.cfg.W, r.cfg.H); err != nil {
			fig.Err = fmt.Errorf("opening %d idle sessions (%d open): %w", n, len(open), err)
			res.Idle = append(res.Idle, fig)
			return
		}
		last = measure(&fig, base, 0, g0, true)
		fig.FirstFrame, fig.Err = r.firstFrames(ctx, srv, r.cfg.IdleProbes, r.cfg.W, r.cfg.H)
		res.Idle = append(res.Idle, fig)
		r.logf("%s c: %d idle: %.0f KiB, %.2f goroutines, %.3f ms/s CPU per session; new session %v",
			srv.Name, n, fig.RSS/1024, fig.Goroutines, fig.CPU, fig.FirstFrame.P50.Round(time.Millisecond))
	}
	if r.cfg.IdleLarge > 0 {
		held := len(open)
		g1, _ := goroutines(srv.Debug)
		fig := idleFig{N: held + r.cfg.IdleLarge, W: r.cfg.LargeW, H: r.cfg.LargeH}
		if err := openN(r.cfg.IdleLarge, r.cfg.LargeW, r.cfg.LargeH); err != nil {
			fig.Err = fmt.Errorf("opening %d idle %dx%d sessions: %w", r.cfg.IdleLarge, r.cfg.LargeW, r.cfg.LargeH, err)
		} else {
			measure(&fig, last, held, g1, false)
			fig.N = r.cfg.IdleLarge
		}
		res.Idle = append(res.Idle, fig)
		r.logf("%s c: +%d idle at %dx%d: %.0f KiB per session", srv.Name, r.cfg.IdleLarge, r.cfg.LargeW, r.cfg.LargeH, fig.RSS/1024)
	}
}

// hugeClaim is the terminal size of figure c's bounded-memory check.
const hugeClaim = 65535

// figureHuge: the RSS growth of one session whose pty request claims 65535×65535 (the board clamps
// it; the bare stack would allocate gigabytes, so the reference is not asked). A watchdog stops a
// board this tool started once it passes 2 GiB.
func (r *runner) figureHuge(ctx context.Context, srv *Server, res *results) {
	if !srv.IsBoard {
		res.ErrHuge = fmt.Errorf("%w: the bare stack is not bounded", errSkipped)
		return
	}
	if srv.cmd == nil {
		res.ErrHuge = fmt.Errorf("%w: only for a board this tool started (it may have to kill it)", errSkipped)
		return
	}
	base, err := sampleProc(srv.PID)
	if err != nil {
		res.ErrHuge = err
		return
	}
	const limit = 2 << 30
	var peak atomic.Int64
	wctx, stop := context.WithCancel(ctx)
	defer stop()
	killed := make(chan struct{})
	go func() {
		for wctx.Err() == nil {
			if p, err := sampleProc(srv.PID); err == nil {
				if p.RSS > peak.Load() {
					peak.Store(p.RSS)
				}
				if p.RSS > limit {
					_ = srv.cmd.Process.Kill()
					close(killed)
					return
				}
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	s, err := r.cl.openSessionClaiming(ctx, srv.Addr, r.cfg.W, r.cfg.H, hugeClaim, hugeClaim)
	if err != nil {
		res.ErrHuge = err
		return
	}
	defer s.close()
	select { // wait for a screen (or the end of the session), then for quiet
	case <-s.changed:
	case <-s.done:
	case <-killed:
	case <-time.After(10 * time.Second):
	}
	s.quiet(ctx, 500*time.Millisecond, 10*time.Second)
	stop()
	select {
	case <-killed:
		res.ErrHuge = fmt.Errorf("board passed %d MiB for one %dx%d session: killed", limit>>20, hugeClaim, hugeClaim)
		return
	default:
	}
	res.Huge = float64(peak.Load() - base.RSS)
	res.HugeBytes = s.bytes()
}

// onlineRe finds the board's "online now" count in the visitor box; from 1,000 on it has
// thousands separators ("1.008" in Vietnamese, "1,008" in English).
var onlineRe = regexp.MustCompile(`Đang online\D{0,8}(\d{1,3}(?:[.,\x{a0}\x{202f}]\d{3})+|\d+)`)

func onlineCount(screen string) (int, bool) {
	m := onlineRe.FindStringSubmatch(screen)
	if m == nil {
		return 0, false
	}
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, m[1])
	n, err := strconv.Atoi(digits)
	return n, err == nil
}

// figureLive: how long an untouched session takes to show a new visitor in "Đang online" (the
// target: within 2 s, while idle sessions cost less CPU than the bare stack's). Board only.
func (r *runner) figureLive(ctx context.Context, srv *Server, res *results) {
	if !srv.IsBoard {
		res.ErrLive = fmt.Errorf("%w: the reference has no live counter", errSkipped)
		return
	}
	a, _, err := r.cl.firstFrame(ctx, srv, r.cfg.W, r.cfg.H)
	if err != nil {
		res.ErrLive = err
		return
	}
	defer a.close()
	a.quiet(ctx, 300*time.Millisecond, 5*time.Second)
	n0, ok := onlineCount(a.screen())
	if !ok {
		res.ErrLive = fmt.Errorf("no online count on the screen: %q", clip(a.screen(), 300))
		return
	}
	b, _, err := r.cl.firstFrame(ctx, srv, r.cfg.W, r.cfg.H)
	if err != nil {
		res.ErrLive = err
		return
	}
	defer b.close()
	start := time.Now()
	deadline := time.NewTimer(10 * time.Second)
	defer deadline.Stop()
	for {
		if n, ok := onlineCount(a.screen()); ok && n > n0 {
			res.Live = time.Since(start)
			return
		}
		select {
		case <-a.changed:
		case <-deadline.C:
			res.ErrLive = fmt.Errorf("online count still %d after 10 s", n0)
			return
		case <-ctx.Done():
			res.ErrLive = ctx.Err()
			return
		}
	}
}

// Keys a terminal sends.
const (
	keyDown     = "\x1b[B"
	keyPageDown = "\x1b[6~"
	keyEnter    = "\r"
)

// figureD: bytes for one down arrow in the thread list and one page down in a thread, against the
// full first frame.
func (r *runner) figureD(ctx context.Context, srv *Server, res *results) {
	s, _, err := r.cl.firstFrame(ctx, srv, r.cfg.W, r.cfg.H)
	if err != nil {
		res.ErrKeys = err
		return
	}
	defer s.close()
	const settle = 300 * time.Millisecond
	res.Full = s.quiet(ctx, settle, 5*time.Second)
	press := func(key string) (int64, error) {
		before := s.bytes()
		if err := s.send(key); err != nil {
			return 0, err
		}
		time.Sleep(settle)
		n := s.quiet(ctx, settle, 5*time.Second) - before
		if os.Getenv("BANGTIN_LOAD_SCREENS") != "" { // debugging aid: log the screen after each key
			r.logf("after %q:\n%s", key, s.screen())
		}
		return n, nil
	}
	median := func(key string) (int64, error) {
		var v []int64
		for range r.cfg.Keys {
			n, err := press(key)
			if err != nil {
				return 0, err
			}
			v = append(v, n)
		}
		r.logf("%s d: %q: %v bytes", srv.Name, key, v)
		slices.Sort(v)
		return v[len(v)/2], nil
	}
	// On the board each key must change the screen: a key that changes nothing (a list of one
	// thread, a thread shorter than a page) would make the figure look better than it is.
	checked := func(what, key string) (int64, error) {
		before := s.screen()
		n, err := median(key)
		if err == nil && srv.IsBoard && s.screen() == before {
			err = fmt.Errorf("%s changed nothing on the screen: %q", what, clip(before, 300))
		}
		return n, err
	}
	if res.Down, err = checked("the down arrow", keyDown); err != nil {
		res.ErrKeys = err
		return
	}
	// Open the selected thread: a full redraw of it. The thread may take a while (rendering its
	// Markdown the first time), so wait for its text, not merely for a pause in the output.
	before := s.bytes()
	listScreen := s.screen()
	if err := s.send(keyEnter); err != nil {
		res.ErrKeys = err
		return
	}
	switch {
	case !srv.IsBoard: // a static screen: nothing to wait for
	case srv.Seeded >= r.cfg.Keys: // the pinned welcome thread, then the seeded ones, newest first
		err = s.waitFor(ctx, seedHeading, frameTimeout)
	default:
		err = waitChange(ctx, s.term, listScreen, frameTimeout)
	}
	if err != nil {
		res.ErrKeys = fmt.Errorf("opening a thread: %w", err)
		return
	}
	res.Open = s.quiet(ctx, time.Second, 10*time.Second) - before
	if res.PgDn, err = checked("page down in the thread", keyPageDown); err != nil {
		res.ErrKeys = err
	}
}

// waitChange waits until the screen differs from before.
func waitChange(ctx context.Context, t *term, before string, timeout time.Duration) error {
	tm := time.NewTimer(timeout)
	defer tm.Stop()
	for t.screen() == before {
		select {
		case <-t.changed:
		case <-t.done:
			return errors.New("session ended")
		case <-tm.C:
			return fmt.Errorf("the screen did not change in %v", timeout)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// commentReply is the JSON `comment post --json` prints.
type commentReply struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
}

// figureE: acknowledged comments per second with cfg.Writers clients (board), or handshake-only
// sessions per second (reference: connect, authenticate, exec a no-op).
func (r *runner) figureE(ctx context.Context, srv *Server, res *results) {
	op := func(ctx context.Context, i int) error {
		_, err := r.cl.exec(ctx, srv.Addr, nil, "true", "")
		return err
	}
	res.WriteWhat = "handshake-only sessions/s (exec a no-op)"
	if srv.IsBoard {
		signer := srv.Admin
		if r.cfg.CommentAs == "guest" {
			signer = nil
		}
		res.WriteWhat = fmt.Sprintf("acknowledged comments/s as %s", map[bool]string{true: "admin", false: "guest"}[signer != nil])
		if srv.ThreadID == 0 {
			res.ErrWrites = errors.New("no thread to comment on (seeding and `news list --json` gave none)")
			return
		}
		op = func(ctx context.Context, i int) error {
			cmd := fmt.Sprintf("comment post %d --name 'Cán bộ %d' --json", srv.ThreadID, i%97)
			out, err := r.cl.exec(ctx, srv.Addr, signer, cmd, fmt.Sprintf("Bình luận thử tải số %d: ý kiến về lịch tiếp dân.\n", i))
			if err != nil {
				return err
			}
			var rep commentReply
			if err := json.Unmarshal(out, &rep); err != nil {
				return fmt.Errorf("comment reply %q: %w", clip(string(out), 200), err)
			}
			if rep.ID <= 0 || rep.Status == "" {
				return fmt.Errorf("comment not acknowledged: %q", clip(string(out), 200))
			}
			return nil
		}
	}
	n, failed, first, rate := r.hammer(ctx, op)
	res.WritesDone, res.WritesFailed, res.WriteErr = n, failed, first
	if first != "" {
		r.logf("%s e: %d failed, first: %s", srv.Name, failed, first)
	}
	if n == 0 {
		res.ErrWrites = fmt.Errorf("nothing acknowledged: %s", first)
		return
	}
	res.Writes = rate
	if srv.IsBoard { // the same sessions without the write: what the board's handshake and command cost
		signer := srv.Admin
		if r.cfg.CommentAs == "guest" {
			signer = nil
		}
		n, _, first, rate := r.hammer(ctx, func(ctx context.Context, _ int) error {
			_, err := r.cl.exec(ctx, srv.Addr, signer, "version", "")
			return err
		})
		if n == 0 {
			res.ErrNoop = fmt.Errorf("no `version` session succeeded: %s", first)
			return
		}
		res.Noop = rate
	}
}

// hammer runs op from cfg.Writers clients for cfg.WriteDuration (at most cfg.WriteMax times) and
// returns the successes, the failures, the first failure and the rate of successes per second.
func (r *runner) hammer(ctx context.Context, op func(context.Context, int) error) (done, failed int, first string, rate float64) {
	var next, ok, bad atomic.Int64
	var firstErr atomic.Value
	start := time.Now()
	deadline := start.Add(r.cfg.WriteDuration)
	var wg sync.WaitGroup
	for range r.cfg.Writers {
		wg.Go(func() {
			for time.Now().Before(deadline) && ctx.Err() == nil {
				i := next.Add(1)
				if i > int64(r.cfg.WriteMax) {
					return
				}
				if err := op(ctx, int(i)); err != nil {
					bad.Add(1)
					firstErr.CompareAndSwap(nil, err.Error())
					continue
				}
				ok.Add(1)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	first, _ = firstErr.Load().(string)
	return int(ok.Load()), int(bad.Load()), first, float64(ok.Load()) / elapsed.Seconds()
}

// figureF: first frame through the real OpenSSH client in a pty.
func (r *runner) figureF(ctx context.Context, srv *Server, res *results) {
	if r.cfg.OpenSSH <= 0 {
		res.ErrSSH = errSkipped
		return
	}
	sshBin, err := exec.LookPath("ssh")
	if err != nil {
		res.ErrSSH = fmt.Errorf("%w: no OpenSSH client (ssh) on PATH", errSkipped)
		return
	}
	host, port, _ := strings.Cut(srv.Addr, ":")
	var d []time.Duration
	for range r.cfg.OpenSSH {
		cmd := exec.Command(sshBin, "-tt", "-p", port, "-o", "StrictHostKeyChecking=no",
			"-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-F", "/dev/null", "guest@"+host)
		cmd.Env = append(os.Environ(), "TERM=xterm-256color")
		emus.warm(r.cfg.W, r.cfg.H)
		start := time.Now()
		ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: uint16(r.cfg.H), Cols: uint16(r.cfg.W)})
		if err != nil {
			res.ErrSSH = fmt.Errorf("start ssh: %w", err)
			break
		}
		t := newTerm(r.cfg.W, r.cfg.H, ptmx, ptmx, func() {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			_ = ptmx.Close()
		})
		err = t.waitFor(ctx, srv.Marker, frameTimeout)
		took := time.Since(start)
		t.close()
		if err != nil {
			res.ErrSSH = fmt.Errorf("ssh: %w", err)
			break
		}
		d = append(d, took)
	}
	res.SSH = newDist(d)
}

var errSkipped = errors.New("skipped")

// prepareBoard posts cfg.Seed threads with long bodies as the admin (so a down arrow moves in the
// list and a page down moves in a thread) and finds a thread to comment on.
func (r *runner) prepareBoard(ctx context.Context, srv *Server) {
	if srv.Admin != nil && r.cfg.Seed > 0 {
		for i := range r.cfg.Seed {
			out, err := r.cl.exec(ctx, srv.Addr, srv.Admin,
				fmt.Sprintf("news post --title 'Thông báo thử tải số %d' --json", i+1), seedBody(i+1))
			if err != nil {
				r.logf("board: seeding threads: %v", err)
				break
			}
			var rep commentReply
			if json.Unmarshal(out, &rep) == nil && rep.ID > 0 && srv.ThreadID == 0 {
				srv.ThreadID = rep.ID
			}
			srv.Seeded = i + 1

		}
	}
	if srv.ThreadID != 0 {
		return
	}
	out, err := r.cl.exec(ctx, srv.Addr, nil, "news list --json", "")
	if err != nil {
		r.logf("board: news list: %v", err)
		return
	}
	var list []struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal(out, &list); err != nil || len(list) == 0 {
		r.logf("board: news list gave no thread: %q", clip(string(out), 200))
		return
	}
	srv.ThreadID = list[0].ID
}

// seedHeading starts every seeded thread's body: its appearance means the thread is on the screen.
const seedHeading = "Kế hoạch số"

// seedBody is a long Markdown body whose lines all differ (a repeated paragraph would let the
// renderer send only the few cells that change on a page down, which real text does not allow).
func seedBody(n int) string {
	words := strings.Fields("ủy ban nhân dân xã thông báo lịch tiếp công dân định kỳ hướng dẫn nộp hồ sơ " +
		"tại bộ phận một cửa kết quả giải quyết thủ tục hành chính kế hoạch phòng chống thiên tai mùa mưa bão " +
		"tuyển dụng viên chức năm nay đăng ký khai sinh kết hôn chứng thực bản sao cấp giấy chứng nhận quyền sử " +
		"dụng đất tiêm chủng mở rộng cho trẻ em dưới năm tuổi vệ sinh môi trường khu dân cư họp tổ dân phố")
	rng := rand.New(rand.NewPCG(uint64(n), 7))
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %d\n\n", seedHeading, n)
	for p := range 80 {
		fmt.Fprintf(&b, "%d.", p+1)
		for range 20 + rng.IntN(20) {
			b.WriteString(" " + words[rng.IntN(len(words))])
		}
		b.WriteString(".\n\n")
	}
	return b.String()
}

package main

// The --sessions hold: N idle sessions at W×H held open on one server (the board, then the
// reference), and what they cost: RSS growth and goroutines per session, idle CPU in % of a core,
// new sessions' first frames against those of the empty server, and (board only) how fast the
// "Đang online" count reaches untouched sessions while 20 new sessions a second arrive on top,
// with the server's CPU meanwhile. Optionally it saves the board's heap and goroutine profiles
// while the sessions are held (--hold-profile DIR).

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// holdMax bounds --sessions.
const holdMax = 10000

// holdConfig bounds the hold in count and time.
type holdConfig struct {
	N          int           // sessions held on the board
	RefN       int           // sessions held on the reference (0: the reference is skipped)
	Watchers   int           // of the held, sessions whose screens stay emulated (the count's content)
	Workers    int           // parallel openers
	Budget     time.Duration // opening stops when this is spent, per server
	Window     time.Duration // idle CPU window
	Probes     int           // first frames, on the empty server and with the sessions held
	ChurnRate  int           // new sessions per second on top of the held (board only)
	ChurnTime  time.Duration // how long they arrive
	ProfileDir string        // save the board's heap and goroutine profiles here ("": no)
}

func holdDefaults(n int, quick bool) holdConfig {
	h := holdConfig{N: n, RefN: n, Watchers: 8, Workers: 8, Budget: 10 * time.Minute, Window: 10 * time.Second,
		Probes: 20, ChurnRate: 20, ChurnTime: 5 * time.Second}
	if quick {
		h.Watchers, h.Workers, h.Budget, h.Window, h.Probes, h.ChurnRate, h.ChurnTime = 2, 4, time.Minute, time.Second, 3, 5, time.Second
	}
	return h
}

// holdNofile is the number of descriptors the tool needs for a hold of n sessions: one socket
// each, plus the probes', the arrivals' and its own.
func holdNofile(h holdConfig) uint64 {
	return uint64(max(h.N, h.RefN)+h.ChurnRate*int(h.ChurnTime/time.Second+1)+h.Probes) + 256
}

// holdRes is one server's hold.
type holdRes struct {
	Asked, Opened int
	OpenTime      time.Duration
	RSS           float64 // bytes of RSS growth per session
	Goroutines    float64 // per session (-1: no pprof)
	FDs           float64 // per session
	IdleCPU       float64 // fraction of one core, all sessions idle (-1: unknown)
	Empty, Held   dist    // probe first frames, empty server and with the sessions held
	ErrProbe      error

	// board only: the churn
	Arrived, Dropped int           // new sessions on top that showed their first frame / were not started (behind)
	ArrivalRate      float64       // per second achieved
	Live             dist          // watchers: a new arrival counted on their screen (one sample per watcher and arrival)
	LiveMax          time.Duration // the slowest of them
	LiveMissed       int           // arrivals a watcher never showed within the wait
	ChurnCPU         float64       // fraction of one core while they arrived
	Reach            dist          // after the churn: one more visitor; when each held session got bytes
	ReachMax         time.Duration
	ReachMissed      int // held sessions that got nothing within 10 s
	ErrChurn         error

	Profiles []string // files saved
	Err      error
}

// hold opens h.N (or h.RefN) idle sessions on srv and measures; every session it opened is closed
// before it returns.
func (r *runner) hold(ctx context.Context, srv *Server, h holdConfig) *holdRes {
	n := h.N
	if !srv.IsBoard {
		n = h.RefN
	}
	res := &holdRes{Asked: n, Goroutines: -1, IdleCPU: -1}
	var mu sync.Mutex
	var held, watchers []*session
	defer func() {
		r.logf("%s hold: closing %d sessions", srv.Name, len(held))
		closeAll(held)
	}()

	// Warm up (lazy initialisation is not a per-session cost), then the empty server's first frames.
	if _, err := r.firstFrames(ctx, srv, 5, r.cfg.W, r.cfg.H); err != nil {
		res.Err = fmt.Errorf("warm-up: %w", err)
		return res
	}
	if res.Empty, res.ErrProbe = r.firstFrames(ctx, srv, h.Probes, r.cfg.W, r.cfg.H); res.ErrProbe != nil {
		res.Err = fmt.Errorf("first frames on the empty server: %w", res.ErrProbe)
		return res
	}
	time.Sleep(time.Second)
	base, baseErr := sampleProc(srv.PID)
	g0, gErr := goroutines(srv.Debug)

	// Open the sessions; the first h.Watchers keep their emulators, the others only count bytes.
	octx, cancel := context.WithTimeout(ctx, h.Budget)
	defer cancel()
	start := time.Now()
	var next atomic.Int64
	var firstErr error
	var once sync.Once
	var wg sync.WaitGroup
	for range h.Workers {
		wg.Go(func() {
			for octx.Err() == nil {
				i := next.Add(1)
				if i > int64(n) {
					return
				}
				s, _, err := r.cl.firstFrame(octx, srv, r.cfg.W, r.cfg.H)
				if err != nil {
					once.Do(func() { firstErr = err })
					cancel()
					return
				}
				mu.Lock()
				if len(watchers) < h.Watchers {
					watchers = append(watchers, s)
				} else {
					s.detach()
				}
				held = append(held, s)
				if len(held)%1000 == 0 {
					r.logf("%s hold: %d open", srv.Name, len(held))
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	res.OpenTime, res.Opened = time.Since(start), len(held)
	if res.Opened < n {
		if firstErr == nil || ctx.Err() != nil {
			firstErr = octx.Err()
		}
		if ctx.Err() == nil && errors.Is(firstErr, context.DeadlineExceeded) {
			firstErr = fmt.Errorf("the --hold-budget of %v is spent", h.Budget)
		}
		res.Err = fmt.Errorf("opened %d of %d sessions: %w", res.Opened, n, firstErr)
		return res
	}
	r.logf("%s hold: %d open in %v", srv.Name, n, res.OpenTime.Round(time.Millisecond))

	// Memory, descriptors and goroutines per session, once the server has settled.
	time.Sleep(2 * time.Second)
	if cur, err := sampleProc(srv.PID); err == nil && baseErr == nil {
		res.RSS = float64(cur.RSS-base.RSS) / float64(n)
		res.FDs = float64(cur.FDs-base.FDs) / float64(n)
	}
	if gErr == nil {
		if g, err := goroutines(srv.Debug); err == nil {
			res.Goroutines = float64(g-g0) / float64(n)
		}
	}
	if srv.IsBoard && h.ProfileDir != "" {
		res.Profiles = saveProfiles(ctx, srv.Debug, h.ProfileDir, n, r.logf)
	}
	// Idle CPU over the window.
	t0 := time.Now()
	c0, err0 := procRunTime(srv.PID)
	sleepCtx(ctx, h.Window)
	if c1, err1 := procRunTime(srv.PID); err0 == nil && err1 == nil {
		res.IdleCPU = float64(c1-c0) / float64(time.Since(t0))
	}
	// New sessions' first frames with the sessions held.
	if res.Held, res.ErrProbe = r.firstFrames(ctx, srv, h.Probes, r.cfg.W, r.cfg.H); res.ErrProbe != nil {
		res.Err = fmt.Errorf("first frames with %d held: %w", n, res.ErrProbe)
		return res
	}
	if srv.IsBoard && h.ChurnRate > 0 && ctx.Err() == nil {
		res.ErrChurn = r.holdChurn(ctx, srv, h, held, watchers, res)
	}
	return res
}

// closeAll closes sessions, a few hundred at a time.
func closeAll(ss []*session) {
	sem := make(chan struct{}, 256)
	var wg sync.WaitGroup
	for _, s := range ss {
		sem <- struct{}{}
		wg.Go(func() { s.close(); <-sem })
	}
	wg.Wait()
}

func sleepCtx(ctx context.Context, d time.Duration) {
	select {
	case <-time.After(d):
	case <-ctx.Done():
	}
}

// holdChurn lets h.ChurnRate new sessions a second arrive for h.ChurnTime on top of the held
// ones (they stay until the end) and measures when the watchers' screens count each of them, and
// the server's CPU meanwhile. Then, the churn over and the server quiet, one more visitor: the
// time until every held session has received bytes (its new count).
func (r *runner) holdChurn(ctx context.Context, srv *Server, h holdConfig, held, watchers []*session, res *holdRes) error {
	if len(watchers) == 0 {
		return errors.New("no watcher sessions")
	}
	// The probes just closed: let the hub (one push a second) count them out before reading n0.
	sleepCtx(ctx, 2*time.Second)
	for _, w := range watchers {
		w.quiet(ctx, 1200*time.Millisecond, 5*time.Second)
	}
	n0, ok := onlineCount(watchers[0].screen())
	if !ok {
		return fmt.Errorf("no online count on a watcher's screen: %q", clip(watchers[0].screen(), 300))
	}
	// Each watcher notes when it first showed each count above n0.
	type seen struct {
		mu sync.Mutex
		at map[int]time.Time
	}
	marks := make([]*seen, len(watchers))
	wctx, stopWatch := context.WithCancel(ctx)
	var wwg sync.WaitGroup
	for i, w := range watchers {
		m := &seen{at: map[int]time.Time{}}
		marks[i] = m
		wwg.Go(func() {
			for {
				if c, ok := onlineCount(w.screen()); ok && c > n0 {
					now := time.Now()
					m.mu.Lock()
					if _, dup := m.at[c]; !dup {
						m.at[c] = now
					}
					m.mu.Unlock()
				}
				select {
				case <-w.changed:
				case <-w.done:
					return
				case <-wctx.Done():
					return
				}
			}
		})
	}

	var amu sync.Mutex
	var arrivals []time.Time
	var extra []*session
	defer func() { closeAll(extra) }()
	var firstErr error
	var once sync.Once
	sem := make(chan struct{}, 4*h.ChurnRate)
	var awg sync.WaitGroup
	tick := time.NewTicker(time.Second / time.Duration(h.ChurnRate))
	t0 := time.Now()
	c0, cErr := procRunTime(srv.PID)
	for end := t0.Add(h.ChurnTime); time.Now().Before(end) && ctx.Err() == nil; {
		<-tick.C
		select {
		case sem <- struct{}{}:
		default:
			res.Dropped++ // the server is behind: do not queue
			continue
		}
		awg.Go(func() {
			defer func() { <-sem }()
			s, _, err := r.cl.firstFrame(ctx, srv, r.cfg.W, r.cfg.H)
			if err != nil {
				once.Do(func() { firstErr = err })
				return
			}
			s.detach()
			amu.Lock()
			arrivals = append(arrivals, time.Now())
			extra = append(extra, s)
			amu.Unlock()
		})
	}
	tick.Stop()
	awg.Wait()
	elapsed := time.Since(t0)
	if c1, err := procRunTime(srv.PID); err == nil && cErr == nil {
		res.ChurnCPU = float64(c1-c0) / float64(elapsed)
	}
	res.Arrived = len(arrivals)
	res.ArrivalRate = float64(len(arrivals)) / elapsed.Seconds()
	if len(arrivals) == 0 {
		stopWatch()
		wwg.Wait()
		return fmt.Errorf("no new session arrived: %w", firstErr)
	}
	// Let the last counts reach the watchers (5 s: later ones count as missed), then match: the k-th arrival is on a watcher's
	// screen once it shows n0+k or more.
	sleepCtx(ctx, 5*time.Second)
	stopWatch()
	wwg.Wait()
	slices.SortFunc(arrivals, func(a, b time.Time) int { return a.Compare(b) })
	var lat []time.Duration
	for _, m := range marks {
		m.mu.Lock()
		for k, at := range arrivals {
			var first time.Time
			for c, t := range m.at {
				if c >= n0+k+1 && (first.IsZero() || t.Before(first)) {
					first = t
				}
			}
			if first.IsZero() {
				res.LiveMissed++
				continue
			}
			lat = append(lat, max(0, first.Sub(at)))
		}
		m.mu.Unlock()
	}
	res.Live = newDist(lat)
	if len(lat) > 0 {
		res.LiveMax = slices.Max(lat)
	}
	if firstErr != nil {
		r.logf("%s hold churn: %v", srv.Name, firstErr)
	}

	// The server quiet again (no bytes to any held session for 1.5 s): one more visitor, and when
	// each held session hears of it.
	before := make([]int64, len(held))
	snap := func() (sum int64) {
		for i, s := range held {
			before[i] = s.bytes()
			sum += before[i]
		}
		return sum
	}
	last, since := snap(), time.Now()
	for quietEnd := time.Now().Add(15 * time.Second); time.Since(since) < 1500*time.Millisecond && time.Now().Before(quietEnd); {
		sleepCtx(ctx, 100*time.Millisecond)
		if sum := snap(); sum != last {
			last, since = sum, time.Now()
		}
	}
	s, _, err := r.cl.firstFrame(ctx, srv, r.cfg.W, r.cfg.H)
	if err != nil {
		return fmt.Errorf("one more visitor: %w", err)
	}
	at := time.Now()
	extra = append(extra, s)
	got := make([]time.Duration, len(held))
	left := len(held)
	for deadline := at.Add(10 * time.Second); left > 0 && time.Now().Before(deadline) && ctx.Err() == nil; {
		for i, hs := range held {
			if got[i] == 0 && hs.bytes() > before[i] {
				got[i] = max(time.Since(at), time.Nanosecond)
				left--
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	var reach []time.Duration
	for _, d := range got {
		if d == 0 {
			res.ReachMissed++
			continue
		}
		reach = append(reach, d)
	}
	res.Reach = newDist(reach)
	if len(reach) > 0 {
		res.ReachMax = slices.Max(reach)
	}
	return nil
}

// saveProfiles writes the heap (after a GC) and goroutine profiles of the server's pprof into dir.
func saveProfiles(ctx context.Context, debug, dir string, n int, logf func(string, ...any)) []string {
	if debug == "" {
		logf("hold: no pprof address: no profiles")
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		logf("hold: profiles: %v", err)
		return nil
	}
	var saved []string
	for _, p := range []struct{ path, file string }{
		{"heap?gc=1", fmt.Sprintf("heap-%d.pb.gz", n)},
		{"goroutine", fmt.Sprintf("goroutine-%d.pb.gz", n)},
		{"goroutine?debug=1", fmt.Sprintf("goroutine-%d.txt", n)},
		{"heap?debug=1", fmt.Sprintf("heap-%d.txt", n)}, // ends with runtime.MemStats: StackInuse, HeapInuse...
	} {
		name := filepath.Join(dir, p.file)
		if err := fetchTo(ctx, "http://"+debug+"/debug/pprof/"+p.path, name); err != nil {
			logf("hold: profile %s: %v", p.path, err)
			continue
		}
		saved = append(saved, name)
	}
	return saved
}

func fetchTo(ctx context.Context, url, name string) error {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return err
	}
	resp, err := (&http.Client{Timeout: time.Minute}).Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// holdAll runs the hold on the board (unless --reference-only), then on the reference (unless
// --hold-reference 0), one after the other so that each has the machine.
func holdAll(ctx context.Context, o *options, logf func(string, ...any)) (board, ref *holdRes, boardErr, refErr error, err error) {
	cl, err := newClient(o.spread)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	r := &runner{cfg: o.cfg, cl: cl, logf: logf}
	h := o.hold
	if o.referenceOnly {
		boardErr = fmt.Errorf("%w: --reference-only", errSkipped)
	} else {
		bc := o.board
		if bc.Target == "" { // room for the held sessions, the probes and the arrivals; no idle cut
			bc.ExtraArgs = append(slices.Clone(bc.ExtraArgs), "--max-sessions", fmt.Sprint(h.N+1000),
				"--max-sessions-per-ip", fmt.Sprint(h.N+1000), "--idle-timeout", "2h")
		}
		srv, err := startBoard(ctx, bc, logf)
		if err != nil {
			boardErr = err
		} else {
			logf("board on %s (pid %d, pprof %q)", srv.Addr, srv.PID, srv.Debug)
			board = r.hold(ctx, srv, h)
			srv.Stop()
		}
	}
	switch {
	case h.RefN == 0:
		refErr = fmt.Errorf("%w: --hold-reference 0", errSkipped)
	case ctx.Err() != nil:
		refErr = errNotRun
	default:
		srv, err := startReference(ctx)
		if err != nil {
			return board, nil, boardErr, err, nil
		}
		logf("reference on %s (pid %d)", srv.Addr, srv.PID)
		ref = r.hold(ctx, srv, h)
		srv.Stop()
	}
	return board, ref, boardErr, refErr, nil
}

// holdRows is the hold's table.
func holdRows(h holdConfig, w, hgt int, board, ref *holdRes, boardErr, refErr error) []row {
	get := func(x *holdRes, skip error) (*holdRes, error) {
		if x == nil {
			if skip == nil {
				skip = errNotMeasured
			}
			return &holdRes{}, skip
		}
		return x, x.Err
	}
	b, be := get(board, boardErrOr(boardErr))
	if board == nil && boardErr == nil {
		be = errNotMeasured
	}
	rf, re := get(ref, refErr)
	le := func(limit float64) func(float64) bool { return func(x float64) bool { return x <= limit } }
	pct := func(v float64) string { return fmt.Sprintf("%.1f%% of a core", 100*v) }
	neg := func(v float64, err error) error {
		if err == nil && v < 0 {
			return errors.New("not measured")
		}
		return err
	}
	opened := row{Figure: fmt.Sprintf("h. sessions held at %dx%d (asked: board %d, reference %d)", w, hgt, h.N, h.RefN),
		Board: fmt.Sprintf("%d in %.1f s", b.Opened, b.OpenTime.Seconds()), Ref: fmt.Sprintf("%d in %.1f s", rf.Opened, rf.OpenTime.Seconds()),
		Ratio: "–", Target: "all opened" + mark(board != nil && b.Opened == b.Asked && b.Asked > 0)}
	if board == nil {
		opened.Board, opened.Target = val(0, be).show(nil), "all opened"
	}
	if ref == nil {
		opened.Ref = val(0, re).show(nil)
	}
	rows := []row{opened,
		compare("h. RSS growth per idle session", val(b.RSS, memErr(b, be)), val(rf.RSS, memErr(rf, re)), kib, "≤ 150 KiB, ≤ 0.2×", le(0.2)),
		compare("h. goroutines per idle session", val(b.Goroutines, neg(b.Goroutines, be)), val(rf.Goroutines, neg(rf.Goroutines, re)), num, "", nil),
		compare("h. file descriptors per idle session", val(b.FDs, memErr(b, be)), val(rf.FDs, memErr(rf, re)), num, "", nil),
		compare(fmt.Sprintf("h. idle CPU, all held, over %v", h.Window), val(b.IdleCPU, neg(b.IdleCPU, be)), val(rf.IdleCPU, neg(rf.IdleCPU, re)), pct, "≤ 25% of a core", nil),
		compare("h. first frame p50, empty server", val(durMS(b.Empty.P50), be), val(durMS(rf.Empty.P50), re), ms, "", nil),
		compare("h. first frame p50, sessions held", val(durMS(b.Held.P50), be), val(durMS(rf.Held.P50), re), ms, "≤ 3× empty", nil),
	}
	if be == nil {
		rows[1].Target = "≤ 150 KiB" + mark(b.RSS <= 150*1024) + ", ≤ 0.2×"
		if rows[1].Ratio != "–" && re == nil && rf.RSS > 0 {
			rows[1].Target += mark(b.RSS/rf.RSS <= 0.2)
		}
		if b.IdleCPU >= 0 {
			rows[4].Target += mark(b.IdleCPU <= 0.25)
		}
		// Held counts may differ (--hold-reference): the ratio is per session.
		if re == nil && b.IdleCPU > 0 && rf.IdleCPU > 0 && b.Opened > 0 && rf.Opened > 0 && b.Opened != rf.Opened {
			rows[4].Ratio = fmt.Sprintf("%.3f× per session", (b.IdleCPU/float64(b.Opened))/(rf.IdleCPU/float64(rf.Opened)))
		}
		if b.Empty.P50 > 0 {
			x := float64(b.Held.P50) / float64(b.Empty.P50)
			rows[6].Target = fmt.Sprintf("≤ 3× empty (board %.2f×)", x) + mark(x <= 3)
		}
	}
	if board == nil || be != nil {
		return rows
	}
	churn := func(label string, show string, target string) row {
		return row{Figure: label, Board: show, Ref: "– (no counter)", Ratio: "–", Target: target}
	}
	if b.ErrChurn != nil {
		return append(rows, churn("h. churn: new sessions on top", "error", ""))
	}
	if b.Arrived == 0 {
		return rows
	}
	rows = append(rows,
		churn(fmt.Sprintf("h. new sessions arriving on top, for %v", h.ChurnTime),
			fmt.Sprintf("%.1f/s (%d, %d not started)", b.ArrivalRate, b.Arrived, b.Dropped), fmt.Sprintf("%d/s asked", h.ChurnRate)),
		churn(fmt.Sprintf("h. meanwhile: a new arrival counted on %d watchers' screens, p50 / p99 / max", h.Watchers),
			fmt.Sprintf("%v / %v / %v", rnd(b.Live.P50), rnd(b.Live.P99), rnd(b.LiveMax))+missed(b.LiveMissed), "≤ 2 s"+mark(b.LiveMissed == 0 && b.LiveMax <= 2*time.Second)),
		churn("h. meanwhile: server CPU", pct(b.ChurnCPU), "< 100% of a core"+mark(b.ChurnCPU < 1)),
		churn(fmt.Sprintf("h. then one more visitor: bytes at every one of the %d held, p50 / p99 / max", b.Opened),
			fmt.Sprintf("%v / %v / %v", rnd(b.Reach.P50), rnd(b.Reach.P99), rnd(b.ReachMax))+missed(b.ReachMissed), "≤ 2 s"+mark(b.ReachMissed == 0 && b.ReachMax <= 2*time.Second)),
	)
	return rows
}

func memErr(x *holdRes, err error) error {
	if err == nil && x.RSS == 0 && x.FDs == 0 {
		return errors.New("no /proc figures")
	}
	return err
}

func rnd(d time.Duration) time.Duration { return d.Round(time.Millisecond) }

func missed(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d missed)", n)
}

// holdNotes lists what went wrong in the hold.
func holdNotes(name string, x *holdRes) []string {
	if x == nil {
		return nil
	}
	var notes []string
	if x.Err != nil {
		notes = append(notes, fmt.Sprintf("%s h: %v", name, x.Err))
	}
	if x.ErrChurn != nil {
		notes = append(notes, fmt.Sprintf("%s h churn: %v", name, x.ErrChurn))
	}
	for _, p := range x.Profiles {
		notes = append(notes, fmt.Sprintf("%s h: profile saved: %s", name, p))
	}
	return notes
}

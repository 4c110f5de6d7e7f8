package main

// `bangtin-load pg`: the figures of a board on PostgreSQL (issue 13), beside the embedded store
// where they compare. It starts a throwaway PostgreSQL cluster (board/boardtest/pgtest: initdb
// and pg_ctl on a free 127.0.0.1 port, as the postgres user when run as root) unless --url names
// a database to use (it must be empty: the tool fills it), and prints a Markdown table:
//
//   - e. acknowledged comments/s, 32 clients over SSH (figure e), the embedded store and
//     PostgreSQL, each a `bangtin serve` started by the tool;
//   - a page of 20 threads (the first page, page 5 by offset, page 2 by its cursor) at 100 and
//     at 100,000 threads, two databases loaded first and then timed in turns, and search at
//     100,000 (Board calls in process over pgstore, p50 of many; not with --url, which is one
//     database);
//   - a change seen on another node: a comment committed through one store handle until the
//     other handle's change feed delivers it, p50 and p99;
//   - sessions/s of two nodes (two `bangtin serve --store`) against one node, 8 clients (figure b;
//     --node-clients), with the CPU each part used per session and the machine's busy cores.

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"bangtin/board"
	"bangtin/board/boardtest/pgtest"
	"bangtin/board/pgstore"
)

// pgFigure is a row: first and second are the two sides the name says (embedded → PostgreSQL,
// 100 → 100,000 threads, one node → two nodes); a figure of PostgreSQL alone has second only.
type pgFigure struct {
	name, embedded, pg, ratio, target string
}

func pgMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bangtin-load pg", flag.ContinueOnError)
	fs.SetOutput(stderr)
	url := fs.String("url", "", "an empty PostgreSQL database to fill (default: start a throwaway cluster)")
	big := fs.Int("threads", 100000, "threads of the large board")
	quick := fs.Bool("quick", false, "small counts and short windows")
	bin := fs.String("bangtin", "", "bangtin binary (default: go build ./cmd/bangtin)")
	verbose := fs.Bool("v", false, "log progress to stderr")
	nodeClients := fs.Int("node-clients", 0, "nodes: parallel SSH clients (default 8, figure b's)")
	profile := fs.String("profile", "", "nodes: save node 1's CPU profile and goroutine dump of each window in this directory")
	only := fs.String("figures", "e,lists,feed,nodes", "measure only these: e (comments/s), lists (pages and search), feed, nodes")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	logf := func(format string, a ...any) {
		if *verbose {
			fmt.Fprintf(stderr, format+"\n", a...)
		}
	}
	cfg := defaultConfig()
	samples := 200
	if *quick {
		cfg = quickConfig()
		*big = min(*big, 5000)
		samples = 30
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	newDB := func(string) (string, error) { return *url, nil }
	pgPID := 0
	if *profile != "" {
		if err := os.MkdirAll(*profile, 0o755); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
	}
	if *url == "" {
		logf("starting a throwaway PostgreSQL cluster")
		c, err := pgtest.Start()
		if err != nil {
			fmt.Fprintln(stderr, "bangtin-load pg:", err)
			return 1
		}
		defer c.Destroy()
		pgPID, _ = c.PID()
		newDB = func(name string) (string, error) { return c.CreateDB(ctx, name) }
	}
	if *bin == "" {
		tmp, err := os.MkdirTemp("", "bangtin-load-pg-")
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		defer os.RemoveAll(tmp)
		*bin = filepath.Join(tmp, "bangtin")
		logf("building ./cmd/bangtin")
		if out, err := exec.CommandContext(ctx, "go", "build", "-o", *bin, "./cmd/bangtin").CombinedOutput(); err != nil {
			fmt.Fprintf(stderr, "go build: %v: %s\n", err, out)
			return 1
		}
	}
	var figs []pgFigure
	add := func(f pgFigure) {
		figs = append(figs, f)
		logf("%s: %s | %s", f.name, f.embedded, f.pg)
	}
	cl, err := newClient(true)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	r := &runner{cfg: cfg, cl: cl, logf: logf}

	// e: comments/s over SSH, both stores. On a shared database (--url) only the PostgreSQL
	// figures that need an empty database are skipped.
	want := map[string]bool{}
	for _, f := range strings.Split(*only, ",") {
		want[strings.TrimSpace(f)] = true
	}
	if dbE, err := newDB("load_e"); err == nil && want["e"] {
		var rates [2]float64
		for i, extra := range [][]string{nil, {"--store", dbE}} {
			srv, err := startBoard(ctx, boardConfig{Binary: *bin, ExtraArgs: append([]string{"--max-sessions", "5000", "--max-sessions-per-ip", "5000"}, extra...), Marker: "Đang online"}, logf)
			if err != nil {
				fmt.Fprintln(stderr, "start board:", err)
				return 1
			}
			r.prepareBoard(ctx, srv)
			var res results
			r.figureE(ctx, srv, &res)
			srv.Stop()
			if res.ErrWrites != nil {
				logf("e: %v", res.ErrWrites)
			}
			rates[i] = res.Writes
		}
		add(pgFigure{"e. comments/s, 32 clients over SSH: embedded → PostgreSQL", fmt.Sprintf("%.1f/s", rates[0]), fmt.Sprintf("%.1f/s", rates[1]),
			ratio(rates[1], rates[0]), check(rates[1] >= 0.5*rates[0], "≥ 0.5×")})
	}

	// Lists at 100 and at --threads threads, and search at --threads. Both boards are loaded
	// first and then timed in turns (each sample asks both), so that whatever else the machine
	// does at the time weighs on both sizes alike.
	if want["lists"] && *url != "" {
		logf("lists: skipped with --url (they need two databases)")
	} else if want["lists"] {
		sizes := []int{100, *big}
		boards := make([]*board.Board, len(sizes))
		for i, n := range sizes {
			u, err := newDB(fmt.Sprintf("load_list_%d", n))
			if err != nil {
				fmt.Fprintln(stderr, err)
				return 1
			}
			st, err := pgstore.Open(ctx, u, pgstore.Options{})
			if err != nil {
				fmt.Fprintln(stderr, err)
				return 1
			}
			logf("loading %d threads", n)
			start := time.Now()
			if err := pgFill(ctx, st, n); err != nil {
				st.Close()
				fmt.Fprintln(stderr, "fill:", err)
				return 1
			}
			logf("loaded %d threads in %s", n, time.Since(start).Round(time.Millisecond))
			// What autovacuum does on a live server after a bulk load: statistics and visibility.
			if _, err := st.Pool().Exec(ctx, "VACUUM ANALYZE"); err != nil {
				logf("vacuum analyze: %v", err)
			}
			b, err := board.New(st, board.Options{})
			if err != nil {
				st.Close()
				fmt.Fprintln(stderr, err)
				return 1
			}
			defer b.Close()
			boards[i] = b
		}
		guest := board.Identity{}
		pageOps := []struct {
			label string
			op    func(*board.Board) error
		}{
			{"first page", func(b *board.Board) error {
				_, err := b.ListThreads(ctx, guest, board.ThreadQuery{Page: 1, PerPage: 20})
				return err
			}},
			{"page 5", func(b *board.Board) error {
				_, err := b.ListThreads(ctx, guest, board.ThreadQuery{Page: 5, PerPage: 20})
				return err
			}},
		}
		next := make([]string, len(boards))
		for i, b := range boards {
			p, err := b.ListThreads(ctx, guest, board.ThreadQuery{Page: 1, PerPage: 20})
			if err != nil || p.Next == "" {
				fmt.Fprintln(stderr, "list:", err)
				return 1
			}
			next[i] = p.Next
		}
		for _, po := range pageOps {
			d, err := timeTurns(samples, boards, po.op)
			if err != nil {
				fmt.Fprintln(stderr, "list:", err)
				return 1
			}
			add(pgFigure{fmt.Sprintf("a page of 20 threads (%s), p50: 100 → %d threads", po.label, *big), fmtDur(d[0]), fmtDur(d[1]),
				ratio(float64(d[1]), float64(d[0])), check(float64(d[1]) <= 1.5*float64(d[0]), "≤ 1.5×")})
		}
		d, err := timeTurns(samples, boards, func(b *board.Board) error {
			i := slices.Index(boards, b)
			_, err := b.ListThreads(ctx, guest, board.ThreadQuery{Cursor: next[i], PerPage: 20})
			return err
		})
		if err != nil {
			fmt.Fprintln(stderr, "list:", err)
			return 1
		}
		add(pgFigure{fmt.Sprintf("a page of 20 threads (page 2 by its cursor, the Next link), p50: 100 → %d threads", *big), fmtDur(d[0]), fmtDur(d[1]),
			ratio(float64(d[1]), float64(d[0])), check(float64(d[1]) <= 1.5*float64(d[0]), "≤ 1.5×")})

		b := boards[1]
		queries := []string{"tre em", "dong", "thong bao lich", "ho so", "xa hoi cong"}
		var per []string
		for _, q := range queries {
			per = append(per, q+" "+fmtDur(timeN(samples/len(queries), func() error {
				_, err := b.Search(ctx, q, 1, 20)
				return err
			})))
		}
		logf("search p50 by query: %s", strings.Join(per, ", "))
		i := 0
		searchP50 := timeN(samples, func() error {
			i++
			_, err := b.Search(ctx, queries[i%len(queries)], 1, 20)
			return err
		})
		add(pgFigure{fmt.Sprintf("search p50 at %d threads", *big), "", fmtDur(searchP50), "", check(searchP50 < 10*time.Millisecond, "< 10 ms")})
	}

	// A change seen on another node.
	if u, err := newDB("load_feed"); err == nil && want["feed"] {
		p50, p99, err := feedLatency(ctx, u, samples)
		if err != nil {
			fmt.Fprintln(stderr, "feed:", err)
			return 1
		}
		add(pgFigure{"a comment on node A seen by node B's feed, p50", "", fmtDur(p50), "", check(p50 < 300*time.Millisecond, "< 300 ms")})
		add(pgFigure{"a comment on node A seen by node B's feed, p99", "", fmtDur(p99), "", ""})
	}

	// Two nodes against one: sessions/s (figure b, clients spread over the nodes).
	if u, err := newDB("load_nodes"); err == nil && want["nodes"] {
		var srvs []*Server
		for range 2 {
			srv, err := startBoard(ctx, boardConfig{Binary: *bin, ExtraArgs: []string{"--store", u, "--max-sessions", "5000", "--max-sessions-per-ip", "5000"}, Marker: "Đang online"}, logf)
			if err != nil {
				fmt.Fprintln(stderr, "start node:", err)
				return 1
			}
			defer srv.Stop()
			srvs = append(srvs, srv)
		}
		if *nodeClients > 0 {
			r.cfg.Parallel = *nodeClients
		}
		var pids []int
		for _, srv := range srvs {
			pids = append(pids, srv.PID)
		}
		window := func(name string, on []*Server) (float64, cpuWindow) {
			if *profile != "" {
				secs := max(1, int(r.cfg.Duration/time.Second)-1)
				go func() {
					if err := saveProfile(ctx, on[0].Debug, filepath.Join(*profile, name+".node1.cpu.pprof"), secs); err != nil {
						logf("profile: %v", err)
					}
				}()
				go func() {
					time.Sleep(r.cfg.Duration / 2)
					if err := saveGoroutines(ctx, on[0].Debug, filepath.Join(*profile, name+".node1.goroutines.txt")); err != nil {
						logf("goroutines: %v", err)
					}
				}()
			}
			a := snapCPU(pids, pgPID)
			rate := sessionsPerSecond(ctx, r, on)
			w := a.to(snapCPU(pids, pgPID))
			logf("b. %s: %.1f sessions/s; CPU in cores: %s", name, rate, w)
			return rate, w
		}
		one, w1 := window("one", srvs[:1])
		two, w2 := window("two", srvs)
		add(pgFigure{fmt.Sprintf("b. sessions/s, %d clients: one node → two nodes on one PostgreSQL", r.cfg.Parallel), fmt.Sprintf("%.1f/s", one), fmt.Sprintf("%.1f/s", two),
			ratio(two, one), check(two >= 1.6*one, "≥ 1.6×")})
		perSession := func(w cpuWindow, rate float64) string {
			if rate == 0 {
				return "–"
			}
			nodes := 0.0
			for _, n := range w.nodes {
				nodes += n
			}
			ms := func(cores float64) float64 { return cores / rate * 1000 }
			return fmt.Sprintf("%.1f + %.1f + %.1f ms", ms(nodes), ms(w.self), ms(w.pg))
		}
		add(pgFigure{"b. CPU per session: nodes + SSH clients + PostgreSQL", perSession(w1, one), perSession(w2, two), "", ""})
		busy := func(w cpuWindow) string {
			return fmt.Sprintf("%.2f of %d", w.machine, w.cores)
		}
		add(pgFigure{"b. cores busy during the window (every process on the machine)", busy(w1), busy(w2), "", ""})
	}

	fmt.Fprintf(stdout, "`bangtin-load pg` of %s UTC; %s\n\n", time.Now().UTC().Format("2006-01-02 15:04"), machine())
	fmt.Fprintln(stdout, "| figure (first → second) | first | second | ratio | target |")
	fmt.Fprintln(stdout, "|---|---:|---:|---:|---|")
	for _, f := range figs {
		fmt.Fprintf(stdout, "| %s | %s | %s | %s | %s |\n", f.name, or(f.embedded, "–"), f.pg, or(f.ratio, "–"), f.target)
	}
	return 0
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func ratio(a, b float64) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", a/b)
}

func check(ok bool, target string) string {
	if ok {
		return target + " ✓"
	}
	return target + " ✗"
}

func fmtDur(d time.Duration) string {
	return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
}

// timeTurns runs op n times on each board, the boards in turn within each round, and returns
// each board's median duration.
func timeTurns(n int, boards []*board.Board, op func(*board.Board) error) ([]time.Duration, error) {
	ds := make([][]time.Duration, len(boards))
	for range n {
		for i, b := range boards {
			start := time.Now()
			if err := op(b); err != nil {
				return nil, err
			}
			ds[i] = append(ds[i], time.Since(start))
		}
	}
	out := make([]time.Duration, len(boards))
	for i := range ds {
		slices.Sort(ds[i])
		out[i] = ds[i][len(ds[i])/2]
	}
	return out, nil
}

// timeN runs fn n times and returns the median duration.
func timeN(n int, fn func() error) time.Duration {
	ds := make([]time.Duration, 0, n)
	for range n {
		start := time.Now()
		if fn() != nil {
			continue
		}
		ds = append(ds, time.Since(start))
	}
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return ds[len(ds)/2]
}

var pgWords = strings.Fields("ủy ban nhân dân xã phường thông báo lịch tiếp công dân định kỳ hướng dẫn nộp hồ sơ " +
	"tại bộ phận một cửa kết quả giải quyết thủ tục hành chính kế hoạch phòng chống thiên tai mùa mưa bão " +
	"trẻ em bảo vệ chăm sóc giáo dục tổng đài đồng bào tập huấn cán bộ xã hội lao động thương binh việc làm " +
	"bảo hiểm y tế học sinh trường tiểu học an toàn giao thông tuyên truyền vận động quyết định năm tháng")

// pgFill stores n published threads of generated Vietnamese text through the store's own
// indexing code, in transactions of 1,000.
func pgFill(ctx context.Context, st board.Store, n int) error {
	rng := rand.New(rand.NewPCG(1, 2))
	words := func(lo, hi int) string {
		k := lo + rng.IntN(hi-lo+1)
		ws := make([]string, k)
		for i := range ws {
			ws[i] = pgWords[rng.IntN(len(pgWords))]
		}
		return strings.Join(ws, " ")
	}
	t0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for done := 0; done < n; {
		batch := min(1000, n-done)
		err := st.Update(ctx, func(tx board.Tx) error {
			for i := range batch {
				at := t0.Add(time.Duration(done+i) * time.Minute)
				th := board.Thread{CategoryID: 1, Title: words(4, 10), Summary: words(8, 20), Body: words(60, 200),
					Status: board.StatusPublished, CreatedAt: at, UpdatedAt: at, PublishedAt: at, Pinned: done+i < 2}
				if err := tx.PutThread(&th); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		done += batch
	}
	return nil
}

// feedLatency posts n comments through one handle of the database and times each until the
// other handle's change feed delivers it.
func feedLatency(ctx context.Context, url string, n int) (p50, p99 time.Duration, err error) {
	a, err := pgstore.Open(ctx, url, pgstore.Options{})
	if err != nil {
		return 0, 0, err
	}
	defer a.Close()
	bst, err := pgstore.Open(ctx, url, pgstore.Options{})
	if err != nil {
		return 0, 0, err
	}
	defer bst.Close()
	if err := bst.WaitListening(ctx); err != nil {
		return 0, 0, err
	}
	var mu sync.Mutex
	waiting := map[uint64]chan struct{}{}
	cancel := bst.Subscribe(func(c board.Change) {
		if c.Kind != board.ChangeComment {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		for _, id := range c.IDs {
			if ch, ok := waiting[id]; ok {
				close(ch)
				delete(waiting, id)
			}
		}
	})
	defer cancel()
	ba, err := board.New(a, board.Options{})
	if err != nil {
		return 0, 0, err
	}
	defer ba.Close()
	th, err := ba.CreateThread(ctx, board.System, board.ThreadInput{Title: "Độ trễ"})
	if err != nil {
		return 0, 0, err
	}
	var ds []time.Duration
	var pending atomic.Int64
	for i := range n {
		ch := make(chan struct{})
		start := time.Now()
		var id uint64
		// The id is known only after the commit, and the feed may be faster than PostComment's
		// return: register the next id in advance (comment ids are sequential here).
		mu.Lock()
		next := uint64(i + 1)
		waiting[next] = ch
		mu.Unlock()
		c, err := ba.PostComment(ctx, board.Identity{Login: "staff", Role: board.RoleStaff}, board.CommentInput{ThreadID: th.ID, Name: "Lan", Body: fmt.Sprint(i)})
		if err != nil {
			return 0, 0, err
		}
		id = c.ID
		if id != next {
			return 0, 0, fmt.Errorf("comment id %d, expected %d", id, next)
		}
		select {
		case <-ch:
			ds = append(ds, time.Since(start))
		case <-time.After(5 * time.Second):
			pending.Add(1)
		case <-ctx.Done():
			return 0, 0, ctx.Err()
		}
	}
	if pending.Load() > 0 {
		return 0, 0, fmt.Errorf("%d changes not seen within 5 s", pending.Load())
	}
	slices.Sort(ds)
	return ds[len(ds)/2], ds[len(ds)*99/100], nil
}

// sessionsPerSecond is figure b with the clients spread over srvs.
func sessionsPerSecond(ctx context.Context, r *runner, srvs []*Server) float64 {
	var done atomic.Int64
	start := time.Now()
	deadline := start.Add(r.cfg.Duration)
	var wg sync.WaitGroup
	for i := range r.cfg.Parallel {
		srv := srvs[i%len(srvs)]
		wg.Go(func() {
			for time.Now().Before(deadline) && ctx.Err() == nil {
				s, _, err := r.cl.firstFrame(ctx, srv, r.cfg.W, r.cfg.H)
				if err != nil {
					continue
				}
				s.close()
				done.Add(1)
			}
		})
	}
	wg.Wait()
	time.Sleep(300 * time.Millisecond)
	return float64(done.Load()) / time.Since(start).Seconds()
}

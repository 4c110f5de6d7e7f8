// Command bangtin-load measures a bangtin board on 127.0.0.1 next to a reference server shipped
// inside it (wish v2 + bubbletea v2 drawing one static screen of the same size, nothing else): (a)
// time to the first complete frame, (b) interactive sessions per second and the server's CPU per
// session, (c) memory, goroutines and idle CPU per idle session with 100, 500 and 1,000 open and the
// first frame meanwhile, (d) bytes per navigation key against a full redraw, (e) acknowledged
// comments per second against the reference's handshake-only sessions per second, and (f) the
// first frame through the real OpenSSH client in a pty. It prints a Markdown table of each figure,
// its ratio to the reference and the target, with date, machine and Go version. Loopback
// only; every count and duration is bounded by a flag, and every process it starts is stopped,
// also on Ctrl-C.
//
// Usage:
//
//	go run ./cmd/bangtin-load                   # builds ./cmd/bangtin, runs it on a temp data dir
//	go run ./cmd/bangtin-load --bangtin ./bangtin
//	go run ./cmd/bangtin-load --target 127.0.0.1:2222 [--pid N] [--pprof 127.0.0.1:6060] [--admin-key FILE]
//	go run ./cmd/bangtin-load --quick           # small counts, a few seconds per figure
//	go run ./cmd/bangtin-load --reference-only
//	go run ./cmd/bangtin-load --sessions 10000 --hold-reference 1000 -v   # the hold (hold.go)
//
// With --sessions N the tool holds N idle sessions instead of measuring the figures: see hold.go.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// README performance section (the lead copies it into README.md, with the table of a fresh run):
//
//	## Performance
//
//	`go run ./cmd/bangtin-load` (from the repository root) builds ./cmd/bangtin, starts it on
//	127.0.0.1 with a temporary data directory, and starts the reference server shipped inside the
//	tool: wish v2 + bubbletea v2 drawing one static screen of the terminal's size, nothing else
//	(wish's defaults, bubbletea's 60 fps, an ed25519 host key). It measures both in the same run,
//	figure by figure, and prints a Markdown table; "ratio" is board ÷ reference, and the target
//	column says whether the target is met. A default run takes about 2 minutes on 2
//	cores, `--quick` under a minute; `--target 127.0.0.1:PORT [--pid N] [--pprof ADDR]
//	[--admin-key FILE]` measures a board that is already running; `--figures c,e` measures only
//	some figures; `--help` lists every bound.
//	Loopback only; every process the tool starts is stopped, also on Ctrl-C. Only the ratios of one
//	run count: shared machines are noisy.
//
//	- a. Go client (x/crypto/ssh, pty 80×24, OpenSSH's host key order): dial, handshake, pty,
//	  shell, until a vt emulator's screen shows the visitor box ("Đang online") and the welcome
//	  thread; 30 sessions one after another. The handshake's share is shown apart.
//	- b. 8 clients connect, wait for that screen and disconnect, for 5 s; the server's CPU
//	  (utime+stime from /proc/PID/stat) divided by the sessions.
//	- c. 100, 500 and 1,000 idle sessions at 80×24 held open, then 100 more at 200×50: RSS growth
//	  (VmRSS) per session, goroutines per session (when the server serves net/http/pprof on
//	  $BANGTIN_DEBUG_ADDR; else OS threads), CPU per session per second over 5 s (schedstat), and
//	  the first frame of new sessions meanwhile. Also: RSS growth for one session claiming a
//	  65535×65535 terminal (board only, with a 2 GiB watchdog), and how long an untouched session
//	  takes to show a new visitor in "Đang online".
//	- d. bytes the server sends: the first frame settled (a full redraw), one down arrow in the
//	  thread list, Enter (a thread drawn in full), one page down in the thread (medians of 5; the
//	  tool posts 12 long threads first, as the admin).
//	- e. 32 clients, each a new SSH connection running `comment post ID --name … --json` with the
//	  body on stdin as the admin (guests are rate-limited), counting only replies with an id and a
//	  status; the reference runs a no-op command in the same kind of connection. The board's rate
//	  for the same connections running `version` (no write) is shown too.
//	- f. the real OpenSSH client (`ssh -tt -p PORT … guest@127.0.0.1`) in a pty, 10 sessions, until
//	  the same screen appears.
//	- h. `--sessions N` (up to 10,000; `--hold-reference M`, 0 skips the reference): N idle
//	  sessions at 80×24 held on the board, then on the reference: RSS growth, goroutines and file
//	  descriptors per session, idle CPU in % of a core over 10 s, 20 new sessions' first frame
//	  against the empty server's; on the board, 20 new sessions a second for 5 s on top, when 8
//	  untouched sessions' screens count each of them, the server's CPU meanwhile, and then when
//	  every held session hears of one more visitor. The tool raises its open-file limit (and says
//	  when the hard limit is too low); `--hold-profile DIR` saves the board's heap and goroutine
//	  profiles while the sessions are held.

func main() {
	if os.Getenv(refRoleEnv) == "reference" {
		referenceMain()
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "pg" { // the PostgreSQL store's figures: pgstore.go
		os.Exit(pgMain(os.Args[2:], os.Stdout, os.Stderr))
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command line.
type options struct {
	cfg                         config
	board                       boardConfig
	referenceOnly, spread, verb bool
	timeout                     time.Duration
	only                        map[string]bool // figures to measure (a–f, w); empty: all
	web                         webConfig       // figure w (web.go)
	hold                        holdConfig      // --sessions N (hold.go); N == 0: the figures instead
}

func parseFlags(args []string, stderr io.Writer) (*options, error) {
	fs := flag.NewFlagSet("bangtin-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := &options{}
	quick := fs.Bool("quick", false, "small counts and short windows (tests, a first look)")
	fs.StringVar(&o.board.Binary, "bangtin", "", "bangtin binary to start (default: go build ./cmd/bangtin)")
	fs.StringVar(&o.board.Target, "target", "", "measure an already running board at this 127.0.0.1 address instead of starting one")
	fs.IntVar(&o.board.PID, "pid", 0, "PID of the --target board (default: found from its listening socket)")
	fs.StringVar(&o.board.Debug, "pprof", "", "net/http/pprof address of the --target board, for goroutine counts")
	fs.StringVar(&o.board.AdminKey, "admin-key", "", "private key file of an admin of the --target board (seeds threads, posts comments)")
	boardArgs := fs.String("board-args", "--max-sessions 5000 --max-sessions-per-ip 5000", "extra arguments for `bangtin serve`")
	fs.StringVar(&o.board.Marker, "marker", "Đang online,Chào mừng", "texts (comma-separated, all of them) on the board's screen that mean the first frame is complete: the visitor box and the welcome thread")
	fs.BoolVar(&o.referenceOnly, "reference-only", false, "measure the reference server only")
	fs.BoolVar(&o.spread, "spread", true, "dial from 127.0.0.2, .3, ... so per-IP limits do not decide the figures")
	fs.BoolVar(&o.verb, "v", false, "log progress to stderr")
	fs.DurationVar(&o.timeout, "timeout", 20*time.Minute, "stop everything after this long")
	size := fs.String("size", "", "terminal size WxH of the Go-client figures (default 80x24)")
	n := fs.Int("n", 0, "a: sequential sessions (default 30)")
	p := fs.Int("p", 0, "b: parallel clients (default 8)")
	t := fs.Duration("t", 0, "b: duration (default 5s)")
	idle := fs.String("idle", "", "c: idle session counts (default 100,500,1000)")
	large := fs.Int("idle-large", -1, "c: sessions added at 200x50 on top of the most idle (default 100, 0 skips)")
	window := fs.Duration("idle-window", 0, "c: idle CPU sampling window (default 5s)")
	budget := fs.Duration("idle-budget", 0, "c: at most this long per server; opening sessions stops when it is spent (default 3m)")
	keys := fs.Int("keys", 0, "d: presses of each key, median (default 5)")
	writers := fs.Int("writers", 0, "e: parallel clients (default 32)")
	wt := fs.Duration("write-time", 0, "e: duration (default 5s)")
	as := fs.String("comment-as", "", "e: post comments as admin or guest (default admin when the tool has the admin key)")
	ossh := fs.Int("openssh", -1, "f: sequential OpenSSH sessions (default 10, 0 skips)")
	seed := fs.Int("seed", -1, "threads posted on the board before measuring (default 12)")
	sessions := fs.Int("sessions", 0, fmt.Sprintf("hold this many idle sessions (1..%d) on the board, then on the reference, instead of the figures", holdMax))
	holdRef := fs.Int("hold-reference", -1, "sessions held on the reference (default: --sessions; 0 skips the reference)")
	holdProfile := fs.String("hold-profile", "", "directory for the board's heap and goroutine profiles while the sessions are held")
	holdBudget := fs.Duration("hold-budget", 0, "at most this long opening the held sessions, per server (default 10m)")
	holdWindow := fs.Duration("hold-window", 0, "idle CPU window of the hold (default 10s)")
	holdChurn := fs.Int("hold-churn", -1, "new sessions a second arriving on top of the held (default 20, 0 skips)")
	figs := fs.String("figures", "", "measure only these figures, e.g. c,e (default: a,b,c,d,e,f,w)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	o.cfg = defaultConfig()
	if *quick {
		o.cfg = quickConfig()
	}
	o.web = webDefaults(*quick)
	o.board.ExtraArgs = strings.Fields(*boardArgs)
	if *size != "" {
		w, h, ok := strings.Cut(*size, "x")
		wi, err1 := strconv.Atoi(w)
		hi, err2 := strconv.Atoi(h)
		if !ok || err1 != nil || err2 != nil || wi < 10 || hi < 5 || wi > 500 || hi > 300 {
			return nil, fmt.Errorf("--size %q: want WxH, e.g. 80x24", *size)
		}
		o.cfg.W, o.cfg.H = wi, hi
	}
	setInt := func(dst *int, v, floor int) {
		if v >= floor {
			*dst = v
		}
	}
	setInt(&o.cfg.Sessions, *n, 1)
	setInt(&o.cfg.Parallel, *p, 1)
	setInt(&o.cfg.IdleLarge, *large, 0)
	setInt(&o.cfg.Keys, *keys, 1)
	setInt(&o.cfg.Writers, *writers, 1)
	setInt(&o.cfg.OpenSSH, *ossh, 0)
	setInt(&o.cfg.Seed, *seed, 0)
	if *t > 0 {
		o.cfg.Duration = *t
	}
	if *budget > 0 {
		o.cfg.IdleBudget = *budget
	}
	if *window > 0 {
		o.cfg.IdleWindow = *window
	}
	if *wt > 0 {
		o.cfg.WriteDuration = *wt
	}
	if *idle != "" {
		o.cfg.IdleCounts = nil
		for _, f := range strings.Split(*idle, ",") {
			v, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || v < 1 || v > 10000 {
				return nil, fmt.Errorf("--idle %q: want counts 1..10000 separated by commas", *idle)
			}
			o.cfg.IdleCounts = append(o.cfg.IdleCounts, v)
		}
	}
	if *sessions < 0 || *sessions > holdMax {
		return nil, fmt.Errorf("--sessions %d: want 1..%d", *sessions, holdMax)
	}
	o.hold = holdDefaults(*sessions, *quick)
	if *holdRef >= 0 {
		o.hold.RefN = min(*holdRef, holdMax)
	}
	if *holdChurn >= 0 {
		o.hold.ChurnRate = min(*holdChurn, 200)
	}
	if *holdBudget > 0 {
		o.hold.Budget = *holdBudget
	}
	if *holdWindow > 0 {
		o.hold.Window = *holdWindow
	}
	o.hold.ProfileDir = *holdProfile
	if *figs != "" {
		o.only = map[string]bool{}
		for _, f := range strings.Split(*figs, ",") {
			f = strings.TrimSpace(f)
			if len(f) != 1 || (f[0] < 'a' || f[0] > 'f') && f[0] != 'w' {
				return nil, fmt.Errorf("--figures %q: want letters a to f or w separated by commas", *figs)
			}
			o.only[f] = true
		}
	}
	switch *as {
	case "", "admin", "guest":
		if *as != "" {
			o.cfg.CommentAs = *as
		}
	default:
		return nil, fmt.Errorf("--comment-as %q: admin or guest", *as)
	}
	if o.board.Target != "" && !strings.HasPrefix(o.board.Target, "127.") && !strings.HasPrefix(o.board.Target, "localhost:") {
		return nil, fmt.Errorf("--target %q: loopback only (127.0.0.0/8)", o.board.Target)
	}
	return o, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		fmt.Fprintln(stderr, "bangtin-load:", err)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() { <-ctx.Done(); stop() }() // a second Ctrl-C kills at once
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()

	logf := func(format string, a ...any) {
		if o.verb {
			fmt.Fprintf(stderr, time.Now().Format("15:04:05 ")+format+"\n", a...)
		}
	}
	if o.hold.N > 0 {
		return runHold(ctx, o, stdout, stderr, logf)
	}
	nofile := raiseNofile()
	if need := uint64(maxIdle(o.cfg)*2 + 256); nofile < need {
		fmt.Fprintf(stderr, "bangtin-load: RLIMIT_NOFILE is %d, figure c needs about %d\n", nofile, need)
	}
	board, ref, boardErr, err := measureAll(ctx, o, logf)
	if err != nil {
		fmt.Fprintln(stderr, "bangtin-load:", err)
		return 1
	}
	head := fmt.Sprintf("bangtin-load, %s UTC; %s; terminal %dx%d", time.Now().UTC().Format("2006-01-02 15:04"), machine(), o.cfg.W, o.cfg.H)
	notes := append(errorNotes("board", board), errorNotes("reference", ref)...)
	if boardErr != nil {
		notes = append([]string{"board not measured: " + boardErr.Error()}, notes...)
	}
	if board != nil && board.WriteWhat != "" {
		notes = append(notes, "e: board figure is "+board.WriteWhat)
	}
	rs := rows(o.cfg, board, ref, boardErr)
	if board != nil {
		rs = append(rs, board.Web...)
		if board.ErrWeb != nil && !errors.Is(board.ErrWeb, errSkipped) {
			notes = append(notes, "board w: "+board.ErrWeb.Error())
		}
	}
	printTable(stdout, head, rs, notes)
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "bangtin-load: interrupted:", ctx.Err())
		return 1
	}
	return 0
}

// runHold is --sessions N: the hold instead of the figures.
func runHold(ctx context.Context, o *options, stdout, stderr io.Writer, logf func(string, ...any)) int {
	need := holdNofile(o.hold)
	soft, hard := raiseNofile(), hardNofile()
	if soft < need {
		fmt.Fprintf(stderr, "bangtin-load: RLIMIT_NOFILE is %d (hard limit %d), --sessions %d needs about %d: raise the hard limit (ulimit -Hn as root, LimitNOFILE= in a unit)\n",
			soft, hard, o.hold.N, need)
		return 1
	}
	logf("RLIMIT_NOFILE %d (hard %d), the hold needs about %d", soft, hard, need)
	board, ref, boardErr, refErr, err := holdAll(ctx, o, logf)
	if err != nil {
		fmt.Fprintln(stderr, "bangtin-load:", err)
		return 1
	}
	head := fmt.Sprintf("bangtin-load --sessions %d, %s UTC; %s; terminal %dx%d", o.hold.N, time.Now().UTC().Format("2006-01-02 15:04"), machine(), o.cfg.W, o.cfg.H)
	notes := append(holdNotes("board", board), holdNotes("reference", ref)...)
	if boardErr != nil && !errors.Is(boardErr, errSkipped) {
		notes = append([]string{"board not measured: " + boardErr.Error()}, notes...)
	}
	if refErr != nil && !errors.Is(refErr, errSkipped) {
		notes = append(notes, "reference not measured: "+refErr.Error())
	}
	printTable(stdout, head, holdRows(o.hold, o.cfg.W, o.cfg.H, board, ref, boardErr, refErr), notes)
	if ctx.Err() != nil {
		fmt.Fprintln(stderr, "bangtin-load: interrupted:", ctx.Err())
		return 1
	}
	return 0
}

func maxIdle(cfg config) int {
	m := 0
	for _, n := range cfg.IdleCounts {
		m = max(m, n)
	}
	return m + cfg.IdleLarge
}

// measureAll starts the servers, runs every figure on each (board, then reference, figure by
// figure, so that both see the same machine), and stops them.
func measureAll(ctx context.Context, o *options, logf func(string, ...any)) (board, ref *results, boardErr, err error) {
	cl, err := newClient(o.spread)
	if err != nil {
		return nil, nil, nil, err
	}
	r := &runner{cfg: o.cfg, cl: cl, logf: logf}
	refSrv, err := startReference(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	defer refSrv.Stop()
	logf("reference on %s (pid %d)", refSrv.Addr, refSrv.PID)
	servers := []*Server{refSrv}
	var boardSrv *Server
	if !o.referenceOnly {
		boardSrv, boardErr = startBoard(ctx, o.board, logf)
		if boardErr != nil {
			logf("board: %v", boardErr)
		} else {
			defer boardSrv.Stop()
			logf("board on %s (pid %d, pprof %q)", boardSrv.Addr, boardSrv.PID, boardSrv.Debug)
			r.prepareBoard(ctx, boardSrv)
			servers = []*Server{boardSrv, refSrv}
		}
	} else {
		boardErr = fmt.Errorf("%w: --reference-only", errSkipped)
	}
	res := map[*Server]*results{}
	for _, s := range servers {
		res[s] = &results{}
	}
	figures := []struct {
		name string
		fn   func(context.Context, *Server, *results)
	}{
		{"c", r.figureC}, // first, on fresh processes: freed memory of earlier sessions would be reused
		{"c (huge pty)", r.figureHuge},
		{"c (live counter)", r.figureLive},
		{"a", r.figureA},
		{"d", r.figureD},
		{"b", r.figureB},
		{"e", r.figureE},
		{"f", r.figureF},
	}
	for _, f := range figures {
		if len(o.only) > 0 && !o.only[f.name[:1]] {
			for _, s := range servers {
				markSkipped(res[s], f.name)
			}
			continue
		}
		for _, s := range servers {
			if ctx.Err() != nil {
				markNotRun(res[s], f.name)
				continue
			}
			logf("%s: figure %s", s.Name, f.name)
			f.fn(ctx, s, res[s])
		}
	}
	if boardSrv != nil {
		board = res[boardSrv]
		if (len(o.only) == 0 || o.only["w"]) && ctx.Err() == nil {
			logf("board: figure w")
			board.Web, board.ErrWeb = r.figureW(ctx, boardSrv, o.web)
		}
	}
	return board, res[refSrv], boardErr, nil
}

// errNotRun marks a figure an interruption left out.
var errNotRun = errors.New("not run (interrupted)")

func markNotRun(res *results, figure string) { markFigure(res, figure, errNotRun) }

// errDeselected marks a figure --figures left out; the notes do not list it.
var errDeselected = fmt.Errorf("%w: --figures", errSkipped)

func markSkipped(res *results, figure string) { markFigure(res, figure, errDeselected) }

func markFigure(res *results, figure string, err error) {
	switch figure {
	case "a":
		res.ErrFirst = err
	case "b":
		res.ErrRate, res.ErrRSA = err, err
	case "c":
		res.ErrIdle = err
	case "c (huge pty)":
		res.ErrHuge = err
	case "c (live counter)":
		res.ErrLive = err
	case "d":
		res.ErrKeys = err
	case "e":
		res.ErrWrites = err
	case "f":
		res.ErrSSH = err
	}
}

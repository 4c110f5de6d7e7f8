package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// row is one line of the table.
type row struct {
	Figure, Board, Ref, Ratio, Target string
}

// value is one server's number for a row, or why there is none.
type value struct {
	v   float64
	err error // nil: v is valid
}

func val(v float64, err error) value { return value{v: v, err: err} }

func (x value) show(format func(float64) string) string {
	if x.err != nil {
		if errors.Is(x.err, errSkipped) {
			return "skipped"
		}
		return "error"
	}
	return format(x.v)
}

// compare builds a row with the ratio board/reference and, if target is set, whether pass(ratio).
func compare(fig string, b, r value, format func(float64) string, target string, pass func(float64) bool) row {
	rw := row{Figure: fig, Board: b.show(format), Ref: r.show(format), Ratio: "–", Target: target}
	if b.err == nil && r.err == nil && r.v > 0 {
		ratio := b.v / r.v
		rw.Ratio = fmt.Sprintf("%.2f×", ratio)
		if pass != nil {
			rw.Target += mark(pass(ratio))
		}
	}
	return rw
}

func mark(ok bool) string {
	if ok {
		return " ✓"
	}
	return " ✗"
}

func ms(v float64) string        { return fmt.Sprintf("%.1f ms", v) }
func ms3(v float64) string       { return fmt.Sprintf("%.3f ms", v) }
func kib(v float64) string       { return fmt.Sprintf("%.0f KiB", v/1024) }
func rate(v float64) string      { return fmt.Sprintf("%.1f/s", v) }
func num(v float64) string       { return fmt.Sprintf("%.2f", v) }
func byteCount(v float64) string { return fmt.Sprintf("%.0f B", v) }

func durMS(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// errNotMeasured stands for a server that was not measured at all.
var errNotMeasured = errors.New("not measured")

// rows turns both servers' results into the table. board may be nil (reference only).
func rows(cfg config, board, ref *results, boardErr error) []row {
	if board == nil {
		board = &results{ErrRSA: boardErrOr(boardErr), ErrHuge: boardErrOr(boardErr), ErrLive: boardErrOr(boardErr), ErrFirst: boardErrOr(boardErr), ErrRate: boardErrOr(boardErr), ErrIdle: boardErrOr(boardErr),
			ErrKeys: boardErrOr(boardErr), ErrWrites: boardErrOr(boardErr), ErrSSH: boardErrOr(boardErr)}
	}
	le := func(limit float64) func(float64) bool { return func(x float64) bool { return x <= limit } }
	ge := func(limit float64) func(float64) bool { return func(x float64) bool { return x >= limit } }
	var out []row
	out = append(out,
		compare("a. first frame p50, Go client", val(durMS(board.First.P50), board.ErrFirst), val(durMS(ref.First.P50), ref.ErrFirst), ms, "≤ 2×", le(2)),
		compare("a. first frame p99, Go client", val(durMS(board.First.P99), board.ErrFirst), val(durMS(ref.First.P99), ref.ErrFirst), ms, "", nil),
		compare("a. of which TCP + SSH handshake + auth, p50", val(durMS(board.Handshake.P50), board.ErrFirst), val(durMS(ref.Handshake.P50), ref.ErrFirst), ms, "", nil),
		compare(fmt.Sprintf("b. sessions/s, %d clients", cfg.Parallel), val(board.Rate, board.ErrRate), val(ref.Rate, ref.ErrRate), rate, "≥ 0.8×", ge(0.8)),
		compare("b. server CPU per session (client asks ed25519 first, as OpenSSH and PuTTY)", val(durMS(board.CPUPer), cpuErr(board.CPUPer, board.ErrRate)), val(durMS(ref.CPUPer), cpuErr(ref.CPUPer, ref.ErrRate)), ms, "≤ 0.65×", le(0.65)),
		compare("b. server CPU per session, client asks RSA first (x/crypto's order; the reference has only ed25519)", val(durMS(board.CPUPerRSA), rsaErr(board)), val(durMS(ref.CPUPerRSA), rsaErr(ref)), ms, "", nil),
	)
	idle := func(res *results, i int) (idleFig, error) {
		if res.ErrIdle != nil {
			return idleFig{}, res.ErrIdle
		}
		if i >= len(res.Idle) {
			return idleFig{}, errNotMeasured
		}
		return res.Idle[i], res.Idle[i].Err
	}
	counts := append([]int(nil), cfg.IdleCounts...)
	for i, n := range counts {
		b, be := idle(board, i)
		r, re := idle(ref, i)
		memErr := func(f idleFig, e error) error {
			if e == nil && f.RSS == 0 && f.FDs == 0 {
				return errors.New("no /proc figures")
			}
			return e
		}
		out = append(out,
			compare(fmt.Sprintf("c. RSS per idle session, %d open, %dx%d", n, cfg.W, cfg.H), val(b.RSS, memErr(b, be)), val(r.RSS, memErr(r, re)), kib, "≤ 1.2×", le(1.2)),
			goroutineRow(n, b, be, r, re),
			compare(fmt.Sprintf("c. idle CPU per session, %d open", n), val(b.CPU, cpuNeg(b.CPU, be)), val(r.CPU, cpuNeg(r.CPU, re)), ms3, "≤ 0.75× (per s)", le(0.75)),
			compare(fmt.Sprintf("c. first frame p50 with %d idle", n), val(durMS(b.FirstFrame.P50), be), val(durMS(r.FirstFrame.P50), re), ms, "", nil),
		)
	}
	if cfg.IdleLarge > 0 {
		b, be := idle(board, len(counts))
		r, re := idle(ref, len(counts))
		out = append(out, compare(fmt.Sprintf("c. RSS per idle session, +%d at %dx%d", cfg.IdleLarge, cfg.LargeW, cfg.LargeH),
			val(b.RSS, be), val(r.RSS, re), kib, "≤ 1.2×", le(1.2)))
	}
	hugeRow := row{Figure: fmt.Sprintf("c. RSS growth, one session claiming %dx%d", hugeClaim, hugeClaim),
		Board: val(board.Huge, board.ErrHuge).show(kib), Ref: "not run (unbounded)", Ratio: "–", Target: "bounded"}
	if board.ErrHuge == nil {
		hugeRow.Target += mark(board.Huge < 64<<20)
	}
	liveRow := row{Figure: "c. a new visitor shown by an untouched session", Board: val(durMS(board.Live), board.ErrLive).show(ms),
		Ref: "– (no counter)", Ratio: "–", Target: "≤ 2 s"}
	if board.ErrLive == nil {
		liveRow.Target += mark(board.Live <= 2*time.Second)
	}
	out = append(out, hugeRow, liveRow)
	full := compare("d. full redraw (first frame)", val(float64(board.Full), board.ErrKeys), val(float64(ref.Full), ref.ErrKeys), byteCount, "", nil)
	down := keyRow("d. one down arrow, thread list", board.Down, board.Full, board.ErrKeys, ref.Down, ref.ErrKeys, "< 10% of full", 0.10)
	open := compare("d. Enter: the thread drawn in full", val(float64(board.Open), board.ErrKeys), val(float64(ref.Open), ref.ErrKeys), byteCount, "", nil)
	open.Ratio = "–"
	pgdn := keyRow("d. one page down, thread", board.PgDn, board.Full, board.ErrKeys, ref.PgDn, ref.ErrKeys, "", 0)
	if board.ErrKeys == nil && board.Open > 0 {
		pgdn.Ratio += fmt.Sprintf(", %.0f%% of thread", 100*float64(board.PgDn)/float64(board.Open))
	}
	out = append(out, full, down, open, pgdn,
		compare(fmt.Sprintf("e. comments/s, %d clients (ref: handshake-only sessions/s)", cfg.Writers), val(board.Writes, board.ErrWrites), val(ref.Writes, ref.ErrWrites), rate, "≥ 0.5×", ge(0.5)),
		compare("e. board: the same sessions running `version` (no write)", val(board.Noop, noopErr(board)), val(ref.Writes, ref.ErrWrites), rate, "", nil),
		compare("f. first frame p50, OpenSSH in a pty", val(durMS(board.SSH.P50), board.ErrSSH), val(durMS(ref.SSH.P50), ref.ErrSSH), ms, "≤ 0.6×", le(0.6)),
		compare("f. first frame p99, OpenSSH in a pty", val(durMS(board.SSH.P99), board.ErrSSH), val(durMS(ref.SSH.P99), ref.ErrSSH), ms, "", nil),
	)
	return out
}

func boardErrOr(err error) error {
	if err == nil {
		return errNotMeasured
	}
	return err
}

func cpuErr(d time.Duration, err error) error {
	if err == nil && d < 0 {
		return errors.New("no /proc figures")
	}
	return err
}

func rsaErr(res *results) error {
	if res.ErrRate != nil {
		return res.ErrRate
	}
	return res.ErrRSA
}

func cpuNeg(v float64, err error) error {
	if err == nil && v < 0 {
		return errors.New("not measured")
	}
	return err
}

// goroutineRow shows goroutines per idle session, or OS threads for a server without pprof.
func goroutineRow(n int, b idleFig, be error, r idleFig, re error) row {
	label := fmt.Sprintf("c. goroutines per idle session, %d open", n)
	if be == nil && b.Goroutines < 0 {
		rw := compare(label, val(0, errors.New("no pprof")), val(r.Goroutines, re), num, "", nil)
		rw.Board = fmt.Sprintf("n/a (threads %+.2f)", b.Threads)
		return rw
	}
	return compare(label, val(b.Goroutines, be), val(r.Goroutines, cpuNeg(r.Goroutines, re)), num, "", nil)
}

// keyRow shows the bytes of one key; the ratio column is the board's share of its own full redraw.
func keyRow(fig string, b, bFull int64, be error, r int64, re error, target string, limit float64) row {
	rw := row{Figure: fig, Board: val(float64(b), be).show(byteCount), Ref: val(float64(r), re).show(byteCount), Ratio: "–", Target: target}
	if be == nil && bFull > 0 {
		share := float64(b) / float64(bFull)
		rw.Ratio = fmt.Sprintf("%.1f%% of full", 100*share)
		if limit > 0 {
			rw.Target += mark(share < limit)
		}
	}
	return rw
}

// printTable writes the Markdown table with its heading, and every error below it.
func printTable(w io.Writer, head string, rs []row, notes []string) {
	fmt.Fprintln(w, head)
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| figure | board | reference | ratio | target |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---|")
	for _, r := range rs {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", r.Figure, r.Board, r.Ref, r.Ratio, r.Target)
	}
	if len(notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range notes {
			fmt.Fprintln(w, "- "+strings.ReplaceAll(n, "\n", " "))
		}
	}
}

// errorNotes lists what went wrong, per server and figure.
func errorNotes(name string, res *results) []string {
	if res == nil {
		return nil
	}
	var notes []string
	add := func(fig string, err error) {
		if err != nil && !errors.Is(err, errNotMeasured) && !errors.Is(err, errDeselected) {
			notes = append(notes, fmt.Sprintf("%s %s: %v", name, fig, err))
		}
	}
	add("a", res.ErrFirst)
	add("b", res.ErrRate)
	add("b (RSA first)", res.ErrRSA)
	add("c", res.ErrIdle)
	for _, f := range res.Idle {
		add(fmt.Sprintf("c@%d", f.N), f.Err)
	}
	if !errors.Is(res.ErrHuge, errSkipped) {
		add("c huge pty", res.ErrHuge)
	}
	if !errors.Is(res.ErrLive, errSkipped) {
		add("c live counter", res.ErrLive)
	}
	add("d", res.ErrKeys)
	add("e", res.ErrWrites)
	add("f", res.ErrSSH)
	if res.RateFailed > 0 {
		notes = append(notes, fmt.Sprintf("%s b: %d sessions failed", name, res.RateFailed))
	}
	if res.WritesFailed > 0 {
		notes = append(notes, fmt.Sprintf("%s e: %d of %d not acknowledged, first: %s", name, res.WritesFailed, res.WritesFailed+res.WritesDone, res.WriteErr))
	}
	return notes
}

func noopErr(res *results) error {
	if res.ErrWrites != nil {
		return res.ErrWrites
	}
	return res.ErrNoop
}

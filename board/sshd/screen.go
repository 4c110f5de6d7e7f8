package sshd

import (
	"bytes"
	"io"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// screen draws a session's frames in place of bubbletea's renderer (the program runs with
// tea.WithoutRenderer). bubbletea's renderer keeps two cell buffers of 112 bytes a cell: 430 KB
// for an 80×24 terminal, 2.3 MB for 200×50, most of what an idle session costs. screen keeps
// only the rows on the terminal, as slices of the last frame drawn (a string the model keeps
// anyway), and redraws what changed: in a changed row, the part between the longest common
// prefix and suffix with the row on the terminal (a selection marker is a few bytes, not a row).
//
// The first frame is drawn as soon as the model reports its data loaded (no render tick to
// wait for), or one frame interval after the start if it is slower; a later change half a frame
// interval after it comes (with whatever follows it, such as the data of a page it opened),
// and frames at most one per frame interval. Writing happens on a timer's goroutine, never in the program's event
// loop, so a client that stops reading stalls nothing but its own frames.
//
// The terminal modes are bubbletea's: the alternate screen (saving the cursor), a hidden
// cursor, bracketed paste, modifyOtherKeys and the Kitty keyboard protocol's disambiguation,
// so keys arrive as they did with bubbletea's renderer; and autowrap (DECAWM) off, so that a
// character the terminal finds wider than we did can never spill onto the next row. Every
// row is fitted to the terminal's width model (width.go) and cut to its columns; rows below
// its height are dropped. Colours are brought down to the client's profile.
//
// What the terminal is (its width model, its colours) is asked at the start (begin) and learnt
// when the answers come (learnMode, learnName, learnDA2): the first frame never waits for them,
// and a later answer that changes anything redraws what it changes.
type screen struct {
	out     io.Writer
	every   time.Duration // at most one frame per every
	start   time.Time
	onPanic func(v any, stack []byte) // a panic while drawing (the screen stops drawing)
	draws   *drawCache                // shared changes between shared frames (nil: none)

	wmu sync.Mutex // one draw (and the final restore) at a time

	mu      sync.Mutex
	profile colorprofile.Profile
	method  widthMode
	unicode bool        // we set mode 2027: reset it at the end
	modeSeq string      // mode changes to send before the next frame
	modes   bool        // the terminal is in our modes (startModes written)
	redo    bool        // the next frame fits every row afresh (the width model changed)
	timer   *time.Timer // runs draw; nil until the first frame is asked for
	w, h    int
	want    string   // the newest frame
	ready   bool     // want is complete: the first frame need not wait
	shared  bool     // want is a frame other sessions show too (tui.Frames)
	shown   []string // the rows on the terminal (slices of the last frame drawn)
	// The last frame drawn, and how: a change from it may be shared (drawCache).
	drawn       string
	drawnShared bool
	drawnW      int
	drawnH      int
	drawnMethod widthMode
	// drawnExact: shown is exactly drawn's rows fitted by drawnMethod (a row kept across a change
	// of the width model may not be: then no change from it is shared until a full repaint).
	drawnExact bool
	started    bool // the first frame was written
	full       bool // the next frame repaints the whole screen (resize, Ctrl-L, colours)
	last       time.Time
	pending    bool // a draw is scheduled or running
	closed     bool
}

func newScreen(out io.Writer, width, height int, profile colorprofile.Profile, every time.Duration) *screen {
	return &screen{out: out, profile: profile, every: every, start: time.Now(), w: width, h: height}
}

// set is a new frame from the model's View; ready reports that it is complete (the model's
// data is loaded).
func (s *screen) set(content string, ready bool) { s.setFrame(content, ready, false) }

// setFrame is set for a frame that other sessions may show too (shared: the same string).
func (s *screen) setFrame(content string, ready, shared bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.shared = shared
	if ready && !s.ready {
		s.ready = true
		if !s.started && s.pending {
			s.want = content
			s.timer.Reset(0) // the first frame, at once
			return
		}
	}
	if content == s.want && s.started {
		return
	}
	s.want = content
	s.schedule()
}

// resize is a new terminal size: the next frame repaints the screen.
func (s *screen) resize(w, h int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || (w == s.w && h == s.h) {
		return
	}
	s.w, s.h, s.full = w, h, true
	if s.started {
		s.schedule()
	}
}

// schedule arranges a draw (s.mu held).
func (s *screen) schedule() {
	if s.pending {
		return
	}
	s.pending = true
	now := time.Now()
	var d time.Duration
	switch {
	case !s.started && !s.ready:
		d = s.start.Add(s.every).Sub(now)
	case s.started:
		// Half a frame interval at least: the change that starts a burst (a key that opens a
		// page, whose data arrives a few milliseconds later) is drawn with the rest of it, not
		// as a "loading" frame of its own.
		d = max(s.last.Add(s.every).Sub(now), s.every/2)
	}
	d = max(d, 0)
	if s.timer == nil {
		s.timer = time.AfterFunc(d, s.draw)
	} else {
		s.timer.Reset(d)
	}
}

var screenBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// startModes are bubbletea's: the alternate screen, no cursor, bracketed paste, keyboard
// disambiguation (and a query for the Kitty protocol, whose answer bubbletea's input handles);
// and no autowrap.
var startModes = ansi.SetModeAltScreenSaveCursor + ansi.HideCursor + ansi.SetModeBracketedPaste +
	ansi.SetModifyOtherKeys2 + ansi.PushKittyKeyboard(1) + ansi.RequestKittyKeyboard + ansi.ResetModeAutoWrap

// repaintModes are set again by a repaint (Ctrl-L): the ones something else may have changed.
var repaintModes = ansi.HideCursor + ansi.ResetModeAutoWrap

// endModes undo startModes (and put the cursor on the last row).
func endModes(h int) string {
	return ansi.ResetStyle + ansi.ResetModifyOtherKeys + ansi.PopKittyKeyboard(1) + ansi.SetModeAutoWrap +
		ansi.CursorPosition(1, h) + ansi.ResetModeAltScreenSaveCursor + ansi.ShowCursor + ansi.ResetModeBracketedPaste
}

// begin puts the terminal in the board's modes at once and sends queries (answers arrive as
// input: tea.go hands them to learnMode, learnName and learnDA2).
func (s *screen) begin(queries string) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.mu.Lock()
	if s.closed || s.modes {
		s.mu.Unlock()
		return
	}
	s.modes = true
	s.mu.Unlock()
	_, _ = io.WriteString(s.out, startModes+queries)
}

// repaint redraws the whole screen from scratch (Ctrl-L), modes included.
func (s *screen) repaint() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || !s.started {
		return
	}
	s.full = true
	s.modeSeq += repaintModes
	if s.unicode {
		s.modeSeq += ansi.SetModeUnicodeCore
	}
	s.schedule()
}

// learnMode is the terminal's answer about mode 2027 (grapheme clustering): set, or settable
// and then set by us, the session counts columns per grapheme; otherwise per code point.
func (s *screen) learnMode(v ansi.ModeSetting) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	switch v {
	case ansi.ModeSet, ansi.ModePermanentlySet:
	case ansi.ModeReset:
		if !s.unicode {
			s.unicode = true
			s.modeSeq += ansi.SetModeUnicodeCore
		}
	default:
		return
	}
	if s.method == perGrapheme {
		return
	}
	s.method = perGrapheme
	// Rows drawn so far are as wide by either measure (fit); those that fit replaced a cluster
	// in differ from the model's rows and are drawn again, in the terminal's own clusters.
	s.redo = true
	if s.started {
		s.schedule()
	}
}

// learnName is the terminal's name and version (XTVERSION); learnDA2 its secondary device
// attributes. Either may show that it does more colours than TERM said.
func (s *screen) learnName(name string) { s.upgrade(profileByName(name)) }
func (s *screen) learnDA2(p []int)      { s.upgrade(profileByDA2(p)) }

// upgrade raises the colour profile to p (never lowers it, never adds colour to a session
// that asked for none) and repaints.
func (s *screen) upgrade(p colorprofile.Profile) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed || p <= s.profile || s.profile <= colorprofile.ASCII {
		return
	}
	s.profile = p
	if s.started {
		s.full = true
		s.schedule()
	}
}

func (s *screen) draw() {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	// draw runs on a timer's goroutine, outside the session's handler: a panic here must not
	// take the server down.
	defer func() {
		if r := recover(); r != nil {
			stack := debug.Stack()
			s.mu.Lock()
			s.closed, s.pending = true, false
			s.mu.Unlock()
			if s.onPanic != nil {
				s.onPanic(r, stack)
			}
		}
	}()
	s.mu.Lock()
	if s.closed {
		s.pending = false
		s.mu.Unlock()
		return
	}
	content, w, h, shown, started := s.want, s.w, s.h, s.shown, s.started
	profile, method, modes, modeSeq := s.profile, s.method, s.modes, s.modeSeq
	full := s.full || !started
	// A change between two shared frames, drawn alike (size, width model) and with nothing else
	// to write, is the same for every session showing them: one works it out.
	// After a change of the width model (redo) every row is fitted again, so that the rows on
	// the terminal are exactly the frame's rows fitted the new way.
	fresh := full || s.redo
	exact := fresh || (s.drawnExact && s.drawnMethod == method && s.drawnW == w)
	share := s.draws != nil && s.shared && s.drawnShared && s.drawnExact && !full && modes && modeSeq == "" &&
		s.drawnW == w && s.drawnH == h && s.drawnMethod == method && content != s.drawn
	var key drawKey
	if share {
		key = keyOf(s.drawn, content, w, h, method, profile)
	}
	s.full, s.modeSeq, s.redo = false, "", false
	shared := s.shared
	s.mu.Unlock()

	if share {
		if d := s.draws.get(key); d != nil {
			var err error
			if len(d.out) > 0 {
				_, err = s.out.Write(d.out)
			}
			s.drew(content, d.rows, shared, exact, w, h, method, err)
			return
		}
	}

	rows := make([]string, 0, h)
	for line := range strings.SplitSeq(content, "\n") {
		if len(rows) == h {
			break
		}
		if y := len(rows); !fresh && y < len(shown) && line == shown[y] {
			rows = append(rows, line) // on the terminal already; not shown[y], which would keep an older frame
			continue
		}
		rows = append(rows, method.fit(line, w))
	}

	buf := screenBufs.Get().(*bytes.Buffer)
	buf.Reset()
	cw := &colorprofile.Writer{Forward: buf, Profile: profile}
	if !modes {
		buf.WriteString(startModes)
	}
	buf.WriteString(modeSeq)
	var d rowDiff
	if full {
		buf.WriteString(ansi.CursorHomePosition + ansi.EraseEntireScreen)
		for y, r := range rows {
			if y > 0 {
				buf.WriteString("\r\n")
			}
			d.put(buf, cw, r, nil, afterBlank, false)
		}
	} else {
		for y := range h {
			var old, cur string
			if y < len(shown) {
				old = shown[y]
			}
			if y < len(rows) {
				cur = rows[y]
			}
			if old != cur {
				d.write(buf, cw, y, old, cur)
			}
		}
	}
	if share {
		d := s.draws.put(key, &drawn{rows: rows, out: bytes.Clone(buf.Bytes())})
		rows = d.rows // the same rows as the other sessions (equal to ours)
	}
	var err error
	if buf.Len() > 0 {
		_, err = s.out.Write(buf.Bytes())
	}
	if buf.Cap() <= 64<<10 {
		screenBufs.Put(buf)
	}
	s.drew(content, rows, shared, exact, w, h, method, err)
}

// drew records a frame drawn (s.wmu held): the rows now on the terminal, and how they were
// drawn; it schedules the next frame if one is waiting.
func (s *screen) drew(content string, rows []string, shared, exact bool, w, h int, method widthMode, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.started, s.modes, s.shown, s.last = true, true, rows, time.Now()
	s.drawn, s.drawnShared, s.drawnExact, s.drawnW, s.drawnH, s.drawnMethod = content, shared, exact, w, h, method
	if err != nil {
		s.closed = true // the channel is gone: the session is ending
	}
	s.pending = false
	if !s.closed && (s.want != content || s.full || s.redo || s.modeSeq != "") {
		s.schedule()
	}
}

// Write is bubbletea's own output (tea.Raw, terminal queries): written between frames, never
// into one (two writers at once on an SSH channel would share its packet buffer).
func (s *screen) Write(p []byte) (int, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.out.Write(p)
}

// close restores the terminal (if a frame was drawn) and stops drawing.
func (s *screen) close() {
	s.mu.Lock()
	s.closed = true
	if s.timer != nil {
		s.timer.Stop()
	}
	s.mu.Unlock()
	s.wmu.Lock()
	defer s.wmu.Unlock()
	s.mu.Lock()
	modes, h, unicode := s.modes, s.h, s.unicode
	s.started, s.modes = false, false
	s.mu.Unlock()
	if !modes {
		return
	}
	end := endModes(h)
	if unicode {
		end = ansi.ResetModeUnicodeCore + end
	}
	_, _ = io.WriteString(s.out, end)
}

// rowDiff finds what changed in a row and writes it; its slices are reused from row to row of
// one frame.
type rowDiff struct {
	a, b []tok
	sgr  []byte
	pen  []byte // put: the SGR sequences in force in the row
	out  []byte // put: the SGR sequences written to the terminal
}

// tok is where a grapheme or an escape sequence of a row starts, and what the row looks like
// there.
type tok struct {
	off   int  // byte offset
	col   int  // column
	clean bool // no SGR attribute is set at this point
}

// write redraws row y, which shows old, so that it shows cur: only what lies between their
// common prefix and suffix (whole graphemes and sequences), when both are as wide; otherwise
// from the end of the common prefix to the end of the row.
func (d *rowDiff) write(buf *bytes.Buffer, cw *colorprofile.Writer, y int, old, cur string) {
	// The common prefix, and the SGR sequences in force at its end.
	d.sgr = d.sgr[:0]
	var sa, sb byte
	i, col := 0, 0
	for i < len(old) && i < len(cur) {
		sq, w, n, ns := decode(old[i:], sa)
		sq2, _, n2, ns2 := decode(cur[i:], sb)
		if n != n2 || sq != sq2 {
			break
		}
		if w == 0 {
			if !isSGR(sq) {
				break // tokens() finds it and redraws the row
			}
			if resets(sq) {
				d.sgr = d.sgr[:0]
			}
			if !isReset(sq) {
				d.sgr = append(d.sgr, sq...)
			}
		}
		i += n
		col += w
		sa, sb = ns, ns2
	}

	// The rest of each row, token by token, for the common suffix.
	var oldW, curW int
	var oddA, oddB bool
	d.a, oldW, oddA = tokens(d.a[:0], old, i, col, len(d.sgr) == 0)
	d.b, curW, oddB = tokens(d.b[:0], cur, i, col, len(d.sgr) == 0)
	if oddA || oddB { // something other than text and colours: redraw the row
		i, col, d.sgr = 0, 0, d.sgr[:0]
		d.a, oldW, _ = tokens(d.a[:0], old, 0, 0, true)
		d.b, curW, _ = tokens(d.b[:0], cur, 0, 0, true)
	}
	ja, jb := len(d.a)-1, len(d.b)-1 // last tokens of the suffix candidates
	endA, endB := len(old), len(cur) // where the suffix begins
	for ja >= 0 && jb >= 0 {
		ta, tb := d.a[ja], d.b[jb]
		if old[ta.off:endOf(d.a, ja, len(old))] != cur[tb.off:endOf(d.b, jb, len(cur))] {
			break
		}
		if oldW-ta.col != curW-tb.col {
			break
		}
		if ta.clean && tb.clean {
			endA, endB = ta.off, tb.off
		}
		ja--
		jb--
	}
	if widthBetween(d.a, oldW, endA) != widthBetween(d.b, curW, endB) {
		endB = len(cur) // the parts differ in width: redraw to the end of the row
	}

	buf.WriteString(ansi.CursorPosition(col+1, y+1))
	if endB < len(cur) {
		d.put(buf, cw, cur[i:endB], d.sgr, afterKeep, false)
	} else {
		d.put(buf, cw, cur[i:], d.sgr, afterErase, curW < oldW)
	}
}

// What follows a part of a row that put writes.
const (
	afterBlank = iota // blank cells (a repainted screen): trailing blanks need not be written
	afterErase        // nothing: the part ends the row, and blanks after it are erased
	afterKeep         // cells that stay as they are
)

// put writes s, a part of a row at the cursor, with the SGR sequences pen in force at its
// start, compactly: the pen is written only when it changes (Markdown output styles every word
// and every padding space on its own), and runs of blanks (spaces whose SGR shows nothing on a
// space: no background, underline or reverse) become cursor moves over blank cells, ECH over
// cells to clear, or EL at the end of the row. erase asks for EL at the end even without
// trailing blanks (the row became shorter).
func (d *rowDiff) put(buf *bytes.Buffer, cw *colorprofile.Writer, s string, pen []byte, after int, erase bool) {
	d.pen = append(d.pen[:0], pen...)
	d.out = d.out[:0]
	safe, safeOK := false, false // whether d.pen shows nothing on a space (cached)
	blanks := 0                  // pending blanks
	flush := func() {
		switch {
		case blanks == 0:
		case after == afterBlank && blanks >= 5:
			buf.WriteString(ansi.CursorForward(blanks))
		default:
			if !blankPen(d.out) {
				buf.WriteString(ansi.ResetStyle)
				d.out = d.out[:0]
			}
			if blanks >= 8 {
				buf.WriteString(ansi.EraseCharacter(blanks) + ansi.CursorForward(blanks))
			} else {
				buf.WriteString(strings.Repeat(" ", blanks))
			}
		}
		blanks = 0
	}
	var state byte
	for i := 0; i < len(s); {
		sq, w, n, ns := decode(s[i:], state)
		i += n
		state = ns
		if w == 0 && isSGR(sq) {
			if resets(sq) {
				d.pen = d.pen[:0]
			}
			if !isReset(sq) {
				d.pen = append(d.pen, sq...)
			}
			safeOK = false
			continue
		}
		if sq == " " {
			if !safeOK {
				safe, safeOK = blankPen(d.pen), true
			}
			if safe {
				blanks++
				continue
			}
		}
		flush()
		if !bytes.Equal(d.out, d.pen) {
			if len(d.out) > 0 && !bytes.HasPrefix(d.pen, d.out) {
				buf.WriteString(ansi.ResetStyle)
				d.out = d.out[:0]
			}
			_, _ = cw.Write(d.pen[len(d.out):])
			d.out = append(d.out[:0], d.pen...)
		}
		if w == 0 && len(sq) > 0 && sq[0] == ansi.ESC {
			_, _ = cw.WriteString(sq) // another sequence (a row tokens() found odd): as it is
		} else {
			buf.WriteString(sq)
		}
	}
	if blanks > 0 {
		switch after {
		case afterBlank:
			blanks = 0
		case afterErase:
			blanks, erase = 0, true
		case afterKeep:
			if blanks >= 8 {
				if !blankPen(d.out) {
					buf.WriteString(ansi.ResetStyle)
					d.out = d.out[:0]
				}
				buf.WriteString(ansi.EraseCharacter(blanks))
				blanks = 0
			}
			flush()
		}
	}
	if len(d.out) > 0 {
		buf.WriteString(ansi.ResetStyle)
	}
	if erase {
		buf.WriteString(ansi.EraseLineRight)
	}
}

// blankPen reports whether SGR sequences show nothing on a space: only foreground colours and
// attributes of glyphs (bold, faint, italic, blink), no background, underline, reverse,
// strike-through or overline.
func blankPen(pen []byte) bool {
	for len(pen) > 0 {
		end := bytes.IndexByte(pen, 'm')
		if end < 0 {
			return false
		}
		params := pen[2:end] // pen holds only SGR sequences (ESC [ ... m)
		pen = pen[end+1:]
		fields := bytes.Split(params, []byte(";"))
		for k := 0; k < len(fields); k++ {
			f := fields[k]
			if c := bytes.IndexByte(f, ':'); c >= 0 { // 38:5:n and the like: one field
				f = f[:c]
				if v, ok := atoi(f); ok && (v == 38 || v == 39) {
					continue
				}
				return false
			}
			v, ok := atoi(f)
			if !ok {
				return false
			}
			switch {
			case v == 0, v == 1, v == 2, v == 3, v == 5, v == 6, v == 22, v == 23, v == 25, v == 39, v == 49,
				v >= 30 && v <= 37, v >= 90 && v <= 97:
			case v == 38: // 38;5;n or 38;2;r;g;b
				if k+1 < len(fields) {
					if m, _ := atoi(fields[k+1]); m == 5 {
						k += 2
						continue
					} else if m == 2 {
						k += 4
						continue
					}
				}
				return false
			default:
				return false
			}
		}
	}
	return true
}

// atoi parses a decimal SGR parameter (empty is 0).
func atoi(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' || n > 1<<20 {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// tokens appends the graphemes and sequences of s from byte off, which is at column col with
// no SGR attribute in force if clean, and returns them with the width of s and whether s holds
// anything but text and SGR sequences there (controls, other sequences, zero-width runes).
func tokens(ts []tok, s string, off, col int, clean bool) ([]tok, int, bool) {
	var state byte
	odd := false
	for off < len(s) {
		ts = append(ts, tok{off: off, col: col, clean: clean})
		sq, w, n, ns := decode(s[off:], state)
		if w == 0 {
			if isSGR(sq) {
				clean = isReset(sq)
			} else {
				odd = true
			}
		}
		off += n
		col += w
		state = ns
	}
	return ts, col, odd
}

func endOf(ts []tok, j, n int) int {
	if j+1 < len(ts) {
		return ts[j+1].off
	}
	return n
}

// widthBetween is the column at byte offset end of a row (its width if end is its end).
func widthBetween(ts []tok, width, end int) int {
	for _, t := range ts {
		if t.off == end {
			return t.col
		}
	}
	return width
}

// isSGR reports whether an escape sequence is Select Graphic Rendition (ESC [ params m).
func isSGR(sq string) bool {
	if len(sq) < 3 || sq[0] != ansi.ESC || sq[1] != '[' || sq[len(sq)-1] != 'm' {
		return false
	}
	for _, c := range []byte(sq[2 : len(sq)-1]) {
		if (c < '0' || c > '9') && c != ';' && c != ':' {
			return false
		}
	}
	return true
}

// resets reports whether an SGR sequence begins by resetting every attribute.
func resets(sq string) bool {
	p := sq[2 : len(sq)-1]
	n, _, _ := strings.Cut(p, ";")
	return strings.Trim(n, "0") == "" && !strings.Contains(n, ":")
}

// isReset reports whether an SGR sequence resets every attribute and sets none.
func isReset(sq string) bool {
	return resets(sq) && !strings.Contains(sq, ";")
}

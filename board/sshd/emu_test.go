package sshd

import (
	"fmt"
	"strings"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// cellEmu is a small terminal emulator for the screen's tests that counts columns the way a
// session's terminal does: per code point (wcwidth of each code point, zero-width ones joining
// the cell before, as tmux, PuTTY, conhost and xterm do) or per grapheme cluster (mode 2027).
// x/vt always counts grapheme clusters, so it cannot stand for the first kind. It knows what the
// screen sends: text, CR, LF, CUP, CUF, ECH, EL, ED, SGR and autowrap (DECAWM); anything else
// is ignored. With autowrap on, a character that does not fit wraps to the next row, as in a
// real terminal; off, it lands in the last column.
type cellEmu struct {
	w, h   int
	method widthMode
	cells  [][]emuCell
	x, y   int
	pen    uv.Style
	wrap   bool // DECAWM
	parser *ansi.Parser
	runes  []rune // printable runes not placed yet (clusters are found when they end)
}

type emuCell struct {
	content string // "" for the second cell of a wide character
	width   int
	style   uv.Style
}

func newCellEmu(w, h int, method widthMode) *cellEmu {
	e := &cellEmu{w: w, h: h, method: method, wrap: true}
	e.cells = make([][]emuCell, h)
	for y := range e.cells {
		e.cells[y] = e.blankRow()
	}
	e.parser = ansi.NewParser()
	e.parser.SetHandler(ansi.Handler{
		Print: func(r rune) { e.runes = append(e.runes, r) },
		Execute: func(b byte) {
			e.flush()
			switch b {
			case '\r':
				e.x = 0
			case '\n':
				e.lineFeed()
			case '\b':
				e.x = max(0, min(e.x, e.w-1)-1)
			}
		},
		HandleCsi: func(cmd ansi.Cmd, p ansi.Params) {
			e.flush()
			e.csi(cmd, p)
		},
		HandleEsc: func(ansi.Cmd) { e.flush() },
		HandleOsc: func(int, []byte) { e.flush() },
		HandleDcs: func(ansi.Cmd, ansi.Params, []byte) { e.flush() },
		HandleApc: func([]byte) { e.flush() },
	})
	return e
}

func (e *cellEmu) blankRow() []emuCell {
	r := make([]emuCell, e.w)
	for x := range r {
		r[x] = emuCell{content: " ", width: 1}
	}
	return r
}

func (e *cellEmu) Write(p []byte) (int, error) {
	e.parser.Parse(p)
	e.flush()
	return len(p), nil
}

func (e *cellEmu) WriteString(s string) { _, _ = e.Write([]byte(s)) }

// flush places the pending runes: each code point on its own, or each grapheme cluster.
func (e *cellEmu) flush() {
	if len(e.runes) == 0 {
		return
	}
	s := string(e.runes)
	e.runes = e.runes[:0]
	if e.method == perCodePoint {
		for _, r := range s {
			e.place(string(r), ansi.StringWidthWc(string(r)))
		}
		return
	}
	for s != "" {
		c, w := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
		e.place(c, w)
		s = s[len(c):]
	}
}

// place puts a character (a code point or a cluster) w cells wide at the cursor.
func (e *cellEmu) place(c string, w int) {
	if w == 0 {
		// Joins the character before the cursor (the last cell when the cursor is past it).
		x := min(e.x, e.w) - 1
		for x > 0 && e.cells[e.y][x].content == "" {
			x--
		}
		if x >= 0 {
			e.cells[e.y][x].content += c
		}
		return
	}
	if e.x+w > e.w {
		if e.wrap {
			e.x = 0
			e.lineFeed()
		} else {
			e.x = max(0, e.w-w)
		}
	}
	row := e.cells[e.y]
	e.clearAt(e.x, w)
	row[e.x] = emuCell{content: c, width: w, style: e.pen}
	for i := 1; i < w && e.x+i < e.w; i++ {
		row[e.x+i] = emuCell{style: e.pen}
	}
	e.x += w
}

// clearAt blanks the wide characters that cells x..x+w-1 cut in half.
func (e *cellEmu) clearAt(x, w int) {
	row := e.cells[e.y]
	if x < e.w && row[x].content == "" {
		for i := x - 1; i >= 0; i-- {
			done := row[i].content != ""
			row[i] = emuCell{content: " ", width: 1}
			if done {
				break
			}
		}
	}
	for i := x + w; i < e.w && row[i].content == ""; i++ {
		row[i] = emuCell{content: " ", width: 1}
	}
}

func (e *cellEmu) lineFeed() {
	if e.y < e.h-1 {
		e.y++
		return
	}
	copy(e.cells, e.cells[1:])
	e.cells[e.h-1] = e.blankRow()
}

// erase blanks cells [from, to) of row y with the pen's background (as terminals do).
func (e *cellEmu) erase(y, from, to int) {
	from, to = max(from, 0), min(to, e.w)
	if from >= to {
		return
	}
	saveX, saveY := e.x, e.y
	e.y = y
	e.clearAt(from, to-from)
	e.x, e.y = saveX, saveY
	for x := from; x < to; x++ {
		e.cells[y][x] = emuCell{content: " ", width: 1, style: uv.Style{Bg: e.pen.Bg}}
	}
}

func (e *cellEmu) csi(cmd ansi.Cmd, p ansi.Params) {
	n := func(i, def int) int {
		v, _, _ := p.Param(i, def)
		if v == 0 {
			v = def
		}
		return v
	}
	switch {
	case cmd.Prefix() == '?' && (cmd.Final() == 'h' || cmd.Final() == 'l'):
		p.ForEach(0, func(_, v int, _ bool) {
			if v == 7 {
				e.wrap = cmd.Final() == 'h'
			}
		})
	case cmd.Prefix() != 0 || cmd.Intermediate() != 0:
	case cmd.Final() == 'H':
		e.y, e.x = min(n(0, 1), e.h)-1, min(n(1, 1), e.w)-1
	case cmd.Final() == 'C':
		e.x = min(e.x+n(0, 1), e.w-1)
	case cmd.Final() == 'X':
		e.erase(e.y, e.x, e.x+n(0, 1))
	case cmd.Final() == 'K':
		switch v, _, _ := p.Param(0, 0); v {
		case 0:
			e.erase(e.y, e.x, e.w)
		case 1:
			e.erase(e.y, 0, e.x+1)
		case 2:
			e.erase(e.y, 0, e.w)
		}
	case cmd.Final() == 'J':
		if v, _, _ := p.Param(0, 0); v == 2 {
			for y := range e.h {
				e.erase(y, 0, e.w)
			}
		}
	case cmd.Final() == 'm':
		uv.ReadStyle(p, &e.pen)
	}
}

// visible describes what the terminal shows, cell by cell: a glyph with its colours and
// attributes, a blank with only what shows on a blank.
func (e *cellEmu) visible() string {
	var b strings.Builder
	for _, row := range e.cells {
		for _, c := range row {
			st := c.style
			switch c.content {
			case "":
				b.WriteString("[+]")
			case " ":
				fmt.Fprintf(&b, "[ %v %v %d]", st.Bg, st.Underline, st.Attrs&(uv.AttrReverse|uv.AttrStrikethrough))
			default:
				fmt.Fprintf(&b, "[%s %v %v %v %d]", c.content, st.Fg, st.Bg, st.Underline, st.Attrs)
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// text is the screen's characters, row by row, trailing blanks trimmed.
func (e *cellEmu) text() string {
	var b strings.Builder
	for _, row := range e.cells {
		var l strings.Builder
		for _, c := range row {
			l.WriteString(c.content)
		}
		b.WriteString(strings.TrimRight(l.String(), " "))
		b.WriteByte('\n')
	}
	return b.String()
}

// at is the character that starts at column x of row y ("" inside a wide one).
func (e *cellEmu) at(x, y int) string { return e.cells[y][x].content }

package sshd

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"

	"bangtin/board/boardtest"
)

// visible describes what a terminal shows, cell by cell: the colour and attributes of a glyph,
// and of a blank only what shows on a blank (background, underline, reverse, strike-through).
func visible(emu *vt.Emulator) string {
	var b strings.Builder
	for y := range emu.Height() {
		for x := 0; x < emu.Width(); {
			c := emu.CellAt(x, y)
			if c == nil {
				b.WriteString("<nil>")
				x++
				continue
			}
			st := c.Style
			if c.Content == " " || c.Content == "" {
				fmt.Fprintf(&b, "[ %v %v %d]", st.Bg, st.Underline, st.Attrs&(uv.AttrReverse|uv.AttrStrikethrough))
			} else {
				fmt.Fprintf(&b, "[%s %v %v %v %v %d]", c.Content, st.Fg, st.Bg, st.Underline, st.UnderlineColor, st.Attrs)
			}
			x += max(c.Width, 1)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// fresh is what a terminal of w×h shows when content is written to it plainly (each row cut to
// the width), independently of the screen's encoding.
func fresh(t *testing.T, w, h int, content string) string {
	t.Helper()
	emu := vt.NewEmulator(w, h)
	var b strings.Builder
	b.WriteString(ansi.CursorHomePosition + ansi.EraseEntireScreen)
	for y, line := range strings.Split(content, "\n") {
		if y == h {
			break
		}
		if y > 0 {
			b.WriteString("\r\n")
		}
		b.WriteString(ansi.TruncateWc(line, w, "") + ansi.ResetStyle)
	}
	_, _ = emu.Write([]byte(b.String()))
	return visible(emu)
}

// gl styles every word and padding space on its own, as glamour does.
func gl(words string, w int) string {
	var b strings.Builder
	for i, f := range strings.Fields(words) {
		if i > 0 {
			b.WriteString("\x1b[38;5;252m \x1b[m")
		}
		b.WriteString("\x1b[38;5;252m" + f + "\x1b[m")
	}
	for range w - ansi.StringWidth(words) {
		b.WriteString("\x1b[38;5;252m \x1b[m")
	}
	return b.String()
}

func TestScreenDiff(t *testing.T) {
	const mark = "\x1b[1;38;5;212m▸\x1b[m"
	row := func(sel bool, title string) string {
		m := " "
		if sel {
			m = mark
		}
		return m + " \x1b[38;5;245m2026-11-28\x1b[m " + title + " \x1b[38;5;245m   3\x1b[m"
	}
	list := func(sel int) string {
		var rows []string
		for i, title := range []string{"Thông báo lịch tiếp dân", "Kế hoạch phòng chống thiên tai", "Kết quả tuyển dụng", "漢字 wide ＡＢ"} {
			rows = append(rows, row(i == sel, title))
		}
		return "\x1b[7m Bảng tin \x1b[m\n" + strings.Join(rows, "\n") + "\nĐang online: 3"
	}
	for _, tc := range []struct {
		name   string
		w, h   int
		frames []string
		sizes  [][2]int // a resize before frame i (0,0: none)
	}{
		{name: "marker moves", w: 60, h: 8, frames: []string{list(0), list(1), list(2), list(3), list(0)}},
		{name: "counter changes", w: 60, h: 8, frames: []string{list(0), strings.Replace(list(0), ": 3", ": 12", 1), strings.Replace(list(0), ": 3", ": 7", 1)}},
		{name: "rows shrink and grow", w: 40, h: 6, frames: []string{"abcdef\nxyz\n123456", "abc\nxyzxyzxyz\n", "abcdefgh\n\n1", ""}},
		{name: "style inside a prefix", w: 40, h: 4, frames: []string{"\x1b[1mabc\x1b[m tail", "\x1b[1mabd\x1b[m tail", "\x1b[1mab\x1b[31mX\x1b[m tail", "\x1b[1;4mab\x1b[m tail"}},
		{name: "same bytes, different style", w: 40, h: 3, frames: []string{"\x1b[31mab\x1b[mcd", "\x1b[32mab\x1b[mcd", "ab\x1b[32mcd\x1b[m"}},
		{name: "middle of a row", w: 40, h: 3, frames: []string{"aaa \x1b[33mX\x1b[m bbb", "aaa \x1b[34mY\x1b[m bbb", "aaa \x1b[34mYY\x1b[m bbb", "aaa Z bbb"}},
		{name: "wide and combining", w: 20, h: 3, frames: []string{"漢字abc", "漢x字abc", "e\u0301é漢", "é\u0301é漢", "ＡＢＣ"}},
		{name: "too wide and too tall", w: 10, h: 3, frames: []string{strings.Repeat("x", 15) + "\n2\n3\n4", "\x1b[31m" + strings.Repeat("y", 12) + "\x1b[m\n2\n3\n4\n5", "short"}},
		{name: "resize", w: 30, h: 5, frames: []string{list(0), list(1), "small"}, sizes: [][2]int{{}, {20, 3}, {50, 10}}},
		{name: "styled blanks", w: 50, h: 4, frames: []string{
			gl("một hai ba", 50) + "\n" + gl("bốn", 50), gl("một hai bốn", 50) + "\n" + gl("năm sáu bảy tám", 50),
			"\x1b[48;5;24m header        with bg        \x1b[m\n\x1b[4munder    lined\x1b[m   x",
			"\x1b[48;5;24m header        with bg  !     \x1b[m\n\x1b[4munder     ined\x1b[m   x",
			"a" + strings.Repeat(" ", 30) + "b\n\x1b[7m   \x1b[m", "a" + strings.Repeat(" ", 20) + "c" + strings.Repeat(" ", 9) + "b\n\x1b[9m   \x1b[m"}},
		{name: "blanks end a row", w: 30, h: 2, frames: []string{"abc      xyz\nabc      xyz", "abc         \n\x1b[31mabc         \x1b[m", "abc      xyz\n\x1b[41mabc         \x1b[m"}},
		{name: "blanks before a kept suffix", w: 40, h: 2, frames: []string{"abcdefghijklmnop \x1b[31mend\x1b[m", "a                \x1b[31mend\x1b[m", "a    \x1b[41m   \x1b[m        \x1b[31mend\x1b[m"}},
		{name: "other sequences", w: 30, h: 3, frames: []string{"a\x1b]8;;http://x\x07link\x1b]8;;\x07 b", "a\x1b]8;;http://y\x07link\x1b]8;;\x07 c", "plain"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out boardtest.LogBuffer
			w, h := tc.w, tc.h
			s := newScreen(&out, w, h, colorprofile.TrueColor, time.Hour)
			emu := vt.NewEmulator(w, h)
			for i, f := range tc.frames {
				if i < len(tc.sizes) && tc.sizes[i] != [2]int{} {
					w, h = tc.sizes[i][0], tc.sizes[i][1]
					s.resize(w, h)
					emu.Resize(w, h)
				}
				s.set(f, true)
				s.draw()
				_, _ = emu.Write([]byte(out.Take()))
				if got, want := visible(emu), fresh(t, w, h, f); got != want {
					t.Fatalf("frame %d %q:\n got %s\nwant %s\n(screen %q)", i, f, got, want, emu.Render())
				}
			}
			s.close()
			rest := out.Take()
			if !strings.HasSuffix(rest, ansi.ResetModeAltScreenSaveCursor+ansi.ShowCursor+ansi.ResetModeBracketedPaste) {
				t.Fatalf("close wrote %q", rest)
			}
			s.set("after close", true)
			s.draw()
			if got := out.Take(); got != "" {
				t.Fatalf("drawn after close: %q", got)
			}
		})
	}
}

// A selection marker moving one row redraws two cells, not two rows.
func TestScreenMarkerBytes(t *testing.T) {
	var rows []string
	for i := range 20 {
		rows = append(rows, " \x1b[38;5;245m2026-11-28\x1b[m Thông báo số "+strings.Repeat("x", i)+" \x1b[38;5;245m   3\x1b[m")
	}
	frame := func(sel int) string {
		r := append([]string(nil), rows...)
		r[sel] = "\x1b[1;38;5;212m▸\x1b[m" + r[sel][1:]
		return strings.Join(r, "\n")
	}
	var out boardtest.LogBuffer
	s := newScreen(&out, 80, 24, colorprofile.TrueColor, time.Hour)
	s.set(frame(0), true)
	s.draw()
	full := len(out.Take())
	s.set(frame(1), true)
	s.draw()
	step := out.Take()
	if len(step)*10 >= full {
		t.Fatalf("a marker move sent %d bytes (%q), a full frame %d", len(step), step, full)
	}
	s.close()
}

// The first frame waits for the model's data (one frame interval at most); later frames come
// at most one per interval.
func TestScreenSchedule(t *testing.T) {
	var out boardtest.LogBuffer
	s := newScreen(&out, 20, 3, colorprofile.TrueColor, 200*time.Millisecond)
	defer s.close()
	s.set("loading", false)
	time.Sleep(20 * time.Millisecond)
	if got := out.Take(); got != "" {
		t.Fatalf("drawn before ready or the interval: %q", got)
	}
	s.set("ready", true)
	deadline := time.Now().Add(5 * time.Second)
	var got string
	for !strings.Contains(got, "ready") && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
		got += out.Take()
	}
	if !strings.Contains(got, "ready") || strings.Contains(got, "loading") {
		t.Fatalf("first frame = %q", got)
	}
	s.set("later", true)
	for !strings.Contains(got, "later") && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
		got += out.Take()
	}
	if !strings.Contains(got, "later") {
		t.Fatalf("no later frame: %q", got)
	}
}

type panicWriter struct{}

func (panicWriter) Write([]byte) (int, error) { panic("writer broke") }

// A panic while drawing (on the timer's goroutine) is reported, not raised, and stops the screen.
func TestScreenPanic(t *testing.T) {
	s := newScreen(panicWriter{}, 20, 3, colorprofile.TrueColor, time.Hour)
	var got any
	s.onPanic = func(v any, stack []byte) {
		if len(stack) == 0 {
			t.Error("no stack")
		}
		got = v
	}
	s.want = "x"
	s.draw()
	if got != "writer broke" {
		t.Fatalf("onPanic got %v", got)
	}
	s.set("y", true) // closed: nothing scheduled
	s.mu.Lock()
	pending := s.pending
	s.mu.Unlock()
	if pending {
		t.Fatal("a draw was scheduled after the panic")
	}
	s.close()
}

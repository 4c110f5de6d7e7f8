package sshd

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"bangtin/board/boardtest"
)

// fuzzParts are what the fuzzed frames are made of: ASCII, Vietnamese (precomposed and with
// combining marks), CJK, box drawing, every kind of emoji cluster whose width terminals
// dispute, and styles.
var fuzzParts = []string{
	"a", "bc ", "Thông báo ", "e\u0302\u0301", "Nguyễn", "Đỗ Minh Tuấn", "漢字", "ＡＢ", "│", "─", "·", " ", "     ",
	"👍🏽", "👩🏽\u200d🌾", "👨\u200d👩\u200d👧", "❤\ufe0f", "🇻🇳", "1\ufe0f\u20e3", "☺\ufe0e", "🏽", "👍",
	"🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f",
	"\x1b[1m", "\x1b[38;5;212m", "\x1b[48;5;24m", "\x1b[m", "\x1b[7m", "\x1b[4m", "\x1b[0;32m", "\x1b[38;2;255;135;0m",
}

// fuzzFrames turns fuzz input into a terminal size and frames: 0xff separates frames, 0xfe rows;
// a frame starting with 0xfd is preceded by a repaint (Ctrl-L); other bytes pick parts.
func fuzzFrames(data []byte) (w, h int, frames []string, repaint []bool) {
	if len(data) == 0 {
		return 20, 3, nil, nil
	}
	w, h = 8+int(data[0]%50), 2+int(data[0]/50)
	for _, f := range strings.Split(string(data[1:]), "\xff") {
		rp := strings.HasPrefix(f, "\xfd")
		var b strings.Builder
		for i := 0; i < len(f); i++ {
			switch f[i] {
			case 0xfe:
				b.WriteByte('\n')
			case 0xfd:
			default:
				b.WriteString(fuzzParts[int(f[i])%len(fuzzParts)])
			}
		}
		frames = append(frames, b.String())
		repaint = append(repaint, rp)
	}
	return w, h, frames, repaint
}

// FuzzScreenDiff feeds random frames through the screen in both width models: after each, a
// terminal that was sent the diffs shows exactly what a terminal shows after a fresh full
// render, every character the terminal counts as the layout does is in the layout's column,
// and nothing spills past the last column.
func FuzzScreenDiff(f *testing.F) {
	f.Add([]byte{30, 0, 1, 13, 2, 0xff, 0, 14, 2, 0xfe, 15, 16, 3, 0xff, 17, 18, 19, 0xfe, 20})
	f.Add([]byte{61, 2, 14, 14, 14, 14, 9, 0xfe, 15, 9, 0xff, 2, 9, 9, 0xfe, 15, 9, 0xff, 0xfd, 2, 14, 9})
	f.Add([]byte{120, 23, 14, 26, 15, 27, 16, 25, 17, 0xfe, 28, 7, 7, 7, 7, 29, 0xff, 23, 8, 26, 9, 9, 0xfe, 30, 22, 21})
	f.Add([]byte{10, 3, 3, 3, 3, 3, 3, 3, 3, 0xff, 4, 4, 4, 4, 0xff, 3, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 400 {
			return
		}
		w, h, frames, repaint := fuzzFrames(data)
		for _, m := range []widthMode{perCodePoint, perGrapheme} {
			var out boardtest.LogBuffer
			s := newScreen(&out, w, h, colorprofile.TrueColor, time.Hour)
			s.method = m
			emu := newCellEmu(w, h, m)
			for i, fr := range frames {
				if repaint[i] {
					s.repaint()
				}
				s.set(fr, true)
				s.draw()
				emu.WriteString(out.Take())
				if got, want := emu.visible(), freshRender(w, h, m, fr); got != want {
					t.Fatalf("%s, frame %d %q: the diffs show\n%s\na fresh render\n%s", m, i, fr, emu.text(), freshText(w, h, m, fr))
				}
				checkLayout(t, emu, m, fr)
			}
			s.close()
			if rest := out.Take(); len(frames) > 0 && !strings.Contains(rest, ansi.SetModeAutoWrap) {
				t.Fatalf("autowrap not restored at the end: %q", rest)
			}
		}
	})
}

// freshRender is what a terminal counting by m shows after a new screen draws content once.
func freshRender(w, h int, m widthMode, content string) string {
	return freshEmu(w, h, m, content).visible()
}

func freshText(w, h int, m widthMode, content string) string {
	return freshEmu(w, h, m, content).text()
}

func freshEmu(w, h int, m widthMode, content string) *cellEmu {
	var out boardtest.LogBuffer
	s := newScreen(&out, w, h, colorprofile.TrueColor, time.Hour)
	s.method = m
	s.set(content, true)
	s.draw()
	emu := newCellEmu(w, h, m)
	emu.WriteString(out.Take())
	return emu
}

// checkLayout checks that every character of content starts in the column the layout gave it
// (as itself or, where the terminal would draw it at another width, as what fit sends instead),
// that the terminal shows what fit sent there, and that fit is idempotent.
func checkLayout(t *testing.T, emu *cellEmu, m widthMode, content string) {
	t.Helper()
	for y, line := range strings.Split(content, "\n") {
		if y == emu.h {
			break
		}
		f := m.fit(line, emu.w)
		if m.fit(f, emu.w) != f {
			t.Fatalf("fit is not idempotent on %q: %q then %q", line, f, m.fit(f, emu.w))
		}
		raw, sent := starts(line, emu.w), starts(f, emu.w)
		for col, c := range raw {
			s, ok := sent[col]
			switch {
			case !ok:
				t.Fatalf("%s: row %d: %q at column %d was moved: %q sent as %q", m, y, c, col, line, f)
			case s != c && m == perCodePoint && !strings.ContainsFunc(c, emojiPart):
				if _, certain := certain(c, ansi.StringWidth(c)); certain {
					t.Fatalf("%s: row %d: %q at column %d was replaced by %q", m, y, c, col, s)
				}
			}
		}
		for col, s := range sent {
			if got := emu.at(col, y); got != s {
				t.Fatalf("%s: row %d: %q should start at column %d, which shows %q:\n%s", m, y, s, col, got, emu.text())
			}
		}
	}
}

// starts maps the columns where the characters of a row start (within w) to the characters,
// zero-width ones joined to the character before.
func starts(line string, w int) map[int]string {
	at := map[int]string{}
	var state byte
	col, last := 0, -1
	for i := 0; i < len(line); {
		seq, cw, n, ns := decode(line[i:], state)
		state = ns
		i += n
		if !printable(seq) {
			continue
		}
		if cw == 0 {
			if last >= 0 {
				at[last] += seq
			}
			continue
		}
		if col+cw > w {
			break
		}
		at[col], last = seq, col
		col += cw
	}
	return at
}

package sshd

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// The width model of a session. The layout (text.Width, lipgloss, bubbles) measures grapheme
// clusters: an emoji ZWJ sequence, a flag or a thumbs-up with a skin tone is one character two
// cells wide. Terminals differ. Those that support grapheme clustering (mode 2027: they say so
// when asked, and count as the layout does once it is set) draw such a cluster in two cells.
// Most count each code point on its own (tmux, PuTTY, Windows' console, xterm): 👍🏽 is the
// thumbs-up and the skin-tone swatch, four cells; 👩🏽‍🌾 six; ❤️ one (the variation selector
// counts 0). And versions differ in which sequences they join, if any.
//
// So that no cell lands in a column the layout did not put it in, the screen shows such a
// cluster, for a terminal that counts per code point, as something whose width every terminal
// agrees on: its base emoji, padded with spaces to the layout's width (👍🏽 is 👍, ❤️ is ❤ and a
// space, 👨‍👩‍👧 is 👨), a flag as its two letters (🇻🇳 is VN), a keycap as its digit. Only what
// reaches that terminal changes: the stored text, the layout and other sessions are untouched.
// After fit every cluster of a row is as wide by either measure, which the diff relies on.
//
// Hand-written because no library does this: x/ansi measures either way (and its truncation
// trusts the layout's count), uniseg and go-runewidth measure; none maps a cluster to a stand-in
// of a given width.

// widthMode is how a session's terminal counts columns.
type widthMode uint8

const (
	perCodePoint widthMode = iota // wcwidth of each code point (the default)
	perGrapheme                   // grapheme clusters: the terminal has mode 2027 set
)

func (m widthMode) String() string {
	if m == perGrapheme {
		return "grapheme"
	}
	return "code point"
}

// fit returns row as a terminal counting by m is to be sent it: clusters whose width is
// uncertain there replaced (perCodePoint), controls dropped, and cut after w columns. Every cluster of the result
// is as wide by the layout's measure as by the terminal's, so columns can be counted with
// decode. fit returns row itself, or a prefix of it, when nothing is replaced; it is
// idempotent.
func (m widthMode) fit(row string, w int) string {
	simple := true // printable ASCII and escape sequences only
	for i := 0; i < len(row); i++ {
		if c := row[i]; c >= utf8.RuneSelf || c < 0x20 && c != ansi.ESC || c == 0x7f {
			simple = false
			break
		}
	}
	if simple && len(row) <= w {
		return row // escape sequences take no cells
	}
	var (
		b     *strings.Builder // the row so far once a cluster was replaced; nil before
		state byte
		col   int
		i     int
		prev  string // the last character sent, and its width
		prevW int
		gap   bool // an escape sequence since prev
	)
	for i < len(row) {
		seq, cw, n, ns := decode(row[i:], state)
		if cw > 0 && col+cw > w {
			break // the rest does not fit (escape sequences after the cut go too)
		}
		out := seq
		text := printable(seq)
		switch {
		case !text:
			if seq[0] != ansi.ESC {
				out = "" // a control (a tab, a stray C1...) would move the cursor: never sent
			}
			gap = prev != ""
		case m == perCodePoint && n > 1:
			if sub, ok := certain(seq, cw); !ok {
				out = sub
			}
		case m == perGrapheme && gap:
			// A style between two characters separates them for the layout, not for a
			// terminal that clusters: 🇻 and 🇳, 👍 and 🏽, ❤ and U+FE0F would become one
			// character of another width there.
			if c, jw := ansi.FirstGraphemeCluster(prev+seq, ansi.GraphemeWidth); len(c) > len(prev) && jw != prevW+cw {
				out = stand(seq, cw)
			}
		}
		if text && out != "" {
			prev, prevW, gap = out, cw, false
			if out != seq { // the last character of what stands for seq
				for rest := out; rest != ""; {
					c, cw := ansi.FirstGraphemeCluster(rest, ansi.GraphemeWidth)
					prev, prevW, rest = c, cw, rest[len(c):]
				}
			}
		}
		if b == nil && out != seq {
			b = &strings.Builder{}
			b.Grow(len(row))
			b.WriteString(row[:i])
		}
		if b != nil {
			b.WriteString(out)
		}
		col += cw
		state = ns
		i += n
	}
	if b != nil {
		return b.String()
	}
	return row[:i]
}

// certain reports whether a cluster (not ASCII), lw cells wide by the layout's
// measure, is drawn that wide by every terminal that counts per code point; if not, it returns
// what to draw instead: lw cells of something every terminal measures alike.
func certain(cluster string, lw int) (string, bool) {
	for _, r := range cluster {
		if emojiPart(r) {
			return stand(cluster, lw), false
		}
	}
	if ansi.StringWidthWc(cluster) == lw {
		return cluster, true // a letter with its combining marks, a CJK character...
	}
	return stand(cluster, lw), false
}

// emojiPart reports whether r builds emoji sequences: the zero-width joiner, variation
// selectors, skin-tone modifiers, regional indicators, the keycap mark and tag characters.
func emojiPart(r rune) bool {
	switch {
	case r == 0x200d, r == 0xfe0e, r == 0xfe0f, r == 0x20e3:
		return true
	case r >= 0x1f3fb && r <= 0x1f3ff, r >= 0x1f1e6 && r <= 0x1f1ff, r >= 0xe0020 && r <= 0xe007f:
		return true
	}
	return false
}

// stand is what a terminal counting per code point is sent for an uncertain cluster lw cells
// wide: a flag's two letters, else the base character padded with spaces, else question marks.
func stand(cluster string, lw int) string {
	if lw <= 0 {
		return ""
	}
	base, n := utf8.DecodeRuneInString(cluster)
	if isRegional(base) {
		s := string('A' + base - 0x1f1e6)
		if next, _ := utf8.DecodeRuneInString(cluster[n:]); isRegional(next) {
			s += string('A' + next - 0x1f1e6)
		}
		if len(s) <= lw {
			return s + strings.Repeat(" ", lw-len(s))
		}
		return s[:lw]
	}
	bs := string(base)
	if bw := ansi.StringWidthWc(bs); bw > 0 && bw <= lw && bw == ansi.StringWidth(bs) && !emojiPart(base) {
		return bs + strings.Repeat(" ", lw-bw)
	}
	return strings.Repeat("?", lw)
}

// decode is ansi.DecodeSequence, except that an ASCII character followed by code points that
// extend it (combining marks, a keycap's U+FE0F U+20E3) is one cluster with them, as the layout
// (ansi.StringWidth, lipgloss) measures it: ansi.DecodeSequence returns an ASCII byte alone.
func decode(s string, state byte) (seq string, width, n int, newState byte) {
	seq, width, n, newState = ansi.DecodeSequence(s, state, nil)
	if n == 1 && width == 1 && len(s) > 1 && s[1] >= utf8.RuneSelf {
		if c, cw := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth); len(c) > 1 {
			return c, cw, len(c), newState
		}
	}
	return seq, width, n, newState
}

// printable reports whether a token of decode is a character (not an escape sequence or a
// control).
func printable(seq string) bool {
	c := seq[0]
	if c < 0x20 || c == 0x7f || c == ansi.ESC {
		return false
	}
	if c >= utf8.RuneSelf {
		r, _ := utf8.DecodeRuneInString(seq)
		return r >= 0xa0
	}
	return true
}

func isRegional(r rune) bool { return r >= 0x1f1e6 && r <= 0x1f1ff }

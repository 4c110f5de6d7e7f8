package text_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"bangtin/board/hostile"
	"bangtin/board/text"
)

// FuzzLayout checks the display-width helpers every screen lays out with, on sanitised text of
// any kind (wide CJK, emoji sequences, combining marks, fullwidth forms): no line of Wrap(s, w) is
// wider than w cells and, apart from the spaces it breaks at, Wrap keeps the text; Truncate(s, w,
// "…") is at most w cells and is s itself or a prefix of it followed by the tail; Line gives one
// line no wider than the text it came from.
func FuzzLayout(f *testing.F) {
	for _, p := range hostile.Short(1 << 10) {
		f.Add(p.Text, uint8(80))
	}
	for _, s := range []string{"Trẻ em phải được an toàn", "中文字符测试全角ＡＢＣ", "👨‍👩‍👧‍👦 gia đình 🇻🇳 🏴󠁧󠁢󠁥󠁮󠁧󠁿",
		"a\u0301\u0302\u0303 b", strings.Repeat("đ", 200), "x\ty\tz", "dòng một\ndòng hai\n\n"} {
		for _, w := range []uint8{1, 2, 3, 10, 79} {
			f.Add(s, w)
		}
	}
	f.Fuzz(func(t *testing.T, in string, width uint8) {
		if len(in) > 8<<10 {
			return
		}
		s := text.Clean(in)
		w := int(width)%160 + 1
		lines := text.Wrap(s, w)
		for i, l := range lines {
			if !utf8.ValidString(l) {
				t.Fatalf("Wrap(%+q, %d): line %d is not valid UTF-8", s, w, i)
			}
			if n := text.Width(l); n > w {
				t.Fatalf("Wrap(%+q, %d): line %d %+q is %d cells", s, w, i, l, n)
			}
		}
		if w >= 2 { // at 1 cell a wide character cannot fit and is dropped
			got := strings.Join(strings.Fields(strings.Join(lines, " ")), "")
			want := strings.Join(strings.Fields(s), "")
			if got != want {
				t.Fatalf("Wrap(%+q, %d) = %+q: the text changed", s, w, lines)
			}
		}
		tr := text.Truncate(s, w, "…")
		if n := text.Width(tr); n > w {
			t.Fatalf("Truncate(%+q, %d) = %+q: %d cells", s, w, tr, n)
		}
		if tr != s && !strings.HasPrefix(s, strings.TrimSuffix(tr, "…")) {
			t.Fatalf("Truncate(%+q, %d) = %+q: not a prefix of the text", s, w, tr)
		}
		l := text.Line(in)
		if strings.ContainsAny(l, "\n\t\r") || text.Width(l) > text.Width(strings.ReplaceAll(strings.ReplaceAll(s, "\n", " "), "\t", " ")) {
			t.Fatalf("Line(%+q) = %+q: not one line no wider than the text", in, l)
		}
	})
}

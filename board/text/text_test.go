package text

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

const (
	viNFC = "Trẻ em được học tiếng Việt: Đồng bào ơi, hãy giữ gìn!"
	// family: man ZWJ woman ZWJ girl; rainbow flag: white flag VS16 ZWJ rainbow.
	family  = "\U0001F468\u200D\U0001F469\u200D\U0001F467"
	rainbow = "\U0001F3F3\uFE0F\u200D\U0001F308"
	england = "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F"
	thumbs  = "\U0001F44D\U0001F3FD"
)

func TestClean(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"ascii", "hello world", "hello world"},
		{"newline and tab kept", "a\tb\nc", "a\tb\nc"},
		{"crlf", "a\r\nb\rc\n", "a\nb\nc\n"},
		{"cr cr lf", "a\r\r\nb", "a\n\nb"},
		{"line and paragraph separators", "a\u2028b\u2029c", "a\nb\nc"},
		{"NUL", "a\x00b", "ab"},
		{"C0", "a\x01\x07\x08\x0b\x0c\x7fb", "ab"},
		{"C1 NEL and friends", "a\u0085\u0080\u0081\u0099b", "ab"},
		{"SGR", "\x1b[31mred\x1b[0m", "red"},
		{"CSI private", "\x1b[?1049h\x1b[2J\x1b[Hx", "x"},
		{"CSI intermediates", "\x1b[1 qx", "x"},
		{"8-bit CSI", "a\u009b31mb", "ab"},
		{"OSC title BEL", "\x1b]0;pwned\x07ok", "ok"},
		{"OSC title ST", "\x1b]2;pwned\x1b\\ok", "ok"},
		{"OSC 8 hyperlink", "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"OSC 52 clipboard", "\x1b]52;c;cm0gLXJmIH4=\x07after", "after"},
		{"8-bit OSC with 8-bit ST", "a\u009d0;t\u009cb", "ab"},
		{"DCS", "\x1bPq#0;2;0;0;0#1\x1b\\x", "x"},
		{"8-bit DCS", "\u0090$qm\u009cx", "x"},
		{"APC", "\x1b_Gf=100;AAAA\x1b\\x", "x"},
		{"8-bit APC", "\u009fdata\u009cx", "x"},
		{"PM", "\x1b^private\x1b\\x", "x"},
		{"8-bit PM", "\u009eprivate\u009cx", "x"},
		{"SOS", "\x1bXstring\x1b\\x", "x"},
		{"8-bit SOS", "\u0098string\u009cx", "x"},
		{"unterminated OSC eats the rest", "ok\x1b]0;title and more", "ok"},
		{"OSC cancelled by CAN", "\x1b]0;t\x18ok", "ok"},
		{"two-byte escapes", "\x1bc\x1b7\x1b8x", "x"},
		{"charset designation", "\x1b(Bx\x1b)0y", "xy"},
		{"ESC at the end", "x\x1b", "x"},
		{"ESC before Vietnamese", "\x1bđ", "đ"},
		{"ESC ESC [", "\x1b\x1b[31mx", "x"},
		{"CSI broken by a letter outside", "\x1b[31;ệx", "ệx"},
		{"string then sequence", "\x1b]0;t\x1b[31mx", "x"},
		{"bidi override", "abc\u202Etxt.exe", "abctxt.exe"},
		{"bidi embeddings", "\u202Aa\u202Bb\u202Cc\u202Dd", "abcd"},
		{"bidi isolates", "\u2066a\u2067b\u2068c\u2069", "abc"},
		{"bidi marks", "a\u200Eb\u200Fc\u061Cd", "abcd"},
		{"zero width", "a\u200Bb\u200Cc\uFEFFd\u2060e", "abcde"},
		{"soft hyphen", "đ\u00ADồng", "đồng"},
		{"mongolian vowel separator", "a\u180Eb", "ab"},
		{"tag characters alone", "a\U000E0041\U000E007Fb", "ab"},
		{"tag characters after a mark after a black flag", "\U0001F3F4\u05A0\U000E0067x", "\U0001F3F4\u05A0x"},
		{"hangul fillers", "a\u3164b\uFFA0c", "abc"},
		{"CGJ", "a\u034Fb", "ab"},
		{"noncharacters", "a\uFFFE\uFFFF\uFDD0b\U0001FFFF", "ab"},
		{"replacement char kept", "a\uFFFDb", "a\uFFFDb"},
		{"invalid UTF-8", "a\xffb\xc3c\xed\xa0\x80d", "abcd"},
		{"vietnamese NFC", viNFC, viNFC},
		{"vietnamese NFD", norm.NFD.String(viNFC), viNFC},
		{"CJK", "中文 日本語 한국어", "中文 日本語 한국어"},
		{"emoji", "ok 👍 🎉", "ok 👍 🎉"},
		{"ZWJ family", family, family},
		{"ZWJ rainbow flag", rainbow, rainbow},
		{"skin tone", thumbs, thumbs},
		{"england flag", england, england},
		{"keycap", "1\uFE0F\u20E3", "1\uFE0F\u20E3"},
		{"ZWJ between letters", "a\u200Db", "ab"},
		{"ZWJ at the end", "👍\u200D", "👍"},
		{"ZWJ doubled", "👍\u200D\u200D👍", "👍👍"},
		{"ZWJ hidden behind escape", "👍\u200D\x1b[0m👍", "👍\u200D👍"},
		{"combining cap", "e" + strings.Repeat("\u0301", 10000) + "x", norm.NFC.String("e"+strings.Repeat("\u0301", MaxMarks)) + "x"},
		{"marks without a base", strings.Repeat("\u0323", 20), strings.Repeat("\u0323", MaxMarks)},
		{"private use kept", "\uE000", "\uE000"},
		{"nbsp kept", "a\u00A0b", "a\u00A0b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(tt.in)
			if got != tt.want {
				t.Errorf("Clean(%+q) = %+q, want %+q", tt.in, got, tt.want)
			}
			if again := Clean(got); again != got {
				t.Errorf("Clean not idempotent: %+q -> %+q", got, again)
			}
		})
	}
}

func TestLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"  Nguyễn   Văn\tAn \n", "Nguyễn Văn An"},
		{"a\r\nb", "a b"},
		{"a\u3000\u00A0b", "a b"},
		{"\x1b[31m Lan \x1b[0m", "Lan"},
		{"a\u2028b", "a b"},
		{norm.NFD.String("Trần Thị Ánh"), "Trần Thị Ánh"},
		{"a\u200B b", "a b"},
	}
	for _, tt := range tests {
		if got := Line(tt.in); got != tt.want {
			t.Errorf("Line(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Hello", "hello"},
		{"trẻ em", "tre em"},
		{"TRẺ EM", "tre em"},
		{norm.NFD.String("trẻ em"), "tre em"},
		{norm.NFD.String("TRẺ EM"), "tre em"},
		{"Đồng đô la", "dong do la"},
		{"ÐỒNG", "dong"}, // eth typed for Đ
		{"Nguyễn Thị Hương", "nguyen thi huong"},
		{"Ưu tiên ơ ư ă â ê ô", "uu tien o u a a e o"},
		{"ＴＲＥ", "tre"},
		{"ﬁle", "file"},
		{"İstanbul", "istanbul"},
		{"đ\u00ADồng", "dong"},
		{"中文", "中文"},
		{"a, b!", "a, b!"},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%+q) = %+q, want %+q", tt.in, got, tt.want)
		}
	}
	// The examples of the search rule all fold equal.
	forms := []string{"tre em", "TRẺ EM", "trẻ em", norm.NFD.String("trẻ em"), norm.NFD.String("TRẺ EM"), "Trẻ Em"}
	for _, f := range forms {
		if Fold(f) != Fold(forms[0]) {
			t.Errorf("Fold(%+q) = %q, want %q", f, Fold(f), Fold(forms[0]))
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"   ,.!", nil},
		{"Trẻ em, đồng bào!", []string{"tre", "em", "dong", "bao"}},
		{norm.NFD.String("TRẺ EM"), []string{"tre", "em"}},
		{"COVID-19 năm 2024", []string{"covid", "19", "nam", "2024"}},
		{"don't", []string{"don", "t"}},
		{"a\tb\nc", []string{"a", "b", "c"}},
		{"中文abc", []string{"中", "文", "abc"}},
		{"tin tức tin", []string{"tin", "tuc", "tin"}},
		{"email@xã.vn", []string{"email", "xa", "vn"}},
		{"ＡＢＣ１２３", []string{"abc123"}},
	}
	for _, tt := range tests {
		got := Words(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || (got == nil) != (tt.want == nil) {
			t.Errorf("Words(%+q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWidth(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"abc", 3},
		{"Việt", 4},
		{norm.NFD.String("Việt"), 4},
		{"中文", 4},
		{"👍", 2},
		{family, 2},
		{rainbow, 2},
		{thumbs, 2},
		{"e\u0301\u0301\u0301", 1},
	}
	for _, tt := range tests {
		if got := Width(tt.in); got != tt.want {
			t.Errorf("Width(%+q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in   string
		w    int
		tail string
		want string
	}{
		{"hello", 10, "…", "hello"},
		{"hello", 5, "…", "hello"},
		{"hello world", 6, "…", "hello…"},
		{"Nguyễn Văn An", 7, "…", "Nguyễn…"},
		{norm.NFD.String("Nguyễn"), 4, "", norm.NFD.String("Nguy")},
		{"中文中文", 5, "…", "中文…"},
		{"中文中文", 4, "", "中文"},
		{"中文中文", 3, "", "中"},
		{"a" + family + "b", 3, "", "a" + family},
		{"a" + family + "b", 2, "", "a"},
		{"abc", 0, "…", ""},
		{"abcdef", 1, "…", "…"},
		{"abcdef", 1, "...", "a"},
	}
	for _, tt := range tests {
		got := Truncate(tt.in, tt.w, tt.tail)
		if got != tt.want {
			t.Errorf("Truncate(%+q, %d, %q) = %+q, want %+q", tt.in, tt.w, tt.tail, got, tt.want)
		}
		if tt.w > 0 && Width(got) > tt.w {
			t.Errorf("Truncate(%+q, %d) is %d cells wide", tt.in, tt.w, Width(got))
		}
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		in   string
		w    int
		want []string
	}{
		{"", 10, []string{""}},
		{"một hai ba bốn năm", 7, []string{"một hai", "ba bốn", "năm"}},
		{"a\nb", 10, []string{"a", "b"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"中文中文中", 4, []string{"中文", "中文", "中"}},
		{"x 👍👍👍", 4, []string{"x", "👍👍", "👍"}},
		{"abc", 0, []string{"abc"}},
	}
	for _, tt := range tests {
		got := Wrap(tt.in, tt.w)
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("Wrap(%+q, %d) = %q, want %q", tt.in, tt.w, got, tt.want)
		}
	}
	// Whatever the text, no line is wider than asked.
	long := strings.Repeat(viNFC+" 中文 "+family+" ", 20)
	for w := 1; w <= 40; w++ {
		for _, l := range Wrap(long, w) {
			if Width(l) > w {
				t.Fatalf("Wrap(_, %d): line %q is %d cells", w, l, Width(l))
			}
		}
	}
}

// checkClean asserts the sanitiser's invariants on one output.
func checkClean(t *testing.T, in, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("Clean(%+q) = %+q: invalid UTF-8", in, out)
	}
	if !norm.NFC.IsNormalString(out) {
		t.Fatalf("Clean(%+q) = %+q: not NFC", in, out)
	}
	marks := 0
	for i, r := range out {
		switch {
		case r == '\n' || r == '\t':
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
			t.Fatalf("Clean(%+q) = %+q: control %U at %d", in, out, r, i)
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x61c:
			t.Fatalf("Clean(%+q) = %+q: bidi control %U at %d", in, out, r, i)
		case r == 0x200b, r == 0xfeff, r == 0xad, r == 0x2028, r == 0x2029, r == 0x34f:
			t.Fatalf("Clean(%+q) = %+q: invisible %U at %d", in, out, r, i)
		case r == 0x200d:
			prev, _ := utf8.DecodeLastRuneInString(out[:i])
			next, _ := utf8.DecodeRuneInString(out[i+3:])
			if !emojiEnd(prev) || !isPictographic(next) {
				t.Fatalf("Clean(%+q) = %+q: U+200D outside an emoji sequence at %d", in, out, i)
			}
		case r >= 0xe0020 && r <= 0xe007f:
			prev, _ := utf8.DecodeLastRuneInString(out[:i])
			if prev != 0x1f3f4 && !(prev >= 0xe0020 && prev <= 0xe007e) {
				t.Fatalf("Clean(%+q) = %+q: tag character %U outside a flag at %d", in, out, r, i)
			}
		case unicode.Is(unicode.Cf, r) && !(r >= 0xe0020 && r <= 0xe007f):
			t.Fatalf("Clean(%+q) = %+q: format character %U at %d", in, out, r, i)
		}
		if isMark(r) {
			marks++
			if marks > MaxMarks {
				t.Fatalf("Clean(%+q) = %+q: more than %d marks at %d", in, out, MaxMarks, i)
			}
		} else if r != 0x200d {
			marks = 0
		}
	}
	if again := Clean(out); again != out {
		t.Fatalf("Clean not idempotent: Clean(%+q) = %+q, again %+q", in, out, again)
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"", viNFC, norm.NFD.String(viNFC), "\x1b[31mx\x1b]0;t\x07", "\u009b1m\u202e", family, england, rainbow, "a\r\nb\rc", "e\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkClean(t, s, Clean(s))
		l := Line(s)
		if strings.ContainsAny(l, "\n\t") || strings.TrimSpace(l) != l || strings.Contains(l, "  ") {
			t.Fatalf("Line(%+q) = %+q: not one trimmed line", s, l)
		}
		if Line(l) != l {
			t.Fatalf("Line not idempotent: %+q -> %+q", l, Line(l))
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "TRẺ EM", norm.NFD.String("trẻ em"), "Đồng", "ＡＢＣ", "İı", "ß"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = Clean(s)
		got := Fold(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Fold(%+q) = %+q: invalid UTF-8", s, got)
		}
		if Fold(got) != got {
			t.Fatalf("Fold not idempotent: %+q -> %+q -> %+q", s, got, Fold(got))
		}
		if n := Fold(norm.NFD.String(s)); n != got {
			t.Fatalf("Fold(NFD(%+q)) = %+q, Fold = %+q", s, n, got)
		}
		for _, r := range got {
			if unicode.IsUpper(r) || unicode.Is(unicode.Mn, r) {
				t.Fatalf("Fold(%+q) = %+q: keeps %U", s, got, r)
			}
		}
	})
}

func FuzzWords(f *testing.F) {
	for _, s := range []string{"", "Trẻ em, đồng bào!", "中文abc", "a-b_c d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ws := Words(s)
		for _, w := range ws {
			if w == "" {
				t.Fatalf("Words(%+q) has an empty word: %q", s, ws)
			}
			if Fold(w) != w {
				t.Fatalf("Words(%+q): %q is not folded", s, w)
			}
			if again := Words(w); len(again) != 1 || again[0] != w {
				t.Fatalf("Words(%+q): word %q splits into %q", s, w, again)
			}
		}
		// The words of the folded text are the same words.
		if a, b := strings.Join(ws, " "), strings.Join(Words(Fold(s)), " "); a != b {
			t.Fatalf("Words(%+q) = %q, Words(Fold) = %q", s, a, b)
		}
	})
}

func BenchmarkClean(b *testing.B) {
	para := strings.Repeat(viNFC+" ", 20)
	for _, bc := range []struct{ name, in string }{
		{"nfc", para},
		{"nfd", norm.NFD.String(para)},
		{"ascii", strings.Repeat("The quick brown fox jumps over the lazy dog. ", 25)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.in)))
			b.ReportAllocs()
			for b.Loop() {
				Clean(bc.in)
			}
		})
	}
}

func BenchmarkWords(b *testing.B) {
	para := strings.Repeat(viNFC+" ", 20)
	b.SetBytes(int64(len(para)))
	b.ReportAllocs()
	for b.Loop() {
		Words(para)
	}
}

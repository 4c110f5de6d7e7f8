package input

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// FuzzComposer types arbitrary keys (letters, digits, space, punctuation, backspace, Enter, Tab,
// letters an input method composed) in both methods and tone styles: the composer never
// panics, the field is always NFC with no combining mark of its own making, and with the input
// off the field holds exactly what was typed.
func FuzzComposer(f *testing.F) {
	for _, s := range []string{"Vieejt Nam", "dduwowngf\b\bf", "Vie65t Nam", "ass ww ddd", "hoaf thuaanj.", "Wins\bdows", "ệa\tb\nc"} {
		f.Add(s, uint8(0))
		f.Add(s, uint8(3))
	}
	f.Fuzz(func(t *testing.T, in string, mode uint8) {
		if !utf8.ValidString(in) || utf8.RuneCountInString(in) > 200 || !norm.NFC.IsNormalString(in) ||
			strings.ContainsFunc(in, func(r rune) bool {
				return unicode.Is(unicode.Mn, r) || (unicode.IsControl(r) && r != '\b' && r != '\n' && r != '\t')
			}) {
			return
		}
		s := Settings{On: true, Method: Method(mode & 1), NewTone: mode&2 != 0}
		got := typeInto(s, in)
		if !norm.NFC.IsNormalString(got) || strings.ContainsFunc(got, func(r rune) bool { return unicode.Is(unicode.Mn, r) }) {
			t.Fatalf("%q typed in %s = %q: not NFC, or a combining mark", in, s.Label(), got)
		}
		s.On = false
		if got, raw := typeInto(s, in), typeRaw(in); got != raw {
			t.Fatalf("%q with input off = %q, want %q", in, got, raw)
		}
	})
}

// typeRaw is what a field holds after in was typed with no composer.
func typeRaw(in string) string {
	var f field
	for _, r := range in {
		f.press(keyOf(r))
	}
	return string(f.text)
}

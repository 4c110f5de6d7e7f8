package input

import (
	"os"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// keysFor is how a person types word in method m: each letter with its mark key right after it
// (Telex "aa", "aw", "ow", "dd"; VNI "a6", "a8", "o7", "d9"), the tone key at the end of the word.
func keysFor(m Method, word string) string {
	type mk struct{ telex, vni string }
	marks := map[rune]mk{0x0302: {"", "6"}, 0x0306: {"w", "8"}, 0x031B: {"w", "7"}}
	tones := map[rune]mk{0x0301: {"s", "1"}, 0x0300: {"f", "2"}, 0x0309: {"r", "3"}, 0x0303: {"x", "4"}, 0x0323: {"j", "5"}}
	var b strings.Builder
	tone := ""
	for _, r := range word {
		if r == 'đ' || r == 'Đ' {
			base := map[rune]rune{'đ': 'd', 'Đ': 'D'}[r]
			b.WriteRune(base)
			if m == Telex {
				b.WriteRune(base)
			} else {
				b.WriteString("9")
			}
			continue
		}
		d := []rune(norm.NFD.String(string(r)))
		b.WriteRune(d[0])
		for _, c := range d[1:] {
			if k, ok := marks[c]; ok {
				switch {
				case m == VNI:
					b.WriteString(k.vni)
				case k.telex == "":
					b.WriteRune(d[0]) // Telex doubles the letter for the circumflex
				default:
					b.WriteString(k.telex)
				}
			}
			if k, ok := tones[c]; ok {
				tone = map[Method]string{Telex: k.telex, VNI: k.vni}[m]
			}
		}
	}
	return b.String() + tone
}

// TestSeedPageWords types every word of the portal page the board replaces (Vietnamese as
// officials write it, old tone style) in Telex and in VNI, the tone at the end of each word: each
// comes out as written, none is "restored" to its keys by the spelling check.
func TestSeedPageWords(t *testing.T) {
	raw, err := os.ReadFile("testdata/seed-page.txt")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var words []string
	for _, w := range strings.FieldsFunc(norm.NFC.String(string(raw)), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	if len(words) < 200 {
		t.Fatalf("only %d words", len(words))
	}
	for _, m := range []Method{Telex, VNI} {
		s := Settings{On: true, Method: m}
		for _, w := range words {
			in := keysFor(m, w)
			if got := typeInto(s, in+" "); got != w+" " {
				t.Errorf("%s %q (%q) = %q", m, w, in, got)
			}
		}
	}
}

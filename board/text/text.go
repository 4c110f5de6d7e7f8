// Package text holds the board's rules for user text in one place: NFC normalisation, the one
// sanitiser every piece of user text passes before it reaches a terminal (Clean, and Line for
// one-line fields), the folding and tokenising used by search (Fold, Words), and display-width
// helpers for the UI (Width, Truncate, Wrap) that count combining marks as 0 cells and wide CJK
// and emoji as 2, so that no user text can break a layout or reach the terminal as a control.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"
	"golang.org/x/text/unicode/norm"
)

// MaxMarks is the most combining marks Clean keeps after one base character (NFD Vietnamese needs
// two; ten thousand marks on one letter would only be an attack on the layout).
const MaxMarks = 8

// maxTags is the most tag characters kept after U+1F3F4 (subdivision flags such as England's
// need six: five tags and the cancel tag).
const maxTags = 8

// Clean is the sanitiser: NFC, then drops C0 and C1 controls except newline and tab, every escape
// sequence (CSI, OSC, DCS, APC, PM, SOS, and 8-bit forms), bidi embeddings, overrides and isolates
// (U+202A-U+202E, U+2066-U+2069), and invisible characters used for spoofing; invalid UTF-8 is
// dropped. "\r\n" and lone "\r" become "\n". Vietnamese, CJK and emoji survive intact.
//
// In detail:
//   - An escape sequence is removed whole: ESC with its intermediate and final byte, CSI (ESC [ or
//     U+009B) with its parameters up to the final byte, and OSC, DCS, APC, PM and SOS (ESC ] P _ ^
//     X or U+009D U+0090 U+009F U+009E U+0098) with their payload up to ST (ESC \ or U+009C), BEL,
//     CAN or SUB, or the end of the text when unterminated.
//   - Every other control (Unicode category Cc: C0, DEL, C1) is dropped except "\n" and "\t";
//     "\r\n", a lone "\r", U+2028 and U+2029 become "\n".
//   - Every format character (category Cf) is dropped: bidi marks, embeddings, overrides and
//     isolates, zero-width space/non-joiner, word joiner, invisible operators, U+FEFF, the soft
//     hyphen U+00AD (invisible, and it would let a word slip past the word list), U+061C, U+180E,
//     and the tag characters, with two exceptions that keep emoji whole: U+200D (zero-width
//     joiner) between two emoji, and the tag characters of a subdivision flag after U+1F3F4.
//   - Also dropped: the combining grapheme joiner U+034F, the Hangul fillers (U+115F, U+1160,
//     U+3164, U+FFA0), noncharacters, unassigned default-ignorable code points, invalid UTF-8 and
//     NUL.
//   - At most MaxMarks combining marks follow one base character; the rest are dropped.
//
// Variation selectors (U+FE0F etc.), emoji modifiers and private-use characters are kept.
// Clean is idempotent: Clean(Clean(s)) == Clean(s).
func Clean(s string) string {
	if isPlain(s) {
		return s
	}
	t, zwj := filter(s)
	t = norm.NFC.String(t)
	// NFC may decompose a mark into two (U+0344 is U+0308 U+0301), so the cap is applied again;
	// dropping marks or joiners may let NFC compose more, never less.
	if u, changed := finish(t, zwj); changed {
		t = norm.NFC.String(u)
	}
	return t
}

// isPlain reports whether s is printable ASCII, newlines and tabs only: already clean.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 0x20 && c != '\n' && c != '\t') || c >= 0x7f {
			return false
		}
	}
	return true
}

// sequence states of filter.
const (
	ground = iota
	escape // after ESC
	escInt // ESC followed by intermediate bytes
	csi    // in a control sequence, up to its final byte
	str    // in a control string (OSC, DCS, APC, PM, SOS), up to its terminator
	strEsc // ESC inside a control string: ST or the start of another sequence
)

// sequenceStep is the state after r in a sequence that takes bytes from 0x20 up to last and ends
// at a final byte from last+1 to 0x7e. ESC starts another sequence. Anything else ends the broken
// sequence and is to be read again (reread) in ground state: the terminal would act on C0 controls
// there, and ground drops those anyway.
func sequenceStep(state int, r, last rune) (next int, reread bool) {
	switch {
	case r >= 0x20 && r <= last:
		return state, false
	case r > last && r <= 0x7e:
		return ground, false
	case r == 0x1b:
		return escape, false
	}
	return ground, true
}

// filter drops controls, sequences and invisible characters and caps combining marks. It reports
// whether a zero-width joiner was kept (for dropStrayZWJ).
func filter(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	var (
		state = ground
		marks int  // combining marks since the last base character
		tags  int  // tag characters kept after U+1F3F4; -1 when not in a flag
		zwj   bool // a U+200D was kept
	)
	tags = -1
	put := func(r rune) { b.WriteRune(r) }
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r == utf8.RuneError && n == 1 {
			continue // invalid UTF-8
		}
		switch state {
		case escape:
			switch {
			case r == '[':
				state = csi
			case r == ']' || r == 'P' || r == '_' || r == '^' || r == 'X':
				state = str
			case r >= 0x20 && r <= 0x2f:
				state = escInt
			case r >= 0x30 && r <= 0x7e:
				state = ground // a two-byte escape such as ESC c or ESC 7
			case r == 0x1b:
				// ESC ESC: the first one is abandoned.
			default:
				state = ground
				i -= n // not part of a sequence: look at it again
			}
			continue
		case escInt, csi:
			// ESC's intermediates run to 0x2f, a CSI's parameters and intermediates to 0x3f;
			// the final byte follows, up to 0x7e.
			last := rune(0x2f)
			if state == csi {
				last = 0x3f
			}
			var reread bool
			if state, reread = sequenceStep(state, r, last); reread {
				i -= n
			}
			continue
		case str:
			switch r {
			case 0x1b:
				state = strEsc
			case 0x07, 0x9c, 0x18, 0x1a: // BEL, ST, CAN, SUB
				state = ground
			}
			continue
		case strEsc:
			switch r {
			case '\\':
				state = ground
			case 0x1b:
			default:
				state = escape
				i -= n
			}
			continue
		}

		// ground
		switch r {
		case '\n', '\t':
			put(r)
			marks, tags = 0, -1
			continue
		case '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			put('\n')
			marks, tags = 0, -1
			continue
		case 0x2028, 0x2029:
			put('\n')
			marks, tags = 0, -1
			continue
		case 0x1b:
			state = escape
			continue
		case 0x9b:
			state = csi
			continue
		case 0x9d, 0x90, 0x9f, 0x9e, 0x98:
			state = str
			continue
		case 0x200d:
			// Kept for now; dropStrayZWJ removes it unless it joins two emoji. It neither ends
			// nor resets a run of combining marks, so dropping it later cannot lengthen one.
			zwj = true
			put(r)
			continue
		}
		if r >= 0xe0020 && r <= 0xe007f {
			if tags >= 0 && tags < maxTags {
				put(r)
				if r == 0xe007f {
					tags = -1
				} else {
					tags++
				}
			}
			continue
		}
		if r >= 0xa0 && r < 0x300 && r != 0xad || r >= 0x1e00 && r < 0x1f00 {
			// Latin letters with diacritics (all of Vietnamese): the common case, kept.
			marks, tags = 0, -1
			put(r)
			continue
		}
		if dropped(r) {
			continue
		}
		if isMark(r) {
			tags = -1 // a mark after U+1F3F4 ends its flag: tags after it would stand alone
			if marks >= MaxMarks {
				continue
			}
			marks++
			put(r)
			continue
		}
		marks = 0
		if r == 0x1f3f4 {
			tags = 0
		} else {
			tags = -1
		}
		put(r)
	}
	return b.String(), zwj
}

// dropped reports whether a rune that is not a sequence, a newline or tab is removed.
func dropped(r rune) bool {
	switch {
	case r < 0x20 || (r >= 0x7f && r <= 0x9f): // Cc
		return true
	case r < 0xad:
		return false
	case r == 0x34f, r == 0x115f, r == 0x1160, r == 0x3164, r == 0xffa0:
		return true
	case r >= 0xfdd0 && r <= 0xfdef, r&0xfffe == 0xfffe: // noncharacters
		return true
	case r >= 0x2060 && r <= 0x206f, r >= 0xfff0 && r <= 0xfff8, r >= 0xe0000 && r <= 0xe0fff && !unicode.Is(unicode.Mn, r):
		return true // default-ignorable, assigned or not (the variation selectors E0100-E01EF stay)
	}
	return unicode.Is(unicode.Cf, r)
}

// isMark reports whether r combines with the character before it.
func isMark(r rune) bool {
	switch {
	case r < 0x300:
		return false
	case r < 0x370:
		return true
	case r >= 0x1e00 && r < 0x1f00: // Latin Extended Additional (Vietnamese letters)
		return false
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc):
		return true
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	return norm.NFC.Properties(buf[:n]).CCC() != 0
}

// finish removes every U+200D that does not join two emoji (when zwj says there may be one) and
// the combining marks beyond MaxMarks in a run (U+200D neither ends nor resets a run).
func finish(s string, zwj bool) (string, bool) {
	var b *strings.Builder // nil until the first rune is dropped
	marks := 0
	prev := rune(-1)
	for i, r := range s {
		keep := true
		switch {
		case r == 0x200d && zwj:
			next, _ := utf8.DecodeRuneInString(s[i+3:])
			keep = emojiEnd(prev) && isPictographic(next)
		case r >= 0x300 && isMark(r):
			marks++
			keep = marks <= MaxMarks
		case r != 0x200d:
			marks = 0
		}
		prev = r
		switch {
		case !keep && b == nil:
			b = &strings.Builder{}
			b.Grow(len(s))
			b.WriteString(s[:i])
		case keep && b != nil:
			b.WriteRune(r)
		}
	}
	if b == nil {
		return s, false
	}
	return b.String(), true
}

// emojiEnd reports whether r can end the emoji before a zero-width joiner.
func emojiEnd(r rune) bool {
	return isPictographic(r) || r == 0xfe0f || (r >= 0x1f3fb && r <= 0x1f3ff) || r == 0xe007f || r == 0x20e3
}

// isPictographic approximates Unicode's Extended_Pictographic property (which the standard
// library does not expose) by the blocks that hold emoji.
func isPictographic(r rune) bool {
	switch {
	case r >= 0x1f000 && r <= 0x1faff, r >= 0x1fc00 && r <= 0x1fffd:
		return true
	case r >= 0x2300 && r <= 0x23ff, r >= 0x2600 && r <= 0x27bf, r >= 0x2b00 && r <= 0x2bff:
		return true
	case r >= 0x2190 && r <= 0x21ff, r >= 0x25a0 && r <= 0x25ff:
		return true
	}
	switch r {
	case 0xa9, 0xae, 0x203c, 0x2049, 0x2122, 0x2139, 0x3030, 0x303d, 0x3297, 0x3299:
		return true
	}
	return false
}

// Line is Clean for one-line fields (names, titles, queries): newlines and tabs become single
// spaces, runs of white space collapse, and the ends are trimmed.
func Line(s string) string {
	return collapse(Clean(s))
}

// collapse turns every run of white space into one space and trims the ends.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Fold maps text to its search form: NFC-insensitive, lowercase, no diacritics, đ/Đ to d.
//
// Compatibility forms are folded too (NFKD: fullwidth "ＴＥＸＴ" is "text", "ﬁ" is "fi"),
// combining marks and format characters are dropped, and the letters that look like đ or Đ
// (the eth Ð/ð, often typed for Đ, and Ɖ) become d as well. Other characters are kept in place,
// so Fold keeps spaces and punctuation; Fold(Fold(s)) == Fold(s).
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	if f, ok := foldLatin(s); ok {
		return f
	}
	return foldSlow(s)
}

// foldSlow is Fold for any text.
func foldSlow(s string) string {
	s = norm.NFKD.String(strings.ToValidUTF8(s, ""))
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			continue
		}
		if r == utf8.RuneError || unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
			continue
		}
		b.WriteString(foldRune(r))
	}
	return b.String()
}

// latinFold holds Fold of each rune below latinMax whose fold can be looked up alone (Latin
// letters with their diacritics, including all of Vietnamese, and the combining marks U+0300-U+036F);
// "" with ok false elsewhere.
var latinFold = func() (t [latinMax]struct {
	s  string
	ok bool
}) {
	for r := rune(0); r < latinMax; r++ {
		if !(r < 0x250 || r >= 0x300 && r < 0x370 || r >= 0x1e00 && r < 0x1f00) || r == 0xad {
			continue
		}
		t[r].s = foldSlow(string(r))
		t[r].ok = true
	}
	return t
}()

const latinMax = 0x1f00

// foldLatin folds s rune by rune through latinFold; ok is false when s holds a rune outside it
// (or invalid UTF-8), for foldSlow to do the work.
func foldLatin(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= latinMax || !latinFold[r].ok || (r == utf8.RuneError && n == 1) {
			return "", false
		}
		b.WriteString(latinFold[r].s)
		i += n
	}
	return b.String(), true
}

// foldRune lowercases one rune of an NFKD string, with the special cases of Fold.
func foldRune(r rune) string {
	switch r {
	case 'đ', 'Đ', 'ð', 'Ð', 'Ɖ', 'ɖ':
		return "d"
	case 'ı', 'İ':
		return "i"
	case 'ς':
		return "σ"
	}
	l := unicode.ToLower(r)
	if l != r {
		// A few lowercase letters decompose further than their capitals (none in Vietnamese);
		// decomposing again keeps Fold idempotent.
		if d := norm.NFKD.String(string(l)); d != string(l) {
			return foldSlow(d)
		}
	}
	return string(l)
}

// Words splits text into folded words for the search index and queries.
//
// A word is a run of letters, digits and spacing marks after Fold; everything else separates
// words. Han, Hiragana and Katakana characters, which are written without spaces, are each a word
// of their own. Words are returned in order, duplicates included; nil when there are none.
func Words(s string) []string {
	f := Fold(s)
	var words []string
	start := -1
	for i, r := range f {
		switch {
		case isIdeograph(r):
			if start >= 0 {
				words = append(words, f[start:i])
				start = -1
			}
			words = append(words, string(r))
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'),
			r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mc, r)):
			if start < 0 {
				start = i
			}
		default:
			if start >= 0 {
				words = append(words, f[start:i])
				start = -1
			}
		}
	}
	if start >= 0 {
		words = append(words, f[start:])
	}
	return words
}

func isIdeograph(r rune) bool {
	return r >= 0x2e80 && unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// Width is the display width of s in terminal cells (combining marks 0, wide CJK and emoji 2).
// It measures grapheme clusters (an emoji ZWJ sequence is one character of width 2), as lipgloss
// and bubbles do: it is the layout's measure. Terminals that count per code point draw some
// clusters at another width; board/sshd's screen shows those clusters so that they take exactly
// this width there (board/sshd/width.go), so layouts never measure by the terminal. Tabs count 0:
// expand them before measuring text that has any.
func Width(s string) int { return ansi.StringWidth(s) }

// Truncate cuts s to at most w cells, ending with tail ("…") when it cut. It never splits a
// grapheme cluster (a letter with its marks, an emoji sequence) and never leaves half of a wide
// character. The result, tail included, is at most w cells wide.
func Truncate(s string, w int, tail string) string {
	if w <= 0 {
		return ""
	}
	if Width(tail) > w {
		tail = ""
	}
	return ansi.Truncate(s, w, tail)
}

// Wrap breaks s into lines of at most w cells, at spaces where it can, hard-breaking long words.
// Existing newlines are kept; the spaces at which a line was broken are removed. w < 1 returns the
// lines of s unchanged.
func Wrap(s string, w int) []string {
	if w < 1 {
		return strings.Split(s, "\n")
	}
	var out []string
	for _, l := range strings.Split(ansi.Wrap(s, w, ""), "\n") {
		// ansi.Wrap can leave a line one cell too wide (a leading space before a word longer
		// than the line): break such lines hard instead of cutting text off.
		for Width(l) > w {
			head := ansi.Truncate(l, w, "")
			if head == "" {
				// A grapheme wider than the whole line (an emoji in a 1-cell column) cannot
				// fit: drop it rather than break the layout.
				_, l, _, _ = uniseg.FirstGraphemeClusterInString(l, -1)
				continue
			}
			out = append(out, head)
			l = ansi.TruncateLeft(l, Width(head), "")
		}
		out = append(out, l)
	}
	return out
}

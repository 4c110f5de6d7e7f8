// Package hostile is the board's corpus of hostile text for tests: escape sequences of every kind,
// C1 controls raw and as UTF-8, overwriting controls, bidi overrides, invisible characters,
// invalid UTF-8, Markdown that smuggles escapes, and generated monsters (1 MiB bodies, 10,000
// combining marks on one letter). It also holds the checks that say whether a rendered screen or
// the raw bytes sent to a terminal let any of it through. Only tests import it.
package hostile

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"bangtin/board/text"
)

//go:embed testdata/payloads.txt
var corpus []byte

// Payload is one piece of hostile text.
type Payload struct {
	Name string
	Text string
}

// Payloads returns the whole corpus: the committed lines and the generated monsters.
func Payloads() []Payload {
	var ps []Payload
	sc := bufio.NewScanner(bytes.NewReader(corpus))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, quoted, ok := strings.Cut(line, "\t")
		if !ok {
			panic(fmt.Sprintf("hostile corpus line %d: no tab", n))
		}
		s, err := strconv.Unquote(quoted)
		if err != nil {
			panic(fmt.Sprintf("hostile corpus line %d (%s): %v", n, name, err))
		}
		ps = append(ps, Payload{Name: name, Text: s})
	}
	return append(ps, Generated()...)
}

// Generated are the payloads too big to commit.
func Generated() []Payload {
	return []Payload{
		{"body-1MiB", strings.Repeat("Trẻ em phải được an toàn. \x1b[2J", 1<<20/34+1)},
		{"combining-10000", "a" + strings.Repeat("\u0301", 10000) + " b"},
		{"long-word-5000", strings.Repeat("đ", 5000)},
		{"many-lines", strings.Repeat("dòng\n", 5000)},
		{"esc-flood", strings.Repeat("\x1b[2J\x1b]0;t\x07", 2000)},
	}
}

// Short returns the payloads of at most n bytes (for fields with small limits and fast loops).
func Short(n int) []Payload {
	var out []Payload
	for _, p := range Payloads() {
		if len(p.Text) <= n {
			out = append(out, p)
		}
	}
	return out
}

// Needles are fragments that only a payload puts in a text (they sit inside its escape
// sequences or are its invisible characters): a view or output holding one let the payload
// through. Pass them to CheckView and CheckWire along with a payload's own fragments.
var Needles = []string{"pwned", "]52;", "]8;;http://evil", "\u202e", "\u2066", "\u009b", "\u009d", "\x1b]0;", "\x1b]2;", "\x1bP", "\x1b_", "\x1b[2J", "\x1b[?1049l", "\x1b[6n", "\x1b[c"}

// NeedlesFor are the Needles a correct sanitiser removes from p: those in p's text but not in
// text.Clean of it (a needle that is plain text in a payload, such as "]52;" after a Markdown
// character reference, may rightly stay). The sanitiser's own tests prove Clean removes them.
func NeedlesFor(p Payload) []string {
	clean := text.Clean(p.Text)
	var out []string
	for _, n := range Needles {
		if strings.Contains(p.Text, n) && !strings.Contains(clean, n) {
			out = append(out, n)
		}
	}
	return out
}

// WireNeedlesFor are the NeedlesFor p that cannot be the renderer's own bytes: on the wire a
// renderer clears the screen and moves the cursor with CSI sequences of its own.
func WireNeedlesFor(p Payload) []string {
	var out []string
	for _, n := range NeedlesFor(p) {
		if !strings.HasPrefix(n, "\x1b[") {
			out = append(out, n)
		}
	}
	return out
}

// CheckScreen reports what is wrong with a rendered w×h screen: it must pass CheckView and hold at
// most h lines, none wider than w cells (measured by text.Width, which ignores SGR styling).
func CheckScreen(s string, w, h int, needles ...string) error {
	if err := CheckView(s, needles...); err != nil {
		return err
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		return fmt.Errorf("screen has %d lines, more than %d", len(lines), h)
	}
	for i, l := range lines {
		if n := text.Width(l); n > w {
			return fmt.Errorf("screen line %d is %d cells wide, more than %d: %q", i+1, n, w, sgr.ReplaceAllString(l, ""))
		}
	}
	return nil
}

// sgr matches Select Graphic Rendition sequences, the only escapes a rendered View may hold.
var sgr = regexp.MustCompile("\x1b\\[[0-9;:]*m")

// CheckView reports what is wrong with a rendered screen (a model's View text): after removing
// SGR styling it must be valid UTF-8 without ESC, C0 controls other than newline, DEL, C1
// controls, bidi controls or invisible formatting characters. Styling smuggled in by a payload
// (an SGR of its own) cannot be told apart from the view's: pass needles, fragments of the payload
// that must not appear verbatim, to catch those.
func CheckView(s string, needles ...string) error {
	for _, n := range needles {
		if n != "" && strings.Contains(s, n) {
			return fmt.Errorf("view holds %q", n)
		}
	}
	if !utf8.ValidString(s) {
		return fmt.Errorf("view is not valid UTF-8")
	}
	s = sgr.ReplaceAllString(s, "")
	for i, r := range s {
		if bad, what := forbidden(r, false); bad {
			return fmt.Errorf("view holds %s (%U) at byte %d: %q", what, r, i, around(s, i))
		}
	}
	return nil
}

// CheckWire reports what is wrong with the raw bytes a session sent to a terminal: the renderer's
// own CSI sequences, \r, \n and \b-free text are allowed, and OSC only for the renderer's queries
// and its window title; no DCS, APC, PM, SOS, 8-bit controls, BEL outside an OSC, bidi controls.
// needles are payload fragments that must not appear verbatim (e.g. "]52;", "pwned").
func CheckWire(b []byte, needles ...string) error {
	for _, n := range needles {
		if n != "" && bytes.Contains(b, []byte(n)) {
			return fmt.Errorf("output holds %q", n)
		}
	}
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == 0x1b && i+1 < len(b) {
			switch b[i+1] {
			case 'P', '_', '^', 'X':
				return fmt.Errorf("output holds ESC %c (DCS/APC/PM/SOS) at %d: %q", b[i+1], i, around(string(b), i))
			case ']':
				rest := b[i+2:]
				end := bytes.IndexAny(rest, "\x07\x1b")
				if end < 0 {
					end = len(rest)
				}
				body := string(rest[:end])
				if !allowedOSC(body) {
					return fmt.Errorf("output holds OSC %q at %d", body, i)
				}
			}
			continue
		}
		if c == 0x07 {
			if j := bytes.LastIndex(b[:i], []byte("\x1b]")); j < 0 || bytes.IndexByte(b[j:i], 0x07) >= 0 {
				return fmt.Errorf("output holds BEL at %d: %q", i, around(string(b), i))
			}
		}
		if c == 0x08 || c == 0x00 || c == 0x7f || c == 0x05 {
			return fmt.Errorf("output holds control %#x at %d: %q", c, i, around(string(b), i))
		}
	}
	for i, r := range string(b) {
		if r == utf8.RuneError {
			continue // the renderer never sends it; payload bytes were checked above
		}
		if bad, what := forbidden(r, true); bad {
			return fmt.Errorf("output holds %s (%U) at byte %d: %q", what, r, i, around(string(b), i))
		}
	}
	return nil
}

func allowedOSC(body string) bool {
	switch {
	case body == "10;?" || body == "11;?" || body == "12;?":
		return true // colour queries of the renderer
	case strings.HasPrefix(body, "0;bangtin") || strings.HasPrefix(body, "2;bangtin"):
		return true // our own window title, if ever set
	}
	return false
}

// forbidden says whether r may not appear in text shown to a user. wire allows the renderer's
// own ESC, \r and \n.
func forbidden(r rune, wire bool) (bool, string) {
	switch {
	case r == '\n' || r == '\t':
		return false, ""
	case r == 0x1b || r == '\r' || r == 0x07:
		return !wire, "a control character" // on the wire: ESC and BEL were checked byte by byte
	case r < 0x20 || r == 0x7f:
		return true, "a C0 control"
	case r >= 0x80 && r <= 0x9f:
		return true, "a C1 control"
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x061c, r == 0x200e, r == 0x200f:
		return true, "a bidi control"
	case r == 0x200b || r == 0x2060 || r == 0xfeff || r == 0x00ad:
		return true, "an invisible character"
	case r >= 0xe0000 && r <= 0xe007f:
		return true, "a tag character"
	case r == 0x2028 || r == 0x2029:
		return true, "a line separator"
	}
	return false, ""
}

func around(s string, i int) string {
	lo, hi := max(0, i-20), min(len(s), i+20)
	return s[lo:hi]
}

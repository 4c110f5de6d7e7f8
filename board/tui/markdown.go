package tui

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	xansi "github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark/util"

	"bangtin/board/i18n"
	"bangtin/board/text"
)

// A thread's Markdown body is rendered once per (thread, version of its text, width, colour,
// language) and shared by the sessions of a server through Cache: rendering and width measuring are most
// of a terminal board's CPU.

type mdKey struct {
	id      uint64
	updated int64 // UnixNano of the thread's UpdatedAt
	width   int
	noColor bool
	lang    i18n.Lang // image captions are labelled in the reader's language
}

// rendered is a rendered body, split into screen lines. Sessions share it read-only.
type rendered struct {
	lines []string
	bytes int
}

// renderBody renders body for k, or returns the copy another session rendered.
func (cc *Cache) renderBody(k mdKey, body string) (*rendered, error) {
	return cc.memoMarkdown().Get(k, func() (*rendered, error) { return renderMarkdown(k, body) })
}

func markdownStyle(noColor bool, lang i18n.Lang) ansi.StyleConfig {
	cfg := styles.DarkStyleConfig
	if noColor {
		// The dark style's layout with bold, italic and underline but no colour at all.
		stripColors(reflect.ValueOf(&cfg).Elem())
		cfg.CodeBlock.Chroma = nil
		cfg.CodeBlock.Theme = ""
	}
	// Terminals show no images: an image becomes its caption and its address.
	cfg.ImageText.Format = i18n.T(lang, i18n.TUIImage)
	zero := uint(0)
	cfg.Document.Margin = &zero
	// Inline code keeps the sentence's own spacing: glamour pads a code span with a space on
	// each side (part of its background box), which reads "gọi  0912 345 678 ." once the box
	// is not seen (monochrome, or a 16-colour terminal where the grey is near black).
	cfg.Code.Prefix, cfg.Code.Suffix = "", ""
	// Headings read as headings (bold, and coloured where there is colour), not as Markdown
	// source: no "## " markers.
	for _, h := range []*ansi.StyleBlock{&cfg.H2, &cfg.H3, &cfg.H4, &cfg.H5, &cfg.H6} {
		h.Prefix = ""
	}
	return cfg
}

// stripColors clears every Color and BackgroundColor of a glamour style, in place. Pointers are
// replaced, never written through: the package's default styles share them.
func stripColors(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() && v.Elem().Kind() == reflect.Struct {
			cp := reflect.New(v.Elem().Type())
			cp.Elem().Set(v.Elem())
			stripColors(cp.Elem())
			v.Set(cp)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			f := v.Field(i)
			if !f.CanSet() {
				continue
			}
			if name := t.Field(i).Name; (name == "Color" || name == "BackgroundColor") && f.Kind() == reflect.Pointer {
				f.Set(reflect.Zero(f.Type()))
				continue
			}
			stripColors(f)
		}
	}
}

// charRef matches the character references Markdown decodes (&#27; &#x1b; &rlm; ...).
var charRef = regexp.MustCompile(`&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});`)

// dropHiddenRefs removes character references that would decode into what text.Clean removes
// (escape, C1 and bidi controls, invisible characters): the sanitiser ran on the source, so
// Markdown must not bring them back.
func dropHiddenRefs(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return charRef.ReplaceAllStringFunc(s, func(ref string) string {
		name := ref[1 : len(ref)-1]
		var dec string
		if name[0] == '#' {
			base, digits := 10, name[1:]
			if digits[0] == 'x' || digits[0] == 'X' {
				base, digits = 16, digits[1:]
			}
			n, err := strconv.ParseUint(digits, base, 32)
			if err != nil || n == 0 || n > unicode.MaxRune {
				return ""
			}
			dec = string(rune(n))
		} else if e, ok := util.LookUpHTML5EntityByName(name); ok {
			dec = string(e.Characters)
		} else {
			return ref
		}
		if text.Clean(dec) != dec {
			return ""
		}
		return ref
	})
}

// scrub keeps glamour's own output safe whatever it decoded: text passes text.Clean again and
// of the escape sequences only colours and attributes (SGR) stay; hyperlinks (OSC 8, to an
// address a user chose) and everything else go. The address is still shown as text.
func scrub(s string) string {
	var out, run strings.Builder
	out.Grow(len(s))
	flush := func() {
		if run.Len() > 0 {
			out.WriteString(text.Clean(run.String()))
			run.Reset()
		}
	}
	var state byte
	for len(s) > 0 {
		seq, width, n, st := xansi.DecodeSequence(s, state, nil)
		state = st
		if n <= 0 {
			break
		}
		s = s[n:]
		switch {
		case width > 0 || seq == "\n":
			run.WriteString(seq)
		case strings.HasPrefix(seq, "\x1b[") && strings.HasSuffix(seq, "m"):
			flush()
			out.WriteString(seq)
		case seq[0] == 0x1b || seq[0] < 0x20 || seq[0] == 0x7f:
			// escape sequences and C0 controls: dropped
		default:
			// zero-width text (combining marks...) stays for Clean to judge; C1 controls and
			// invalid bytes go
			if r, _ := utf8.DecodeRuneInString(seq); r != utf8.RuneError && !unicode.IsControl(r) {
				run.WriteString(seq)
			}
		}
	}
	flush()
	return out.String()
}

// Nesting limits: every level of a quote or list narrows the text, and glamour's work and
// output grow steeply with depth (72 quote levels: 1,800 lines of one letter each).
const (
	maxQuoteDepth = 8
	maxIndent     = 24
)

var deepQuote = regexp.MustCompile(`^[ ]{0,3}(?:>[ ]?){` + strconv.Itoa(maxQuoteDepth+1) + `,}`)

// flatten caps the quote depth and the indentation of every line.
func flatten(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if loc := deepQuote.FindStringIndex(l); loc != nil {
			l = strings.Repeat("> ", maxQuoteDepth) + l[loc[1]:]
		}
		// Any run of container markers and spaces (quotes in lists in quotes...) keeps its
		// innermost maxIndent bytes.
		if n := len(l) - len(strings.TrimLeft(l, " >-*+")); n > maxIndent {
			l = l[n-maxIndent:]
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n")
}

// selfLink matches a link whose text is its own address: "[https://x](https://x)".
var selfLink = regexp.MustCompile(`\[(https?://[^\]\s]+)\]\((https?://[^)\s]+)\)`)

// linksOnce turns a link whose text is its address into an autolink, outside code blocks:
// glamour prints a link's text and then its address, so the address would be printed twice.
func linksOnce(s string) string {
	if !strings.Contains(s, "](http") {
		return s
	}
	lines := strings.Split(s, "\n")
	fenced := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fenced = !fenced
			continue
		}
		if fenced || strings.HasPrefix(l, "    ") || strings.Contains(l, "`") {
			continue
		}
		lines[i] = selfLink.ReplaceAllStringFunc(l, func(m string) string {
			g := selfLink.FindStringSubmatch(m)
			if g[1] != g[2] {
				return m
			}
			return "<" + g[2] + ">"
		})
	}
	return strings.Join(lines, "\n")
}

// maxKeptBreaks is the most lines a body may have for its line breaks to be kept.
const maxKeptBreaks = 1000

// renderMarkdown sanitises a user's Markdown and renders it to width cells.
func renderMarkdown(k mdKey, body string) (*rendered, error) {
	body = linksOnce(flatten(dropHiddenRefs(strings.ReplaceAll(text.Clean(body), "\t", "    "))))
	w := max(k.width, 20)
	opts := []glamour.TermRendererOption{
		glamour.WithStyles(markdownStyle(k.noColor, k.lang)),
		glamour.WithWordWrap(w),
	}
	// The author's line breaks stay: a signature block ("TM. ỦY BAN NHÂN DÂN XÃ" / "CHỦ TỊCH" /
	// a name) or an address is written line by line, and joining it reads wrong. glamour's kept
	// breaks cost about ten times a wrapped line (5000 lines: 0.7 s in colour, measured), so a
	// body of more than maxKeptBreaks lines is rendered with its lines joined, as Markdown does.
	if strings.Count(body, "\n") <= maxKeptBreaks {
		opts = append(opts, glamour.WithPreservedNewLines())
	}
	r, err := glamour.NewTermRenderer(opts...)
	if err != nil {
		return nil, fmt.Errorf("markdown renderer: %w", err)
	}
	out, err := r.Render(body)
	if err != nil {
		return nil, fmt.Errorf("render thread %d: %w", k.id, err)
	}
	out = scrub(out)
	out = strings.Trim(out, "\n")
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	// Drop blank lines at both ends (glamour pads documents).
	for len(lines) > 0 && strings.TrimSpace(stripANSI(lines[0])) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(stripANSI(lines[len(lines)-1])) == "" {
		lines = lines[:len(lines)-1]
	}
	return &rendered{lines: lines, bytes: len(out) + 16*len(lines) + 64}, nil
}

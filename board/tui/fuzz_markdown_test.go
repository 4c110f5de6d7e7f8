package tui

import (
	"strings"
	"testing"

	hz "bangtin/board/hostile"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

// FuzzRenderMarkdown renders fuzzed thread bodies the way the thread page does (renderMarkdown,
// then truncateStyled on lines wider than the body): it must not panic, nothing but SGR styling
// may come out of it, the rendered lines must stay in proportion to the body, and every line
// must fit the width once the thread page has truncated it.
func FuzzRenderMarkdown(f *testing.F) {
	for _, p := range hz.Short(2 << 10) {
		f.Add(p.Text, uint8(78), true)
	}
	for _, s := range []string{
		"# Tiêu đề\n\nĐoạn **đậm** và *nghiêng*, `mã`.\n\n- một\n- hai\n\n1. a\n2. b",
		"```go\nfunc main() {}\n```\n\n> trích dẫn\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |",
		"[liên kết](https://example.org \"tiêu đề\") ![ảnh](https://example.org/a.png) <https://example.org>",
		"&amp; &lt; &gt; &quot; &#39; &nbsp; &copy;",
		strings.Repeat("- a\n  ", 30) + "- z",
		strings.Repeat("中文", 100),
	} {
		f.Add(s, uint8(78), false)
		f.Add(s, uint8(20), true)
	}
	f.Fuzz(func(t *testing.T, body string, width uint8, noColor bool) {
		if len(body) > 16<<10 {
			return
		}
		w := 20 + int(width)%100
		r, err := renderMarkdown(mdKey{id: 1, width: w, noColor: noColor, lang: i18n.Vi}, body)
		if err != nil {
			t.Skipf("render error: %v", err) // an error is shown as a message, not a crash
		}
		if max := 4*len(body) + 64; len(r.lines) > max {
			t.Fatalf("%d bytes of Markdown render to %d lines (more than %d): %q", len(body), len(r.lines), max, trimFuzz(body))
		}
		for i, l := range r.lines {
			if err := hz.CheckView(l); err != nil {
				t.Fatalf("line %d of %q: %v", i, trimFuzz(body), err)
			}
			if lineWidth(l) > w {
				l = truncateStyled(l, w)
			}
			if n := text.Width(l); n > w {
				t.Fatalf("line %d of %q is %d cells wide after truncation to %d", i, trimFuzz(body), n, w)
			}
		}
	})
}

func trimFuzz(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

package main

import (
	"bytes"
	"strings"
	"testing"

	"bangtin/board/export"
	"bangtin/board/i18n"
)

// TestProgressView: plain lines per finished kind off a terminal; on a terminal, bars redrawn
// in place (cursor up over the lines drawn before).
func TestProgressView(t *testing.T) {
	var plain bytes.Buffer
	p := newProgressView(&plain, i18n.En)
	p.update(export.KindThread, 256, 600)
	p.update(export.KindThread, 600, 600)
	p.update(export.KindComment, 10, 0)
	p.finish()
	if got, want := plain.String(), "  threads: 600/600\n  comments: 10\n"; got != want {
		t.Errorf("plain = %q, want %q", got, want)
	}

	var tty bytes.Buffer
	p = &progressView{w: &tty, l: i18n.Vi, tty: true}
	p.reset()
	p.update(export.KindThread, 150, 600)
	p.update(export.KindComment, 5, 10) // within 100 ms: not drawn
	p.finish()
	out := tty.String()
	first, second, ok := strings.Cut(out, "\x1b[1A")
	if !ok || !strings.Contains(first, "tin") || !strings.Contains(first, "150/600") ||
		!strings.Contains(first, strings.Repeat("█", 8)+strings.Repeat("░", 22)) {
		t.Fatalf("first frame = %q", out)
	}
	if !strings.Contains(second, "ý kiến") || !strings.Contains(second, "5/10") || strings.Count(second, "\n") != 2 {
		t.Errorf("final frame = %q", second)
	}
}

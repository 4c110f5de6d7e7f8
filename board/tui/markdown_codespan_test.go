package tui

import (
	"strings"
	"testing"

	xansi "github.com/charmbracelet/x/ansi"

	"bangtin/board/i18n"
)

// Inline code keeps the sentence's spacing: no space added before it or before the full stop.
func TestMarkdownCodeSpanSpacing(t *testing.T) {
	for _, noColor := range []bool{false, true} {
		r, err := renderMarkdown(mdKey{id: 1, width: 60, noColor: noColor, lang: i18n.Vi}, "Cần hỗ trợ, gọi `0912 345 678`. Hoặc `111`, miễn phí.")
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(r.lines, "\n")
		plain := strings.TrimSpace(xansi.Strip(got))
		if want := "Cần hỗ trợ, gọi 0912 345 678. Hoặc 111, miễn phí."; plain != want {
			t.Errorf("noColor=%v: %q, want %q", noColor, plain, want)
		}
		if !noColor && !strings.Contains(got, "0912 345 678") {
			t.Errorf("code span lost: %q", got)
		}
	}
}

package tui

import (
	"strings"
	"testing"

	"bangtin/board/i18n"
)

// TestMarkdownReadsAsWritten: the author's line breaks stay, headings lose their "##", a link's
// address is printed once.
func TestMarkdownReadsAsWritten(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       []string // whole lines, in order
		not        []string // nowhere in the output
	}{
		{"signature", "Kính gửi bà con.\n\nTM. ỦY BAN NHÂN DÂN XÃ\nCHỦ TỊCH\nNguyễn Văn A",
			[]string{"Kính gửi bà con.", "TM. ỦY BAN NHÂN DÂN XÃ", "CHỦ TỊCH", "Nguyễn Văn A"}, nil},
		{"headings", "## Lịch tiêm\n\nNội dung.\n\n### Địa điểm\n\nTrạm y tế.",
			[]string{"Lịch tiêm", "Nội dung.", "Địa điểm", "Trạm y tế."}, []string{"#"}},
		{"self link", "Xem [https://example.org/d](https://example.org/d) nhé.",
			[]string{"Xem https://example.org/d nhé."}, nil},
		{"text link", "Xem [cổng thông tin](https://example.org/a).",
			[]string{"Xem cổng thông tin https://example.org/a."}, nil},
		{"code keeps its text", "```\n[https://x.org](https://x.org)\n```",
			[]string{"[https://x.org](https://x.org)"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := renderMarkdown(mdKey{width: 78, noColor: true, lang: i18n.Vi}, tc.body)
			if err != nil {
				t.Fatal(err)
			}
			var lines []string
			for _, l := range r.lines {
				lines = append(lines, strings.TrimSpace(stripANSI(l)))
			}
			all := strings.Join(lines, "\n")
			at := 0
			for _, w := range tc.want {
				found := false
				for ; at < len(lines); at++ {
					if lines[at] == w {
						found = true
						break
					}
				}
				if !found {
					t.Errorf("no line %q (in order) in:\n%s", w, all)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(all, n) {
					t.Errorf("%q in:\n%s", n, all)
				}
			}
		})
	}
}

// TestMarkdownBoundsKeptBreaks: a body of more lines than maxKeptBreaks has its lines joined
// (kept breaks cost ten times a wrapped line), a body at the bound keeps them.
func TestMarkdownBoundsKeptBreaks(t *testing.T) {
	for _, tc := range []struct {
		n    int
		kept bool
	}{{maxKeptBreaks, true}, {maxKeptBreaks + 1, false}} {
		r, err := renderMarkdown(mdKey{width: 78, noColor: true}, strings.Repeat("dòng\n", tc.n))
		if err != nil {
			t.Fatal(err)
		}
		if kept := len(r.lines) >= tc.n; kept != tc.kept {
			t.Errorf("%d lines: rendered into %d lines, kept=%v want %v", tc.n, len(r.lines), kept, tc.kept)
		}
	}
}

package tui

import (
	"context"
	"strings"
	"testing"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/i18n"
)

// TestSummaryUnderTheTitle: readers see a thread's summary under its title, and the editor's
// preview shows the same header (title, summary, author line) above the rendered body.
func TestSummaryUnderTheTitle(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
		t.Run(string(lang), func(t *testing.T) {
			b, _ := wBoard(t)
			ctx := context.Background()
			th, err := b.CreateThread(ctx, boardtest.Editor, board.ThreadInput{Title: "Lịch tiếp công dân tháng 12",
				Summary: "UBND xã tiếp dân vào thứ Hai và thứ Năm hằng tuần.",
				Body:    "## Thời gian\n\nBuổi sáng từ 7 giờ 30.\n\nTM. ỦY BAN NHÂN DÂN XÃ\nCHỦ TỊCH\nNguyễn Văn A"})
			if err != nil {
				t.Fatal(err)
			}
			check := func(screen string) {
				t.Helper()
				lines := strings.Split(screen, "\n")
				ti, si := -1, -1
				for i, l := range lines {
					if strings.Contains(l, "Lịch tiếp công dân tháng 12") && ti < 0 {
						ti = i
					}
					if strings.Contains(l, "UBND xã tiếp dân vào thứ Hai") {
						si = i
					}
				}
				if ti < 0 || si != ti+1 {
					t.Errorf("summary (line %d) not under the title (line %d):\n%s", si, ti, screen)
				}
				for _, want := range []string{"\n TM. ỦY BAN NHÂN DÂN XÃ", "\n CHỦ TỊCH", "Thời gian"} {
					if !strings.Contains(screen, want) {
						t.Errorf("no %q in:\n%s", want, screen)
					}
				}
				if strings.Contains(screen, "##") {
					t.Errorf("heading markers shown:\n%s", screen)
				}
			}

			d := newDriver(t, envFor(b, lang, reader))
			d.keys("enter")
			check(d.plain())
			golden(t, "thread_summary_"+string(lang), d.screen())

			e := wCommon(b, boardtest.Editor)
			e.Lang, e.Keys = lang, NewKeyMap(lang)
			ed := wDrive(t, NewEditor(e, &th))
			ed.keys("ctrl+p")
			check(ed.plain())
			wGolden(t, e, "w_preview_"+string(lang), ed.view())
		})
	}
}

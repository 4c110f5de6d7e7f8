package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/i18n"
)

// TestHistoryTellsWhatDiffers: a revision says who and when, the changed words of its title and
// how many body lines differ; opened, it shows a line diff; restoring over unsaved edits says
// that they will be lost.
func TestHistoryTellsWhatDiffers(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
		t.Run(string(lang), func(t *testing.T) {
			b, clk := wBoard(t)
			ctx := context.Background()
			th, err := b.CreateThread(ctx, boardtest.Editor, board.ThreadInput{Title: "Lịch tiếp dân tháng 11 năm 2026", Body: "Dòng một\nDòng hai\nDòng ba"})
			if err != nil {
				t.Fatal(err)
			}
			clk.Add(time.Hour)
			if th, err = b.UpdateThread(ctx, boardtest.Editor, th.ID, board.ThreadInput{Title: "Lịch tiếp dân tháng 12 năm 2026", Body: "Dòng một\nDòng hai đã sửa\nDòng ba\nDòng bốn"}); err != nil {
				t.Fatal(err)
			}
			e := wCommon(b, boardtest.Editor)
			e.Lang, e.Keys = lang, NewKeyMap(lang)
			d := wDrive(t, NewEditor(e, &th))
			ed := d.p.(*editorPage)
			wPress(d, weHistory)
			if _, ok := d.p.(*revisionsPage); !ok {
				t.Fatalf("no revisions page: %T", d.p)
			}
			row := map[i18n.Lang]string{i18n.Vi: "tiêu đề “… 11 …” · nội dung -1/+2 dòng", i18n.En: "title “… 11 …” · body -1/+2 lines"}[lang]
			if !strings.Contains(d.plain(), row) {
				t.Errorf("no %q in:\n%s", row, d.plain())
			}
			wGolden(t, e, "w_history_"+string(lang), d.view())
			d.keys("enter")
			for _, want := range []string{"- Dòng hai", "+ Dòng hai đã sửa", "+ Dòng bốn", i18n.T(lang, i18n.TWEdRevDiffHeading)} {
				if !strings.Contains(d.plain(), want) {
					t.Errorf("no %q in the revision:\n%s", want, d.plain())
				}
			}
			wGolden(t, e, "w_history_one_"+string(lang), d.view())
			d.keys("esc")

			// Unsaved edits: the question says they go.
			ed.body.SetValue("Sửa chưa lưu")
			d.keys("r")
			rp := d.p.(*revisionsPage)
			unsaved := map[i18n.Lang]string{i18n.Vi: "sửa đổi chưa lưu", i18n.En: "unsaved edits"}[lang]
			if rp.prompt == nil || !strings.Contains(d.plain(), unsaved) {
				t.Errorf("restoring over unsaved edits did not warn:\n%s", d.plain())
			}
			d.keys("esc")
			ed.body.SetValue(th.Body)
			d.keys("r")
			if rp.prompt == nil || strings.Contains(d.plain(), unsaved) {
				t.Errorf("warned of unsaved edits without any:\n%s", d.plain())
			}
		})
	}
}

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

// Issue 19.13: the home list can be browsed by month. "t" lists the months of the tab shown with
// how many threads each holds, newest first; Enter lists that month's threads; Enter reads one.
// Both lists follow the board live, the cursor staying on its month or thread; a category tab
// browses only its own threads. Golden screens at 80×24 in vi and en.
func TestBrowseByMonth(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
		t.Run(string(lang), func(t *testing.T) {
			b, clk := wBoard(t)
			ctx := context.Background()
			cat, err := b.AddCategory(ctx, boardtest.Admin, "Y tế")
			if err != nil {
				t.Fatal(err)
			}
			post := func(at time.Time, title string, cat uint64) board.Thread {
				t.Helper()
				clk.set(at)
				th, err := b.CreateThread(ctx, boardtest.Editor, board.ThreadInput{Title: title, Body: "Nội dung.", CategoryID: cat})
				if err != nil {
					t.Fatal(err)
				}
				return th
			}
			loc := b.Location()
			post(time.Date(2026, 9, 3, 9, 0, 0, 0, loc), "Lịch trực tháng 9", 0)
			post(time.Date(2026, 10, 2, 9, 0, 0, 0, loc), "Họp tổ dân phố tháng 10", 0)
			post(time.Date(2026, 10, 20, 9, 0, 0, 0, loc), "Tiêm chủng đợt 2", cat.ID)
			post(time.Date(2026, 11, 5, 9, 0, 0, 0, loc), "Thông báo thu thuế đất", 0)
			second := post(time.Date(2026, 11, 12, 9, 0, 0, 0, loc), "Lịch tiếp công dân", 0)
			post(time.Date(2026, 11, 25, 9, 0, 0, 0, loc), "Tiêm chủng mở rộng tháng 12", cat.ID)
			clk.set(time.Date(2026, 11, 28, 9, 0, 0, 0, loc))

			d := newDriver(t, envFor(b, lang, reader))
			d.keys("t")
			scr := d.screen()
			nov := monthName(d.m.c, time.Date(2026, 11, 1, 0, 0, 0, 0, loc))
			oct := monthName(d.m.c, time.Date(2026, 10, 1, 0, 0, 0, 0, loc))
			if !strings.Contains(scr, nov) || !strings.Contains(scr, i18n.T(lang, i18n.TUIMonthCount, 3)) ||
				strings.Index(scr, nov) > strings.Index(scr, oct) {
				t.Fatalf("the months are not listed newest first with their counts:\n%s", scr)
			}
			golden(t, "months_"+string(lang), scr)

			d.keys("enter")
			scr = d.screen()
			if !strings.Contains(scr, "Lịch tiếp công dân") || strings.Contains(scr, "Họp tổ dân phố") {
				t.Fatalf("November's threads are not the ones listed:\n%s", scr)
			}
			golden(t, "month_"+string(lang), scr)

			// A thread of the month arrives: the cursor stays on its thread.
			d.keys("down")
			post(time.Date(2026, 11, 27, 9, 0, 0, 0, loc), "Thông báo mới đăng", 0)
			clk.set(time.Date(2026, 11, 28, 9, 0, 0, 0, loc))
			d.send(LiveMsg{Version: b.Version()})
			scr = d.screen()
			if !strings.Contains(scr, "Thông báo mới đăng") {
				t.Fatalf("the month's list did not follow the board:\n%s", scr)
			}
			if p := d.m.top().(*listPage[board.Thread]); p.selected() == nil || p.selected().ID != second.ID {
				t.Fatalf("the cursor left its thread:\n%s", scr)
			}
			d.keys("enter")
			if tp, ok := d.m.top().(*threadPage); !ok || tp.tid != second.ID {
				t.Fatalf("enter did not open the thread under the cursor (%T)", d.m.top())
			}

			// Back on the months, which counted the new thread; a category tab browses its own.
			d.keys("esc", "esc")
			if !strings.Contains(d.screen(), i18n.T(lang, i18n.TUIMonthCount, 4)) {
				t.Fatalf("the months did not count the new thread:\n%s", d.screen())
			}
			d.keys("esc")
			for _, c := range d.m.top().(*homePage).cats { // on to the tab of "Y tế"
				d.keys("tab")
				if c.ID == cat.ID {
					break
				}
			}
			d.keys("t")
			scr = d.screen()
			if !strings.Contains(scr, i18n.T(lang, i18n.TUIMonths, "Y tế")) ||
				strings.Count(scr, i18n.T(lang, i18n.TUIMonthCountOne)) != 2 || strings.Contains(scr, monthName(d.m.c, time.Date(2026, 9, 1, 0, 0, 0, 0, loc))) {
				t.Fatalf("the category's months are not its own:\n%s", scr)
			}
		})
	}
}

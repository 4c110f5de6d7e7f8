package tui

import (
	"strings"
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/i18n"
)

// Issue 19.3: search results and what's new keep the cursor on its thread, not on its row
// number, when the board changes under the reader (a thread arrives above it, a comment makes
// its thread appear in another part of the list); a new query starts at the top.
func TestSearchAndWhatsNewKeepTheCursorOnTheirItem(t *testing.T) {
	b, clk := wBoard(t)
	older := boardtest.Thread(t, b, "Lịch họp tổ dân phố số 1", "Nội dung.")
	clk.Add(time.Hour)
	boardtest.Thread(t, b, "Lịch họp tổ dân phố số 2", "Nội dung.")
	clk.Add(time.Hour)

	picked := func(d *driver) board.Thread {
		t.Helper()
		var l *pickList
		switch p := d.m.top().(type) {
		case *searchPage:
			l = &p.list
		case *whatsNewPage:
			l = &p.list
		default:
			t.Fatalf("top page %T", p)
		}
		th, ok := l.picked()
		if !ok {
			t.Fatalf("nothing picked:\n%s", d.screen())
		}
		return th
	}
	markerOn := func(d *driver, title string) bool {
		for _, line := range strings.Split(d.screen(), "\n") {
			if strings.HasPrefix(line, Marker) && strings.Contains(line, title) {
				return true
			}
		}
		return false
	}

	// Search.
	d := newDriver(t, envFor(b, i18n.Vi, reader))
	d.keys("/")
	d.typeText("họp")
	d.keys("enter", "down")
	if picked(d).ID != older.ID {
		t.Fatalf("down did not pick the older thread:\n%s", d.screen())
	}
	arrived := boardtest.Thread(t, b, "Lịch họp tổ dân phố số 3", "Nội dung.")
	d.send(LiveMsg{Version: b.Version()})
	if !strings.Contains(d.screen(), arrived.Title) {
		t.Fatalf("the search results did not follow the board:\n%s", d.screen())
	}
	if picked(d).ID != older.ID || !markerOn(d, older.Title) {
		t.Fatalf("the cursor left its thread when one arrived above it:\n%s", d.screen())
	}
	d.keys("/")
	d.typeText(" tổ")
	d.keys("enter")
	if picked(d).ID != arrived.ID {
		t.Fatalf("a new query does not start at the top:\n%s", d.screen())
	}

	// What's new (the reader never visited: the last 7 days).
	clk.Add(time.Hour)
	w := newDriver(t, envFor(b, i18n.Vi, reader))
	w.keys("w", "G")
	if picked(w).ID != older.ID {
		t.Fatalf("G did not pick the oldest new thread:\n%s", w.screen())
	}
	clk.Add(time.Minute)
	newest := boardtest.Thread(t, b, "Thông báo lịch tiêm chủng", "Nội dung.")
	postComments(t, b, clk, older.ID, 1, "Ý kiến") // older now appears in the comments part too
	w.send(LiveMsg{Version: b.Version()})
	scr := w.screen()
	if !strings.Contains(scr, newest.Title) || !strings.Contains(scr, i18n.T(i18n.Vi, i18n.TWNewCountOne)) {
		t.Fatalf("what's new did not follow the board:\n%s", scr)
	}
	p := w.m.top().(*whatsNewPage)
	if k, _ := p.list.pickedKey(); k != (pickKey{id: older.ID, part: 0}) {
		t.Fatalf("the cursor left its row (%+v) when the list changed:\n%s", k, scr)
	}
	// An unchanged board reloads nothing.
	if _, cmd := p.Update(LiveMsg{Version: b.Version()}); cmd != nil {
		t.Error("what's new reloads without a change on the board")
	}
}

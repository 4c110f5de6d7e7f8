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

func wThread(t *testing.T, b *board.Board, id uint64) board.Thread {
	t.Helper()
	th, err := b.Thread(context.Background(), boardtest.Admin, id)
	if err != nil {
		t.Fatal(err)
	}
	return th
}

// wPress moves the editor's focus to a button and presses it.
func wPress(d *wDriver, button int) {
	d.stack[0].(*editorPage).setFocus(button)
	d.keys("enter")
}

func TestWEditorGolden(t *testing.T) {
	b, _ := wBoard(t)
	if _, err := b.AddCategory(context.Background(), boardtest.Admin, "Thông báo"); err != nil {
		t.Fatal(err)
	}
	e := wCommon(b, boardtest.Editor)
	d := wDrive(t, NewEditor(e, nil))
	d.keys("Lịch tiếp công dân tháng 12", "tab", "right", "tab", "Lịch tiếp dân của UBND xã", "tab")
	d.paste("UBND xã **Tân Lập** tiếp công dân vào:\n\n- Thứ Hai\n- Thứ Năm")
	wGolden(t, e, "w_editor", d.view())
	d.keys("ctrl+p")
	if !strings.Contains(d.plain(), "Thứ Hai") || strings.Contains(d.plain(), "**Tân Lập**") {
		t.Fatalf("preview not rendered:\n%s", d.plain())
	}
	wScreen(t, e, d.view())
	d.keys("esc")
	if _, ok := d.p.(*editorPage); !ok {
		t.Fatal("esc did not leave the preview")
	}
}

// An editor creates, edits, hides and restores a thread, and restores an older revision.
func TestWEditorFlow(t *testing.T) {
	b, clk := wBoard(t)
	e := wCommon(b, boardtest.Editor)
	d := wDrive(t, NewEditor(e, nil))

	d.keys("ctrl+s") // empty: refused next to the fields
	if !strings.Contains(d.plain(), i18n.Error(i18n.Vi, &board.ValidationError{Field: "title", Problem: board.ProblemRequired})) {
		t.Fatalf("no title error:\n%s", d.plain())
	}
	d.keys("Lịch tiếp dân", "tab", "tab", "Tóm tắt", "tab")
	d.paste("Bản đầu tiên.")
	ed := d.p.(*editorPage)
	ed.setFocus(weDraft)
	d.keys("space") // publish
	d.keys("ctrl+s")
	if ed.thread == nil || ed.err != "" {
		t.Fatalf("not created: %q\n%s", ed.err, d.plain())
	}
	id := ed.thread.ID
	th := wThread(t, b, id)
	if th.Title != "Lịch tiếp dân" || th.Body != "Bản đầu tiên." || th.Status != board.StatusPublished || th.Summary != "Tóm tắt" {
		t.Fatalf("created: %+v", th)
	}
	if !strings.Contains(d.plain(), i18n.T(i18n.Vi, i18n.TWSaved)) {
		t.Errorf("no saved notice:\n%s", d.plain())
	}

	clk.Add(time.Hour)
	ed.body.SetValue("Bản thứ hai.")
	d.keys("ctrl+s")
	if th := wThread(t, b, id); th.Body != "Bản thứ hai." {
		t.Fatalf("edit not stored: %q", th.Body)
	}

	wPress(d, weHide)
	d.keys("trùng lặp", "enter")
	if th := wThread(t, b, id); th.Status != board.StatusHidden {
		t.Fatalf("status %v after hide", th.Status)
	}
	if !strings.Contains(d.plain(), "["+i18n.T(i18n.Vi, i18n.TWEdStateHidden)+"]") {
		t.Errorf("state not shown:\n%s", d.plain())
	}
	wPress(d, weHide) // now "Khôi phục"
	d.keys("y")
	if th := wThread(t, b, id); th.Status != board.StatusPublished {
		t.Fatalf("status %v after restore", th.Status)
	}

	wPress(d, weHistory)
	if rp, ok := d.p.(*revisionsPage); !ok || len(rp.items) == 0 {
		t.Fatalf("no revisions:\n%s", d.plain())
	}
	wGolden(t, e, "w_editor_revisions", d.view())
	// The oldest revision is the first text; it is the last row (newest first).
	d.keys("end", "enter")
	if !strings.Contains(d.plain(), "Bản đầu tiên.") {
		t.Fatalf("revision not shown whole:\n%s", d.plain())
	}
	d.keys("r", "y")
	if th := wThread(t, b, id); th.Body != "Bản đầu tiên." {
		t.Fatalf("body %q after restoring revision 1", th.Body)
	}
	if d.p != Page(ed) || ed.body.Value() != "Bản đầu tiên." || ed.Dirty() {
		t.Fatalf("editor not reset to the restored text: %T, %q", d.p, ed.body.Value())
	}

	// Delete asks first, then leaves the editor with a notice.
	wPress(d, weDelete)
	d.keys("esc")
	if wThread(t, b, id).Deleted {
		t.Fatal("deleted although cancelled")
	}
	wPress(d, weDelete)
	d.keys("enter")
	if !wThread(t, b, id).Deleted || d.lastFlash() != i18n.T(i18n.Vi, i18n.TWEdDeleted) {
		t.Fatalf("delete: flash %q", d.lastFlash())
	}
}

func TestWEditorEscAsks(t *testing.T) {
	b, _ := wBoard(t)
	th := boardtest.Thread(t, b, "Tin", "Nội dung.")
	e := wCommon(b, boardtest.Editor)
	d := wDrive(t, NewEditor(e, &th))
	d.keys("esc")
	if len(d.back) != 1 {
		t.Fatal("esc on an unchanged thread did not leave")
	}
	d = wDrive(t, NewEditor(e, &th))
	d.keys(" mới", "esc")
	if len(d.back) != 0 || !strings.Contains(d.plain(), i18n.T(i18n.Vi, i18n.TWEdDiscard)) {
		t.Fatalf("esc with changes did not ask:\n%s", d.plain())
	}
	d.keys("y")
	if len(d.back) != 1 || wThread(t, b, th.ID).Title != "Tin" {
		t.Fatal("discard failed or stored")
	}
}

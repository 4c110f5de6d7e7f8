package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/i18n"
)

// Issue 19.1: Ctrl-C with unsent text asks first; the text is kept as a draft of its author and
// comes back when the form reopens, in a later session of the same server; a guest without a
// key (not told apart) gets no draft.
func TestUnsentTextAsksAndComesBack(t *testing.T) {
	b, _ := wBoard(t)
	boardtest.Thread(t, b, "Lịch tiếp công dân", "Nội dung.")
	cache := NewCache() // one server's
	open := func(env Env) *driver {
		env.Board, env.Lang, env.NoColor, env.Width, env.Height, env.Cache = b, i18n.Vi, true, 80, 24, cache
		return openDriver(t, env, cmdLoop{max: 2000, wait: 3 * time.Second})
	}
	staff := Env{Identity: boardtest.Staff}
	d := open(staff)
	d.keys("enter", "c", "Hỏi giờ", "tab") // an account starts on the title
	d.send(tea.PasteMsg{Content: "Cho hỏi giờ tiếp dân chiều thứ Năm?"})
	_, cmd := d.m.Update(keyMsg("ctrl+c"))
	if cmd != nil {
		if _, quit := cmd().(tea.QuitMsg); quit {
			t.Fatal("Ctrl-C with unsent text quit at once")
		}
	}
	if !strings.Contains(d.screen(), i18n.T(i18n.Vi, i18n.TUIQuitUnsaved)) {
		t.Fatalf("Ctrl-C did not ask:\n%s", d.screen())
	}
	d.keys("esc")
	if !strings.Contains(d.screen(), "Hỏi giờ") {
		t.Fatalf("staying lost the form:\n%s", d.screen())
	}
	d.keys("ctrl+c")
	if _, cmd := d.m.Update(keyMsg("y")); cmd == nil || cmd() != tea.Quit() {
		t.Fatal("y did not leave")
	}

	later := open(staff)
	later.keys("enter", "c")
	scr := later.screen()
	if !strings.Contains(scr, "Hỏi giờ") || !strings.Contains(scr, "Cho hỏi giờ tiếp dân chiều thứ Năm?") ||
		!strings.Contains(scr, i18n.T(i18n.Vi, i18n.TUIDraftBack)) {
		t.Fatalf("the draft did not come back:\n%s", scr)
	}

	// Another author, and a guest without a key, start empty.
	for _, id := range []Env{{Identity: boardtest.Editor}, {Identity: boardtest.Guest("203.0.113.5")}} {
		o := open(id)
		o.keys("enter", "c")
		if strings.Contains(o.screen(), "Hỏi giờ") {
			t.Fatalf("%+v sees another author's draft:\n%s", id.Identity, o.screen())
		}
	}

	// Sent, the draft is gone.
	later.keys("ctrl+s")
	again := open(staff)
	again.keys("enter", "c")
	if strings.Contains(again.screen(), "Hỏi giờ") {
		t.Fatalf("a sent comment came back as a draft:\n%s", again.screen())
	}
}

// The root knows whether a text field has the focus (where an input method may compose).
func TestTextFocused(t *testing.T) {
	b, clk := wBoard(t)
	th, _ := wSeedQueue(t, b, clk)
	d := open2(t, b, boardtest.Admin)
	if d.m.TextFocused() {
		t.Fatal("home has no text field")
	}
	d.keys("m")
	if d.m.TextFocused() {
		t.Fatal("the queue's letters are actions, not text")
	}
	d.keys("r")
	if !d.m.TextFocused() {
		t.Fatal("the reason prompt takes text")
	}
	d.keys("esc", "esc", "/")
	if !d.m.TextFocused() {
		t.Fatal("the search line takes text")
	}
	f := NewCommentForm(d.m.c, th).(*formPage)
	if !f.TextFocused() {
		t.Fatal("the comment form opens on a field")
	}
	f.setFocus(wfSend)
	if f.TextFocused() {
		t.Fatal("the send button is not a text field")
	}
}

func open2(t *testing.T, b *board.Board, id board.Identity) *driver {
	return openDriver(t, Env{Board: b, Identity: id, Lang: i18n.Vi, NoColor: true, Width: 80, Height: 24},
		cmdLoop{max: 2000, wait: 3 * time.Second})
}

// The editor keeps a draft of a new thread per editor; saving forgets it.
func TestEditorDraft(t *testing.T) {
	b, _ := wBoard(t)
	e := wCommon(b, boardtest.Editor)
	e.Cache = NewCache()
	d := wDrive(t, NewEditor(e, nil))
	d.keys("Lịch tiếp dân", "tab", "tab", "Tóm tắt")
	again := wDrive(t, NewEditor(e, nil)) // the session ended; the editor opens again
	if !strings.Contains(again.plain(), "Lịch tiếp dân") || !strings.Contains(again.plain(), i18n.T(i18n.Vi, i18n.TUIDraftBack)) {
		t.Fatalf("the draft did not come back:\n%s", again.plain())
	}
	other := wCommon(b, boardtest.Admin)
	other.Cache = e.Cache
	if o := wDrive(t, NewEditor(other, nil)); strings.Contains(o.plain(), "Lịch tiếp dân") {
		t.Fatalf("another editor sees the draft:\n%s", o.plain())
	}
	again.keys("tab", "tab", "tab").paste("Nội dung.")
	again.keys("ctrl+s")
	if ed := again.p.(*editorPage); ed.thread == nil {
		t.Fatalf("not saved: %s", again.plain())
	}
	if fresh := wDrive(t, NewEditor(e, nil)); strings.Contains(fresh.plain(), "Lịch tiếp dân") {
		t.Fatalf("a saved thread came back as a draft:\n%s", fresh.plain())
	}
}

// The root's question is never cut: at 60 columns it wraps onto the page's last row.
func TestQuitQuestionNotCut(t *testing.T) {
	b, _ := wBoard(t)
	boardtest.Thread(t, b, "Tin", "Nội dung.")
	d := openDriver(t, Env{Board: b, Identity: boardtest.Staff, Lang: i18n.Vi, NoColor: true, Width: 60, Height: 18},
		cmdLoop{max: 2000, wait: 3 * time.Second})
	d.keys("enter", "c", "Một câu hỏi chưa gửi")
	d.send(keyMsg("ctrl+c"))
	scr := d.screen()
	lines := strings.Split(strings.TrimRight(scr, "\n"), "\n")
	if len(lines) > 18 {
		t.Fatalf("%d rows at 60×18:\n%s", len(lines), scr)
	}
	if !strings.Contains(strings.Join(strings.Fields(scr), " "), i18n.T(i18n.Vi, i18n.TUIQuitUnsaved)) {
		t.Fatalf("the question is cut:\n%s", scr)
	}
}

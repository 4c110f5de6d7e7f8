package tui

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"bangtin/board/boardtest"
	"bangtin/board/i18n"
	"bangtin/board/tui/input"
)

// Issue 19.13: keys typed in a row into a text field (an unbracketed paste) are handed over as
// one run, with the same result as one by one: line breaks in the text area, Enter moving on
// from a one-line field, a key that is not text handed over after the run, in order; with
// Vietnamese input on, keys go one by one (the composer works per key).
func TestTypedRunsAsKeys(t *testing.T) {
	b, _ := wBoard(t)
	boardtest.Thread(t, b, "Lịch tiếp công dân", "Nội dung.")
	open := func() (*model, *formPage) {
		d := newDriver(t, envFor(b, i18n.Vi, boardtest.Staff))
		d.keys("enter", "c") // an account starts on the title
		f, ok := d.m.top().(*formPage)
		if !ok {
			t.Fatalf("c opened %T", d.m.top())
		}
		return d.m, f
	}
	// press sends keys the way a session does, without running the commands (the flush ticks).
	press := func(m *model, ks ...string) {
		for _, k := range ks {
			if named, ok := namedKey(k); ok {
				m.Update(named)
				continue
			}
			for _, r := range k {
				m.Update(tea.KeyPressMsg{Code: r, Text: string(r)})
			}
		}
	}
	flush := func(m *model) { m.Update(typingMsg{gen: m.typing.gen}) }

	m, f := open()
	press(m, "Hỏi giờ", "enter", "Xin chào", "enter", "thế giới")
	if f.title.Value() != "Hỏi giờ" {
		t.Fatalf("title %q: the run was not handed over before Enter", f.title.Value())
	}
	if f.body.Value() != "" || m.typing.n == 0 {
		t.Fatalf("the body's keys were not gathered (body %q)", f.body.Value())
	}
	flush(m)
	if got := f.body.Value(); got != "Xin chào\nthế giới" {
		t.Fatalf("body %q after the run", got)
	}
	press(m, "abc", "left", "X")
	flush(m)
	if got := f.body.Value(); got != "Xin chào\nthế giớiabXc" {
		t.Fatalf("body %q: the arrow did not come after the run", got)
	}
	// A stale flush (of a run already handed over) does nothing.
	press(m, "1")
	m.Update(typingMsg{gen: m.typing.gen - 1})
	if m.typing.n != 1 {
		t.Fatal("a stale flush handed over the new run")
	}
	flush(m)
	if got := f.body.Value(); got != "Xin chào\nthế giớiabX1c" {
		t.Fatalf("body %q", got)
	}

	// Telex on: one by one, composed.
	m, f = open()
	m.vnComp().SetSettings(input.Settings{On: true, Method: input.Telex})
	press(m, "tab", "tieengs Vieetj")
	if m.typing.n != 0 {
		t.Fatal("keys were gathered while the composer was on")
	}
	if got := f.body.Value(); got != "tiếng Việt" {
		t.Fatalf("Telex body %q", got)
	}
}

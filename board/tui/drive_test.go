package tui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// The one command loop and key table of the tests: every test driver (a page alone, the root
// model of a session, the hostile corpus through the screens) runs its commands here.

// cmdLoop runs commands the way bubbletea does: each command runs (bounded in time), a batch is
// split, and any other message goes to deliver, whose command joins the queue.
type cmdLoop struct {
	max  int           // at most this many commands, or the test fails
	wait time.Duration // how long one command may take
	// stuckFails makes a command that takes longer than wait fail the test; otherwise it is left
	// behind (a timer such as the cursor blink: not part of the story).
	stuckFails bool
}

func (l cmdLoop) run(t testing.TB, cmd tea.Cmd, deliver func(tea.Msg) tea.Cmd) {
	t.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > l.max {
			t.Fatal("too many commands")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		ch := make(chan tea.Msg, 1)
		go func() { ch <- c() }()
		var msg tea.Msg
		select {
		case msg = <-ch:
		case <-time.After(l.wait):
			if l.stuckFails {
				t.Fatal("a command did not return (a tick or a blocked board call?)")
			}
			continue
		}
		switch m := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, m...)
		default:
			if seq, ok := sequence(msg); ok { // tea.Sequence: its commands next, in order
				queue = append(seq, queue...)
				continue
			}
			queue = append(queue, deliver(msg))
		}
	}
}

// sequence unpacks the message of tea.Sequence (an unexported []tea.Cmd type).
func sequence(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return out, true
}

// pressKeys presses named keys ("tab", "ctrl+s", "esc", ...) or, for anything else, types its
// text one character at a time.
func pressKeys(send func(tea.Msg), ks ...string) {
	for _, k := range ks {
		if m, ok := namedKey(k); ok {
			send(m)
			continue
		}
		typeRunes(send, k)
	}
}

// typeRunes types s one character at a time, named keys included ("end" is e, n, d).
func typeRunes(send func(tea.Msg), s string) {
	for _, r := range s {
		send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// keyMsg is one key: a named one or the first character of k (with k as its text).
func keyMsg(k string) tea.KeyPressMsg {
	if m, ok := namedKey(k); ok {
		return m
	}
	r := []rune(k)
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

func namedKey(k string) (tea.KeyPressMsg, bool) {
	codes := map[string]rune{
		"tab": tea.KeyTab, "enter": tea.KeyEnter, "esc": tea.KeyEscape, "space": tea.KeySpace,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"backspace": tea.KeyBackspace, "pgdown": tea.KeyPgDown, "pgup": tea.KeyPgUp,
		"home": tea.KeyHome, "end": tea.KeyEnd, "delete": tea.KeyDelete,
	}
	if c, ok := codes[k]; ok {
		m := tea.KeyPressMsg{Code: c}
		if c == tea.KeySpace {
			m.Text = " "
		}
		return m, true
	}
	if k == "shift+tab" {
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}, true
	}
	if r, ok := strings.CutPrefix(k, "ctrl+"); ok && len(r) == 1 {
		return tea.KeyPressMsg{Code: rune(r[0]), Mod: tea.ModCtrl}, true
	}
	return tea.KeyPressMsg{}, false
}

package sshd

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// waitRaw waits until the output since byte from holds sub.
func waitRaw(t testing.TB, tm *term, from int, what, sub string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		raw := tm.Raw()
		if strings.Contains(raw[from:], sub) {
			return raw[from:]
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s (%q) in the output: %q", what, sub, raw[from:])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A PuTTY-like terminal (TERM=xterm, which promises 16 colours) answers the screen's queries as
// PuTTY does: the board turns to 24-bit colour (its 256-colour orange badge is no longer red), and sets grapheme clustering when the terminal
// says it can. The answers never reach the TUI as keys: the screen's text stays as it was.
func TestTerminalAnswers(t *testing.T) {
	e := startBoard(t, nil)
	tm := e.openTerm(t, nil, termOpts{Term: "xterm"})
	before := tm.WaitFor("Đang online: 1")
	raw := tm.Raw()
	for _, q := range []string{ansi.RequestModeUnicodeCore, ansi.RequestNameVersion, ansi.RequestSecondaryDeviceAttributes, ansi.ResetModeAutoWrap} {
		if !strings.Contains(raw, q) {
			t.Errorf("%q not sent at the start: %q", q, raw)
		}
	}
	if strings.Contains(raw, "38;2;") || strings.Contains(raw, "38;5;") {
		t.Fatalf("TERM=xterm got more than 16 colours before any answer: %q", raw)
	}

	mark := len(raw)
	tm.Send("\x1b[>0;136;0c") // PuTTY's secondary device attributes
	// The style sheet's colours are of the 256-colour palette: 24-bit lets them through as they are.
	after := waitRaw(t, tm, mark, "a repaint in the style sheet's own colours", "38;5;214m")
	if !strings.Contains(after, ansi.EraseEntireScreen) {
		t.Errorf("no full repaint: %q", after)
	}
	time.Sleep(100 * time.Millisecond)
	if got := tm.Screen(); got != before {
		t.Errorf("the screen changed:\n%s\nbefore:\n%s", got, before)
	}

	mark = len(tm.Raw())
	tm.Send("\x1b[?2027;2$y") // mode 2027 known and reset: the board sets it
	waitRaw(t, tm, mark, "mode 2027 set", ansi.SetModeUnicodeCore)
	tm.Send("\x1b[?2027;1$y\x1bP>|PuTTY Release 0.83\x1b\\\x1b[?6c") // more answers: none is a key
	time.Sleep(150 * time.Millisecond)
	if got := tm.Screen(); got != before {
		t.Errorf("the screen changed after answers:\n%s\nbefore:\n%s", got, before)
	}
	tm.Send("\r") // keys still work
	tm.WaitScreen("the thread", func(s string) bool { return !strings.Contains(s, "Thống kê truy cập") })
	tm.Send("q")
	tm.WaitFor("Thống kê truy cập")
	tm.Send("qy") // q on home asks before leaving; y leaves
	tm.WaitExit()
	if end := tm.Raw(); !strings.HasSuffix(strings.TrimRight(end, "\r\n"), ansi.ResetModeBracketedPaste) ||
		!strings.Contains(end[strings.LastIndex(end, ansi.ResetModeUnicodeCore):], ansi.SetModeAutoWrap) {
		t.Errorf("the end did not restore 2027 and autowrap: %q", end[max(0, len(end)-200):])
	}
}

// Ctrl-L repaints the whole screen from scratch on every page, and a text field never gets it.
func TestCtrlLRepaints(t *testing.T) {
	e := startBoard(t, nil)
	tm := e.openTerm(t, nil, termOpts{})
	for _, step := range []struct {
		keys, want string
	}{
		{"", "Đang online: 1"},
		{"\r", "Cách gửi ý kiến"},
		{"c", "Gửi ý kiến về:"},
		{"abc", "abc"},
	} {
		if step.keys != "" {
			tm.Send(step.keys)
		}
		tm.WaitFor(step.want)
		time.Sleep(100 * time.Millisecond) // the page settled
		before := tm.Screen()
		mark := len(tm.Raw())
		tm.Send("\x0c")
		waitRaw(t, tm, mark, "a repaint", ansi.EraseEntireScreen)
		time.Sleep(100 * time.Millisecond)
		if got := tm.Screen(); got != before {
			t.Errorf("after Ctrl-L (%q):\n%s\nbefore:\n%s", step.want, got, before)
		}
	}
	tm.Send("d")
	if l := lineWith(tm.WaitFor("abcd"), "abcd"); strings.ContainsAny(l, "\x0c^") {
		t.Errorf("Ctrl-L went into the field: %q", l)
	}
}

package sshd

import (
	"strings"
	"testing"
	"time"

	"bangtin/board/boardtest"
	"bangtin/board/boardtest/sshtest"
	"bangtin/board/i18n"
)

// TestIdleWarningKeepsTheDraftOverSSH (issue 19, item 1): a guest with a key types a comment
// and stops. Before the idle timeout the TUI warns (in Vietnamese: how long is left, that a key
// keeps the session); a key takes the warning away and keeps the session; left alone again,
// the session is warned and then closed for idleness, and the text comes back as a draft when
// the same key reconnects and opens the form.
func TestIdleWarningKeepsTheDraftOverSSH(t *testing.T) {
	const idle = 6 * time.Second // warned at 3 s of quiet (idleWarnLead)
	e := startServer(t, func(c *Config) { c.IdleTimeout = idle })
	th := boardtest.Thread(t, e.board, "Lịch tiếp công dân", "Thứ Năm hằng tuần.")
	key := sshtest.Signer(t)
	const typed = "Cho hỏi giờ tiếp dân"
	warning := strings.Join(strings.Fields(e2eVi(i18n.TUIIdleWarnKept, "X", "Y"))[:5], " ") // "Không có thao tác: phiên sẽ"
	hasWarning := func(s string) bool { return strings.Contains(strings.Join(strings.Fields(s), " "), warning) }

	c := e.Dial(t, sshtest.As{User: "hung", Key: key})
	tm := e.openTerm(t, c, termOpts{Width: 80, Height: 24})
	e2eOpenThread(t, tm, "guest", th)
	tm.Send("c")
	e2eFor(t, tm, "guest", e2eVi(i18n.TWFormHeading, th.Title))
	tm.Send("Hùng\t" + typed)
	e2eFor(t, tm, "guest", typed)

	s := e2eScreen(t, tm, "guest", "the idle warning", hasWarning)
	if flat := strings.Join(strings.Fields(s), " "); !strings.Contains(flat, "Bấm phím bất kỳ để ở lại") || !strings.Contains(flat, " giây (lúc ") {
		t.Fatalf("the warning does not say how long is left and what to do:\n%s", s)
	}
	tm.Send("x") // keeps the session, and is not typed
	s = e2eScreen(t, tm, "guest", "the warning taken away", func(s string) bool { return !hasWarning(s) })
	if strings.Contains(s, typed+"x") {
		t.Fatalf("the key that kept the session was typed into the form:\n%s", s)
	}
	select {
	case <-tm.Exited():
		t.Fatalf("the session closed although a key was pressed:\n%s", tm.Raw())
	default:
	}

	// Left alone: warned again, then closed for idleness.
	e2eScreen(t, tm, "guest", "the second warning", hasWarning)
	select {
	case <-tm.Exited():
	case <-time.After(e2eWait):
		t.Fatalf("the idle session was not closed %v after its warning", e2eWait)
	}
	if st := tm.WaitExit(); st != 0 {
		t.Errorf("idle close: exit status %d, want 0", st)
	}
	if !strings.Contains(tm.Raw(), e2eVi(i18n.IdleTimeout)) {
		t.Errorf("the idle close did not say why")
	}
	_ = c.Close()

	// The same key, a new session: the form opens with the text and says it is a draft.
	c2 := e.Dial(t, sshtest.As{User: "hung", Key: key})
	tm2 := e.openTerm(t, c2, termOpts{Width: 80, Height: 24})
	e2eOpenThread(t, tm2, "guest", th)
	tm2.Send("c")
	e2eFor(t, tm2, "guest", typed, e2eVi(i18n.TUIDraftBack))
	hClose(tm2)
	_ = c2.Close()
}

// A reader without unsent text is closed for idleness as before; the warning the server sends
// reaches the TUI (tui.IdleMsg) but shows nothing.
func TestIdleWarningOnlyWithUnsentText(t *testing.T) {
	const idle = 3 * time.Second
	e := startServer(t, func(c *Config) { c.IdleTimeout = idle })
	boardtest.Thread(t, e.board, "Lịch tiếp công dân", "Thứ Năm hằng tuần.")
	c := e.Dial(t, sshtest.Guest(t))
	tm := e.openTerm(t, c, termOpts{Width: 80, Height: 24})
	e2eFor(t, tm, "guest", e2eHomeMark)
	warning := strings.Join(strings.Fields(e2eVi(i18n.TUIIdleWarnKept, "X", "Y"))[:5], " ")
	deadline := time.After(e2eWait)
	for done := false; !done; {
		if strings.Contains(strings.Join(strings.Fields(tm.Screen()), " "), warning) {
			t.Fatalf("a reader with nothing unsent was warned:\n%s", tm.Screen())
		}
		select {
		case <-tm.Exited():
			done = true
		case <-deadline:
			t.Fatalf("the idle session was not closed")
		case <-time.After(25 * time.Millisecond):
		}
	}
	if st := tm.WaitExit(); st != 0 { // and the output read to its end: the exit can come first
		t.Errorf("idle close: exit status %d, want 0", st)
	}
	if !strings.Contains(tm.Raw(), e2eVi(i18n.IdleTimeout)) {
		t.Errorf("the idle close did not say why")
	}
	_ = c.Close()
}

package tui

import (
	"strings"
	"testing"
	"time"

	"bangtin/board/boardtest"
	"bangtin/board/i18n"
)

// Issue 19.1: the server's warning before an idle close is shown to a user whose page holds
// unsent text, in the user's language, with how long is left and when; any key takes it away
// without reaching the page; a reader with nothing to lose is not warned. A guest without a key
// (no draft kept) is told the text will be lost.
func TestIdleWarning(t *testing.T) {
	b, _ := wBoard(t)
	boardtest.Thread(t, b, "Lịch tiếp công dân", "Nội dung.")
	// A fixed time for the golden screens (no Quiet: the check against keys crossing it is
	// tested below with the real clock).
	warn := IdleMsg{Left: time.Minute, At: time.Date(2026, 11, 28, 9, 15, 0, 0, b.Location())}
	at := warn.At.In(b.Location()).Format("15:04")

	for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
		open := func(env Env) *driver {
			env.Board, env.Lang, env.NoColor, env.Width, env.Height, env.Cache = b, lang, true, 80, 24, NewCache()
			return openDriver(t, env, cmdLoop{max: 2000, wait: 3 * time.Second})
		}
		kept := i18n.T(lang, i18n.TUIIdleWarnKept, i18n.Wait(lang, time.Minute), at)
		lost := i18n.T(lang, i18n.TUIIdleWarnLost, i18n.Wait(lang, time.Minute), at)
		has := func(scr, msg string) bool { return strings.Contains(strings.Join(strings.Fields(scr), " "), msg) }

		// A reader on home, and in the comment form with nothing typed: no warning.
		d := open(Env{Identity: boardtest.Staff})
		d.send(warn)
		if d.m.idle != "" {
			t.Fatalf("%s: a reader with nothing unsent was warned: %q", lang, d.m.idle)
		}
		d.keys("enter", "c")
		d.send(warn)
		if d.m.idle != "" {
			t.Fatalf("%s: an empty form was warned about: %q", lang, d.m.idle)
		}

		// Text typed: warned, and told the draft is kept (an account).
		d.keys("tab")
		d.typeText("Cho hỏi giờ tiếp dân")
		d.send(warn)
		scr := d.screen()
		if !has(scr, kept) {
			t.Fatalf("%s: no warning with unsent text:\n%s", lang, scr)
		}
		golden(t, "idle_warning_"+string(lang), scr)

		// Any key keeps the session and is not typed into the form.
		d.keys("x")
		scr = d.screen()
		if has(scr, kept) || d.m.idle != "" {
			t.Fatalf("%s: a key did not take the warning away:\n%s", lang, scr)
		}
		if strings.Contains(scr, "tiếp dânx") {
			t.Fatalf("%s: the key that dismissed the warning reached the form:\n%s", lang, scr)
		}
		d.keys("y")
		if !strings.Contains(d.screen(), "tiếp dâny") {
			t.Fatalf("%s: typing after the warning does not reach the form:\n%s", lang, d.screen())
		}

		// With the real clock: a warning made after the last key is shown; one made before a
		// key the user pressed since (they crossed) is not.
		now := time.Now()
		d.send(IdleMsg{Left: time.Minute, At: now.Add(time.Minute), Quiet: now})
		if d.m.idle == "" {
			t.Fatalf("%s: a warning made after the last key was not shown", lang)
		}
		d.keys("esc") // dismissed (and not taken as the form's Esc)
		if !strings.Contains(d.screen(), "tiếp dâny") {
			t.Fatalf("%s: the key that dismissed the warning closed the form:\n%s", lang, d.screen())
		}
		d.send(IdleMsg{Left: time.Minute, At: time.Now().Add(-time.Second), Quiet: time.Now().Add(-2 * time.Second)})
		if d.m.idle != "" {
			t.Fatalf("%s: a stale warning was shown: %q", lang, d.m.idle)
		}

		// A guest without a key keeps no draft: told the text will be lost.
		g := open(Env{Identity: boardtest.Guest("203.0.113.7")})
		g.keys("enter", "c", "Khách", "tab", "Hỏi")
		g.send(warn)
		if !has(g.screen(), lost) {
			t.Fatalf("%s: a keyless guest was not told the text is lost:\n%s", lang, g.screen())
		}
	}
}

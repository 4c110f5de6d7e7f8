package tui_test

import (
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/hostile"
	"bangtin/board/i18n"
	"bangtin/board/tui"
)

// Regression tests of bugs they found (fixed in 5b5bf22 and 5c5f549):
//
//   - the search page echoed a pasted or typed query unsanitised;
//   - a thread body's Markdown was sanitised before rendering but not after: character
//     references such as "&#x1b;" and "&#x202e;" decoded into ESC, C1 and bidi controls, glamour
//     wrote links and images as OSC 8 hyperlinks to a user-chosen address, and 84 nested
//     blockquotes rendered into 122,042 lines in 49 s.

// The search query line shows what the user pasted or typed: it must show it sanitised.
func TestHostileSearchInput(t *testing.T) {
	b := boardtest.New(t)
	boardtest.Thread(t, b, "Tin thường", "Nội dung.")
	for _, noColor := range []bool{true, false} {
		s := hsOpen(t, tui.Env{Board: b, Identity: boardtest.Guest(""), Lang: i18n.Vi, Width: hsW, Height: hsH, NoColor: noColor})
		s.keys("/")
		for _, p := range hostile.Short(4 << 10) {
			q := hsField(p, 300)
			s.send(tea.PasteMsg{Content: q})
			s.check("pasted query "+p.Name, hostile.NeedlesFor(p))
			s.keys("enter")
			s.check("results of pasted query "+p.Name, hostile.NeedlesFor(p))
			s.keys("/")
			s.send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
			for _, r := range q { // typed one key at a time (a paste without bracketed paste)
				s.send(tea.KeyPressMsg{Code: r, Text: string(r)})
			}
			s.check("typed query "+p.Name, hostile.NeedlesFor(p))
			s.send(tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl})
		}
	}
}

// Every payload as a thread body, rendered by the thread page at 80x24, top and end.
func TestHostileThreadBody(t *testing.T) {
	b, _ := boardtest.Open(t, t.TempDir()+"/board.db")
	var ps []hostile.Payload
	for _, p := range hostile.Short(64 << 10) {
		th, err := b.CreateThread(t.Context(), boardtest.Editor, boardInput(fmt.Sprintf("B%03d", len(ps)), p.Text))
		if err != nil {
			continue // refused: checked in hostile_screens_test.go
		}
		_ = th
		ps = append(ps, p)
	}
	for _, noColor := range []bool{true, false} {
		s := hsOpen(t, tui.Env{Board: b, Identity: boardtest.Admin, Lang: i18n.Vi, Width: hsW, Height: hsH, NoColor: noColor})
		// Each thread is found by the search page (by its title) and opened from there.
		for k := range ps {
			s.keys("/")
			s.send(tea.PasteMsg{Content: fmt.Sprintf("B%03d", k)})
			s.keys("enter", "enter")
			scr := s.check("body "+ps[k].Name, hostile.NeedlesFor(ps[k]))
			if !strings.Contains(scr, fmt.Sprintf("B%03d", k)) {
				t.Fatalf("body %s: the thread is not on screen:\n%s", ps[k].Name, scr)
			}
			s.keys("G")
			s.check("body end "+ps[k].Name, hostile.NeedlesFor(ps[k]))
			s.keys("esc", "esc")
		}
	}
}

func boardInput(title, body string) board.ThreadInput {
	return board.ThreadInput{Title: title, Body: title + "\n\n" + body}
}

package sshd

import (
	"context"
	"strings"
	"testing"

	"bangtin/board/text"
)

const testBoardName = "Bảng tin xã Thử"

// startBoard is a server with the real TUI over a board with its welcome thread.
func startBoard(t testing.TB, mutate func(*Config)) *testEnv {
	t.Helper()
	e := startServer(t, mutate)
	if err := e.board.EnsureWelcome(context.Background(), testBoardName); err != nil {
		t.Fatal(err)
	}
	return e
}

// lineWith returns the first screen line holding sub.
func lineWith(screen, sub string) string {
	for l := range strings.SplitSeq(screen, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

func TestTUIReadingFlow(t *testing.T) {
	e := startBoard(t, nil)

	a := e.openTerm(t, nil, termOpts{Width: 80, Height: 24})
	scr := a.WaitFor("Đang online: 1")
	for _, want := range []string{testBoardName, "Khách", "Thống kê truy cập", "Hôm nay", "Chào mừng đến với bảng tin"} {
		if !strings.Contains(scr, want) {
			t.Errorf("home screen lacks %q:\n%s", want, scr)
		}
	}

	// A window change reflows the screen: the header spans the new width.
	a.Resize(120, 30)
	a.WaitScreen("the header at 120 columns", func(s string) bool {
		l := strings.TrimRight(lineWith(s, testBoardName), " ")
		return strings.HasSuffix(l, "Khách") && text.Width(l) > 115 && text.Width(l) <= 120
	})

	// A second reader arrives: the first sees the count change without pressing a key.
	b := e.openTerm(t, nil, termOpts{Env: map[string]string{"LANG": "en_US.UTF-8"}})
	b.WaitFor("Online now: 2")
	a.WaitFor("Đang online: 2")

	// Each interactive session recorded one visit.
	vc, err := e.board.VisitorCounts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if vc.Today != 2 {
		t.Errorf("visits today = %d, want 2", vc.Today)
	}

	// Reading: Enter opens the selected (welcome) thread; Esc goes back.
	a.Send("\r")
	a.WaitScreen("the thread view", func(s string) bool { return !strings.Contains(s, "Thống kê truy cập") })
	a.Send("\x1b")
	a.WaitFor("Thống kê truy cập")

	// The second reader leaves; the first sees it.
	_ = b.Session().Close()
	a.WaitFor("Đang online: 1")
}

func TestTUIMonochrome(t *testing.T) {
	e := startBoard(t, nil)
	for _, tc := range []struct {
		name string
		o    termOpts
	}{
		{"TERM=dumb", termOpts{Term: "dumb"}},
		{"NO_COLOR", termOpts{Env: map[string]string{"NO_COLOR": "1"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tm := e.openTerm(t, nil, tc.o)
			tm.WaitFor("Đang online")
			for _, sgr := range []string{"38;5;", "48;5;", "38;2;", "48;2;"} {
				if strings.Contains(tm.Raw(), sgr) {
					t.Errorf("colour sequence %q in the output: %q", sgr, tm.Raw())
					break
				}
			}
		})
	}
	// The control: a colour terminal gets colours.
	tm := e.openTerm(t, nil, termOpts{})
	tm.WaitFor("Đang online")
	if !strings.Contains(tm.Raw(), "38;5;") {
		t.Errorf("no colour for xterm-256color: %q", tm.Raw())
	}
}

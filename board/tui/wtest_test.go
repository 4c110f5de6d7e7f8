package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

// Test helpers of the writing pages (prefixed "w" like the pages' own private names).

// wT0 is the fixed clock of the tests: 28/11/2026 09:30 in Hà Nội.
var wT0 = time.Date(2026, 11, 28, 2, 30, 0, 0, time.UTC)

// wBoard opens a real board on a fixed clock.
func wBoard(t testing.TB) (*board.Board, *testClock) {
	t.Helper()
	clk := &testClock{t: wT0}
	b := boardtest.New(t, board.Options{Now: clk.Now, GuestCommentLimit: 1000})
	return b, clk
}

// wCommon is a session of identity id at 80x24, monochrome, in Vietnamese.
func wCommon(b *board.Board, id board.Identity) *Common {
	return &Common{
		Env:    Env{Board: b, Identity: id, Lang: i18n.Vi, BoardName: "Bảng tin", NoColor: true, Width: 80, Height: 24},
		Width:  80,
		Height: 24,
		Styles: NewStyles(true),
	}
}

// wDriver feeds a page messages and runs the commands it returns synchronously, as the root
// model would; BackMsg and OpenMsg are recorded instead of handled.
type wDriver struct {
	t    *testing.T
	p    Page
	back []BackMsg
	open []Page
}

func wDrive(t *testing.T, p Page) *wDriver {
	t.Helper()
	d := &wDriver{t: t, p: p}
	d.run(p.Init())
	return d
}

// run executes cmd and everything it leads to.
func (d *wDriver) run(cmd tea.Cmd) {
	d.t.Helper()
	cmdLoop{max: 1000, wait: 20 * time.Second, stuckFails: true}.run(d.t, cmd, func(msg tea.Msg) tea.Cmd {
		switch m := msg.(type) {
		case BackMsg:
			d.back = append(d.back, m)
		case OpenMsg:
			d.open = append(d.open, m.Page)
		default:
			var next tea.Cmd
			d.p, next = d.p.Update(msg)
			return next
		}
		return nil
	})
}

// send delivers one message and runs what follows.
func (d *wDriver) send(msg tea.Msg) *wDriver {
	d.t.Helper()
	var cmd tea.Cmd
	d.p, cmd = d.p.Update(msg)
	d.run(cmd)
	return d
}

// keys presses named keys ("tab", "ctrl+s", "esc", ...) or, for anything else, types its text.
func (d *wDriver) keys(ks ...string) *wDriver {
	d.t.Helper()
	pressKeys(func(m tea.Msg) { d.send(m) }, ks...)
	return d
}

func (d *wDriver) paste(s string) *wDriver {
	d.t.Helper()
	return d.send(tea.PasteMsg{Content: s})
}

func (d *wDriver) view() string { return d.p.View() }

// plain is the view without styling, for assertions on what a person reads.
func (d *wDriver) plain() string { return ansi.Strip(d.p.View()) }

// lastFlash is the notice of the last BackMsg ("" if none).
func (d *wDriver) lastFlash() string {
	if len(d.back) == 0 {
		return ""
	}
	return d.back[len(d.back)-1].Flash
}

// wScreen is a view as the golden files hold it: styling removed, each line padded to 80 cells
// and the content area's height filled, so that a layout change shows.
func wScreen(t *testing.T, c *Common, view string) string {
	t.Helper()
	lines := strings.Split(ansi.Strip(view), "\n")
	if len(lines) > c.ContentHeight() {
		t.Errorf("view has %d lines, the content area %d", len(lines), c.ContentHeight())
	}
	for i, l := range lines {
		if w := text.Width(l); w > c.Width {
			t.Errorf("line %d is %d cells wide (> %d): %q", i+1, w, c.Width, l)
		}
		lines[i] = strings.TrimRight(l, " ")
	}
	for len(lines) < c.ContentHeight() {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n") + "\n"
}

// wGolden compares a screen with testdata/name.golden (go test -update rewrites it).
func wGolden(t *testing.T, c *Common, name, view string) {
	t.Helper()
	golden(t, name, wScreen(t, c, view))
}

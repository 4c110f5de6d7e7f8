package tui

import (
	"reflect"
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

// Test helpers of the writing pages (prefixed "w").

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
		Env: Env{Board: b, Identity: id, Lang: i18n.Vi, BoardName: "Bảng tin", NoColor: true, Width: 80, Height: 24,
			CaptchaQuestion: func() (int, int) { return 7, 5 }}, // every check question is "7 + 5 = ?"
		Width:  80,
		Height: 24,
		Styles: NewStyles(true),
		Keys:   NewKeyMap(i18n.Vi),
	}
}

// wDriver drives a page as the root model would: the pages it opens go on a stack above it
// and get the keys; other messages reach every page; a page that closes above it hands its
// notice to the page below (Flasher) and the page below sees the board's version (LiveMsg).
// BackMsgs of the page under test itself are recorded in back.
type wDriver struct {
	t     *testing.T
	p     Page // the top page
	stack []Page
	back  []BackMsg
	flash string // a notice the root would show in its help line
}

func wDrive(t *testing.T, p Page) *wDriver {
	t.Helper()
	d := &wDriver{t: t, p: p, stack: []Page{p}}
	d.run(p.Init())
	return d
}

// run executes cmd and everything it leads to.
func (d *wDriver) run(cmd tea.Cmd) {
	d.t.Helper()
	cmdLoop{max: 1000, wait: 20 * time.Second, stuckFails: true}.run(d.t, cmd, d.deliver)
}

func (d *wDriver) deliver(msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case BackMsg:
		if len(d.stack) == 1 {
			d.back = append(d.back, m)
			return nil
		}
		d.stack = d.stack[:len(d.stack)-1]
		d.p = d.stack[len(d.stack)-1]
		d.flash = ""
		if f, ok := d.p.(Flasher); ok && m.Flash != "" {
			f.Flash(m.Flash)
		} else {
			d.flash = m.Flash
		}
		if c := wCommonOf(d.stack[0]); c != nil && c.Board != nil {
			return d.update(len(d.stack)-1, LiveMsg{Version: c.Board.Version()})
		}
		return nil
	case OpenMsg:
		d.stack = append(d.stack, m.Page)
		d.p = m.Page
		return m.Page.Init()
	case tea.KeyPressMsg, tea.PasteMsg:
		return d.update(len(d.stack)-1, msg)
	}
	var cmds []tea.Cmd
	for i := range d.stack {
		cmds = append(cmds, d.update(i, msg))
	}
	return tea.Batch(cmds...)
}

func (d *wDriver) update(i int, msg tea.Msg) tea.Cmd {
	p, cmd := d.stack[i].Update(msg)
	if p != nil {
		d.stack[i] = p
	}
	d.p = d.stack[len(d.stack)-1]
	return cmd
}

// wCommonOf finds the Common of a page (the pages under test keep it in their field c).
func wCommonOf(p Page) *Common {
	v := reflect.ValueOf(p)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	if f := v.FieldByName("c"); f.IsValid() && f.Kind() == reflect.Pointer && !f.IsNil() {
		return (*Common)(f.UnsafePointer())
	}
	return nil
}

// send delivers one message and runs what follows.
func (d *wDriver) send(msg tea.Msg) *wDriver {
	d.t.Helper()
	d.run(d.deliver(msg))
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

package tui

import (
	"strings"
	"testing"
	"time"
	"unsafe"

	tea "charm.land/bubbletea/v2"

	"bangtin/board/i18n"
)

// same reports whether two frames are one string in memory (not merely equal).
func same(a, b string) bool { return a == b && unsafe.StringData(a) == unsafe.StringData(b) }

func TestSharedFrames(t *testing.T) {
	b, _ := seeded(t)
	frames := NewFrames(0)
	cache := NewCache()
	open := func(lang i18n.Lang, w int, fr *Frames) *driver {
		env := envFor(b, lang, reader)
		env.Cache, env.Frames, env.Width = cache, fr, w
		return newDriver(t, env)
	}
	a, c := open(i18n.Vi, 80, frames), open(i18n.Vi, 80, frames)
	own := open(i18n.Vi, 80, nil) // draws its own frames

	fa, fc := a.m.View().Content, c.m.View().Content
	if !same(fa, fc) {
		t.Fatalf("two sessions on the same home page drew two frames (equal: %v)", fa == fc)
	}
	if got := own.m.View().Content; got != fa {
		t.Fatalf("the shared frame differs from the session's own\n--- shared\n%s\n--- own\n%s", fa, got)
	}
	if !strings.Contains(a.screen(), "Lịch tiêm chủng") {
		t.Fatalf("no list on the shared home page:\n%s", a.screen())
	}

	// An online count pushed to every session: one new frame, shared, and as the session draws it.
	for _, d := range []*driver{a, c, own} {
		d.send(LiveMsg{Online: 1234, Version: d.m.c.Version})
	}
	fa, fc = a.m.View().Content, c.m.View().Content
	if !same(fa, fc) {
		t.Fatal("after a new online count the sessions drew two frames")
	}
	if got := own.m.View().Content; got != fa {
		t.Fatalf("after a new online count the shared frame differs from the session's own\n--- shared\n%s\n--- own\n%s", fa, got)
	}
	if !strings.Contains(a.screen(), "1.234") {
		t.Fatalf("the new online count is not on the shared frame:\n%s", a.screen())
	}

	// A session whose screen differs draws its own: another selection, another language,
	// another width, a page of its own.
	for _, tc := range []struct {
		name string
		d    *driver
		do   func(d *driver)
	}{
		{"selection", open(i18n.Vi, 80, frames), func(d *driver) { d.keys("down") }},
		{"online count", open(i18n.Vi, 80, frames), func(d *driver) { d.send(LiveMsg{Online: 99, Version: d.m.c.Version}) }},
		{"language", open(i18n.En, 80, frames), func(d *driver) {}},
		{"width", open(i18n.Vi, 100, frames), func(d *driver) {}},
		{"help page", open(i18n.Vi, 80, frames), func(d *driver) { d.keys("?") }},
		{"question", open(i18n.Vi, 80, frames), func(d *driver) { d.keys("q") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.d.send(LiveMsg{Online: 1234, Version: tc.d.m.c.Version})
			tc.do(tc.d)
			got := tc.d.m.View().Content
			if got == fa {
				t.Fatalf("the %s changed nothing on the frame", tc.name)
			}
			if unsafe.StringData(got) == unsafe.StringData(fa) {
				t.Fatalf("a different screen (%s) took the shared frame", tc.name)
			}
		})
	}

	// Back to the same screen as the others: the shared frame again.
	d := open(i18n.Vi, 80, frames)
	d.send(LiveMsg{Online: 1234, Version: d.m.c.Version})
	d.keys("down", "up")
	if !same(d.m.View().Content, fa) {
		t.Fatal("a session back on the shared screen drew its own frame")
	}
	// A resize to the others' size shares too, and the header, list and help line are interned.
	e := open(i18n.Vi, 100, frames)
	e.send(LiveMsg{Online: 1234, Version: e.m.c.Version})
	e.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if !same(e.m.View().Content, fa) {
		t.Fatal("a session resized to the shared screen's size drew its own frame")
	}
	if !same(e.m.head, a.m.head) || !same(e.m.foot, a.m.foot) || !same(e.m.top().(*homePage).top, a.m.top().(*homePage).top) {
		t.Fatal("the header, list and help line of equal screens are not one string each")
	}
	// A push with a newer board version (a visit): the home page reloads, and the frame after
	// it has the new count, shared.
	b.RecordVisit(reader, time.Now())
	for _, x := range []*driver{a, c} {
		x.send(LiveMsg{Online: 555, Version: b.Version()})
	}
	if f := a.m.View().Content; !same(f, c.m.View().Content) || !strings.Contains(a.screen(), "555") {
		t.Fatalf("after a push with a new version the sessions show\n%s", a.screen())
	}
}

func TestSharedFramesBounded(t *testing.T) {
	b, _ := seeded(t)
	frames := NewFrames(2)
	cache := NewCache()
	for _, w := range []int{80, 90, 100, 110} {
		env := envFor(b, i18n.Vi, reader)
		env.Cache, env.Frames, env.Width = cache, frames, w
		d := newDriver(t, env)
		if got := d.screen(); !strings.Contains(got, "Lịch tiêm chủng") {
			t.Fatalf("width %d: no list on the home page:\n%s", w, got)
		}
		if n := frames.Len(); n > 2 {
			t.Fatalf("width %d: %d frames kept, limit 2", w, n)
		}
	}
	if n := frames.Len(); n != 2 {
		t.Fatalf("%d frames kept after four screens, want the limit, 2", n)
	}
	if n := NewFrames(0).frames.maxItems; n != DefaultFrames {
		t.Fatalf("NewFrames(0) keeps %d frames, want DefaultFrames (%d)", n, DefaultFrames)
	}
	var none *Frames
	if s, id := none.part("x"); s != "x" || id != 0 || none.Len() != 0 {
		t.Fatal("a nil Frames must share nothing")
	}
}

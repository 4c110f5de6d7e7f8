package sshd

import (
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"

	"bangtin/board/boardtest"
)

// Screens going from one shared frame to another write the same bytes, the second without
// working them out; a screen that differs (size, profile, a frame of its own) works out its own.
func TestScreensShareDraws(t *testing.T) {
	const w, h = 40, 6
	frame := func(online string) string {
		return "Bảng tin\n\x1b[1m▸\x1b[m Lịch tiêm chủng\n  Thuế đất\n\n\x1b[33mĐang online:\x1b[m " + online + "\n? trợ giúp"
	}
	a, b := frame("3"), frame("1.234") // the frames every session shares (one string each)
	cache := newDrawCache(4)
	type scr struct {
		s   *screen
		out *boardtest.LogBuffer
		emu *vt.Emulator
	}
	open := func(w, h int, p colorprofile.Profile) scr {
		out := &boardtest.LogBuffer{}
		s := newScreen(out, w, h, p, time.Hour)
		s.draws = cache
		return scr{s, out, vt.NewEmulator(w, h)}
	}
	show := func(x scr, content string, shared bool) string {
		x.s.setFrame(content, true, shared)
		x.s.draw()
		got := x.out.Take()
		_, _ = x.emu.Write([]byte(got))
		return got
	}
	one, two := open(w, h, colorprofile.TrueColor), open(w, h, colorprofile.TrueColor)
	wide, plain := open(w+10, h, colorprofile.TrueColor), open(w, h, colorprofile.ASCII)
	own := open(w, h, colorprofile.TrueColor)
	for _, x := range []scr{one, two, wide, plain} {
		show(x, a, true) // the first frame: full, each its own
	}
	show(own, strings.Clone(a), false)
	time.Sleep(10 * time.Millisecond) // the first frame's timer (ready at once) has drawn too
	for _, x := range []scr{one, two, wide, plain, own} {
		show(x, x.s.want, x.s.shared) // nothing new: takes what that timer wrote
	}
	if n := cache.len(); n != 0 {
		t.Fatalf("first frames stored %d changes; they are drawn in full by each screen", n)
	}

	b1 := show(one, b, true)
	if n := cache.len(); n != 1 {
		t.Fatalf("%d changes stored after one screen drew a shared change, want 1", n)
	}
	b2 := show(two, b, true)
	if b1 != b2 || b1 == "" {
		t.Fatalf("two screens wrote different changes: %q and %q", b1, b2)
	}
	if n := cache.len(); n != 1 {
		t.Fatalf("%d changes stored after the second screen, want still 1 (it took the first one's)", n)
	}
	if unsafe.SliceData(one.s.shown) != unsafe.SliceData(two.s.shown) {
		t.Fatal("the second screen keeps rows of its own for a shared change")
	}
	if len(b1) > 40 {
		t.Fatalf("the change of the online count wrote %d bytes (%q): not a diff", len(b1), b1)
	}
	for _, x := range []scr{wide, plain} {
		show(x, b, true)
	}
	if n := cache.len(); n != 3 {
		t.Fatalf("%d changes stored after screens of another width and profile drew, want 3", n)
	}
	show(own, strings.Clone(b), false) // not shared: not stored
	if n := cache.len(); n != 3 {
		t.Fatalf("a frame of a session's own was stored (%d changes)", n)
	}
	for i, x := range []scr{one, two, wide, own} { // (plain has no colours: fresh has them)
		if got, want := visible(x.emu), fresh(t, x.s.w, x.s.h, b); got != want {
			t.Fatalf("screen %d:\n got %s\nwant %s", i, got, want)
		}
	}

	// Screens whose width model changed after their first frame fit every row again the new
	// way, then share the changes drawn that way.
	var outs []string
	n := cache.len()
	for i := range 2 {
		m := open(w, h, colorprofile.TrueColor)
		show(m, a, true)
		time.Sleep(10 * time.Millisecond)
		show(m, a, true)
		m.s.learnMode(ansi.ModeReset) // mode 2027 set by us: per grapheme from now on
		show(m, a, true)              // the mode change and the rows fitted again
		if !m.s.drawnExact {
			t.Fatal("after a change of the width model the rows are not fitted afresh")
		}
		outs = append(outs, show(m, b, true))
		if cache.len() != n+1 {
			t.Fatalf("screen %d after its width model changed: %d changes stored, want %d", i, cache.len(), n+1)
		}
		if got, want := visible(m.emu), fresh(t, w, h, b); got != want {
			t.Fatalf("screen %d after its width model changed:\n got %s\nwant %s", i, got, want)
		}
	}
	if outs[0] != outs[1] {
		t.Fatalf("two screens per grapheme wrote different changes: %q and %q", outs[0], outs[1])
	}

	// Bounded: two generations of at most limit/2 entries.
	for i := range 20 {
		c := frame(strings.Repeat("9", i+1))
		show(one, c, true)
	}
	if n := cache.len(); n > 4 {
		t.Fatalf("%d changes kept, limit 4", n)
	}
	if newDrawCache(0).limit*2 != DefaultSharedDraws {
		t.Fatal("newDrawCache(0) does not keep DefaultSharedDraws")
	}
}

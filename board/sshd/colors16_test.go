package sshd

import (
	"context"
	"fmt"
	"image/color"
	"math"
	"net/netip"
	"strings"
	"testing"
	"time"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
)

// Every screen stays readable in 16 colours (a terminal that says TERM=xterm and answers none of
// the board's questions): every character has a contrast of at least 3:1 with its background,
// with xterm's 16-colour palette on its default black background.
func TestSixteenColoursReadable(t *testing.T) {
	e := startBoard(t, nil)
	tm := e.openTerm(t, nil, termOpts{Term: "xterm"})
	for _, step := range []struct{ keys, want, page string }{
		{"", "Đang online: 1", "home"},
		{"?", "", "help"},
		{"\x1b", "Đang online: 1", "home again"},
		{"\r", "Cách gửi ý kiến", "thread"},
		{"c", "Gửi ý kiến về:", "comment form"},
		{"Nguyễn Văn An\t", "Nguyễn Văn An", "comment form, second field"},
	} {
		if step.keys != "" {
			tm.Send(step.keys)
		}
		if step.want != "" {
			tm.WaitFor(step.want)
		}
		time.Sleep(150 * time.Millisecond)
		var problems []string
		tm.Emulator(func(emu *vt.Emulator) { problems = lowContrast(emu) })
		for _, p := range problems {
			t.Errorf("%s: %s", step.page, p)
		}
	}
	if raw := tm.Raw(); strings.Contains(raw, "38;5;") || strings.Contains(raw, "38;2;") {
		t.Errorf("more than 16 colours sent to TERM=xterm without an answer")
	}
}

// lowContrast lists the characters on screen whose colour is too close to their background.
func lowContrast(emu *vt.Emulator) []string {
	var out []string
	for y := range emu.Height() {
		for x := 0; x < emu.Width(); x++ {
			c := emu.CellAt(x, y)
			if c == nil || strings.TrimSpace(c.Content) == "" {
				continue
			}
			fg, bg := rgb16(c.Style.Fg, true), rgb16(c.Style.Bg, false)
			if c.Style.Attrs&uv.AttrReverse != 0 {
				fg, bg = bg, fg
			}
			if r := contrast(fg, bg); r < 3 {
				out = append(out, fmt.Sprintf("%q at %d,%d: contrast %.1f (fg %v bg %v)", c.Content, x, y, r, c.Style.Fg, c.Style.Bg))
			}
		}
	}
	return out
}

// xterm16 is xterm's default 16-colour palette.
var xterm16 = [16][3]float64{
	{0, 0, 0}, {205, 0, 0}, {0, 205, 0}, {205, 205, 0}, {0, 0, 238}, {205, 0, 205}, {0, 205, 205}, {229, 229, 229},
	{127, 127, 127}, {255, 0, 0}, {0, 255, 0}, {255, 255, 0}, {92, 92, 255}, {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
}

func rgb16(c color.Color, fg bool) [3]float64 {
	switch c := c.(type) {
	case nil:
		if fg {
			return xterm16[7]
		}
		return xterm16[0]
	case ansi.BasicColor:
		return xterm16[int(c)&15]
	}
	r, g, b, _ := c.RGBA()
	return [3]float64{float64(r >> 8), float64(g >> 8), float64(b >> 8)}
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b [3]float64) float64 {
	lum := func(c [3]float64) float64 {
		var l [3]float64
		for i, v := range c {
			v /= 255
			if v <= 0.03928 {
				l[i] = v / 12.92
			} else {
				l[i] = math.Pow((v+0.055)/1.055, 2.4)
			}
		}
		return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
	}
	la, lb := lum(a), lum(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// The moderators' and admins' pages in 16 colours, with a pending comment in the queue.
func TestSixteenColoursReadableAdmin(t *testing.T) {
	eb := e2eStart(t, "Lịch tiếp công dân tháng 12", "Tiếp công dân vào sáng thứ năm hằng tuần.")
	guest := board.Identity{Role: board.RoleGuest, Fingerprint: "SHA256:khach", Addr: netip.MustParseAddr("127.0.0.1")}
	if _, err := eb.e.board.PostComment(context.Background(), guest, board.CommentInput{ThreadID: eb.thread.ID,
		Name: "Đỗ Minh Tuấn 👨🏽\u200d💻", Title: "Hỏi lịch tiếp dân", Body: "Buổi chiều có tiếp dân không ạ?"}); err != nil {
		t.Fatal(err)
	}
	c, err := gossh.Dial("tcp", eb.e.addr, eb.e.clientConfig("admin", eb.adminKey))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	tm := eb.e.openTerm(t, c, termOpts{Term: "xterm"})
	home := tm.WaitFor(e2eHomeMark)
	for _, key := range []string{"m", "U", "B", "S", "A", "C", "N", "w", "/"} {
		tm.Send(key)
		scr := tm.WaitScreen("the page of "+key, func(s string) bool { return s != home && !strings.Contains(s, e2eHomeMark) })
		time.Sleep(150 * time.Millisecond)
		var problems []string
		tm.Emulator(func(emu *vt.Emulator) { problems = lowContrast(emu) })
		for _, p := range problems {
			t.Errorf("page %s: %s\n%s", key, p, scr)
		}
		tm.Send("\x1b")
		tm.WaitFor(e2eHomeMark)
	}
	if raw := tm.Raw(); strings.Contains(raw, "38;5;") || strings.Contains(raw, "38;2;") {
		t.Errorf("more than 16 colours sent to TERM=xterm without an answer")
	}
}

package tui

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/i18n"
)

// testPNG is a w×h picture: a red sun over a blue sky and green fields.
func testPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{90, 160, 230, 255}
			if y > h*2/3 {
				c = color.RGBA{40, 150, 60, 255}
			}
			if dx, dy := x-w/4, y-h/3; dx*dx+dy*dy*4 < h*h/9 {
				c = color.RGBA{230, 60, 40, 255}
			}
			img.SetRGBA(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// threadWithFiles is a board with one thread carrying a picture and a document.
func threadWithFiles(t testing.TB, pictures bool) (*board.Board, board.Thread) {
	t.Helper()
	b := boardtest.New(t, board.Options{Location: hcm, Now: newClock().Now})
	th := boardtest.Thread(t, b, "Lịch tiêm chủng tháng 12", "Trạm y tế xã **thông báo** lịch tiêm chủng.")
	if !pictures {
		return b, th
	}
	ctx := context.Background()
	if _, err := b.AttachFile(ctx, boardtest.Editor, th.ID, board.FileInput{Name: "tram-y-te.png", Caption: "Trạm y tế xã Tân Phú", Data: testPNG(t, 40, 20)}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.AttachFile(ctx, boardtest.Editor, th.ID, board.FileInput{Name: "lịch tiêm.txt", Data: []byte(strings.Repeat("Thứ hai: trẻ dưới 1 tuổi\n", 100))}); err != nil {
		t.Fatal(err)
	}
	return b, th
}

func TestThreadFilesGolden(t *testing.T) {
	for _, tc := range []struct {
		name    string // the golden file
		lang    i18n.Lang
		noColor bool
		want    []string // on the screen
		art     bool
	}{
		{"thread_files_color_vi", i18n.Vi, false, []string{"▀▀▀▀", "Trạm y tế xã Tân Phú", "Tài liệu", "lịch tiêm.txt", "(4 KiB)", "news file 1 2 > 'lịch tiêm.txt'"}, true},
		{"thread_files_mono_vi", i18n.Vi, true, []string{"[Ảnh: Trạm y tế xã Tân Phú]", "Tài liệu", "(4 KiB)"}, false},
		{"thread_files_mono_en", i18n.En, true, []string{"[Picture: Trạm y tế xã Tân Phú]", "Documents", "Download: ssh -p PORT HOST news file 1 2"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, _ := threadWithFiles(t, true)
			env := envFor(b, tc.lang, reader)
			env.NoColor = tc.noColor
			d := newDriver(t, env)
			d.keys("enter")
			content := d.m.View().Content
			if got := strings.Contains(content, "\x1b[38;2;"); got != tc.art {
				t.Errorf("24-bit art in the frame: %v, want %v", got, tc.art)
			}
			if strings.Contains(content, "▀") != tc.art {
				t.Errorf("half blocks in the frame: %v, want %v", !tc.art, tc.art)
			}
			scr := d.screen()
			for _, w := range tc.want {
				if !strings.Contains(scr, w) {
					t.Errorf("screen lacks %q:\n%s", w, scr)
				}
			}
			golden(t, tc.name, scr)
		})
	}
}

// BenchmarkThreadFirstFrame is the cost of opening a thread (load from the shared caches, lay
// out, first View) with a picture and a document against the same thread without files, in
// colour, the art already drawn by an earlier session (shared Cache).
func BenchmarkThreadFirstFrame(b *testing.B) {
	for _, tc := range []struct {
		name  string
		files bool
	}{{"plain", false}, {"pictures", true}} {
		b.Run(tc.name, func(b *testing.B) {
			bd, th := threadWithFiles(b, tc.files)
			env := envFor(bd, i18n.Vi, reader)
			env.NoColor = false
			env.Cache = NewCache()
			d := newDriver(&testing.T{}, env)
			open := func() string {
				p := NewThread(d.m.c, []uint64{th.ID}, 0)
				msg := p.Init()()
				p, _ = p.Update(msg)
				return p.View()
			}
			if v := open(); tc.files != strings.Contains(v, "▀") {
				b.Fatalf("art in the frame: %v, want %v", !tc.files, tc.files)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				_ = open()
			}
		})
	}
}

// TestThreadArtFollowsTheWidth: a resize draws the art again at the new width (in a Cmd), and
// the layout never holds art wider than the window.
func TestThreadArtFollowsTheWidth(t *testing.T) {
	b, th := threadWithFiles(t, false)
	if _, err := b.AttachFile(context.Background(), boardtest.Editor, th.ID, board.FileInput{Name: "wide.png", Data: testPNG(t, 200, 20)}); err != nil {
		t.Fatal(err)
	}
	env := envFor(b, i18n.En, reader)
	env.NoColor = false
	d := newDriver(t, env)
	d.keys("enter")
	for _, tc := range []struct{ width, art int }{{80, 78}, {60, 58}, {100, 98}} {
		d.send(tea.WindowSizeMsg{Width: tc.width, Height: 24})
		p, ok := d.m.stack[len(d.m.stack)-1].(*threadPage)
		if !ok {
			t.Fatalf("top page is %T", d.m.stack[len(d.m.stack)-1])
		}
		n := 0
		for _, l := range p.lines {
			if strings.Contains(l, "▀") {
				n++
				if w := strings.Count(l, "▀"); w != tc.art {
					t.Errorf("width %d: art line of %d cells, want %d", tc.width, w, tc.art)
				}
			}
		}
		if n == 0 {
			t.Errorf("width %d: no art", tc.width)
		}
		if strings.Contains(d.screen(), "[Picture: wide.png]") {
			t.Errorf("width %d: the placeholder shows instead of the art", tc.width)
		}
	}
}

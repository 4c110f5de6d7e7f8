package tui

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"net"
	"net/netip"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

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

// TestThreadFilesGolden: a thread with a picture and a document at 80×24, in colour and in
// monochrome, with the download command naming the address the reader can use.
func TestThreadFilesGolden(t *testing.T) {
	for _, tc := range []struct {
		name    string // the golden file
		lang    i18n.Lang
		noColor bool
		addr    net.Addr
		public  string
		want    []string // on the screen
		art     bool
	}{
		{"thread_files_color_vi", i18n.Vi, false, tcpAddr("192.0.2.10:2222"), "",
			[]string{"▀▀▀▀", "Trạm y tế xã Tân Phú", "Tài liệu", "lịch tiêm.txt", "(4 KiB)", "Tải về: scp -P 2222 '192.0.2.10:/news/1/lịch tiêm.txt' ."}, true},
		{"thread_files_mono_vi", i18n.Vi, true, tcpAddr("192.0.2.10:2222"), "bangtin.tanphu.gov.vn",
			[]string{"[Ảnh: Trạm y tế xã Tân Phú]", "Tài liệu", "(4 KiB)", "scp -P 2222 'bangtin.tanphu.gov.vn:/news/1/lịch tiêm.txt' ."}, false},
		{"thread_files_mono_en", i18n.En, true, tcpAddr("[2001:db8::7]:22"), "",
			[]string{"[Picture: Trạm y tế xã Tân Phú]", "Documents", "Download: scp '[2001:db8::7]:/news/1/lịch tiêm.txt' ."}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, _ := threadWithFiles(t, true)
			env := envFor(b, tc.lang, reader)
			env.NoColor = tc.noColor
			env.ServerAddr, env.PublicHost = tc.addr, tc.public
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

func tcpAddr(s string) net.Addr { return net.TCPAddrFromAddrPort(netip.MustParseAddrPort(s)) }

// TestThreadArtProfile: the art in the frame carries the colours of the session's profile
// only (made once per profile, not converted per frame), and a profile without colours shows
// the placeholder.
func TestThreadArtProfile(t *testing.T) {
	sgr := regexp.MustCompile(`\x1b\[[0-9;]*m`)
	for _, tc := range []struct {
		profile     colorprofile.Profile
		want, never string // an SGR parameter prefix the art must (not) use
		placeholder bool
	}{
		{colorprofile.TrueColor, "38;2;", "38;5;", false},
		{colorprofile.ANSI256, "38;5;", "38;2;", false},
		{colorprofile.ANSI, "", "8;", false},
		{colorprofile.ASCII, "", "", true},
	} {
		t.Run(tc.profile.String(), func(t *testing.T) {
			b, _ := threadWithFiles(t, true)
			env := envFor(b, i18n.En, reader)
			env.NoColor = false
			env.Profile = func() colorprofile.Profile { return tc.profile }
			d := newDriver(t, env)
			d.keys("enter")
			var art []string
			for _, l := range strings.Split(d.m.View().Content, "\n") {
				if strings.Contains(l, "▀") {
					art = append(art, l)
				}
			}
			if got := strings.Contains(d.screen(), "[Picture: Trạm y tế xã Tân Phú]"); got != tc.placeholder {
				t.Fatalf("placeholder shown: %v, want %v", got, tc.placeholder)
			}
			if tc.placeholder {
				if len(art) != 0 {
					t.Fatalf("art drawn without colours: %q", art[0])
				}
				return
			}
			if len(art) == 0 {
				t.Fatal("no art")
			}
			seen := false
			for _, l := range art {
				for _, m := range sgr.FindAllString(l, -1) {
					if tc.never != "" && strings.Contains(m, tc.never) {
						t.Errorf("SGR %q in a %s frame", m, tc.profile)
					}
					seen = seen || (tc.want == "" || strings.Contains(m, tc.want))
				}
			}
			if !seen {
				t.Errorf("no %q SGR in the art", tc.want)
			}
		})
	}
}

// TestArtCacheBound: WithArtCache bounds what a server keeps; art larger than the bound is
// still drawn for the session, just not kept.
func TestArtCacheBound(t *testing.T) {
	for _, tc := range []struct {
		name  string
		bytes int64
		kept  bool
	}{{"default", 0, true}, {"tiny", 100, false}} {
		t.Run(tc.name, func(t *testing.T) {
			b, _ := threadWithFiles(t, true)
			env := envFor(b, i18n.En, reader)
			env.NoColor = false
			env.Cache = NewCache().WithArtCache(tc.bytes)
			d := newDriver(t, env)
			d.keys("enter")
			if !strings.Contains(d.m.View().Content, "▀") {
				t.Error("no art in the frame")
			}
			if n := env.Cache.fileCache.art.Len(); (n > 0) != tc.kept {
				t.Errorf("%d entries kept, want kept=%v", n, tc.kept)
			}
			if got := env.Cache.fileCache.art.Bytes(); got > max(tc.bytes, DefaultArtCache) {
				t.Errorf("%d bytes kept", got)
			}
		})
	}
}

// BenchmarkThreadFirstFrame is the cost of opening a thread (load from the shared caches, lay
// out, first View) with a picture and a document against the same thread without files, in
// colour, the art already drawn by an earlier session (shared Cache).
func BenchmarkThreadFirstFrame(b *testing.B) {
	for _, tc := range []struct {
		name    string
		files   bool
		profile colorprofile.Profile
	}{{"plain", false, colorprofile.TrueColor}, {"pictures", true, colorprofile.TrueColor}, {"pictures-256", true, colorprofile.ANSI256}} {
		b.Run(tc.name, func(b *testing.B) {
			bd, th := threadWithFiles(b, tc.files)
			env := envFor(bd, i18n.Vi, reader)
			env.NoColor = false
			env.Profile = func() colorprofile.Profile { return tc.profile }
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

package tui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/i18n"
)

// filesOf is the thread's files as the board has them, "name|caption" in their order.
func filesOf(t *testing.T, b *board.Board, tid uint64) []string {
	t.Helper()
	fs, err := b.Files(context.Background(), boardtest.Editor, tid)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range fs {
		out = append(out, f.Name+"|"+f.Caption)
	}
	return out
}

// filesScreen opens the files screen of the thread with a picture and a document as id.
func filesScreen(t *testing.T, lang i18n.Lang, id board.Identity) (*driver, *board.Board, board.Thread) {
	t.Helper()
	b, th := threadWithFiles(t, true)
	env := envFor(b, lang, id)
	env.ServerAddr = tcpAddr("192.0.2.10:2222")
	d := newDriver(t, env)
	d.keys("enter", "f")
	return d, b, th
}

// TestFilesScreenGolden: the files screen and its questions at 80×24.
func TestFilesScreenGolden(t *testing.T) {
	for _, tc := range []struct {
		name string
		lang i18n.Lang
		keys []string
		want []string
	}{
		{"files_vi", i18n.Vi, nil, []string{"Ảnh và tài liệu của tin “Lịch tiêm chủng tháng 12” (2)",
			"Đính kèm thêm: scp -P 2222 TỆP 192.0.2.10:/news/1/", "tram-y-te.png", "ảnh · 40×20", "Trạm y tế xã Tân Phú",
			"lịch tiêm.txt", "tài liệu · 4 KiB", "(chưa có chú thích)", "c/enter chú thích"}},
		{"files_en", i18n.En, nil, []string{"Pictures and documents of “Lịch tiêm chủng tháng 12” (2)",
			"To attach more: scp -P 2222 FILE 192.0.2.10:/news/1/", "picture · 40×20", "document · 4 KiB", "(no caption)", "K/J move up/down"}},
		{"files_caption_vi", i18n.Vi, []string{"enter"}, []string{"Chú thích cho “tram-y-te.png” (để trống: bỏ chú thích):", "Trạm y tế xã Tân Phú", "enter"}},
		{"files_remove_vi", i18n.Vi, []string{"down", "d"}, []string{"Gỡ tài liệu “lịch tiêm.txt” (4 KiB) khỏi tin này?", "c/y"}},
		{"files_remove_en", i18n.En, []string{"d"}, []string{"Remove the picture “tram-y-te.png”", "from this thread? It is deleted for"}},
		{"files_removed_vi", i18n.Vi, []string{"d", "c"}, []string{"Đã gỡ “tram-y-te.png”.", "(1)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, _, _ := filesScreen(t, tc.lang, boardtest.Editor)
			d.keys(tc.keys...)
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

// TestFilesScreenActions: each key changes the thread's files through the board, and the
// screen says what it did.
func TestFilesScreenActions(t *testing.T) {
	const pic, doc = "tram-y-te.png", "lịch tiêm.txt"
	for _, tc := range []struct {
		name   string
		do     func(d *driver)
		want   []string // the board's files afterwards
		notice string
	}{
		{"caption", func(d *driver) {
			d.keys("down", "c")
			d.typeText("Lịch tháng 12")
			d.keys("enter")
		}, []string{pic + "|Trạm y tế xã Tân Phú", doc + "|Lịch tháng 12"}, "Đã lưu chú thích của “lịch tiêm.txt”."},
		{"caption cleared", func(d *driver) {
			d.keys("enter", "ctrl+u", "enter")
		}, []string{pic + "|", doc + "|"}, "Đã lưu chú thích"},
		{"caption cancelled", func(d *driver) {
			d.keys("c")
			d.typeText(" mới")
			d.keys("esc")
		}, []string{pic + "|Trạm y tế xã Tân Phú", doc + "|"}, ""},
		{"rename", func(d *driver) {
			d.keys("n", "ctrl+u")
			d.typeText("tram.png")
			d.keys("enter")
		}, []string{"tram.png|Trạm y tế xã Tân Phú", doc + "|"}, "Đã đổi tên thành “tram.png”."},
		{"move down", func(d *driver) { d.keys("J") }, []string{doc + "|", pic + "|Trạm y tế xã Tân Phú"}, "“tram-y-te.png” ở vị trí 2"},
		{"move up", func(d *driver) { d.keys("down", "K") }, []string{doc + "|", pic + "|Trạm y tế xã Tân Phú"}, "“lịch tiêm.txt” ở vị trí 1"},
		{"move up at the top", func(d *driver) { d.keys("K") }, []string{pic + "|Trạm y tế xã Tân Phú", doc + "|"}, ""},
		{"remove", func(d *driver) { d.keys("down", "d", "y") }, []string{pic + "|Trạm y tế xã Tân Phú"}, "Đã gỡ “lịch tiêm.txt”."},
		{"remove refused by enter", func(d *driver) { d.keys("d", "enter") }, []string{pic + "|Trạm y tế xã Tân Phú", doc + "|"}, ""},
		{"remove cancelled", func(d *driver) { d.keys("d", "n") }, []string{pic + "|Trạm y tế xã Tân Phú", doc + "|"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, b, th := filesScreen(t, i18n.Vi, boardtest.Editor)
			tc.do(d)
			if got := filesOf(t, b, th.ID); strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("files %q, want %q", got, tc.want)
			}
			scr := d.screen()
			if tc.notice != "" && !strings.Contains(scr, tc.notice) {
				t.Errorf("screen lacks %q:\n%s", tc.notice, scr)
			}
			// The list shows the board's order.
			if i, j := strings.Index(scr, pic), strings.Index(scr, doc); len(tc.want) == 2 && strings.HasPrefix(tc.want[0], doc) != (j < i) {
				t.Errorf("the list's order is not the board's:\n%s", scr)
			}
		})
	}
}

// TestFilesScreenRoles: only editors and admins are offered the screen; whoever reaches it
// anyway is refused by the board (the same check as the commands and SFTP), and nothing
// changes.
func TestFilesScreenRoles(t *testing.T) {
	for _, tc := range []struct {
		name    string
		id      board.Identity
		offered bool
	}{
		{"guest", reader, false},
		{"staff", boardtest.Staff, false},
		{"editor", boardtest.Editor, true},
		{"admin", boardtest.Admin, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, th := threadWithFiles(t, true)
			d := newDriver(t, envFor(b, i18n.En, tc.id))
			d.keys("enter")
			d.send(tea.WindowSizeMsg{Width: 140, Height: 24}) // room for the whole footer
			help := d.screen()
			if got := strings.Contains(help, "f pictures, documents"); got != tc.offered {
				t.Errorf("footer offers the files screen: %v, want %v:\n%s", got, tc.offered, help)
			}
			d.keys("?")
			if got := strings.Contains(d.screen(), "pictures, documents"); got != tc.offered {
				t.Errorf("full help offers the files screen: %v, want %v", got, tc.offered)
			}
			d.keys("esc", "f")
			_, opened := d.m.top().(*listPage[board.File])
			if opened != tc.offered {
				t.Fatalf("f opened the files screen: %v, want %v", opened, tc.offered)
			}
			if tc.offered {
				return
			}
			// Reached anyway (a page built for another role): the board refuses.
			d.send(OpenMsg{Page: NewFiles(d.m.c, th)})
			d.keys("d", "y")
			if got := filesOf(t, b, th.ID); len(got) != 2 {
				t.Errorf("files %q after a refused removal", got)
			}
			d.keys("c")
			d.typeText("x")
			d.keys("enter")
			if got := filesOf(t, b, th.ID); got[0] != "tram-y-te.png|Trạm y tế xã Tân Phú" {
				t.Errorf("files %q after a refused caption", got)
			}
			if want := i18n.Error(i18n.En, board.ErrForbidden); !strings.Contains(d.screen(), want) {
				t.Errorf("screen lacks the board's refusal %q:\n%s", want, d.screen())
			}
		})
	}
}

// TestFilesScreenBackToThread: the thread page shows the change when the files screen closes.
func TestFilesScreenBackToThread(t *testing.T) {
	d, _, _ := filesScreen(t, i18n.Vi, boardtest.Editor)
	d.keys("enter", "ctrl+u")
	d.typeText("Trạm y tế mới sửa")
	d.keys("enter", "down", "d", "y", "esc")
	if _, ok := d.m.top().(*threadPage); !ok {
		t.Fatalf("top page is %T, want the thread", d.m.top())
	}
	scr := d.screen()
	if !strings.Contains(scr, "[Ảnh: Trạm y tế mới sửa]") || strings.Contains(scr, "lịch tiêm.txt") || strings.Contains(scr, "Tài liệu") {
		t.Errorf("the thread page does not show the new caption and the removal:\n%s", scr)
	}
}

package tui

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/i18n"
)

var update = flag.Bool("update", false, "rewrite the golden screens in testdata/")

// hcm is the board's time zone in tests; the clock starts at a fixed instant and moves one
// millisecond per reading, so dates and their order are the same on every run.
var hcm = func() *time.Location {
	l, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		panic(err)
	}
	return l
}()

// testClock is the clock of the tests' boards: it moves by step at each reading (zero: only when
// told, by set or Add).
type testClock struct {
	mu   sync.Mutex
	t    time.Time
	step time.Duration
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(c.step)
	return c.t
}

// set moves the clock (between steps of a test's story).
func (c *testClock) set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

// Add moves the clock on by d.
func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func newClock() *testClock {
	return &testClock{t: time.Date(2026, 11, 20, 8, 0, 0, 0, hcm), step: time.Millisecond}
}

// driver runs the real root model the way bubbletea does: each message goes through Update and
// every command it returns is run (bounded in time) and its message fed back.
type driver struct {
	t    *testing.T
	m    *model
	loop cmdLoop
}

func newDriver(t *testing.T, env Env) *driver {
	t.Helper()
	// A command that does not answer within 5 seconds is a timer (cursor blink and the like): not
	// part of the story.
	return openDriver(t, env, cmdLoop{max: 1000, wait: 5 * time.Second})
}

func openDriver(t *testing.T, env Env, loop cmdLoop) *driver {
	t.Helper()
	d := &driver{t: t, m: New(env).(*model), loop: loop}
	d.run(d.m.Init())
	return d
}

func (d *driver) send(msg tea.Msg) *driver {
	d.t.Helper()
	_, cmd := d.m.Update(msg)
	d.run(cmd)
	return d
}

func (d *driver) run(cmd tea.Cmd) {
	d.t.Helper()
	d.loop.run(d.t, cmd, func(msg tea.Msg) tea.Cmd {
		if _, ok := msg.(tea.QuitMsg); ok {
			return nil
		}
		_, next := d.m.Update(msg)
		return next
	})
}

// keys types each key: names like "down", "enter", "esc", "tab" or text.
func (d *driver) keys(ks ...string) *driver {
	d.t.Helper()
	pressKeys(func(m tea.Msg) { d.send(m) }, ks...)
	return d
}

func (d *driver) typeText(s string) { typeRunes(func(m tea.Msg) { d.send(m) }, s) }

// plain is the frame without styling, as the model wrote it (no terminal emulation).
func (d *driver) plain() string { return ansi.Strip(d.m.View().Content) }

// screen draws the current frame on an emulated 80×24 (or current size) terminal and returns
// its text, one line per row, trailing spaces trimmed.
func (d *driver) screen() string {
	w, h := d.m.c.Width, d.m.c.Height
	return screenOf(d.m.View().Content, w, h)
}

func screenOf(content string, w, h int) string {
	e := vt.NewEmulator(w, h)
	defer e.Close()
	_, _ = e.WriteString(strings.ReplaceAll(content, "\n", "\r\n"))
	var b strings.Builder
	for y := range h {
		var line strings.Builder
		for x := 0; x < w; x++ {
			c := e.CellAt(x, y)
			if c == nil || c.Width == 0 {
				continue
			}
			line.WriteString(c.Content)
		}
		b.WriteString(strings.TrimRight(line.String(), " "))
		b.WriteByte('\n')
	}
	return b.String()
}

// golden compares got with testdata/name.golden (go test -update rewrites it).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./board/tui/ -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden screen\n--- got\n%s--- want\n%s", name, got, want)
	}
}

// seeded is a board with a story: three threads (one pinned), two approved comments, one
// pending, visits on several days.
func seeded(t *testing.T) (*board.Board, *testClock) {
	t.Helper()
	clk := newClock()
	b := boardtest.New(t, board.Options{Location: hcm, Now: clk.Now})
	ctx := context.Background()
	clk.set(time.Date(2026, 11, 20, 8, 0, 0, 0, hcm))
	t1 := boardtest.Thread(t, b, "Lịch tiêm chủng mở rộng tháng 12", "Trạm y tế xã **thông báo** lịch tiêm chủng.\n\n- Thứ hai: trẻ dưới 1 tuổi\n- Thứ tư: trẻ 18 tháng\n\n![Bản đồ trạm y tế](https://example.org/map.png)\n\nMọi thắc mắc xin liên hệ trạm y tế.")
	for d := 0; d < 5; d++ {
		clk.set(time.Date(2026, 11, 21+d, 9, 0, 0, 0, hcm))
		for i := 0; i <= d; i++ {
			b.RecordVisit(boardtest.Guest("10.0.0."+string(rune('1'+i))), clk.Now())
		}
	}
	clk.set(time.Date(2026, 11, 24, 10, 0, 0, 0, hcm))
	t2 := boardtest.Thread(t, b, "Thông báo thu thuế đất phi nông nghiệp năm 2026", "Người dân nộp thuế tại **bộ phận một cửa** trước ngày 31/12.")
	clk.set(time.Date(2026, 11, 25, 14, 30, 0, 0, hcm))
	pin, err := b.CreateThread(ctx, boardtest.Editor, board.ThreadInput{Title: "Hướng dẫn sử dụng bảng tin", Body: "Dùng phím mũi tên để chọn tin, **Enter** để đọc.", Pinned: true})
	if err != nil {
		t.Fatal(err)
	}
	_ = pin
	clk.set(time.Date(2026, 11, 26, 7, 15, 0, 0, hcm))
	c1, err := b.PostComment(ctx, boardtest.Staff, board.CommentInput{ThreadID: t1.ID, Name: "Nguyễn Văn An", Title: "Hỏi giờ tiêm", Body: "Cho hỏi buổi sáng tiêm từ mấy giờ ạ?"})
	if err != nil {
		t.Fatal(err)
	}
	if c1.Status != board.CommentApproved {
		if err := b.ApproveComments(ctx, boardtest.Admin, []uint64{c1.ID}, ""); err != nil {
			t.Fatal(err)
		}
	}
	clk.set(time.Date(2026, 11, 27, 16, 45, 0, 0, hcm))
	if _, err := b.PostComment(ctx, boardtest.GuestKey("SHA256:guest-one", "10.0.0.9"), board.CommentInput{ThreadID: t2.ID, Name: "Trần Thị Bình", Title: "", Body: "Có nộp qua mạng được không?"}); err != nil {
		t.Fatal(err)
	}
	clk.set(time.Date(2026, 11, 28, 9, 0, 0, 0, hcm))
	return b, clk
}

var reader = boardtest.GuestKey("SHA256:reader-key", "10.0.0.50")

func envFor(b *board.Board, lang i18n.Lang, id board.Identity) Env {
	return Env{Board: b, Identity: id, Lang: lang, BoardName: "UBND xã Tân Phú", Online: func() int { return 3 },
		Width: 80, Height: 24, NoColor: true}
}

func TestGoldenScreens(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
		for _, tc := range []struct {
			name string
			id   board.Identity
			do   func(d *driver)
		}{
			{"home", reader, func(d *driver) {}},
			{"thread", reader, func(d *driver) { d.keys("down", "enter") }},
			{"thread_comments", reader, func(d *driver) { d.keys("G", "enter") }},
			{"thread_end", reader, func(d *driver) { d.keys("down", "enter", "G", "tab") }},
			{"search", reader, func(d *driver) { d.keys("/"); d.typeText("thue dat"); d.keys("enter") }},
			{"help", reader, func(d *driver) { d.keys("?") }},
			{"help_admin", boardtest.Admin, func(d *driver) { d.keys("?") }},
			{"whatsnew", reader, func(d *driver) { d.keys("w") }},
			{"home_editor", boardtest.Editor, func(d *driver) {}},
		} {
			t.Run(string(lang)+"_"+tc.name, func(t *testing.T) {
				b, _ := seeded(t)
				d := newDriver(t, envFor(b, lang, tc.id))
				tc.do(d)
				content := d.m.View().Content
				for i, l := range strings.Split(content, "\n") {
					if w := ansi.StringWidth(l); w > 80 {
						t.Errorf("line %d is %d cells wide: %q", i, w, l)
					}
				}
				if n := strings.Count(content, "\n") + 1; n != 24 {
					t.Errorf("%d lines, want 24", n)
				}
				golden(t, tc.name+"_"+string(lang), d.screen())
			})
		}
	}
}

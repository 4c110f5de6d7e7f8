package tui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

// offline is a session without a board: pages get their data from injected messages.
func offline(t *testing.T, lang i18n.Lang, noColor bool) *driver {
	t.Helper()
	return newDriver(t, Env{Lang: lang, BoardName: "Bảng tin xã", Width: 80, Height: 24, NoColor: noColor, Online: func() int { return 7 }})
}

func (d *driver) home() *homePage { return d.m.stack[0].(*homePage) }

// injectHome gives the home page a thread list as if the board had answered.
func (d *driver) injectHome(ts []board.Thread, cats []board.Category) {
	h := d.home()
	pages := max(1, (len(ts)+h.rows()-1)/h.rows())
	d.send(homeLoadedMsg{to: h, req: int64(h.req), version: 1, cats: cats,
		list: board.ThreadPage{Threads: ts, Total: len(ts), Page: 1, Pages: pages},
		vis:  visitorSnap{counts: board.VisitorCounts{Today: 5, Week: 20, Total: 1000}}})
}

func someThreads(n int) []board.Thread {
	at := time.Date(2026, 11, 1, 8, 0, 0, 0, hcm)
	ts := make([]board.Thread, n)
	for i := range ts {
		ts[i] = board.Thread{ID: uint64(i + 1), Title: fmt.Sprintf("Tin số %d", i+1), Status: board.StatusPublished,
			PublishedAt: at.AddDate(0, 0, -i), UpdatedAt: at, Comments: i * 7}
	}
	return ts
}

func TestWindowTooSmall(t *testing.T) {
	for _, tc := range []struct {
		w, h  int
		small bool
	}{
		{59, 24, true}, {80, 17, true}, {40, 10, true}, {1, 1, true}, {60, 18, false}, {80, 24, false}, {200, 50, false},
	} {
		t.Run(fmt.Sprintf("%dx%d", tc.w, tc.h), func(t *testing.T) {
			d := offline(t, i18n.Vi, true)
			d.injectHome(someThreads(3), nil)
			d.send(tea.WindowSizeMsg{Width: tc.w, Height: tc.h})
			content := d.m.View().Content
			scr := screenOf(content, tc.w, tc.h)
			wantMsg := i18n.T(i18n.Vi, i18n.WindowTooSmall, tc.w, tc.h, MinWidth, MinHeight)
			short := text.Truncate(wantMsg, tc.w, "")
			if tc.small {
				if !strings.Contains(strings.ReplaceAll(scr, "\n", " "), short) {
					t.Errorf("screen does not ask for a bigger window:\n%s", scr)
				}
				if strings.Contains(scr, "Tin số 1") {
					t.Errorf("a broken board screen is drawn below the minimum size:\n%s", scr)
				}
			} else {
				if strings.Contains(scr, "Cửa sổ quá nhỏ") || !strings.Contains(scr, "Tin số 1") || !strings.Contains(scr, "Bảng tin xã") {
					t.Errorf("the board is not shown at %dx%d:\n%s", tc.w, tc.h, scr)
				}
			}
			for i, l := range strings.Split(content, "\n") {
				if w := ansi.StringWidth(l); w > tc.w {
					t.Errorf("line %d is %d cells wide in a %d-cell window", i, w, tc.w)
				}
			}
			if n := strings.Count(content, "\n") + 1; n > tc.h {
				t.Errorf("%d lines in a %d-line window", n, tc.h)
			}
		})
	}
}

// hostile strings a poster might try: screen clearing, a clipboard write, cursor tricks, bidi.
var hostile = []string{"\x1b[2J", "\x1b]52;c;SGVsbG8=\x07", "\x1b]52;c;SGVsbG8=\x1b\\", "\r", "\b", "\u202e", "\x9b31m", "\x07", "\x1bP+q\x1b\\", "\u2066"}

func hostileText(prefix string) string {
	return prefix + " " + strings.Join(hostile, "x") + " end"
}

// assertClean fails if s holds anything but printable text, newlines and our own SGR styling.
func assertClean(t *testing.T, where, s string) {
	t.Helper()
	var state byte
	for len(s) > 0 {
		seq, width, n, newState := ansi.DecodeSequence(s, state, nil)
		state = newState
		switch {
		case seq == "\n":
		case width > 0:
			for _, r := range seq {
				if r == '\u202e' || r == '\u202d' || (r >= '\u2066' && r <= '\u2069') || (r >= '\u202a' && r <= '\u202c') {
					t.Errorf("%s: bidi control %U reached the screen", where, r)
				}
			}
		case strings.HasPrefix(seq, "\x1b[") && strings.HasSuffix(seq, "m"):
			// SGR: styles drawn by the TUI itself.
		default:
			t.Errorf("%s: raw sequence %q reached the screen", where, seq)
		}
		s = s[n:]
	}
}

func TestHostileTextNeverReachesTheScreen(t *testing.T) {
	for _, noColor := range []bool{true, false} {
		t.Run(fmt.Sprintf("noColor=%v", noColor), func(t *testing.T) {
			d := offline(t, i18n.Vi, noColor)
			ts := someThreads(3)
			ts[0].Title = hostileText("Tiêu đề")
			ts[0].AuthorName = hostileText("Tác giả")
			ts[0].Body = hostileText("Nội dung") + "\n\n**đậm** " + hostileText("x")
			d.injectHome(ts, []board.Category{{ID: 1, Name: hostileText("Chuyên mục")}})
			assertClean(t, "home", d.m.View().Content)

			d.keys("enter")
			tp := d.m.top().(*threadPage)
			k := tp.mdKey(ts[0])
			body, err := (*Cache)(nil).renderBody(k, ts[0].Body)
			if err != nil {
				t.Fatal(err)
			}
			snap := threadSnap{t: ts[0], others: ts[1:], comments: board.CommentPage{Total: 1, Comments: []board.Comment{{
				ID: 1, ThreadID: 1, Name: hostileText("Tên"), Title: hostileText("Tiêu đề ý kiến"),
				Body: hostileText("Ý kiến") + "\nline two\r\nline three", CreatedAt: ts[0].PublishedAt}}}}
			d.send(threadLoadedMsg{to: tp, req: tp.req, version: 1, snap: snap, body: body, bodyKey: k, first: true})
			view := d.m.View().Content
			if !strings.Contains(ansi.Strip(view), "Tiêu đề") || !strings.Contains(ansi.Strip(view), "line two") {
				t.Fatalf("the thread is not shown:\n%s", ansi.Strip(view))
			}
			assertClean(t, "thread", view)
			d.keys("G")
			assertClean(t, "thread end", d.m.View().Content)
		})
	}
}

// Whatever hostile text the board accepts (it refuses some outright) is neutralised on screen.
func TestHostileTextFromTheBoard(t *testing.T) {
	b := boardtest.New(t)
	ctx := context.Background()
	accepted := 0
	for i, h := range append(hostile, hostileText("mixed")) {
		title := fmt.Sprintf("Tin %d a%sb", i, h)
		th, err := b.CreateThread(ctx, boardtest.Editor, board.ThreadInput{Title: title, Body: "Nội dung " + h + " hết."})
		if err != nil {
			if !errors.Is(err, board.ErrInvalid) {
				t.Fatalf("%q: %v", h, err)
			}
			continue
		}
		accepted++
		if _, err := b.PostComment(ctx, boardtest.Staff, board.CommentInput{ThreadID: th.ID, Name: "Tên" + h, Body: "Ý kiến" + h + "."}); err != nil && !errors.Is(err, board.ErrInvalid) {
			t.Fatal(err)
		}
	}
	t.Logf("the board accepted %d of %d hostile titles", accepted, len(hostile)+1)
	boardtest.Thread(t, b, "Tin thường", "Nội dung.")
	d := newDriver(t, envFor(b, i18n.Vi, reader))
	assertClean(t, "home", d.m.View().Content)
	for range accepted + 1 {
		d.keys("enter")
		assertClean(t, "thread", d.m.View().Content)
		d.keys("G")
		assertClean(t, "thread end", d.m.View().Content)
		d.keys("esc", "down")
	}
}

func TestWideAndCombiningTextKeepsColumns(t *testing.T) {
	d := offline(t, i18n.Vi, true)
	ts := someThreads(6)
	ts[0].Title = "中文標題測試中文標題測試中文標題測試中文標題測試中文標題測試中文標題測試中文標題"
	ts[1].Title = "Emoji 👍🏽👨‍👩‍👧 và cờ 🇻🇳 trong tiêu đề rất dài để phải cắt bớt ở cuối dòng này"
	ts[2].Title = "Tie\u0302\u0301ng Vie\u0323\u0302t to\u0302\u0309 ho\u031bp da\u0302\u0301u" // decomposed
	ts[3].Title = "ﾊﾝｶｸ and ＦＵＬＬＷＩＤＴＨ　ｔｅｘｔ"
	ts[4].Title = "a\u0300\u0301\u0302\u0303\u0304 zalgo-ish"
	for i := range ts {
		ts[i].Comments = 1234
	}
	d.injectHome(ts, []board.Category{{ID: 1, Name: "新闻"}, {ID: 2, Name: "Thông báo 📢"}})
	content := d.m.View().Content
	lines := strings.Split(content, "\n")
	for i := 0; i < len(ts); i++ {
		row := ansi.Strip(lines[3+i])
		if w := text.Width(row); w != 80 {
			t.Errorf("row %d is %d cells wide, want 80: %q", i, w, row)
		}
		if !strings.HasSuffix(row, "1.234") {
			t.Errorf("row %d: the comment count is not in the last column: %q", i, row)
		}
	}
	// The emulated terminal agrees: the count ends in the last column of every row.
	e := screenOf(content, 80, 24)
	for i, l := range strings.Split(e, "\n")[3 : 3+len(ts)] {
		if !strings.HasSuffix(l, "1.234") {
			t.Errorf("screen row %d: %q", i, l)
		}
	}
	if !strings.Contains(e, "Tiếng Việt") {
		t.Errorf("decomposed Vietnamese is not shown composed (NFC):\n%s", e)
	}
}

// frameBytes measures what bubbletea's renderer (ultraviolet) writes for frame b after frame a.
func frameBytes(t testing.TB, a, b string, w, h int) (full, diff int) {
	var out bytes.Buffer
	scr := uv.NewTerminalRenderer(&out, []string{"TERM=xterm-256color"})
	scr.SetColorProfile(colorprofile.ANSI256)
	scr.SetFullscreen(true)
	scr.SetRelativeCursor(false)
	buf := uv.NewScreenBuffer(w, h)
	draw := func(s string) int {
		out.Reset()
		buf.Clear()
		uv.NewStyledString(s).Draw(buf, buf.Bounds())
		scr.Render(buf.RenderBuffer)
		if err := scr.Flush(); err != nil {
			t.Fatal(err)
		}
		return out.Len()
	}
	full = draw(a)
	diff = draw(b)
	return full, diff
}

func TestDownArrowRewritesOnlyTheMarker(t *testing.T) {
	for _, noColor := range []bool{true, false} {
		t.Run(fmt.Sprintf("noColor=%v", noColor), func(t *testing.T) {
			d := offline(t, i18n.Vi, noColor)
			ts := someThreads(16)
			ts[0].Pinned = true
			d.injectHome(ts, []board.Category{{ID: 1, Name: "Tin tức"}})
			before := d.m.View().Content
			d.keys("down")
			after := d.m.View().Content
			bl, al := strings.Split(before, "\n"), strings.Split(after, "\n")
			if len(bl) != len(al) {
				t.Fatalf("%d lines before, %d after", len(bl), len(al))
			}
			marker := d.m.c.Styles.Marker.Render(Marker)
			changed := 0
			for i := range bl {
				if bl[i] == al[i] {
					continue
				}
				changed++
				rest := func(l string) string {
					if r, ok := strings.CutPrefix(l, marker); ok {
						return r
					}
					return strings.TrimPrefix(l, " ")
				}
				if rest(bl[i]) != rest(al[i]) {
					t.Errorf("line %d changed beyond its marker:\n%q\n%q", i, bl[i], al[i])
				}
			}
			if changed != 2 {
				t.Errorf("%d lines changed, want 2 (old and new selection)", changed)
			}
			full, diff := frameBytes(t, before, after, 80, 24)
			t.Logf("full frame %d bytes, down arrow %d bytes (%.1f%%)", full, diff, 100*float64(diff)/float64(full))
			if diff*10 >= full {
				t.Errorf("a down arrow writes %d bytes, %d%% of a full frame (%d); want under 10%%", diff, diff*100/full, full)
			}
		})
	}
}

// BenchmarkDownArrow reports the bytes the renderer writes for one down arrow on the home list
// against a full frame (issue 7, figure d).
func BenchmarkDownArrow(b *testing.B) {
	c := &Common{Env: Env{Lang: i18n.Vi}, Width: 80, Height: 24, Styles: NewStyles(false), Keys: NewKeyMap(i18n.Vi)}
	m := &model{c: c, help: newHelpModel(c), dirty: true}
	h := NewHome(c).(*homePage)
	m.stack = []Page{h}
	h.Update(homeLoadedMsg{to: h, req: int64(h.req), list: board.ThreadPage{Threads: someThreads(16), Total: 16, Page: 1, Pages: 1}})
	var full, diff int
	for i := 0; i < b.N; i++ {
		h.sel = 0
		h.gen++
		m.dirty = true
		before := m.View().Content
		m.Update(keyMsg("down"))
		after := m.View().Content
		full, diff = frameBytes(b, before, after, 80, 24)
	}
	b.ReportMetric(float64(full), "full-bytes")
	b.ReportMetric(float64(diff), "key-bytes")
	b.ReportMetric(100*float64(diff)/float64(full), "%-of-full")
}

func TestLiveMsgWithoutChangesDoesNoWork(t *testing.T) {
	b, _ := seeded(t)
	d := newDriver(t, envFor(b, i18n.Vi, reader))
	v := b.Version()
	d.send(LiveMsg{Online: 3, Version: v})
	first := d.m.View().Content
	_, cmd := d.m.Update(LiveMsg{Online: 3, Version: v})
	if cmd != nil {
		t.Error("an unchanged LiveMsg started a command (a reload)")
	}
	second := d.m.View().Content
	if unsafe.StringData(first) != unsafe.StringData(second) {
		t.Error("an unchanged LiveMsg rebuilt the frame")
	}

	// A new online count redraws without reading the board.
	_, cmd = d.m.Update(LiveMsg{Online: 4, Version: v})
	if cmd != nil {
		t.Error("an online count change started a command")
	}
	if !strings.Contains(d.screen(), "Đang online: 4") {
		t.Errorf("online count not updated:\n%s", d.screen())
	}

	// A change on the board reloads the list in a command and shows it.
	boardtest.Thread(t, b, "Tin vừa đăng lúc họp giao ban", "Nội dung.")
	_, cmd = d.m.Update(LiveMsg{Online: 4, Version: b.Version()})
	if cmd == nil {
		t.Fatal("a board change did not reload")
	}
	d.run(cmd)
	if !strings.Contains(d.screen(), "Tin vừa đăng lúc họp giao ban") {
		t.Errorf("the new thread is not listed after a LiveMsg:\n%s", d.screen())
	}
}

func TestModeratorBadgeFollowsTheQueue(t *testing.T) {
	b, _ := seeded(t)
	d := newDriver(t, envFor(b, i18n.Vi, boardtest.Admin))
	if !strings.Contains(d.screen(), "Chờ duyệt: 1") {
		t.Fatalf("badge missing:\n%s", d.screen())
	}
	ts, err := b.ListThreads(context.Background(), reader, board.ThreadQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.PostComment(context.Background(), boardtest.GuestKey("SHA256:another", "10.1.1.1"), board.CommentInput{ThreadID: ts.Threads[0].ID, Name: "Lê Văn C", Body: "Xin hỏi thêm."}); err != nil {
		t.Fatal(err)
	}
	d.send(LiveMsg{Online: 3, Version: b.Version()})
	if !strings.Contains(d.screen(), "Chờ duyệt: 2") {
		t.Errorf("badge not refreshed by LiveMsg:\n%s", d.screen())
	}
	// Guests see no badge.
	g := newDriver(t, envFor(b, i18n.Vi, reader))
	if strings.Contains(g.screen(), "Chờ duyệt") {
		t.Errorf("a guest sees the moderation badge")
	}
}

func TestNavigation(t *testing.T) {
	b, _ := seeded(t)
	d := newDriver(t, envFor(b, i18n.Vi, reader))
	steps := []struct {
		keys []string
		want string // on the screen after the keys
	}{
		{nil, "[Tất cả tin]"},
		{[]string{"enter"}, "Dùng phím mũi tên để chọn tin"}, // the pinned thread
		{[]string{"n"}, "Người dân nộp thuế"},
		{[]string{"n"}, "Trạm y tế xã thông báo"},
		{[]string{"p"}, "Người dân nộp thuế"},
		{[]string{"esc"}, "Ý kiến"},
		{[]string{"tab"}, "[Tin tức]"},
		{[]string{"tab"}, "[Tất cả tin]"},
		{[]string{"L"}, "Guest"},
		{[]string{"?"}, "previous category"},
		{[]string{"esc", "L"}, "Khách"},
		{[]string{"w"}, "Có gì mới từ"},
		{[]string{"q"}, "[Tất cả tin]"},
		{[]string{"/"}, "Tìm:"},
		{[]string{"q", "L", "?"}, "Tìm: q"}, // typing: the keys are text, not commands
	}
	for i, st := range steps {
		d.keys(st.keys...)
		if scr := d.screen(); !strings.Contains(scr, st.want) {
			t.Fatalf("step %d %v: %q not on screen:\n%s", i, st.keys, st.want, scr)
		}
	}
	// "q" on home quits; ctrl+c quits anywhere.
	d.keys("esc", "esc")
	if _, ok := d.m.top().(*homePage); !ok {
		t.Fatalf("not back home: %T", d.m.top())
	}
	_, cmd := d.m.Update(keyMsg("q"))
	if cmd == nil || cmd() != tea.Quit() {
		t.Error("q on home does not quit")
	}
	d.keys("enter")
	_, cmd = d.m.Update(keyMsg("ctrl+c"))
	if cmd == nil || cmd() != tea.Quit() {
		t.Error("ctrl+c in a thread does not quit")
	}
}

func TestReadMarksClearAfterReading(t *testing.T) {
	b, _ := seeded(t)
	d := newDriver(t, envFor(b, i18n.Vi, reader))
	row := func() string { return strings.Split(d.screen(), "\n")[3] }
	if !strings.Contains(row(), "Mới") {
		t.Fatalf("first thread not marked new: %q", row())
	}
	d.keys("enter", "esc")
	if strings.Contains(row(), "Mới") {
		t.Errorf("still marked new after reading: %q", row())
	}
	// A second session of the same reader agrees (the board keeps the marker).
	d2 := newDriver(t, envFor(b, i18n.Vi, reader))
	if r := strings.Split(d2.screen(), "\n")[3]; strings.Contains(r, "Mới") {
		t.Errorf("another session of the reader still sees it new: %q", r)
	}
}

func TestPagerAndResize(t *testing.T) {
	b := boardtest.New(t, board.Options{Location: hcm, Now: newClock().Now})
	for i := range 40 {
		boardtest.Thread(t, b, fmt.Sprintf("Thông báo số %02d", i+1), "Nội dung.")
	}
	d := newDriver(t, envFor(b, i18n.Vi, reader))
	scr := d.screen()
	if !strings.Contains(scr, "‹ 1 2 3 ›") || !strings.Contains(scr, "trang 1/3 · 40 tin") || !strings.Contains(scr, "Thông báo số 40") {
		t.Fatalf("page 1:\n%s", scr)
	}
	d.keys("right")
	if scr = d.screen(); !strings.Contains(scr, "trang 2/3") || !strings.Contains(scr, "Thông báo số 24") || strings.Contains(scr, "Thông báo số 40") {
		t.Fatalf("page 2:\n%s", scr)
	}
	// The arrows run on across pages.
	d.keys("up")
	if scr = d.screen(); !strings.Contains(scr, "trang 1/3") || !strings.Contains(selectedRow(scr), "Thông báo số 25") {
		t.Fatalf("up from the top of page 2:\n%s", scr)
	}
	d.keys("down")
	if scr = d.screen(); !strings.Contains(scr, "trang 2/3") {
		t.Fatalf("down from the end of page 1:\n%s", scr)
	}
	d.send(tea.WindowSizeMsg{Width: 100, Height: 40})
	if scr = d.screen(); !strings.Contains(scr, "trang 2/2") {
		t.Fatalf("taller window, bigger pages:\n%s", scr)
	}
	for i, l := range strings.Split(d.m.View().Content, "\n") {
		if w := ansi.StringWidth(l); w > 100 {
			t.Errorf("line %d: %d cells", i, w)
		}
	}
}

func TestPageNumbers(t *testing.T) {
	for _, tc := range []struct {
		page, pages int
		want        string
		cur         string
	}{
		{1, 1, "‹ 1 ›", "1"},
		{1, 12, "‹ 1 2 3 4 5 … ›", "1"},
		{6, 12, "‹ … 4 5 6 7 8 … ›", "6"},
		{12, 12, "‹ … 8 9 10 11 12 ›", "12"},
		{3, 4, "‹ 1 2 3 4 ›", "3"},
		{9, 0, "‹ 1 ›", "1"},
	} {
		p, cur := pageNumbers(tc.page, tc.pages)
		if got := strings.Join(p, " "); got != tc.want || p[cur] != tc.cur {
			t.Errorf("pageNumbers(%d, %d) = %q (current %q), want %q (%q)", tc.page, tc.pages, got, p[cur], tc.want, tc.cur)
		}
	}
}

func TestMarkdownRenderedOncePerKey(t *testing.T) {
	k := mdKey{id: 987654, updated: 1, width: 70, noColor: true, lang: i18n.En}
	body := "Hello ![a map](https://example.org/m.png) and ![](https://example.org/x.png)\n\n```\ncode\there\n```"
	var wg sync.WaitGroup
	got := make([]*rendered, 16)
	cache := NewCache() // one server's
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := cache.renderBody(k, body)
			if err != nil {
				t.Error(err)
			}
			got[i] = r
		}()
	}
	wg.Wait()
	for _, r := range got[1:] {
		if r != got[0] {
			t.Fatal("sessions got different renderings of the same body: not shared")
		}
	}
	out := ansi.Strip(strings.Join(got[0].lines, "\n"))
	if strings.Contains(out, "![") || !strings.Contains(out, "[Image: a map]") || !strings.Contains(out, "https://example.org/m.png") || !strings.Contains(out, "https://example.org/x.png") {
		t.Errorf("images are not shown as caption and address:\n%s", out)
	}
	if strings.Contains(out, "\t") {
		t.Error("a tab reached the screen")
	}
	for _, l := range got[0].lines {
		if w := ansi.StringWidth(l); w > 70 {
			t.Errorf("rendered line of %d cells at width 70: %q", w, l)
		}
	}
}

func TestMemoLoadsOnceAndStaysBounded(t *testing.T) {
	m := newMemo[int, int](3, 0, nil)
	var calls atomic.Int32
	var wg sync.WaitGroup
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, _ := m.Get(1, func() (int, error) { calls.Add(1); time.Sleep(10 * time.Millisecond); return 42, nil })
			if v != 42 {
				t.Errorf("got %d", v)
			}
		}()
	}
	wg.Wait()
	if calls.Load() != 1 {
		t.Errorf("loaded %d times, want once", calls.Load())
	}
	for i := 2; i <= 10; i++ {
		_, _ = m.Get(i, func() (int, error) { return i, nil })
	}
	if m.Len() != 3 {
		t.Errorf("%d entries, want at most 3", m.Len())
	}
	if _, err := m.Get(99, func() (int, error) { return 0, fmt.Errorf("boom") }); err == nil {
		t.Error("error lost")
	}
	n := 0
	_, _ = m.Get(99, func() (int, error) { n++; return 1, nil })
	if n != 1 {
		t.Error("a failed load was cached")
	}
}

func TestWritingKeysFollowRoles(t *testing.T) {
	b, _ := seeded(t)
	for _, tc := range []struct {
		id   board.Identity
		keys map[string]bool // key: may open a page
	}{
		{reader, map[string]bool{"m": false, "N": false, "C": false, "U": false, "B": false, "S": false, "A": false}},
		{boardtest.Staff, map[string]bool{"m": false, "N": false, "U": false}},
		{boardtest.Editor, map[string]bool{"m": true, "N": true, "C": true, "U": false, "A": false}},
		{boardtest.Admin, map[string]bool{"m": true, "N": true, "C": true, "U": true, "B": true, "S": true, "A": true}},
	} {
		for k, may := range tc.keys {
			d := newDriver(t, envFor(b, i18n.Vi, tc.id))
			d.keys(k)
			opened := len(d.m.stack) > 1
			if opened && !may {
				t.Errorf("%s (%s) opened %T with %q", tc.id.Actor(), tc.id.Role, d.m.top(), k)
			}
			// The constructor may not exist yet (nil page): then nothing opens, which is allowed.
			if may && !opened && constructorFor(d.m.c, k) != nil {
				t.Errorf("%s (%s): %q did not open its page", tc.id.Actor(), tc.id.Role, k)
			}
		}
		// Help lists exactly the keys the role may use.
		d := newDriver(t, envFor(b, i18n.En, tc.id))
		d.keys("?")
		scr := d.screen()
		for k, may := range tc.keys {
			desc := map[string]string{"m": "moderation", "N": "new thread", "C": "categories", "U": "users", "B": "bans", "S": "settings", "A": "audit log"}[k]
			if strings.Contains(scr, desc) != may {
				t.Errorf("%s: help shows %q = %v, want %v", tc.id.Role, desc, !may, may)
			}
		}
	}
}

func constructorFor(c *Common, k string) Page {
	switch k {
	case "m":
		return NewQueue(c)
	case "N":
		return NewEditor(c, nil)
	case "C":
		return NewCategories(c)
	case "U":
		return NewUsers(c)
	case "B":
		return NewBans(c)
	case "S":
		return NewSettings(c)
	case "A":
		return NewAudit(c)
	}
	return nil
}

func TestThreadFollowsModeration(t *testing.T) {
	b, _ := seeded(t)
	ctx := context.Background()
	d := newDriver(t, envFor(b, i18n.Vi, reader))
	d.keys("down", "enter") // the tax thread, whose guest comment waits
	tp := d.m.top().(*threadPage)
	if strings.Contains(d.screen(), "Có nộp qua mạng") {
		t.Fatal("a pending comment is shown")
	}
	// A visit changes the version but nothing the thread shows: no layout work. (The first
	// LiveMsg picks up this session's own view count.)
	d.send(LiveMsg{Online: 3, Version: b.Version() + 1})
	b.RecordVisit(boardtest.Guest("10.9.9.9"), time.Now())
	lines := tp.lines
	d.send(LiveMsg{Online: 3, Version: b.Version() + 2})
	if len(lines) > 0 && len(tp.lines) > 0 && &lines[0] != &tp.lines[0] {
		t.Error("an unrelated change re-laid out the thread")
	}
	pending, err := b.Pending(ctx, boardtest.Admin, 10)
	if err != nil || len(pending) != 1 {
		t.Fatalf("pending: %v %v", pending, err)
	}
	if err := b.ApproveComments(ctx, boardtest.Admin, []uint64{pending[0].ID}, ""); err != nil {
		t.Fatal(err)
	}
	d.send(LiveMsg{Online: 3, Version: b.Version() + 3})
	if scr := d.screen(); !strings.Contains(scr, "Có nộp qua mạng được không?") || !strings.Contains(scr, "Trần Thị Bình") {
		t.Errorf("the approved comment is not shown after a LiveMsg:\n%s", scr)
	}
}

func TestPastedQueryIsSanitised(t *testing.T) {
	d := offline(t, i18n.Vi, true)
	d.keys("/")
	d.send(tea.PasteMsg{Content: hostileText("thuế\nđất")})
	view := d.m.View().Content
	assertClean(t, "search line", view)
	if !strings.Contains(ansi.Strip(view), "Tìm: thuế đất") {
		t.Errorf("the query lost its text:\n%s", ansi.Strip(view))
	}
	d.typeText(" x")
	if v := d.m.top().(*searchPage).input.Value(); !strings.HasSuffix(v, "end x") {
		t.Errorf("typing after a paste: %q", v)
	}
}

// selectedRow is the screen row that carries the selection marker.
func selectedRow(scr string) string {
	for _, l := range strings.Split(scr, "\n") {
		if strings.HasPrefix(l, Marker) {
			return l
		}
	}
	return ""
}

func TestVisitOnlyRedrawsTheVisitorBox(t *testing.T) {
	b, _ := seeded(t)
	d := newDriver(t, envFor(b, i18n.Vi, reader))
	h := d.home()
	top := h.top
	b.RecordVisit(boardtest.Guest("10.7.7.7"), time.Now())
	d.send(LiveMsg{Online: 3, Version: b.Version() + 1})
	if h.top != top || unsafe.StringData(h.top) != unsafe.StringData(top) {
		t.Error("a visit rebuilt the thread list part of the home screen")
	}
	if !strings.Contains(d.screen(), "Tất cả: 16") {
		t.Errorf("the visit is not counted on screen:\n%s", d.screen())
	}
}

func TestLongThreadScrollsAndShowsWhere(t *testing.T) {
	b := boardtest.New(t, board.Options{Location: hcm, Now: newClock().Now})
	var body strings.Builder
	for i := range 60 {
		fmt.Fprintf(&body, "Đoạn %d của bài viết dài.\n\n", i+1)
	}
	boardtest.Thread(t, b, "Bài rất dài", body.String())
	d := newDriver(t, envFor(b, i18n.Vi, reader))
	d.keys("enter")
	last := func() string { l := strings.Split(d.screen(), "\n"); return l[len(l)-2] }
	if !strings.HasSuffix(last(), "%") || !strings.Contains(d.screen(), "Đoạn 1 ") {
		t.Fatalf("top of a long thread:\n%s", d.screen())
	}
	d.keys("pgdown")
	if scr := d.screen(); strings.Contains(scr, "Đoạn 1 ") || !strings.Contains(scr, "Đoạn 12 ") {
		t.Errorf("page down:\n%s", scr)
	}
	d.keys("G")
	if !strings.HasSuffix(last(), "100%") || !strings.Contains(d.screen(), "Tin khác") {
		t.Errorf("end:\n%s", d.screen())
	}
	d.keys("g", "j", "j")
	if scr := d.screen(); strings.Contains(scr, "Bài rất dài") {
		t.Errorf("j does not scroll:\n%s", scr)
	}
	// Endless browsing keeps a bounded stack.
	for range 40 {
		d.send(OpenMsg{Page: NewThread(d.m.c, []uint64{1}, 0)})
	}
	if len(d.m.stack) > maxStack {
		t.Errorf("%d pages kept", len(d.m.stack))
	}
	if _, ok := d.m.stack[0].(*homePage); !ok {
		t.Error("home left the bottom of the stack")
	}
}

// A page that changed the board (here: a stand-in for the writing pages) refreshes the page
// below when it closes, without waiting for the server's LiveMsg.
func TestBackShowsOwnChanges(t *testing.T) {
	b, _ := seeded(t)
	d := newDriver(t, envFor(b, i18n.Vi, boardtest.Admin))
	d.keys("G", "enter") // the vaccination thread
	d.send(OpenMsg{Page: &fakeWriter{c: d.m.c, do: func() {
		ts, _ := b.ListThreads(context.Background(), boardtest.Admin, board.ThreadQuery{})
		id := ts.Threads[len(ts.Threads)-1].ID
		if _, err := b.PostComment(context.Background(), boardtest.Admin, board.CommentInput{ThreadID: id, Name: "Quản trị", Body: "Đã cập nhật lịch."}); err != nil {
			t.Error(err)
		}
	}}})
	d.keys("x")
	if scr := d.screen(); !strings.Contains(scr, "Đã cập nhật lịch.") || !strings.Contains(scr, "Đã gửi") {
		t.Errorf("the thread does not show the new comment and the notice after the writer closed:\n%s", scr)
	}
}

// fakeWriter stands for a writing page: any key makes its change and closes it with a notice.
type fakeWriter struct {
	c  *Common
	do func()
}

func (f *fakeWriter) Init() tea.Cmd { return nil }
func (f *fakeWriter) Update(msg tea.Msg) (Page, tea.Cmd) {
	if _, ok := msg.(tea.KeyPressMsg); ok {
		return f, func() tea.Msg { f.do(); return BackMsg{Flash: "Đã gửi"} }
	}
	return f, nil
}
func (f *fakeWriter) View() string              { return "writer" }
func (f *fakeWriter) ShortHelp() []key.Binding  { return nil }
func (f *fakeWriter) FullHelp() [][]key.Binding { return nil }

// assertNoColour fails on any colour in s: NO_COLOR and TERM=dumb clients get bold, underline
// and reverse only.
func assertNoColour(t *testing.T, where, s string) {
	t.Helper()
	var state byte
	for len(s) > 0 {
		seq, _, n, newState := ansi.DecodeSequence(s, state, nil)
		state = newState
		if strings.HasPrefix(seq, "\x1b[") && strings.HasSuffix(seq, "m") {
			for _, p := range strings.FieldsFunc(seq[2:len(seq)-1], func(r rune) bool { return r == ';' || r == ':' }) {
				var v int
				fmt.Sscan(p, &v)
				if (v >= 30 && v <= 49) || (v >= 90 && v <= 107) {
					t.Errorf("%s: colour %q in a monochrome session", where, seq)
					break
				}
			}
		}
		s = s[n:]
	}
}

func TestMonochromeHasNoColour(t *testing.T) {
	b, _ := seeded(t)
	boardtest.Thread(t, b, "Tin định dạng", "# Tiêu đề\n\n## Mục\n\n*nghiêng* **đậm** `mã` [liên kết](https://example.org)\n\n```go\nfunc main() {}\n```\n\n> trích\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
	for _, tc := range []struct {
		name string
		keys []string
	}{
		{"home", nil}, {"thread", []string{"down", "enter"}}, {"thread end", []string{"down", "enter", "G", "tab"}}, {"help", []string{"?"}},
		{"whatsnew", []string{"w"}}, {"search", []string{"/", "t", "enter"}},
	} {
		d := newDriver(t, envFor(b, i18n.Vi, boardtest.Admin))
		d.keys(tc.keys...)
		assertNoColour(t, tc.name, d.m.View().Content)
	}
	// And the coloured session does use colour (the check can fail).
	env := envFor(b, i18n.Vi, reader)
	env.NoColor = false
	d := newDriver(t, env)
	d.keys("enter")
	probe := &testing.T{}
	assertNoColour(probe, "colour", d.m.View().Content)
	if !probe.Failed() {
		t.Error("a colour session shows no colour: the monochrome check proves nothing")
	}
}

func TestMarkdownCannotSmuggleControls(t *testing.T) {
	for _, tc := range []struct{ name, body, want string }{
		{"numeric escape", "a &#x1b;[2J b &#27;]52;c;SGVsbG8=&#7; c", "a"},
		{"bidi reference", "left &#x202e; right &rlm; end", "left"},
		{"invisible reference", "ad&ZeroWidthSpace;min &shy;x", "admin"},
		{"C1 reference", "x &#x9b;31m y", "x"},
		{"link", "[click](https://evil.example/\x1b]52;c;x\x07) and ![pic](https://evil.example/p.png)", "https://evil.example"},
		{"deep quote", strings.Repeat(">", 300) + " sâu", "sâu"},
		{"deep mixed", strings.Repeat("> - ", 200) + "x", "x"},
		{"kept references", "5 &lt; 7 &amp; &quot;ok&quot; &#x1F600;", "5 < 7 & \"ok\" 😀"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, noColor := range []bool{true, false} {
				r, err := renderMarkdown(mdKey{id: 1, width: 78, noColor: noColor, lang: i18n.Vi}, tc.body)
				if err != nil {
					t.Fatal(err)
				}
				out := strings.Join(r.lines, "\n")
				assertClean(t, tc.name, out)
				if !strings.Contains(ansi.Strip(out), tc.want) {
					t.Errorf("%q lost: %q", tc.want, ansi.Strip(out))
				}
				if len(r.lines) > 40 {
					t.Errorf("%d lines: nesting is not bounded", len(r.lines))
				}
			}
		})
	}
}

func TestModeratorActsOnACommentFromTheThread(t *testing.T) {
	b, _ := seeded(t)
	for _, tc := range []struct {
		id   board.Identity
		want string // the row tab selects first
	}{{boardtest.Admin, "Nguyễn Văn An"}, {reader, "Hướng dẫn sử dụng bảng tin"}} {
		d := newDriver(t, envFor(b, i18n.Vi, tc.id))
		d.keys("G", "enter", "tab") // the vaccination thread: one approved comment
		if row := selectedRow(d.screen()); !strings.Contains(row, tc.want) {
			t.Errorf("%s: tab selected %q, want %q", tc.id.Role, row, tc.want)
		}
		before := d.m.top()
		d.keys("enter")
		switch top := d.m.top().(type) {
		case *threadPage:
			built := NewCommentActions(d.m.c, board.Comment{}) != nil // nil until the page exists
			if (tc.id.Role.CanModerate() && built) || (!tc.id.Role.CanModerate() && top == before) {
				t.Errorf("%s: enter opened %T", tc.id.Role, top)
			}
		default:
			if !tc.id.Role.CanModerate() {
				t.Errorf("%s: enter opened %T", tc.id.Role, top)
			}
		}
	}
}

// A thread shows its first 100 comments; "+" loads 100 more each time, until every comment is
// on the page and the hint goes away; n/p start the next thread at 100 again.
func TestMoreComments(t *testing.T) {
	b := boardtest.New(t, board.Options{Location: hcm, Now: newClock().Now})
	th := boardtest.Thread(t, b, "Nhiều ý kiến", "Thân bài.")
	for i := range 230 {
		if _, err := b.PostComment(context.Background(), boardtest.Staff, board.CommentInput{ThreadID: th.ID, Name: "Cán bộ", Body: fmt.Sprintf("Ý kiến số %d.", i+1)}); err != nil {
			t.Fatal(err)
		}
	}
	d := newDriver(t, envFor(b, i18n.Vi, reader))
	d.keys("enter")
	tp := d.m.top().(*threadPage)
	page := func() string { return ansi.Strip(strings.Join(tp.lines, "\n")) }
	for _, step := range []struct {
		shown int
		hint  string
	}{
		{100, "… và 130 ý kiến mới hơn: nhấn + để xem thêm."},
		{200, "… và 30 ý kiến mới hơn: nhấn + để xem thêm."},
		{230, ""},
	} {
		p := page()
		if got := len(tp.snap.comments.Comments); got != step.shown {
			t.Fatalf("%d comments loaded, want %d", got, step.shown)
		}
		if !strings.Contains(p, fmt.Sprintf("Ý kiến số %d.", step.shown)) || strings.Contains(p, fmt.Sprintf("Ý kiến số %d.", step.shown+1)) {
			t.Errorf("with %d loaded, the page does not end at comment %d", step.shown, step.shown)
		}
		if step.hint != "" && !strings.Contains(p, step.hint) {
			t.Errorf("with %d loaded, no hint %q", step.shown, step.hint)
		}
		if step.hint == "" && strings.Contains(p, "mới hơn") {
			t.Errorf("every comment loaded, yet a hint is shown")
		}
		d.keys("+")
	}
	if got := len(tp.snap.comments.Comments); got != 230 {
		t.Errorf("+ with nothing more to load: %d comments", got)
	}
}

// Issue 18.3: with the second thread selected, a thread posted meanwhile (a live update) leaves
// the marker on the thread that was selected, not on its row number.
func TestHomeSelectionFollowsItsThread(t *testing.T) {
	b := boardtest.New(t)
	for _, title := range []string{"Tin một", "Tin hai", "Tin ba"} {
		boardtest.Thread(t, b, title, "Nội dung.")
	}
	d := openDriver(t, Env{Board: b, Identity: boardtest.Guest("203.0.113.7"), Lang: i18n.Vi, NoColor: true, Width: 80, Height: 24},
		cmdLoop{max: 1000, wait: 3 * time.Second})
	d.keys("down")
	selected := func() string {
		h := d.home()
		return h.list.Threads[h.sel].Title
	}
	want := selected()
	boardtest.Thread(t, b, "Tin mới đăng", "Nội dung.")
	d.send(LiveMsg{Version: b.Version()})
	if h := d.home(); len(h.list.Threads) != 4 {
		t.Fatalf("the live update did not reload the list: %d threads", len(h.list.Threads))
	}
	if got := selected(); got != want {
		t.Fatalf("selection moved from %q to %q", want, got)
	}
	for _, l := range strings.Split(d.plain(), "\n") {
		if strings.HasPrefix(l, Marker) && !strings.Contains(l, want) {
			t.Fatalf("the marker is on another row: %q", l)
		}
	}
}

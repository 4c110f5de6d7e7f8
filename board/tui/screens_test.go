package tui

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unsafe"

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
	m := &model{c: c, dirty: true}
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
	// "q" on home asks before it quits (issue 19.1); ctrl+c quits anywhere nothing is unsent.
	d.keys("esc", "esc")
	if _, ok := d.m.top().(*homePage); !ok {
		t.Fatalf("not back home: %T", d.m.top())
	}
	d.keys("q")
	if !strings.Contains(d.screen(), i18n.T(i18n.Vi, i18n.TUIQuitAsk)) {
		t.Fatalf("q on home does not ask:\n%s", d.screen())
	}
	d.keys("esc")
	if strings.Contains(d.screen(), i18n.T(i18n.Vi, i18n.TUIQuitAsk)) {
		t.Fatal("esc did not keep the session")
	}
	d.keys("q")
	_, cmd := d.m.Update(keyMsg("y"))
	if cmd == nil || cmd() != tea.Quit() {
		t.Error("y after q on home does not quit")
	}
	d.m.asking = ""
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

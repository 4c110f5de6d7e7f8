package tui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/i18n"
)

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

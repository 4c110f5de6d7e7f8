package component

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func testKeys() *KeyMap {
	b := func(keys ...string) key.Binding { return key.NewBinding(key.WithKeys(keys...)) }
	return &KeyMap{
		Up: b("up", "k"), Down: b("down", "j"), Top: b("home", "g"), Bottom: b("end", "G"),
		ListPageUp: b("pgup"), ListPageDown: b("pgdown"), ScrollUp: b("pgup"), ScrollDown: b("pgdown", "space"),
		NextField: b("tab"), PrevField: b("shift+tab"), FieldUp: b("up"), FieldDown: b("down"), Enter: b("enter"),
		ChoiceLeft: b("left"), ChoiceRight: b("right", "space"), Submit: b("ctrl+s"), Cancel: b("esc"),
		Yes: b("y", "c"), No: b("n", "k"),
	}
}

func press(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "ctrl+s":
		return tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

func TestCursor(t *testing.T) {
	k := testKeys()
	for _, tc := range []struct {
		keys     []string
		n, page  int
		pos      int
		from, to int // the window of 3 rows
	}{
		{nil, 10, 3, 0, 0, 3},
		{[]string{"down", "down", "down"}, 10, 3, 3, 1, 4},
		{[]string{"end"}, 10, 3, 9, 7, 10},
		{[]string{"end", "up"}, 10, 3, 8, 6, 9},
		{[]string{"pgdown", "pgdown"}, 10, 3, 6, 4, 7},
		{[]string{"up"}, 10, 3, 0, 0, 3},
		{[]string{"down", "down"}, 2, 3, 1, 0, 2},
		{[]string{"down"}, 0, 3, 0, 0, 0},
	} {
		var c Cursor
		for _, s := range tc.keys {
			if !c.Key(k, press(s), tc.n, tc.page) {
				t.Fatalf("%v: %q not a list key", tc.keys, s)
			}
		}
		from, to := c.Window(tc.n, 3)
		if c.Pos != tc.pos || from != tc.from || to != tc.to {
			t.Errorf("%v in %d: pos %d window [%d,%d), want %d [%d,%d)", tc.keys, tc.n, c.Pos, from, to, tc.pos, tc.from, tc.to)
		}
	}
	var c Cursor
	if c.Key(k, press("a"), 5, 3) {
		t.Error("a is not a list key")
	}
}

func TestFollowKeepsTheItem(t *testing.T) {
	for _, tc := range []struct {
		name   string
		before []int
		pos    int
		after  []int
		want   int // the item selected after
	}{
		{"an item arrives above", []int{1, 2, 3}, 1, []int{9, 1, 2, 3}, 2},
		{"an item above leaves", []int{1, 2, 3}, 1, []int{2, 3}, 2},
		{"the item itself leaves: the next one", []int{1, 2, 3}, 1, []int{1, 3}, 3},
		{"the last item leaves", []int{1, 2, 3}, 2, []int{1, 2}, 2},
		{"everything leaves", []int{1, 2}, 1, nil, 0},
	} {
		c := Cursor{Pos: tc.pos}
		sel := tc.before[tc.pos]
		Follow(&c, tc.after, func(x int) bool { return x == sel })
		got := 0
		if c.Pos < len(tc.after) {
			got = tc.after[c.Pos]
		}
		if got != tc.want {
			t.Errorf("%s: selected %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestConfirmOnlyByItsKey(t *testing.T) {
	k := testKeys()
	for _, tc := range []struct {
		key        string
		done, said bool
	}{
		{"enter", false, false},
		{"space", false, false},
		{"x", false, false},
		{"y", true, true},
		{"c", true, true},
		{"n", true, false},
		{"esc", true, false},
	} {
		said := false
		p := Confirm("Xoá ý kiến của Lan?", "c/y: đồng ý · Esc/k: huỷ", func(string) tea.Cmd { said = true; return nil })
		done, _ := p.Update(k, press(tc.key))
		if done != tc.done || said != tc.said {
			t.Errorf("%s: done %v, confirmed %v; want %v, %v", tc.key, done, said, tc.done, tc.said)
		}
	}
}

func TestAskTakesTextAndEnter(t *testing.T) {
	k := testKeys()
	var got string
	p := Ask(&Styles{NoColor: true}, "Lý do:", "", 100, func(s string) tea.Cmd { got = s; return nil })
	for _, s := range []string{"y", "e", "s"} {
		if done, _ := p.Update(k, press(s)); done {
			t.Fatalf("%q ended the prompt", s)
		}
	}
	p.Update(k, tea.PasteMsg{Content: " \x1b[31mđỏ\u202e"})
	if done, _ := p.Update(k, press("enter")); !done || got != "yes đỏ" {
		t.Fatalf("answer %q (done %v)", got, done)
	}
	// The question is wrapped, never cut.
	q := strings.Repeat("Từ chối ý kiến này ", 8)
	view := ansi.Strip(strings.Join(Ask(&Styles{}, q, "", 10, nil).View(&Styles{}, 40), "\n"))
	if !strings.Contains(strings.Join(strings.Fields(view), " "), strings.TrimSpace(q)) {
		t.Errorf("the question was cut:\n%s", view)
	}
}

func TestForm(t *testing.T) {
	k := testKeys()
	st := &Styles{NoColor: true}
	f := &Form{Title: "Chặn", Submit: "Chặn", Keys: "Tab"}
	f.AddInput(st, "Đối tượng", "", 50)
	f.AddChoice("Thời hạn", []string{"1 giờ", "1 ngày", "vĩnh viễn"}, 0)
	f.Focus(0)
	if !f.Typing() {
		t.Fatal("an input row does not take text")
	}
	for _, r := range "203.0.113.0/24" {
		f.Update(k, press(string(r)))
	}
	f.Update(k, press("tab"))
	f.Update(k, press("right"))
	f.Update(k, press("right"))
	if f.Rows[1].Choice != 2 || f.Value(0) != "203.0.113.0/24" || !f.Dirty() {
		t.Fatalf("choice %d, value %q", f.Rows[1].Choice, f.Value(0))
	}
	if submit, cancel, _ := f.Update(k, press("enter")); submit || cancel || f.Focused() != 2 {
		t.Fatalf("enter on a row: submit %v cancel %v focus %d", submit, cancel, f.Focused())
	}
	if submit, _, _ := f.Update(k, press("enter")); !submit {
		t.Fatal("enter on the button does not submit")
	}
	if _, cancel, _ := f.Update(k, press("esc")); !cancel {
		t.Fatal("esc does not cancel")
	}
	if submit, _, _ := f.Update(k, press("ctrl+s")); !submit {
		t.Fatal("ctrl+s does not submit")
	}
	// A new form in another language keeps what was entered.
	g := &Form{}
	g.AddInput(st, "Target", "", 50)
	g.AddChoice("For", []string{"1 hour", "1 day", "forever"}, 0)
	g.Carry(f)
	if g.Value(0) != "203.0.113.0/24" || g.Rows[1].Choice != 2 || g.Focused() != f.Focused() {
		t.Fatalf("carried: %q %d focus %d", g.Value(0), g.Rows[1].Choice, g.Focused())
	}
}

func TestPagerScrolls(t *testing.T) {
	k := testKeys()
	var lines []string
	for i := range 30 {
		lines = append(lines, strings.Repeat("x", i%7)+"dòng")
	}
	p := NewPager(k, lines)
	first := func() string { return strings.TrimSpace(strings.Split(p.View(20, 5), "\n")[0]) }
	if p.View(20, 5); first() != lines[0] || p.Offset() != 0 {
		t.Fatalf("top: %q", first())
	}
	p.Key(k, press("down"))
	p.Key(k, press("down"))
	if p.Offset() != 2 || first() != lines[2] {
		t.Fatalf("two down: offset %d, %q", p.Offset(), first())
	}
	p.Key(k, press("end"))
	if p.Offset() != 25 {
		t.Fatalf("end: offset %d, want 25", p.Offset())
	}
	if n := len(strings.Split(p.View(20, 5), "\n")); n != 5 {
		t.Fatalf("%d lines, want 5", n)
	}
	if p.Key(k, press("a")) {
		t.Fatal("a is not a pager key")
	}
}

// TestBlurShowsTheBeginning: a text field left after typing shows its start; focused again, the
// cursor goes after the text (issue 19.10).
func TestBlurShowsTheBeginning(t *testing.T) {
	st := &Styles{NoColor: true}
	in := Input(st, 200)
	FitInput(&in, 12)
	Focus(&in)
	in.SetValue("Ủy ban nhân dân xã Tân Phú, huyện Củ Chi")
	in.CursorEnd()
	if v := ansi.Strip(in.View()); strings.Contains(v, "Ủy ban") {
		t.Fatalf("while typing at the end the field shows %q, want its end", v)
	}
	Blur(&in)
	if v := ansi.Strip(in.View()); !strings.HasPrefix(v, "Ủy ban") {
		t.Fatalf("left field shows %q, want its beginning", v)
	}
	Focus(&in)
	if in.Position() != len([]rune(in.Value())) {
		t.Fatalf("focus put the cursor at %d, want the end", in.Position())
	}
}

func TestAccept(t *testing.T) {
	runes := func(s string) int { return len([]rune(s)) }
	for _, tc := range []struct {
		name    string
		msg     tea.Msg
		limited bool
		cur     string
		want    string // the text passed on; "" for none
		refused int    // the size of a refused paste; 0 when not refused
	}{
		{"key", tea.KeyPressMsg{Code: 'a', Text: "a"}, true, "xxxx", "a", 0},
		{"key with an escape", tea.KeyPressMsg{Code: 'a', Text: "\x1b"}, true, "", "", 0},
		{"paste that fits", tea.PasteMsg{Content: "ắ ố"}, true, "xx", "ắ ố", 0},
		{"paste to the limit", tea.PasteMsg{Content: "ắắ"}, true, "xxx", "ắắ", 0},
		{"paste past the limit", tea.PasteMsg{Content: "ắắắ"}, true, "xxx", "", 3},
		{"paste into a field without a limit", tea.PasteMsg{Content: "ắắắ"}, false, "xxx", "ắắắ", 0},
		{"paste cleaned before it is measured", tea.PasteMsg{Content: "ắ\x1b[31m\u202e"}, true, "xxxx", "ắ", 0},
		{"paste of nothing but controls", tea.PasteMsg{Content: "\x07\x08"}, true, "", "", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg, refused := Accept(tc.msg, tc.limited, tc.cur, 5, runes)
			var got string
			switch m := msg.(type) {
			case tea.PasteMsg:
				got = m.Content
			case tea.KeyPressMsg:
				got = m.Text
			}
			if got != tc.want {
				t.Errorf("passed on %q, want %q", got, tc.want)
			}
			switch {
			case tc.refused == 0 && refused != nil:
				t.Errorf("refused %v", refused)
			case tc.refused != 0 && (refused == nil || refused.Size != tc.refused || refused.Max != 5):
				t.Errorf("refusal %+v, want size %d of 5", refused, tc.refused)
			case tc.refused != 0 && msg != nil:
				t.Errorf("a refused paste passed on %#v", msg)
			}
		})
	}
}

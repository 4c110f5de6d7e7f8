package tui

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/i18n"
	"bangtin/board/tui/input"
)

var (
	altZ  = tea.KeyPressMsg{Code: 'z', Mod: tea.ModAlt}
	ctrlZ = tea.KeyPressMsg{Code: 'z', Mod: tea.ModCtrl}
	altX  = tea.KeyPressMsg{Code: 'x', Mod: tea.ModAlt}
)

func vnSettings(d *driver) input.Settings { return d.m.vnComp().Settings() }

// lastLine is the help line of a screen.
func lastLine(screen string) string {
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	return lines[len(lines)-1]
}

// TestVietnameseCommentForm: a guest turns Telex on in the comment form and types the name,
// the title and the comment; a paste goes in as pasted; the stored comment is Vietnamese. The
// help line shows the state (golden screens with the indicator off and on).
func TestVietnameseCommentForm(t *testing.T) {
	b, _ := wBoard(t)
	th := boardtest.Thread(t, b, "Thông báo lịch tiêm chủng tháng 12", "Nội dung.")
	env := envFor(b, i18n.Vi, boardtest.Guest("203.0.113.9"))
	env.CaptchaQuestion = func() (int, int) { return 7, 5 } // the check question is "7 + 5 = ?"
	d := newDriver(t, env)
	d.send(OpenMsg{Page: NewCommentForm(d.m.c, th)})
	if vnSettings(d).On {
		t.Fatal("Vietnamese input is on for a new guest")
	}
	off := d.screen()
	golden(t, "vn_form_off", off)
	if !strings.HasSuffix(lastLine(off), "EN") || !strings.Contains(lastLine(off), "alt+z") {
		t.Fatalf("the help line shows no state or key: %q", lastLine(off))
	}

	d.send(altZ)
	if !vnSettings(d).On || !strings.Contains(lastLine(d.screen()), "Gõ tiếng Việt: Telex") {
		t.Fatalf("alt+z: on %v, notice %q", vnSettings(d).On, lastLine(d.screen()))
	}
	d.keys("Lof Vawn Minh", "tab", "Gops ys", "tab", "Vieejt Nam ddejp quas, hoaf thuaanj.", "space")
	d.send(tea.PasteMsg{Content: "dán: Vieejt ddi"})
	on := d.screen()
	golden(t, "vn_form_on", on)
	if !strings.HasSuffix(lastLine(on), "VN Telex") {
		t.Fatalf("the help line does not show VN Telex: %q", lastLine(on))
	}
	d.keys("tab", "12", "ctrl+s")

	cs := wPending(t, b)
	if len(cs) != 1 {
		t.Fatalf("%d pending comments, want 1", len(cs))
	}
	c := cs[0]
	if c.Name != "Lò Văn Minh" || c.Title != "Góp ý" || c.Body != "Việt Nam đẹp quá, hòa thuận. dán: Vieejt ddi" {
		t.Fatalf("stored %q / %q / %q", c.Name, c.Title, c.Body)
	}
}

// TestVietnameseKeysOutsideFields: with Telex on, the reading pages keep their letter keys,
// "/" opens search, and the search line composes; ctrl+z is the same switch as alt+z.
func TestVietnameseKeysOutsideFields(t *testing.T) {
	b, _ := seeded(t)
	d := newDriver(t, envFor(b, i18n.Vi, boardtest.Guest("203.0.113.9")))
	d.send(ctrlZ)
	if !vnSettings(d).On {
		t.Fatal("ctrl+z did not turn Vietnamese input on")
	}
	home := d.m.top().(*homePage)
	before := home.sel
	d.keys("j")
	if home.sel != before+1 || d.m.vnComp().Composing() {
		t.Fatalf("j on home: selection %d → %d, composing %v", before, home.sel, d.m.vnComp().Composing())
	}
	d.keys("/")
	sp, ok := d.m.top().(*searchPage)
	if !ok {
		t.Fatalf("/ opened %T", d.m.top())
	}
	d.keys("tieengs Vieejt")
	if got := sp.input.Value(); got != "tiếng Việt" {
		t.Fatalf("search line = %q", got)
	}
	d.keys("backspace", "backspace", "backspace", "backspace")
	if got := sp.input.Value(); got != "tiếng " {
		t.Fatalf("after four backspaces = %q", got)
	}
	d.send(ctrlZ)
	d.keys("as")
	if got := sp.input.Value(); got != "tiếng as" {
		t.Fatalf("off again: %q", got)
	}
}

// TestVietnamesePrefsRemembered: an account's choice (on, style) is saved and a new session
// starts with it; a guest without a key starts every session with it off.
func TestVietnamesePrefsRemembered(t *testing.T) {
	b, _ := wBoard(t)
	ctx := context.Background()
	d := newDriver(t, envFor(b, i18n.En, boardtest.Staff))
	d.send(altZ)
	d.send(altX)
	if got := lastLine(d.screen()); !strings.Contains(got, "Telex, new (hoà, thuỷ)") {
		t.Fatalf("notice after alt+x: %q", got)
	}
	p, err := b.ReaderPrefs(ctx, boardtest.Staff)
	if want := (board.ReaderPrefs{VNInput: true, VNMethod: board.VNMethodTelex, VNNewTone: true}); err != nil || p != want {
		t.Fatalf("saved %+v, %v; want %+v", p, err, want)
	}
	d2 := newDriver(t, envFor(b, i18n.En, boardtest.Staff))
	if s := vnSettings(d2); s != (input.Settings{On: true, Method: input.Telex, NewTone: true}) {
		t.Fatalf("a new session of the account starts with %+v", s)
	}

	g := boardtest.Guest("203.0.113.9")
	d3 := newDriver(t, envFor(b, i18n.Vi, g))
	d3.send(altZ)
	if p, _ := b.ReaderPrefs(ctx, g); p != (board.ReaderPrefs{}) {
		t.Fatalf("a guest without a key has saved prefs: %+v", p)
	}
	if s := vnSettings(newDriver(t, envFor(b, i18n.Vi, g))); s.On {
		t.Fatal("a keyless guest's next session starts with Vietnamese input on")
	}
}

// TestVietnameseEditorAndPrompt: the news editor's fields (the body a textarea of several
// lines) and a moderation reason prompt compose too; the queue's list keys stay keys.
func TestVietnameseEditorAndPrompt(t *testing.T) {
	b, _ := wBoard(t)
	d := newDriver(t, envFor(b, i18n.Vi, boardtest.Editor))
	d.send(altZ)
	e := NewEditor(d.m.c, nil)
	d.send(OpenMsg{Page: e})
	ed := d.m.top().(*editorPage)
	d.keys("Thoong baos", "tab", "tab", "Toongr keets", "tab")
	d.keys("Ddoongf bawngf", "enter", "nawm 2026")
	if ed.title.Value() != "Thông báo" || ed.summary.Value() != "Tổng kết" || ed.body.Value() != "Đồng bằng\nnăm 2026" {
		t.Fatalf("editor: %q / %q / %q", ed.title.Value(), ed.summary.Value(), ed.body.Value())
	}

	b2, _ := seeded(t) // one pending comment
	d = newDriver(t, envFor(b2, i18n.Vi, boardtest.Admin))
	d.send(altZ)
	d.keys("m")
	q, ok := d.m.top().(*queuePage)
	if !ok || len(q.items) != 1 {
		t.Fatalf("m opened %T (%d items)", d.m.top(), len(q.items))
	}
	d.keys("r")
	if !inputPrompt(q.prompt) {
		t.Fatal("r did not ask for a reason")
	}
	d.keys("Quangr caos", "enter")
	log, err := b2.Audit(context.Background(), boardtest.Admin, board.AuditQuery{Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range log {
		found = found || strings.Contains(e.Reason, "Quảng cáo")
	}
	if !found {
		t.Fatalf("the rejection's reason is not in the audit log: %+v", log)
	}
}

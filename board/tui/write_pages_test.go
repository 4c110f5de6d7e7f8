package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/boardtest"
	whostile "bangtin/board/hostile"
	"bangtin/board/i18n"
)

// wNeedles are payload fragments that must never reach a screen verbatim: styling or terminal
// commands smuggled in user text (the views' own styling never uses these). What is left of a
// neutralised sequence ("]52;c;…" without its ESC) is plain text and may show.
var wNeedles = []string{"\x1b[31m", "\x1b[8m", "\x1b[2J", "\x1b]", "\x1bP", "\x1b_", "\u009b", "\u009d", "\u202e", "\r", "\b"}

// wCheckScreen asserts that a view holds nothing hostile and fits the 80-cell width.
func wCheckScreen(t *testing.T, c *Common, what, view string) {
	t.Helper()
	if err := whostile.CheckView(view, wNeedles...); err != nil {
		t.Errorf("%s: %v", what, err)
	}
	wScreen(t, c, view)
}

// wCut keeps at most n runes of s (fields have limits; the payload's start is what matters).
func wCut(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

// Hostile text posted by guests, both through the comment form and straight to the board, never
// reaches the admin's queue raw: list, search results and every comment opened whole.
func TestWHostileCommentsInQueue(t *testing.T) {
	b, _ := wBoard(t)
	th := boardtest.Thread(t, b, "Tin", "Nội dung.")
	ctx := context.Background()
	guest := wCommon(b, boardtest.Guest("198.51.100.9"))
	payloads := append(whostile.Short(4000), whostile.Payload{Name: "paste-100000", Text: strings.Repeat("\x1b]52;c;ZXZpbA==\x07\u202etext\r\b", 100_000/24)})
	stored := 0
	for _, p := range payloads {
		// Straight to the board (what any other interface could send).
		_, err := b.PostComment(ctx, boardtest.GuestKey("SHA256:raw", "198.51.100.10"),
			board.CommentInput{ThreadID: th.ID, Name: wCut(p.Text, 80), Title: wCut(p.Text, 150), Body: p.Text})
		var ve *board.ValidationError
		switch {
		case err == nil:
			stored++
		case !errors.As(err, &ve):
			t.Fatalf("%s: refused with %v, want a validation error", p.Name, err)
		}
		// Through the form, each field pasted.
		d := wDrive(t, NewCommentForm(guest, th))
		d.paste(wCut(p.Text, 80)).keys("tab").paste(wCut(p.Text, 150)).keys("tab").paste(p.Text).keys("tab", "12", "ctrl+s")
		wCheckScreen(t, guest, p.Name+": the guest's own form", d.view())
		if len(d.back) == 1 {
			stored++
		}
	}
	if stored < len(payloads) {
		t.Fatalf("only %d of %d hostile posts were stored: the test would prove little", stored, 2*len(payloads))
	}

	a := wCommon(b, boardtest.Admin)
	q := wDrive(t, NewQueue(a))
	qp := q.p.(*queuePage)
	if len(qp.items) != stored {
		t.Fatalf("queue lists %d comments, %d stored", len(qp.items), stored)
	}
	for i := range qp.items {
		qp.cur.Pos = i
		wCheckScreen(t, a, fmt.Sprintf("queue list at %d", i), q.view())
		q.keys("enter")
		wCheckScreen(t, a, fmt.Sprintf("comment %d opened (%q)", i, wCut(qp.items[i].Name, 20)), q.view())
		q.keys("pgdown")
		wCheckScreen(t, a, fmt.Sprintf("comment %d scrolled", i), q.view())
		q.keys("esc")
	}
	q.keys("/", "text", "ctrl+s")
	wCheckScreen(t, a, "search results", q.view())
	qp.cur.Pos = 0
	q.keys("e")
	wCheckScreen(t, a, "edit form", q.view())
	q.keys("esc", "y", "b")
	wCheckScreen(t, a, "ban form", q.view())
}

// Hostile text in every other field an admin sees: reasons, category and account names, thread
// titles, summaries and bodies, the audit log.
func TestWHostileEverywhere(t *testing.T) {
	b, _ := wBoard(t)
	ctx := context.Background()
	th := boardtest.Thread(t, b, "Tin", "Nội dung.")
	var comments []uint64
	var threads []board.Thread
	for i, p := range whostile.Short(300) {
		if _, err := b.AddCategory(ctx, boardtest.Admin, wCut(p.Text, 60)); err != nil && !errors.Is(err, board.ErrInvalid) && !errors.Is(err, board.ErrExists) {
			t.Fatalf("%s: category: %v", p.Name, err)
		}
		if _, err := b.AddBan(ctx, boardtest.Admin, board.BanInput{Fingerprint: fmt.Sprintf("SHA256:ban-%d", i), Reason: p.Text}); err != nil && !errors.Is(err, board.ErrInvalid) {
			t.Fatalf("%s: ban: %v", p.Name, err)
		}
		if cm, err := b.PostComment(ctx, boardtest.Guest(""), board.CommentInput{ThreadID: th.ID, Name: "Khách", Body: "x"}); err == nil {
			comments = append(comments, cm.ID)
			if err := b.RejectComments(ctx, boardtest.Admin, []uint64{cm.ID}, p.Text); err != nil && !errors.Is(err, board.ErrInvalid) {
				t.Fatalf("%s: reject: %v", p.Name, err)
			}
		}
		if nt, err := b.CreateThread(ctx, boardtest.Editor, board.ThreadInput{Title: wCut(p.Text, 200), Summary: p.Text, Body: p.Text}); err == nil {
			threads = append(threads, nt)
			if _, err := b.UpdateThread(ctx, boardtest.Editor, nt.ID, board.ThreadInput{Title: "Sửa", Body: p.Text + " sửa"}); err != nil {
				t.Fatalf("%s: update: %v", p.Name, err)
			}
		}
		if err := b.RenameAccount(ctx, boardtest.Admin, "staff", wCut(p.Text, 80)); err != nil && !errors.Is(err, board.ErrInvalid) {
			t.Fatalf("%s: rename: %v", p.Name, err)
		}
		a := wCommon(b, boardtest.Admin)
		u := wDrive(t, NewUsers(a))
		wCheckScreen(t, a, p.Name+": users", u.view())
		u.p.(*usersPage).cur.Pos = 2
		u.keys("enter")
		wCheckScreen(t, a, p.Name+": account", u.view())
	}
	if len(threads) == 0 || len(comments) == 0 {
		t.Fatal("the board refused every hostile thread or comment: the test would prove little")
	}
	a := wCommon(b, boardtest.Admin)
	for _, page := range []struct {
		name string
		p    Page
	}{{"categories", NewCategories(a)}, {"bans", NewBans(a)}, {"audit", NewAudit(a)}} {
		d := wDrive(t, page.p)
		for i := 0; i < 60; i++ {
			wCheckScreen(t, a, fmt.Sprintf("%s row %d", page.name, i), d.view())
			d.keys("down")
		}
		if page.name == "audit" {
			for i := 0; i < 20; i++ {
				d.keys("enter")
				wCheckScreen(t, a, fmt.Sprintf("audit entry %d", i), d.view())
				d.keys("esc", "down")
			}
		}
	}
	q := wDrive(t, NewQueue(a))
	q.keys("/", "khach", "ctrl+s")
	for i := range q.p.(*queuePage).items {
		q.p.(*queuePage).cur.Pos = i
		q.keys("enter")
		wCheckScreen(t, a, fmt.Sprintf("rejected comment %d", i), q.view())
		q.keys("esc")
	}
	e := wCommon(b, boardtest.Editor)
	for _, nt := range threads {
		nt, err := b.Thread(ctx, boardtest.Editor, nt.ID)
		if err != nil {
			t.Fatal(err)
		}
		d := wDrive(t, NewEditor(e, &nt))
		wCheckScreen(t, e, "editor", d.view())
		d.keys("ctrl+p")
		wCheckScreen(t, e, "preview", d.view())
		d.keys("esc")
		wPress(d, weHistory)
		wCheckScreen(t, e, "revisions", d.view())
		d.keys("enter")
		wCheckScreen(t, e, "revision", d.view())
	}
}

// Every page answers in English once the session switches, and none shows a missing message.
func TestWPagesEnglish(t *testing.T) {
	b, clk := wBoard(t)
	th, _ := wSeedQueue(t, b, clk)
	a := wCommon(b, boardtest.Admin)
	a.Lang = i18n.En
	pages := map[string]Page{
		"form": NewCommentForm(a, th), "queue": NewQueue(a), "editor": NewEditor(a, &th),
		"categories": NewCategories(a), "users": NewUsers(a), "bans": NewBans(a),
		"settings": NewSettings(a), "audit": NewAudit(a),
	}
	for name, p := range pages {
		d := wDrive(t, p)
		v := d.plain()
		if strings.Contains(v, "!tui.") {
			t.Errorf("%s: missing message:\n%s", name, v)
		}
		for _, h := range p.ShortHelp() {
			if strings.HasPrefix(h.Help().Desc, "!") {
				t.Errorf("%s: help %q", name, h.Help().Desc)
			}
		}
		if strings.Contains(v, "Gửi") || strings.Contains(v, "Lưu") || strings.Contains(v, "Tài khoản") {
			t.Errorf("%s: Vietnamese left in English:\n%s", name, v)
		}
	}
}

// Every writing page and sub-screen fits the window at the smallest size the root allows, at
// 80x24 and larger, in colour and in monochrome, in both languages.
func TestWPagesFitEverySize(t *testing.T) {
	b, clk := wBoard(t)
	th, _ := wSeedQueue(t, b, clk)
	if _, err := b.UpdateThread(context.Background(), boardtest.Editor, th.ID, board.ThreadInput{Title: th.Title, Body: "Sửa."}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.AddBan(context.Background(), boardtest.Admin, board.BanInput{Addr: "192.0.2.1", Reason: "thử"}); err != nil {
		t.Fatal(err)
	}
	flows := []struct {
		name string
		open func(c *Common) Page
		keys [][]string // after each step the screen is checked
	}{
		{"form", func(c *Common) Page { return NewCommentForm(c, th) }, [][]string{{}, {"ctrl+s"}, {"tab", "tab", "x", "esc"}}},
		{"queue", NewQueue, [][]string{{}, {"space"}, {"enter"}, {"esc", "b"}, {"esc", "/"}, {"esc", "e"}, {"esc", "r"}}},
		{"editor", func(c *Common) Page { return NewEditor(c, &th) }, [][]string{{}, {"ctrl+p"}, {"esc", "ctrl+u", "ctrl+s"}}},
		{"editor-new", func(c *Common) Page { return NewEditor(c, nil) }, [][]string{{}, {"ctrl+s"}}},
		{"categories", NewCategories, [][]string{{}, {"a"}}},
		{"users", NewUsers, [][]string{{}, {"enter"}, {"esc", "a"}, {"esc", "p"}, {"esc", "K"}}},
		{"bans", NewBans, [][]string{{}, {"a"}, {"esc", "d"}}},
		{"settings", NewSettings, [][]string{{}}},
		{"audit", NewAudit, [][]string{{}, {"enter"}, {"esc", "w"}}},
	}
	for _, size := range [][2]int{{MinWidth, MinHeight}, {80, 24}, {132, 43}} {
		for _, noColor := range []bool{true, false} {
			for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
				for _, f := range flows {
					c := wCommon(b, boardtest.Admin)
					c.Width, c.Height, c.NoColor, c.Lang = size[0], size[1], noColor, lang
					c.Styles = NewStyles(noColor)
					d := wDrive(t, f.open(c))
					for i, ks := range f.keys {
						d.keys(ks...)
						what := fmt.Sprintf("%s step %d at %dx%d color=%v %s", f.name, i, size[0], size[1], !noColor, lang)
						if err := whostile.CheckView(d.view()); err != nil {
							t.Errorf("%s: %v", what, err)
						}
						before := t.Failed()
						wScreen(t, c, d.view())
						if !before && t.Failed() {
							t.Logf("in %s:\n%s", what, d.plain())
						}
					}
				}
			}
		}
	}
}

// wOpenRoot drives the real root model of one session (what the SSH server runs).
func wOpenRoot(t *testing.T, b *board.Board, id board.Identity) *driver {
	t.Helper()
	// A command that does not answer within 3 seconds is a timer of the root (not part of the story).
	return openDriver(t, Env{Board: b, Identity: id, Lang: i18n.Vi, BoardName: "Bảng tin xã", NoColor: true, Width: 80, Height: 24,
		CaptchaQuestion: func() (int, int) { return 7, 5 }},
		cmdLoop{max: 2000, wait: 3 * time.Second})
}

// The whole story through the real root model: a guest comments from the thread view, the
// admin's badge and queue show it, the admin approves, and the guest then sees the comment.
func TestWRootGuestCommentApproved(t *testing.T) {
	b, _ := wBoard(t)
	boardtest.Thread(t, b, "Lịch tiếp công dân", "Nội dung.")
	guest := wOpenRoot(t, b, boardtest.Guest("203.0.113.9"))
	admin := wOpenRoot(t, b, boardtest.Admin)

	guest.keys("enter", "c")
	if !strings.Contains(guest.plain(), i18n.T(i18n.Vi, i18n.TWFormHeading, "Lịch tiếp công dân")) {
		t.Fatalf("c did not open the form:\n%s", guest.plain())
	}
	guest.keys("Hoàng Văn Em", "tab", "tab").send(tea.PasteMsg{Content: "Xin hỏi giờ tiếp dân?"}).keys("tab", "12", "ctrl+s")
	scr := guest.plain()
	if !strings.Contains(scr, i18n.T(i18n.Vi, i18n.TWFormPending)) || !strings.Contains(scr, "Lịch tiếp công dân") {
		t.Fatalf("no pending notice on the thread:\n%s", scr)
	}
	if strings.Contains(scr, "Xin hỏi giờ tiếp dân?") {
		t.Fatalf("a pending comment is shown:\n%s", scr)
	}

	admin.send(LiveMsg{Version: b.Version()})
	admin.keys("m")
	if !strings.Contains(admin.plain(), "Hoàng Văn Em") {
		t.Fatalf("queue lacks the comment:\n%s", admin.plain())
	}
	admin.keys("a")
	if !strings.Contains(admin.plain(), i18n.T(i18n.Vi, i18n.TWQueueApproved, 1)) {
		t.Fatalf("no approval:\n%s", admin.plain())
	}
	admin.keys("esc")
	if strings.Contains(admin.plain(), i18n.T(i18n.Vi, i18n.TWQueueHeading, 0)) {
		t.Fatalf("esc did not leave the queue:\n%s", admin.plain())
	}

	guest.send(LiveMsg{Version: b.Version()})
	if !strings.Contains(guest.plain(), "Xin hỏi giờ tiếp dân?") {
		t.Fatalf("the guest does not see the approved comment:\n%s", guest.plain())
	}
}

// "L" while a form is open: the form is rebuilt in the other language and keeps what was typed.
func TestWFormsFollowLanguage(t *testing.T) {
	b, _ := wBoard(t)
	a := wCommon(b, boardtest.Admin)
	d := wDrive(t, NewSettings(a))
	d.keys("right", "tab", "tab", "cá độ")
	a.Lang = i18n.En
	d.send(LangMsg{})
	v := d.plain()
	if !strings.Contains(v, i18n.T(i18n.En, i18n.TWSetHeading)) || !strings.Contains(v, "cá độ") || !strings.Contains(v, "(•) "+i18n.T(i18n.En, i18n.TWSetModNone)) {
		t.Fatalf("settings form after the switch:\n%s", v)
	}
	u := wDrive(t, NewUsers(a))
	u.keys("a", "lan")
	a.Lang = i18n.Vi
	u.send(LangMsg{})
	if v := u.plain(); !strings.Contains(v, i18n.T(i18n.Vi, i18n.TWUserAddHeading)) || !strings.Contains(v, "lan") {
		t.Fatalf("users form after the switch:\n%s", v)
	}
}

// BenchmarkWFormKey is one key press and redraw in a comment form holding a full 4000-character
// comment (the textarea re-wraps the edited line on every key).
func BenchmarkWFormKey(b *testing.B) {
	bd, _ := wBoard(b)
	th, err := bd.CreateThread(context.Background(), boardtest.Editor, board.ThreadInput{Title: "Tin", Body: "x"})
	if err != nil {
		b.Fatal(err)
	}
	c := wCommon(bd, boardtest.Staff)
	p := NewCommentForm(c, th)
	p, _ = p.Update(tea.KeyPressMsg{Code: tea.KeyTab})
	p, _ = p.Update(tea.PasteMsg{Content: strings.Repeat("Xin chào bà con xã Tân Lập. ", 142)})
	wBenchTyping(b, p)
}

// BenchmarkWEditorKey is one key press and redraw in the news editor holding a 60 KB article
// of 800 lines.
func BenchmarkWEditorKey(b *testing.B) {
	bd, _ := wBoard(b)
	c := wCommon(bd, boardtest.Editor)
	p := NewEditor(c, nil)
	for range 3 {
		p, _ = p.Update(tea.KeyPressMsg{Code: tea.KeyTab})
	}
	p, _ = p.Update(tea.PasteMsg{Content: strings.Repeat("Ủy ban nhân dân xã thông báo lịch tiếp công dân tháng 12.\n", 800)})
	if n := len(p.(*editorPage).body.Value()); n < 50_000 {
		b.Fatalf("the article was not pasted (%d bytes)", n)
	}
	wBenchTyping(b, p)
}

// wBenchTyping is the measured loop of the typing benchmarks: a and backspace in turn, each
// followed by a redraw of p.
func wBenchTyping(b *testing.B, p Page) {
	key := tea.KeyPressMsg{Code: 'a', Text: "a"}
	bs := tea.KeyPressMsg{Code: tea.KeyBackspace}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if i%2 == 0 {
			p, _ = p.Update(key)
		} else {
			p, _ = p.Update(bs)
		}
		_ = p.View()
	}
}

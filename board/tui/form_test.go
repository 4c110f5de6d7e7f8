package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/i18n"
)

// wFillForm types a comment into an open guest form: name, title, body and the check answer.
func wFillForm(d *wDriver, name, title, body, answer string) {
	d.keys(name, "tab", title, "tab")
	d.paste(body)
	if answer != "" {
		d.keys("tab", answer)
	}
}

func wPending(t *testing.T, b *board.Board) []board.Comment {
	t.Helper()
	cs, err := b.Pending(context.Background(), boardtest.Admin, 100)
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

func wApproved(t *testing.T, b *board.Board, thread uint64) []board.Comment {
	t.Helper()
	p, err := b.Comments(context.Background(), boardtest.Guest(""), thread, 1, 100)
	if err != nil {
		t.Fatal(err)
	}
	return p.Comments
}

func TestWFormGolden(t *testing.T) {
	b, _ := wBoard(t)
	th := boardtest.Thread(t, b, "Thông báo lịch tiêm chủng tháng 12", "Nội dung.")
	g := wCommon(b, boardtest.Guest("203.0.113.9"))
	d := wDrive(t, NewCommentForm(g, th))
	wGolden(t, g, "w_form", d.view())

	// Sending an empty form puts each error next to its field.
	d.keys("ctrl+s")
	if len(d.back) != 0 || len(wPending(t, b)) != 0 {
		t.Fatal("an empty form was sent")
	}
	wGolden(t, g, "w_form_errors", d.view())

	g.Lang = i18n.En
	wGolden(t, g, "w_form_errors_en", d.view())
}

// A guest posts; the comment waits; an admin approves it in the queue; readers see it.
func TestWFormGuestPostApprove(t *testing.T) {
	b, _ := wBoard(t)
	th := boardtest.Thread(t, b, "Lịch tiêm", "Nội dung.")
	g := wCommon(b, boardtest.Guest("203.0.113.9"))
	d := wDrive(t, NewCommentForm(g, th))
	wFillForm(d, "Nguyễn Văn A", "Hỏi lịch", "Cho tôi hỏi lịch tiêm\nở xã Tân Lập?", "12")
	d.keys("ctrl+s")
	if got, want := d.lastFlash(), i18n.T(i18n.Vi, i18n.TWFormPending); got != want {
		t.Fatalf("flash %q, want %q", got, want)
	}
	pend := wPending(t, b)
	if len(pend) != 1 || pend[0].Body != "Cho tôi hỏi lịch tiêm\nở xã Tân Lập?" || pend[0].Name != "Nguyễn Văn A" {
		t.Fatalf("pending: %+v", pend)
	}
	if n := len(wApproved(t, b, th.ID)); n != 0 {
		t.Fatalf("%d comments shown before approval", n)
	}

	a := wCommon(b, boardtest.Admin)
	q := wDrive(t, NewQueue(a))
	if !strings.Contains(q.plain(), "Nguyễn Văn A") {
		t.Fatalf("queue lacks the comment:\n%s", q.view())
	}
	q.keys("a")
	shown := wApproved(t, b, th.ID)
	if len(shown) != 1 || shown[0].ID != pend[0].ID {
		t.Fatalf("approved comments: %+v", shown)
	}
	if !strings.Contains(q.plain(), i18n.T(i18n.Vi, i18n.TWQueueApproved, 1)) {
		t.Errorf("no approval notice:\n%s", q.view())
	}
	if len(wPending(t, b)) != 0 {
		t.Error("the comment is still pending")
	}
}

// Staff are trusted under the default moderation: their comment shows at once, with no check
// question, and the name comes from the account.
func TestWFormAccountShownAtOnce(t *testing.T) {
	b, _ := wBoard(t)
	th := boardtest.Thread(t, b, "Lịch tiêm", "Nội dung.")
	s := wCommon(b, boardtest.Staff)
	d := wDrive(t, NewCommentForm(s, th))
	v := d.plain()
	if strings.Contains(v, i18n.T(i18n.Vi, i18n.FieldCaptcha)) {
		t.Errorf("an account is asked the check question:\n%s", v)
	}
	if !strings.Contains(v, boardtest.Staff.Name) {
		t.Errorf("name not prefilled from the account:\n%s", v)
	}
	d.keys("tab").paste("Đã có lịch.").keys("ctrl+s")
	if got, want := d.lastFlash(), i18n.T(i18n.Vi, i18n.TWFormShown); got != want {
		t.Fatalf("flash %q, want %q", got, want)
	}
	if cs := wApproved(t, b, th.ID); len(cs) != 1 || cs[0].Name != boardtest.Staff.Name {
		t.Fatalf("shown: %+v", cs)
	}
}

func TestWFormDoubleSendPostsOnce(t *testing.T) {
	b, _ := wBoard(t)
	th := boardtest.Thread(t, b, "Lịch tiêm", "Nội dung.")
	d := wDrive(t, NewCommentForm(wCommon(b, boardtest.Guest("")), th))
	wFillForm(d, "Lan", "", "Một lần thôi", "12")
	ctrlS, _ := namedKey("ctrl+s")
	p, first := d.p.Update(ctrlS)
	p, second := p.Update(ctrlS) // pressed again before the board answered
	d.p = p
	if first == nil || second != nil {
		t.Fatalf("commands: first %v, second %v (want one post)", first != nil, second != nil)
	}
	d.run(first)
	d.keys("ctrl+s") // and once more after success, before the page is gone
	if n := len(wPending(t, b)); n != 1 {
		t.Fatalf("%d comments stored, want 1", n)
	}
	if len(d.back) != 1 {
		t.Fatalf("%d BackMsg, want 1", len(d.back))
	}
}

func TestWFormCaptcha(t *testing.T) {
	b, _ := wBoard(t)
	th := boardtest.Thread(t, b, "Lịch tiêm", "Nội dung.")
	g := wCommon(b, boardtest.Guest(""))

	d := wDrive(t, NewCommentForm(g, th))
	if !strings.Contains(d.plain(), "7 + 5 = ?") {
		t.Fatalf("no check question:\n%s", d.view())
	}
	wFillForm(d, "Lan", "", "Nội dung", "13")
	d.keys("ctrl+s")
	if len(wPending(t, b)) != 0 || len(d.back) != 0 {
		t.Fatal("a wrong answer was accepted")
	}
	if !strings.Contains(d.plain(), i18n.T(i18n.Vi, i18n.TWFormCaptchaWrong)) {
		t.Errorf("no error next to the check code:\n%s", d.view())
	}
	// A new question each form: the generator is called again.
	calls := 0
	g.CaptchaQuestion = func() (int, int) { calls++; return 3, 4 }
	d2 := wDrive(t, NewCommentForm(g, th))
	if calls == 0 || !strings.Contains(d2.plain(), "3 + 4 = ?") {
		t.Errorf("the second form did not get its own question:\n%s", d2.view())
	}

	// The board setting turns the question off.
	if err := b.SetCaptcha(context.Background(), boardtest.Admin, false); err != nil {
		t.Fatal(err)
	}
	d3 := wDrive(t, NewCommentForm(g, th))
	if strings.Contains(d3.plain(), i18n.T(i18n.Vi, i18n.FieldCaptcha)) {
		t.Errorf("check question shown with the setting off:\n%s", d3.view())
	}
	wFillForm(d3, "Lan", "", "Không cần mã", "")
	d3.keys("ctrl+s")
	if len(wPending(t, b)) != 1 {
		t.Fatal("post without the question failed")
	}
}

// A long paste arrives whole (no per-key limit chops it); too long is refused on send with the
// text kept.
func TestWFormLongPaste(t *testing.T) {
	b, _ := wBoard(t)
	th := boardtest.Thread(t, b, "Lịch tiêm", "Nội dung.")
	g := wCommon(b, boardtest.Guest(""))

	long := strings.Repeat("Xin chào bà con. ", 235) // 3995 runes, under the limit
	d := wDrive(t, NewCommentForm(g, th))
	wFillForm(d, "Lan", "", long, "12")
	d.keys("ctrl+s")
	pend := wPending(t, b)
	if len(pend) != 1 || pend[0].Body != strings.TrimSpace(long) {
		t.Fatalf("long paste not stored whole: %d comments", len(pend))
	}

	// A paste that would go over the limit is refused whole, with a message; what was typed stays.
	huge := strings.Repeat("a", 100_000)
	d2 := wDrive(t, NewCommentForm(g, th))
	wFillForm(d2, "Lan", "", "Đã gõ. ", "12")
	d2.keys("shift+tab").paste(huge)
	f := d2.p.(*formPage)
	if f.body.Value() != "Đã gõ. " {
		t.Fatalf("body holds %d bytes after an over-long paste", len(f.body.Value()))
	}
	if !strings.Contains(d2.plain(), i18n.T(i18n.Vi, i18n.TWPasteTooLong, 100_000, board.MaxCommentBody)) {
		t.Errorf("no message for the refused paste:\n%s", d2.plain())
	}
	// Typed text over the limit is refused on send, next to the field, and kept.
	f.body.SetValue(strings.Repeat("b", board.MaxCommentBody+1))
	d2.keys("ctrl+s")
	if len(d2.back) != 0 || len(wPending(t, b)) != 1 {
		t.Fatal("an over-long comment was sent")
	}
	want := i18n.Error(i18n.Vi, &board.ValidationError{Field: "body", Problem: board.ProblemTooLong, Max: board.MaxCommentBody})
	if !strings.Contains(d2.plain(), want) || len(f.body.Value()) != board.MaxCommentBody+1 {
		t.Errorf("no too-long error, or the text was lost:\n%s", d2.plain())
	}
	wScreen(t, g, d2.view()) // still fits 80x22
}

func TestWFormEscAsksBeforeLosingText(t *testing.T) {
	b, _ := wBoard(t)
	th := boardtest.Thread(t, b, "Lịch tiêm", "Nội dung.")
	s := wCommon(b, boardtest.Staff)

	d := wDrive(t, NewCommentForm(s, th))
	d.keys("esc")
	if len(d.back) != 1 {
		t.Fatal("esc on an untouched form did not close it")
	}

	d = wDrive(t, NewCommentForm(s, th))
	d.keys("tab").paste("Nội dung dở dang").keys("esc")
	if len(d.back) != 0 || !strings.Contains(d.plain(), i18n.T(i18n.Vi, i18n.TWFormDiscard)) {
		t.Fatalf("esc with text did not ask:\n%s", d.view())
	}
	d.keys("n")
	if len(d.back) != 0 || !strings.Contains(d.p.(*formPage).body.Value(), "dở dang") {
		t.Fatal("answering no lost the text or closed the form")
	}
	d.keys("esc", "y")
	if len(d.back) != 1 {
		t.Fatal("answering yes did not close the form")
	}
}

// When the board cannot store the comment the user sees why and keeps the text.
func TestWFormStoreFailureKeepsText(t *testing.T) {
	b, _ := wBoard(t)
	th := boardtest.Thread(t, b, "Lịch tiêm", "Nội dung.")
	d := wDrive(t, NewCommentForm(wCommon(b, boardtest.Guest("")), th))
	wFillForm(d, "Lan", "Tiêu đề", "Nội dung quý giá", "12")
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	d.keys("ctrl+s")
	if len(d.back) != 0 {
		t.Fatal("the form closed although nothing was stored")
	}
	f := d.p.(*formPage)
	if f.body.Value() != "Nội dung quý giá" || f.title.Value() != "Tiêu đề" || f.name.Value() != "Lan" {
		t.Fatalf("text lost: %q %q %q", f.name.Value(), f.title.Value(), f.body.Value())
	}
	if f.general == nil || !strings.Contains(d.plain(), f.errText(f.general)) {
		t.Fatalf("no error shown:\n%s", d.view())
	}
}

// A guest key's form remembers the name of its last comment.
func TestWFormGuestKeyRemembersName(t *testing.T) {
	b, _ := wBoard(t)
	th := boardtest.Thread(t, b, "Lịch tiêm", "Nội dung.")
	gk := boardtest.GuestKey("SHA256:guest-key-one", "198.51.100.7")
	if _, err := b.PostComment(context.Background(), gk, board.CommentInput{ThreadID: th.ID, Name: "Trần Thị Bình", Body: "Lần trước"}); err != nil {
		t.Fatal(err)
	}
	d := wDrive(t, NewCommentForm(wCommon(b, gk), th))
	if got := d.p.(*formPage).name.Value(); got != "Trần Thị Bình" {
		t.Fatalf("name %q, want the last comment's", got)
	}
}

// A moderator bans a guest from the queue; the guest's next post is refused with the reason, and
// a form opened afterwards says so at once.
func TestWFormBannedGuest(t *testing.T) {
	b, clk := wBoard(t)
	th := boardtest.Thread(t, b, "Lịch tiêm", "Nội dung.")
	gk := boardtest.GuestKey("SHA256:spammer-key", "198.51.100.66")
	g := wCommon(b, gk)

	open := wDrive(t, NewCommentForm(g, th)) // opened before the ban
	d := wDrive(t, NewCommentForm(g, th))
	wFillForm(d, "Spam", "", "Quảng cáo", "12")
	d.keys("ctrl+s")
	clk.Add(time.Minute)

	a := wCommon(b, boardtest.Admin)
	q := wDrive(t, NewQueue(a))
	q.keys("b")
	if !strings.Contains(q.plain(), "SHA256:spammer-key") {
		t.Fatalf("ban form lacks the key:\n%s", q.view())
	}
	q.keys("tab", "tab", "quảng cáo", "ctrl+s")
	bans, err := b.Bans(context.Background(), boardtest.Admin)
	if err != nil || len(bans) != 1 || bans[0].Fingerprint != "SHA256:spammer-key" || bans[0].Reason != "quảng cáo" {
		t.Fatalf("bans %+v, %v", bans, err)
	}
	if bans[0].ExpiresAt.Sub(bans[0].CreatedAt) != 7*24*time.Hour {
		t.Errorf("ban lasts %v, want the default 7 days", bans[0].ExpiresAt.Sub(bans[0].CreatedAt))
	}

	wFillForm(open, "Spam", "", "Lần nữa", "12")
	open.keys("ctrl+s")
	want := i18n.T(i18n.Vi, i18n.ErrBannedReason, "quảng cáo")
	if len(open.back) != 0 || !strings.Contains(open.plain(), want) {
		t.Fatalf("banned post not refused with the reason:\n%s", open.view())
	}
	if n := len(wPending(t, b)); n != 1 {
		t.Fatalf("%d pending, want only the one from before the ban", n)
	}

	later := wDrive(t, NewCommentForm(g, th))
	if !strings.Contains(later.plain(), want) {
		t.Fatalf("a new form does not say the guest is banned:\n%s", later.view())
	}
	later.keys("ctrl+s", "esc")
	if len(later.back) != 1 {
		t.Fatal("esc does not leave the banned form")
	}
}

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

// wSeedQueue posts three guest comments a few minutes apart and returns them oldest first.
func wSeedQueue(t *testing.T, b *board.Board, clk *testClock) (board.Thread, []board.Comment) {
	t.Helper()
	th := boardtest.Thread(t, b, "Thông báo lịch tiêm chủng tháng 12", "Nội dung.")
	posts := []struct {
		id               board.Identity
		name, title, txt string
	}{
		{boardtest.Guest("203.0.113.9"), "Nguyễn Văn A", "Hỏi lịch", "Cho tôi hỏi lịch tiêm ở xã Tân Lập?"},
		{boardtest.GuestKey("SHA256:Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg", "198.51.100.7"), "Trần Thị Bình", "", "Trạm y tế mở cửa mấy giờ ạ?"},
		{boardtest.Guest("192.0.2.44"), "Lê Văn Cường", "Góp ý", "Nên thông báo sớm hơn để bà con sắp xếp công việc."},
	}
	var out []board.Comment
	for _, p := range posts {
		clk.Add(7 * time.Minute)
		cm, err := b.PostComment(context.Background(), p.id, board.CommentInput{ThreadID: th.ID, Name: p.name, Title: p.title, Body: p.txt})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, cm)
	}
	return th, out
}

func wComment(t *testing.T, b *board.Board, id uint64) board.Comment {
	t.Helper()
	cm, err := b.Comment(context.Background(), boardtest.Admin, id)
	if err != nil {
		t.Fatal(err)
	}
	return cm
}

func TestWQueueGolden(t *testing.T) {
	b, clk := wBoard(t)
	wSeedQueue(t, b, clk)
	a := wCommon(b, boardtest.Admin)
	d := wDrive(t, NewQueue(a))
	d.keys("down", "space")
	wGolden(t, a, "w_queue", d.view())
	d.keys("up", "enter")
	wGolden(t, a, "w_queue_detail", d.view())
	d.keys("esc", "b")
	wGolden(t, a, "w_queue_ban", d.view())
}

func TestWQueueRejectWithReason(t *testing.T) {
	b, clk := wBoard(t)
	th, cs := wSeedQueue(t, b, clk)
	d := wDrive(t, NewQueue(wCommon(b, boardtest.Editor)))
	d.keys("down", "r")
	if !strings.Contains(d.plain(), "Từ chối ý kiến của Trần Thị Bình") {
		t.Fatalf("no reason prompt:\n%s", d.plain())
	}
	d.keys("không liên quan", "enter")
	got := wComment(t, b, cs[1].ID)
	if got.Status != board.CommentRejected || got.Reason != "không liên quan" || got.Moderator != "editor" {
		t.Fatalf("rejected comment: %+v", got)
	}
	if len(wApproved(t, b, th.ID)) != 0 || len(wPending(t, b)) != 2 {
		t.Fatal("reject touched other comments")
	}
	if strings.Contains(d.plain(), "Trần Thị Bình") {
		t.Errorf("rejected comment still listed:\n%s", d.plain())
	}
}

func TestWQueueBulkApprove(t *testing.T) {
	b, clk := wBoard(t)
	th, cs := wSeedQueue(t, b, clk)
	d := wDrive(t, NewQueue(wCommon(b, boardtest.Admin)))
	d.keys("space", "space") // marks the first two (space marks and moves down)
	if !strings.Contains(d.plain(), i18n.T(i18n.Vi, i18n.TWQueueMarked, 2)) {
		t.Fatalf("marks not shown:\n%s", d.plain())
	}
	d.keys("a")
	shown := wApproved(t, b, th.ID)
	if len(shown) != 2 || shown[0].ID != cs[0].ID || shown[1].ID != cs[1].ID {
		t.Fatalf("approved: %+v", shown)
	}
	if p := wPending(t, b); len(p) != 1 || p[0].ID != cs[2].ID {
		t.Fatalf("pending: %+v", p)
	}
	if !strings.Contains(d.plain(), i18n.T(i18n.Vi, i18n.TWQueueApproved, 2)) {
		t.Errorf("no notice:\n%s", d.plain())
	}

	// "*" marks all that remain; reject them together.
	d.keys("*", "r", "enter")
	if len(wPending(t, b)) != 0 || wComment(t, b, cs[2].ID).Status != board.CommentRejected {
		t.Fatal("bulk reject failed")
	}
}

func TestWQueueEditThenApprove(t *testing.T) {
	b, clk := wBoard(t)
	th, cs := wSeedQueue(t, b, clk)
	d := wDrive(t, NewQueue(wCommon(b, boardtest.Admin)))
	d.keys("e")
	f, ok := d.p.(*formPage)
	if !ok || f.edit == nil || f.body.Value() != cs[0].Body {
		t.Fatalf("edit form not open on the comment:\n%s", d.plain())
	}
	f.body.SetValue("Cho tôi hỏi lịch tiêm.")
	d.keys("ctrl+s")
	shown := wApproved(t, b, th.ID)
	if len(shown) != 1 || shown[0].Body != "Cho tôi hỏi lịch tiêm." || shown[0].Name != "Nguyễn Văn A" {
		t.Fatalf("shown: %+v", shown)
	}
	if !strings.Contains(d.plain(), i18n.T(i18n.Vi, i18n.TWQueueEdited)) || len(d.back) != 0 {
		t.Errorf("the queue did not come back with a notice:\n%s", d.plain())
	}
}

func TestWQueueDeleteAsksFirst(t *testing.T) {
	b, clk := wBoard(t)
	_, cs := wSeedQueue(t, b, clk)
	d := wDrive(t, NewQueue(wCommon(b, boardtest.Admin)))
	d.keys("d", "n")
	if len(wPending(t, b)) != 3 {
		t.Fatal("deleted without confirmation")
	}
	d.keys("d", "y")
	if got := wComment(t, b, cs[0].ID); got.Status != board.CommentDeleted {
		t.Fatalf("status %v, want deleted", got.Status)
	}
}

func TestWQueueSearch(t *testing.T) {
	b, clk := wBoard(t)
	_, cs := wSeedQueue(t, b, clk)
	d := wDrive(t, NewQueue(wCommon(b, boardtest.Admin)))
	d.keys("/", "binh", "enter", "enter", "enter", "enter", "enter") // Enter walks to the button, then searches
	q := d.p.(*queuePage)
	if q.query == nil || len(q.items) != 1 || q.items[0].ID != cs[1].ID {
		t.Fatalf("search by author: %+v\n%s", q.items, d.plain())
	}
	d.keys("esc") // back to the pending list
	if q.query != nil || len(q.items) != 3 {
		t.Fatal("esc did not return to the queue")
	}
	d.keys("/", "tab", "sớm hơn", "ctrl+s")
	if len(q.items) != 1 || q.items[0].ID != cs[2].ID {
		t.Fatalf("search by text: %+v", q.items)
	}
	d.keys("esc", "/", "tab", "tab", "28/11/2026", "tab", "28/11/2026", "ctrl+s")
	if len(q.items) != 3 {
		t.Fatalf("search by date: %d results", len(q.items))
	}
	d.keys("esc", "/", "tab", "tab", "29/11/2026", "ctrl+s")
	if len(q.items) != 0 || !strings.Contains(d.plain(), i18n.T(i18n.Vi, i18n.TWQueueNoResults)) {
		t.Fatalf("search from tomorrow: %d results", len(q.items))
	}
	d.keys("esc", "/", "tab", "tab", "31/31/2026", "ctrl+s")
	if _, ok := d.p.(*fieldPage); !ok || !strings.Contains(d.plain(), i18n.T(i18n.Vi, i18n.ErrFormat, i18n.T(i18n.Vi, i18n.TWQueueFrom))) {
		t.Fatalf("bad date accepted:\n%s", d.plain())
	}
}

// The queue refreshes when the board changes (the pending badge's LiveMsg).
func TestWQueueLiveRefresh(t *testing.T) {
	b, clk := wBoard(t)
	th, _ := wSeedQueue(t, b, clk)
	d := wDrive(t, NewQueue(wCommon(b, boardtest.Admin)))
	if _, err := b.PostComment(context.Background(), boardtest.Guest(""), board.CommentInput{ThreadID: th.ID, Name: "Mới", Body: "Vừa gửi"}); err != nil {
		t.Fatal(err)
	}
	d.send(LiveMsg{Version: b.Version()})
	if !strings.Contains(d.plain(), "Vừa gửi") {
		t.Fatalf("queue did not refresh:\n%s", d.plain())
	}
}

// A moderator hides, or deletes, a comment already shown under a thread.
func TestWCommentActions(t *testing.T) {
	b, clk := wBoard(t)
	th, cs := wSeedQueue(t, b, clk)
	ctx := context.Background()
	if err := b.ApproveComments(ctx, boardtest.Admin, []uint64{cs[0].ID, cs[1].ID}, ""); err != nil {
		t.Fatal(err)
	}
	e := wCommon(b, boardtest.Editor)
	d := wDrive(t, NewCommentActions(e, wComment(t, b, cs[0].ID)))
	if !strings.Contains(d.plain(), "Nguyễn Văn A") {
		t.Fatalf("comment not shown:\n%s", d.plain())
	}
	d.keys("h", "lạc đề", "enter")
	if got := d.lastFlash(); got != i18n.T(i18n.Vi, i18n.TWActHidden) {
		t.Fatalf("flash %q", got)
	}
	if shown := wApproved(t, b, th.ID); len(shown) != 1 || shown[0].ID != cs[1].ID {
		t.Fatalf("shown after hide: %+v", shown)
	}
	d = wDrive(t, NewCommentActions(e, wComment(t, b, cs[1].ID)))
	d.keys("d", "esc") // cancelled
	if len(wApproved(t, b, th.ID)) != 1 {
		t.Fatal("deleted although cancelled")
	}
	d.keys("d", "enter")
	if len(wApproved(t, b, th.ID)) != 0 || wComment(t, b, cs[1].ID).Status != board.CommentDeleted {
		t.Fatal("delete failed")
	}
}

// helpKeys is the help line of a page as text ("key desc" pairs).
func helpKeys(p Page) string {
	var b strings.Builder
	for _, k := range p.ShortHelp() {
		b.WriteString(k.Help().Key + " " + k.Help().Desc + " · ")
	}
	return b.String()
}

// Issue 19.3: the cursor stays on its comment when another moderator decides an earlier one,
// and a delete is confirmed only by the key its question names, never by Enter.
func TestWQueueCursorFollowsAndDeleteNeedsItsKey(t *testing.T) {
	b, clk := wBoard(t)
	_, cs := wSeedQueue(t, b, clk)
	d := wDrive(t, NewQueue(wCommon(b, boardtest.Admin)))
	d.keys("down") // the second comment
	q := d.p.(*queuePage)
	if cm, _ := q.current(); cm.ID != cs[1].ID {
		t.Fatalf("selected %d, want %d", cm.ID, cs[1].ID)
	}
	if err := b.ApproveComments(context.Background(), boardtest.Editor, []uint64{cs[0].ID}, ""); err != nil {
		t.Fatal(err)
	}
	d.send(LiveMsg{Version: b.Version()})
	if len(q.items) != 2 {
		t.Fatalf("the queue did not reload: %d items", len(q.items))
	}
	if cm, _ := q.current(); cm.ID != cs[1].ID {
		t.Fatalf("after another moderator's decision the cursor is on %q, want %q", cm.Name, cs[1].Name)
	}

	d.keys("d")
	if !strings.Contains(d.plain(), i18n.T(i18n.Vi, i18n.TWQueueDeleteOneAsk, commentName(cs[1]))) || !strings.Contains(helpKeys(d.p), "c/y") {
		t.Fatalf("the delete question does not name the comment or its key:\n%s\n%s", d.plain(), helpKeys(d.p))
	}
	d.keys("enter")
	if wComment(t, b, cs[1].ID).Status == board.CommentDeleted {
		t.Fatal("Enter confirmed a delete")
	}
	d.keys("c")
	if wComment(t, b, cs[1].ID).Status != board.CommentDeleted {
		t.Fatal("c did not confirm the delete")
	}
}

// Issue 19.4: keys, help and forms offer only what the role may do; the help line follows the
// form or prompt that is open.
func TestWQueueOffersOnlyWhatTheRoleMay(t *testing.T) {
	b, clk := wBoard(t)
	_, cs := wSeedQueue(t, b, clk)
	ban := i18n.T(i18n.Vi, i18n.TWKeyBan)
	ed := wDrive(t, NewQueue(wCommon(b, boardtest.Editor)))
	if strings.Contains(helpKeys(ed.p), ban) {
		t.Fatalf("an editor is offered the ban key: %s", helpKeys(ed.p))
	}
	ed.keys("b")
	if _, ok := ed.p.(*queuePage); !ok {
		t.Fatalf("b opened %T for an editor", ed.p)
	}
	ed.keys("enter")
	if strings.Contains(helpKeys(ed.p), ban) {
		t.Fatalf("an editor is offered the ban key on a comment: %s", helpKeys(ed.p))
	}

	ad := wDrive(t, NewQueue(wCommon(b, boardtest.Admin)))
	if !strings.Contains(helpKeys(ad.p), ban) {
		t.Fatalf("an admin is not offered the ban key: %s", helpKeys(ad.p))
	}
	ad.keys("b")
	if _, ok := ad.p.(*fieldPage); !ok || strings.Contains(helpKeys(ad.p), i18n.T(i18n.Vi, i18n.TWKeyApprove)) {
		t.Fatalf("the ban form's help line is the queue's: %T %s", ad.p, helpKeys(ad.p))
	}
	ad.keys("esc", "/")
	if h := helpKeys(ad.p); !strings.Contains(h, i18n.T(i18n.Vi, i18n.TUIKeyRun)) || strings.Contains(ad.plain(), "Ctrl-S: lưu") {
		t.Fatalf("the search form says save: %s\n%s", h, ad.plain())
	}
	ad.keys("esc", "r")
	if h := helpKeys(ad.p); !strings.Contains(h, "enter") || strings.Contains(h, i18n.T(i18n.Vi, i18n.TWKeyApprove)) {
		t.Fatalf("the help line does not follow the open prompt: %s", h)
	}
	_ = cs
}

// Golden screens of the prompts that name what they act on, in Vietnamese and English.
func TestWQueuePromptGoldens(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
		b, clk := wBoard(t)
		wSeedQueue(t, b, clk)
		a := wCommon(b, boardtest.Admin)
		a.Lang, a.Keys = lang, NewKeyMap(lang)
		d := wDrive(t, NewQueue(a))
		d.keys("down", "d")
		wGolden(t, a, "w_queue_delete_"+string(lang), d.view())
		d.keys("esc", "enter", "r")
		wGolden(t, a, "w_comment_reject_"+string(lang), d.view())
	}
}

package tui

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/i18n"
)

// postComments posts n approved staff comments to thread id at clk's time, a minute apart.
func postComments(t *testing.T, b *board.Board, clk *testClock, id uint64, n int, prefix string) {
	t.Helper()
	ctx := context.Background()
	for i := range n {
		clk.Add(time.Minute)
		cm, err := b.PostComment(ctx, boardtest.Staff, board.CommentInput{ThreadID: id, Name: "Cán bộ xã", Body: prefix + " " + strconv.Itoa(i)})
		if err != nil {
			t.Fatal(err)
		}
		if cm.Status != board.CommentApproved {
			if err := b.ApproveComments(ctx, boardtest.Admin, []uint64{cm.ID}, ""); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func threadByTitle(t *testing.T, b *board.Board, title string) board.Thread {
	t.Helper()
	tp, err := b.ListThreads(context.Background(), boardtest.Admin, board.ThreadQuery{PerPage: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, th := range tp.Threads {
		if th.Title == title {
			return th
		}
	}
	t.Fatalf("no thread %q", title)
	return board.Thread{}
}

// TestWhatsNewOpensAtTheFirstNewComment: a thread whose first new comment is the 106th opens
// with that comment at the top, the comments beyond the first 100 loaded.
func TestWhatsNewOpensAtTheFirstNewComment(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
		t.Run(string(lang), func(t *testing.T) {
			b, clk := wBoard(t)
			th := boardtest.Thread(t, b, "Lịch tiêm chủng mở rộng tháng 12", "Nội dung.")
			postComments(t, b, clk, th.ID, 105, "Ý kiến cũ")
			clk.Add(8 * 24 * time.Hour) // a reader without a visit sees the last 7 days
			postComments(t, b, clk, th.ID, 2, "Ý kiến mới")
			d := newDriver(t, envFor(b, lang, reader))
			d.keys("w")
			screen := d.plain()
			want := map[i18n.Lang]string{i18n.Vi: ": 2 ý kiến mới · mới nhất: Cán bộ xã ✓ Cán bộ", i18n.En: ": 2 new comments · latest: Cán bộ xã ✓ Staff"}[lang]
			if !strings.Contains(screen, want) {
				t.Fatalf("what's new lacks %q:\n%s", want, screen)
			}
			d.keys("G", "enter")
			tp, ok := d.m.top().(*threadPage)
			if !ok {
				t.Fatalf("enter opened %T", d.m.top())
			}
			if tp.max <= commentsShown || len(tp.snap.comments.Comments) != 107 || tp.at == 0 {
				t.Fatalf("loaded %d comments (max %d), want all 107", len(tp.snap.comments.Comments), tp.max)
			}
			// The page ends below the new comments, so it scrolls as far as it goes: the first new
			// comment is on screen, the first hundred old ones are not.
			screen = d.plain()
			if !strings.Contains(screen, "Ý kiến mới 0") || strings.Contains(screen, "Ý kiến cũ 99\n") {
				t.Errorf("the first new comment is not shown:\n%s", screen)
			}
		})
	}
}

// TestWhatsNewSaysWhenCut: more new comments than the page counts are grouped and the cut said.
func TestWhatsNewSaysWhenCut(t *testing.T) {
	b, clk := seeded(t)
	th := threadByTitle(t, b, "Thông báo thu thuế đất phi nông nghiệp năm 2026")
	postComments(t, b, clk, th.ID, whatsNewLimit+5, "Mới")
	d := newDriver(t, envFor(b, i18n.En, reader))
	d.keys("w")
	screen := d.plain()
	for _, want := range []string{
		": " + strconv.Itoa(whatsNewLimit) + " new comments · latest: Cán bộ xã ✓ Staff",
		"List cut: only the newest " + strconv.Itoa(whatsNewLimit) + " comments are counted.",
	} {
		if !strings.Contains(screen, want) {
			t.Errorf("what's new lacks %q:\n%s", want, screen)
		}
	}
	if strings.Count(screen, "Thông báo thu thuế") != 2 { // once in new threads, once grouped
		t.Errorf("comments not grouped by thread:\n%s", screen)
	}
}

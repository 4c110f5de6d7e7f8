package board_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/boardtest"
)

var ctx = context.Background()

func TestThreadsAndComments(t *testing.T) {
	b := boardtest.New(t)
	th := boardtest.Thread(t, b, "Thông báo tiêm chủng cho trẻ em", "Nội dung **bài**")
	if th.ID == 0 || th.Status != board.StatusPublished || th.PublishedAt.IsZero() {
		t.Fatalf("thread = %+v", th)
	}
	page, err := b.ListThreads(ctx, boardtest.Guest(""), board.ThreadQuery{})
	if err != nil || page.Total != 1 || len(page.Threads) != 1 || page.Threads[0].Title != th.Title {
		t.Fatalf("list = %+v, %v", page, err)
	}
	g := boardtest.Guest("10.0.0.1")
	c, err := b.PostComment(ctx, g, board.CommentInput{ThreadID: th.ID, Name: "Lan", Body: "Xin hỏi lịch tiêm?"})
	if err != nil || c.Status != board.CommentPending {
		t.Fatalf("guest comment = %+v, %v", c, err)
	}
	c2, err := b.PostComment(ctx, boardtest.Staff, board.CommentInput{ThreadID: th.ID, Name: "Cán bộ", Body: "Thứ hai."})
	if err != nil || c2.Status != board.CommentApproved {
		t.Fatalf("staff comment = %+v, %v", c2, err)
	}
	n, _ := b.PendingCount(ctx)
	if n != 1 {
		t.Fatalf("pending = %d", n)
	}
	if err := b.ApproveComments(ctx, boardtest.Editor, []uint64{c.ID}, ""); err != nil {
		t.Fatal(err)
	}
	cp, err := b.Comments(ctx, th.ID, 1, 20)
	if err != nil || cp.Total != 2 || len(cp.Comments) != 2 || cp.Comments[0].ID != c.ID {
		t.Fatalf("comments = %+v, %v", cp, err)
	}
	if err := b.ApproveComments(ctx, boardtest.Staff, []uint64{c.ID}, ""); !errors.Is(err, board.ErrForbidden) {
		t.Fatalf("staff approve: %v", err)
	}
	_ = fmt.Sprint
	_ = strings.Repeat
	_ = time.Now
}

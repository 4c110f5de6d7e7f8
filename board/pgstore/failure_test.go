package pgstore_test

import (
	"errors"
	"net"
	"strings"
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/boardtest/pgtest"
	"bangtin/board/i18n"
	"bangtin/board/pgstore"
)

// TestOpenFailsAtOnce: a wrong password, a closed port or a URL that does not parse fail at once
// with a message naming the host and never the password.
func TestOpenFailsAtOnce(t *testing.T) {
	c := pgtest.Get(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	cases := []struct {
		name, url, host string
	}{
		{"wrong password", strings.Replace(c.URL("postgres"), pgtest.Password, "sai-mat-khau", 1), "127.0.0.1"},
		{"nobody listening", "postgres://postgres:sai-mat-khau@" + closed + "/bangtin", closed},
		{"not a URL", "postgres://postgres:sai-mat-khau@host:notaport/x", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			st, err := pgstore.Open(ctx, tc.url, pgstore.Options{})
			if err == nil {
				st.Close()
				t.Fatal("opened")
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %s", d)
			}
			msg := err.Error()
			if strings.Contains(msg, "sai-mat-khau") || strings.Contains(msg, pgtest.Password) {
				t.Fatalf("the message shows a password: %s", msg)
			}
			if !strings.Contains(msg, tc.host) {
				t.Fatalf("the message does not name %s: %s", tc.host, msg)
			}
			t.Log(msg)
		})
	}
}

// TestDatabaseRestart: while PostgreSQL is down, writes fail with ErrUnavailable (shown as "the
// board is temporarily unavailable") and nothing crashes; once it is back, the node recovers on
// its own, its change feed included.
func TestDatabaseRestart(t *testing.T) {
	c := pgtest.Get(t)
	url := pgtest.DB(t)
	a, b := openNode(t, url, pgstore.Options{}), openNode(t, url, pgstore.Options{})
	th, err := a.board.CreateThread(ctx, board.System, board.ThreadInput{Title: "Trước khi khởi động lại"})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	restarted := false
	t.Cleanup(func() {
		if !restarted {
			c.Start()
		}
	})
	start := time.Now()
	_, err = a.board.PostComment(ctx, board.System, board.CommentInput{ThreadID: th.ID, Name: "Lan", Body: "khi máy chủ dừng"})
	if !errors.Is(err, board.ErrUnavailable) {
		t.Fatalf("write while down: %v", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the refusal took %s", d)
	}
	if msg := i18n.Error(i18n.Vi, err); msg != i18n.T(i18n.Vi, i18n.ErrUnavailable) {
		t.Fatalf("message: %q", msg)
	}
	if _, err := a.board.ListThreads(ctx, board.System, board.ThreadQuery{}); !errors.Is(err, board.ErrUnavailable) {
		t.Fatalf("read while down: %v", err)
	}
	if err := c.Start(); err != nil {
		t.Fatal(err)
	}
	restarted = true
	eventually(t, 10*time.Second, "writes work again", func() bool {
		_, err := a.board.PostComment(ctx, board.System, board.CommentInput{ThreadID: th.ID, Name: "Lan", Body: "sau khi khởi động lại"})
		return err == nil
	})
	// Node B's feed reconnected: a change on A reaches it again.
	v := b.board.ContentVersion()
	if _, err := a.board.CreateThread(ctx, board.System, board.ThreadInput{Title: "Sau"}); err != nil {
		t.Fatal(err)
	}
	eventually(t, 5*time.Second, "node B hears node A again", func() bool { return b.board.ContentVersion() > v })
}

// TestReset: Reset leaves the database as a new board's.
func TestReset(t *testing.T) {
	url := pgtest.DB(t)
	n := openNode(t, url, pgstore.Options{})
	th, err := n.board.CreateThread(ctx, board.System, board.ThreadInput{Title: "Sẽ xoá"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := n.board.PostComment(ctx, board.Identity{Fingerprint: "SHA256:k"}, board.CommentInput{ThreadID: th.ID, Name: "A", Body: "b"}); err != nil {
		t.Fatal(err)
	}
	if err := n.st.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	err = n.st.Update(ctx, func(tx board.Tx) error {
		cs, _ := tx.Categories()
		p, _ := tx.PendingCount()
		c, _ := tx.CountThreads(0, true)
		if len(cs) != 1 || cs[0].Name != "Tin tức" || p != 0 || c != 0 {
			t.Errorf("after reset: categories %+v, pending %d, threads %d", cs, p, c)
		}
		nt := board.Thread{Title: "Mới", CategoryID: 1, Status: board.StatusPublished}
		if err := tx.PutThread(&nt); err != nil {
			return err
		}
		if nt.ID != 1 {
			t.Errorf("first thread after reset has id %d", nt.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

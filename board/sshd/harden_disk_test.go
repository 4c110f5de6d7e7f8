package sshd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"bangtin/board"
	"bangtin/board/boardtest/sshtest"
	"bangtin/board/boltstore"
	"bangtin/board/i18n"
)

// TestDiskFullOverSSH: with the database at its size cap (bbolt's MaxSize standing in for a full
// disk), posting a comment over SSH fails with the storage message and exit status 1, the board
// keeps serving reads (commands and the TUI), and everything acknowledged before is intact.
func TestDiskFullOverSSH(t *testing.T) {
	path := filepath.Join(t.TempDir(), boltstore.FileName)
	st, err := boltstore.Open(path, boltstore.Options{MaxSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	b, err := board.New(st, board.Options{GuestCommentLimit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	ctx := context.Background()
	if err := b.EnsureWelcome(ctx, testBoardName); err != nil {
		t.Fatal(err)
	}
	if _, err := b.AddAccount(ctx, board.System, board.Account{Login: "ed", Name: "Biên tập", Role: board.RoleEditor}); err != nil {
		t.Fatal(err)
	}
	ed := board.Identity{Login: "ed", Name: "Biên tập", Role: board.RoleEditor}

	// Fill the file with news until a change no longer fits.
	var threads []board.Thread
	var full error
	for i := 0; i < 500 && full == nil; i++ {
		var th board.Thread
		th, full = b.CreateThread(ctx, ed, board.ThreadInput{Title: fmt.Sprintf("Tin số %d", i), Body: strings.Repeat("Nội dung dài. ", 1500)})
		if full == nil {
			threads = append(threads, th)
		}
	}
	if !errors.Is(full, board.ErrStorage) || len(threads) == 0 {
		t.Fatalf("filling the board: %d threads, then %v; want board.ErrStorage", len(threads), full)
	}
	e := serveBoard(t, b, nil)
	target := threads[0]

	// Comments over SSH until they no longer fit (free pages may take a few first).
	acked := map[uint64]string{}
	refusedMsg := ""
	for i := 0; i < 300 && refusedMsg == ""; i++ {
		body := fmt.Sprintf("Ý kiến %d: %s.", i, strings.Repeat("đầy ", 900))
		code, out, errOut := hResult(e.Run(t, sshtest.Guest(t), body, fmt.Sprintf("comment post %d --name 'Chị Hoa' --json", target.ID)))
		switch code {
		case 0:
			var r struct {
				ID uint64 `json:"id"`
			}
			if err := json.Unmarshal([]byte(out), &r); err != nil || r.ID == 0 {
				t.Fatalf("comment post answered %q: %v", out, err)
			}
			acked[r.ID] = body
		case 1:
			refusedMsg = errOut
			if out != "" {
				t.Errorf("a failed post printed on stdout: %q", out)
			}
		default:
			t.Fatalf("comment post: exit %d\n%s\n%s", code, out, errOut)
		}
	}
	if want := i18n.T(i18n.Vi, i18n.ErrStorage); !strings.Contains(refusedMsg, want) {
		t.Fatalf("a post on a full disk said %q, want the storage message %q", refusedMsg, want)
	}
	if strings.Contains(refusedMsg, "bbolt") || strings.Contains(refusedMsg, "mmap") || strings.Contains(refusedMsg, path) {
		t.Errorf("the storage message leaks internals: %q", refusedMsg)
	}
	t.Logf("full after %d threads and %d comments; refusal: %s", len(threads), len(acked), strings.TrimSpace(refusedMsg))

	// Reads still work: commands and the TUI.
	code, out, errOut := hResult(e.Run(t, sshtest.Guest(t), "", fmt.Sprintf("news show %d --json", target.ID)))
	if code != 0 || !strings.Contains(out, target.Title) {
		t.Errorf("news show on a full disk: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = hResult(e.Run(t, sshtest.Guest(t), "", "news list --json"))
	if code != 0 || !strings.Contains(out, "Tin số") {
		t.Errorf("news list on a full disk: exit %d\n%s", code, out)
	}
	tm := e.openTerm(t, nil, termOpts{})
	tm.WaitFor("Thống kê truy cập")
	tm.WaitFor("Tin số")

	// Nothing stored is damaged.
	if err := b.Check(ctx); err != nil {
		t.Fatalf("check on a full disk: %v", err)
	}
	for _, th := range threads {
		got, err := b.Thread(ctx, ed, th.ID)
		if err != nil || got.Body != th.Body {
			t.Fatalf("thread %d after the disk filled: %v", th.ID, err)
		}
	}
	err = st.View(ctx, func(tx board.Tx) error {
		for id, body := range acked {
			c, err := tx.Comment(id)
			if err != nil || c.Body != body {
				return fmt.Errorf("acknowledged comment %d: %v (body %d bytes, sent %d)", id, err, len(c.Body), len(body))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

package command_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/boltstore"
	"bangtin/board/command"
	"bangtin/board/i18n"
)

// TestBackupDuringPosts: a backup taken while 50 clients post comments restores into a database
// that passes the check and holds every comment acknowledged before the backup began.
func TestBackupDuringPosts(t *testing.T) {
	const (
		clients = 50
		each    = 3 // the guest rate limit allows 3 per key and address
	)
	b := boardtest.New(t)
	th := boardtest.Thread(t, b, "Sao lưu", "Bài để bình luận.")
	ctx := context.Background()

	type ack struct {
		id uint64
		at time.Time // when the client had its id
	}
	var (
		mu    sync.Mutex
		acks  []ack
		fails []string
		wg    sync.WaitGroup
		third = make(chan struct{})
		once  sync.Once
	)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g := boardtest.GuestKey(fmt.Sprintf("SHA256:backup-client-%02d", c), fmt.Sprintf("127.0.2.%d", c+1))
			for i := range each {
				var out, errOut bytes.Buffer
				env := command.Env{Board: b, Identity: g, Lang: i18n.En}
				body := fmt.Sprintf("Bình luận %d của khách %d", i, c)
				code := command.Run(ctx, env, []string{"comment", "post", fmt.Sprint(th.ID), "--name", "Khách", "--json"},
					bytes.NewReader([]byte(body)), &out, &errOut)
				at := time.Now()
				var res struct{ ID uint64 }
				mu.Lock()
				if code != 0 || json.Unmarshal(out.Bytes(), &res) != nil || res.ID == 0 {
					fails = append(fails, fmt.Sprintf("client %d post %d: exit %d %s %s", c, i, code, out.String(), errOut.String()))
				} else {
					acks = append(acks, ack{res.ID, at})
					if len(acks) >= clients {
						once.Do(func() { close(third) })
					}
				}
				mu.Unlock()
			}
		}()
	}

	// Back up once a third of the posts are acknowledged, while the rest go on.
	select {
	case <-third:
	case <-time.After(time.Minute):
		t.Fatal("the posts did not get going")
	}
	var backup, errOut bytes.Buffer
	began := time.Now()
	code := command.Run(ctx, command.Env{Board: b, Identity: boardtest.Admin, Lang: i18n.En}, []string{"backup"}, nil, &backup, &errOut)
	wg.Wait()
	if code != 0 {
		t.Fatalf("backup: exit %d: %s", code, errOut.String())
	}
	if len(fails) > 0 {
		t.Fatalf("%d posts failed, e.g. %s", len(fails), fails[0])
	}
	var before, after int
	for _, a := range acks {
		if a.at.Before(began) {
			before++
		} else {
			after++
		}
	}
	t.Logf("%d comments acknowledged before the backup began, %d after; backup %d bytes", before, after, backup.Len())

	// Restore (as `bangtin restore` does) into a fresh data directory: the backup passes the
	// check, and the restored file opens as a board.
	file := filepath.Join(t.TempDir(), "backup.db")
	if err := os.WriteFile(file, backup.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := boltstore.CheckFile(file); err != nil {
		t.Fatalf("check of the backup file: %v", err)
	}
	dataDir := filepath.Join(t.TempDir(), "restored")
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := boltstore.Restore(dataDir, file); err != nil {
		t.Fatalf("restore: %v", err)
	}
	st, err := boltstore.Open(filepath.Join(dataDir, boltstore.FileName), boltstore.Options{})
	if err != nil {
		t.Fatalf("open the restored database: %v", err)
	}
	rb, err := board.New(st, board.Options{})
	if err != nil {
		st.Close()
		t.Fatalf("board over the backup: %v", err)
	}
	defer rb.Close()
	if err := rb.Check(ctx); err != nil {
		t.Fatalf("check of the restored board: %v", err)
	}
	missing := 0
	for _, a := range acks {
		if !a.at.Before(began) {
			continue
		}
		c, err := rb.Comment(ctx, boardtest.Admin, a.id)
		if err != nil || c.ThreadID != th.ID {
			missing++
			if missing <= 5 {
				t.Errorf("comment %d, acknowledged before the backup, is missing from it: %v", a.id, err)
			}
		}
	}
	if missing > 0 {
		t.Fatalf("%d of %d comments acknowledged before the backup are missing", missing, before)
	}
	if _, err := rb.Thread(ctx, boardtest.Admin, th.ID); err != nil {
		t.Errorf("thread missing from the backup: %v", err)
	}

	// A backup is refused to everyone but admins, and writes nothing.
	for _, id := range []board.Identity{boardtest.Editor, boardtest.Staff, boardtest.Guest("")} {
		var out, errOut bytes.Buffer
		if code := command.Run(ctx, command.Env{Board: b, Identity: id, Lang: i18n.En}, []string{"backup"}, nil, &out, &errOut); code != 3 || out.Len() != 0 {
			t.Errorf("backup as %s: exit %d, %d bytes", id.Role, code, out.Len())
		}
	}
}

package boltstore_test

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/boardtest/conformance"
	"bangtin/board/boltstore"
)

var ctx = context.Background()

const childEnv = "BANGTIN_BOLTSTORE_CHILD"

// child runs one of the helper processes below when the test binary is re-executed by a test.
func child(t *testing.T, role string) bool {
	return os.Getenv(childEnv) == role
}

// startChild re-executes the test binary running only test name, with the child role set.
func startChild(t *testing.T, name, role, path string) (*exec.Cmd, *bufio.Scanner, io.WriteCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+name+"$", "-test.count=1", "-test.v=false")
	cmd.Env = append(os.Environ(), childEnv+"="+role, "BANGTIN_DB="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		in.Close()
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return cmd, bufio.NewScanner(out), in
}

// TestLockChild holds the database open until its stdin closes.
func TestLockChild(t *testing.T) {
	if !child(t, "lock") {
		t.Skip("helper process for TestSecondProcessIsRefused")
	}
	st, err := boltstore.Open(os.Getenv("BANGTIN_DB"), boltstore.Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Println("ready")
	io.Copy(io.Discard, os.Stdin)
	st.Close()
	os.Exit(0)
}

func TestSecondProcessIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), boltstore.FileName)
	cmd, out, in := startChild(t, "TestLockChild", "lock", path)
	if !out.Scan() || out.Text() != "ready" {
		t.Fatalf("child: %q", out.Text())
	}
	start := time.Now()
	_, err := boltstore.Open(path, boltstore.Options{Timeout: 300 * time.Millisecond})
	if !errors.Is(err, board.ErrInUse) || !strings.Contains(err.Error(), path) {
		t.Fatalf("second open: %v", err)
	}
	t.Logf("refused after %s: %v", time.Since(start).Round(time.Millisecond), err)
	// Restore refuses too while a board holds the database.
	backup := filepath.Join(t.TempDir(), "backup.db")
	makeBackup(t, backup)
	if err := boltstore.Restore(filepath.Dir(path), backup); !errors.Is(err, board.ErrInUse) {
		t.Fatalf("restore while in use: %v", err)
	}
	in.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	st, err := boltstore.Open(path, boltstore.Options{})
	if err != nil {
		t.Fatalf("open after the child left: %v", err)
	}
	st.Close()
}

func makeBackup(t *testing.T, path string) board.Thread {
	t.Helper()
	b := boardtest.New(t)
	th := boardtest.Thread(t, b, "Sao lưu", "nội dung sao lưu")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Backup(ctx, boardtest.Admin, f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return th
}

func setVersion(t *testing.T, path string, v uint64) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("meta")).Put([]byte("version"), []byte{0, 0, 0, 0, 0, 0, 0, byte(v)})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(raw)
}

func TestNewerSchemaRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), boltstore.FileName)
	st, err := boltstore.Open(path, boltstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	setVersion(t, path, 99)
	before := sum(t, path)
	_, err = boltstore.Open(path, boltstore.Options{})
	if !errors.Is(err, board.ErrSchemaTooNew) || !strings.Contains(err.Error(), path) {
		t.Fatalf("open newer: %v", err)
	}
	if err := boltstore.CheckFile(path); !errors.Is(err, board.ErrSchemaTooNew) {
		t.Fatalf("check newer: %v", err)
	}
	if err := boltstore.Restore(t.TempDir(), path); !errors.Is(err, board.ErrSchemaTooNew) {
		t.Fatalf("restore newer: %v", err)
	}
	if sum(t, path) != before {
		t.Fatal("a refused file was modified")
	}
}

func TestCorruptFileRefused(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	makeBackup(t, good)
	raw, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]func([]byte) []byte{
		"meta pages": func(b []byte) []byte {
			for i := 0; i < 8192 && i < len(b); i++ {
				b[i] ^= 0x5a
			}
			return b
		},
		"truncated": func(b []byte) []byte { return b[:100] },
		"not bolt":  func(b []byte) []byte { return bytes.Repeat([]byte("bangtin "), 4096) },
		"inner pages": func(b []byte) []byte {
			for i := 3 * 4096; i < len(b); i += 4096 { // every page header after the meta and freelist pages
				for j := 8; j < 16; j++ {
					b[i+j] ^= 0xff
				}
			}
			return b
		},
	}
	for name, damage := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".db")
			if err := os.WriteFile(path, damage(bytes.Clone(raw)), 0o600); err != nil {
				t.Fatal(err)
			}
			before := sum(t, path)
			if err := boltstore.CheckFile(path); !errors.Is(err, board.ErrCorrupt) {
				t.Fatalf("check: %v", err)
			}
			if err := boltstore.Restore(t.TempDir(), path); !errors.Is(err, board.ErrCorrupt) {
				t.Fatalf("restore from corrupt: %v", err)
			}
			// Last: when bbolt panics inside Open the process keeps the file mapped (and so
			// locked) until it exits.
			_, err := boltstore.Open(path, boltstore.Options{})
			if !errors.Is(err, board.ErrCorrupt) || !strings.Contains(err.Error(), path) {
				t.Fatalf("open: %v", err)
			}
			if sum(t, path) != before {
				t.Fatal("the corrupt file was overwritten")
			}
		})
	}
	// A bbolt file that is not a board is refused too.
	foreign := filepath.Join(dir, "foreign.db")
	db, err := bolt.Open(foreign, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("other")); return err })
	db.Close()
	if _, err := boltstore.Open(foreign, boltstore.Options{}); !errors.Is(err, board.ErrCorrupt) {
		t.Fatalf("foreign bolt file: %v", err)
	}
	if err := boltstore.CheckFile(good); err != nil {
		t.Fatalf("check good: %v", err)
	}
}

func TestRestore(t *testing.T) {
	backup := filepath.Join(t.TempDir(), "backup.db")
	th := makeBackup(t, backup)
	data := t.TempDir()
	live := filepath.Join(data, boltstore.FileName)
	b, _ := boardtest.Open(t, live)
	boardtest.Thread(t, b, "Sẽ mất", "")
	b.Close()
	if err := boltstore.Restore(data, backup); err != nil {
		t.Fatal(err)
	}
	b2, _ := boardtest.Open(t, live)
	p, err := b2.ListThreads(ctx, boardtest.Guest(""), board.ThreadQuery{})
	if err != nil || p.Total != 1 || p.Threads[0].Title != th.Title {
		t.Fatalf("after restore: %+v, %v", p, err)
	}
	if res, _ := b2.Search(ctx, "sao luu", 1, 10); res.Total != 1 {
		t.Fatalf("search after restore: %+v", res)
	}
	entries, _ := os.ReadDir(data)
	if len(entries) != 1 {
		t.Fatalf("restore left files: %v", entries)
	}
}

func TestDiskFull(t *testing.T) {
	path := filepath.Join(t.TempDir(), boltstore.FileName)
	st, err := boltstore.Open(path, boltstore.Options{MaxSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	b, err := board.New(st, board.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := b.AddAccount(ctx, board.System, board.Account{Login: "ed", Role: board.RoleEditor}); err != nil {
		t.Fatal(err)
	}
	ed := board.Identity{Login: "ed", Role: board.RoleEditor}
	var last error
	body := strings.Repeat("chữ ", 10000)
	for i := 0; i < 200 && last == nil; i++ {
		_, last = b.CreateThread(ctx, ed, board.ThreadInput{Title: fmt.Sprintf("Tin %d", i), Body: body})
	}
	if !errors.Is(last, board.ErrStorage) {
		t.Fatalf("writing past MaxSize: %v", last)
	}
	// Reads still work and the file checks clean.
	if _, err := b.ListThreads(ctx, ed, board.ThreadQuery{}); err != nil {
		t.Fatal(err)
	}
	if err := b.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

// TestLoadMatchesPutThread: bulk-loaded threads list, count and search exactly as threads
// stored one by one.
func TestLoadMatchesPutThread(t *testing.T) {
	gen := func() []board.Thread {
		g := newTextGen(7)
		var ts []board.Thread
		t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
		for i := range 300 {
			at := t0.Add(time.Duration(i) * time.Hour)
			th := board.Thread{CategoryID: 1 + uint64(i%2), Title: g.words(3, 8), Body: g.words(10, 30),
				Status: board.ThreadStatus(i % 3), Pinned: i%50 == 0, Deleted: i%17 == 0, CreatedAt: at, PublishedAt: at}
			if th.Status == board.StatusDraft {
				th.PublishedAt = time.Time{}
			}
			ts = append(ts, th)
		}
		return ts
	}
	open := func() *boltstore.Store {
		st, err := boltstore.Open(filepath.Join(t.TempDir(), boltstore.FileName), boltstore.Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		st.Update(ctx, func(tx board.Tx) error { return tx.PutCategory(&board.Category{Name: "B", Slug: "b"}) })
		return st
	}
	a, b := open(), open()
	if err := a.Load(gen()); err != nil {
		t.Fatal(err)
	}
	err := b.Update(ctx, func(tx board.Tx) error {
		for _, th := range gen() {
			if err := tx.PutThread(&th); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	snapshot := func(st *boltstore.Store) string {
		var sb strings.Builder
		st.View(ctx, func(tx board.Tx) error {
			for _, cat := range []uint64{0, 1, 2} {
				for _, all := range []bool{false, true} {
					n, _ := tx.CountThreads(cat, all)
					ts, _, err := tx.ListThreads(cat, all, "", 0, 1000)
					fmt.Fprintf(&sb, "%d %t %d %v:", cat, all, n, err)
					for _, th := range ts {
						fmt.Fprintf(&sb, " %d", th.ID)
					}
					sb.WriteByte('\n')
				}
				n, _ := tx.CategoryThreadCount(cat)
				fmt.Fprintf(&sb, "any %d\n", n)
			}
			deleted, total, err := tx.DeletedThreads(0, 1000)
			fmt.Fprintf(&sb, "deleted %d %v: %v\n", total, err, ids(deleted))
			for _, q := range [][]string{{"tre", "em"}, {"bao"}, {"xa", "hoi", "cong"}, {"d"}} {
				ts, total, err := tx.SearchThreads(q, 0, 1000)
				fmt.Fprintf(&sb, "%v %d %v:", q, total, err)
				for _, th := range ts {
					fmt.Fprintf(&sb, " %d", th.ID)
				}
				sb.WriteByte('\n')
			}
			return nil
		})
		return sb.String()
	}
	sa, sb := snapshot(a), snapshot(b)
	if sa != sb {
		t.Fatalf("Load differs from PutThread:\n%s\n---\n%s", sa, sb)
	}
	if !strings.Contains(sa, "[tre em] ") || strings.Contains(sa, "[tre em] 0 ") || !strings.Contains(sa, "deleted 18 <nil>: [290 ") {
		t.Fatalf("fixture found nothing:\n%s", sa)
	}
}

// downgrade rewrites a closed board file into the layout of an older schema: v3 has no prefs
// bucket; v2 keeps thread bodies inside the thread records (no threads.body), v1 has no forward
// search index either.
func downgrade(t *testing.T, path string, to uint64) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		if to < 7 {
			if err := tx.DeleteBucket([]byte("threads.deleted")); err != nil {
				return err
			}
		}
		if to < 6 {
			if err := tx.DeleteBucket([]byte("comments.author")); err != nil {
				return err
			}
		}
		if to < 4 {
			if err := tx.DeleteBucket([]byte("prefs")); err != nil {
				return err
			}
		}
		if to >= 3 {
			return tx.Bucket([]byte("meta")).Put([]byte("version"), []byte{0, 0, 0, 0, 0, 0, 0, byte(to)})
		}
		threads, bodies := tx.Bucket([]byte("threads")), tx.Bucket([]byte("threads.body"))
		var ids [][]byte
		threads.ForEach(func(k, _ []byte) error { ids = append(ids, bytes.Clone(k)); return nil })
		for _, k := range ids {
			var rec map[string]any
			if err := json.Unmarshal(threads.Get(k), &rec); err != nil {
				return err
			}
			rec["Body"] = string(bodies.Get(k))
			raw, _ := json.Marshal(rec)
			if err := threads.Put(k, raw); err != nil {
				return err
			}
		}
		if err := tx.DeleteBucket([]byte("threads.body")); err != nil {
			return err
		}
		if to < 2 {
			if err := tx.DeleteBucket([]byte("search.docs")); err != nil {
				return err
			}
		}
		return tx.Bucket([]byte("meta")).Put([]byte("version"), []byte{0, 0, 0, 0, 0, 0, 0, byte(to)})
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestMigrate: v1 and v2 files (bodies inside the thread records, v1 without the forward search
// index) are migrated on open, in one transaction: bodies move to threads.body, searches with
// several words (one of them only in the body) work, and a comment leaves the body intact.
func TestMigrate(t *testing.T) {
	for _, from := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprintf("v%d", from), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), boltstore.FileName)
			b, _ := boardtest.Open(t, path)
			th := boardtest.Thread(t, b, "Tiêm chủng cho trẻ em", "tại trạm y tế")
			b.Close()
			downgrade(t, path, from)

			b2, _ := boardtest.Open(t, path)
			p, err := b2.Search(ctx, "tre em tram", 1, 10)
			if err != nil || p.Total != 1 || p.Threads[0].ID != th.ID {
				t.Fatalf("search after migration: %+v, %v", p, err)
			}
			if _, err := b2.PostComment(ctx, boardtest.Admin, board.CommentInput{ThreadID: th.ID, Name: "Ban quản trị", Body: "Đã xem"}); err != nil {
				t.Fatal(err)
			}
			got, err := b2.Thread(ctx, boardtest.Guest("127.0.0.9"), th.ID)
			if err != nil || got.Body != th.Body || got.Comments != 1 {
				t.Fatalf("thread after migration and a comment: body %q comments %d, %v; want body %q", got.Body, got.Comments, err, th.Body)
			}
			b2.Close()
			db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			db.View(func(tx *bolt.Tx) error {
				if v := tx.Bucket([]byte("meta")).Get([]byte("version")); v[7] != byte(boltstore.SchemaVersion) {
					t.Errorf("version after migration = %v", v)
				}
				rec := tx.Bucket([]byte("threads")).Get(binary.BigEndian.AppendUint64(nil, th.ID))
				if bytes.Contains(rec, []byte("trạm")) {
					t.Errorf("the thread record still holds the body: %s", rec)
				}
				return nil
			})
		})
	}
}

// TestMigrateIndexes: a v5 file (no comments.author, no threads.deleted) gets both indexes on
// open (v6, v7), so a writer's own comments are listed at once (an account's and a guest key's,
// newest first, not a keyless guest's), and so are the deleted threads.
func TestMigrateIndexes(t *testing.T) {
	path := filepath.Join(t.TempDir(), boltstore.FileName)
	b, _ := boardtest.Open(t, path)
	th := boardtest.Thread(t, b, "Lịch tiêm chủng", "tại trạm y tế")
	gone := boardtest.Thread(t, b, "Tin đã xoá", "nội dung")
	if err := b.DeleteThread(ctx, boardtest.Admin, gone.ID, "trùng tin"); err != nil {
		t.Fatal(err)
	}
	lan := board.Identity{Login: "lan", Name: "Lan", Role: board.RoleStaff, Fingerprint: "SHA256:lan"}
	guest := boardtest.GuestKey("SHA256:k1", "10.0.0.1")
	var lans, guests []uint64
	for i := range 3 {
		for _, w := range []board.Identity{lan, guest, boardtest.Guest("10.0.0.2")} {
			c, err := b.PostComment(ctx, w, board.CommentInput{ThreadID: th.ID, Name: "Người " + strconv.Itoa(i), Body: "ý kiến " + strconv.Itoa(i)})
			if err != nil {
				t.Fatal(err)
			}
			switch w.ReaderKey() {
			case lan.ReaderKey():
				lans = append([]uint64{c.ID}, lans...)
			case guest.ReaderKey():
				guests = append([]uint64{c.ID}, guests...)
			}
		}
	}
	b.Close()
	downgrade(t, path, 5)

	b, _ = boardtest.Open(t, path)
	defer b.Close()
	for _, c := range []struct {
		who  board.Identity
		want []uint64
	}{{lan, lans}, {guest, guests}} {
		cs, err := b.MyComments(ctx, c.who, 10)
		var got []uint64
		for _, cm := range cs {
			got = append(got, cm.ID)
		}
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("MyComments(%s) after migration = %v, %v; want %v", c.who.ReaderKey(), got, err, c.want)
		}
	}
	if _, err := b.MyComments(ctx, boardtest.Guest("10.0.0.2"), 10); !errors.Is(err, board.ErrNoIdentity) {
		t.Errorf("MyComments of a keyless guest: %v", err)
	}
	p, err := b.DeletedThreads(ctx, boardtest.Admin, 1, 10)
	if err != nil || p.Total != 1 || len(p.Threads) != 1 || p.Threads[0].ID != gone.ID {
		t.Errorf("deleted threads after migration: %+v, %v", p, err)
	}
}

// TestReaderPrefs: a reader's choices survive a restart, belong to that reader only, are the
// defaults for a reader who never chose and for a guest without a key, and a v3 file (no prefs
// bucket) gets one on open.
func TestReaderPrefs(t *testing.T) {
	path := filepath.Join(t.TempDir(), boltstore.FileName)
	b, _ := boardtest.Open(t, path)
	b.Close()
	downgrade(t, path, 3)

	b, _ = boardtest.Open(t, path)
	lan := board.Identity{Login: "lan", Role: board.RoleStaff}
	guest := boardtest.GuestKey("SHA256:k1", "10.0.0.1")
	want := board.ReaderPrefs{VNInput: true, VNMethod: board.VNMethodVNI, VNNewTone: true}
	if err := b.PutReaderPrefs(ctx, lan, want); err != nil {
		t.Fatal(err)
	}
	if err := b.PutReaderPrefs(ctx, guest, board.ReaderPrefs{VNInput: true}); err != nil {
		t.Fatal(err)
	}
	if err := b.PutReaderPrefs(ctx, boardtest.Guest("10.0.0.2"), board.ReaderPrefs{VNInput: true}); err != nil {
		t.Fatal(err) // nothing to save it under: not an error
	}
	if err := b.PutReaderPrefs(ctx, lan, board.ReaderPrefs{VNMethod: "qwerty"}); !errors.Is(err, board.ErrInvalid) {
		t.Fatalf("unknown method: %v, want ErrInvalid", err)
	}
	b.Close()

	b, _ = boardtest.Open(t, path)
	defer b.Close()
	for _, c := range []struct {
		who  board.Identity
		want board.ReaderPrefs
	}{
		{lan, want},
		{guest, board.ReaderPrefs{VNInput: true}},
		{boardtest.Guest("10.0.0.2"), board.ReaderPrefs{}},
		{board.Identity{Login: "minh", Role: board.RoleStaff}, board.ReaderPrefs{}},
	} {
		got, err := b.ReaderPrefs(ctx, c.who)
		if err != nil || got != c.want {
			t.Errorf("ReaderPrefs(%s) = %+v, %v; want %+v", c.who.ReaderKey(), got, err, c.want)
		}
	}
}

var factory = conformance.Factory{
	New: func(t testing.TB) (board.Store, string) {
		path := filepath.Join(t.TempDir(), boltstore.FileName)
		st, err := boltstore.Open(path, boltstore.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return st, path
	},
	Open: func(path string) (board.Store, error) { return boltstore.Open(path, boltstore.Options{}) },
}

// TestConformance runs the store suite shared with pgstore (the group commit's isolation of a
// failing change, kill -9 durability, values outliving their transaction, ...).
func TestConformance(t *testing.T) { conformance.Run(t, factory) }

func ids(ts []board.Thread) []uint64 {
	out := make([]uint64, len(ts))
	for i, th := range ts {
		out[i] = th.ID
	}
	return out
}

// Tests of extra.go, built once the copy and telex branches are merged (see extra.go).

package pgstore_test

import (
	"bytes"
	"testing"

	"bangtin/board"
	"bangtin/board/boardtest/pgtest"
	"bangtin/board/export"
	"bangtin/board/export/exporttest"
	"bangtin/board/pgstore"
)

// TestCopyRoundTrip: embedded → PostgreSQL → export → embedded keeps every record and shows the
// same board (board/export's round trip).
func TestCopyRoundTrip(t *testing.T) {
	exporttest.RoundTrip(t, func(t testing.TB) board.Store {
		st, err := pgstore.Open(ctx, pgtest.DB(t), pgstore.Options{Export: export.WriteTo})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	})
}

// TestBackupWritesExport: WriteTo (ssh host backup) writes the export format, which Read takes.
func TestBackupWritesExport(t *testing.T) {
	st, err := pgstore.Open(ctx, pgtest.DB(t), pgstore.Options{Export: export.WriteTo})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	b, err := board.New(st, board.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if _, err := b.CreateThread(ctx, board.System, board.ThreadInput{Title: "Sao lưu"}); err != nil {
		t.Fatal(err)
	}
	if err := b.PutReaderPrefs(ctx, board.Identity{Login: "lan"}, board.ReaderPrefs{VNInput: true}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := b.Backup(ctx, board.System, &buf); err != nil {
		t.Fatal(err)
	}
	st2, err := pgstore.Open(ctx, pgtest.DB(t), pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	res, err := export.Read(ctx, st2, &buf, export.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	st2.View(ctx, func(tx board.Tx) error {
		n, _ = tx.CountThreads(0, false)
		p, _ := tx.ReaderPrefs("acct:lan")
		if !p.VNInput {
			t.Errorf("reader prefs not carried: %+v", p)
		}
		return nil
	})
	if n != 1 {
		t.Fatalf("restored %d threads (%+v)", n, res.Counts)
	}
}

package export_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/boltstore"
	"bangtin/board/export"
	"bangtin/board/export/exporttest"
)

// TestReaderPrefs: saved reader preferences other than the defaults are exported and imported.
func TestReaderPrefs(t *testing.T) {
	b, st := boardtest.Open(t, filepath.Join(t.TempDir(), boltstore.FileName))
	exporttest.Fill(t, b)
	saved := map[string]board.ReaderPrefs{
		"acct:staff":                  {VNInput: true, VNMethod: "vni"},
		exporttest.GuestA.ReaderKey(): {}, // the defaults: not exported
		"key:SHA256:only-prefs":       {VNInput: true, VNNewTone: true},
	}
	err := st.Update(ctx, func(tx board.Tx) error {
		for r, p := range saved {
			if err := tx.PutReaderPrefs(r, p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	counts, err := export.Snapshot(ctx, st, &buf, export.WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if counts[export.KindReaderPrefs] != 2 || !strings.Contains(buf.String(), `{"kind":"reader_prefs","data":{"reader":"acct:staff","prefs":{"vn_input":true,"vn_method":"vni"}}}`) {
		t.Fatalf("counts %v, export:\n%s", counts, buf.String())
	}
	dst := openStore(t)
	if _, err := export.Read(ctx, dst, bytes.NewReader(buf.Bytes()), export.ReadOptions{}); err != nil {
		t.Fatalf("import: %v", err)
	}
	got := map[string]board.ReaderPrefs{}
	err = dst.View(ctx, func(tx board.Tx) error {
		return tx.EachReaderPrefs(func(r string, p board.ReaderPrefs) bool { got[r] = p; return true })
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]board.ReaderPrefs{"acct:staff": saved["acct:staff"], "key:SHA256:only-prefs": saved["key:SHA256:only-prefs"]}
	if len(got) != len(want) || got["acct:staff"] != want["acct:staff"] || got["key:SHA256:only-prefs"] != want["key:SHA256:only-prefs"] {
		t.Errorf("imported %v, want %v", got, want)
	}
}

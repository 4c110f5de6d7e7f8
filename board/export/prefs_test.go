package export_test

import (
	"bytes"
	"context"
	"maps"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/boltstore"
	"bangtin/board/export"
	"bangtin/board/export/exporttest"
)

// testPrefs stands for the preferences record of a store that keeps them.
type testPrefs struct {
	VNInput  bool   `json:"vn_input,omitempty"`
	VNMethod string `json:"vn_method,omitempty"`
}

// prefsTx is a Tx with ReaderPrefs and PutReaderPrefs (kept in a map, outside transactions).
type prefsTx struct {
	board.Tx
	m map[string]testPrefs
}

func (t prefsTx) ReaderPrefs(r string) (testPrefs, error) { return t.m[r], nil }
func (t prefsTx) PutReaderPrefs(r string, p testPrefs) error {
	t.m[r] = p
	return nil
}

// eachPrefsTx can also list them.
type eachPrefsTx struct{ prefsTx }

func (t eachPrefsTx) EachReaderPrefs(fn func(string, testPrefs) bool) error {
	keys := make([]string, 0, len(t.m))
	for k := range t.m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !fn(k, t.m[k]) {
			break
		}
	}
	return nil
}

// prefsStore hands out prefsTx (or eachPrefsTx) over a bbolt store.
type prefsStore struct {
	*boltstore.Store
	m    map[string]testPrefs
	each bool
}

func (s *prefsStore) wrap(tx board.Tx) board.Tx {
	if s.each {
		return eachPrefsTx{prefsTx{tx, s.m}}
	}
	return prefsTx{tx, s.m}
}

func (s *prefsStore) View(ctx context.Context, fn func(board.Tx) error) error {
	return s.Store.View(ctx, func(tx board.Tx) error { return fn(s.wrap(tx)) })
}

func (s *prefsStore) Update(ctx context.Context, fn func(board.Tx) error) error {
	return s.Store.Update(ctx, func(tx board.Tx) error { return fn(s.wrap(tx)) })
}

// TestReaderPrefs: a store whose Tx keeps reader preferences exports the non-default ones and
// imports them into another such store; a store without them refuses the records.
func TestReaderPrefs(t *testing.T) {
	for _, each := range []bool{false, true} {
		b, st := boardtest.Open(t, filepath.Join(t.TempDir(), boltstore.FileName))
		exporttest.Fill(t, b)
		src := &prefsStore{Store: st, each: each, m: map[string]testPrefs{
			"acct:staff":                  {VNInput: true, VNMethod: "vni"},
			exporttest.GuestA.ReaderKey(): {},              // the defaults: not exported
			"key:SHA256:only-prefs":       {VNInput: true}, // found only by EachReaderPrefs
		}}
		var buf bytes.Buffer
		counts, err := export.Snapshot(ctx, src, &buf, export.WriteOptions{})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]testPrefs{"acct:staff": src.m["acct:staff"]}
		if each {
			want["key:SHA256:only-prefs"] = src.m["key:SHA256:only-prefs"]
		}
		if counts[export.KindReaderPrefs] != uint64(len(want)) || !strings.Contains(buf.String(), `{"kind":"reader_prefs","data":{"reader":"acct:staff","prefs":{"vn_input":true,"vn_method":"vni"}}}`) {
			t.Fatalf("each=%v: counts %v, export:\n%s", each, counts, buf.String())
		}
		dst := &prefsStore{Store: openStore(t), m: map[string]testPrefs{}}
		if _, err := export.Read(ctx, dst, bytes.NewReader(buf.Bytes()), export.ReadOptions{}); err != nil {
			t.Fatalf("import: %v", err)
		}
		if !maps.Equal(dst.m, want) {
			t.Errorf("each=%v: imported %v, want %v", each, dst.m, want)
		}
		_, err = export.Read(ctx, openStore(t), bytes.NewReader(buf.Bytes()), export.ReadOptions{})
		if err == nil || !strings.Contains(err.Error(), "does not keep reader preferences") {
			t.Errorf("import into a store without preferences = %v", err)
		}
		b.Close()
	}
}

package boltstore

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"

	"bangtin/board"
)

func TestFilesStoreAndCheck(t *testing.T) {
	ctx := context.Background()
	st, err := Open(filepath.Join(t.TempDir(), FileName), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	data := []byte("%PDF-1.7\n")
	sum := sha256.Sum256(data)
	var ids []uint64
	err = st.Update(ctx, func(tx board.Tx) error {
		ids = ids[:0]
		for i, order := range []int{1, 0} {
			f := board.File{ThreadID: 7, Name: string(rune('a' + i)), Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), Order: order}
			if err := tx.PutFile(&f); err != nil {
				return err
			}
			if err := tx.PutFileData(f.ID, data); err != nil {
				return err
			}
			ids = append(ids, f.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = st.View(ctx, func(tx board.Tx) error {
		fs, err := tx.ThreadFiles(7)
		if err != nil || len(fs) != 2 || fs[0].ID != ids[1] {
			t.Errorf("thread files in order: %+v %v", fs, err)
		}
		if n, _ := tx.FilesTotal(); n != 2*int64(len(data)) {
			t.Errorf("total %d", n)
		}
		if other, _ := tx.ThreadFiles(8); len(other) != 0 {
			t.Errorf("thread 8 has %+v", other)
		}
		c, _ := tx.IDCounters()
		if c.Files != 2 {
			t.Errorf("id counter %d", c.Files)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Check(ctx); err != nil {
		t.Fatalf("check of a sound store: %v", err)
	}
	// Damage: bytes changed under a record, the counter off.
	err = st.db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket(bucketFilesData).Put(u64(ids[0]), []byte("%PDF-1.7\r")); err != nil {
			return err
		}
		return tx.Bucket(bucketCounts).Put(countFileBytes, u64(1))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Check(ctx); !errors.Is(err, board.ErrCorrupt) {
		t.Fatalf("check of damaged files: %v", err)
	}
	if err := st.Update(ctx, func(tx board.Tx) error { return tx.DeleteFile(ids[0]) }); err != nil {
		t.Fatal(err)
	}
	err = st.View(ctx, func(tx board.Tx) error {
		if _, err := tx.File(ids[0]); !errors.Is(err, board.ErrNotFound) {
			t.Errorf("deleted file: %v", err)
		}
		if _, err := tx.FileData(ids[0]); !errors.Is(err, board.ErrNotFound) {
			t.Errorf("deleted file's bytes: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

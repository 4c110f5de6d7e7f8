package boltstore

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"slices"

	"bangtin/board"
)

// fileIndexKey is thread|id in files.thread.
func fileIndexKey(thread, id uint64) []byte { return append(u64(thread), u64(id)...) }

func (t *txn) File(id uint64) (board.File, error) {
	var f board.File
	err := t.getJSON(bucketFiles, u64(id), &f)
	return f, err
}

func (t *txn) ThreadFiles(threadID uint64) ([]board.File, error) {
	var out []board.File
	c := t.b(bucketFilesThread).Cursor()
	prefix := u64(threadID)
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		f, err := t.File(getU64(k[8:]))
		if err != nil {
			return nil, fmt.Errorf("file index of thread %d: %w", threadID, err)
		}
		out = append(out, f)
	}
	slices.SortStableFunc(out, func(a, b board.File) int {
		if a.Order != b.Order {
			return a.Order - b.Order
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out, nil
}

func (t *txn) PutFile(f *board.File) error {
	if f.ID == 0 {
		id, err := t.nextID(bucketFiles)
		if err != nil {
			return err
		}
		f.ID = id
	} else if err := t.raise(bucketFiles, f.ID); err != nil {
		return err
	}
	var delta int64 = f.Size
	if old, err := t.File(f.ID); err == nil {
		delta -= old.Size
		if old.ThreadID != f.ThreadID {
			if err := t.del(bucketFilesThread, fileIndexKey(old.ThreadID, old.ID)); err != nil {
				return err
			}
		}
	} else if err != board.ErrNotFound {
		return err
	}
	if err := t.putJSON(bucketFiles, u64(f.ID), f); err != nil {
		return err
	}
	if err := t.put(bucketFilesThread, fileIndexKey(f.ThreadID, f.ID), nil); err != nil {
		return err
	}
	return t.count(countFileBytes, delta)
}

func (t *txn) PutFileData(id uint64, data []byte) error {
	// bbolt keeps the slice until the commit: give it a copy the caller cannot change.
	return t.put(bucketFilesData, u64(id), bytes.Clone(data))
}

func (t *txn) FileData(id uint64) ([]byte, error) {
	v := t.b(bucketFilesData).Get(u64(id))
	if v == nil {
		return nil, board.ErrNotFound
	}
	return bytes.Clone(v), nil
}

func (t *txn) DeleteFile(id uint64) error {
	f, err := t.File(id)
	if err != nil {
		return err
	}
	for _, d := range []struct{ bucket, key []byte }{
		{bucketFiles, u64(id)}, {bucketFilesData, u64(id)}, {bucketFilesThread, fileIndexKey(f.ThreadID, id)},
	} {
		if err := t.del(d.bucket, d.key); err != nil {
			return err
		}
	}
	return t.count(countFileBytes, -f.Size)
}

func (t *txn) FilesTotal() (int64, error) {
	return int64(getU64(t.b(bucketCounts).Get(countFileBytes))), nil
}

func (t *txn) EachFile(fn func(board.File) bool) error {
	c := t.b(bucketFiles).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		var f board.File
		if err := json.Unmarshal(v, &f); err != nil {
			return fmt.Errorf("decode file %x: %w: %v", k, board.ErrCorrupt, err)
		}
		if !fn(f) {
			return nil
		}
	}
	return nil
}

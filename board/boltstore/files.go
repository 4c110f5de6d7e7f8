package boltstore

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

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

// checkFiles checks the files of a store (`bangtin check`): every record has its bytes, of its
// Size and SHA256, and its index entry; every index entry and every stored byte string has its
// record; the total counter is the sum of the sizes.
func checkFiles(tx *bolt.Tx) error {
	t := &txn{tx: tx}
	var errs []error
	add := func(format string, args ...any) {
		if len(errs) < 10 {
			errs = append(errs, fmt.Errorf(format, args...))
		}
	}
	var total int64
	err := t.EachFile(func(f board.File) bool {
		total += f.Size
		data := tx.Bucket(bucketFilesData).Get(u64(f.ID))
		sum := sha256.Sum256(data)
		switch {
		case data == nil:
			add("file %d: no bytes", f.ID)
		case int64(len(data)) != f.Size:
			add("file %d: %d bytes, the record says %d", f.ID, len(data), f.Size)
		case hex.EncodeToString(sum[:]) != f.SHA256:
			add("file %d: the bytes do not match their sha256", f.ID)
		}
		if tx.Bucket(bucketFilesThread).Get(fileIndexKey(f.ThreadID, f.ID)) == nil {
			add("file %d: not in the index of thread %d", f.ID, f.ThreadID)
		}
		return true
	})
	if err != nil {
		return err
	}
	_ = tx.Bucket(bucketFilesThread).ForEach(func(k, _ []byte) error {
		if len(k) != 16 || tx.Bucket(bucketFiles).Get(k[8:]) == nil {
			add("files.thread entry %x: no such file", k)
		}
		return nil
	})
	_ = tx.Bucket(bucketFilesData).ForEach(func(k, _ []byte) error {
		if tx.Bucket(bucketFiles).Get(k) == nil {
			add("files.data %x: bytes of no file", k)
		}
		return nil
	})
	if got, _ := t.FilesTotal(); got != total {
		add("files.bytes is %d, the files hold %d", got, total)
	}
	if len(errs) > 0 {
		return fmt.Errorf("files: %w: %w", board.ErrCorrupt, errors.Join(errs...))
	}
	return nil
}

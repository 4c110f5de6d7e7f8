package boltstore

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"bangtin/board"
)

// The enumeration and import methods of board.Tx (board/export and `bangtin copy` use them).

func (t *txn) EachThread(fn func(board.Thread) bool) error {
	bodies := t.b(bucketThreadsBody)
	c := t.b(bucketThreads).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		var th board.Thread
		if err := json.Unmarshal(v, &th); err != nil {
			return fmt.Errorf("decode thread %d: %w: %v", getU64(k), board.ErrCorrupt, err)
		}
		th.Body = string(bodies.Get(k))
		if !fn(th) {
			return nil
		}
	}
	return nil
}

func (t *txn) PutAuditEntry(e board.AuditEntry) error {
	if e.ID == 0 {
		return fmt.Errorf("audit entry without id: %w", board.ErrInvalid)
	}
	if err := t.raise(bucketAudit, e.ID); err != nil {
		return err
	}
	return t.putJSON(bucketAudit, u64(e.ID), e)
}

func (t *txn) EachLastName(fn func(fingerprint, name string) bool) error {
	c := t.b(bucketNames).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if !fn(string(k), string(v)) {
			return nil
		}
	}
	return nil
}

func (t *txn) PutLastName(fingerprint, name string) error {
	if fingerprint == "" {
		return fmt.Errorf("last name without a key: %w", board.ErrInvalid)
	}
	return t.put(bucketNames, []byte(fingerprint), []byte(name))
}

func (t *txn) EachReadMark(fn func(reader string, thread uint64, at time.Time) bool) error {
	c := t.b(bucketReads).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		// reader|0x00|thread(8)
		i := len(k) - 9
		if i < 0 || k[i] != 0 || len(v) != 8 {
			return fmt.Errorf("read marker %q: %w", k, board.ErrCorrupt)
		}
		if !fn(string(k[:i]), getU64(k[i+1:]), time.Unix(0, int64(getU64(v)))) {
			return nil
		}
	}
	return nil
}

func (t *txn) EachVisitMark(fn func(reader string, m board.VisitMark) bool) error {
	c := t.b(bucketMarks).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		var m board.VisitMark
		if err := json.Unmarshal(v, &m); err != nil {
			return fmt.Errorf("decode visit mark of %q: %w: %v", k, board.ErrCorrupt, err)
		}
		if !fn(string(k), m) {
			return nil
		}
	}
	return nil
}

func (t *txn) EachReaderPrefs(fn func(reader string, p board.ReaderPrefs) bool) error {
	c := t.b(bucketPrefs).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		var p board.ReaderPrefs
		if err := json.Unmarshal(v, &p); err != nil {
			return fmt.Errorf("decode reader preferences of %q: %w: %v", k, board.ErrCorrupt, err)
		}
		if !fn(string(k), p) {
			return nil
		}
	}
	return nil
}

func (t *txn) EachDay(fn func(board.VisitorDay) bool) error {
	// Days with a count, and any day with a visitor set but no count (never written so, but
	// an export must not drop what the file holds).
	days := map[string]bool{}
	var order []string
	for _, name := range [][]byte{bucketDays, bucketSeen} {
		c := t.b(name).Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if !days[string(k)] {
				days[string(k)] = true
				order = append(order, string(k))
			}
		}
	}
	slices.Sort(order)
	for _, day := range order {
		d := board.VisitorDay{Day: day}
		if v := t.b(bucketDays).Get([]byte(day)); len(v) == 16 {
			d.Visits, d.Unique = getU64(v), getU64(v[8:])
		}
		if seen := t.b(bucketSeen).Bucket([]byte(day)); seen != nil {
			c := seen.Cursor()
			for k, _ := c.First(); k != nil; k, _ = c.Next() {
				d.Visitors = append(d.Visitors, string(k))
			}
		}
		if !fn(d) {
			return nil
		}
	}
	return nil
}

func (t *txn) PutDay(d board.VisitorDay) error {
	seenAll := t.b(bucketSeen)
	if seenAll.Bucket([]byte(d.Day)) != nil {
		if err := seenAll.DeleteBucket([]byte(d.Day)); err != nil {
			return storageErr("visitors of "+d.Day, err)
		}
	}
	if len(d.Visitors) > 0 {
		seen, err := seenAll.CreateBucket([]byte(d.Day))
		if err != nil {
			return storageErr("visitors of "+d.Day, err)
		}
		for _, k := range d.Visitors {
			if err := seen.Put([]byte(k), nil); err != nil {
				return storageErr("visitors of "+d.Day, err)
			}
		}
	}
	v := make([]byte, 16)
	binary.BigEndian.PutUint64(v, d.Visits)
	binary.BigEndian.PutUint64(v[8:], d.Unique)
	return t.put(bucketDays, []byte(d.Day), v)
}

func (t *txn) PutTotalVisits(n uint64) error { return t.put(bucketCounts, countVisits, u64(n)) }

func (t *txn) IDCounters() (board.IDCounters, error) {
	return board.IDCounters{
		Categories: t.b(bucketCategories).Sequence(),
		Threads:    t.b(bucketThreads).Sequence(),
		Comments:   t.b(bucketComments).Sequence(),
		Bans:       t.b(bucketBans).Sequence(),
		Audit:      t.b(bucketAudit).Sequence(),
		Files:      t.b(bucketFiles).Sequence(),
	}, nil
}

func (t *txn) RaiseIDCounters(c board.IDCounters) error {
	for _, x := range []struct {
		bucket []byte
		id     uint64
	}{
		{bucketCategories, c.Categories}, {bucketThreads, c.Threads}, {bucketComments, c.Comments},
		{bucketBans, c.Bans}, {bucketAudit, c.Audit}, {bucketFiles, c.Files},
	} {
		if err := t.raise(x.bucket, x.id); err != nil {
			return err
		}
	}
	return nil
}

// Reset empties the store, leaving it as Open leaves a new file (the default category and
// settings), in one transaction. `bangtin copy --force` uses it to replace a board.
func (s *Store) Reset(ctx context.Context) error {
	if err := s.usable(ctx); err != nil {
		return err
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		var names [][]byte
		if err := tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
			names = append(names, bytes.Clone(name))
			return nil
		}); err != nil {
			return err
		}
		for _, name := range names {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		for _, m := range migrations {
			if err := m.Fn(tx); err != nil {
				return fmt.Errorf("migrate to v%d (%s): %w", m.To, m.Name, err)
			}
		}
		return tx.Bucket(bucketMeta).Put(keyVersion, u64(SchemaVersion))
	})
	if err != nil {
		return fmt.Errorf("reset %s: %w: %v", s.path, board.ErrStorage, err)
	}
	return nil
}

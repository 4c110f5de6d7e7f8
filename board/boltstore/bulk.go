package boltstore

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"bangtin/board"
)

// Load bulk-loads new threads (their IDs are assigned) in one transaction, maintaining every
// index and counter as PutThread does, but inserting each index's keys in sorted order into
// densely filled pages. It is for fixtures and imports of many threads; changes made by a
// running board go through Update.
func (s *Store) Load(threads []board.Thread) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		t := &txn{tx: tx}
		keys := map[string][][]byte{}
		add := func(bucket []byte, k []byte) { keys[string(bucket)] = append(keys[string(bucket)], k) }
		counts := map[string]int64{}
		df := map[string]uint64{}
		bt := tx.Bucket(bucketThreads)
		bt.FillPercent = 1
		bodies := tx.Bucket(bucketThreadsBody)
		bodies.FillPercent = 1
		tx.Bucket(bucketSearchDocs).FillPercent = 1
		for i := range threads {
			th := &threads[i]
			if th.ID != 0 {
				return fmt.Errorf("load: thread with id %d: %w", th.ID, board.ErrInvalid)
			}
			id, err := bt.NextSequence()
			if err != nil {
				return storageErr("load", err)
			}
			th.ID = id
			rec := *th
			rec.Body = ""
			raw, err := json.Marshal(&rec)
			if err != nil {
				return err
			}
			if err := bt.Put(u64(id), raw); err != nil {
				return storageErr("load", err)
			}
			if err := bodies.Put(u64(id), []byte(th.Body)); err != nil {
				return storageErr("load", err)
			}
			counts[string(catCount(countAny, th.CategoryID))]++
			if th.Deleted {
				add(bucketThreadsDeleted, u64(^id))
				continue
			}
			lk := listKey(th)
			ck := append(u64(th.CategoryID), lk...)
			add(bucketThreadsAll, lk)
			add(bucketThreadsCatAll, ck)
			counts[countAll]++
			counts[string(catCount(countAll, th.CategoryID))]++
			if th.Status != board.StatusPublished {
				continue
			}
			add(bucketThreadsPub, lk)
			add(bucketThreadsCatPub, ck)
			counts[countPub]++
			counts[string(catCount(countPub, th.CategoryID))]++
			dk := docKey(th)
			words := searchWords(th)
			if err := tx.Bucket(bucketSearchDocs).Put(dk, docWords(words)); err != nil {
				return storageErr("load", err)
			}
			for _, w := range words {
				k := make([]byte, 0, len(w)+1+len(dk))
				add(bucketSearchWords, append(append(append(k, w...), 0), dk...))
				df[w]++
			}
		}
		for name, ks := range keys {
			slices.SortFunc(ks, bytes.Compare)
			b := tx.Bucket([]byte(name))
			b.FillPercent = 1
			for _, k := range ks {
				if err := b.Put(k, nil); err != nil {
					return storageErr("load "+name, err)
				}
			}
		}
		words := make([]string, 0, len(df))
		for w := range df {
			words = append(words, w)
		}
		slices.Sort(words)
		dfb := tx.Bucket(bucketSearchDF)
		for _, w := range words {
			if err := dfb.Put([]byte(w), u64(getU64(dfb.Get([]byte(w)))+df[w])); err != nil {
				return storageErr("load search", err)
			}
		}
		for name, n := range counts {
			if err := t.count([]byte(name), n); err != nil {
				return err
			}
		}
		return nil
	})
}

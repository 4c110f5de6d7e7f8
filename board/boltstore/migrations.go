package boltstore

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"bangtin/board"
)

// migration moves the database from version To-1 to To inside the opening transaction.
type migration struct {
	To   uint64
	Name string
	Fn   func(tx *bolt.Tx) error
}

// migrations is the versioned list, from v1 on. Append; never change a released step.
var migrations = []migration{
	{To: 1, Name: "initial layout, the default category and settings", Fn: migrateV1},
	{To: 2, Name: "search forward index (search.docs)", Fn: migrateV2},
	{To: 3, Name: "thread bodies apart from thread records (threads.body)", Fn: migrateV3},
	{To: 4, Name: "readers' preferences (prefs)", Fn: migrateV4},
	{To: 5, Name: "files attached to threads (files, files.data, files.thread)", Fn: migrateV5},
	{To: 6, Name: "comments by author (comments.author)", Fn: migrateV6},
	{To: 7, Name: "deleted threads (threads.deleted)", Fn: migrateV7},
}

// SchemaVersion is the version this program writes.
var SchemaVersion = migrations[len(migrations)-1].To

// v1Buckets are the top-level buckets of schema v1.
var v1Buckets = [][]byte{
	bucketMeta, bucketCategories, bucketThreads, bucketThreadsPub, bucketThreadsAll,
	bucketThreadsCatPub, bucketThreadsCatAll, bucketCounts, bucketRevisions, bucketComments,
	bucketCommentsThread, bucketCommentsPend, bucketNames, bucketBans, bucketAudit,
	bucketAccounts, bucketAccountKeys, bucketReads, bucketMarks, bucketDays, bucketSeen,
	bucketSearchWords, bucketSearchDF,
}

// fillIndex is a step that adds an index: it creates the bucket name and puts in it the entry
// that entry makes of each record of the bucket from (JSON of T, what names it in errors), for
// the records where entry says ok.
func fillIndex[T any](tx *bolt.Tx, name, from []byte, what string, entry func(*T) (k, v []byte, ok bool)) error {
	idx, err := tx.CreateBucketIfNotExists(name)
	if err != nil {
		return err
	}
	return tx.Bucket(from).ForEach(func(k, v []byte) error {
		var rec T
		if err := json.Unmarshal(v, &rec); err != nil {
			return fmt.Errorf("%s %x: %w: %v", what, k, board.ErrCorrupt, err)
		}
		if ik, iv, ok := entry(&rec); ok {
			return idx.Put(ik, iv)
		}
		return nil
	})
}

// migrateV2 adds the forward index of every published thread's words.
func migrateV2(tx *bolt.Tx) error {
	return fillIndex(tx, bucketSearchDocs, bucketThreads, "thread", func(th *board.Thread) ([]byte, []byte, bool) {
		if !isPublished(th) {
			return nil, nil, false
		}
		return docKey(th), docWords(searchWords(th)), true
	})
}

// migrateV3 moves every thread's body out of its record into threads.body, so that raising a
// thread's comment or view count rewrites a small record instead of the whole body.
func migrateV3(tx *bolt.Tx) error {
	bodies, err := tx.CreateBucketIfNotExists(bucketThreadsBody)
	if err != nil {
		return err
	}
	threads := tx.Bucket(bucketThreads)
	// A bucket must not change during its ForEach: collect the ids first (8 bytes a thread).
	var ids [][]byte
	if err := threads.ForEach(func(k, _ []byte) error {
		ids = append(ids, bytes.Clone(k))
		return nil
	}); err != nil {
		return err
	}
	for _, k := range ids {
		var th board.Thread
		if err := json.Unmarshal(threads.Get(k), &th); err != nil {
			return fmt.Errorf("thread %x: %w: %v", k, board.ErrCorrupt, err)
		}
		if err := bodies.Put(k, []byte(th.Body)); err != nil {
			return err
		}
		th.Body = ""
		rec, err := json.Marshal(&th)
		if err != nil {
			return err
		}
		if err := threads.Put(k, rec); err != nil {
			return err
		}
	}
	return nil
}

// migrateV4 adds the bucket of readers' preferences (empty: everyone has the defaults).
func migrateV4(tx *bolt.Tx) error {
	_, err := tx.CreateBucketIfNotExists(bucketPrefs)
	return err
}

// migrateV5 adds the buckets of files attached to threads (empty: no thread has any).
func migrateV5(tx *bolt.Tx) error {
	for _, name := range [][]byte{bucketFiles, bucketFilesData, bucketFilesThread} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	return nil
}

// migrateV6 indexes every comment with an author key under it (comments.author).
func migrateV6(tx *bolt.Tx) error {
	return fillIndex(tx, bucketCommentsAuthor, bucketComments, "comment", func(c *board.Comment) ([]byte, []byte, bool) {
		return authorCommentKey(c), nil, c.AuthorKey() != ""
	})
}

// migrateV7 indexes every deleted thread (threads.deleted).
func migrateV7(tx *bolt.Tx) error {
	return fillIndex(tx, bucketThreadsDeleted, bucketThreads, "thread", func(th *board.Thread) ([]byte, []byte, bool) {
		return u64(^th.ID), nil, th.Deleted
	})
}

func migrateV1(tx *bolt.Tx) error {
	for _, name := range v1Buckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	cats := tx.Bucket(bucketCategories)
	id, err := cats.NextSequence()
	if err != nil {
		return err
	}
	c, err := json.Marshal(board.Category{ID: id, Name: "Tin tức", Slug: "tin-tuc", Order: 0})
	if err != nil {
		return err
	}
	if err := cats.Put(u64(id), c); err != nil {
		return err
	}
	s, err := json.Marshal(board.Settings{Moderation: board.ModerateGuests, Captcha: true})
	if err != nil {
		return err
	}
	return tx.Bucket(bucketMeta).Put(keySettings, s)
}

// migrate brings the database to SchemaVersion in one transaction, refusing a newer one.
func migrate(db *bolt.DB) error {
	return db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		var v uint64
		if meta == nil {
			// A file with buckets but no meta is not ours (or lost its meta): refuse it.
			foreign := false
			_ = tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
				foreign = true
				return nil
			})
			if foreign {
				return fmt.Errorf("no meta bucket: %w", board.ErrCorrupt)
			}
		} else if raw := meta.Get(keyVersion); raw != nil {
			if len(raw) != 8 {
				return fmt.Errorf("schema version of %d bytes: %w", len(raw), board.ErrCorrupt)
			}
			v = binary.BigEndian.Uint64(raw)
		} else {
			return fmt.Errorf("no schema version: %w", board.ErrCorrupt)
		}
		if v > SchemaVersion {
			return fmt.Errorf("schema version %d, this program knows %d: %w", v, SchemaVersion, board.ErrSchemaTooNew)
		}
		for _, m := range migrations {
			if m.To <= v {
				continue
			}
			if err := m.Fn(tx); err != nil {
				return fmt.Errorf("migrate to v%d (%s): %w", m.To, m.Name, err)
			}
			if err := tx.Bucket(bucketMeta).Put(keyVersion, u64(m.To)); err != nil {
				return err
			}
		}
		for _, name := range allBuckets {
			if tx.Bucket(name) == nil {
				return fmt.Errorf("bucket %s missing: %w", name, board.ErrCorrupt)
			}
		}
		return nil
	})
}

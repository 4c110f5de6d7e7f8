package pgstore

import (
	"errors"

	"github.com/jackc/pgx/v5"

	"bangtin/board"
)

// Files attached to threads (migration 0004): records in files, bytes in file_data. A change
// to a thread's files is announced as a change of that thread, so every node's page caches
// read it again.

func (t *txn) File(id uint64) (board.File, error) {
	var f board.File
	return f, t.getRec(&f, "SELECT rec FROM files WHERE id = $1"+t.forUpdate(), int64(id))
}

func (t *txn) ThreadFiles(threadID uint64) ([]board.File, error) {
	return recs[board.File](t, "SELECT rec FROM files WHERE thread_id = $1 ORDER BY ord, id", int64(threadID))
}

func (t *txn) PutFile(f *board.File) error {
	if f.ID == 0 {
		id, err := t.nextID("files_id")
		if err != nil {
			return err
		}
		f.ID = id
	} else if err := t.raiseSeq("files_id", f.ID); err != nil {
		return err
	}
	rec, err := encode(f)
	if err != nil {
		return err
	}
	var oldThread int64
	err = t.queryRow("SELECT thread_id FROM files WHERE id = $1", int64(f.ID)).Scan(&oldThread)
	switch {
	case errors.Is(err, pgx.ErrNoRows):
	case err != nil:
		return err
	case uint64(oldThread) != f.ThreadID:
		t.changed(board.ChangeThread, uint64(oldThread))
	}
	t.changed(board.ChangeThread, f.ThreadID)
	return t.exec(`INSERT INTO files (id, thread_id, ord, size, rec) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (id) DO UPDATE SET thread_id = excluded.thread_id, ord = excluded.ord,
			size = excluded.size, rec = excluded.rec`,
		int64(f.ID), int64(f.ThreadID), f.Order, f.Size, rec)
}

func (t *txn) PutFileData(id uint64, data []byte) error {
	if data == nil {
		data = []byte{}
	}
	return t.exec(`INSERT INTO file_data (id, data) VALUES ($1, $2)
		ON CONFLICT (id) DO UPDATE SET data = excluded.data`, int64(id), data)
}

func (t *txn) FileData(id uint64) ([]byte, error) {
	var data []byte
	err := t.queryRow("SELECT data FROM file_data WHERE id = $1", int64(id)).Scan(&data)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, board.ErrNotFound
	}
	return data, err
}

func (t *txn) DeleteFile(id uint64) error {
	f, err := t.File(id)
	if err != nil {
		return err
	}
	t.changed(board.ChangeThread, f.ThreadID)
	if err := t.exec("DELETE FROM file_data WHERE id = $1", int64(id)); err != nil {
		return err
	}
	return t.exec("DELETE FROM files WHERE id = $1", int64(id))
}

// FilesTotal is the sum of the files' sizes: counted, not kept, so that nodes writing at once
// never drift apart (a board holds at most a few thousand files).
func (t *txn) FilesTotal() (int64, error) {
	var n int64
	err := t.queryRow("SELECT COALESCE(SUM(size), 0)::bigint FROM files").Scan(&n)
	return n, err
}

func (t *txn) EachFile(fn func(board.File) bool) error {
	fs, err := recs[board.File](t, "SELECT rec FROM files ORDER BY id")
	if err != nil {
		return err
	}
	for _, f := range fs {
		if !fn(f) {
			return nil
		}
	}
	return nil
}

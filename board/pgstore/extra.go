// This file implements the methods other branches of this round add to board.Tx: the reader
// preferences (branch telex) and the export/import methods (branch copy). It builds only once
// those branches are merged with this one: whoever merges removes the build constraint above
// (the line "//go:build bangtin_merged").

package pgstore

import (
	"errors"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"bangtin/board"
)

// --- reader preferences (telex) ---

func (t *txn) ReaderPrefs(reader string) (board.ReaderPrefs, error) {
	var p board.ReaderPrefs
	if strings.ContainsRune(reader, 0) {
		// PostgreSQL text holds no NUL, so no such reader is stored (board/export asks for
		// "\x00export-defaults" to learn the defaults).
		return p, nil
	}
	err := t.getRec(&p, "SELECT rec FROM reader_prefs WHERE reader = $1"+t.forUpdate(), reader)
	if err == board.ErrNotFound {
		err = nil
	}
	return p, err
}

func (t *txn) PutReaderPrefs(reader string, p board.ReaderPrefs) error {
	rec, err := encode(p)
	if err != nil {
		return err
	}
	return t.exec("INSERT INTO reader_prefs (reader, rec) VALUES ($1, $2) ON CONFLICT (reader) DO UPDATE SET rec = excluded.rec", reader, rec)
}

// EachReaderPrefs calls fn on every reader's saved preferences, by reader (board/export finds it
// by name).
func (t *txn) EachReaderPrefs(fn func(reader string, p board.ReaderPrefs) bool) error {
	return eachKeyed(t, "SELECT reader, rec FROM reader_prefs WHERE reader > $1 ORDER BY reader LIMIT $2", func(k string, raw []byte) (bool, error) {
		var p board.ReaderPrefs
		if err := decode(raw, &p); err != nil {
			return false, err
		}
		return fn(k, p), nil
	})
}

// --- export and import (copy) ---

// eachKeyed pages through a query "... WHERE key > $1 ORDER BY key LIMIT $2" selecting (key, rec),
// calling fn on each row until it returns false.
func eachKeyed(t *txn, sql string, fn func(key string, raw []byte) (bool, error)) error {
	last := ""
	for {
		rows, err := t.query(sql, last, eachBatch)
		if err != nil {
			return err
		}
		type row struct {
			k   string
			raw []byte
		}
		var batch []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.k, &r.raw); err != nil {
				rows.Close()
				return err
			}
			batch = append(batch, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, r := range batch {
			ok, err := fn(r.k, r.raw)
			if err != nil || !ok {
				return err
			}
			last = r.k
		}
		if len(batch) < eachBatch {
			return nil
		}
	}
}

func (t *txn) EachThread(fn func(board.Thread) bool) error {
	last := int64(0)
	for {
		rows, err := t.query("SELECT "+threadCols+", body FROM threads WHERE id > $1 ORDER BY id LIMIT $2", last, eachBatch)
		if err != nil {
			return err
		}
		var batch []board.Thread
		for rows.Next() {
			th, err := scanThread(rows, true)
			if err != nil {
				rows.Close()
				return err
			}
			batch = append(batch, th)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, th := range batch {
			if !fn(th) {
				return nil
			}
			last = int64(th.ID)
		}
		if len(batch) < eachBatch {
			return nil
		}
	}
}

func (t *txn) PutAuditEntry(e board.AuditEntry) error {
	if e.ID == 0 {
		return errors.New("PutAuditEntry: an entry without an id")
	}
	if err := t.raiseSeq("audit_id", e.ID); err != nil {
		return err
	}
	rec, err := encode(e)
	if err != nil {
		return err
	}
	return t.exec("INSERT INTO audit (id, rec) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET rec = excluded.rec", int64(e.ID), rec)
}

func (t *txn) EachLastName(fn func(fingerprint, name string) bool) error {
	return eachKeyed(t, "SELECT fingerprint, name FROM names WHERE fingerprint > $1 ORDER BY fingerprint LIMIT $2",
		func(k string, raw []byte) (bool, error) { return fn(k, string(raw)), nil })
}

func (t *txn) PutLastName(fingerprint, name string) error {
	return t.exec("INSERT INTO names (fingerprint, name) VALUES ($1, $2) ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name", fingerprint, name)
}

func (t *txn) EachReadMark(fn func(reader string, thread uint64, at time.Time) bool) error {
	lastR, lastID := "", int64(-1)
	for {
		rows, err := t.query(`SELECT reader, thread_id, at_ns FROM reads WHERE (reader, thread_id) > ($1, $2)
			ORDER BY reader, thread_id LIMIT $3`, lastR, lastID, eachBatch)
		if err != nil {
			return err
		}
		type mark struct {
			r      string
			id, at int64
		}
		var batch []mark
		for rows.Next() {
			var m mark
			if err := rows.Scan(&m.r, &m.id, &m.at); err != nil {
				rows.Close()
				return err
			}
			batch = append(batch, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, m := range batch {
			if !fn(m.r, uint64(m.id), time.Unix(0, m.at)) {
				return nil
			}
			lastR, lastID = m.r, m.id
		}
		if len(batch) < eachBatch {
			return nil
		}
	}
}

func (t *txn) EachVisitMark(fn func(reader string, m board.VisitMark) bool) error {
	return eachKeyed(t, "SELECT reader, rec FROM marks WHERE reader > $1 ORDER BY reader LIMIT $2", func(k string, raw []byte) (bool, error) {
		var m board.VisitMark
		if err := decode(raw, &m); err != nil {
			return false, err
		}
		return fn(k, m), nil
	})
}

func (t *txn) EachDay(fn func(board.VisitorDay) bool) error {
	rows, err := t.query("SELECT day, visits, uniq FROM days ORDER BY day")
	if err != nil {
		return err
	}
	var days []board.VisitorDay
	for rows.Next() {
		var d board.VisitorDay
		var v, u int64
		if err := rows.Scan(&d.Day, &v, &u); err != nil {
			rows.Close()
			return err
		}
		d.Visits, d.Unique = uint64(v), uint64(u)
		days = append(days, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, d := range days {
		if err := t.queryRow("SELECT COALESCE(array_agg(key ORDER BY key), '{}') FROM seen WHERE day = $1", d.Day).Scan(&d.Visitors); err != nil {
			return err
		}
		if !fn(d) {
			return nil
		}
	}
	return nil
}

func (t *txn) PutDay(d board.VisitorDay) error {
	if err := t.exec("DELETE FROM seen WHERE day = $1", d.Day); err != nil {
		return err
	}
	keys := d.Visitors
	if keys == nil {
		keys = []string{}
	}
	if err := t.exec("INSERT INTO seen (day, key) SELECT $1, k FROM unnest($2::text[]) AS k ON CONFLICT DO NOTHING", d.Day, keys); err != nil {
		return err
	}
	t.changed(board.ChangeVisits)
	return t.exec(`INSERT INTO days (day, visits, uniq) VALUES ($1, $2, $3)
		ON CONFLICT (day) DO UPDATE SET visits = excluded.visits, uniq = excluded.uniq`, d.Day, int64(d.Visits), int64(d.Unique))
}

func (t *txn) PutTotalVisits(n uint64) error {
	t.changed(board.ChangeVisits)
	return t.exec("INSERT INTO counters (name, n) VALUES ('visits', $1) ON CONFLICT (name) DO UPDATE SET n = excluded.n", int64(n))
}

// idSeqs are the id sequences in the order of board.IDCounters' fields.
var idSeqs = []string{"categories_id", "threads_id", "comments_id", "bans_id", "audit_id", "files_id"}

func (t *txn) IDCounters() (board.IDCounters, error) {
	var c board.IDCounters
	dst := []*uint64{&c.Categories, &c.Threads, &c.Comments, &c.Bans, &c.Audit, &c.Files}
	for i, seq := range idSeqs {
		var n int64
		err := t.queryRow("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM " + seq).Scan(&n)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return c, err
		}
		*dst[i] = uint64(n)
	}
	return c, nil
}

func (t *txn) RaiseIDCounters(c board.IDCounters) error {
	for i, v := range []uint64{c.Categories, c.Threads, c.Comments, c.Bans, c.Audit, c.Files} {
		if v == 0 {
			continue
		}
		if err := t.raiseSeq(idSeqs[i], v); err != nil {
			return err
		}
	}
	return nil
}

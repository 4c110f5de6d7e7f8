package pgstore

import (
	"fmt"
	"strings"

	"bangtin/board"
)

// MaxSearchResults caps how many matches a search counts, as boltstore does: pages past it are
// not reachable and Total says MaxSearchResults when there are more.
const MaxSearchResults = 500

// prefixEnd is appended to a query word to bound its prefix range: in the C collation of
// search_words.word every word starting with w sorts between w and w+prefixEnd.
const prefixEnd = "\U0010FFFF"

// rareLimit is the number of postings under which a query word is rare: its postings are then
// the candidates; when every word has more, search walks the published threads newest first.
var rareLimit = 2000

// SearchThreads finds the published threads that hold, for every query word, a word starting
// with it, newest published first (then highest id), counted up to MaxSearchResults. It first
// counts each word's postings (up to rareLimit, an index-only scan). If one word is rare, its
// postings (one range scan) are the candidates, kept when the thread holds the other words (an
// index probe each); otherwise the published threads are walked newest first with the same
// probes until MaxSearchResults match, which common words reach quickly.
func (t *txn) SearchThreads(words []string, skip, n int) ([]board.Thread, int, error) {
	if len(words) == 0 || skip >= MaxSearchResults {
		return nil, 0, nil
	}
	hi := make([]string, len(words))
	for i, w := range words {
		hi[i] = w + prefixEnd
	}
	rows, err := t.tx.Query(t.ctx, `
		SELECT q.i, (SELECT count(*) FROM (SELECT 1 FROM search_words w
			WHERE w.word >= q.lo COLLATE "C" AND w.word < q.hi COLLATE "C" LIMIT $3) x)
		FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS q(lo, hi, i)`, words, hi, rareLimit)
	if err != nil {
		return nil, 0, err
	}
	rarest, rarestN := -1, int64(rareLimit)
	for rows.Next() {
		var i, df int64
		if err := rows.Scan(&i, &df); err != nil {
			rows.Close()
			return nil, 0, err
		}
		if df == 0 {
			rows.Close()
			return nil, 0, nil
		}
		if df < rarestN {
			rarest, rarestN = int(i-1), df
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	var sql strings.Builder
	args := []any{}
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	probe := func(i int, thread string) string {
		return fmt.Sprintf(` AND EXISTS (SELECT 1 FROM search_words p WHERE p.thread_id = %s AND p.word >= %s COLLATE "C" AND p.word < %s COLLATE "C")`,
			thread, arg(words[i]), arg(hi[i]))
	}
	if rarest >= 0 {
		sql.WriteString(`SELECT w.thread_id FROM search_words w WHERE w.word >= ` + arg(words[rarest]) +
			` COLLATE "C" AND w.word < ` + arg(hi[rarest]) + ` COLLATE "C"`)
		for i := range words {
			if i != rarest {
				sql.WriteString(probe(i, "w.thread_id"))
			}
		}
		sql.WriteString(` GROUP BY w.thread_id, w.published_ns ORDER BY w.published_ns DESC, w.thread_id DESC`)
	} else {
		sql.WriteString(`SELECT t.id FROM threads t WHERE t.status = 1 AND NOT t.deleted`)
		for i := range words {
			sql.WriteString(probe(i, "t.id"))
		}
		sql.WriteString(` ORDER BY t.published_ns DESC, t.id DESC`)
	}
	sql.WriteString(" LIMIT " + arg(MaxSearchResults))
	rows, err = t.tx.Query(t.ctx, sql.String(), args...)
	if err != nil {
		return nil, 0, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, 0, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	total := len(ids)
	if skip >= total {
		return nil, total, nil
	}
	page := ids[skip:min(skip+n, total)]
	ts, err := t.threads("SELECT "+threadCols+" FROM threads WHERE id = ANY($1)", page)
	if err != nil {
		return nil, 0, err
	}
	byID := make(map[uint64]board.Thread, len(ts))
	for _, th := range ts {
		byID[th.ID] = th
	}
	out := make([]board.Thread, 0, len(page))
	for _, id := range page {
		if th, ok := byID[uint64(id)]; ok {
			out = append(out, th)
		}
	}
	return out, total, nil
}

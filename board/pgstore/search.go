package pgstore

import (
	"bangtin/board"
)

// MaxSearchResults caps how many matches a search counts, as boltstore does: pages past it are
// not reachable and Total says MaxSearchResults when there are more.
const MaxSearchResults = 500

// prefixEnd is appended to a query word to bound its prefix range: in the C collation of
// search_words.word every word starting with w sorts between w and w+prefixEnd.
const prefixEnd = "\U0010FFFF"

// SearchThreads finds the published threads that hold, for every query word, a word starting
// with it: one range scan of the word index per query word, grouped by thread, newest published
// first (then highest id), counted up to MaxSearchResults.
func (t *txn) SearchThreads(words []string, skip, n int) ([]board.Thread, int, error) {
	if len(words) == 0 || skip >= MaxSearchResults {
		return nil, 0, nil
	}
	hi := make([]string, len(words))
	for i, w := range words {
		hi[i] = w + prefixEnd
	}
	rows, err := t.tx.Query(t.ctx, `
		SELECT w.thread_id FROM search_words w
		JOIN unnest($1::text[], $2::text[]) WITH ORDINALITY AS q(lo, hi, i)
			ON w.word >= q.lo COLLATE "C" AND w.word < q.hi COLLATE "C"
		GROUP BY w.thread_id, w.published_ns
		HAVING count(DISTINCT q.i) = $3
		ORDER BY w.published_ns DESC, w.thread_id DESC
		LIMIT $4`, words, hi, len(words), MaxSearchResults)
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

package pgstore

import (
	"fmt"
	"slices"
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
var rareLimit = 500

// SearchThreads finds the published threads that hold, for every query word, a word starting
// with it, newest published first (then highest id), counted up to MaxSearchResults. It first
// counts each word's postings (up to rareLimit, an index-only scan). If a word is rare, its
// postings are the candidates (searchFrom); otherwise the published threads are walked newest
// first (searchWalk), which common words make short.
func (t *txn) SearchThreads(words []string, skip, n int) ([]board.Thread, int, error) {
	if len(words) == 0 || skip >= MaxSearchResults {
		return nil, 0, nil
	}
	hi := make([]string, len(words))
	for i, w := range words {
		hi[i] = w + prefixEnd
	}
	rows, err := t.query(`
		SELECT q.i, (SELECT count(*) FROM (SELECT 1 FROM search_words w
			WHERE w.word >= q.lo COLLATE "C" AND w.word < q.hi COLLATE "C"`+limitOffset(rareLimit, 0)+`) x)
		FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS q(lo, hi, i)`, words, hi)
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
	var ids []int64
	if rarest >= 0 {
		ids, err = t.searchFrom(words, hi, rarest)
	} else {
		ids, err = t.searchWalk(words, hi)
	}
	if err != nil {
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

// searchFrom: the candidates are the postings of the rare word (fewer than rareLimit), newest
// published first; holdAll keeps those holding the other words.
func (t *txn) searchFrom(words, hi []string, rarest int) ([]int64, error) {
	ids, err := t.int64s(`SELECT thread_id FROM search_words WHERE word >= $1 COLLATE "C" AND word < $2 COLLATE "C"
		GROUP BY thread_id, published_ns ORDER BY published_ns DESC, thread_id DESC`, words[rarest], hi[rarest])
	if err != nil {
		return nil, err
	}
	others, othersHi := slices.Delete(slices.Clone(words), rarest, rarest+1), slices.Delete(slices.Clone(hi), rarest, rarest+1)
	out, err := t.holdAll(ids, others, othersHi)
	if len(out) > MaxSearchResults {
		out = out[:MaxSearchResults]
	}
	return out, err
}

// searchWalk walks the published threads newest first in batches, keeping those that hold every
// word (holdAll), until MaxSearchResults match or the threads end. After the first batch the next
// one is sized from the share of threads that matched so far (what is still missing, divided by
// that share, and a quarter more), so that a walk probes about as many threads as it needs; with
// no match yet the batch doubles. Each batch size is its own cached statement (limitOffset), so
// sizes are rounded up to a multiple of 250.
func (t *txn) searchWalk(words, hi []string) ([]int64, error) {
	var out []int64
	lastNS, lastID := int64(1<<62), int64(1<<62)
	batch, walked := 250, 0
	for len(out) < MaxSearchResults {
		rows, err := t.query(`SELECT id, published_ns FROM threads WHERE status = 1 AND NOT deleted
			AND (published_ns, id) < ($1, $2) ORDER BY published_ns DESC, id DESC`+limitOffset(batch, 0), lastNS, lastID)
		if err != nil {
			return nil, err
		}
		var page []int64
		for rows.Next() {
			if err := rows.Scan(&lastID, &lastNS); err != nil {
				rows.Close()
				return nil, err
			}
			page = append(page, lastID)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if len(page) == 0 {
			break
		}
		hits, err := t.holdAll(page, words, hi)
		if err != nil {
			return nil, err
		}
		out = append(out, hits[:min(len(hits), MaxSearchResults-len(out))]...)
		if len(page) < batch {
			break
		}
		walked += len(page)
		batch = nextBatch(batch, walked, len(out))
	}
	return out, nil
}

// holdAll keeps, in their order, the threads of ids that hold a word starting with each of words:
// the ids drive the query (unnest) and each word is one probe of the (thread, word) index per
// thread, a plan whose cost follows len(ids) whatever the words' frequencies.
func (t *txn) holdAll(ids []int64, words, hi []string) ([]int64, error) {
	if len(words) == 0 || len(ids) == 0 {
		return ids, nil
	}
	var sql strings.Builder
	args := []any{ids}
	sql.WriteString(`SELECT c.id FROM unnest($1::bigint[]) WITH ORDINALITY AS c(id, n) WHERE TRUE`)
	for i := range words {
		args = append(args, words[i], hi[i])
		fmt.Fprintf(&sql, ` AND EXISTS (SELECT 1 FROM search_words p WHERE p.thread_id = c.id AND p.word >= $%d COLLATE "C" AND p.word < $%d COLLATE "C")`, len(args)-1, len(args))
	}
	sql.WriteString(` ORDER BY c.n`)
	return t.int64s(sql.String(), args...)
}

func (t *txn) int64s(sql string, args ...any) ([]int64, error) {
	rows, err := t.query(sql, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// nextBatch is the size of searchWalk's next batch after walked threads gave found matches.
func nextBatch(batch, walked, found int) int {
	const step, most = 250, 4000
	if found == 0 || walked == 0 {
		return min(batch*2, most)
	}
	need := MaxSearchResults - found
	n := (need*walked/found)*5/4 + 1
	n = (n + step - 1) / step * step
	return min(max(n, step), most)
}

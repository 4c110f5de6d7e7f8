package boltstore

import (
	"bytes"
	"fmt"
	"slices"
	"sort"

	"bangtin/board"
)

// term is one query word: the indexed words it is a prefix of, and how many postings they hold.
type term struct {
	words [][]byte
	df    uint64
}

// maxExpansions caps how many indexed words a query prefix may stand for.
const maxExpansions = 2000

func (t *txn) expand(prefix string) term {
	var tm term
	c := t.b(bucketSearchDF).Cursor()
	p := []byte(prefix)
	for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p) && len(tm.words) < maxExpansions; k, v = c.Next() {
		tm.words = append(tm.words, slices.Clone(k))
		tm.df += getU64(v)
	}
	return tm
}

// scan adds to set the document keys of every posting of tm.
func (t *txn) scan(tm term, keep func(doc string) bool, set map[string]struct{}) {
	c := t.b(bucketSearchWords).Cursor()
	for _, w := range tm.words {
		p := append(slices.Clip(w), 0)
		for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
			doc := string(k[len(p):]) // copies
			if keep == nil || keep(doc) {
				set[doc] = struct{}{}
			}
		}
	}
}

// SearchThreads intersects the postings of each query word (every word a prefix), starting
// from the rarest and probing the others key by key when that is cheaper than scanning them.
func (t *txn) SearchThreads(words []string, skip, n int) ([]board.Thread, int, error) {
	if len(words) == 0 {
		return nil, 0, nil
	}
	terms := make([]term, 0, len(words))
	for _, w := range words {
		tm := t.expand(w)
		if tm.df == 0 {
			return nil, 0, nil
		}
		terms = append(terms, tm)
	}
	sort.Slice(terms, func(i, j int) bool { return terms[i].df < terms[j].df })
	cands := make(map[string]struct{}, terms[0].df)
	t.scan(terms[0], nil, cands)
	postings := t.b(bucketSearchWords)
	for _, tm := range terms[1:] {
		if len(cands) == 0 {
			break
		}
		if uint64(len(cands)*len(tm.words)) < tm.df {
			key := make([]byte, 0, 128)
			for doc := range cands {
				found := false
				for _, w := range tm.words {
					key = append(append(append(key[:0], w...), 0), doc...)
					if postings.Get(key) != nil {
						found = true
						break
					}
				}
				if !found {
					delete(cands, doc)
				}
			}
			continue
		}
		next := make(map[string]struct{}, min(len(cands), int(tm.df)))
		t.scan(tm, func(doc string) bool { _, ok := cands[doc]; return ok }, next)
		cands = next
	}
	docs := make([]string, 0, len(cands))
	for d := range cands {
		docs = append(docs, d)
	}
	total := len(docs)
	if skip >= total {
		return nil, total, nil
	}
	slices.Sort(docs) // ascending inverted time: newest first
	docs = docs[skip:min(total, skip+n)]
	out := make([]board.Thread, 0, len(docs))
	for _, d := range docs {
		th, err := t.Thread(idOfKey([]byte(d)))
		if err != nil {
			return nil, 0, fmt.Errorf("search index: %w", err)
		}
		out = append(out, th)
	}
	return out, total, nil
}

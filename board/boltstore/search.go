package boltstore

import (
	"bytes"
	"container/heap"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"bangtin/board"
)

// MaxSearchResults caps how many matches a search counts: pages past it are not reachable and
// Total says MaxSearchResults when there are more.
const MaxSearchResults = 500

// maxExpansions caps how many indexed words a query prefix may stand for.
const maxExpansions = 5000

// term is one query word: the indexed words it is a prefix of, and how many postings they hold.
type term struct {
	prefix string
	words  [][]byte
	df     uint64
}

func (t *txn) expand(prefix string) term {
	tm := term{prefix: prefix}
	c := t.b(bucketSearchDF).Cursor()
	p := []byte(prefix)
	for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p) && len(tm.words) < maxExpansions; k, v = c.Next() {
		tm.words = append(tm.words, slices.Clone(k))
		tm.df += getU64(v)
	}
	return tm
}

// posting is one cursor over the postings of one indexed word, positioned at doc.
type posting struct {
	c      *bolt.Cursor
	prefix []byte // word|0x00
	doc    []byte // the current document key (valid until the cursor moves)
}

func (p *posting) next(k []byte) bool {
	if k == nil || !bytes.HasPrefix(k, p.prefix) {
		return false
	}
	p.doc = k[len(p.prefix):]
	return true
}

// merge yields the documents of several posting lists in key order (newest first).
type merge []*posting

func (m merge) Len() int           { return len(m) }
func (m merge) Less(i, j int) bool { return bytes.Compare(m[i].doc, m[j].doc) < 0 }
func (m merge) Swap(i, j int)      { m[i], m[j] = m[j], m[i] }
func (m *merge) Push(x any)        { *m = append(*m, x.(*posting)) }
func (m *merge) Pop() any {
	old := *m
	p := old[len(old)-1]
	*m = old[:len(old)-1]
	return p
}

// SearchThreads walks the postings of the rarest query word newest first (merging the words it
// is a prefix of) and keeps the documents whose forward index holds a word starting with each
// of the other query words. It stops counting at MaxSearchResults. Matches holding every query
// word whole come first (board.Tx's contract): each match is put in one of two lists, newest
// first, and the page is cut from the two joined.
func (t *txn) SearchThreads(words []string, skip, n int) ([]board.Thread, int, error) {
	if len(words) == 0 || skip >= MaxSearchResults {
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
	slices.SortFunc(terms, func(a, b term) int { return int(a.df) - int(b.df) })
	driver, others := terms[0], terms[1:]
	needles := make([][]byte, len(others))
	for i, o := range others {
		needles[i] = []byte(" " + o.prefix)
	}
	wholes := make([][]byte, len(terms))
	for i, tm := range terms {
		wholes[i] = []byte(" " + tm.prefix + " ")
	}
	var m merge
	for _, w := range driver.words {
		p := &posting{c: t.b(bucketSearchWords).Cursor(), prefix: append(slices.Clip(w), 0)}
		k, _ := p.c.Seek(p.prefix)
		if p.next(k) {
			m = append(m, p)
		}
	}
	heap.Init(&m)
	// The forward index shares the postings' key order, so one cursor walks it alongside: a few
	// Next steps usually reach the wanted document, a Seek otherwise.
	fc := t.b(bucketSearchDocs).Cursor()
	var fk, fv []byte
	forward := func(doc []byte) []byte {
		for i := 0; fk != nil && i < 8 && bytes.Compare(fk, doc) < 0; i++ {
			fk, fv = fc.Next()
		}
		if fk == nil || !bytes.Equal(fk, doc) {
			fk, fv = fc.Seek(doc)
		}
		if fk != nil && bytes.Equal(fk, doc) {
			return fv
		}
		return nil
	}
	var whole, prefix []uint64
	total := 0
	var last []byte
	for m.Len() > 0 && total < MaxSearchResults {
		p := m[0]
		doc := p.doc
		if last == nil || !bytes.Equal(doc, last) {
			last = append(last[:0], doc...)
			fwd := forward(doc)
			ok := true
			for _, nd := range needles {
				if !bytes.Contains(fwd, nd) {
					ok = false
					break
				}
			}
			if ok {
				all := true
				for _, w := range wholes {
					if !bytes.Contains(fwd, w) {
						all = false
						break
					}
				}
				if all {
					whole = append(whole, idOfKey(doc))
				} else {
					prefix = append(prefix, idOfKey(doc))
				}
				total++
			}
		}
		k, _ := p.c.Next()
		if p.next(k) {
			heap.Fix(&m, 0)
		} else {
			heap.Pop(&m)
		}
	}
	ranked := append(whole, prefix...)
	var page []uint64
	if skip < len(ranked) {
		page = ranked[skip:min(skip+n, len(ranked))]
	}
	out := make([]board.Thread, 0, len(page))
	for _, id := range page {
		th, err := t.listed(id)
		if err != nil {
			return nil, 0, fmt.Errorf("search index: %w", err)
		}
		out = append(out, th)
	}
	return out, total, nil
}

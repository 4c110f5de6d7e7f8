package board

import (
	"bangtin/board/text"
	"context"
	"fmt"
)

// MaxQueryWords is the number of words of a search query that count.
const MaxQueryWords = 8

// Search finds published threads whose title, summary or body hold every word of the query,
// case- and diacritic-insensitively, whole words or prefixes. Threads holding every query word
// whole come first ("tre em" ranks "trẻ em" above "trẻ emmy"), each group newest first.
func (b *Board) Search(ctx context.Context, query string, page, per int) (ThreadPage, error) {
	q, err := clean(fieldSpec{name: "query", min: 1, max: MaxQuery}, query)
	if err != nil {
		return ThreadPage{}, err
	}
	words := dedupe(text.Words(q))
	if len(words) == 0 {
		return ThreadPage{}, &ValidationError{Field: "query", Problem: ProblemRequired}
	}
	if len(words) > MaxQueryWords {
		words = words[:MaxQueryWords]
	}
	per = perPage(per)
	page = max(page, 1)
	var out ThreadPage
	err = b.view(ctx, func(tx Tx) error {
		ts, total, err := tx.SearchThreads(words, (page-1)*per, per)
		if err != nil {
			return err
		}
		out = ThreadPage{Threads: ts, Total: total, Page: page, Pages: pages(total, per)}
		return nil
	})
	if err != nil {
		return ThreadPage{}, fmt.Errorf("search %q: %w", q, err)
	}
	b.counter.addPendingViews(out.Threads)
	return out, nil
}

func dedupe(ws []string) []string {
	out := ws[:0:0]
	seen := map[string]bool{}
	for _, w := range ws {
		if w != "" && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

package pgstore_test

import (
	"context"
	"testing"

	"bangtin/board"
	"bangtin/board/boardtest/conformance"
	"bangtin/board/boardtest/pgtest"
	"bangtin/board/pgstore"
)

var ctx = context.Background()

func TestMain(m *testing.M) { pgtest.Main(m) }

func openURL(url string) (board.Store, error) { return pgstore.Open(ctx, url, pgstore.Options{}) }

var factory = conformance.Factory{
	New: func(t testing.TB) (board.Store, string) {
		url := pgtest.DB(t)
		st, err := pgstore.Open(ctx, url, pgstore.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return st, url
	},
	Open:   openURL,
	Shared: true,
}

// TestConformance runs the store suite shared with boltstore.
func TestConformance(t *testing.T) { conformance.Run(t, factory) }

// TestSearchWalk runs the search case with every query word counted as common, so that search
// walks the published threads newest first instead of starting from the rarest word's postings.
func TestSearchWalk(t *testing.T) {
	defer pgstore.SetRareLimit(1)()
	conformance.RunOnly(t, factory, "search")
}

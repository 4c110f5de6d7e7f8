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

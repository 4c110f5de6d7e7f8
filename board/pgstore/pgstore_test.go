package pgstore_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

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

// TestDaysReadTogether: a View answers Day from the days it read around the first one asked
// (one query for a week or a month of the visitor history); days far apart, days without visits,
// keys that are not dates and a View after a write all give what the write path reads one by one.
func TestDaysReadTogether(t *testing.T) {
	st, err := pgstore.Open(ctx, pgtest.DB(t), pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var keys []string
	for _, off := range []int{0, 1, 29, 99, 100, 101, 250, 400} {
		keys = append(keys, t0.AddDate(0, 0, off).Format("20060102"))
	}
	write := func() {
		t.Helper()
		err := st.Update(ctx, func(tx board.Tx) error {
			for i, k := range keys {
				if err := tx.AddVisits(k, uint64(i+1), []string{"v" + k}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	write()
	asked := append([]string{t0.AddDate(0, 0, 2).Format("20060102"), "not-a-day", "2026"}, keys...)
	asked = append(asked, t0.AddDate(0, 0, -300).Format("20060102"), keys[0])
	one := map[string]board.DayCount{}
	readEach := func() {
		t.Helper()
		err := st.Update(ctx, func(tx board.Tx) error { // the write path: one query per day
			for _, k := range asked {
				d, err := tx.Day(k)
				if err != nil {
					return err
				}
				one[k] = d
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	readEach()
	for round := range 2 {
		err = st.View(ctx, func(tx board.Tx) error {
			for _, k := range asked {
				d, err := tx.Day(k)
				if err != nil {
					return err
				}
				if d != one[k] {
					t.Errorf("round %d: Day(%q) in a View = %+v, one by one %+v", round, k, d, one[k])
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		write() // the next View must see the new counts
		readEach()
	}
	if one[keys[7]].Visits != 3*8 || one[keys[7]].Unique != 1 || one["not-a-day"].Visits != 0 {
		t.Errorf("counts after three writes: %+v", one)
	}
}

// TestNextBatch: the search walk's next batch is sized from the matches so far, in steps of 250,
// between 250 and 4,000; with no match yet it doubles.
func TestNextBatch(t *testing.T) {
	for _, c := range []struct{ batch, walked, found, want int }{
		{250, 250, 160, 750},   // 340 missing at 64%: 664 with a quarter more
		{250, 250, 0, 500},     // nothing yet: double
		{2000, 4000, 0, 4000},  // at most 4,000
		{250, 250, 250, 500},   // every thread matches: 250 missing, 313 with a quarter more
		{250, 250, 499, 250},   // one missing
		{1000, 1250, 10, 4000}, // rare matches: the most
	} {
		if got := pgstore.NextBatch(c.batch, c.walked, c.found); got != c.want {
			t.Errorf("nextBatch(%d, %d, %d) = %d, want %d", c.batch, c.walked, c.found, got, c.want)
		}
	}
}

// TestMigrateIndexes: a database of schema 4 (comments without their author column) gets the
// column filled from the records and its index on open (migration 5): a writer's comments are
// listed at once, an account's whatever key it used, a guest's by its key, not a keyless
// guest's; and the deleted threads are listed from their index (migration 6).
func TestMigrateIndexes(t *testing.T) {
	url := pgtest.DB(t)
	st, err := pgstore.Open(ctx, url, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	authors := []struct{ login, key string }{{"lan", "SHA256:lan"}, {"", "SHA256:k1"}, {"", ""}}
	want := map[string][]uint64{}
	err = st.Update(ctx, func(tx board.Tx) error {
		th := board.Thread{Title: "Lịch tiêm", Body: "tại trạm y tế", CategoryID: 1, Status: board.StatusPublished}
		if err := tx.PutThread(&th); err != nil {
			return err
		}
		gone := board.Thread{Title: "Tin đã xoá", Body: "nội dung", CategoryID: 1, Status: board.StatusPublished, Deleted: true}
		if err := tx.PutThread(&gone); err != nil {
			return err
		}
		for i := range 9 {
			a := authors[i%len(authors)]
			c := board.Comment{ThreadID: th.ID, Name: "Người viết", Body: "ý kiến", Login: a.login, Fingerprint: a.key}
			if err := tx.PutComment(&c); err != nil {
				return err
			}
			if k := c.AuthorKey(); k != "" {
				want[k] = append([]uint64{c.ID}, want[k]...)
			}
		}
		return nil
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	_, err = conn.Exec(ctx, `ALTER TABLE comments DROP COLUMN author; DROP INDEX threads_deleted;
		DELETE FROM bangtin_schema WHERE version >= 5`)
	conn.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}

	st, err = pgstore.Open(ctx, url, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = st.View(ctx, func(tx board.Tx) error {
		for author, ids := range want {
			cs, err := tx.AuthorComments(author, 10)
			var got []uint64
			for _, c := range cs {
				got = append(got, c.ID)
			}
			if err != nil || !slices.Equal(got, ids) {
				t.Errorf("AuthorComments(%q) after migration = %v, %v; want %v", author, got, err, ids)
			}
		}
		ts, total, err := tx.DeletedThreads(0, 10)
		if err != nil || total != 1 || len(ts) != 1 || ts[0].Title != "Tin đã xoá" {
			t.Errorf("DeletedThreads after migration: %d of %d, %v", len(ts), total, err)
		}
		return nil
	})
	if err != nil || len(want) != 2 {
		t.Fatalf("view: %v; authors %v", err, want)
	}
}

package board_test

import (
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/boardtest"
)

// DailyVisits counts the same visits as VisitHistory, flushed or not, and leaves Unique at 0;
// ContentVersion does not move on a visit (the shared list snapshots survive it) but Version does.
func TestDailyVisitsAndContentVersion(t *testing.T) {
	now := time.Date(2026, 3, 9, 10, 0, 0, 0, hcm)
	clk := newClock(now)
	b := boardtest.New(t, board.Options{Now: clk.Now, Location: hcm})
	g1, g2 := boardtest.Guest("10.0.0.1"), boardtest.GuestKey("SHA256:k", "10.0.0.2")
	for _, tc := range []struct {
		name  string
		visit func()
		flush bool
	}{
		{"pending", func() { b.RecordVisit(g1, now.Add(-24*time.Hour)); b.RecordVisit(g1, now) }, false},
		{"flushed", func() { b.RecordVisit(g2, now) }, true},
		{"both", func() { b.RecordVisit(g2, now) }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, cv := b.Version(), b.ContentVersion()
			tc.visit()
			if b.Version() == v {
				t.Fatal("a visit did not move Version")
			}
			if b.ContentVersion() != cv {
				t.Fatal("a visit moved ContentVersion")
			}
			if tc.flush {
				if err := b.Flush(ctx); err != nil {
					t.Fatal(err)
				}
			}
			hist, err := b.VisitHistory(ctx, 3)
			if err != nil {
				t.Fatal(err)
			}
			daily, err := b.DailyVisits(ctx, 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(daily) != len(hist) {
				t.Fatalf("daily %d days, history %d", len(daily), len(hist))
			}
			for i := range hist {
				if !daily[i].Day.Equal(hist[i].Day) || daily[i].Visits != hist[i].Visits || daily[i].Unique != 0 {
					t.Fatalf("day %d: daily %+v, history %+v", i, daily[i], hist[i])
				}
			}
			if hist[2].Visits == 0 || hist[1].Visits != 1 {
				t.Fatalf("history = %+v", hist)
			}
		})
	}
}

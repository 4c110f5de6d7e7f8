package web

import (
	"context"
	"slices"
	"time"
)

// statsEvery is how often the visitor box's figures are read again.
const statsEvery = 2 * time.Second

// stats is the visitor box: "Đang online", today, this week, all time and 30 days of visits.
// seq changes whenever a figure changes: pages are cached per seq.
type stats struct {
	seq                uint64
	Online             int
	Today, Week, Total uint64
	Bars               []bar
	SparkW, SparkH     int
	First, Last        string
	MaxVisits          uint64
	values             []uint64
	failed             bool
}

// bar is one day of the sparkline.
type bar struct {
	X, Y, W, H int
	Day        string
	Visits     uint64
}

const (
	sparkDays = 30
	barW      = 6
	sparkH    = 32
)

// stats returns the current figures, read again at most every statsEvery. While one request
// reads them (the board's counters may be in the middle of a flush), the others are served the
// previous figures instead of waiting.
func (s *Server) stats(ctx context.Context) stats {
	now := s.now()
	s.statsMu.Lock()
	fresh := !s.statsAt.IsZero() && now.Sub(s.statsAt) < statsEvery && now.After(s.statsAt)
	if fresh || (s.statsBusy && s.statsCur.seq != 0) {
		defer s.statsMu.Unlock()
		return s.statsCur
	}
	if s.statsBusy { // the very first figures: wait for them
		for s.statsBusy {
			s.statsCond.Wait()
		}
		defer s.statsMu.Unlock()
		return s.statsCur
	}
	s.statsBusy, s.statsAt = true, now
	s.statsMu.Unlock()
	read := false
	defer func() { // a panic while reading must not leave the figures busy forever
		if !read {
			s.statsMu.Lock()
			s.statsBusy = false
			s.statsCond.Broadcast()
			s.statsMu.Unlock()
		}
	}()
	st := s.readStats(ctx)
	read = true
	s.statsMu.Lock()
	defer s.statsMu.Unlock()
	prev := s.statsCur
	st.seq = prev.seq
	if prev.Online != st.Online || prev.Today != st.Today || prev.Week != st.Week || prev.Total != st.Total ||
		!slices.Equal(prev.values, st.values) || prev.seq == 0 {
		st.seq++
	}
	s.statsCur, s.statsBusy = st, false
	s.statsCond.Broadcast()
	return st
}

// readStats reads the visitor box's figures from the board.
func (s *Server) readStats(ctx context.Context) stats {
	st := stats{Online: s.b.Online(), SparkW: sparkDays * barW, SparkH: sparkH}
	vc, err := s.b.VisitorCounts(ctx)
	hist, err2 := s.b.DailyVisits(ctx, sparkDays)
	if err != nil || err2 != nil {
		s.log.Warn("web: visitor counts", "err", err, "history", err2)
		st.failed = true
	}
	st.Today, st.Week, st.Total = vc.Today, vc.Week, vc.Total
	for _, d := range hist {
		st.values = append(st.values, d.Visits)
		st.MaxVisits = max(st.MaxVisits, d.Visits)
	}
	loc := s.b.Location()
	for i, d := range hist {
		h := 1
		if st.MaxVisits > 0 {
			h = max(1, int(d.Visits*uint64(sparkH-2)/st.MaxVisits))
		}
		day := d.Day.In(loc).Format("02/01")
		st.Bars = append(st.Bars, bar{X: i * barW, Y: sparkH - h, W: barW - 1, H: h, Day: day, Visits: d.Visits})
	}
	if len(hist) > 0 {
		st.First, st.Last = hist[0].Day.In(loc).Format("02/01"), hist[len(hist)-1].Day.In(loc).Format("02/01")
	}
	return st
}

package board

import (
	"context"
	"fmt"
	"maps"
	"sync"
	"time"
)

// HistoryDays is how many days of visitor history are kept.
const HistoryDays = 90

// sessionGap is the pause after which a reader's next visit starts a new one (for what's new).
const sessionGap = 30 * time.Minute

const dayFormat = "20060102"

// dayPending is the unflushed visits of one local day.
type dayPending struct {
	visits uint64
	keys   map[string]struct{}
}

// counters batches visits, thread views, read markers and visit marks in memory; flush writes
// them in one transaction.
type counters struct {
	loc *time.Location

	mu       sync.Mutex
	dayStart time.Time // the cached day: [dayStart, dayEnd)
	dayEnd   time.Time
	dayCur   *dayPending
	days     map[string]*dayPending
	views    map[uint64]uint64
	reads    map[string]map[uint64]time.Time
	marks    map[string][]time.Time

	// flushMu is held for writing from the moment a flush takes the pending maps until they are
	// committed, and for reading by queries that add pending counts to stored ones.
	flushMu sync.RWMutex
}

func (c *counters) init(loc *time.Location) {
	c.loc = loc
	c.reset()
}

func (c *counters) reset() {
	c.days = map[string]*dayPending{}
	c.dayCur, c.dayStart, c.dayEnd = nil, time.Time{}, time.Time{}
	c.views = map[uint64]uint64{}
	c.reads = map[string]map[uint64]time.Time{}
	c.marks = map[string][]time.Time{}
}

// dayKey is the local day of t in loc and its bounds.
func dayKey(t time.Time, loc *time.Location) (key string, start, end time.Time) {
	y, m, d := t.In(loc).Date()
	start = time.Date(y, m, d, 0, 0, 0, 0, loc)
	return start.Format(dayFormat), start, time.Date(y, m, d+1, 0, 0, 0, 0, loc)
}

// day returns the pending record of at's local day; c.mu is held.
func (c *counters) day(at time.Time) *dayPending {
	if c.dayCur != nil && !at.Before(c.dayStart) && at.Before(c.dayEnd) {
		return c.dayCur
	}
	k, start, end := dayKey(at, c.loc)
	p := c.days[k]
	if p == nil {
		p = &dayPending{keys: map[string]struct{}{}}
		c.days[k] = p
	}
	c.dayCur, c.dayStart, c.dayEnd = p, start, end
	return p
}

func addMark(ts []time.Time, at time.Time) []time.Time {
	if n := len(ts); n > 0 && at.Sub(ts[n-1]) < sessionGap {
		if at.After(ts[n-1]) {
			ts[n-1] = at
		}
		return ts
	}
	if len(ts) >= 4 {
		ts = append(ts[:0], ts[len(ts)-3:]...)
	}
	return append(ts, at)
}

func applyMark(m VisitMark, at time.Time) VisitMark {
	if !at.After(m.Last) {
		return m
	}
	if at.Sub(m.Last) >= sessionGap {
		m.Prev = m.Last
	}
	m.Last = at
	return m
}

func (c *counters) visit(visitor, reader string, at time.Time) {
	c.mu.Lock()
	p := c.day(at)
	p.visits++
	if _, ok := p.keys[visitor]; !ok {
		p.keys[visitor] = struct{}{}
	}
	if reader != "" {
		c.marks[reader] = addMark(c.marks[reader], at)
	}
	c.mu.Unlock()
}

func (c *counters) view(id uint64) {
	c.mu.Lock()
	c.views[id]++
	c.mu.Unlock()
}

func (c *counters) read(reader string, id uint64, at time.Time) {
	c.mu.Lock()
	c.readLocked(reader, id, at)
	c.mu.Unlock()
}

// readLocked keeps the latest time reader read thread id; c.mu is held.
func (c *counters) readLocked(reader string, id uint64, at time.Time) {
	m := c.reads[reader]
	if m == nil {
		m = map[uint64]time.Time{}
		c.reads[reader] = m
	}
	if at.After(m[id]) {
		m[id] = at
	}
}

// addPendingViews adds unflushed views to threads read from the store.
func (c *counters) addPendingViews(ts []Thread) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.views) == 0 {
		return
	}
	for i := range ts {
		ts[i].Views += c.views[ts[i].ID]
	}
}

// take removes and returns everything pending.
func (c *counters) take() (days map[string]*dayPending, views map[uint64]uint64, reads map[string]map[uint64]time.Time, marks map[string][]time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	days, views, reads, marks = c.days, c.views, c.reads, c.marks
	c.reset()
	return
}

// giveBack merges what a failed flush took back into the pending maps.
func (c *counters) giveBack(days map[string]*dayPending, views map[uint64]uint64, reads map[string]map[uint64]time.Time, marks map[string][]time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k, d := range days {
		p := c.days[k]
		if p == nil {
			c.days[k] = d
			continue
		}
		p.visits += d.visits
		maps.Copy(p.keys, d.keys)
	}
	for id, n := range views {
		c.views[id] += n
	}
	for r, m := range reads {
		for id, t := range m {
			c.readLocked(r, id, t)
		}
	}
	for r, ts := range marks {
		for _, t := range ts {
			c.marks[r] = addMark(c.marks[r], t)
		}
	}
}

// flusher writes the batched counters every FlushInterval and once more at close.
func (b *Board) flusher() {
	defer b.wg.Done()
	t := time.NewTicker(b.opts.FlushInterval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			b.flush()
		case <-b.done:
			b.flush()
			return
		}
	}
}

// flush writes the batched counters in one transaction.
func (b *Board) flush() {
	c := &b.counter
	c.flushMu.Lock()
	defer c.flushMu.Unlock()
	days, views, reads, marks := c.take()
	if len(days) == 0 && len(views) == 0 && len(reads) == 0 && len(marks) == 0 {
		return
	}
	oldest, _, _ := dayKey(b.now().AddDate(0, 0, -HistoryDays), b.opts.Location)
	err := b.st.Update(context.Background(), func(tx Tx) error {
		for k, d := range days {
			keys := make([]string, 0, len(d.keys))
			for v := range d.keys {
				keys = append(keys, v)
			}
			if err := tx.AddVisits(k, d.visits, keys); err != nil {
				return err
			}
		}
		if len(days) > 0 {
			if err := tx.PruneDays(oldest); err != nil {
				return err
			}
		}
		if err := tx.AddViews(views); err != nil {
			return err
		}
		if err := tx.PutReadMarks(reads); err != nil {
			return err
		}
		for r, ts := range marks {
			m, err := tx.VisitMark(r)
			if err != nil {
				return err
			}
			for _, t := range ts {
				m = applyMark(m, t)
			}
			if err := tx.PutVisitMark(r, m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		c.giveBack(days, views, reads, marks)
		return
	}
	b.changed()
}

// --- read markers and what's new ---

// MarkRead records that reader opened thread id now (batched with the counters).
func (b *Board) MarkRead(reader Identity, id uint64) {
	rk := reader.ReaderKey()
	if rk == "" {
		return
	}
	b.counter.read(rk, id, b.now())
}

// ReadMarks returns when reader last opened each of ids (missing: never).
func (b *Board) ReadMarks(ctx context.Context, reader Identity, ids []uint64) (map[uint64]time.Time, error) {
	rk := reader.ReaderKey()
	out := map[uint64]time.Time{}
	if rk == "" || len(ids) == 0 {
		return out, nil
	}
	c := &b.counter
	c.flushMu.RLock()
	defer c.flushMu.RUnlock()
	err := b.view(ctx, func(tx Tx) error {
		var err error
		out, err = tx.ReadMarks(rk, ids)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read marks: %w", err)
	}
	c.mu.Lock()
	for _, id := range ids {
		if t, ok := c.reads[rk][id]; ok && t.After(out[id]) {
			out[id] = t
		}
	}
	c.mu.Unlock()
	return out, nil
}

// NewSince is the time WhatsNew counts from for reader (the Since of WhatsNew) without listing
// the threads: the reader's previous visit, or a week ago.
func (b *Board) NewSince(ctx context.Context, reader Identity) (time.Time, error) {
	c := &b.counter
	c.flushMu.RLock()
	defer c.flushMu.RUnlock()
	var since time.Time
	err := b.view(ctx, func(tx Tx) error {
		var err error
		since, err = b.newSince(tx, reader)
		return err
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("what's new: %w", err)
	}
	return since, nil
}

// newSince is the reader's previous visit, flushed or not, or a week ago. The caller holds
// the counter's flushMu (read).
func (b *Board) newSince(tx Tx, reader Identity) (time.Time, error) {
	since := b.now().AddDate(0, 0, -7)
	rk := reader.ReaderKey()
	if rk == "" {
		return since, nil
	}
	m, err := tx.VisitMark(rk)
	if err != nil {
		return since, err
	}
	c := &b.counter
	c.mu.Lock()
	for _, t := range c.marks[rk] {
		m = applyMark(m, t)
	}
	c.mu.Unlock()
	if !m.Prev.IsZero() {
		since = m.Prev
	}
	return since, nil
}

// WhatsNew lists threads and comments since the reader's previous visit (guests without a key:
// the last 7 days).
func (b *Board) WhatsNew(ctx context.Context, reader Identity, limit int) (WhatsNew, error) {
	if limit <= 0 {
		limit = 20
	}
	limit = min(limit, maxPerPage)
	c := &b.counter
	c.flushMu.RLock()
	defer c.flushMu.RUnlock()
	var out WhatsNew
	err := b.view(ctx, func(tx Tx) error {
		since, err := b.newSince(tx, reader)
		if err != nil {
			return err
		}
		out.Since = since
		cursor := ""
		for len(out.Threads) < limit {
			ts, last, err := tx.ListThreads(0, false, cursor, 0, 50)
			if err != nil {
				return err
			}
			older := false
			for _, t := range ts {
				if t.PublishedAt.After(since) {
					if len(out.Threads) < limit {
						out.Threads = append(out.Threads, t)
					}
				} else if !t.Pinned {
					older = true
				}
			}
			if older || len(ts) < 50 {
				break
			}
			cursor = last
		}
		scanned := 0
		titles := map[uint64]*Thread{}
		err = tx.EachComment(func(cm Comment) bool {
			scanned++
			if cm.CreatedAt.Before(since.AddDate(0, 0, -7)) || scanned > 20000 {
				return false
			}
			at := cm.DecidedAt
			if at.IsZero() {
				at = cm.CreatedAt
			}
			if cm.Status != CommentApproved || !at.After(since) {
				return true
			}
			t, ok := titles[cm.ThreadID]
			if !ok {
				if th, err := tx.Thread(cm.ThreadID); err == nil && th.Status == StatusPublished && !th.Deleted {
					t = &th
				}
				titles[cm.ThreadID] = t
			}
			if t != nil {
				cm.ThreadTitle = t.Title
				out.Comments = append(out.Comments, cm)
			}
			return len(out.Comments) < limit
		})
		return err
	})
	if err != nil {
		return WhatsNew{}, fmt.Errorf("what's new: %w", err)
	}
	b.counter.addPendingViews(out.Threads)
	return out, nil
}

// --- visitors ---

// RecordVisit counts a visit of an identity at a time. No disk I/O; at least 1,000,000 a second.
func (b *Board) RecordVisit(id Identity, at time.Time) {
	b.counter.visit(id.VisitorKey(), id.ReaderKey(), at)
	b.version.Add(1) // the visitor counts only: not ContentVersion
}

// weekStart is local midnight of the Monday of t's ISO week.
func weekStart(t time.Time, loc *time.Location) time.Time {
	lt := t.In(loc)
	y, m, d := lt.Date()
	back := (int(lt.Weekday()) + 6) % 7
	return time.Date(y, m, d-back, 0, 0, 0, 0, loc)
}

// VisitorCounts are today's, this week's and all-time visits, including the unflushed ones.
func (b *Board) VisitorCounts(ctx context.Context) (VisitorCounts, error) {
	loc := b.opts.Location
	now := b.now()
	today, _, _ := dayKey(now, loc)
	mon := weekStart(now, loc)
	var week []string
	for d := mon; ; d = time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, loc) {
		k := d.Format(dayFormat)
		week = append(week, k)
		if k == today || len(week) == 7 {
			break
		}
	}
	c := &b.counter
	c.flushMu.RLock()
	defer c.flushMu.RUnlock()
	var vc VisitorCounts
	err := b.view(ctx, func(tx Tx) error {
		for _, k := range week {
			d, err := tx.Day(k)
			if err != nil {
				return err
			}
			vc.Week += d.Visits
			if k == today {
				vc.Today = d.Visits
			}
		}
		var err error
		vc.Total, err = tx.TotalVisits()
		return err
	})
	if err != nil {
		return VisitorCounts{}, fmt.Errorf("visitor counts: %w", err)
	}
	c.mu.Lock()
	for k, p := range c.days {
		vc.Total += p.visits
		for _, w := range week {
			if w == k {
				vc.Week += p.visits
			}
		}
		if k == today {
			vc.Today += p.visits
		}
	}
	c.mu.Unlock()
	return vc, nil
}

// VisitHistory is the visits and unique visitors of the last days days (at most 90), oldest first.
func (b *Board) VisitHistory(ctx context.Context, days int) ([]DayCount, error) {
	return b.visitHistory(ctx, days, true)
}

// DailyVisits is VisitHistory without the unique visitors (Unique is 0): what a sparkline of
// visits needs, without checking every visitor not yet flushed against the disk.
func (b *Board) DailyVisits(ctx context.Context, days int) ([]DayCount, error) {
	return b.visitHistory(ctx, days, false)
}

func (b *Board) visitHistory(ctx context.Context, days int, unique bool) ([]DayCount, error) {
	days = min(max(days, 1), HistoryDays)
	loc := b.opts.Location
	_, today, _ := dayKey(b.now(), loc)
	c := &b.counter
	c.flushMu.RLock()
	defer c.flushMu.RUnlock()
	c.mu.Lock()
	pending := map[string]dayPending{}
	for k, p := range c.days {
		dp := dayPending{visits: p.visits}
		if unique {
			dp.keys = maps.Clone(p.keys)
		}
		pending[k] = dp
	}
	c.mu.Unlock()
	out := make([]DayCount, 0, days)
	err := b.view(ctx, func(tx Tx) error {
		for i := days - 1; i >= 0; i-- {
			d := time.Date(today.Year(), today.Month(), today.Day()-i, 0, 0, 0, 0, loc)
			k := d.Format(dayFormat)
			dc, err := tx.Day(k)
			if err != nil {
				return err
			}
			dc.Day = d
			if !unique {
				dc.Unique = 0
			}
			if p, ok := pending[k]; ok {
				dc.Visits += p.visits
				for v := range p.keys {
					seen, err := tx.SeenOn(k, v)
					if err != nil {
						return err
					}
					if !seen {
						dc.Unique++
					}
				}
			}
			out = append(out, dc)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("visit history: %w", err)
	}
	return out, nil
}

// ViewCounter counts thread views for one session: each thread once.
type ViewCounter struct {
	b    *Board
	mu   sync.Mutex
	seen map[uint64]struct{}
}

// NewViewCounter starts the view count of one session.
func (b *Board) NewViewCounter() *ViewCounter {
	return &ViewCounter{b: b, seen: map[uint64]struct{}{}}
}

// View counts a view of thread id unless this session counted it already. No disk I/O.
func (v *ViewCounter) View(id uint64) {
	v.mu.Lock()
	_, dup := v.seen[id]
	if !dup {
		v.seen[id] = struct{}{}
	}
	v.mu.Unlock()
	if !dup {
		v.b.counter.view(id)
		v.b.changed()
	}
}

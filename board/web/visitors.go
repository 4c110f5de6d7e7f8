package web

import (
	"net/netip"
	"sync"
	"time"

	"bangtin/board"
)

// OnlineWindow is how recently a browser must have asked for a page to count as online.
const OnlineWindow = 5 * time.Minute

// maxTracked bounds each of the visitor maps below; a full map is pruned (online) or cleared
// (visits and views of the day: at worst a visitor is counted twice).
const maxTracked = 200_000

// visitors counts the web's side of the visitor box: browsers seen in the last OnlineWindow
// (registered with the board as the "web" presence source), one visit per address per local day
// (board.RecordVisit), and one thread view per address per thread per day.
type visitors struct {
	b   *board.Board
	loc *time.Location

	mu      sync.Mutex
	seen    map[netip.Addr]time.Time // last page request
	day     string                   // the local day of visited and viewed
	visited map[netip.Addr]struct{}
	viewed  map[viewKey]struct{}
	pruned  time.Time

	// Views are passed to the board in batches, at most every viewEvery: each batch changes the
	// board's content version, which every cached page (web and SSH snapshots) is keyed on.
	viewEvery time.Duration
	views     []uint64 // threads viewed since the last batch
	viewsAt   time.Time
}

// ViewBatch is how often the web passes thread views to the board (the board's own counters are
// written every 5 s anyway).
const ViewBatch = 5 * time.Second

type viewKey struct {
	addr   netip.Addr
	thread uint64
}

func newVisitors(b *board.Board, loc *time.Location) *visitors {
	return &visitors{
		b: b, loc: loc,
		seen:    map[netip.Addr]time.Time{},
		visited: map[netip.Addr]struct{}{},
		viewed:  map[viewKey]struct{}{},

		viewEvery: ViewBatch,
	}
}

// page records a page request from addr; thread is the thread shown, or 0. It reports whether
// it passed views to the board (which changes the board's content version).
func (v *visitors) page(addr netip.Addr, thread uint64, now time.Time) bool {
	if !addr.IsValid() {
		return false
	}
	day := now.In(v.loc).Format("20060102")
	v.mu.Lock()
	if day != v.day {
		v.day = day
		clear(v.visited)
		clear(v.viewed)
	}
	if len(v.seen) >= maxTracked {
		v.pruneLocked(now)
		if len(v.seen) >= maxTracked {
			clear(v.seen)
		}
	}
	v.seen[addr] = now
	_, visited := v.visited[addr]
	if !visited {
		if len(v.visited) >= maxTracked {
			clear(v.visited)
		}
		v.visited[addr] = struct{}{}
	}
	if thread != 0 {
		k := viewKey{addr, thread}
		if _, ok := v.viewed[k]; !ok {
			if len(v.viewed) >= maxTracked {
				clear(v.viewed)
			}
			v.viewed[k] = struct{}{}
			if len(v.views) < maxTracked {
				v.views = append(v.views, thread)
			}
		}
	}
	var batch []uint64
	if len(v.views) > 0 && now.Sub(v.viewsAt) >= v.viewEvery {
		batch, v.views, v.viewsAt = v.views, nil, now
	}
	v.mu.Unlock()
	if !visited {
		v.b.RecordVisit(board.Identity{Addr: addr}, now)
	}
	for _, id := range batch {
		v.b.NewViewCounter().View(id) // a counter per view: the same thread may be in the batch twice
	}
	return len(batch) > 0
}

func (v *visitors) pruneLocked(now time.Time) {
	for a, t := range v.seen {
		if now.Sub(t) > OnlineWindow {
			delete(v.seen, a)
		}
	}
	v.pruned = now
}

// online is the number of addresses seen in the last OnlineWindow.
func (v *visitors) online(now time.Time) int {
	v.mu.Lock()
	defer v.mu.Unlock()
	if now.Sub(v.pruned) > time.Second {
		v.pruneLocked(now)
	}
	return len(v.seen)
}

// flush passes the views not yet batched to the board (at shutdown).
func (v *visitors) flush() {
	v.mu.Lock()
	batch := v.views
	v.views = nil
	v.mu.Unlock()
	for _, id := range batch {
		v.b.NewViewCounter().View(id)
	}
}

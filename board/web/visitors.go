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
}

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
	}
}

// page records a page request from addr; thread is the thread shown, or 0. It reports whether
// it counted a view of the thread (which changes the board's content version).
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
	view := false
	if thread != 0 {
		k := viewKey{addr, thread}
		if _, ok := v.viewed[k]; !ok {
			if len(v.viewed) >= maxTracked {
				clear(v.viewed)
			}
			v.viewed[k] = struct{}{}
			view = true
		}
	}
	v.mu.Unlock()
	if !visited {
		v.b.RecordVisit(board.Identity{Addr: addr}, now)
	}
	if view {
		v.b.NewViewCounter().View(thread)
	}
	return view
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

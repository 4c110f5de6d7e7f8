package sshd

import (
	"sync"
	"unsafe"

	"github.com/charmbracelet/colorprofile"

	"bangtin/board/limit"
)

// drawCache lets screens that go from one shared frame to another (tui.Frames: most idle
// sessions show the same home page) share what draw computes: the rows fitted to the terminal
// and the bytes that turn the old frame into the new one. When the online count changes, the
// first screen works out the few cells that changed and the others write the same bytes; each
// session still writes them on its own channel.
//
// Entries are keyed by the two frames' strings themselves (their data pointers, which the key
// keeps alive, so an address is never reused while an entry holds it), the size, the width
// model and the colour profile: everything draw's output depends on when the terminal shows the
// old frame as drawn, in the board's modes, with nothing else pending (screen.draw checks it).
// Only frames the TUI reports as shared go through it, so one session's own screens (typing,
// scrolling) never push the shared entries out. It keeps at most the entries newDrawCache is given in two
// generations: when the newer is full, the older is dropped.
type drawCache struct {
	mu       sync.Mutex
	cur, old map[drawKey]*drawn
	limit    int
}

// DefaultSharedDraws is how many frame-to-frame changes a server keeps: a push lasts a second
// and concerns a few distinct screens (sizes, languages, colour profiles).
const DefaultSharedDraws = 256

type drawKey struct {
	from, to       *byte // the frames' data (kept alive by the key)
	fromLen, toLen int
	w, h           int
	method         widthMode
	profile        colorprofile.Profile
}

// drawn is one change, shared: never modified once stored.
type drawn struct {
	rows []string // the rows on the terminal after it
	out  []byte   // what is written
}

func newDrawCache(n int) *drawCache {
	half := max(1, limit.Or(n, DefaultSharedDraws)/2)
	return &drawCache{cur: make(map[drawKey]*drawn, half), limit: half}
}

func keyOf(from, to string, w, h int, method widthMode, profile colorprofile.Profile) drawKey {
	return drawKey{from: unsafe.StringData(from), to: unsafe.StringData(to), fromLen: len(from), toLen: len(to),
		w: w, h: h, method: method, profile: profile}
}

func (c *drawCache) get(k drawKey) *drawn {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d, ok := c.cur[k]; ok {
		return d
	}
	if d, ok := c.old[k]; ok {
		delete(c.old, k)
		c.store(k, d)
		return d
	}
	return nil
}

// put keeps d under k unless another screen stored one first, and returns the one kept.
func (c *drawCache) put(k drawKey, d *drawn) *drawn {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.cur[k]; ok {
		return e
	}
	c.store(k, d)
	return d
}

func (c *drawCache) store(k drawKey, d *drawn) {
	if len(c.cur) >= c.limit {
		c.old, c.cur = c.cur, make(map[drawKey]*drawn, c.limit)
	}
	c.cur[k] = d
}

// len is the number of entries kept (tests).
func (c *drawCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.cur) + len(c.old)
}

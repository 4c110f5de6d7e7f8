package media

import (
	"bytes"
	"container/list"
	"fmt"
	"image"
	_ "image/gif"  // stored pictures are JPEG or PNG; older or imported ones may be GIF
	_ "image/jpeg" // image.Decode of stored pictures
	_ "image/png"
	"sync"

	_ "golang.org/x/image/webp"
)

// ArtOf decodes a stored picture (already checked and scaled down by Picture) and draws it as
// half-block art width cells wide. The declared size is checked again (Config) so that a
// picture that did not come through Picture (an imported board) cannot make it allocate more.
func ArtOf(data []byte, typ string, width int) (Art, error) {
	if _, err := Config(data, typ); err != nil {
		return Art{}, err
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return Art{}, fmt.Errorf("%w: %v", ErrBroken, err)
	}
	return HalfBlocks(img, width), nil
}

// ArtCache keeps drawn art, shared between sessions, by picture (its sha256) and width, up to
// a total number of cells (about 40 bytes each with their colours); the least recently used
// art goes first. It is safe for concurrent use.
type ArtCache struct {
	mu       sync.Mutex
	maxCells int
	cells    int
	order    *list.List // of *artEntry, most recent first
	byKey    map[artKey]*list.Element
}

type artKey struct {
	sum   string
	width int
}

type artEntry struct {
	key   artKey
	art   Art
	cells int
}

// DefaultArtCells is the default bound of an ArtCache: about 80 pictures of 80×40 cells
// (some 10 MB).
const DefaultArtCells = 256_000

// NewArtCache makes a cache of at most maxCells cells (DefaultArtCells if maxCells <= 0).
func NewArtCache(maxCells int) *ArtCache {
	if maxCells <= 0 {
		maxCells = DefaultArtCells
	}
	return &ArtCache{maxCells: maxCells, order: list.New(), byKey: map[artKey]*list.Element{}}
}

// Get returns the art of the picture with checksum sum at width, drawing it with draw (once;
// later calls share it) when it is not kept. Art larger than the whole cache is returned but
// not kept.
func (c *ArtCache) Get(sum string, width int, draw func() (Art, error)) (Art, error) {
	k := artKey{sum, width}
	c.mu.Lock()
	if e, ok := c.byKey[k]; ok {
		c.order.MoveToFront(e)
		a := e.Value.(*artEntry).art
		c.mu.Unlock()
		return a, nil
	}
	c.mu.Unlock()
	a, err := draw()
	if err != nil {
		return Art{}, err
	}
	n := 0
	for _, r := range a.Rows {
		n += len(r)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[k]; ok || n > c.maxCells {
		return a, nil
	}
	c.byKey[k] = c.order.PushFront(&artEntry{key: k, art: a, cells: n})
	c.cells += n
	for c.cells > c.maxCells {
		last := c.order.Back()
		e := last.Value.(*artEntry)
		c.order.Remove(last)
		delete(c.byKey, e.key)
		c.cells -= e.cells
	}
	return a, nil
}

// Cells is the number of cells the cache holds.
func (c *ArtCache) Cells() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cells
}

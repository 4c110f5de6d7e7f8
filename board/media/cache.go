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

	"github.com/charmbracelet/colorprofile"
	_ "golang.org/x/image/webp"

	"bangtin/board/limit"
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

// ArtCache keeps drawn art, shared between sessions, up to a number of bytes; the least
// recently used goes first. It keeps two kinds of entries: a picture's cells at a width (key:
// its sha256 and the width), drawn once from the decoded picture, and the lines made of those
// cells for one colour profile (Lines), made once per profile from the kept cells without
// decoding again. It is safe for concurrent use; two sessions missing the same entry at once
// may both draw it (the first kept wins).
type ArtCache struct {
	mu       sync.Mutex
	maxBytes int64
	bytes    int64
	order    *list.List // of *artEntry, most recent first
	byKey    map[artKey]*list.Element
}

type artKey struct {
	sum     string
	width   int
	lines   bool                 // the entry holds lines for profile, else cells
	profile colorprofile.Profile // lines only
}

type artEntry struct {
	key   artKey
	art   Art
	lines []string
	bytes int64
}

// DefaultArtBytes is the default bound of an ArtCache: 32 MiB, some 300 pictures of 80×32
// cells with their lines in one colour profile.
const DefaultArtBytes = 32 << 20

// NewArtCache makes a cache of at most maxBytes bytes (DefaultArtBytes if maxBytes <= 0).
func NewArtCache(maxBytes int64) *ArtCache {
	maxBytes = limit.Or(maxBytes, DefaultArtBytes)
	return &ArtCache{maxBytes: maxBytes, order: list.New(), byKey: map[artKey]*list.Element{}}
}

// artBytes is about what art holds in memory: 8 bytes a cell, a slice header a row.
func artBytes(a Art) int64 {
	n := int64(64)
	for _, r := range a.Rows {
		n += 24 + 8*int64(len(r))
	}
	return n
}

func linesBytes(ls []string) int64 {
	n := int64(64)
	for _, l := range ls {
		n += 16 + int64(len(l))
	}
	return n
}

// Get returns the art of the picture with checksum sum at width, drawing it with draw (once;
// later calls share it) when it is not kept. Art larger than the whole cache is returned but
// not kept.
func (c *ArtCache) Get(sum string, width int, draw func() (Art, error)) (Art, error) {
	k := artKey{sum: sum, width: width}
	if e, ok := c.lookup(k); ok {
		return e.art, nil
	}
	a, err := draw()
	if err != nil {
		return Art{}, err
	}
	c.keep(&artEntry{key: k, art: a, bytes: artBytes(a)})
	return a, nil
}

// Lines returns the lines of the picture with checksum sum at width in the colour profile p
// (Art.LinesFor), made from the kept cells (Get, with draw on a miss) once per profile. A
// profile without colours gives nil.
func (c *ArtCache) Lines(sum string, width int, p colorprofile.Profile, draw func() (Art, error)) ([]string, error) {
	if p <= colorprofile.ASCII {
		return nil, nil
	}
	k := artKey{sum: sum, width: width, lines: true, profile: p}
	if e, ok := c.lookup(k); ok {
		return e.lines, nil
	}
	a, err := c.Get(sum, width, draw)
	if err != nil {
		return nil, err
	}
	ls := a.LinesFor(p)
	c.keep(&artEntry{key: k, lines: ls, bytes: linesBytes(ls)})
	return ls, nil
}

func (c *ArtCache) lookup(k artKey) (*artEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[k]; ok {
		c.order.MoveToFront(el)
		return el.Value.(*artEntry), true
	}
	return nil, false
}

// keep adds e (unless kept meanwhile or larger than the cache), then drops the least recently
// used entries until the cache is within its bound.
func (c *ArtCache) keep(e *artEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[e.key]; ok || e.bytes > c.maxBytes {
		return
	}
	c.byKey[e.key] = c.order.PushFront(e)
	c.bytes += e.bytes
	for c.bytes > c.maxBytes {
		last := c.order.Back()
		old := last.Value.(*artEntry)
		c.order.Remove(last)
		delete(c.byKey, old.key)
		c.bytes -= old.bytes
	}
}

// Bytes is about the memory the cache holds.
func (c *ArtCache) Bytes() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.bytes
}

// Len is the number of entries (cells and lines) the cache holds.
func (c *ArtCache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

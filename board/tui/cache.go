package tui

import (
	"container/list"
	"sync"

	"bangtin/board"
	"bangtin/board/i18n"
)

// Cache holds what the sessions of one server share (Env.Cache): loaded lists, threads,
// categories and visitor counts, rendered Markdown, laid-out title cells and thread pages, and
// the immutable styles and key maps. The server makes one (NewCache) and hands it to every
// session; a session without one makes its own, so tests share nothing and run in parallel.
type Cache struct {
	lists      *memo[listKey, board.ThreadPage]
	categories *memo[boardKey, []board.Category]
	visitors   *memo[boardKey, visitorSnap]
	threads    *memo[threadKey, threadSnap]
	markdown   *memo[mdKey, *rendered]
	titles     *memo[titleKey, string]
	layouts    *memo[layoutKey, *layout]
	fileCache  *fileCache // a thread's files and their pictures' art (files.go)

	mu      sync.Mutex
	styles  map[bool]*Styles
	keyMaps map[i18n.Lang]*KeyMap
	drafts  map[string]draft
}

// draft is unsent text of a form, kept per identified author (see Draft).
type draft struct{ name, title, summary, body string }

// maxDrafts bounds the drafts a server keeps in memory.
const maxDrafts = 10000

// Draft is the unsent text kept under k ("" keys keep nothing: guests without a key are not
// told apart).
func (c *Cache) Draft(k string) (draft, bool) {
	if c == nil || k == "" {
		return draft{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	d, ok := c.drafts[k]
	return d, ok
}

// KeepDraft keeps d under k, or forgets k when d is empty. A form keeps its text as it is
// typed, so that a session that ends (Ctrl-C, idle, a dropped connection) loses nothing.
func (c *Cache) KeepDraft(k string, d draft) {
	if c == nil || k == "" {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if d == (draft{}) {
		delete(c.drafts, k)
		return
	}
	if _, ok := c.drafts[k]; !ok && len(c.drafts) >= maxDrafts {
		for old := range c.drafts { // full: forget one
			delete(c.drafts, old)
			break
		}
	}
	c.drafts[k] = d
}

// NewCache makes the caches of one server, bounded in entries and bytes.
func NewCache() *Cache {
	return &Cache{
		lists:      newMemo[listKey, board.ThreadPage](128, 16<<20, func(p board.ThreadPage) int { return threadsSize(p.Threads) }),
		categories: newMemo[boardKey, []board.Category](16, 0, nil),
		visitors:   newMemo[boardKey, visitorSnap](16, 0, nil),
		threads:    newMemo[threadKey, threadSnap](256, 32<<20, snapSize),
		markdown:   newMemo[mdKey, *rendered](512, 32<<20, func(r *rendered) int { return r.bytes }),
		titles:     newMemo[titleKey, string](8192, 0, nil),
		layouts: newMemo[layoutKey, *layout](512, 32<<20, func(l *layout) int {
			n := 64 + 8*len(l.picks)
			for _, s := range l.lines {
				n += 16 + len(s)
			}
			return n
		}),
		fileCache: newFileCache(),
		styles:    map[bool]*Styles{},
		keyMaps:   map[i18n.Lang]*KeyMap{},
		drafts:    map[string]draft{},
	}
}

// Styles never change once built: the sessions of a server share one set per colour mode.
func (c *Cache) Styles(noColor bool) *Styles {
	if c == nil {
		return NewStyles(noColor)
	}
	return shared(&c.mu, c.styles, noColor, NewStyles)
}

// KeyMap is the key map of lang, shared like the styles (a session swaps its whole *KeyMap
// when it changes language).
func (c *Cache) KeyMap(lang i18n.Lang) *KeyMap {
	if c == nil || (lang != i18n.Vi && lang != i18n.En) {
		return NewKeyMap(lang) // not kept: the map stays bounded
	}
	return shared(&c.mu, c.keyMaps, lang, NewKeyMap)
}

// shared is m[k], built by build and kept on first use, under mu.
func shared[K comparable, V any](mu *sync.Mutex, m map[K]V, k K, build func(K) V) V {
	mu.Lock()
	defer mu.Unlock()
	v, ok := m[k]
	if !ok {
		v = build(k)
		m[k] = v
	}
	return v
}

// memo is a bounded cache shared by the sessions of a server (Cache), with one load per key at a
// time: when a thousand sessions ask for the same thread list after a change, the board is read
// once. Failed loads are not kept. Entries leave oldest-used first when count or bytes overflow.
type memo[K comparable, V any] struct {
	mu       sync.Mutex
	maxItems int
	maxBytes int
	bytes    int
	size     func(V) int // nil: every entry counts 0 bytes
	items    map[K]*memoEntry[K, V]
	lru      list.List // of *memoEntry, most recently used at the front
}

type memoEntry[K comparable, V any] struct {
	key   K
	done  chan struct{}
	v     V
	err   error
	bytes int
	elem  *list.Element // nil while loading
}

func newMemo[K comparable, V any](maxItems, maxBytes int, size func(V) int) *memo[K, V] {
	return &memo[K, V]{maxItems: maxItems, maxBytes: maxBytes, size: size, items: map[K]*memoEntry[K, V]{}}
}

// Get returns the value for k, calling load once if no session has it yet. A nil memo keeps
// nothing: it calls load.
func (m *memo[K, V]) Get(k K, load func() (V, error)) (V, error) {
	if m == nil {
		return load()
	}
	m.mu.Lock()
	if e, ok := m.items[k]; ok {
		if e.elem != nil {
			m.lru.MoveToFront(e.elem)
		}
		m.mu.Unlock()
		<-e.done
		return e.v, e.err
	}
	e := &memoEntry[K, V]{key: k, done: make(chan struct{})}
	m.items[k] = e
	m.mu.Unlock()

	func() {
		defer func() {
			if r := recover(); r != nil {
				m.mu.Lock()
				delete(m.items, k)
				m.mu.Unlock()
				close(e.done)
				panic(r)
			}
		}()
		e.v, e.err = load()
	}()

	m.mu.Lock()
	if e.err != nil {
		delete(m.items, k)
	} else {
		if m.size != nil {
			e.bytes = m.size(e.v)
		}
		m.bytes += e.bytes
		e.elem = m.lru.PushFront(e)
		for m.lru.Len() > 1 && (m.lru.Len() > m.maxItems || (m.maxBytes > 0 && m.bytes > m.maxBytes)) {
			old := m.lru.Back().Value.(*memoEntry[K, V])
			m.lru.Remove(old.elem)
			delete(m.items, old.key)
			m.bytes -= old.bytes
		}
	}
	m.mu.Unlock()
	close(e.done)
	return e.v, e.err
}

// Len is the number of stored entries (for tests).
func (m *memo[K, V]) Len() int {
	if m == nil {
		return 0
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.lru.Len()
}

package tui

import (
	"container/list"
	"sync"
)

// memo is a bounded cache shared by every session of the process, with one load per key at a
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

// Get returns the value for k, calling load once if no session has it yet.
func (m *memo[K, V]) Get(k K, load func() (V, error)) (V, error) {
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
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.lru.Len()
}

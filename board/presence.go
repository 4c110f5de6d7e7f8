package board

import "sync"

// presence is "Đang online": the people reading the board now. Each interface of this node (the
// SSH server's live sessions, the web's recent browsers) registers a source that counts its own;
// a store shared by several nodes adds the other nodes' figures (OtherNodes).
type presence struct {
	mu      sync.Mutex
	sources map[string]func() int
}

// NodePresence is implemented by a store shared by several nodes: the sum of the online figures
// the other live nodes last published. The embedded store does not implement it.
type NodePresence interface {
	OtherNodesOnline() int
}

// AddPresence registers a source of this node's online count under a name ("ssh", "web");
// registering a name again replaces its source, a nil count removes it.
func (b *Board) AddPresence(name string, count func() int) {
	b.presence.mu.Lock()
	defer b.presence.mu.Unlock()
	if b.presence.sources == nil {
		b.presence.sources = map[string]func() int{}
	}
	if count == nil {
		delete(b.presence.sources, name)
		return
	}
	b.presence.sources[name] = count
}

// LocalOnline is the online count of this node alone: the sum of its sources.
func (b *Board) LocalOnline() int {
	b.presence.mu.Lock()
	defer b.presence.mu.Unlock()
	n := 0
	for _, count := range b.presence.sources {
		n += max(count(), 0)
	}
	return n
}

// Online is "Đang online": this node's sources plus, on a shared store, the other live nodes.
func (b *Board) Online() int {
	n := b.LocalOnline()
	if np, ok := b.st.(NodePresence); ok {
		n += np.OtherNodesOnline()
	}
	return n
}

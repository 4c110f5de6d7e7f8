package component

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Cursor is the selection and scroll position of a list.
type Cursor struct{ Pos, top int }

// Move moves the selection by d within n items.
func (l *Cursor) Move(d, n int) {
	l.Pos = min(max(0, l.Pos+d), max(0, n-1))
}

// Window returns the visible range of n items in h rows, scrolling to keep Pos visible.
func (l *Cursor) Window(n, h int) (from, to int) {
	h = max(1, h)
	if l.Pos >= n {
		l.Pos = max(0, n-1)
	}
	if l.Pos < l.top {
		l.top = l.Pos
	}
	if l.Pos >= l.top+h {
		l.top = l.Pos - h + 1
	}
	l.top = max(0, min(l.top, n-h))
	return l.top, min(n, l.top+h)
}

// Key handles the list movement keys in a list of n items, page rows to a page; it reports
// whether it used the key.
func (l *Cursor) Key(k *KeyMap, msg tea.KeyPressMsg, n, page int) bool {
	switch {
	case key.Matches(msg, k.Up):
		l.Move(-1, n)
	case key.Matches(msg, k.Down):
		l.Move(1, n)
	case key.Matches(msg, k.ListPageUp):
		l.Move(-page, n)
	case key.Matches(msg, k.ListPageDown):
		l.Move(page, n)
	case key.Matches(msg, k.Top):
		l.Pos = 0
	case key.Matches(msg, k.Bottom):
		l.Move(n, n)
	default:
		return false
	}
	return true
}

// Follow puts the selection on the item for which same is true, when the list changed under
// it (a live update, a decision on other items): the cursor stays on its item, not on its row
// number. With no such item left, the selection stays on the same row (the next item).
func Follow[T any](l *Cursor, items []T, same func(T) bool) {
	for i, it := range items {
		if same(it) {
			l.Pos = i
			return
		}
	}
	l.Pos = min(l.Pos, max(0, len(items)-1))
}

package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/tui/component"
)

// pickList is a scrolled list of lines, some of which are threads a reader can pick with the
// arrows and open with Enter (what's new, search results). A picked row differs from the others
// only in its marker cell.
type pickList struct {
	lines   []string       // composed lines; a pickable line leaves its first cell for the marker
	threads []board.Thread // the pickable threads, in order
	at      []int          // at[i]: index in lines of threads[i]
	ids     []pickKey      // ids[i]: what threads[i]'s row is, to find it again
	sel     int
	off     int
}

// pickKey identifies a pickable row across a new composition of the list: its thread, and which
// of the list's parts the row is in (what's new lists a thread as new and for its comments).
type pickKey struct {
	id   uint64
	part int
}

// reset empties the list for a new composition; the selection and scroll stay, for keep.
func (l *pickList) reset() {
	*l = pickList{sel: l.sel, off: l.off} // new slices: an opened thread page holds the old threads
}

// pickedKey is the key of the picked row (false: the list has none).
func (l *pickList) pickedKey() (pickKey, bool) {
	if l.sel < 0 || l.sel >= len(l.ids) {
		return pickKey{}, false
	}
	return l.ids[l.sel], true
}

// keep puts the selection back on the row of k once the list is composed again, when the list
// changed under the reader (a live change): the cursor stays on its item, not on its row number
// (component.Follow, as the queue and the lists do; with the item gone, on the same row). ok
// false, or a new list (fresh), starts at the top.
func (l *pickList) keep(k pickKey, ok, fresh bool, h int) {
	if fresh || !ok {
		l.sel, l.off = 0, 0
	}
	cur := component.Cursor{Pos: l.sel}
	if ok && !fresh {
		component.Follow(&cur, l.ids, func(x pickKey) bool { return x == k })
	}
	l.sel = min(cur.Pos, max(0, len(l.at)-1))
	l.follow(h)
}

func (l *pickList) add(line string) { l.lines = append(l.lines, line) }

func (l *pickList) addThread(t board.Thread, line string) { l.addThreadIn(0, t, line) }

// addThreadIn adds a pickable thread in part of the list (see pickKey).
func (l *pickList) addThreadIn(part int, t board.Thread, line string) {
	l.at = append(l.at, len(l.lines))
	l.threads = append(l.threads, t)
	l.ids = append(l.ids, pickKey{id: t.ID, part: part})
	l.lines = append(l.lines, " "+line)
}

func (l *pickList) move(d, h int) {
	if len(l.at) == 0 {
		return
	}
	l.sel = min(max(0, l.sel+d), len(l.at)-1)
	l.follow(h)
}

// follow scrolls so that the picked line is visible.
func (l *pickList) follow(h int) {
	if len(l.at) == 0 {
		l.off = 0
		return
	}
	line := l.at[l.sel]
	if l.sel == 0 {
		line = 0 // show the headings above the first item
	}
	if line < l.off {
		l.off = line
	}
	if line >= l.off+h {
		l.off = line - h + 1
	}
	l.off = max(0, min(l.off, len(l.lines)-h))
}

func (l *pickList) view(s *Styles, h int) string {
	var b strings.Builder
	end := min(len(l.lines), l.off+h)
	mark := -1
	if len(l.at) > 0 {
		mark = l.at[l.sel]
	}
	for i := l.off; i < end; i++ {
		line := l.lines[i]
		if i == mark {
			line = s.Marker.Render(Marker) + line[1:]
		}
		b.WriteString(line)
		if i < end-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// picked is the selected thread, if the list has any.
func (l *pickList) picked() (board.Thread, bool) {
	if len(l.threads) == 0 {
		return board.Thread{}, false
	}
	return l.threads[l.sel], true
}

// keys handles the list keys shared by the pages that show a pickList: back, up, down, top,
// bottom and Enter on a thread, in a list h rows high; other keys do nothing.
func (l *pickList) keys(c *Common, msg tea.KeyPressMsg, h int) tea.Cmd {
	k := c.Keys
	switch {
	case key.Matches(msg, k.Back):
		return func() tea.Msg { return BackMsg{} }
	case key.Matches(msg, k.Up):
		l.move(-1, h)
	case key.Matches(msg, k.Down):
		l.move(1, h)
	case key.Matches(msg, k.Top):
		l.move(-len(l.at), h)
	case key.Matches(msg, k.Bottom):
		l.move(len(l.at), h)
	case key.Matches(msg, k.Open):
		if _, ok := l.picked(); ok {
			return openThread(c, l.threads, l.sel)
		}
	}
	return nil
}

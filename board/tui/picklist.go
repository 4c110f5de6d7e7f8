package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
)

// pickList is a scrolled list of lines, some of which are threads a reader can pick with the
// arrows and open with Enter (what's new, search results). A picked row differs from the others
// only in its marker cell.
type pickList struct {
	lines   []string       // composed lines; a pickable line leaves its first cell for the marker
	threads []board.Thread // the pickable threads, in order
	at      []int          // at[i]: index in lines of threads[i]
	sel     int
	off     int
}

func (l *pickList) reset() { *l = pickList{} }

func (l *pickList) add(line string) { l.lines = append(l.lines, line) }

func (l *pickList) addThread(t board.Thread, line string) {
	l.at = append(l.at, len(l.lines))
	l.threads = append(l.threads, t)
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

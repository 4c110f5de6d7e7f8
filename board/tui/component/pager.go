package component

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// Pager shows lines longer than the screen (a comment, a preview, a revision) in bubbles'
// viewport, scrolled by the key map's Up, Down, ScrollUp, ScrollDown, Top and Bottom.
type Pager struct {
	vp    viewport.Model
	lines []string
}

// NewPager is a pager over lines (already laid out to the width).
func NewPager(k *KeyMap, lines []string) *Pager {
	vp := viewport.New()
	vp.KeyMap = viewport.KeyMap{Up: k.Up, Down: k.Down, PageUp: k.ScrollUp, PageDown: k.ScrollDown}
	vp.MouseWheelEnabled = false
	p := &Pager{vp: vp}
	p.SetLines(lines)
	return p
}

// SetLines replaces the text, keeping the scroll position where it can.
func (p *Pager) SetLines(lines []string) {
	p.lines = lines
	p.vp.SetContentLines(append([]string(nil), lines...))
}

// Key scrolls for a key; it reports whether it used the key.
func (p *Pager) Key(k *KeyMap, msg tea.KeyPressMsg) bool {
	switch {
	case key.Matches(msg, k.Top):
		p.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		p.vp.GotoBottom()
	case key.Matches(msg, k.Up, k.Down, k.ScrollUp, k.ScrollDown):
		p.vp, _ = p.vp.Update(msg)
	default:
		return false
	}
	return true
}

// View draws the visible part in w × h cells.
func (p *Pager) View(w, h int) string {
	if p.vp.Width() != w || p.vp.Height() != h {
		p.vp.SetWidth(w)
		p.vp.SetHeight(max(1, h))
		p.vp.SetYOffset(p.vp.YOffset()) // clamp to the new height
	}
	return p.vp.View()
}

// Offset is the first line shown.
func (p *Pager) Offset() int { return p.vp.YOffset() }

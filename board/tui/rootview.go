package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"bangtin/board/i18n"
	"bangtin/board/text"
)

// The root model's frame: the header, the top page or a question, and the help line;
// shared with other sessions where the screen allows (Env.Frames).

func (m *model) View() tea.View {
	if m.dirty || m.view == "" {
		m.view = m.render()
		m.dirty = false
	}
	v := tea.NewView(m.view)
	v.AltScreen = true
	return v
}

func (m *model) render() string {
	f, ok := m.sharedFrame()
	if m.shared = ok; ok {
		return f
	}
	return m.renderOwn()
}

// SharedFrame reports whether the last frame of View is shared with other sessions (Env.Frames):
// the same string, drawn alike by every session that shows it.
func (m *model) SharedFrame() bool { return m.shared }

// sharedFrame is the frame from Env.Frames when the screen is one that sessions share: the home
// page alone, nothing of this session's own on it (no question, notice or text field), at a
// size that draws the page. Its key is the interned header, list and help line, the visitor box
// and the size: everything renderOwn draws on that screen.
func (m *model) sharedFrame() (string, bool) {
	c := m.c
	if c.Frames == nil || len(m.stack) != 1 || m.asking != "" || m.flash != "" ||
		c.Width < MinWidth || c.Height < MinHeight {
		return "", false
	}
	h, ok := m.stack[0].(*homePage)
	if !ok {
		return "", false
	}
	if !m.partsOK || m.headID == 0 || m.footID == 0 {
		// A LiveMsg changes neither (the online count is in the visitor box, a new version
		// reaches the page as a message of its own): a push of the online count skips them.
		m.header()
		m.footer()
		m.partsOK = true
	}
	h.viewTopCached()
	if m.headID == 0 || m.footID == 0 || h.topID == 0 {
		return "", false
	}
	k := frameKey{head: m.headID, top: h.topID, foot: m.footID, w: c.Width, h: c.Height,
		lang: c.Lang, noColor: c.NoColor, online: c.OnlineNow, counts: h.vis.counts, histLen: len(h.vis.history)}
	if len(h.vis.history) > 0 {
		k.hist = &h.vis.history[0]
	}
	return c.Frames.frame(k, m.renderOwn), true
}

// renderOwn draws the frame of this session.
func (m *model) renderOwn() string {
	c := m.c
	w, h := c.Width, c.Height
	if w < MinWidth || h < MinHeight {
		msg := c.T(i18n.WindowTooSmall, w, h, MinWidth, MinHeight)
		lines := text.Wrap(msg, max(1, w))
		return strings.Join(lines[:min(len(lines), max(1, h))], "\n")
	}
	var b strings.Builder
	b.Grow(w * h * 2)
	b.WriteString(m.header())
	b.WriteByte('\n')

	// The page: exactly ContentHeight rows, none wider than the window; a question of the root
	// that does not fit the help line takes the page's last rows (it is never cut).
	ask := m.askLines()
	ch := c.ContentHeight() - max(0, len(ask)-1)
	top := m.top()
	body := top.View()
	// The reading pages lay out to the width themselves (and their tests check it); other
	// pages get a safety net.
	trusted := reading(top)
	n := 0
	for line := range strings.SplitSeq(body, "\n") {
		if n == ch {
			break
		}
		if !trusted && lineWidth(line) > w {
			line = truncateStyled(line, w)
		}
		b.WriteString(line)
		b.WriteByte('\n')
		n++
	}
	for ; n < ch; n++ {
		b.WriteByte('\n')
	}
	if ask != nil {
		b.WriteString(strings.Join(ask, "\n"))
		return b.String()
	}
	b.WriteString(m.footer())
	return b.String()
}

// askLines is the root's open question wrapped to the width (nil: none).
func (m *model) askLines() []string {
	if m.asking == "" && m.idle == "" {
		return nil
	}
	c := m.c
	var out []string
	for _, q := range []struct {
		s    string
		st   lipgloss.Style
		part int // of the page's rows, at most
	}{{m.idle, c.Styles.Error, 3}, {m.asking, c.Styles.Focus, 2}} {
		if q.s == "" {
			continue
		}
		lines := text.Wrap(q.s, max(1, c.Width-2))
		lines = lines[:min(len(lines), max(1, c.ContentHeight()/q.part))]
		for _, l := range lines {
			out = append(out, " "+q.st.Render(l))
		}
	}
	return out
}

func (m *model) header() string {
	c := m.c
	k := fmt.Sprint(c.Width, c.Lang, m.pending)
	if k != m.headKey {
		m.head, m.headID = c.Frames.part(m.buildHeader())
		m.headKey = k
	}
	return m.head
}

func (m *model) buildHeader() string {
	c, s := m.c, m.c.Styles
	name := Line(c.BoardName)
	if name == "" {
		name = c.T(i18n.BoardDefaultName)
	}
	room := max(1, c.Width/2)
	pending := ""
	if c.Identity.Role.CanModerate() {
		pending = c.T(i18n.TUIPending, m.pending) + " · "
	}
	who := c.T(i18n.Guest)
	if c.Identity.IsAccount() {
		n := Line(c.Identity.Name)
		if n == "" {
			n = Line(c.Identity.Login)
		}
		role := i18n.Role(c.Lang, c.Identity.Role)
		// The name is shortened before the role: who you are acting as matters more than how
		// your name ends (issue 19.10).
		// The right side may take more than half the line to keep the role whole; the board's
		// name, on the left, is cut instead (it keeps 12 cells).
		room = max(room, min(text.Width(pending+c.T(i18n.TUIWho, "N…", role)), c.Width-12))
		if over := text.Width(pending+c.T(i18n.TUIWho, n, role)) - room; over > 0 {
			n = text.Truncate(n, max(2, text.Width(n)-over), "…")
		}
		who = c.T(i18n.TUIWho, n, role)
	}
	right := text.Truncate(pending+who, room, "…")
	left := Fit(" "+name, c.Width-text.Width(right)-1)
	return s.Header.Render(left + right + " ")
}

// askQuit asks before the session ends.
func (m *model) askQuit() {
	m.asking = m.c.T(i18n.TUIQuitAsk)
	if m.unsaved() {
		m.asking = m.c.T(i18n.TUIQuitUnsaved)
	}
}

// TextFocused reports whether the key the user types next goes into a text field of the top
// page (no question of the root is open).
func (m *model) TextFocused() bool {
	tf, ok := m.top().(TextFocuser)
	return m.asking == "" && ok && tf.TextFocused()
}

// unsaved reports whether a page of the stack holds text the user typed and has not sent.
func (m *model) unsaved() bool {
	for _, p := range m.stack {
		if d, ok := p.(Dirtier); ok && d.Dirty() {
			return true
		}
	}
	return false
}

func (m *model) footer() string {
	c := m.c
	if m.flash != "" { // not kept: sharedFrame never uses it
		return " " + c.Styles.Notice.Render(Fit(m.flash, c.Width-2))
	}
	status := ""
	if st, ok := m.top().(Statuser); ok {
		status = st.Status()
	}
	short, status := m.vnFooter(m.top().ShortHelp(), status)
	bs := fitHelp(short, c.Width-1-width(status)-2)
	var k strings.Builder
	for _, b := range bs {
		k.WriteString(b.Help().Key)
		k.WriteByte(0)
		k.WriteString(b.Help().Desc)
		k.WriteByte(0)
	}
	k.WriteString(status)
	if k.String() != m.footKey {
		// The help model is made only here, when the line changes: kept in every session it
		// was 5 KB (a dozen lipgloss styles) for a line that rarely changes.
		hm := newHelpModel(c)
		f := " " + hm.ShortHelpView(bs)
		if status != "" {
			f += spaces(c.Width-lineWidth(f)-width(status)-1) + c.Styles.muted.r(status)
		}
		m.foot, m.footID = c.Frames.part(f)
		m.footKey = k.String()
	}
	return m.foot
}

// fitHelp keeps the leading bindings whose help fits in w cells ("key desc" joined by " • ",
// with room for a closing " …"); bubbles' help would otherwise overflow a narrow line.
func fitHelp(bs []key.Binding, w int) []key.Binding {
	used := 0
	for i, b := range bs {
		if !b.Enabled() {
			continue
		}
		iw := text.Width(b.Help().Key) + 1 + text.Width(b.Help().Desc)
		if used > 0 {
			iw += 3
		}
		if used+iw > w-2 {
			return bs[:i]
		}
		used += iw
	}
	return bs
}

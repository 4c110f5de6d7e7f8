package tui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"bangtin/board/i18n"
	"bangtin/board/text"
)

// helpPage is "?": the full list of keys of the page below it, and the writing screens the
// reader's role may open.
type helpPage struct {
	c     *Common
	below help.KeyMap
	extra [][]key.Binding
}

func newHelpPage(c *Common, below help.KeyMap, extra [][]key.Binding) Page {
	return &helpPage{c: c, below: below, extra: extra}
}

func (p *helpPage) Init() tea.Cmd { return nil }

func (p *helpPage) Update(msg tea.Msg) (Page, tea.Cmd) {
	if msg, ok := msg.(tea.KeyPressMsg); ok {
		if key.Matches(msg, p.c.Keys.CloseHelp) {
			return p, func() tea.Msg { return BackMsg{} }
		}
	}
	return p, nil
}

func (p *helpPage) View() string {
	c := p.c
	h := newHelpModel(c)
	h.SetWidth(c.Width - 2)
	groups := p.below.FullHelp()
	for _, g := range p.extra {
		if len(g) > 0 {
			groups = append(groups, g)
		}
	}
	var b strings.Builder
	b.WriteString(" " + c.Styles.Section.Render(c.T(i18n.TUIHelpTitle)) + "\n\n")
	// Pack the groups' columns side by side while they fit the width, then start a new block.
	const gap = "    "
	var row []string
	roww := 0
	flush := func() {
		if len(row) == 0 {
			return
		}
		for _, l := range strings.Split(lipgloss.JoinHorizontal(lipgloss.Top, row...), "\n") {
			b.WriteString(" " + strings.TrimRight(l, " ") + "\n")
		}
		b.WriteString("\n")
		row, roww = nil, 0
	}
	for _, g := range groups {
		col := h.FullHelpView([][]key.Binding{g})
		if col == "" {
			continue
		}
		cw := lipgloss.Width(col)
		if len(row) > 0 && roww+len(gap)+cw > c.Width-2 {
			flush()
		}
		if len(row) > 0 {
			row = append(row, gap)
			roww += len(gap)
		}
		row = append(row, col)
		roww += cw
	}
	flush()
	for _, l := range text.Wrap(c.T(i18n.InputHelp), max(10, c.Width-2)) { // Vietnamese input
		b.WriteString(" " + l + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

func (p *helpPage) ShortHelp() []key.Binding { return []key.Binding{p.c.Keys.CloseHelp} }

func (p *helpPage) FullHelp() [][]key.Binding { return [][]key.Binding{{p.c.Keys.CloseHelp}} }

// newHelpModel is the bubbles help in the session's styles.
func newHelpModel(c *Common) help.Model {
	h := help.New()
	s := c.Styles
	h.Styles = help.Styles{
		Ellipsis: s.HelpSep, ShortKey: s.HelpKey, ShortDesc: s.HelpDesc, ShortSeparator: s.HelpSep,
		FullKey: s.HelpKey, FullDesc: s.HelpDesc, FullSeparator: s.HelpSep,
	}
	return h
}

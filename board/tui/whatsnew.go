package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

const whatsNewLimit = 50

// whatsNewPage lists the threads and comments new since the reader's previous visit.
type whatsNewPage struct {
	c      *Common
	data   board.WhatsNew
	list   pickList
	loaded bool
	err    string
}

type whatsNewMsg struct {
	to   *whatsNewPage
	data board.WhatsNew
	err  error
}

// NewWhatsNew builds the what's new page ("w").
func NewWhatsNew(c *Common) Page { return &whatsNewPage{c: c} }

func (p *whatsNewPage) Init() tea.Cmd {
	c, to := p.c, p
	if c.Board == nil {
		return nil
	}
	return func() tea.Msg {
		m := whatsNewMsg{to: to}
		ctx, cancel := c.Context()
		defer cancel()
		m.data, m.err = c.Board.WhatsNew(ctx, c.Identity, whatsNewLimit)
		for i := range m.data.Comments {
			m.data.Comments[i].Body = "" // the list shows who and where, not the text
		}
		return m
	}
}

func (p *whatsNewPage) Update(msg tea.Msg) (Page, tea.Cmd) {
	switch msg := msg.(type) {
	case whatsNewMsg:
		if msg.to != p {
			return p, nil
		}
		if msg.err != nil {
			p.err = p.c.ErrText(msg.err)
			return p, nil
		}
		p.data, p.loaded = msg.data, true
		p.compose()
	case tea.WindowSizeMsg, LangMsg:
		if p.loaded {
			p.compose()
		}
	case tea.KeyPressMsg:
		return p, p.list.keys(p.c, msg, p.c.ContentHeight())
	}
	return p, nil
}

func (p *whatsNewPage) compose() {
	c, s := p.c, p.c.Styles
	w := c.Width - 1
	sel := p.list.sel
	p.list.reset()
	p.list.add(" " + s.Section.Render(Fit(c.T(i18n.TUIWhatsNew, c.DateTime(p.data.Since)), w)))
	if len(p.data.Threads) == 0 && len(p.data.Comments) == 0 {
		p.list.add("")
		p.list.add(" " + c.T(i18n.TUIWhatsNewNone))
		return
	}
	if len(p.data.Threads) > 0 {
		p.list.add("")
		p.list.add(" " + s.Title.Render(c.T(i18n.TUIWhatsNewThreads)))
		for _, t := range p.data.Threads {
			p.list.addThread(t, " "+s.Muted.Render(Fit(c.Date(t.PublishedAt), 10))+" "+Fit(Line(t.Title), max(1, w-13)))
		}
	}
	if len(p.data.Comments) > 0 {
		p.list.add("")
		p.list.add(" " + s.Title.Render(c.T(i18n.TUIWhatsNewComments)))
		for _, cm := range p.data.Comments {
			what := c.T(i18n.TUICommentOn, strings.TrimSpace(Line(cm.Name)+" "+officialMark(c, cm)), Line(cm.ThreadTitle))
			if tt := Line(cm.Title); tt != "" {
				what += ": " + tt
			}
			p.list.addThread(board.Thread{ID: cm.ThreadID, Title: cm.ThreadTitle},
				" "+s.Muted.Render(Fit(c.Date(cm.CreatedAt), 10))+" "+text.Truncate(what, max(1, w-13), "…"))
		}
	}
	p.list.sel = min(sel, max(0, len(p.list.at)-1))
	p.list.follow(c.ContentHeight())
}

func (p *whatsNewPage) View() string {
	if p.err != "" {
		return " " + p.c.Styles.Error.Render(Fit(p.err, p.c.Width-2))
	}
	if !p.loaded {
		return " " + p.c.T(i18n.TUILoading)
	}
	return p.list.view(p.c.Styles, p.c.ContentHeight())
}

func (p *whatsNewPage) ShortHelp() []key.Binding {
	k := p.c.Keys
	return []key.Binding{k.Down, k.Up, k.Open, k.Back, k.Help}
}

func (p *whatsNewPage) FullHelp() [][]key.Binding {
	k := p.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom, k.Open}, {k.Back, k.Help, k.Lang}}
}

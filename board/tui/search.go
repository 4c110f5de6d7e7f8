package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	xansi "github.com/charmbracelet/x/ansi"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

const searchLimit = 50

// searchPage is "/": a query line, then the results as a list; Enter opens a thread.
type searchPage struct {
	c       *Common
	input   textinput.Model
	query   string // the query of the results shown
	res     board.ThreadPage
	list    pickList
	req     int64
	done    bool // results (or an error) are shown
	running bool
	content uint64 // the board's ContentVersion when the results shown were asked for
	fresh   bool   // the results coming are a new query's (not a live refresh): start at the top
	err     string
	held    string // an escape sequence being typed, held back until it ends
}

type searchResultMsg struct {
	to    *searchPage
	req   int64
	query string
	res   board.ThreadPage
	err   error
}

// NewSearch builds the search page with the query line focused.
func NewSearch(c *Common) Page {
	p := &searchPage{c: c, input: textinput.New()}
	p.input.CharLimit = 200
	p.input.SetVirtualCursor(true)
	p.styleInput()
	p.input.Focus()
	return p
}

func (p *searchPage) styleInput() {
	s := p.c.Styles
	st := textinput.Styles{
		Focused: textinput.StyleState{Text: s.Input, Placeholder: s.Placeholder, Prompt: s.Title, Suggestion: s.Muted},
		Blurred: textinput.StyleState{Text: s.Input, Placeholder: s.Placeholder, Prompt: s.Title, Suggestion: s.Muted},
		Cursor:  textinput.CursorStyle{Blink: false}, // a blinking cursor would redraw an idle session
	}
	p.input.SetStyles(st)
	p.input.Prompt = p.c.T(i18n.TUISearchPrompt)
	p.input.Placeholder = p.c.T(i18n.TUISearchPlaceholder)
	p.input.SetWidth(max(10, p.c.Width-2-len([]rune(p.input.Prompt))))
}

func (p *searchPage) Init() tea.Cmd { return nil }

// Capturing: while the query line has the focus, every key is text.
func (p *searchPage) Capturing() bool { return p.input.Focused() }

func (p *searchPage) run() tea.Cmd {
	q := Line(p.input.Value())
	if q == "" {
		return nil
	}
	p.running, p.fresh = true, true
	return p.ask(q)
}

// refresh asks again for the results shown when the board's content changed since (a live
// change): the reader's cursor stays on its thread (pickList.keep).
func (p *searchPage) refresh() tea.Cmd {
	if !p.done || p.running || p.query == "" || p.c.Board == nil || p.c.Board.ContentVersion() <= p.content {
		return nil
	}
	return p.ask(p.query)
}

func (p *searchPage) ask(q string) tea.Cmd {
	p.req++
	c, to, req := p.c, p, p.req
	if c.Board == nil {
		return nil
	}
	p.content = c.Board.ContentVersion()
	return func() tea.Msg {
		m := searchResultMsg{to: to, req: req, query: q}
		ctx, cancel := c.Context()
		defer cancel()
		m.res, m.err = c.Board.Search(ctx, q, 1, searchLimit)
		return m
	}
}

func (p *searchPage) Update(msg tea.Msg) (Page, tea.Cmd) {
	h := p.listHeight()
	switch msg := msg.(type) {
	case searchResultMsg:
		if msg.to != p || msg.req != p.req {
			return p, nil
		}
		p.running, p.done = false, true
		p.err = ""
		if msg.err != nil {
			p.err = p.c.ErrText(msg.err)
			p.res = board.ThreadPage{}
		} else {
			p.res = msg.res
		}
		p.query = msg.query
		p.compose()
		p.fresh = false
		return p, nil
	case LiveMsg:
		return p, p.refresh()
	case tea.WindowSizeMsg, LangMsg:
		p.styleInput()
		p.compose()
		return p, nil
	case tea.KeyPressMsg:
		k := p.c.Keys
		if p.input.Focused() {
			switch {
			case key.Matches(msg, k.Cancel):
				if p.done {
					p.input.Blur()
					return p, nil
				}
				return p, func() tea.Msg { return BackMsg{} }
			case key.Matches(msg, k.RunQuery):
				cmd := p.run()
				if cmd != nil {
					p.input.Blur()
				}
				return p, cmd
			}
			return p, p.edit(msg)
		}
		if key.Matches(msg, k.Search) {
			return p, p.input.Focus()
		}
		return p, p.list.keys(p.c, msg, h)
	case tea.PasteMsg:
		if p.input.Focused() {
			return p, p.edit(msg)
		}
	}
	return p, nil
}

// queryBlanks turns line breaks and tabs of a pasted query into spaces.
var queryBlanks = strings.NewReplacer("\n", " ", "\t", " ")

// edit passes a key or a paste to the query line through the sanitiser: a query is user text
// too, and the line shows it. An escape sequence typed key by key (a paste without bracketed
// paste) is held back until it ends, then dropped whole like a pasted one.
func (p *searchPage) edit(msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case tea.PasteMsg:
		m.Content = queryBlanks.Replace(text.Clean(p.held + m.Content))
		p.held = ""
		if m.Content == "" {
			return nil
		}
		msg = m
	case tea.KeyPressMsg:
		if m.Text == "" {
			p.held = ""
			break
		}
		t := p.held + m.Text
		if p.held != "" || hasControl(m.Text) {
			if !sequenceEnded(t) && len(t) < maxHeld {
				p.held = t
				return nil
			}
			p.held = ""
		}
		if m.Text = queryBlanks.Replace(text.Clean(t)); m.Text == "" {
			return nil
		}
		msg = m
	}
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	return cmd
}

// maxHeld bounds what an unterminated escape sequence may hold back.
const maxHeld = 1024

func hasControl(s string) bool {
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
			return true
		}
	}
	return false
}

// sequenceEnded reports whether every escape sequence in s is complete.
func sequenceEnded(s string) bool {
	var state byte
	for len(s) > 0 {
		_, _, n, st := xansi.DecodeSequence(s, xansi.NormalState, nil)
		state = st
		if n <= 0 {
			break
		}
		s = s[n:]
	}
	return state == xansi.NormalState
}

// listHeight: the query line and the status line take two rows.
func (p *searchPage) listHeight() int { return max(1, p.c.ContentHeight()-2) }

func (p *searchPage) compose() {
	c, s := p.c, p.c.Styles
	w := c.Width - 1
	was, had := p.list.pickedKey()
	p.list.reset()
	for _, t := range p.res.Threads {
		p.list.addThread(t, " "+s.Muted.Render(Fit(c.Date(t.PublishedAt), 10))+" "+Fit(Line(t.Title), max(1, w-13)))
	}
	p.list.keep(was, had, p.fresh, p.listHeight())
}

func (p *searchPage) status() string {
	c, s := p.c, p.c.Styles
	switch {
	case p.running:
		return s.Muted.Render(c.T(i18n.TUILoading))
	case p.err != "":
		return s.Error.Render(Fit(p.err, c.Width-2))
	case !p.done:
		return ""
	case len(p.res.Threads) == 0:
		return c.T(i18n.TUISearchNone)
	}
	st := c.T(i18n.TUISearchResults, p.res.Total)
	if !p.input.Focused() {
		st += " · " + c.T(i18n.TUISearchHint)
	}
	return s.Muted.Render(Fit(st, c.Width-2))
}

func (p *searchPage) View() string {
	v := " " + p.input.View() + "\n " + p.status()
	if len(p.list.lines) > 0 {
		v += "\n" + p.list.view(p.c.Styles, p.listHeight())
	}
	return v
}

func (p *searchPage) ShortHelp() []key.Binding {
	k := p.c.Keys
	if p.input.Focused() {
		return []key.Binding{k.RunQuery, k.Back}
	}
	return []key.Binding{k.Down, k.Up, k.Open, k.Search, k.Back, k.Help}
}

func (p *searchPage) FullHelp() [][]key.Binding {
	k := p.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom, k.Open}, {k.Search, k.RunQuery, k.Back, k.Help, k.Lang}}
}

// TextFocused reports whether keys go into a text field (TextFocuser).
func (p *searchPage) TextFocused() bool {
	return p.input.Focused()
}

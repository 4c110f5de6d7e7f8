package tui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board/i18n"
	"bangtin/board/tui/component"
)

// Two generic pages the writing screens open: a form (fieldPage) and a text longer than the
// screen (textPage).

// fieldPage is a page holding one component.Form: a ban, a comment search, an account, a
// role, a password, the settings. build makes the form in the session's language (again after
// "L", keeping what was typed); submit checks it and returns the board call, made with do.
type fieldPage struct {
	c      *Common
	build  func() *component.Form
	submit func(p *fieldPage) tea.Cmd
	below  func(w int) []string // lines under the form (an explanation), may be nil
	form   *component.Form
	busy   bool
}

type fieldDoneMsg struct {
	to    *fieldPage
	flash string
	err   error
}

// form is an empty form whose key hint names its button.
func (c *Common) form(title, submit string) *component.Form {
	return &component.Form{Title: title, Submit: submit, Keys: c.T(i18n.TWFieldKeys, strings.ToLower(submit))}
}

func newFieldPage(c *Common, build func() *component.Form, submit func(*fieldPage) tea.Cmd) *fieldPage {
	p := &fieldPage{c: c, build: build, submit: submit}
	p.form = build()
	return p
}

func (p *fieldPage) Init() tea.Cmd { return nil }

// Capturing: a form takes every key.
func (p *fieldPage) Capturing() bool { return true }

// Dirty reports whether a text field holds text.
func (p *fieldPage) Dirty() bool { return p.form.Dirty() }

// do runs f as the form's board call; the page closes with flash when it succeeds, and shows
// the error on the form (keeping what was typed) when it fails.
func (p *fieldPage) do(flash string, f func(ctx context.Context) error) tea.Cmd {
	if p.busy {
		return nil
	}
	p.busy = true
	p.form.ClearErrs()
	return p.c.Call(func(ctx context.Context) tea.Msg { return fieldDoneMsg{to: p, flash: flash, err: f(ctx)} })
}

func (p *fieldPage) Update(msg tea.Msg) (Page, tea.Cmd) {
	switch msg := msg.(type) {
	case fieldDoneMsg:
		if msg.to != p {
			return p, nil
		}
		p.busy = false
		if msg.err != nil {
			p.form.Err = p.c.ErrText(msg.err)
			return p, nil
		}
		return p, back(msg.flash)
	case LangMsg:
		old := p.form
		p.form = p.build()
		p.form.Carry(old)
		return p, nil
	}
	submit, cancel, cmd := p.form.Update(&p.c.Keys.KeyMap, msg)
	switch {
	case cancel:
		return p, back("")
	case submit:
		p.form.ClearErrs()
		return p, p.submit(p)
	}
	return p, cmd
}

func (p *fieldPage) View() string {
	w, h := p.c.Size()
	lines := p.form.View(p.c.Styles.Widgets, w)
	if p.busy {
		lines = append(lines, p.c.Styles.Muted.Render(Cut(p.c.T(i18n.TWSaving), w)))
	}
	if p.below != nil {
		lines = append(lines, p.below(w)...)
	}
	return component.Clip(lines, h)
}

// ShortHelp names Ctrl-S by what the form's button does (save, ban, search...).
func (p *fieldPage) ShortHelp() []key.Binding {
	k := p.c.Keys
	if p.form == nil { // a form built from loaded data (settings), not loaded yet
		return []key.Binding{k.Cancel}
	}
	submit := key.NewBinding(key.WithKeys(k.Submit.Keys()...), key.WithHelp(k.Submit.Help().Key, strings.ToLower(p.form.Submit)))
	return []key.Binding{submit, k.NextField, k.Cancel}
}

func (p *fieldPage) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// textPage shows a text longer than the screen in a component.Pager: a comment, a preview, a
// revision, an audit entry. lines lays the text out for a width (again after a resize or "L");
// keys are the page's own actions, answered by act (nil: none).
type textPage struct {
	c      *Common
	title  func() string
	lines  func(w int) []string
	keys   func() []key.Binding
	act    func(p *textPage, msg tea.KeyPressMsg) tea.Cmd
	pager  *component.Pager
	prompt *component.Prompt
	err    string
	busy   bool

	laidW    int
	laidLang i18n.Lang
}

func newTextPage(c *Common, title func() string, lines func(w int) []string) *textPage {
	return &textPage{c: c, title: title, lines: lines, pager: component.NewPager(&c.Keys.KeyMap, nil)}
}

func (p *textPage) Init() tea.Cmd { return nil }

// Capturing: an open prompt takes every key.
func (p *textPage) Capturing() bool { return p.prompt != nil }

func (p *textPage) Update(msg tea.Msg) (Page, tea.Cmd) {
	if p.prompt != nil {
		return p, component.Answer(&p.prompt, &p.c.Keys.KeyMap, msg)
	}
	m, ok := msg.(tea.KeyPressMsg)
	if !ok || p.busy {
		return p, nil
	}
	if p.act != nil {
		if cmd := p.act(p, m); cmd != nil {
			return p, cmd
		}
		if p.prompt != nil {
			return p, nil
		}
	}
	if key.Matches(m, p.c.Keys.Close) {
		return p, back("")
	}
	p.layout()
	p.pager.Key(&p.c.Keys.KeyMap, m)
	return p, nil
}

// layout lays the text out again when the width or the language changed.
func (p *textPage) layout() {
	w, _ := p.c.Size()
	if w != p.laidW || p.c.Lang != p.laidLang {
		p.pager.SetLines(p.lines(w))
		p.laidW, p.laidLang = w, p.c.Lang
	}
}

func (p *textPage) View() string {
	w, h := p.c.Size()
	p.layout()
	var f []string
	switch {
	case p.prompt != nil:
		f = p.prompt.View(p.c.Styles.Widgets, w)
	case p.err != "":
		f = []string{p.c.Styles.Error.Render(Cut(p.err, w))}
	case p.busy:
		f = []string{p.c.Styles.Muted.Render(Cut(p.c.T(i18n.TUILoading), w))}
	}
	lines := []string{p.c.Styles.Title.Render(Cut(p.title(), w))}
	lines = append(lines, strings.Split(p.pager.View(w, h-1-len(f)), "\n")...)
	return component.Clip(append(lines, f...), h)
}

func (p *textPage) ShortHelp() []key.Binding {
	if p.prompt != nil {
		return promptHelp(p.c, p.prompt)
	}
	var out []key.Binding
	if p.keys != nil {
		out = append(out, p.keys()...)
	}
	return append(out, p.c.Keys.Close, p.c.Keys.ScrollDown)
}

func (p *textPage) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// TextFocused reports whether keys go into a text field (TextFocuser).
func (p *fieldPage) TextFocused() bool {
	return p.form != nil && p.form.Typing()
}

// TextFocused reports whether keys go into a text field (TextFocuser).
func (p *textPage) TextFocused() bool { return inputPrompt(p.prompt) }

package tui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
	"bangtin/board/tui/component"
)

// The editor's own pages: the rendered preview, the revision history and one revision.

// newPreviewPage shows the thread as readers will see it (lines rendered by the thread view's
// Markdown renderer).
func newPreviewPage(c *Common, lines []string) Page {
	p := newTextPage(c, func() string { return c.T(i18n.TWEdPreviewHeading) }, func(int) []string { return lines })
	p.act = func(p *textPage, msg tea.KeyPressMsg) tea.Cmd {
		if key.Matches(msg, c.Keys.Preview) {
			return back("")
		}
		return nil
	}
	return p
}

// revisionsPage lists a thread's revisions, newest first; Enter shows one whole, r restores
// it (after asking) into the editor.
type revisionsPage struct {
	c      *Common
	ed     *editorPage
	revs   []board.Revision
	cur    component.Cursor
	prompt *component.Prompt
	busy   bool
	err    string
}

// revRestoredMsg is the board's answer to a revision restore.
type revRestoredMsg struct {
	to     *revisionsPage
	thread board.Thread
	notice string
	err    error
}

// revAskMsg asks the revisions page to restore its selected revision (from the page showing it).
type revAskMsg struct{ to *revisionsPage }

func newRevisionsPage(e *editorPage, revs []board.Revision) *revisionsPage {
	return &revisionsPage{c: e.c, ed: e, revs: revs}
}

func (p *revisionsPage) Init() tea.Cmd { return nil }

func (p *revisionsPage) Capturing() bool { return p.prompt != nil }

// selected is the selected revision (the list shows the newest first).
func (p *revisionsPage) selected() (board.Revision, bool) {
	if p.cur.Pos < len(p.revs) {
		return p.revs[len(p.revs)-1-p.cur.Pos], true
	}
	return board.Revision{}, false
}

// ask asks before restoring the selected revision.
func (p *revisionsPage) ask() {
	rev, ok := p.selected()
	if !ok || p.busy || p.ed.thread == nil {
		return
	}
	c, b, actor, id := p.c, p.c.Board, p.c.Identity, p.ed.thread.ID
	p.prompt = c.Confirm(c.T(i18n.TWEdRevertAsk, rev.Rev), func(string) tea.Cmd {
		p.busy, p.err = true, ""
		notice := c.T(i18n.TWEdReverted, rev.Rev)
		return c.Call(func(ctx context.Context) tea.Msg {
			nt, err := b.RestoreRevision(ctx, actor, id, rev.Rev)
			return revRestoredMsg{to: p, thread: nt, notice: notice, err: err}
		})
	})
}

func (p *revisionsPage) Update(msg tea.Msg) (Page, tea.Cmd) {
	switch msg := msg.(type) {
	case revRestoredMsg:
		if msg.to != p {
			return p, nil
		}
		p.busy = false
		if msg.err != nil {
			p.err = p.c.ErrText(msg.err)
			return p, nil
		}
		m := edThreadMsg{to: p.ed, thread: msg.thread, notice: msg.notice, reset: true}
		return p, tea.Sequence(func() tea.Msg { return m }, back(""))
	case revAskMsg:
		if msg.to == p {
			p.ask()
		}
		return p, nil
	}
	if p.prompt != nil {
		return p, component.Answer(&p.prompt, &p.c.Keys.KeyMap, msg)
	}
	m, ok := msg.(tea.KeyPressMsg)
	if !ok || p.busy {
		return p, nil
	}
	k := p.c.Keys
	_, h := p.c.Size()
	if p.cur.Key(&k.KeyMap, m, len(p.revs), h-4) {
		return p, nil
	}
	switch {
	case key.Matches(m, k.Close):
		return p, back("")
	case key.Matches(m, k.OpenItem):
		if rev, ok := p.selected(); ok {
			return p, open(p.revisionPage(rev))
		}
	case key.Matches(m, k.RestoreRev):
		p.ask()
	}
	return p, nil
}

// revisionPage shows one revision whole; r restores it.
func (p *revisionsPage) revisionPage(r board.Revision) Page {
	c := p.c
	tp := newTextPage(c, func() string { return c.T(i18n.TWEdRevOne, r.Rev, c.DateTime(r.At), text.Line(r.Editor)) },
		func(w int) []string {
			body := []string{Cut(r.Title, w)}
			if r.Summary != "" {
				body = append(body, component.Wrap(r.Summary, w)...)
			}
			body = append(body, strings.Repeat("─", w))
			return append(body, component.Wrap(r.Body, w)...)
		})
	tp.keys = func() []key.Binding { return []key.Binding{c.Keys.RestoreRev} }
	tp.act = func(_ *textPage, msg tea.KeyPressMsg) tea.Cmd {
		if key.Matches(msg, c.Keys.RestoreRev) {
			ask := revAskMsg{to: p}
			return tea.Sequence(back(""), func() tea.Msg { return ask })
		}
		return nil
	}
	return tp
}

func (p *revisionsPage) View() string {
	c, s := p.c, p.c.Styles
	w, h := c.Size()
	lines := []string{s.Title.Render(Cut(c.T(i18n.TWEdRevHeading, len(p.revs)), w)), ""}
	f := foot(c, w, p.prompt, p.err, "", p.busy)
	if f == nil {
		f = []string{s.Muted.Render(Cut(c.T(i18n.TWEdRevKeys), w))}
	}
	if len(p.revs) == 0 {
		lines = append(lines, s.Muted.Render(Cut(c.T(i18n.TWEdRevNone), w)))
	}
	from, to := p.cur.Window(len(p.revs), h-len(lines)-len(f)-1)
	for i := from; i < to; i++ {
		r := p.revs[len(p.revs)-1-i] // newest first
		l := fmt.Sprintf("%s #%-3d %s  %s  ", component.Marker(i == p.cur.Pos), r.Rev, c.DateTime(r.At), Fit(text.Line(r.Editor), 14))
		l += Cut(r.Title, w-text.Width(l))
		lines = append(lines, listRow(c, l, i == p.cur.Pos, w))
	}
	return component.Clip(component.Bottom(lines, f, h), h)
}

func (p *revisionsPage) ShortHelp() []key.Binding {
	if p.prompt != nil {
		return promptHelp(p.c, p.prompt)
	}
	k := p.c.Keys
	return []key.Binding{k.OpenItem, k.RestoreRev, k.Close}
}

func (p *revisionsPage) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// TextFocused reports whether keys go into a text field (TextFocuser).
func (p *revisionsPage) TextFocused() bool {
	return inputPrompt(p.prompt)
}

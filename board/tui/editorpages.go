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
	diffs  []revDiff // per revision: how it differs from the thread now
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

// revDiff is how a revision differs from the thread's saved text.
type revDiff struct {
	title          string   // the revision's title where it differs, "" when the same
	body           []string // lineDiff of the revision's body to the current one
	removed, added int
	summary        bool // the summary differs
}

func (d revDiff) same() bool { return d.title == "" && len(d.body) == 0 && !d.summary }

func newRevisionsPage(e *editorPage, revs []board.Revision) *revisionsPage {
	p := &revisionsPage{c: e.c, ed: e, revs: revs}
	if e.thread != nil {
		now := *e.thread
		for _, r := range revs {
			d := revDiff{title: titleChange(text.Line(r.Title), text.Line(now.Title)), summary: r.Summary != now.Summary,
				body: lineDiff(text.Clean(r.Body), text.Clean(now.Body))}
			d.removed, d.added = diffCounts(d.body)
			p.diffs = append(p.diffs, d)
		}
	}
	return p
}

// titleChange is the part of title old that differs from now, words kept whole ("…" where
// common words were left out); "" when they are the same.
func titleChange(old, now string) string {
	if old == now {
		return ""
	}
	a, b := strings.Fields(old), strings.Fields(now)
	pre := 0
	for pre < len(a) && pre < len(b) && a[pre] == b[pre] {
		pre++
	}
	suf := 0
	for suf < len(a)-pre && suf < len(b)-pre && a[len(a)-1-suf] == b[len(b)-1-suf] {
		suf++
	}
	mid := a[pre : len(a)-suf]
	if len(mid) == 0 { // words were only added since: the old title says it best
		return old
	}
	out := strings.Join(mid, " ")
	if pre > 0 {
		out = "… " + out
	}
	if suf > 0 {
		out += " …"
	}
	return out
}

// what says in a few words how revision i (index in revs) differs from the thread now.
func (p *revisionsPage) what(i int) string {
	c := p.c
	if i >= len(p.diffs) {
		return text.Line(p.revs[i].Title)
	}
	d := p.diffs[i]
	if d.same() {
		return c.T(i18n.TWEdRevSame)
	}
	var parts []string
	if d.title != "" {
		parts = append(parts, c.T(i18n.TWEdRevTitleWas, d.title))
	}
	if len(d.body) > 0 {
		parts = append(parts, c.T(i18n.TWEdRevLines, d.removed, d.added))
	}
	if len(parts) == 0 { // only the summary
		return text.Line(p.revs[i].Title)
	}
	return strings.Join(parts, " · ")
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
	q := c.T(i18n.TWEdRevertAsk, rev.Rev)
	if p.ed.Dirty() { // restoring refills the editor: say that the edits not saved go
		q = c.T(i18n.TWEdRevertAskUnsaved, rev.Rev)
	}
	p.prompt = c.Confirm(q, func(string) tea.Cmd {
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
	var diff []string
	for i, o := range p.revs {
		if o.Rev == r.Rev && i < len(p.diffs) {
			diff = p.diffs[i].body
		}
	}
	tp := newTextPage(c, func() string { return c.T(i18n.TWEdRevOne, r.Rev, c.DateTime(r.At), text.Line(r.Editor)) },
		func(w int) []string {
			body := []string{Cut(r.Title, w)}
			if r.Summary != "" {
				body = append(body, component.Wrap(r.Summary, w)...)
			}
			body = append(body, strings.Repeat("─", w))
			body = append(body, component.Wrap(r.Body, w)...)
			if len(diff) > 0 {
				body = append(body, "", c.T(i18n.TWEdRevDiffHeading))
				for _, l := range diff {
					body = append(body, component.Wrap(l, w)...)
				}
			}
			return body
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
		ri := len(p.revs) - 1 - i // newest first
		r := p.revs[ri]
		l := fmt.Sprintf("%s #%-3d %s  %s  ", component.Marker(i == p.cur.Pos), r.Rev, c.DateTime(r.At), Fit(text.Line(r.Editor), 14))
		l += Cut(p.what(ri), w-text.Width(l))
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

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

// revisionsPage lists a thread's revisions (given by the editor), newest first, as a listPage;
// Enter shows one whole, r restores it (after asking) into the editor.
type revisionsPage struct {
	*listPage[board.Revision]
	ed    *editorPage
	diffs map[int]revDiff // by Rev: how each revision differs from the thread now
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
	newest := make([]board.Revision, len(revs))
	for i, r := range revs {
		newest[len(revs)-1-i] = r
	}
	c := e.c
	k := c.Keys
	p := &revisionsPage{ed: e, diffs: map[int]revDiff{}}
	if e.thread != nil {
		now := *e.thread
		for _, r := range revs {
			d := revDiff{title: titleChange(Line(r.Title), Line(now.Title)), summary: r.Summary != now.Summary,
				body: lineDiff(text.Clean(r.Body), text.Clean(now.Body))}
			d.removed, d.added = diffCounts(d.body)
			p.diffs[r.Rev] = d
		}
	}
	p.listPage = &listPage[board.Revision]{
		c:       c,
		items:   newest,
		loaded:  true,
		version: c.Board.Version(), // the editor read the revisions just now
		rowH:    1,
		empty:   i18n.TWEdRevNone,
		hint:    i18n.TWEdRevKeys,
		heading: func(n int) string { return c.T(i18n.TWEdRevHeading, n) },
		load:    func(context.Context) ([]board.Revision, error) { return newest, nil },
		same:    func(x, y board.Revision) bool { return x.Rev == y.Rev },
		row:     p.row,
		act:     p.act,
		keys:    func() []key.Binding { return []key.Binding{k.OpenItem, k.RestoreRev} },
	}
	return p
}

// Init has nothing to load: the editor read the revisions.
func (p *revisionsPage) Init() tea.Cmd { return nil }

// ask asks before restoring the selected revision.
func (p *revisionsPage) ask() {
	sel := p.selected()
	if sel == nil || p.busy || p.ed.thread == nil {
		return
	}
	rev := *sel
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
		if msg.to != p || !p.c.settled(&p.busy, &p.err, msg.err) {
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
	_, cmd := p.listPage.Update(msg)
	return p, cmd
}

// act handles the list's keys on the selected revision (nil: there is none).
func (p *revisionsPage) act(_ *listPage[board.Revision], m tea.KeyPressMsg, r *board.Revision) (tea.Cmd, bool) {
	k := p.c.Keys
	switch {
	case key.Matches(m, k.OpenItem):
		if r != nil {
			return open(p.revisionPage(*r)), true
		}
		return nil, true
	case key.Matches(m, k.RestoreRev):
		p.ask()
		return nil, true
	}
	return nil, false
}

// row is revision r's line.
func (p *revisionsPage) row(_ int, r board.Revision, selected bool, w int) []string {
	c := p.c
	l := fmt.Sprintf("%s #%-3d %s  %s  ", component.Marker(selected), r.Rev, c.DateTime(r.At), Fit(Line(r.Editor), 14))
	l += Cut(p.what(r), w-text.Width(l))
	return []string{listRow(c, l, selected, w)}
}

// revDiff is how a revision differs from the thread's saved text.
type revDiff struct {
	title          string   // the revision's title where it differs, "" when the same
	body           []string // lineDiff of the revision's body to the current one
	removed, added int
	summary        bool // the summary differs
}

func (d revDiff) same() bool { return d.title == "" && len(d.body) == 0 && !d.summary }

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

// what says in a few words how revision r differs from the thread now.
func (p *revisionsPage) what(r board.Revision) string {
	c := p.c
	d, ok := p.diffs[r.Rev]
	if !ok {
		return Line(r.Title)
	}
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
		return Line(r.Title)
	}
	return strings.Join(parts, " · ")
}

// revisionPage shows one revision whole; r restores it.
func (p *revisionsPage) revisionPage(r board.Revision) Page {
	c := p.c
	diff := p.diffs[r.Rev].body
	tp := newTextPage(c, func() string { return c.T(i18n.TWEdRevOne, r.Rev, c.DateTime(r.At), Line(r.Editor)) },
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

// TextFocused reports whether keys go into a text field (TextFocuser).
func (p *revisionsPage) TextFocused() bool {
	return inputPrompt(p.prompt)
}

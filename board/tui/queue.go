package tui

import (
	"context"
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
	"bangtin/board/tui/component"
)

// queueLimit is how many pending comments the queue lists at once.
const queueLimit = 500

// queuePage is the moderation queue: pending comments oldest first; marks for bulk decisions;
// approve, reject, delete, and (on pages of their own) a comment opened whole, edit then
// approve, ban the author, search.
type queuePage struct {
	c *Common

	items   []board.Comment
	cur     component.Cursor
	marked  map[uint64]bool
	loaded  bool
	busy    bool // a load or a decision is in flight
	version uint64
	err     string
	notice  string
	prompt  *component.Prompt

	query     *board.CommentQuery // non-nil: items are search results
	queryText string
}

type queueLoadedMsg struct {
	to      *queuePage
	items   []board.Comment
	version uint64
	err     error
}

// queueDoneMsg is the board's answer to a decision.
type queueDoneMsg struct {
	to     *queuePage
	notice string
	ids    []uint64
	err    error
}

// queueSearchMsg is a search the search page asks the queue to run.
type queueSearchMsg struct {
	to    *queuePage
	query board.CommentQuery
	text  string
}

func newQueuePage(c *Common) *queuePage { return &queuePage{c: c, marked: map[uint64]bool{}} }

func (q *queuePage) Init() tea.Cmd { return q.load() }

// load reads the pending comments, or runs the current search again.
func (q *queuePage) load() tea.Cmd {
	q.busy = true
	b, id, query := q.c.Board, q.c.Identity, q.query
	return q.c.Call(func(ctx context.Context) tea.Msg {
		v := b.Version()
		var items []board.Comment
		var err error
		if query != nil {
			items, err = b.SearchComments(ctx, id, *query)
		} else {
			items, err = b.Pending(ctx, id, queueLimit)
		}
		return queueLoadedMsg{to: q, items: items, version: v, err: err}
	})
}

// Capturing: an open prompt takes every key (else "?" and "L" work here too).
func (q *queuePage) Capturing() bool { return q.prompt != nil }

// Flash shows the notice of a page that closed above the queue.
func (q *queuePage) Flash(s string) { q.notice, q.err = s, "" }

func (q *queuePage) current() (board.Comment, bool) {
	if q.cur.Pos < len(q.items) {
		return q.items[q.cur.Pos], true
	}
	return board.Comment{}, false
}

// targets are the marked comments, or the selected one.
func (q *queuePage) targets() []uint64 {
	if len(q.marked) > 0 {
		var ids []uint64
		for _, cm := range q.items {
			if q.marked[cm.ID] {
				ids = append(ids, cm.ID)
			}
		}
		return ids
	}
	if cm, ok := q.current(); ok {
		return []uint64{cm.ID}
	}
	return nil
}

// decide runs one decision on ids in a Cmd; the notice is shown only when the board said yes.
func (q *queuePage) decide(ids []uint64, notice string, do func(ctx context.Context) error) tea.Cmd {
	if q.busy || len(ids) == 0 {
		return nil
	}
	q.busy = true
	q.err, q.notice = "", ""
	return q.c.Call(func(ctx context.Context) tea.Msg {
		return queueDoneMsg{to: q, notice: notice, ids: ids, err: do(ctx)}
	})
}

// decisions are what a moderator does to comments, from the list or from a comment's page.
type decisions struct {
	c *Common
}

func (d decisions) approve(ids []uint64) (string, func(ctx context.Context) error) {
	b, actor := d.c.Board, d.c.Identity
	return d.c.T(i18n.TWQueueApproved, len(ids)), func(ctx context.Context) error {
		return b.ApproveComments(ctx, actor, ids, "")
	}
}

func (d decisions) reject(ids []uint64, reason string) (string, func(ctx context.Context) error) {
	b, actor := d.c.Board, d.c.Identity
	return d.c.T(i18n.TWQueueRejected, len(ids)), func(ctx context.Context) error {
		return b.RejectComments(ctx, actor, ids, Line(reason))
	}
}

func (d decisions) remove(ids []uint64) (string, func(ctx context.Context) error) {
	b, actor := d.c.Board, d.c.Identity
	return d.c.T(i18n.TWQueueDeleted, len(ids)), func(ctx context.Context) error {
		return b.DeleteComments(ctx, actor, ids, "")
	}
}

// rejectQuestion names what a reject will hide: the one comment, or how many are marked.
func (q *queuePage) rejectQuestion(ids []uint64) string {
	if len(ids) == 1 {
		for _, cm := range q.items {
			if cm.ID == ids[0] {
				return q.c.T(i18n.TWQueueRejectOneAsk, commentName(cm))
			}
		}
	}
	return q.c.T(i18n.TWQueueRejectAsk, len(ids))
}

// deleteQuestion names what a delete will remove: the one comment, or how many are marked.
func (q *queuePage) deleteQuestion(ids []uint64) string {
	if len(ids) == 1 {
		for _, cm := range q.items {
			if cm.ID == ids[0] {
				return q.c.T(i18n.TWQueueDeleteOneAsk, commentName(cm))
			}
		}
	}
	return q.c.T(i18n.TWQueueDeleteAsk, len(ids))
}

func (q *queuePage) Update(msg tea.Msg) (Page, tea.Cmd) {
	switch msg := msg.(type) {
	case queueLoadedMsg:
		if msg.to != q {
			return q, nil
		}
		q.busy, q.loaded = false, true
		if msg.err != nil {
			q.err = q.c.ErrText(msg.err)
			return q, nil
		}
		sel, had := q.current()
		q.items, q.version = msg.items, msg.version
		if had {
			component.Follow(&q.cur, q.items, func(cm board.Comment) bool { return cm.ID == sel.ID })
		}
		for id := range q.marked {
			if !slices.ContainsFunc(q.items, func(cm board.Comment) bool { return cm.ID == id }) {
				delete(q.marked, id)
			}
		}
		return q, nil
	case queueDoneMsg:
		if msg.to != q {
			return q, nil
		}
		q.busy = false
		if msg.err != nil {
			q.err = q.c.ErrText(msg.err)
			return q, nil
		}
		q.notice = msg.notice
		for _, id := range msg.ids {
			delete(q.marked, id)
		}
		return q, q.load()
	case queueSearchMsg:
		if msg.to != q {
			return q, nil
		}
		q.query, q.queryText = &msg.query, msg.text
		q.marked = map[uint64]bool{}
		q.cur = component.Cursor{}
		return q, q.load()
	case LiveMsg:
		if !q.busy && q.prompt == nil && q.query == nil && msg.Version != q.version {
			return q, q.load()
		}
		return q, nil
	}
	if q.prompt != nil {
		return q, component.Answer(&q.prompt, &q.c.Keys.KeyMap, msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return q, nil
	}
	return q, q.key(k)
}

func (q *queuePage) key(msg tea.KeyPressMsg) tea.Cmd {
	c, k := q.c, q.c.Keys
	_, h := c.Size()
	if q.cur.Key(&k.KeyMap, msg, len(q.items), max(1, (h-3)/2)) {
		return nil
	}
	d := decisions{c}
	cm, has := q.current()
	switch {
	case key.Matches(msg, k.Close):
		if q.query != nil {
			q.query, q.queryText = nil, ""
			q.marked = map[uint64]bool{}
			q.cur = component.Cursor{}
			return q.load()
		}
		return back("")
	case key.Matches(msg, k.OpenItem):
		if has {
			return open(q.commentPage(cm))
		}
	case key.Matches(msg, k.Mark):
		if has {
			if q.marked[cm.ID] {
				delete(q.marked, cm.ID)
			} else {
				q.marked[cm.ID] = true
			}
			q.cur.Move(1, len(q.items))
		}
	case key.Matches(msg, k.MarkAll):
		if len(q.marked) == len(q.items) {
			q.marked = map[uint64]bool{}
		} else {
			for _, cm := range q.items {
				q.marked[cm.ID] = true
			}
		}
	case key.Matches(msg, k.Find):
		return open(q.searchPage())
	case key.Matches(msg, k.Reload):
		if !q.busy {
			q.err, q.notice = "", ""
			return q.load()
		}
	case key.Matches(msg, k.Approve):
		ids := q.targets()
		notice, do := d.approve(ids)
		return q.decide(ids, notice, do)
	case key.Matches(msg, k.Reject):
		if ids := q.targets(); len(ids) > 0 && !q.busy {
			q.prompt = c.Ask(q.rejectQuestion(ids), "", board.MaxReason, func(reason string) tea.Cmd {
				notice, do := d.reject(ids, reason)
				return q.decide(ids, notice, do)
			})
		}
	case key.Matches(msg, k.Delete):
		if ids := q.targets(); len(ids) > 0 && !q.busy {
			q.prompt = c.Confirm(q.deleteQuestion(ids), func(string) tea.Cmd {
				notice, do := d.remove(ids)
				return q.decide(ids, notice, do)
			})
		}
	case key.Matches(msg, k.EditComment):
		if has && !q.busy {
			return open(newEditForm(c, cm))
		}
	case key.Matches(msg, k.Ban):
		if has && !q.busy && c.Identity.Role.CanAdmin() {
			pg, err := newBanPage(c, cm)
			if err != "" {
				q.err = err
				return nil
			}
			return open(pg)
		}
	}
	return nil
}

// commentPage is a pending comment opened whole, with the queue's decisions on it.
func (q *queuePage) commentPage(cm board.Comment) Page {
	c, k := q.c, q.c.Keys
	pos, n := q.cur.Pos+1, len(q.items)
	p := newCommentPage(c, cm, func() string { return c.T(i18n.TWQueueDetailHeading, pos, n) })
	d := decisions{c}
	ids := []uint64{cm.ID}
	run := func(tp *textPage, notice string, do func(ctx context.Context) error) tea.Cmd {
		tp.busy, tp.err = true, ""
		return c.Call(func(ctx context.Context) tea.Msg { return commentActedMsg{to: tp, flash: notice, err: do(ctx)} })
	}
	p.keys = func() []key.Binding { return q.decisionKeys() }
	p.act = func(tp *textPage, msg tea.KeyPressMsg) tea.Cmd {
		switch {
		case key.Matches(msg, k.Approve):
			notice, do := d.approve(ids)
			return run(tp, notice, do)
		case key.Matches(msg, k.Reject):
			tp.prompt = c.Ask(c.T(i18n.TWQueueRejectOneAsk, commentName(cm)), "", board.MaxReason, func(reason string) tea.Cmd {
				notice, do := d.reject(ids, reason)
				return run(tp, notice, do)
			})
		case key.Matches(msg, k.Delete):
			tp.prompt = c.Confirm(c.T(i18n.TWQueueDeleteOneAsk, commentName(cm)), func(string) tea.Cmd {
				notice, do := d.remove(ids)
				return run(tp, notice, do)
			})
		case key.Matches(msg, k.EditComment):
			return tea.Sequence(back(""), open(newEditForm(c, cm)))
		case key.Matches(msg, k.Ban):
			if !c.Identity.Role.CanAdmin() {
				return nil
			}
			pg, err := newBanPage(c, cm)
			if err != "" {
				tp.err = err
				return nil
			}
			return tea.Sequence(back(""), open(pg))
		}
		return nil
	}
	return p
}

func (q *queuePage) View() string {
	c, s := q.c, q.c.Styles
	w, h := c.Size()
	head := c.T(i18n.TWQueueHeading, len(q.items))
	if q.query != nil {
		head = c.T(i18n.TWQueueResults, len(q.items), Line(q.queryText))
	}
	if len(q.marked) > 0 {
		head += " · " + c.T(i18n.TWQueueMarked, len(q.marked))
	}
	lines := []string{s.Title.Render(Cut(head, w)), ""}
	status := foot(c, w, q.prompt, q.err, q.notice, q.busy)
	rowsH := h - len(lines) - len(status) - 1
	switch {
	case !q.loaded:
	case len(q.items) == 0 && q.query != nil:
		lines = append(lines, s.Muted.Render(Cut(c.T(i18n.TWQueueNoResults), w)))
	case len(q.items) == 0:
		lines = append(lines, s.Muted.Render(Cut(c.T(i18n.TWQueueEmpty), w)))
	default:
		from, to := q.cur.Window(len(q.items), max(1, rowsH/2))
		for i := from; i < to; i++ {
			lines = append(lines, q.row(q.items[i], i == q.cur.Pos, w)...)
		}
	}
	return component.Clip(component.Bottom(lines, status, h), h)
}

// row draws one comment of the list in two lines.
func (q *queuePage) row(cm board.Comment, selected bool, w int) []string {
	c, s := q.c, q.c.Styles
	marker := component.Marker(selected) + " "
	box := "[ ] "
	if q.marked[cm.ID] {
		box = "[x] "
	}
	when := c.DateTime(cm.CreatedAt)
	if q.query != nil {
		when = Fit(c.statusName(cm.Status), 10) + " " + c.Date(cm.CreatedAt)
	}
	nameW := 22
	rest := max(0, w-text.Width(marker+box)-text.Width(when)-2-nameW-2)
	l1 := marker + box + when + "  " + Fit(Line(cm.Name), nameW) + "  " + Cut(cm.ThreadTitle, rest)
	snippet := Line(cm.Body)
	if t := Line(cm.Title); t != "" {
		snippet = t + " — " + snippet
	}
	by := Cut(who(cm), 28)
	l2 := "      " + by + "  " + Cut(snippet, max(0, w-8-text.Width(by)))
	if selected {
		return []string{s.Selected.Render(Fit(l1, w)), l2}
	}
	return []string{l1, s.Muted.Render(l2)}
}

// decisionKeys are the decisions this moderator may take (only admins ban).
func (q *queuePage) decisionKeys() []key.Binding {
	k := q.c.Keys
	out := []key.Binding{k.Approve, k.Reject, k.EditComment, k.Delete}
	if q.c.Identity.Role.CanAdmin() {
		out = append(out, k.Ban)
	}
	return out
}

func (q *queuePage) ShortHelp() []key.Binding {
	if q.prompt != nil {
		return promptHelp(q.c, q.prompt)
	}
	k := q.c.Keys
	return append(q.decisionKeys(), k.Mark, k.Find)
}

func (q *queuePage) FullHelp() [][]key.Binding {
	k := q.c.Keys
	return [][]key.Binding{q.ShortHelp(), {k.Up, k.Down, k.OpenItem, k.MarkAll, k.Reload, k.Close}}
}

// TextFocused reports whether keys go into a text field (TextFocuser).
func (q *queuePage) TextFocused() bool {
	return inputPrompt(q.prompt)
}

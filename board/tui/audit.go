package tui

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
	"bangtin/board/tui/component"
)

// auditKinds are the kind filters "t" steps through ("" is every kind; a prefix matches).
var auditKinds = []string{"", "comment", "thread", "category", "ban", "account", "settings", "denied", "auth"}

// auditLimit is how many entries the audit page reads at once.
const auditLimit = 500

// auditPage is the audit log, newest first, filtered by kind and by who; Enter opens an entry
// whole (a page of its own). The list is a listPage; a change of filter selects the newest entry.
type auditPage struct {
	*listPage[board.AuditEntry]
	kind  int
	actor string
}

func newAuditPage(c *Common) *auditPage {
	p := &auditPage{}
	b, actor := c.Board, c.Identity
	k := c.Keys
	p.listPage = &listPage[board.AuditEntry]{
		c:       c,
		rowH:    1,
		empty:   i18n.TWAuditNone,
		heading: func(n int) string { return c.T(i18n.TWAuditHeading, n) },
		sub:     p.filter,
		header:  p.header,
		load: func(ctx context.Context) ([]board.AuditEntry, error) {
			return b.Audit(ctx, actor, board.AuditQuery{Kind: auditKinds[p.kind], Actor: p.actor, Limit: auditLimit})
		},
		same: func(x, y board.AuditEntry) bool { return x.ID == y.ID },
		row:  p.row,
		act:  p.act,
		keys: func() []key.Binding { return []key.Binding{k.Kind, k.Who, k.OpenItem, k.OpenTarget} },
	}
	return p
}

// refilter reloads the list after a change of filter, from its newest entry.
func (p *auditPage) refilter() tea.Cmd {
	return p.doPick("", func(context.Context) (func(board.AuditEntry) bool, error) {
		return func(board.AuditEntry) bool { return true }, nil
	})
}

// Update is the list's, but Close clears the filters first.
func (p *auditPage) Update(msg tea.Msg) (Page, tea.Cmd) {
	if m, ok := msg.(tea.KeyPressMsg); ok && p.prompt == nil && key.Matches(m, p.c.Keys.Close) && (p.kind != 0 || p.actor != "") {
		p.kind, p.actor = 0, ""
		return p, p.refilter()
	}
	_, cmd := p.listPage.Update(msg)
	return p, cmd
}

// act handles the list's keys (e is nil when the list is empty).
func (p *auditPage) act(_ *listPage[board.AuditEntry], m tea.KeyPressMsg, e *board.AuditEntry) (tea.Cmd, bool) {
	c, k := p.c, p.c.Keys
	switch {
	case key.Matches(m, k.OpenItem):
		if e != nil {
			return open(p.entryPage(*e)), true
		}
	case key.Matches(m, k.OpenTarget):
		if e != nil {
			if pg := auditTarget(c, *e); pg != nil {
				return open(pg), true
			}
			p.err = c.T(i18n.TWAuditNoTarget)
		}
	case key.Matches(m, k.Kind):
		p.kind = (p.kind + 1) % len(auditKinds)
		return p.refilter(), true
	case key.Matches(m, k.PrevKind):
		p.kind = (p.kind - 1 + len(auditKinds)) % len(auditKinds)
		return p.refilter(), true
	case key.Matches(m, k.Who):
		p.prompt = c.Ask(c.T(i18n.TWAuditWhoAsk), p.actor, 100, func(who string) tea.Cmd {
			p.actor = Line(who)
			return p.refilter()
		})
	case key.Matches(m, k.Reload):
		return p.do("", nil), true
	default:
		return nil, false
	}
	return nil, true
}

// entryPage shows one entry whole.
func (p *auditPage) entryPage(e board.AuditEntry) Page {
	c := p.c
	pg := newTextPage(c, func() string { return c.T(i18n.TWAuditHeading, len(p.items)) }, func(w int) []string {
		var lines []string
		field := func(label, v string) {
			ls := component.Wrap(v, w-14)
			if len(ls) == 0 {
				ls = []string{""}
			}
			for i, l := range ls {
				if i == 0 {
					lines = append(lines, c.Styles.FieldLabel.Render(Fit(label, 14))+l)
				} else {
					lines = append(lines, Fit("", 14)+l)
				}
			}
		}
		field(c.T(i18n.TWAuditWhen), c.DateTime(e.At))
		field(c.T(i18n.TWAuditWho), e.Actor)
		field(c.T(i18n.TWAuditKind), auditKindText(c, e.Kind)+" ("+Line(e.Kind)+")")
		field(c.T(i18n.TWAuditTarget), e.Target)
		field(i18n.Field(c.Lang, "reason"), e.Reason)
		field(c.T(i18n.TWAuditDetail), e.Detail)
		return lines
	})
	if target := auditTarget(c, e); target != nil {
		pg.keys = func() []key.Binding { return []key.Binding{c.Keys.OpenTarget} }
		pg.act = func(_ *textPage, m tea.KeyPressMsg) tea.Cmd {
			if key.Matches(m, c.Keys.OpenTarget) {
				return open(auditTarget(c, e))
			}
			return nil
		}
	}
	return pg
}

// auditTarget is the page that shows what an entry is about (board.AuditEntry.Ref): the thread
// of a thread or comment entry, or the list holding a category, ban or account, or the
// settings; nil when there is nothing to open.
func auditTarget(c *Common, e board.AuditEntry) Page {
	ref := e.Ref()
	switch ref.Kind {
	case "thread", "comment":
		if ref.ThreadID != 0 {
			return NewThread(c, []uint64{ref.ThreadID}, 0)
		}
	case "category":
		return NewCategories(c)
	case "ban":
		return NewBans(c)
	case "account":
		return NewUsers(c)
	case "settings":
		return NewSettings(c)
	}
	return nil
}

// auditKindText says an entry's kind in words ("Xoá bài", not thread.delete).
func auditKindText(c *Common, kind string) string { return Line(i18n.AuditKind(c.Lang, kind)) }

// filter describes the active filters.
func (p *auditPage) filter() string {
	c := p.c
	kind := c.T(i18n.TWAuditAll)
	if k := auditKinds[p.kind]; k != "" {
		kind = auditKindText(c, k)
	}
	s := c.T(i18n.TWAuditKind) + ": " + kind
	if p.actor != "" {
		s += " · " + c.T(i18n.TWAuditWho) + ": " + p.actor
	}
	return s
}

// auditCols are the widths of the who, kind and target columns at width w (target from 80 cells).
func auditCols(w int) (whoW, kindW, targetW int) {
	if w < 80 {
		return 10, 15, 0
	}
	return 14, 18, 13
}

// auditCol is s fitted to n cells and a space, nothing for a column not shown (n == 0).
func auditCol(s string, n int) string {
	if n == 0 {
		return ""
	}
	return Fit(s, n) + " "
}

// header is the column titles.
func (p *auditPage) header(w int) []string {
	c := p.c
	whoW, kindW, targetW := auditCols(w)
	return []string{c.Styles.Muted.Render(Fit("  "+auditCol(c.T(i18n.TWAuditWhen), 16)+auditCol(c.T(i18n.TWAuditWho), whoW)+
		auditCol(c.T(i18n.TWAuditKind), kindW)+auditCol(c.T(i18n.TWAuditTarget), targetW)+c.T(i18n.TWAuditDetail), w))}
}

// row is entry e's line: when, who, kind, target, then the reason and detail.
func (p *auditPage) row(_ int, e board.AuditEntry, selected bool, w int) []string {
	c := p.c
	whoW, kindW, targetW := auditCols(w)
	detail := Line(e.Reason)
	if d := Line(e.Detail); d != "" {
		if detail != "" {
			detail += " · "
		}
		detail += d
	}
	l := component.Marker(selected) + " " + auditCol(c.DateTime(e.At), 16) + auditCol(Line(e.Actor), whoW) +
		auditCol(auditKindText(c, e.Kind), kindW) + auditCol(Line(e.Target), targetW)
	l += Cut(detail, w-text.Width(l))
	return []string{listRow(c, l, selected, w)}
}

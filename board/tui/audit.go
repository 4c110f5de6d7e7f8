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
// whole (a page of its own).
type auditPage struct {
	c       *Common
	entries []board.AuditEntry
	cur     component.Cursor
	kind    int
	actor   string
	loaded  bool
	busy    bool
	prompt  *component.Prompt
	err     string
}

type auditMsg struct {
	to      *auditPage
	entries []board.AuditEntry
	err     error
}

func newAuditPage(c *Common) *auditPage { return &auditPage{c: c} }

func (p *auditPage) Init() tea.Cmd { return p.load() }

func (p *auditPage) load() tea.Cmd {
	p.busy, p.err = true, ""
	b, actor := p.c.Board, p.c.Identity
	q := board.AuditQuery{Kind: auditKinds[p.kind], Actor: p.actor, Limit: auditLimit}
	return p.c.Call(func(ctx context.Context) tea.Msg {
		es, err := b.Audit(ctx, actor, q)
		return auditMsg{to: p, entries: es, err: err}
	})
}

func (p *auditPage) Capturing() bool { return p.prompt != nil }

func (p *auditPage) Update(msg tea.Msg) (Page, tea.Cmd) {
	if m, ok := msg.(auditMsg); ok {
		if m.to != p {
			return p, nil
		}
		p.busy, p.loaded = false, true
		if m.err != nil {
			p.err = p.c.ErrText(m.err)
			return p, nil
		}
		p.entries, p.cur = m.entries, component.Cursor{}
		return p, nil
	}
	if p.prompt != nil {
		return p, component.Answer(&p.prompt, &p.c.Keys.KeyMap, msg)
	}
	m, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	c, k := p.c, p.c.Keys
	_, h := c.Size()
	if p.cur.Key(&k.KeyMap, m, len(p.entries), h-5) {
		return p, nil
	}
	switch {
	case key.Matches(m, k.Close):
		if p.kind != 0 || p.actor != "" {
			p.kind, p.actor = 0, ""
			return p, p.load()
		}
		return p, back("")
	case key.Matches(m, k.OpenItem):
		if p.cur.Pos < len(p.entries) {
			return p, open(p.entryPage(p.entries[p.cur.Pos]))
		}
	case key.Matches(m, k.OpenTarget):
		if p.cur.Pos < len(p.entries) {
			if pg := auditTarget(c, p.entries[p.cur.Pos]); pg != nil {
				return p, open(pg)
			}
			p.err = c.T(i18n.TWAuditNoTarget)
		}
	case key.Matches(m, k.Kind):
		p.kind = (p.kind + 1) % len(auditKinds)
		return p, p.load()
	case key.Matches(m, k.PrevKind):
		p.kind = (p.kind - 1 + len(auditKinds)) % len(auditKinds)
		return p, p.load()
	case key.Matches(m, k.Who):
		p.prompt = c.Ask(c.T(i18n.TWAuditWhoAsk), p.actor, 100, func(who string) tea.Cmd {
			p.actor = text.Line(who)
			return p.load()
		})
	case key.Matches(m, k.Reload):
		return p, p.load()
	}
	return p, nil
}

// entryPage shows one entry whole.
func (p *auditPage) entryPage(e board.AuditEntry) Page {
	c := p.c
	pg := newTextPage(c, func() string { return c.T(i18n.TWAuditHeading, len(p.entries)) }, func(w int) []string {
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
		field(c.T(i18n.TWAuditKind), auditKindText(c, e.Kind)+" ("+text.Line(e.Kind)+")")
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
func auditKindText(c *Common, kind string) string { return text.Line(i18n.AuditKind(c.Lang, kind)) }

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

func (p *auditPage) View() string {
	c, s := p.c, p.c.Styles
	w, h := c.Size()
	lines := []string{
		s.Title.Render(Cut(c.T(i18n.TWAuditHeading, len(p.entries)), w)),
		Cut(p.filter(), w),
	}
	f := foot(c, w, p.prompt, p.err, "", p.busy)
	// Columns: when, who, kind, target (from 80 cells), then the reason and detail.
	whoW, kindW, targetW := 14, 18, 13
	if w < 80 {
		whoW, kindW, targetW = 10, 15, 0
	}
	col := func(s string, n int) string {
		if n == 0 {
			return ""
		}
		return Fit(s, n) + " "
	}
	lines = append(lines, s.Muted.Render(Fit("  "+col(c.T(i18n.TWAuditWhen), 16)+col(c.T(i18n.TWAuditWho), whoW)+
		col(c.T(i18n.TWAuditKind), kindW)+col(c.T(i18n.TWAuditTarget), targetW)+c.T(i18n.TWAuditDetail), w)))
	if p.loaded && len(p.entries) == 0 {
		lines = append(lines, s.Muted.Render(Cut(c.T(i18n.TWAuditNone), w)))
	}
	from, to := p.cur.Window(len(p.entries), h-len(lines)-len(f))
	for i := from; i < to; i++ {
		e := p.entries[i]
		detail := text.Line(e.Reason)
		if d := text.Line(e.Detail); d != "" {
			if detail != "" {
				detail += " · "
			}
			detail += d
		}
		l := component.Marker(i == p.cur.Pos) + " " + col(c.DateTime(e.At), 16) + col(text.Line(e.Actor), whoW) +
			col(auditKindText(c, e.Kind), kindW) + col(text.Line(e.Target), targetW)
		l += Cut(detail, w-text.Width(l))
		lines = append(lines, listRow(c, l, i == p.cur.Pos, w))
	}
	return component.Clip(component.Bottom(lines, f, h), h)
}

func (p *auditPage) ShortHelp() []key.Binding {
	if p.prompt != nil {
		return promptHelp(p.c, p.prompt)
	}
	k := p.c.Keys
	return []key.Binding{k.Kind, k.Who, k.OpenItem, k.OpenTarget, k.Close}
}

func (p *auditPage) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// TextFocused reports whether keys go into a text field (TextFocuser).
func (p *auditPage) TextFocused() bool {
	return inputPrompt(p.prompt)
}

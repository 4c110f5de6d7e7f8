package tui

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

// wAuditKinds are the kind filters "t" steps through ("" is every kind; a prefix matches).
var wAuditKinds = []string{"", "comment", "thread", "category", "ban", "account", "settings", "denied", "auth"}

// wAuditLimit is how many entries the audit page reads at once.
const wAuditLimit = 500

// wAudit is the audit log, newest first, filtered by kind and by who.
type wAudit struct {
	c       *Common
	entries []board.AuditEntry
	cur     wCursor
	kind    int
	actor   string
	open    bool // the selected entry shown whole
	loaded  bool
	busy    bool
	prompt  *wPrompt
	err     string
}

type wAuditMsg struct {
	p       *wAudit
	entries []board.AuditEntry
	err     error
}

func newWAudit(c *Common) *wAudit { return &wAudit{c: c} }

func (p *wAudit) Init() tea.Cmd { return p.load() }

func (p *wAudit) load() tea.Cmd {
	p.busy, p.err = true, ""
	b, actor := p.c.Board, p.c.Identity
	q := board.AuditQuery{Kind: wAuditKinds[p.kind], Actor: p.actor, Limit: wAuditLimit}
	return wCall(p.c, func(ctx context.Context) tea.Msg {
		es, err := b.Audit(ctx, actor, q)
		return wAuditMsg{p: p, entries: es, err: err}
	})
}

func (p *wAudit) Capturing() bool { return p.prompt != nil || p.open }

func (p *wAudit) Update(msg tea.Msg) (Page, tea.Cmd) {
	if m, ok := msg.(wAuditMsg); ok {
		if m.p != p {
			return p, nil
		}
		p.busy, p.loaded = false, true
		if m.err != nil {
			p.err = p.c.ErrText(m.err)
			return p, nil
		}
		p.entries, p.cur = m.entries, wCursor{}
		return p, nil
	}
	if p.prompt != nil {
		return p, wAnswer(&p.prompt, msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	if p.open {
		switch k.String() {
		case "esc", "q", "enter", "backspace":
			p.open = false
		}
		return p, nil
	}
	_, h := wSize(p.c)
	if p.cur.key(k, len(p.entries), h-5) {
		return p, nil
	}
	switch k.String() {
	case "esc", "q":
		if p.kind != 0 || p.actor != "" {
			p.kind, p.actor = 0, ""
			return p, p.load()
		}
		return p, wBack("")
	case "enter":
		p.open = len(p.entries) > 0
	case "t", "tab", "right":
		p.kind = (p.kind + 1) % len(wAuditKinds)
		return p, p.load()
	case "shift+tab", "left":
		p.kind = (p.kind - 1 + len(wAuditKinds)) % len(wAuditKinds)
		return p, p.load()
	case "w", "/":
		p.prompt = newWAsk(p.c, p.c.T(i18n.TWAuditWhoAsk), p.actor, 100, func(who string) tea.Cmd {
			p.actor = text.Line(who)
			return p.load()
		})
	case "R", "ctrl+r":
		return p, p.load()
	}
	return p, nil
}

// filter describes the active filters.
func (p *wAudit) filter() string {
	kind := p.c.T(i18n.TWAuditAll)
	if k := wAuditKinds[p.kind]; k != "" {
		kind = k
	}
	s := p.c.T(i18n.TWAuditKind) + ": " + kind
	if p.actor != "" {
		s += " · " + p.c.T(i18n.TWAuditWho) + ": " + p.actor
	}
	return s
}

func (p *wAudit) View() string {
	w, h := wSize(p.c)
	lines := []string{
		p.c.Styles.Title.Render(Cut(p.c.T(i18n.TWAuditHeading, len(p.entries)), w)),
		Cut(p.filter(), w),
	}
	foot := wFoot(p.c, p.c.Styles, w, p.prompt, p.err, "", p.busy)
	if p.open && p.cur.pos < len(p.entries) {
		e := p.entries[p.cur.pos]
		field := func(label, v string) {
			ls := wWrap(v, w-14)
			if len(ls) == 0 {
				ls = []string{""}
			}
			for i, l := range ls {
				if i == 0 {
					lines = append(lines, p.c.Styles.FieldLabel.Render(Fit(label, 14))+l)
				} else {
					lines = append(lines, Fit("", 14)+l)
				}
			}
		}
		lines = append(lines, "")
		field(p.c.T(i18n.TWAuditWhen), p.c.DateTime(e.At))
		field(p.c.T(i18n.TWAuditWho), e.Actor)
		field(p.c.T(i18n.TWAuditKind), e.Kind)
		field(p.c.T(i18n.TWAuditTarget), e.Target)
		field(i18n.Field(p.c.Lang, "reason"), e.Reason)
		field(p.c.T(i18n.TWAuditDetail), e.Detail)
		return wFit(wFill(lines, foot, h), h)
	}
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
	lines = append(lines, p.c.Styles.Muted.Render(Fit("  "+col(p.c.T(i18n.TWAuditWhen), 16)+col(p.c.T(i18n.TWAuditWho), whoW)+
		col(p.c.T(i18n.TWAuditKind), kindW)+col(p.c.T(i18n.TWAuditTarget), targetW)+p.c.T(i18n.TWAuditDetail), w)))
	if p.loaded && len(p.entries) == 0 {
		lines = append(lines, p.c.Styles.Muted.Render(Cut(p.c.T(i18n.TWAuditNone), w)))
	}
	from, to := p.cur.window(len(p.entries), h-len(lines)-len(foot))
	for i := from; i < to; i++ {
		e := p.entries[i]
		detail := text.Line(e.Reason)
		if d := text.Line(e.Detail); d != "" {
			if detail != "" {
				detail += " · "
			}
			detail += d
		}
		l := wMarker(i == p.cur.pos) + " " + col(p.c.DateTime(e.At), 16) + col(text.Line(e.Actor), whoW) +
			col(text.Line(e.Kind), kindW) + col(text.Line(e.Target), targetW)
		l += Cut(detail, w-text.Width(l))
		if i == p.cur.pos {
			l = p.c.Styles.Selected.Render(Fit(l, w))
		}
		lines = append(lines, l)
	}
	return wFit(wFill(lines, foot, h), h)
}

func (p *wAudit) ShortHelp() []key.Binding {
	l := p.c.Lang
	return []key.Binding{
		wKey([]string{"t"}, "t", i18n.T(l, i18n.TWKeyKind)),
		wKey([]string{"w"}, "w", i18n.T(l, i18n.TWKeyWho)),
		wKey([]string{"enter"}, "enter", i18n.T(l, i18n.TUIKeyOpen)),
		wKey([]string{"esc"}, "esc", i18n.T(l, i18n.TUIKeyBack)),
	}
}

func (p *wAudit) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

package tui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/tui/component"
)

// newBansPage lists the bans with their expiry; an admin lifts one, or adds a ban on a key or
// an address range by hand (a form of its own).
func newBansPage(c *Common) *listPage[board.Ban] {
	b, actor := c.Board, c.Identity
	return &listPage[board.Ban]{
		c:       c,
		heading: func(n int) string { return c.T(i18n.TWBanHeading, n) },
		empty:   i18n.TWBanNone,
		rowH:    2,
		load:    func(ctx context.Context) ([]board.Ban, error) { return b.Bans(ctx, actor) },
		same:    func(a, b board.Ban) bool { return a.ID == b.ID },
		row:     func(_ int, ban board.Ban, sel bool, w int) []string { return banRow(c, ban, sel, w) },
		keys:    func() []key.Binding { return []key.Binding{c.Keys.Lift, c.Keys.Add} },
		act:     banAct,
	}
}

// banAct answers the bans page's keys: a adds a ban, d lifts the selected one after asking.
func banAct(p *listPage[board.Ban], m tea.KeyPressMsg, ban *board.Ban) (tea.Cmd, bool) {
	c, k := p.c, p.c.Keys
	switch {
	case key.Matches(m, k.Add):
		return open(banAddPage(c)), true
	case key.Matches(m, k.Lift) && ban != nil:
		b, actor, id := c.Board, c.Identity, ban.ID
		target := banTarget(c, *ban)
		p.prompt = c.Confirm(c.T(i18n.TWBanLiftAsk, target), func(string) tea.Cmd {
			return p.do(c.T(i18n.TWBanLifted, target), func(ctx context.Context) error { return b.RemoveBan(ctx, actor, id) })
		})
		return nil, true
	}
	return nil, false
}

// banAddPage is the form that bans a key or an address range.
func banAddPage(c *Common) Page {
	build := func() *component.Form {
		f := c.form(c.T(i18n.TWBanAddHeading), c.T(i18n.TWQueueBanButton))
		f.AddInput(c.Styles.Widgets, c.T(i18n.TWBanTarget), "", 200).Placeholder = "SHA256:…  /  203.0.113.0/24"
		c.addBanRows(f)
		f.Focus(0)
		return f
	}
	return newFieldPage(c, build, func(fp *fieldPage) tea.Cmd {
		f := fp.form
		target := Line(f.Value(0))
		in := banInput(f, 1)
		switch {
		case target == "":
			f.Rows[0].Err = c.ErrText(&board.ValidationError{Field: f.Rows[0].Label, Problem: board.ProblemRequired})
			return nil
		case strings.HasPrefix(target, "SHA256:"):
			in.Fingerprint = target
		default:
			in.Addr = target
		}
		b, actor := c.Board, c.Identity
		return fp.do(c.T(i18n.TWBanAdded, target), func(ctx context.Context) error {
			_, err := b.AddBan(ctx, actor, in)
			return err
		})
	})
}

// banTarget names what a ban stops.
func banTarget(c *Common, b board.Ban) string {
	if b.Fingerprint != "" {
		return c.T(i18n.TWQueueBanKey, Line(b.Fingerprint))
	}
	return c.T(i18n.TWQueueBanIP, b.Prefix.String())
}

// banRow is a ban in the list: its target and expiry, then who banned, when and why.
func banRow(c *Common, ban board.Ban, sel bool, w int) []string {
	until := c.T(i18n.TWForever)
	if !ban.ExpiresAt.IsZero() {
		until = c.T(i18n.TWBanUntil, c.DateTime(ban.ExpiresAt))
	}
	l2 := c.T(i18n.TWBanBy, Line(ban.By), c.DateTime(ban.CreatedAt))
	if ban.Reason != "" {
		l2 += " · " + i18n.Field(c.Lang, "reason") + ": " + Line(ban.Reason)
	}
	return twoLines(c, Fit(banTarget(c, ban), w-24)+" "+Fit(until, 21), l2, sel, w)
}

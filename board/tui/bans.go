package tui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
	"bangtin/board/tui/component"
)

// bansPage lists the bans with their expiry; an admin lifts one, or adds a ban on a key or an
// address range by hand (a form of its own).
type bansPage struct {
	c       *Common
	bans    []board.Ban
	cur     component.Cursor
	loaded  bool
	busy    bool
	version uint64
	prompt  *component.Prompt
	err     string
	notice  string
}

type bansMsg struct {
	to      *bansPage
	bans    []board.Ban
	version uint64
	notice  string
	err     error
}

func newBansPage(c *Common) *bansPage { return &bansPage{c: c} }

func (p *bansPage) Init() tea.Cmd { return p.do("", nil) }

// do runs a change (if any) and reloads the list.
func (p *bansPage) do(notice string, f func(ctx context.Context) error) tea.Cmd {
	if p.busy {
		return nil
	}
	p.busy, p.err, p.notice = true, "", ""
	b, actor := p.c.Board, p.c.Identity
	return changeThenLoad(p.c, f, func(ctx context.Context) ([]board.Ban, error) { return b.Bans(ctx, actor) },
		func(bans []board.Ban, v uint64, err error) tea.Msg {
			return bansMsg{to: p, bans: bans, version: v, notice: notice, err: err}
		})
}

func (p *bansPage) Capturing() bool { return p.prompt != nil }

func (p *bansPage) Flash(s string) { p.notice, p.err = s, "" }

// addPage is the form that bans a key or an address range.
func (p *bansPage) addPage() Page {
	c := p.c
	build := func() *component.Form {
		f := c.form(c.T(i18n.TWBanAddHeading), c.T(i18n.TWQueueBanButton))
		f.AddInput(c.Styles.Widgets, c.T(i18n.TWBanTarget), "", 200).Placeholder = "SHA256:…  /  203.0.113.0/24"
		c.addBanRows(f)
		f.Focus(0)
		return f
	}
	return newFieldPage(c, build, func(fp *fieldPage) tea.Cmd {
		f := fp.form
		target := text.Line(f.Value(0))
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

func (p *bansPage) Update(msg tea.Msg) (Page, tea.Cmd) {
	switch m := msg.(type) {
	case bansMsg:
		if m.to != p {
			return p, nil
		}
		p.busy, p.loaded = false, true
		if m.err != nil {
			p.err = p.c.ErrText(m.err)
			return p, nil
		}
		var sel uint64
		if p.cur.Pos < len(p.bans) {
			sel = p.bans[p.cur.Pos].ID
		}
		p.bans, p.version, p.notice = m.bans, m.version, m.notice
		component.Follow(&p.cur, p.bans, func(b board.Ban) bool { return b.ID == sel })
		return p, nil
	case LiveMsg:
		if p.loaded && !p.busy && m.Version != p.version {
			return p, p.do(p.notice, nil)
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
	c, k := p.c, p.c.Keys
	_, h := c.Size()
	if p.cur.Key(&k.KeyMap, m, len(p.bans), max(1, (h-4)/2)) {
		return p, nil
	}
	switch {
	case key.Matches(m, k.Close):
		return p, back("")
	case key.Matches(m, k.Add):
		return p, open(p.addPage())
	case key.Matches(m, k.Lift):
		if p.cur.Pos < len(p.bans) {
			ban := p.bans[p.cur.Pos]
			b, actor := c.Board, c.Identity
			target := banTarget(c, ban)
			p.prompt = c.Confirm(c.T(i18n.TWBanLiftAsk, target), func(string) tea.Cmd {
				return p.do(c.T(i18n.TWBanLifted, target), func(ctx context.Context) error { return b.RemoveBan(ctx, actor, ban.ID) })
			})
		}
	}
	return p, nil
}

// banTarget names what a ban stops.
func banTarget(c *Common, b board.Ban) string {
	if b.Fingerprint != "" {
		return c.T(i18n.TWQueueBanKey, text.Line(b.Fingerprint))
	}
	return c.T(i18n.TWQueueBanIP, b.Prefix.String())
}

func (p *bansPage) View() string {
	c, s := p.c, p.c.Styles
	w, h := c.Size()
	lines := []string{s.Title.Render(Cut(c.T(i18n.TWBanHeading, len(p.bans)), w)), ""}
	f := foot(c, w, p.prompt, p.err, p.notice, p.busy)
	if p.loaded && len(p.bans) == 0 {
		lines = append(lines, s.Muted.Render(Cut(c.T(i18n.TWBanNone), w)))
	}
	from, to := p.cur.Window(len(p.bans), max(1, (h-len(lines)-len(f)-1)/2))
	for i := from; i < to; i++ {
		ban := p.bans[i]
		until := c.T(i18n.TWForever)
		if !ban.ExpiresAt.IsZero() {
			until = c.T(i18n.TWBanUntil, c.DateTime(ban.ExpiresAt))
		}
		l1 := component.Marker(i == p.cur.Pos) + " " + Fit(banTarget(c, ban), w-24) + " " + Fit(until, 21)
		l2 := c.T(i18n.TWBanBy, text.Line(ban.By), c.DateTime(ban.CreatedAt))
		if ban.Reason != "" {
			l2 += " · " + i18n.Field(c.Lang, "reason") + ": " + text.Line(ban.Reason)
		}
		l2 = "    " + Cut(l2, w-4)
		if i == p.cur.Pos {
			lines = append(lines, s.Selected.Render(Fit(l1, w)), l2)
		} else {
			lines = append(lines, l1, s.Muted.Render(l2))
		}
	}
	return component.Clip(component.Bottom(lines, f, h), h)
}

func (p *bansPage) ShortHelp() []key.Binding {
	if p.prompt != nil {
		return promptHelp(p.c, p.prompt)
	}
	k := p.c.Keys
	return []key.Binding{k.Lift, k.Add, k.Close}
}

func (p *bansPage) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// TextFocused reports whether keys go into a text field (TextFocuser).
func (p *bansPage) TextFocused() bool {
	return inputPrompt(p.prompt)
}

package tui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

// wBans lists the bans with their expiry; an admin lifts one, or adds a ban on a key or an
// address range by hand.
type wBans struct {
	c      *Common
	bans   []board.Ban
	cur    wCursor
	loaded bool
	busy   bool
	prompt *wPrompt
	add    *wFieldForm
	err    string
	notice string
}

type wBansMsg struct {
	p      *wBans
	bans   []board.Ban
	notice string
	err    error
	keep   bool // an error of the add form
}

func newWBans(c *Common) *wBans { return &wBans{c: c} }

func (p *wBans) Init() tea.Cmd { return p.do("", nil) }

// do runs a change (if any) and reloads the list.
func (p *wBans) do(notice string, f func(ctx context.Context) error) tea.Cmd {
	if p.busy {
		return nil
	}
	p.busy, p.err, p.notice = true, "", ""
	b, actor := p.c.Board, p.c.Identity
	return wCall(p.c, func(ctx context.Context) tea.Msg {
		if f != nil {
			if err := f(ctx); err != nil {
				return wBansMsg{p: p, err: err, keep: true}
			}
		}
		bans, err := b.Bans(ctx, actor)
		return wBansMsg{p: p, bans: bans, notice: notice, err: err}
	})
}

func (p *wBans) Capturing() bool { return p.prompt != nil || p.add != nil }

func (p *wBans) openAdd() {
	f := &wFieldForm{title: p.c.T(i18n.TWBanAddHeading), submit: p.c.T(i18n.TWQueueBanButton)}
	f.addInput(p.c, p.c.T(i18n.TWBanTarget), "", 200).Placeholder = "SHA256:…  /  203.0.113.0/24"
	var durs []string
	for _, d := range wDurations {
		durs = append(durs, wDuration(p.c, d))
	}
	f.addChoice(p.c.T(i18n.FieldFor), durs, 2)
	f.addInput(p.c, i18n.Field(p.c.Lang, "reason"), "", 300)
	f.setFocus(0)
	p.add = f
}

func (p *wBans) submitAdd() tea.Cmd {
	f := p.add
	f.clearErrs()
	target := text.Line(f.value(0))
	in := board.BanInput{For: wDurations[f.rows[1].choice], Reason: text.Line(f.value(2))}
	switch {
	case target == "":
		f.rows[0].err = p.c.ErrText(&board.ValidationError{Field: f.rows[0].label, Problem: board.ProblemRequired})
		return nil
	case strings.HasPrefix(target, "SHA256:"):
		in.Fingerprint = target
	default:
		in.Addr = target
	}
	b, actor := p.c.Board, p.c.Identity
	return p.do(p.c.T(i18n.TWBanAdded, target), func(ctx context.Context) error {
		_, err := b.AddBan(ctx, actor, in)
		return err
	})
}

func (p *wBans) Update(msg tea.Msg) (Page, tea.Cmd) {
	if m, ok := msg.(wBansMsg); ok {
		if m.p != p {
			return p, nil
		}
		p.busy, p.loaded = false, true
		if m.err != nil {
			wShowErr(p.c, m.err, m.keep, p.add, &p.err)
			return p, nil
		}
		p.bans, p.notice, p.add = m.bans, m.notice, nil
		return p, nil
	}
	if _, ok := msg.(LangMsg); ok && p.add != nil {
		old := p.add
		p.openAdd()
		p.add.carry(old)
		return p, nil
	}
	if p.add != nil {
		submit, cancel, cmd := p.add.update(msg)
		switch {
		case cancel:
			p.add = nil
		case submit:
			return p, p.submitAdd()
		}
		return p, cmd
	}
	if p.prompt != nil {
		return p, wAnswer(&p.prompt, msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	_, h := wSize(p.c)
	if p.cur.key(k, len(p.bans), max(1, (h-4)/2)) {
		return p, nil
	}
	switch k.String() {
	case "esc", "q":
		return p, wBack("")
	case "a":
		p.openAdd()
	case "d", "x", "delete", "enter":
		if p.cur.pos < len(p.bans) {
			ban := p.bans[p.cur.pos]
			b, actor := p.c.Board, p.c.Identity
			who := wBanTarget(p.c, ban)
			p.prompt = newWConfirm(p.c.T(i18n.TWBanLiftAsk, who), func(string) tea.Cmd {
				return p.do(p.c.T(i18n.TWBanLifted, who), func(ctx context.Context) error { return b.RemoveBan(ctx, actor, ban.ID) })
			})
		}
	}
	return p, nil
}

// wBanTarget names what a ban stops.
func wBanTarget(c *Common, b board.Ban) string {
	if b.Fingerprint != "" {
		return c.T(i18n.TWQueueBanKey, text.Line(b.Fingerprint))
	}
	return c.T(i18n.TWQueueBanIP, b.Prefix.String())
}

func (p *wBans) View() string {
	w, h := wSize(p.c)
	if p.add != nil {
		return wFit(p.add.view(p.c, p.c.Styles, w), h)
	}
	lines := []string{p.c.Styles.Title.Render(Cut(p.c.T(i18n.TWBanHeading, len(p.bans)), w)), ""}
	foot := wFoot(p.c, p.c.Styles, w, p.prompt, p.err, p.notice, p.busy)
	if p.loaded && len(p.bans) == 0 {
		lines = append(lines, p.c.Styles.Muted.Render(Cut(p.c.T(i18n.TWBanNone), w)))
	}
	from, to := p.cur.window(len(p.bans), max(1, (h-len(lines)-len(foot)-1)/2))
	for i := from; i < to; i++ {
		ban := p.bans[i]
		until := p.c.T(i18n.TWForever)
		if !ban.ExpiresAt.IsZero() {
			until = p.c.T(i18n.TWBanUntil, p.c.DateTime(ban.ExpiresAt))
		}
		l1 := wMarker(i == p.cur.pos) + " " + Fit(wBanTarget(p.c, ban), w-24) + " " + Fit(until, 21)
		l2 := p.c.T(i18n.TWBanBy, text.Line(ban.By), p.c.DateTime(ban.CreatedAt))
		if ban.Reason != "" {
			l2 += " · " + i18n.Field(p.c.Lang, "reason") + ": " + text.Line(ban.Reason)
		}
		l2 = "    " + Cut(l2, w-4)
		if i == p.cur.pos {
			lines = append(lines, p.c.Styles.Selected.Render(Fit(l1, w)), l2)
		} else {
			lines = append(lines, l1, p.c.Styles.Muted.Render(l2))
		}
	}
	return wFit(wFill(lines, foot, h), h)
}

func (p *wBans) ShortHelp() []key.Binding {
	l := p.c.Lang
	return []key.Binding{
		wKey([]string{"d"}, "d", i18n.T(l, i18n.TWKeyLift)),
		wKey([]string{"a"}, "a", i18n.T(l, i18n.TWKeyAdd)),
		wKey([]string{"esc"}, "esc", i18n.T(l, i18n.TUIKeyBack)),
	}
}

func (p *wBans) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

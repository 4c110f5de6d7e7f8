package tui

import (
	"context"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

// wCategories manages the categories: add, rename, reorder, remove (only when empty).
type wCategories struct {
	c      *Common
	cats   []board.Category
	cur    wCursor
	loaded bool
	busy   bool
	prompt *wPrompt
	err    string
	notice string
}

// wCatsLoadedMsg carries the categories, after a change too (notice and the row to select).
type wCatsLoadedMsg struct {
	p      *wCategories
	cats   []board.Category
	notice string
	sel    uint64
	err    error
}

func newWCategories(c *Common) *wCategories { return &wCategories{c: c} }

func (p *wCategories) Init() tea.Cmd {
	p.busy = true
	b := p.c.Board
	return wCall(p.c, func(ctx context.Context) tea.Msg {
		cats, err := b.Categories(ctx)
		return wCatsLoadedMsg{p: p, cats: cats, err: err}
	})
}

func (p *wCategories) Capturing() bool { return p.prompt != nil }

// do runs one change and reloads the list, selecting sel.
func (p *wCategories) do(notice string, sel uint64, f func(ctx context.Context) (uint64, error)) tea.Cmd {
	if p.busy {
		return nil
	}
	p.busy, p.err, p.notice = true, "", ""
	b := p.c.Board
	return wCall(p.c, func(ctx context.Context) tea.Msg {
		id, err := f(ctx)
		if err != nil {
			return wCatsLoadedMsg{p: p, err: err}
		}
		if id != 0 {
			sel = id
		}
		cats, err := b.Categories(ctx)
		if err != nil {
			// the change is stored; only the new list could not be read
			return wCatsLoadedMsg{p: p, notice: notice, err: err}
		}
		return wCatsLoadedMsg{p: p, cats: cats, notice: notice, sel: sel}
	})
}

func (p *wCategories) Update(msg tea.Msg) (Page, tea.Cmd) {
	switch msg := msg.(type) {
	case wCatsLoadedMsg:
		if msg.p != p {
			return p, nil
		}
		p.busy, p.loaded = false, true
		p.notice = msg.notice
		if msg.err != nil {
			p.err = p.c.ErrText(msg.err)
			return p, nil
		}
		p.cats = msg.cats
		for i, c := range p.cats {
			if msg.sel != 0 && c.ID == msg.sel {
				p.cur.pos = i
			}
		}
		return p, nil
	}
	if p.prompt != nil {
		return p, wAnswer(&p.prompt, msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	_, h := wSize(p.c)
	if p.cur.key(k, len(p.cats), h-4) {
		return p, nil
	}
	b, actor := p.c.Board, p.c.Identity
	var cat board.Category
	has := p.cur.pos < len(p.cats)
	if has {
		cat = p.cats[p.cur.pos]
	}
	switch k.String() {
	case "esc", "q":
		return p, wBack("")
	case "a", "n":
		p.prompt = newWAsk(p.c, p.c.T(i18n.TWCatAddAsk), "", 80, func(name string) tea.Cmd {
			name = text.Line(name)
			return p.do(p.c.T(i18n.TWCatAdded, name), 0, func(ctx context.Context) (uint64, error) {
				c, err := b.AddCategory(ctx, actor, name)
				return c.ID, err
			})
		})
	case "r", "enter":
		if has {
			p.prompt = newWAsk(p.c, p.c.T(i18n.TWCatRenameAsk, text.Line(cat.Name)), text.Line(cat.Name), 80, func(name string) tea.Cmd {
				name = text.Line(name)
				return p.do(p.c.T(i18n.TWCatRenamed, name), cat.ID, func(ctx context.Context) (uint64, error) {
					return 0, b.RenameCategory(ctx, actor, cat.ID, name)
				})
			})
		}
	case "K", "shift+up", "alt+up":
		if has && p.cur.pos > 0 {
			pos := p.cur.pos - 1
			return p, p.do(p.c.T(i18n.TWCatMoved), cat.ID, func(ctx context.Context) (uint64, error) {
				return 0, b.MoveCategory(ctx, actor, cat.ID, pos)
			})
		}
	case "J", "shift+down", "alt+down":
		if has && p.cur.pos < len(p.cats)-1 {
			pos := p.cur.pos + 1
			return p, p.do(p.c.T(i18n.TWCatMoved), cat.ID, func(ctx context.Context) (uint64, error) {
				return 0, b.MoveCategory(ctx, actor, cat.ID, pos)
			})
		}
	case "d", "x", "delete":
		if has {
			p.prompt = newWConfirm(p.c.T(i18n.TWCatRemoveAsk, text.Line(cat.Name)), func(string) tea.Cmd {
				return p.do(p.c.T(i18n.TWCatRemoved, text.Line(cat.Name)), 0, func(ctx context.Context) (uint64, error) {
					return 0, b.RemoveCategory(ctx, actor, cat.ID)
				})
			})
		}
	}
	return p, nil
}

func (p *wCategories) View() string {
	w, h := wSize(p.c)
	lines := []string{p.c.Styles.Title.Render(Cut(p.c.T(i18n.TWCatHeading, len(p.cats)), w)), ""}
	foot := wFoot(p.c, p.c.Styles, w, p.prompt, p.err, p.notice, p.busy)
	lines = append(lines, p.c.Styles.Muted.Render(Fit(fmt.Sprintf("  %-3s %s", "#", Fit(p.c.T(i18n.TWCatName), 41))+p.c.T(i18n.TWCatSlug), w)))
	from, to := p.cur.window(len(p.cats), h-len(lines)-len(foot)-1)
	for i := from; i < to; i++ {
		c := p.cats[i]
		l := fmt.Sprintf("%s %-3d %s %s", wMarker(i == p.cur.pos), i+1, Fit(text.Line(c.Name), 40), Cut(c.Slug, w-50))
		if i == p.cur.pos {
			l = p.c.Styles.Selected.Render(Fit(l, w))
		}
		lines = append(lines, l)
	}
	if p.loaded && len(p.cats) == 0 {
		lines = append(lines, p.c.Styles.Muted.Render(Cut(p.c.T(i18n.TWCatNone), w)))
	}
	return wFit(wFill(lines, foot, h), h)
}

func (p *wCategories) ShortHelp() []key.Binding {
	l := p.c.Lang
	return []key.Binding{
		wKey([]string{"a"}, "a", i18n.T(l, i18n.TWKeyAdd)),
		wKey([]string{"r"}, "r", i18n.T(l, i18n.TWKeyRename)),
		wKey([]string{"K", "J"}, "K/J", i18n.T(l, i18n.TWKeyReorder)),
		wKey([]string{"d"}, "d", i18n.T(l, i18n.TWKeyDelete)),
		wKey([]string{"esc"}, "esc", i18n.T(l, i18n.TUIKeyBack)),
	}
}

func (p *wCategories) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

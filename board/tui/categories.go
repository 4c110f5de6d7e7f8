package tui

import (
	"context"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
	"bangtin/board/tui/component"
)

// categoriesPage manages the categories: add, rename, reorder, remove (only when empty).
type categoriesPage struct {
	c       *Common
	cats    []board.Category
	cur     component.Cursor
	loaded  bool
	busy    bool
	version uint64
	prompt  *component.Prompt
	err     string
	notice  string
}

// catsMsg carries the categories, after a change too (notice and the row to select).
type catsMsg struct {
	to      *categoriesPage
	cats    []board.Category
	version uint64
	notice  string
	sel     uint64
	err     error
}

func newCategoriesPage(c *Common) *categoriesPage { return &categoriesPage{c: c} }

func (p *categoriesPage) Init() tea.Cmd {
	return p.do("", 0, nil)
}

func (p *categoriesPage) Capturing() bool { return p.prompt != nil }

// do runs one change (if any) and reloads the list, selecting sel (or the category the change
// made).
func (p *categoriesPage) do(notice string, sel uint64, f func(ctx context.Context) (uint64, error)) tea.Cmd {
	if p.busy {
		return nil
	}
	p.busy, p.err, p.notice = true, "", ""
	b := p.c.Board
	return p.c.Call(func(ctx context.Context) tea.Msg {
		if f != nil {
			id, err := f(ctx)
			if err != nil {
				return catsMsg{to: p, err: err}
			}
			if id != 0 {
				sel = id
			}
		}
		v := b.Version()
		cats, err := b.Categories(ctx)
		if err != nil {
			// the change is stored; only the new list could not be read
			return catsMsg{to: p, notice: notice, err: err}
		}
		return catsMsg{to: p, cats: cats, version: v, notice: notice, sel: sel}
	})
}

func (p *categoriesPage) Update(msg tea.Msg) (Page, tea.Cmd) {
	switch msg := msg.(type) {
	case catsMsg:
		if msg.to != p {
			return p, nil
		}
		p.busy, p.loaded = false, true
		p.notice = msg.notice
		if msg.err != nil {
			p.err = p.c.ErrText(msg.err)
			return p, nil
		}
		sel := msg.sel
		if sel == 0 && p.cur.Pos < len(p.cats) {
			sel = p.cats[p.cur.Pos].ID
		}
		p.cats, p.version = msg.cats, msg.version
		component.Follow(&p.cur, p.cats, func(c board.Category) bool { return c.ID == sel })
		return p, nil
	case LiveMsg:
		if p.loaded && !p.busy && p.prompt == nil && msg.Version != p.version {
			return p, p.do(p.notice, 0, nil)
		}
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
	if p.cur.Key(&k.KeyMap, m, len(p.cats), h-4) {
		return p, nil
	}
	b, actor := c.Board, c.Identity
	var cat board.Category
	has := p.cur.Pos < len(p.cats)
	if has {
		cat = p.cats[p.cur.Pos]
	}
	switch {
	case key.Matches(m, k.Close):
		return p, back("")
	case key.Matches(m, k.Add):
		p.prompt = c.Ask(c.T(i18n.TWCatAddAsk), "", board.MaxCategoryName, func(name string) tea.Cmd {
			name = text.Line(name)
			return p.do(c.T(i18n.TWCatAdded, name), 0, func(ctx context.Context) (uint64, error) {
				c, err := b.AddCategory(ctx, actor, name)
				return c.ID, err
			})
		})
	case key.Matches(m, k.RenameCat):
		if has {
			p.prompt = c.Ask(c.T(i18n.TWCatRenameAsk, text.Line(cat.Name)), text.Line(cat.Name), board.MaxCategoryName, func(name string) tea.Cmd {
				name = text.Line(name)
				return p.do(c.T(i18n.TWCatRenamed, name), cat.ID, func(ctx context.Context) (uint64, error) {
					return 0, b.RenameCategory(ctx, actor, cat.ID, name)
				})
			})
		}
	case key.Matches(m, k.MoveUp):
		if has && p.cur.Pos > 0 {
			pos := p.cur.Pos - 1
			return p, p.do(c.T(i18n.TWCatMoved), cat.ID, func(ctx context.Context) (uint64, error) {
				return 0, b.MoveCategory(ctx, actor, cat.ID, pos)
			})
		}
	case key.Matches(m, k.MoveDown):
		if has && p.cur.Pos < len(p.cats)-1 {
			pos := p.cur.Pos + 1
			return p, p.do(c.T(i18n.TWCatMoved), cat.ID, func(ctx context.Context) (uint64, error) {
				return 0, b.MoveCategory(ctx, actor, cat.ID, pos)
			})
		}
	case key.Matches(m, k.Delete):
		if has {
			p.prompt = c.Confirm(c.T(i18n.TWCatRemoveAsk, text.Line(cat.Name)), func(string) tea.Cmd {
				return p.do(c.T(i18n.TWCatRemoved, text.Line(cat.Name)), 0, func(ctx context.Context) (uint64, error) {
					return 0, b.RemoveCategory(ctx, actor, cat.ID)
				})
			})
		}
	}
	return p, nil
}

func (p *categoriesPage) View() string {
	c, s := p.c, p.c.Styles
	w, h := c.Size()
	lines := []string{s.Title.Render(Cut(c.T(i18n.TWCatHeading, len(p.cats)), w)), ""}
	f := foot(c, w, p.prompt, p.err, p.notice, p.busy)
	lines = append(lines, s.Muted.Render(Fit(fmt.Sprintf("  %-3s %s", "#", Fit(c.T(i18n.TWCatName), 41))+c.T(i18n.TWCatSlug), w)))
	from, to := p.cur.Window(len(p.cats), h-len(lines)-len(f)-1)
	for i := from; i < to; i++ {
		ct := p.cats[i]
		l := fmt.Sprintf("%s %-3d %s %s", component.Marker(i == p.cur.Pos), i+1, Fit(text.Line(ct.Name), 40), Cut(ct.Slug, w-50))
		lines = append(lines, listRow(c, l, i == p.cur.Pos, w))
	}
	if p.loaded && len(p.cats) == 0 {
		lines = append(lines, s.Muted.Render(Cut(c.T(i18n.TWCatNone), w)))
	}
	return component.Clip(component.Bottom(lines, f, h), h)
}

func (p *categoriesPage) ShortHelp() []key.Binding {
	if p.prompt != nil {
		return promptHelp(p.c, p.prompt)
	}
	k := p.c.Keys
	move := key.NewBinding(key.WithKeys("K", "J"), key.WithHelp("K/J", k.MoveUp.Help().Desc))
	return []key.Binding{k.Add, k.RenameCat, move, k.Delete, k.Close}
}

func (p *categoriesPage) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// TextFocused reports whether keys go into a text field (TextFocuser).
func (p *categoriesPage) TextFocused() bool {
	return inputPrompt(p.prompt)
}

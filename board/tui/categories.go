package tui

import (
	"context"
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/tui/component"
)

// newCategoriesPage manages the categories: add, rename, reorder, remove (only when empty).
// After a change the cursor is on the category it made or moved.
func newCategoriesPage(c *Common) *listPage[board.Category] {
	b := c.Board
	return &listPage[board.Category]{
		c:       c,
		heading: func(n int) string { return c.T(i18n.TWCatHeading, n) },
		header: func(w int) []string {
			return []string{c.Styles.Muted.Render(Fit(fmt.Sprintf("  %-3s %s", "#", Fit(c.T(i18n.TWCatName), 41))+c.T(i18n.TWCatSlug), w))}
		},
		empty: i18n.TWCatNone,
		rowH:  1,
		load:  func(ctx context.Context) ([]board.Category, error) { return b.Categories(ctx) },
		same:  func(a, b board.Category) bool { return a.ID == b.ID },
		row: func(i int, ct board.Category, sel bool, w int) []string {
			return []string{categoryRow(c, i, ct, sel, w)}
		},
		keys: func() []key.Binding {
			k := c.Keys
			move := key.NewBinding(key.WithKeys("K", "J"), key.WithHelp("K/J", k.MoveUp.Help().Desc))
			return []key.Binding{k.Add, k.RenameCat, move, k.Delete}
		},
		act: categoryAct,
	}
}

// categoryRow is category i of the list: its place, name and slug.
func categoryRow(c *Common, i int, ct board.Category, sel bool, w int) string {
	l := fmt.Sprintf("%s %-3d %s %s", component.Marker(sel), i+1, Fit(Line(ct.Name), 40), Cut(ct.Slug, w-50))
	return listRow(c, l, sel, w)
}

// categoryAct answers the categories page's keys on the selected category (nil: none).
func categoryAct(p *listPage[board.Category], m tea.KeyPressMsg, cat *board.Category) (tea.Cmd, bool) {
	c, k := p.c, p.c.Keys
	b, actor := c.Board, c.Identity
	byID := func(id uint64) func(board.Category) bool {
		return func(ct board.Category) bool { return ct.ID == id }
	}
	if key.Matches(m, k.Add) {
		p.prompt = c.Ask(c.T(i18n.TWCatAddAsk), "", board.MaxCategoryName, func(name string) tea.Cmd {
			name = Line(name)
			return p.doPick(c.T(i18n.TWCatAdded, name), func(ctx context.Context) (func(board.Category) bool, error) {
				ct, err := b.AddCategory(ctx, actor, name)
				return byID(ct.ID), err
			})
		})
		return nil, true
	}
	if cat == nil {
		return nil, false
	}
	ct := *cat
	name := Line(ct.Name)
	move := func(to int) tea.Cmd {
		return p.doPick(c.T(i18n.TWCatMoved), func(ctx context.Context) (func(board.Category) bool, error) {
			return byID(ct.ID), b.MoveCategory(ctx, actor, ct.ID, to)
		})
	}
	switch {
	case key.Matches(m, k.RenameCat):
		p.prompt = c.Ask(c.T(i18n.TWCatRenameAsk, name), name, board.MaxCategoryName, func(to string) tea.Cmd {
			to = Line(to)
			return p.doPick(c.T(i18n.TWCatRenamed, to), func(ctx context.Context) (func(board.Category) bool, error) {
				return byID(ct.ID), b.RenameCategory(ctx, actor, ct.ID, to)
			})
		})
	case p.moveKey(m):
		return move(p.moveTo(m)), true
	case key.Matches(m, k.Delete):
		// A category that still holds threads is refused before the question (issue 19.9).
		return p.check(func(ctx context.Context) error { return b.CheckRemoveCategory(ctx, actor, ct.ID) }, func() {
			p.prompt = c.Confirm(c.T(i18n.TWCatRemoveAsk, name), func(string) tea.Cmd {
				return p.do(c.T(i18n.TWCatRemoved, name), func(ctx context.Context) error {
					return b.RemoveCategory(ctx, actor, ct.ID)
				})
			})
		}), true
	default:
		return nil, false
	}
	return nil, true
}

package tui

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board/i18n"
	"bangtin/board/text"
	"bangtin/board/tui/component"
)

// listPage is a list read from the board: a heading, rows of rowH lines under a cursor that
// follows its item across reloads, a reload when the board changes, a yes/no or reason prompt,
// and a notice line. What differs between lists is given as functions: load, same, row, act.
type listPage[T any] struct {
	c       *Common
	items   []T
	cur     component.Cursor
	loaded  bool
	busy    bool
	version uint64
	prompt  *component.Prompt
	err     string
	notice  string

	heading func(n int) string
	sub     func() string        // the line under the heading (a filter), nil: a blank line
	header  func(w int) []string // lines under the heading (column titles), may be nil
	empty   i18n.Key             // said when the list is empty ("": nothing said)
	hint    i18n.Key             // the foot line when it has nothing else to say ("": none)
	rowH    int                  // lines per item
	load    func(ctx context.Context) ([]T, error)
	same    func(a, b T) bool
	row     func(i int, it T, selected bool, w int) []string // item i of the list
	// act handles a page key on the selected item (nil when the list is empty); ok reports
	// that the key was this page's.
	act  func(p *listPage[T], m tea.KeyPressMsg, it *T) (cmd tea.Cmd, ok bool)
	keys func() []key.Binding // the page's keys for the help line, before Close
	// want, when set, picks the item to select after the next load that names none (one a form
	// of its own has just added: the list reloads when the board says it changed).
	want func(T) bool
}

type listMsg[T any] struct {
	to      *listPage[T]
	items   []T
	version uint64
	notice  string
	pick    func(T) bool // the item to select, nil: the one selected before
	err     error
}

func (p *listPage[T]) Init() tea.Cmd { return p.do("", nil) }

// do runs a change (if any), then reloads the list and shows notice.
func (p *listPage[T]) do(notice string, f func(ctx context.Context) error) tea.Cmd {
	if f == nil {
		return p.doPick(notice, nil)
	}
	return p.doPick(notice, func(ctx context.Context) (func(T) bool, error) { return nil, f(ctx) })
}

// doPick is do for a change that names the item to select afterwards (a new one, a moved one);
// a nil pick keeps the selection on the item selected before.
func (p *listPage[T]) doPick(notice string, f func(ctx context.Context) (func(T) bool, error)) tea.Cmd {
	if p.busy {
		return nil
	}
	p.busy, p.err, p.notice = true, "", ""
	var pick func(T) bool // set and read in the same Cmd
	var change func(ctx context.Context) error
	if f != nil {
		change = func(ctx context.Context) (err error) {
			pick, err = f(ctx)
			return err
		}
	}
	return changeThenLoad(p.c, change, p.load, func(items []T, v uint64, err error) tea.Msg {
		return listMsg[T]{to: p, items: items, version: v, notice: notice, pick: pick, err: err}
	})
}

// listChecked carries the result of a check made before a question (listPage.check).
type listChecked[T any] struct {
	to   *listPage[T]
	err  error
	then func()
}

// check runs a board check (a Cmd), then, when it passed, then (in Update): a refusal the board
// can foresee is shown before any question is asked, not after the answer.
func (p *listPage[T]) check(f func(ctx context.Context) error, then func()) tea.Cmd {
	p.err, p.notice = "", ""
	return p.c.Call(func(ctx context.Context) tea.Msg { return listChecked[T]{to: p, err: f(ctx), then: then} })
}

func (p *listPage[T]) Capturing() bool { return p.prompt != nil }

func (p *listPage[T]) Flash(s string) { p.notice, p.err = s, "" }

// TextFocused reports whether keys go into a text field (TextFocuser).
func (p *listPage[T]) TextFocused() bool { return inputPrompt(p.prompt) }

// selected is the item under the cursor, nil when the list is empty.
func (p *listPage[T]) selected() *T {
	if p.cur.Pos < len(p.items) {
		return &p.items[p.cur.Pos]
	}
	return nil
}

func (p *listPage[T]) Update(msg tea.Msg) (Page, tea.Cmd) {
	switch m := msg.(type) {
	case listMsg[T]:
		// A first load that failed says no "empty": loaded stays false.
		if m.to != p || !p.c.settled(&p.busy, &p.err, m.err) {
			return p, nil
		}
		p.loaded = true
		sel := p.selected()
		var was T
		if sel != nil {
			was = *sel
		}
		p.items, p.version, p.notice = m.items, m.version, m.notice
		if m.pick == nil && p.want != nil {
			m.pick, p.want = p.want, nil
		}
		if m.pick != nil {
			component.Follow(&p.cur, p.items, m.pick)
		} else if sel != nil {
			component.Follow(&p.cur, p.items, func(it T) bool { return p.same(it, was) })
		} else {
			p.cur.Move(0, len(p.items))
		}
		return p, nil
	case listChecked[T]:
		if m.to == p {
			if m.err != nil {
				p.err = p.c.ErrText(m.err)
			} else {
				m.then()
			}
		}
		return p, nil
	case LiveMsg:
		// Not while a prompt is open: its answer must not find the page busy with a reload.
		if p.loaded && !p.busy && p.prompt == nil && m.Version != p.version {
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
	k := p.c.Keys
	_, h := p.c.Size()
	if p.cur.Key(&k.KeyMap, m, len(p.items), max(1, (h-4)/p.rowH)) {
		return p, nil
	}
	if key.Matches(m, k.Close) {
		return p, back("")
	}
	if p.act != nil {
		if cmd, ok := p.act(p, m, p.selected()); ok {
			return p, cmd
		}
	}
	return p, nil
}

func (p *listPage[T]) View() string {
	c, s := p.c, p.c.Styles
	w, h := c.Size()
	sub := ""
	if p.sub != nil {
		sub = Cut(p.sub(), w)
	}
	lines := []string{s.Title.Render(Cut(p.heading(len(p.items)), w)), sub}
	if p.header != nil {
		lines = append(lines, p.header(w)...)
	}
	f := foot(c, w, p.prompt, p.err, p.notice, p.busy)
	if f == nil && p.hint != "" {
		f = []string{s.Muted.Render(Cut(c.T(p.hint), w))}
	}
	if p.loaded && len(p.items) == 0 && p.empty != "" {
		lines = append(lines, s.Muted.Render(Cut(c.T(p.empty), w)))
	}
	from, to := p.cur.Window(len(p.items), max(1, (h-len(lines)-len(f)-1)/p.rowH))
	for i := from; i < to; i++ {
		lines = append(lines, p.row(i, p.items[i], i == p.cur.Pos, w)...)
	}
	return component.Clip(component.Bottom(lines, f, h), h)
}

func (p *listPage[T]) ShortHelp() []key.Binding {
	if p.prompt != nil {
		return promptHelp(p.c, p.prompt)
	}
	var out []key.Binding
	if p.keys != nil {
		out = p.keys()
	}
	return append(out, p.c.Keys.Close)
}

func (p *listPage[T]) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// twoLines is a list item of two lines, as the admin lists draw them: the first under the
// cursor's marker (reversed when selected), the second indented and muted.
func twoLines(c *Common, first, second string, selected bool, w int) []string {
	l1 := component.Marker(selected) + " " + first // first is sanitised already: only cut it
	l2 := "    " + Cut(second, w-4)
	if selected {
		return []string{c.Styles.Selected.Render(Fit(l1, w)), l2}
	}
	return []string{text.Truncate(l1, w, "…"), c.Styles.Muted.Render(l2)}
}

// moveKey reports whether m moves the selected item up or down the list and it can go there.
func (p *listPage[T]) moveKey(m tea.KeyPressMsg) bool {
	to := p.moveTo(m)
	return to != p.cur.Pos && to >= 0 && to < len(p.items)
}

// moveTo is where m moves the selected item: one place up or down, or where it is.
func (p *listPage[T]) moveTo(m tea.KeyPressMsg) int {
	switch k := p.c.Keys; {
	case key.Matches(m, k.MoveUp):
		return p.cur.Pos - 1
	case key.Matches(m, k.MoveDown):
		return p.cur.Pos + 1
	}
	return p.cur.Pos
}

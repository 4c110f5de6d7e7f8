package tui

import (
	"context"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
	"bangtin/board/tui/component"
)

// Browsing by month (issue 19, item 13), as the portal's archive by month: "t" on the home page
// lists the months that hold threads of the tab shown (Board.ThreadMonths), newest first, with
// how many; Enter lists that month's threads (ThreadQuery.Month), and Enter on one reads it.
// Both are listPages: they follow the board live and keep the cursor on its month or thread.

// monthMax bounds the threads of one month the list reads (it says when it is cut).
const monthMax = 500

// monthName is a month as the lists say it: "Tháng 11/2026", "November 2026".
func monthName(c *Common, m time.Time) string {
	m = m.In(c.Location())
	return c.T(i18n.TUIMonth, int(m.Month()), m.Month().String(), m.Year())
}

// oneLine is a list item of one line under the cursor's marker (reversed when selected).
func oneLine(c *Common, line string, selected bool, w int) []string {
	l := component.Marker(selected) + " " + line // line is sanitised already: only cut it
	if selected {
		return []string{c.Styles.Selected.Render(Fit(l, w))}
	}
	return []string{text.Truncate(l, w, "…")}
}

// NewMonths opens the months of category cat (0: every category; catName is what the home tab
// says) for browsing by month.
func NewMonths(c *Common, cat uint64, catName string) Page {
	b, viewer := c.Board, c.Identity
	p := &listPage[board.MonthCount]{
		c:       c,
		heading: func(int) string { return c.T(i18n.TUIMonths, catName) },
		empty:   i18n.CmdNoThreads,
		rowH:    1,
		load: func(ctx context.Context) ([]board.MonthCount, error) {
			return b.ThreadMonths(ctx, viewer, cat, viewer.Role.CanEditNews())
		},
		same: func(a, b board.MonthCount) bool { return a.Month.Equal(b.Month) },
	}
	p.row = func(_ int, m board.MonthCount, sel bool, w int) []string {
		n := c.T(i18n.TUIMonthCount, m.Threads)
		if m.Threads == 1 {
			n = c.T(i18n.TUIMonthCountOne)
		}
		return oneLine(c, Fit(monthName(c, m.Month), 20)+" "+c.Styles.Muted.Render(n), sel, w)
	}
	p.keys = func() []key.Binding { return []key.Binding{c.Keys.OpenItem} }
	p.act = func(p *listPage[board.MonthCount], m tea.KeyPressMsg, it *board.MonthCount) (tea.Cmd, bool) {
		if it == nil || !key.Matches(m, c.Keys.OpenItem) {
			return nil, false
		}
		return open(NewMonth(c, it.Month, cat, catName)), true
	}
	return p
}

// NewMonth opens the threads of one month of category cat (0: every category), newest first
// (pinned threads of the month first, as on the home page).
func NewMonth(c *Common, month time.Time, cat uint64, catName string) Page {
	b, viewer := c.Board, c.Identity
	var cut atomic.Bool // set by load (in a Cmd), read by the view
	p := &listPage[board.Thread]{
		c:     c,
		empty: i18n.TUIMonthEmpty,
		rowH:  1,
		load: func(ctx context.Context) ([]board.Thread, error) {
			var out []board.Thread
			q := board.ThreadQuery{CategoryID: cat, Month: month, PerPage: 100, All: viewer.Role.CanEditNews()}
			for q.Page = 1; ; q.Page++ {
				pg, err := b.ListThreads(ctx, viewer, q)
				if err != nil {
					return nil, err
				}
				out = append(out, pg.Threads...)
				if q.Page >= pg.Pages || len(pg.Threads) == 0 {
					break
				}
				if len(out) >= monthMax {
					cut.Store(true)
					break
				}
			}
			return out[:min(len(out), monthMax)], nil
		},
		same: func(a, b board.Thread) bool { return a.ID == b.ID },
	}
	m := month.In(c.Location())
	p.heading = func(n int) string {
		return c.T(i18n.TUIMonthThreads, int(m.Month()), m.Month().String(), m.Year(), catName, n)
	}
	p.sub = func() string {
		if cut.Load() {
			return c.Styles.Muted.Render(c.T(i18n.TUIMonthCut, monthMax))
		}
		return ""
	}
	p.row = func(_ int, t board.Thread, sel bool, w int) []string {
		return oneLine(c, c.Styles.Muted.Render(Fit(c.Date(listedAt(t)), 10))+" "+stateTitle(c, t), sel, w)
	}
	p.keys = func() []key.Binding { return []key.Binding{c.Keys.OpenItem} }
	p.act = func(p *listPage[board.Thread], msg tea.KeyPressMsg, t *board.Thread) (tea.Cmd, bool) {
		if t == nil || !key.Matches(msg, c.Keys.OpenItem) {
			return nil, false
		}
		return openThread(c, p.items, p.cur.Pos), true
	}
	return p
}

// listedAt is when a thread is listed: published, or created for a draft (as ThreadQuery.Month
// counts it).
func listedAt(t board.Thread) time.Time {
	if t.PublishedAt.IsZero() {
		return t.CreatedAt
	}
	return t.PublishedAt
}

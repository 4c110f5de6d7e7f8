package tui

import (
	"context"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

// deletedMax is how many deleted threads the admins' list shows (newest first).
const deletedMax = 100

// deletedThread is a row of the deleted list: the thread and its category's name.
type deletedThread struct {
	board.Thread
	category string
}

// NewDeleted opens the list of deleted threads (admins): Enter reads one, r restores it after
// asking (issue 19.5).
func NewDeleted(c *Common) Page {
	b, actor := c.Board, c.Identity
	p := &listPage[deletedThread]{
		c:       c,
		heading: func(n int) string { return c.T(i18n.TWDelHeading, n) },
		empty:   i18n.CmdNoDeleted,
		rowH:    2,
		load: func(ctx context.Context) ([]deletedThread, error) {
			pg, err := b.DeletedThreads(ctx, actor, 1, deletedMax)
			if err != nil {
				return nil, err
			}
			cats, _ := b.Categories(ctx) // a category name is a help, not a need
			out := make([]deletedThread, len(pg.Threads))
			for i, t := range pg.Threads {
				out[i] = deletedThread{t, categoryName(cats, t.CategoryID)}
			}
			return out, nil
		},
		same: func(a, b deletedThread) bool { return a.ID == b.ID },
	}
	p.row = func(_ int, t deletedThread, sel bool, w int) []string {
		when := c.T(i18n.TWDelAt, c.DateTime(t.UpdatedAt))
		first := Fit(Line(t.Title), max(1, w-text.Width(when)-4)) + " " + when
		second := Line(t.AuthorName)
		if t.category != "" {
			second += " · " + Line(t.category)
		}
		return twoLines(c, first, second, sel, w)
	}
	p.keys = func() []key.Binding {
		k := c.Keys
		return []key.Binding{k.OpenItem, k.Restore}
	}
	p.act = func(p *listPage[deletedThread], m tea.KeyPressMsg, t *deletedThread) (tea.Cmd, bool) {
		k := c.Keys
		switch {
		case t == nil:
			return nil, false
		case key.Matches(m, k.OpenItem):
			ids := make([]uint64, len(p.items))
			for i, it := range p.items {
				ids[i] = it.ID
			}
			return open(NewThread(c, ids, p.cur.Pos)), true
		case key.Matches(m, k.Restore):
			id, title := t.ID, Line(t.Title)
			p.prompt = c.Confirm(c.T(i18n.TWDelRestoreAsk, title), func(string) tea.Cmd {
				return p.do(c.T(i18n.TWDelRestored, title), func(ctx context.Context) error { return b.RestoreThread(ctx, actor, id) })
			})
			return nil, true
		}
		return nil, false
	}
	return p
}

// NewMine opens "Ý kiến của tôi": the comments this writer posted (an account's, or a guest's
// by its key), newest first, with their state and a moderator's reason (issue 19.6). Enter
// opens the comment's thread.
func NewMine(c *Common) Page {
	b, who := c.Board, c.Identity
	p := &listPage[board.Comment]{
		c:       c,
		heading: func(n int) string { return c.T(i18n.TWMineHeading, n) },
		empty:   i18n.CmdNoMine,
		rowH:    2,
		load: func(ctx context.Context) ([]board.Comment, error) {
			return b.MyComments(ctx, who, board.MaxMyComments)
		},
		same: func(a, b board.Comment) bool { return a.ID == b.ID },
	}
	p.row = func(_ int, cm board.Comment, sel bool, w int) []string {
		status := c.statusName(cm.Status)
		when := c.DateTime(cm.CreatedAt)
		first := when + "  " + Fit(status, 12) + " " + Cut(c.T(i18n.TWMineOn, Line(cm.ThreadTitle)), max(1, w-text.Width(when)-18))
		second := Line(cm.Title)
		if body := Line(cm.Body); body != "" {
			if second != "" {
				second += ": "
			}
			second += body
		}
		if r := Line(cm.Reason); r != "" && cm.Status != board.CommentApproved {
			second = i18n.Field(c.Lang, "reason") + ": " + r + " · " + second
		}
		return twoLines(c, first, second, sel, w)
	}
	p.keys = func() []key.Binding { return []key.Binding{c.Keys.OpenItem} }
	p.act = func(p *listPage[board.Comment], m tea.KeyPressMsg, cm *board.Comment) (tea.Cmd, bool) {
		if cm == nil || !key.Matches(m, c.Keys.OpenItem) {
			return nil, false
		}
		return open(NewThread(c, []uint64{cm.ThreadID}, 0)), true
	}
	return p
}

package tui

import (
	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/tui/component"
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// The queue's forms: banning a comment's author, searching comments.

// newBanPage is the form that bans the author of cm (by key or by IP, for a time, with a reason).
func newBanPage(c *Common, cm board.Comment) (Page, string) {
	if cm.Fingerprint == "" && cm.RemoteAddr == "" {
		return nil, c.T(i18n.TWQueueBanNothing)
	}
	build := func() *component.Form {
		f := c.form(c.T(i18n.TWQueueBanHeading, Line(cm.Name)), c.T(i18n.TWQueueBanButton))
		var targets []string
		if cm.Fingerprint != "" {
			targets = append(targets, c.T(i18n.TWQueueBanKey, Cut(cm.Fingerprint, 30)))
		}
		if cm.RemoteAddr != "" {
			targets = append(targets, c.T(i18n.TWQueueBanIP, Cut(cm.RemoteAddr, 40)))
		}
		f.AddChoice(c.T(i18n.TWQueueBanWho), targets, 0)
		c.addBanRows(f)
		f.Focus(0)
		return f
	}
	submit := func(p *fieldPage) tea.Cmd {
		f := p.form
		in := banInput(f, 1)
		if cm.Fingerprint != "" && f.Rows[0].Choice == 0 {
			in.Fingerprint = cm.Fingerprint
		} else {
			in.Addr = cm.RemoteAddr
		}
		b, actor := c.Board, c.Identity
		return p.do(c.T(i18n.TWQueueBanned, Line(cm.Name), c.duration(in.For)), func(ctx context.Context) error {
			_, err := b.AddBan(ctx, actor, in)
			return err
		})
	}
	return newFieldPage(c, build, submit), ""
}

// searchPage is the comment search form (author, text, from and to dates); it hands the query
// to the queue.
func (q *queuePage) searchPage() Page {
	c := q.c
	var old board.CommentQuery
	if q.query != nil {
		old = *q.query
	}
	build := func() *component.Form {
		f := &component.Form{Title: c.T(i18n.TWQueueSearchHeading), Submit: c.T(i18n.TWQueueSearchButton), Keys: c.T(i18n.TWSearchKeys)}
		st := c.Styles.Widgets
		f.AddInput(st, c.T(i18n.TWQueueAuthor), old.Author, board.MaxCommentName)
		f.AddInput(st, c.T(i18n.TWQueueText), old.Text, board.MaxQuery)
		f.AddInput(st, c.T(i18n.TWQueueFrom), c.Date(old.From), 10).Placeholder = "dd/mm/yyyy"
		f.AddInput(st, c.T(i18n.TWQueueTo), c.Date(old.To.Add(-time.Nanosecond)), 10).Placeholder = "dd/mm/yyyy"
		f.Focus(0)
		return f
	}
	submit := func(p *fieldPage) tea.Cmd {
		f := p.form
		cq := board.CommentQuery{Author: Line(f.Value(0)), Text: Line(f.Value(1)), Limit: queueLimit}
		var parts []string
		for _, s := range []string{cq.Author, cq.Text} {
			if s != "" {
				parts = append(parts, s)
			}
		}
		bad := false
		for i, dst := range []*time.Time{&cq.From, &cq.To} {
			s := strings.TrimSpace(f.Value(2 + i))
			if s == "" {
				continue
			}
			t, err := time.ParseInLocation("2/1/2006", s, c.Location())
			if err != nil {
				f.Rows[2+i].Err = c.ErrText(&board.ValidationError{Field: f.Rows[2+i].Label, Problem: board.ProblemFormat})
				bad = true
				continue
			}
			if i == 1 {
				t = t.AddDate(0, 0, 1) // "to" includes the whole day
			}
			*dst = t
			parts = append(parts, f.Rows[2+i].Label+" "+s)
		}
		if bad {
			return nil
		}
		m := queueSearchMsg{to: q, query: cq, text: strings.Join(parts, " · ")}
		return tea.Sequence(back(""), func() tea.Msg { return m })
	}
	return newFieldPage(c, build, submit)
}

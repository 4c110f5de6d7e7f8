package tui

import (
	"context"
	"fmt"
	"net/netip"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
	"bangtin/board/tui/component"
)

// One comment shown whole, and what a moderator does with it: from the queue (a pending
// comment: approve, reject, edit then approve, delete, ban its author) or from a thread (an
// approved one: hide, delete).

// NewCommentActions is the page a moderator opens on a comment already shown under a thread:
// hide (reject) or delete it.
func NewCommentActions(c *Common, cm board.Comment) Page {
	p := newCommentPage(c, cm, func() string { return c.T(i18n.TWActHeading) })
	k := c.Keys
	p.keys = func() []key.Binding { return []key.Binding{k.Hide, k.Delete} }
	p.act = func(p *textPage, msg tea.KeyPressMsg) tea.Cmd {
		switch {
		case key.Matches(msg, k.Hide):
			commentAct(p, cm, true)
		case key.Matches(msg, k.Delete):
			commentAct(p, cm, false)
		}
		return nil
	}
	return p
}

type commentActedMsg struct {
	to    *textPage
	flash string
	err   error
}

// commentAct asks for the reason, then hides or deletes cm and closes the page.
func commentAct(p *textPage, cm board.Comment, hide bool) {
	c := p.c
	ask, done := i18n.TWActHideAsk, i18n.TWActHidden
	if !hide {
		ask, done = i18n.TWActDeleteAsk, i18n.TWActDeleted
	}
	b, actor := c.Board, c.Identity
	p.prompt = c.Ask(c.T(ask, commentName(cm)), "", board.MaxReason, func(reason string) tea.Cmd {
		p.busy, p.err = true, ""
		flash := c.T(done)
		return c.Call(func(ctx context.Context) tea.Msg {
			var err error
			if hide {
				err = b.RejectComments(ctx, actor, []uint64{cm.ID}, Line(reason))
			} else {
				err = b.DeleteComments(ctx, actor, []uint64{cm.ID}, Line(reason))
			}
			return commentActedMsg{to: p, flash: flash, err: err}
		})
	})
}

// commentPage is a textPage on one comment; it closes when its action is done.
type commentPage struct{ *textPage }

func newCommentPage(c *Common, cm board.Comment, title func() string) *commentPage {
	p := &commentPage{newTextPage(c, title, func(w int) []string { return commentLines(c, cm, w) })}
	return p
}

func (p *commentPage) Update(msg tea.Msg) (Page, tea.Cmd) {
	if m, ok := msg.(commentActedMsg); ok {
		if m.to != p.textPage || !p.c.settled(&p.busy, &p.err, m.err) {
			return p, nil
		}
		return p, back(m.flash)
	}
	_, cmd := p.textPage.Update(msg)
	return p, cmd
}

// commentName names a comment in a question: "the comment of X: «title or start»".
func commentName(cm board.Comment) string {
	what := Line(cm.Title)
	if what == "" {
		what = text.Truncate(Line(cm.Body), 30, "…")
	}
	return fmt.Sprintf("%s: “%s”", text.Truncate(Line(cm.Name), 30, "…"), what)
}

// who is how an author is identified in the queue: the login, the key's fingerprint, else the IP.
func who(cm board.Comment) string {
	switch {
	case cm.Login != "":
		return "@" + cm.Login
	case cm.Fingerprint != "":
		return cm.Fingerprint
	}
	if a, err := netip.ParseAddr(cm.RemoteAddr); err == nil {
		return a.String()
	}
	return cm.RemoteAddr
}

// statusName names a comment's state (the catalogue's one set of words, as the ssh commands
// say it).
func (c *Common) statusName(s board.CommentStatus) string { return i18n.CommentStatus(c.Lang, s) }

// commentLines is a comment shown whole: its fields, then its body wrapped to w.
func commentLines(c *Common, cm board.Comment, w int) []string {
	field := func(label, value string) string {
		return c.Styles.FieldLabel.Render(Fit(label, 14)) + Cut(value, w-14)
	}
	lines := []string{
		field(i18n.Field(c.Lang, "name"), strings.TrimSpace(Line(cm.Name)+" "+officialMark(c, cm))),
		field(i18n.Field(c.Lang, "title"), cm.Title),
		field(c.T(i18n.TWQueueThread), cm.ThreadTitle),
		field(c.T(i18n.TWQueueWhen), c.DateTime(cm.CreatedAt)),
	}
	if cm.Login != "" {
		lines = append(lines, field(i18n.Field(c.Lang, "login"), cm.Login))
	}
	if cm.Fingerprint != "" {
		lines = append(lines, field(i18n.Field(c.Lang, "key"), cm.Fingerprint))
	}
	if cm.RemoteAddr != "" {
		lines = append(lines, field(i18n.Field(c.Lang, "addr"), cm.RemoteAddr))
	}
	lines = append(lines, field(c.T(i18n.FieldStatus), c.statusName(cm.Status)))
	if cm.Reason != "" {
		lines = append(lines, field(i18n.Field(c.Lang, "reason"), cm.Reason))
	}
	lines = append(lines, strings.Repeat("─", w))
	return append(lines, component.Wrap(cm.Body, w)...)
}

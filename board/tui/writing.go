package tui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/tui/component"
)

// Writing pages (comment form, moderation queue, news editor, categories, users, bans,
// settings, audit log). Their implementations live in their own files; these constructors are
// the contract the root model uses to open them.
//
// Every page answers its own board calls: a call runs in a tea.Cmd (Common.Call) and returns a
// message naming the page that asked (a field "to" holding the page's pointer); the root model
// gives messages to every page of the stack, and each page takes only its own. A page that
// closes reports to the page below with BackMsg.Flash.

// NewCommentForm opens the comment form under thread t ("c").
func NewCommentForm(c *Common, t board.Thread) Page { return newFormPage(c, t) }

// NewQueue opens the moderation queue (moderators).
func NewQueue(c *Common) Page { return newQueuePage(c) }

// NewEditor opens the news editor on t, or on a new thread when t is nil (editors).
func NewEditor(c *Common, t *board.Thread) Page { return newEditorPage(c, t) }

// NewCategories opens category management (editors).
func NewCategories(c *Common) Page { return newCategoriesPage(c) }

// NewUsers opens account management (admins).
func NewUsers(c *Common) Page { return newUsersPage(c) }

// NewBans opens the ban list (admins).
func NewBans(c *Common) Page { return newBansPage(c) }

// NewSettings opens the board settings: moderation mode, captcha, word list (admins).
func NewSettings(c *Common) Page { return newSettingsPage(c) }

// NewAudit opens the audit log (admins).
func NewAudit(c *Common) Page { return newAuditPage(c) }

// Call is a board call as a command: f runs with the context of one call (the session's, with
// a timeout) and its message is the answer.
func (c *Common) Call(f func(ctx context.Context) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := c.Context()
		defer cancel()
		return f(ctx)
	}
}

// Size is the content area of a page: the terminal minus the root's header and help line.
func (c *Common) Size() (w, h int) { return max(20, c.Width), max(5, c.ContentHeight()) }

// Confirm is a yes/no question answered only by the key it names.
func (c *Common) Confirm(question string, action func(string) tea.Cmd) *component.Prompt {
	return component.Confirm(question, c.T(i18n.TWConfirmHint), action)
}

// Ask asks for one line of text.
func (c *Common) Ask(question, value string, limit int, action func(string) tea.Cmd) *component.Prompt {
	return component.Ask(c.Styles.Widgets, question, value, limit, action)
}

// back pops the page, with a notice for the page below.
func back(flash string) tea.Cmd {
	return func() tea.Msg { return BackMsg{Flash: flash} }
}

// Flasher is implemented by pages that show, on their own notice line, the notice of a page
// that closed above them (BackMsg.Flash); for other pages the root shows it in the help line.
type Flasher interface {
	Flash(notice string)
}

// Dirtier is implemented by pages that may hold text the user typed and has not saved.
type Dirtier interface {
	Dirty() bool
}

// foot is the bottom of a list page: the open prompt, else the error, the busy line or the
// notice.
func foot(c *Common, w int, p *component.Prompt, err, notice string, busy bool) []string {
	s := c.Styles
	switch {
	case p != nil:
		return p.View(s.Widgets, w)
	case err != "":
		// Wrapped, never cut: an error says what to do, and its end is often the remedy.
		var out []string
		for _, l := range component.Wrap(err, w) {
			out = append(out, s.Error.Render(l))
		}
		return out
	case busy:
		return []string{s.Muted.Render(Cut(c.T(i18n.TUILoading), w))}
	case notice != "":
		return []string{s.Notice.Render(Cut(notice, w))}
	}
	return nil
}

// promptHelp is the help line while a prompt is open: how to answer it.
func promptHelp(c *Common, p *component.Prompt) []key.Binding {
	k := c.Keys
	if p.IsInput() {
		return []key.Binding{k.Enter, k.Cancel}
	}
	return []key.Binding{k.Yes, k.No}
}

// banDurations are the ban lengths a moderator picks from (0: forever).
var banDurations = []time.Duration{time.Hour, 24 * time.Hour, 7 * 24 * time.Hour, 30 * 24 * time.Hour, 0}

// duration names a ban length.
func (c *Common) duration(d time.Duration) string {
	switch {
	case d == 0:
		return c.T(i18n.TWForever)
	case d%(24*time.Hour) == 0:
		return c.T(i18n.TWDays, int(d/(24*time.Hour)))
	default:
		return c.T(i18n.TWHours, int(d/time.Hour))
	}
}

// addBanRows adds the rows every ban form ends with: how long (a week unless changed), and why.
// Read them with banInput.
func (c *Common) addBanRows(f *component.Form) {
	var names []string
	for _, d := range banDurations {
		names = append(names, c.duration(d))
	}
	f.AddChoice(i18n.Field(c.Lang, "for"), names, 2)
	f.AddInput(c.Styles.Widgets, i18n.Field(c.Lang, "reason"), "", board.MaxReason)
}

// banInput reads the rows of addBanRows, starting at row i.
func banInput(f *component.Form, i int) board.BanInput {
	return board.BanInput{For: banDurations[f.Rows[i].Choice], Reason: Line(f.Value(i + 1))}
}

// selectedRow is one row of a list: the selected row is reversed across the width.
func listRow(c *Common, l string, selected bool, w int) string {
	if selected {
		return c.Styles.Selected.Render(Fit(l, w))
	}
	return l
}

// changeThenLoad is the board call of a list page: change (if any), then the list again with
// the board's version it was read at; done makes the page's message (with the change's error,
// if it failed, and no list).
func changeThenLoad[T any](c *Common, change func(ctx context.Context) error, load func(ctx context.Context) (T, error),
	done func(list T, version uint64, err error) tea.Msg) tea.Cmd {
	b := c.Board
	return c.Call(func(ctx context.Context) tea.Msg {
		if change != nil {
			if err := change(ctx); err != nil {
				var none T
				return done(none, 0, err)
			}
		}
		v := b.Version()
		list, err := load(ctx)
		return done(list, v, err)
	})
}

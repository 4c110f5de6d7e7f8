package tui

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
	"bangtin/board/tui/component"
)

// Focus positions of the comment form.
const (
	wfName = iota
	wfTitle
	wfBody
	wfCaptcha
	wfSend
)

// captchaQuestion makes the two numbers of a new check question (Env.CaptchaQuestion, else
// random).
func captchaQuestion(c *Common) (int, int) {
	if c.CaptchaQuestion != nil {
		return c.CaptchaQuestion()
	}
	return 2 + rand.IntN(8), 1 + rand.IntN(9)
}

// formPage is the comment form under a thread: Họ tên, Tiêu đề, Nội dung and, for guests, a check
// question (Mã kiểm tra).
type formPage struct {
	c      *Common
	thread board.Thread

	name, title, captcha textinput.Model
	body                 textarea.Model
	focus                int

	// Errors are kept as errors and worded at View time, in the language of that moment.
	errs    map[string]error // field ("name", "title", "body", "captcha") -> problem
	general error            // a form-level error (storage, rate limit)
	banned  error            // non-nil: this identity may not post (and why)

	captchaOn bool
	qa, qb    int
	sending   bool // a post is in flight (or done): a second Ctrl-S does nothing
	done      bool
	confirm   *component.Prompt

	notice string // a draft was restored

	edit   *board.Comment             // non-nil: a moderator edits this comment, then approves it
	finish func(flash string) tea.Cmd // how the form ends (default: back to the page below)
}

// formLoadedMsg carries what the form reads when it opens.
type formLoadedMsg struct {
	form     *formPage
	settings board.Settings
	setErr   error
	mayPost  error
	lastName string
}

// postedMsg is the board's answer to a post.
type postedMsg struct {
	form    *formPage
	comment board.Comment
	err     error
}

func newFormPage(c *Common, t board.Thread) *formPage {
	f := &formPage{c: c, thread: t, errs: map[string]error{}, finish: back}
	st := c.Styles.Widgets
	f.name = component.Input(st, board.MaxCommentName)
	f.title = component.Input(st, board.MaxCommentTitle)
	f.captcha = component.Input(st, 6)
	f.body = component.Area(st)
	f.body.CharLimit = 2 * board.MaxCommentBody // a hard stop for typing; pastes are checked whole
	f.name.SetValue(Line(c.Identity.Name))
	if d, ok := c.Cache.Draft(f.draftKey()); ok {
		f.name.SetValue(d.name)
		f.title.SetValue(d.title)
		f.body.SetValue(d.body)
		f.notice = c.T(i18n.TUIDraftBack)
	}
	f.captchaOn = !c.Identity.IsAccount()
	f.newQuestion()
	f.layout()
	f.setFocus(wfName)
	if f.name.Value() != "" {
		f.setFocus(wfTitle)
	}
	return f
}

// newEditForm is the form on an existing comment for a moderator's "edit then approve".
func newEditForm(c *Common, cm board.Comment) *formPage {
	f := newFormPage(c, board.Thread{ID: cm.ThreadID, Title: cm.ThreadTitle})
	f.edit, f.captchaOn, f.notice = &cm, false, ""
	f.name.SetValue(Line(cm.Name))
	f.title.SetValue(Line(cm.Title))
	f.body.SetValue(text.Clean(cm.Body))
	f.setFocus(wfBody)
	return f
}

// draftKey is where the form's unsent text is kept: per identified author and thread ("" for
// a guest without a key, and for a moderator's edit).
func (f *formPage) draftKey() string {
	r := f.c.Identity.ReaderKey()
	if r == "" || f.edit != nil {
		return ""
	}
	return fmt.Sprintf("%s/comment/%d", r, f.thread.ID)
}

// keepDraft keeps what the form holds, or forgets the draft when nothing was typed.
func (f *formPage) keepDraft() {
	d := draft{title: f.title.Value(), body: f.body.Value()}
	if d != (draft{}) {
		d.name = f.name.Value()
	}
	f.c.Cache.KeepDraft(f.draftKey(), d)
}

func (f *formPage) newQuestion() {
	f.qa, f.qb = captchaQuestion(f.c)
	f.captcha.SetValue("")
}

func (f *formPage) Init() tea.Cmd {
	if f.edit != nil {
		return nil
	}
	b, id := f.c.Board, f.c.Identity
	return f.c.Call(func(ctx context.Context) tea.Msg {
		msg := formLoadedMsg{form: f}
		msg.settings, msg.setErr = b.Settings(ctx)
		msg.mayPost = b.MayPost(ctx, id)
		if !id.IsAccount() && id.Fingerprint != "" {
			msg.lastName, _ = b.LastCommentName(ctx, id)
		}
		return msg
	})
}

// fields lists the focus positions in order.
func (f *formPage) fields() []int {
	if f.captchaOn {
		return []int{wfName, wfTitle, wfBody, wfCaptcha, wfSend}
	}
	return []int{wfName, wfTitle, wfBody, wfSend}
}

func (f *formPage) setFocus(to int) {
	f.focus = to
	component.Blur(&f.name)
	component.Blur(&f.title)
	component.Blur(&f.captcha)
	f.body.Blur()
	switch to {
	case wfName:
		component.Focus(&f.name)
	case wfTitle:
		component.Focus(&f.title)
	case wfBody:
		f.body.Focus()
	case wfCaptcha:
		component.Focus(&f.captcha)
	}
}

func (f *formPage) step(d int) { f.setFocus(component.Step(f.fields(), f.focus, d)) }

// Dirty reports whether cancelling would lose text the user typed.
func (f *formPage) Dirty() bool {
	if f.done {
		return false
	}
	if f.edit != nil {
		return Line(f.name.Value()) != Line(f.edit.Name) || Line(f.title.Value()) != Line(f.edit.Title) ||
			text.Clean(f.body.Value()) != text.Clean(f.edit.Body)
	}
	return strings.TrimSpace(f.title.Value()) != "" || strings.TrimSpace(f.body.Value()) != ""
}

// Capturing reports that keys go into the form (the root must not take "q", "L", "?"...).
func (f *formPage) Capturing() bool { return f.banned == nil }

// errCaptcha is a wrong answer to the check question.
var errCaptcha = errors.New("wrong check code")

// errText words an error of the form for the user.
func (f *formPage) errText(err error) string {
	var pe *component.PasteError
	switch {
	case errors.Is(err, errCaptcha):
		return f.c.T(i18n.TWFormCaptchaWrong)
	case errors.As(err, &pe):
		return f.c.T(i18n.TWPasteTooLong, pe.Size, pe.Max)
	}
	return f.c.ErrText(err)
}

func (f *formPage) Update(msg tea.Msg) (Page, tea.Cmd) {
	switch msg := msg.(type) {
	case formLoadedMsg:
		if msg.form != f {
			return f, nil
		}
		if f.c.Identity.IsAccount() {
			f.captchaOn = false
		} else {
			f.captchaOn = msg.setErr != nil || msg.settings.Captcha
		}
		if f.focus == wfCaptcha && !f.captchaOn {
			f.setFocus(wfSend)
		}
		if errors.Is(msg.mayPost, board.ErrBanned) {
			f.banned = msg.mayPost
		}
		if msg.lastName != "" && f.name.Value() == "" {
			f.name.SetValue(Line(msg.lastName))
			if f.focus == wfName {
				f.setFocus(wfTitle)
			}
		}
		return f, nil
	case postedMsg:
		if msg.form != f {
			return f, nil
		}
		return f, f.posted(msg)
	case tea.PasteMsg:
		if f.banned != nil || f.done {
			return f, nil
		}
		if f.confirm != nil {
			return f, component.Answer(&f.confirm, &f.c.Keys.KeyMap, msg)
		}
		return f, f.toField(msg)
	case tea.KeyPressMsg:
		return f, f.key(msg)
	}
	return f, nil
}

func (f *formPage) key(m tea.KeyPressMsg) tea.Cmd {
	k := f.c.Keys
	if f.done {
		return nil
	}
	if f.confirm != nil {
		return component.Answer(&f.confirm, &k.KeyMap, m)
	}
	if f.banned != nil {
		if key.Matches(m, k.Close) {
			return f.finish("")
		}
		return nil
	}
	switch {
	case key.Matches(m, k.Send):
		return f.send()
	case key.Matches(m, k.Cancel):
		if f.sending {
			return nil
		}
		if f.Dirty() {
			f.confirm = f.c.Confirm(f.c.T(i18n.TWFormDiscard), func(string) tea.Cmd {
				f.c.Cache.KeepDraft(f.draftKey(), draft{}) // discarded: no draft either
				return f.finish("")
			})
			return nil
		}
		return f.finish("")
	case key.Matches(m, k.NextField):
		f.step(1)
		return nil
	case key.Matches(m, k.PrevField):
		f.step(-1)
		return nil
	case key.Matches(m, k.Enter):
		switch f.focus {
		case wfSend:
			return f.send()
		case wfCaptcha:
			f.setFocus(wfSend)
			return nil
		case wfName, wfTitle:
			f.step(1)
			return nil
		}
	case key.Matches(m, k.FieldDown):
		if f.focus == wfName || f.focus == wfTitle || f.focus == wfCaptcha {
			f.step(1)
			return nil
		}
	case key.Matches(m, k.FieldUp):
		if f.focus == wfTitle || f.focus == wfCaptcha || f.focus == wfSend {
			f.step(-1)
			return nil
		}
	}
	return f.toField(m)
}

// toField passes a key or a paste to the focused field.
func (f *formPage) toField(msg tea.Msg) tea.Cmd {
	msg, tooLong := component.Accept(msg, f.focus == wfBody, f.body.Value(), board.MaxCommentBody, utf8.RuneCountInString)
	if tooLong != nil {
		f.errs["body"] = tooLong
		return nil
	}
	if msg == nil {
		return nil
	}
	if f.focus == wfBody {
		delete(f.errs, "body") // what is typed or pasted now answers the last complaint
	}
	f.layout()
	var cmd tea.Cmd
	switch f.focus {
	case wfName:
		f.name, cmd = f.name.Update(msg)
	case wfTitle:
		f.title, cmd = f.title.Update(msg)
	case wfBody:
		f.body, cmd = f.body.Update(msg)
	case wfCaptcha:
		f.captcha, cmd = f.captcha.Update(msg)
	}
	f.notice = ""
	f.keepDraft()
	return cmd
}

// checkField is the form's own check of a field, before the board's.
func checkField(field, s string, lo, hi int) error {
	n := utf8.RuneCountInString(strings.TrimSpace(s))
	switch {
	case n == 0 && lo > 0:
		return &board.ValidationError{Field: field, Problem: board.ProblemRequired, Min: lo, Max: hi}
	case n > hi:
		return &board.ValidationError{Field: field, Problem: board.ProblemTooLong, Min: lo, Max: hi}
	}
	return nil
}

// send checks the fields and posts the comment (once).
func (f *formPage) send() tea.Cmd {
	if f.sending || f.banned != nil {
		return nil
	}
	f.errs = map[string]error{}
	f.general = nil
	in := board.CommentInput{
		ThreadID: f.thread.ID,
		Name:     Line(f.name.Value()),
		Title:    Line(f.title.Value()),
		Body:     text.Clean(f.body.Value()),
	}
	for _, e := range []error{
		checkField("name", in.Name, 1, board.MaxCommentName),
		checkField("title", in.Title, 0, board.MaxCommentTitle),
		checkField("body", in.Body, 1, board.MaxCommentBody),
	} {
		var ve *board.ValidationError
		if errors.As(e, &ve) {
			f.errs[ve.Field] = e
		}
	}
	if f.captchaOn {
		if strings.TrimSpace(f.captcha.Value()) != strconv.Itoa(f.qa+f.qb) {
			f.errs["captcha"] = errCaptcha
			f.newQuestion()
		}
	}
	if len(f.errs) > 0 {
		f.focusFirstError()
		return nil
	}
	f.sending = true
	b, id, edit := f.c.Board, f.c.Identity, f.edit
	return f.c.Call(func(ctx context.Context) tea.Msg {
		if edit != nil {
			cm, err := b.EditComment(ctx, id, edit.ID, in, true)
			return postedMsg{form: f, comment: cm, err: err}
		}
		cm, err := b.PostComment(ctx, id, in)
		return postedMsg{form: f, comment: cm, err: err}
	})
}

func (f *formPage) focusFirstError() {
	for _, x := range []struct {
		field string
		pos   int
	}{{"name", wfName}, {"title", wfTitle}, {"body", wfBody}, {"captcha", wfCaptcha}} {
		if f.errs[x.field] != nil {
			f.setFocus(x.pos)
			return
		}
	}
}

// posted handles the board's answer: the text stays in the form on any error.
func (f *formPage) posted(msg postedMsg) tea.Cmd {
	f.sending = false
	if msg.err == nil {
		f.done, f.sending = true, true
		f.c.Cache.KeepDraft(f.draftKey(), draft{}) // sent
		switch {
		case f.edit != nil:
			return f.finish(f.c.T(i18n.TWQueueEdited))
		case msg.comment.Status == board.CommentApproved:
			return f.finish(f.c.T(i18n.TWFormShown))
		}
		return f.finish(f.c.T(i18n.TWFormPending))
	}
	var ve *board.ValidationError
	switch {
	case errors.As(msg.err, &ve) && ve.Field != "" && (ve.Field == "name" || ve.Field == "title" || ve.Field == "body"):
		f.errs[ve.Field] = msg.err
		f.focusFirstError()
	case errors.Is(msg.err, board.ErrBanned):
		f.banned = msg.err
	default:
		f.general = msg.err
	}
	return nil
}

const formLabelW = 14

// layout sizes the fields to the window.
func (f *formPage) layout() (bodyH int) {
	w, h := f.c.Size()
	iw := max(10, w-formLabelW-4)
	component.FitInput(&f.name, iw)
	component.FitInput(&f.title, iw)
	component.FitInput(&f.captcha, 8)
	// title, blank, name, title, body label, box (2), captcha, buttons, status
	fixed := 10
	if !f.captchaOn {
		fixed--
	}
	for _, e := range f.errs {
		if e != nil {
			fixed++
		}
	}
	bodyH = max(3, h-fixed)
	component.FitArea(&f.body, max(10, w-2), bodyH)
	return bodyH
}

func (f *formPage) label(pos int, name string) string {
	return component.Label(f.c.Styles.Widgets, name, formLabelW, f.focus == pos)
}

func (f *formPage) View() string {
	w, h := f.c.Size()
	f.layout()
	head := f.c.T(i18n.TWFormHeading, Line(f.thread.Title))
	if f.edit != nil {
		head = f.c.T(i18n.TWQueueEditHeading, Line(f.edit.Name))
	}
	lines := []string{f.c.Styles.Title.Render(Cut(head, w)), ""}
	if f.banned != nil {
		for _, l := range component.Wrap(f.errText(f.banned), w) {
			lines = append(lines, f.c.Styles.Error.Render(l))
		}
		lines = append(lines, "", f.c.Styles.Muted.Render(Cut(f.c.T(i18n.TWEscBack), w)))
		return component.Clip(lines, h)
	}
	errLine := func(field string) {
		if e := f.errs[field]; e != nil {
			lines = append(lines, strings.Repeat(" ", formLabelW)+f.c.Styles.Error.Render(Cut(f.errText(e), w-formLabelW)))
		}
	}
	lines = append(lines, f.label(wfName, i18n.Field(f.c.Lang, "name"))+" "+f.name.View())
	errLine("name")
	lines = append(lines, f.label(wfTitle, i18n.Field(f.c.Lang, "title"))+" "+f.title.View())
	errLine("title")
	count := fmt.Sprintf("%d/%d", utf8.RuneCountInString(f.body.Value()), board.MaxCommentBody)
	bl := f.label(wfBody, i18n.Field(f.c.Lang, "body"))
	lines = append(lines, bl+strings.Repeat(" ", max(1, w-text.Width(Fit(i18n.Field(f.c.Lang, "body"), formLabelW-2))-2-text.Width(count)))+f.c.Styles.Muted.Render(count))
	box := f.c.Styles.Box
	if f.focus == wfBody {
		box = f.c.Styles.BoxFocus
	}
	lines = append(lines, strings.Split(box.Render(f.body.View()), "\n")...)
	errLine("body")
	if f.captchaOn {
		q := fmt.Sprintf("%d + %d = ?", f.qa, f.qb)
		lines = append(lines, f.label(wfCaptcha, i18n.Field(f.c.Lang, "captcha"))+" "+q+"  "+f.captcha.View())
		errLine("captcha")
	}
	if f.confirm != nil {
		lines = append(lines, f.confirm.View(f.c.Styles.Widgets, w)...)
		return component.Clip(lines, h)
	}
	send := f.c.T(i18n.TWSend)
	if f.edit != nil {
		send = f.c.T(i18n.TWQueueSaveApprove)
	}
	on := f.focus == wfSend
	buttons := "  " + component.Button(f.c.Styles.Widgets, send, on) + "  " +
		f.c.Styles.Muted.Render(Cut(f.c.T(i18n.TWFormKeys), w-component.ButtonWidth(f.c.Styles.Widgets, send, on)-6))
	lines = append(lines, buttons)
	general := ""
	if f.general != nil {
		general = f.errText(f.general)
	}
	return component.Clip(f.c.withStatus(lines, f.sending, i18n.TWSending, general, f.notice, w), h)
}

func (f *formPage) ShortHelp() []key.Binding {
	if f.confirm != nil {
		return promptHelp(f.c, f.confirm)
	}
	k := f.c.Keys
	if f.banned != nil {
		return []key.Binding{k.Close}
	}
	send := k.Send
	if f.edit != nil {
		send = key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", f.c.T(i18n.TWQueueSaveApprove)))
	}
	return []key.Binding{send, k.NextField, k.Cancel}
}

func (f *formPage) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }

// TextFocused reports whether keys go into a text field (TextFocuser).
func (f *formPage) TextFocused() bool {
	return f.banned == nil && !f.done && (f.confirm == nil && f.focus != wfSend)
}

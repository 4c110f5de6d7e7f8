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
)

// Field limits of a comment (board/types.go); the board checks them again on store.
const (
	wNameMax         = 80
	wCommentTitleMax = 150
	wCommentBodyMax  = 4000
)

// Focus positions of the comment form.
const (
	wfName = iota
	wfTitle
	wfBody
	wfCaptcha
	wfSend
)

// wCaptchaQuestion makes the two numbers of a new check question; tests replace it.
var wCaptchaQuestion = func() (int, int) { return 2 + rand.IntN(8), 1 + rand.IntN(9) }

// wForm is the comment form under a thread: Họ tên, Tiêu đề, Nội dung and, for guests, a check
// question (Mã kiểm tra).
type wForm struct {
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
	confirm   *wPrompt

	edit   *board.Comment             // non-nil: a moderator edits this comment, then approves it
	finish func(flash string) tea.Cmd // how the form ends (default: back to the page below)
}

// wFormLoadedMsg carries what the form reads when it opens.
type wFormLoadedMsg struct {
	form     *wForm
	settings board.Settings
	setErr   error
	mayPost  error
	lastName string
}

// wPostedMsg is the board's answer to a post.
type wPostedMsg struct {
	form    *wForm
	comment board.Comment
	err     error
}

func newWForm(c *Common, t board.Thread) *wForm {
	f := &wForm{c: c, thread: t, errs: map[string]error{}, finish: wBack}
	f.name = wInput(c, wNameMax)
	f.title = wInput(c, wCommentTitleMax)
	f.captcha = wInput(c, 6)
	f.body = wArea(c)
	f.body.CharLimit = 2 * wCommentBodyMax // a hard stop for typing; pastes are checked whole
	f.name.SetValue(text.Line(c.Identity.Name))
	f.captchaOn = !c.Identity.IsAccount()
	f.newQuestion()
	f.layout()
	f.setFocus(wfName)
	if f.name.Value() != "" {
		f.setFocus(wfTitle)
	}
	return f
}

// newWEditForm is the form on an existing comment for a moderator's "edit then approve".
func newWEditForm(c *Common, cm board.Comment, finish func(string) tea.Cmd) *wForm {
	f := newWForm(c, board.Thread{ID: cm.ThreadID, Title: cm.ThreadTitle})
	f.edit, f.finish, f.captchaOn = &cm, finish, false
	f.name.SetValue(text.Line(cm.Name))
	f.title.SetValue(text.Line(cm.Title))
	f.body.SetValue(text.Clean(cm.Body))
	f.setFocus(wfBody)
	return f
}

func (f *wForm) newQuestion() {
	f.qa, f.qb = wCaptchaQuestion()
	f.captcha.SetValue("")
}

func (f *wForm) Init() tea.Cmd {
	if f.edit != nil {
		return nil
	}
	b, id := f.c.Board, f.c.Identity
	return wCall(f.c, func(ctx context.Context) tea.Msg {
		msg := wFormLoadedMsg{form: f}
		msg.settings, msg.setErr = b.Settings(ctx)
		msg.mayPost = b.MayPost(ctx, id)
		if !id.IsAccount() && id.Fingerprint != "" {
			msg.lastName, _ = b.LastCommentName(ctx, id)
		}
		return msg
	})
}

// fields lists the focus positions in order.
func (f *wForm) fields() []int {
	if f.captchaOn {
		return []int{wfName, wfTitle, wfBody, wfCaptcha, wfSend}
	}
	return []int{wfName, wfTitle, wfBody, wfSend}
}

func (f *wForm) setFocus(to int) {
	f.focus = to
	f.name.Blur()
	f.title.Blur()
	f.captcha.Blur()
	f.body.Blur()
	switch to {
	case wfName:
		f.name.Focus()
	case wfTitle:
		f.title.Focus()
	case wfBody:
		f.body.Focus()
	case wfCaptcha:
		f.captcha.Focus()
	}
}

func (f *wForm) step(d int) { f.setFocus(wStep(f.fields(), f.focus, d)) }

// dirty reports whether cancelling would lose text the user typed.
func (f *wForm) dirty() bool {
	if f.edit != nil {
		return text.Line(f.name.Value()) != text.Line(f.edit.Name) || text.Line(f.title.Value()) != text.Line(f.edit.Title) ||
			text.Clean(f.body.Value()) != text.Clean(f.edit.Body)
	}
	return strings.TrimSpace(f.title.Value()) != "" || strings.TrimSpace(f.body.Value()) != ""
}

// Capturing reports that keys go into the form (the root must not take "q", "L", "?"...).
func (f *wForm) Capturing() bool { return f.banned == nil }

// errWCaptcha is a wrong answer to the check question.
var errWCaptcha = errors.New("wrong check code")

// errText words an error of the form for the user.
func (f *wForm) errText(err error) string {
	var pe *wPasteError
	switch {
	case errors.Is(err, errWCaptcha):
		return f.c.T(i18n.TWFormCaptchaWrong)
	case errors.As(err, &pe):
		return f.c.T(i18n.TWPasteTooLong, pe.size, pe.max)
	}
	return f.c.ErrText(err)
}

func (f *wForm) Update(msg tea.Msg) (Page, tea.Cmd) {
	switch msg := msg.(type) {
	case wFormLoadedMsg:
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
			f.name.SetValue(text.Line(msg.lastName))
			if f.focus == wfName {
				f.setFocus(wfTitle)
			}
		}
		return f, nil
	case wPostedMsg:
		if msg.form != f {
			return f, nil
		}
		return f, f.posted(msg)
	case tea.PasteMsg:
		if f.banned != nil || f.done {
			return f, nil
		}
		if f.confirm != nil {
			_, cmd := f.confirm.update(msg)
			return f, cmd
		}
		return f, f.toField(msg)
	case tea.KeyPressMsg:
		return f, f.key(msg)
	}
	return f, nil
}

func (f *wForm) key(k tea.KeyPressMsg) tea.Cmd {
	if f.done {
		return nil
	}
	if f.confirm != nil {
		done, cmd := f.confirm.update(k)
		if done {
			f.confirm = nil
		}
		return cmd
	}
	if f.banned != nil {
		if k.String() == "esc" || k.String() == "q" {
			return f.finish("")
		}
		return nil
	}
	switch k.String() {
	case "ctrl+s":
		return f.send()
	case "esc":
		if f.sending {
			return nil
		}
		if f.dirty() {
			f.confirm = newWConfirm(f.c.T(i18n.TWFormDiscard), func(string) tea.Cmd { return f.finish("") })
			return nil
		}
		return f.finish("")
	case "tab":
		f.step(1)
		return nil
	case "shift+tab":
		f.step(-1)
		return nil
	case "enter":
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
	case "down":
		if f.focus == wfName || f.focus == wfTitle || f.focus == wfCaptcha {
			f.step(1)
			return nil
		}
	case "up":
		if f.focus == wfTitle || f.focus == wfCaptcha || f.focus == wfSend {
			f.step(-1)
			return nil
		}
	}
	return f.toField(k)
}

// toField passes a key or a paste to the focused field.
func (f *wForm) toField(msg tea.Msg) tea.Cmd {
	if msg = wCleanInput(msg); msg == nil {
		return nil
	}
	if p, ok := msg.(tea.PasteMsg); ok && f.focus == wfBody {
		if err := wPasteFits(f.body.Value(), p.Content, wCommentBodyMax, utf8.RuneCountInString); err != nil {
			f.errs["body"] = err
			return nil
		}
		delete(f.errs, "body")
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
	return cmd
}

// wCheck is the form's own check of a field, before the board's.
func wCheck(field, s string, lo, hi int) error {
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
func (f *wForm) send() tea.Cmd {
	if f.sending || f.banned != nil {
		return nil
	}
	f.errs = map[string]error{}
	f.general = nil
	in := board.CommentInput{
		ThreadID: f.thread.ID,
		Name:     text.Line(f.name.Value()),
		Title:    text.Line(f.title.Value()),
		Body:     text.Clean(f.body.Value()),
	}
	for _, e := range []error{
		wCheck("name", in.Name, 1, wNameMax),
		wCheck("title", in.Title, 0, wCommentTitleMax),
		wCheck("body", in.Body, 1, wCommentBodyMax),
	} {
		var ve *board.ValidationError
		if errors.As(e, &ve) {
			f.errs[ve.Field] = e
		}
	}
	if f.captchaOn {
		if strings.TrimSpace(f.captcha.Value()) != strconv.Itoa(f.qa+f.qb) {
			f.errs["captcha"] = errWCaptcha
			f.newQuestion()
		}
	}
	if len(f.errs) > 0 {
		f.focusFirstError()
		return nil
	}
	f.sending = true
	b, id, edit := f.c.Board, f.c.Identity, f.edit
	return wCall(f.c, func(ctx context.Context) tea.Msg {
		if edit != nil {
			cm, err := b.EditComment(ctx, id, edit.ID, in, true)
			return wPostedMsg{form: f, comment: cm, err: err}
		}
		cm, err := b.PostComment(ctx, id, in)
		return wPostedMsg{form: f, comment: cm, err: err}
	})
}

func (f *wForm) focusFirstError() {
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
func (f *wForm) posted(msg wPostedMsg) tea.Cmd {
	f.sending = false
	if msg.err == nil {
		f.done, f.sending = true, true
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

// wBack pops the page, with a notice for the page below.
func wBack(flash string) tea.Cmd {
	return func() tea.Msg { return BackMsg{Flash: flash} }
}

const wLabelW = 14

// layout sizes the fields to the window.
func (f *wForm) layout() (bodyH int) {
	w, h := wSize(f.c)
	iw := max(10, w-wLabelW-4)
	wFitInput(&f.name, iw)
	wFitInput(&f.title, iw)
	wFitInput(&f.captcha, 8)
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
	wFitArea(&f.body, max(10, w-2), bodyH)
	return bodyH
}

func (f *wForm) label(pos int, name string) string {
	return wLabel(f.c.Styles, name, wLabelW, f.focus == pos)
}

func (f *wForm) View() string {
	w, h := wSize(f.c)
	f.layout()
	head := f.c.T(i18n.TWFormHeading, text.Line(f.thread.Title))
	if f.edit != nil {
		head = f.c.T(i18n.TWQueueEditHeading, text.Line(f.edit.Name))
	}
	lines := []string{f.c.Styles.Title.Render(Cut(head, w)), ""}
	if f.banned != nil {
		for _, l := range wWrap(f.errText(f.banned), w) {
			lines = append(lines, f.c.Styles.Error.Render(l))
		}
		lines = append(lines, "", f.c.Styles.Muted.Render(Cut(f.c.T(i18n.TWEscBack), w)))
		return wFit(lines, h)
	}
	errLine := func(field string) {
		if e := f.errs[field]; e != nil {
			lines = append(lines, strings.Repeat(" ", wLabelW)+f.c.Styles.Error.Render(Cut(f.errText(e), w-wLabelW)))
		}
	}
	lines = append(lines, f.label(wfName, i18n.Field(f.c.Lang, "name"))+" "+f.name.View())
	errLine("name")
	lines = append(lines, f.label(wfTitle, i18n.Field(f.c.Lang, "title"))+" "+f.title.View())
	errLine("title")
	count := fmt.Sprintf("%d/%d", utf8.RuneCountInString(f.body.Value()), wCommentBodyMax)
	bl := f.label(wfBody, i18n.Field(f.c.Lang, "body"))
	lines = append(lines, bl+strings.Repeat(" ", max(1, w-text.Width(Fit(i18n.Field(f.c.Lang, "body"), wLabelW-2))-2-text.Width(count)))+f.c.Styles.Muted.Render(count))
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
		lines = append(lines, f.confirm.view(f.c, f.c.Styles, w)...)
		return wFit(lines, h)
	}
	send := f.c.T(i18n.TWSend)
	if f.edit != nil {
		send = f.c.T(i18n.TWQueueSaveApprove)
	}
	buttons := "  " + wButton(f.c.Styles, send, f.focus == wfSend) + "  " +
		f.c.Styles.Muted.Render(Cut(f.c.T(i18n.TWFormKeys), w-text.Width(send)-10))
	lines = append(lines, buttons)
	switch {
	case f.sending:
		lines = append(lines, f.c.Styles.Notice.Render(Cut(f.c.T(i18n.TWSending), w)))
	case f.general != nil:
		lines = append(lines, f.c.Styles.Error.Render(Cut(f.errText(f.general), w)))
	}
	return wFit(lines, h)
}

func (f *wForm) ShortHelp() []key.Binding {
	l := f.c.Lang
	return []key.Binding{
		wKey([]string{"ctrl+s"}, "ctrl+s", i18n.T(l, i18n.TWSend)),
		wKey([]string{"tab", "shift+tab"}, "tab", i18n.T(l, i18n.TWHelpNextField)),
		wKey([]string{"esc"}, "esc", i18n.T(l, i18n.TWHelpCancel)),
	}
}

func (f *wForm) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }

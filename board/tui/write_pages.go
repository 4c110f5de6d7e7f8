package tui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

// Writing pages (comment form, moderation queue, news editor, categories, users, bans, settings,
// audit log). Their implementations live in their own files; these constructors are the contract
// the root model uses to open them.

// NewCommentForm opens the comment form under thread t ("c").
func NewCommentForm(c *Common, t board.Thread) Page { return newWForm(c, t) }

// NewQueue opens the moderation queue (moderators).
func NewQueue(c *Common) Page { return newWQueue(c) }

// NewEditor opens the news editor on t, or on a new thread when t is nil (editors).
func NewEditor(c *Common, t *board.Thread) Page { return newWEditor(c, t) }

// NewCategories opens category management (editors).
func NewCategories(c *Common) Page { return newWCategories(c) }

// NewUsers opens account management (admins).
func NewUsers(c *Common) Page { return newWUsers(c) }

// NewBans opens the ban list (admins).
func NewBans(c *Common) Page { return newWBans(c) }

// NewSettings opens the board settings: moderation mode, captcha, word list (admins).
func NewSettings(c *Common) Page { return newWSettings(c) }

// NewAudit opens the audit log (admins).
func NewAudit(c *Common) Page { return newWAudit(c) }

// --- shared helpers of the writing pages (all private names start with "w") ---

// wCall is a board call as a command: f runs with the context of one call (the session's, with
// a timeout) and its message is the answer.
func wCall(c *Common, f func(ctx context.Context) tea.Msg) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := c.Context()
		defer cancel()
		return f(ctx)
	}
}

// wSize is the content area of a page: the terminal minus the root's header and help line.
func wSize(c *Common) (w, h int) {
	w, h = c.Width, c.ContentHeight()
	if w < 20 {
		w = 20
	}
	if h < 5 {
		h = 5
	}
	return w, h
}

// wWrap is multi-line user text for display: sanitised and wrapped to w cells.
func wWrap(s string, w int) []string {
	var out []string
	for _, para := range strings.Split(text.Clean(s), "\n") {
		if para == "" {
			out = append(out, "")
			continue
		}
		for _, l := range text.Wrap(para, w) {
			out = append(out, text.Truncate(l, w, "…"))
		}
	}
	return out
}

// wFit clips a view to h lines (the page must already keep each line within the width).
func wFit(lines []string, h int) string {
	if len(lines) > h {
		lines = lines[:h]
	}
	return strings.Join(lines, "\n")
}

// wKey builds a help binding.
func wKey(keys []string, help, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
}

// wInput is a one-line text field without blinking (a blinking cursor redraws idle sessions).
func wInput(c *Common, limit int) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = limit
	st := textinput.DefaultDarkStyles()
	st.Cursor.Blink = false
	if c.NoColor {
		plain := textinput.StyleState{Text: lipgloss.NewStyle(), Placeholder: lipgloss.NewStyle(),
			Suggestion: lipgloss.NewStyle(), Prompt: lipgloss.NewStyle()}
		st.Focused, st.Blurred = plain, plain
		st.Cursor.Color = nil
	}
	in.SetStyles(st)
	return in
}

// wArea is a multi-line editor: no line numbers, no blinking, no height or length cap while
// typing or pasting (the board validates the length on send).
func wArea(c *Common) textarea.Model {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.CharLimit = 0
	ta.MaxHeight = 0
	ta.MaxWidth = 0
	st := textarea.DefaultDarkStyles()
	st.Cursor.Blink = false
	if c.NoColor {
		plain := textarea.StyleState{}
		st.Focused, st.Blurred = plain, plain
		st.Cursor.Color = nil
	}
	ta.SetStyles(st)
	// Tab moves between fields; ctrl+p is the preview toggle; keep those keys for the pages.
	ta.KeyMap.LinePrevious = key.NewBinding(key.WithKeys("up"))
	ta.KeyMap.LineNext = key.NewBinding(key.WithKeys("down"))
	return ta
}

// wCursor is the selection and scroll position of a list.
type wCursor struct{ pos, top int }

// move moves the selection by d within n items.
func (l *wCursor) move(d, n int) {
	l.pos += d
	if l.pos >= n {
		l.pos = n - 1
	}
	if l.pos < 0 {
		l.pos = 0
	}
}

// window returns the visible range of n items in h rows, scrolling to keep pos visible.
func (l *wCursor) window(n, h int) (from, to int) {
	if h < 1 {
		h = 1
	}
	if l.pos >= n {
		l.pos = max(0, n-1)
	}
	if l.pos < l.top {
		l.top = l.pos
	}
	if l.pos >= l.top+h {
		l.top = l.pos - h + 1
	}
	if l.top > max(0, n-h) {
		l.top = max(0, n-h)
	}
	return l.top, min(n, l.top+h)
}

// wListKey handles the usual list movement keys; it reports whether it used the key.
func (l *wCursor) key(k tea.KeyPressMsg, n, page int) bool {
	switch k.String() {
	case "up", "k":
		l.move(-1, n)
	case "down", "j":
		l.move(1, n)
	case "pgup":
		l.move(-page, n)
	case "pgdown":
		l.move(page, n)
	case "home", "g":
		l.pos = 0
	case "end", "G":
		l.move(n, n)
	default:
		return false
	}
	return true
}

// wStep is the field d steps from cur in the focus order (wrapping around at either end).
func wStep(order []int, cur, d int) int {
	i := 0
	for j, x := range order {
		if x == cur {
			i = j
		}
	}
	return order[(i+d+len(order))%len(order)]
}

// wScroll moves the top line of a scrolled text (a preview, a revision, a comment) for the
// reading keys: up/k and down/j by a line, pgup and pgdown/space by a page of h-2 lines. It
// reports whether it used the key.
func wScroll(top *int, k tea.KeyPressMsg, h int) bool {
	switch k.String() {
	case "up", "k":
		*top = max(0, *top-1)
	case "down", "j":
		*top++
	case "pgup":
		*top = max(0, *top-(h-2))
	case "pgdown", "space":
		*top += h - 2
	default:
		return false
	}
	return true
}

// wPrompt is a question at the bottom of a page: a yes/no confirmation, or a line of input
// (a reason, a name). Enter or y/c confirms; Esc or n/k cancels.
type wPrompt struct {
	question string
	input    *textinput.Model // nil: a yes/no question
	action   func(answer string) tea.Cmd
}

func newWConfirm(question string, action func(string) tea.Cmd) *wPrompt {
	return &wPrompt{question: question, action: action}
}

func newWAsk(c *Common, question, value string, limit int, action func(string) tea.Cmd) *wPrompt {
	in := wInput(c, limit)
	in.SetValue(value)
	in.CursorEnd()
	in.Focus()
	return &wPrompt{question: question, input: &in, action: action}
}

// update handles a message for the prompt: done says the prompt is finished (answered or
// cancelled).
func (p *wPrompt) update(msg tea.Msg) (done bool, cmd tea.Cmd) {
	k, isKey := msg.(tea.KeyPressMsg)
	if isKey {
		switch k.String() {
		case "esc":
			return true, nil
		case "enter":
			answer := ""
			if p.input != nil {
				answer = p.input.Value()
			}
			return true, p.action(answer)
		}
		if p.input == nil {
			switch k.String() {
			case "y", "Y", "c", "C":
				return true, p.action("")
			case "n", "N", "k", "K":
				return true, nil
			}
			return false, nil
		}
	}
	if p.input != nil {
		if _, paste := msg.(tea.PasteMsg); isKey || paste {
			if msg = wCleanInput(msg); msg == nil {
				return false, nil
			}
			in, cmd := p.input.Update(msg)
			p.input = &in
			return false, cmd
		}
	}
	return false, nil
}

// wAnswer gives msg to the open prompt *p and closes the prompt when it is finished.
func wAnswer(p **wPrompt, msg tea.Msg) tea.Cmd {
	done, cmd := (*p).update(msg)
	if done {
		*p = nil
	}
	return cmd
}

// view draws the prompt in at most two lines of width w.
func (p *wPrompt) view(c *Common, st *Styles, w int) []string {
	q := Cut(p.question, w)
	if p.input == nil {
		return []string{st.Focus.Render(q), st.Muted.Render(Cut(c.T(i18n.TWConfirmHint), w))}
	}
	wFitInput(p.input, max(10, w-3))
	return []string{st.Focus.Render(q), "> " + p.input.View()}
}

// wFitInput sets an input's width and recomputes the visible part of its text (textinput only
// does that on edits, so a width set after the value would show the whole text).
func wFitInput(in *textinput.Model, w int) {
	if in.Width() == w {
		return
	}
	in.SetWidth(w)
	v, pos := in.Value(), in.Position()
	in.SetValue(v)
	in.SetCursor(pos)
}

// wFitArea sizes a textarea, only when the size changed (resizing re-wraps the whole text).
func wFitArea(ta *textarea.Model, w, h int) {
	if ta.Width() != w {
		ta.SetWidth(w)
	}
	if ta.Height() != h {
		ta.SetHeight(h)
	}
}

// wCleanInput passes what a person types or pastes through the sanitiser before a text field
// sees it, so that not even their own screen shows escape sequences, bidi overrides or invisible
// characters; nil when nothing is left.
func wCleanInput(msg tea.Msg) tea.Msg {
	switch m := msg.(type) {
	case tea.PasteMsg:
		if m.Content = text.Clean(m.Content); m.Content == "" {
			return nil
		}
		return m
	case tea.KeyPressMsg:
		if m.Text != "" {
			if m.Text = text.Clean(m.Text); m.Text == "" {
				return nil
			}
		}
		return m
	}
	return msg
}

// wPasteError refuses a paste that would make a text longer than its limit: the paste is not
// inserted at all (never silently cut), and the text typed so far stays.
type wPasteError struct{ size, max int }

func (e *wPasteError) Error() string {
	return fmt.Sprintf("paste too long: %d, at most %d", e.size, e.max)
}

// wPasteFits says whether pasting p into a field holding cur keeps it within limit (measured
// by size: runes or bytes).
func wPasteFits(cur, p string, limit int, size func(string) int) error {
	if n := size(cur) + size(p); n > limit {
		return &wPasteError{size: size(p), max: limit}
	}
	return nil
}

// wButton draws a button, reversed when focused.
func wButton(st *Styles, label string, focused bool) string {
	if focused {
		return st.ButtonFocus.Render("[ " + label + " ]")
	}
	return st.Button.Render("[ " + label + " ]")
}

// wDurations are the ban lengths a moderator picks from (0: forever).
var wDurations = []time.Duration{time.Hour, 24 * time.Hour, 7 * 24 * time.Hour, 30 * 24 * time.Hour, 0}

// wDuration names a ban length.
func wDuration(c *Common, d time.Duration) string {
	switch {
	case d == 0:
		return c.T(i18n.TWForever)
	case d%(24*time.Hour) == 0:
		return c.T(i18n.TWDays, int(d/(24*time.Hour)))
	default:
		return c.T(i18n.TWHours, int(d/time.Hour))
	}
}

// wRow is one row of a wFieldForm: a text input, or a choice among options (←/→ or space).
type wRow struct {
	label   string
	input   *textinput.Model
	options []string
	choice  int
	err     string
}

// wFieldForm is a small form of labelled rows and a submit button (ban, search, accounts,
// settings). Tab/Shift-Tab or ↑/↓ move, Enter goes to the next row or submits on the last,
// Ctrl-S submits from anywhere, Esc cancels.
type wFieldForm struct {
	title  string
	rows   []*wRow
	focus  int // len(rows): the button
	submit string
	err    string
}

func (f *wFieldForm) addInput(c *Common, label, value string, limit int) *textinput.Model {
	in := wInput(c, limit)
	in.SetValue(value)
	f.rows = append(f.rows, &wRow{label: label, input: &in})
	return &in
}

func (f *wFieldForm) addChoice(label string, options []string, choice int) *wRow {
	r := &wRow{label: label, options: options, choice: choice}
	f.rows = append(f.rows, r)
	return r
}

func (f *wFieldForm) setFocus(i int) {
	n := len(f.rows) + 1
	f.focus = (i%n + n) % n
	for j, r := range f.rows {
		if r.input != nil {
			if j == f.focus {
				r.input.Focus()
			} else {
				r.input.Blur()
			}
		}
	}
}

// value is the text of row i ("" for a choice row: read its choice).
func (f *wFieldForm) value(i int) string {
	if r := f.rows[i]; r.input != nil {
		return r.input.Value()
	}
	return ""
}

// update handles a message; submit or cancel say the user finished.
func (f *wFieldForm) update(msg tea.Msg) (submit, cancel bool, cmd tea.Cmd) {
	var row *wRow
	if f.focus < len(f.rows) {
		row = f.rows[f.focus]
	}
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc":
			return false, true, nil
		case "ctrl+s":
			return true, false, nil
		case "tab", "down":
			f.setFocus(f.focus + 1)
			return false, false, nil
		case "shift+tab", "up":
			f.setFocus(f.focus - 1)
			return false, false, nil
		case "enter":
			if row == nil {
				return true, false, nil
			}
			f.setFocus(f.focus + 1)
			return false, false, nil
		}
		if row != nil && row.input == nil {
			switch k.String() {
			case "left", "h":
				row.choice = (row.choice - 1 + len(row.options)) % len(row.options)
			case "right", "l", "space":
				row.choice = (row.choice + 1) % len(row.options)
			}
			return false, false, nil
		}
	}
	if row != nil && row.input != nil {
		if msg = wCleanInput(msg); msg == nil {
			return false, false, nil
		}
		in, cmd := row.input.Update(msg)
		*row.input = in
		return false, false, cmd
	}
	return false, false, nil
}

// capturing reports whether printable keys are going into a text input.
func (f *wFieldForm) capturing() bool {
	return f.focus < len(f.rows) && f.rows[f.focus].input != nil
}

const wFormLabelW = 16

// view draws the form within w cells.
func (f *wFieldForm) view(c *Common, st *Styles, w int) []string {
	lines := []string{st.Title.Render(Cut(f.title, w)), ""}
	for i, r := range f.rows {
		l := wLabel(st, r.label, wFormLabelW, i == f.focus)
		if r.input != nil {
			wFitInput(r.input, max(8, w-wFormLabelW-3))
			lines = append(lines, l+" "+r.input.View())
		} else {
			var parts []string
			for j, o := range r.options {
				mark := "( ) "
				if j == r.choice {
					mark = "(•) "
				}
				parts = append(parts, mark+o)
			}
			lines = append(lines, l+" "+Cut(strings.Join(parts, "  "), w-wFormLabelW-1))
		}
		if r.err != "" {
			lines = append(lines, strings.Repeat(" ", wFormLabelW+1)+st.Error.Render(Cut(r.err, w-wFormLabelW-1)))
		}
	}
	lines = append(lines, "", "  "+wButton(st, f.submit, f.focus == len(f.rows))+"  "+
		st.Muted.Render(Cut(c.T(i18n.TWFieldKeys), max(0, w-text.Width(f.submit)-8))))
	if f.err != "" {
		lines = append(lines, st.Error.Render(Cut(f.err, w)))
	}
	return lines
}

// wShowErr shows the error of a board call: on the open form when it is the form's (keep), so
// that what was filled in stays; otherwise at the bottom of the page (*pageErr).
func wShowErr(c *Common, err error, keep bool, form *wFieldForm, pageErr *string) {
	if keep && form != nil {
		form.err = c.ErrText(err)
		return
	}
	*pageErr = c.ErrText(err)
}

// carry takes what the user entered in old, a form of the same rows built before the session
// switched language, so that rebuilding a form in the new language loses nothing.
func (f *wFieldForm) carry(old *wFieldForm) {
	if f == nil || old == nil {
		return
	}
	for i, r := range old.rows {
		if i >= len(f.rows) {
			break
		}
		n := f.rows[i]
		if r.input != nil && n.input != nil {
			n.input.SetValue(r.input.Value())
		}
		if r.input == nil && n.input == nil && r.choice < len(n.options) {
			n.choice = r.choice
		}
	}
	f.setFocus(old.focus)
}

// clearErrs forgets the errors of the last submit.
func (f *wFieldForm) clearErrs() {
	f.err = ""
	for _, r := range f.rows {
		r.err = ""
	}
}

// wLabel is a field's label in a column of w cells: marked with ">" and highlighted when the
// field has the focus.
func wLabel(st *Styles, name string, w int, focused bool) string {
	l := Fit(name, w-2)
	if focused {
		return "> " + st.Focus.Render(l)
	}
	return "  " + st.FieldLabel.Render(l)
}

// wMarker is the selection marker of a list row.
func wMarker(selected bool) string {
	if selected {
		return Marker
	}
	return " "
}

// wFoot is the bottom of a list page: the open prompt, else the error, the busy line or the notice.
func wFoot(c *Common, st *Styles, w int, p *wPrompt, err, notice string, busy bool) []string {
	switch {
	case p != nil:
		return p.view(c, st, w)
	case err != "":
		return []string{st.Error.Render(Cut(err, w))}
	case busy:
		return []string{st.Muted.Render(Cut(c.T(i18n.TUILoading), w))}
	case notice != "":
		return []string{st.Notice.Render(Cut(notice, w))}
	}
	return nil
}

// wFill puts foot at the bottom of an h-line page.
func wFill(lines, foot []string, h int) []string {
	if len(lines) > h-len(foot) {
		lines = lines[:max(0, h-len(foot))]
	}
	for len(lines) < h-len(foot) {
		lines = append(lines, "")
	}
	return append(lines, foot...)
}

package tui

import (
	"context"
	"errors"
	"fmt"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
	"bangtin/board/tui/component"
)

// Focus positions of the editor.
const (
	weTitle = iota
	weCategory
	weSummary
	weBody
	wePinned
	weDraft
	weSave
	wePreview
	weHistory
	weHide
	weDelete
)

// editorPage is the news editor: a new thread or an existing one; hide, restore, delete; the
// rendered preview and the revision history are pages of their own (editorpages.go).
type editorPage struct {
	c *Common

	thread *board.Thread // nil until the thread exists
	saved  board.ThreadInput
	cats   []board.Category
	cat    int // index in cats

	title, summary textinput.Model
	body           textarea.Model
	pinned, draft  bool
	focus          int
	errs           map[string]string

	prompt *component.Prompt
	busy   bool
	err    string
	notice string
}

type edCatsMsg struct {
	to   *editorPage
	cats []board.Category
	err  error
}

// edThreadMsg carries a thread after a save, hide, restore or revision restore.
type edThreadMsg struct {
	to     *editorPage
	thread board.Thread
	notice string
	reset  bool               // replace the fields with the thread's text (revision restore)
	in     *board.ThreadInput // what was saved (a save)
	err    error
}

type edRevsMsg struct {
	to   *editorPage
	revs []board.Revision
	err  error
}

type edPreviewMsg struct {
	to    *editorPage
	lines []string
	err   error
}

type edDeletedMsg struct {
	to  *editorPage
	err error
}

func newEditorPage(c *Common, t *board.Thread) *editorPage {
	e := &editorPage{c: c, errs: map[string]string{}}
	st := c.Styles.Widgets
	e.title = component.Input(st, 2*board.MaxThreadTitle)
	e.summary = component.Input(st, 2*board.MaxThreadSummary)
	e.body = component.Area(st)
	e.body.CharLimit = board.MaxThreadBody // a hard stop for typing; pastes are checked whole
	if t != nil {
		tt := *t
		e.thread = &tt
		e.fill(tt)
	} else {
		e.draft = true
	}
	e.saved = e.input()
	if d, ok := c.Cache.Draft(e.draftKey()); ok && d != e.fields() {
		e.title.SetValue(d.title)
		e.summary.SetValue(d.summary)
		e.body.SetValue(d.body)
		e.notice = c.T(i18n.TUIDraftBack)
	}
	e.layout()
	e.setFocus(weTitle)
	return e
}

// draftKey is where the editor's unsaved text is kept: per editor and thread (0: a new one).
func (e *editorPage) draftKey() string {
	r := e.c.Identity.ReaderKey()
	if r == "" {
		return ""
	}
	var id uint64
	if e.thread != nil {
		id = e.thread.ID
	}
	return fmt.Sprintf("%s/thread/%d", r, id)
}

// fields is what the fields hold, as typed.
func (e *editorPage) fields() draft {
	return draft{title: e.title.Value(), summary: e.summary.Value(), body: e.body.Value()}
}

// keepDraft keeps the fields as typed (cheap: no cleaning per key); a draft equal to the
// thread is not offered back (see newEditorPage), and saving or discarding forgets it.
func (e *editorPage) keepDraft(key string) { e.c.Cache.KeepDraft(key, e.fields()) }

// fill puts a thread's text into the fields.
func (e *editorPage) fill(t board.Thread) {
	e.title.SetValue(Line(t.Title))
	e.summary.SetValue(Line(t.Summary))
	e.body.SetValue(text.Clean(t.Body))
	e.body.MoveToBegin()
	e.pinned = t.Pinned
	e.draft = t.Status == board.StatusDraft
	e.selectCategory(t.CategoryID)
}

func (e *editorPage) selectCategory(id uint64) {
	for i, c := range e.cats {
		if c.ID == id {
			e.cat = i
		}
	}
}

// input is what the fields say now.
func (e *editorPage) input() board.ThreadInput {
	in := board.ThreadInput{
		Title:   Line(e.title.Value()),
		Summary: Line(e.summary.Value()),
		Body:    text.Clean(e.body.Value()),
		Pinned:  e.pinned,
		Draft:   e.draft,
	}
	if e.cat < len(e.cats) {
		in.CategoryID = e.cats[e.cat].ID
	} else if e.thread != nil {
		in.CategoryID = e.thread.CategoryID
	}
	return in
}

// Dirty reports whether the fields differ from the saved thread.
func (e *editorPage) Dirty() bool {
	a, b := e.input(), e.saved
	return a.Title != b.Title || a.Summary != b.Summary || a.Body != b.Body || a.Pinned != b.Pinned ||
		a.Draft != b.Draft || (a.CategoryID != b.CategoryID && b.CategoryID != 0)
}

func (e *editorPage) Init() tea.Cmd {
	b := e.c.Board
	return e.c.Call(func(ctx context.Context) tea.Msg {
		cats, err := b.Categories(ctx)
		return edCatsMsg{to: e, cats: cats, err: err}
	})
}

// Capturing: the editor takes every key (it has text fields and its own Esc).
func (e *editorPage) Capturing() bool { return true }

func (e *editorPage) order() []int {
	o := []int{weTitle, weCategory, weSummary, weBody, wePinned, weDraft, weSave, wePreview}
	if e.thread != nil {
		o = append(o, weHistory, weHide)
		if !e.thread.Deleted {
			o = append(o, weDelete)
		}
	}
	return o
}

func (e *editorPage) setFocus(f int) {
	e.focus = f
	component.Blur(&e.title)
	component.Blur(&e.summary)
	e.body.Blur()
	switch f {
	case weTitle:
		component.Focus(&e.title)
	case weSummary:
		component.Focus(&e.summary)
	case weBody:
		e.body.Focus()
	}
}

func (e *editorPage) step(d int) { e.setFocus(component.Step(e.order(), e.focus, d)) }

// failed ends a board call of the editor: it is no longer busy, and an error (true) shows at
// the bottom.
func (e *editorPage) failed(err error) bool {
	e.busy = false
	if err != nil {
		e.err = e.c.ErrText(err)
		return true
	}
	return false
}

func (e *editorPage) Update(msg tea.Msg) (Page, tea.Cmd) {
	switch msg := msg.(type) {
	case edCatsMsg:
		if msg.to != e {
			return e, nil
		}
		if msg.err != nil {
			e.err = e.c.ErrText(msg.err)
			return e, nil
		}
		e.cats = msg.cats
		if e.thread != nil {
			e.selectCategory(e.thread.CategoryID)
		}
		if e.saved.CategoryID == 0 {
			e.saved.CategoryID = e.input().CategoryID
		}
		return e, nil
	case edThreadMsg:
		if msg.to != e {
			return e, nil
		}
		e.busy = false
		if msg.err != nil {
			var ve *board.ValidationError
			if errors.As(msg.err, &ve) && (ve.Field == "title" || ve.Field == "summary" || ve.Field == "body" || ve.Field == "category") {
				e.errs[ve.Field] = e.c.ErrText(msg.err)
			} else {
				e.err = e.c.ErrText(msg.err)
			}
			return e, nil
		}
		before := e.draftKey() // a new thread's draft was kept under id 0
		t := msg.thread
		e.thread = &t
		if msg.reset {
			e.fill(t)
		}
		switch {
		case msg.reset:
			e.saved = e.input()
		case msg.in != nil:
			e.saved = *msg.in
		}
		if msg.in != nil || msg.reset { // saved (or replaced by a revision): nothing unsent
			e.c.Cache.KeepDraft(before, draft{})
			e.c.Cache.KeepDraft(e.draftKey(), draft{})
		}
		e.notice = msg.notice
		return e, nil
	case edRevsMsg:
		if msg.to != e || e.failed(msg.err) {
			return e, nil
		}
		return e, open(newRevisionsPage(e, msg.revs))
	case edPreviewMsg:
		if msg.to != e || e.failed(msg.err) {
			return e, nil
		}
		return e, open(newPreviewPage(e.c, msg.lines))
	case edDeletedMsg:
		if msg.to != e || e.failed(msg.err) {
			return e, nil
		}
		// Leave the thread too: it is gone for readers, and nobody should comment into it.
		flash, gone := e.c.T(i18n.TWEdDeleted), e.thread.ID
		return e, func() tea.Msg { return BackMsg{Flash: flash, Gone: gone} }
	}
	if e.prompt != nil {
		return e, component.Answer(&e.prompt, &e.c.Keys.KeyMap, msg)
	}
	if p, ok := msg.(tea.PasteMsg); ok {
		return e, e.toField(p)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return e, nil
	}
	return e, e.key(k)
}

func (e *editorPage) key(m tea.KeyPressMsg) tea.Cmd {
	k := e.c.Keys
	switch {
	case key.Matches(m, k.Save):
		return e.save()
	case key.Matches(m, k.Preview):
		return e.renderPreview()
	case key.Matches(m, k.Cancel):
		if e.busy {
			return nil
		}
		if e.Dirty() {
			e.prompt = e.c.Confirm(e.c.T(i18n.TWEdDiscard), func(string) tea.Cmd {
				e.c.Cache.KeepDraft(e.draftKey(), draft{}) // discarded: no draft either
				return back("")
			})
			return nil
		}
		return back("")
	case key.Matches(m, k.NextField):
		e.step(1)
		return nil
	case key.Matches(m, k.PrevField):
		e.step(-1)
		return nil
	}
	switch e.focus {
	case weTitle, weSummary:
		switch {
		case key.Matches(m, k.Enter, k.FieldDown):
			e.step(1)
			return nil
		case key.Matches(m, k.FieldUp):
			e.step(-1)
			return nil
		}
	case weCategory:
		switch {
		case key.Matches(m, k.ChoiceLeft):
			if len(e.cats) > 0 {
				e.cat = (e.cat - 1 + len(e.cats)) % len(e.cats)
			}
		case key.Matches(m, k.ChoiceRight):
			if len(e.cats) > 0 {
				e.cat = (e.cat + 1) % len(e.cats)
			}
		case key.Matches(m, k.Enter, k.FieldDown):
			e.step(1)
		case key.Matches(m, k.FieldUp):
			e.step(-1)
		}
		return nil
	case wePinned, weDraft:
		switch {
		case key.Matches(m, k.Toggle):
			if e.focus == wePinned {
				e.pinned = !e.pinned
			} else {
				e.draft = !e.draft
			}
		case key.Matches(m, k.FieldDown):
			e.step(1)
		case key.Matches(m, k.FieldUp):
			e.step(-1)
		}
		return nil
	case weSave, wePreview, weHistory, weHide, weDelete:
		switch {
		case key.Matches(m, k.Press):
			return e.press(e.focus)
		case key.Matches(m, k.FieldUp, k.ButtonLeft):
			e.step(-1)
		case key.Matches(m, k.FieldDown, k.ButtonRight):
			e.step(1)
		}
		return nil
	}
	return e.toField(m)
}

func (e *editorPage) toField(msg tea.Msg) tea.Cmd {
	msg, tooLong := component.Accept(msg, e.focus == weBody, e.body.Value(), board.MaxThreadBody, byteLen)
	if tooLong != nil {
		e.errs["body"] = e.c.T(i18n.TWPasteTooLong, tooLong.Size, tooLong.Max)
		return nil
	}
	if msg == nil {
		return nil
	}
	if e.focus == weBody {
		delete(e.errs, "body") // what is typed or pasted now answers the last complaint
	}
	e.layout()
	var cmd tea.Cmd
	switch e.focus {
	case weTitle:
		e.title, cmd = e.title.Update(msg)
	case weSummary:
		e.summary, cmd = e.summary.Update(msg)
	case weBody:
		e.layout()
		e.body, cmd = e.body.Update(msg)
	}
	e.keepDraft(e.draftKey())
	return cmd
}

// TextFocused reports whether keys go into a text field (TextFocuser).
func (e *editorPage) TextFocused() bool {
	if e.prompt != nil {
		return e.prompt.IsInput()
	}
	return e.focus == weTitle || e.focus == weSummary || e.focus == weBody
}

// byteLen measures a thread's body as the board limits it: in bytes.
func byteLen(s string) int { return len(s) }

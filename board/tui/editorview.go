package tui

import (
	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
	"bangtin/board/tui/component"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
)

// The editor's layout: its fields sized to the window, and its view.

const weLabelW = 13

// layout sizes the fields; it returns the height of the body box's inside.
func (e *editorPage) layout() int {
	w, h := e.c.Size()
	component.FitInput(&e.title, max(10, w-weLabelW-4))
	component.FitInput(&e.summary, max(10, w-weLabelW-4))
	// heading, title, category, summary, body label, box(2), pinned/draft, buttons, status
	fixed := 10
	for _, v := range e.errs {
		if v != "" {
			fixed++
		}
	}
	bh := max(3, h-fixed)
	component.FitArea(&e.body, max(10, w-2), bh)
	return bh
}

func (e *editorPage) label(pos int, s string) string {
	return component.Label(e.c.Styles.Widgets, s, weLabelW, e.focus == pos)
}

// threadState names a thread's publication state.
func threadState(c *Common, t *board.Thread) string {
	if t == nil {
		return c.T(i18n.TWEdNew)
	}
	return i18n.ThreadStatus(c.Lang, *t)
}

func (e *editorPage) View() string {
	w, h := e.c.Size()
	e.layout()
	head := e.c.T(i18n.TWEdNewHeading)
	if e.thread != nil {
		head = e.c.T(i18n.TWEdEditHeading, e.thread.ID)
	}
	state := "[" + threadState(e.c, e.thread) + "]"
	lines := []string{e.c.Styles.Title.Render(Fit(head, w-text.Width(state)-1)) + " " + state}
	errLine := func(f string) {
		if v := e.errs[f]; v != "" {
			lines = append(lines, strings.Repeat(" ", weLabelW)+e.c.Styles.Error.Render(Cut(v, w-weLabelW)))
		}
	}
	lines = append(lines, e.label(weTitle, i18n.Field(e.c.Lang, "title"))+" "+e.title.View())
	errLine("title")
	cat := "—"
	if e.cat < len(e.cats) {
		cat = Line(e.cats[e.cat].Name)
	}
	lines = append(lines, e.label(weCategory, i18n.Field(e.c.Lang, "category"))+" "+Cut("‹ "+cat+" ›", w-weLabelW-1))
	errLine("category")
	lines = append(lines, e.label(weSummary, i18n.Field(e.c.Lang, "summary"))+" "+e.summary.View())
	errLine("summary")
	size := Cut(bodySize(e.c, e.body.Value())+" · Ctrl-P: "+e.c.T(i18n.TWEdPreview), max(1, w-weLabelW-1))
	bl := e.label(weBody, i18n.Field(e.c.Lang, "body"))
	lines = append(lines, bl+strings.Repeat(" ", max(1, w-weLabelW-text.Width(size)))+e.c.Styles.Muted.Render(size))
	box := e.c.Styles.Box
	if e.focus == weBody {
		box = e.c.Styles.BoxFocus
	}
	lines = append(lines, strings.Split(box.Render(e.body.View()), "\n")...)
	errLine("body")
	check := func(on bool) string {
		if on {
			return "[x]"
		}
		return "[ ]"
	}
	pub := "(•) " + e.c.T(i18n.TWEdPublish) + "  ( ) " + e.c.T(i18n.TWEdDraft)
	if e.draft {
		pub = "( ) " + e.c.T(i18n.TWEdPublish) + "  (•) " + e.c.T(i18n.TWEdDraft)
	}
	lines = append(lines, e.label(wePinned, e.c.T(i18n.TWEdPinned))+" "+check(e.pinned)+"   "+
		e.label(weDraft, e.c.T(i18n.FieldStatus))+" "+pub)
	if e.prompt != nil {
		lines = append(lines, e.prompt.View(e.c.Styles.Widgets, w)...)
		return component.Clip(lines, h)
	}
	btn := []string{component.Button(e.c.Styles.Widgets, e.c.T(i18n.TWSave), e.focus == weSave), component.Button(e.c.Styles.Widgets, e.c.T(i18n.TWEdPreview), e.focus == wePreview)}
	if e.thread != nil {
		hide := e.c.T(i18n.TWEdHide)
		if e.thread.Status == board.StatusHidden || e.thread.Deleted {
			hide = e.c.T(i18n.TWEdRestore)
		}
		btn = append(btn, component.Button(e.c.Styles.Widgets, e.c.T(i18n.TWEdHistory), e.focus == weHistory), component.Button(e.c.Styles.Widgets, hide, e.focus == weHide))
		if !e.thread.Deleted {
			btn = append(btn, component.Button(e.c.Styles.Widgets, e.c.T(i18n.TWEdDelete), e.focus == weDelete))
		}
	}
	lines = append(lines, "  "+strings.Join(btn, " "))
	return component.Clip(e.c.withStatus(lines, e.busy, i18n.TWSaving, e.err, e.notice, w), h)
}

func (e *editorPage) ShortHelp() []key.Binding {
	if e.prompt != nil {
		return promptHelp(e.c, e.prompt)
	}
	k := e.c.Keys
	return []key.Binding{k.Save, k.Preview, k.NextField, k.Cancel}
}

func (e *editorPage) FullHelp() [][]key.Binding { return [][]key.Binding{e.ShortHelp()} }

// bodySize says how long a body is in characters, as a writer counts (Vietnamese letters are
// two or three bytes each), with how much of the board's limit it uses: the limit is in bytes
// (board.MaxThreadBody), so it is given as a share, not as a character count that would be
// wrong for any text but ASCII.
func bodySize(c *Common, body string) string {
	used := (len(body)*100 + board.MaxThreadBody - 1) / board.MaxThreadBody
	return c.T(i18n.TWEdSize, utf8.RuneCountInString(body), used)
}

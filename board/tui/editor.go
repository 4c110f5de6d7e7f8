package tui

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

// Field limits of a thread (board/types.go); the board checks them again on store.
const (
	wThreadTitleMax   = 200
	wThreadSummaryMax = 500
	wThreadBodyMax    = 64 << 10 // bytes
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

// Modes of the editor.
const (
	wemEdit = iota
	wemPreview
	wemRevisions
	wemRevision // one revision shown whole
)

// wEditor is the news editor: a new thread or an existing one, with a rendered preview, hide,
// restore, delete and the revision history.
type wEditor struct {
	c  *Common
	st *Styles

	thread *board.Thread // nil until the thread exists
	saved  board.ThreadInput
	cats   []board.Category
	cat    int // index in cats

	title, summary textinput.Model
	body           textarea.Model
	pinned, draft  bool
	focus          int
	errs           map[string]string

	mode    int
	preview []string
	prevTop int
	revs    []board.Revision
	revCur  wCursor
	revTop  int

	prompt *wPrompt
	busy   bool
	err    string
	notice string
}

type wEdCatsMsg struct {
	e    *wEditor
	cats []board.Category
	err  error
}

// wEdThreadMsg carries a thread after a save, hide, restore or revision restore.
type wEdThreadMsg struct {
	e      *wEditor
	thread board.Thread
	notice string
	reset  bool               // replace the fields with the thread's text (revision restore)
	in     *board.ThreadInput // what was saved (a save)
	err    error
}

type wEdRevsMsg struct {
	e    *wEditor
	revs []board.Revision
	err  error
}

type wEdPreviewMsg struct {
	e   *wEditor
	out string
	err error
}

type wEdDeletedMsg struct {
	e   *wEditor
	err error
}

func newWEditor(c *Common, t *board.Thread) *wEditor {
	e := &wEditor{c: c, errs: map[string]string{}}
	e.title = wInput(c, 2*wThreadTitleMax)
	e.summary = wInput(c, 2*wThreadSummaryMax)
	e.body = wArea(c)
	e.body.CharLimit = wThreadBodyMax // a hard stop for typing; pastes are checked whole
	if t != nil {
		tt := *t
		e.thread = &tt
		e.fill(tt)
	} else {
		e.draft = true
	}
	e.saved = e.input()
	e.layout()
	e.setFocus(weTitle)
	return e
}

// fill puts a thread's text into the fields.
func (e *wEditor) fill(t board.Thread) {
	e.title.SetValue(text.Line(t.Title))
	e.summary.SetValue(text.Line(t.Summary))
	e.body.SetValue(text.Clean(t.Body))
	e.body.MoveToBegin()
	e.pinned = t.Pinned
	e.draft = t.Status == board.StatusDraft
	e.selectCategory(t.CategoryID)
}

func (e *wEditor) selectCategory(id uint64) {
	for i, c := range e.cats {
		if c.ID == id {
			e.cat = i
		}
	}
}

// input is what the fields say now.
func (e *wEditor) input() board.ThreadInput {
	in := board.ThreadInput{
		Title:   text.Line(e.title.Value()),
		Summary: text.Line(e.summary.Value()),
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

func (e *wEditor) dirty() bool {
	a, b := e.input(), e.saved
	return a.Title != b.Title || a.Summary != b.Summary || a.Body != b.Body || a.Pinned != b.Pinned ||
		a.Draft != b.Draft || (a.CategoryID != b.CategoryID && b.CategoryID != 0)
}

func (e *wEditor) Init() tea.Cmd {
	b := e.c.Board
	return wCall(e.c, func(ctx context.Context) tea.Msg {
		cats, err := b.Categories(ctx)
		return wEdCatsMsg{e: e, cats: cats, err: err}
	})
}

// Capturing: the editor takes every key (it has text fields and its own Esc).
func (e *wEditor) Capturing() bool { return true }

func (e *wEditor) order() []int {
	o := []int{weTitle, weCategory, weSummary, weBody, wePinned, weDraft, weSave, wePreview}
	if e.thread != nil {
		o = append(o, weHistory, weHide)
		if !e.thread.Deleted {
			o = append(o, weDelete)
		}
	}
	return o
}

func (e *wEditor) setFocus(f int) {
	e.focus = f
	e.title.Blur()
	e.summary.Blur()
	e.body.Blur()
	switch f {
	case weTitle:
		e.title.Focus()
	case weSummary:
		e.summary.Focus()
	case weBody:
		e.body.Focus()
	}
}

func (e *wEditor) step(d int) { e.setFocus(wStep(e.order(), e.focus, d)) }

// failed ends a board call of the editor: it is no longer busy, and an error (true) shows at
// the bottom.
func (e *wEditor) failed(err error) bool {
	e.busy = false
	if err != nil {
		e.err = e.c.ErrText(err)
		return true
	}
	return false
}

func (e *wEditor) Update(msg tea.Msg) (Page, tea.Cmd) {
	switch msg := msg.(type) {
	case wEdCatsMsg:
		if msg.e != e {
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
	case wEdThreadMsg:
		if msg.e != e {
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
		t := msg.thread
		e.thread = &t
		if msg.reset {
			e.fill(t)
			e.mode = wemEdit
		}
		switch {
		case msg.reset:
			e.saved = e.input()
		case msg.in != nil:
			e.saved = *msg.in
		}
		e.notice = msg.notice
		return e, nil
	case wEdRevsMsg:
		if msg.e != e || e.failed(msg.err) {
			return e, nil
		}
		e.revs = msg.revs
		e.revCur = wCursor{}
		e.mode = wemRevisions
		return e, nil
	case wEdPreviewMsg:
		if msg.e != e || e.failed(msg.err) {
			return e, nil
		}
		e.preview = strings.Split(strings.TrimRight(msg.out, "\n"), "\n")
		e.prevTop = 0
		e.mode = wemPreview
		return e, nil
	case wEdDeletedMsg:
		if msg.e != e || e.failed(msg.err) {
			return e, nil
		}
		return e, wBack(e.c.T(i18n.TWEdDeleted))
	}
	if e.prompt != nil {
		return e, wAnswer(&e.prompt, msg)
	}
	switch e.mode {
	case wemPreview:
		return e, e.keyPreview(msg)
	case wemRevisions, wemRevision:
		return e, e.keyRevisions(msg)
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

func (e *wEditor) key(k tea.KeyPressMsg) tea.Cmd {
	switch k.String() {
	case "ctrl+s":
		return e.save()
	case "ctrl+p":
		return e.renderPreview()
	case "esc":
		if e.busy {
			return nil
		}
		if e.dirty() {
			e.prompt = newWConfirm(e.c.T(i18n.TWEdDiscard), func(string) tea.Cmd { return wBack("") })
			return nil
		}
		return wBack("")
	case "tab":
		e.step(1)
		return nil
	case "shift+tab":
		e.step(-1)
		return nil
	}
	switch e.focus {
	case weTitle, weSummary:
		switch k.String() {
		case "enter", "down":
			e.step(1)
			return nil
		case "up":
			e.step(-1)
			return nil
		}
	case weCategory:
		switch k.String() {
		case "left", "h":
			if len(e.cats) > 0 {
				e.cat = (e.cat - 1 + len(e.cats)) % len(e.cats)
			}
		case "right", "l", "space":
			if len(e.cats) > 0 {
				e.cat = (e.cat + 1) % len(e.cats)
			}
		case "enter", "down":
			e.step(1)
		case "up":
			e.step(-1)
		}
		return nil
	case wePinned, weDraft:
		switch k.String() {
		case "space", "enter", "left", "right", "x":
			if e.focus == wePinned {
				e.pinned = !e.pinned
			} else {
				e.draft = !e.draft
			}
		case "down":
			e.step(1)
		case "up":
			e.step(-1)
		}
		return nil
	case weSave, wePreview, weHistory, weHide, weDelete:
		switch k.String() {
		case "enter", "space":
			return e.press(e.focus)
		case "left", "up":
			e.step(-1)
		case "right", "down":
			e.step(1)
		}
		return nil
	}
	return e.toField(k)
}

func (e *wEditor) toField(msg tea.Msg) tea.Cmd {
	if msg = wCleanInput(msg); msg == nil {
		return nil
	}
	if p, ok := msg.(tea.PasteMsg); ok && e.focus == weBody {
		if err := wPasteFits(e.body.Value(), p.Content, wThreadBodyMax, func(s string) int { return len(s) }); err != nil {
			e.errs["body"] = e.c.T(i18n.TWPasteTooLong, err.(*wPasteError).size, wThreadBodyMax)
			return nil
		}
		delete(e.errs, "body")
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
	return cmd
}

// press runs a button.
func (e *wEditor) press(b int) tea.Cmd {
	if e.busy {
		return nil
	}
	switch b {
	case weSave:
		return e.save()
	case wePreview:
		return e.renderPreview()
	case weHistory:
		return e.loadRevisions()
	case weHide:
		return e.hideOrRestore()
	case weDelete:
		t := e.thread
		b, actor := e.c.Board, e.c.Identity
		e.prompt = newWAsk(e.c, e.c.T(i18n.TWEdDeleteAsk, text.Line(t.Title)), "", 300, func(reason string) tea.Cmd {
			e.busy, e.err, e.notice = true, "", ""
			return wCall(e.c, func(ctx context.Context) tea.Msg {
				return wEdDeletedMsg{e: e, err: b.DeleteThread(ctx, actor, t.ID, text.Line(reason))}
			})
		})
	}
	return nil
}

// save checks the fields and creates or updates the thread.
func (e *wEditor) save() tea.Cmd {
	if e.busy {
		return nil
	}
	e.errs = map[string]string{}
	e.err, e.notice = "", ""
	in := e.input()
	for _, err := range []error{
		wCheck("title", in.Title, 1, wThreadTitleMax),
		wCheck("summary", in.Summary, 0, wThreadSummaryMax),
	} {
		var ve *board.ValidationError
		if errors.As(err, &ve) {
			e.errs[ve.Field] = e.c.ErrText(err)
		}
	}
	if strings.TrimSpace(in.Body) == "" {
		e.errs["body"] = e.c.ErrText(&board.ValidationError{Field: "body", Problem: board.ProblemRequired})
	} else if len(in.Body) > wThreadBodyMax {
		e.errs["body"] = e.c.ErrText(&board.ValidationError{Field: "body", Problem: board.ProblemTooLong, Max: wThreadBodyMax})
	}
	if len(e.errs) > 0 {
		for _, x := range []struct {
			f   string
			pos int
		}{{"title", weTitle}, {"summary", weSummary}, {"body", weBody}} {
			if e.errs[x.f] != "" {
				e.setFocus(x.pos)
				break
			}
		}
		return nil
	}
	e.busy = true
	b, actor, t := e.c.Board, e.c.Identity, e.thread
	notice := e.c.T(i18n.TWSaved)
	return wCall(e.c, func(ctx context.Context) tea.Msg {
		var nt board.Thread
		var err error
		if t == nil {
			nt, err = b.CreateThread(ctx, actor, in)
		} else {
			nt, err = b.UpdateThread(ctx, actor, t.ID, in)
		}
		return wEdThreadMsg{e: e, thread: nt, notice: notice, in: &in, err: err}
	})
}

func (e *wEditor) hideOrRestore() tea.Cmd {
	t := e.thread
	if t == nil {
		return nil
	}
	b, actor := e.c.Board, e.c.Identity
	reload := func(notice string, do func(ctx context.Context) error) tea.Cmd {
		e.busy, e.err, e.notice = true, "", ""
		return wCall(e.c, func(ctx context.Context) tea.Msg {
			if err := do(ctx); err != nil {
				return wEdThreadMsg{e: e, err: err}
			}
			nt, err := b.Thread(ctx, actor, t.ID)
			return wEdThreadMsg{e: e, thread: nt, notice: notice, err: err}
		})
	}
	if t.Status == board.StatusHidden || t.Deleted {
		e.prompt = newWConfirm(e.c.T(i18n.TWEdRestoreAsk, text.Line(t.Title)), func(string) tea.Cmd {
			return reload(e.c.T(i18n.TWEdRestored), func(ctx context.Context) error { return b.RestoreThread(ctx, actor, t.ID) })
		})
		return nil
	}
	e.prompt = newWAsk(e.c, e.c.T(i18n.TWEdHideAsk, text.Line(t.Title)), "", 300, func(reason string) tea.Cmd {
		return reload(e.c.T(i18n.TWEdHidden), func(ctx context.Context) error { return b.HideThread(ctx, actor, t.ID, text.Line(reason)) })
	})
	return nil
}

func (e *wEditor) loadRevisions() tea.Cmd {
	t := e.thread
	if t == nil || e.busy {
		return nil
	}
	e.busy, e.err, e.notice = true, "", ""
	b, actor := e.c.Board, e.c.Identity
	return wCall(e.c, func(ctx context.Context) tea.Msg {
		revs, err := b.Revisions(ctx, actor, t.ID)
		return wEdRevsMsg{e: e, revs: revs, err: err}
	})
}

// renderPreview renders the body's Markdown as readers will see it, with the thread view's
// renderer (in a Cmd: rendering costs; not cached: the text is not saved yet).
func (e *wEditor) renderPreview() tea.Cmd {
	if e.busy {
		return nil
	}
	e.busy, e.err = true, ""
	w, _ := wSize(e.c)
	k := mdKey{width: max(20, w-2), noColor: e.c.NoColor, lang: e.c.Lang}
	md := "# " + text.Line(e.title.Value()) + "\n\n"
	if s := text.Line(e.summary.Value()); s != "" {
		md += "*" + s + "*\n\n"
	}
	md += text.Clean(e.body.Value())
	md = wTameMarkdown(md, wQuoteDepth)
	return func() tea.Msg {
		r, err := renderMarkdown(k, md)
		if err != nil {
			return wEdPreviewMsg{e: e, err: err}
		}
		lines := make([]string, len(r.lines))
		for i, l := range r.lines {
			lines[i] = wSafeRendered(l)
		}
		return wEdPreviewMsg{e: e, out: strings.Join(lines, "\n")}
	}
}

// wQuoteDepth is the deepest block quote the preview renders: glamour never returns from quotes
// nested about half the width deep (">>>>…" 40 times), so deeper markers are dropped.
const wQuoteDepth = 8

// wTameMarkdown drops the '>' markers of a line beyond depth, in the run of container markers
// (quotes, list bullets and numbers, spaces) that starts the line.
func wTameMarkdown(md string, depth int) string {
	lines := strings.Split(md, "\n")
	for i, l := range lines {
		end := strings.IndexFunc(l, func(r rune) bool { return !strings.ContainsRune(" \t>-*+.)0123456789", r) })
		if end < 0 {
			end = len(l)
		}
		if strings.Count(l[:end], ">") <= depth {
			continue
		}
		var b strings.Builder
		n := 0
		for _, r := range l[:end] {
			if r == '>' {
				if n++; n > depth {
					continue
				}
			}
			b.WriteRune(r)
		}
		lines[i] = b.String() + l[end:]
	}
	return strings.Join(lines, "\n")
}

// wSGR matches the styling the renderer adds; everything else in a rendered line is text.
var wSGR = regexp.MustCompile("\x1b\\[[0-9;:]*m")

// wSafeRendered sanitises a line the Markdown renderer produced: its SGR styling stays, and the
// text between passes text.Line again (glamour decodes entities such as &#27; or &#x202E; into
// the very characters text.Clean removed from the source).
func wSafeRendered(l string) string {
	var b strings.Builder
	last := 0
	for _, loc := range wSGR.FindAllStringIndex(l, -1) {
		b.WriteString(wSafeText(l[last:loc[0]]))
		b.WriteString(l[loc[0]:loc[1]])
		last = loc[1]
	}
	b.WriteString(wSafeText(l[last:]))
	return b.String()
}

// wSafeText is text.Clean for a piece of one line, keeping its spaces (alignment).
func wSafeText(s string) string {
	return strings.ReplaceAll(text.Clean(s), "\n", " ")
}

func (e *wEditor) keyPreview(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	_, h := wSize(e.c)
	if wScroll(&e.prevTop, k, h) {
		return nil
	}
	switch k.String() {
	case "esc", "ctrl+p", "q":
		e.mode = wemEdit
	case "ctrl+s":
		e.mode = wemEdit
		return e.save()
	}
	return nil
}

func (e *wEditor) keyRevisions(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	_, h := wSize(e.c)
	if e.mode == wemRevision {
		if wScroll(&e.revTop, k, h) {
			return nil
		}
		switch k.String() {
		case "esc", "q":
			e.mode = wemRevisions
			return nil
		}
	} else {
		if e.revCur.key(k, len(e.revs), h-4) {
			return nil
		}
		switch k.String() {
		case "esc", "q":
			e.mode = wemEdit
			return nil
		case "enter":
			if len(e.revs) > 0 {
				e.mode, e.revTop = wemRevision, 0
			}
			return nil
		}
	}
	if k.String() == "r" && e.revCur.pos < len(e.revs) && !e.busy {
		rev := e.revs[len(e.revs)-1-e.revCur.pos]
		b, actor, id := e.c.Board, e.c.Identity, e.thread.ID
		e.prompt = newWConfirm(e.c.T(i18n.TWEdRevertAsk, rev.Rev), func(string) tea.Cmd {
			e.busy, e.err, e.notice = true, "", ""
			notice := e.c.T(i18n.TWEdReverted, rev.Rev)
			return wCall(e.c, func(ctx context.Context) tea.Msg {
				nt, err := b.RestoreRevision(ctx, actor, id, rev.Rev)
				return wEdThreadMsg{e: e, thread: nt, notice: notice, reset: true, err: err}
			})
		})
	}
	return nil
}

const weLabelW = 13

// layout sizes the fields; it returns the height of the body box's inside.
func (e *wEditor) layout() int {
	w, h := wSize(e.c)
	wFitInput(&e.title, max(10, w-weLabelW-4))
	wFitInput(&e.summary, max(10, w-weLabelW-4))
	// heading, title, category, summary, body label, box(2), pinned/draft, buttons, status
	fixed := 10
	for _, v := range e.errs {
		if v != "" {
			fixed++
		}
	}
	bh := max(3, h-fixed)
	wFitArea(&e.body, max(10, w-2), bh)
	return bh
}

func (e *wEditor) label(pos int, s string) string {
	return wLabel(e.c.Styles, s, weLabelW, e.focus == pos)
}

// wThreadState names a thread's publication state.
func wThreadState(c *Common, t *board.Thread) string {
	switch {
	case t == nil:
		return c.T(i18n.TWEdNew)
	case t.Deleted:
		return c.T(i18n.TWStatusDeleted)
	case t.Status == board.StatusHidden:
		return c.T(i18n.TWEdStateHidden)
	case t.Status == board.StatusDraft:
		return c.T(i18n.TWEdStateDraft)
	}
	return c.T(i18n.TWEdStatePublished)
}

func (e *wEditor) View() string {
	w, h := wSize(e.c)
	switch e.mode {
	case wemPreview:
		return e.viewPreview(w, h)
	case wemRevisions:
		return e.viewRevisions(w, h)
	case wemRevision:
		return e.viewRevision(w, h)
	}
	e.layout()
	head := e.c.T(i18n.TWEdNewHeading)
	if e.thread != nil {
		head = e.c.T(i18n.TWEdEditHeading, e.thread.ID)
	}
	state := "[" + wThreadState(e.c, e.thread) + "]"
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
		cat = text.Line(e.cats[e.cat].Name)
	}
	lines = append(lines, e.label(weCategory, i18n.Field(e.c.Lang, "category"))+" "+Cut("‹ "+cat+" ›", w-weLabelW-1))
	errLine("category")
	lines = append(lines, e.label(weSummary, i18n.Field(e.c.Lang, "summary"))+" "+e.summary.View())
	errLine("summary")
	size := fmt.Sprintf("%d/%d B · Ctrl-P: %s", len(e.body.Value()), wThreadBodyMax, e.c.T(i18n.TWEdPreview))
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
		lines = append(lines, e.prompt.view(e.c, e.c.Styles, w)...)
		return wFit(lines, h)
	}
	btn := []string{wButton(e.c.Styles, e.c.T(i18n.TWSave), e.focus == weSave), wButton(e.c.Styles, e.c.T(i18n.TWEdPreview), e.focus == wePreview)}
	if e.thread != nil {
		hide := e.c.T(i18n.TWEdHide)
		if e.thread.Status == board.StatusHidden || e.thread.Deleted {
			hide = e.c.T(i18n.TWEdRestore)
		}
		btn = append(btn, wButton(e.c.Styles, e.c.T(i18n.TWEdHistory), e.focus == weHistory), wButton(e.c.Styles, hide, e.focus == weHide))
		if !e.thread.Deleted {
			btn = append(btn, wButton(e.c.Styles, e.c.T(i18n.TWEdDelete), e.focus == weDelete))
		}
	}
	lines = append(lines, "  "+strings.Join(btn, " "))
	switch {
	case e.busy:
		lines = append(lines, e.c.Styles.Muted.Render(Cut(e.c.T(i18n.TWSaving), w)))
	case e.err != "":
		lines = append(lines, e.c.Styles.Error.Render(Cut(e.err, w)))
	case e.notice != "":
		lines = append(lines, e.c.Styles.Notice.Render(Cut(e.notice, w)))
	}
	return wFit(lines, h)
}

func (e *wEditor) viewPreview(w, h int) string {
	lines := []string{e.c.Styles.Title.Render(Cut(e.c.T(i18n.TWEdPreviewHeading), w))}
	room := h - 1
	e.prevTop = min(e.prevTop, max(0, len(e.preview)-room))
	lines = append(lines, e.preview[e.prevTop:min(len(e.preview), e.prevTop+room)]...)
	return wFit(lines, h)
}

func (e *wEditor) viewRevisions(w, h int) string {
	lines := []string{e.c.Styles.Title.Render(Cut(e.c.T(i18n.TWEdRevHeading, len(e.revs)), w)), ""}
	var foot []string
	switch {
	case e.prompt != nil:
		foot = e.prompt.view(e.c, e.c.Styles, w)
	case e.err != "":
		foot = []string{e.c.Styles.Error.Render(Cut(e.err, w))}
	default:
		foot = []string{e.c.Styles.Muted.Render(Cut(e.c.T(i18n.TWEdRevKeys), w))}
	}
	if len(e.revs) == 0 {
		lines = append(lines, e.c.Styles.Muted.Render(Cut(e.c.T(i18n.TWEdRevNone), w)))
	}
	from, to := e.revCur.window(len(e.revs), h-len(lines)-len(foot)-1)
	for i := from; i < to; i++ {
		r := e.revs[len(e.revs)-1-i] // newest first
		l := fmt.Sprintf("%s #%-3d %s  %s  ", map[bool]string{true: "›", false: " "}[i == e.revCur.pos], r.Rev, e.c.DateTime(r.At), Fit(text.Line(r.Editor), 14))
		l += Cut(r.Title, w-text.Width(l))
		if i == e.revCur.pos {
			l = e.c.Styles.Selected.Render(Fit(l, w))
		}
		lines = append(lines, l)
	}
	for len(lines) < h-len(foot) {
		lines = append(lines, "")
	}
	return wFit(append(lines, foot...), h)
}

func (e *wEditor) viewRevision(w, h int) string {
	r := e.revs[len(e.revs)-1-e.revCur.pos]
	lines := []string{e.c.Styles.Title.Render(Cut(e.c.T(i18n.TWEdRevOne, r.Rev, e.c.DateTime(r.At), text.Line(r.Editor)), w))}
	body := []string{Cut(r.Title, w)}
	if r.Summary != "" {
		body = append(body, wWrap(r.Summary, w)...)
	}
	body = append(body, strings.Repeat("─", w))
	body = append(body, wWrap(r.Body, w)...)
	var foot []string
	if e.prompt != nil {
		foot = e.prompt.view(e.c, e.c.Styles, w)
	} else {
		foot = []string{e.c.Styles.Muted.Render(Cut(e.c.T(i18n.TWEdRevKeys), w))}
	}
	room := h - 1 - len(foot)
	e.revTop = min(e.revTop, max(0, len(body)-room))
	lines = append(lines, body[e.revTop:min(len(body), e.revTop+room)]...)
	for len(lines) < h-len(foot) {
		lines = append(lines, "")
	}
	return wFit(append(lines, foot...), h)
}

func (e *wEditor) ShortHelp() []key.Binding {
	l := e.c.Lang
	switch e.mode {
	case wemRevisions, wemRevision:
		return []key.Binding{
			wKey([]string{"enter"}, "enter", i18n.T(l, i18n.TUIKeyOpen)),
			wKey([]string{"r"}, "r", i18n.T(l, i18n.TWEdRestore)),
			wKey([]string{"esc"}, "esc", i18n.T(l, i18n.TUIKeyBack)),
		}
	case wemPreview:
		return []key.Binding{wKey([]string{"esc", "ctrl+p"}, "esc", i18n.T(l, i18n.TUIKeyBack))}
	}
	return []key.Binding{
		wKey([]string{"ctrl+s"}, "ctrl+s", i18n.T(l, i18n.TWSave)),
		wKey([]string{"ctrl+p"}, "ctrl+p", i18n.T(l, i18n.TWEdPreview)),
		wKey([]string{"tab", "shift+tab"}, "tab", i18n.T(l, i18n.TWHelpNextField)),
		wKey([]string{"esc"}, "esc", i18n.T(l, i18n.TWHelpCancel)),
	}
}

func (e *wEditor) FullHelp() [][]key.Binding { return [][]key.Binding{e.ShortHelp()} }

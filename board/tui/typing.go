package tui

import (
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// Typing runs. A terminal without bracketed paste (PuTTY's default, Windows' conhost) sends a
// paste as keys: 4,000 characters are 4,000 key presses, and a text area redrawn after each of
// them costs time in the size of its text, so a paste took seconds (issue 19, item 13). The
// root gathers a run of typed characters meant for the focused text field of a page that says
// it takes them as one (a typist) and hands them over as one key press whose Text is the run,
// which bubbles' fields insert exactly as they would insert the keys one by one (the same
// limits, no paste check). The run is handed over typingFlush after its first key, or at once
// before any other message, so the order of everything the page sees is kept; one key alone
// is handed over as it came.
//
// Hand-written: bubbletea sends keys one by one and offers no way to see those still queued.

// typingFlush is how long a run of typed characters may wait: under a frame (the screen draws
// at most every 1/FPS), so typing shows no later than before.
const typingFlush = 8 * time.Millisecond

// maxTypingRun bounds a run (a long paste is handed over in pieces).
const maxTypingRun = 4096

// typist is a page whose focused text field may take a run of typed characters as one key.
// ok: the focus is in such a field and nothing else (a question, a prompt) takes the keys;
// multiline: Enter is a line break there (a text area), so it joins the run as "\n".
type typist interface {
	typingInto() (ok, multiline bool)
}

// typing is the run being gathered.
type typing struct {
	run   strings.Builder
	first tea.KeyPressMsg // the run's first key: handed over as it came when it is alone
	n     int             // keys in the run
	gen   int             // the run's number: a flush message of an earlier run does nothing
}

// typingMsg hands over the run gen when it has waited typingFlush.
type typingMsg struct{ gen int }

// gather takes a key into the run when it is typed text for a typist's field; took false: the
// key goes its usual way (after the run is handed over, see flushTyping).
func (m *model) gather(k tea.KeyPressMsg) (cmd tea.Cmd, took bool) {
	if m.asking != "" || m.idle != "" || (m.vn.comp != nil && m.vn.comp.Settings().On) {
		return nil, false
	}
	tp, ok := m.top().(typist)
	if !ok {
		return nil, false
	}
	into, multiline := tp.typingInto()
	if !into {
		return nil, false
	}
	s := ""
	switch {
	case k.Mod&^(tea.ModShift|tea.ModCapsLock|tea.ModNumLock) == 0 && plainText(k.Text):
		s = k.Text
	case multiline && k.Code == tea.KeyEnter && k.Mod == 0:
		s = "\n"
	default:
		return nil, false
	}
	if m.typing.run.Len()+len(s) > maxTypingRun {
		cmd = m.flushTyping()
	}
	t := &m.typing
	if t.n == 0 {
		t.first = k
		t.gen++
		gen := t.gen
		cmd = tea.Batch(cmd, tea.Tick(typingFlush, func(time.Time) tea.Msg { return typingMsg{gen: gen} }))
	}
	t.run.WriteString(s)
	t.n++
	return cmd, true
}

// flushTyping hands the run over to the top page, if there is one.
func (m *model) flushTyping() tea.Cmd {
	t := &m.typing
	if t.n == 0 {
		return nil
	}
	k := t.first
	if t.n > 1 {
		k = tea.KeyPressMsg{Code: tea.KeyExtended, Text: t.run.String()}
	}
	t.run.Reset()
	t.n = 0
	m.dirty = true
	return m.updateTop(k)
}

// plainText reports whether s is text a field inserts (no control characters; a key's Text is
// empty for Enter, Tab, arrows...).
func plainText(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
			return false
		}
	}
	return true
}

// typingInto: the comment form's text fields take runs; its text area takes line breaks.
func (f *formPage) typingInto() (ok, multiline bool) {
	if f.done || f.sending || f.confirm != nil || f.banned != nil {
		return false, false
	}
	switch f.focus {
	case wfName, wfTitle, wfCaptcha:
		return true, false
	case wfBody:
		return true, true
	}
	return false, false
}

// typingInto: the editor's title, summary and body take runs; the body takes line breaks.
func (e *editorPage) typingInto() (ok, multiline bool) {
	if e.prompt != nil || e.busy {
		return false, false
	}
	switch e.focus {
	case weTitle, weSummary:
		return true, false
	case weBody:
		return true, true
	}
	return false, false
}

package tui

// Vietnamese input (board/tui/input) in the root model: the session's composer, its keys, the
// reader's saved choice, and which pages have a text field with the focus. The root calls
// vnKey for every key press, vnMsg for every other message and vnFooter for the help line;
// everything else lives in this file and in board/tui/input.

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board/i18n"
	"bangtin/board/tui/input"
)

// vnState is the session's Vietnamese input.
type vnState struct {
	comp    *input.Composer // nil until first used
	keys    input.KeyMap
	keyLang i18n.Lang // the language keys was built in
	touched bool      // the reader changed the settings in this session: a late load loses
}

// vnPrefsMsg carries the reader's saved settings (loaded when the session starts).
type vnPrefsMsg struct {
	s   input.Settings
	err error
}

// vnSavedMsg is the answer to saving the reader's settings.
type vnSavedMsg struct{ err error }

func (m *model) vnComp() *input.Composer {
	if m.vn.comp == nil {
		m.vn.comp = input.NewComposer(input.Settings{}) // off: a client's own IME is not doubled
	}
	return m.vn.comp
}

func (m *model) vnKeys() input.KeyMap {
	if m.vn.keyLang != m.c.Lang || m.vn.keys.Toggle.Keys() == nil {
		m.vn.keys, m.vn.keyLang = input.NewKeyMap(m.c.Lang), m.c.Lang
	}
	return m.vn.keys
}

// vnInit loads the reader's saved settings (identified readers only).
func (m *model) vnInit() tea.Cmd {
	c := m.c
	if c.Board == nil || c.Identity.ReaderKey() == "" {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := c.Context()
		defer cancel()
		p, err := c.Board.ReaderPrefs(ctx, c.Identity)
		return vnPrefsMsg{s: input.FromPrefs(p), err: err}
	}
}

// vnKey handles a key press before the page sees it: the toggle keys anywhere, and in a focused
// text field the composer's edit, sent to the page as ordinary key presses. done: the key was
// used up; otherwise the root goes on with it after cmd's edits.
func (m *model) vnKey(msg tea.KeyPressMsg) (cmd tea.Cmd, done bool) {
	k, comp := m.vnKeys(), m.vnComp()
	switch {
	case key.Matches(msg, k.Toggle):
		s := comp.Settings()
		s.On = !s.On
		return m.vnSet(s), true
	case key.Matches(msg, k.Style):
		return m.vnSet(comp.Settings().Next()), true
	}
	if !comp.Settings().On || !m.TextFocused() {
		comp.End() // the word, if any, is no longer at a cursor
		return nil, false
	}
	st := comp.Key(msg)
	cmd = m.vnApply(st.Edit)
	return cmd, !st.Pass
}

// vnApply sends an edit to the top page as key presses.
func (m *model) vnApply(e input.Edit) tea.Cmd {
	if e.Empty() {
		return nil
	}
	var cmds []tea.Cmd
	for _, k := range e.Keys() {
		if cmd := m.updateTop(k); cmd != nil {
			cmds = append(cmds, cmd)
		}
	}
	return tea.Batch(cmds...)
}

// vnSet changes the session's settings, says so on the help line and saves them for an
// identified reader.
func (m *model) vnSet(s input.Settings) tea.Cmd {
	c, comp := m.c, m.vnComp()
	cmd := m.vnApply(comp.End())
	comp.SetSettings(s)
	m.vn.touched = true
	m.flash = vnDescribe(c, s)
	if c.Board == nil || c.Identity.ReaderKey() == "" {
		return cmd
	}
	return tea.Batch(cmd, func() tea.Msg {
		ctx, cancel := c.Context()
		defer cancel()
		return vnSavedMsg{err: c.Board.PutReaderPrefs(ctx, c.Identity, s.Prefs())}
	})
}

// vnDescribe is the notice after a change: the state in words and the keys.
func vnDescribe(c *Common, s input.Settings) string {
	if !s.On {
		return c.T(i18n.InputOff)
	}
	tone := c.T(i18n.InputToneOld)
	if s.NewTone {
		tone = c.T(i18n.InputToneNew)
	}
	return c.T(i18n.InputOn, s.Method, tone)
}

// vnMsg handles the messages of Vietnamese input and ends the word on those that move the
// cursor or the page; done: the message was used up.
func (m *model) vnMsg(msg tea.Msg) (cmd tea.Cmd, done bool) {
	switch msg := msg.(type) {
	case vnPrefsMsg:
		if msg.err == nil && !m.vn.touched {
			m.vnComp().SetSettings(msg.s)
			m.dirty = true
		}
		return nil, true
	case vnSavedMsg:
		if msg.err != nil {
			m.flash = m.c.T(i18n.InputSaveError, m.c.ErrText(msg.err))
			m.dirty = true
		}
		return nil, true
	case tea.PasteMsg:
		// A paste is inserted exactly as pasted: the word before it ends first.
		if m.vn.comp != nil && m.vn.comp.Composing() && m.TextFocused() {
			return tea.Batch(m.vnApply(m.vn.comp.End()), m.broadcast(msg)), true
		}
	case tea.MouseMsg, OpenMsg, BackMsg:
		if m.vn.comp != nil {
			m.vn.comp.End()
		}
	}
	return nil, false
}

// vnFooter adds the toggle key and the state ("VN Telex", "VN VNI", "EN") to the help line of a
// page whose text field has the focus.
func (m *model) vnFooter(bs []key.Binding, status string) ([]key.Binding, string) {
	if !m.TextFocused() {
		return bs, status
	}
	if status != "" {
		status += " "
	}
	return append(bs[:len(bs):len(bs)], m.vnKeys().Toggle), status + m.vnComp().Settings().Label()
}

// vnHelpKeys are listed on the help screen.
func (m *model) vnHelpKeys() []key.Binding {
	k := m.vnKeys()
	return []key.Binding{k.Toggle, k.Style}
}

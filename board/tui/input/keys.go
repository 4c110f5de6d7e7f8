package input

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board/i18n"
)

// KeyMap holds the keys of Vietnamese input. Alt+Z is Unikey's switch; Ctrl+Z is the same for
// terminals that keep Alt for themselves (macOS Terminal without "Option as Meta", some phone
// apps). Alt+X / Ctrl+X step through Telex and VNI, each with the old or new tone style.
type KeyMap struct {
	Toggle key.Binding
	Style  key.Binding
}

// NewKeyMap builds the keys with help in lang.
func NewKeyMap(lang i18n.Lang) KeyMap {
	return KeyMap{
		Toggle: key.NewBinding(key.WithKeys("alt+z", "ctrl+z"),
			key.WithHelp("alt+z/ctrl+z", i18n.T(lang, i18n.InputKeyToggle))),
		Style: key.NewBinding(key.WithKeys("alt+x", "ctrl+x"),
			key.WithHelp("alt+x/ctrl+x", i18n.T(lang, i18n.InputKeyStyle))),
	}
}

// Step is what one key press does in a focused text field: first the edit, then, if Pass, the
// key itself goes to the field.
type Step struct {
	Edit Edit
	Pass bool
}

// Key decides what the key press k does in a focused text field.
func (c *Composer) Key(k tea.KeyPressMsg) Step {
	if !c.s.On {
		return Step{Pass: true}
	}
	if k.Code == tea.KeyBackspace && k.Mod == 0 {
		if e, ok := c.Backspace(); ok {
			return Step{Edit: e}
		}
		return Step{Pass: true}
	}
	if r, ok := typed(k); ok {
		if e, ok := c.Type(r); ok {
			return Step{Edit: e}
		}
	}
	// Anything else ends the word: a space, punctuation, a digit in Telex, text an input
	// method composed, Enter, Tab, a cursor move, a control key.
	return Step{Edit: c.End(), Pass: true}
}

// typed is the one rune a plain key press types (shift and caps lock allowed).
func typed(k tea.KeyPressMsg) (rune, bool) {
	if k.Mod&^(tea.ModShift|tea.ModCapsLock) != 0 || k.Text == "" {
		return 0, false
	}
	rs := []rune(k.Text)
	if len(rs) != 1 {
		return 0, false
	}
	return rs[0], true
}

// Keys are the key presses that make the edit in a bubbles text field: Delete backspaces, then
// one key press per rune of Insert.
func (e Edit) Keys() []tea.KeyPressMsg {
	out := make([]tea.KeyPressMsg, 0, e.Delete+len(e.Insert))
	for range e.Delete {
		out = append(out, tea.KeyPressMsg{Code: tea.KeyBackspace})
	}
	for _, r := range e.Insert {
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}

package component

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// Prompt is a question at the bottom of a page: a yes/no confirmation, or a line of input (a
// reason, a name). A confirmation is answered only by the key it names (Yes: c/y), never by
// Enter, so that a destructive action cannot be confirmed by the Enter that opened it; No or Esc
// cancels. An input is sent by Enter and cancelled by Esc.
type Prompt struct {
	Question string
	hint     string           // how to answer a confirmation
	input    *textinput.Model // nil: a yes/no question
	action   func(answer string) tea.Cmd
}

// Confirm asks a yes/no question; hint says how to answer (in the session's language).
func Confirm(question, hint string, action func(string) tea.Cmd) *Prompt {
	return &Prompt{Question: question, hint: hint, action: action}
}

// Ask asks for a line of text, starting with value.
func Ask(st *Styles, question, value string, limit int, action func(string) tea.Cmd) *Prompt {
	in := Input(st, limit)
	in.SetValue(value)
	in.CursorEnd()
	in.Focus()
	return &Prompt{Question: question, input: &in, action: action}
}

// Update handles a message for the prompt: done says the prompt is finished (answered or
// cancelled).
func (p *Prompt) Update(k *KeyMap, msg tea.Msg) (done bool, cmd tea.Cmd) {
	km, isKey := msg.(tea.KeyPressMsg)
	if p.input == nil {
		switch {
		case !isKey:
		case key.Matches(km, k.Yes):
			return true, p.action("")
		case key.Matches(km, k.No), key.Matches(km, k.Cancel):
			return true, nil
		}
		return false, nil
	}
	if isKey {
		switch {
		case key.Matches(km, k.Cancel):
			return true, nil
		case key.Matches(km, k.Enter):
			return true, p.action(p.input.Value())
		}
	}
	if _, paste := msg.(tea.PasteMsg); isKey || paste {
		if msg = CleanInput(msg); msg == nil {
			return false, nil
		}
		in, cmd := p.input.Update(msg)
		p.input = &in
		return false, cmd
	}
	return false, nil
}

// Answer gives msg to the open prompt *p and closes the prompt when it is finished.
func Answer(p **Prompt, k *KeyMap, msg tea.Msg) tea.Cmd {
	done, cmd := (*p).Update(k, msg)
	if done {
		*p = nil
	}
	return cmd
}

// IsInput reports whether the prompt takes a line of text.
func (p *Prompt) IsInput() bool { return p.input != nil }

// View draws the prompt in at most three lines of width w: the question is wrapped, never cut.
func (p *Prompt) View(st *Styles, w int) []string {
	var lines []string
	for _, l := range Wrap(p.Question, w) {
		lines = append(lines, st.Focus.Render(l))
	}
	if p.input == nil {
		return append(lines, st.Muted.Render(Cut(p.hint, w)))
	}
	FitInput(p.input, max(10, w-3))
	return append(lines, "> "+p.input.View())
}

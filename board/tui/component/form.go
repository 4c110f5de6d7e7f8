package component

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// Row is one row of a Form: a text input, or a choice among options (←/→ or space).
type Row struct {
	Label   string
	Input   *textinput.Model
	Options []string
	Choice  int
	Err     string
}

// Form is a small form of labelled rows and a submit button (ban, search, accounts, settings).
// Tab/Shift-Tab or ↑/↓ move, Enter goes to the next row or submits on the last, Ctrl-S submits
// from anywhere, Esc cancels.
type Form struct {
	Title  string
	Rows   []*Row
	Submit string // the button's label
	Keys   string // the key hint beside the button
	Err    string
	focus  int // len(Rows): the button
}

// LabelWidth is the width of a Form's label column.
const LabelWidth = 16

// AddInput adds a text row.
func (f *Form) AddInput(st *Styles, label, value string, limit int) *textinput.Model {
	in := Input(st, limit)
	in.SetValue(value)
	f.Rows = append(f.Rows, &Row{Label: label, Input: &in})
	return &in
}

// AddChoice adds a choice row.
func (f *Form) AddChoice(label string, options []string, choice int) *Row {
	r := &Row{Label: label, Options: options, Choice: choice}
	f.Rows = append(f.Rows, r)
	return r
}

// Focus moves the focus to row i (len(Rows): the button).
func (f *Form) Focus(i int) {
	n := len(f.Rows) + 1
	f.focus = (i%n + n) % n
	for j, r := range f.Rows {
		if r.Input != nil {
			if j == f.focus {
				Focus(r.Input)
			} else {
				Blur(r.Input)
			}
		}
	}
}

// Focused is the focused row (len(Rows): the button).
func (f *Form) Focused() int { return f.focus }

// Value is the text of row i ("" for a choice row: read its Choice).
func (f *Form) Value(i int) string {
	if r := f.Rows[i]; r.Input != nil {
		return r.Input.Value()
	}
	return ""
}

// Update handles a message; submit or cancel say the user finished.
func (f *Form) Update(k *KeyMap, msg tea.Msg) (submit, cancel bool, cmd tea.Cmd) {
	var row *Row
	if f.focus < len(f.Rows) {
		row = f.Rows[f.focus]
	}
	if m, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(m, k.Cancel):
			return false, true, nil
		case key.Matches(m, k.Submit):
			return true, false, nil
		case key.Matches(m, k.NextField, k.FieldDown):
			f.Focus(f.focus + 1)
			return false, false, nil
		case key.Matches(m, k.PrevField, k.FieldUp):
			f.Focus(f.focus - 1)
			return false, false, nil
		case key.Matches(m, k.Enter):
			if row == nil {
				return true, false, nil
			}
			f.Focus(f.focus + 1)
			return false, false, nil
		}
		if row != nil && row.Input == nil {
			switch {
			case key.Matches(m, k.ChoiceLeft):
				row.Choice = (row.Choice - 1 + len(row.Options)) % len(row.Options)
			case key.Matches(m, k.ChoiceRight):
				row.Choice = (row.Choice + 1) % len(row.Options)
			}
			return false, false, nil
		}
	}
	if row != nil && row.Input != nil {
		if msg = CleanInput(msg); msg == nil {
			return false, false, nil
		}
		in, cmd := row.Input.Update(msg)
		*row.Input = in
		return false, false, cmd
	}
	return false, false, nil
}

// Typing reports whether printable keys are going into a text input.
func (f *Form) Typing() bool { return f.focus < len(f.Rows) && f.Rows[f.focus].Input != nil }

// Dirty reports whether a text row holds text.
func (f *Form) Dirty() bool {
	for _, r := range f.Rows {
		if r.Input != nil && strings.TrimSpace(r.Input.Value()) != "" {
			return true
		}
	}
	return false
}

// View draws the form within w cells.
func (f *Form) View(st *Styles, w int) []string {
	lines := []string{st.Title.Render(Cut(f.Title, w)), ""}
	for i, r := range f.Rows {
		l := Label(st, r.Label, LabelWidth, i == f.focus)
		if r.Input != nil {
			FitInput(r.Input, max(8, w-LabelWidth-3))
			lines = append(lines, l+" "+r.Input.View())
		} else {
			var parts []string
			for j, o := range r.Options {
				mark := "( ) "
				if j == r.Choice {
					mark = "(•) "
				}
				parts = append(parts, mark+o)
			}
			lines = append(lines, l+" "+Cut(strings.Join(parts, "  "), w-LabelWidth-1))
		}
		if r.Err != "" {
			lines = append(lines, strings.Repeat(" ", LabelWidth+1)+st.Error.Render(Cut(r.Err, w-LabelWidth-1)))
		}
	}
	on := f.focus == len(f.Rows)
	lines = append(lines, "", "  "+Button(st, f.Submit, on)+"  "+
		st.Muted.Render(Cut(f.Keys, max(0, w-ButtonWidth(st, f.Submit, on)-4))))
	if f.Err != "" {
		lines = append(lines, st.Error.Render(Cut(f.Err, w)))
	}
	return lines
}

// Carry takes what the user entered in old, a form of the same rows built before the session
// switched language, so that rebuilding a form in the new language loses nothing.
func (f *Form) Carry(old *Form) {
	if f == nil || old == nil {
		return
	}
	for i, r := range old.Rows {
		if i >= len(f.Rows) {
			break
		}
		n := f.Rows[i]
		if r.Input != nil && n.Input != nil {
			n.Input.SetValue(r.Input.Value())
		}
		if r.Input == nil && n.Input == nil && r.Choice < len(n.Options) {
			n.Choice = r.Choice
		}
	}
	f.Focus(old.focus)
}

// ClearErrs forgets the errors of the last submit.
func (f *Form) ClearErrs() {
	f.Err = ""
	for _, r := range f.Rows {
		r.Err = ""
	}
}

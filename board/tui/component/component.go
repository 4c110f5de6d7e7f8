// Package component holds the widgets the TUI's pages are built from, as soft-serve's
// pkg/ui/components: a yes/no or one-line Prompt, a Form of labelled fields and choices, a
// selection Cursor for lists, a Pager for text longer than the screen (bubbles' viewport), and
// the text fields (bubbles' textinput and textarea set up for a server: no blinking, every typed
// or pasted character through the sanitiser first). Widgets draw with the session's one style
// sheet (Styles, built by package tui) and read keys from its one key map (KeyMap, embedded in
// tui.KeyMap); they do no I/O.
package component

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"bangtin/board/text"
)

// Styles are the parts of the session's style sheet that widgets draw with.
type Styles struct {
	Title, Muted, Selected, Error, Notice lipgloss.Style
	Label, Focus, Button, ButtonFocus     lipgloss.Style
	Box, BoxFocus                         lipgloss.Style
	Marker                                lipgloss.Style
	NoColor                               bool
}

// KeyMap are the keys the widgets answer. Package tui embeds it in its one key map, with help
// texts in the session's language.
type KeyMap struct {
	Up, Down, Top, Bottom     key.Binding // lists and pagers
	ListPageUp, ListPageDown  key.Binding // lists: pgup/pgdown only ("b" and space are actions there)
	ScrollUp, ScrollDown      key.Binding // pagers: a page (pgup, pgdown/space)
	NextField, PrevField      key.Binding // tab, shift+tab
	FieldUp, FieldDown, Enter key.Binding // ↑ ↓ between fields, Enter
	ChoiceLeft, ChoiceRight   key.Binding // a choice row
	Toggle                    key.Binding // a check box
	Press, ButtonLeft         key.Binding // a row of buttons: press (enter, space), move
	ButtonRight               key.Binding
	Submit, Cancel, Yes, No   key.Binding
}

// Marker is the selection marker of a list row: "›" on the selected row, else a space.
func Marker(selected bool) string {
	if selected {
		return "›"
	}
	return " "
}

// Cut sanitises one line of user text and cuts it to w cells with "…".
func Cut(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return text.Truncate(text.Line(s), w, "…")
}

// Pad pads (or cuts) plain text s to exactly w cells.
func Pad(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if text.Width(s) > w {
		s = text.Truncate(s, w, "…")
	}
	if n := w - text.Width(s); n > 0 {
		s += strings.Repeat(" ", n)
	}
	return s
}

// Wrap is multi-line user text for display: sanitised and wrapped to w cells.
func Wrap(s string, w int) []string {
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

// Clip joins at most h lines (each already within the width).
func Clip(lines []string, h int) string {
	if len(lines) > h {
		lines = lines[:max(0, h)]
	}
	return strings.Join(lines, "\n")
}

// Bottom puts foot at the bottom of an h-line page, cutting lines if they do not fit.
func Bottom(lines, foot []string, h int) []string {
	if len(lines) > h-len(foot) {
		lines = lines[:max(0, h-len(foot))]
	}
	for len(lines) < h-len(foot) {
		lines = append(lines, "")
	}
	return append(lines, foot...)
}

// Button draws a button, reversed when focused.
//
// In monochrome the focused button is also marked in its text, "> [ Lưu ] <": a terminal or a
// screen reader that drops reverse video still tells which button Enter presses (issue 19.13).
func Button(st *Styles, label string, focused bool) string {
	b := "[ " + label + " ]"
	switch {
	case focused && st.NoColor:
		return st.ButtonFocus.Render("> " + b + " <")
	case focused:
		return st.ButtonFocus.Render(b)
	}
	return st.Button.Render(b)
}

// ButtonWidth is the width in cells of Button(st, label, focused).
func ButtonWidth(st *Styles, label string, focused bool) int {
	n := text.Width(label) + 4
	if focused && st.NoColor {
		n += 4
	}
	return n
}

// Label is a field's label in a column of w cells: marked with ">" and highlighted when the
// field has the focus.
func Label(st *Styles, name string, w int, focused bool) string {
	l := Pad(name, w-2)
	if focused {
		return "> " + st.Focus.Render(l)
	}
	return "  " + st.Label.Render(l)
}

// Input is a one-line text field without blinking (a blinking cursor redraws idle sessions).
func Input(st *Styles, limit int) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = limit
	ts := textinput.DefaultDarkStyles()
	ts.Cursor.Blink = false
	if st.NoColor {
		plain := textinput.StyleState{Text: lipgloss.NewStyle(), Placeholder: lipgloss.NewStyle(),
			Suggestion: lipgloss.NewStyle(), Prompt: lipgloss.NewStyle()}
		ts.Focused, ts.Blurred = plain, plain
		ts.Cursor.Color = nil
	}
	in.SetStyles(ts)
	return in
}

// Area is a multi-line editor: no line numbers, no blinking, no height or length cap while
// typing or pasting (the board validates the length on send).
func Area(st *Styles) textarea.Model {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	ta.CharLimit = 0
	ta.MaxHeight = 0
	ta.MaxWidth = 0
	as := textarea.DefaultDarkStyles()
	as.Cursor.Blink = false
	if st.NoColor {
		plain := textarea.StyleState{}
		as.Focused, as.Blurred = plain, plain
		as.Cursor.Color = nil
	}
	ta.SetStyles(as)
	// Tab moves between fields; keep ctrl+p and ctrl+n for the pages.
	ta.KeyMap.LinePrevious = key.NewBinding(key.WithKeys("up"))
	ta.KeyMap.LineNext = key.NewBinding(key.WithKeys("down"))
	return ta
}

// Blur takes the focus from a text field and shows its beginning: a field not being edited reads
// from its start, not from where the typing ended (issue 19.10).
func Blur(in *textinput.Model) {
	in.Blur()
	in.CursorStart()
}

// Focus gives a text field the focus with the cursor after its text, where typing goes on.
func Focus(in *textinput.Model) {
	in.Focus()
	in.CursorEnd()
}

// FitInput sets an input's width and recomputes the visible part of its text (textinput only
// does that on edits, so a width set after the value would show the whole text).
func FitInput(in *textinput.Model, w int) {
	if in.Width() == w {
		return
	}
	in.SetWidth(w)
	v, pos := in.Value(), in.Position()
	in.SetValue(v)
	in.SetCursor(pos)
}

// FitArea sizes a textarea, only when the size changed (resizing re-wraps the whole text).
func FitArea(ta *textarea.Model, w, h int) {
	if ta.Width() != w {
		ta.SetWidth(w)
	}
	if ta.Height() != h {
		ta.SetHeight(h)
	}
}

// CleanInput passes what a person types or pastes through the sanitiser before a text field
// sees it, so that not even their own screen shows escape sequences, bidi overrides or
// invisible characters; nil when nothing is left.
func CleanInput(msg tea.Msg) tea.Msg {
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

// PasteError refuses a paste that would make a text longer than its limit: the paste is not
// inserted at all (never silently cut), and the text typed so far stays.
type PasteError struct{ Size, Max int }

func (e *PasteError) Error() string {
	return fmt.Sprintf("paste too long: %d, at most %d", e.Size, e.Max)
}

// Accept is what a text field takes of msg: msg after CleanInput, nil when nothing is left of
// it. A paste into a field with a limit (limited) that would take the text it holds (cur) past
// limit, measured by size (runes or bytes), is refused whole: no message, and a *PasteError.
func Accept(msg tea.Msg, limited bool, cur string, limit int, size func(string) int) (tea.Msg, *PasteError) {
	msg = CleanInput(msg)
	if p, ok := msg.(tea.PasteMsg); ok && limited && size(cur)+size(p.Content) > limit {
		return nil, &PasteError{Size: size(p.Content), Max: limit}
	}
	return msg, nil
}

// Step is the item d steps from cur in order (wrapping around at either end).
func Step(order []int, cur, d int) int {
	i := 0
	for j, x := range order {
		if x == cur {
			i = j
		}
	}
	return order[(i+d+len(order))%len(order)]
}

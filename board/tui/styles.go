package tui

import (
	"strings"

	"charm.land/lipgloss/v2"

	"bangtin/board/tui/component"
)

// Styles is the one place for the TUI's styles. NewStyles(noColor) builds the set for a session;
// with noColor every style must still be readable (bold, reverse, underline only).
//
// Row styles are deliberately the same for a selected and an unselected row: only the Marker
// cell differs, so moving the selection rewrites a couple of cells instead of whole rows.
type Styles struct {
	Header   lipgloss.Style
	Title    lipgloss.Style
	Muted    lipgloss.Style
	Selected lipgloss.Style
	Error    lipgloss.Style
	Notice   lipgloss.Style
	Help     lipgloss.Style

	Marker      lipgloss.Style // the one-cell selection marker ("›")
	NewMark     lipgloss.Style // "Mới" on unread threads
	Tab         lipgloss.Style
	TabActive   lipgloss.Style
	PageCurrent lipgloss.Style // the current page number in the pager
	Section     lipgloss.Style // section headings (Ý kiến bạn đọc, Tin khác)
	Label       lipgloss.Style // labels in the visitor box
	Spark       lipgloss.Style
	HelpKey     lipgloss.Style
	HelpDesc    lipgloss.Style
	HelpSep     lipgloss.Style
	Input       lipgloss.Style // text typed into an input line
	Placeholder lipgloss.Style

	// Forms and lists of the writing pages.
	FieldLabel  lipgloss.Style // a field's label
	Focus       lipgloss.Style // the focused field's label, a prompt's question
	Button      lipgloss.Style
	ButtonFocus lipgloss.Style
	Box         lipgloss.Style // the frame of a multi-line text field
	BoxFocus    lipgloss.Style

	// Widgets is this sheet as the widgets of package component take it.
	Widgets *component.Styles

	// Painters of the hot paths (rows redrawn on every change): the styles' escape codes taken
	// once, so that a row costs string concatenation instead of a lipgloss Render per cell.
	muted, marker, newMark, label, value, spark, pageCur paint
}

// paint wraps text in a style's escape codes, precomputed from a lipgloss style without
// padding, width or borders.
type paint struct{ pre, post string }

func newPaint(st lipgloss.Style) paint {
	const probe = "\uE000" // a private-use rune no style changes
	out := st.Render(probe)
	pre, post, ok := strings.Cut(out, probe)
	if !ok {
		return paint{}
	}
	return paint{pre: pre, post: post}
}

func (p paint) r(s string) string {
	if p.pre == "" && p.post == "" {
		return s
	}
	return p.pre + s + p.post
}

func (s *Styles) finish(noColor bool) *Styles {
	s.Widgets = &component.Styles{
		Title: s.Title, Muted: s.Muted, Selected: s.Selected, Error: s.Error, Notice: s.Notice,
		Label: s.FieldLabel, Focus: s.Focus, Button: s.Button, ButtonFocus: s.ButtonFocus,
		Box: s.Box, BoxFocus: s.BoxFocus, Marker: s.Marker, NoColor: noColor,
	}
	s.muted = newPaint(s.Muted)
	s.marker = newPaint(s.Marker)
	s.newMark = newPaint(s.NewMark)
	s.label = newPaint(s.Label)
	s.value = newPaint(s.Title)
	s.spark = newPaint(s.Spark)
	s.pageCur = newPaint(s.PageCurrent)
	return s
}

// Marker is the selection marker drawn in the first column of a selected row.
const Marker = "›"

// NewStyles builds a session's styles.
func NewStyles(noColor bool) *Styles {
	n := lipgloss.NewStyle()
	if noColor {
		return (&Styles{
			Header:      n.Reverse(true).Bold(true),
			Title:       n.Bold(true),
			Muted:       n,
			Selected:    n.Reverse(true).Bold(true),
			Error:       n.Bold(true).Underline(true),
			Notice:      n.Bold(true),
			Help:        n,
			Marker:      n.Reverse(true).Bold(true),
			NewMark:     n.Bold(true),
			Tab:         n,
			TabActive:   n.Reverse(true).Bold(true),
			PageCurrent: n.Reverse(true).Bold(true),
			Section:     n.Bold(true).Underline(true),
			Label:       n,
			Spark:       n,
			HelpKey:     n.Bold(true),
			HelpDesc:    n,
			HelpSep:     n,
			Input:       n,
			Placeholder: n,
			FieldLabel:  n,
			Focus:       n.Bold(true).Reverse(true),
			Button:      n,
			ButtonFocus: n.Reverse(true).Bold(true),
			Box:         n.Border(lipgloss.NormalBorder()),
			BoxFocus:    n.Border(lipgloss.ThickBorder()),
		}).finish(true)
	}
	var (
		accent = lipgloss.Color("39")  // blue
		muted  = lipgloss.Color("245") // grey
		warm   = lipgloss.Color("214") // orange
		bad    = lipgloss.Color("203") // red
		good   = lipgloss.Color("78")  // green
		bar    = lipgloss.Color("24")  // dark blue
	)
	return (&Styles{
		Header:      n.Background(bar).Foreground(lipgloss.Color("231")).Bold(true),
		Title:       n.Bold(true).Foreground(accent),
		Muted:       n.Foreground(muted),
		Selected:    n.Reverse(true).Bold(true),
		Error:       n.Foreground(bad).Bold(true),
		Notice:      n.Foreground(good).Bold(true),
		Help:        n.Foreground(muted),
		Marker:      n.Foreground(warm).Bold(true),
		NewMark:     n.Foreground(warm).Bold(true),
		Tab:         n.Foreground(muted),
		TabActive:   n.Foreground(accent).Bold(true).Underline(true),
		PageCurrent: n.Reverse(true).Bold(true),
		Section:     n.Foreground(accent).Bold(true),
		Label:       n.Foreground(muted),
		Spark:       n.Foreground(good),
		HelpKey:     n.Foreground(lipgloss.Color("250")).Bold(true),
		HelpDesc:    n.Foreground(muted),
		HelpSep:     n.Foreground(lipgloss.Color("240")),
		Input:       n,
		Placeholder: n.Foreground(muted),
		FieldLabel:  n,
		Focus:       n.Bold(true).Foreground(lipgloss.Color("12")),
		Button:      n,
		ButtonFocus: n.Reverse(true).Bold(true),
		Box:         n.Border(lipgloss.NormalBorder()),
		BoxFocus:    n.Border(lipgloss.ThickBorder()).BorderForeground(lipgloss.Color("12")),
	}).finish(false)
}

package tui

import "charm.land/lipgloss/v2"

// Styles is the one place for the TUI's styles. NewStyles(noColor) builds the set for a session;
// with noColor every style must still be readable (bold, reverse, underline only).
type Styles struct {
	Header   lipgloss.Style
	Title    lipgloss.Style
	Muted    lipgloss.Style
	Selected lipgloss.Style
	Error    lipgloss.Style
	Notice   lipgloss.Style
	Help     lipgloss.Style
}

// NewStyles builds a session's styles.
func NewStyles(noColor bool) *Styles {
	return &Styles{}
}

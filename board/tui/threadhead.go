package tui

import (
	"strings"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

// threadHeader is the top of a thread as readers see it: the title, the summary under it, the
// author, date, category and views, and a rule, w cells wide (each line after one cell of
// margin). The thread page and the editor's preview share it, so that the preview shows what
// readers will see.
func threadHeader(c *Common, t board.Thread, category string, w int) []string {
	s := c.Styles
	var lines []string
	for _, l := range text.Wrap(stateTitle(c, t), w) {
		lines = append(lines, " "+s.Title.Render(l))
	}
	if sum := Line(t.Summary); sum != "" {
		italic := s.Muted.Italic(true) // readable without colour too
		for _, l := range text.Wrap(sum, w) {
			lines = append(lines, " "+italic.Render(l))
		}
	}
	date := t.PublishedAt
	if date.IsZero() {
		date = t.CreatedAt
	}
	meta := c.T(i18n.TUIThreadMeta, Line(t.AuthorName), c.Date(date), Line(category), t.Views)
	return append(lines, " "+s.Muted.Render(Fit(meta, w)), " "+s.Muted.Render(strings.Repeat("─", w)))
}

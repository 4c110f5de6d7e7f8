package tui

import (
	"strconv"

	"strings"

	xansi "github.com/charmbracelet/x/ansi"

	"bangtin/board/i18n"
	"bangtin/board/text"
)

func spaces(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(" ", n)
}

// width is text.Width with a fast path for printable ASCII (dates, numbers).
func width(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return text.Width(s)
		}
	}
	return len(s)
}

// padLeft right-aligns s (sanitised, unstyled) in w cells.
func padLeft(s string, w int) string {
	sw := width(s)
	if sw > w {
		return text.Truncate(s, w, "…")
	}
	return spaces(w-sw) + s
}

// number formats n with the thousands separator of lang (1.234 in Vietnamese, 1,234 in English).
func number(lang i18n.Lang, n uint64) string {
	s := strconv.FormatUint(n, 10)
	sep := "."
	if lang == i18n.En {
		sep = ","
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

var sparkBars = []rune("▁▂▃▄▅▆▇█")

// sparkline draws one cell per value, scaled to the largest.
func sparkline(vals []uint64) string {
	var mx uint64
	for _, v := range vals {
		mx = max(mx, v)
	}
	r := make([]rune, len(vals))
	for i, v := range vals {
		lvl := 0
		if mx > 0 {
			lvl = int(v * uint64(len(sparkBars)-1) / mx)
		}
		r[i] = sparkBars[lvl]
	}
	return string(r)
}

// pageNumbers lays out a pager like the portal's: "‹ 1 2 3 4 5 … ›". It returns the pieces so that
// the caller can style the current page; cur is the index of the current page's piece.
func pageNumbers(page, pages int) (pieces []string, cur int) {
	if pages < 1 {
		pages = 1
	}
	page = min(max(page, 1), pages)
	start := max(1, page-2)
	end := min(pages, start+4)
	start = max(1, end-4)
	pieces = append(pieces, "‹")
	if start > 1 {
		pieces = append(pieces, "…")
	}
	cur = -1
	for i := start; i <= end; i++ {
		if i == page {
			cur = len(pieces)
		}
		pieces = append(pieces, strconv.Itoa(i))
	}
	if end < pages {
		pieces = append(pieces, "…")
	}
	pieces = append(pieces, "›")
	return pieces, cur
}

// stripANSI removes escape sequences from our own rendered output (never a sanitiser for user
// text: see board/text.Clean).
func stripANSI(s string) string { return xansi.Strip(s) }

// lineWidth is the width of a line of our own styled output.
func lineWidth(s string) int { return xansi.StringWidth(s) }

// truncateStyled cuts a styled line to w cells (a safety net: pages lay out to the width).
func truncateStyled(s string, w int) string { return xansi.Truncate(s, w, "") }

// settled ends a page's wait for an answer: busy goes off, and an error becomes the page's
// error line (the page keeps what it showed). It reports whether the answer succeeded.
func (c *Common) settled(busy *bool, errLine *string, err error) bool {
	*busy = false
	if err != nil {
		*errLine = c.ErrText(err)
		return false
	}
	return true
}

// withStatus is a form's lines with its last line, cut to w, added when there is one: what it is
// busy doing (busy, an i18n key, when doing is true), else its error, else its notice.
func (c *Common) withStatus(lines []string, doing bool, busy i18n.Key, errLine, notice string, w int) []string {
	switch {
	case doing:
		return append(lines, c.Styles.Muted.Render(Cut(c.T(busy), w)))
	case errLine != "":
		return append(lines, c.Styles.Error.Render(Cut(errLine, w)))
	case notice != "":
		return append(lines, c.Styles.Notice.Render(Cut(notice, w)))
	}
	return lines
}

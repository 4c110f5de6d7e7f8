package command

import (
	"fmt"
	"io"
	"strings"

	"bangtin/board/text"
)

// table prints rows in columns aligned by display width (Vietnamese combining marks take no
// cell, CJK and emoji two). Cells must already be sanitised one-line text.
type table struct {
	head  []string
	max   []int // per column: at most this many cells (0: no limit)
	rows  [][]string
	right []bool // per column: align right (numbers)
}

func newTable(head ...string) *table {
	return &table{head: head, max: make([]int, len(head)), right: make([]bool, len(head))}
}

// limit caps a column's width; longer cells are truncated with "…".
func (t *table) limit(col, cells int) *table { t.max[col] = cells; return t }

// alignRight aligns columns to the right.
func (t *table) alignRight(cols ...int) *table {
	for _, c := range cols {
		t.right[c] = true
	}
	return t
}

func (t *table) add(cells ...string) {
	row := make([]string, len(t.head))
	for i := range row {
		if i < len(cells) {
			row[i] = cells[i]
			if t.max[i] > 0 {
				row[i] = text.Truncate(row[i], t.max[i], "…")
			}
		}
	}
	t.rows = append(t.rows, row)
}

func (t *table) write(w io.Writer) {
	widths := make([]int, len(t.head))
	for i, h := range t.head {
		widths[i] = text.Width(h)
	}
	for _, row := range t.rows {
		for i, c := range row {
			widths[i] = max(widths[i], text.Width(c))
		}
	}
	line := func(cells []string) {
		var b strings.Builder
		for i, c := range cells {
			pad := strings.Repeat(" ", widths[i]-text.Width(c))
			last := i == len(cells)-1
			switch {
			case t.right[i]:
				b.WriteString(pad + c)
			case last:
				b.WriteString(c)
			default:
				b.WriteString(c + pad)
			}
			if !last {
				b.WriteString("  ")
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	line(t.head)
	for _, row := range t.rows {
		line(row)
	}
}

package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/term"

	"bangtin/board/export"
	"bangtin/board/i18n"
)

// progressView shows how far a copy is, kind by kind: on a terminal a bar per kind redrawn at
// most ten times a second; elsewhere one plain line per kind when it is done. The bar is drawn
// by hand (a run of blocks): bubbles' progress bar would need a bubbletea program (the copy has
// no input to handle) and another module for its animation, which a static bar does not use.
type progressView struct {
	w     io.Writer
	l     i18n.Lang
	tty   bool
	kinds []string // in the order seen
	done  map[string]uint64
	total map[string]uint64
	drawn int // lines drawn last time (tty)
	last  time.Time
	cur   string // plain: the kind being counted
}

func newProgressView(w io.Writer, l i18n.Lang) *progressView {
	p := &progressView{w: w, l: l}
	if f, ok := w.(*os.File); ok && term.IsTerminal(f.Fd()) {
		p.tty = true
	}
	p.reset()
	return p
}

func (p *progressView) reset() {
	p.kinds, p.done, p.total, p.drawn, p.cur = nil, map[string]uint64{}, map[string]uint64{}, 0, ""
}

// kindName is a record kind in the user's language.
func kindName(l i18n.Lang, kind string) string {
	key := map[string]i18n.Key{
		export.KindSettings: i18n.CopyKindSettings, export.KindCounters: i18n.CopyKindCounters,
		export.KindCategory: i18n.CopyKindCategory, export.KindThread: i18n.CopyKindThread,
		export.KindRevision: i18n.CopyKindRevision, export.KindComment: i18n.CopyKindComment,
		export.KindLastName: i18n.CopyKindLastName, export.KindBan: i18n.CopyKindBan,
		export.KindAccount: i18n.CopyKindAccount, export.KindAudit: i18n.CopyKindAudit,
		export.KindReadMark: i18n.CopyKindReadMark, export.KindVisitMark: i18n.CopyKindVisitMark,
		export.KindDay: i18n.CopyKindDay, export.KindReaderPrefs: i18n.CopyKindReaderPrefs,
	}[kind]
	if key == "" {
		return kind
	}
	return i18n.T(l, key)
}

// update is an export.Progress.
func (p *progressView) update(kind string, done, total uint64) {
	if _, ok := p.done[kind]; !ok {
		p.kinds = append(p.kinds, kind)
	}
	p.done[kind], p.total[kind] = done, total
	if !p.tty {
		if p.cur != "" && p.cur != kind {
			p.line(p.cur)
		}
		p.cur = kind
		return
	}
	if time.Since(p.last) >= 100*time.Millisecond {
		p.draw()
	}
}

// line prints the plain line of a kind.
func (p *progressView) line(kind string) {
	if t := p.total[kind]; t > 0 {
		fmt.Fprintf(p.w, "  %s: %d/%d\n", kindName(p.l, kind), p.done[kind], t)
	} else {
		fmt.Fprintf(p.w, "  %s: %d\n", kindName(p.l, kind), p.done[kind])
	}
}

func (p *progressView) draw() {
	p.last = time.Now()
	var b strings.Builder
	if p.drawn > 0 {
		fmt.Fprintf(&b, "\x1b[%dA", p.drawn)
	}
	for _, k := range p.kinds {
		name := kindName(p.l, k)
		pad := max(0, 22-utf8.RuneCountInString(name))
		frac := 1.0
		if t := p.total[k]; t > 0 {
			frac = float64(p.done[k]) / float64(t)
		}
		fmt.Fprintf(&b, "\r\x1b[2K  %s%s %s %d/%d\n", name, strings.Repeat(" ", pad), bar(frac, 30), p.done[k], p.total[k])
	}
	p.drawn = len(p.kinds)
	io.WriteString(p.w, b.String())
}

// finish shows the final counts and starts afresh for the next phase.
func (p *progressView) finish() {
	switch {
	case p.tty && len(p.kinds) > 0:
		p.draw()
	case !p.tty && p.cur != "":
		p.line(p.cur)
	}
	p.reset()
}

// bar is a bar of width cells, frac of it full.
func bar(frac float64, width int) string {
	full := int(frac*float64(width) + 0.5)
	full = min(max(full, 0), width)
	return strings.Repeat("█", full) + strings.Repeat("░", width-full)
}

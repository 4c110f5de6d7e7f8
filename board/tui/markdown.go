package tui

import (
	"fmt"
	"reflect"
	"strings"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"

	"bangtin/board/i18n"
	"bangtin/board/text"
)

// A thread's Markdown body is rendered once per (thread, version of its text, width, colour,
// language) and shared by every session through mdCache: rendering and width measuring are most
// of a terminal board's CPU.

type mdKey struct {
	id      uint64
	updated int64 // UnixNano of the thread's UpdatedAt
	width   int
	noColor bool
	lang    i18n.Lang // image captions are labelled in the reader's language
}

// rendered is a rendered body, split into screen lines. Sessions share it read-only.
type rendered struct {
	lines []string
	bytes int
}

var mdCache = newMemo[mdKey, *rendered](512, 32<<20, func(r *rendered) int { return r.bytes })

// renderBody renders body for k, or returns the copy another session rendered.
func renderBody(k mdKey, body string) (*rendered, error) {
	return mdCache.Get(k, func() (*rendered, error) { return renderMarkdown(k, body) })
}

func markdownStyle(noColor bool, lang i18n.Lang) ansi.StyleConfig {
	cfg := styles.DarkStyleConfig
	if noColor {
		// The dark style's layout with bold, italic and underline but no colour at all.
		stripColors(reflect.ValueOf(&cfg).Elem())
		cfg.CodeBlock.Chroma = nil
		cfg.CodeBlock.Theme = ""
	}
	// Terminals show no images: an image becomes its caption and its address.
	cfg.ImageText.Format = i18n.T(lang, i18n.TUIImage)
	zero := uint(0)
	cfg.Document.Margin = &zero
	return cfg
}

// stripColors clears every Color and BackgroundColor of a glamour style, in place. Pointers are
// replaced, never written through: the package's default styles share them.
func stripColors(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() && v.Elem().Kind() == reflect.Struct {
			cp := reflect.New(v.Elem().Type())
			cp.Elem().Set(v.Elem())
			stripColors(cp.Elem())
			v.Set(cp)
		}
	case reflect.Struct:
		t := v.Type()
		for i := range v.NumField() {
			f := v.Field(i)
			if !f.CanSet() {
				continue
			}
			if name := t.Field(i).Name; (name == "Color" || name == "BackgroundColor") && f.Kind() == reflect.Pointer {
				f.Set(reflect.Zero(f.Type()))
				continue
			}
			stripColors(f)
		}
	}
}

// renderMarkdown sanitises a user's Markdown and renders it to width cells.
func renderMarkdown(k mdKey, body string) (*rendered, error) {
	body = strings.ReplaceAll(text.Clean(body), "\t", "    ")
	w := max(k.width, 20)
	r, err := glamour.NewTermRenderer(
		glamour.WithStyles(markdownStyle(k.noColor, k.lang)),
		glamour.WithWordWrap(w),
	)
	if err != nil {
		return nil, fmt.Errorf("markdown renderer: %w", err)
	}
	out, err := r.Render(body)
	if err != nil {
		return nil, fmt.Errorf("render thread %d: %w", k.id, err)
	}
	out = strings.Trim(out, "\n")
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	// Drop blank lines at both ends (glamour pads documents).
	for len(lines) > 0 && strings.TrimSpace(stripANSI(lines[0])) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(stripANSI(lines[len(lines)-1])) == "" {
		lines = lines[:len(lines)-1]
	}
	return &rendered{lines: lines, bytes: len(out) + 16*len(lines) + 64}, nil
}

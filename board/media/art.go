package media

import (
	"image"
	"image/color"
	"strings"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/image/draw"
)

// Cell is one terminal cell of half-block art: "▀" with the upper pixel as the foreground
// colour and the lower pixel as the background.
type Cell struct {
	Top, Bottom color.RGBA
}

// Art is a picture as rows of cells, two pixel rows per terminal row.
type Art struct {
	Rows [][]Cell
}

// HalfBlocks scales img to width cells (keeping its aspect ratio, two pixels a cell in height,
// which is about square on a terminal whose cells are twice as high as wide) and returns the
// cells. Transparent pixels are drawn over white. width below 1 gives no rows.
func HalfBlocks(img image.Image, width int) Art {
	b := img.Bounds()
	if width < 1 || b.Dx() < 1 || b.Dy() < 1 {
		return Art{}
	}
	width = min(width, b.Dx())
	h := max(2, (b.Dy()*width/b.Dx()+1)&^1)
	dst := image.NewRGBA(image.Rect(0, 0, width, h))
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, b, draw.Over, nil)
	rows := make([][]Cell, h/2)
	for y := range rows {
		row := make([]Cell, width)
		for x := range row {
			row[x] = Cell{Top: dst.RGBAAt(x, 2*y), Bottom: dst.RGBAAt(x, 2*y+1)}
		}
		rows[y] = row
	}
	return Art{Rows: rows}
}

// Lines renders the art as lines of "▀" with 24-bit SGR colours (LinesFor TrueColor).
func (a Art) Lines() []string { return a.LinesFor(colorprofile.TrueColor) }

// LinesFor renders the art as lines of "▀" with SGR colours of the profile p (24-bit, 256 or 16
// colours), each line ending with a reset, so that a terminal's frames carry colours it draws
// and nothing converts them again per frame. Adjacent cells whose colours are the same once
// brought down share one SGR. p without colours (ASCII, NoTTY) gives nil: show a placeholder.
//
// The conversion uses x/ansi's Convert256 and Convert16 directly, not colorprofile.Convert,
// which remembers every colour it converted in a process-wide map that never shrinks.
func (a Art) LinesFor(p colorprofile.Profile) []string {
	if p <= colorprofile.ASCII || len(a.Rows) == 0 {
		return nil
	}
	conv := func(c color.RGBA) ansi.Color {
		switch p {
		case colorprofile.ANSI256:
			return ansi.Convert256(c)
		case colorprofile.ANSI:
			return ansi.Convert16(c)
		}
		return c
	}
	out := make([]string, len(a.Rows))
	var sb strings.Builder
	for i, row := range a.Rows {
		sb.Reset()
		var lastTop, lastBottom ansi.Color
		for j, c := range row {
			top, bottom := conv(c.Top), conv(c.Bottom)
			if j == 0 || top != lastTop || bottom != lastBottom {
				sb.WriteString(ansi.Style{}.ForegroundColor(top).BackgroundColor(bottom).String())
				lastTop, lastBottom = top, bottom
			}
			sb.WriteString("▀")
		}
		sb.WriteString("\x1b[m")
		out[i] = sb.String()
	}
	return out
}

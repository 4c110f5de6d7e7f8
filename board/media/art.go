package media

import (
	"fmt"
	"image"
	"image/color"
	"strings"

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

// Lines renders the art as lines of "▀" with 24-bit SGR colours, each line ending with a reset;
// the TUI brings them down to the client's colour profile (colorprofile) before they are drawn.
// Adjacent cells of the same colours share one SGR.
func (a Art) Lines() []string {
	out := make([]string, len(a.Rows))
	for i, row := range a.Rows {
		var sb strings.Builder
		var last Cell
		for j, c := range row {
			if j == 0 || c != last {
				fmt.Fprintf(&sb, "\x1b[38;2;%d;%d;%d;48;2;%d;%d;%dm", c.Top.R, c.Top.G, c.Top.B, c.Bottom.R, c.Bottom.G, c.Bottom.B)
				last = c
			}
			sb.WriteString("▀")
		}
		sb.WriteString("\x1b[m")
		out[i] = sb.String()
	}
	return out
}

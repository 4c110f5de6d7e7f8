package media

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"
)

func TestArtCache(t *testing.T) {
	var buf bytes.Buffer
	png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, 40, 20)))
	draws := 0
	big, small := artBytes(HalfBlocks(image.NewNRGBA(image.Rect(0, 0, 40, 20)), 40)), artBytes(HalfBlocks(image.NewNRGBA(image.Rect(0, 0, 40, 20)), 20))
	c := NewArtCache(big + small)
	get := func(sum string, width int) Art {
		a, err := c.Get(sum, width, func() (Art, error) {
			draws++
			return ArtOf(buf.Bytes(), PNG, width)
		})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	a := get("a", 40)
	if len(a.Rows) != 10 || len(a.Rows[0]) != 40 {
		t.Fatalf("art %dx%d", len(a.Rows[0]), len(a.Rows))
	}
	get("a", 40)
	if draws != 1 {
		t.Fatalf("%d draws, want 1 (shared)", draws)
	}
	get("a", 20) // 20x5: the cache is now full
	if c.Bytes() != big+small {
		t.Fatalf("%d bytes, want %d", c.Bytes(), big+small)
	}
	get("b", 20) // evicts the least recently used: a at 40
	if c.Bytes() != 2*small || draws != 3 {
		t.Fatalf("%d bytes, %d draws", c.Bytes(), draws)
	}
	get("a", 20)
	if draws != 3 {
		t.Fatal("a at 20 was evicted instead of a at 40")
	}
	get("a", 40)
	if draws != 4 {
		t.Fatal("a at 40 was still kept")
	}
	if _, err := ArtOf(pngHeader(30000, 30000), PNG, 80); err == nil {
		t.Fatal("a huge picture was drawn")
	}
}

// TestArtLinesPerProfile: lines carry the colours of their profile only, are made once per
// (picture, width, profile) from cells drawn once per (picture, width).
func TestArtLinesPerProfile(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 8, 4))
	for y := range 4 {
		for x := range 8 {
			img.Set(x, y, color.RGBA{uint8(30 * x), uint8(60 * y), 200, 255})
		}
	}
	var buf bytes.Buffer
	png.Encode(&buf, img)
	c := NewArtCache(0)
	draws := 0
	draw := func() (Art, error) {
		draws++
		return ArtOf(buf.Bytes(), PNG, 8)
	}
	for _, tc := range []struct {
		p          colorprofile.Profile
		want, none *regexp.Regexp
	}{
		{colorprofile.TrueColor, regexp.MustCompile(`\x1b\[38;2;\d+;\d+;\d+;48;2;\d+;\d+;\d+m`), regexp.MustCompile(`[34]8;5;`)},
		{colorprofile.ANSI256, regexp.MustCompile(`\x1b\[38;5;\d+;48;5;\d+m`), regexp.MustCompile(`[34]8;2;`)},
		{colorprofile.ANSI, regexp.MustCompile(`\x1b\[(3[0-7]|9[0-7]);(4[0-7]|10[0-7])m`), regexp.MustCompile(`[34]8;`)},
		{colorprofile.ASCII, nil, nil},
		{colorprofile.NoTTY, nil, nil},
	} {
		t.Run(tc.p.String(), func(t *testing.T) {
			ls, err := c.Lines("sum", 8, tc.p, draw)
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == nil {
				if ls != nil {
					t.Fatalf("lines without colours: %q", ls)
				}
				return
			}
			if len(ls) != 2 {
				t.Fatalf("%d lines, want 2", len(ls))
			}
			for _, l := range ls {
				if strings.Count(l, "▀") != 8 || !tc.want.MatchString(l) || tc.none.MatchString(l) || !strings.HasSuffix(l, "\x1b[m") {
					t.Errorf("line %q", l)
				}
			}
			again, _ := c.Lines("sum", 8, tc.p, draw)
			if &again[0] != &ls[0] {
				t.Error("the lines were made again, not shared")
			}
		})
	}
	if draws != 1 {
		t.Errorf("%d draws, want 1 for every profile", draws)
	}
}

func TestSmaller(t *testing.T) {
	var buf bytes.Buffer
	png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, 2000, 1000)))
	res, err := Smaller(buf.Bytes(), PNG, 800)
	if err != nil || res.Type != PNG || res.Width != 800 || res.Height != 400 {
		t.Fatalf("%s %dx%d %v", res.Type, res.Width, res.Height, err)
	}
	jpg := testJPEG(t, 1600, 1200)
	res, err = Smaller(jpg, JPEG, 800)
	if err != nil || res.Type != JPEG || res.Width != 800 || res.Height != 600 {
		t.Fatalf("%s %dx%d %v", res.Type, res.Width, res.Height, err)
	}
}

// BenchmarkArtFrame256 is what a 256-colour session's screen spends per frame on 80×16 cells
// of art (colorprofile.Writer, as board/sshd/screen.go writes each frame): lines made in 24-bit
// colour, converted on every frame, against lines made once in 256 colours.
func BenchmarkArtFrame256(b *testing.B) {
	img := image.NewRGBA(image.Rect(0, 0, 80, 32))
	for y := range 32 {
		for x := range 80 {
			img.Set(x, y, color.RGBA{uint8(3 * x), uint8(7 * y), uint8(x * y), 255})
		}
	}
	a := HalfBlocks(img, 80)
	for _, tc := range []struct {
		name  string
		lines []string
	}{{"24bit-lines", a.LinesFor(colorprofile.TrueColor)}, {"256-lines", a.LinesFor(colorprofile.ANSI256)}} {
		b.Run(tc.name, func(b *testing.B) {
			var out bytes.Buffer
			w := &colorprofile.Writer{Forward: &out, Profile: colorprofile.ANSI256}
			b.ReportAllocs()
			for b.Loop() {
				out.Reset()
				for _, l := range tc.lines {
					_, _ = w.WriteString(l)
				}
			}
			b.ReportMetric(float64(out.Len()), "bytes/frame")
		})
	}
}

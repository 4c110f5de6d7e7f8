package media

import (
	"bytes"
	"image"
	"image/png"
	"testing"
)

func TestArtCache(t *testing.T) {
	var buf bytes.Buffer
	png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, 40, 20)))
	draws := 0
	c := NewArtCache(40*10 + 20*5)
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
	if c.Cells() != 500 {
		t.Fatalf("%d cells", c.Cells())
	}
	get("b", 20) // evicts the least recently used: a at 40
	if c.Cells() != 200 || draws != 3 {
		t.Fatalf("%d cells, %d draws", c.Cells(), draws)
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

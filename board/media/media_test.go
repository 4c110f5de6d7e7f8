package media

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"runtime"
	"strings"
	"testing"
)

// testJPEG is a w×h JPEG, left half red, right half blue.
func testJPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{255, 0, 0, 255}
			if x >= w/2 {
				c = color.RGBA{0, 0, 255, 255}
			}
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// withExif inserts an APP1 Exif segment after SOI: IFD0 holds the orientation and a GPS IFD
// pointer; the GPS IFD holds a latitude reference, and a marker string follows it.
func withExif(jpg []byte, orientation uint16) []byte {
	var t bytes.Buffer
	le := binary.LittleEndian
	t.WriteString("II")
	binary.Write(&t, le, uint16(42))
	binary.Write(&t, le, uint32(8))
	// IFD0 at 8: 2 entries
	binary.Write(&t, le, uint16(2))
	binary.Write(&t, le, [6]uint16{0x0112, 3, 1, 0, orientation, 0})
	binary.Write(&t, le, []uint16{0x8825, 4})
	binary.Write(&t, le, []uint32{1, 38})
	binary.Write(&t, le, uint32(0))
	// GPS IFD at 38: one entry, GPSLatitudeRef "N"
	binary.Write(&t, le, uint16(1))
	binary.Write(&t, le, []uint16{0x0001, 2})
	binary.Write(&t, le, []uint32{2, 'N'})
	binary.Write(&t, le, uint32(0))
	t.WriteString("GPS 21.0285N 105.8542E SECRET-LOCATION")
	seg := append([]byte("Exif\x00\x00"), t.Bytes()...)
	var out bytes.Buffer
	out.Write(jpg[:2])
	out.Write([]byte{0xFF, 0xE1})
	binary.Write(&out, binary.BigEndian, uint16(len(seg)+2))
	out.Write(seg)
	out.Write(jpg[2:])
	return out.Bytes()
}

func TestPictureDropsExifAndOrients(t *testing.T) {
	in := withExif(testJPEG(t, 40, 20), 6)
	if Sniff(in) != JPEG {
		t.Fatalf("sniff %q", Sniff(in))
	}
	if o := Orientation(in); o != 6 {
		t.Fatalf("orientation %d, want 6", o)
	}
	res, err := Picture(in, JPEG)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"Exif", "SECRET-LOCATION", "GPS"} {
		if bytes.Contains(res.Data, []byte(bad)) {
			t.Errorf("output still holds %q", bad)
		}
	}
	if res.Type != JPEG || res.Width != 20 || res.Height != 40 {
		t.Fatalf("got %s %dx%d, want image/jpeg 20x40 (rotated)", res.Type, res.Width, res.Height)
	}
	img, err := jpeg.Decode(bytes.NewReader(res.Data))
	if err != nil {
		t.Fatal(err)
	}
	// Orientation 6: the left (red) half of the stored picture is the top once upright.
	if r, _, b, _ := img.At(10, 5).RGBA(); r < b {
		t.Errorf("top is not red after rotation")
	}
	if r, _, b, _ := img.At(10, 35).RGBA(); b < r {
		t.Errorf("bottom is not blue after rotation")
	}
}

// pngHeader is a PNG holding only a signature and an IHDR declaring w×h.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr, w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	binary.Write(&b, binary.BigEndian, uint32(13))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

func TestPictureDeclaredTooLarge(t *testing.T) {
	for _, c := range []struct{ w, h uint32 }{{30000, 30000}, {10001, 10}, {8000, 8000}} {
		data := pngHeader(c.w, c.h)
		_, err := Picture(data, PNG)
		if !errors.Is(err, ErrTooLarge) {
			t.Errorf("%dx%d: err %v, want ErrTooLarge", c.w, c.h, err)
		}
	}
	// Refused from the header alone: a handful of small allocations, never the pixels.
	huge := pngHeader(30000, 30000)
	if allocs := testing.AllocsPerRun(20, func() { Picture(huge, PNG) }); allocs > 30 {
		t.Errorf("refusing a 30000×30000 PNG took %.0f allocations", allocs)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	Picture(huge, PNG)
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("refusing a 30000×30000 PNG allocated %d bytes (decoding it would take 3.6 GB)", n)
	}
	if _, err := Config(pngHeader(6000, 6000), PNG); err != nil {
		t.Errorf("36 megapixels refused: %v", err)
	}
}

func TestPictureScaledDown(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 3000, 100))
	var buf bytes.Buffer
	png.Encode(&buf, img)
	res, err := Picture(buf.Bytes(), PNG)
	if err != nil {
		t.Fatal(err)
	}
	if res.Type != PNG || res.Width != MaxOutput || res.Height != 85 {
		t.Fatalf("got %s %dx%d", res.Type, res.Width, res.Height)
	}
	if _, err := Picture([]byte("\x89PNG\r\n\x1a\nbroken"), PNG); !errors.Is(err, ErrBroken) {
		t.Fatalf("broken PNG: %v", err)
	}
}

func zipOf(t *testing.T, names map[string][]byte, order []string, method uint16) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range order {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: n, Method: method})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(names[n])
	}
	zw.Close()
	return buf.Bytes()
}

func TestSniff(t *testing.T) {
	// A zip bomb dressed as a DOCX: its document part is 20 MB of zeros compressed to ~20 KB.
	// Sniffing reads its directory only; a decompression would take far longer than this test.
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	zw.Create("[Content_Types].xml")
	w, _ := zw.Create("word/document.xml")
	zeros := make([]byte, 1<<20)
	for range 20 {
		w.Write(zeros)
	}
	zw.Close()
	if bomb.Len() > 10<<20 {
		t.Fatalf("bomb of %d bytes", bomb.Len())
	}
	odt := zipOf(t, map[string][]byte{"mimetype": []byte(ODT), "content.xml": []byte("<x/>")}, []string{"mimetype", "content.xml"}, zip.Store)
	ods := zipOf(t, map[string][]byte{"mimetype": []byte(ODS)}, []string{"mimetype"}, zip.Store)
	xlsx := zipOf(t, map[string][]byte{"[Content_Types].xml": nil, "xl/workbook.xml": nil}, []string{"[Content_Types].xml", "xl/workbook.xml"}, zip.Deflate)
	plain := zipOf(t, map[string][]byte{"a.txt": []byte("x")}, []string{"a.txt"}, zip.Deflate)
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"docx bomb", bomb.Bytes(), DOCX},
		{"odt", odt, ODT},
		{"ods", ods, ODS},
		{"xlsx", xlsx, XLSX},
		{"zip", plain, ZIP},
		{"pdf", []byte("%PDF-1.7\n..."), PDF},
		{"txt", []byte("Lịch tiếp công dân\n"), TXT},
		{"binary", []byte("abc\x00def"), "application/octet-stream"},
		{"latin1", []byte("caf\xe9 ok"), "application/octet-stream"},
		{"html", []byte("<html><script>"), "text/html; charset=utf-8"},
		{"png", pngHeader(1, 1), PNG},
	} {
		if got := Sniff(c.data); got != c.want {
			t.Errorf("%s: Sniff = %q, want %q", c.name, got, c.want)
		}
	}
	p := Policy{}
	if p.Allowed(ZIP) || !p.Allowed(DOCX) || p.Allowed("text/html; charset=utf-8") {
		t.Error("default policy wrong")
	}
	if !(Policy{Extra: []string{ZIP}}).Allowed(ZIP) {
		t.Error("extra type not allowed")
	}
}

func TestCleanName(t *testing.T) {
	taken := map[string]bool{"bao-cao.pdf": true, "bao-cao (2).pdf": true}
	for _, c := range []struct{ in, typ, want string }{
		{"../../etc/passwd", TXT, "passwd.txt"},
		{"a/b.pdf", PDF, "b.pdf"},
		{`a\b.pdf`, PDF, "b.pdf"},
		{"\x1b[2J.pdf", PDF, "tep.pdf"},
		{"\x1b[2Jx.pdf", PDF, "x.pdf"},
		{"CON.pdf", PDF, "_CON.pdf"},
		{"lpt1", TXT, "_lpt1.txt"},
		{"..", PDF, "tep.pdf"},
		{"Kế hoạch.pdf", PDF, "Kế hoạch.pdf"},
		{"Ke\u0302\u0301 hoạch.pdf", PDF, "Kế hoạch.pdf"},
		{"ảnh.png", JPEG, "ảnh.png.jpg"},
		{"photo.JPEG", JPEG, "photo.JPEG"},
		{`what?<>|".pdf`, PDF, "what_____.pdf"},
		{"bao-cao.pdf", PDF, "bao-cao (3).pdf"},
		{"name. . ", PDF, "name.pdf"},
		{"\u202Efdp.exe", PDF, "fdp.exe.pdf"},
		{strings.Repeat("x", 300) + ".pdf", PDF, strings.Repeat("x", MaxName-4) + ".pdf"},
	} {
		got := CleanName(c.in, c.typ, func(s string) bool { return taken[s] })
		if got != c.want {
			t.Errorf("CleanName(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestHalfBlocks(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for x := range 4 {
		img.Set(x, 0, color.RGBA{255, 0, 0, 255})
		img.Set(x, 1, color.RGBA{0, 255, 0, 255})
		img.Set(x, 2, color.RGBA{0, 0, 255, 255})
		img.Set(x, 3, color.RGBA{0, 0, 0, 255})
	}
	a := HalfBlocks(img, 4)
	if len(a.Rows) != 2 || len(a.Rows[0]) != 4 {
		t.Fatalf("%d rows", len(a.Rows))
	}
	if c := a.Rows[0][0]; c.Top != (color.RGBA{255, 0, 0, 255}) || c.Bottom != (color.RGBA{0, 255, 0, 255}) {
		t.Errorf("cell %v", c)
	}
	lines := a.Lines()
	want := "\x1b[38;2;255;0;0;48;2;0;255;0m▀▀▀▀\x1b[m"
	if lines[0] != want {
		t.Errorf("line %q, want %q", lines[0], want)
	}
	if len(HalfBlocks(img, 0).Rows) != 0 {
		t.Error("width 0 drew")
	}
	wide := HalfBlocks(image.NewRGBA(image.Rect(0, 0, 200, 100)), 80)
	if len(wide.Rows) != 20 || len(wide.Rows[0]) != 80 {
		t.Errorf("200x100 at 80: %dx%d", len(wide.Rows[0]), len(wide.Rows))
	}
}

func BenchmarkRefuseHugePNG(b *testing.B) {
	data := pngHeader(30000, 30000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Picture(data, PNG); !errors.Is(err, ErrTooLarge) {
			b.Fatal(err)
		}
	}
}

// BenchmarkPicture12MP: a 4000×3000 camera JPEG checked, decoded, scaled to 2560 and re-encoded.
func BenchmarkPicture12MP(b *testing.B) {
	data := testJPEG(b, 4000, 3000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Picture(data, JPEG); err != nil {
			b.Fatal(err)
		}
	}
}

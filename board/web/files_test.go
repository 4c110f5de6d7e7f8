package web

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"bangtin/board"
	"bangtin/board/boardtest"
)

func TestThreadFiles(t *testing.T) {
	f := newFixture(t)
	th := f.thread("Tập huấn", "Nội dung")
	var buf bytes.Buffer
	png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, 64, 48)))
	pic, err := f.b.AttachFile(ctx(), boardtest.Editor, th.ID, board.FileInput{Name: "ảnh.png", Caption: `Lớp tập huấn <script>x</script>`, Data: buf.Bytes()})
	if err != nil {
		t.Fatal(err)
	}
	pdf := []byte("%PDF-1.7\n\x00\x01binary")
	doc, err := f.b.AttachFile(ctx(), boardtest.Editor, th.ID, board.FileInput{Name: "Kế hoạch.pdf", Data: pdf})
	if err != nil {
		t.Fatal(err)
	}

	res, page := f.get(fmt.Sprintf("/t/%d", th.ID))
	if res.StatusCode == http.StatusMovedPermanently {
		res, page = f.get(res.Header.Get("Location"))
	}
	if res.StatusCode != 200 {
		t.Fatalf("thread page: %d", res.StatusCode)
	}
	imgTag := fmt.Sprintf(`<img src="/t/%d/f/%d/%%E1%%BA%%A3nh.png" width="64" height="48" alt="Lớp tập huấn &lt;script&gt;x&lt;/script&gt;" loading="lazy"`, th.ID, pic.ID)
	if !strings.Contains(page, imgTag) {
		t.Errorf("no picture %s in\n%s", imgTag, page)
	}
	docLink := fmt.Sprintf(`<a href="/t/%d/f/%d/K%%E1%%BA%%BF%%20ho%%E1%%BA%%A1ch.pdf" download>Kế hoạch.pdf</a>`, th.ID, doc.ID)
	if !strings.Contains(page, docLink) || !strings.Contains(page, "Tài liệu") {
		t.Errorf("no document link %s", docLink)
	}

	// The document: exact bytes, sniffed type, attachment, nosniff, ETag and 304.
	res, body := f.get(fmt.Sprintf("/t/%d/f/%d/x", th.ID, doc.ID))
	h := res.Header
	if res.StatusCode != 200 || body != string(pdf) || h.Get("Content-Type") != "application/pdf" ||
		h.Get("X-Content-Type-Options") != "nosniff" || !strings.HasPrefix(h.Get("Content-Disposition"), "attachment;") ||
		!strings.Contains(h.Get("Content-Disposition"), "filename*=utf-8''K%E1%BA%BF%20ho%E1%BA%A1ch.pdf") ||
		h.Get("ETag") != `"`+doc.SHA256+`"` || !strings.Contains(h.Get("Cache-Control"), "max-age=") {
		t.Fatalf("document: %d %v", res.StatusCode, h)
	}
	res, _ = f.do("GET", fmt.Sprintf("/t/%d/f/%d/x", th.ID, doc.ID), nil, map[string]string{"If-None-Match": `"` + doc.SHA256 + `"`}, "")
	if res.StatusCode != http.StatusNotModified {
		t.Fatalf("revalidation: %d", res.StatusCode)
	}
	res, body = f.get(fmt.Sprintf("/t/%d/f/%d/a.png", th.ID, pic.ID))
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/png" || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "inline") {
		t.Fatalf("picture: %d %v", res.StatusCode, res.Header)
	}
	if _, err := png.Decode(strings.NewReader(body)); err != nil {
		t.Fatalf("picture bytes: %v", err)
	}

	// A picture wider than a phone gets a smaller version in srcset, made once.
	buf.Reset()
	png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, 1600, 1000)))
	big, err := f.b.AttachFile(ctx(), boardtest.Editor, th.ID, board.FileInput{Name: "lớn.png", Data: buf.Bytes()})
	if err != nil {
		t.Fatal(err)
	}
	_, page = f.get(fmt.Sprintf("/t/%d-tap-huan", th.ID))
	phone := fmt.Sprintf("/t/%d/f/%d/l%%E1%%BB%%9Bn.png?w=800", th.ID, big.ID)
	if !strings.Contains(page, fmt.Sprintf(`srcset="%s 800w, /t/%d/f/%d/l%%E1%%BB%%9Bn.png 1600w"`, phone, th.ID, big.ID)) {
		t.Errorf("no srcset for the large picture:\n%s", page)
	}
	res, body = f.get(phone)
	small, err := png.DecodeConfig(strings.NewReader(body))
	if res.StatusCode != 200 || err != nil || small.Width != 800 || small.Height != 500 || res.Header.Get("ETag") != `"`+big.SHA256+`-800"` {
		t.Fatalf("phone version: %d %v %+v %v", res.StatusCode, err, small, res.Header)
	}

	// Another thread's path, an unknown file, and a hidden thread's files are 404.
	other := f.thread("Khác", "x")
	for _, p := range []string{fmt.Sprintf("/t/%d/f/%d/x", other.ID, doc.ID), fmt.Sprintf("/t/%d/f/999/x", th.ID), "/t/x/f/1/x"} {
		if res, _ := f.get(p); res.StatusCode != 404 {
			t.Errorf("%s: %d", p, res.StatusCode)
		}
	}
	if err := f.b.HideThread(ctx(), boardtest.Editor, th.ID, ""); err != nil {
		t.Fatal(err)
	}
	if res, body := f.get(fmt.Sprintf("/t/%d/f/%d/x", th.ID, doc.ID)); res.StatusCode != 404 || strings.Contains(body, "PDF") {
		t.Fatalf("hidden thread's file: %d", res.StatusCode)
	}
}

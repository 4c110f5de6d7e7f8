package web

import (
	"fmt"
	"net/http/httptest"
	"testing"
)

// BenchmarkPages serves cached pages from the handler (no network): the web's cost per request.
func BenchmarkPages(b *testing.B) {
	f := newFixture(b)
	var th = f.thread("Tin", "Nội dung **đậm** và [một liên kết](https://example.com).")
	for i := range 30 {
		f.thread(fmt.Sprintf("Tin số %d", i), "x")
	}
	for _, bc := range []struct {
		name, path string
		gzip       bool
	}{
		{"home", "/", false}, {"home-gzip", "/", true}, {"thread", threadURL(th), false}, {"thread-gzip", threadURL(th), true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				r := httptest.NewRequest("GET", bc.path, nil)
				r.RemoteAddr = "198.51.100.7:1"
				if bc.gzip {
					r.Header.Set("Accept-Encoding", "gzip")
				}
				w := httptest.NewRecorder()
				f.h.ServeHTTP(w, r)
				if w.Code != 200 {
					b.Fatal(w.Code)
				}
			}
		})
	}
}

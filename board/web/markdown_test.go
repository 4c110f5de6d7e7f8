package web

import (
	"strings"
	"testing"
	"time"
)

func TestMarkdown(t *testing.T) {
	r := newRenderer()
	for _, tc := range []struct {
		md      string
		want    []string
		mustNot []string
	}{
		{"[a](https://a.example/x) and https://b.example", []string{`<a href="https://a.example/x" rel="nofollow ugc noopener">a</a>`, `<a href="https://b.example" rel="nofollow ugc noopener">`}, nil},
		{"[m](mailto:a@b.example)", []string{`href="mailto:a@b.example"`}, nil},
		{"[j](javascript:alert(1)) [f](ftp://x) [d](data:text/html,x)", nil, []string{"javascript", "ftp:", "data:", "href"}},
		{"<b onclick=x>raw</b> <script>x()</script>", []string{"raw"}, []string{"<b", "<script", "onclick"}},
		{"# Tiêu đề\n\n**đậm** _nghiêng_\n\n- một\n- hai\n\n| a | b |\n|---|---|\n| 1 | 2 |", []string{"<h1", "Tiêu đề", "<strong>đậm</strong>", "<em>nghiêng</em>", "<li>một</li>", "<table>", "<td>1</td>"}, nil},
		{"![ảnh](https://a.example/p.png)", []string{`<img src="https://a.example/p.png" alt="ảnh"`}, nil},
	} {
		got := string(r.HTML(1, time.Unix(int64(len(tc.md)), 0), tc.md))
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%q: lacks %q in %s", tc.md, w, got)
			}
		}
		for _, w := range tc.mustNot {
			if strings.Contains(got, w) {
				t.Errorf("%q: holds %q in %s", tc.md, w, got)
			}
		}
	}
	// rendered once per version of a thread
	a := r.HTML(7, time.Unix(1, 0), "x")
	r.mu.Lock()
	r.cache[mdKey{7, time.Unix(1, 0), 1}] = "cached"
	r.mu.Unlock()
	if got := r.HTML(7, time.Unix(1, 0), "x"); got != "cached" || a == "cached" {
		t.Errorf("not served from the cache: %q", got)
	}
	if got := r.HTML(7, time.Unix(2, 0), "x"); got == "cached" {
		t.Error("an edited thread is served from the cache")
	}
}

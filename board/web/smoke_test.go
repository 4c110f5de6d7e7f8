package web

import (
	"os"
	"testing"
)

func TestSmoke(t *testing.T) {
	f := newFixture(t)
	th := f.thread("Chào mừng", "# Xin chào\n\nNội dung **đậm** [link](http://example.com)")
	res, body := f.get("/")
	t.Log(res.StatusCode)
	os.WriteFile("/tmp/home.html", []byte(body), 0o644)
	res, body = f.get(threadURL(th))
	t.Log(res.StatusCode)
	os.WriteFile("/tmp/thread.html", []byte(body), 0o644)
}

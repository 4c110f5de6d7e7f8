package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/boltstore"
	"bangtin/board/i18n"
)

// fixture is a board with a web server over it.
type fixture struct {
	t testing.TB
	b *board.Board
	s *Server
	h http.Handler
}

func newFixture(t testing.TB, opts ...board.Options) *fixture {
	t.Helper()
	b := openBoard(t, opts...)
	s, err := New(Config{Board: b, Name: "Bảng tin thử", Lang: i18n.Vi, SSHHint: "ssh -p 2222 localhost"})
	if err != nil {
		t.Fatal(err)
	}
	s.visitors.viewEvery = 0 // views reach the board at once
	return &fixture{t: t, b: b, s: s, h: s.Handler()}
}

// do runs a request from addr (host:port) and returns the response with its body read.
func (f *fixture) do(method, target string, body io.Reader, hdr map[string]string, addr string) (*http.Response, string) {
	f.t.Helper()
	r := httptest.NewRequest(method, target, body)
	if addr == "" {
		addr = "198.51.100.7:40000"
	}
	r.RemoteAddr = addr
	for k, v := range hdr {
		r.Header.Set(k, v)
	}
	if body != nil && r.Header.Get("Content-Type") == "" {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	res := w.Result()
	b, _ := io.ReadAll(res.Body)
	return res, string(b)
}

func (f *fixture) get(target string) (*http.Response, string) {
	f.t.Helper()
	return f.do("GET", target, nil, nil, "")
}

func (f *fixture) thread(title, body string) board.Thread {
	f.t.Helper()
	return boardtest.Thread(f.t, f.b, title, body)
}

var tokenRe = regexp.MustCompile(`name="token" value="([^"]+)"`)
var questionRe = regexp.MustCompile(`class="q">(\d+) (?:\+|&#43;) (\d+) = \?<`)

// formOf reads the token and the answer to the question from a thread page.
func formOf(t testing.TB, page string) (token, answer string) {
	t.Helper()
	m := tokenRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("no form token in the page")
	}
	token = m[1]
	if q := questionRe.FindStringSubmatch(page); q != nil {
		var a, b int
		for _, c := range q[1] {
			a = a*10 + int(c-'0')
		}
		for _, c := range q[2] {
			b = b*10 + int(c-'0')
		}
		answer = itoa(a + b)
	}
	return token, answer
}

// post sends the comment form of thread th (path p) from addr with the fields given.
func (f *fixture) post(p string, fields url.Values, addr string) (*http.Response, string) {
	f.t.Helper()
	return f.do("POST", p+"/comment", strings.NewReader(fields.Encode()), nil, addr)
}

func ctx() context.Context { return context.Background() }

var _ = time.Second

type contextT = context.Context
type langT = i18n.Lang

func httptestReq(target string) *http.Request {
	r := httptest.NewRequest("GET", target, nil)
	r.RemoteAddr = "198.51.100.7:40000"
	return r
}

// fmtSscanf reads "a + b = ?".
func fmtSscanf(q string, a, b *int) (int, error) { return fmt.Sscanf(q, "%d + %d = ?", a, b) }

// openBoard is boardtest.New without fsync (the web's tests write a lot and test no durability):
// the same accounts and default category.
func openBoard(t testing.TB, opts ...board.Options) *board.Board {
	t.Helper()
	st, err := boltstore.Open(filepath.Join(t.TempDir(), boltstore.FileName), boltstore.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	var o board.Options
	if len(opts) > 0 {
		o = opts[0]
	}
	b, err := board.New(st, o)
	if err != nil {
		st.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	for _, id := range []board.Identity{boardtest.Admin, boardtest.Editor, boardtest.Staff} {
		a := board.Account{Login: id.Login, Name: id.Name, Role: id.Role,
			Keys: []board.AccountKey{{Fingerprint: id.Fingerprint, Type: "ssh-ed25519", Line: "ssh-ed25519 AAAA " + id.Login}}}
		if _, err := b.AddAccount(context.Background(), board.System, a); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

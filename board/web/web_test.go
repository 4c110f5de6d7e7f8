package web

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"bangtin/board"
	"bangtin/board/boardtest"
)

// mustHeaders checks the security headers every response carries.
func mustHeaders(t *testing.T, what string, res *http.Response) {
	t.Helper()
	h := res.Header
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'self'", "script-src 'none'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("%s: Content-Security-Policy %q lacks %q", what, csp, want)
		}
	}
	if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") == "" {
		t.Errorf("%s: headers %v", what, h)
	}
}

func TestStatuses(t *testing.T) {
	f := newFixture(t)
	th := f.thread("Lịch tiếp công dân tháng 12", "Nội dung về **trẻ em**.")
	p := threadURL(th)
	for _, tc := range []struct {
		method, target string
		status         int
		ctype, holds   string
	}{
		{"GET", "/", 200, "text/html", "Lịch tiếp công dân tháng 12"},
		{"HEAD", "/", 200, "text/html", ""},
		{"GET", "/?page=1", 200, "text/html", "Tất cả tin"},
		{"GET", "/?page=2", 404, "text/html", "Không tìm thấy trang"},
		{"GET", "/?page=abc", 404, "text/html", ""},
		{"GET", "/?page=-1", 404, "text/html", ""},
		{"GET", "/c/tin-tuc", 200, "text/html", "Lịch tiếp công dân"},
		{"GET", "/c/khong-co", 404, "text/html", ""},
		{"GET", p, 200, "text/html", "<strong>trẻ em</strong>"},
		{"GET", p + "?cp=2", 404, "text/html", ""},
		{"GET", "/t/" + strconv.FormatUint(th.ID, 10), 301, "", ""},
		{"GET", "/t/" + strconv.FormatUint(th.ID, 10) + "-wrong-slug", 301, "", ""},
		{"GET", "/t/999", 404, "text/html", ""},
		{"GET", "/t/0", 404, "text/html", ""},
		{"GET", "/t/abc", 404, "text/html", ""},
		{"GET", "/t/01", 404, "text/html", ""},
		{"GET", "/search?q=tre+em", 200, "text/html", "Lịch tiếp công dân"},
		{"GET", "/search?q=cong+dan", 200, "text/html", "Lịch tiếp công dân"},
		{"GET", "/search?q=", 200, "text/html", "Nhập từ khoá"},
		{"GET", "/search?q=khongcotu", 200, "text/html", "Không tìm thấy tin nào"},
		{"GET", "/search?q=" + strings.Repeat("a", 600), 200, "text/html", "Từ khoá"},
		{"GET", "/rss.xml", 200, "application/rss+xml", "<rss"},
		{"GET", "/atom.xml", 200, "application/atom+xml", "<feed"},
		{"GET", "/c/tin-tuc/rss.xml", 200, "application/rss+xml", "Lịch tiếp công dân"},
		{"GET", "/c/tin-tuc/atom.xml", 200, "application/atom+xml", "Lịch tiếp công dân"},
		{"GET", "/c/khong-co/rss.xml", 404, "text/html", ""},
		{"GET", "/sitemap.xml", 200, "application/xml", p},
		{"GET", "/robots.txt", 200, "text/plain", "Sitemap: http://example.com/sitemap.xml"},
		{"GET", "/static/style.css", 200, "text/css", ".masthead"},
		{"GET", "/static/favicon.svg", 200, "image/svg+xml", "<svg"},
		{"GET", "/static/nope.js", 404, "text/html", ""},
		{"GET", "/favicon.ico", 301, "", ""},
		{"GET", "/nope", 404, "text/html", "Về trang chủ"},
		{"GET", "/t/1/comment", 404, "text/html", ""},
		{"POST", "/", 405, "", ""},
		{"DELETE", p, 405, "", ""},
	} {
		res, body := f.do(tc.method, tc.target, nil, nil, "")
		what := tc.method + " " + tc.target
		if res.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d", what, res.StatusCode, tc.status)
		}
		if tc.ctype != "" && !strings.HasPrefix(res.Header.Get("Content-Type"), tc.ctype) {
			t.Errorf("%s: Content-Type %q, want %s", what, res.Header.Get("Content-Type"), tc.ctype)
		}
		if !strings.Contains(body, tc.holds) {
			t.Errorf("%s: body lacks %q", what, tc.holds)
		}
		if tc.method == "HEAD" && body != "" {
			t.Errorf("%s: a body of %d bytes", what, len(body))
		}
		mustHeaders(t, what, res)
		if strings.Contains(body, "goroutine") || strings.Contains(body, ".go:") {
			t.Errorf("%s: the page leaks internals", what)
		}
		if strings.Contains(body, "!web.") || strings.Contains(body, "!field.") {
			t.Errorf("%s: a message key is missing from the catalogue", what)
		}
	}
	res, _ := f.get("/t/" + strconv.FormatUint(th.ID, 10))
	if loc := res.Header.Get("Location"); loc != p {
		t.Errorf("the short thread URL redirects to %q, want %q", loc, p)
	}
}

func TestPagesShowTheBoard(t *testing.T) {
	f := newFixture(t)
	for i := range 45 {
		f.thread(fmt.Sprintf("Tin số %d", i+1), "nội dung")
	}
	pinned, err := f.b.CreateThread(ctx(), boardtest.Editor, board.ThreadInput{Title: "Tin ghim", Summary: "Tóm tắt ghim", Body: "x", Pinned: true})
	if err != nil {
		t.Fatal(err)
	}
	_, body := f.get("/")
	for _, want := range []string{`<html lang="vi">`, "Tin ghim", "Tóm tắt ghim", "Ghim", "Tin số 45", "Đang online",
		"Hôm nay", "Trong tuần", "Tất cả", "<svg", `aria-current="page">1</a>`, `href="/?page=3"`, "trang 1/3 · 46 tin",
		`<link rel="canonical" href="http://example.com/">`, threadURL(pinned)} {
		if !strings.Contains(body, want) {
			t.Errorf("home lacks %q", want)
		}
	}
	if strings.Index(body, "Tin ghim") > strings.Index(body, "Tin số 45") {
		t.Error("the pinned thread is not first")
	}
	_, body = f.get("/?page=3")
	if !strings.Contains(body, "Tin số 1<") || !strings.Contains(body, `rel="prev"`) || strings.Contains(body, `rel="next"`) {
		t.Error("page 3 is not the last page with the oldest thread")
	}
	// the thread page: the other news with dates, the comment form
	th := f.thread("Bài có ý kiến", "Thân bài")
	c, err := f.b.PostComment(ctx(), boardtest.Staff, board.CommentInput{ThreadID: th.ID, Name: "Nguyễn Văn An", Title: "Góp ý", Body: "dòng 1\ndòng 2"})
	if err != nil || c.Status != board.CommentApproved {
		t.Fatalf("staff comment: %v %v", c.Status, err)
	}
	_, body = f.get(threadURL(th))
	for _, want := range []string{"Bài có ý kiến", "Ý kiến bạn đọc (1)", "Nguyễn Văn An", "Góp ý", "dòng 1\ndòng 2", "Tin khác",
		"Tin số 45", "Lượt xem: 1", `name="name"`, `name="title"`, `name="body"`, `name="answer"`, `name="token"`,
		"Họ tên", "Tiêu đề", "Nội dung", "Mã kiểm tra", `<label for="f-name">`} {
		if !strings.Contains(body, want) {
			t.Errorf("thread page lacks %q", want)
		}
	}
}

func TestHiddenThreadsAndPendingCommentsAreNeverServed(t *testing.T) {
	f := newFixture(t)
	pub := f.thread("Tin công khai", "x")
	draft, err := f.b.CreateThread(ctx(), boardtest.Editor, board.ThreadInput{Title: "Tin nháp bí mật", Body: "x", Draft: true})
	if err != nil {
		t.Fatal(err)
	}
	hidden := f.thread("Tin ẩn bí mật", "x")
	if err := f.b.HideThread(ctx(), boardtest.Editor, hidden.ID, "test"); err != nil {
		t.Fatal(err)
	}
	deleted := f.thread("Tin xoá bí mật", "x")
	if err := f.b.DeleteThread(ctx(), boardtest.Admin, deleted.ID, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.b.PostComment(ctx(), boardtest.Guest("203.0.113.9"), board.CommentInput{ThreadID: pub.ID, Name: "Khách", Body: "ý kiến chờ duyệt bí mật"}); err != nil {
		t.Fatal(err)
	}
	for _, th := range []board.Thread{draft, hidden, deleted} {
		if res, _ := f.get(threadURL(th)); res.StatusCode != 404 {
			t.Errorf("%s: status %d, want 404", th.Title, res.StatusCode)
		}
	}
	for _, u := range []string{"/", "/c/tin-tuc", threadURL(pub), "/rss.xml", "/atom.xml", "/c/tin-tuc/rss.xml", "/sitemap.xml", "/search?q=bi+mat"} {
		_, body := f.get(u)
		if strings.Contains(body, "bí mật") || strings.Contains(body, "/t/"+strconv.FormatUint(draft.ID, 10)) {
			t.Errorf("%s serves a hidden thread or a pending comment", u)
		}
	}
}

func decompress(t *testing.T, b string) string {
	t.Helper()
	zr, err := gzip.NewReader(strings.NewReader(b))
	if err != nil {
		t.Fatalf("gzip: %v", err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("gzip: %v", err)
	}
	return string(out)
}

func TestCachingGzipAnd304(t *testing.T) {
	f := newFixture(t)
	th := f.thread("Tin một", "nội dung")
	for _, u := range []string{"/", threadURL(th), "/rss.xml", "/sitemap.xml"} {
		res, plain := f.get(u)
		etag, mod := res.Header.Get("ETag"), res.Header.Get("Last-Modified")
		if etag == "" || mod == "" {
			t.Fatalf("%s: no validators: %v", u, res.Header)
		}
		res2, zipped := f.do("GET", u, nil, map[string]string{"Accept-Encoding": "gzip, deflate, br"}, "")
		if res2.Header.Get("Content-Encoding") != "gzip" {
			t.Fatalf("%s: not gzipped", u)
		}
		un := decompress(t, zipped)
		if u == threadURL(th) {
			// the form differs per request (question, token): compare around it
			cut := func(s string) string { return tokenRe.ReplaceAllString(questionRe.ReplaceAllString(s, ""), "") }
			plain, un = cut(plain), cut(un)
		}
		if un != plain {
			t.Errorf("%s: gzip body differs from the plain one", u)
		}
		if len(zipped) >= len(plain) {
			t.Errorf("%s: gzip %d bytes, plain %d", u, len(zipped), len(plain))
		}
		res3, body := f.do("GET", u, nil, map[string]string{"If-None-Match": etag}, "")
		if res3.StatusCode != http.StatusNotModified || body != "" {
			t.Errorf("%s: If-None-Match: status %d, %d bytes", u, res3.StatusCode, len(body))
		}
		res4, _ := f.do("GET", u, nil, map[string]string{"If-Modified-Since": time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)}, "")
		if res4.StatusCode != http.StatusNotModified {
			t.Errorf("%s: If-Modified-Since: status %d", u, res4.StatusCode)
		}
		res5, _ := f.do("GET", u, nil, map[string]string{"If-None-Match": `W/"other"`}, "")
		if res5.StatusCode != 200 {
			t.Errorf("%s: a stale ETag: status %d", u, res5.StatusCode)
		}
	}
	// a change makes new pages with new validators
	res, _ := f.get("/")
	old := res.Header.Get("ETag")
	f.thread("Tin hai", "nội dung")
	res, body := f.do("GET", "/", nil, map[string]string{"If-None-Match": old}, "")
	if res.StatusCode != 200 || !strings.Contains(body, "Tin hai") || res.Header.Get("ETag") == old {
		t.Errorf("after a new thread: status %d, new ETag %v", res.StatusCode, res.Header.Get("ETag") != old)
	}
	// one render per content version: the same bytes object is served twice
	v := f.b.ContentVersion()
	p1, err := f.s.cached(httptestReq("/"), "/?page=1", func(ctxx contextT, _ langT, _ stats) (*page, error) { return nil, fmt.Errorf("rebuilt") })
	if err != nil || p1 == nil || f.b.ContentVersion() != v {
		t.Errorf("the cached page was rebuilt: %v", err)
	}
}

func TestLanguage(t *testing.T) {
	f := newFixture(t)
	f.thread("Tin", "x")
	_, body := f.do("GET", "/", nil, map[string]string{"Accept-Language": "en-US,en;q=0.9,vi;q=0.5"}, "")
	if !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, "Online now") {
		t.Error("Accept-Language en does not give English")
	}
	_, body = f.do("GET", "/", nil, map[string]string{"Accept-Language": "fr, vi;q=0.8, en;q=0.2"}, "")
	if !strings.Contains(body, `<html lang="vi">`) {
		t.Error("vi preferred over en does not give Vietnamese")
	}
	res, _ := f.get("/c/tin-tuc?lang=en&page=1")
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/c/tin-tuc?page=1" {
		t.Fatalf("the switch: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	var cookie string
	for _, c := range res.Cookies() {
		if c.Name == "lang" {
			cookie = c.Name + "=" + c.Value
		}
	}
	if cookie != "lang=en" {
		t.Fatalf("the switch sets no cookie: %v", res.Header)
	}
	_, body = f.do("GET", "/c/tin-tuc?page=1", nil, map[string]string{"Cookie": cookie, "Accept-Language": "vi"}, "")
	if !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, "Visitors") {
		t.Error("the cookie does not give English")
	}
	th := f.thread("Tin hai", "x")
	_, body = f.do("GET", threadURL(th), nil, map[string]string{"Cookie": cookie}, "")
	for _, want := range []string{"Send a comment", "Full name", "Check code", "Other news", "Readers&#39; comments (0)"} {
		if !strings.Contains(body, want) {
			t.Errorf("the English thread page lacks %q", want)
		}
	}
	if strings.Contains(body, "!web.") || strings.Contains(body, "!field.") {
		t.Error("a message key is missing from the catalogue")
	}
}

func TestAcceptLang(t *testing.T) {
	for _, tc := range []struct {
		h    string
		want string
	}{
		{"", "vi"}, {"en", "en"}, {"en-GB", "en"}, {"vi-VN,en;q=0.5", "vi"}, {"de, en;q=0.1", "en"},
		{"en;q=0, vi;q=0.1", "vi"}, {"fr", "vi"}, {"EN-us", "en"}, {"en;q=abc", "vi"},
	} {
		if got := acceptLang(tc.h, "vi"); string(got) != tc.want {
			t.Errorf("acceptLang(%q) = %s, want %s", tc.h, got, tc.want)
		}
	}
}

func TestClientAddr(t *testing.T) {
	proxies, err := ParseProxies([]string{"10.0.0.1, 192.168.0.0/16", "::1"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ParseProxies([]string{"not-an-ip"}); err == nil {
		t.Error("a bad proxy address is accepted")
	}
	for _, tc := range []struct {
		remote, xff, want string
	}{
		{"203.0.113.5:1234", "", "203.0.113.5"},
		{"203.0.113.5:1234", "1.2.3.4", "203.0.113.5"}, // not a proxy: the header is not believed
		{"10.0.0.1:1234", "1.2.3.4", "1.2.3.4"},
		{"10.0.0.1:1234", "6.6.6.6, 1.2.3.4", "1.2.3.4"}, // the client's own left part is not believed
		{"10.0.0.1:1234", "1.2.3.4, 192.168.1.1", "1.2.3.4"},
		{"10.0.0.1:1234", "garbage", "10.0.0.1"},
		{"[::1]:80", "2001:db8::1", "2001:db8::1"},
		{"[::ffff:10.0.0.1]:80", "5.6.7.8", "5.6.7.8"},
		{"10.0.0.1:1234", "", "10.0.0.1"},
	} {
		r, _ := http.NewRequest("GET", "/", nil)
		r.RemoteAddr = tc.remote
		if tc.xff != "" {
			r.Header.Set("X-Forwarded-For", tc.xff)
		}
		if got, _ := clientAddr(r, proxies); got.String() != tc.want {
			t.Errorf("%s + XFF %q: %s, want %s", tc.remote, tc.xff, got, tc.want)
		}
	}
}

func TestVisitorsAndPresence(t *testing.T) {
	f := newFixture(t)
	th := f.thread("Tin", "x")
	for range 3 {
		f.do("GET", "/", nil, nil, "198.51.100.1:1000")
		f.do("GET", threadURL(th), nil, nil, "198.51.100.1:1001")
	}
	f.do("GET", threadURL(th), nil, nil, "198.51.100.2:1000")
	f.do("GET", "/rss.xml", nil, nil, "198.51.100.3:1000") // a feed reader is not a visitor
	vc, err := f.b.VisitorCounts(ctx())
	if err != nil {
		t.Fatal(err)
	}
	if vc.Today != 2 {
		t.Errorf("visits today %d, want 2 (one per address per day)", vc.Today)
	}
	if got := f.b.Online(); got != 2 {
		t.Errorf("online %d, want 2", got)
	}
	got, err := f.b.Thread(ctx(), board.Identity{}, th.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Views != 2 {
		t.Errorf("views %d, want 2 (one per address)", got.Views)
	}
	if n := f.s.visitors.online(time.Now().Add(OnlineWindow + time.Second)); n != 0 {
		t.Errorf("online after the window: %d", n)
	}
}

// rssDoc and atomDoc are what the tests read back from the feeds.
type rssDoc struct {
	Channel struct {
		Title string `xml:"title"`
		Items []struct {
			Title       string `xml:"title"`
			Link        string `xml:"link"`
			Description string `xml:"description"`
			PubDate     string `xml:"pubDate"`
		} `xml:"item"`
	} `xml:"channel"`
}

type atomDoc struct {
	Title   string `xml:"title"`
	Entries []struct {
		Title string `xml:"title"`
		Link  struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Summary string `xml:"summary"`
	} `xml:"entry"`
}

func TestFeeds(t *testing.T) {
	f := newFixture(t)
	cat, err := f.b.AddCategory(ctx(), boardtest.Editor, "Thông báo")
	if err != nil {
		t.Fatal(err)
	}
	var last board.Thread
	for i := range 35 {
		last = f.thread(fmt.Sprintf("Tin %02d", i+1), "x")
	}
	if _, err := f.b.CreateThread(ctx(), boardtest.Editor, board.ThreadInput{CategoryID: cat.ID, Title: "Thông báo <b>số 1</b> & trẻ em", Summary: "Tóm tắt"}); err != nil {
		t.Fatal(err)
	}
	_, body := f.get("/rss.xml")
	var rss rssDoc
	if err := xml.Unmarshal([]byte(body), &rss); err != nil {
		t.Fatalf("rss: %v", err)
	}
	if len(rss.Channel.Items) != 30 || rss.Channel.Title != "Bảng tin thử" {
		t.Fatalf("rss: %d items, title %q", len(rss.Channel.Items), rss.Channel.Title)
	}
	if it := rss.Channel.Items[0]; it.Title != "Thông báo <b>số 1</b> & trẻ em" || it.Description != "Tóm tắt" || it.PubDate == "" {
		t.Errorf("rss first item: %+v", it)
	}
	if it := rss.Channel.Items[1]; it.Link != "http://example.com"+threadURL(last) {
		t.Errorf("rss second item link %q, want the newest thread %q", it.Link, threadURL(last))
	}
	_, body = f.get("/atom.xml")
	var atom atomDoc
	if err := xml.Unmarshal([]byte(body), &atom); err != nil {
		t.Fatalf("atom: %v", err)
	}
	if len(atom.Entries) != 30 || atom.Entries[1].Link.Href != "http://example.com"+threadURL(last) {
		t.Fatalf("atom: %d entries, %+v", len(atom.Entries), atom.Entries[1])
	}
	_, body = f.get("/c/" + cat.Slug + "/rss.xml")
	rss = rssDoc{}
	if err := xml.Unmarshal([]byte(body), &rss); err != nil {
		t.Fatalf("category rss: %v", err)
	}
	if len(rss.Channel.Items) != 1 || !strings.Contains(rss.Channel.Title, "Thông báo") {
		t.Errorf("category rss: %+v", rss.Channel)
	}
}

func TestSitemapAndRobots(t *testing.T) {
	f := newFixture(t)
	var want []string
	for i := range 130 { // more than one page of the list
		want = append(want, "http://example.com"+threadURL(f.thread(fmt.Sprintf("Tin %d", i), "x")))
	}
	draft, err := f.b.CreateThread(ctx(), boardtest.Editor, board.ThreadInput{Title: "Nháp", Draft: true})
	if err != nil {
		t.Fatal(err)
	}
	_, body := f.get("/sitemap.xml")
	var sm struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal([]byte(body), &sm); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, u := range sm.URLs {
		got[u.Loc] = true
	}
	for _, w := range want {
		if !got[w] {
			t.Errorf("sitemap lacks %s", w)
		}
	}
	if !got["http://example.com/"] || !got["http://example.com/c/tin-tuc"] || got["http://example.com"+threadURL(draft)] {
		t.Errorf("sitemap: home %v, category %v, draft %v", got["http://example.com/"], got["http://example.com/c/tin-tuc"], got["http://example.com"+threadURL(draft)])
	}
	_, body = f.get("/robots.txt")
	if !strings.Contains(body, "User-agent: *") || !strings.Contains(body, "Sitemap: http://example.com/sitemap.xml") {
		t.Errorf("robots.txt: %q", body)
	}
}

func TestPublicURLAndProxyScheme(t *testing.T) {
	b := openBoard(t)
	proxies, _ := ParseProxies([]string{"10.0.0.1"})
	s, err := New(Config{Board: b, PublicURL: "https://bangtin.example.gov.vn/", TrustedProxies: proxies})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, b: b, s: s, h: s.Handler()}
	_, body := f.get("/robots.txt")
	if !strings.Contains(body, "https://bangtin.example.gov.vn/sitemap.xml") {
		t.Errorf("robots with a public URL: %q", body)
	}
	if _, err := New(Config{Board: b, PublicURL: "ftp://x"}); err == nil {
		t.Error("a public URL without http(s) is accepted")
	}
	s2, _ := New(Config{Board: b, TrustedProxies: proxies})
	f2 := &fixture{t: t, b: b, s: s2, h: s2.Handler()}
	_, body = f2.do("GET", "/robots.txt", nil, map[string]string{"X-Forwarded-Proto": "https"}, "10.0.0.1:1")
	if !strings.Contains(body, "https://example.com/sitemap.xml") {
		t.Errorf("X-Forwarded-Proto from the proxy is not used: %q", body)
	}
	_, body = f2.do("GET", "/robots.txt", nil, map[string]string{"X-Forwarded-Proto": "https"}, "203.0.113.1:1")
	if !strings.Contains(body, "http://example.com/sitemap.xml") {
		t.Errorf("X-Forwarded-Proto from a client is believed: %q", body)
	}
}

func TestPager(t *testing.T) {
	link := func(n int) string { return strconv.Itoa(n) }
	show := func(p pager) string {
		var b bytes.Buffer
		if p.Prev != "" {
			b.WriteString("‹ ")
		}
		for _, l := range p.Links {
			switch {
			case l.Gap:
				b.WriteString("… ")
			case l.Current:
				b.WriteString("[" + strconv.Itoa(l.N) + "] ")
			default:
				b.WriteString(strconv.Itoa(l.N) + " ")
			}
		}
		if p.Next != "" {
			b.WriteString("›")
		}
		return strings.TrimSpace(b.String())
	}
	for _, tc := range []struct {
		cur, pages int
		want       string
	}{
		{1, 1, ""},
		{1, 3, "[1] 2 3 ›"},
		{1, 12, "[1] 2 3 4 5 … 12 ›"},
		{6, 12, "‹ 1 … 4 5 [6] 7 8 … 12 ›"},
		{12, 12, "‹ 1 … 8 9 10 11 [12]"},
		{4, 6, "‹ 1 2 3 [4] 5 6 ›"},
	} {
		if got := show(makePager("vi", "", tc.cur, tc.pages, link)); got != tc.want {
			t.Errorf("page %d of %d: %q, want %q", tc.cur, tc.pages, got, tc.want)
		}
	}
}

func TestServerLimits(t *testing.T) {
	f := newFixture(t)
	srv := f.s.HTTPServer()
	if srv.ReadHeaderTimeout <= 0 || srv.ReadTimeout <= 0 || srv.WriteTimeout <= 0 || srv.IdleTimeout <= 0 || srv.MaxHeaderBytes <= 0 {
		t.Errorf("an unbounded http.Server: %+v", srv)
	}
}

var _ = netip.Addr{}
var _ = url.Values{}
var _ = html.Parse

func TestSlowClientIsCut(t *testing.T) {
	b := openBoard(t)
	s, err := New(Config{Board: b, ReadHeaderTimeout: 200 * time.Millisecond, ReadTimeout: 400 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ln) }()
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			t.Error(err)
		}
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Write([]byte("GET / HTTP/1.1\r\nHost: x\r\n")); err != nil { // and never the end
		t.Fatal(err)
	}
	_ = c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err = io.ReadAll(c); err != nil { // EOF (nil) when the server hangs up; a timeout if not
		t.Fatalf("the server did not close the connection: %v", err)
	}
}

func TestCachedPagesCarryNoVisitorQuery(t *testing.T) {
	f := newFixture(t)
	f.thread("Tin", "x")
	_, body := f.get("/?page=1&utm=%22evil%22&x=zzzz")
	if strings.Contains(body, "zzzz") || strings.Contains(body, "evil") {
		t.Error("the visitor's query string is in the page")
	}
	_, body = f.get("/c/tin%2Dtuc")
	if !strings.Contains(body, `<link rel="canonical" href="http://example.com/c/tin-tuc">`) || !strings.Contains(body, `href="/c/tin-tuc?lang=en"`) {
		t.Error("a category's canonical address is not its slug")
	}
}

func TestConcurrentRequests(t *testing.T) {
	f := newFixture(t)
	th := f.thread("Tin", "x")
	f.s.visitors.viewEvery = time.Millisecond
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Go(func() {
			for i := range 15 {
				addr := fmt.Sprintf("198.51.100.%d:1", g*15+i+1)
				for _, u := range []string{"/", threadURL(th), "/rss.xml"} {
					r := httptest.NewRequest("GET", u, nil)
					r.RemoteAddr = addr
					r.Header.Set("Accept-Encoding", "gzip")
					w := httptest.NewRecorder()
					f.h.ServeHTTP(w, r)
					if w.Code != 200 {
						errs <- fmt.Sprintf("%s: %d", u, w.Code)
						return
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if vc, err := f.b.VisitorCounts(ctx()); err != nil || vc.Today != 120 {
		t.Errorf("visits %d, want 120: %v", vc.Today, err)
	}
	f.s.visitors.flush()
	if got, _ := f.b.Thread(ctx(), board.Identity{}, th.ID); got.Views != 120 {
		t.Errorf("views %d, want 120", got.Views)
	}
}

package web

import (
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/boardtest"
)

// fill is a complete, valid comment form read from the thread page at p, as addr sees it.
func (f *fixture) fill(p, addr string) url.Values {
	f.t.Helper()
	res, body := f.do("GET", p, nil, nil, addr)
	if res.StatusCode != 200 {
		f.t.Fatalf("GET %s: %d", p, res.StatusCode)
	}
	token, answer := formOf(f.t, body)
	return url.Values{"token": {token}, "answer": {answer}, "name": {"Nguyễn Thị Hoa"}, "title": {"Hỏi về lịch"},
		"body": {"Xin hỏi lịch tiếp dân 👍 tháng sau?"}}
}

func TestCommentPostRedirectGet(t *testing.T) {
	f := newFixture(t)
	th := f.thread("Lịch tiếp công dân", "x")
	p := threadURL(th)
	const addr = "203.0.113.20:5555"
	v := f.fill(p, addr)
	before := f.b.Version()
	res, _ := f.post(p, v, addr)
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != p+"?sent=pending#comment-form" {
		t.Fatalf("post: %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	if f.b.Version() == before {
		t.Error("the board's version did not move: live queues would not see the comment")
	}
	pending, err := f.b.Pending(ctx(), boardtest.Editor, 10)
	if err != nil || len(pending) != 1 {
		t.Fatalf("pending: %v %v", pending, err)
	}
	c := pending[0]
	if c.Name != "Nguyễn Thị Hoa" || c.Title != "Hỏi về lịch" || c.Body != "Xin hỏi lịch tiếp dân 👍 tháng sau?" ||
		c.RemoteAddr != "203.0.113.20" || c.Login != "" || c.Status != board.CommentPending {
		t.Errorf("stored comment: %+v", c)
	}
	_, body := f.do("GET", p+"?sent=pending", nil, nil, addr)
	if !strings.Contains(body, "Cảm ơn! Ý kiến của bạn đang chờ kiểm duyệt") {
		t.Error("no thanks after the redirect")
	}
	if strings.Contains(body, "Xin hỏi lịch tiếp dân") {
		t.Error("the pending comment is shown")
	}
	if err := f.b.ApproveComments(ctx(), boardtest.Editor, []uint64{c.ID}, ""); err != nil {
		t.Fatal(err)
	}
	_, body = f.get(p)
	if !strings.Contains(body, "Xin hỏi lịch tiếp dân 👍 tháng sau?") || !strings.Contains(body, "Ý kiến bạn đọc (1)") {
		t.Error("the approved comment is not shown")
	}
	// moderation "none": published at once
	if err := f.b.SetModeration(ctx(), boardtest.Admin, board.ModerateNone); err != nil {
		t.Fatal(err)
	}
	v = f.fill(p, addr)
	res, _ = f.post(p, v, addr)
	if res.Header.Get("Location") != p+"?sent=published#comment-form" {
		t.Errorf("moderation none: %q", res.Header.Get("Location"))
	}
}

func TestCommentFormErrors(t *testing.T) {
	f := newFixture(t)
	th := f.thread("Tin", "x")
	other := f.thread("Tin khác", "x")
	p := threadURL(th)
	const addr = "203.0.113.30:1"
	for _, tc := range []struct {
		name   string
		change func(v url.Values)
		status int
		field  string // the field marked, "" for the general message only
		msg    string
	}{
		{"wrong answer", func(v url.Values) { v.Set("answer", "1000") }, 400, "answer", "Mã kiểm tra chưa đúng"},
		{"no answer", func(v url.Values) { v.Del("answer") }, 400, "answer", "Mã kiểm tra chưa đúng"},
		{"no token", func(v url.Values) { v.Del("token") }, 400, "", "Biểu mẫu đã hết hạn"},
		{"forged token", func(v url.Values) { v.Set("token", "AAAAAAAAAAEIBQAAAABrE6VL.4VW7-L77cCuywhimrngCvA") }, 400, "", "Biểu mẫu đã hết hạn"},
		{"garbage token", func(v url.Values) { v.Set("token", strings.Repeat("x.", 500)) }, 400, "", "Biểu mẫu đã hết hạn"},
		{"empty name", func(v url.Values) { v.Set("name", "  ") }, 400, "name", "Họ tên"},
		{"empty body", func(v url.Values) { v.Set("body", "") }, 400, "body", "Nội dung"},
		{"long title", func(v url.Values) { v.Set("title", strings.Repeat("ư", 151)) }, 400, "title", "150"},
		{"long body", func(v url.Values) { v.Set("body", strings.Repeat("a", 4001)) }, 400, "body", "4000"},
		{"invalid utf-8", func(v url.Values) { v.Set("name", "a\xffb") }, 400, "name", "Họ tên"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v := f.fill(p, addr)
			tc.change(v)
			res, body := f.post(p, v, addr)
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tc.status)
			}
			if !strings.Contains(body, tc.msg) {
				t.Errorf("no message %q", tc.msg)
			}
			if tc.field != "" && !strings.Contains(body, `id="e-`+tc.field+`"`) {
				t.Errorf("the message is not next to the field %s", tc.field)
			}
			if !strings.Contains(body, "Ý kiến chưa được gửi") && tc.field != "" {
				t.Error("no general message")
			}
			// the typed text is kept (what html/template makes of it)
			if tc.field != "name" && !strings.Contains(body, `value="Nguyễn Thị Hoa"`) {
				t.Error("the name is not kept")
			}
			if tc.field != "body" && !strings.Contains(body, "Xin hỏi lịch tiếp dân 👍 tháng sau?</textarea>") {
				t.Error("the body is not kept")
			}
			if tok, _ := formOf(t, body); tok == v.Get("token") && tc.field == "answer" {
				t.Error("a wrong answer keeps the same question")
			}
			if res.Header.Get("ETag") != "" || !strings.Contains(res.Header.Get("Cache-Control"), "no-store") {
				t.Error("an error page is cacheable")
			}
		})
	}
	if n, _ := f.b.PendingCount(ctx()); n != 0 {
		t.Errorf("%d comments stored by refused forms", n)
	}
	t.Run("token of another visitor", func(t *testing.T) {
		v := f.fill(p, "203.0.113.31:1")
		res, body := f.post(p, v, addr)
		if res.StatusCode != 400 || !strings.Contains(body, "Biểu mẫu đã hết hạn") {
			t.Errorf("status %d", res.StatusCode)
		}
	})
	t.Run("token of another thread", func(t *testing.T) {
		v := f.fill(threadURL(other), addr)
		res, _ := f.post(p, v, addr)
		if res.StatusCode != 400 {
			t.Errorf("status %d", res.StatusCode)
		}
	})
	t.Run("expired token", func(t *testing.T) {
		old := f.s.signToken(formToken{thread: th.ID, a: 2, b: 3, issued: time.Now().Add(-TokenLifetime - time.Minute)}, netip.MustParseAddr("203.0.113.30"))
		v := f.fill(p, addr)
		v.Set("token", old)
		v.Set("answer", "5")
		if res, _ := f.post(p, v, addr); res.StatusCode != 400 {
			t.Errorf("status %d", res.StatusCode)
		}
	})
	t.Run("cross-site", func(t *testing.T) {
		v := f.fill(p, addr)
		res, body := f.do("POST", p+"/comment", strings.NewReader(v.Encode()), map[string]string{"Sec-Fetch-Site": "cross-site"}, addr)
		if res.StatusCode != 403 || !strings.Contains(body, "Biểu mẫu phải được gửi từ chính trang tin này") {
			t.Errorf("status %d", res.StatusCode)
		}
		res, _ = f.do("POST", p+"/comment", strings.NewReader(v.Encode()), map[string]string{"Origin": "https://evil.example"}, addr)
		if res.StatusCode != 403 {
			t.Errorf("a foreign Origin: status %d", res.StatusCode)
		}
	})
	t.Run("too large", func(t *testing.T) {
		v := f.fill(p, addr)
		v.Set("body", strings.Repeat("a", DefaultMaxBody+1))
		res, body := f.post(p, v, addr)
		if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(body, "quá lớn") {
			t.Errorf("status %d", res.StatusCode)
		}
	})
	t.Run("thread not found", func(t *testing.T) {
		v := f.fill(p, addr)
		res, _ := f.post("/t/999", v, addr)
		if res.StatusCode != 404 {
			t.Errorf("status %d", res.StatusCode)
		}
	})
	if n, _ := f.b.PendingCount(ctx()); n != 0 {
		t.Errorf("%d comments stored by refused forms", n)
	}
}

func TestCommentBanAndRateLimit(t *testing.T) {
	f := newFixture(t)
	th := f.thread("Tin", "x")
	p := threadURL(th)
	// the guest limit: 3 per window per IP, shared with SSH guests from the same address
	const addr = "203.0.113.40:1"
	for i := range 3 {
		res, _ := f.post(p, f.fill(p, addr), addr)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("comment %d: status %d", i+1, res.StatusCode)
		}
	}
	v := f.fill(p, addr)
	res, body := f.post(p, v, addr)
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" || !strings.Contains(body, "Xin hỏi lịch tiếp dân") {
		t.Errorf("the 4th comment: status %d, Retry-After %q", res.StatusCode, res.Header.Get("Retry-After"))
	}
	// an SSH guest from another address is not limited by this one
	if _, err := f.b.PostComment(ctx(), boardtest.Guest("203.0.113.41"), board.CommentInput{ThreadID: th.ID, Name: "a", Body: "b"}); err != nil {
		t.Errorf("another address: %v", err)
	}
	// a ban of the address (as over SSH), with its reason shown
	if _, err := f.b.AddBan(ctx(), boardtest.Admin, board.BanInput{Addr: "198.51.100.0/24", Reason: "quảng cáo <b>rác</b>"}); err != nil {
		t.Fatal(err)
	}
	const banned = "198.51.100.9:1"
	res, body = f.post(p, f.fill(p, banned), banned)
	if res.StatusCode != http.StatusForbidden || !strings.Contains(body, "quảng cáo &lt;b&gt;rác&lt;/b&gt;") || !strings.Contains(body, "Xin hỏi lịch tiếp dân") {
		t.Errorf("banned: status %d", res.StatusCode)
	}
	// behind a trusted proxy the ban and the limit apply to the forwarded address
	proxies, _ := ParseProxies([]string{"10.0.0.1"})
	s2, err := New(Config{Board: f.b, TrustedProxies: proxies})
	if err != nil {
		t.Fatal(err)
	}
	f2 := &fixture{t: t, b: f.b, s: s2, h: s2.Handler()}
	page, pbody := f2.do("GET", p, nil, map[string]string{"X-Forwarded-For": "198.51.100.77"}, "10.0.0.1:9")
	if page.StatusCode != 200 {
		t.Fatal(page.StatusCode)
	}
	tok, ans := formOf(t, pbody)
	v = url.Values{"token": {tok}, "answer": {ans}, "name": {"x"}, "body": {"y"}}
	res, _ = f2.do("POST", p+"/comment", strings.NewReader(v.Encode()), map[string]string{"X-Forwarded-For": "198.51.100.77"}, "10.0.0.1:9")
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("a banned address behind the proxy: status %d", res.StatusCode)
	}
}

func TestCaptchaOff(t *testing.T) {
	f := newFixture(t)
	if err := f.b.SetCaptcha(ctx(), boardtest.Admin, false); err != nil {
		t.Fatal(err)
	}
	th := f.thread("Tin", "x")
	p := threadURL(th)
	_, body := f.get(p)
	if strings.Contains(body, `name="answer"`) {
		t.Error("the question is asked with the captcha off")
	}
	v := f.fill(p, "")
	v.Del("answer")
	if res, _ := f.post(p, v, ""); res.StatusCode != http.StatusSeeOther {
		t.Errorf("status %d", res.StatusCode)
	}
}

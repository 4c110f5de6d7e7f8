package web

import (
	"context"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"bangtin/board"
	"bangtin/board/boardtest"
)

// chromium finds Debian's chromium (or another Chrome); without one the test skips, or fails
// under CI=true.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is needed for the browser test (apt-get install chromium)")
	}
	t.Skip("chromium not found: skipping the browser test (apt-get install chromium)")
	return ""
}

// browserBoard is a board that looks like the portal's: a few real-looking threads, a hostile
// thread and an approved hostile comment.
func browserBoard(t *testing.T) (*board.Board, board.Thread, board.Thread) {
	b := openBoard(t)
	c := ctx()
	if err := b.EnsureWelcome(c, "Bảng tin"); err != nil {
		t.Fatal(err)
	}
	for _, ti := range []struct{ title, summary string }{
		{"Tổng đài 111: tiếp nhận thông tin mọi lúc, bảo vệ trẻ em", "Tổng đài quốc gia bảo vệ trẻ em 111 hoạt động 24/7, miễn phí."},
		{"Tập huấn kỹ năng phòng, chống xâm hại trẻ em cho cán bộ xã", "Hơn 120 cán bộ cấp xã tham dự lớp tập huấn tại Lào Cai."},
		{"Lịch tiếp công dân của lãnh đạo Trung tâm tháng 12", "Lãnh đạo Trung tâm tiếp công dân vào thứ Năm hằng tuần."},
	} {
		if _, err := b.CreateThread(c, boardtest.Editor, board.ThreadInput{Title: ti.title, Summary: ti.summary, Body: ti.summary}); err != nil {
			t.Fatal(err)
		}
	}
	var body strings.Builder
	body.WriteString("Theo thông lệ hằng năm, **tháng 6** là *Tháng hành động vì trẻ em*. Các thông điệp:\n\n" +
		"- Trẻ em phải được an toàn trong ngôi nhà của mình;\n- Roi vọt không làm trẻ nên người;\n- Yêu thương mạnh hơn lời quát mắng.\n\n" +
		"Xem thêm tại [cổng thông tin](https://laocai.gov.vn/).\n\n")
	for _, p := range webPayloads {
		body.WriteString(p.Text + "\n\n")
	}
	th, err := b.CreateThread(c, boardtest.Editor, board.ThreadInput{
		Title:   "<script>window.pwned=1</script>Triển khai Tháng hành động vì <b>trẻ em</b> năm 2022",
		Summary: `"><img src=x onerror="window.pwned=1">Trung tâm Công tác xã hội tỉnh Lào Cai triển khai các hoạt động truyền thông.`,
		Body:    body.String(),
	})
	if err != nil {
		t.Fatal(err)
	}
	cm, err := b.PostComment(c, boardtest.Guest("203.0.113.60"), board.CommentInput{ThreadID: th.ID,
		Name: `<img src=x onerror="window.pwned=1">Nguyễn Văn An`, Title: "</textarea><script>window.pwned=1</script>Góp ý",
		Body: "<svg/onload=window.pwned=1> Đề nghị tổ chức thêm buổi truyền thông ở các thôn vùng cao. 👍"})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.ApproveComments(c, boardtest.Editor, []uint64{cm.ID}, ""); err != nil {
		t.Fatal(err)
	}
	plain, err := b.CreateThread(c, boardtest.Editor, board.ThreadInput{
		Title:   "Trung tâm Công tác xã hội tỉnh Lào Cai triển khai Tháng hành động vì trẻ em",
		Summary: "Tháng 6 được chọn là tháng hành động vì trẻ em: nhiều hoạt động nâng cao nhận thức về bảo vệ, chăm sóc trẻ em.",
		Body:    body.String()[:strings.Index(body.String(), "Xem thêm")] + "Tác giả: Cao Thanh.",
	})
	if err != nil {
		t.Fatal(err)
	}
	return b, th, plain
}

// TestBrowser loads the home and a hostile thread in headless Chromium: no injected script runs,
// the comment form submits and lands in the moderation queue, and screenshots are taken at 390
// and 1280 px (into $BANGTIN_SCREENSHOTS when set, for the README).
func TestBrowser(t *testing.T) {
	exe := chromium(t)
	b, hostileThread, plain := browserBoard(t)
	s, err := New(Config{Board: b, Name: "Bảng tin Sở LĐ-TB&XH Lào Cai", SSHHint: "ssh -p 2222 bangtin.laocai.gov.vn"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler()) // 127.0.0.1
	defer srv.Close()

	actx, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("accept-lang", "vi-VN,vi"),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	defer cancel()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	bctx, cancel = context.WithTimeout(bctx, 90*time.Second)
	defer cancel()

	shots := os.Getenv("BANGTIN_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	shot := func(name string, width, height int64) {
		t.Helper()
		if err := chromedp.Do(bctx, chromedp.EmulateViewport(width, height)); err != nil {
			t.Fatal(err)
		}
		png, err := chromedp.Run(bctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(shots, name), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	notPwned := func(where string) {
		t.Helper()
		pwned, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`window.pwned !== undefined`))
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		scripts, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.scripts.length + document.querySelectorAll('iframe,object,embed,[onerror],[onload]').length`))
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		if pwned || scripts != 0 {
			t.Errorf("%s: an injected script ran (window.pwned set: %v) or live markup is in the page (%d elements)", where, pwned, scripts)
		}
	}

	// the home page
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(".visitors")); err != nil {
		t.Fatal(err)
	}
	notPwned("home")
	title, err := chromedp.Run(bctx, chromedp.Text(`.threads h2 a`))
	if err != nil || title != "Chào mừng đến với bảng tin" {
		t.Errorf("home: first title %q (want the pinned welcome), %v", title, err)
	}
	h1s, err := chromedp.Run(bctx, chromedp.Evaluate[string](`Array.from(document.querySelectorAll('.threads h2 a')).map(a => a.textContent).join('\n')`))
	if err != nil || !strings.Contains(h1s, "<script>window.pwned=1</script>Triển khai") {
		t.Errorf("home: the hostile title is not shown as text: %q %v", h1s, err)
	}
	shot("home-1280.png", 1280, 900)
	shot("home-390.png", 390, 844)

	// the hostile thread
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+"/t/"+strconv.FormatUint(hostileThread.ID, 10)), chromedp.WaitVisible("#comment-form")); err != nil {
		t.Fatal(err)
	}
	notPwned("hostile thread")
	h1, err := chromedp.Run(bctx, chromedp.Text(`h1`))
	if err != nil || !strings.HasPrefix(h1, "<script>window.pwned=1</script>") {
		t.Errorf("thread title %q, %v", h1, err)
	}
	who, err := chromedp.Run(bctx, chromedp.Text(`.comments .who`))
	if err != nil || !strings.Contains(who, `<img src=x onerror="window.pwned=1">`) {
		t.Errorf("comment name %q, %v", who, err)
	}

	// the form: a hostile comment with a wrong answer comes back with the error and the text
	fillForm := func(name, body, answer string) {
		t.Helper()
		if err := chromedp.Do(bctx,
			chromedp.SetValue(`#f-name`, name), chromedp.SetValue(`#f-title`, "</textarea><script>window.pwned=1</script>"),
			chromedp.SetValue(`#f-body`, body), chromedp.SetValue(`#f-answer`, answer),
			chromedp.Click(`#comment-form button[type=submit]`)); err != nil {
			t.Fatal(err)
		}
	}
	fillForm(`"><img src=x onerror="window.pwned=1">`, "<script>window.pwned=1</script>", "999")
	if err := chromedp.Do(bctx, chromedp.WaitVisible(`#e-answer`)); err != nil {
		t.Fatal(err)
	}
	notPwned("form refused")
	kept, err := chromedp.Run(bctx, chromedp.Value(`#f-name`))
	if err != nil || kept != `"><img src=x onerror="window.pwned=1">` {
		t.Errorf("the typed name is not kept: %q %v", kept, err)
	}
	// then the right answer
	q, err := chromedp.Run(bctx, chromedp.Text(`#comment-form .q`))
	if err != nil {
		t.Fatal(err)
	}
	var a, bb int
	if _, err := fmtSscanf(q, &a, &bb); err != nil {
		t.Fatalf("question %q: %v", q, err)
	}
	before, _ := b.PendingCount(ctx())
	fillForm("Trần Thị Bình", "Xin cảm ơn Trung tâm. <script>window.pwned=1</script>", strconv.Itoa(a+bb))
	if err := chromedp.Do(bctx, chromedp.WaitVisible(`.flash`)); err != nil {
		t.Fatal(err)
	}
	flash, err := chromedp.Run(bctx, chromedp.Text(`.flash`))
	if err != nil || !strings.Contains(flash, "Cảm ơn! Ý kiến của bạn đang chờ kiểm duyệt") {
		t.Errorf("after sending: %q %v", flash, err)
	}
	notPwned("after sending")
	if after, _ := b.PendingCount(ctx()); after != before+1 {
		t.Errorf("pending comments %d, want %d", after, before+1)
	}

	// screenshots of a plain thread
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(srv.URL+threadURL(plain)), chromedp.WaitVisible("#comment-form")); err != nil {
		t.Fatal(err)
	}
	notPwned("plain thread")
	shot("thread-1280.png", 1280, 900)
	shot("thread-390.png", 390, 844)
}

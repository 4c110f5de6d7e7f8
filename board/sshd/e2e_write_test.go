package sshd

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/boardtest/sshtest"
	"bangtin/board/boltstore"
	"bangtin/board/hostile"
	"bangtin/board/i18n"
	"bangtin/keys"
)

// End-to-end tests of the writing TUI over real SSH (issue 6): a guest and an admin connected at
// once to the real server on 127.0.0.1, each with an 80×24 PTY whose output feeds a vt emulator.
// Every wait polls the screen up to e2eWait; nothing sleeps for a fixed time.

// e2eWait bounds every wait for a screen (generous: the machine is shared and loaded).
const e2eWait = 20 * time.Second

// e2eScreen waits until tm's screen satisfies ok and returns it.
func e2eScreen(t *testing.T, tm *term, who, what string, ok func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(e2eWait)
	for {
		s := tm.Screen()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: timed out after %v waiting for %s; screen:\n%s", who, e2eWait, what, s)
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// e2eFor waits until every one of subs is on tm's screen.
func e2eFor(t *testing.T, tm *term, who string, subs ...string) string {
	t.Helper()
	return e2eScreen(t, tm, who, fmt.Sprintf("%q", subs), func(s string) bool {
		for _, sub := range subs {
			if !strings.Contains(s, sub) {
				return false
			}
		}
		return true
	})
}

// e2eBoard is a running server, one published thread, and an admin account holding adminKey.
type e2eBoard struct {
	e        *testEnv
	thread   board.Thread
	adminKey gossh.Signer
	store    *boltstore.Store
}

// e2eStart starts the real TUI server over a board of its own (so that the test can reach its
// store) with one thread, and registers a fresh key to the admin account.
func e2eStart(t *testing.T, title, body string) *e2eBoard {
	t.Helper()
	b, st := boardtest.Open(t, filepath.Join(t.TempDir(), boltstore.FileName))
	e := startServer(t, func(c *Config) {
		c.Board = b
		c.Auth = newTestAuth(t, b)
	})
	e.board = b
	th := boardtest.Thread(t, b, title, body)
	admin := sshtest.Signer(t)
	_, k, err := keys.ParseAuthorizedKey(string(gossh.MarshalAuthorizedKey(admin.PublicKey())))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.AddKey(context.Background(), board.System, boardtest.Admin.Login, k); err != nil {
		t.Fatalf("register the admin key: %v", err)
	}
	return &e2eBoard{e: e, thread: th, adminKey: admin, store: st}
}

// e2eConn is one client connection with its terminal.
type e2eConn struct {
	c  *gossh.Client
	tm *term
}

// connect dials as user with key (nil: keyboard-interactive only, an anonymous guest) and opens
// an 80×24 terminal running the board's TUI.
func (eb *e2eBoard) connect(t *testing.T, user string, key gossh.Signer) *e2eConn {
	t.Helper()
	c := eb.e.Dial(t, sshtest.As{User: user, Key: key})
	return &e2eConn{c: c, tm: eb.e.openTerm(t, c, termOpts{Width: 80, Height: 24})}
}

// close ends the session and the connection, and waits for the output reader to stop.
func (ec *e2eConn) close() {
	hClose(ec.tm)
	_ = ec.c.Close()
}

// closeAll closes every connection and waits until the server holds no session.
func (eb *e2eBoard) closeAll(t *testing.T, conns ...*e2eConn) {
	t.Helper()
	for _, c := range conns {
		c.close()
	}
	deadline := time.Now().Add(e2eWait)
	for eb.e.srv.reg.count() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("the server still holds %d sessions after every client closed", eb.e.srv.reg.count())
		}
		time.Sleep(25 * time.Millisecond)
	}
}

var e2eQuestion = regexp.MustCompile(`(\d+) \+ (\d+) = \?`)

// e2eCaptcha reads the check question from the form on the screen and returns its answer.
func e2eCaptcha(t *testing.T, tm *term) string {
	t.Helper()
	s := e2eScreen(t, tm, "guest", "the check question", e2eQuestion.MatchString)
	m := e2eQuestion.FindStringSubmatch(s)
	a, _ := strconv.Atoi(m[1])
	b, _ := strconv.Atoi(m[2])
	return strconv.Itoa(a + b)
}

func e2eVi(k i18n.Key, args ...any) string { return i18n.T(i18n.Vi, k, args...) }

const e2eHomeMark = "Thống kê truy cập" // the visitor box: only the home page has it

// e2eOpenThread takes a reader from the home page into the thread and waits for want on it.
func e2eOpenThread(t *testing.T, tm *term, who string, th board.Thread, want ...string) string {
	t.Helper()
	e2eFor(t, tm, who, e2eHomeMark, th.Title)
	tm.Send("\r")
	return e2eScreen(t, tm, who, fmt.Sprintf("thread %q holding %q", th.Title, want), func(s string) bool {
		if strings.Contains(s, e2eHomeMark) || !strings.Contains(s, th.Title) {
			return false
		}
		for _, w := range want {
			if !strings.Contains(s, w) {
				return false
			}
		}
		return true
	})
}

// TestE2EGuestCommentAdminApproves: a guest (no key) and an admin (registered key) are
// connected at once. The guest comments through the form, answering the check question read
// from its own screen; the admin's header badge rises without the admin pressing a key; the
// admin opens the queue, reads the comment whole and approves it; the guest, reopening the
// thread, sees it, and a pending comment was never shown before.
func TestE2EGuestCommentAdminApproves(t *testing.T) {
	eb := e2eStart(t, "Lịch tiếp công dân tháng 12", "Tiếp công dân vào sáng thứ năm hằng tuần.")
	th := eb.thread
	const (
		name  = "Hoàng Văn Em"
		title = "Hỏi giờ tiếp dân"
		body  = "Xin hỏi buổi chiều có tiếp dân không ạ?"
	)

	admin := eb.connect(t, "khong-quan-trong", eb.adminKey)
	// The admin's header: the pending badge (0) and the admin's name; the guest's: "Khách".
	adminHome := e2eFor(t, admin.tm, "admin", e2eHomeMark, e2eVi(i18n.TUIPending, 0), boardtest.Admin.Name, th.Title)
	header := lineWith(adminHome, e2eVi(i18n.TUIPending, 0))
	guest := eb.connect(t, "khach", nil)
	guestHome := e2eFor(t, guest.tm, "guest", e2eHomeMark, th.Title)
	if strings.Contains(guestHome, e2eVi(i18n.TUIPending, 0)) {
		t.Errorf("a guest's header shows the moderators' pending badge:\n%s", guestHome)
	}
	// The admin sees the guest arrive (live push: a second reader online).
	e2eFor(t, admin.tm, "admin", e2eOnline(2))

	// (1) The guest comments.
	e2eOpenThread(t, guest.tm, "guest", th, e2eVi(i18n.TUINoComments))
	guest.tm.Send("c")
	e2eFor(t, guest.tm, "guest", e2eVi(i18n.TWFormHeading, th.Title))
	answer := e2eCaptcha(t, guest.tm)
	guest.tm.Send(name)
	e2eFor(t, guest.tm, "guest", name)
	guest.tm.Send("\t" + title)
	e2eFor(t, guest.tm, "guest", title)
	guest.tm.Send("\t" + body)
	e2eFor(t, guest.tm, "guest", body)
	guest.tm.Send("\t" + answer)
	e2eScreen(t, guest.tm, "guest", "the answer "+answer+" in the check field", func(s string) bool {
		return strings.Contains(lineWith(s, "= ?"), answer)
	})
	guest.tm.Send("\x13") // Ctrl-S
	afterPost := e2eFor(t, guest.tm, "guest", e2eVi(i18n.TWFormPending))
	if strings.Contains(afterPost, body) {
		t.Errorf("the guest's thread shows the comment while it is pending:\n%s", afterPost)
	}

	// The admin, untouched since the guest arrived, sees the badge rise.
	scr := e2eFor(t, admin.tm, "admin", e2eVi(i18n.TUIPending, 1))
	if !strings.Contains(scr, e2eHomeMark) {
		t.Errorf("the admin's page changed without a key press:\n%s", scr)
	}
	if header == "" || !strings.Contains(lineWith(scr, boardtest.Admin.Name), e2eVi(i18n.TUIPending, 1)) {
		t.Errorf("the pending badge is not in the admin's header line:\n%s", scr)
	}

	// The comment is stored as pending, as typed.
	pend, err := eb.e.board.Pending(context.Background(), boardtest.Admin, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(pend) != 1 || pend[0].Name != name || pend[0].Title != title || pend[0].Body != body ||
		pend[0].Status != board.CommentPending || pend[0].ThreadID != th.ID || pend[0].RemoteAddr != "127.0.0.1" {
		t.Fatalf("pending comments after the guest's post: %+v", pend)
	}

	// (2) The admin opens the queue, reads the comment whole, and approves it.
	admin.tm.Send("m")
	e2eFor(t, admin.tm, "admin", e2eVi(i18n.TWQueueHeading, 1), name, th.Title)
	admin.tm.Send("\r")
	e2eFor(t, admin.tm, "admin", e2eVi(i18n.TWQueueDetailHeading, 1, 1), name, title, body, "127.0.0.1")
	admin.tm.Send("a")
	scr = e2eFor(t, admin.tm, "admin", e2eVi(i18n.TWQueueApproved, 1), e2eVi(i18n.TUIPending, 0))
	if strings.Contains(scr, body) {
		t.Errorf("the approved comment is still in the queue:\n%s", scr)
	}
	pend, err = eb.e.board.Pending(context.Background(), boardtest.Admin, 10)
	if err != nil || len(pend) != 0 {
		t.Errorf("pending after approval: %v %+v", err, pend)
	}

	// (3) The guest, back on the home page and into the thread again, sees the comment.
	guest.tm.Send("\x1b")
	e2eFor(t, guest.tm, "guest", e2eHomeMark)
	e2eOpenThread(t, guest.tm, "guest", th, e2eVi(i18n.TUIThreadComments, 1), name+" — "+title, body)

	// The admin leaves the queue for the home page; the badge stays at 0.
	admin.tm.Send("\x1b")
	scr = e2eFor(t, admin.tm, "admin", e2eHomeMark, e2eVi(i18n.TUIPending, 0))
	if strings.Contains(scr, e2eVi(i18n.TUIPending, 1)) {
		t.Errorf("the badge did not fall:\n%s", scr)
	}

	eb.closeAll(t, guest, admin)
}

// e2ePaste is what a terminal sends for a paste in bracketed-paste mode.
func e2ePaste(s string) string { return "\x1b[200~" + s + "\x1b[201~" }

// Hostile field values: each holds plain words (which must arrive) around an OSC 52 clipboard
// write, a window title "pwned", a screen clear, a bidi override, \r and \b. e2ePasted go through
// the form as pastes; e2eStored are written to the store raw, with other plain words.
var (
	e2ePasted = []hostile.Payload{
		{Name: "name", Text: "Kẻ \x1b]52;c;cHduZWQ=\x07Xấu\u202e Số\b\b\x1b]0;pwned\x07"},
		{Name: "title", Text: "Tiêu \x1b[2Jđề\x1b]0;pwned\x07 \u202eđộc\r\x1b]52;c;ZXZpbA==\x1b\\"},
		{Name: "body", Text: "Nội dung\r\x1b[2J\x1b[Hđè lên\b\b\b\x1b]52;c;cHduZWQ=\x07 \u202edảo chiều\x1b]0;pwned\x07 hết\x1b[6n"},
	}
	e2eStored = []hostile.Payload{
		{Name: "name", Text: "Giả \x1b]52;c;cHduZWQ=\x07Mạo\u202e Danh\b\b\x1b]0;pwned\x07\u009b2J"},
		{Name: "title", Text: "Đầu \x1b[2Jđề\x1b]0;pwned\x07 \u202ethay\r\x1b]52;c;ZXZpbA==\x1b\\\x1bP+q\x1b\\"},
		{Name: "body", Text: "Thân bài\r\x1b[2J\x1b[Hghi đè\b\b\b\x1b]52;c;cHduZWQ=\x07 \u202elật ngược\x1b]0;pwned\x07 xong\x1b[6n\x1b]8;;http://evil\x07link\x1b]8;;\x07"},
	}
)

// e2ePlain are words of each hostile value that must reach the store and the screens.
var e2ePlain = map[string][]string{
	"name":  {"Kẻ", "Xấu", "Số"},
	"title": {"Tiêu", "đề", "độc"},
	"body":  {"Nội dung", "đè lên", "dảo chiều", "hết"},

	"stored name":  {"Giả", "Mạo", "Danh"},
	"stored title": {"Đầu", "đề", "thay"},
	"stored body":  {"Thân bài", "ghi đè", "lật ngược", "xong", "link"},
}

// e2eNeedles are the fragments of the hostile values that must never reach a terminal.
func e2eNeedles() []string {
	needles := []string{"]52;", "pwned", "\u202e", "\x1b]0;", "\x1b]52", "cHduZWQ=", "ZXZpbA==", "\x08"}
	for _, p := range append(slices.Clone(e2ePasted), e2eStored...) {
		needles = append(needles, hostile.WireNeedlesFor(p)...)
	}
	return needles
}

// e2eCheckWire asserts the raw bytes a session received hold none of the hostile fragments and
// nothing CheckWire forbids, and its screen none of the needles either.
func e2eCheckWire(t *testing.T, who string, tm *term) {
	t.Helper()
	raw := tm.Raw()
	if err := hostile.CheckWire([]byte(raw), e2eNeedles()...); err != nil {
		t.Errorf("%s's terminal received hostile bytes: %v", who, err)
	}
	scr := tm.Screen()
	for _, n := range []string{"pwned", "]52;", "\u202e", "cHduZWQ="} {
		if strings.Contains(scr, n) {
			t.Errorf("%s's screen holds %q:\n%s", who, n, scr)
		}
	}
}

// TestE2EHostileComment: a guest pastes (bracketed paste, the raw bytes a terminal sends) values
// full of escape sequences into every field of the form and posts. The admin's badge rises; the
// admin views the queue and the comment whole and approves it; a second guest (an unregistered
// key) reads the thread. The raw bytes every session received hold no OSC 52, no title, no screen
// clear, no bidi override, no \b; the plain words arrived. Then the same comment is rewritten in
// the store with the hostile values unsanitised (a record of an older version, or edited by hand)
// and shown again: the TUI's own sanitising at display keeps the wire clean.
func TestE2EHostileComment(t *testing.T) {
	eb := e2eStart(t, "Thông báo thu phí vệ sinh", "Mức thu năm nay không đổi.")
	th := eb.thread
	ctx := context.Background()

	admin := eb.connect(t, "quan-tri", eb.adminKey)
	e2eFor(t, admin.tm, "admin", e2eHomeMark, e2eVi(i18n.TUIPending, 0))
	reader := eb.connect(t, "ban-doc", sshtest.Signer(t))
	e2eFor(t, reader.tm, "reader", e2eHomeMark, th.Title)
	guest := eb.connect(t, "khach", nil)
	e2eOpenThread(t, guest.tm, "guest", th, e2eVi(i18n.TUINoComments))
	e2eFor(t, admin.tm, "admin", e2eOnline(3))

	guest.tm.Send("c")
	e2eFor(t, guest.tm, "guest", e2eVi(i18n.TWFormHeading, th.Title))
	answer := e2eCaptcha(t, guest.tm)
	for i, p := range e2ePasted {
		if i > 0 {
			guest.tm.Send("\t")
		}
		guest.tm.Send(e2ePaste(p.Text))
		e2eFor(t, guest.tm, "guest", e2ePlain[p.Name][len(e2ePlain[p.Name])-1])
	}
	guest.tm.Send("\t" + answer)
	e2eScreen(t, guest.tm, "guest", "the answer in the check field", func(s string) bool {
		return strings.Contains(lineWith(s, "= ?"), answer)
	})
	guest.tm.Send("\x13")
	e2eFor(t, guest.tm, "guest", e2eVi(i18n.TWFormPending))

	// The admin's badge rises with no key pressed.
	e2eFor(t, admin.tm, "admin", e2eVi(i18n.TUIPending, 1), e2eHomeMark)

	// What was stored: the plain words, none of the controls.
	pend, err := eb.e.board.Pending(ctx, boardtest.Admin, 10)
	if err != nil || len(pend) != 1 {
		t.Fatalf("pending after the hostile post: %v %+v", err, pend)
	}
	cm := pend[0]
	for field, got := range map[string]string{"name": cm.Name, "title": cm.Title, "body": cm.Body} {
		if err := hostile.CheckView(got, e2eNeedles()...); err != nil {
			t.Errorf("stored %s %q: %v", field, got, err)
		}
		for _, w := range e2ePlain[field] {
			if !strings.Contains(got, w) {
				t.Errorf("stored %s %q lacks %q", field, got, w)
			}
		}
	}

	// The admin views the queue and the comment whole.
	admin.tm.Send("m")
	e2eFor(t, admin.tm, "admin", e2eVi(i18n.TWQueueHeading, 1), "Xấu")
	admin.tm.Send("\r")
	e2eFor(t, admin.tm, "admin", e2eVi(i18n.TWQueueDetailHeading, 1, 1), "Xấu", "Tiêu", "dảo chiều")
	e2eCheckWire(t, "admin (queue, sanitised at input)", admin.tm)

	// Now the stored comment holds the hostile values raw, bypassing every sanitiser on the
	// way in (other plain words, so that the screens prove which version they show); the admin
	// reloads the queue and opens it again.
	err = eb.store.Update(ctx, func(tx board.Tx) error {
		c, err := tx.Comment(cm.ID)
		if err != nil {
			return err
		}
		c.Name, c.Title, c.Body = e2eStored[0].Text, e2eStored[1].Text, e2eStored[2].Text
		return tx.PutComment(&c)
	})
	if err != nil {
		t.Fatalf("rewrite the stored comment: %v", err)
	}
	if got, err := eb.e.board.Comment(ctx, boardtest.Admin, cm.ID); err != nil || got.Body != e2eStored[2].Text || got.Name != e2eStored[0].Text {
		t.Fatalf("the store did not keep the raw values: %v %q %q", err, got.Name, got.Body)
	}
	storedWords := func(field string) []string { return e2ePlain["stored "+field] }
	admin.tm.Send("\x1b")
	e2eFor(t, admin.tm, "admin", e2eVi(i18n.TWQueueHeading, 1))
	admin.tm.Send("R")
	e2eFor(t, admin.tm, "admin", e2eVi(i18n.TWQueueHeading, 1), "Mạo")
	admin.tm.Send("\r")
	e2eFor(t, admin.tm, "admin", append(append(append([]string{e2eVi(i18n.TWQueueDetailHeading, 1, 1)},
		storedWords("name")...), storedWords("title")...), storedWords("body")...)...)
	e2eCheckWire(t, "admin (queue, raw in the store)", admin.tm)
	admin.tm.Send("a")
	e2eFor(t, admin.tm, "admin", e2eVi(i18n.TWQueueApproved, 1), e2eVi(i18n.TUIPending, 0))
	admin.tm.Send("\x1b")
	e2eFor(t, admin.tm, "admin", e2eHomeMark)
	// The admin reads the approved comment in the thread too (a moderator's view of it), and
	// both guests read it.
	inThread := append(append([]string{e2eVi(i18n.TUIThreadComments, 1)}, storedWords("name")...), storedWords("body")...)
	e2eOpenThread(t, admin.tm, "admin", th, inThread...)
	e2eOpenThread(t, reader.tm, "reader", th, inThread...)
	guest.tm.Send("\x1b")
	e2eFor(t, guest.tm, "guest", e2eHomeMark)
	e2eOpenThread(t, guest.tm, "guest", th, inThread...)

	for _, c := range []struct {
		who string
		tm  *term
	}{{"admin", admin.tm}, {"reader", reader.tm}, {"guest", guest.tm}} {
		e2eCheckWire(t, c.who, c.tm)
	}
	// Controls for the check itself: each raw value, sent as it is, would fail it.
	for _, p := range append(slices.Clone(e2ePasted), e2eStored...) {
		if err := hostile.CheckWire([]byte(p.Text), e2eNeedles()...); err == nil {
			t.Errorf("CheckWire passes the raw hostile %s %q: the wire check cannot fail", p.Name, p.Text)
		}
	}

	eb.closeAll(t, guest, reader, admin)
}

// e2eOnline is the home page's online count as shown.
func e2eOnline(n int) string { return fmt.Sprintf("%s: %d", e2eVi(i18n.TUIOnline), n) }

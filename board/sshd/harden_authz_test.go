package sshd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
	"bangtin/board/boardtest/sshtest"
	"bangtin/board/i18n"
	"bangtin/keys"
)

// The authorisation matrix over real SSH, beyond TestCommandMatrixOverSSH (package sshd_test):
// every editor and admin command and every privileged TUI key, tried by every lesser identity,
// including a client that offers the admin's public key without its private key and a client
// that types the admin's login name without credentials.

// hWho is one way of connecting.
type hWho struct {
	name     string
	role     board.Role // the role it must end up with (guest for the impostors)
	user     string     // the login name typed
	key      gossh.Signer
	password string // keyboard-interactive answer
	// auditFailure: its first attempt must leave an auth.failure audit entry.
	auditFailure bool
	// refusedAtAuth: the handshake may refuse it outright (then nothing else is tried).
	refusedAtAuth bool
}

// hImpostor offers a public key it cannot sign for: its signatures are made by another key.
type hImpostor struct {
	pub    gossh.PublicKey
	signer gossh.Signer
}

func (s hImpostor) PublicKey() gossh.PublicKey { return s.pub }
func (s hImpostor) Sign(r io.Reader, data []byte) (*gossh.Signature, error) {
	return s.signer.Sign(r, data)
}

func (w hWho) as() sshtest.As { return sshtest.As{User: w.user, Key: w.key, Password: w.password} }

// hRun runs a command line as w; dialled is false when the handshake refused w.
func (e *testEnv) hRun(t *testing.T, w hWho, stdin, cmdline string) (code int, out, errOut string, dialled bool) {
	t.Helper()
	c, err := e.TryDial(w.as())
	if err != nil {
		if w.refusedAtAuth {
			return 0, "", err.Error(), false
		}
		t.Fatalf("%s: dial: %v", w.name, err)
	}
	defer c.Close()
	r, err := sshtest.Run(c, stdin, cmdline)
	if err != nil {
		t.Fatalf("%s: %q: %v", w.name, cmdline, err)
	}
	return r.Code, r.Out, r.Err, true
}

// hSnapshot is everything a privileged action could change, as JSON (without counters, view
// counts and the records of refusals and failed logins).
func hSnapshot(t *testing.T, b *board.Board) string {
	t.Helper()
	ctx := context.Background()
	page, err := b.ListThreads(ctx, board.System, board.ThreadQuery{All: true, PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	var threads []board.Thread
	for _, th := range page.Threads {
		full, err := b.Thread(ctx, board.System, th.ID)
		if err != nil {
			t.Fatal(err)
		}
		full.Views = 0
		threads = append(threads, full)
	}
	comments, err1 := b.SearchComments(ctx, board.System, board.CommentQuery{Limit: 1000})
	bans, err2 := b.Bans(ctx, board.System)
	accounts, err3 := b.Accounts(ctx, board.System)
	audit, err4 := b.Audit(ctx, board.System, board.AuditQuery{Limit: 10000})
	settings, err5 := b.Settings(ctx)
	cats, err6 := b.Categories(ctx)
	if err := errors.Join(err1, err2, err3, err4, err5, err6); err != nil {
		t.Fatal(err)
	}
	var kept []board.AuditEntry
	for _, a := range audit {
		if a.Kind != board.AuditDenied && a.Kind != board.AuditAuthFailure {
			kept = append(kept, a)
		}
	}
	js, err := json.Marshal([]any{threads, comments, bans, accounts, kept, settings, cats})
	if err != nil {
		t.Fatal(err)
	}
	return string(js)
}

func hDenied(t *testing.T, b *board.Board) int { return hAuditCount(t, b, board.AuditDenied) }

func hAuthFailures(t *testing.T, b *board.Board) int {
	return hAuditCount(t, b, board.AuditAuthFailure)
}

func hAuditCount(t *testing.T, b *board.Board, kind string) int {
	t.Helper()
	if err := b.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	es, err := b.Audit(context.Background(), board.System, board.AuditQuery{Kind: kind, Limit: 100000})
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}

// hMatrixBoard is a server over a board where admin, editor and staff have real keys, one key
// is banned, and there is a published thread, a hidden one, pending comments and a ban.
type hMatrixBoard struct {
	e                       *testEnv
	admin, editor, staff    gossh.Signer
	bannedKey               gossh.Signer
	fill                    func(string) string
	adminKeyLine, spareLine string
	spareLine2              string
}

func hMatrixSetup(t *testing.T) *hMatrixBoard {
	t.Helper()
	e := startBoard(t, hSlowGrace)
	b := e.board
	ctx := context.Background()
	m := &hMatrixBoard{e: e, admin: sshtest.Signer(t), editor: sshtest.Signer(t), staff: sshtest.Signer(t), bannedKey: sshtest.Signer(t)}
	for login, s := range map[string]gossh.Signer{"admin": m.admin, "editor": m.editor, "staff": m.staff} {
		_, k, err := keys.ParseAuthorizedKey(string(gossh.MarshalAuthorizedKey(s.PublicKey())))
		if err != nil {
			t.Fatal(err)
		}
		if err := b.AddKey(ctx, board.System, login, k); err != nil {
			t.Fatalf("key for %s: %v", login, err)
		}
	}
	// The admin also has a password: typing its login name leads to the password question.
	if err := b.SetPassword(ctx, board.System, "admin", "mat-khau-that-cua-admin"); err != nil {
		t.Fatal(err)
	}
	m.adminKeyLine = strings.TrimSpace(string(gossh.MarshalAuthorizedKey(m.admin.PublicKey())))
	m.spareLine = strings.TrimSpace(string(gossh.MarshalAuthorizedKey(sshtest.Signer(t).PublicKey())))
	m.spareLine2 = strings.TrimSpace(string(gossh.MarshalAuthorizedKey(sshtest.Signer(t).PublicKey())))
	if _, err := b.AddBan(ctx, board.System, board.BanInput{Fingerprint: gossh.FingerprintSHA256(m.bannedKey.PublicKey()), Reason: "quảng cáo"}); err != nil {
		t.Fatal(err)
	}
	ed := board.Identity{Login: "editor", Name: "Biên tập", Role: board.RoleEditor}
	th, err := b.CreateThread(ctx, ed, board.ThreadInput{Title: "Lịch tiêm chủng", Body: "Thứ bảy tại trạm y tế."})
	if err != nil {
		t.Fatal(err)
	}
	hidden, err := b.CreateThread(ctx, ed, board.ThreadInput{Title: "Tin đã ẩn", Body: "Ẩn."})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.HideThread(ctx, ed, hidden.ID, "cũ"); err != nil {
		t.Fatal(err)
	}
	guest := board.Identity{Fingerprint: "SHA256:hardening-guest", Addr: netip.MustParseAddr("192.0.2.7")}
	var cs []board.Comment
	for i := range 3 {
		c, err := b.PostComment(ctx, guest, board.CommentInput{ThreadID: th.ID, Name: "Khách", Body: fmt.Sprintf("Chờ duyệt %d", i)})
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	ban, err := b.AddBan(ctx, board.System, board.BanInput{Addr: "198.51.100.0/24", Reason: "thử"})
	if err != nil {
		t.Fatal(err)
	}
	m.fill = strings.NewReplacer("{T}", fmt.Sprint(th.ID), "{H}", fmt.Sprint(hidden.ID),
		"{C1}", fmt.Sprint(cs[0].ID), "{C2}", fmt.Sprint(cs[1].ID), "{C3}", fmt.Sprint(cs[2].ID),
		"{BAN}", fmt.Sprint(ban.ID), "{ADMINFP}", gossh.FingerprintSHA256(m.admin.PublicKey()),
		"{SPARE}", m.spareLine, "{SPARE2}", m.spareLine2).Replace
	return m
}

// lesser are the identities below each role, the impostors included.
func (m *hMatrixBoard) identities(t *testing.T) []hWho {
	return []hWho{
		{name: "editor", role: board.RoleEditor, user: "editor", key: m.editor},
		{name: "staff", role: board.RoleStaff, user: "staff", key: m.staff},
		{name: "guest-key", role: board.RoleGuest, user: "khach", key: sshtest.Signer(t)},
		{name: "guest-nokey", role: board.RoleGuest, user: "khach"},
		{name: "banned", role: board.RoleGuest, user: "khach", key: m.bannedKey},
		// Offers the admin's public key, signs with another: the server accepts the offer, then
		// the signature fails and x/crypto ends the handshake (server.go: a failed Verify
		// returns an error); were it to go on, the client could only be a guest.
		{name: "admin-key-unsigned", role: board.RoleGuest, user: "khach", key: hImpostor{pub: m.admin.PublicKey(), signer: sshtest.Signer(t)}, refusedAtAuth: true},
		// Same, typing the admin's login name: refused at the handshake (the name needs a
		// key or the password).
		{name: "admin-key-unsigned-as-admin", role: board.RoleGuest, user: "admin", key: hImpostor{pub: m.admin.PublicKey(), signer: sshtest.Signer(t)}, refusedAtAuth: true},
		// The admin's login name with a wrong password (recorded as a failed login; the
		// attempts that follow lock the account's password out), then with none.
		{name: "admin-name-wrong-password", role: board.RoleGuest, user: "admin", password: "123456", refusedAtAuth: true, auditFailure: true},
		{name: "admin-name-only", role: board.RoleGuest, user: "admin", refusedAtAuth: true},
		{name: "admin-name-other-key", role: board.RoleGuest, user: "Admin", key: sshtest.Signer(t), refusedAtAuth: true},
	}
}

// hPrivileged are the editor and admin commands ({X} filled per board).
var hPrivileged = []struct {
	line, stdin string
	need        board.Role
}{
	{"news list --all --json", "", board.RoleEditor},
	{"news post --title 'Tin lạ' --json", "Nội dung lạ", board.RoleEditor},
	{"news post --title 'Bản nháp' --draft", "Nháp", board.RoleEditor},
	{"news edit {T} --title 'Đổi tiêu đề' --keep-body", "", board.RoleEditor},
	{"news edit {T} --pinned=true", "Thân bài mới", board.RoleEditor},
	{"news hide {T} --reason 'không hợp'", "", board.RoleEditor},
	{"news restore {H}", "", board.RoleEditor},
	{"news delete {T} --reason xoá", "", board.RoleEditor},
	{"comments pending --json", "", board.RoleEditor},
	{"comment approve {C1}", "", board.RoleEditor},
	{"comment approve {C1} {C2} {C3}", "", board.RoleEditor},
	{"comment reject {C2} --reason spam", "", board.RoleEditor},
	{"comment delete {C3}", "", board.RoleEditor},
	{"ban add --ip 203.0.113.0/24 --reason x", "", board.RoleAdmin},
	{"ban add --key SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA --for 1h", "", board.RoleAdmin},
	{"ban list --json", "", board.RoleAdmin},
	{"ban remove {BAN}", "", board.RoleAdmin},
	{"user add lan --role admin", "", board.RoleAdmin},
	{"user add mai --role staff --key '{SPARE}'", "", board.RoleAdmin},
	{"user list --json", "", board.RoleAdmin},
	{"user remove staff", "", board.RoleAdmin},
	{"user role staff admin", "", board.RoleAdmin},
	{"user role editor admin", "", board.RoleAdmin},
	{"user rename admin 'Kẻ giả'", "", board.RoleAdmin},
	{"user key add staff '{SPARE2}'", "", board.RoleAdmin},
	{"user key add editor -", "{SPARE}\n", board.RoleAdmin},
	{"user key remove admin {ADMINFP}", "", board.RoleAdmin},
	{"user passwd admin", "mat-khau-moi-123\n", board.RoleAdmin},
	{"user passwd staff --clear", "", board.RoleAdmin},
	{"audit --json", "", board.RoleAdmin},
	{"audit --kind denied", "", board.RoleAdmin},
	{"backup", "", board.RoleAdmin},
}

// TestAuthzCommandMatrix: every privileged command, by every lesser identity: exit 3 with the
// refusal on stderr and nothing on stdout, or refused at the handshake; nothing changes; each
// refusal adds a "denied" audit entry. Then the admin runs them all (exit 0): the command lines
// are real.
func TestAuthzCommandMatrix(t *testing.T) {
	m := hMatrixSetup(t)
	e, b := m.e, m.e.board
	forbidden := i18n.T(i18n.Vi, i18n.ErrForbidden)
	before := hSnapshot(t, b)
	for _, w := range m.identities(t) {
		t.Run(w.name, func(t *testing.T) {
			// Who the server thinks this is.
			failures := hAuthFailures(t, b)
			code, out, errOut, dialled := e.hRun(t, w, "", "whoami --json")
			if dialled {
				var who struct{ Role, Login, Fingerprint string }
				if err := json.Unmarshal([]byte(out), &who); code != 0 || err != nil {
					t.Fatalf("whoami: exit %d %v %s %s", code, err, out, errOut)
				}
				if who.Role != w.role.String() {
					t.Fatalf("%s is %q, want %q", w.name, who.Role, w.role)
				}
				if w.role == board.RoleGuest && (who.Login != "" || who.Fingerprint == gossh.FingerprintSHA256(m.admin.PublicKey())) {
					t.Fatalf("%s became %+v", w.name, who)
				}
			} else {
				t.Logf("%s refused at the handshake: %s", w.name, errOut)
				// A login name's failed password is recorded for the admins to see.
				if w.auditFailure && hAuthFailures(t, b) <= failures {
					t.Errorf("%s: the failed login as admin left no %q audit entry", w.name, board.AuditAuthFailure)
				}
			}
			tried := 0
			for _, c := range hPrivileged {
				if w.role >= c.need {
					continue
				}
				line := m.fill(c.line)
				denied := hDenied(t, b)
				code, out, errOut, dialled := e.hRun(t, w, c.stdin, line)
				if !dialled {
					continue
				}
				tried++
				if code != 3 || out != "" || !strings.Contains(errOut, forbidden) {
					t.Errorf("%s as %s: exit %d, want 3 and %q\nstdout: %.300q\nstderr: %.300q", line, w.name, code, forbidden, out, errOut)
				}
				if after := hDenied(t, b); after <= denied {
					t.Errorf("%s as %s: refused without a \"denied\" audit entry", line, w.name)
				}
			}
			if !dialled && tried > 0 {
				t.Errorf("%s: refused at the handshake once, let in later", w.name)
			}
			if after := hSnapshot(t, b); after != before {
				t.Fatalf("refused commands by %s changed the board", w.name)
			}
		})
	}

	// Positive control: the admin may run every one of them.
	admin := hWho{name: "admin", role: board.RoleAdmin, user: "khong-quan-trong", key: m.admin}
	for _, c := range hPrivileged {
		if strings.Contains(c.line, "{ADMINFP}") || strings.Contains(c.line, "user passwd admin") ||
			strings.Contains(c.line, "user remove staff") || strings.Contains(c.line, "user key add editor") {
			continue // these would lock the admin out or remove what later lines use
		}
		line := m.fill(c.line)
		if code, out, errOut, _ := e.hRun(t, admin, c.stdin, line); code != 0 {
			t.Errorf("admin: %s: exit %d\n%s\n%s", line, code, out, errOut)
		}
	}
}

// hKeyChecked presses key on a reading page and proves it did nothing: the help page opened by
// "?" afterwards closes back onto the same page.
func hKeyChecked(t *testing.T, tm *term, key, page string, same func(string) bool) {
	t.Helper()
	tm.Send(key)
	tm.Send("?")
	help := i18n.T(i18n.Vi, i18n.TUIHelpTitle)
	deadline := time.Now().Add(8 * time.Second)
	for !strings.Contains(tm.Screen(), help) {
		if time.Now().After(deadline) {
			t.Fatalf("after %q on the %s page, \"?\" opened no help: %q opened something\n%s", key, page, key, tm.Screen())
		}
		time.Sleep(20 * time.Millisecond)
	}
	tm.Send("\x1b")
	deadline = time.Now().Add(8 * time.Second)
	for {
		s := tm.Screen()
		if !strings.Contains(s, help) && same(s) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %q on the %s page and closing help, the screen is not the %s page:\n%s", key, page, page, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestAuthzTUIKeys: the keys that open the queue (m), the editor (N, and e on a thread),
// categories (C), users (U), bans (B), settings (S) and the audit log (A) do nothing for the
// roles below them; the board is unchanged. For the roles above, each opens its page.
func TestAuthzTUIKeys(t *testing.T) {
	m := hMatrixSetup(t)
	e, b := m.e, m.e.board
	type tuiKey struct {
		key  string
		need board.Role
	}
	homeKeys := []tuiKey{{"m", board.RoleEditor}, {"N", board.RoleEditor}, {"C", board.RoleEditor},
		{"U", board.RoleAdmin}, {"B", board.RoleAdmin}, {"S", board.RoleAdmin}, {"A", board.RoleAdmin}}
	home := func(s string) bool { return strings.Contains(s, "Thống kê truy cập") }
	// A thread page: its title and its own help line (comment, next and previous thread).
	threadPage := func(s string) bool {
		lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
		foot := lines[len(lines)-1]
		return !home(s) && strings.Contains(s, "Chào mừng đến với bảng tin") &&
			strings.Contains(foot, "gửi ý kiến") && strings.Contains(foot, "tin sau")
	}
	before := hSnapshot(t, b)

	open := func(t *testing.T, w hWho) *term {
		c, err := e.TryDial(w.as())
		if err != nil && w.refusedAtAuth {
			t.Skipf("%s is refused at the handshake: no TUI (%v)", w.name, err)
		}
		if err != nil {
			t.Fatalf("%s: dial: %v", w.name, err)
		}
		t.Cleanup(func() { c.Close() })
		tm := e.openTerm(t, c, termOpts{})
		tm.WaitScreen("home", home)
		return tm
	}
	for _, w := range m.identities(t) {
		t.Run(w.name, func(t *testing.T) {
			tm := open(t, w)
			for _, k := range homeKeys {
				if w.role >= k.need {
					continue
				}
				hKeyChecked(t, tm, k.key, "home", home)
			}
			// e on a thread.
			if w.role < board.RoleEditor {
				tm.Send("\r")
				tm.WaitScreen("a thread", threadPage)
				hKeyChecked(t, tm, "e", "thread", threadPage)
			}
			tm.Send("qy") // q on home asks before leaving; y leaves
		})
	}
	if after := hSnapshot(t, b); after != before {
		t.Fatal("TUI sessions of lesser roles changed the board")
	}

	// Positive control: the admin's and the editor's keys open their pages.
	for _, w := range []hWho{
		{name: "admin", role: board.RoleAdmin, user: "x", key: m.admin},
		{name: "editor", role: board.RoleEditor, user: "x", key: m.editor},
	} {
		for _, k := range homeKeys {
			if w.role < k.need {
				continue
			}
			t.Run(w.name+"/"+k.key, func(t *testing.T) {
				tm := open(t, w)
				tm.Send(k.key)
				tm.WaitScreen(fmt.Sprintf("the page of %q", k.key), func(s string) bool { return !home(s) })
				hClose(tm)
			})
		}
		t.Run(w.name+"/e", func(t *testing.T) {
			tm := open(t, w)
			tm.Send("\r")
			tm.WaitScreen("a thread", threadPage)
			tm.Send("e")
			tm.WaitScreen("the editor", func(s string) bool { return !threadPage(s) && !home(s) })
			hClose(tm)
		})
	}
}

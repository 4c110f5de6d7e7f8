package sshd_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/boardtest/sshtest"
	"bangtin/board/i18n"
	"bangtin/board/sshd/sshdtest"
	"bangtin/keys"
)

// The real clients (sshtest.Clients) and the commands' server (sshdtest) come from the one
// harness.

type clientResult = sshtest.Result

// TestCommandsThroughRealClients runs stats, news list and comment post as a guest and an admin's
// comments pending through OpenSSH's ssh, PuTTY's plink and Dropbear's dbclient, each with a key
// in its own format, and checks outputs, JSON, Vietnamese text and exit statuses.
func TestCommandsThroughRealClients(t *testing.T) {
	b := boardtest.New(t, board.Options{GuestCommentLimit: 100})
	th := boardtest.Thread(t, b, "Thông báo họp tổ dân phố", "Họp lúc 19 giờ tại nhà văn hoá.")
	srv := sshdtest.Start(t, b, nil)
	ctx := context.Background()

	for _, c := range sshtest.Clients {
		t.Run(c.Name, func(t *testing.T) {
			sshtest.Need(t, c.Programs...)
			dir := t.TempDir()
			guestKey, guestLine := c.NewKey(t, dir, "khach")
			adminKey, adminLine := c.NewKey(t, dir, "quantri")
			_, ak, err := keys.ParseAuthorizedKey(adminLine)
			if err != nil {
				t.Fatalf("admin key %q: %v", adminLine, err)
			}
			if err := b.AddKey(ctx, board.System, boardtest.Admin.Login, ak); err != nil {
				t.Fatalf("register the admin key: %v", err)
			}
			gk, _, _, _, err := gossh.ParseAuthorizedKey([]byte(guestLine))
			if err != nil {
				t.Fatalf("guest key %q: %v", guestLine, err)
			}
			guestFP := gossh.FingerprintSHA256(gk)

			// whoami: the key decides the identity, not the login name.
			r := c.Exec(t, srv.Env, guestKey, "khach", "", "whoami --json")
			if r.Code != 0 {
				t.Fatalf("whoami as guest: exit %d\n%s\n%s", r.Code, r.Out, r.Err)
			}
			var who map[string]any
			if err := json.Unmarshal([]byte(r.Out), &who); err != nil || who["role"] != "guest" || who["fingerprint"] != guestFP {
				t.Errorf("guest whoami: %v %v\n%s", who, err, r.Out)
			}
			r = c.Exec(t, srv.Env, adminKey, "bat-ky-ten", "", "whoami --json")
			if err := json.Unmarshal([]byte(r.Out), &who); r.Code != 0 || err != nil || who["role"] != "admin" || who["login"] != "admin" {
				t.Errorf("admin whoami: exit %d %v %v\n%s\n%s", r.Code, who, err, r.Out, r.Err)
			}

			// stats
			r = c.Exec(t, srv.Env, guestKey, "khach", "", "stats --json")
			var stats map[string]any
			if err := json.Unmarshal([]byte(r.Out), &stats); r.Code != 0 || err != nil {
				t.Fatalf("stats: exit %d %v\n%s\n%s", r.Code, err, r.Out, r.Err)
			}
			for _, k := range []string{"online", "today", "week", "total"} {
				if _, ok := stats[k].(float64); !ok {
					t.Errorf("stats lacks the number %q: %v", k, stats)
				}
			}
			r = c.Exec(t, srv.Env, guestKey, "khach", "", "stats")
			if r.Code != 0 || !strings.Contains(r.Out, "Hôm nay") {
				t.Errorf("stats table (Vietnamese by default): exit %d\n%s\n%s", r.Code, r.Out, r.Err)
			}

			// news list
			r = c.Exec(t, srv.Env, guestKey, "khach", "", "news list --json")
			var list []map[string]any
			if err := json.Unmarshal([]byte(r.Out), &list); r.Code != 0 || err != nil {
				t.Fatalf("news list: exit %d %v\n%s\n%s", r.Code, err, r.Out, r.Err)
			}
			found := false
			for _, x := range list {
				if x["title"] == th.Title && x["status"] == "published" {
					found = true
				}
			}
			if !found {
				t.Errorf("news list lacks %q: %v", th.Title, list)
			}

			// comment post, the body on stdin, a Vietnamese name with spaces quoted on the line.
			body := "Ý kiến gửi bằng " + c.Name + ": đồng ý với lịch họp."
			r = c.Exec(t, srv.Env, guestKey, "khach", body,
				fmt.Sprintf("comment post %d --name 'Nguyễn Văn Ân' --title 'Góp ý' --json", th.ID))
			var posted map[string]any
			if err := json.Unmarshal([]byte(r.Out), &posted); r.Code != 0 || err != nil || posted["status"] != "pending" {
				t.Fatalf("comment post: exit %d %v %v\n%s\n%s", r.Code, posted, err, r.Out, r.Err)
			}
			id, _ := posted["id"].(float64)

			// A guest may not see the queue: exit 3 through the client.
			r = c.Exec(t, srv.Env, guestKey, "khach", "", "comments pending --json")
			if r.Code != 3 || r.Out != "" {
				t.Errorf("guest comments pending: exit %d, want 3\n%s\n%s", r.Code, r.Out, r.Err)
			}

			// The admin's comments pending holds the comment as sent.
			r = c.Exec(t, srv.Env, adminKey, "admin", "", "comments pending --json")
			var pending []map[string]any
			if err := json.Unmarshal([]byte(r.Out), &pending); r.Code != 0 || err != nil {
				t.Fatalf("comments pending: exit %d %v\n%s\n%s", r.Code, err, r.Out, r.Err)
			}
			var mine map[string]any
			for _, p := range pending {
				if p["id"] == id {
					mine = p
				}
			}
			switch {
			case mine == nil:
				t.Errorf("comments pending lacks comment %v: %v", id, pending)
			case mine["body"] != body || mine["name"] != "Nguyễn Văn Ân" || mine["title"] != "Góp ý" ||
				mine["fingerprint"] != guestFP || mine["thread_title"] != th.Title || mine["remote_addr"] != "127.0.0.1":
				t.Errorf("pending comment as stored: %v", mine)
			}

			// A usage error is exit 2, with its message on stderr.
			r = c.Exec(t, srv.Env, guestKey, "khach", "", "news show abc")
			if r.Code != 2 || !strings.Contains(r.Err, "abc") {
				t.Errorf("news show abc: exit %d, want 2\n%s\n%s", r.Code, r.Out, r.Err)
			}
		})
	}
}

// --- the command interface over real SSH (golang.org/x/crypto/ssh clients) ---

// sshIdentity is one way of connecting: a key (registered to an account, unregistered, banned)
// or none (keyboard-interactive with no questions).
type sshIdentity struct {
	name string
	role board.Role
	key  gossh.Signer // nil: no key
}

// runSSH runs one command line as id over a fresh connection.
func runSSH(t *testing.T, srv *sshdtest.Server, id sshIdentity, stdin, cmdline string) clientResult {
	t.Helper()
	return srv.Run(t, sshtest.As{Key: id.key}, stdin, cmdline)
}

// boardState is what a command could change, as JSON, without counters and refusal records.
func boardState(t *testing.T, b *board.Board) string {
	t.Helper()
	ctx := context.Background()
	admin := boardtest.Admin
	page, err := b.ListThreads(ctx, admin, board.ThreadQuery{All: true, PerPage: 100})
	if err != nil {
		t.Fatal(err)
	}
	var threads []board.Thread
	for _, th := range page.Threads {
		full, err := b.Thread(ctx, admin, th.ID)
		if err != nil {
			t.Fatal(err)
		}
		full.Views = 0
		threads = append(threads, full)
	}
	comments, err1 := b.SearchComments(ctx, admin, board.CommentQuery{Limit: 1000})
	bans, err2 := b.Bans(ctx, admin)
	accounts, err3 := b.Accounts(ctx, admin)
	audit, err4 := b.Audit(ctx, admin, board.AuditQuery{Limit: 10000})
	settings, err5 := b.Settings(ctx)
	if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
		t.Fatal(err)
	}
	var kept []board.AuditEntry
	for _, e := range audit {
		if e.Kind != board.AuditDenied {
			kept = append(kept, e)
		}
	}
	js, err := json.Marshal([]any{threads, comments, bans, accounts, kept, settings})
	if err != nil {
		t.Fatal(err)
	}
	return string(js)
}

// TestCommandMatrixOverSSH runs the commands as each identity over a real loopback server:
// exit status and output by role; a refused command changes nothing and is logged.
func TestCommandMatrixOverSSH(t *testing.T) {
	b := boardtest.New(t, board.Options{GuestCommentLimit: 1000})
	ctx := context.Background()
	srv := sshdtest.Start(t, b, nil)

	ids := []sshIdentity{
		{"admin", board.RoleAdmin, sshtest.Signer(t)},
		{"editor", board.RoleEditor, sshtest.Signer(t)},
		{"staff", board.RoleStaff, sshtest.Signer(t)},
		{"guest-key", board.RoleGuest, sshtest.Signer(t)},
		{"guest-nokey", board.RoleGuest, nil},
		{"banned", board.RoleGuest, sshtest.Signer(t)},
	}
	for _, id := range ids[:3] {
		line := string(gossh.MarshalAuthorizedKey(id.key.PublicKey()))
		_, k, err := keys.ParseAuthorizedKey(line)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.AddKey(ctx, board.System, id.name, k); err != nil {
			t.Fatalf("register %s key: %v", id.name, err)
		}
	}
	bannedFP := gossh.FingerprintSHA256(ids[5].key.PublicKey())
	if _, err := b.AddBan(ctx, board.System, board.BanInput{Fingerprint: bannedFP, Reason: "spam"}); err != nil {
		t.Fatal(err)
	}
	// targets makes a published thread and a pending comment on it, and fills them into a
	// command line ({T}, {C}).
	targets := func(t *testing.T) func(string) string {
		th := boardtest.Thread(t, b, "Lịch trực Tết", "Phân công trực.")
		c, err := b.PostComment(ctx, boardtest.GuestKey("SHA256:someone", "127.0.0.9"), board.CommentInput{ThreadID: th.ID, Name: "Ai đó", Body: "Chờ duyệt"})
		if err != nil {
			t.Fatal(err)
		}
		return strings.NewReplacer("{T}", fmt.Sprint(th.ID), "{C}", fmt.Sprint(c.ID)).Replace
	}
	fill := targets(t)

	type cmd struct {
		line  string
		stdin string
		need  board.Role
	}
	cmds := []cmd{
		{"whoami --json", "", board.RoleGuest},
		{"stats --json", "", board.RoleGuest},
		{"news list --json", "", board.RoleGuest},
		{"news show {T} --json", "", board.RoleGuest},
		{"news search 'lịch trực' --json", "", board.RoleGuest},
		{"news list --all", "", board.RoleEditor},
		{"comments pending --json", "", board.RoleEditor},
		{"news hide 999999", "", board.RoleEditor},
		{"news hide {T} --reason x", "", board.RoleEditor},
		{"news post --title 'Tin mới'", "Nội dung", board.RoleEditor},
		{"comment approve {C}", "", board.RoleEditor},
		{"ban list --json", "", board.RoleAdmin},
		{"ban add --ip 192.0.2.0/24", "", board.RoleAdmin},
		{"user list --json", "", board.RoleAdmin},
		{"user role staff admin", "", board.RoleAdmin},
		{"user passwd staff", "mật-khẩu-mới\n", board.RoleAdmin},
		{"audit --json", "", board.RoleAdmin},
		{"backup", "", board.RoleAdmin},
	}

	// Refusals first, by every lesser identity, against an unchanged board.
	for _, id := range ids {
		t.Run("refused/"+id.name, func(t *testing.T) {
			before := boardState(t, b)
			for _, c := range cmds {
				if id.role >= c.need {
					continue
				}
				r := runSSH(t, srv, id, c.stdin, fill(c.line))
				if r.Code != 3 || r.Out != "" || !strings.Contains(r.Err, i18n.T(i18n.Vi, i18n.ErrForbidden)) {
					t.Errorf("%s as %s: exit %d, want 3 and the refusal\nstdout: %s\nstderr: %s", c.line, id.name, r.Code, r.Out, r.Err)
				}
			}
			if after := boardState(t, b); after != before {
				t.Errorf("refused commands by %s changed the board", id.name)
			}
		})
	}
	entries, err := b.Audit(ctx, boardtest.Admin, board.AuditQuery{Kind: board.AuditDenied, Limit: 10000})
	if err != nil || len(entries) == 0 {
		t.Errorf("no refusal was logged (%v)", err)
	}

	// Then what each may do, the admin last (it promotes staff), each on targets of its own.
	for i := range ids {
		id := ids[len(ids)-1-i]
		t.Run("allowed/"+id.name, func(t *testing.T) {
			fill := targets(t)
			tid := fill("{T}")
			r := runSSH(t, srv, id, "", "whoami --json")
			var who map[string]any
			if err := json.Unmarshal([]byte(r.Out), &who); r.Code != 0 || err != nil || who["role"] != id.role.String() {
				t.Errorf("whoami: exit %d %v %v", r.Code, who, err)
			}
			wantFP := ""
			if id.key != nil {
				wantFP = gossh.FingerprintSHA256(id.key.PublicKey())
			}
			if who["fingerprint"] != wantFP {
				t.Errorf("whoami fingerprint %v, want %q", who["fingerprint"], wantFP)
			}
			r = runSSH(t, srv, id, "Ý kiến của "+id.name, "comment post "+tid+" --name 'Người "+id.name+"' --json")
			switch {
			case id.name == "banned":
				if r.Code != 3 || !strings.Contains(r.Err, "spam") {
					t.Errorf("banned comment post: exit %d %s %s", r.Code, r.Out, r.Err)
				}
			case r.Code != 0:
				t.Errorf("comment post: exit %d %s %s", r.Code, r.Out, r.Err)
			default:
				var posted map[string]any
				_ = json.Unmarshal([]byte(r.Out), &posted)
				want := "pending"
				if id.role >= board.RoleStaff {
					want = "approved"
				}
				if posted["status"] != want {
					t.Errorf("comment post status %v, want %s", posted["status"], want)
				}
			}
			for _, c := range cmds {
				if id.role < c.need || c.need == board.RoleGuest && strings.HasPrefix(c.line, "whoami") {
					continue
				}
				r := runSSH(t, srv, id, c.stdin, fill(c.line))
				want := 0
				if strings.Contains(c.line, "999999") {
					want = 1 // not found, said once the caller may ask
				}
				if r.Code != want {
					t.Errorf("%s as %s: exit %d, want %d\nstdout: %s\nstderr: %s", c.line, id.name, r.Code, want, r.Out, r.Err)
				}
				if strings.HasSuffix(c.line, "--json") {
					var v any
					if err := json.Unmarshal([]byte(r.Out), &v); err != nil {
						t.Errorf("%s as %s: not JSON: %v\n%s", c.line, id.name, err, r.Out)
					}
				}
				if c.line == "backup" && len(r.Out) < 4096 {
					t.Errorf("backup wrote %d bytes", len(r.Out))
				}
			}
		})
	}
}

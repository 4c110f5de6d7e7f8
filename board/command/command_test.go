package command_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/command"
	"bangtin/board/hostile"
	"bangtin/board/i18n"
)

// Identities of the tests: boardtest's accounts, guests, and a banned guest (banned by setup).
var (
	admin      = boardtest.Admin
	editor     = boardtest.Editor
	staff      = boardtest.Staff
	guestKey   = boardtest.GuestKey("SHA256:guest00000000000000000000000000000000000000", "127.0.0.2")
	guestNoKey = boardtest.Guest("127.0.0.3")
	banned     = boardtest.GuestKey("SHA256:banned0000000000000000000000000000000000000", "127.0.0.4")
)

var identities = []struct {
	name string
	id   board.Identity
}{
	{"admin", admin}, {"editor", editor}, {"staff", staff},
	{"guest-key", guestKey}, {"guest-nokey", guestNoKey}, {"banned", banned},
}

// fixture is a board with accounts, a published thread with one approved and one pending
// comment, a draft, and a ban.
type fixture struct {
	b         *board.Board
	published board.Thread
	draft     board.Thread
	approved  board.Comment
	pending   board.Comment
	ban       board.Ban
}

func setup(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	b := boardtest.New(t)
	f := &fixture{b: b}
	var err error
	if f.published, err = b.CreateThread(ctx, editor, board.ThreadInput{Title: "Thông báo lịch tiêm chủng",
		Summary: "Lịch tiêm tháng này", Body: "Nội dung **thông báo** tiêm chủng.\n\nĐoạn hai."}); err != nil {
		t.Fatalf("create thread: %v", err)
	}
	if f.draft, err = b.CreateThread(ctx, editor, board.ThreadInput{Title: "Bản nháp bí mật",
		Body: "Chưa đăng.", Draft: true}); err != nil {
		t.Fatalf("create draft: %v", err)
	}
	if f.approved, err = b.PostComment(ctx, staff, board.CommentInput{ThreadID: f.published.ID,
		Name: "Cán Bộ", Title: "Hỏi", Body: "Tiêm ở đâu ạ?"}); err != nil {
		t.Fatalf("post comment: %v", err)
	}
	if f.approved.Status != board.CommentApproved {
		if err := b.ApproveComments(ctx, admin, []uint64{f.approved.ID}, ""); err != nil {
			t.Fatalf("approve: %v", err)
		}
	}
	if f.pending, err = b.PostComment(ctx, guestKey, board.CommentInput{ThreadID: f.published.ID,
		Name: "Khách Lạ", Body: "Chờ duyệt nhé"}); err != nil {
		t.Fatalf("post guest comment: %v", err)
	}
	if f.pending.Status != board.CommentPending {
		t.Fatalf("guest comment status %s, want pending", f.pending.Status)
	}
	if f.ban, err = b.AddBan(ctx, admin, board.BanInput{Fingerprint: banned.Fingerprint, Reason: "quấy rối"}); err != nil {
		t.Fatalf("add ban: %v", err)
	}
	return f
}

type result struct {
	code        int
	out, errOut string
}

func (r result) String() string {
	return fmt.Sprintf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.out, r.errOut)
}

// runOpts are the parts of a run a test may change.
type runOpts struct {
	lang  i18n.Lang
	stdin string
	claim func(context.Context, string) error
}

func run(t *testing.T, b *board.Board, id board.Identity, o runOpts, args ...string) result {
	t.Helper()
	if o.lang == "" {
		o.lang = i18n.En
	}
	env := command.Env{Board: b, Identity: id, Lang: o.lang, Online: func() int { return 7 },
		Claim: o.claim, Version: "v1.2.3-test"}
	return runEnv(env, o.stdin, args...)
}

// runEnv runs one command line in env with stdin (bounded in time) and collects its output.
func runEnv(env command.Env, stdin string, args ...string) result {
	var out, errOut bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	code := command.Run(ctx, env, args, strings.NewReader(stdin), &out, &errOut)
	return result{code: code, out: out.String(), errOut: errOut.String()}
}

func runOK(t *testing.T, b *board.Board, id board.Identity, o runOpts, args ...string) result {
	t.Helper()
	r := run(t, b, id, o, args...)
	if r.code != 0 {
		t.Fatalf("%v: %s", args, r)
	}
	if err := hostile.CheckView(r.out); err != nil && !(len(args) > 0 && args[0] == "backup") {
		t.Fatalf("%v: stdout: %v", args, err)
	}
	return r
}

// decode decodes a JSON object and checks that it holds every key.
func decodeObject(t *testing.T, s string, keys ...string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("not a JSON object: %v\n%s", err, s)
	}
	hasKeys(t, m, keys...)
	return m
}

func decodeArray(t *testing.T, s string, keys ...string) []map[string]any {
	t.Helper()
	var a []map[string]any
	if err := json.Unmarshal([]byte(s), &a); err != nil {
		t.Fatalf("not a JSON array of objects: %v\n%s", err, s)
	}
	for _, m := range a {
		hasKeys(t, m, keys...)
	}
	return a
}

func hasKeys(t *testing.T, m map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON object lacks %q: %v", k, m)
		}
	}
}

var threadKeys = []string{"id", "title", "summary", "category", "author", "created_at", "published_at",
	"updated_at", "pinned", "status", "views", "comments"}

var pendingKeys = []string{"id", "thread_id", "thread_title", "name", "title", "body", "created_at",
	"fingerprint", "remote_addr"}

func idOf(m map[string]any) uint64 {
	f, _ := m["id"].(float64)
	return uint64(f)
}

func isRFC3339(t *testing.T, v any) {
	t.Helper()
	s, ok := v.(string)
	if !ok {
		t.Errorf("time %v is not a string", v)
		return
	}
	if _, err := time.Parse(time.RFC3339, s); err != nil {
		t.Errorf("time %q is not RFC 3339: %v", s, err)
	}
}

// --- state snapshots: a forbidden command must change nothing ---

type snapshot struct {
	Threads  []board.Thread
	Comments []board.Comment
	Bans     []board.Ban
	Accounts []board.Account
	Audit    []board.AuditEntry // without "denied" entries
	Settings board.Settings
}

func snap(t *testing.T, b *board.Board) snapshot {
	t.Helper()
	ctx := context.Background()
	var s snapshot
	page, err := b.ListThreads(ctx, admin, board.ThreadQuery{All: true, PerPage: 100})
	if err != nil {
		t.Fatalf("snapshot threads: %v", err)
	}
	for _, th := range page.Threads {
		full, err := b.Thread(ctx, admin, th.ID)
		if err != nil {
			t.Fatalf("snapshot thread %d: %v", th.ID, err)
		}
		full.Views = 0 // views are counters, not state a command changes
		s.Threads = append(s.Threads, full)
	}
	if s.Comments, err = b.SearchComments(ctx, admin, board.CommentQuery{Limit: 1000}); err != nil {
		t.Fatalf("snapshot comments: %v", err)
	}
	if s.Bans, err = b.Bans(ctx, admin); err != nil {
		t.Fatalf("snapshot bans: %v", err)
	}
	if s.Accounts, err = b.Accounts(ctx, admin); err != nil {
		t.Fatalf("snapshot accounts: %v", err)
	}
	audit, err := b.Audit(ctx, admin, board.AuditQuery{Limit: 10000})
	if err != nil {
		t.Fatalf("snapshot audit: %v", err)
	}
	for _, e := range audit {
		if e.Kind != board.AuditDenied {
			s.Audit = append(s.Audit, e)
		}
	}
	if s.Settings, err = b.Settings(ctx); err != nil {
		t.Fatalf("snapshot settings: %v", err)
	}
	return s
}

// deniedEntries counts the audit log's "denied" entries of an actor, waiting (bounded) for the
// audit writer, which records them asynchronously.
func waitDenied(t *testing.T, b *board.Board, actor string, want int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		entries, err := b.Audit(context.Background(), admin, board.AuditQuery{Kind: board.AuditDenied, Actor: actor, Limit: 10000})
		if err != nil {
			t.Fatalf("audit: %v", err)
		}
		if len(entries) >= want {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("audit holds %d denied entries of %s, want %d", len(entries), actor, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// --- tests ---

func TestUsageErrors(t *testing.T) {
	f := setup(t)
	for _, tc := range []struct {
		args []string
		id   board.Identity
		want string // a fragment of the English message
	}{
		{[]string{"nonsense"}, guestKey, "No such command"},
		{[]string{"news"}, guestKey, "needs a subcommand"},
		{[]string{"news", "frobnicate"}, guestKey, "No such command"},
		{[]string{"news", "show"}, guestKey, "Wrong number of arguments"},
		{[]string{"news", "show", "1", "2"}, guestKey, "Wrong number of arguments"},
		{[]string{"news", "show", "abc"}, guestKey, "not a valid id"},
		{[]string{"news", "show", "0"}, guestKey, "not a valid id"},
		{[]string{"news", "list", "--page", "x"}, guestKey, "not a valid value for --page"},
		{[]string{"news", "list", "--page", "0"}, guestKey, "not a valid value for --page"},
		{[]string{"news", "list", "--bogus"}, guestKey, "No such flag"},
		{[]string{"news", "list", "--category"}, guestKey, "needs a value"},
		{[]string{"__complete", "news", ""}, guestKey, "No such command"},
		{[]string{"completion", "bash"}, guestKey, "No such command"},
		{[]string{"help", "nonsense"}, guestKey, "No such command"},
		{[]string{"news", "post"}, editor, "--title is required"},
		{[]string{"ban", "add"}, admin, "exactly one of --key and --ip"},
		{[]string{"ban", "add", "--key", "SHA256:x", "--ip", "10.0.0.1"}, admin, "exactly one of --key and --ip"},
		{[]string{"ban", "add", "--ip", "10.0.0.1", "--for", "forever"}, admin, "not a valid value for --for"},
		{[]string{"user", "add", "lan"}, admin, "--role is required"},
		{[]string{"user", "add", "lan", "--role", "king"}, admin, "not a valid value for --role"},
		{[]string{"user", "role", "staff", "guest"}, admin, "not a valid role"},
		{[]string{"comment", "approve"}, editor, "Wrong number of arguments"},
	} {
		t.Run(strings.Join(tc.args, "_"), func(t *testing.T) {
			before := snap(t, f.b)
			r := run(t, f.b, tc.id, runOpts{}, tc.args...)
			if r.code != command.ExitUsage {
				t.Fatalf("want exit 2: %s", r)
			}
			if !strings.Contains(r.errOut, tc.want) {
				t.Errorf("stderr lacks %q: %s", tc.want, r)
			}
			if r.out != "" {
				t.Errorf("usage error wrote to stdout: %s", r)
			}
			if after := snap(t, f.b); !reflect.DeepEqual(before, after) {
				t.Errorf("a usage error changed the board")
			}
		})
	}
	// Vietnamese by default.
	r := run(t, f.b, guestKey, runOpts{lang: i18n.Vi}, "news", "show", "abc")
	if r.code != 2 || !strings.Contains(r.errOut, "không phải là một mã số hợp lệ") {
		t.Errorf("Vietnamese usage error: %s", r)
	}
}

func TestHelp(t *testing.T) {
	f := setup(t)
	for _, tc := range []struct {
		lang     i18n.Lang
		id       board.Identity
		args     []string
		want     []string
		wantNot  []string
		wantCode int
	}{
		{i18n.Vi, guestKey, []string{"help"}, []string{"Cách dùng:", "Các lệnh:", "news", "whoami", "--json"}, []string{"backup", "user"}, 0},
		{i18n.En, guestKey, []string{"help"}, []string{"Usage:", "Commands:", "news"}, []string{"backup"}, 0},
		{i18n.En, admin, []string{"help"}, []string{"backup", "user", "ban", "audit"}, nil, 0},
		{i18n.En, admin, []string{"--help"}, []string{"backup", "user"}, nil, 0},
		{i18n.Vi, guestKey, []string{"news", "list", "--help"}, []string{"--category SLUG", "--page N", "số trang"}, nil, 0},
		{i18n.En, guestKey, []string{"help", "news", "post"}, []string{"--title T", "standard input"}, nil, 0},
		{i18n.En, guestKey, []string{"news", "-h"}, []string{"list", "show", "search"}, []string{"\n  post", "\n  hide"}, 0},
		{i18n.En, guestKey, nil, []string{"Usage:"}, nil, 0},
		{i18n.En, guestKey, []string{"user", "add", "--help"}, []string{"--role ROLE", "--key LINE"}, nil, 0},
		{i18n.En, guestKey, []string{"help", "backup"}, []string{"standard output"}, nil, 0},
	} {
		r := run(t, f.b, tc.id, runOpts{lang: tc.lang}, tc.args...)
		if r.code != tc.wantCode {
			t.Errorf("%v: %s", tc.args, r)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(r.out, w) {
				t.Errorf("%v (%s): help lacks %q:\n%s", tc.args, tc.lang, w, r.out)
			}
		}
		for _, w := range tc.wantNot {
			if strings.Contains(r.out, w) {
				t.Errorf("%v (%s): help shows %q to a %s:\n%s", tc.args, tc.lang, w, tc.id.Role, r.out)
			}
		}
		if err := hostile.CheckView(r.out); err != nil {
			t.Errorf("%v: %v", tc.args, err)
		}
	}
}

func TestInfoCommands(t *testing.T) {
	f := setup(t)
	for _, who := range identities {
		t.Run(who.name, func(t *testing.T) {
			r := runOK(t, f.b, who.id, runOpts{}, "whoami", "--json")
			m := decodeObject(t, r.out, "name", "login", "role", "fingerprint")
			if m["role"] != who.id.Role.String() || m["login"] != who.id.Login || m["fingerprint"] != who.id.Fingerprint {
				t.Errorf("whoami: %v, want %+v", m, who.id)
			}
			r = runOK(t, f.b, who.id, runOpts{lang: i18n.Vi}, "whoami")
			if !strings.Contains(r.out, i18n.Role(i18n.Vi, who.id.Role)) {
				t.Errorf("whoami: no role name:\n%s", r.out)
			}

			r = runOK(t, f.b, who.id, runOpts{}, "stats", "--json")
			m = decodeObject(t, r.out, "online", "today", "week", "total")
			if m["online"] != float64(7) {
				t.Errorf("stats online = %v, want 7", m["online"])
			}
			r = runOK(t, f.b, who.id, runOpts{lang: i18n.Vi}, "stats")
			if !strings.Contains(r.out, "Đang online") || !strings.Contains(r.out, "7") {
				t.Errorf("stats table:\n%s", r.out)
			}

			r = runOK(t, f.b, who.id, runOpts{}, "version", "--json")
			if m := decodeObject(t, r.out, "version"); m["version"] != "v1.2.3-test" {
				t.Errorf("version: %v", m)
			}
		})
	}
}

func TestReadingCommands(t *testing.T) {
	f := setup(t)
	for _, who := range identities {
		t.Run(who.name, func(t *testing.T) {
			r := runOK(t, f.b, who.id, runOpts{}, "news", "list", "--json")
			list := decodeArray(t, r.out, threadKeys...)
			if len(list) != 1 || idOf(list[0]) != f.published.ID {
				t.Fatalf("news list = %v, want only thread %d", list, f.published.ID)
			}
			th := list[0]
			if th["status"] != "published" || th["category"] != "tin-tuc" || th["title"] != f.published.Title ||
				th["comments"] != float64(1) || th["author"] != editor.Name {
				t.Errorf("news list thread: %v", th)
			}
			isRFC3339(t, th["created_at"])
			isRFC3339(t, th["published_at"])
			// Times are in the board's zone (Asia/Ho_Chi_Minh: +07:00).
			if s, _ := th["created_at"].(string); !strings.HasSuffix(s, "+07:00") {
				t.Errorf("created_at %q is not in the board's time zone", s)
			}

			r = runOK(t, f.b, who.id, runOpts{lang: i18n.Vi}, "news", "list")
			if !strings.Contains(r.out, f.published.Title) || !strings.Contains(r.out, "Trang 1/1") ||
				strings.Contains(r.out, f.draft.Title) {
				t.Errorf("news list table:\n%s", r.out)
			}

			r = runOK(t, f.b, who.id, runOpts{}, "news", "list", "--category", "tin-tuc", "--page", "1", "--per-page", "5", "--json")
			if got := decodeArray(t, r.out, threadKeys...); len(got) != 1 {
				t.Errorf("news list --category: %v", got)
			}

			r = runOK(t, f.b, who.id, runOpts{}, "news", "show", fmt.Sprint(f.published.ID), "--json")
			m := decodeObject(t, r.out, append(threadKeys[:len(threadKeys)-1:len(threadKeys)-1], "body", "comments")...)
			if !strings.Contains(m["body"].(string), "Đoạn hai") {
				t.Errorf("news show body: %v", m["body"])
			}
			cs, ok := m["comments"].([]any)
			if !ok || len(cs) != 1 {
				t.Fatalf("news show comments = %v, want the approved comment only", m["comments"])
			}
			c := cs[0].(map[string]any)
			hasKeys(t, c, "id", "name", "title", "body", "created_at")
			if idOf(c) != f.approved.ID || c["body"] != "Tiêm ở đâu ạ?" {
				t.Errorf("news show comment: %v", c)
			}

			r = runOK(t, f.b, who.id, runOpts{lang: i18n.Vi}, "news", "show", fmt.Sprint(f.published.ID))
			for _, want := range []string{f.published.Title, "Đoạn hai", "Tiêm ở đâu ạ?", "Bình luận (1)"} {
				if !strings.Contains(r.out, want) {
					t.Errorf("news show lacks %q:\n%s", want, r.out)
				}
			}
			if strings.Contains(r.out, "Chờ duyệt nhé") {
				t.Errorf("news show shows a pending comment:\n%s", r.out)
			}

			r = runOK(t, f.b, who.id, runOpts{}, "news", "search", "tiem", "chung", "--json")
			if got := decodeArray(t, r.out, threadKeys...); len(got) != 1 || idOf(got[0]) != f.published.ID {
				t.Errorf("news search: %v", got)
			}
			r = runOK(t, f.b, who.id, runOpts{}, "news", "search", "khongcotu", "--json")
			if got := decodeArray(t, r.out); len(got) != 0 {
				t.Errorf("news search for nothing: %v", got)
			}

			// A draft is not found for those who cannot edit news, and found for editors.
			r = run(t, f.b, who.id, runOpts{}, "news", "show", fmt.Sprint(f.draft.ID))
			if who.id.Role.CanEditNews() {
				if r.code != 0 || !strings.Contains(r.out, f.draft.Title) {
					t.Errorf("editor news show draft: %s", r)
				}
			} else if r.code != 1 || !strings.Contains(r.errOut, "Not found") || strings.Contains(r.out+r.errOut, f.draft.Title) {
				t.Errorf("news show draft as %s: %s", who.name, r)
			}
			r = run(t, f.b, who.id, runOpts{}, "news", "show", "999999")
			if r.code != 1 || !strings.Contains(r.errOut, "Not found") {
				t.Errorf("news show 999999: %s", r)
			}
		})
	}
	// Editors list drafts with --all.
	r := runOK(t, f.b, editor, runOpts{}, "news", "list", "--all", "--json")
	list := decodeArray(t, r.out, threadKeys...)
	var statuses []string
	for _, th := range list {
		statuses = append(statuses, th["status"].(string))
	}
	if len(list) != 2 || !strings.Contains(strings.Join(statuses, ","), "draft") {
		t.Errorf("news list --all: %v", list)
	}
	if m := list[0]; m["published_at"] != nil && m["status"] == "draft" {
		t.Errorf("a draft has published_at %v, want null", m["published_at"])
	}
}

func TestCommentPost(t *testing.T) {
	f := setup(t)
	tid := fmt.Sprint(f.published.ID)
	for _, tc := range []struct {
		who    board.Identity
		status string
		code   int
	}{
		{guestKey, "pending", 0},
		{guestNoKey, "pending", 0},
		{staff, "approved", 0},
		{editor, "approved", 0},
		{admin, "approved", 0},
		{banned, "", 3},
	} {
		before := snap(t, f.b)
		r := run(t, f.b, tc.who, runOpts{stdin: "Bình luận qua lệnh ssh."}, "comment", "post", tid, "--name", "Nguyễn Văn A", "--title", "Góp ý", "--json")
		if r.code != tc.code {
			t.Fatalf("comment post as %s: %s", tc.who.Actor(), r)
		}
		if tc.code != 0 {
			if !strings.Contains(r.errOut, "banned") || !strings.Contains(r.errOut, "quấy rối") {
				t.Errorf("banned comment post: %s", r)
			}
			if after := snap(t, f.b); !reflect.DeepEqual(before, after) {
				t.Errorf("a banned comment post changed the board")
			}
			continue
		}
		m := decodeObject(t, r.out, "id", "status")
		if m["status"] != tc.status {
			t.Errorf("comment post as %s: status %v, want %s", tc.who.Actor(), m["status"], tc.status)
		}
		c, err := f.b.Comment(context.Background(), admin, idOf(m))
		if err != nil || c.Body != "Bình luận qua lệnh ssh." || c.Name != "Nguyễn Văn A" || c.Title != "Góp ý" {
			t.Errorf("stored comment %+v, %v", c, err)
		}
	}
	// Without --name a guest key gets the name it used last time.
	r0 := runOK(t, f.b, guestKey, runOpts{stdin: "Lần nữa."}, "comment", "post", tid, "--json")
	if c, err := f.b.Comment(context.Background(), admin, idOf(decodeObject(t, r0.out, "id"))); err != nil || c.Name != "Nguyễn Văn A" {
		t.Errorf("comment without --name: %+v %v", c, err)
	}
	// Human output says whether it waits.
	r := runOK(t, f.b, guestNoKey, runOpts{lang: i18n.Vi, stdin: "Thêm một ý."}, "comment", "post", tid, "--name", "Lan")
	if !strings.Contains(r.out, "sau khi được duyệt") {
		t.Errorf("pending comment message:\n%s", r.out)
	}
	// Errors: the body is bounded, required; unknown thread.
	for i, tc := range []struct {
		stdin, want string
		args        []string
	}{
		{strings.Repeat("a", 20000), "too long", []string{tid, "--name", "Lan"}},
		{"", "required", []string{tid, "--name", "Lan"}},
		{"x", "required", []string{tid}}, // a guest has no name to default to
		{"x", "Not found", []string{"999999", "--name", "Lan"}},
		{"x", "Not found", []string{fmt.Sprint(f.draft.ID), "--name", "Lan"}},
	} {
		// A fresh guest each time: the rate limit counts attempts.
		g := boardtest.GuestKey(fmt.Sprintf("SHA256:errcase%02d", i), fmt.Sprintf("127.0.1.%d", i+1))
		r := run(t, f.b, g, runOpts{stdin: tc.stdin}, append([]string{"comment", "post"}, tc.args...)...)
		if r.code != 1 || !strings.Contains(r.errOut, tc.want) {
			t.Errorf("comment post %v: want exit 1 with %q: %s", tc.args, tc.want, r)
		}
	}
	// The guest rate limit applies (the captcha does not).
	var limited bool
	for i := 0; i < 10 && !limited; i++ {
		r := run(t, f.b, guestNoKey, runOpts{stdin: fmt.Sprintf("ý kiến %d", i)}, "comment", "post", tid, "--name", "Lan")
		limited = r.code == 1 && strings.Contains(r.errOut, "Too many posts")
	}
	if !limited {
		t.Errorf("no rate limit after 10 guest comments")
	}
}

func TestModeration(t *testing.T) {
	f := setup(t)
	r := runOK(t, f.b, editor, runOpts{}, "comments", "pending", "--json")
	list := decodeArray(t, r.out, pendingKeys...)
	if len(list) != 1 || idOf(list[0]) != f.pending.ID {
		t.Fatalf("comments pending: %v", list)
	}
	p := list[0]
	if p["thread_title"] != f.published.Title || p["fingerprint"] != guestKey.Fingerprint ||
		p["remote_addr"] != guestKey.Addr.String() || p["thread_id"] != float64(f.published.ID) {
		t.Errorf("pending comment: %v", p)
	}
	r = runOK(t, f.b, admin, runOpts{lang: i18n.Vi}, "comments", "pending")
	if !strings.Contains(r.out, "Khách Lạ") || !strings.Contains(r.out, "Chờ duyệt nhé") {
		t.Errorf("comments pending table:\n%s", r.out)
	}

	r = runOK(t, f.b, editor, runOpts{}, "comment", "approve", fmt.Sprint(f.pending.ID), "--reason", "ok", "--json")
	if m := decodeObject(t, r.out, "ids", "status"); m["status"] != "approved" {
		t.Errorf("approve: %v", m)
	}
	c, err := f.b.Comment(context.Background(), admin, f.pending.ID)
	if err != nil || c.Status != board.CommentApproved {
		t.Errorf("after approve: %+v %v", c, err)
	}
	r = runOK(t, f.b, editor, runOpts{}, "comments", "pending")
	if !strings.Contains(r.out, "No comments are waiting") {
		t.Errorf("empty queue:\n%s", r.out)
	}
	for _, tc := range []struct {
		verb string
		want board.CommentStatus
	}{{"reject", board.CommentRejected}, {"delete", board.CommentDeleted}} {
		cm, err := f.b.PostComment(context.Background(), guestNoKey, board.CommentInput{ThreadID: f.published.ID, Name: "X", Body: "để " + tc.verb})
		if err != nil {
			t.Fatal(err)
		}
		r := runOK(t, f.b, admin, runOpts{}, "comment", tc.verb, fmt.Sprint(cm.ID), "--reason", "spam")
		if !strings.Contains(r.out, fmt.Sprintf("#%d", cm.ID)) {
			t.Errorf("%s output: %s", tc.verb, r.out)
		}
		got, err := f.b.Comment(context.Background(), admin, cm.ID)
		if err != nil || got.Status != tc.want || got.Reason != "spam" {
			t.Errorf("after %s: %+v %v", tc.verb, got, err)
		}
	}
	r = run(t, f.b, editor, runOpts{}, "comment", "approve", "999999")
	if r.code != 1 || !strings.Contains(r.errOut, "Not found") {
		t.Errorf("approve 999999: %s", r)
	}
}

func TestNewsEditing(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	body := "# Tiêu đề\n\nNội dung **mới** về cải cách hành chính."
	r := runOK(t, f.b, editor, runOpts{stdin: body}, "news", "post", "--title", "Cải cách hành chính",
		"--summary", "Tóm tắt", "--category", "tin-tuc", "--pinned", "--json")
	id := idOf(decodeObject(t, r.out, "id"))
	th, err := f.b.Thread(ctx, guestKey, id)
	if err != nil || th.Title != "Cải cách hành chính" || th.Body != body || !th.Pinned || th.Status != board.StatusPublished {
		t.Fatalf("posted thread %+v, %v", th, err)
	}
	sid := fmt.Sprint(id)

	// Edit: only the given flags change; empty stdin keeps the body.
	runOK(t, f.b, editor, runOpts{}, "news", "edit", sid, "--title", "Cải cách hành chính 2026", "--pinned=false")
	th, _ = f.b.Thread(ctx, admin, id)
	if th.Title != "Cải cách hành chính 2026" || th.Pinned || th.Body != body || th.Summary != "Tóm tắt" {
		t.Errorf("after edit: %+v", th)
	}
	runOK(t, f.b, admin, runOpts{stdin: "Thân bài mới."}, "news", "edit", sid)
	if th, _ = f.b.Thread(ctx, admin, id); th.Body != "Thân bài mới." {
		t.Errorf("edit body: %q", th.Body)
	}
	runOK(t, f.b, admin, runOpts{stdin: "bỏ qua"}, "news", "edit", sid, "--keep-body", "--summary", "S2")
	if th, _ = f.b.Thread(ctx, admin, id); th.Body != "Thân bài mới." || th.Summary != "S2" {
		t.Errorf("edit --keep-body: %+v", th)
	}

	r = runOK(t, f.b, editor, runOpts{}, "news", "hide", sid, "--reason", "sai", "--json")
	if m := decodeObject(t, r.out, "id", "status"); m["status"] != "hidden" {
		t.Errorf("hide: %v", m)
	}
	if _, err := f.b.Thread(ctx, guestKey, id); !errors.Is(err, board.ErrNotFound) {
		t.Errorf("hidden thread visible to a guest: %v", err)
	}
	r = runOK(t, f.b, editor, runOpts{}, "news", "restore", sid, "--json")
	if m := decodeObject(t, r.out, "id", "status"); m["status"] != "published" {
		t.Errorf("restore: %v", m)
	}
	runOK(t, f.b, editor, runOpts{}, "news", "delete", sid, "--reason", "trùng")
	if _, err := f.b.Thread(ctx, guestKey, id); !errors.Is(err, board.ErrNotFound) {
		t.Errorf("deleted thread visible: %v", err)
	}
	runOK(t, f.b, admin, runOpts{}, "news", "restore", sid)
	if _, err := f.b.Thread(ctx, guestKey, id); err != nil {
		t.Errorf("restored thread: %v", err)
	}

	// Validation errors are errors (1), in the user's language.
	for _, tc := range []struct {
		args  []string
		stdin string
		want  string
	}{
		{[]string{"news", "post", "--title", ""}, "x", "Tiêu đề: không được để trống."},
		{[]string{"news", "post", "--title", "T", "--category", "khong-co"}, "x", "Chuyên mục: không tồn tại."},
		{[]string{"news", "post", "--title", "T"}, strings.Repeat("x", 70000), "Nội dung: quá dài"},
		{[]string{"news", "edit", "999999", "--keep-body"}, "", "Không tìm thấy."},
	} {
		before := snap(t, f.b)
		r := run(t, f.b, editor, runOpts{lang: i18n.Vi, stdin: tc.stdin}, tc.args...)
		if r.code != 1 || !strings.Contains(r.errOut, tc.want) {
			t.Errorf("%v: want exit 1 with %q: %s", tc.args, tc.want, r)
		}
		if after := snap(t, f.b); !reflect.DeepEqual(before, after) {
			t.Errorf("%v: a failed command changed the board", tc.args)
		}
	}
}

// TestInternalErrors: an error the user cannot act on is a generic apology on stderr (exit 1),
// and its full text goes to the operator's log.
func TestInternalErrors(t *testing.T) {
	b := boardtest.New(t)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	var logged []error
	env := command.Env{Board: b, Identity: guestKey, Lang: i18n.Vi, LogError: func(err error) { logged = append(logged, err) }}
	r := runEnv(env, "", "news", "list")
	if r.code != 1 || strings.TrimSpace(r.errOut) != i18n.T(i18n.Vi, i18n.ErrInternal) || r.out != "" {
		t.Errorf("news list on a closed board: exit %d, stdout %q, stderr %q", r.code, r.out, r.errOut)
	}
	if len(logged) != 1 || !errors.Is(logged[0], board.ErrClosed) || !strings.Contains(logged[0].Error(), "list threads") {
		t.Errorf("logged %v, want one error wrapping ErrClosed with context", logged)
	}
}

package command_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
	"bangtin/board/command"
	"bangtin/board/i18n"
	"bangtin/keys"
)

// newKeyLine makes a fresh authorized_keys line and its fingerprint.
func newKeyLine(t *testing.T, comment string) (string, string) {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pk))) + " " + comment
	return line, gossh.FingerprintSHA256(pk)
}

// privileged is every command that needs more than a guest, with an existing and a missing
// target where it has one.
type privileged struct {
	need  board.Role
	args  []string
	stdin string
}

func privilegedCommands(f *fixture, keyLine string) []privileged {
	th, cm, ban := fmt.Sprint(f.published.ID), fmt.Sprint(f.pending.ID), fmt.Sprint(f.ban.ID)
	var list []privileged
	ed := func(stdin string, args ...string) {
		list = append(list, privileged{board.RoleEditor, args, stdin})
	}
	ad := func(stdin string, args ...string) {
		list = append(list, privileged{board.RoleAdmin, args, stdin})
	}
	ed("Nội dung", "news", "post", "--title", "Tin giả")
	ed("", "news", "list", "--all")
	ed("", "comments", "pending")
	ed("", "comments", "pending", "--json")
	ed("", "category", "add", "Văn bản")
	for _, slug := range []string{"tin-tuc", "khong-co"} {
		ed("", "category", "rename", slug, "Tên mới", "--slug", "ten-moi")
		ed("", "category", "move", slug, "down")
		ed("", "category", "remove", slug)
	}
	ad("", "news", "list", "--deleted")
	ad("", "news", "list", "--deleted", "--json")
	ad("", "settings", "show")
	ad("", "settings", "show", "--json")
	ad("", "settings", "set", "--moderation", "none", "--captcha", "off", "--words", "cá độ")
	for _, id := range []string{th, "999999"} {
		ed("Nội dung mới", "news", "edit", id, "--title", "Đổi tiêu đề")
		ed("", "news", "hide", id, "--reason", "x")
		ed("", "news", "restore", id)
		ed("", "news", "delete", id)
	}
	for _, id := range []string{cm, "999999"} {
		for _, verb := range []string{"approve", "reject", "delete"} {
			ed("", "comment", verb, id, "--reason", "x")
		}
	}
	ad("", "ban", "add", "--ip", "127.0.0.0/8", "--reason", "tất cả")
	ad("", "ban", "add", "--key", admin.Fingerprint)
	ad("", "ban", "list")
	ad("", "audit")
	ad("", "audit", "--json")
	ad("", "backup")
	ad("", "user", "list", "--json")
	ad("", "user", "add", "ketoan", "--role", "admin", "--key", keyLine)
	for _, id := range []string{ban, "999999"} {
		ad("", "ban", "remove", id)
	}
	for _, login := range []string{"staff", "khongco"} {
		ad("", "user", "remove", login)
		ad("", "user", "role", login, "admin")
		ad("", "user", "rename", login, "Tên", "Mới")
		ad("", "user", "key", "add", login, keyLine)
		ad("", "user", "key", "remove", login, staff.Fingerprint)
		ad("matkhau123\n", "user", "passwd", login)
		ad("", "user", "passwd", login, "--clear")
	}
	return list
}

// TestForbidden: every editor and admin command, tried by every lesser identity, is refused with
// exit 3 and the same message whether its target exists or not, changes nothing, and is logged.
func TestForbidden(t *testing.T) {
	f := setup(t)
	keyLine, _ := newKeyLine(t, "ketoan@may")
	cmds := privilegedCommands(f, keyLine)
	for _, who := range identities {
		t.Run(who.name, func(t *testing.T) {
			before := snap(t, f.b)
			denied := 0
			msgs := map[string]string{} // command without its target -> stderr
			for _, c := range cmds {
				if who.id.Role >= c.need {
					continue
				}
				for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
					r := run(t, f.b, who.id, runOpts{lang: lang, stdin: c.stdin}, c.args...)
					denied++
					if r.code != command.ExitDenied {
						t.Errorf("%v as %s: want exit 3: %s", c.args, who.name, r)
						continue
					}
					if want := i18n.T(lang, i18n.ErrForbidden); strings.TrimSpace(r.errOut) != want {
						t.Errorf("%v as %s: stderr %q, want %q", c.args, who.name, r.errOut, want)
					}
					if r.out != "" {
						t.Errorf("%v as %s: a refused command wrote %q", c.args, who.name, r.out)
					}
					key := string(lang) + " " + strings.Join(c.args[:min(2, len(c.args))], " ")
					if prev, ok := msgs[key]; ok && prev != r.errOut {
						t.Errorf("%v as %s: the refusal differs with the target: %q vs %q", c.args, who.name, prev, r.errOut)
					}
					msgs[key] = r.errOut
				}
			}
			if after := snap(t, f.b); !reflect.DeepEqual(before, after) {
				t.Errorf("refused commands changed the board:\nbefore %+v\nafter  %+v", before, after)
			}
			if denied > 0 {
				waitDenied(t, f.b, who.id.Actor(), denied)
			}
		})
	}
}

// TestAllowed: the same commands run by those who may (the admin last, as it removes things).
func TestAccountsAndBans(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	keyLine, fp := newKeyLine(t, "ketoan@may")

	r := runOK(t, f.b, admin, runOpts{}, "user", "add", "ketoan", "--role", "staff", "--name", "Kế Toán", "--key", keyLine, "--json")
	m := decodeObject(t, r.out, "login", "name", "role", "keys", "password", "created_at")
	if m["login"] != "ketoan" || m["role"] != "staff" || m["name"] != "Kế Toán" || m["password"] != false {
		t.Errorf("user add: %v", m)
	}
	a, err := f.b.Account(ctx, "ketoan")
	if err != nil || len(a.Keys) != 1 || a.Keys[0].Fingerprint != fp {
		t.Fatalf("account after user add: %+v %v", a, err)
	}
	if acc, err := f.b.AccountByKey(ctx, fp); err != nil || acc.Login != "ketoan" {
		t.Errorf("account by key: %+v %v", acc, err)
	}
	r = run(t, f.b, admin, runOpts{}, "user", "add", "ketoan", "--role", "staff")
	if r.code != 1 || !strings.Contains(r.errOut, "Already exists") {
		t.Errorf("user add twice: %s", r)
	}
	r = run(t, f.b, admin, runOpts{}, "user", "add", "kt2", "--role", "staff", "--key", "ssh-ed25519 notakey")
	if r.code != 1 || !strings.Contains(r.errOut, "SSH key") {
		t.Errorf("user add with a bad key: %s", r)
	}

	r = runOK(t, f.b, admin, runOpts{}, "user", "list", "--json")
	users := decodeArray(t, r.out, "login", "name", "role", "keys", "password", "created_at")
	if len(users) != 4 {
		t.Errorf("user list: %v", users)
	}
	r = runOK(t, f.b, admin, runOpts{lang: i18n.Vi}, "user", "list")
	if !strings.Contains(r.out, "Kế Toán") || !strings.Contains(r.out, fp) {
		t.Errorf("user list table:\n%s", r.out)
	}

	runOK(t, f.b, admin, runOpts{}, "user", "role", "ketoan", "editor")
	runOK(t, f.b, admin, runOpts{}, "user", "rename", "ketoan", "Phòng", "Kế", "Toán")
	if a, _ = f.b.Account(ctx, "ketoan"); a.Role != board.RoleEditor || a.Name != "Phòng Kế Toán" {
		t.Errorf("after role and rename: %+v", a)
	}
	// A key line arrives split at its spaces by the ssh command line.
	line2, fp2 := newKeyLine(t, "ketoan@laptop")
	runOK(t, f.b, admin, runOpts{}, append([]string{"user", "key", "add", "ketoan"}, strings.Fields(line2)...)...)
	line3, fp3 := newKeyLine(t, "ketoan@dt")
	runOK(t, f.b, admin, runOpts{stdin: "# từ tệp\n" + line3 + "\n"}, "user", "key", "add", "ketoan", "-")
	if a, _ = f.b.Account(ctx, "ketoan"); len(a.Keys) != 3 {
		t.Errorf("keys after key add: %+v", a.Keys)
	}
	runOK(t, f.b, admin, runOpts{}, "user", "key", "remove", "ketoan", fp2)
	runOK(t, f.b, admin, runOpts{}, append([]string{"user", "key", "remove", "ketoan"}, strings.Fields(line3)...)...)
	if a, _ = f.b.Account(ctx, "ketoan"); len(a.Keys) != 1 || a.Keys[0].Fingerprint != fp {
		t.Errorf("keys after key remove: %+v (removed %s, %s)", a.Keys, fp2, fp3)
	}

	runOK(t, f.b, admin, runOpts{stdin: "mật khẩu dài 123\n"}, "user", "passwd", "ketoan")
	if a, _ = f.b.Account(ctx, "ketoan"); a.PasswordHash == "" || strings.Contains(a.PasswordHash, "mật khẩu") {
		t.Errorf("password hash %q", a.PasswordHash)
	}
	r = run(t, f.b, admin, runOpts{stdin: "\n"}, "user", "passwd", "ketoan")
	if r.code != 1 || !strings.Contains(r.errOut, "Password: required") {
		t.Errorf("empty password: %s", r)
	}
	r = run(t, f.b, admin, runOpts{stdin: strings.Repeat("p", 5000)}, "user", "passwd", "ketoan")
	if r.code != 1 || !strings.Contains(r.errOut, "too long") {
		t.Errorf("long password: %s", r)
	}
	runOK(t, f.b, admin, runOpts{}, "user", "passwd", "ketoan", "--clear")
	if a, _ = f.b.Account(ctx, "ketoan"); a.PasswordHash != "" {
		t.Errorf("password not cleared")
	}
	r = run(t, f.b, admin, runOpts{stdin: "x\n"}, "user", "passwd", "khongco")
	if r.code != 1 || !strings.Contains(r.errOut, "Not found") {
		t.Errorf("passwd of a missing account: %s", r)
	}

	runOK(t, f.b, admin, runOpts{}, "user", "remove", "ketoan")
	if _, err := f.b.Account(ctx, "ketoan"); !errors.Is(err, board.ErrNotFound) {
		t.Errorf("account after remove: %v", err)
	}
	r = run(t, f.b, admin, runOpts{}, "user", "role", "admin", "staff")
	if r.code != 1 || !strings.Contains(r.errOut, "last admin") {
		t.Errorf("demote the last admin: %s", r)
	}

	// Bans.
	r = runOK(t, f.b, admin, runOpts{}, "ban", "add", "--ip", "203.0.113.0/24", "--for", "7d", "--reason", "spam", "--json")
	m = decodeObject(t, r.out, "id", "fingerprint", "addr", "reason", "by", "created_at", "expires_at")
	if m["addr"] != "203.0.113.0/24" || m["reason"] != "spam" || m["by"] != "admin" || m["expires_at"] == nil {
		t.Errorf("ban add: %v", m)
	}
	banID := idOf(m)
	r = runOK(t, f.b, admin, runOpts{}, "ban", "list", "--json")
	if bans := decodeArray(t, r.out, "id", "fingerprint", "addr", "reason", "by", "created_at", "expires_at"); len(bans) != 2 {
		t.Errorf("ban list: %v", bans)
	}
	r = runOK(t, f.b, admin, runOpts{lang: i18n.Vi}, "ban", "list")
	if !strings.Contains(r.out, "203.0.113.0/24") || !strings.Contains(r.out, "quấy rối") || !strings.Contains(r.out, "không bao giờ") {
		t.Errorf("ban list table:\n%s", r.out)
	}
	runOK(t, f.b, admin, runOpts{}, "ban", "remove", fmt.Sprint(banID))
	runOK(t, f.b, admin, runOpts{}, "ban", "remove", fmt.Sprint(f.ban.ID))
	if err := f.b.MayPost(ctx, banned); err != nil {
		t.Errorf("still banned after ban remove: %v", err)
	}
	r = run(t, f.b, admin, runOpts{}, "ban", "add", "--ip", "not-an-ip")
	if r.code != 1 || !strings.Contains(r.errOut, "IP address") {
		t.Errorf("ban add --ip not-an-ip: %s", r)
	}

	// The audit log holds the changes.
	r = runOK(t, f.b, admin, runOpts{}, "audit", "--kind", "account", "--json")
	entries := decodeArray(t, r.out, "id", "at", "actor", "kind", "target", "reason", "detail")
	kinds := map[string]bool{}
	for _, e := range entries {
		kinds[e["kind"].(string)] = true
		if !strings.HasPrefix(e["kind"].(string), "account") {
			t.Errorf("audit --kind account holds %v", e)
		}
	}
	for _, k := range []string{board.AuditAccountAdd, board.AuditAccountRole, board.AuditAccountKeyAdd, board.AuditAccountPassword, board.AuditAccountRemove} {
		if !kinds[k] {
			t.Errorf("audit lacks %s: %v", k, entries)
		}
	}
	r = runOK(t, f.b, admin, runOpts{}, "audit", "--limit", "2", "--json")
	if got := decodeArray(t, r.out); len(got) != 2 {
		t.Errorf("audit --limit 2: %d entries", len(got))
	}
	r = runOK(t, f.b, admin, runOpts{lang: i18n.Vi}, "audit")
	if !strings.Contains(r.out, "ban.remove") {
		t.Errorf("audit table:\n%s", r.out)
	}
}

func TestAdminClaim(t *testing.T) {
	f := setup(t)
	var got string
	claim := func(_ context.Context, code string) error {
		got = code
		if code != "123-456" {
			return board.ErrForbidden
		}
		return nil
	}
	r := run(t, f.b, guestKey, runOpts{claim: claim}, "admin", "claim", "123-456")
	if r.code != 0 || got != "123-456" || !strings.Contains(r.out, "now an admin") {
		t.Errorf("claim: %s (code %q)", r, got)
	}
	r = run(t, f.b, guestKey, runOpts{claim: claim}, "admin", "claim", "000-000")
	if r.code != 3 || !strings.Contains(r.errOut, "not allowed") {
		t.Errorf("wrong claim code: %s", r)
	}
	r = run(t, f.b, guestNoKey, runOpts{}, "admin", "claim", "123-456")
	if r.code != 3 || !strings.Contains(r.errOut, "SSH key") {
		t.Errorf("claim without a key: %s", r)
	}
	r = run(t, f.b, guestNoKey, runOpts{claim: func(context.Context, string) error { return keys.ErrClaimNeedKey }}, "admin", "claim", "123-456")
	if r.code != 3 || !strings.Contains(r.errOut, "SSH key") {
		t.Errorf("claim without a key: %s", r)
	}
	r = run(t, f.b, guestKey, runOpts{claim: claim}, "admin", "claim")
	if r.code != 2 {
		t.Errorf("claim without a code: %s", r)
	}
}

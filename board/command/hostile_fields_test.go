package command_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/command"
	"bangtin/board/hostile"
	"bangtin/board/i18n"
)

// The fields and paths hostile_test.go does not cover: editing a thread (title, summary, body,
// category), moderation reasons, renaming an account, key comments on authorized_keys lines, the
// audit filters, and refusals. Every output is checked with hostile.CheckView and the payload's
// needles (hostile.NeedlesFor); a refused payload must give a clean one-line message in the
// user's language with exit status 1 or 2, never an internal error.

func hfRun(b *board.Board, id board.Identity, lang i18n.Lang, stdin string, args ...string) result {
	return runEnv(command.Env{Board: b, Identity: id, Lang: lang, Online: func() int { return 1 }, Version: "test"}, stdin, args...)
}

// hfAccepted counts the runs that succeeded, by what they did (so that the test can tell that the
// payloads did reach the board, not only usage errors).
var hfAccepted = map[string]int{}

// hfCheck checks one run's output; it reports whether the command succeeded.
func hfCheck(t *testing.T, what string, p hostile.Payload, r result, lang i18n.Lang) bool {
	t.Helper()
	if r.code == 0 {
		hfAccepted[what]++
	}
	needles := hostile.NeedlesFor(p)
	for name, s := range map[string]string{"stdout": r.out, "stderr": r.errOut} {
		if err := hostile.CheckView(s, needles...); err != nil {
			t.Errorf("%s: %s: %v", what, name, err)
		}
	}
	if r.code < 0 || r.code > 3 {
		t.Errorf("%s: exit status %d", what, r.code)
	}
	if strings.Contains(r.errOut, i18n.T(lang, i18n.ErrInternal)) {
		t.Errorf("%s: internal error (a recovered panic or an unexpected error): %q", what, r.errOut)
	}
	if r.code == 0 {
		return true
	}
	msg := strings.TrimSpace(r.errOut)
	switch {
	case msg == "":
		t.Errorf("%s: exit %d without a message", what, r.code)
	case strings.Contains(msg, "%!") || strings.Contains(msg, "goroutine ") || strings.Contains(msg, "invalid input"):
		t.Errorf("%s: raw error text: %q", what, msg)
	case r.code == command.ExitError && strings.Count(msg, "\n") > 0:
		t.Errorf("%s: a refusal of %d lines: %q", what, strings.Count(msg, "\n")+1, msg)
	}
	if r.out != "" && r.code != command.ExitOK {
		t.Errorf("%s: exit %d with output %q", what, r.code, r.out)
	}
	return false
}

func TestHostileFieldsMore(t *testing.T) {
	b := boardtest.New(t)
	ctx := context.Background()
	ed, ad := boardtest.Editor, boardtest.Admin
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sshPub, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	keyLine := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(sshPub))) + " "

	if r := hfRun(b, ad, i18n.En, "", "user", "add", "hostile", "--role", "staff", "--name", "Người thử"); r.code != 0 {
		t.Fatalf("user add: %d %s", r.code, r.errOut)
	}

	for i, p := range hostile.Payloads() {
		t.Run(p.Name, func(t *testing.T) {
			lang := []i18n.Lang{i18n.Vi, i18n.En}[i%2]
			// A thread of its own: the needles of one payload may be plain text in another.
			tid := fmt.Sprint(boardtest.Thread(t, b, "Tin để sửa", "Nội dung.").ID)
			small := p.Text
			if len(small) > 4<<10 {
				small = small[:4<<10]
			}
			// A thread edited field by field with the payload; the body from stdin (at full size:
			// the 1 MiB body must be refused cleanly).
			hfCheck(t, "news edit --title", p, hfRun(b, ed, lang, "", "news", "edit", tid, "--title", "Tin "+small, "--keep-body"), lang)
			hfCheck(t, "news edit --summary", p, hfRun(b, ed, lang, "", "news", "edit", tid, "--summary", small, "--keep-body"), lang)
			r := hfRun(b, ed, lang, p.Text, "news", "edit", tid)
			if hfCheck(t, "news edit body", p, r, lang) && len(p.Text) > board.MaxThreadBody {
				t.Errorf("a %d-byte body was accepted", len(p.Text))
			}
			hfCheck(t, "news edit --category", p, hfRun(b, ed, lang, "", "news", "edit", tid, "--category", small, "--keep-body"), lang)
			hfCheck(t, "news edit --title only payload", p, hfRun(b, ed, lang, "", "news", "edit", tid, "--title", small, "--keep-body"), lang)
			for _, args := range [][]string{{"news", "show", tid}, {"news", "show", tid, "--json"}, {"news", "list", "--all"}} {
				hfCheck(t, strings.Join(args, " "), p, hfRun(b, ed, lang, "", args...), lang)
			}
			if r := hfRun(b, ed, lang, "", "news", "edit", tid, "--title", "Tin để sửa", "--summary", "", "--keep-body"); r.code != 0 {
				t.Fatalf("restoring the title: %d %s", r.code, r.errOut)
			}

			// Moderation reasons, hide and restore.
			guest := boardtest.GuestKey(fmt.Sprintf("SHA256:hf-%03d", i), fmt.Sprintf("127.0.7.%d", i%250+1))
			r = hfRun(b, guest, lang, "Ý kiến "+small, "comment", "post", tid, "--name", "Khách", "--json")
			var posted struct{ ID uint64 }
			if hfCheck(t, "comment post", p, r, lang) {
				if err := json.Unmarshal([]byte(r.out), &posted); err != nil {
					t.Fatalf("comment post --json: %v: %q", err, r.out)
				}
				cid := fmt.Sprint(posted.ID)
				verb := []string{"reject", "approve", "delete"}[i%3]
				hfCheck(t, "comment "+verb+" --reason", p, hfRun(b, ad, lang, "", "comment", verb, cid, "--reason", small), lang)
			}
			hfCheck(t, "news hide --reason", p, hfRun(b, ed, lang, "", "news", "hide", tid, "--reason", small), lang)
			if r := hfRun(b, ed, lang, "", "news", "restore", tid); r.code != 0 {
				t.Fatalf("news restore: %d %s", r.code, r.errOut)
			}

			// Accounts: display names, key comments, hostile logins and filters.
			hfCheck(t, "user rename", p, hfRun(b, ad, lang, "", "user", "rename", "hostile", small), lang)
			if hfCheck(t, "user key add (comment)", p, hfRun(b, ad, lang, "", "user", "key", "add", "hostile", keyLine+small), lang) {
				hfCheck(t, "user list (key comment)", p, hfRun(b, ad, lang, "", "user", "list"), lang)
				hfCheck(t, "user list --json (key comment)", p, hfRun(b, ad, lang, "", "user", "list", "--json"), lang)
				hfCheck(t, "user key remove (line)", p, hfRun(b, ad, lang, "", "user", "key", "remove", "hostile", keyLine+small), lang)
			}
			hfCheck(t, "user key add (stdin)", p, hfRun(b, ad, lang, keyLine+small+"\n"+small, "user", "key", "add", "hostile", "-"), lang)
			hfCheck(t, "user key remove", p, hfRun(b, ad, lang, "", "user", "key", "remove", "hostile", small), lang)
			hfCheck(t, "user key remove (line)", p, hfRun(b, ad, lang, "", "user", "key", "remove", "hostile", keyLine), lang)
			hfCheck(t, "user role", p, hfRun(b, ad, lang, "", "user", "role", small, small), lang)
			hfCheck(t, "user remove", p, hfRun(b, ad, lang, "", "user", "remove", small), lang)
			hfCheck(t, "audit --actor", p, hfRun(b, ad, lang, "", "audit", "--actor", small, "--kind", small), lang)
			hfCheck(t, "ban add --for", p, hfRun(b, ad, lang, "", "ban", "add", "--ip", small, "--for", small), lang)
			hfCheck(t, "news list --category", p, hfRun(b, ed, lang, "", "news", "list", "--category", small), lang)
			hfCheck(t, "admin claim", p, hfRun(b, guest, lang, "", "admin", "claim", small), lang)
		})
	}

	// Everything the runs stored, listed in both languages.
	for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
		for _, args := range [][]string{{"user", "list"}, {"user", "list", "--json"}, {"audit", "--limit", "2000"},
			{"audit", "--json", "--limit", "2000"}, {"comments", "pending"}, {"ban", "list"}, {"news", "list", "--all", "--per-page", "100"}} {
			r := hfRun(b, ad, lang, "", args...)
			if r.code != 0 {
				t.Errorf("%v: exit %d: %s", args, r.code, r.errOut)
			}
			hfCheck(t, strings.Join(args, " "), hostile.Payload{}, r, lang)
		}
	}
	for _, what := range []string{"news edit --title", "news edit --summary", "news edit body", "comment post", "user rename", "user key add (comment)", "news hide --reason"} {
		if hfAccepted[what] < len(hostile.Payloads())/2 {
			t.Errorf("%s succeeded %d times in %d payloads", what, hfAccepted[what], len(hostile.Payloads()))
		}
	}
	acct, err := b.Account(ctx, "hostile")
	if err != nil {
		t.Fatal(err)
	}
	if acct.Name == "Người thử" {
		t.Errorf("no rename was accepted")
	}
	for _, k := range acct.Keys {
		if err := hostile.CheckView(k.Line); err != nil {
			t.Errorf("stored key line: %v", err)
		}
	}
}

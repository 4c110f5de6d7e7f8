package command_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"bangtin/board/boardtest"
	"bangtin/board/hostile"
	"bangtin/board/i18n"
)

// TestHostileText sends every payload of the hostile corpus through the command interface into
// every text field (name, title, body, summary, search query, category, ban reason, login and
// display name, command and flag names) and checks that no control byte of it reaches stdout or
// stderr, in the tables and in JSON (decoded: JSON's own escaping does not count).
func TestHostileText(t *testing.T) {
	b := boardtest.New(t)
	th := boardtest.Thread(t, b, "Tin để thử", "Nội dung.")
	ctx := context.Background()
	tid := fmt.Sprint(th.ID)

	check := func(t *testing.T, what string, r result) {
		t.Helper()
		for name, s := range map[string]string{"stdout": r.out, "stderr": r.errOut} {
			if err := hostile.CheckView(s); err != nil {
				t.Errorf("%s: %s: %v", what, name, err)
			}
		}
		if strings.HasPrefix(strings.TrimSpace(r.out), "{") || strings.HasPrefix(strings.TrimSpace(r.out), "[") {
			var v any
			if err := json.Unmarshal([]byte(r.out), &v); err != nil {
				t.Errorf("%s: invalid JSON: %v", what, err)
				return
			}
			walkJSON(v, func(s string) {
				// text.Clean keeps tabs in bodies; JSON carries them escaped.
				if err := hostile.CheckView(strings.ReplaceAll(s, "\t", " ")); err != nil {
					t.Errorf("%s: JSON value: %v", what, err)
				}
			})
		}
	}

	for i, p := range hostile.Payloads() {
		t.Run(p.Name, func(t *testing.T) {
			short := p.Text
			if len(short) > 150 {
				short = short[:150]
			}
			guest := boardtest.GuestKey(fmt.Sprintf("SHA256:hostile-%03d", i), fmt.Sprintf("127.0.3.%d", i%250+1))

			// Into a comment: name and title on the command line, the body on stdin.
			r := run(t, b, boardtest.Staff, runOpts{stdin: p.Text}, "comment", "post", tid, "--name", short, "--title", short, "--json")
			check(t, "comment post", r)
			r = run(t, b, guest, runOpts{stdin: p.Text}, "comment", "post", tid, "--name", "Khách "+short, "--json")
			check(t, "guest comment post", r)

			// Into a thread: title, summary, body, and an unknown category.
			r = run(t, b, boardtest.Editor, runOpts{stdin: p.Text}, "news", "post", "--title", "Tin "+short, "--summary", p.Text, "--json")
			check(t, "news post", r)
			var posted struct{ ID uint64 }
			_ = json.Unmarshal([]byte(r.out), &posted)
			r = run(t, b, boardtest.Editor, runOpts{stdin: "x"}, "news", "post", "--title", "t", "--category", short)
			check(t, "news post --category", r)
			if posted.ID != 0 {
				for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
					check(t, "news show", run(t, b, boardtest.Editor, runOpts{lang: lang}, "news", "show", fmt.Sprint(posted.ID)))
				}
				check(t, "news show --json", run(t, b, guest, runOpts{}, "news", "show", fmt.Sprint(posted.ID), "--json"))
			}

			// Search queries, bans, accounts, commands and flags.
			check(t, "news search", run(t, b, guest, runOpts{}, "news", "search", p.Text))
			check(t, "ban add", run(t, b, boardtest.Admin, runOpts{}, "ban", "add", "--ip", fmt.Sprintf("10.9.%d.0/24", i%250), "--for", "1h", "--reason", p.Text, "--json"))
			check(t, "ban add --key", run(t, b, boardtest.Admin, runOpts{}, "ban", "add", "--key", short))
			check(t, "user add", run(t, b, boardtest.Admin, runOpts{}, "user", "add", short, "--role", "staff", "--name", short))
			check(t, "user add name", run(t, b, boardtest.Admin, runOpts{}, "user", "add", fmt.Sprintf("u%03d", i), "--role", "staff", "--name", p.Text))
			check(t, "unknown command", run(t, b, guest, runOpts{}, short))
			check(t, "unknown subcommand", run(t, b, guest, runOpts{}, "news", short))
			check(t, "unknown flag", run(t, b, guest, runOpts{}, "news", "list", "--"+short))
			check(t, "bad id", run(t, b, guest, runOpts{}, "news", "show", short))
			check(t, "bad flag value", run(t, b, guest, runOpts{}, "news", "list", "--page", short))
			check(t, "help", run(t, b, guest, runOpts{}, "help", short))
			check(t, "user passwd", run(t, b, boardtest.Admin, runOpts{stdin: p.Text}, "user", "passwd", short))

			// A session whose identity carries the payload (names come from the handshake).
			id := guest
			id.Name = p.Text
			check(t, "whoami", run(t, b, id, runOpts{}, "whoami"))
			check(t, "whoami --json", run(t, b, id, runOpts{}, "whoami", "--json"))
		})
	}

	// Everything stored, listed.
	for _, args := range [][]string{
		{"news", "list", "--all", "--per-page", "100"}, {"news", "list", "--all", "--json", "--per-page", "100"},
		{"news", "show", tid}, {"news", "show", tid, "--json"},
		{"comments", "pending", "--limit", "1000"}, {"comments", "pending", "--json", "--limit", "1000"},
		{"ban", "list"}, {"ban", "list", "--json"}, {"user", "list"}, {"user", "list", "--json"},
		{"audit", "--limit", "1000"}, {"audit", "--json", "--limit", "1000"},
	} {
		r := run(t, b, boardtest.Admin, runOpts{}, args...)
		if r.code != 0 {
			t.Errorf("%v: %s", args, r)
		}
		check(t, strings.Join(args, " "), r)
	}
	if n, err := b.PendingCount(ctx); err != nil || n == 0 {
		t.Errorf("no pending comments stored from the corpus (%d, %v)", n, err)
	}
	bans, err := b.Bans(ctx, boardtest.Admin)
	if err != nil || len(bans) < 10 {
		t.Errorf("bans stored from the corpus: %d, %v", len(bans), err)
	}
}

func walkJSON(v any, f func(string)) {
	switch v := v.(type) {
	case string:
		f(v)
	case []any:
		for _, e := range v {
			walkJSON(e, f)
		}
	case map[string]any:
		for k, e := range v {
			f(k)
			walkJSON(e, f)
		}
	}
}

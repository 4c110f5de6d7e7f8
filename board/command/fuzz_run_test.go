package command_test

import (
	"strings"
	"testing"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/command"
	"bangtin/board/hostile"
	"bangtin/board/i18n"
)

// FuzzRunRoles parses fuzzed ssh command lines (the arguments separated by newlines in line,
// stdin apart) as a guest, a guest with a key, staff, an editor or an admin (who), in Vietnamese
// or English, against a real board in a temporary directory. FuzzRun (fuzz_test.go) covers
// guests and staff; this one reaches the editors' and admins' commands. Run must never panic (it
// would answer with the internal error), must exit with 0, 1, 2 or 3 and give a message when not
// 0, and must print nothing that hostile.CheckView refuses, on stdout or stderr.
func FuzzRunRoles(f *testing.F) {
	for _, s := range []struct {
		line, stdin string
		who         uint8
	}{
		{"news\nlist", "", 0},
		{"news\nshow\n1\n--json", "", 1},
		{"news\nsearch\ntrẻ em\n--page\n2", "", 0},
		{"comment\npost\n1\n--name\nAn\x1b[2J\n--title\n\u202eT", "Ý kiến \x1b]52;c;cHduZWQ=\x07", 1},
		{"news\npost\n--title\nTin\x9b2J\n--summary\nS\n--category\ntin-tuc", "# Nội dung\n\n&#x1b;[2J", 3},
		{"news\nedit\n1\n--title\nx\n--pinned=maybe", "", 3},
		{"ban\nadd\n--ip\n10.0.0.0/8\n--for\n7d\n--reason\n\x1b]0;pwned\x07", "", 4},
		{"user\nadd\nlan\n--role\nstaff\n--name\nLan\u200b\n--key\nssh-ed25519 AAAA x", "", 4},
		{"user\npasswd\nlan", "mật khẩu\n", 4},
		{"audit\n--limit\n-1\n--kind\n\x00", "", 4},
		{"help\nnews\npost", "", 2},
		{"--json", "", 0},
		{"whoami\n--help", "", 2},
		{"comment\napprove\n1\n2\n99999999999999999999999", "", 4},
		{"__complete\nnews\n", "", 0},
		{"news\nlist\n--per-page\n100000000\n--page\n-5", "", 0},
		{"stats\n--json\n--json", "", 1},
		{"admin\nclaim\n\x1b[6n", "", 1},
	} {
		f.Add(s.line, s.stdin, s.who)
	}
	for _, p := range hostile.Short(200) {
		f.Add("news\nsearch\n"+p.Text, "", uint8(0))
	}
	// One board for every input of a fuzzing process; inputs may change it (post, ban, add users).
	fuzzBoard := boardtest.New(f)
	boardtest.Thread(f, fuzzBoard, "Tin đầu tiên", "Nội dung **đầu tiên**.")
	f.Fuzz(func(t *testing.T, line, stdin string, who uint8) {
		if len(line) > 4<<10 || len(stdin) > 64<<10 {
			return
		}
		args := strings.Split(line, "\n")
		if line == "" {
			args = nil
		}
		if len(args) > 0 && args[0] == "backup" {
			return // writes the database itself to stdout: binary by design
		}
		ids := []board.Identity{boardtest.Guest("127.0.0.9"), boardtest.GuestKey("SHA256:fuzz-guest", "127.0.0.8"),
			boardtest.Staff, boardtest.Editor, boardtest.Admin}
		lang := i18n.Vi
		if who&0x80 != 0 {
			lang = i18n.En
		}
		r := hfRun(fuzzBoard, ids[int(who&0x7f)%len(ids)], lang, stdin, args...)
		if r.code < command.ExitOK || r.code > command.ExitDenied {
			t.Fatalf("%q: exit status %d", args, r.code)
		}
		if strings.Contains(r.errOut, i18n.T(lang, i18n.ErrInternal)) {
			t.Fatalf("%q: internal error (a recovered panic?): %q", args, r.errOut)
		}
		for name, s := range map[string]string{"stdout": r.out, "stderr": r.errOut} {
			if err := hostile.CheckView(s); err != nil {
				t.Fatalf("%q (stdin %q): %s: %v", args, trimArg(stdin), name, err)
			}
		}
		if r.code != command.ExitOK && strings.TrimSpace(r.errOut) == "" {
			t.Fatalf("%q: exit %d without a message", args, r.code)
		}
	})
}

func trimArg(s string) string {
	if len(s) > 100 {
		return s[:100] + "…"
	}
	return s
}

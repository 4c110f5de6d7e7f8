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

// FuzzRun feeds arbitrary command lines (arguments separated by NUL) and stdin to Run as a guest
// and as staff: the exit status is always one of the documented four, nothing panics or fails
// internally, and no control byte of the input reaches stdout or stderr.
func FuzzRun(f *testing.F) {
	for _, seed := range []string{
		"help", "news\x00list\x00--json", "news\x00list\x00--page\x00-1", "news\x00show\x001",
		"news\x00show\x00\x1b[2J", "news\x00search\x00tiêm\x00chủng", "news\x00search\x00\u202egnp.exe",
		"comment\x00post\x001\x00--name\x00Lan\x00--json", "comment\x00post\x00abc", "comments\x00pending",
		"user\x00add\x00x\x00--role\x00admin", "ban\x00add\x00--ip\x0010.0.0.0/8", "backup",
		"--json", "--help", "-h", "news\x00--bogus", "news\x00list\x00--per-page=1000000000000000000000",
		"__complete\x00news\x00", "whoami\x00--json=false", "\x00", "news\x00post\x00--title",
		"admin\x00claim\x00123", "audit\x00--limit\x009", "news\x00list\x00--category\x00\xff\xfe",
	} {
		f.Add(seed, "Nội dung\x1b]52;c;cHduZWQ=\x07")
	}
	// One board for the whole run (per fuzzing process): opening one per input would dominate.
	b := boardtest.New(f, board.Options{GuestCommentLimit: 1 << 30})
	boardtest.Thread(f, b, "Tin để thử", "Nội dung.")
	f.Fuzz(func(t *testing.T, line, stdin string) {
		args := strings.Split(line, "\x00")
		for _, id := range []board.Identity{boardtest.Guest(""), boardtest.Staff} {
			r := runEnv(command.Env{Board: b, Identity: id, Lang: i18n.En}, stdin, args...)
			if r.code < 0 || r.code > 3 {
				t.Fatalf("%q as %s: exit %d", args, id.Role, r.code)
			}
			if strings.Contains(r.errOut, i18n.T(i18n.En, i18n.ErrInternal)) {
				t.Fatalf("%q as %s: internal error: %s", args, id.Role, r.errOut)
			}
			for name, s := range map[string]string{"stdout": r.out, "stderr": r.errOut} {
				if err := hostile.CheckView(strings.ReplaceAll(s, "\t", " ")); err != nil {
					t.Fatalf("%q as %s: %s: %v", args, id.Role, name, err)
				}
			}
		}
	})
}

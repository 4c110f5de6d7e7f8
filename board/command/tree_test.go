package command_test

import (
	"strings"
	"testing"

	"bangtin/board/i18n"
)

// A command line that names a command gets only that branch of the tree; help and usage errors
// must read the same as with the whole tree, which `help …` and unknown names still build.
func TestBranchTreeMatchesWholeTree(t *testing.T) {
	f := setup(t)
	cases := [][]string{
		{"version"}, {"whoami"}, {"stats"}, {"news"}, {"news", "post"}, {"comment"},
		{"comment", "post"}, {"comments"}, {"comments", "pending"}, {"ban"}, {"ban", "add"},
		{"user"}, {"user", "add"}, {"audit"}, {"backup"}, {"admin"}, {"admin", "claim"},
	}
	for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
		rootHelp := runOK(t, f.b, admin, runOpts{lang: lang}, "help").out
		for _, path := range cases {
			name := strings.Join(path, " ")
			if len(path) == 1 && !strings.Contains(rootHelp, "  "+path[0]+" ") {
				t.Errorf("%s: root help does not list %q:\n%s", lang, path[0], rootHelp)
			}
			whole := run(t, f.b, admin, runOpts{lang: lang}, append([]string{"help"}, path...)...)
			branch := run(t, f.b, admin, runOpts{lang: lang}, append(path, "--help")...)
			if whole.code != 0 || whole.out == "" {
				t.Errorf("%s: help %s: %s", lang, name, whole)
				continue
			}
			if whole.out != branch.out || whole.code != branch.code {
				t.Errorf("%s: `help %s` and `%s --help` differ:\n%s\n---\n%s", lang, name, name, whole, branch)
			}
		}
		// An unknown subcommand is reported the same way under a branch tree.
		r := run(t, f.b, admin, runOpts{lang: lang}, "news", "nosuch")
		if r.code != 2 || !strings.Contains(r.errOut, "nosuch") {
			t.Errorf("%s: news nosuch: %s", lang, r)
		}
	}
}

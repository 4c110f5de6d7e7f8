package main

import (
	"errors"
	"os/exec"
	"strings"
	"testing"

	"bangtin/board/boardtest/sshtest"
)

// TestPackageBoundaries keeps the layers apart (issue 12): the TUI and the ssh commands link no
// SSH server, the commands no bubbletea, the pure key handling neither, and the domain no
// server, store, terminal or command library. It asks `go list -deps` what each package links.
func TestPackageBoundaries(t *testing.T) {
	sshtest.Need(t, "go")
	server := []string{"charm.land/ssh", "charm.land/wish/"}
	for _, tc := range []struct {
		pkg       string
		forbidden []string // import path prefixes
	}{
		{"bangtin/board/tui", server},
		{"bangtin/board/command", append([]string{"charm.land/bubbletea/", "charm.land/bubbles/"}, server...)},
		{"bangtin/keys", append([]string{"charm.land/", "bangtin/board/sshd"}, server...)},
		{"bangtin/board", []string{"charm.land/", "go.etcd.io/bbolt", "github.com/jackc/", "github.com/spf13/",
			"golang.org/x/crypto/", "bangtin/board/boltstore", "bangtin/board/sshd", "bangtin/keys"}},
	} {
		t.Run(tc.pkg, func(t *testing.T) {
			out, err := exec.Command("go", "list", "-deps", tc.pkg).Output()
			if err != nil {
				var stderr []byte
				if ee := (*exec.ExitError)(nil); errors.As(err, &ee) {
					stderr = ee.Stderr
				}
				t.Fatalf("go list -deps %s: %v\n%s", tc.pkg, err, stderr)
			}
			deps := strings.Fields(string(out))
			if len(deps) < 2 {
				t.Fatalf("go list -deps %s listed %q", tc.pkg, deps)
			}
			for _, d := range deps {
				for _, f := range tc.forbidden {
					if d == strings.TrimSuffix(f, "/") || strings.HasPrefix(d, f) {
						t.Errorf("%s links %s (forbidden: %s)", tc.pkg, d, f)
					}
				}
			}
		})
	}
}

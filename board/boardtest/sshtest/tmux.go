package sshtest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Tmux is a private tmux server (its own socket, UTF-8, xterm-256color) for real clients in a
// real terminal; it is killed at cleanup. Call Need(t, "tmux") first.
type Tmux struct {
	t    testing.TB
	sock string
	env  []string
}

// NewTmux starts nothing yet: the server starts with the first new-session.
func NewTmux(t testing.TB, home string) *Tmux {
	tm := &Tmux{t: t, sock: filepath.Join(home, "tmux.sock"),
		env: append(os.Environ(), "HOME="+home, "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TERM=xterm-256color")}
	t.Cleanup(func() { _ = tm.Cmd("kill-server").Run() })
	return tm
}

// Cmd is a tmux command on this server, bounded to 10 s.
func (tm *Tmux) Cmd(args ...string) *exec.Cmd {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	tm.t.Cleanup(cancel)
	c := exec.CommandContext(ctx, "tmux", append([]string{"-u", "-S", tm.sock, "-f", "/dev/null"}, args...)...)
	c.Env = tm.env
	return c
}

// Run runs a tmux command, failing the test if it fails.
func (tm *Tmux) Run(args ...string) string {
	tm.t.Helper()
	out, err := tm.Cmd(args...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// Capture is the pane's text.
func (tm *Tmux) Capture(target string) string {
	out, _ := tm.Cmd("capture-pane", "-p", "-t", target).CombinedOutput()
	return string(out)
}

// WaitFor waits up to 15 s until the pane satisfies ok.
func (tm *Tmux) WaitFor(target, what string, ok func(string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := tm.Capture(target)
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("%s: timed out waiting for %s; pane:\n%s", target, what, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// WaitText waits until the pane contains sub.
func (tm *Tmux) WaitText(target, sub string) string {
	tm.t.Helper()
	return tm.WaitFor(target, fmt.Sprintf("%q", sub), func(s string) bool { return strings.Contains(s, sub) })
}

// WaitGone waits up to 15 s for the tmux session to end (its client exited).
func (tm *Tmux) WaitGone(target string) {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for tm.Cmd("has-session", "-t", target).Run() == nil {
		if time.Now().After(deadline) {
			tm.t.Fatalf("%s: the client did not exit; pane:\n%s", target, tm.Capture(target))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

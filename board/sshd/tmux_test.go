package sshd

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// needPrograms skips the test when a program is missing, except in CI where it fails.
func needPrograms(t *testing.T, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is required in CI: %v", n, err)
			}
			t.Skipf("%s not installed: %v", n, err)
		}
	}
}

// tmuxServer is a private tmux server (its own socket) running real OpenSSH clients.
type tmuxServer struct {
	t    *testing.T
	sock string
	env  []string
}

func newTmux(t *testing.T, home string) *tmuxServer {
	tm := &tmuxServer{t: t, sock: filepath.Join(home, "tmux.sock"),
		env: append(os.Environ(), "HOME="+home, "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TERM=xterm-256color")}
	t.Cleanup(func() { _ = tm.cmd("kill-server").Run() })
	return tm
}

func (tm *tmuxServer) cmd(args ...string) *exec.Cmd {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	tm.t.Cleanup(cancel)
	c := exec.CommandContext(ctx, "tmux", append([]string{"-u", "-S", tm.sock, "-f", "/dev/null"}, args...)...)
	c.Env = tm.env
	return c
}

func (tm *tmuxServer) run(args ...string) string {
	tm.t.Helper()
	out, err := tm.cmd(args...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (tm *tmuxServer) capture(target string) string {
	out, _ := tm.cmd("capture-pane", "-p", "-t", target).CombinedOutput()
	return string(out)
}

func (tm *tmuxServer) waitFor(target, what string, ok func(string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := tm.capture(target)
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("%s: timed out waiting for %s; pane:\n%s", target, what, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (tm *tmuxServer) waitText(target, sub string) string {
	tm.t.Helper()
	return tm.waitFor(target, fmt.Sprintf("%q", sub), func(s string) bool { return strings.Contains(s, sub) })
}

// TestOpenSSHInTmux reads the board with the real OpenSSH client in a real terminal (tmux).
func TestOpenSSHInTmux(t *testing.T) {
	needPrograms(t, "tmux", "ssh", "ssh-keygen")
	e := startBoard(t, nil)
	_, port, _ := net.SplitHostPort(e.addr)

	home := t.TempDir()
	key := filepath.Join(home, "id_ed25519")
	if out, err := exec.Command("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key).CombinedOutput(); err != nil {
		t.Fatalf("ssh-keygen: %v\n%s", err, out)
	}
	sshCmd := strings.Join([]string{"ssh", "-F", "/dev/null", "-i", key, "-o", "IdentitiesOnly=yes",
		"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=" + filepath.Join(home, "known_hosts"),
		"-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-tt", "-p", port, "guest@127.0.0.1"}, " ")

	tm := newTmux(t, home)
	tm.run("new-session", "-d", "-s", "a", "-x", "80", "-y", "24", sshCmd)
	scr := tm.waitText("a", "Đang online: 1")
	for _, want := range []string{testBoardName, "Khách", "Thống kê truy cập", "Chào mừng đến với bảng tin"} {
		if !strings.Contains(scr, want) {
			t.Errorf("home lacks %q:\n%s", want, scr)
		}
	}

	// Open the welcome thread and come back.
	tm.run("send-keys", "-t", "a", "Enter")
	tm.waitFor("a", "the thread view", func(s string) bool { return !strings.Contains(s, "Thống kê truy cập") })
	tm.run("send-keys", "-t", "a", "Escape")
	tm.waitText("a", "Thống kê truy cập")

	// A resize of the real terminal reflows the board.
	tm.run("resize-window", "-t", "a", "-x", "120", "-y", "30")
	tm.waitFor("a", "the header at 120 columns", func(s string) bool {
		l := strings.TrimRight(lineWith(s, testBoardName), " ")
		return strings.HasSuffix(l, "Khách") && len([]rune(l)) > 110
	})

	// A second OpenSSH reader: the first sees the count change without a key press.
	tm.run("new-session", "-d", "-s", "b", "-x", "80", "-y", "24", sshCmd)
	tm.waitText("b", "Đang online: 2")
	tm.waitText("a", "Đang online: 2")

	// q quits: the client exits and its tmux session with it; the first sees it.
	tm.run("send-keys", "-t", "b", "q", "y") // q asks before leaving; y leaves
	tm.waitText("a", "Đang online: 1")
	deadline := time.Now().Add(10 * time.Second)
	for tm.cmd("has-session", "-t", "b").Run() == nil {
		if time.Now().After(deadline) {
			t.Fatalf("the OpenSSH client did not exit after q; pane:\n%s", tm.capture("b"))
		}
		time.Sleep(50 * time.Millisecond)
	}
}

package sshtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Need skips the test, with a message, when one of the programs is not installed; under CI=true
// it fails instead (CI installs them all: .ci/run).
func Need(t testing.TB, programs ...string) {
	t.Helper()
	for _, p := range programs {
		if err := lookPath(t, p); err != nil {
			t.Skipf("%s is not installed: skipping (install openssh-client, putty-tools, dropbear-bin, tmux): %v", p, err)
		}
	}
}

// Have reports whether every program is installed, for a test that runs without some part
// when one is missing (it says which in the test's log); under CI=true a missing one fails it.
func Have(t testing.TB, programs ...string) bool {
	t.Helper()
	for _, p := range programs {
		if err := lookPath(t, p); err != nil {
			t.Logf("%s is not installed: its part of this test is left out: %v", p, err)
			return false
		}
	}
	return true
}

// lookPath finds a program, failing the test under CI=true when it is missing.
func lookPath(t testing.TB, program string) error {
	t.Helper()
	_, err := exec.LookPath(program)
	if err != nil && os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed (CI=true: this test must run in full; .ci/run installs it): %v", program, err)
	}
	return err
}

// Tool runs a program (a key tool) with HOME set to home (a fresh directory when ""), within
// 30 s, and returns its combined output; any failure ends the test.
func Tool(t testing.TB, home, name string, args ...string) string {
	t.Helper()
	if home == "" {
		home = t.TempDir()
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "HOME="+home)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// ShellQuote quotes args for sh (a tmux pane's command line).
func ShellQuote(args ...string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}

// Client is a real SSH client program with its own key format.
type Client struct {
	Name     string
	Programs []string // what it needs (Need)
	// NewKey makes a key in the client's own format, named name in dir, and returns the
	// argument naming it and its authorized_keys line.
	NewKey func(t testing.TB, dir, name string) (keyArg, authorized string)
	// Args is the command line connecting to e as user with the key: with tty, a terminal
	// session (-tt, for a pane), else remote runs without one ("" none).
	Args func(e *Env, keyArg, user string, tty bool, remote string) []string
}

// Clients are OpenSSH's ssh, PuTTY's plink and Dropbear's dbclient.
var Clients = []Client{
	{
		Name:     "openssh",
		Programs: []string{"ssh", "ssh-keygen"},
		NewKey: func(t testing.TB, dir, name string) (string, string) {
			path := filepath.Join(dir, name)
			Tool(t, dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path)
			return path, readLine(t, path+".pub")
		},
		Args: func(e *Env, key, user string, tty bool, remote string) []string {
			a := []string{"ssh", "-F", "/dev/null", "-p", e.Port, "-l", user, "-i", key,
				"-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
				"-o", "PasswordAuthentication=no", "-o", "KbdInteractiveAuthentication=no",
				"-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + e.KnownHosts,
				"-o", "GlobalKnownHostsFile=/dev/null", "-o", "ConnectTimeout=10", "-o", "LogLevel=ERROR"}
			return withRemote(a, tty, "-tt", "-T", remote)
		},
	},
	{
		Name:     "plink",
		Programs: []string{"plink", "puttygen"},
		NewKey: func(t testing.TB, dir, name string) (string, string) {
			path := filepath.Join(dir, name+".ppk")
			Tool(t, dir, "puttygen", "-q", "-t", "ed25519", "-C", name, "-o", path, "-O", "private", "--new-passphrase", "/dev/null")
			return path, strings.TrimSpace(Tool(t, dir, "puttygen", path, "-O", "public-openssh"))
		},
		Args: func(e *Env, key, user string, tty bool, remote string) []string {
			a := []string{"plink", "-ssh", "-batch", "-noagent", "-P", e.Port, "-l", user, "-i", key, "-hostkey", e.Fingerprint}
			return withRemote(a, tty, "-t", "-T", remote)
		},
	},
	{
		Name:     "dropbear",
		Programs: []string{"dbclient", "dropbearkey"},
		NewKey: func(t testing.TB, dir, name string) (string, string) {
			path := filepath.Join(dir, name+".dropbear")
			out := Tool(t, dir, "dropbearkey", "-t", "ed25519", "-f", path)
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(l, "ssh-ed25519 ") {
					return path, strings.TrimSpace(l)
				}
			}
			t.Fatalf("dropbearkey printed no public key:\n%s", out)
			return "", ""
		},
		Args: func(e *Env, key, user string, tty bool, remote string) []string {
			// -y -y: accept the (fresh, loopback) host key without a known_hosts file.
			a := []string{"dbclient", "-y", "-y", "-p", e.Port, "-l", user, "-i", key}
			return withRemote(a, tty, "-t", "-T", remote)
		},
	},
}

func withRemote(a []string, tty bool, ttyFlag, noTTYFlag, remote string) []string {
	if tty {
		a = append(a, ttyFlag)
	} else {
		a = append(a, noTTYFlag)
	}
	a = append(a, "127.0.0.1")
	if remote != "" {
		a = append(a, remote)
	}
	return a
}

// Exec runs remote through the client as user with the key, stdin as its input, in a fresh
// HOME, within Timeout, and returns the remote command's exit status (every client passes it on)
// and output.
func (c Client) Exec(t testing.TB, e *Env, keyArg, user, stdin, remote string) Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), Timeout)
	defer cancel()
	args := c.Args(e, keyArg, user, false, remote)
	cmd := exec.CommandContext(ctx, args[0], args[1:]...)
	home := t.TempDir() // the clients keep their caches and default keys under HOME
	cmd.Env = append(os.Environ(), "HOME="+home, "LANG=C.UTF-8")
	cmd.Dir = home
	if stdin != "" {
		cmd.Stdin = strings.NewReader(stdin)
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	cmd.WaitDelay = 5 * time.Second
	err := cmd.Run()
	code := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		code = ee.ExitCode()
	case err != nil:
		t.Fatalf("%s %q: %v", c.Name, remote, err)
	}
	if ctx.Err() != nil {
		t.Fatalf("%s %q: timed out\nstdout: %s\nstderr: %s", c.Name, remote, out.String(), errOut.String())
	}
	return Result{Code: code, Out: out.String(), Err: errOut.String()}
}

func readLine(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

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

// WaitFor waits up to 15 s until the pane satisfies ok and has settled: the same text in two
// captures 60 ms apart, so that a frame still being drawn is never returned half-written.
func (tm *Tmux) WaitFor(target, what string, ok func(string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		s := tm.Capture(target)
		if ok(s) {
			time.Sleep(60 * time.Millisecond)
			if again := tm.Capture(target); again == s {
				return s
			}
			continue
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

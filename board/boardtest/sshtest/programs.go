package sshtest

import (
	"bytes"
	"context"
	"errors"
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
		if _, err := exec.LookPath(p); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed (CI=true: this test must run; .ci/run installs it): %v", p, err)
			}
			t.Skipf("%s is not installed: skipping (install openssh-client, putty-tools, dropbear-bin, tmux): %v", p, err)
		}
	}
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

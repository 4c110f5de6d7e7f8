package sshd_test

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/log/v2"
	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/i18n"
	"bangtin/board/sshd"
	"bangtin/keys"
)

// A real SSH client with its own key format, run as a program against a loopback server.
type realClient struct {
	name string
	bins []string // programs it needs
	// newKey makes a key in the client's own format in dir and returns the argument that names
	// it and its authorized_keys line.
	newKey func(t *testing.T, dir, name string) (keyArg, authorized string)
	// command builds the client's command line running remote as user.
	command func(ctx context.Context, srv *testServer, keyArg, user, remote string) *exec.Cmd
}

var realClients = []realClient{
	{
		name: "openssh",
		bins: []string{"ssh", "ssh-keygen"},
		newKey: func(t *testing.T, dir, name string) (string, string) {
			path := filepath.Join(dir, name)
			runTool(t, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path)
			return path, readLine(t, path+".pub")
		},
		command: func(ctx context.Context, srv *testServer, key, user, remote string) *exec.Cmd {
			return exec.CommandContext(ctx, "ssh", "-F", "/dev/null", "-T",
				"-p", srv.port, "-l", user, "-i", key,
				"-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-o", "BatchMode=yes",
				"-o", "PasswordAuthentication=no", "-o", "KbdInteractiveAuthentication=no",
				"-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile="+srv.knownHosts,
				"-o", "GlobalKnownHostsFile=/dev/null", "-o", "ConnectTimeout=10", "-o", "LogLevel=ERROR",
				"127.0.0.1", remote)
		},
	},
	{
		name: "plink",
		bins: []string{"plink", "puttygen"},
		newKey: func(t *testing.T, dir, name string) (string, string) {
			path := filepath.Join(dir, name+".ppk")
			runTool(t, "puttygen", "-q", "-t", "ed25519", "-C", name, "-o", path, "-O", "private", "--new-passphrase", "/dev/null")
			return path, strings.TrimSpace(runTool(t, "puttygen", path, "-O", "public-openssh"))
		},
		command: func(ctx context.Context, srv *testServer, key, user, remote string) *exec.Cmd {
			return exec.CommandContext(ctx, "plink", "-ssh", "-batch", "-noagent", "-T",
				"-P", srv.port, "-l", user, "-i", key, "-hostkey", srv.fingerprint,
				"127.0.0.1", remote)
		},
	},
	{
		name: "dropbear",
		bins: []string{"dbclient", "dropbearkey"},
		newKey: func(t *testing.T, dir, name string) (string, string) {
			path := filepath.Join(dir, name+".dropbear")
			out := runTool(t, "dropbearkey", "-t", "ed25519", "-f", path)
			for _, l := range strings.Split(out, "\n") {
				if strings.HasPrefix(l, "ssh-ed25519 ") {
					return path, strings.TrimSpace(l)
				}
			}
			t.Fatalf("dropbearkey printed no public key:\n%s", out)
			return "", ""
		},
		command: func(ctx context.Context, srv *testServer, key, user, remote string) *exec.Cmd {
			// -y -y: accept the (fresh, loopback) host key without a known_hosts file.
			return exec.CommandContext(ctx, "dbclient", "-y", "-y", "-T",
				"-p", srv.port, "-l", user, "-i", key, "127.0.0.1", remote)
		},
	},
}

// runTool runs a key tool and returns its output; any failure ends the test.
func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func readLine(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// needClients skips (by hand) or fails (CI=true) when a client's programs are missing.
func needClients(t *testing.T, bins ...string) {
	t.Helper()
	for _, b := range bins {
		if _, err := exec.LookPath(b); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed (CI=true: the real-client tests must run; .ci/run installs it)", b)
			}
			t.Skipf("%s is not installed: skipping this real-client test (install openssh-client, putty-tools, dropbear-bin)", b)
		}
	}
}

// testServer is a board served over SSH on a loopback port.
type testServer struct {
	b           *board.Board
	port        string
	knownHosts  string // an OpenSSH known_hosts file for it
	fingerprint string // its host key's SHA256 fingerprint
	logs        *syncBuffer
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func startServer(t *testing.T, b *board.Board) *testServer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	srv, err := sshd.New(sshd.Config{
		Board:       b,
		Auth:        keys.NewAuth(b, keys.AuthOptions{Logger: log.New(io.Discard)}),
		HostSigners: []gossh.Signer{signer},
		Lang:        i18n.Vi,
		Version:     "test",
		Logger:      log.New(logs),
		LoginGrace:  20 * time.Second,
	})
	if err != nil {
		t.Fatalf("sshd.New: %v", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		_ = srv.Close()
		select {
		case err := <-served:
			if err != nil && !errors.Is(err, sshd.ErrServerClosed) {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("the server did not stop")
		}
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	})
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	kh := filepath.Join(t.TempDir(), "known_hosts")
	line := fmt.Sprintf("[127.0.0.1]:%s %s", port, gossh.MarshalAuthorizedKey(signer.PublicKey()))
	if err := os.WriteFile(kh, []byte(line), 0o600); err != nil {
		t.Fatal(err)
	}
	return &testServer{b: b, port: port, knownHosts: kh, fingerprint: gossh.FingerprintSHA256(signer.PublicKey()), logs: logs}
}

type clientResult struct {
	code        int
	out, errOut string
}

// exec runs one remote command through a real client, bounded in time, and returns its exit
// status (the remote command's, which every client passes on) and output.
func (c realClient) exec(t *testing.T, srv *testServer, key, user, stdin, remote string) clientResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := c.command(ctx, srv, key, user, remote)
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
		t.Fatalf("%s %q: %v", c.name, remote, err)
	}
	if ctx.Err() != nil {
		t.Fatalf("%s %q: timed out\nstdout: %s\nstderr: %s", c.name, remote, out.String(), errOut.String())
	}
	return clientResult{code: code, out: out.String(), errOut: errOut.String()}
}

// TestCommandsThroughRealClients runs stats, news list and comment post as a guest and an admin's
// comments pending through OpenSSH's ssh, PuTTY's plink and Dropbear's dbclient, each with a key
// in its own format, and checks outputs, JSON, Vietnamese text and exit statuses.
func TestCommandsThroughRealClients(t *testing.T) {
	b := boardtest.New(t, board.Options{GuestCommentLimit: 100})
	th := boardtest.Thread(t, b, "Thông báo họp tổ dân phố", "Họp lúc 19 giờ tại nhà văn hoá.")
	srv := startServer(t, b)
	ctx := context.Background()

	for _, c := range realClients {
		t.Run(c.name, func(t *testing.T) {
			needClients(t, c.bins...)
			dir := t.TempDir()
			guestKey, guestLine := c.newKey(t, dir, "khach")
			adminKey, adminLine := c.newKey(t, dir, "quantri")
			_, ak, err := keys.ParseAuthorizedKey(adminLine)
			if err != nil {
				t.Fatalf("admin key %q: %v", adminLine, err)
			}
			if err := b.AddKey(ctx, board.System, boardtest.Admin.Login, ak); err != nil {
				t.Fatalf("register the admin key: %v", err)
			}
			gk, _, _, _, err := gossh.ParseAuthorizedKey([]byte(guestLine))
			if err != nil {
				t.Fatalf("guest key %q: %v", guestLine, err)
			}
			guestFP := gossh.FingerprintSHA256(gk)

			// whoami: the key decides the identity, not the login name.
			r := c.exec(t, srv, guestKey, "khach", "", "whoami --json")
			if r.code != 0 {
				t.Fatalf("whoami as guest: exit %d\n%s\n%s", r.code, r.out, r.errOut)
			}
			var who map[string]any
			if err := json.Unmarshal([]byte(r.out), &who); err != nil || who["role"] != "guest" || who["fingerprint"] != guestFP {
				t.Errorf("guest whoami: %v %v\n%s", who, err, r.out)
			}
			r = c.exec(t, srv, adminKey, "bat-ky-ten", "", "whoami --json")
			if err := json.Unmarshal([]byte(r.out), &who); r.code != 0 || err != nil || who["role"] != "admin" || who["login"] != "admin" {
				t.Errorf("admin whoami: exit %d %v %v\n%s\n%s", r.code, who, err, r.out, r.errOut)
			}

			// stats
			r = c.exec(t, srv, guestKey, "khach", "", "stats --json")
			var stats map[string]any
			if err := json.Unmarshal([]byte(r.out), &stats); r.code != 0 || err != nil {
				t.Fatalf("stats: exit %d %v\n%s\n%s", r.code, err, r.out, r.errOut)
			}
			for _, k := range []string{"online", "today", "week", "total"} {
				if _, ok := stats[k].(float64); !ok {
					t.Errorf("stats lacks the number %q: %v", k, stats)
				}
			}
			r = c.exec(t, srv, guestKey, "khach", "", "stats")
			if r.code != 0 || !strings.Contains(r.out, "Hôm nay") {
				t.Errorf("stats table (Vietnamese by default): exit %d\n%s\n%s", r.code, r.out, r.errOut)
			}

			// news list
			r = c.exec(t, srv, guestKey, "khach", "", "news list --json")
			var list []map[string]any
			if err := json.Unmarshal([]byte(r.out), &list); r.code != 0 || err != nil {
				t.Fatalf("news list: exit %d %v\n%s\n%s", r.code, err, r.out, r.errOut)
			}
			found := false
			for _, x := range list {
				if x["title"] == th.Title && x["status"] == "published" {
					found = true
				}
			}
			if !found {
				t.Errorf("news list lacks %q: %v", th.Title, list)
			}

			// comment post, the body on stdin, a Vietnamese name with spaces quoted on the line.
			body := "Ý kiến gửi bằng " + c.name + ": đồng ý với lịch họp."
			r = c.exec(t, srv, guestKey, "khach", body,
				fmt.Sprintf("comment post %d --name 'Nguyễn Văn Ân' --title 'Góp ý' --json", th.ID))
			var posted map[string]any
			if err := json.Unmarshal([]byte(r.out), &posted); r.code != 0 || err != nil || posted["status"] != "pending" {
				t.Fatalf("comment post: exit %d %v %v\n%s\n%s", r.code, posted, err, r.out, r.errOut)
			}
			id, _ := posted["id"].(float64)

			// A guest may not see the queue: exit 3 through the client.
			r = c.exec(t, srv, guestKey, "khach", "", "comments pending --json")
			if r.code != 3 || r.out != "" {
				t.Errorf("guest comments pending: exit %d, want 3\n%s\n%s", r.code, r.out, r.errOut)
			}

			// The admin's comments pending holds the comment as sent.
			r = c.exec(t, srv, adminKey, "admin", "", "comments pending --json")
			var pending []map[string]any
			if err := json.Unmarshal([]byte(r.out), &pending); r.code != 0 || err != nil {
				t.Fatalf("comments pending: exit %d %v\n%s\n%s", r.code, err, r.out, r.errOut)
			}
			var mine map[string]any
			for _, p := range pending {
				if p["id"] == id {
					mine = p
				}
			}
			switch {
			case mine == nil:
				t.Errorf("comments pending lacks comment %v: %v", id, pending)
			case mine["body"] != body || mine["name"] != "Nguyễn Văn Ân" || mine["title"] != "Góp ý" ||
				mine["fingerprint"] != guestFP || mine["thread_title"] != th.Title || mine["remote_addr"] != "127.0.0.1":
				t.Errorf("pending comment as stored: %v", mine)
			}

			// A usage error is exit 2, with its message on stderr.
			r = c.exec(t, srv, guestKey, "khach", "", "news show abc")
			if r.code != 2 || !strings.Contains(r.errOut, "abc") {
				t.Errorf("news show abc: exit %d, want 2\n%s\n%s", r.code, r.out, r.errOut)
			}
		})
	}
}

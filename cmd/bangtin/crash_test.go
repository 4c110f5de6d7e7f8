package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
	"bangtin/board/boardtest/sshtest"
	"bangtin/board/boltstore"
	"bangtin/keys"
)

// The crash tests run the real program: built once per test binary into a temp dir.

// crashBuild builds the program into the test's temp dir (the go tool's cache makes the second
// build a link).
func crashBuild(t *testing.T) string {
	t.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go tool is needed to build bangtin: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "bangtin")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if out, err := exec.CommandContext(ctx, goBin, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// crashServer is one run of `bangtin serve` on a loopback port.
type crashServer struct {
	*sshtest.Env // where it listens, with the host keys of its data directory
	cmd          *exec.Cmd
	stderr       *lockedBuffer
	done         chan struct{}
}

var crashPortRe = regexp.MustCompile(`ssh -p (\d+) `)

// crashStart starts the program on data and waits until it listens.
func crashStart(t *testing.T, bin, data string, extra ...string) *crashServer {
	t.Helper()
	args := append([]string{"serve", "--listen", "127.0.0.1:0", "--http", "", "--data", data, "--guest-comments", "1000000",
		"--max-sessions-per-ip", "200", "--login-grace", "20s"}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "BANGTIN_DATA=", "BANGTIN_LANG=", "BANGTIN_ADMIN_KEYS=", "BANGTIN_LISTEN=")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	s := &crashServer{cmd: cmd, stderr: &lockedBuffer{}, done: make(chan struct{})}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.kill() })
	port := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := crashPortRe.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case port <- m[1]:
				default:
				}
			}
		}
	}()
	go func() { _ = cmd.Wait(); close(s.done) }()
	select {
	case p := <-port:
		hostKeys, err := keys.LoadHostKeys(data)
		if err != nil {
			t.Fatal(err)
		}
		pubs := make([]gossh.PublicKey, len(hostKeys))
		for i, k := range hostKeys {
			pubs[i] = k.PublicKey()
		}
		s.Env = sshtest.Attach(t, net.JoinHostPort("127.0.0.1", p), pubs...)
	case <-s.done:
		t.Fatalf("bangtin serve exited at start: %v\n%s", cmd.ProcessState, s.stderr.String())
	case <-time.After(60 * time.Second):
		t.Fatalf("bangtin serve did not start within 60 s\n%s", s.stderr.String())
	}
	return s
}

// kill sends SIGKILL and waits for the process to be gone.
func (s *crashServer) kill() {
	_ = s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.done
}

// stop asks for a graceful stop (SIGTERM) and waits.
func (s *crashServer) stop(t *testing.T) {
	t.Helper()
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(30 * time.Second):
		s.kill()
		t.Fatal("bangtin serve did not stop on SIGTERM within 30 s")
	}
}

// crashGuest is a guest as the crash tests connect: "khach", with key (none when nil).
func crashGuest(key gossh.Signer) sshtest.As { return sshtest.As{User: "khach", Key: key} }

// crashDialRun runs one command over a new connection.
func crashDialRun(t *testing.T, srv *crashServer, as sshtest.As, stdin, cmdline string) (int, string, string) {
	t.Helper()
	r := srv.Run(t, as, stdin, cmdline)
	return r.Code, r.Out, r.Err
}

func crashCheck(t *testing.T, bin, data string) {
	t.Helper()
	out, err := exec.Command(bin, "check", "--data", data, "--lang", "en").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "OK") {
		t.Fatalf("bangtin check: %v\n%s", err, out)
	}
}

// crashVerify opens the stopped board's file and checks every acknowledged comment is there
// with the body its client sent.
func crashVerify(t *testing.T, data string, acked map[uint64]string) {
	t.Helper()
	st, err := boltstore.Open(filepath.Join(data, boltstore.FileName), boltstore.Options{})
	if err != nil {
		t.Fatalf("open after kill: %v", err)
	}
	defer st.Close()
	err = st.View(context.Background(), func(tx board.Tx) error {
		for id, body := range acked {
			c, err := tx.Comment(id)
			if err != nil {
				return fmt.Errorf("acknowledged comment %d: %w", id, err)
			}
			if c.Body != body {
				return fmt.Errorf("acknowledged comment %d: body %q, sent %q", id, c.Body, body)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func crashRand(n int64) int64 {
	v, err := rand.Int(rand.Reader, big.NewInt(n))
	if err != nil {
		return n / 2
	}
	return v.Int64()
}

// TestCrashKill9WhilePosting kills the real server with SIGKILL while 32 clients post comments
// over SSH, 20 rounds (5 with -short): after each kill `bangtin check` passes and every comment
// whose client received an id is in the database with its body; then the server starts again
// on the same data.
func TestCrashKill9WhilePosting(t *testing.T) {
	rounds, clients := 20, 32
	if testing.Short() {
		rounds = 5
	}
	bin := crashBuild(t)
	data := filepath.Join(t.TempDir(), "data")

	srv := crashStart(t, bin, data)
	cfg := crashGuest(nil)
	code, out, errOut := crashDialRun(t, srv, cfg, "", "news list --json")
	var list []struct {
		ID uint64 `json:"id"`
	}
	if err := json.Unmarshal([]byte(out), &list); code != 0 || err != nil || len(list) == 0 {
		t.Fatalf("news list: exit %d %v\n%s\n%s", code, err, out, errOut)
	}
	thread := list[0].ID

	acked := map[uint64]string{}
	var mu sync.Mutex
	total := 0
	for round := range rounds {
		if round > 0 {
			srv = crashStart(t, bin, data)
		}
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		var posted, failedBeforeKill sync.Map
		killed := make(chan struct{})
		for w := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c, err := srv.TryDial(crashGuest(sshtest.Signer(t)))
				if err != nil {
					select {
					case <-killed:
					default:
						failedBeforeKill.Store(w, err)
					}
					return
				}
				defer c.Close()
				for i := 0; ctx.Err() == nil; i++ {
					body := fmt.Sprintf("Vòng %d, người %d, ý kiến %d: đồng ý.", round, w, i)
					res, err := sshtest.Run(c, body, fmt.Sprintf("comment post %d --name 'Khách %d' --json", thread, w))
					code, out, errOut := res.Code, res.Out, res.Err
					if err != nil || code != 0 {
						select {
						case <-killed: // the server is gone: expected
						default:
							failedBeforeKill.Store(w, fmt.Errorf("exit %d %v %s %s", code, err, out, errOut))
						}
						return
					}
					var r struct {
						ID uint64 `json:"id"`
					}
					if err := json.Unmarshal([]byte(out), &r); err != nil || r.ID == 0 {
						failedBeforeKill.Store(w, fmt.Errorf("bad answer %q: %v", out, err))
						return
					}
					mu.Lock()
					acked[r.ID] = body
					mu.Unlock()
					posted.Store(r.ID, true)
				}
			}()
		}
		time.Sleep(time.Duration(300+crashRand(900)) * time.Millisecond)
		close(killed)
		srv.kill()
		cancel()
		wg.Wait()
		failedBeforeKill.Range(func(k, v any) bool {
			t.Errorf("round %d: client %v failed before the kill: %v", round, k, v)
			return true
		})
		n := 0
		posted.Range(func(any, any) bool { n++; return true })
		total += n
		crashCheck(t, bin, data)
		crashVerify(t, data, acked)
		if t.Failed() {
			t.Fatalf("round %d failed; server log:\n%s", round, srv.stderr.String())
		}
	}
	if total < rounds {
		t.Fatalf("only %d comments acknowledged in %d rounds: the clients did not post", total, rounds)
	}
	t.Logf("%d rounds of SIGKILL: %d acknowledged comments, all present", rounds, total)

	// The board starts again and shows them.
	srv = crashStart(t, bin, data)
	code, out, _ = crashDialRun(t, srv, cfg, "", "stats --json")
	if code != 0 || !strings.Contains(out, "total") {
		t.Errorf("after the last restart: stats exit %d %q", code, out)
	}
	srv.stop(t)
}

// TestCrashCorruptDatabaseAndRestore: a damaged database makes the server refuse to start with a
// message naming the file; `bangtin restore` from a backup taken with the `backup` command brings
// the board back with what the backup held.
func TestCrashCorruptDatabaseAndRestore(t *testing.T) {
	bin := crashBuild(t)
	data := filepath.Join(t.TempDir(), "data")
	admin := sshtest.Signer(t)
	adminLine := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(admin.PublicKey()))) + " quantri"

	srv := crashStart(t, bin, data, "--admin-key", adminLine)
	guest := crashGuest(sshtest.Signer(t))
	adminCfg := crashGuest(admin)
	code, out, errOut := crashDialRun(t, srv, adminCfg, "Nội dung **quan trọng**.", "news post --title 'Thông báo tiêm chủng' --json")
	var posted struct {
		ID uint64 `json:"id"`
	}
	if err := json.Unmarshal([]byte(out), &posted); code != 0 || err != nil || posted.ID == 0 {
		t.Fatalf("news post: exit %d %v\n%s\n%s", code, err, out, errOut)
	}
	code, out, errOut = crashDialRun(t, srv, guest, "Tôi sẽ đến.", fmt.Sprintf("comment post %d --name 'Bà Tư' --json", posted.ID))
	if code != 0 {
		t.Fatalf("comment post: exit %d\n%s\n%s", code, out, errOut)
	}
	code, backup, errOut := crashDialRun(t, srv, adminCfg, "", "backup")
	if code != 0 || len(backup) < 4096 {
		t.Fatalf("backup: exit %d, %d bytes\n%s", code, len(backup), errOut)
	}
	backupFile := filepath.Join(t.TempDir(), "sao-luu.db")
	if err := os.WriteFile(backupFile, []byte(backup), 0o600); err != nil {
		t.Fatal(err)
	}
	// Something after the backup: lost by the restore, as expected.
	crashDialRun(t, srv, adminCfg, "Sau sao lưu.", "news post --title 'Tin sau sao lưu' --json")
	srv.stop(t)

	// Damage the file: its first pages (both meta pages) overwritten.
	dbPath := filepath.Join(data, boltstore.FileName)
	raw, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 8192 && i < len(raw); i++ {
		raw[i] ^= 0xa5
	}
	if err := os.WriteFile(dbPath, raw, 0o600); err != nil {
		t.Fatal(err)
	}

	// The server refuses to start, naming the file.
	cmd := exec.Command(bin, "serve", "--listen", "127.0.0.1:0", "--http", "", "--data", data)
	cmd.Env = append(os.Environ(), "BANGTIN_DATA=", "BANGTIN_LANG=", "BANGTIN_ADMIN_KEYS=")
	var stderr bytes.Buffer
	cmd.Stderr, cmd.Stdout = &stderr, io.Discard
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() == 0 {
			t.Errorf("serve on a damaged database: %v, want a non-zero exit", err)
		}
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("serve started on a damaged database\n%s", stderr.String())
	}
	if msg := stderr.String(); !strings.Contains(msg, dbPath) || !strings.Contains(msg, "corrupt") {
		t.Errorf("the refusal does not name the file and the damage:\n%s", msg)
	}
	if out, err := exec.Command(bin, "check", "--data", data).CombinedOutput(); err == nil {
		t.Errorf("check passed a damaged database:\n%s", out)
	}

	// Restore from the backup.
	if out, err := exec.Command(bin, "restore", "--data", data, backupFile).CombinedOutput(); err != nil {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	crashCheck(t, bin, data)
	srv = crashStart(t, bin, data, "--admin-key", adminLine)
	code, out, errOut = crashDialRun(t, srv, guest, "", fmt.Sprintf("news show %d --json", posted.ID))
	if code != 0 || !strings.Contains(out, "Thông báo tiêm chủng") {
		t.Fatalf("after restore, news show: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, _ = crashDialRun(t, srv, adminCfg, "", "comments pending --json")
	if code != 0 || !strings.Contains(out, "Tôi sẽ đến.") || !strings.Contains(out, "Bà Tư") {
		t.Errorf("after restore, the pending comment is missing: exit %d\n%s", code, out)
	}
	code, out, _ = crashDialRun(t, srv, adminCfg, "", "news list --all --json")
	if code != 0 || strings.Contains(out, "Tin sau sao lưu") {
		t.Errorf("after restore, news list: exit %d (a thread written after the backup is back?)\n%s", code, out)
	}
	srv.stop(t)
	crashCheck(t, bin, data)
}

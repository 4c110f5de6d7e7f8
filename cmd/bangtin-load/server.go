package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// Server is one server under measurement: the board or the reference.
type Server struct {
	Name     string
	Addr     string // 127.0.0.1:port
	HTTPAddr string // the web pages (--http), "" when not started by the tool
	PID      int    // 0: unknown (a --target whose process was not found): no /proc figures
	Debug    string // host:port serving net/http/pprof, "" if none
	Marker   string // text on the screen that means "the first frame is complete"

	Admin    gossh.Signer // an admin key of the board, nil if none (then guests seed nothing)
	ThreadID int64        // a thread to comment on (board only)
	IsBoard  bool
	Seeded   int // threads the tool posted with seedBody (figure d opens one)

	cmd      *exec.Cmd
	keepOpen io.Closer // the reference's stdin: it exits when this closes
	stderr   *tailBuf
	tmp      string        // removed on Stop
	exited   chan struct{} // closed when cmd has been waited for
	stopOnce sync.Once
}

// Stop ends the server's process (if this tool started it) and removes its temp directory.
func (s *Server) Stop() {
	if s == nil {
		return
	}
	s.stopOnce.Do(func() {
		if s.keepOpen != nil {
			_ = s.keepOpen.Close()
		}
		if s.exited != nil {
			_ = s.cmd.Process.Signal(syscall.SIGTERM)
			select {
			case <-s.exited:
			case <-time.After(12 * time.Second): // the board's graceful shutdown waits up to 10 s
				_ = s.cmd.Process.Kill()
				<-s.exited
			}
		}
		if s.tmp != "" {
			_ = os.RemoveAll(s.tmp)
		}
	})
}

// watch waits for the started process in the background; s.exited closes when it has ended.
func (s *Server) watch() {
	s.exited = make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(s.exited) }()
}

// boardConfig says how to get a board under test.
type boardConfig struct {
	Target    string // an already running board; "" starts one
	PID       int    // the target's PID, 0: look it up from the listening socket
	Debug     string // the target's pprof address, "" none
	Binary    string // the bangtin binary; "" builds ./cmd/bangtin
	ExtraArgs []string
	AdminKey  string // private key file (OpenSSH format) of an admin of the target, optional
	Marker    string
}

// startBoard builds (if needed) and starts the board on 127.0.0.1 with a temp data dir, or attaches
// to cfg.Target.
func startBoard(ctx context.Context, cfg boardConfig, logf func(string, ...any)) (*Server, error) {
	s := &Server{Name: "board", Marker: cfg.Marker, IsBoard: true}
	if cfg.Target != "" {
		s.Addr, s.PID, s.Debug = cfg.Target, cfg.PID, cfg.Debug
		if s.PID == 0 {
			pid, err := pidListeningOn(cfg.Target)
			if err != nil {
				logf("board %s: no PID (%v): server-side figures (memory, CPU, goroutines) skipped", cfg.Target, err)
			}
			s.PID = pid
		}
		if cfg.AdminKey != "" {
			b, err := os.ReadFile(cfg.AdminKey)
			if err != nil {
				return nil, fmt.Errorf("admin key %s: %w", cfg.AdminKey, err)
			}
			if s.Admin, err = gossh.ParsePrivateKey(b); err != nil {
				return nil, fmt.Errorf("admin key %s: %w", cfg.AdminKey, err)
			}
		}
		return s, nil
	}
	tmp, err := os.MkdirTemp("", "bangtin-load-")
	if err != nil {
		return nil, fmt.Errorf("start board: %w", err)
	}
	s.tmp = tmp
	bin := cfg.Binary
	if bin == "" {
		bin = filepath.Join(tmp, "bangtin")
		logf("building ./cmd/bangtin")
		build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/bangtin")
		if out, err := build.CombinedOutput(); err != nil {
			s.Stop()
			return nil, fmt.Errorf("go build ./cmd/bangtin: %w: %s", err, strings.TrimSpace(string(out)))
		}
	}
	admin, err := newKey()
	if err != nil {
		s.Stop()
		return nil, err
	}
	s.Admin = admin
	listen, err := freeAddr()
	if err != nil {
		s.Stop()
		return nil, err
	}
	debug, err := freeAddr()
	if err != nil {
		s.Stop()
		return nil, err
	}
	httpAddr, err := freeAddr()
	if err != nil {
		s.Stop()
		return nil, err
	}
	s.HTTPAddr = httpAddr
	args := []string{"serve", "--listen", listen, "--http", httpAddr, "--data", filepath.Join(tmp, "data"),
		"--admin-key", strings.TrimSpace(string(gossh.MarshalAuthorizedKey(admin.PublicKey()))) + " bangtin-load"}
	args = append(args, cfg.ExtraArgs...)
	cmd := exec.Command(bin, args...)
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), debugAddrEnv+"="+debug)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	s.stderr = &tailBuf{max: 8192}
	cmd.Stdout, cmd.Stderr = s.stderr, s.stderr
	if err := cmd.Start(); err != nil {
		s.Stop()
		return nil, fmt.Errorf("start board %s: %w", bin, err)
	}
	s.cmd, s.PID, s.Addr = cmd, cmd.Process.Pid, listen
	s.watch()
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := net.DialTimeout("tcp", listen, time.Second)
		if err == nil {
			_ = c.Close()
			break
		}
		select {
		case <-s.exited:
			s.Stop()
			return nil, fmt.Errorf("board exited at start: %s", s.stderr.String())
		case <-ctx.Done():
			s.Stop()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			s.Stop()
			return nil, fmt.Errorf("board not listening on %s after 30s: %s", listen, s.stderr.String())
		}
	}
	if _, err := goroutines(debug); err == nil {
		s.Debug = debug
	} else {
		logf("board serves no pprof on %s=%s: threads instead of goroutines", debugAddrEnv, debug)
	}
	return s, nil
}

// freeAddr returns a 127.0.0.1 address with a port that was free a moment ago.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("free port: %w", err)
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// goroutines reads the goroutine count from a net/http/pprof endpoint.
func goroutines(debug string) (int, error) {
	if debug == "" {
		return 0, errors.New("no debug address")
	}
	cl := http.Client{Timeout: 5 * time.Second}
	resp, err := cl.Get("http://" + debug + "/debug/pprof/goroutine?debug=1")
	if err != nil {
		return 0, fmt.Errorf("goroutines: %w", err)
	}
	defer resp.Body.Close()
	line, err := bufio.NewReader(resp.Body).ReadString('\n')
	if err != nil {
		return 0, fmt.Errorf("goroutines: %w", err)
	}
	const prefix = "goroutine profile: total "
	if !strings.HasPrefix(line, prefix) {
		return 0, fmt.Errorf("goroutines: unexpected %q", line)
	}
	n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, prefix)))
	if err != nil {
		return 0, fmt.Errorf("goroutines: %w", err)
	}
	return n, nil
}

// tailBuf keeps the first max bytes written to it; safe for concurrent use.
type tailBuf struct {
	mu  sync.Mutex
	b   []byte
	max int
}

func (t *tailBuf) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if room := t.max - len(t.b); room > 0 {
		t.b = append(t.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

func (t *tailBuf) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.TrimSpace(string(t.b))
}

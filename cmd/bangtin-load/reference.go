package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	_ "net/http/pprof" // goroutine counts for figure c, only on the debug address
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	gossh "golang.org/x/crypto/ssh"
)

// The reference server is the bare stack the board is built on: wish v2 and bubbletea v2 drawing
// one static screen of the terminal's size, with wish's defaults (no auth handlers, so "none" is
// accepted; no handshake timeout; no TCP_QUICKACK; bubbletea's default 60 fps renderer). A session
// without a pty runs a no-op command (figure e's handshake-only session). It runs in its own
// process, a re-exec of this binary, so /proc shows its memory and CPU alone.

// refRoleEnv selects the reference-server role when this binary (or the test binary) is re-executed.
const refRoleEnv = "BANGTIN_LOAD_ROLE"

// debugAddrEnv asks a server to serve net/http/pprof on that 127.0.0.1 address (the reference does;
// the board may).
const debugAddrEnv = "BANGTIN_DEBUG_ADDR"

// refMarker is the text whose appearance on the screen means the reference's frame is complete.
const refMarker = "bangtin-load reference"

// refModel is the static screen, built once per size.
type refModel struct{ screen string }

func (m refModel) Init() tea.Cmd { return nil }

func (m refModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.screen = refScreen(msg.Width, msg.Height)
	case tea.KeyPressMsg:
		if s := msg.String(); s == "q" || s == "ctrl+c" {
			return m, tea.Quit
		}
	}
	return m, nil
}

// refFiller is prose of the same kind as the board's (Vietnamese with diacritics) to fill the screen.
const refFiller = "Thông báo: lịch tiếp công dân, kế hoạch phòng chống thiên tai, kết quả " +
	"tuyển dụng viên chức năm nay và hướng dẫn nộp hồ sơ trực tuyến tại bộ phận một cửa. "

func (m refModel) View() tea.View {
	v := tea.NewView(m.screen)
	v.AltScreen = true
	return v
}

// refScreen fills w×h cells: the marker on the first line, prose below.
func refScreen(w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	lines := make([]string, 0, h)
	lines = append(lines, clip(refMarker+" — màn hình tĩnh", w))
	fill := []rune(refFiller)
	runes := []rune(strings.Repeat(refFiller, 2+(w*h+w)/len(fill)))
	for i := 1; i < h; i++ {
		start := (i * 7) % (len(runes) - w)
		lines = append(lines, string(runes[start:start+w-1]))
	}
	return strings.Join(lines, "\n")
}

func clip(s string, w int) string {
	r := []rune(s)
	if len(r) > w {
		r = r[:w]
	}
	return string(r)
}

// runReference serves the reference on 127.0.0.1:0 and writes "ADDR\n" to out once listening. It
// returns when ctx ends.
func runReference(ctx context.Context, out io.Writer) error {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return fmt.Errorf("reference host key: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "")
	if err != nil {
		return fmt.Errorf("reference host key: %w", err)
	}
	srv, err := wish.NewServer(
		wish.WithHostKeyPEM(pem.EncodeToMemory(block)),
		wish.WithMiddleware(
			bm.Middleware(func(ssh.Session) (tea.Model, []tea.ProgramOption) {
				return refModel{}, nil
			}),
			noPtyExit, // innermost: sessions without a pty end here with status 0
		),
	)
	if err != nil {
		return fmt.Errorf("reference server: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("reference listen: %w", err)
	}
	if a := os.Getenv(debugAddrEnv); a != "" {
		dl, err := net.Listen("tcp", a)
		if err != nil {
			return fmt.Errorf("reference debug listen %s: %w", a, err)
		}
		go func() { _ = http.Serve(dl, nil) }()
	}
	if _, err := fmt.Fprintln(out, ln.Addr().String()); err != nil {
		return fmt.Errorf("reference announce: %w", err)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case <-ctx.Done():
		_ = srv.Close()
		return nil
	case err := <-errc:
		if errors.Is(err, ssh.ErrServerClosed) {
			return nil
		}
		return fmt.Errorf("reference serve: %w", err)
	}
}

// noPtyExit answers a session without a pty (an exec of any command) with exit status 0: the
// cheapest command a server can run, so figure e's reference is the handshake alone.
func noPtyExit(next ssh.Handler) ssh.Handler {
	return func(s ssh.Session) {
		if _, _, ok := s.Pty(); ok {
			next(s)
			return
		}
		_ = s.Exit(0)
	}
}

// referenceMain is the re-executed process's main.
func referenceMain() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() { // die with the parent: it holds our stdin open
		_, _ = io.Copy(io.Discard, os.Stdin)
		stop()
	}()
	if err := runReference(ctx, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// startReference re-executes this binary as the reference server on 127.0.0.1:0.
func startReference(ctx context.Context) (*Server, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("start reference: %w", err)
	}
	debug, err := freeAddr()
	if err != nil {
		return nil, fmt.Errorf("start reference: %w", err)
	}
	cmd := exec.Command(exe, "-test.run=^$") // the flag is harmless for main, and keeps a test binary quiet
	cmd.Env = append(os.Environ(), refRoleEnv+"=reference", debugAddrEnv+"="+debug)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("start reference: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("start reference: %w", err)
	}
	stderr := &tailBuf{max: 4096}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start reference: %w", err)
	}
	s := &Server{Name: "reference", PID: cmd.Process.Pid, Debug: debug, Marker: refMarker, cmd: cmd, keepOpen: stdin, stderr: stderr}
	s.watch()
	addr, err := readAddr(ctx, stdout)
	if err != nil {
		s.Stop()
		switch {
		case errors.Is(err, errExited):
			return nil, fmt.Errorf("start reference: exited: %s", stderr.String())
		case errors.Is(err, errNoAddr):
			return nil, fmt.Errorf("start reference: %w", err)
		}
		return nil, err
	}
	s.Addr = addr
	return s, nil
}

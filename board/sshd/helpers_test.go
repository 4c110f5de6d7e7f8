package sshd

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/tui"
)

// testEnv is a real server on 127.0.0.1 over a real board in a temp dir.
type testEnv struct {
	t     testing.TB
	srv   *Server
	addr  string
	board *board.Board
	logs  *syncBuffer
	host  gossh.Signer
}

// syncBuffer collects log lines written from many goroutines.
type syncBuffer = boardtest.LogBuffer

func newSigner(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func startServer(t testing.TB, mutate func(*Config)) *testEnv {
	t.Helper()
	b := boardtest.New(t)
	e := &testEnv{t: t, board: b, logs: &syncBuffer{}, host: newSigner(t)}
	cfg := Config{
		Board:        b,
		Auth:         newTestAuth(t, b),
		HostSigners:  []gossh.Signer{e.host},
		BoardName:    "Bảng tin xã Thử",
		Version:      "test-1.2.3",
		Logger:       log.New(e.logs),
		LiveInterval: 50 * time.Millisecond,
		LoginGrace:   5 * time.Second,
	}
	if mutate != nil {
		mutate(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	e.srv, e.addr = srv, ln.Addr().String()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
		if err := <-served; !errors.Is(err, ErrServerClosed) {
			t.Errorf("Serve returned %v, want ErrServerClosed", err)
		}
	})
	return e
}

func (e *testEnv) clientConfig(user string, key gossh.Signer) *gossh.ClientConfig {
	var auth []gossh.AuthMethod
	if key != nil {
		auth = append(auth, gossh.PublicKeys(key))
	}
	auth = append(auth, gossh.KeyboardInteractive(func(string, string, []string, []bool) ([]string, error) {
		return nil, nil
	}))
	return &gossh.ClientConfig{
		User:            user,
		Auth:            auth,
		HostKeyCallback: gossh.FixedHostKey(e.host.PublicKey()),
		Timeout:         5 * time.Second,
	}
}

func (e *testEnv) dial(t testing.TB) *gossh.Client {
	t.Helper()
	c, err := gossh.Dial("tcp", e.addr, e.clientConfig("guest", newSigner(t)))
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// term is an interactive session whose output is fed to a virtual terminal.
type term struct {
	t     testing.TB
	sess  *gossh.Session
	stdin io.WriteCloser

	mu  sync.Mutex
	emu *vt.Emulator
	raw bytes.Buffer

	outDone chan struct{}
	exited  chan struct{}
	exitErr error
	ended   atomic.Bool // the test is over: output is drained, not emulated
}

type termOpts struct {
	w, h int
	term string
	env  map[string]string
}

func (e *testEnv) openTerm(t testing.TB, c *gossh.Client, o termOpts) *term {
	t.Helper()
	if c == nil {
		c = e.dial(t)
	}
	if o.w == 0 {
		o.w, o.h = 80, 24
	}
	if o.term == "" {
		o.term = "xterm-256color"
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatalf("new session: %v", err)
	}
	for k, v := range o.env {
		if err := sess.Setenv(k, v); err != nil {
			t.Fatalf("setenv %s: %v", k, err)
		}
	}
	if err := sess.RequestPty(o.term, o.h, o.w, gossh.TerminalModes{gossh.ECHO: 0}); err != nil {
		t.Fatalf("pty: %v", err)
	}
	tm := newTerm(t, sess, min(o.w, MaxWidth), min(o.h, MaxHeight))
	if err := sess.Shell(); err != nil {
		t.Fatalf("shell: %v", err)
	}
	go func() {
		tm.exitErr = sess.Wait()
		close(tm.exited)
	}()
	return tm
}

func newTerm(t testing.TB, sess *gossh.Session, w, h int) *term {
	t.Helper()
	stdin, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	tm := &term{t: t, sess: sess, stdin: stdin, emu: vt.NewEmulator(w, h),
		outDone: make(chan struct{}), exited: make(chan struct{})}
	go func() { // the terminal's answers to queries go back to the server, as a real one's do
		_, _ = io.Copy(stdin, tm.emu)
	}()
	go func() {
		defer close(tm.outDone)
		buf := make([]byte, 32*1024)
		for {
			n, err := stdout.Read(buf)
			if n > 0 && !tm.ended.Load() {
				tm.mu.Lock()
				tm.raw.Write(buf[:n])
				_, _ = tm.emu.Write(buf[:n])
				tm.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	t.Cleanup(func() {
		// A backlog still buffered in the client (a stalled reader's frames) must not keep
		// an emulator busy during the next tests: drain it instead.
		tm.ended.Store(true)
		_ = sess.Close()
		// Ends the answer-copying goroutine. (Emulator.Close would race with its Read.)
		if pw, ok := tm.emu.InputPipe().(*io.PipeWriter); ok {
			_ = pw.Close()
		}
	})
	return tm
}

func (tm *term) screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.emu.String()
}

func (tm *term) rawOutput() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.raw.String()
}

// waitScreen waits until the visible screen satisfies ok.
func (tm *term) waitScreen(what string, ok func(string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := tm.screen()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("timed out waiting for %s; screen:\n%s\nraw output: %q", what, s, tm.rawOutput())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (tm *term) waitFor(sub string) string {
	tm.t.Helper()
	return tm.waitScreen(fmt.Sprintf("%q", sub), func(s string) bool { return strings.Contains(s, sub) })
}

func (tm *term) send(s string) {
	tm.t.Helper()
	if _, err := io.WriteString(tm.stdin, s); err != nil {
		tm.t.Fatalf("send %q: %v", s, err)
	}
}

func (tm *term) resize(w, h int) {
	tm.t.Helper()
	tm.mu.Lock()
	tm.emu.Resize(min(w, MaxWidth), min(h, MaxHeight))
	tm.mu.Unlock()
	if err := tm.sess.WindowChange(h, w); err != nil {
		tm.t.Fatalf("window change: %v", err)
	}
}

// waitExit waits for the session to end and returns its exit status (-1: no status).
func (tm *term) waitExit() int {
	tm.t.Helper()
	select {
	case <-tm.exited:
	case <-time.After(15 * time.Second):
		tm.t.Fatalf("session did not end; screen:\n%s", tm.screen())
	}
	<-tm.outDone
	var ee *gossh.ExitError
	switch {
	case tm.exitErr == nil:
		return 0
	case errors.As(tm.exitErr, &ee):
		return ee.ExitStatus()
	}
	return -1
}

// probe is a test model: it shows the online count and the size it was given, records every
// size, and panics or quits on request.
type probe struct {
	rec     *probeRecord
	online  int
	version uint64
	w, h    int
	n       int
}

type probeRecord struct {
	mu    sync.Mutex
	sizes [][2]int
}

func (r *probeRecord) add(w, h int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sizes = append(r.sizes, [2]int{w, h})
}

func (r *probeRecord) all() [][2]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([][2]int(nil), r.sizes...)
}

func panicCmd(where string) tea.Cmd { return func() tea.Msg { panic("probe: panic in " + where) } }

func (p *probe) Init() tea.Cmd { return nil }

func (p *probe) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		p.w, p.h = msg.Width, msg.Height
		p.rec.add(msg.Width, msg.Height)
	case tui.LiveMsg:
		p.online, p.version = msg.Online, msg.Version
	case tea.KeyPressMsg:
		p.n++
		switch msg.String() {
		case "P":
			panic("probe: panic in Update")
		case "C":
			return p, panicCmd("Cmd")
		case "B":
			return p, tea.Batch(func() tea.Msg { return nil }, panicCmd("Batch"))
		case "S":
			return p, tea.Sequence(func() tea.Msg { return nil }, panicCmd("Sequence"))
		case "V":
			p.n = -1000
		case "q":
			return p, tea.Quit
		}
	}
	return p, nil
}

func (p *probe) View() tea.View {
	if p.n < -100 {
		panic("probe: panic in View")
	}
	s := fmt.Sprintf("PROBE online=%d size=%dx%d keys=%d v=%d", p.online, p.w, p.h, p.n, p.version)
	if p.w >= 300 { // a big terminal gets a full screen of colours, different at every size
		var row strings.Builder
		for x := range p.w {
			fmt.Fprintf(&row, "\x1b[%dm%c", 31+(x+p.w)%6, 'a'+byte(x%26))
		}
		s += strings.Repeat("\n"+row.String(), p.h-1)
	}
	v := tea.NewView(s)
	v.AltScreen = true
	return v
}

// withProbe makes every session run a probe instead of the board's TUI.
func withProbe(rec *probeRecord) func(*Config) {
	return func(c *Config) {
		c.WrapModel = func(tea.Model) tea.Model { return &probe{rec: rec} }
	}
}

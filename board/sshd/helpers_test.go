package sshd

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/boardtest/sshtest"
	"bangtin/board/tui"
)

// testEnv is a real server on 127.0.0.1 over a real board in a temp dir, served by the one
// harness (board/boardtest/sshtest).
type testEnv struct {
	*sshtest.Env
	t     testing.TB
	srv   *Server
	addr  string
	board *board.Board
	logs  *syncBuffer
}

// syncBuffer collects log lines written from many goroutines.
type syncBuffer = boardtest.LogBuffer

// term is a session's terminal emulator; termOpts its size, TERM and environment.
type (
	term     = sshtest.Term
	termOpts = sshtest.TermOptions
)

func startServer(t testing.TB, mutate func(*Config)) *testEnv {
	t.Helper()
	return serveBoard(t, boardtest.New(t), func(c *Config) {
		c.LoginGrace = 5 * time.Second
		if mutate != nil {
			mutate(c)
		}
	})
}

// serveBoard serves an existing board with the tests' defaults (a minute of login grace).
func serveBoard(t testing.TB, b *board.Board, mutate func(*Config)) *testEnv {
	t.Helper()
	e := &testEnv{t: t, board: b}
	e.Env = sshtest.Start(t, func(h sshtest.Host) (sshtest.Server, error) {
		cfg := Config{
			Board:        b,
			Auth:         newTestAuth(t, b),
			HostSigners:  []gossh.Signer{h.Signer},
			BoardName:    testBoardName,
			Version:      "test-1.2.3",
			Logger:       log.New(h.Logs),
			LiveInterval: 50 * time.Millisecond,
			LoginGrace:   time.Minute,
		}
		if mutate != nil {
			mutate(&cfg)
		}
		srv, err := New(cfg)
		e.srv = srv
		return srv, err
	})
	e.addr, e.logs = e.Addr, e.Logs
	return e
}

// clientConfig connects as user with key (none when nil), then keyboard-interactive.
func (e *testEnv) clientConfig(user string, key gossh.Signer) *gossh.ClientConfig {
	return e.Config(sshtest.As{User: user, Key: key})
}

// dial connects as a guest with a fresh key; the client is closed at cleanup.
func (e *testEnv) dial(t testing.TB) *gossh.Client { return e.Dial(t, sshtest.Guest(t)) }

// openTerm opens a terminal (over c, or a guest's own connection when c is nil) whose emulator
// is clamped as the server clamps the pty.
func (e *testEnv) openTerm(t testing.TB, c *gossh.Client, o termOpts) *term {
	t.Helper()
	o.MaxWidth, o.MaxHeight = MaxWidth, MaxHeight
	return e.OpenTerm(t, c, o)
}

// newTerm attaches an emulator to a session whose shell the caller starts.
func newTerm(t testing.TB, sess *gossh.Session, w, h int) *term {
	t.Helper()
	return sshtest.NewTerm(t, sess, w, h, MaxWidth, MaxHeight)
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

// writeBlocked reports whether a session's output has been waiting in one write for longer
// than d: for the client's SSH window, or for the socket. (The session's own clock, not a
// stack dump: with hundreds of sessions a dump can be cut short before the goroutine.)
func (e *testEnv) writeBlocked(d time.Duration) bool {
	for _, ss := range e.srv.reg.sessions() {
		if w := ss.writing.Load(); w != 0 && time.Since(time.Unix(0, w)) > d {
			return true
		}
	}
	return false
}

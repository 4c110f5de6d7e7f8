package main

import (
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
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// newKey makes a throwaway ed25519 key.
func newKey() (gossh.Signer, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate key: %w", err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		return nil, fmt.Errorf("generate key: %w", err)
	}
	return s, nil
}

// client dials servers the way the figures need: guests (none, then keyboard-interactive with no
// answers, then a throwaway key) or the admin key, each connection from the next 127.0.0.x source
// address so that per-IP limits of the board do not decide the figures.
type client struct {
	guestKey gossh.Signer
	next     *atomic.Uint32 // shared by the copies of withRSAFirst
	spread   bool
	rsaFirst bool // x/crypto's own host key order (RSA first) instead of OpenSSH's and PuTTY's
}

func newClient(spread bool) (*client, error) {
	k, err := newKey()
	if err != nil {
		return nil, err
	}
	return &client{guestKey: k, spread: spread, next: new(atomic.Uint32)}, nil
}

// withRSAFirst is a copy of c that leaves the host key order to x/crypto, which asks for RSA
// first: a board offering ed25519 and RSA-3072 then signs every handshake with RSA-3072.
func (c *client) withRSAFirst() *client {
	cp := *c
	cp.rsaFirst = true
	return &cp
}

// hostKeyOrder is OpenSSH's and PuTTY's order: ed25519 first.
var hostKeyOrder = []string{gossh.KeyAlgoED25519, gossh.KeyAlgoECDSA256, gossh.KeyAlgoECDSA384,
	gossh.KeyAlgoECDSA521, gossh.KeyAlgoRSASHA512, gossh.KeyAlgoRSASHA256}

func (c *client) config(admin gossh.Signer) *gossh.ClientConfig {
	cfg := &gossh.ClientConfig{
		User:            "guest",
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // loopback only
		Timeout:         15 * time.Second,
		// OpenSSH's and PuTTY's order. x/crypto's default puts RSA first, which would make a
		// board with an RSA host key sign every handshake with RSA, as no real client asks.
		HostKeyAlgorithms: hostKeyOrder,
	}
	if c.rsaFirst {
		cfg.HostKeyAlgorithms = nil // x/crypto's default: rsa-sha2-256 first
	}
	if admin != nil {
		cfg.User = "bangtin-load"
		cfg.Auth = []gossh.AuthMethod{gossh.PublicKeys(admin)}
		return cfg
	}
	// x/crypto/ssh tries "none" first by itself.
	cfg.Auth = []gossh.AuthMethod{
		gossh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
			return make([]string, len(qs)), nil
		}),
		gossh.PublicKeys(c.guestKey),
	}
	return cfg
}

// dial opens an SSH connection to addr (a loopback address).
func (c *client) dial(ctx context.Context, addr string, admin gossh.Signer) (*gossh.Client, error) {
	d := net.Dialer{Timeout: 15 * time.Second}
	if c.spread {
		n := c.next.Add(1)
		d.LocalAddr = &net.TCPAddr{IP: net.IPv4(127, 0, byte(1+n/250%250), byte(2+n%250))}
	}
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("dial %s: %w", addr, err)
	}
	stop := context.AfterFunc(ctx, func() { _ = conn.Close() })
	defer stop()
	cc, chans, reqs, err := gossh.NewClientConn(conn, addr, c.config(admin))
	if err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("ssh handshake %s: %w", addr, err)
	}
	return gossh.NewClient(cc, chans, reqs), nil
}

// term is one interactive session's screen: bytes received, fed to a vt emulator (whose answers
// to terminal queries go back to the server, as a real terminal's do) until detached.
type term struct {
	mu      sync.Mutex
	emu     *pooledEmu
	n       int64     // bytes received
	last    time.Time // when the last bytes arrived
	changed chan struct{}
	done    chan struct{} // closed when the output ends
	closeFn func()
}

func newTerm(w, h int, out io.Reader, in io.Writer, closeFn func()) *term {
	// The emulator answers DA1, DSR, colour queries... into the session's input, as a terminal does.
	t := &term{emu: emus.get(w, h, in), changed: make(chan struct{}, 1), done: make(chan struct{}), closeFn: closeFn}
	go func() {
		defer close(t.done)
		buf := make([]byte, 32*1024)
		for {
			k, err := out.Read(buf)
			if k > 0 {
				t.mu.Lock()
				t.n += int64(k)
				t.last = time.Now()
				if t.emu != nil {
					_, _ = t.emu.Write(buf[:k])
				}
				t.mu.Unlock()
				select {
				case t.changed <- struct{}{}:
				default:
				}
			}
			if err != nil {
				return
			}
		}
	}()
	return t
}

// bytes is the count of bytes received so far.
func (t *term) bytes() int64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.n
}

// screen is the visible text.
func (t *term) screen() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.emu == nil {
		return ""
	}
	return t.emu.String()
}

// onScreen says whether every comma-separated part of marker is on the screen.
func (t *term) onScreen(marker string) bool {
	scr := t.screen()
	for _, m := range strings.Split(marker, ",") {
		if !strings.Contains(scr, m) {
			return false
		}
	}
	return true
}

// waitFor waits until marker (texts separated by commas, all of them) is on the screen.
func (t *term) waitFor(ctx context.Context, marker string, timeout time.Duration) error {
	tm := time.NewTimer(timeout)
	defer tm.Stop()
	for {
		if t.onScreen(marker) {
			return nil
		}
		select {
		case <-t.changed:
		case <-t.done:
			if t.onScreen(marker) {
				return nil
			}
			return fmt.Errorf("session ended before %q appeared; screen: %q", marker, clip(t.screen(), 400))
		case <-tm.C:
			return fmt.Errorf("no %q on the screen after %v; screen: %q", marker, timeout, clip(t.screen(), 400))
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// quiet waits until nothing has arrived for d (at most max), and returns the bytes received.
func (t *term) quiet(ctx context.Context, d, max time.Duration) int64 {
	end := time.Now().Add(max)
	for {
		t.mu.Lock()
		last, n := t.last, t.n
		t.mu.Unlock()
		now := time.Now()
		if now.Sub(last) >= d || now.After(end) {
			return n
		}
		select {
		case <-time.After(d - now.Sub(last)):
		case <-ctx.Done():
			return n
		}
	}
}

// detach drops the emulator: from now on bytes are only counted (idle sessions).
func (t *term) detach() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.emu != nil {
		emus.put(t.emu)
		t.emu = nil
	}
}

func (t *term) close() {
	t.detach()
	t.closeFn()
}

// session is an interactive session through x/crypto/ssh with a pty.
type session struct {
	*term
	in        io.Writer
	handshake time.Duration // dial to authenticated connection
}

// openSession connects, requests a w×h pty and a shell, and starts reading the screen.
func (c *client) openSession(ctx context.Context, addr string, w, h int) (*session, error) {
	return c.openSessionClaiming(ctx, addr, w, h, w, h)
}

// openSessionClaiming requests a claimW×claimH pty but emulates only w×h.
func (c *client) openSessionClaiming(ctx context.Context, addr string, w, h, claimW, claimH int) (*session, error) {
	start := time.Now()
	cl, err := c.dial(ctx, addr, nil)
	if err != nil {
		return nil, err
	}
	handshake := time.Since(start)
	s, err := cl.NewSession()
	if err != nil {
		_ = cl.Close()
		return nil, fmt.Errorf("new session: %w", err)
	}
	fail := func(what string, err error) (*session, error) {
		_ = s.Close()
		_ = cl.Close()
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	modes := gossh.TerminalModes{gossh.ECHO: 0, gossh.TTY_OP_ISPEED: 38400, gossh.TTY_OP_OSPEED: 38400}
	if err := s.RequestPty("xterm-256color", claimH, claimW, modes); err != nil {
		return fail("pty request", err)
	}
	in, err := s.StdinPipe()
	if err != nil {
		return fail("stdin", err)
	}
	out, err := s.StdoutPipe()
	if err != nil {
		return fail("stdout", err)
	}
	if err := s.Shell(); err != nil {
		return fail("shell", err)
	}
	t := newTerm(w, h, out, in, func() { _ = s.Close(); _ = cl.Close() })
	return &session{term: t, in: in, handshake: handshake}, nil
}

// send writes keys to the session.
func (s *session) send(keys string) error {
	if _, err := io.WriteString(s.in, keys); err != nil {
		return fmt.Errorf("send keys: %w", err)
	}
	return nil
}

// frameTimeout bounds the wait for one first frame (a loaded server may take seconds).
const frameTimeout = 30 * time.Second

// firstFrame opens a session and returns it and the time from dialling to the marker on screen.
func (c *client) firstFrame(ctx context.Context, srv *Server, w, h int) (*session, time.Duration, error) {
	emus.warm(w, h)
	start := time.Now()
	s, err := c.openSession(ctx, srv.Addr, w, h)
	if err != nil {
		return nil, 0, err
	}
	if err := s.waitFor(ctx, srv.Marker, frameTimeout); err != nil {
		s.close()
		return nil, 0, err
	}
	return s, time.Since(start), nil
}

// exec runs one command in a new connection (with stdin) and returns its stdout.
func (c *client) exec(ctx context.Context, addr string, admin gossh.Signer, cmd, stdin string) ([]byte, error) {
	cl, err := c.dial(ctx, addr, admin)
	if err != nil {
		return nil, err
	}
	defer cl.Close()
	defer context.AfterFunc(ctx, func() { _ = cl.Close() })()
	s, err := cl.NewSession()
	if err != nil {
		return nil, fmt.Errorf("new session: %w", err)
	}
	defer s.Close()
	s.Stdin = strings.NewReader(stdin)
	var stderr strings.Builder
	s.Stderr = &stderr
	out, err := s.Output(cmd)
	if err != nil {
		var ee *gossh.ExitError
		if errors.As(err, &ee) {
			return out, fmt.Errorf("%s: exit %d: %s", cmd, ee.ExitStatus(), strings.TrimSpace(stderr.String()))
		}
		return out, fmt.Errorf("%s: %w", cmd, err)
	}
	return out, nil
}

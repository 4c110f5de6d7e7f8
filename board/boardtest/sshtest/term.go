package sshtest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"
)

// TermOptions describe the terminal of OpenTerm. Zero values: 80×24, xterm-256color, no
// environment, the emulator as large as the pty.
type TermOptions struct {
	Width, Height int
	Term          string
	Env           map[string]string
	// MaxWidth and MaxHeight clamp the emulator (not the pty request): a server that clamps
	// the size it was told draws for the clamped size.
	MaxWidth, MaxHeight int
}

// Term is an interactive session whose output feeds a terminal emulator; the emulator's answers
// to queries go back to the server, as a real terminal's do.
type Term struct {
	t     testing.TB
	sess  *gossh.Session
	stdin io.WriteCloser
	maxW  int
	maxH  int

	mu  sync.Mutex
	emu *vt.Emulator
	raw bytes.Buffer

	outDone chan struct{}
	exited  chan struct{}
	exitErr error
	ended   atomic.Bool // the test is over: output is drained, not emulated
}

// OpenTerm opens a session with a pty and a shell on c (a guest's connection of its own when c
// is nil, needing e).
func (e *Env) OpenTerm(t testing.TB, c *gossh.Client, o TermOptions) *Term {
	t.Helper()
	if c == nil {
		c = e.Dial(t, Guest(t))
	}
	return OpenTerm(t, c, o)
}

// OpenTerm opens a session with a pty and a shell on c.
func OpenTerm(t testing.TB, c *gossh.Client, o TermOptions) *Term {
	t.Helper()
	if o.Width == 0 {
		o.Width, o.Height = 80, 24
	}
	if o.Term == "" {
		o.Term = "xterm-256color"
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatalf("new session: %v", err)
	}
	for k, v := range o.Env {
		if err := sess.Setenv(k, v); err != nil {
			t.Fatalf("setenv %s: %v", k, err)
		}
	}
	if err := sess.RequestPty(o.Term, o.Height, o.Width, gossh.TerminalModes{gossh.ECHO: 0}); err != nil {
		t.Fatalf("pty: %v", err)
	}
	tm := NewTerm(t, sess, o.Width, o.Height, o.MaxWidth, o.MaxHeight)
	if err := sess.Shell(); err != nil {
		t.Fatalf("shell: %v", err)
	}
	go func() {
		tm.exitErr = sess.Wait()
		close(tm.exited)
	}()
	return tm
}

// NewTerm attaches an emulator of w×h (clamped to maxW×maxH when those are set) to a session
// before its shell or command starts. The caller starts the shell and waits for it itself:
// Exited and WaitExit are for the terminals OpenTerm opens.
func NewTerm(t testing.TB, sess *gossh.Session, w, h, maxW, maxH int) *Term {
	t.Helper()
	stdin, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := sess.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	tm := &Term{t: t, sess: sess, stdin: stdin, maxW: maxW, maxH: maxH,
		outDone: make(chan struct{}), exited: make(chan struct{})}
	w, h = tm.clamp(w, h)
	tm.emu = vt.NewEmulator(w, h)
	go func() { _, _ = io.Copy(stdin, tm.emu) }()
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
		// A backlog still buffered in the client (a stalled reader's frames) must not keep an
		// emulator busy during the next tests: drain it instead.
		tm.ended.Store(true)
		_ = sess.Close()
		tm.closeAnswers()
	})
	return tm
}

func (tm *Term) clamp(w, h int) (int, int) {
	if tm.maxW > 0 {
		w = min(w, tm.maxW)
	}
	if tm.maxH > 0 {
		h = min(h, tm.maxH)
	}
	return w, h
}

// closeAnswers ends the goroutine copying the emulator's answers (Emulator.Close would race
// with its Read).
func (tm *Term) closeAnswers() {
	if pw, ok := tm.emu.InputPipe().(*io.PipeWriter); ok {
		_ = pw.Close()
	}
}

// Session is the SSH session.
func (tm *Term) Session() *gossh.Session { return tm.sess }

// Screen is the emulator's visible screen.
func (tm *Term) Screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.emu.String()
}

// Raw is every byte received so far.
func (tm *Term) Raw() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.raw.String()
}

// RawLen is the number of bytes received so far.
func (tm *Term) RawLen() int {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.raw.Len()
}

// Emulator runs f with the emulator, under the lock that feeds it.
func (tm *Term) Emulator(f func(*vt.Emulator)) {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	f(tm.emu)
}

// WaitTimeout bounds a wait for a screen or an exit: generous, since a loaded 2-core machine
// under -race can take seconds for a 400×200 frame, and a test that passes never waits it out.
const WaitTimeout = 30 * time.Second

// WaitScreen waits up to WaitTimeout until the visible screen satisfies ok and returns it;
// otherwise the test fails with the screen and the raw output.
func (tm *Term) WaitScreen(what string, ok func(string) bool) string {
	tm.t.Helper()
	s, found := tm.Poll(WaitTimeout, ok)
	if !found {
		tm.t.Fatalf("timed out waiting for %s; screen:\n%s\nraw output: %q", what, s, tm.Raw())
	}
	return s
}

// Poll waits up to d until the screen satisfies ok; it returns the last screen and whether it
// did, without failing the test.
func (tm *Term) Poll(d time.Duration, ok func(string) bool) (string, bool) {
	deadline := time.Now().Add(d)
	for {
		s := tm.Screen()
		if ok(s) {
			return s, true
		}
		if time.Now().After(deadline) {
			return s, false
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// WaitFor waits until the screen contains sub.
func (tm *Term) WaitFor(sub string) string {
	tm.t.Helper()
	return tm.WaitScreen(fmt.Sprintf("%q", sub), func(s string) bool { return strings.Contains(s, sub) })
}

// Send types s.
func (tm *Term) Send(s string) {
	tm.t.Helper()
	if _, err := io.WriteString(tm.stdin, s); err != nil {
		tm.t.Fatalf("send %q: %v", s, err)
	}
}

// Resize resizes the emulator (clamped) and tells the server the new size.
func (tm *Term) Resize(w, h int) {
	tm.t.Helper()
	tm.mu.Lock()
	tm.emu.Resize(tm.clamp(w, h))
	tm.mu.Unlock()
	if err := tm.sess.WindowChange(h, w); err != nil {
		tm.t.Fatalf("window change: %v", err)
	}
}

// Exited is closed when the session has ended.
func (tm *Term) Exited() <-chan struct{} { return tm.exited }

// WaitExit waits up to WaitTimeout for the session to end and returns its exit status (-1: none).
func (tm *Term) WaitExit() int {
	tm.t.Helper()
	select {
	case <-tm.exited:
	case <-time.After(WaitTimeout):
		tm.t.Fatalf("session did not end; screen:\n%s", tm.Screen())
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

// Close ends the terminal completely at once (not only at cleanup): the session, the goroutine
// copying the emulator's answers, and, within 10 s, the output reader.
func (tm *Term) Close() {
	_ = tm.sess.Close()
	tm.closeAnswers()
	select {
	case <-tm.outDone:
	case <-time.After(10 * time.Second):
	}
}

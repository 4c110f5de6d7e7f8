// Package sshtest is the one harness of the SSH tests: it serves a server on 127.0.0.1 (Start;
// Attach for a server that is already running, such as the built program), dials it as an
// identity (As: a guest, a key, an account's password), runs commands (Run), emulates a terminal
// (OpenTerm, Term), drives real clients (OpenSSH, PuTTY's plink, Dropbear's dbclient) and tmux,
// and says which programs a test needs (Need: a skip with a message by hand, a failure under
// CI=true).
//
// It does not import board/sshd, so that the server's own tests can use it. Start takes a
// function that builds the server from the host key and log buffer it is given; board/sshd's
// tests build an *sshd.Server, package auth's tests a bare charm.land/ssh server.
// board/sshd/sshdtest builds the whole board server (board, sshd, auth) with it.
//
// Everything is bounded: dials and commands time out, every server and process a test starts is
// stopped at its cleanup.
package sshtest

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"bangtin/board/boardtest"
)

// Timeout bounds a dial and a command.
const Timeout = 60 * time.Second

// Signer is a fresh ed25519 key.
func Signer(t testing.TB) gossh.Signer {
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

// Server is what Start serves: an *sshd.Server, or a charm.land/ssh *ssh.Server.
type Server interface {
	Serve(net.Listener) error
	Shutdown(context.Context) error
	Close() error
}

// Host is what Start gives the function building the server: its host key and a log buffer.
type Host struct {
	Signer gossh.Signer
	Logs   *boardtest.LogBuffer
}

// Env is a server under test and how to reach it.
type Env struct {
	Addr        string               // 127.0.0.1:PORT
	Port        string               // PORT
	HostKeys    []gossh.PublicKey    // the keys the server may show (the first is Start's)
	KnownHosts  string               // an OpenSSH known_hosts file naming them
	Fingerprint string               // the first host key's SHA256 fingerprint (plink -hostkey)
	Logs        *boardtest.LogBuffer // the server's log (Start's); printed when the test failed
}

// Start builds a server with a fresh ed25519 host key and a log buffer, serves it on
// 127.0.0.1:0 and stops it at cleanup: Shutdown (up to 10 s), Close, and Serve must return
// ssh.ErrServerClosed (else the test fails).
func Start(t testing.TB, build func(Host) (Server, error)) *Env {
	t.Helper()
	h := Host{Signer: Signer(t), Logs: &boardtest.LogBuffer{}}
	srv, err := build(h)
	if err != nil {
		t.Fatalf("sshtest: build the server: %v", err)
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
			if err != nil && !errors.Is(err, ssh.ErrServerClosed) {
				t.Errorf("sshtest: Serve returned %v, want ssh.ErrServerClosed", err)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("sshtest: the server did not stop")
		}
		if t.Failed() {
			t.Logf("server log:\n%s", h.Logs.String())
		}
	})
	e := Attach(t, ln.Addr().String(), h.Signer.PublicKey())
	e.Logs = h.Logs
	return e
}

// Attach describes a server already listening at addr with these host keys (a program the test
// started); Logs is nil.
func Attach(t testing.TB, addr string, hostKeys ...gossh.PublicKey) *Env {
	t.Helper()
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		t.Fatalf("sshtest: address %q: %v", addr, err)
	}
	e := &Env{Addr: addr, Port: port, HostKeys: hostKeys, KnownHosts: filepath.Join(t.TempDir(), "known_hosts")}
	var kh bytes.Buffer
	for _, k := range hostKeys {
		fmt.Fprintf(&kh, "[127.0.0.1]:%s %s", port, gossh.MarshalAuthorizedKey(k))
	}
	if err := os.WriteFile(e.KnownHosts, kh.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	if len(hostKeys) > 0 {
		e.Fingerprint = gossh.FingerprintSHA256(hostKeys[0])
	}
	return e
}

// As is who a test client connects as. The zero value is a guest without a key.
type As struct {
	User     string       // the login name typed; default "guest"
	Key      gossh.Signer // offered first when set
	Password string       // answered to every keyboard-interactive question ("" answers "")
	Version  string       // the client version string; default x/crypto's
}

// Guest is a guest with a fresh key of its own.
func Guest(t testing.TB) As { return As{Key: Signer(t)} }

// Config is the client configuration of as against this server: its key, then
// keyboard-interactive, and only the server's host keys accepted.
func (e *Env) Config(as As) *gossh.ClientConfig {
	var auth []gossh.AuthMethod
	if as.Key != nil {
		auth = append(auth, gossh.PublicKeys(as.Key))
	}
	auth = append(auth, gossh.KeyboardInteractive(func(_, _ string, qs []string, _ []bool) ([]string, error) {
		ans := make([]string, len(qs))
		for i := range ans {
			ans[i] = as.Password
		}
		return ans, nil
	}))
	user := as.User
	if user == "" {
		user = "guest"
	}
	return &gossh.ClientConfig{User: user, Auth: auth, HostKeyCallback: e.HostKeyCallback(),
		ClientVersion: as.Version, Timeout: Timeout}
}

// HostKeyCallback accepts the server's host keys only.
func (e *Env) HostKeyCallback() gossh.HostKeyCallback {
	return func(_ string, _ net.Addr, k gossh.PublicKey) error {
		for _, h := range e.HostKeys {
			if bytes.Equal(h.Marshal(), k.Marshal()) {
				return nil
			}
		}
		return errors.New("sshtest: unknown host key")
	}
}

// DialConfig connects with a configuration of the caller's; the caller closes the client.
func (e *Env) DialConfig(cfg *gossh.ClientConfig) (*gossh.Client, error) {
	return gossh.Dial("tcp", e.Addr, cfg)
}

// TryDial connects as as; the caller closes the client.
func (e *Env) TryDial(as As) (*gossh.Client, error) { return e.DialConfig(e.Config(as)) }

// Dial connects as as, failing the test if it cannot; the client is closed at cleanup.
func (e *Env) Dial(t testing.TB, as As) *gossh.Client {
	t.Helper()
	c, err := e.TryDial(as)
	if err != nil {
		t.Fatalf("sshtest: dial as %q: %v", as.User, err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// Result is what a remote command did: its exit status (-1: none) and output.
type Result struct {
	Code     int
	Out, Err string
}

// Run runs one command line with stdin in a new session of c, within Timeout.
func Run(c *gossh.Client, stdin, cmdline string) (Result, error) {
	s, err := c.NewSession()
	if err != nil {
		return Result{Code: -1}, err
	}
	defer s.Close()
	var out, errOut bytes.Buffer
	s.Stdout, s.Stderr, s.Stdin = &out, &errOut, strings.NewReader(stdin)
	done := make(chan error, 1)
	go func() { done <- s.Run(cmdline) }()
	select {
	case err = <-done:
	case <-time.After(Timeout):
		_ = c.Close()
		<-done
		return Result{Code: -1, Out: out.String(), Err: errOut.String()}, fmt.Errorf("%q: timed out after %v", cmdline, Timeout)
	}
	r := Result{Out: out.String(), Err: errOut.String()}
	var ee *gossh.ExitError
	switch {
	case errors.As(err, &ee):
		r.Code = ee.ExitStatus()
	case err != nil:
		r.Code = -1
		return r, err
	}
	return r, nil
}

// Run runs one command line as as over a new connection, failing the test if it cannot dial or
// the command ends without an exit status.
func (e *Env) Run(t testing.TB, as As, stdin, cmdline string) Result {
	t.Helper()
	c, err := e.TryDial(as)
	if err != nil {
		t.Fatalf("sshtest: dial as %q: %v", as.User, err)
	}
	defer c.Close()
	r, err := Run(c, stdin, cmdline)
	if err != nil {
		t.Fatalf("sshtest: %q as %q: %v\nstdout: %s\nstderr: %s", cmdline, as.User, err, r.Out, r.Err)
	}
	return r
}

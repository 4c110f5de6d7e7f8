package hostile_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"bangtin/board/boardtest"
	"bangtin/board/boardtest/sshtest"
	"bangtin/board/hostile"
	"bangtin/board/sshd"
	"bangtin/board/sshd/sshdtest"
)

// The values a client chooses before any board text exists: the SSH login name, the client
// version string, TERM in the pty request and env values (LANG, LC_*, NO_COLOR, COLORTERM). They
// go through a real server on 127.0.0.1 (board/sshd with its auth over a temporary board, sshdtest), and
// what the client receives, the TUI's bytes and a command's output, must pass hostile.CheckWire
// (or CheckView for a command) with the payload's needles.
//
// Bounded: the full-screen session (about a second each, waiting for the first frame) runs for
// the sixteen payloads aimed at these values; the command session (fast) for every payload of at
// most 256 bytes.

func startSSHD(t *testing.T) *sshdtest.Server {
	t.Helper()
	b := boardtest.New(t)
	boardtest.Thread(t, b, "Lịch tiêm chủng", "Nội dung.")
	return sshdtest.Start(t, b, func(c *sshd.Config) {
		c.BoardName, c.LoginGrace, c.MaxSessionsPerIP = "bangtin-hostile", 5*time.Second, 1000
	})
}

// dial connects as user with a fresh key (a guest) and the given client version ("" default).
func dial(t *testing.T, s *sshdtest.Server, user, version string) (*gossh.Client, error) {
	t.Helper()
	return s.TryDial(sshtest.As{User: user, Key: sshtest.Signer(t), Version: version})
}

// lineSafe cuts a payload to what an SSH field can carry at all.
func lineSafe(p hostile.Payload, n int) string {
	s := p.Text
	if len(s) > n {
		s = s[:n]
	}
	return s
}

// screen opens a full-screen session with TERM and env set to the payload, waits for the first
// frame (the board's name) and returns every byte received.
func screen(t *testing.T, c *gossh.Client, term string, env map[string]string) []byte {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatalf("new session: %v", err)
	}
	defer sess.Close()
	for k, v := range env {
		_ = sess.Setenv(k, v) // the server may refuse a variable: that is its right
	}
	if err := sess.RequestPty(term, 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatalf("pty with TERM %q: %v", term, err)
	}
	out := &boardtest.LogBuffer{}
	sess.Stdout = out
	stdin, err := sess.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := sess.Shell(); err != nil {
		t.Fatalf("shell: %v", err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) && !strings.Contains(out.String(), "bangtin-hostile") {
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(out.String(), "bangtin-hostile") {
		t.Errorf("no first frame within 10s; got %q", out.String())
	}
	// A key press and a last frame, then quit.
	_, _ = stdin.Write([]byte("j"))
	time.Sleep(100 * time.Millisecond)
	_, _ = stdin.Write([]byte{3})
	_ = sess.Wait()
	return []byte(out.String())
}

func TestHandshakeValues(t *testing.T) {
	s := startSSHD(t)
	byName := map[string]hostile.Payload{}
	for _, p := range hostile.Payloads() {
		byName[p.Name] = p
	}
	for _, name := range []string{"login-name-escape", "login-name-c1", "login-name-spaces", "client-version", "term-escape",
		"term-long", "env-lang-escape", "osc0-title", "osc52-clipboard", "osc8-hyperlink", "bidi-rlo", "csi-8bit", "dcs-decrqss",
		"invalid-utf8", "nul", "cr-overwrite"} {
		p, ok := byName[name]
		if !ok {
			t.Fatalf("corpus lacks %s", name)
		}
		t.Run(name, func(t *testing.T) {
			needles := hostile.WireNeedlesFor(p)
			version := ""
			if name == "client-version" {
				version = lineSafe(p, 200)
			}
			c, err := dial(t, s, lineSafe(p, 200), version)
			if err != nil {
				// Refusing the handshake is fine (a version line with controls breaks the protocol);
				// the server must keep serving others, checked below.
				t.Logf("handshake refused: %v", err)
				return
			}
			defer c.Close()
			term := lineSafe(p, 300)
			env := map[string]string{"LANG": lineSafe(p, 300), "LC_ALL": lineSafe(p, 300), "COLORTERM": lineSafe(p, 100), "NO_COLOR": lineSafe(p, 100)}
			out := screen(t, c, term, env)
			if err := hostile.CheckWire(out, needles...); err != nil {
				t.Errorf("full-screen session: %v", err)
			}
		})
	}
	// After all that, an ordinary client still gets its board.
	c, err := dial(t, s, "lan", "")
	if err != nil {
		t.Fatalf("an ordinary client after the hostile ones: %v", err)
	}
	defer c.Close()
	if out := screen(t, c, "xterm-256color", nil); !bytes.Contains(out, []byte("Lịch tiêm chủng")) {
		t.Errorf("an ordinary client did not get the thread list: %q", out)
	}
}

func TestHandshakeValuesCommands(t *testing.T) {
	s := startSSHD(t)
	ran := 0
	for _, p := range hostile.Short(256) {
		t.Run(p.Name, func(t *testing.T) {
			c, err := dial(t, s, lineSafe(p, 200), "")
			if err != nil {
				t.Logf("handshake refused: %v", err)
				return
			}
			defer c.Close()
			for _, cmd := range []string{"whoami", "whoami --json", "news list"} {
				sess, err := c.NewSession()
				if err != nil {
					t.Fatalf("new session: %v", err)
				}
				for _, k := range []string{"LANG", "LC_MESSAGES", "NO_COLOR"} {
					_ = sess.Setenv(k, p.Text)
				}
				var out, errOut bytes.Buffer
				sess.Stdout, sess.Stderr = &out, &errOut
				err = sess.Run(cmd)
				sess.Close()
				if err != nil {
					t.Errorf("%s: %v (stderr %q)", cmd, err, errOut.String())
				}
				for name, b := range map[string]string{"stdout": out.String(), "stderr": errOut.String()} {
					if err := hostile.CheckView(b, hostile.NeedlesFor(p)...); err != nil {
						t.Errorf("%s: %s: %v", cmd, name, err)
					}
				}
				if cmd == "whoami --json" && !strings.Contains(out.String(), `"role"`) {
					t.Errorf("whoami --json: %q", out.String())
				}
				if cmd == "whoami --json" && strings.Contains(out.String(), `"role":"admin"`) {
					t.Errorf("a typed login name made a guest admin: %q", out.String())
				}
			}
			ran++
		})
	}
	if ran < len(hostile.Short(256))/2 {
		t.Errorf("only %d of %d login names got through the handshake", ran, len(hostile.Short(256)))
	}
	if strings.Contains(s.Logs.String(), "\x1b]") || strings.Contains(s.Logs.String(), "\u202e") {
		t.Errorf("the server log holds a raw escape or bidi control from a client")
	}
	t.Logf("%d login names connected", ran)
}

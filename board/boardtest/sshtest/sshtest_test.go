package sshtest_test

import (
	"fmt"
	"strings"
	"testing"

	"charm.land/ssh"
	"charm.land/wish/v2"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"

	"bangtin/board/boardtest/sshtest"
)

// startEcho serves a bare charm.land/ssh server that lets everyone in and answers a command with
// "user|key fingerprint|command|pty size" and the exit status the command names ("exit N").
func startEcho(t *testing.T) *sshtest.Env {
	return sshtest.Start(t, func(h sshtest.Host) (sshtest.Server, error) {
		return wish.NewServer(
			func(s *ssh.Server) error { s.AddHostKey(h.Signer); return nil },
			wish.WithPublicKeyAuth(func(ssh.Context, ssh.PublicKey) bool { return true }),
			wish.WithKeyboardInteractiveAuth(func(_ ssh.Context, ch gossh.KeyboardInteractiveChallenge) bool {
				ans, err := ch("", "", []string{"Mật khẩu: "}, []bool{false})
				return err == nil && len(ans) == 1 && ans[0] == "đúng"
			}),
			wish.WithMiddleware(func(ssh.Handler) ssh.Handler {
				return func(s ssh.Session) {
					fp := ""
					if s.PublicKey() != nil {
						fp = gossh.FingerprintSHA256(s.PublicKey())
					}
					size := ""
					if p, _, ok := s.Pty(); ok {
						size = fmt.Sprintf("%dx%d", p.Window.Width, p.Window.Height)
					}
					fmt.Fprintf(s, "%s|%s|%s|%s", s.User(), fp, s.RawCommand(), size)
					code := 0
					_, _ = fmt.Sscanf(s.RawCommand(), "exit %d", &code)
					_ = s.Exit(code)
				}
			}),
		)
	})
}

func TestRunAs(t *testing.T) {
	e := startEcho(t)
	key := sshtest.Signer(t)
	for _, tc := range []struct {
		name string
		as   sshtest.As
		cmd  string
		want sshtest.Result
	}{
		{"guest with a key", sshtest.As{Key: key}, "stats", sshtest.Result{Out: "guest|" + gossh.FingerprintSHA256(key.PublicKey()) + "|stats|"}},
		{"password", sshtest.As{User: "lan", Password: "đúng"}, "exit 3", sshtest.Result{Code: 3, Out: "lan||exit 3|"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := e.Run(t, tc.as, "", tc.cmd); got != tc.want {
				t.Errorf("Run = %+v, want %+v", got, tc.want)
			}
		})
	}
	if _, err := e.TryDial(sshtest.As{User: "lan", Password: "sai"}); err == nil {
		t.Error("a wrong password got in")
	}
	other := sshtest.Attach(t, e.Addr, sshtest.Signer(t).PublicKey())
	if _, err := other.TryDial(sshtest.As{Key: key}); err == nil || !strings.Contains(err.Error(), "unknown host key") {
		t.Errorf("dial with another host key: %v, want refused", err)
	}
}

func TestTerm(t *testing.T) {
	e := startEcho(t)
	tm := e.OpenTerm(t, nil, sshtest.TermOptions{Width: 100, Height: 30, MaxWidth: 90})
	if code := tm.WaitExit(); code != 0 {
		t.Errorf("exit %d", code)
	}
	if s := tm.Screen(); !strings.Contains(s, "guest|SHA256:") || !strings.Contains(s, "|100x30") {
		t.Errorf("screen:\n%s", s)
	}
	var w int
	tm.Emulator(func(emu *vt.Emulator) { w = emu.Width() })
	if w != 90 {
		t.Errorf("emulator width %d, want the clamp 90", w)
	}
}

func TestNeed(t *testing.T) {
	t.Setenv("CI", "")
	var inner *testing.T
	t.Run("missing", func(t *testing.T) {
		inner = t
		sshtest.Need(t, "bangtin-no-such-program")
		t.Error("Need returned for a missing program")
	})
	if !inner.Skipped() {
		t.Error("Need did not skip")
	}
	if sshtest.Have(t, "bangtin-no-such-program") {
		t.Error("Have found a missing program")
	}
	if !sshtest.Have(t, "go") {
		t.Error("Have does not find go")
	}
}

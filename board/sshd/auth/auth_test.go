package auth

import (
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/boardtest/sshtest"
	"bangtin/keys"

	"charm.land/log/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"
	"golang.org/x/text/unicode/norm"
)

func genSigner(t testing.TB) gossh.Signer { return sshtest.Signer(t) }

func accountKey(s gossh.Signer) board.AccountKey {
	return board.AccountKey{Fingerprint: keys.Fingerprint(s.PublicKey()), Type: s.PublicKey().Type(),
		Line: strings.TrimSpace(string(gossh.MarshalAuthorizedKey(s.PublicKey())))}
}

// unsignable offers a public key it cannot sign for (a client that only has someone else's public
// key): the server answers its query, then signing fails and the client goes on to its next
// method. (A forged signature would not do: x/crypto's server drops the connection on one.)
type unsignable struct{ pub gossh.PublicKey }

func (u unsignable) PublicKey() gossh.PublicKey { return u.pub }
func (u unsignable) Sign(io.Reader, []byte) (*gossh.Signature, error) {
	return nil, errors.New("no private key")
}

type lastSeenKey struct{}

// testServer is a real charm.land/ssh server on 127.0.0.1 (sshtest.Start) with the Auth's
// handlers. Its session handler prints the identity; "claim CODE" runs the claim.
type testServer struct {
	*sshtest.Env
	addr string
	host gossh.PublicKey
	auth *Auth
	logs *syncBuffer
}

// syncBuffer collects log lines written from many goroutines.
type syncBuffer = boardtest.LogBuffer

func startServer(t testing.TB, accts Accounts, opts Options) *testServer {
	t.Helper()
	s := &testServer{}
	s.Env = sshtest.Start(t, func(h sshtest.Host) (sshtest.Server, error) {
		if opts.Logger == nil {
			opts.Logger = log.New(h.Logs)
		}
		a := New(accts, opts)
		s.auth = a
		// The wrapper records the last key any PublicKeyCallback saw, in the connection's
		// context, as a naive server would; the tests show that this is not the key that
		// authenticated.
		pk := func(ctx ssh.Context, key ssh.PublicKey) bool {
			ctx.SetValue(lastSeenKey{}, keys.Fingerprint(key))
			return a.PublicKeyHandler(ctx, key)
		}
		return wish.NewServer(
			func(s *ssh.Server) error { s.AddHostKey(h.Signer); return nil },
			func(s *ssh.Server) error {
				s.ServerConfigCallback = func(ssh.Context) *gossh.ServerConfig {
					return &gossh.ServerConfig{MaxAuthTries: RecommendedMaxAuthTries}
				}
				return nil
			},
			wish.WithPublicKeyAuth(pk),
			wish.WithPasswordAuth(a.PasswordHandler),
			wish.WithKeyboardInteractiveAuth(a.KeyboardInteractiveHandler),
			wish.WithMiddleware(func(ssh.Handler) ssh.Handler {
				return func(s ssh.Session) {
					if cmd := s.Command(); len(cmd) == 2 && cmd[0] == "claim" {
						acct, err := a.Claim(s.Context(), cmd[1], s)
						fmt.Fprintf(s, "%s|%s|%v", acct.Login, acct.Role, errName(err))
						return
					}
					id, err := a.Identify(s)
					last, _ := s.Context().Value(lastSeenKey{}).(string)
					fmt.Fprintf(s, "%s|%s|%s|%s|%s|%v", id.Login, id.Role, id.Fingerprint, id.Addr, last, err)
				}
			}),
		)
	})
	s.addr, s.host, s.logs = s.Addr, s.HostKeys[0], s.Logs
	return s
}

func errName(err error) string {
	for _, e := range []error{ErrNoClaim, ErrWrongCode, keys.ErrClaimNeedKey, ErrLocked} {
		if errors.Is(err, e) {
			return e.Error()
		}
	}
	if err != nil {
		return err.Error()
	}
	return "ok"
}

// result is what the test server printed about a session.
type result struct {
	Login, Role, Fingerprint, Addr, LastSeen, Err string
}

// connect logs in as user with the given client configuration and runs cmd ("" prints the
// identity).
func (s *testServer) connect(t testing.TB, user string, cfg func(*gossh.ClientConfig), cmd string) (string, error) {
	t.Helper()
	c := &gossh.ClientConfig{User: user, HostKeyCallback: gossh.FixedHostKey(s.host), Timeout: 5 * time.Second}
	if cfg != nil {
		cfg(c)
	}
	conn, err := net.DialTimeout("tcp", s.addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	sc, chans, reqs, err := gossh.NewClientConn(conn, s.addr, c)
	if err != nil {
		return "", err
	}
	client := gossh.NewClient(sc, chans, reqs)
	defer client.Close()
	sess, err := client.NewSession()
	if err != nil {
		t.Fatalf("session: %v", err)
	}
	defer sess.Close()
	if cmd == "" {
		cmd = "whoami"
	}
	out, err := sess.Output(cmd)
	if err != nil {
		t.Fatalf("run %q: %v (output %q)", cmd, err, out)
	}
	return string(out), nil
}

func (s *testServer) identify(t testing.TB, user string, cfg func(*gossh.ClientConfig)) (result, error) {
	t.Helper()
	out, err := s.connect(t, user, cfg, "")
	if err != nil {
		return result{}, err
	}
	f := strings.Split(out, "|")
	if len(f) != 6 {
		t.Fatalf("server printed %q", out)
	}
	return result{f[0], f[1], f[2], f[3], f[4], f[5]}, nil
}

// Client configurations.
func withKeys(ss ...gossh.Signer) func(*gossh.ClientConfig) {
	return func(c *gossh.ClientConfig) { c.Auth = append(c.Auth, gossh.PublicKeys(ss...)) }
}

func withPassword(pw string) func(*gossh.ClientConfig) {
	return func(c *gossh.ClientConfig) { c.Auth = append(c.Auth, gossh.Password(pw)) }
}

// withKI answers every keyboard-interactive question with answer and counts the questions in *asked.
func withKI(answer string, asked *[]string) func(*gossh.ClientConfig) {
	return func(c *gossh.ClientConfig) {
		c.Auth = append(c.Auth, gossh.KeyboardInteractive(func(name, instruction string, questions []string, echos []bool) ([]string, error) {
			ans := make([]string, len(questions))
			for i := range questions {
				ans[i] = answer
			}
			if asked != nil {
				*asked = append(*asked, questions...)
			}
			return ans, nil
		}))
	}
}

func chain(fs ...func(*gossh.ClientConfig)) func(*gossh.ClientConfig) {
	return func(c *gossh.ClientConfig) {
		for _, f := range fs {
			f(c)
		}
	}
}

// steps makes the client use exactly these methods in this order (several publickey attempts
// included), through ClientConfig.AuthCallback.
func steps(ms ...gossh.AuthMethod) func(*gossh.ClientConfig) {
	return func(c *gossh.ClientConfig) {
		i := 0
		c.AuthCallback = func(*gossh.ClientAuthContext) (gossh.AuthMethod, error) {
			if i >= len(ms) {
				return nil, errors.New("no more methods")
			}
			i++
			return ms[i-1], nil
		}
	}
}

const lanPassword = "mật khẩu của Lan"

type fixture struct {
	admin, lan, minh, guest gossh.Signer
	fake                    *fakeAccounts
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	f := &fixture{admin: genSigner(t), lan: genSigner(t), minh: genSigner(t), guest: genSigner(t)}
	hash, err := keys.HashPassword(lanPassword)
	if err != nil {
		t.Fatal(err)
	}
	f.fake = newFake(
		board.Account{Login: "admin", Name: "Quản trị", Role: board.RoleAdmin, Keys: []board.AccountKey{accountKey(f.admin)}},
		board.Account{Login: "lan", Name: "Lan", Role: board.RoleStaff, Keys: []board.AccountKey{accountKey(f.lan)}, PasswordHash: hash},
		board.Account{Login: "minh", Name: "Minh", Role: board.RoleEditor, Keys: []board.AccountKey{accountKey(f.minh)}},
	)
	return f
}

// TestIdentityTable connects real golang.org/x/crypto/ssh clients to a real server on loopback
// and checks the identity each way of logging in ends with.
func TestIdentityTable(t *testing.T) {
	f := newFixture(t)
	fp := func(s gossh.Signer) string { return keys.Fingerprint(s.PublicKey()) }
	fakeAdmin := unsignable{f.admin.PublicKey()}
	var noQuestions []string

	tests := []struct {
		name   string
		user   string
		cfg    func(*gossh.ClientConfig)
		want   *result // nil: the login is refused
		check  func(t *testing.T, r result)
		checkQ bool // no keyboard-interactive question may be asked
	}{
		{name: "admin key, login admin", user: "admin", cfg: withKeys(f.admin),
			want: &result{Login: "admin", Role: "admin", Fingerprint: fp(f.admin)}},
		{name: "admin key, any login", user: "whoever", cfg: withKeys(f.admin),
			want: &result{Login: "admin", Role: "admin", Fingerprint: fp(f.admin)}},
		{name: "admin key, another account's login", user: "lan", cfg: withKeys(f.admin),
			want: &result{Login: "admin", Role: "admin", Fingerprint: fp(f.admin)}},
		{name: "admin key, login in capitals", user: "GUEST", cfg: withKeys(f.admin),
			want: &result{Login: "admin", Role: "admin", Fingerprint: fp(f.admin)}},
		{name: "account key", user: "lan", cfg: withKeys(f.lan),
			want: &result{Login: "lan", Role: "staff", Fingerprint: fp(f.lan)}},
		{name: "account key among others", user: "x", cfg: withKeys(f.guest, f.minh),
			want: &result{Fingerprint: fp(f.guest), Role: "guest"}}, // the first key that works wins
		{name: "account name, right password", user: "lan", cfg: withPassword(lanPassword),
			want: &result{Login: "lan", Role: "staff"}},
		{name: "account name in capitals, right password", user: "Lan", cfg: withPassword(lanPassword),
			want: &result{Login: "lan", Role: "staff"}},
		{name: "account name, right password in NFD", user: "lan", cfg: withPassword(norm.NFD.String(lanPassword)),
			want: &result{Login: "lan", Role: "staff"}},
		{name: "account name, right password by keyboard-interactive", user: "lan", cfg: withKI(lanPassword, nil),
			want: &result{Login: "lan", Role: "staff"}},
		{name: "account name, a stranger's key then the password", user: "lan", cfg: chain(withKeys(f.guest), withPassword(lanPassword)),
			want: &result{Login: "lan", Role: "staff"}},
		{name: "account name, wrong password", user: "lan", cfg: withPassword("sai mật khẩu")},
		{name: "account name, wrong password by keyboard-interactive", user: "lan", cfg: withKI("sai mật khẩu", nil)},
		{name: "account name, a stranger's key", user: "lan", cfg: withKeys(f.guest)},
		{name: "account without password, no credentials", user: "minh", cfg: chain(withKI("", nil), withPassword(""))},
		{name: "account without password, a password", user: "minh", cfg: withPassword(lanPassword)},
		{name: "account without password, a stranger's key", user: "minh", cfg: chain(withKeys(f.guest), withKI("x", nil))},
		{name: "guest with a key", user: "guest", cfg: withKeys(f.guest),
			want: &result{Role: "guest", Fingerprint: fp(f.guest)}},
		{name: "any name with a key", user: "nguoi-la", cfg: withKeys(f.guest),
			want: &result{Role: "guest", Fingerprint: fp(f.guest)}},
		{name: "guest without a key", user: "guest", cfg: withKI("", &noQuestions), checkQ: true,
			want: &result{Role: "guest"}},
		{name: "guest, password-only client", user: "guest", cfg: withPassword(""),
			want: &result{Role: "guest"}},
		{name: "unsignable admin key, then keyboard-interactive", user: "guest",
			cfg:  chain(withKeys(fakeAdmin), withKI("", nil)),
			want: &result{Role: "guest"},
			check: func(t *testing.T, r result) {
				if r.LastSeen != fp(f.admin) {
					t.Errorf("the admin key was not offered (last seen %q): the case tests nothing", r.LastSeen)
				}
			}},
		{name: "unsignable admin key, then a password", user: "lan",
			cfg:  chain(withKeys(fakeAdmin), withPassword(lanPassword)),
			want: &result{Login: "lan", Role: "staff"}},
		{name: "unsignable admin key, admin's name", user: "admin", cfg: chain(withKeys(fakeAdmin), withKI("", nil), withPassword(""))},
		{
			// CVE-2024-45337's order: the guest key is offered, then the admin key, then the
			// guest key signs. (x/crypto >= 0.31 keeps a one-entry cache, so its callback sees the
			// guest key again; the identity must be the guest's either way.)
			name: "admin key offered between, guest key signs", user: "guest",
			cfg:  steps(gossh.PublicKeys(unsignable{f.guest.PublicKey()}), gossh.PublicKeys(fakeAdmin), gossh.PublicKeys(f.guest)),
			want: &result{Role: "guest", Fingerprint: fp(f.guest)}},
		{
			// An admin key offered (never signed), then another account's key signs: that
			// account, not the admin.
			name: "unsignable admin key, then another account's key", user: "x",
			cfg:  steps(gossh.PublicKeys(fakeAdmin), gossh.PublicKeys(f.minh)),
			want: &result{Login: "minh", Role: "editor", Fingerprint: fp(f.minh)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			noQuestions = nil
			srv := startServer(t, f.fake, Options{})
			got, err := srv.identify(t, tt.user, tt.cfg)
			if tt.want == nil {
				if err == nil {
					t.Fatalf("login as %q was accepted: %+v", tt.user, got)
				}
				if !strings.Contains(err.Error(), "unable to authenticate") {
					t.Fatalf("login refused with %v, want an authentication failure", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("login as %q refused: %v", tt.user, err)
			}
			if got.Err != "<nil>" {
				t.Fatalf("Identify: %s", got.Err)
			}
			if got.Login != tt.want.Login || got.Role != tt.want.Role || got.Fingerprint != tt.want.Fingerprint {
				t.Errorf("identity = %s/%s/%s, want %s/%s/%s", got.Login, got.Role, got.Fingerprint,
					tt.want.Login, tt.want.Role, tt.want.Fingerprint)
			}
			if got.Addr != "127.0.0.1" {
				t.Errorf("address = %q, want 127.0.0.1", got.Addr)
			}
			if tt.checkQ && len(noQuestions) > 0 {
				t.Errorf("a guest was asked %q", noQuestions)
			}
			if tt.check != nil {
				tt.check(t, got)
			}
		})
	}
}

// TestKeyboardInteractivePrompt checks what an account name is asked, and what a guest is not.
func TestKeyboardInteractivePrompt(t *testing.T) {
	f := newFixture(t)
	srv := startServer(t, f.fake, Options{})
	var asked []string
	if _, err := srv.identify(t, "lan", withKI(lanPassword, &asked)); err != nil {
		t.Fatal(err)
	}
	if len(asked) != 1 || !strings.Contains(asked[0], "Mật khẩu") || !strings.Contains(asked[0], "assword") {
		t.Errorf("questions = %q, want one password prompt in both languages", asked)
	}
}

// TestLockoutOverSSH: after five wrong passwords the right one is refused, and each failure is
// logged with the address.
func TestLockoutOverSSH(t *testing.T) {
	f := newFixture(t)
	clk := &clock{t: time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)}
	srv := startServer(t, f.fake, Options{Now: clk.Now})
	for i := range 5 {
		if _, err := srv.identify(t, "lan", withPassword(fmt.Sprintf("sai %d", i))); err == nil {
			t.Fatalf("wrong password %d accepted", i)
		}
	}
	if _, err := srv.identify(t, "lan", withPassword(lanPassword)); err == nil {
		t.Fatal("right password accepted after five failures")
	}
	if n := f.fake.failureCount(); n != 5 {
		t.Errorf("LogAuthFailure called %d times, want 5 (the locked attempt is not checked)", n)
	}
	if logs := srv.logs.String(); strings.Count(logs, "wrong password") != 5 || !strings.Contains(logs, "127.0.0.1") {
		t.Errorf("log does not show five failures with the address:\n%s", logs)
	}
	// Keys still work while the password is locked.
	if r, err := srv.identify(t, "lan", withKeys(f.lan)); err != nil || r.Login != "lan" {
		t.Errorf("key login during lockout: %+v %v", r, err)
	}
	clk.Add(15 * time.Minute)
	if r, err := srv.identify(t, "lan", withPassword(lanPassword)); err != nil || r.Login != "lan" {
		t.Errorf("right password after the window: %+v %v", r, err)
	}
}

// TestLockout calls the handlers from many addresses: the limit holds per account and per IP.
func TestLockout(t *testing.T) {
	hash, err := keys.HashPassword(lanPassword)
	if err != nil {
		t.Fatal(err)
	}
	var accts []board.Account
	for _, l := range []string{"lan", "hoa", "tuan", "mai", "binh", "cuong", "dung"} {
		accts = append(accts, board.Account{Login: l, Role: board.RoleStaff, PasswordHash: hash})
	}
	clk := &clock{t: time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC)}
	login := func(a *Auth, user, ip, pw string) bool {
		return a.PasswordHandler(newCtx(user, ip), pw)
	}

	t.Run("per account", func(t *testing.T) {
		fake := newFake(accts...)
		a := New(fake, Options{Now: clk.Now, Logger: log.New(io.Discard)})
		for i := range 5 {
			if login(a, "lan", fmt.Sprintf("192.0.2.%d", i+1), "wrong") {
				t.Fatal("wrong password accepted")
			}
		}
		if login(a, "lan", "198.51.100.7", lanPassword) {
			t.Error("right password accepted for a locked account from a fresh address")
		}
		if !login(a, "hoa", "198.51.100.7", lanPassword) {
			t.Error("another account refused")
		}
		if fake.failureCount() != 5 {
			t.Errorf("failures logged: %d, want 5", fake.failureCount())
		}
		clk.Add(14 * time.Minute)
		if login(a, "lan", "198.51.100.7", lanPassword) {
			t.Error("lockout ended before the window")
		}
		clk.Add(time.Minute)
		if !login(a, "lan", "198.51.100.7", lanPassword) {
			t.Error("lockout did not end after the window")
		}
	})
	t.Run("per IP", func(t *testing.T) {
		fake := newFake(accts...)
		a := New(fake, Options{Now: clk.Now, Logger: log.New(io.Discard)})
		for i, u := range []string{"lan", "hoa", "tuan", "mai", "binh"} {
			if login(a, u, "203.0.113.9", fmt.Sprintf("wrong %d", i)) {
				t.Fatal("wrong password accepted")
			}
		}
		if login(a, "cuong", "203.0.113.9", lanPassword) {
			t.Error("right password accepted from a locked address")
		}
		if !login(a, "cuong", "203.0.113.10", lanPassword) {
			t.Error("another address refused")
		}
		// A guest name is not a password attempt: guests still get in from a locked address.
		if !login(a, "guest", "203.0.113.9", "") {
			t.Error("guest refused from a locked address")
		}
	})
	t.Run("per IPv6 /64", func(t *testing.T) {
		fake := newFake(accts...)
		a := New(fake, Options{Now: clk.Now, Logger: log.New(io.Discard)})
		for i := range 5 {
			login(a, accts[i].Login, fmt.Sprintf("2001:db8:1:2::%x", i+1), "wrong")
		}
		if login(a, "dung", "2001:db8:1:2:ffff::1", lanPassword) {
			t.Error("right password accepted from the same /64")
		}
		if !login(a, "dung", "2001:db8:1:3::1", lanPassword) {
			t.Error("another /64 refused")
		}
	})
	t.Run("keyboard-interactive", func(t *testing.T) {
		fake := newFake(accts...)
		a := New(fake, Options{Now: clk.Now, Logger: log.New(io.Discard), MaxFailures: 2})
		answer := func(pw string, asked *int) gossh.KeyboardInteractiveChallenge {
			return func(_, _ string, qs []string, _ []bool) ([]string, error) {
				*asked += len(qs)
				ans := make([]string, len(qs))
				for i := range ans {
					ans[i] = pw
				}
				return ans, nil
			}
		}
		var asked int
		for range 2 {
			if a.KeyboardInteractiveHandler(newCtx("mai", "192.0.2.200"), answer("wrong", &asked)) {
				t.Fatal("wrong password accepted")
			}
		}
		asked = 0
		if a.KeyboardInteractiveHandler(newCtx("mai", "192.0.2.201"), answer(lanPassword, &asked)) {
			t.Error("right password accepted for a locked account")
		}
		if asked != 0 {
			t.Error("a locked account was still asked for its password")
		}
	})
}

// TestIdentifyNoPermissions: a handler that refuses leaves nothing in the permissions that
// Identify could take for proof.
func TestIdentifyNoPermissions(t *testing.T) {
	f := newFixture(t)
	a := New(f.fake, Options{Logger: log.New(io.Discard)})
	ctx := newCtx("lan", "192.0.2.1")
	// A password handler that failed leaves nothing an Identify could use.
	if a.PasswordHandler(ctx, "wrong") {
		t.Fatal("wrong password accepted")
	}
	if _, ok := ctx.Permissions().Extensions[extLogin]; ok {
		t.Error("a failed password left a login in the permissions")
	}
	// The public key handler refuses a stranger's key for an account name and records nothing.
	ctx = newCtx("lan", "192.0.2.1")
	if a.PublicKeyHandler(ctx, f.guest.PublicKey()) {
		t.Error("a stranger's key accepted for an account name")
	}
	if len(ctx.Permissions().Extensions) != 0 {
		t.Errorf("refused key left %v", ctx.Permissions().Extensions)
	}
}

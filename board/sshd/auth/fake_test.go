package auth

import (
	"context"
	"fmt"
	"net"
	"sort"
	"sync"
	"time"

	"bangtin/board"
	"bangtin/keys"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// fakeAccounts is an in-memory Accounts for the tests.
type fakeAccounts struct {
	mu       sync.Mutex
	accts    map[string]board.Account
	failures []string // "login addr" of LogAuthFailure calls
}

func newFake(accts ...board.Account) *fakeAccounts {
	f := &fakeAccounts{accts: map[string]board.Account{}}
	for _, a := range accts {
		f.accts[a.Login] = a
	}
	return f
}

func (f *fakeAccounts) Account(_ context.Context, login string) (board.Account, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a, ok := f.accts[login]
	if !ok {
		return board.Account{}, fmt.Errorf("account %q: %w", login, board.ErrNotFound)
	}
	return a, nil
}

func (f *fakeAccounts) AccountByKey(_ context.Context, fp string) (board.Account, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, a := range f.accts {
		for _, k := range a.Keys {
			if k.Fingerprint == fp {
				return a, nil
			}
		}
	}
	return board.Account{}, fmt.Errorf("key %s: %w", fp, board.ErrNotFound)
}

func (f *fakeAccounts) HasAdmin(context.Context) (bool, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, a := range f.accts {
		if a.Role == board.RoleAdmin {
			return true, nil
		}
	}
	return false, nil
}

func (f *fakeAccounts) keyOwner(fp string) string {
	for _, a := range f.accts {
		for _, k := range a.Keys {
			if k.Fingerprint == fp {
				return a.Login
			}
		}
	}
	return ""
}

func (f *fakeAccounts) AddAccount(_ context.Context, actor board.Identity, a board.Account) (board.Account, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !actor.Role.CanAdmin() {
		return board.Account{}, board.ErrForbidden
	}
	if !board.ValidLogin(a.Login) {
		return board.Account{}, &board.ValidationError{Field: "login", Problem: board.ProblemFormat}
	}
	if _, ok := f.accts[a.Login]; ok {
		return board.Account{}, board.ErrExists
	}
	for _, k := range a.Keys {
		if f.keyOwner(k.Fingerprint) != "" {
			return board.Account{}, board.ErrExists
		}
	}
	f.accts[a.Login] = a
	return a, nil
}

func (f *fakeAccounts) AddKey(_ context.Context, actor board.Identity, login string, k board.AccountKey) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !actor.Role.CanAdmin() {
		return board.ErrForbidden
	}
	a, ok := f.accts[login]
	if !ok {
		return board.ErrNotFound
	}
	if f.keyOwner(k.Fingerprint) != "" {
		return board.ErrExists
	}
	a.Keys = append(a.Keys, k)
	f.accts[login] = a
	return nil
}

func (f *fakeAccounts) SetRole(_ context.Context, actor board.Identity, login string, r board.Role) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if !actor.Role.CanAdmin() {
		return board.ErrForbidden
	}
	a, ok := f.accts[login]
	if !ok {
		return board.ErrNotFound
	}
	a.Role = r
	f.accts[login] = a
	return nil
}

func (f *fakeAccounts) LogAuthFailure(_ context.Context, login, addr string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.failures = append(f.failures, login+" "+addr)
}

func (f *fakeAccounts) CheckPassword(a board.Account, pw string) bool {
	return a.PasswordHash != "" && keys.CheckPassword(a.PasswordHash, pw)
}

func (f *fakeAccounts) logins() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var ls []string
	for l := range f.accts {
		ls = append(ls, l)
	}
	sort.Strings(ls)
	return ls
}

func (f *fakeAccounts) failureCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.failures)
}

// fakeCtx is an ssh.Context for calling the handlers directly (lockout tests with many IPs).
type fakeCtx struct {
	context.Context
	sync.Mutex
	user   string
	remote net.Addr
	perms  *ssh.Permissions
	values map[any]any
}

func newCtx(user, ip string) *fakeCtx {
	return &fakeCtx{Context: context.Background(), user: user,
		remote: &net.TCPAddr{IP: net.ParseIP(ip), Port: 40000},
		perms:  &ssh.Permissions{Permissions: &gossh.Permissions{}}, values: map[any]any{}}
}

func (c *fakeCtx) User() string          { return c.user }
func (c *fakeCtx) SessionID() string     { return "fake" }
func (c *fakeCtx) ClientVersion() string { return "SSH-2.0-fake" }
func (c *fakeCtx) ServerVersion() string { return "SSH-2.0-fake" }
func (c *fakeCtx) RemoteAddr() net.Addr  { return c.remote }
func (c *fakeCtx) LocalAddr() net.Addr   { return &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 2222} }
func (c *fakeCtx) Permissions() *ssh.Permissions {
	return c.perms
}
func (c *fakeCtx) SetValue(k, v any) { c.values[k] = v }
func (c *fakeCtx) Value(k any) any {
	if v, ok := c.values[k]; ok {
		return v
	}
	return c.Context.Value(k)
}

var _ ssh.Context = (*fakeCtx)(nil)

// clock is a settable time for the lockout.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

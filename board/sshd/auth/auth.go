// Package auth is the SSH authentication of the board: the handlers charm.land/ssh calls during
// the handshake (public key, password, keyboard-interactive), Identify, which turns what the
// handshake proved into a board.Identity, the password lockout, the admin keys given at start
// (EnsureAdmins) and the one-time admin claim. It lives beside the server (board/sshd) because it
// speaks charm.land/ssh; the pure key handling it uses (parsing, fingerprints, host keys, password
// hashing) is package keys, which the TUI and the ssh commands import without linking the server.
package auth

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"sync"
	"time"

	"bangtin/board"
	"bangtin/board/limit"
	"bangtin/keys"

	"charm.land/log/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"
)

// RecommendedMaxAuthTries is the per-connection limit of failed authentication attempts
// board/sshd should set (gossh.ServerConfig.MaxAuthTries). Six is OpenSSH's default: a client with
// several keys in its agent still reaches keyboard-interactive, while password guessing is bounded
// by the per-account and per-IP lockout anyway.
const RecommendedMaxAuthTries = 6

// Errors of the claim and of Identify; each also matches board.ErrForbidden with errors.Is. A
// claim from a session without a key is keys.ErrClaimNeedKey (the ssh commands report it too).
var (
	ErrNoClaim   = fmt.Errorf("no admin claim is open: %w", board.ErrForbidden)
	ErrWrongCode = fmt.Errorf("wrong claim code: %w", board.ErrForbidden)
	ErrLocked    = fmt.Errorf("too many failed attempts, try again later: %w", board.ErrForbidden)
	ErrUnproven  = fmt.Errorf("the session's authentication is inconsistent: %w", board.ErrForbidden)
)

// Accounts is what auth needs of the board's accounts; *board.Board satisfies it.
type Accounts interface {
	Account(ctx context.Context, login string) (board.Account, error)
	AccountByKey(ctx context.Context, fingerprint string) (board.Account, error)
	HasAdmin(ctx context.Context) (bool, error)
	AddAccount(ctx context.Context, actor board.Identity, a board.Account) (board.Account, error)
	AddKey(ctx context.Context, actor board.Identity, login string, k board.AccountKey) error
	SetRole(ctx context.Context, actor board.Identity, login string, r board.Role) error
	LogAuthFailure(ctx context.Context, login, addr string)
	// CheckPassword reports whether pw is a's password (board.Options.Passwords checks it).
	CheckPassword(a board.Account, pw string) bool
}

var _ Accounts = (*board.Board)(nil)

// The defaults of Options.
const (
	DefaultMaxFailures         = 5
	DefaultFailureWindow       = 15 * time.Minute
	DefaultMaxConcurrentChecks = 4
)

// Options configure an Auth. Zero values take the defaults.
type Options struct {
	MaxFailures   int              // failed passwords per account and per IP in FailureWindow; default 5
	FailureWindow time.Duration    // default 15 minutes
	Now           func() time.Time // default time.Now
	Logger        *log.Logger      // default log.Default()
	// MaxConcurrentChecks bounds the argon2id checks running at once (each takes 19 MiB);
	// default 4. Attempts beyond it wait.
	MaxConcurrentChecks int
}

// Auth holds the identity rules. Its handlers decide whether a handshake may succeed and record,
// in the Permissions of the successful method only, how it succeeded; Identify then derives the
// session's identity from those Permissions and the key that actually authenticated.
//
// The rules:
//   - A key registered to an account is that account, whatever login name was typed.
//   - Any other key is a guest identified by its fingerprint, unless the typed login name is an
//     account's: then the key is refused so that the client goes on to the password.
//   - An account's login name without one of its keys needs that account's password (password or
//     keyboard-interactive "Mật khẩu (password):"). An account with no password cannot log in by
//     name without its key: the attempt is refused, not turned into a guest (guests connect under
//     any name that is not an account's, e.g. guest@).
//   - Any other name is a guest without asking anything: keyboard-interactive with no question,
//     or password with whatever is typed (for clients that only do passwords). "none" is not
//     offered: OpenSSH tries it first, so accepting it would make every admin a guest.
//   - At most MaxFailures failed passwords per account and per IP (per /64 for IPv6) in
//     FailureWindow; after that, password attempts are refused without checking, until old
//     failures leave the window. A success does not clear the count. Each failure is logged with
//     the address and sent to Accounts.LogAuthFailure.
//   - Bans are not checked here: a banned key still gets its identity, and the board refuses
//     what it may not do (board/sshd checks IsBanned at connection time).
type Auth struct {
	accts Accounts
	opts  Options
	log   *log.Logger
	// Failures per account and per address (limit.Limiter): apart, so that addresses, which
	// an attacker can multiply, never push an account's failures out of the bounded table.
	acctFails, addrFails *limit.Limiter
	sem                  chan struct{}

	claimMu sync.Mutex
	claim   string // the open claim code, "" when none
}

// New builds the identity rules over the board's accounts.
func New(accts Accounts, opts Options) *Auth {
	opts.MaxFailures = limit.Or(opts.MaxFailures, DefaultMaxFailures)
	opts.FailureWindow = limit.Or(opts.FailureWindow, DefaultFailureWindow)
	opts.MaxConcurrentChecks = limit.Or(opts.MaxConcurrentChecks, DefaultMaxConcurrentChecks)
	if opts.Now == nil {
		opts.Now = time.Now
	}
	l := opts.Logger
	if l == nil {
		l = log.Default()
	}
	lc := limit.Config{Events: opts.MaxFailures, Window: opts.FailureWindow}
	return &Auth{accts: accts, opts: opts, log: l, sem: make(chan struct{}, opts.MaxConcurrentChecks),
		acctFails: limit.New(lc), addrFails: limit.New(lc)}
}

// Options are the server options installing the three handlers (wish.WithPublicKeyAuth,
// wish.WithPasswordAuth, wish.WithKeyboardInteractiveAuth).
func (a *Auth) Options() []ssh.Option {
	return []ssh.Option{
		wish.WithPublicKeyAuth(a.PublicKeyHandler),
		wish.WithPasswordAuth(a.PasswordHandler),
		wish.WithKeyboardInteractiveAuth(a.KeyboardInteractiveHandler),
	}
}

// Permission extensions recorded by the successful handler. charm.land/ssh resets the
// Permissions before every callback and keeps those of the callback that succeeded (for a key:
// of the key whose signature was verified), so these never describe a method that failed.
const (
	extMethod = "bangtin-method" // methodKey, methodPassword or methodGuest
	extLogin  = "bangtin-login"  // the account a password proved
)

const (
	methodKey      = "publickey"
	methodPassword = "password"
	methodGuest    = "guest"
)

func setExt(ctx ssh.Context, k, v string) {
	p := ctx.Permissions()
	if p.Permissions == nil {
		p.Permissions = &gossh.Permissions{}
	}
	if p.Extensions == nil {
		p.Extensions = map[string]string{}
	}
	p.Extensions[k] = v
}

// typedLogin is the account login name the client may have meant: its user name in lower case,
// "" when that cannot be a login.
func typedLogin(user string) string {
	l := strings.ToLower(user)
	if !board.ValidLogin(l) {
		return ""
	}
	return l
}

// account looks the typed name up; found is false for a name that is no account.
func (a *Auth) account(ctx context.Context, user string) (acct board.Account, found bool, err error) {
	login := typedLogin(user)
	if login == "" {
		return board.Account{}, false, nil
	}
	acct, err = a.accts.Account(ctx, login)
	switch {
	case errors.Is(err, board.ErrNotFound):
		return board.Account{}, false, nil
	case err != nil:
		return board.Account{}, false, err
	}
	return acct, true, nil
}

// PublicKeyHandler accepts a key registered to an account, and any other key unless the typed
// login name is an account's. It only approves the key; the identity is decided by Identify.
func (a *Auth) PublicKeyHandler(ctx ssh.Context, key ssh.PublicKey) bool {
	if keys.Acceptable(key) != nil {
		return false
	}
	fp := keys.Fingerprint(key)
	_, err := a.accts.AccountByKey(ctx, fp)
	switch {
	case err == nil:
		setExt(ctx, extMethod, methodKey)
		return true
	case !errors.Is(err, board.ErrNotFound):
		a.log.Error("auth: look up key", "fingerprint", fp, "err", err)
		return false
	}
	_, found, err := a.account(ctx, ctx.User())
	if err != nil {
		a.log.Error("auth: look up account", "user", ctx.User(), "err", err)
		return false
	}
	if found {
		return false // an account's name: its own key or its password
	}
	setExt(ctx, extMethod, methodKey)
	return true
}

// PasswordHandler checks an account's password; any other name is a guest whatever it typed.
func (a *Auth) PasswordHandler(ctx ssh.Context, password string) bool {
	acct, guest, ok := a.byName(ctx)
	if !ok || guest {
		return ok
	}
	if err := a.checkPassword(ctx, acct, password); err != nil {
		return false
	}
	return proved(ctx, acct)
}

// byName starts the password and keyboard-interactive handlers: a name that is no account is a
// guest at once (guest and ok); an account's name goes on to its password (ok only); a failed
// lookup refuses (neither).
func (a *Auth) byName(ctx ssh.Context) (acct board.Account, guest, ok bool) {
	acct, found, err := a.account(ctx, ctx.User())
	switch {
	case err != nil:
		a.log.Error("auth: look up account", "user", ctx.User(), "err", err)
		return acct, false, false
	case !found:
		setExt(ctx, extMethod, methodGuest)
		return acct, true, true
	}
	return acct, false, true
}

// proved records that acct's password was given, and lets the handshake succeed.
func proved(ctx ssh.Context, acct board.Account) bool {
	setExt(ctx, extMethod, methodPassword)
	setExt(ctx, extLogin, acct.Login)
	return true
}

// Prompts of keyboard-interactive, in both languages (the session's language is not known yet).
const (
	promptPassword = "Mật khẩu (password): "
	msgNoPassword  = "Tài khoản này không đăng nhập bằng mật khẩu: hãy dùng khoá SSH của tài khoản, hoặc vào với tên guest.\n" +
		"This account has no password login: use its SSH key, or connect as guest."
	msgLocked = "Quá nhiều lần nhập sai; hãy thử lại sau.\nToo many failed attempts; try again later."
)

// KeyboardInteractiveHandler lets guests in without a question and asks an account's name for
// its password.
func (a *Auth) KeyboardInteractiveHandler(ctx ssh.Context, ch gossh.KeyboardInteractiveChallenge) bool {
	acct, guest, ok := a.byName(ctx)
	if !ok || guest {
		return ok
	}
	if acct.PasswordHash == "" {
		_, _ = ch("", msgNoPassword, nil, nil)
		return false
	}
	if a.locked(acct.Login, remoteAddr(ctx.RemoteAddr())) {
		a.refusedLocked(acct.Login, ctx.RemoteAddr())
		_, _ = ch("", msgLocked, nil, nil)
		return false
	}
	answers, err := ch("", "", []string{promptPassword}, []bool{false})
	if err != nil || len(answers) != 1 {
		return false
	}
	if err := a.checkPassword(ctx, acct, answers[0]); err != nil {
		return false
	}
	return proved(ctx, acct)
}

// checkPassword applies the lockout, then checks the password and records a failure.
func (a *Auth) checkPassword(ctx ssh.Context, acct board.Account, pw string) error {
	if acct.PasswordHash == "" {
		a.log.Info("auth: refused password login to an account without a password", "login", acct.Login, "addr", ctx.RemoteAddr().String())
		return board.ErrForbidden
	}
	ip := remoteAddr(ctx.RemoteAddr())
	if a.locked(acct.Login, ip) {
		a.refusedLocked(acct.Login, ctx.RemoteAddr())
		return ErrLocked
	}
	select {
	case a.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	ok := a.accts.CheckPassword(acct, pw)
	<-a.sem
	if ok {
		return nil
	}
	now := a.opts.Now()
	a.acctFails.Add(now, acct.Login)
	a.addrFails.Add(now, ipKey(ip))
	a.log.Warn("auth: wrong password", "login", acct.Login, "addr", ctx.RemoteAddr().String())
	a.accts.LogAuthFailure(ctx, acct.Login, ip.String())
	return board.ErrForbidden
}

func (a *Auth) refusedLocked(login string, addr net.Addr) {
	a.log.Warn("auth: password attempt refused, too many failures", "login", login, "addr", addr.String())
}

// locked reports whether the account or the address has used up its failures.
func (a *Auth) locked(login string, ip netip.Addr) bool {
	now := a.opts.Now()
	return a.acctFails.Full(now, login) || a.addrFails.Full(now, ipKey(ip))
}

// Identify decides a session's identity after the handshake from what it proved: the key that
// authenticated (the session's PublicKey, which charm.land/ssh takes from the Permissions of the
// verified key, never from a key merely offered) or the account whose password was checked.
// A keyboard-interactive or password guest is a guest identified by IP even if its client
// offered keys before. The login name the client typed never decides anything here.
func (a *Auth) Identify(s ssh.Session) (board.Identity, error) {
	id := board.Identity{Addr: remoteAddr(s.RemoteAddr())}
	var ext map[string]string
	if p := s.Permissions(); p.Permissions != nil {
		ext = p.Extensions
	}
	method := ext[extMethod]
	pk := s.PublicKey()
	ctx := s.Context()
	switch {
	case pk != nil:
		if method != methodKey {
			return id, fmt.Errorf("identify %s: key present after %q: %w", id.Addr, method, ErrUnproven)
		}
		id.Fingerprint = keys.Fingerprint(pk)
		acct, err := a.accts.AccountByKey(ctx, id.Fingerprint)
		switch {
		case errors.Is(err, board.ErrNotFound):
			return id, nil // a guest with a key
		case err != nil:
			return id, fmt.Errorf("identify %s: %w", id.Fingerprint, err)
		}
		return withAccount(id, acct), nil
	case method == methodKey:
		return id, fmt.Errorf("identify %s: key method without a key: %w", id.Addr, ErrUnproven)
	case method == methodPassword:
		login := ext[extLogin]
		acct, err := a.accts.Account(ctx, login)
		if err != nil {
			return id, fmt.Errorf("identify %s: account %q: %w", id.Addr, login, err)
		}
		return withAccount(id, acct), nil
	}
	return id, nil // a guest without a key
}

func withAccount(id board.Identity, acct board.Account) board.Identity {
	id.Login = acct.Login
	id.Name = acct.Name
	id.Role = acct.Role
	return id
}

// remoteAddr is the IP address of a connection's remote end (IPv4-mapped addresses unmapped).
func remoteAddr(addr net.Addr) netip.Addr {
	if addr == nil {
		return netip.Addr{}
	}
	if t, ok := addr.(*net.TCPAddr); ok {
		ap := t.AddrPort()
		return ap.Addr().Unmap()
	}
	if ap, err := netip.ParseAddrPort(addr.String()); err == nil {
		return ap.Addr().Unmap()
	}
	if ip, err := netip.ParseAddr(addr.String()); err == nil {
		return ip.Unmap()
	}
	return netip.Addr{}
}

// ipKey is the lockout key of an address: the address for IPv4, its /64 for IPv6 (one host
// usually has a whole /64).
func ipKey(ip netip.Addr) string {
	if ip.Is6() {
		if p, err := ip.Prefix(64); err == nil {
			return p.String()
		}
	}
	return ip.String()
}

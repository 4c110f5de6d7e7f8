package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"strings"

	"bangtin/board"
	"bangtin/board/text"
	"bangtin/keys"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// EnsureAdmins makes each key an admin at start (--admin-key, BANGTIN_ADMIN_KEYS): a key that
// belongs to an account makes that account an admin; any other key gets a new admin account,
// named from the key's comment ("lan@laptop" gives "lan") when that is a free login, else
// "admin", "admin2", ... Changes are made as board.System (and audited by the board).
func (a *Auth) EnsureAdmins(ctx context.Context, ks []board.AccountKey) error {
	for _, k := range ks {
		acct, err := a.accts.AccountByKey(ctx, k.Fingerprint)
		switch {
		case err == nil:
			if acct.Role == board.RoleAdmin {
				continue
			}
			if err := a.accts.SetRole(ctx, board.System, acct.Login, board.RoleAdmin); err != nil {
				return fmt.Errorf("admin key %s: make %q admin: %w", k.Fingerprint, acct.Login, err)
			}
			a.log.Info("admin key: account made admin", "login", acct.Login, "fingerprint", k.Fingerprint)
		case errors.Is(err, board.ErrNotFound):
			comment := keyComment(k.Line)
			acct, err := a.addAdmin(ctx, k, comment, loginFromComment(comment))
			if err != nil {
				return fmt.Errorf("admin key %s: %w", k.Fingerprint, err)
			}
			a.log.Info("admin key: admin account created", "login", acct.Login, "fingerprint", k.Fingerprint)
		default:
			return fmt.Errorf("admin key %s: %w", k.Fingerprint, err)
		}
	}
	return nil
}

// addAdmin creates an admin account holding key k, under the first free login of preferred,
// "admin", "admin2", ... "admin99".
func (a *Auth) addAdmin(ctx context.Context, k board.AccountKey, name, preferred string) (board.Account, error) {
	candidates := []string{preferred, "admin"}
	for i := 2; i < 100; i++ {
		candidates = append(candidates, fmt.Sprintf("admin%d", i))
	}
	for _, login := range candidates {
		if login == "" || !board.ValidLogin(login) {
			continue
		}
		if _, err := a.accts.Account(ctx, login); err == nil {
			continue
		} else if !errors.Is(err, board.ErrNotFound) {
			return board.Account{}, err
		}
		n := name
		if n == "" {
			n = login
		}
		acct, err := a.accts.AddAccount(ctx, board.System, board.Account{Login: login, Name: n, Role: board.RoleAdmin, Keys: []board.AccountKey{k}})
		if errors.Is(err, board.ErrExists) {
			// The login was taken meanwhile, or the key belongs to someone now: look again.
			if other, kerr := a.accts.AccountByKey(ctx, k.Fingerprint); kerr == nil {
				return other, fmt.Errorf("key already belongs to %q: %w", other.Login, board.ErrExists)
			}
			continue
		}
		if err != nil {
			return board.Account{}, fmt.Errorf("add admin %q: %w", login, err)
		}
		// A store that ignores Account.Keys on creation gets the key added separately.
		if _, err := a.accts.AccountByKey(ctx, k.Fingerprint); errors.Is(err, board.ErrNotFound) {
			if err := a.accts.AddKey(ctx, board.System, acct.Login, k); err != nil {
				return board.Account{}, fmt.Errorf("add key to admin %q: %w", login, err)
			}
			acct.Keys = []board.AccountKey{k}
		}
		return acct, nil
	}
	return board.Account{}, fmt.Errorf("add admin: no free login: %w", board.ErrExists)
}

// keyComment is the comment of a stored authorized_keys line (after the type and the key).
func keyComment(line string) string {
	f := strings.Fields(line)
	if len(f) < 3 {
		return ""
	}
	return text.Line(strings.Join(f[2:], " "))
}

// loginFromComment makes a login from a key comment: "Lan@laptop" gives "lan"; "" if it cannot.
func loginFromComment(c string) string {
	c, _, _ = strings.Cut(c, "@")
	var b strings.Builder
	for _, r := range text.Fold(c) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			b.WriteRune(r)
		}
	}
	l := strings.TrimLeft(b.String(), "._-")
	if len(l) > 32 {
		l = l[:32]
	}
	if !board.ValidLogin(l) {
		return ""
	}
	return l
}

// claimAlphabet has no 0/O, 1/I/L: the code is read off a console and typed.
const claimAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// NewClaimCode opens the admin claim when the board has no admin: a random code (about 49 bits,
// "XXXXX-XXXXX") to print on the server's console. It lives in memory only and works once;
// asking again returns the same open code. ok is false when an admin exists.
func (a *Auth) NewClaimCode(ctx context.Context) (code string, ok bool, err error) {
	has, err := a.accts.HasAdmin(ctx)
	if err != nil {
		return "", false, fmt.Errorf("claim code: %w", err)
	}
	if has {
		return "", false, nil
	}
	a.claimMu.Lock()
	defer a.claimMu.Unlock()
	if a.claim == "" {
		c, err := newCode(10)
		if err != nil {
			return "", false, fmt.Errorf("claim code: %w", err)
		}
		a.claim = c
	}
	return a.claim[:5] + "-" + a.claim[5:], true, nil
}

// newCode draws n characters of claimAlphabet uniformly (rejection sampling).
func newCode(n int) (string, error) {
	limit := 256 - 256%len(claimAlphabet)
	out := make([]byte, 0, n)
	var buf [16]byte
	for len(out) < n {
		if _, err := rand.Read(buf[:]); err != nil {
			return "", err
		}
		for _, x := range buf {
			if int(x) < limit && len(out) < n {
				out = append(out, claimAlphabet[int(x)%len(claimAlphabet)])
			}
		}
	}
	return string(out), nil
}

// normalCode removes the dashes and spaces of a typed code and upper-cases it.
func normalCode(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '-' || r == ' ':
			return -1
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		}
		return r
	}, s)
}

// Claim uses the open claim code to make the session's authenticated key an admin: the key's
// account becomes an admin, or a new admin account is made for it (named after the typed login
// name when that is a free login, else "admin", "admin2", ...). The session must have
// authenticated with a key (keys.ErrClaimNeedKey); a wrong code is ErrWrongCode and counts as a failure
// of the address for the lockout (ErrLocked after MaxFailures); with no open claim, or once an
// admin exists, ErrNoClaim. On success the code is spent.
func (a *Auth) Claim(ctx context.Context, code string, s ssh.Session) (board.Account, error) {
	id, err := a.Identify(s)
	if err != nil {
		return board.Account{}, fmt.Errorf("claim: %w", err)
	}
	pk := s.PublicKey()
	if id.Fingerprint == "" || pk == nil {
		return board.Account{}, keys.ErrClaimNeedKey
	}
	a.claimMu.Lock()
	defer a.claimMu.Unlock()
	if a.claim == "" {
		return board.Account{}, ErrNoClaim
	}
	now := a.opts.Now()
	ipk := ipKey(id.Addr)
	if a.addrFails.Full(now, ipk) {
		a.log.Warn("claim: refused, too many failures", "addr", id.Addr.String())
		return board.Account{}, ErrLocked
	}
	if subtle.ConstantTimeCompare([]byte(normalCode(code)), []byte(a.claim)) != 1 {
		a.addrFails.Add(now, ipk)
		a.log.Warn("claim: wrong code", "addr", id.Addr.String(), "fingerprint", id.Fingerprint)
		a.accts.LogAuthFailure(ctx, "claim", id.Addr.String())
		return board.Account{}, ErrWrongCode
	}
	has, err := a.accts.HasAdmin(ctx)
	if err != nil {
		return board.Account{}, fmt.Errorf("claim: %w", err)
	}
	if has {
		a.claim = ""
		return board.Account{}, ErrNoClaim
	}
	var acct board.Account
	if id.Login != "" {
		if err := a.accts.SetRole(ctx, board.System, id.Login, board.RoleAdmin); err != nil {
			return board.Account{}, fmt.Errorf("claim: make %q admin: %w", id.Login, err)
		}
		if acct, err = a.accts.Account(ctx, id.Login); err != nil {
			return board.Account{}, fmt.Errorf("claim: %w", err)
		}
	} else {
		if err := keys.Acceptable(pk); err != nil {
			return board.Account{}, fmt.Errorf("claim: %w", err)
		}
		k := board.AccountKey{Fingerprint: id.Fingerprint, Type: pk.Type(),
			Line: strings.TrimSuffix(string(gossh.MarshalAuthorizedKey(pk)), "\n") + " claimed"}
		if acct, err = a.addAdmin(ctx, k, "", typedLogin(s.User())); err != nil {
			return board.Account{}, fmt.Errorf("claim: %w", err)
		}
	}
	a.claim = ""
	a.log.Info("claim: admin claimed", "login", acct.Login, "fingerprint", id.Fingerprint, "addr", id.Addr.String())
	return acct, nil
}

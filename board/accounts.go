package board

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// --- accounts (package keys decides identities; the board stores accounts) ---

func (b *Board) Account(ctx context.Context, login string) (Account, error) {
	var a Account
	err := b.view(ctx, func(tx Tx) error {
		var err error
		a, err = tx.Account(login)
		return err
	})
	if err != nil {
		return Account{}, fmt.Errorf("account %q: %w", login, err)
	}
	return a, nil
}

func (b *Board) AccountByKey(ctx context.Context, fingerprint string) (Account, error) {
	byKey, err := b.accountsByKey(ctx)
	if err != nil {
		return Account{}, fmt.Errorf("account of key %s: %w", fingerprint, err)
	}
	a, ok := byKey[fingerprint]
	if !ok {
		return Account{}, fmt.Errorf("account of key %s: %w", fingerprint, ErrNotFound)
	}
	a.Keys = slices.Clone(a.Keys)
	return a, nil
}

// accountsByKey returns the cached accounts by key fingerprint, loading them if a change dropped
// them. The map is never modified once stored.
func (b *Board) accountsByKey(ctx context.Context) (map[string]Account, error) {
	if m := b.byKey.Load(); m != nil {
		return *m, nil
	}
	b.accountsMu.Lock()
	defer b.accountsMu.Unlock()
	if m := b.byKey.Load(); m != nil {
		return *m, nil
	}
	m := map[string]Account{}
	err := b.view(ctx, func(tx Tx) error {
		as, err := tx.Accounts()
		for _, a := range as {
			for _, k := range a.Keys {
				m[k.Fingerprint] = a
			}
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	b.byKey.Store(&m)
	return m, nil
}

// accountsChanged drops the cache of accounts by key; call it after a change committed.
func (b *Board) accountsChanged() {
	b.accountsMu.Lock()
	b.byKey.Store(nil)
	b.accountsMu.Unlock()
}

func (b *Board) Accounts(ctx context.Context, actor Identity) ([]Account, error) {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin(), "account.list"); err != nil {
		return nil, err
	}
	var as []Account
	err := b.view(ctx, func(tx Tx) error {
		var err error
		as, err = tx.Accounts()
		return err
	})
	return as, err
}

// HasAdmin reports whether any admin account exists.
func (b *Board) HasAdmin(ctx context.Context) (bool, error) {
	var n int
	err := b.view(ctx, func(tx Tx) error {
		var err error
		n, err = admins(tx)
		return err
	})
	return n > 0, err
}

func admins(tx Tx) (int, error) {
	as, err := tx.Accounts()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, a := range as {
		if a.Role == RoleAdmin {
			n++
		}
	}
	return n, nil
}

func cleanKey(k AccountKey) (AccountKey, error) {
	fp := strings.TrimSpace(k.Fingerprint)
	if !strings.HasPrefix(fp, "SHA256:") || len(fp) > 100 || strings.ContainsAny(fp, " \t\n\x00") {
		return k, &ValidationError{Field: "key", Problem: ProblemFormat}
	}
	line, err := clean(fieldSpec{name: "key", max: 16 << 10, bytes: true}, k.Line)
	if err != nil {
		return k, err
	}
	typ, err := clean(fieldSpec{name: "key", max: 100}, k.Type)
	if err != nil {
		return k, err
	}
	return AccountKey{Fingerprint: fp, Type: typ, Line: line}, nil
}

// AddAccount creates an account (admins). The login is checked, the name cleaned (the login if
// empty); each key must not belong to another account (ErrExists).
func (b *Board) AddAccount(ctx context.Context, actor Identity, a Account) (Account, error) {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin(), AuditAccountAdd); err != nil {
		return Account{}, err
	}
	if err := checkLogin(a.Login); err != nil {
		return Account{}, err
	}
	name, err := clean(fieldSpec{name: "name", max: MaxAccountName}, a.Name)
	if err != nil {
		return Account{}, err
	}
	if name == "" {
		name = a.Login
	}
	if a.Role > RoleAdmin {
		return Account{}, &ValidationError{Field: "role", Problem: ProblemUnknown}
	}
	keys := make([]AccountKey, 0, len(a.Keys))
	for _, k := range a.Keys {
		ck, err := cleanKey(k)
		if err != nil {
			return Account{}, err
		}
		if !slices.ContainsFunc(keys, func(o AccountKey) bool { return o.Fingerprint == ck.Fingerprint }) {
			keys = append(keys, ck)
		}
	}
	acc := Account{Login: a.Login, Name: name, Role: a.Role, Keys: keys, PasswordHash: a.PasswordHash, CreatedAt: b.now()}
	defer b.accountsChanged()
	err = b.update(ctx, func(tx Tx) error {
		if _, err := tx.Account(acc.Login); err == nil {
			return fmt.Errorf("account %q: %w", acc.Login, ErrExists)
		}
		if err := tx.PutAccount(acc); err != nil {
			return err
		}
		return b.audit(tx, actor, AuditAccountAdd, "account:"+acc.Login, "", acc.Role.String())
	})
	if err != nil {
		return Account{}, fmt.Errorf("add account %q: %w", a.Login, err)
	}
	return acc, nil
}

// changeAccount loads an account, applies change and stores it, auditing kind.
func (b *Board) changeAccount(ctx context.Context, actor Identity, login, kind, detail string, change func(tx Tx, a *Account) error) error {
	defer b.accountsChanged()
	return b.update(ctx, func(tx Tx) error {
		a, err := tx.Account(login)
		if err != nil {
			return fmt.Errorf("account %q: %w", login, err)
		}
		if err := change(tx, &a); err != nil {
			return err
		}
		if err := tx.PutAccount(a); err != nil {
			return err
		}
		return b.audit(tx, actor, kind, "account:"+login, "", detail)
	})
}

func (b *Board) RemoveAccount(ctx context.Context, actor Identity, login string) error {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin(), AuditAccountRemove); err != nil {
		return err
	}
	defer b.accountsChanged()
	return b.update(ctx, func(tx Tx) error {
		a, err := tx.Account(login)
		if err != nil {
			return fmt.Errorf("account %q: %w", login, err)
		}
		if a.Role == RoleAdmin {
			n, err := admins(tx)
			if err != nil {
				return err
			}
			if n <= 1 {
				return fmt.Errorf("remove account %q: %w", login, ErrLastAdmin)
			}
		}
		if err := tx.DeleteAccount(login); err != nil {
			return err
		}
		return b.audit(tx, actor, AuditAccountRemove, "account:"+login, "", a.Role.String())
	})
}

func (b *Board) SetRole(ctx context.Context, actor Identity, login string, r Role) error {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin(), AuditAccountRole); err != nil {
		return err
	}
	if r > RoleAdmin {
		return &ValidationError{Field: "role", Problem: ProblemUnknown}
	}
	return b.changeAccount(ctx, actor, login, AuditAccountRole, r.String(), func(tx Tx, a *Account) error {
		if a.Role == RoleAdmin && r != RoleAdmin {
			n, err := admins(tx)
			if err != nil {
				return err
			}
			if n <= 1 {
				return fmt.Errorf("demote %q: %w", login, ErrLastAdmin)
			}
		}
		a.Role = r
		return nil
	})
}

// RenameAccount changes an account's display name (admins, or the account itself).
func (b *Board) RenameAccount(ctx context.Context, actor Identity, login, name string) error {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin() || (actor.Login != "" && actor.Login == login), AuditAccountRename); err != nil {
		return err
	}
	name, err := clean(fieldSpec{name: "name", min: 1, max: MaxAccountName}, name)
	if err != nil {
		return err
	}
	return b.changeAccount(ctx, actor, login, AuditAccountRename, name, func(tx Tx, a *Account) error {
		a.Name = name
		return nil
	})
}

// AddKey registers a key to an account (ErrExists if another account has it).
func (b *Board) AddKey(ctx context.Context, actor Identity, login string, k AccountKey) error {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin(), AuditAccountKeyAdd); err != nil {
		return err
	}
	k, err := cleanKey(k)
	if err != nil {
		return err
	}
	return b.changeAccount(ctx, actor, login, AuditAccountKeyAdd, k.Fingerprint, func(tx Tx, a *Account) error {
		if slices.ContainsFunc(a.Keys, func(o AccountKey) bool { return o.Fingerprint == k.Fingerprint }) {
			return fmt.Errorf("key %s: %w", k.Fingerprint, ErrExists)
		}
		a.Keys = append(a.Keys, k)
		return nil
	})
}

func (b *Board) RemoveKey(ctx context.Context, actor Identity, login, fingerprint string) error {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin(), AuditAccountKeyDel); err != nil {
		return err
	}
	return b.changeAccount(ctx, actor, login, AuditAccountKeyDel, fingerprint, func(tx Tx, a *Account) error {
		i := slices.IndexFunc(a.Keys, func(o AccountKey) bool { return o.Fingerprint == fingerprint })
		if i < 0 {
			return fmt.Errorf("key %s: %w", fingerprint, ErrNotFound)
		}
		a.Keys = slices.Delete(a.Keys, i, i+1)
		return nil
	})
}

// SetPassword sets an account's password ("" clears it): admins, or the account itself. The
// permission is checked before the password is hashed (with Options.Passwords), so a refused
// attempt costs no hashing; a password the hasher refuses is its *ValidationError. Only the hash
// is stored, and the change is audited (never the password).
func (b *Board) SetPassword(ctx context.Context, actor Identity, login, password string) error {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin() || (actor.Login != "" && actor.Login == login), AuditAccountPassword); err != nil {
		return err
	}
	hash := ""
	if password != "" {
		if b.opts.Passwords == nil {
			return fmt.Errorf("set password: %w", ErrNoPasswords)
		}
		var err error
		if hash, err = b.opts.Passwords.Hash(password); err != nil {
			return err
		}
	}
	return b.SetPasswordHash(ctx, actor, login, hash)
}

// CheckPassword reports whether password is a's password. An account without a password, or a
// board without Options.Passwords, matches nothing. The check is slow on purpose (argon2id):
// callers bound how many run at once.
func (b *Board) CheckPassword(a Account, password string) bool {
	if a.PasswordHash == "" || b.opts.Passwords == nil {
		return false
	}
	return b.opts.Passwords.Check(a.PasswordHash, password)
}

// SetPasswordHash stores a hash made by package keys ("" clears the password). Admins, or the
// account itself.
func (b *Board) SetPasswordHash(ctx context.Context, actor Identity, login, hash string) error {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin() || (actor.Login != "" && actor.Login == login), AuditAccountPassword); err != nil {
		return err
	}
	if strings.ContainsAny(hash, "\x00\n") || len(hash) > 1024 {
		return &ValidationError{Field: "password", Problem: ProblemFormat}
	}
	detail := "set"
	if hash == "" {
		detail = "cleared"
	}
	return b.changeAccount(ctx, actor, login, AuditAccountPassword, detail, func(tx Tx, a *Account) error {
		a.PasswordHash = hash
		return nil
	})
}

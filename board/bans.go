package board

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
)

func (b *Board) banned(fp string, addr netip.Addr) *BanError {
	now := b.now()
	addr = addr.Unmap()
	b.mu.RLock()
	defer b.mu.RUnlock()
	for _, ban := range b.bans {
		if !ban.ExpiresAt.IsZero() && !now.Before(ban.ExpiresAt) {
			continue
		}
		if (ban.Fingerprint != "" && ban.Fingerprint == fp) ||
			(ban.Prefix.IsValid() && addr.IsValid() && ban.Prefix.Contains(addr)) {
			return &BanError{Reason: ban.Reason, Expires: ban.ExpiresAt}
		}
	}
	return nil
}

func (b *Board) AddBan(ctx context.Context, actor Identity, in BanInput) (Ban, error) {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin(), AuditBanAdd); err != nil {
		return Ban{}, err
	}
	ban := Ban{By: actor.Actor(), CreatedAt: b.now()}
	fp := strings.TrimSpace(in.Fingerprint)
	addr := strings.TrimSpace(in.Addr)
	switch {
	case fp != "" && addr != "":
		return Ban{}, &ValidationError{Field: "addr", Problem: ProblemFormat}
	case fp != "":
		c, err := clean(fieldSpec{name: "key", min: 8, max: 100}, fp)
		if err != nil {
			return Ban{}, err
		}
		if !strings.HasPrefix(c, "SHA256:") || strings.ContainsAny(c, " \t") {
			return Ban{}, &ValidationError{Field: "key", Problem: ProblemFormat}
		}
		ban.Fingerprint = c
	case addr != "":
		p, err := parsePrefix(addr)
		if err != nil {
			return Ban{}, err
		}
		ban.Prefix = p
	default:
		return Ban{}, &ValidationError{Field: "addr", Problem: ProblemRequired}
	}
	if in.For < 0 {
		return Ban{}, &ValidationError{Field: "for", Problem: ProblemFormat}
	}
	if in.For > 0 {
		ban.ExpiresAt = ban.CreatedAt.Add(in.For)
	}
	reason, err := cleanReason(in.Reason)
	if err != nil {
		return Ban{}, err
	}
	ban.Reason = reason
	tmpl := ban
	err = b.update(ctx, func(tx Tx) error {
		// The store may run this more than once: start from the template every time.
		nb := tmpl
		if err := tx.PutBan(&nb); err != nil {
			return err
		}
		target := "key:" + nb.Fingerprint
		if nb.Prefix.IsValid() {
			target = "addr:" + nb.Prefix.String()
		}
		if err := b.audit(tx, actor, AuditBanAdd, fmt.Sprintf("ban:%d", nb.ID), reason, target); err != nil {
			return err
		}
		ban = nb
		return nil
	})
	if err != nil {
		return Ban{}, err
	}
	return ban, b.reloadCaches(ctx)
}

func parsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, &ValidationError{Field: "addr", Problem: ProblemFormat}
		}
		if p.Addr().Is4In6() {
			p = netip.PrefixFrom(p.Addr().Unmap(), max(p.Bits()-96, 0))
		}
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, &ValidationError{Field: "addr", Problem: ProblemFormat}
	}
	a = a.Unmap().WithZone("")
	return netip.PrefixFrom(a, a.BitLen()), nil
}

func (b *Board) Bans(ctx context.Context, actor Identity) ([]Ban, error) {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin(), "ban.list"); err != nil {
		return nil, err
	}
	var bans []Ban
	err := b.view(ctx, func(tx Tx) error {
		var err error
		bans, err = tx.Bans()
		return err
	})
	return bans, err
}

func (b *Board) RemoveBan(ctx context.Context, actor Identity, id uint64) error {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin(), AuditBanRemove); err != nil {
		return err
	}
	err := b.update(ctx, func(tx Tx) error {
		all, err := tx.Bans()
		if err != nil {
			return err
		}
		found := false
		for _, x := range all {
			if x.ID == id {
				found = true
			}
		}
		if !found {
			return fmt.Errorf("ban %d: %w", id, ErrNotFound)
		}
		if err := tx.DeleteBan(id); err != nil {
			return err
		}
		return b.audit(tx, actor, AuditBanRemove, fmt.Sprintf("ban:%d", id), "", "")
	})
	if err != nil {
		return err
	}
	return b.reloadCaches(ctx)
}

// IsBanned is the check the SSH server makes at connection time (key or address). addr may be an
// address or address:port.
func (b *Board) IsBanned(ctx context.Context, fingerprint string, addr string) (*BanError, error) {
	var a netip.Addr
	if addr != "" {
		if ap, err := netip.ParseAddrPort(addr); err == nil {
			a = ap.Addr()
		} else if pa, err := netip.ParseAddr(addr); err == nil {
			a = pa
		} else {
			return nil, &ValidationError{Field: "addr", Problem: ProblemFormat}
		}
	}
	return b.banned(fingerprint, a), nil
}

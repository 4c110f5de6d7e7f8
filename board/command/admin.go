package command

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
	"bangtin/keys"
)

// --- bans ---

func (r *runner) banCmd() *cobra.Command {
	c := r.command("ban", i18n.CmdShortBan)
	need(c, board.RoleAdmin)

	var key, addr, forStr, reason string
	add := r.command("add (--key FINGERPRINT | --ip ADDR_OR_CIDR) [--for DURATION] [--reason R]", i18n.CmdShortBanAdd, i18n.CmdLongBanAdd)
	r.stringFlag(add, &key, "key", "FINGERPRINT", i18n.CmdFlagBanKey)
	r.stringFlag(add, &addr, "ip", "ADDR_OR_CIDR", i18n.CmdFlagBanIP)
	r.stringFlag(add, &forStr, "for", "DURATION", i18n.CmdFlagBanFor)
	r.stringFlag(add, &reason, "reason", "R", i18n.CmdFlagReason)
	add.RunE = r.run(0, 0, func(c *cobra.Command, _ []string) error {
		if (key == "") == (addr == "") {
			return r.usagef(i18n.CmdBanKeyOrIP, c.CommandPath())
		}
		var d time.Duration
		if forStr != "" {
			var err error
			if d, err = parseDuration(forStr); err != nil {
				return r.usagef(i18n.CmdBadFlagValue, text.Line(forStr), "for")
			}
		}
		b, err := r.env.Board.AddBan(r.ctx, r.env.Identity, board.BanInput{Fingerprint: key, Addr: addr, For: d, Reason: reason})
		if err != nil {
			return fmt.Errorf("add ban: %w", err)
		}
		return r.out(r.banJSON(b), func(w io.Writer) {
			fmt.Fprintln(w, r.t(i18n.CmdBanAdded, b.ID))
		})
	})

	list := r.command("list", i18n.CmdShortBanList)
	list.RunE = r.run(0, 0, func(*cobra.Command, []string) error {
		bans, err := r.env.Board.Bans(r.ctx, r.env.Identity)
		if err != nil {
			return fmt.Errorf("list bans: %w", err)
		}
		out := jsonList(bans, r.banJSON)
		return outList(r, out, i18n.CmdNoBans, func(w io.Writer) {
			tb := newTable("ID", r.t(i18n.CmdLabelTarget), r.t(i18n.FieldReason), r.t(i18n.CmdLabelBy),
				r.t(i18n.CmdLabelCreated), r.t(i18n.CmdLabelExpires)).limit(2, 40).alignRight(0)
			for i, b := range out {
				target := b.Fingerprint
				if target == "" {
					target = b.Addr
				}
				expires := r.t(i18n.CmdNever)
				if !bans[i].ExpiresAt.IsZero() {
					expires = r.when(bans[i].ExpiresAt)
				}
				tb.add(strconv.FormatUint(b.ID, 10), target, b.Reason, b.By, r.when(bans[i].CreatedAt), expires)
			}
			tb.write(w)
		})
	})

	remove := r.command("remove ID", i18n.CmdShortBanRemove)
	remove.RunE = r.run(1, 1, func(_ *cobra.Command, args []string) error {
		id, err := r.parseID(args[0])
		if err != nil {
			return err
		}
		if err := r.env.Board.RemoveBan(r.ctx, r.env.Identity, id); err != nil {
			return fmt.Errorf("remove ban %d: %w", id, err)
		}
		return r.out(idJSON{ID: id}, func(w io.Writer) { fmt.Fprintln(w, r.t(i18n.CmdBanRemoved, id)) })
	})
	c.AddCommand(add, list, remove)
	return c
}

// parseDuration reads a Go duration ("90m", "12h") or a number of days ("7d").
func parseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil || days < 0 || days > 100*366 {
			return 0, fmt.Errorf("parse duration %q: %w", s, board.ErrInvalid)
		}
		return time.Duration(days) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("parse duration %q: %w", s, err)
	}
	if d < 0 {
		return 0, fmt.Errorf("parse duration %q: %w", s, board.ErrInvalid)
	}
	return d, nil
}

// --- accounts ---

func (r *runner) userCmd() *cobra.Command {
	c := r.command("user", i18n.CmdShortUser)
	need(c, board.RoleAdmin)
	c.AddCommand(r.userAddCmd(), r.userListCmd(), r.userRemoveCmd(), r.userRoleCmd(), r.userRenameCmd(),
		r.userKeyCmd(), r.userPasswdCmd())
	return c
}

// parseKeys parses authorized_keys lines or RFC 4716 blocks; "-" reads them from stdin (one per
// line, # comments).
func (r *runner) parseKeys(lines []string) ([]board.AccountKey, error) {
	var all []string
	for _, l := range lines {
		if strings.TrimSpace(l) != "-" {
			all = append(all, l)
			continue
		}
		in, err := r.readInput("key", maxKeyInput, maxKeyInput)
		if err != nil {
			return nil, err
		}
		// One key a line, or an RFC 4716 block (PuTTYgen's "Save public key") over several.
		all = append(all, keys.SplitAuthorizedKeys(in)...)
	}
	out := make([]board.AccountKey, 0, len(all))
	for _, l := range all {
		_, k, err := keys.ParseAuthorizedKey(l)
		if err != nil {
			var ve *board.ValidationError
			if errors.As(err, &ve) {
				return nil, err
			}
			return nil, fmt.Errorf("parse key: %w", &board.ValidationError{Field: "key", Problem: board.ProblemFormat})
		}
		out = append(out, k)
	}
	return out, nil
}

func (r *runner) userAddCmd() *cobra.Command {
	var (
		role, name string
		keyLines   []string
	)
	c := r.command(`add LOGIN --role admin|editor|staff [--name DISPLAY] [--key "AUTHORIZED_KEY_LINE"]...`, i18n.CmdShortUserAdd, i18n.CmdLongUserAdd)
	r.stringFlag(c, &role, "role", "ROLE", i18n.CmdFlagRole)
	r.stringFlag(c, &name, "name", "DISPLAY", i18n.CmdFlagDisplayName)
	c.Flags().StringArrayVar(&keyLines, "key", nil, r.t(i18n.CmdFlagKey))
	annotate(c.Flags(), "key", "LINE")
	c.RunE = r.run(1, 1, func(c *cobra.Command, args []string) error {
		if !c.Flags().Changed("role") {
			return r.usagef(i18n.CmdRequiredFlag, "--role", c.CommandPath())
		}
		rl, err := board.ParseRole(role)
		if err != nil || rl == board.RoleGuest {
			return r.usagef(i18n.CmdBadFlagValue, text.Line(role), "role")
		}
		ks, err := r.parseKeys(keyLines)
		if err != nil {
			return err
		}
		a, err := r.env.Board.AddAccount(r.ctx, r.env.Identity, board.Account{Login: args[0], Name: name, Role: rl, Keys: ks})
		if err != nil {
			return fmt.Errorf("add account: %w", err)
		}
		return r.out(r.accountJSON(a), func(w io.Writer) {
			fmt.Fprintln(w, r.t(i18n.CmdUserAdded, text.Line(a.Login), r.roleName(a.Role)))
		})
	})
	return c
}

func (r *runner) userListCmd() *cobra.Command {
	c := r.command("list", i18n.CmdShortUserList)
	c.RunE = r.run(0, 0, func(*cobra.Command, []string) error {
		accts, err := r.env.Board.Accounts(r.ctx, r.env.Identity)
		if err != nil {
			return fmt.Errorf("list accounts: %w", err)
		}
		out := jsonList(accts, r.accountJSON)
		return r.out(out, func(w io.Writer) {
			tb := newTable(r.t(i18n.FieldLogin), r.t(i18n.FieldName), r.t(i18n.FieldRole), r.t(i18n.CmdLabelKeys),
				r.t(i18n.FieldPassword), r.t(i18n.CmdLabelCreated)).limit(1, 30).alignRight(3)
			for i, a := range out {
				pw := r.t(i18n.CmdNo)
				if a.Password {
					pw = r.t(i18n.CmdYes)
				}
				tb.add(a.Login, a.Name, r.roleName(accts[i].Role), strconv.Itoa(len(a.Keys)), pw, r.when(accts[i].CreatedAt))
			}
			tb.write(w)
			keys := newTable(r.t(i18n.FieldLogin), r.t(i18n.CmdLabelKeyType), r.t(i18n.CmdLabelFingerprint))
			for _, a := range out {
				for _, k := range a.Keys {
					keys.add(a.Login, k.Type, k.Fingerprint)
				}
			}
			if len(keys.rows) > 0 {
				fmt.Fprintln(w)
				keys.write(w)
			}
		})
	})
	return c
}

func (r *runner) userRemoveCmd() *cobra.Command {
	c := r.command("remove LOGIN", i18n.CmdShortUserRemove)
	c.RunE = r.run(1, 1, func(_ *cobra.Command, args []string) error {
		if err := r.env.Board.RemoveAccount(r.ctx, r.env.Identity, args[0]); err != nil {
			return fmt.Errorf("remove account: %w", err)
		}
		return r.done(args[0], i18n.CmdUserRemoved)
	})
	return c
}

// done prints the confirmation of an account change.
func (r *runner) done(login string, key i18n.Key) error {
	l := text.Line(login)
	return r.out(loginJSON{Login: l}, func(w io.Writer) { fmt.Fprintln(w, r.t(key, l)) })
}

func (r *runner) userRoleCmd() *cobra.Command {
	c := r.command("role LOGIN admin|editor|staff", i18n.CmdShortUserRole)
	c.RunE = r.run(2, 2, func(c *cobra.Command, args []string) error {
		rl, err := board.ParseRole(args[1])
		if err != nil || rl == board.RoleGuest {
			return r.usagef(i18n.CmdBadRole, text.Line(args[1]), c.CommandPath())
		}
		if err := r.env.Board.SetRole(r.ctx, r.env.Identity, args[0], rl); err != nil {
			return fmt.Errorf("set role: %w", err)
		}
		return r.done(args[0], i18n.CmdUserChanged)
	})
	return c
}

func (r *runner) userRenameCmd() *cobra.Command {
	c := r.command("rename LOGIN DISPLAY_NAME...", i18n.CmdShortUserRename)
	c.RunE = r.run(2, -1, func(_ *cobra.Command, args []string) error {
		if err := r.env.Board.RenameAccount(r.ctx, r.env.Identity, args[0], strings.Join(args[1:], " ")); err != nil {
			return fmt.Errorf("rename account: %w", err)
		}
		return r.done(args[0], i18n.CmdUserChanged)
	})
	return c
}

func (r *runner) userKeyCmd() *cobra.Command {
	c := r.command("key", i18n.CmdShortUserKey)
	add := r.command("add LOGIN (AUTHORIZED_KEY_LINE | -)", i18n.CmdShortUserKeyAdd, i18n.CmdLongUserKeyAdd)
	add.RunE = r.run(1, -1, func(_ *cobra.Command, args []string) error {
		line := unmarkDashes(args[1:]) // the ssh command line splits a key line at its spaces
		if line == "" {
			line = "-"
		}
		ks, err := r.parseKeys([]string{line})
		if err != nil {
			return err
		}
		if len(ks) == 0 {
			return &board.ValidationError{Field: "key", Problem: board.ProblemRequired}
		}
		for _, k := range ks {
			if err := r.env.Board.AddKey(r.ctx, r.env.Identity, args[0], k); err != nil {
				return fmt.Errorf("add key: %w", err)
			}
		}
		return r.done(args[0], i18n.CmdUserChanged)
	})
	remove := r.command("remove LOGIN (FINGERPRINT | AUTHORIZED_KEY_LINE)", i18n.CmdShortUserKeyRemove)
	remove.RunE = r.run(2, -1, func(_ *cobra.Command, args []string) error {
		fp := strings.TrimSpace(unmarkDashes(args[1:]))
		if !strings.HasPrefix(fp, "SHA256:") {
			ks, err := r.parseKeys([]string{fp})
			if err != nil {
				return err
			}
			fp = ks[0].Fingerprint
		}
		if err := r.env.Board.RemoveKey(r.ctx, r.env.Identity, args[0], fp); err != nil {
			return fmt.Errorf("remove key: %w", err)
		}
		return r.done(args[0], i18n.CmdUserChanged)
	})
	c.AddCommand(add, remove)
	return c
}

func (r *runner) userPasswdCmd() *cobra.Command {
	var clear bool
	c := r.command("passwd LOGIN [--clear] < PASSWORD", i18n.CmdShortUserPasswd, i18n.CmdLongUserPasswd)
	r.boolFlag(c, &clear, "clear", i18n.CmdFlagClearPassword)
	c.RunE = r.run(1, 1, func(_ *cobra.Command, args []string) error {
		login := args[0]
		if _, err := r.env.Board.Account(r.ctx, login); err != nil {
			return fmt.Errorf("account: %w", err)
		}
		pw := ""
		if !clear {
			var err error
			pw, err = r.readInput("password", maxPasswordLen, maxPasswordLen)
			if err != nil {
				return err
			}
			// One line: the newline that ends it (echo, a here-string) is not part of it.
			pw, _, _ = strings.Cut(pw, "\n")
			pw = strings.TrimSuffix(pw, "\r")
			if pw == "" {
				return &board.ValidationError{Field: "password", Problem: board.ProblemRequired}
			}
		}
		if err := r.env.Board.SetPassword(r.ctx, r.env.Identity, login, pw); err != nil {
			return fmt.Errorf("set password: %w", err)
		}
		return r.done(login, i18n.CmdUserChanged)
	})
	return c
}

// --- audit, backup, claim ---

func (r *runner) auditCmd() *cobra.Command {
	var (
		limit       int
		kind, actor string
	)
	c := r.command("audit [--limit N] [--kind K] [--actor A]", i18n.CmdShortAudit)
	need(c, board.RoleAdmin)
	r.intFlag(c, &limit, "limit", defaultLimit, i18n.CmdFlagLimit)
	r.stringFlag(c, &kind, "kind", "K", i18n.CmdFlagKind)
	r.stringFlag(c, &actor, "actor", "A", i18n.CmdFlagActor)
	c.RunE = r.run(0, 0, func(*cobra.Command, []string) error {
		if err := r.positive("limit", limit); err != nil {
			return err
		}
		entries, err := r.env.Board.Audit(r.ctx, r.env.Identity, board.AuditQuery{Kind: kind, Actor: actor, Limit: min(limit, maxLimit)})
		if err != nil {
			return fmt.Errorf("audit: %w", err)
		}
		out := jsonList(entries, r.auditJSON)
		return outList(r, out, i18n.CmdNoAudit, func(w io.Writer) {
			tb := newTable("ID", r.t(i18n.CmdLabelAt), r.t(i18n.CmdLabelActor), r.t(i18n.CmdLabelKind),
				r.t(i18n.CmdLabelTarget), r.t(i18n.FieldReason)).limit(2, 24).limit(4, 24).limit(5, 40).alignRight(0)
			for i, e := range out {
				reason := e.Reason
				if e.Detail != "" {
					reason = strings.TrimSpace(reason + " " + e.Detail)
				}
				tb.add(strconv.FormatUint(e.ID, 10), r.when(entries[i].At), e.Actor, e.Kind, e.Target, reason)
			}
			tb.write(w)
		})
	})
	return c
}

func (r *runner) backupCmd() *cobra.Command {
	c := r.command("backup > FILE", i18n.CmdShortBackup, i18n.CmdLongBackup)
	need(c, board.RoleAdmin)
	c.RunE = r.run(0, 0, func(*cobra.Command, []string) error {
		if _, err := r.env.Board.Backup(r.ctx, r.env.Identity, r.stdout); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
		return nil
	})
	return c
}

func (r *runner) adminCmd() *cobra.Command {
	c := r.command("admin", i18n.CmdShortAdmin)
	claim := r.command("claim CODE", i18n.CmdShortAdminClaim, i18n.CmdLongAdminClaim)
	claim.RunE = r.run(1, 1, func(_ *cobra.Command, args []string) error {
		var err error
		if r.env.Claim == nil {
			err = keys.ErrClaimNeedKey
		} else {
			err = r.env.Claim(r.ctx, args[0])
		}
		switch {
		case errors.Is(err, keys.ErrClaimNeedKey):
			_ = r.deny("admin claim")
			return &exitError{code: ExitDenied, msg: r.t(i18n.CmdClaimNeedsKey)}
		case errors.Is(err, board.ErrForbidden), errors.Is(err, board.ErrNotFound), errors.Is(err, board.ErrInvalid):
			return r.deny("admin claim") // a wrong code, or no claim open: the same answer
		case err != nil:
			return fmt.Errorf("admin claim: %w", err)
		}
		return r.out(okJSON{OK: true}, func(w io.Writer) { fmt.Fprintln(w, r.t(i18n.CmdClaimed)) })
	})
	c.AddCommand(claim)
	return c
}

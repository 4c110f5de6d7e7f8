package tui

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
	"bangtin/keys"
)

// wPasswordMin is the shortest password the users page accepts.
const wPasswordMin = 8

// wRoles are the roles an account can have, in the order the form offers them.
var wRoles = []board.Role{board.RoleStaff, board.RoleEditor, board.RoleAdmin}

// Forms of the users page.
const (
	wuNone = iota
	wuAdd
	wuRole
	wuPassword
)

// wUsers manages accounts: roles, key fingerprints, adding and removing accounts and keys,
// passwords.
type wUsers struct {
	c        *Common
	accounts []board.Account
	cur      wCursor
	detail   bool    // the selected account shown whole, with its keys
	keyCur   wCursor // the selected key in the detail view
	loaded   bool
	busy     bool
	prompt   *wPrompt
	form     *wFieldForm
	formKind int
	formOf   string // login the form is about
	err      string
	notice   string
}

type wUsersMsg struct {
	p        *wUsers
	accounts []board.Account
	notice   string
	sel      string
	err      error
	keep     bool // the error belongs to the open form
}

func newWUsers(c *Common) *wUsers { return &wUsers{c: c} }

func (p *wUsers) Init() tea.Cmd { return p.do("", "", nil) }

// do runs a change (if any) and reloads the accounts, selecting sel.
func (p *wUsers) do(notice, sel string, f func(ctx context.Context) error) tea.Cmd {
	if p.busy {
		return nil
	}
	p.busy, p.err, p.notice = true, "", ""
	b, actor := p.c.Board, p.c.Identity
	return wCall(p.c, func(ctx context.Context) tea.Msg {
		if f != nil {
			if err := f(ctx); err != nil {
				return wUsersMsg{p: p, err: err, keep: true}
			}
		}
		as, err := b.Accounts(ctx, actor)
		return wUsersMsg{p: p, accounts: as, notice: notice, sel: sel, err: err}
	})
}

func (p *wUsers) Capturing() bool { return p.prompt != nil || p.form != nil || p.detail }

func (p *wUsers) current() (board.Account, bool) {
	if p.cur.pos < len(p.accounts) {
		return p.accounts[p.cur.pos], true
	}
	return board.Account{}, false
}

func (p *wUsers) openAdd() {
	f := &wFieldForm{title: p.c.T(i18n.TWUserAddHeading), submit: p.c.T(i18n.TWKeyAdd)}
	f.addInput(p.c, i18n.Field(p.c.Lang, "login"), "", 32).Placeholder = "lan.nguyen"
	f.addInput(p.c, i18n.Field(p.c.Lang, "name"), "", 80)
	f.addChoice(i18n.Field(p.c.Lang, "role"), wRoleNames(p.c), 0)
	f.setFocus(0)
	p.form, p.formKind, p.formOf = f, wuAdd, ""
}

func wRoleNames(c *Common) []string {
	var out []string
	for _, r := range wRoles {
		out = append(out, i18n.Role(c.Lang, r))
	}
	return out
}

func (p *wUsers) openRole(a board.Account) {
	f := &wFieldForm{title: p.c.T(i18n.TWUserRoleHeading, a.Login), submit: p.c.T(i18n.TWSave)}
	choice := 0
	for i, r := range wRoles {
		if r == a.Role {
			choice = i
		}
	}
	f.addChoice(i18n.Field(p.c.Lang, "role"), wRoleNames(p.c), choice)
	f.setFocus(0)
	p.form, p.formKind, p.formOf = f, wuRole, a.Login
}

func (p *wUsers) openPassword(a board.Account) {
	f := &wFieldForm{title: p.c.T(i18n.TWUserPwHeading, a.Login), submit: p.c.T(i18n.TWSave)}
	for _, label := range []string{i18n.Field(p.c.Lang, "password"), p.c.T(i18n.TWUserPwAgain)} {
		in := f.addInput(p.c, label, "", 200)
		in.EchoMode = textinput.EchoPassword
		in.EchoCharacter = '•'
	}
	f.setFocus(0)
	p.form, p.formKind, p.formOf = f, wuPassword, a.Login
}

// submit runs the open form.
func (p *wUsers) submit() tea.Cmd {
	f := p.form
	f.clearErrs()
	b, actor, login := p.c.Board, p.c.Identity, p.formOf
	switch p.formKind {
	case wuAdd:
		a := board.Account{Login: strings.ToLower(strings.TrimSpace(f.value(0))), Name: text.Line(f.value(1)), Role: wRoles[f.rows[2].choice]}
		return p.do(p.c.T(i18n.TWUserAdded, a.Login), a.Login, func(ctx context.Context) error {
			_, err := b.AddAccount(ctx, actor, a)
			return err
		})
	case wuRole:
		r := wRoles[f.rows[0].choice]
		return p.do(p.c.T(i18n.TWUserRoleSet, login, i18n.Role(p.c.Lang, r)), login, func(ctx context.Context) error {
			return b.SetRole(ctx, actor, login, r)
		})
	case wuPassword:
		pw, again := f.value(0), f.value(1)
		switch {
		case utf8.RuneCountInString(pw) < wPasswordMin:
			f.rows[0].err = p.c.ErrText(&board.ValidationError{Field: "password", Problem: board.ProblemTooShort, Min: wPasswordMin})
			return nil
		case pw != again:
			f.rows[1].err = p.c.T(i18n.TWUserPwMismatch)
			return nil
		}
		if wHashPassword == nil {
			f.err = p.c.T(i18n.TWUnavailable)
			return nil
		}
		// Forget the typed password in the form at once; only its hash leaves this page.
		f.rows[0].input.SetValue("")
		f.rows[1].input.SetValue("")
		return p.do(p.c.T(i18n.TWUserPwSet, login), login, func(ctx context.Context) error {
			hash, err := wHashPassword(pw)
			if err != nil {
				return fmt.Errorf("hash password: %w", err)
			}
			return b.SetPasswordHash(ctx, actor, login, hash)
		})
	}
	return nil
}

// askKey asks for an authorized_keys line to add to account a.
func (p *wUsers) askKey(a board.Account) {
	b, actor := p.c.Board, p.c.Identity
	p.prompt = newWAsk(p.c, p.c.T(i18n.TWUserKeyAsk, a.Login), "", 16<<10, func(line string) tea.Cmd {
		if wParseKey == nil {
			p.err = p.c.T(i18n.TWUnavailable)
			return nil
		}
		k, err := wParseKey(strings.TrimSpace(line))
		if err != nil {
			p.err = p.c.T(i18n.TWUserKeyBad)
			return nil
		}
		return p.do(p.c.T(i18n.TWUserKeyAdded, text.Line(k.Fingerprint), a.Login), a.Login, func(ctx context.Context) error {
			return b.AddKey(ctx, actor, a.Login, k)
		})
	})
}

func (p *wUsers) Update(msg tea.Msg) (Page, tea.Cmd) {
	if m, ok := msg.(wUsersMsg); ok {
		if m.p != p {
			return p, nil
		}
		p.busy, p.loaded = false, true
		if m.err != nil {
			wShowErr(p.c, m.err, m.keep, p.form, &p.err)
			return p, nil
		}
		p.accounts, p.notice, p.form = m.accounts, m.notice, nil
		for i, a := range p.accounts {
			if a.Login == m.sel {
				p.cur.pos = i
			}
		}
		if _, ok := p.current(); !ok {
			p.detail = false
		}
		return p, nil
	}
	if _, ok := msg.(LangMsg); ok && p.form != nil {
		old, kind := p.form, p.formKind
		a, _ := p.current()
		for _, x := range p.accounts {
			if x.Login == p.formOf {
				a = x
			}
		}
		switch kind {
		case wuAdd:
			p.openAdd()
		case wuRole:
			p.openRole(a)
		case wuPassword:
			p.openPassword(a)
		}
		p.form.carry(old)
		return p, nil
	}
	if p.form != nil {
		submit, cancel, cmd := p.form.update(msg)
		switch {
		case cancel:
			p.form = nil
		case submit && !p.busy:
			return p, p.submit()
		}
		return p, cmd
	}
	if p.prompt != nil {
		return p, wAnswer(&p.prompt, msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || p.busy {
		return p, nil
	}
	_, h := wSize(p.c)
	a, has := p.current()
	b, actor := p.c.Board, p.c.Identity
	if p.detail {
		if p.keyCur.key(k, len(a.Keys), 5) {
			return p, nil
		}
		switch k.String() {
		case "esc", "q", "backspace":
			p.detail = false
			return p, nil
		case "d", "x", "delete":
			if p.keyCur.pos < len(a.Keys) {
				fp := a.Keys[p.keyCur.pos].Fingerprint
				p.prompt = newWConfirm(p.c.T(i18n.TWUserKeyRemoveAsk, text.Line(fp), a.Login), func(string) tea.Cmd {
					return p.do(p.c.T(i18n.TWUserKeyRemoved, a.Login), a.Login, func(ctx context.Context) error {
						return b.RemoveKey(ctx, actor, a.Login, fp)
					})
				})
			}
			return p, nil
		}
	} else {
		if p.cur.key(k, len(p.accounts), h-5) {
			return p, nil
		}
		switch k.String() {
		case "esc", "q":
			return p, wBack("")
		case "enter":
			p.detail, p.keyCur = has, wCursor{}
			return p, nil
		case "a":
			p.openAdd()
			return p, nil
		case "d", "x", "delete":
			if has {
				p.prompt = newWConfirm(p.c.T(i18n.TWUserRemoveAsk, a.Login), func(string) tea.Cmd {
					return p.do(p.c.T(i18n.TWUserRemoved, a.Login), "", func(ctx context.Context) error {
						return b.RemoveAccount(ctx, actor, a.Login)
					})
				})
			}
			return p, nil
		}
	}
	if !has {
		return p, nil
	}
	switch k.String() {
	case "r":
		p.openRole(a)
	case "p":
		p.openPassword(a)
	case "K", "+":
		p.askKey(a)
	case "n":
		p.prompt = newWAsk(p.c, p.c.T(i18n.TWUserRenameAsk, a.Login), text.Line(a.Name), 80, func(name string) tea.Cmd {
			name = text.Line(name)
			return p.do(p.c.T(i18n.TWUserRenamed, a.Login), a.Login, func(ctx context.Context) error {
				return b.RenameAccount(ctx, actor, a.Login, name)
			})
		})
	}
	return p, nil
}

func (p *wUsers) View() string {
	w, h := wSize(p.c)
	if p.form != nil {
		lines := p.form.view(p.c, p.c.Styles, w)
		if p.busy {
			lines = append(lines, p.c.Styles.Muted.Render(Cut(p.c.T(i18n.TWSaving), w)))
		}
		return wFit(lines, h)
	}
	foot := wFoot(p.c, p.c.Styles, w, p.prompt, p.err, p.notice, p.busy)
	if a, ok := p.current(); ok && p.detail {
		return wFit(wFill(p.viewDetail(a, w), foot, h), h)
	}
	lines := []string{p.c.Styles.Title.Render(Cut(p.c.T(i18n.TWUserHeading, len(p.accounts)), w)), ""}
	lines = append(lines, p.c.Styles.Muted.Render(Fit("  "+Fit(i18n.Field(p.c.Lang, "login"), 15)+Fit(i18n.Field(p.c.Lang, "name"), 23)+
		Fit(i18n.Field(p.c.Lang, "role"), 15)+p.c.T(i18n.TWUserKeys), w)))
	from, to := p.cur.window(len(p.accounts), h-len(lines)-len(foot))
	for i := from; i < to; i++ {
		a := p.accounts[i]
		extra := p.c.T(i18n.TWUserKeyCount, len(a.Keys))
		if a.PasswordHash != "" {
			extra += " · " + p.c.T(i18n.TWUserHasPw)
		}
		l := wMarker(i == p.cur.pos) + " " + Fit(text.Line(a.Login), 14) + " " + Fit(text.Line(a.Name), 22) + " " +
			Fit(i18n.Role(p.c.Lang, a.Role), 14) + " "
		l += Cut(extra, w-text.Width(l))
		if i == p.cur.pos {
			l = p.c.Styles.Selected.Render(Fit(l, w))
		}
		lines = append(lines, l)
	}
	return wFit(wFill(lines, foot, h), h)
}

func (p *wUsers) viewDetail(a board.Account, w int) []string {
	field := func(label, v string) string { return p.c.Styles.FieldLabel.Render(Fit(label, 15)) + Cut(v, w-15) }
	pw := p.c.T(i18n.TWUserNoPw)
	if a.PasswordHash != "" {
		pw = p.c.T(i18n.TWUserHasPw)
	}
	lines := []string{
		p.c.Styles.Title.Render(Cut(p.c.T(i18n.TWUserDetailHeading, a.Login), w)), "",
		field(i18n.Field(p.c.Lang, "login"), a.Login),
		field(i18n.Field(p.c.Lang, "name"), a.Name),
		field(i18n.Field(p.c.Lang, "role"), i18n.Role(p.c.Lang, a.Role)),
		field(i18n.Field(p.c.Lang, "password"), pw),
		field(p.c.T(i18n.TWUserCreated), p.c.DateTime(a.CreatedAt)),
		"", p.c.Styles.Title.Render(Cut(p.c.T(i18n.TWUserKeysHeading, len(a.Keys)), w)),
	}
	if len(a.Keys) == 0 {
		lines = append(lines, p.c.Styles.Muted.Render(Cut(p.c.T(i18n.TWUserNoKeys), w)))
	}
	for i, k := range a.Keys {
		l := wMarker(i == p.keyCur.pos) + " " + Fit(text.Line(k.Type), 20) + " " + Cut(k.Fingerprint, w-23)
		if i == p.keyCur.pos {
			l = p.c.Styles.Selected.Render(Fit(l, w))
		}
		lines = append(lines, l)
	}
	return lines
}

func (p *wUsers) ShortHelp() []key.Binding {
	l := p.c.Lang
	del := i18n.T(l, i18n.TWKeyRemoveAccount)
	if p.detail {
		del = i18n.T(l, i18n.TWKeyRemoveKey)
	}
	return []key.Binding{
		wKey([]string{"a"}, "a", i18n.T(l, i18n.TWKeyAdd)),
		wKey([]string{"r"}, "r", i18n.T(l, i18n.TWKeyRole)),
		wKey([]string{"K"}, "K", i18n.T(l, i18n.TWKeyAddKey)),
		wKey([]string{"p"}, "p", i18n.T(l, i18n.TWKeyPassword)),
		wKey([]string{"d"}, "d", del),
		wKey([]string{"enter"}, "enter", i18n.T(l, i18n.TUIKeyOpen)),
	}
}

func (p *wUsers) FullHelp() [][]key.Binding {
	l := p.c.Lang
	return [][]key.Binding{p.ShortHelp(), {
		wKey([]string{"n"}, "n", i18n.T(l, i18n.TWKeyRename)),
		wKey([]string{"esc"}, "esc", i18n.T(l, i18n.TUIKeyBack)),
	}}
}

// wParseKey and wHashPassword are package keys' ParseAuthorizedKey and HashPassword (variables
// so that a test can count calls).
var (
	wParseKey = func(line string) (board.AccountKey, error) {
		_, k, err := keys.ParseAuthorizedKey(line)
		return k, err
	}
	wHashPassword = keys.HashPassword
)

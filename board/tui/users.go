package tui

import (
	"context"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
	"bangtin/board/tui/component"
	"bangtin/keys"
)

// passwordMin is the shortest password the users page accepts.
const passwordMin = 8

// accountRoles are the roles an account can have, in the order the forms offer them.
var accountRoles = []board.Role{board.RoleStaff, board.RoleEditor, board.RoleAdmin}

// usersPage manages accounts: the list (a listPage), an account opened whole with its keys
// (userPage), and forms of their own to add an account, change a role, set a password.
type usersPage struct {
	*listPage[board.Account]
}

func newUsersPage(c *Common) *usersPage {
	p := &usersPage{}
	b, actor := c.Board, c.Identity
	p.listPage = &listPage[board.Account]{
		c:       c,
		rowH:    1,
		heading: func(n int) string { return c.T(i18n.TWUserHeading, n) },
		header: func(w int) []string {
			return []string{c.Styles.Muted.Render(Fit("  "+Fit(i18n.Field(c.Lang, "login"), 15)+Fit(i18n.Field(c.Lang, "name"), 23)+
				Fit(i18n.Field(c.Lang, "role"), 15)+c.T(i18n.TWUserKeys), w))}
		},
		load: func(ctx context.Context) ([]board.Account, error) { return b.Accounts(ctx, actor) },
		same: func(x, y board.Account) bool { return x.Login == y.Login },
		row:  p.row,
		act:  p.act,
	}
	return p
}

// Update is the list's, keeping the page itself (with its own help) in the stack.
func (p *usersPage) Update(msg tea.Msg) (Page, tea.Cmd) {
	_, cmd := p.listPage.Update(msg)
	return p, cmd
}

// current is the selected account.
func (p *usersPage) current() (board.Account, bool) {
	if a := p.selected(); a != nil {
		return *a, true
	}
	return board.Account{}, false
}

// account is the account login as last loaded.
func (p *usersPage) account(login string) (board.Account, bool) {
	for _, a := range p.items {
		if a.Login == login {
			return a, true
		}
	}
	return board.Account{}, false
}

func roleNames(c *Common) []string {
	var out []string
	for _, r := range accountRoles {
		out = append(out, i18n.Role(c.Lang, r))
	}
	return out
}

// addPage is the form that adds an account.
func (p *usersPage) addPage() Page {
	c := p.c
	build := func() *component.Form {
		f := c.form(c.T(i18n.TWUserAddHeading), c.T(i18n.TWKeyAdd))
		f.AddInput(c.Styles.Widgets, i18n.Field(c.Lang, "login"), "", 32).Placeholder = "lan.nguyen"
		f.AddInput(c.Styles.Widgets, i18n.Field(c.Lang, "name"), "", board.MaxAccountName)
		f.AddChoice(i18n.Field(c.Lang, "role"), roleNames(c), 0)
		f.Focus(0)
		return f
	}
	return newFieldPage(c, build, func(fp *fieldPage) tea.Cmd {
		f := fp.form
		a := board.Account{Login: strings.ToLower(strings.TrimSpace(f.Value(0))), Name: Line(f.Value(1)), Role: accountRoles[f.Rows[2].Choice]}
		b, actor := c.Board, c.Identity
		p.want = func(x board.Account) bool { return x.Login == a.Login }
		return fp.do(c.T(i18n.TWUserAdded, a.Login), func(ctx context.Context) error {
			_, err := b.AddAccount(ctx, actor, a)
			return err
		})
	})
}

// rolePage is the form that changes the role of a.
func (p *usersPage) rolePage(a board.Account) Page {
	c := p.c
	build := func() *component.Form {
		f := c.form(c.T(i18n.TWUserRoleHeading, a.Login), c.T(i18n.TWSave))
		choice := 0
		for i, r := range accountRoles {
			if r == a.Role {
				choice = i
			}
		}
		f.AddChoice(i18n.Field(c.Lang, "role"), roleNames(c), choice)
		f.Focus(0)
		return f
	}
	return newFieldPage(c, build, func(fp *fieldPage) tea.Cmd {
		r := accountRoles[fp.form.Rows[0].Choice]
		b, actor := c.Board, c.Identity
		return fp.do(c.T(i18n.TWUserRoleSet, a.Login, i18n.Role(c.Lang, r)), func(ctx context.Context) error {
			return b.SetRole(ctx, actor, a.Login, r)
		})
	})
}

// passwordPage is the form that sets the password of a (typed twice).
func (p *usersPage) passwordPage(a board.Account) Page {
	c := p.c
	build := func() *component.Form {
		f := c.form(c.T(i18n.TWUserPwHeading, a.Login), c.T(i18n.TWSave))
		for _, label := range []string{i18n.Field(c.Lang, "password"), c.T(i18n.TWUserPwAgain)} {
			in := f.AddInput(c.Styles.Widgets, label, "", 200)
			in.EchoMode = textinput.EchoPassword
			in.EchoCharacter = '•'
		}
		f.Focus(0)
		return f
	}
	return newFieldPage(c, build, func(fp *fieldPage) tea.Cmd {
		f := fp.form
		pw, again := f.Value(0), f.Value(1)
		switch {
		case utf8.RuneCountInString(pw) < passwordMin:
			f.Rows[0].Err = c.ErrText(&board.ValidationError{Field: "password", Problem: board.ProblemTooShort, Min: passwordMin})
			return nil
		case pw != again:
			f.Rows[1].Err = c.T(i18n.TWUserPwMismatch)
			return nil
		}
		// Forget the typed password in the form at once.
		f.Rows[0].Input.SetValue("")
		f.Rows[1].Input.SetValue("")
		b, actor := c.Board, c.Identity
		return fp.do(c.T(i18n.TWUserPwSet, a.Login), func(ctx context.Context) error {
			return b.SetPassword(ctx, actor, a.Login, pw)
		})
	})
}

// askKey asks for an authorized_keys line to add to account a.
func (p *usersPage) askKey(a board.Account, prompt **component.Prompt) {
	c, b, actor := p.c, p.c.Board, p.c.Identity
	*prompt = c.Ask(c.T(i18n.TWUserKeyAsk, a.Login), "", 16<<10, func(line string) tea.Cmd {
		_, k, err := keys.ParseAuthorizedKey(strings.TrimSpace(line))
		if err != nil {
			p.err = c.T(i18n.TWUserKeyBad)
			return nil
		}
		return p.do(c.T(i18n.TWUserKeyAdded, Line(k.Fingerprint), a.Login), func(ctx context.Context) error {
			return b.AddKey(ctx, actor, a.Login, k)
		})
	})
}

// rename asks for a's new display name.
func (p *usersPage) rename(a board.Account, prompt **component.Prompt) {
	c, b, actor := p.c, p.c.Board, p.c.Identity
	*prompt = c.Ask(c.T(i18n.TWUserRenameAsk, a.Login), Line(a.Name), board.MaxAccountName, func(name string) tea.Cmd {
		name = Line(name)
		return p.do(c.T(i18n.TWUserRenamed, a.Login), func(ctx context.Context) error {
			return b.RenameAccount(ctx, actor, a.Login, name)
		})
	})
}

// accountKey handles the keys an account's row and its page share; it reports whether it used
// the key.
func (p *usersPage) accountKey(m tea.KeyPressMsg, a board.Account, prompt **component.Prompt) (tea.Cmd, bool) {
	k := p.c.Keys
	switch {
	case key.Matches(m, k.Role):
		return open(p.rolePage(a)), true
	case key.Matches(m, k.Password):
		return open(p.passwordPage(a)), true
	case key.Matches(m, k.AddKey):
		p.askKey(a, prompt)
		return nil, true
	case key.Matches(m, k.Rename):
		p.rename(a, prompt)
		return nil, true
	}
	return nil, false
}

// act handles the list's keys on the selected account (a nil: the list is empty).
func (p *usersPage) act(_ *listPage[board.Account], m tea.KeyPressMsg, a *board.Account) (tea.Cmd, bool) {
	c, k := p.c, p.c.Keys
	switch {
	case key.Matches(m, k.Add):
		return open(p.addPage()), true
	case a == nil:
		return nil, false
	case key.Matches(m, k.OpenItem):
		return open(&userPage{list: p, login: a.Login}), true
	case key.Matches(m, k.RemoveAccount):
		login, b, actor := a.Login, c.Board, c.Identity
		p.prompt = c.Confirm(c.T(i18n.TWUserRemoveAsk, login), func(string) tea.Cmd {
			return p.do(c.T(i18n.TWUserRemoved, login), func(ctx context.Context) error {
				return b.RemoveAccount(ctx, actor, login)
			})
		})
		return nil, true
	}
	return p.accountKey(m, *a, &p.prompt)
}

// row is account a's line in the list.
func (p *usersPage) row(_ int, a board.Account, selected bool, w int) []string {
	c := p.c
	extra := c.T(i18n.TWUserKeyCount, len(a.Keys))
	if a.PasswordHash != "" {
		extra += " · " + c.T(i18n.TWUserHasPw)
	}
	l := component.Marker(selected) + " " + Fit(Line(a.Login), 14) + " " + Fit(Line(a.Name), 22) + " " +
		Fit(i18n.Role(c.Lang, a.Role), 14) + " "
	l += Cut(extra, w-text.Width(l))
	return []string{listRow(c, l, selected, w)}
}

func (p *usersPage) ShortHelp() []key.Binding {
	if p.prompt != nil {
		return promptHelp(p.c, p.prompt)
	}
	k := p.c.Keys
	return []key.Binding{k.Add, k.Role, k.AddKey, k.Password, k.RemoveAccount, k.OpenItem}
}

func (p *usersPage) FullHelp() [][]key.Binding {
	k := p.c.Keys
	return [][]key.Binding{p.ShortHelp(), {k.Rename, k.Close}}
}

// userPage is one account whole, with its keys; d removes the selected key.
type userPage struct {
	list   *usersPage
	login  string
	keyCur component.Cursor
	prompt *component.Prompt
}

func (p *userPage) Init() tea.Cmd { return nil }

func (p *userPage) Capturing() bool { return p.prompt != nil }

func (p *userPage) Update(msg tea.Msg) (Page, tea.Cmd) {
	if p.prompt != nil {
		return p, component.Answer(&p.prompt, &p.list.c.Keys.KeyMap, msg)
	}
	m, ok := msg.(tea.KeyPressMsg)
	if !ok || p.list.busy {
		return p, nil
	}
	c, k := p.list.c, p.list.c.Keys
	a, has := p.list.account(p.login)
	if !has {
		if key.Matches(m, k.Close) {
			return p, back("")
		}
		return p, nil
	}
	if p.keyCur.Key(&k.KeyMap, m, len(a.Keys), 5) {
		return p, nil
	}
	switch {
	case key.Matches(m, k.Close):
		return p, back("")
	case key.Matches(m, k.RemoveKey):
		if p.keyCur.Pos < len(a.Keys) {
			fp := a.Keys[p.keyCur.Pos].Fingerprint
			b, actor, list := c.Board, c.Identity, p.list
			p.prompt = c.Confirm(c.T(i18n.TWUserKeyRemoveAsk, Line(fp), a.Login), func(string) tea.Cmd {
				return list.do(c.T(i18n.TWUserKeyRemoved, a.Login), func(ctx context.Context) error {
					return b.RemoveKey(ctx, actor, a.Login, fp)
				})
			})
		}
		return p, nil
	}
	cmd, _ := p.list.accountKey(m, a, &p.prompt)
	return p, cmd
}

func (p *userPage) View() string {
	l := p.list
	c, s := l.c, l.c.Styles
	w, h := c.Size()
	f := foot(c, w, p.prompt, l.err, l.notice, l.busy)
	a, _ := l.account(p.login)
	field := func(label, v string) string { return s.FieldLabel.Render(Fit(label, 15)) + Cut(v, w-15) }
	pw := c.T(i18n.TWUserNoPw)
	if a.PasswordHash != "" {
		pw = c.T(i18n.TWUserHasPw)
	}
	lines := []string{
		s.Title.Render(Cut(c.T(i18n.TWUserDetailHeading, p.login), w)), "",
		field(i18n.Field(c.Lang, "login"), a.Login),
		field(i18n.Field(c.Lang, "name"), a.Name),
		field(i18n.Field(c.Lang, "role"), i18n.Role(c.Lang, a.Role)),
		field(i18n.Field(c.Lang, "password"), pw),
		field(c.T(i18n.TWUserCreated), c.DateTime(a.CreatedAt)),
		"", s.Title.Render(Cut(c.T(i18n.TWUserKeysHeading, len(a.Keys)), w)),
	}
	if len(a.Keys) == 0 {
		lines = append(lines, s.Muted.Render(Cut(c.T(i18n.TWUserNoKeys), w)))
	}
	p.keyCur.Pos = min(p.keyCur.Pos, max(0, len(a.Keys)-1))
	for i, k := range a.Keys {
		l := component.Marker(i == p.keyCur.Pos) + " " + Fit(Line(k.Type), 20) + " " + Cut(k.Fingerprint, w-23)
		if i == p.keyCur.Pos {
			l = s.Selected.Render(Fit(l, w))
		}
		lines = append(lines, l)
	}
	return component.Clip(component.Bottom(lines, f, h), h)
}

func (p *userPage) ShortHelp() []key.Binding {
	if p.prompt != nil {
		return promptHelp(p.list.c, p.prompt)
	}
	k := p.list.c.Keys
	return []key.Binding{k.AddKey, k.RemoveKey, k.Role, k.Password, k.Rename, k.Close}
}

func (p *userPage) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

// TextFocused reports whether keys go into a text field (TextFocuser).
func (p *userPage) TextFocused() bool { return inputPrompt(p.prompt) }

package tui

import (
	"context"
	"crypto/ed25519"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/i18n"
	"bangtin/keys"
)

// wKeyLine is a real authorized_keys line made from a fixed seed, and its fingerprint.
func wKeyLine(t *testing.T, seed byte, comment string) (string, string) {
	t.Helper()
	priv := ed25519.NewKeyFromSeed([]byte(strings.Repeat(string(rune('a'+seed)), 32)))
	pub, err := gossh.NewPublicKey(priv.Public())
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pub))) + " " + comment
	return line, gossh.FingerprintSHA256(pub)
}

func wAccount(t *testing.T, b *board.Board, login string) board.Account {
	t.Helper()
	a, err := b.Account(context.Background(), login)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestWUsersGolden(t *testing.T) {
	b, _ := wBoard(t)
	a := wCommon(b, boardtest.Admin)
	d := wDrive(t, NewUsers(a))
	wGolden(t, a, "w_users", d.view())
	d.keys("enter")
	wGolden(t, a, "w_users_detail", d.view())
}

func TestWUsersFlow(t *testing.T) {
	b, _ := wBoard(t)
	a := wCommon(b, boardtest.Admin)
	d := wDrive(t, NewUsers(a))

	// Add an account: login, name, role.
	d.keys("a", "lan.nguyen", "tab", "Nguyễn Thị Lan", "tab", "right", "ctrl+s")
	lan := wAccount(t, b, "lan.nguyen")
	if lan.Name != "Nguyễn Thị Lan" || lan.Role != board.RoleEditor {
		t.Fatalf("added: %+v", lan)
	}
	u := d.p.(*usersPage)
	if cur, _ := u.current(); cur.Login != "lan.nguyen" {
		t.Fatalf("selection on %q, want the new account", cur.Login)
	}

	// Change the role.
	d.keys("r", "right", "ctrl+s")
	if r := wAccount(t, b, "lan.nguyen").Role; r != board.RoleAdmin {
		t.Fatalf("role %v, want admin", r)
	}

	// Add a key by pasting an authorized_keys line; a bad line is refused.
	d.keys("K").paste("ssh-ed25519 not-a-key").keys("enter")
	if !strings.Contains(d.plain(), i18n.T(i18n.Vi, i18n.TWUserKeyBad)) {
		t.Fatalf("bad key line not refused:\n%s", d.plain())
	}
	line, fp := wKeyLine(t, 1, "lan@laptop")
	d.keys("K").paste(line).keys("enter")
	lan = wAccount(t, b, "lan.nguyen")
	if len(lan.Keys) != 1 || lan.Keys[0].Fingerprint != fp {
		t.Fatalf("keys: %+v", lan.Keys)
	}
	d.keys("enter")
	if !strings.Contains(d.plain(), fp) {
		t.Fatalf("detail lacks the fingerprint:\n%s", d.plain())
	}

	// Set a password: typed twice and masked.
	d.keys("p", "mật khẩu dài", "tab", "mật khẩu khác", "ctrl+s")
	if !strings.Contains(d.plain(), i18n.T(i18n.Vi, i18n.TWUserPwMismatch)) || wAccount(t, b, "lan.nguyen").PasswordHash != "" {
		t.Fatalf("mismatch not refused:\n%s", d.plain())
	}
	if strings.Contains(d.plain(), "mật khẩu") && strings.Contains(d.plain(), "dài") {
		t.Fatalf("password shown in clear:\n%s", d.plain())
	}
	f := d.p.(*fieldPage).form
	f.Rows[0].Input.SetValue("ngắn")
	f.Rows[1].Input.SetValue("ngắn")
	d.keys("ctrl+s")
	if wAccount(t, b, "lan.nguyen").PasswordHash != "" {
		t.Fatal("a short password was accepted")
	}
	f.Rows[0].Input.SetValue("Trâu-Vàng-2026")
	f.Rows[1].Input.SetValue("Trâu-Vàng-2026")
	d.keys("ctrl+s")
	hash := wAccount(t, b, "lan.nguyen").PasswordHash
	if hash == "" || !keys.CheckPassword(hash, "Trâu-Vàng-2026") {
		t.Fatalf("password not stored (hash %q)", hash)
	}

	// Remove the key from the detail view, then the account from the list.
	d.keys("d", "y")
	if n := len(wAccount(t, b, "lan.nguyen").Keys); n != 0 {
		t.Fatalf("%d keys after removal", n)
	}
	d.keys("esc", "d", "y")
	if _, err := b.Account(context.Background(), "lan.nguyen"); err == nil {
		t.Fatal("account not removed")
	}

	// The last admin stays: the board refuses and the page says why.
	for i, acc := range d.p.(*usersPage).items {
		if acc.Login == "admin" {
			d.p.(*usersPage).cur.Pos = i
		}
	}
	d.keys("d", "y")
	if !strings.Contains(d.plain(), i18n.T(i18n.Vi, i18n.ErrLastAdmin)) {
		t.Fatalf("no last-admin message:\n%s", d.plain())
	}
}

func TestWCategories(t *testing.T) {
	b, _ := wBoard(t)
	e := wCommon(b, boardtest.Editor)
	d := wDrive(t, NewCategories(e))
	d.keys("a", "Thông báo", "enter", "a", "Văn bản", "enter")
	cats := func() []string {
		cs, err := b.Categories(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range cs {
			out = append(out, c.Name)
		}
		return out
	}
	if got := strings.Join(cats(), ","); got != "Tin tức,Thông báo,Văn bản" {
		t.Fatalf("categories %s", got)
	}
	d.keys("K") // "Văn bản" (selected after adding) moves up
	if got := strings.Join(cats(), ","); got != "Tin tức,Văn bản,Thông báo" {
		t.Fatalf("after move: %s", got)
	}
	d.keys("r", "ctrl+u", "Văn bản pháp luật", "enter")
	if got := strings.Join(cats(), ","); got != "Tin tức,Văn bản pháp luật,Thông báo" {
		t.Fatalf("after rename: %s", got)
	}
	wGolden(t, e, "w_categories", d.view())
	// "Tin tức" holds a thread: removing it is refused with the reason.
	boardtest.Thread(t, b, "Tin", "Nội dung.")
	d.keys("home", "d")
	if strings.Contains(d.plain(), i18n.T(i18n.Vi, i18n.TWCatRemoveAsk, "Tin tức")) {
		t.Fatalf("asked before refusing a non-empty category:\n%s", d.plain())
	}
	d.keys("y")
	if !strings.Contains(d.plain(), i18n.T(i18n.Vi, i18n.ErrNotEmpty)) || len(cats()) != 3 {
		t.Fatalf("non-empty category removed or no message:\n%s", d.plain())
	}
	d.keys("end", "d", "y")
	if got := strings.Join(cats(), ","); got != "Tin tức,Văn bản pháp luật" {
		t.Fatalf("after remove: %s", got)
	}
}

func TestWBans(t *testing.T) {
	b, _ := wBoard(t)
	ctx := context.Background()
	if _, err := b.AddBan(ctx, boardtest.Admin, board.BanInput{Fingerprint: "SHA256:spam", Reason: "quảng cáo"}); err != nil {
		t.Fatal(err)
	}
	a := wCommon(b, boardtest.Admin)
	d := wDrive(t, NewBans(a))
	d.keys("a", "203.0.113.0/24", "tab", "left", "tab", "phá rối", "ctrl+s")
	bans, err := b.Bans(ctx, boardtest.Admin)
	if err != nil || len(bans) != 2 {
		t.Fatalf("bans %+v %v", bans, err)
	}
	wGolden(t, a, "w_bans", d.view())
	d.keys("d", "y")
	if bans, _ := b.Bans(ctx, boardtest.Admin); len(bans) != 1 {
		t.Fatalf("%d bans after lifting one", len(bans))
	}
	if !strings.Contains(d.plain(), "Đã bỏ chặn") {
		t.Errorf("no notice:\n%s", d.plain())
	}
}

// The settings page changes who waits; with "no one" a guest's comment shows at once.
func TestWSettings(t *testing.T) {
	b, _ := wBoard(t)
	ctx := context.Background()
	a := wCommon(b, boardtest.Admin)
	d := wDrive(t, NewSettings(a))
	wGolden(t, a, "w_settings", d.view())
	d.keys("right", "tab", "right", "tab", "cá độ, xổ số", "ctrl+s")
	s, err := b.Settings(ctx)
	if err != nil || s.Moderation != board.ModerateNone || s.Captcha || len(s.WordList) != 2 {
		t.Fatalf("settings %+v %v", s, err)
	}
	if d.lastFlash() != i18n.T(i18n.Vi, i18n.TWSetSaved) {
		t.Fatalf("flash %q", d.lastFlash())
	}
	th := boardtest.Thread(t, b, "Tin", "Nội dung.")
	f := wDrive(t, NewCommentForm(wCommon(b, boardtest.Guest("")), th))
	wFillForm(f, "Lan", "", "Cảm ơn xã", "")
	f.keys("ctrl+s")
	if f.lastFlash() != i18n.T(i18n.Vi, i18n.TWFormShown) {
		t.Fatalf("guest comment not shown at once: %q", f.lastFlash())
	}
	// A listed word still sends it to review.
	f = wDrive(t, NewCommentForm(wCommon(b, boardtest.Guest("")), th))
	wFillForm(f, "Lan", "", "Mời chơi xổ số", "")
	f.keys("ctrl+s")
	if f.lastFlash() != i18n.T(i18n.Vi, i18n.TWFormPending) {
		t.Fatalf("word list ignored: %q", f.lastFlash())
	}
}

func TestWAudit(t *testing.T) {
	b, clk := wBoard(t)
	_, cs := wSeedQueue(t, b, clk)
	ctx := context.Background()
	clk.Add(5 * 60e9)
	if err := b.ApproveComments(ctx, boardtest.Editor, []uint64{cs[0].ID}, ""); err != nil {
		t.Fatal(err)
	}
	clk.Add(5 * 60e9)
	if err := b.RejectComments(ctx, boardtest.Admin, []uint64{cs[1].ID}, "lạc đề"); err != nil {
		t.Fatal(err)
	}
	clk.Add(5 * 60e9)
	if _, err := b.AddBan(ctx, boardtest.Admin, board.BanInput{Addr: "192.0.2.44", Reason: "phá rối"}); err != nil {
		t.Fatal(err)
	}
	a := wCommon(b, boardtest.Admin)
	d := wDrive(t, NewAudit(a))
	wGolden(t, a, "w_audit", d.view())
	au := d.p.(*auditPage)
	if len(au.items) < 3 || au.items[0].Kind != board.AuditBanAdd {
		t.Fatalf("not newest first: %+v", au.items)
	}
	d.keys("t") // kind: comment
	for _, e := range au.items {
		if !strings.HasPrefix(e.Kind, "comment") {
			t.Fatalf("kind filter let %q through", e.Kind)
		}
	}
	if len(au.items) != 2 {
		t.Fatalf("%d comment entries, want 2", len(au.items))
	}
	d.keys("w", "editor", "enter")
	if len(au.items) != 1 || au.items[0].Actor != "editor" || au.items[0].Kind != board.AuditCommentApprove {
		t.Fatalf("who filter: %+v", au.items)
	}
	d.keys("esc") // clears the filters
	if au.kind != 0 || au.actor != "" || len(au.items) < 3 {
		t.Fatal("esc did not clear the filters")
	}
	d.keys("enter")
	if !strings.Contains(d.plain(), "192.0.2.44") {
		t.Fatalf("entry not shown whole:\n%s", d.plain())
	}
}

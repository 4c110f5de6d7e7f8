package auth

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"bangtin/board"
	"bangtin/keys"

	"charm.land/log/v2"
	gossh "golang.org/x/crypto/ssh"
)

func TestClaim(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	// A board without admin: lan (staff, password) and minh (editor, no password).
	delete(f.fake.accts, "admin")
	srv := startServer(t, f.fake, Options{})

	code, ok, err := srv.auth.NewClaimCode(ctx)
	if err != nil || !ok {
		t.Fatalf("NewClaimCode = %q, %v, %v on a board without admin", code, ok, err)
	}
	if !regexp.MustCompile(`^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$`).MatchString(code) {
		t.Errorf("code %q is not XXXXX-XXXXX from the unambiguous alphabet", code)
	}
	if again, _, _ := srv.auth.NewClaimCode(ctx); again != code {
		t.Errorf("second NewClaimCode = %q, want the open code %q", again, code)
	}
	claim := func(user string, cfg func(*gossh.ClientConfig), code string) string {
		t.Helper()
		out, err := srv.connect(t, user, cfg, "claim "+code)
		if err != nil {
			t.Fatalf("login: %v", err)
		}
		return out
	}
	newcomer := genSigner(t)

	steps := []struct {
		name string
		user string
		cfg  func(*gossh.ClientConfig)
		code string
		want string
	}{
		{"wrong code", "guest", withKeys(newcomer), "AAAAA-AAAAA", "|guest|" + ErrWrongCode.Error()},
		{"no key (keyboard-interactive guest)", "guest", withKI("", nil), code, "|guest|" + keys.ErrClaimNeedKey.Error()},
		{"no key (account by password)", "lan", withPassword(lanPassword), code, "|guest|" + keys.ErrClaimNeedKey.Error()},
		{"right code, lower case without dash", "ng-moi", withKeys(newcomer), strings.ToLower(strings.ReplaceAll(code, "-", "")), "ng-moi|admin|ok"},
		{"used twice", "guest", withKeys(genSigner(t)), code, "|guest|" + ErrNoClaim.Error()},
	}
	for _, st := range steps {
		if got := claim(st.user, st.cfg, st.code); got != st.want {
			t.Errorf("%s: server printed %q, want %q", st.name, got, st.want)
		}
	}
	if _, ok, _ := srv.auth.NewClaimCode(ctx); ok {
		t.Error("a claim code was opened although an admin exists")
	}
	r, err := srv.identify(t, "anything", withKeys(newcomer))
	if err != nil || r.Login != "ng-moi" || r.Role != "admin" {
		t.Errorf("the claimed key logs in as %+v, %v; want admin ng-moi", r, err)
	}
	if got := f.fake.logins(); strings.Join(got, ",") != "lan,minh,ng-moi" {
		t.Errorf("accounts = %q", got)
	}
}

func TestClaimExistingAccountAndLockout(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	delete(f.fake.accts, "admin")
	srv := startServer(t, f.fake, Options{MaxFailures: 3})
	code, ok, err := srv.auth.NewClaimCode(ctx)
	if err != nil || !ok {
		t.Fatal(ok, err)
	}
	for range 3 {
		if out, _ := srv.connect(t, "guest", withKeys(f.guest), "claim WRONG-CODE1"); out != "|guest|"+ErrWrongCode.Error() {
			t.Fatalf("wrong code: %q", out)
		}
	}
	if out, _ := srv.connect(t, "guest", withKeys(f.guest), "claim "+code); out != "|guest|"+ErrLocked.Error() {
		t.Errorf("right code after three failures: %q, want locked", out)
	}
	if f.fake.failureCount() != 3 {
		t.Errorf("%d failures logged, want 3", f.fake.failureCount())
	}
	// From a fresh lockout (a new Auth, as after the window), minh's key makes minh an admin.
	srv2 := startServer(t, f.fake, Options{})
	code, _, _ = srv2.auth.NewClaimCode(ctx)
	if out, _ := srv2.connect(t, "x", withKeys(f.minh), "claim "+code); out != "minh|admin|ok" {
		t.Errorf("claim by minh's key: %q", out)
	}
	if got := f.fake.accts["minh"].Role; got != board.RoleAdmin {
		t.Errorf("minh is %s", got)
	}
}

func TestNoClaimWithAdmin(t *testing.T) {
	f := newFixture(t)
	a := New(f.fake, Options{Logger: log.New(io.Discard)})
	code, ok, err := a.NewClaimCode(context.Background())
	if err != nil || ok || code != "" {
		t.Errorf("NewClaimCode = %q, %v, %v with an admin", code, ok, err)
	}
}

func TestEnsureAdmins(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t)
	delete(f.fake.accts, "admin")
	a := New(f.fake, Options{Logger: log.New(io.Discard)})
	mk := func(comment string) board.AccountKey {
		pub, _, _ := ed25519.GenerateKey(rand.Reader)
		pk, err := gossh.NewPublicKey(pub)
		if err != nil {
			t.Fatal(err)
		}
		_, k, err := keys.ParseAuthorizedKey(strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pk))) + " " + comment)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	hoa, anon1, anon2, lanTaken := mk("Hoà@may-tinh"), mk(""), mk("!!!"), mk("lan@laptop")
	lanKey := accountKey(f.lan)
	ks := []board.AccountKey{lanKey, hoa, anon1, anon2, lanTaken}
	if err := a.EnsureAdmins(ctx, ks); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"lan": lanKey.Fingerprint, "hoa": hoa.Fingerprint, "admin": anon1.Fingerprint, "admin2": anon2.Fingerprint, "admin3": lanTaken.Fingerprint}
	for login, fp := range want {
		acct, err := f.fake.AccountByKey(ctx, fp)
		if err != nil || acct.Login != login || acct.Role != board.RoleAdmin {
			t.Errorf("key for %s: %+v %v", login, acct, err)
		}
	}
	if acct := f.fake.accts["hoa"]; acct.Name != "Hoà@may-tinh" {
		t.Errorf("hoa's name = %q", acct.Name)
	}
	// Again: nothing new.
	before := f.fake.logins()
	if err := a.EnsureAdmins(ctx, ks); err != nil {
		t.Fatal(err)
	}
	if after := f.fake.logins(); strings.Join(after, ",") != strings.Join(before, ",") {
		t.Errorf("second run changed accounts: %q -> %q", before, after)
	}
	// A store error is reported, not skipped.
	bad := &failingAccounts{fakeAccounts: f.fake}
	if err := New(bad, Options{Logger: log.New(io.Discard)}).EnsureAdmins(ctx, []board.AccountKey{mk("x")}); err == nil {
		t.Error("EnsureAdmins ignored a store error")
	}
}

type failingAccounts struct{ *fakeAccounts }

func (failingAccounts) AccountByKey(context.Context, string) (board.Account, error) {
	return board.Account{}, errors.New("disk on fire")
}

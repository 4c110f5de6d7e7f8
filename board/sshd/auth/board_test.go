package auth

import (
	"context"
	"errors"
	"net/netip"
	"testing"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/keys"
)

// TestIdentityRealBoard runs the identity rules over the real board (bbolt in a temp dir).
func TestIdentityRealBoard(t *testing.T) {
	ctx := context.Background()
	b := boardtest.New(t)
	adminKey, guestKey := genSigner(t), genSigner(t)
	if err := b.AddKey(ctx, board.System, "admin", accountKey(adminKey)); err != nil {
		t.Fatal(err)
	}
	if err := b.SetPassword(ctx, board.System, "staff", lanPassword); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, b, Options{})

	if r, err := srv.identify(t, "khach", withKeys(adminKey)); err != nil || r.Login != "admin" || r.Role != "admin" {
		t.Errorf("admin key: %+v %v", r, err)
	}
	if r, err := srv.identify(t, "staff", withKI(lanPassword, nil)); err != nil || r.Login != "staff" || r.Role != "staff" || r.Fingerprint != "" {
		t.Errorf("staff password: %+v %v", r, err)
	}
	if _, err := srv.identify(t, "staff", withPassword("sai mật khẩu")); err == nil {
		t.Error("wrong password accepted")
	}
	if _, err := srv.identify(t, "editor", withKI("", nil)); err == nil {
		t.Error("an account without password got in by name")
	}
	if _, ok, err := srv.auth.NewClaimCode(ctx); ok || err != nil {
		t.Errorf("claim code opened on a board with an admin (err %v)", err)
	}

	// A banned key keeps its identity; the board refuses its posts.
	fp := keys.Fingerprint(guestKey.PublicKey())
	if _, err := b.AddBan(ctx, boardtest.Admin, board.BanInput{Fingerprint: fp, Reason: "spam"}); err != nil {
		t.Fatal(err)
	}
	r, err := srv.identify(t, "guest", withKeys(guestKey))
	if err != nil || r.Login != "" || r.Role != "guest" || r.Fingerprint != fp {
		t.Fatalf("banned guest key: %+v %v", r, err)
	}
	id := board.Identity{Fingerprint: r.Fingerprint, Addr: netip.MustParseAddr(r.Addr)}
	if err := b.MayPost(ctx, id); !errors.Is(err, board.ErrBanned) {
		t.Errorf("MayPost for the banned key = %v, want ErrBanned", err)
	}
}

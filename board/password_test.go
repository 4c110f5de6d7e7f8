package board_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/boltstore"
	"bangtin/keys"
)

// countingHasher is keys.Argon2id counting the hashes it makes.
type countingHasher struct {
	keys.Argon2id
	hashed atomic.Int64
}

func (h *countingHasher) Hash(pw string) (string, error) {
	h.hashed.Add(1)
	return h.Argon2id.Hash(pw)
}

func TestSetPassword(t *testing.T) {
	ctx := context.Background()
	h := &countingHasher{}
	b := boardtest.New(t, board.Options{Passwords: h})
	const pw = "Mật khẩu của Cán bộ 2026"

	// Refused before any hashing: a guest, and staff for another account.
	for _, actor := range []board.Identity{boardtest.Guest(""), boardtest.Staff} {
		if err := b.SetPassword(ctx, actor, "editor", pw); !errors.Is(err, board.ErrForbidden) {
			t.Errorf("%+v sets editor's password: %v, want ErrForbidden", actor, err)
		}
	}
	if n := h.hashed.Load(); n != 0 {
		t.Errorf("%d hashes made for refused actors", n)
	}
	// The hasher's refusal is the caller's validation error; nothing is stored.
	var ve *board.ValidationError
	if err := b.SetPassword(ctx, boardtest.Staff, "staff", "ngắn"); !errors.As(err, &ve) || ve.Field != "password" || ve.Problem != board.ProblemTooShort {
		t.Errorf("short password: %v", err)
	}
	// The account itself, and an admin for anyone.
	if err := b.SetPassword(ctx, boardtest.Staff, "staff", pw); err != nil {
		t.Fatal(err)
	}
	if err := b.SetPassword(ctx, boardtest.Admin, "editor", "khác hẳn 12345"); err != nil {
		t.Fatal(err)
	}
	if err := b.SetPassword(ctx, boardtest.Admin, "khong-co", pw); !errors.Is(err, board.ErrNotFound) {
		t.Errorf("password of a missing account: %v, want ErrNotFound", err)
	}
	staff, err := b.Account(ctx, "staff")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(staff.PasswordHash, "$argon2id$") || strings.Contains(staff.PasswordHash, pw) {
		t.Errorf("stored %q", staff.PasswordHash)
	}
	for _, tc := range []struct {
		pw   string
		want bool
	}{{pw, true}, {"mật khẩu của cán bộ 2026", false}, {"", false}} {
		if got := b.CheckPassword(staff, tc.pw); got != tc.want {
			t.Errorf("CheckPassword(%q) = %v, want %v", tc.pw, got, tc.want)
		}
	}
	// "" clears; an account without a password matches nothing.
	if err := b.SetPassword(ctx, boardtest.Staff, "staff", ""); err != nil {
		t.Fatal(err)
	}
	if staff, _ = b.Account(ctx, "staff"); staff.PasswordHash != "" || b.CheckPassword(staff, pw) {
		t.Errorf("after clearing: hash %q", staff.PasswordHash)
	}
	// Audited as set and cleared, never with the password.
	entries, err := b.Audit(ctx, boardtest.Admin, board.AuditQuery{Kind: board.AuditAccountPassword})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Actor+" "+e.Target+" "+e.Detail)
		if strings.Contains(e.Detail+e.Reason, "2026") {
			t.Errorf("the password is in the audit log: %+v", e)
		}
	}
	if want := "staff account:staff cleared|admin account:editor set|staff account:staff set"; strings.Join(got, "|") != want {
		t.Errorf("audit %q, want %q", strings.Join(got, "|"), want)
	}
}

func TestSetPasswordWithoutHasher(t *testing.T) {
	st, err := boltstore.Open(filepath.Join(t.TempDir(), boltstore.FileName), boltstore.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := board.New(st, board.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	if _, err := b.AddAccount(ctx, board.System, board.Account{Login: "lan", Name: "Lan", Role: board.RoleStaff}); err != nil {
		t.Fatal(err)
	}
	if err := b.SetPassword(ctx, board.System, "lan", "đủ dài rồi nhé"); !errors.Is(err, board.ErrNoPasswords) {
		t.Errorf("SetPassword without a hasher: %v, want ErrNoPasswords", err)
	}
	if b.CheckPassword(board.Account{Login: "lan", PasswordHash: "$argon2id$x"}, "x") {
		t.Error("CheckPassword without a hasher matched")
	}
}

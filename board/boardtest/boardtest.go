// Package boardtest opens real boards for tests: New gives a *board.Board over a bbolt file in
// t.TempDir(), closed by t.Cleanup, with one account per role already created so tests can act
// as each of them: Admin (login "admin", key AdminKey), Editor ("editor", EditorKey) and Staff
// ("staff", StaffKey); Guest(ip) is an anonymous guest from that address and GuestKey(fp, ip) a
// guest who authenticated with an unregistered key. The board has its default category "Tin tức"
// and no thread; Thread creates a published one.
package boardtest

import (
	"context"
	"net/netip"
	"path/filepath"
	"testing"

	"bangtin/board"
	"bangtin/board/boltstore"
	"bangtin/keys"
)

// Key fingerprints of the accounts New creates.
const (
	AdminKey  = "SHA256:boardtest-admin-key-0000000000000000000000000"
	EditorKey = "SHA256:boardtest-editor-key-000000000000000000000000"
	StaffKey  = "SHA256:boardtest-staff-key-0000000000000000000000000"
)

// Identities of the accounts New creates, as the SSH layer would build them.
var (
	Admin  = board.Identity{Login: "admin", Name: "Quản trị", Role: board.RoleAdmin, Fingerprint: AdminKey, Addr: netip.MustParseAddr("127.0.0.1")}
	Editor = board.Identity{Login: "editor", Name: "Biên tập", Role: board.RoleEditor, Fingerprint: EditorKey, Addr: netip.MustParseAddr("127.0.0.1")}
	Staff  = board.Identity{Login: "staff", Name: "Cán bộ", Role: board.RoleStaff, Fingerprint: StaffKey, Addr: netip.MustParseAddr("127.0.0.1")}
)

// Guest is an anonymous guest (no key) from ip ("" for 127.0.0.2).
func Guest(ip string) board.Identity {
	if ip == "" {
		ip = "127.0.0.2"
	}
	return board.Identity{Addr: netip.MustParseAddr(ip)}
}

// GuestKey is a guest who authenticated with a key that no account has.
func GuestKey(fingerprint, ip string) board.Identity {
	g := Guest(ip)
	g.Fingerprint = fingerprint
	return g
}

// New opens a board in a temporary directory with the three accounts; opts (at most one) are
// the board's options (Passwords defaults to keys.Argon2id, as in the program).
func New(t testing.TB, opts ...board.Options) *board.Board {
	t.Helper()
	b, _ := Open(t, filepath.Join(t.TempDir(), boltstore.FileName), opts...)
	return b
}

// Open opens (or reopens) the board file at path, creating the three accounts if missing, and
// closes it at cleanup (closing twice is harmless). It returns the store too.
func Open(t testing.TB, path string, opts ...board.Options) (*board.Board, *boltstore.Store) {
	t.Helper()
	st, err := boltstore.Open(path, boltstore.Options{})
	if err != nil {
		t.Fatalf("boardtest: %v", err)
	}
	var o board.Options
	if len(opts) > 0 {
		o = opts[0]
	}
	if o.Passwords == nil {
		o.Passwords = keys.Argon2id{} // as the program wires it
	}
	b, err := board.New(st, o)
	if err != nil {
		st.Close()
		t.Fatalf("boardtest: %v", err)
	}
	t.Cleanup(func() { b.Close() })
	ctx := context.Background()
	for _, id := range []board.Identity{Admin, Editor, Staff} {
		if _, err := b.Account(ctx, id.Login); err == nil {
			continue
		}
		a := board.Account{Login: id.Login, Name: id.Name, Role: id.Role,
			Keys: []board.AccountKey{{Fingerprint: id.Fingerprint, Type: "ssh-ed25519", Line: "ssh-ed25519 AAAA " + id.Login}}}
		if _, err := b.AddAccount(ctx, board.System, a); err != nil {
			t.Fatalf("boardtest: account %s: %v", id.Login, err)
		}
	}
	return b, st
}

// Thread creates a published thread (as Editor) and returns it.
func Thread(t testing.TB, b *board.Board, title, body string) board.Thread {
	t.Helper()
	th, err := b.CreateThread(context.Background(), Editor, board.ThreadInput{Title: title, Body: body})
	if err != nil {
		t.Fatalf("boardtest: create thread %q: %v", title, err)
	}
	return th
}

package tui

import (
	"strings"
	"testing"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/i18n"
)

// A privileged key pressed by a lesser role opens nothing and is recorded as a refused attempt.
func TestPrivilegedKeysOfLesserRolesAreLogged(t *testing.T) {
	b := boardtest.New(t)
	for _, tc := range []struct {
		id   board.Identity
		keys []string
	}{
		{boardtest.Guest("203.0.113.9"), []string{"m", "N", "U", "A"}},
		{boardtest.Staff, []string{"m", "C", "B"}},
		{boardtest.Editor, []string{"U", "S"}},
	} {
		d := newDriver(t, Env{Board: b, Identity: tc.id, Lang: i18n.Vi, Width: 80, Height: 24, NoColor: true})
		for _, k := range tc.keys {
			d.keys(k)
			if n := len(d.m.stack); n != 1 {
				t.Errorf("%s pressed %s: %d pages open, want only home", tc.id.Actor(), k, n)
			}
		}
		if err := b.Flush(t.Context()); err != nil {
			t.Fatal(err)
		}
		entries, err := b.Audit(t.Context(), boardtest.Admin, board.AuditQuery{Kind: board.AuditDenied, Actor: tc.id.Actor()})
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range tc.keys {
			found := false
			for _, e := range entries {
				found = found || strings.Contains(e.Target+e.Detail, "tui:"+k)
			}
			if !found {
				t.Errorf("%s pressed %s: no denied entry in the audit log (%d entries: %+v)", tc.id.Actor(), k, len(entries), entries)
			}
		}
	}
}

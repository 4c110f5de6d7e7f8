package tui_test

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/boltstore"
	"bangtin/board/hostile"
	"bangtin/board/i18n"
	"bangtin/board/text"
	"bangtin/board/tui"
)

// The hostile corpus through every screen of the TUI, in two ways:
//
//   - through the board: each payload is written into every text field the board takes (thread
//     title, summary, body and author, category name, comment name, title and body, display name,
//     key comment, ban reason, moderation reason); a field that refuses it must say so with a
//     *board.ValidationError whose user message is clean;
//   - raw in the database: the same payloads stored by the store directly, past the board's
//     validation (a database written by an older version, or restored from a doctored backup), so
//     that the screens' own sanitising is what is tested.
//
// A session of an admin then opens every screen where the text appears (home list, each thread at
// its top and its end, search results, what's new, the moderation queue and a comment in it,
// users, bans, audit log, categories) at 80x24, in monochrome and in colour, and every frame must
// pass hostile.CheckScreen: no control byte, escape other than SGR, bidi or invisible character,
// no needle of the payloads, at most 24 lines of at most 80 cells.
//
// Run time is bounded: payloads go eight to a board; each group is walked once by each test, in
// monochrome (Vietnamese) by one and in colour by the other (English for the raw database), so
// every payload is seen in both; the generated monsters of more than 64 KiB (the 1 MiB body) go
// only into the fields that take big text (thread and comment bodies, raw) and are rendered in
// monochrome only; the other fields get at most the first 4 KiB of them.

const (
	hsW, hsH  = 80, 24
	hsBatch   = 8
	hsBigText = 64 << 10
)

// hsSession drives a real root model the way bubbletea does (tui.Session: each message goes
// through Update and the messages of the commands it returns are fed back). A command that does
// not answer within three seconds (a timer) is left behind.
type hsSession struct {
	t *testing.T
	*tui.Session
}

func hsOpen(t *testing.T, env tui.Env) *hsSession {
	t.Helper()
	s := &hsSession{t: t, Session: tui.OpenSession(t, env, 2000, 3*time.Second)}
	s.Send(tea.WindowSizeMsg{Width: hsW, Height: hsH})
	return s
}

func (s *hsSession) send(msg tea.Msg)  { s.Send(msg) }
func (s *hsSession) keys(ks ...string) { s.Keys(ks...) }
func (s *hsSession) view() string      { return s.Frame() }

// check fails the test if the current frame lets anything through; it returns the frame's text.
func (s *hsSession) check(where string, needles []string) string {
	s.t.Helper()
	v := s.view()
	if err := hostile.CheckScreen(v, hsW, hsH, needles...); err != nil {
		s.t.Errorf("%s: %v", where, err)
	}
	return ansi.Strip(v)
}

// hsField cuts a payload for a field that takes small text.
func hsField(p hostile.Payload, n int) string {
	if len(p.Text) <= n {
		return p.Text
	}
	return p.Text[:n]
}

// hsRefused checks a refusal: a ValidationError, with a clean message that does not repeat the
// payload. It reports whether err was nil.
func hsRefused(t *testing.T, what string, p hostile.Payload, err error) bool {
	t.Helper()
	if err == nil {
		return true
	}
	var ve *board.ValidationError
	if !errors.As(err, &ve) {
		t.Errorf("%s %s: refused with %v, want a *board.ValidationError", what, p.Name, err)
		return false
	}
	for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
		msg := i18n.Error(lang, err)
		if msg == "" || strings.Contains(msg, "%!") {
			t.Errorf("%s %s: refusal message %q", what, p.Name, msg)
		}
		if err := hostile.CheckView(msg, hostile.NeedlesFor(p)...); err != nil {
			t.Errorf("%s %s: refusal message: %v", what, p.Name, err)
		}
	}
	return false
}

// hsGroup is a batch of payloads with the markers that say which of them a screen shows.
type hsGroup struct {
	ps      []hostile.Payload
	needles []string
}

func hsGroups() []hsGroup {
	var gs []hsGroup
	ps := hostile.Payloads()
	for i := 0; i < len(ps); i += hsBatch {
		g := hsGroup{ps: ps[i:min(i+hsBatch, len(ps))]}
		// A needle of one payload may be plain text in another of the group: it may then show.
		seen := map[string]bool{}
		for _, p := range g.ps {
			for _, n := range hostile.Needles {
				if strings.Contains(text.Clean(p.Text), n) {
					seen[n] = true
				}
			}
		}
		for _, p := range g.ps {
			for _, n := range hostile.NeedlesFor(p) {
				if !seen[n] {
					seen[n] = true
					g.needles = append(g.needles, n)
				}
			}
		}
		gs = append(gs, g)
	}
	return gs
}

// hsBody is the thread body of payload i.
func hsBody(p hostile.Payload, i int) string {
	return hsMarker('B', i) + "\n\n" + p.Text
}

// hsMarker starts every stored text, so that a screen can be shown to hold the payload's row.
func hsMarker(kind byte, i int) string { return fmt.Sprintf("%c%03d", kind, i) }

// fillThroughBoard writes the group through the board's service, as the interfaces would.
func fillThroughBoard(t *testing.T, b *board.Board, base int, g hsGroup) {
	ctx := context.Background()
	for j, p := range g.ps {
		i := base + j
		small := hsField(p, 4<<10)
		body := hsBody(p, i)
		if len(p.Text) > hsBigText {
			// Refused whole (too long); the thread gets the first 4 KiB.
			_, err := b.CreateThread(ctx, boardtest.Editor, board.ThreadInput{Title: "x", Body: p.Text})
			if hsRefused(t, "thread body", p, err) {
				t.Errorf("a %d-byte body was accepted", len(body))
			}
			body = hsBody(hostile.Payload{Name: p.Name, Text: small}, i)
		}
		// Bare, the payload may be refused (empty once cleaned, too long, bad encoding).
		_, err := b.CreateThread(ctx, boardtest.Editor, board.ThreadInput{Title: small, Body: "x"})
		hsRefused(t, "bare title", p, err)
		cat, err := b.AddCategory(ctx, boardtest.Admin, hsMarker('C', i)+" "+hsField(p, 60))
		if !hsRefused(t, "category", p, err) {
			cat = board.Category{}
		}
		th, err := b.CreateThread(ctx, boardtest.Editor, board.ThreadInput{CategoryID: cat.ID,
			Title: hsMarker('T', i) + " " + hsField(p, 150), Summary: hsField(p, 400), Body: body})
		if !hsRefused(t, "thread", p, err) {
			continue
		}
		guest := boardtest.GuestKey(fmt.Sprintf("SHA256:hs-%04d", i), fmt.Sprintf("127.0.9.%d", i%250+1))
		for _, who := range []board.Identity{boardtest.Staff, guest} {
			c, err := b.PostComment(ctx, who, board.CommentInput{ThreadID: th.ID,
				Name: hsMarker('N', i) + " " + hsField(p, 60), Title: hsField(p, 120), Body: hsMarker('K', i) + " " + hsField(p, 3000)})
			if hsRefused(t, "comment", p, err) && who == guest {
				if err := b.RejectComments(ctx, boardtest.Admin, []uint64{c.ID}, hsField(p, 400)); !hsRefused(t, "reject reason", p, err) {
					continue
				}
				_, _ = b.PostComment(ctx, guest, board.CommentInput{ThreadID: th.ID, Name: hsMarker('N', i), Body: hsMarker('Q', i) + " " + hsField(p, 3000)})
			}
		}
		_, err = b.AddAccount(ctx, boardtest.Admin, board.Account{Login: fmt.Sprintf("u%03d", i), Name: hsMarker('U', i) + " " + hsField(p, 60), Role: board.RoleStaff,
			Keys: []board.AccountKey{{Fingerprint: fmt.Sprintf("SHA256:hs-key-%04d", i), Type: "ssh-ed25519", Line: "ssh-ed25519 AAAA " + hsField(p, 100)}}})
		hsRefused(t, "account", p, err)
		_, err = b.AddAccount(ctx, boardtest.Admin, board.Account{Login: hsField(p, 40), Name: "x", Role: board.RoleStaff})
		if err == nil {
			if !board.ValidLogin(p.Text) {
				t.Errorf("login %q accepted", hsField(p, 40))
			}
		} else {
			hsRefused(t, "login", p, err)
		}
		_, err = b.AddBan(ctx, boardtest.Admin, board.BanInput{Addr: fmt.Sprintf("10.%d.%d.0/24", i/250, i%250), Reason: hsMarker('R', i) + " " + hsField(p, 400)})
		hsRefused(t, "ban reason", p, err)
	}
}

// fillRaw stores the group in the database directly, past the board's validation.
func fillRaw(t *testing.T, st *boltstore.Store, base int, g hsGroup) {
	at := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	err := st.Update(context.Background(), func(tx board.Tx) error {
		for j, p := range g.ps {
			i := base + j
			small := hsField(p, 4<<10)
			cat := board.Category{Name: hsMarker('C', i) + " " + small, Slug: fmt.Sprintf("c%03d", i), Order: i + 10}
			if err := tx.PutCategory(&cat); err != nil {
				return err
			}
			th := board.Thread{CategoryID: cat.ID, Title: hsMarker('T', i) + " " + small, Summary: small, Body: hsBody(p, i),
				AuthorName: small, AuthorLogin: small, AuthorFingerprint: small, Status: board.StatusPublished,
				CreatedAt: at, UpdatedAt: at, PublishedAt: at.Add(time.Duration(i) * time.Minute), LastCommentAt: at, Comments: 1}
			if err := tx.PutThread(&th); err != nil {
				return err
			}
			for _, st := range []board.CommentStatus{board.CommentApproved, board.CommentPending} {
				c := board.Comment{ThreadID: th.ID, ThreadTitle: small, Name: hsMarker('N', i) + " " + small, Title: small,
					Body: hsMarker('K', i) + " " + p.Text, Fingerprint: small, RemoteAddr: small, CreatedAt: at, Status: st, Moderator: small, Reason: small}
				if err := tx.PutComment(&c); err != nil {
					return err
				}
			}
			a := board.Account{Login: fmt.Sprintf("r%03d", i), Name: hsMarker('U', i) + " " + small, Role: board.RoleStaff, CreatedAt: at,
				Keys: []board.AccountKey{{Fingerprint: fmt.Sprintf("SHA256:raw-%04d", i), Type: hsField(p, 40), Line: "ssh-ed25519 AAAA " + small}}}
			if err := tx.PutAccount(a); err != nil {
				return err
			}
			ban := board.Ban{Prefix: netip.MustParsePrefix(fmt.Sprintf("10.%d.%d.0/24", i/250, i%250)), Reason: hsMarker('R', i) + " " + small, By: small, CreatedAt: at}
			if err := tx.PutBan(&ban); err != nil {
				return err
			}
			e := board.AuditEntry{At: at, Actor: hsField(p, 200), Kind: "comment.reject", Target: hsField(p, 200), Reason: hsMarker('R', i) + " " + small, Detail: small}
			if err := tx.AppendAudit(&e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("raw store: %v", err)
	}
}

// walkScreens opens every screen of the board in one admin session and checks each frame.
func walkScreens(t *testing.T, b *board.Board, g hsGroup, base int, noColor bool, lang i18n.Lang) {
	id := boardtest.Admin
	id.Name = g.ps[0].Text // the display name in the header
	s := hsOpen(t, tui.Env{Board: b, Identity: id, Lang: lang, BoardName: hsField(g.ps[len(g.ps)-1], 200),
		Width: hsW, Height: hsH, NoColor: noColor, Online: func() int { return 3 }})
	seen := map[string]bool{}
	look := func(where string) {
		scr := s.check(where, g.needles)
		for j := range g.ps {
			for _, k := range []byte("TBCNKURP") {
				if m := hsMarker(k, base+j); strings.Contains(scr, m) {
					seen[m] = true
				}
			}
		}
	}
	look("home")
	s.keys("pgdown")
	look("home page 2")
	s.keys("g")

	// Every thread, at its top and its end.
	threads := 0
	for range len(g.ps) + 2 {
		s.keys("enter")
		look("thread")
		s.keys("pgdown")
		look("thread page 2")
		s.keys("G")
		look("thread end")
		s.keys("esc", "down")
		threads++
	}

	// Search results (the typed query is tested in hostile_found_test.go).
	s.keys("/")
	s.send(tea.PasteMsg{Content: "T"})
	s.keys("enter")
	look("search results")
	s.keys("esc", "esc")

	s.keys("w")
	look("what's new")
	s.keys("esc")

	// The moderation queue and a comment in it.
	s.keys("m")
	look("queue")
	s.keys("enter")
	look("queue comment")
	s.keys("esc")
	for range 3 {
		s.keys("down")
		look("queue down")
	}
	s.keys("esc")

	for _, page := range []struct{ key, name string }{{"U", "users"}, {"B", "bans"}, {"A", "audit"}, {"C", "categories"}} {
		s.keys(page.key)
		look(page.name)
		s.keys("enter")
		look(page.name + " detail")
		s.keys("esc")
		for range 4 {
			s.keys("down")
		}
		look(page.name + " down")
		s.keys("esc")
		look("home after " + page.name)
	}

	// The forms echo what is pasted into their fields: the comment form, the news editor, adding
	// and renaming a category, adding a ban and an account (each in a session of its own: a form
	// may hold on to Esc to ask about the unsaved text).
	for _, page := range []struct {
		open []string
		name string
	}{{[]string{"enter", "c"}, "comment form"}, {[]string{"N"}, "news editor"}, {[]string{"C", "a"}, "new category"},
		{[]string{"C", "r"}, "category rename"}, {[]string{"B", "a"}, "new ban"}, {[]string{"U", "a"}, "new account"}} {
		s := hsOpen(t, tui.Env{Board: b, Identity: boardtest.Admin, Lang: lang, Width: hsW, Height: hsH, NoColor: noColor})
		s.keys(page.open...)
		for j, p := range g.ps {
			s.send(tea.PasteMsg{Content: hsMarker('P', base+j) + " " + hsField(p, 2000)})
			scr := s.check(page.name+" "+p.Name, g.needles)
			seen[hsMarker('P', base+j)] = seen[hsMarker('P', base+j)] || strings.Contains(scr, hsMarker('P', base+j))
			if j%3 == 2 {
				s.keys("tab")
			}
		}
		s.keys("esc")
		s.check(page.name+" esc", g.needles)
	}

	// The screens must have shown the stored text (the checks above would pass on empty screens).
	for _, k := range []byte("TNUP") {
		found := 0
		for j := range g.ps {
			if seen[hsMarker(k, base+j)] {
				found++
			}
		}
		if found == 0 {
			t.Errorf("no %c marker of payloads %d-%d was on any screen (navigation broken?)", k, base, base+len(g.ps)-1)
		}
	}
}

func hsHasBig(g hsGroup) bool {
	for _, p := range g.ps {
		if len(p.Text) > hsBigText {
			return true
		}
	}
	return false
}

func TestHostileScreensThroughBoard(t *testing.T) {
	if testing.Short() {
		t.Skip("hostile corpus through every screen: long")
	}
	for gi, g := range hsGroups() {
		base := gi * hsBatch
		t.Run(fmt.Sprintf("%s..%s", g.ps[0].Name, g.ps[len(g.ps)-1].Name), func(t *testing.T) {
			b := boardtest.New(t)
			fillThroughBoard(t, b, base, g)
			// Colour in every other group; TestHostileScreensRawDatabase does the opposite (and walks
			// the group of the 1 MiB body in monochrome: that one gets colour here).
			walkScreens(t, b, g, base, gi%2 == 0 && !hsHasBig(g), i18n.Vi)
		})
	}
}

func TestHostileScreensRawDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("hostile corpus through every screen: long")
	}
	for gi, g := range hsGroups() {
		base := gi * hsBatch
		big := hsHasBig(g)
		t.Run(fmt.Sprintf("%s..%s", g.ps[0].Name, g.ps[len(g.ps)-1].Name), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), boltstore.FileName)
			st, err := boltstore.Open(path, boltstore.Options{})
			if err != nil {
				t.Fatal(err)
			}
			fillRaw(t, st, base, g)
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			b, _ := boardtest.Open(t, path)
			// Monochrome and Vietnamese in every other group, colour and English in the others; the
			// monsters (1 MiB body) in monochrome only.
			if gi%2 == 1 || big {
				walkScreens(t, b, g, base, true, i18n.Vi)
			} else {
				walkScreens(t, b, g, base, false, i18n.En)
			}
		})
	}
}

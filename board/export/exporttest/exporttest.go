// Package exporttest fills a board with one of everything an export carries (threads in every
// state with revisions, comments in every moderation state, accounts with keys and a password
// hash, bans, settings, categories, read markers, visit marks, visitor days) and compares two
// stores by what the board and its commands show. The tests of board/export and of
// `bangtin copy` share it; RoundTrip runs the copy round trip through any other store.
package exporttest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"io"
	"net/netip"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/boltstore"
	"bangtin/board/command"
	"bangtin/board/export"
	"bangtin/board/i18n"
)

// Guests of the fixture.
var (
	GuestA = boardtest.GuestKey("SHA256:exporttest-guest-a-000000000000000000000000", "10.0.0.1")
	GuestB = boardtest.GuestKey("SHA256:exporttest-guest-b-000000000000000000000000", "10.0.0.2")
	GuestC = boardtest.Guest("10.0.0.3")
)

// Fixture says what Fill made.
type Fixture struct {
	Published, Draft, Hidden, Deleted, Edited, Other board.Thread
	Category                                         board.Category
	Pending, Approved, Rejected, DeletedComment      board.Comment
}

// Fill puts one of everything into b (a board from boardtest) and flushes its counters.
func Fill(t testing.TB, b *board.Board) Fixture {
	t.Helper()
	ctx := context.Background()
	var f Fixture
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("exporttest: %v", err)
		}
	}
	var err error
	f.Category, err = b.AddCategory(ctx, boardtest.Editor, "Thông báo & lịch")
	must(err)
	f.Published = boardtest.Thread(t, b, "Tập huấn phòng, chống xâm hại trẻ em", "Nội dung **trẻ em**, đồng chí 🙂")
	f.Other, err = b.CreateThread(ctx, boardtest.Editor, board.ThreadInput{CategoryID: f.Category.ID,
		Title: "Lịch tiếp công dân", Summary: "Tháng 12", Body: "Đồng bào đến đúng giờ.", Pinned: true})
	must(err)
	f.Draft, err = b.CreateThread(ctx, boardtest.Editor, board.ThreadInput{Title: "Bản nháp", Body: "chưa đăng trẻ", Draft: true})
	must(err)
	f.Hidden = boardtest.Thread(t, b, "Tin bị ẩn", "ẩn trẻ em")
	must(b.HideThread(ctx, boardtest.Editor, f.Hidden.ID, "sai"))
	f.Deleted = boardtest.Thread(t, b, "Tin bị xoá", "xoá trẻ em")
	must(b.DeleteThread(ctx, boardtest.Admin, f.Deleted.ID, "trùng"))
	f.Edited = boardtest.Thread(t, b, "Bản đầu", "một")
	for i, title := range []string{"Bản hai", "Bản ba về trẻ em"} {
		_, err = b.UpdateThread(ctx, boardtest.Editor, f.Edited.ID, board.ThreadInput{Title: title, Body: strings.Repeat("x", i+2)})
		must(err)
	}
	post := func(id board.Identity, th uint64, name, body string) board.Comment {
		t.Helper()
		c, err := b.PostComment(ctx, id, board.CommentInput{ThreadID: th, Name: name, Title: "Ý kiến", Body: body})
		must(err)
		return c
	}
	f.Approved = post(GuestA, f.Published.ID, "Nguyễn Văn An", "Cảm ơn")
	must(b.ApproveComments(ctx, boardtest.Editor, []uint64{f.Approved.ID}, ""))
	f.Rejected = post(GuestB, f.Published.ID, "Trần Thị Bình", "quảng cáo")
	must(b.RejectComments(ctx, boardtest.Editor, []uint64{f.Rejected.ID}, "spam"))
	f.DeletedComment = post(GuestA, f.Other.ID, "Nguyễn Văn An", "nhầm")
	must(b.DeleteComments(ctx, boardtest.Admin, []uint64{f.DeletedComment.ID}, "nhầm"))
	f.Pending = post(GuestC, f.Published.ID, "Khách", "Chờ duyệt")
	post(boardtest.Staff, f.Other.ID, "Cán bộ", "Đã nhận")
	// Accounts: a password hash and a second key.
	_, err = b.AddAccount(ctx, boardtest.Admin, board.Account{Login: "lan", Name: "Lê Thị Lan", Role: board.RoleStaff,
		Keys: []board.AccountKey{{Fingerprint: "SHA256:exporttest-lan-key", Type: "ssh-ed25519", Line: "ssh-ed25519 AAAA lan@pc"}}})
	must(err)
	must(b.SetPasswordHash(ctx, boardtest.Admin, "lan", "$argon2id$v=19$m=65536,t=3,p=2$c2FsdA$aGFzaA"))
	// Bans, settings.
	_, err = b.AddBan(ctx, boardtest.Admin, board.BanInput{Fingerprint: GuestB.Fingerprint, Reason: "spam"})
	must(err)
	_, err = b.AddBan(ctx, boardtest.Admin, board.BanInput{Addr: "203.0.113.0/24", For: 7 * 24 * time.Hour, Reason: "tấn công"})
	must(err)
	must(b.SetModeration(ctx, boardtest.Admin, board.ModerateEveryone))
	must(b.SetWordList(ctx, boardtest.Admin, []string{"cờ bạc"}))
	// Files: a picture and a document on a published thread, a document on a hidden one.
	var png bytes.Buffer
	must(pngEncode(&png))
	_, err = b.AttachFile(ctx, boardtest.Editor, f.Published.ID, board.FileInput{Name: "ảnh lớp học.png", Caption: "Lớp tập huấn", Data: png.Bytes()})
	must(err)
	_, err = b.AttachFile(ctx, boardtest.Editor, f.Published.ID, board.FileInput{Name: "Kế hoạch.pdf", Data: []byte("%PDF-1.7\n\x00\xff\n")})
	must(err)
	_, err = b.AttachFile(ctx, boardtest.Editor, f.Hidden.ID, board.FileInput{Name: "ẩn.txt", Data: []byte("Tài liệu ẩn\n")})
	must(err)
	// Visitors, views, read markers, visit marks.
	now := time.Now()
	for _, id := range []board.Identity{GuestA, GuestB, GuestC, boardtest.Staff} {
		b.RecordVisit(id, now)
	}
	b.RecordVisit(GuestA, now)
	b.RecordVisit(GuestA, now.AddDate(0, 0, -1))
	vc := b.NewViewCounter()
	vc.View(f.Published.ID)
	vc.View(f.Published.ID)
	b.MarkRead(GuestA, f.Published.ID)
	b.MarkRead(boardtest.Staff, f.Other.ID)
	must(b.Flush(ctx))
	return f
}

// Lines are the record lines of an export of st (the header, which holds the time, left out):
// two stores holding the same board give the same lines.
func Lines(t testing.TB, st board.Store) []string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := export.Snapshot(context.Background(), st, &buf, export.WriteOptions{}); err != nil {
		t.Fatalf("exporttest: export: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	return lines[1:]
}

// Views are what readers and moderators see of a board through the ssh commands (JSON), and
// through board methods where no command shows it: two boards with the same data give the
// same views. (The audit log is left out: showing a draft to a guest adds a "denied" entry
// with the time of the call. Lines compares it.)
func Views(t testing.TB, b *board.Board, f Fixture) map[string]string {
	t.Helper()
	ctx := context.Background()
	out := map[string]string{}
	run := func(id board.Identity, args ...string) {
		var stdout, stderr bytes.Buffer
		env := command.Env{Board: b, Identity: id, Lang: i18n.En, Version: "test"}
		code := command.Run(ctx, env, args, strings.NewReader(""), &stdout, &stderr)
		out[fmt.Sprintf("%s %s", id.Actor(), strings.Join(args, " "))] = fmt.Sprintf("exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	run(GuestC, "news", "list", "--json")
	run(boardtest.Editor, "news", "list", "--json", "--all")
	run(GuestC, "news", "list", "--json", "--category", f.Category.Slug)
	for _, q := range []string{"tre em", "TRẺ EM", "dong", "ban"} {
		run(GuestC, "news", "search", q, "--json")
	}
	for _, th := range []board.Thread{f.Published, f.Other, f.Draft, f.Hidden, f.Deleted, f.Edited} {
		run(GuestC, "news", "show", fmt.Sprint(th.ID), "--json")
		run(boardtest.Admin, "news", "show", fmt.Sprint(th.ID), "--json")
	}
	run(boardtest.Admin, "comments", "pending", "--json")
	run(boardtest.Admin, "ban", "list", "--json")
	run(boardtest.Admin, "user", "list", "--json")
	run(GuestC, "stats", "--json")
	view := func(name string, v any, err error) {
		raw, jerr := json.Marshal(v)
		out[name] = fmt.Sprintf("%s %v %v", raw, err, jerr)
	}
	for _, th := range []board.Thread{f.Published, f.Other} {
		p, err := b.Comments(ctx, boardtest.Admin, th.ID, 1, 100)
		view(fmt.Sprintf("comments of %d", th.ID), p, err)
	}
	for _, c := range []board.Comment{f.Pending, f.Approved, f.Rejected, f.DeletedComment} {
		cm, err := b.Comment(ctx, boardtest.Admin, c.ID)
		view(fmt.Sprintf("comment %d", c.ID), cm, err)
	}
	for _, th := range []board.Thread{f.Published, f.Hidden} {
		run(GuestC, "news", "files", fmt.Sprint(th.ID), "--json")
		run(boardtest.Editor, "news", "files", fmt.Sprint(th.ID), "--json")
		files, err := b.Files(ctx, boardtest.Editor, th.ID)
		for _, fl := range files {
			_, data, derr := b.FileData(ctx, boardtest.Editor, th.ID, fl.ID)
			out[fmt.Sprintf("file %d", fl.ID)] = fmt.Sprintf("%x %v", data, derr)
		}
		view(fmt.Sprintf("files of %d", th.ID), files, err)
	}
	revs, err := b.Revisions(ctx, boardtest.Editor, f.Edited.ID)
	view("revisions", revs, err)
	accts, err := b.Accounts(ctx, boardtest.Admin)
	view("accounts", accts, err)
	for _, g := range []board.Identity{GuestA, boardtest.Staff} {
		marks, err := b.ReadMarks(ctx, g, []uint64{f.Published.ID, f.Other.ID})
		view("marks of "+g.Actor(), marks, err)
	}
	counts, err := b.VisitorCounts(ctx)
	view("visitors", counts, err)
	days, err := b.DailyVisits(ctx, 7)
	view("daily", days, err)
	s, err := b.Settings(ctx)
	view("settings", s, err)
	ban, err := b.IsBanned(ctx, GuestB.Fingerprint, "10.0.0.2")
	view("banned key", ban, err)
	ban, err = b.IsBanned(ctx, "", netip.MustParseAddr("203.0.113.7").String())
	view("banned ip", ban, err)
	return out
}

// Compare fails t for every view that differs.
func Compare(t testing.TB, want, got map[string]string) {
	t.Helper()
	for k, w := range want {
		if g := got[k]; g != w {
			t.Errorf("%s differs:\nsource: %s\ncopy:   %s", k, w, g)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d views, want %d", len(got), len(want))
	}
}

// RoundTrip copies a filled embedded board into the store into returns (empty, e.g. a
// PostgreSQL store), exports that store, imports the export into a new embedded board and
// checks that every step carried every record (counts by kind) and that the last board shows
// what the first showed (Views). It is the `bangtin copy` round trip for any board.Store.
func RoundTrip(t *testing.T, into func(t testing.TB) board.Store) {
	t.Helper()
	ctx := context.Background()
	b, st := boardtest.Open(t, filepath.Join(t.TempDir(), boltstore.FileName))
	f := Fill(t, b)
	var f0 bytes.Buffer
	want, err := export.Snapshot(ctx, st, &f0, export.WriteOptions{})
	if err != nil {
		t.Fatalf("export the embedded board: %v", err)
	}
	views := Views(t, b, f)
	mid := into(t)
	res, err := export.Read(ctx, mid, &f0, export.ReadOptions{})
	if err != nil {
		t.Fatalf("import into the store: %v", err)
	}
	if d := export.Diff(want, res.Counts); len(d) > 0 {
		t.Errorf("import into the store: %v", d)
	}
	var f1 bytes.Buffer
	got, err := export.Snapshot(ctx, mid, &f1, export.WriteOptions{})
	if err != nil {
		t.Fatalf("export the store: %v", err)
	}
	if d := export.Diff(want, got); len(d) > 0 {
		t.Errorf("the store exports other counts: %v", d)
	}
	last, err := boltstore.Open(filepath.Join(t.TempDir(), boltstore.FileName), boltstore.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := export.Read(ctx, last, &f1, export.ReadOptions{}); err != nil {
		last.Close()
		t.Fatalf("import the store's export: %v", err)
	}
	lb, err := board.New(last, board.Options{})
	if err != nil {
		last.Close()
		t.Fatal(err)
	}
	defer lb.Close()
	Compare(t, views, Views(t, lb, f))
}

// pngEncode writes a small picture with some colour (a file of the fixture).
func pngEncode(w io.Writer) error {
	img := image.NewNRGBA(image.Rect(0, 0, 8, 6))
	for i := range img.Pix {
		img.Pix[i] = byte(i * 7)
	}
	return png.Encode(w, img)
}

package board_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/boltstore"
)

var ctx = context.Background()

// clock is a settable clock for board.Options.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(t time.Time) *clock { return &clock{t: t} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

var hcm = func() *time.Location {
	l, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		panic(err)
	}
	return l
}()

func problem(t *testing.T, err error, field string, p board.Problem) {
	t.Helper()
	var ve *board.ValidationError
	if !errors.As(err, &ve) || ve.Field != field || ve.Problem != p || !errors.Is(err, board.ErrInvalid) {
		t.Fatalf("err = %v, want %s %s", err, field, p)
	}
}

func TestThreadsAndComments(t *testing.T) {
	b := boardtest.New(t)
	th := boardtest.Thread(t, b, "Thông báo tiêm chủng cho trẻ em", "Nội dung **bài**")
	if th.ID == 0 || th.Status != board.StatusPublished || th.PublishedAt.IsZero() || th.AuthorLogin != "editor" {
		t.Fatalf("thread = %+v", th)
	}
	page, err := b.ListThreads(ctx, boardtest.Guest(""), board.ThreadQuery{})
	if err != nil || page.Total != 1 || len(page.Threads) != 1 || page.Threads[0].Title != th.Title {
		t.Fatalf("list = %+v, %v", page, err)
	}
	g := boardtest.Guest("10.0.0.1")
	c, err := b.PostComment(ctx, g, board.CommentInput{ThreadID: th.ID, Name: "Lan", Body: "Xin hỏi lịch tiêm?"})
	if err != nil || c.Status != board.CommentPending || c.RemoteAddr != "10.0.0.1" {
		t.Fatalf("guest comment = %+v, %v", c, err)
	}
	c2, err := b.PostComment(ctx, boardtest.Staff, board.CommentInput{ThreadID: th.ID, Name: "Cán bộ", Body: "Thứ hai."})
	if err != nil || c2.Status != board.CommentApproved {
		t.Fatalf("staff comment = %+v, %v", c2, err)
	}
	// A pending comment does not block later ones.
	cp, _ := b.Comments(ctx, boardtest.Guest(""), th.ID, 1, 20)
	if cp.Total != 1 || cp.Comments[0].ID != c2.ID {
		t.Fatalf("comments before approval = %+v", cp)
	}
	if n, _ := b.PendingCount(ctx); n != 1 {
		t.Fatalf("pending = %d", n)
	}
	pend, err := b.Pending(ctx, boardtest.Editor, 10)
	if err != nil || len(pend) != 1 || pend[0].ThreadTitle != th.Title {
		t.Fatalf("pending = %+v, %v", pend, err)
	}
	if _, err := b.Comment(ctx, boardtest.Guest(""), c.ID); !errors.Is(err, board.ErrNotFound) {
		t.Fatalf("guest sees a pending comment: %v", err)
	}
	if err := b.ApproveComments(ctx, boardtest.Staff, []uint64{c.ID}, ""); !errors.Is(err, board.ErrForbidden) {
		t.Fatalf("staff approve: %v", err)
	}
	if err := b.ApproveComments(ctx, boardtest.Editor, []uint64{c.ID}, "ok"); err != nil {
		t.Fatal(err)
	}
	cp, err = b.Comments(ctx, boardtest.Guest(""), th.ID, 1, 20)
	if err != nil || cp.Total != 2 || len(cp.Comments) != 2 || cp.Comments[0].ID != c.ID || cp.Comments[0].Moderator != "editor" {
		t.Fatalf("comments = %+v, %v", cp, err)
	}
	// The comments of a hidden thread are as hidden as the thread, except from editors.
	if err := b.HideThread(ctx, boardtest.Editor, th.ID, "tạm ẩn"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Comments(ctx, boardtest.Staff, th.ID, 1, 20); !errors.Is(err, board.ErrNotFound) {
		t.Fatalf("staff reads the comments of a hidden thread: %v", err)
	}
	if cp, err := b.Comments(ctx, boardtest.Editor, th.ID, 1, 20); err != nil || cp.Total != 2 {
		t.Fatalf("editor, comments of a hidden thread = %+v, %v", cp, err)
	}
	if err := b.RestoreThread(ctx, boardtest.Editor, th.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := b.Thread(ctx, boardtest.Guest(""), th.ID)
	if got.Comments != 2 || got.LastCommentAt.IsZero() {
		t.Fatalf("thread counts = %+v", got)
	}
	if err := b.RejectComments(ctx, boardtest.Editor, []uint64{c.ID, c2.ID}, "spam"); err != nil {
		t.Fatal(err)
	}
	got, _ = b.Thread(ctx, boardtest.Guest(""), th.ID)
	if got.Comments != 0 || !got.LastCommentAt.IsZero() {
		t.Fatalf("after reject = %+v", got)
	}
	if err := b.DeleteComments(ctx, boardtest.Editor, []uint64{c.ID, 9999}, ""); !errors.Is(err, board.ErrNotFound) {
		t.Fatalf("delete unknown: %v", err)
	}
	if cm, _ := b.Comment(ctx, boardtest.Editor, c.ID); cm.Status != board.CommentRejected {
		t.Fatalf("a failed batch changed a comment: %+v", cm)
	}
	ed, err := b.EditComment(ctx, boardtest.Editor, c.ID, board.CommentInput{Name: "Lan", Title: "Hỏi", Body: "Đã sửa"}, true)
	if err != nil || ed.Status != board.CommentApproved || ed.Body != "Đã sửa" {
		t.Fatalf("edit = %+v, %v", ed, err)
	}
	// Comments on a missing or hidden thread.
	if _, err := b.PostComment(ctx, boardtest.Staff, board.CommentInput{ThreadID: 999, Name: "A", Body: "B"}); !errors.Is(err, board.ErrNotFound) {
		t.Fatalf("comment on missing thread: %v", err)
	}
	if err := b.HideThread(ctx, boardtest.Editor, th.ID, "sai"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.PostComment(ctx, boardtest.Staff, board.CommentInput{ThreadID: th.ID, Name: "A", Body: "B"}); !errors.Is(err, board.ErrNotFound) {
		t.Fatalf("comment on hidden thread: %v", err)
	}
}

func TestCommentValidation(t *testing.T) {
	b := boardtest.New(t)
	th := boardtest.Thread(t, b, "Tin", "")
	long := func(n int) string { return strings.Repeat("ắ", n) }
	tests := []struct {
		name  string
		in    board.CommentInput
		field string
		p     board.Problem
	}{
		{"empty name", board.CommentInput{Body: "x"}, "name", board.ProblemRequired},
		{"blank name", board.CommentInput{Name: " \t\n ", Body: "x"}, "name", board.ProblemRequired},
		{"long name", board.CommentInput{Name: long(81), Body: "x"}, "name", board.ProblemTooLong},
		{"nul name", board.CommentInput{Name: "a\x00b", Body: "x"}, "name", board.ProblemEncoding},
		{"bad utf8 name", board.CommentInput{Name: "a\xffb", Body: "x"}, "name", board.ProblemEncoding},
		{"long title", board.CommentInput{Name: "a", Title: long(151), Body: "x"}, "title", board.ProblemTooLong},
		{"nul title", board.CommentInput{Name: "a", Title: "\x00", Body: "x"}, "title", board.ProblemEncoding},
		{"empty body", board.CommentInput{Name: "a"}, "body", board.ProblemRequired},
		{"blank body", board.CommentInput{Name: "a", Body: "\n\n  \t"}, "body", board.ProblemRequired},
		{"long body", board.CommentInput{Name: "a", Body: long(4001)}, "body", board.ProblemTooLong},
		{"bad utf8 body", board.CommentInput{Name: "a", Body: "\xc3"}, "body", board.ProblemEncoding},
		{"only controls", board.CommentInput{Name: "a", Body: "\x1b[2J\u202e"}, "body", board.ProblemRequired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.ThreadID = th.ID
			_, err := b.PostComment(ctx, boardtest.Staff, tt.in)
			problem(t, err, tt.field, tt.p)
		})
	}
	// Limits count runes after cleaning; NFD input is stored NFC; escapes are removed.
	nfd := norm.NFD.String("Nguyễn Thị Lựu")
	c, err := b.PostComment(ctx, boardtest.Staff, board.CommentInput{ThreadID: th.ID, Name: nfd, Title: long(150), Body: long(4000) + "\x1b[31m"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Name != "Nguyễn Thị Lựu" || !norm.NFC.IsNormalString(c.Name) || strings.Contains(c.Body, "\x1b") {
		t.Fatalf("stored %q / %q", c.Name, c.Body[len(c.Body)-10:])
	}
}

func TestThreadValidationAndRevisions(t *testing.T) {
	b := boardtest.New(t)
	for _, tt := range []struct {
		in    board.ThreadInput
		field string
		p     board.Problem
	}{
		{board.ThreadInput{}, "title", board.ProblemRequired},
		{board.ThreadInput{Title: "  "}, "title", board.ProblemRequired},
		{board.ThreadInput{Title: strings.Repeat("a", 201)}, "title", board.ProblemTooLong},
		{board.ThreadInput{Title: "a\x00"}, "title", board.ProblemEncoding},
		{board.ThreadInput{Title: "a", Summary: strings.Repeat("ư", 501)}, "summary", board.ProblemTooLong},
		{board.ThreadInput{Title: "a", Body: strings.Repeat("x", 64<<10+1)}, "body", board.ProblemTooLong},
		{board.ThreadInput{Title: "a", Body: "\xff"}, "body", board.ProblemEncoding},
		{board.ThreadInput{Title: "a", CategoryID: 99}, "category", board.ProblemUnknown},
	} {
		_, err := b.CreateThread(ctx, boardtest.Editor, tt.in)
		problem(t, err, tt.field, tt.p)
	}
	if _, err := b.CreateThread(ctx, boardtest.Staff, board.ThreadInput{Title: "x"}); !errors.Is(err, board.ErrForbidden) {
		t.Fatalf("staff create: %v", err)
	}
	th, err := b.CreateThread(ctx, boardtest.Editor, board.ThreadInput{Title: "Bản 1", Body: "một", Draft: true})
	if err != nil || th.Status != board.StatusDraft || !th.PublishedAt.IsZero() {
		t.Fatalf("draft = %+v, %v", th, err)
	}
	if _, err := b.Thread(ctx, boardtest.Guest(""), th.ID); !errors.Is(err, board.ErrNotFound) {
		t.Fatalf("guest sees a draft: %v", err)
	}
	th, err = b.UpdateThread(ctx, boardtest.Editor, th.ID, board.ThreadInput{Title: "Bản 2", Body: "hai"})
	if err != nil || th.Status != board.StatusPublished || th.PublishedAt.IsZero() {
		t.Fatalf("publish = %+v, %v", th, err)
	}
	if _, err := b.UpdateThread(ctx, boardtest.Admin, th.ID, board.ThreadInput{Title: "Bản 3", Body: "ba"}); err != nil {
		t.Fatal(err)
	}
	revs, err := b.Revisions(ctx, boardtest.Editor, th.ID)
	if err != nil || len(revs) != 2 || revs[0].Title != "Bản 1" || revs[1].Title != "Bản 2" || revs[1].Editor != "admin" || revs[0].Rev != 1 {
		t.Fatalf("revisions = %+v, %v", revs, err)
	}
	th, err = b.RestoreRevision(ctx, boardtest.Editor, th.ID, 1)
	if err != nil || th.Title != "Bản 1" || th.Body != "một" {
		t.Fatalf("restore revision = %+v, %v", th, err)
	}
	if revs, _ = b.Revisions(ctx, boardtest.Editor, th.ID); len(revs) != 3 || revs[2].Title != "Bản 3" {
		t.Fatalf("revisions after restore = %+v", revs)
	}
	if _, err := b.RestoreRevision(ctx, boardtest.Editor, th.ID, 42); !errors.Is(err, board.ErrNotFound) {
		t.Fatalf("restore missing revision: %v", err)
	}
	if _, err := b.Revisions(ctx, boardtest.Staff, th.ID); !errors.Is(err, board.ErrForbidden) {
		t.Fatalf("staff revisions: %v", err)
	}
	// Delete: gone for everyone's lists; only an admin restores it.
	if err := b.DeleteThread(ctx, boardtest.Editor, th.ID, "nhầm"); err != nil {
		t.Fatal(err)
	}
	for _, who := range []board.Identity{boardtest.Guest(""), boardtest.Editor} {
		p, _ := b.ListThreads(ctx, who, board.ThreadQuery{All: true})
		if p.Total != 0 || len(p.Threads) != 0 {
			t.Fatalf("deleted thread listed for %s: %+v", who.Role, p)
		}
	}
	if err := b.RestoreThread(ctx, boardtest.Editor, th.ID); !errors.Is(err, board.ErrForbidden) {
		t.Fatalf("editor restores deleted: %v", err)
	}
	if err := b.RestoreThread(ctx, boardtest.Admin, th.ID); err != nil {
		t.Fatal(err)
	}
	if p, _ := b.ListThreads(ctx, boardtest.Guest(""), board.ThreadQuery{}); p.Total != 1 {
		t.Fatalf("restored thread not listed: %+v", p)
	}
	if err := b.HideThread(ctx, boardtest.Editor, 12345, ""); !errors.Is(err, board.ErrNotFound) {
		t.Fatalf("hide missing: %v", err)
	}
}

func TestListPagingAndCategories(t *testing.T) {
	clk := newClock(time.Date(2026, 3, 1, 8, 0, 0, 0, hcm))
	b := boardtest.New(t, board.Options{Now: clk.Now})
	cat, err := b.AddCategory(ctx, boardtest.Editor, "Thông báo")
	if err != nil || cat.Slug != "thong-bao" || cat.Order != 1 {
		t.Fatalf("category = %+v, %v", cat, err)
	}
	if _, err := b.AddCategory(ctx, boardtest.Editor, "THÔNG BÁO"); !errors.Is(err, board.ErrExists) {
		t.Fatalf("duplicate slug: %v", err)
	}
	if _, err := b.AddCategory(ctx, boardtest.Staff, "X"); !errors.Is(err, board.ErrForbidden) {
		t.Fatalf("staff category: %v", err)
	}
	var ids []uint64
	for i := range 45 {
		clk.Add(time.Minute)
		in := board.ThreadInput{Title: fmt.Sprintf("Tin %d", i), Pinned: i == 3}
		if i%3 == 0 {
			in.CategoryID = cat.ID
		}
		th, err := b.CreateThread(ctx, boardtest.Editor, in)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, th.ID)
	}
	draft, _ := b.CreateThread(ctx, boardtest.Editor, board.ThreadInput{Title: "nháp", Draft: true})
	var seen []uint64
	q := board.ThreadQuery{PerPage: 20}
	for n := 1; ; n++ {
		p, err := b.ListThreads(ctx, boardtest.Guest(""), q)
		if err != nil {
			t.Fatal(err)
		}
		if p.Total != 45 || p.Pages != 3 || p.Page != n {
			t.Fatalf("page %d = total %d pages %d page %d", n, p.Total, p.Pages, p.Page)
		}
		for _, th := range p.Threads {
			seen = append(seen, th.ID)
		}
		if p.Next == "" {
			break
		}
		q.Cursor = p.Next
	}
	// pinned first, then newest first
	want := []uint64{ids[3]}
	for i := 44; i >= 0; i-- {
		if i != 3 {
			want = append(want, ids[i])
		}
	}
	if !slices.Equal(seen, want) {
		t.Fatalf("order = %v, want %v", seen, want)
	}
	p3, _ := b.ListThreads(ctx, boardtest.Guest(""), board.ThreadQuery{Page: 3, PerPage: 20})
	if len(p3.Threads) != 5 || p3.Threads[4].ID != ids[0] || p3.Next != "" {
		t.Fatalf("page 3 = %+v", p3)
	}
	pc, _ := b.ListThreads(ctx, boardtest.Guest(""), board.ThreadQuery{CategoryID: cat.ID, PerPage: 100})
	if pc.Total != 15 || len(pc.Threads) != 15 || pc.Threads[0].ID != ids[3] {
		t.Fatalf("category list = %d %d", pc.Total, len(pc.Threads))
	}
	pe, _ := b.ListThreads(ctx, boardtest.Editor, board.ThreadQuery{All: true})
	pg, _ := b.ListThreads(ctx, boardtest.Guest(""), board.ThreadQuery{All: true})
	if pe.Total != 46 || pg.Total != 45 || pe.Threads[1].ID != draft.ID {
		t.Fatalf("all: editor %d, guest %d", pe.Total, pg.Total)
	}
	if _, err := b.ListThreads(ctx, boardtest.Guest(""), board.ThreadQuery{Cursor: "garbage"}); !errors.Is(err, board.ErrInvalid) {
		t.Fatalf("bad cursor: %v", err)
	}
	others, err := b.OtherThreads(ctx, ids[6], 16)
	if err != nil || len(others) != 16 {
		t.Fatalf("others = %v, %v", others, err)
	}
	for i, o := range others[:14] {
		if o.CategoryID != cat.ID || o.ID == ids[6] {
			t.Fatalf("other %d = %+v", i, o)
		}
	}
	if others[14].ID != ids[44] {
		t.Fatalf("15th other should be the newest of another category: %+v", others[14])
	}
	// categories: rename (keeps the slug), a new slug, move, remove
	oldSlug := cat.Slug
	if err := b.RenameCategory(ctx, boardtest.Editor, cat.ID, "Văn bản"); err != nil {
		t.Fatal(err)
	}
	if c, err := b.CategoryBySlug(ctx, oldSlug); err != nil || c.ID != cat.ID || c.Name != "Văn bản" {
		t.Fatalf("renamed, by old slug = %+v, %v", c, err)
	}
	if c, err := b.EditCategory(ctx, boardtest.Editor, cat.ID, "Văn bản", "van-ban"); err != nil || c.Slug != "van-ban" {
		t.Fatalf("new slug = %+v, %v", c, err)
	}
	if c, err := b.CategoryBySlug(ctx, "van-ban"); err != nil || c.ID != cat.ID {
		t.Fatalf("by slug = %+v, %v", c, err)
	}
	if err := b.MoveCategory(ctx, boardtest.Editor, cat.ID, 0); err != nil {
		t.Fatal(err)
	}
	cs, _ := b.Categories(ctx)
	if len(cs) != 2 || cs[0].ID != cat.ID || cs[1].Slug != "tin-tuc" {
		t.Fatalf("categories = %+v", cs)
	}
	if err := b.RemoveCategory(ctx, boardtest.Editor, cat.ID); !errors.Is(err, board.ErrNotEmpty) {
		t.Fatalf("remove non-empty: %v", err)
	}
	empty, _ := b.AddCategory(ctx, boardtest.Editor, "Trống")
	if err := b.RemoveCategory(ctx, boardtest.Editor, empty.ID); err != nil {
		t.Fatal(err)
	}
	if err := b.RemoveCategory(ctx, boardtest.Editor, empty.ID); !errors.Is(err, board.ErrNotFound) {
		t.Fatalf("remove twice: %v", err)
	}
}

func TestModerationModesAndWordList(t *testing.T) {
	b := boardtest.New(t)
	th := boardtest.Thread(t, b, "Tin", "")
	post := func(id board.Identity, body string) board.CommentStatus {
		t.Helper()
		c, err := b.PostComment(ctx, id, board.CommentInput{ThreadID: th.ID, Name: "Tên", Body: body})
		if err != nil {
			t.Fatal(err)
		}
		return c.Status
	}
	P, A := board.CommentPending, board.CommentApproved
	for _, tt := range []struct {
		mode                     board.ModerationMode
		guest, staff, editor, ad board.CommentStatus
	}{
		{board.ModerateGuests, P, A, A, A},
		{board.ModerateEveryone, P, P, P, P},
		{board.ModerateNone, A, A, A, A},
	} {
		if err := b.SetModeration(ctx, boardtest.Admin, tt.mode); err != nil {
			t.Fatal(err)
		}
		got := []board.CommentStatus{
			post(boardtest.Guest(fmt.Sprintf("10.1.%d.1", tt.mode)), "x"), post(boardtest.Staff, "x"),
			post(boardtest.Editor, "x"), post(boardtest.Admin, "x"),
		}
		if !slices.Equal(got, []board.CommentStatus{tt.guest, tt.staff, tt.editor, tt.ad}) {
			t.Fatalf("mode %s: %v", tt.mode, got)
		}
	}
	if err := b.SetModeration(ctx, boardtest.Editor, board.ModerateNone); !errors.Is(err, board.ErrForbidden) {
		t.Fatalf("editor settings: %v", err)
	}
	if err := b.SetWordList(ctx, boardtest.Admin, []string{"Lừa Đảo", "  ", "cờ bạc"}); err != nil {
		t.Fatal(err)
	}
	s, _ := b.Settings(ctx)
	if !slices.Equal(s.WordList, []string{"Lừa Đảo", "cờ bạc"}) || s.Moderation != board.ModerateNone {
		t.Fatalf("settings = %+v", s)
	}
	if got := post(boardtest.Admin, "Đây là LỪA ĐẢO rõ ràng"); got != P {
		t.Fatalf("word list: %s", got)
	}
	if got := post(boardtest.Admin, "lừa gà, không đảo"); got != A {
		t.Fatalf("word list matched non-adjacent words: %s", got)
	}
	if err := b.SetCaptcha(ctx, boardtest.Admin, false); err != nil {
		t.Fatal(err)
	}
	if s, _ := b.Settings(ctx); s.Captcha {
		t.Fatal("captcha still on")
	}
}

func TestBansAndRateLimit(t *testing.T) {
	clk := newClock(time.Date(2026, 5, 1, 9, 0, 0, 0, hcm))
	b := boardtest.New(t, board.Options{Now: clk.Now, GuestCommentLimit: 2, GuestCommentWindow: 10 * time.Minute})
	th := boardtest.Thread(t, b, "Tin", "")
	in := board.CommentInput{ThreadID: th.ID, Name: "Khách", Body: "chào"}
	ban, err := b.AddBan(ctx, boardtest.Admin, board.BanInput{Addr: "10.9.0.0/16", For: time.Hour, Reason: "spam"})
	if err != nil || ban.Prefix.String() != "10.9.0.0/16" || ban.By != "admin" {
		t.Fatalf("ban = %+v, %v", ban, err)
	}
	kb, err := b.AddBan(ctx, boardtest.Admin, board.BanInput{Fingerprint: "SHA256:badkey", Reason: "quấy rối"})
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []board.BanInput{{}, {Addr: "nonsense"}, {Fingerprint: "SHA256:x", Addr: "1.2.3.4"}, {Fingerprint: "md5:aa"}, {Addr: "1.2.3.4", For: -time.Second}} {
		if _, err := b.AddBan(ctx, boardtest.Admin, bad); !errors.Is(err, board.ErrInvalid) {
			t.Fatalf("ban %+v: %v", bad, err)
		}
	}
	if _, err := b.AddBan(ctx, boardtest.Editor, board.BanInput{Addr: "1.2.3.4"}); !errors.Is(err, board.ErrForbidden) {
		t.Fatalf("editor ban: %v", err)
	}
	_, err = b.PostComment(ctx, boardtest.Guest("10.9.3.4"), in)
	var be *board.BanError
	if !errors.As(err, &be) || be.Reason != "spam" || !be.Expires.Equal(clk.Now().Add(time.Hour)) {
		t.Fatalf("banned ip: %v", err)
	}
	if err := b.MayPost(ctx, boardtest.GuestKey("SHA256:badkey", "10.1.1.1")); !errors.Is(err, board.ErrBanned) {
		t.Fatalf("banned key: %v", err)
	}
	if be, err := b.IsBanned(ctx, "", "10.9.200.1:5555"); err != nil || be == nil {
		t.Fatalf("IsBanned addr:port = %v, %v", be, err)
	}
	if be, _ := b.IsBanned(ctx, "", "10.10.0.1"); be != nil {
		t.Fatalf("outside the prefix banned: %v", be)
	}
	clk.Add(time.Hour) // the IP ban expires
	if err := b.MayPost(ctx, boardtest.Guest("10.9.3.4")); err != nil {
		t.Fatalf("expired ban still applies: %v", err)
	}
	if err := b.RemoveBan(ctx, boardtest.Admin, kb.ID); err != nil {
		t.Fatal(err)
	}
	if err := b.MayPost(ctx, boardtest.GuestKey("SHA256:badkey", "10.1.1.1")); err != nil {
		t.Fatalf("removed ban applies: %v", err)
	}
	if err := b.RemoveBan(ctx, boardtest.Admin, kb.ID); !errors.Is(err, board.ErrNotFound) {
		t.Fatalf("remove twice: %v", err)
	}
	if bans, _ := b.Bans(ctx, boardtest.Admin); len(bans) != 1 {
		t.Fatalf("bans = %+v", bans)
	}

	// Rate limit: per IP and per key, accounts unlimited.
	g := boardtest.Guest("10.2.0.1")
	for range 2 {
		if _, err := b.PostComment(ctx, g, in); err != nil {
			t.Fatal(err)
		}
	}
	_, err = b.PostComment(ctx, g, in)
	var re *board.RateLimitError
	if !errors.As(err, &re) || re.RetryAfter != 10*time.Minute {
		t.Fatalf("third guest comment: %v", err)
	}
	// same key from another address is still limited by the key
	k := boardtest.GuestKey("SHA256:guestkey", "10.3.0.1")
	b.PostComment(ctx, k, in)
	b.PostComment(ctx, k, in)
	if _, err := b.PostComment(ctx, boardtest.GuestKey("SHA256:guestkey", "10.4.0.1"), in); !errors.Is(err, board.ErrRateLimited) {
		t.Fatalf("key limit: %v", err)
	}
	for range 5 {
		if _, err := b.PostComment(ctx, boardtest.Staff, in); err != nil {
			t.Fatalf("account limited: %v", err)
		}
	}
	// An invalid comment does not use up the allowance.
	clk.Add(10 * time.Minute)
	for range 3 {
		b.PostComment(ctx, g, board.CommentInput{ThreadID: th.ID, Name: "x"})
	}
	if _, err := b.PostComment(ctx, g, in); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}

func TestAccounts(t *testing.T) {
	b := boardtest.New(t)
	for _, login := range []string{"", "a", "Lan", "lan!", ".lan", strings.Repeat("a", 33), "lan huong", "lân"} {
		_, err := b.AddAccount(ctx, boardtest.Admin, board.Account{Login: login, Role: board.RoleStaff})
		if !errors.Is(err, board.ErrInvalid) {
			t.Fatalf("login %q: %v", login, err)
		}
	}
	for _, login := range []string{"lan", "l2", "nguyen.van-a_1", strings.Repeat("z", 32)} {
		if _, err := b.AddAccount(ctx, boardtest.Admin, board.Account{Login: login, Role: board.RoleStaff}); err != nil {
			t.Fatalf("login %q: %v", login, err)
		}
	}
	if _, err := b.AddAccount(ctx, boardtest.Admin, board.Account{Login: "lan"}); !errors.Is(err, board.ErrExists) {
		t.Fatalf("duplicate login: %v", err)
	}
	_, err := b.AddAccount(ctx, boardtest.Admin, board.Account{Login: "hoa", Keys: []board.AccountKey{{Fingerprint: boardtest.StaffKey, Type: "ssh-ed25519"}}})
	if !errors.Is(err, board.ErrExists) {
		t.Fatalf("key of another account: %v", err)
	}
	if _, err := b.Account(ctx, "hoa"); !errors.Is(err, board.ErrNotFound) {
		t.Fatalf("a refused account was stored: %v", err)
	}
	if err := b.AddKey(ctx, boardtest.Admin, "lan", board.AccountKey{Fingerprint: boardtest.EditorKey}); !errors.Is(err, board.ErrExists) {
		t.Fatalf("AddKey of another's key: %v", err)
	}
	if err := b.AddKey(ctx, boardtest.Admin, "lan", board.AccountKey{Fingerprint: "SHA256:lankey", Type: "ssh-ed25519"}); err != nil {
		t.Fatal(err)
	}
	if a, err := b.AccountByKey(ctx, "SHA256:lankey"); err != nil || a.Login != "lan" {
		t.Fatalf("by key = %+v, %v", a, err)
	}
	if err := b.RemoveKey(ctx, boardtest.Admin, "lan", "SHA256:lankey"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.AccountByKey(ctx, "SHA256:lankey"); !errors.Is(err, board.ErrNotFound) {
		t.Fatalf("removed key: %v", err)
	}
	if err := b.RenameAccount(ctx, boardtest.Staff, "staff", "Cán bộ \x1b[31mđỏ"); err != nil {
		t.Fatal(err)
	}
	if a, _ := b.Account(ctx, "staff"); a.Name != "Cán bộ đỏ" && a.Name != "Cán bộ [31mđỏ" {
		t.Fatalf("name = %q", a.Name)
	} else if strings.Contains(a.Name, "\x1b") {
		t.Fatalf("escape kept in %q", a.Name)
	}
	if err := b.RenameAccount(ctx, boardtest.Staff, "lan", "X"); !errors.Is(err, board.ErrForbidden) {
		t.Fatalf("rename another: %v", err)
	}
	if err := b.SetPasswordHash(ctx, boardtest.Admin, "lan", "$argon2id$v=19$..."); err != nil {
		t.Fatal(err)
	}
	// The last admin cannot go.
	if err := b.RemoveAccount(ctx, boardtest.Admin, "admin"); !errors.Is(err, board.ErrLastAdmin) {
		t.Fatalf("remove last admin: %v", err)
	}
	if err := b.SetRole(ctx, boardtest.Admin, "admin", board.RoleEditor); !errors.Is(err, board.ErrLastAdmin) {
		t.Fatalf("demote last admin: %v", err)
	}
	if err := b.SetRole(ctx, boardtest.Admin, "lan", board.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	if err := b.SetRole(ctx, boardtest.Admin, "admin", board.RoleEditor); err != nil {
		t.Fatal(err)
	}
	if a, err := b.AccountByKey(ctx, boardtest.AdminKey); err != nil || a.Role != board.RoleEditor {
		t.Fatalf("by key after a role change = %+v, %v", a, err)
	}
	if err := b.RemoveAccount(ctx, board.System, "lan"); !errors.Is(err, board.ErrLastAdmin) {
		t.Fatalf("remove the new last admin: %v", err)
	}
	if ok, _ := b.HasAdmin(ctx); !ok {
		t.Fatal("HasAdmin = false")
	}
	if _, err := b.Accounts(ctx, boardtest.Editor); !errors.Is(err, board.ErrForbidden) {
		t.Fatalf("editor lists accounts: %v", err)
	}
	if err := b.RemoveAccount(ctx, board.System, "staff"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.AccountByKey(ctx, boardtest.StaffKey); !errors.Is(err, board.ErrNotFound) {
		t.Fatalf("key of a removed account: %v", err)
	}
}

// Lookups by key (cached) running while keys come and go: once RemoveKey returns, no lookup finds
// the key; once AddKey returns, every lookup does.
func TestAccountByKeyDuringChanges(t *testing.T) {
	b := boardtest.New(t)
	if _, err := b.AddAccount(ctx, boardtest.Admin, board.Account{Login: "lan", Role: board.RoleStaff}); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := b.AccountByKey(ctx, "SHA256:lankey"); err != nil && !errors.Is(err, board.ErrNotFound) {
					t.Error(err)
					return
				}
			}
		}()
	}
	for i := range 20 {
		if err := b.AddKey(ctx, boardtest.Admin, "lan", board.AccountKey{Fingerprint: "SHA256:lankey", Type: "ssh-ed25519"}); err != nil {
			t.Fatal(err)
		}
		if a, err := b.AccountByKey(ctx, "SHA256:lankey"); err != nil || a.Login != "lan" {
			t.Fatalf("round %d: added key: %+v, %v", i, a, err)
		}
		if err := b.RemoveKey(ctx, boardtest.Admin, "lan", "SHA256:lankey"); err != nil {
			t.Fatal(err)
		}
		if _, err := b.AccountByKey(ctx, "SHA256:lankey"); !errors.Is(err, board.ErrNotFound) {
			t.Fatalf("round %d: removed key still found: %v", i, err)
		}
	}
	close(stop)
	wg.Wait()
}

func TestAuditAndDenied(t *testing.T) {
	b := boardtest.New(t)
	th := boardtest.Thread(t, b, "Tin", "")
	c, _ := b.PostComment(ctx, boardtest.Guest(""), board.CommentInput{ThreadID: th.ID, Name: "a", Body: "b"})
	b.ApproveComments(ctx, boardtest.Editor, []uint64{c.ID}, "tốt")
	b.HideThread(ctx, boardtest.Editor, th.ID, "tạm")
	b.AddBan(ctx, boardtest.Guest(""), board.BanInput{Addr: "1.2.3.4"})
	b.LogDenied(ctx, boardtest.Staff, "admin users")
	b.LogAuthFailure(ctx, "lan", "10.0.0.9")
	if err := b.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	es, err := b.Audit(ctx, boardtest.Admin, board.AuditQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range es {
		kinds = append(kinds, e.Kind)
	}
	want := []string{board.AuditAuthFailure, board.AuditDenied, board.AuditDenied, board.AuditThreadHide, board.AuditCommentApprove, board.AuditThreadCreate}
	if !slices.Equal(kinds[:len(want)], want) {
		t.Fatalf("audit kinds = %v", kinds)
	}
	if es[4].Actor != "editor" || es[4].Target != fmt.Sprintf("comment:%d", c.ID) || es[4].Reason != "tốt" {
		t.Fatalf("approve entry = %+v", es[4])
	}
	if es[1].Actor != "staff" || es[1].Target != "admin users" {
		t.Fatalf("denied entry = %+v", es[1])
	}
	only, _ := b.Audit(ctx, boardtest.Admin, board.AuditQuery{Kind: "comment"})
	if len(only) != 1 || only[0].Kind != board.AuditCommentApprove {
		t.Fatalf("filtered = %+v", only)
	}
	if _, err := b.Audit(ctx, boardtest.Editor, board.AuditQuery{}); !errors.Is(err, board.ErrForbidden) {
		t.Fatalf("editor audit: %v", err)
	}
}

func TestSearch(t *testing.T) {
	b := boardtest.New(t)
	t1 := boardtest.Thread(t, b, "Tiêm chủng cho trẻ em", "Lịch tiêm tại trạm y tế xã.")
	t2 := boardtest.Thread(t, b, "Hội nghị", "Hỗ trợ 2 triệu đồng cho hộ nghèo.")
	t3 := boardtest.Thread(t, b, "Thông báo", "Trẻ em đến trường đúng giờ. Đông người.")
	for _, tt := range []struct {
		q    string
		want []uint64
	}{
		{"tre em", []uint64{t3.ID, t1.ID}},
		{"TRẺ EM", []uint64{t3.ID, t1.ID}},
		{norm.NFD.String("trẻ em"), []uint64{t3.ID, t1.ID}},
		{"trẻ   em tiêm", []uint64{t1.ID}},
		{"dong", []uint64{t3.ID, t2.ID}},
		{"ĐỒNG", []uint64{t3.ID, t2.ID}},
		{"tiê", []uint64{t1.ID}},
		{"ho tro", []uint64{t2.ID}},
		{"khong co", nil},
	} {
		p, err := b.Search(ctx, tt.q, 1, 20)
		if err != nil {
			t.Fatalf("%q: %v", tt.q, err)
		}
		var got []uint64
		for _, th := range p.Threads {
			got = append(got, th.ID)
		}
		if !slices.Equal(got, tt.want) || p.Total != len(tt.want) {
			t.Errorf("search %q = %v (total %d), want %v", tt.q, got, p.Total, tt.want)
		}
	}
	for _, q := range []string{"", "   ", "\x00", "!!!"} {
		if _, err := b.Search(ctx, q, 1, 20); !errors.Is(err, board.ErrInvalid) {
			t.Errorf("search %q: %v", q, err)
		}
	}
	// The index follows edits, hiding and deletion in the same transaction.
	if _, err := b.UpdateThread(ctx, boardtest.Editor, t1.ID, board.ThreadInput{Title: "Tiêm chủng", Body: "người lớn"}); err != nil {
		t.Fatal(err)
	}
	b.HideThread(ctx, boardtest.Editor, t3.ID, "")
	if p, _ := b.Search(ctx, "tre em", 1, 20); p.Total != 0 {
		t.Fatalf("stale index: %+v", p)
	}
	if p, _ := b.Search(ctx, "nguoi lon", 1, 20); p.Total != 1 || p.Threads[0].ID != t1.ID {
		t.Fatalf("updated text not found: %+v", p)
	}
	b.RestoreThread(ctx, boardtest.Editor, t3.ID)
	if p, _ := b.Search(ctx, "tre em", 1, 20); p.Total != 1 || p.Threads[0].ID != t3.ID {
		t.Fatalf("restored thread not found: %+v", p)
	}
	// paging
	for i := range 25 {
		boardtest.Thread(t, b, fmt.Sprintf("Phường %d", i), "an ninh trật tự")
	}
	p1, _ := b.Search(ctx, "an ninh", 1, 10)
	p3, _ := b.Search(ctx, "an ninh", 3, 10)
	if p1.Total != 25 || p1.Pages != 3 || len(p3.Threads) != 5 || p1.Threads[0].Title != "Phường 24" || p3.Threads[4].Title != "Phường 0" {
		t.Fatalf("search pages: %d %d %d", p1.Total, p1.Pages, len(p3.Threads))
	}
}

func TestVisitorsDayAndWeekBoundaries(t *testing.T) {
	// Sunday 2026-03-08 23:59 local, then Monday 00:01.
	sun := time.Date(2026, 3, 8, 23, 59, 0, 0, hcm)
	clk := newClock(sun)
	path := filepath.Join(t.TempDir(), boltstore.FileName)
	b, _ := boardtest.Open(t, path, board.Options{Now: clk.Now, Location: hcm})
	g1, g2 := boardtest.Guest("10.0.0.1"), boardtest.GuestKey("SHA256:k", "10.0.0.2")
	b.RecordVisit(g1, time.Date(2026, 3, 2, 10, 0, 0, 0, hcm)) // Monday of the same week
	b.RecordVisit(g1, sun)
	b.RecordVisit(g1, sun.Add(30*time.Second))
	b.RecordVisit(g2, sun)
	vc, _ := b.VisitorCounts(ctx)
	if vc != (board.VisitorCounts{Today: 3, Week: 4, Total: 4}) {
		t.Fatalf("Sunday = %+v", vc)
	}
	mon := sun.Add(2 * time.Minute) // 00:01 Monday
	clk.Set(mon)
	b.RecordVisit(g1, mon)
	vc, _ = b.VisitorCounts(ctx)
	if vc != (board.VisitorCounts{Today: 1, Week: 1, Total: 5}) {
		t.Fatalf("Monday = %+v", vc)
	}
	// The same instant in UTC is still Sunday 17:01: the board's zone decides.
	if mon.UTC().Weekday() != time.Sunday {
		t.Fatal("test premise")
	}
	if err := b.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	b.RecordVisit(g2, mon)
	hist, _ := b.VisitHistory(ctx, 8)
	if len(hist) != 8 || !hist[7].Day.Equal(time.Date(2026, 3, 9, 0, 0, 0, 0, hcm)) {
		t.Fatalf("history = %+v", hist)
	}
	if hist[7].Visits != 2 || hist[7].Unique != 2 || hist[6].Visits != 3 || hist[6].Unique != 2 || hist[0].Visits != 1 {
		t.Fatalf("history counts = %+v", hist)
	}
	b.Close()
	// Everything flushed at close survives a reopen.
	b2, _ := boardtest.Open(t, path, board.Options{Now: clk.Now, Location: hcm})
	vc, _ = b2.VisitorCounts(ctx)
	if vc != (board.VisitorCounts{Today: 2, Week: 2, Total: 6}) {
		t.Fatalf("after reopen = %+v", vc)
	}
	hist, _ = b2.VisitHistory(ctx, 2)
	if hist[1].Unique != 2 || hist[0].Unique != 2 {
		t.Fatalf("history after reopen = %+v", hist)
	}
}

func TestViewsReadMarksWhatsNew(t *testing.T) {
	clk := newClock(time.Date(2026, 4, 1, 8, 0, 0, 0, hcm))
	path := filepath.Join(t.TempDir(), boltstore.FileName)
	b, _ := boardtest.Open(t, path, board.Options{Now: clk.Now})
	old := boardtest.Thread(t, b, "Cũ", "")
	reader := boardtest.GuestKey("SHA256:reader", "10.0.0.5")
	b.RecordVisit(reader, clk.Now())
	v1 := b.NewViewCounter()
	v1.View(old.ID)
	v1.View(old.ID)
	b.NewViewCounter().View(old.ID)
	b.MarkRead(reader, old.ID)
	if th, _ := b.Thread(ctx, reader, old.ID); th.Views != 2 {
		t.Fatalf("views before flush = %d", th.Views)
	}
	clk.Add(2 * time.Hour)
	fresh := boardtest.Thread(t, b, "Mới", "")
	c, _ := b.PostComment(ctx, boardtest.Staff, board.CommentInput{ThreadID: old.ID, Name: "a", Body: "mới"})
	b.RecordVisit(reader, clk.Now())
	wn, err := b.WhatsNew(ctx, reader, 10)
	if err != nil || len(wn.Threads) != 1 || wn.Threads[0].ID != fresh.ID || len(wn.Comments) != 1 || wn.Comments[0].ID != c.ID || wn.Comments[0].ThreadTitle != "Cũ" {
		t.Fatalf("what's new = %+v, %v", wn, err)
	}
	b.Close()
	b2, _ := boardtest.Open(t, path, board.Options{Now: clk.Now})
	if th, _ := b2.Thread(ctx, reader, old.ID); th.Views != 2 {
		t.Fatalf("views after reopen = %d", th.Views)
	}
	marks, err := b2.ReadMarks(ctx, reader, []uint64{old.ID, fresh.ID})
	if err != nil || len(marks) != 1 || !marks[old.ID].Equal(time.Date(2026, 4, 1, 8, 0, 0, 0, hcm)) {
		t.Fatalf("marks = %v, %v", marks, err)
	}
	if m, _ := b2.ReadMarks(ctx, boardtest.Guest(""), []uint64{old.ID}); len(m) != 0 {
		t.Fatalf("anonymous guest has marks: %v", m)
	}
	wn, _ = b2.WhatsNew(ctx, reader, 10)
	if len(wn.Threads) != 1 || !wn.Since.Equal(time.Date(2026, 4, 1, 8, 0, 0, 0, hcm)) {
		t.Fatalf("what's new after reopen = %+v", wn)
	}
}

func TestWelcomeVersionBackupCheck(t *testing.T) {
	b := boardtest.New(t)
	v0 := b.Version()
	if err := b.EnsureWelcome(ctx, "UBND xã An Phú"); err != nil {
		t.Fatal(err)
	}
	if b.Version() <= v0 {
		t.Fatal("version did not rise")
	}
	p, _ := b.ListThreads(ctx, boardtest.Guest(""), board.ThreadQuery{})
	if p.Total != 1 || p.Threads[0].AuthorName != "bangtin" || !p.Threads[0].Pinned {
		t.Fatalf("welcome = %+v", p)
	}
	if p.Threads[0].Body != "" {
		t.Errorf("a listed thread carries its body (%d bytes)", len(p.Threads[0].Body))
	}
	w, err := b.Thread(ctx, boardtest.Guest(""), p.Threads[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"Enter", "Esc", "/", "L", "?", "c", "duyệt", "--admin-key ~/.ssh/id_ed25519.pub", "ssh -p 2222 host admin claim", "UBND xã An Phú", "Alt+Z", "Ctrl+Z", "Telex"} {
		if !strings.Contains(w.Body+w.Title, s) {
			t.Errorf("welcome lacks %q", s)
		}
	}
	cats, _ := b.Categories(ctx)
	if cats[0].Name != "Tin tức" || cats[0].Slug != "tin-tuc" || w.CategoryID != cats[0].ID {
		t.Fatalf("categories = %+v", cats)
	}
	if err := b.DeleteThread(ctx, boardtest.Admin, w.ID, ""); err != nil {
		t.Fatal(err)
	}
	b.EnsureWelcome(ctx, "x")
	if p, _ := b.ListThreads(ctx, boardtest.Guest(""), board.ThreadQuery{}); p.Total != 0 {
		t.Fatal("welcome created twice")
	}
	v1 := b.Version()
	b.RecordVisit(boardtest.Guest(""), time.Now())
	if b.Version() <= v1 {
		t.Fatal("a visit did not raise the version")
	}
	if err := b.Check(ctx); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := b.Backup(ctx, boardtest.Editor, &buf); !errors.Is(err, board.ErrForbidden) {
		t.Fatalf("editor backup: %v", err)
	}
	n, err := b.Backup(ctx, boardtest.Admin, &buf)
	if err != nil || n == 0 || int64(buf.Len()) != n {
		t.Fatalf("backup = %d, %v", n, err)
	}
}

// TestConcurrentUse runs readers and writers together (run with -race): values handed out must
// not alias bbolt's memory.
func TestConcurrentUse(t *testing.T) {
	b := boardtest.New(t)
	th := boardtest.Thread(t, b, "Tin chung", "nội dung chung")
	var wg sync.WaitGroup
	var titles sync.Map
	for w := range 4 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for i := range 20 {
				if _, err := b.PostComment(ctx, boardtest.Staff, board.CommentInput{ThreadID: th.ID, Name: "n", Body: fmt.Sprintf("c%d-%d", w, i)}); err != nil {
					t.Error(err)
					return
				}
				boardtest.Thread(t, b, fmt.Sprintf("tin %d %d", w, i), "chung")
			}
		}()
		go func() {
			defer wg.Done()
			for range 20 {
				p, err := b.ListThreads(ctx, boardtest.Guest(""), board.ThreadQuery{})
				if err != nil {
					t.Error(err)
					return
				}
				for _, x := range p.Threads {
					titles.Store(x.ID, x.Title)
				}
				cp, _ := b.Comments(ctx, boardtest.Guest(""), th.ID, 1, 100)
				for _, c := range cp.Comments {
					_ = strings.ToUpper(c.Body)
				}
				b.Search(ctx, "chung", 1, 20)
			}
		}()
	}
	wg.Wait()
	titles.Range(func(k, v any) bool {
		if !strings.HasPrefix(v.(string), "tin ") && !strings.HasPrefix(v.(string), "Tin ") {
			t.Errorf("title changed under us: %q", v)
		}
		return true
	})
	if got, _ := b.Thread(ctx, boardtest.Guest(""), th.ID); got.Comments != 80 {
		t.Fatalf("comments = %d", got.Comments)
	}
}

func TestOtherInputValidation(t *testing.T) {
	b := boardtest.New(t)
	th := boardtest.Thread(t, b, "Tin", "")
	long := strings.Repeat("đ", 81)
	nfd := norm.NFD.String("Thông báo khẩn")
	cat, err := b.AddCategory(ctx, boardtest.Editor, nfd)
	if err != nil || cat.Name != "Thông báo khẩn" || cat.Slug != "thong-bao-khan" {
		t.Fatalf("NFD category = %+v, %v", cat, err)
	}
	checks := []struct {
		name  string
		err   error
		field string
		p     board.Problem
	}{
		{"category empty", second(b.AddCategory(ctx, boardtest.Editor, "")), "name", board.ProblemRequired},
		{"category blank", second(b.AddCategory(ctx, boardtest.Editor, " \u00a0\t")), "name", board.ProblemRequired},
		{"category long", second(b.AddCategory(ctx, boardtest.Editor, long)), "name", board.ProblemTooLong},
		{"category nul", second(b.AddCategory(ctx, boardtest.Editor, "a\x00")), "name", board.ProblemEncoding},
		{"category symbols", second(b.AddCategory(ctx, boardtest.Editor, "!!!")), "name", board.ProblemFormat},
		{"rename bad utf8", b.RenameCategory(ctx, boardtest.Editor, cat.ID, "\xff"), "name", board.ProblemEncoding},
		{"account name long", b.RenameAccount(ctx, boardtest.Admin, "staff", long), "name", board.ProblemTooLong},
		{"account name blank", b.RenameAccount(ctx, boardtest.Admin, "staff", "   "), "name", board.ProblemRequired},
		{"ban reason nul", second(b.AddBan(ctx, boardtest.Admin, board.BanInput{Addr: "1.2.3.4", Reason: "\x00"})), "reason", board.ProblemEncoding},
		{"hide reason long", b.HideThread(ctx, boardtest.Editor, th.ID, strings.Repeat("x", 501)), "reason", board.ProblemTooLong},
		{"moderation reason bad", b.ApproveComments(ctx, boardtest.Editor, []uint64{1}, "\xc0"), "reason", board.ProblemEncoding},
		{"word list long word", b.SetWordList(ctx, boardtest.Admin, []string{strings.Repeat("a", 81)}), "words", board.ProblemTooLong},
		{"key bad", b.AddKey(ctx, boardtest.Admin, "staff", board.AccountKey{Fingerprint: "not a key"}), "key", board.ProblemFormat},
		{"search long", third(b.Search(ctx, strings.Repeat("a", 201), 1, 10)), "query", board.ProblemTooLong},
		{"moderation unknown", b.SetModeration(ctx, boardtest.Admin, board.ModerationMode(9)), "moderation", board.ProblemUnknown},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) { problem(t, c.err, c.field, c.p) })
	}
	if s, _ := b.Settings(ctx); s.Moderation != board.ModerateGuests || len(s.WordList) != 0 {
		t.Fatalf("refused changes stored: %+v", s)
	}
}

func second[T any](_ T, err error) error { return err }

func third(_ board.ThreadPage, err error) error { return err }

// TestChangesSurviveGroupReruns mixes changes that fail inside the shared transaction with
// ones that succeed: the store reruns the group without the failures, and each success must
// be stored exactly once with its own id.
func TestChangesSurviveGroupReruns(t *testing.T) {
	b := boardtest.New(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	ids := map[uint64]bool{}
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i%2 == 1 {
				if err := b.RemoveBan(ctx, boardtest.Admin, 100000+uint64(i)); !errors.Is(err, board.ErrNotFound) {
					t.Errorf("remove missing ban: %v", err)
				}
				return
			}
			ban, err := b.AddBan(ctx, boardtest.Admin, board.BanInput{Addr: fmt.Sprintf("10.7.0.%d", i), Reason: "r"})
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			defer mu.Unlock()
			if ids[ban.ID] {
				t.Errorf("ban id %d handed out twice", ban.ID)
			}
			ids[ban.ID] = true
		}()
	}
	wg.Wait()
	bans, _ := b.Bans(ctx, boardtest.Admin)
	if len(bans) != 20 || len(ids) != 20 {
		t.Fatalf("%d bans stored, %d acknowledged", len(bans), len(ids))
	}
	for _, x := range bans {
		if !ids[x.ID] {
			t.Fatalf("stored ban %d was not acknowledged", x.ID)
		}
		if err := b.MayPost(ctx, boardtest.Guest(x.Prefix.Addr().String())); !errors.Is(err, board.ErrBanned) {
			t.Fatalf("ban cache misses %s: %v", x.Prefix, err)
		}
	}
}

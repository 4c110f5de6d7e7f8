package board_test

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"bangtin/board"
	"bangtin/board/boardtest"
)

// TestWordListKeepsDiacritics: entries are stored as written and match whole words with their
// diacritics, case ignored; the comment records the entry that held it.
func TestWordListKeepsDiacritics(t *testing.T) {
	b := boardtest.New(t)
	th := boardtest.Thread(t, b, "Tin", "")
	if err := b.SetModeration(ctx, boardtest.Admin, board.ModerateNone); err != nil {
		t.Fatal(err)
	}
	if err := b.SetWordList(ctx, boardtest.Admin, []string{"vay tiền", " cờ bạc ", "cá độ", "CÁ ĐỘ", "!!!", "Lừa đảo", "hoà bình", "hòa bình", "thuỷ"}); err != nil {
		t.Fatal(err)
	}
	s, _ := b.Settings(ctx)
	if want := []string{"vay tiền", "cờ bạc", "cá độ", "Lừa đảo", "hoà bình", "thuỷ"}; !slices.Equal(s.WordList, want) {
		t.Fatalf("word list = %q, want %q", s.WordList, want)
	}
	for _, tc := range []struct {
		body string
		held string // "" when the comment is approved at once
	}{
		{"Trạm y tế có bác sĩ trực", ""},
		{"nuôi cá đỏ trong bể", ""},
		{"Ai cho VAY TIỀN nhanh?", "vay tiền"},
		{"Chơi cờ bạc là phạm pháp", "cờ bạc"},
		{"cá độ bóng đá", "cá độ"},
		{"Cá Độ!", "cá độ"},
		{"cá, độ", "cá độ"}, // punctuation between the words of an entry does not hide it
		{"cáđộ", ""},        // not the whole words
		{"cờ vua, bạc hà", ""},
		{"lua dao", ""}, // without diacritics it is another text
		{"chuyện lừa đảo qua mạng", "Lừa đảo"},
		{"vay tiền ca do", "vay tiền"},
		{"Hòa Bình", "hoà bình"},            // the old and new places of the tone mark are one word
		{"thủy sản xã Thuỷ", "thuỷ"},        // both ways round
		{"cà độ", ""},                       // another tone is another word
		{"hoa binh", ""},                    // no tones at all is another word too
		{norm.NFD.String("CÁ ĐỘ"), "cá độ"}, // decomposed text
	} {
		c, err := b.PostComment(ctx, boardtest.Staff, board.CommentInput{ThreadID: th.ID, Name: "Lan", Body: tc.body})
		if err != nil {
			t.Fatal(err)
		}
		wantStatus := board.CommentApproved
		if tc.held != "" {
			wantStatus = board.CommentPending
		}
		if c.Status != wantStatus || c.HeldFor != tc.held {
			t.Errorf("%q: status %s held for %q, want %s %q", tc.body, c.Status, c.HeldFor, wantStatus, tc.held)
		}
	}
	// Moderators see the word in the queue; the thread's readers never do.
	pend, err := b.Pending(ctx, boardtest.Editor, 100)
	if err != nil || len(pend) == 0 || pend[0].HeldFor == "" {
		t.Fatalf("pending = %+v, %v", pend, err)
	}
	if err := b.ApproveComments(ctx, boardtest.Editor, []uint64{pend[0].ID}, ""); err != nil {
		t.Fatal(err)
	}
	for _, viewer := range []board.Identity{boardtest.Guest(""), boardtest.Staff} {
		page, err := b.Comments(ctx, viewer, th.ID, 1, 100)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range page.Comments {
			if c.HeldFor != "" {
				t.Errorf("%s sees the held-for word of comment %d", viewer.Actor(), c.ID)
			}
		}
		if c, err := b.Comment(ctx, viewer, pend[0].ID); err != nil || c.HeldFor != "" {
			t.Errorf("%s: comment = %+v, %v", viewer.Actor(), c, err)
		}
	}
	if c, _ := b.Comment(ctx, boardtest.Editor, pend[0].ID); c.HeldFor == "" {
		t.Errorf("a moderator does not see the held-for word")
	}
}

// TestGuestLimitPolicy: guests with keys are counted per key, guests without keys per address,
// and every guest of one address together against the looser address cap.
func TestGuestLimitPolicy(t *testing.T) {
	type post struct {
		who  board.Identity
		want bool // accepted
	}
	office := "10.20.0.1"
	k := func(n int) board.Identity { return boardtest.GuestKey(fmt.Sprintf("SHA256:office-%d", n), office) }
	for _, tc := range []struct {
		name  string
		posts []post
	}{
		{"two keyed guests of one office do not share", []post{
			{k(1), true}, {k(1), true}, {k(1), false}, {k(2), true}, {k(2), true}, {k(2), false},
		}},
		{"a keyed guest is not limited by a keyless one of its office", []post{
			{boardtest.Guest(office), true}, {boardtest.Guest(office), true}, {boardtest.Guest(office), false},
			{k(1), true},
		}},
		{"keyless guests share their address", []post{
			{boardtest.Guest(office), true}, {boardtest.Guest(office), true}, {boardtest.Guest("10.20.0.2"), true},
			{boardtest.Guest(office), false},
		}},
		{"the address cap holds all guests of an office", []post{
			{k(1), true}, {k(1), true}, {k(2), true}, {k(2), true}, {k(3), true}, {k(3), false},
			{k(4), false}, {boardtest.Guest(office), false}, {boardtest.GuestKey("SHA256:elsewhere", "10.30.0.1"), true},
		}},
		{"a key moving between addresses keeps its count", []post{
			{boardtest.GuestKey("SHA256:laptop", "10.40.0.1"), true}, {boardtest.GuestKey("SHA256:laptop", "10.40.0.2"), true},
			{boardtest.GuestKey("SHA256:laptop", "10.40.0.3"), false},
		}},
		{"accounts are not limited", []post{
			{boardtest.Staff, true}, {boardtest.Staff, true}, {boardtest.Staff, true}, {boardtest.Staff, true},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clk := newClock(time.Date(2026, 5, 1, 9, 0, 0, 0, hcm))
			b := boardtest.New(t, board.Options{Now: clk.Now, GuestCommentLimit: 2, GuestIPCommentLimit: 5,
				GuestCommentWindow: 10 * time.Minute})
			th := boardtest.Thread(t, b, "Tin", "")
			for i, p := range tc.posts {
				clk.Add(time.Second)
				_, err := b.PostComment(ctx, p.who, board.CommentInput{ThreadID: th.ID, Name: "Khách", Body: "chào"})
				var re *board.RateLimitError
				switch {
				case p.want && err != nil:
					t.Fatalf("post %d by %s refused: %v", i, p.who.Actor(), err)
				case !p.want && !errors.As(err, &re):
					t.Fatalf("post %d by %s: %v, want a rate limit", i, p.who.Actor(), err)
				case !p.want && (re.RetryAfter <= 0 || re.RetryAfter > 10*time.Minute):
					t.Fatalf("post %d: wait %v", i, re.RetryAfter)
				}
			}
		})
	}
	// The default address cap is 20 per window.
	b := boardtest.New(t)
	th := boardtest.Thread(t, b, "Tin", "")
	accepted := 0
	for i := range 30 {
		g := boardtest.GuestKey(fmt.Sprintf("SHA256:default-%d", i), "10.50.0.1")
		if _, err := b.PostComment(ctx, g, board.CommentInput{ThreadID: th.ID, Name: "Khách", Body: "chào"}); err == nil {
			accepted++
		}
	}
	if accepted != 20 {
		t.Fatalf("default address cap let %d comments through, want 20", accepted)
	}
	// The address cap is never tighter than one guest's allowance.
	b = boardtest.New(t, board.Options{GuestCommentLimit: 30})
	th = boardtest.Thread(t, b, "Tin", "")
	accepted = 0
	for range 40 {
		if _, err := b.PostComment(ctx, boardtest.Guest("10.60.0.1"), board.CommentInput{ThreadID: th.ID, Name: "Khách", Body: "chào"}); err == nil {
			accepted++
		}
	}
	if accepted != 30 {
		t.Fatalf("a keyless guest with a limit of 30 posted %d", accepted)
	}
}

// TestCommentRoleAndReservedNames: comments carry their author's role; a guest cannot use an
// account's display name in any case or accent form.
func TestCommentRoleAndReservedNames(t *testing.T) {
	b := boardtest.New(t)
	th := boardtest.Thread(t, b, "Tin", "")
	for _, tc := range []struct {
		who  board.Identity
		name string
		role board.Role
		err  bool
	}{
		{boardtest.Admin, "Quản trị", board.RoleAdmin, false},
		{boardtest.Editor, "Biên tập", board.RoleEditor, false},
		{boardtest.Staff, "Cán bộ", board.RoleStaff, false},
		{boardtest.Staff, "Biên tập", board.RoleStaff, false}, // accounts are not checked
		{boardtest.Guest("10.0.0.9"), "Nguyễn Văn An", board.RoleGuest, false},
		{boardtest.Guest("10.0.0.9"), "Cán bộ", 0, true},
		{boardtest.GuestKey("SHA256:k1", "10.0.0.10"), "CAN BO", 0, true},
		{boardtest.GuestKey("SHA256:k1", "10.0.0.10"), "  quản   TRỊ. ", 0, true},
		{boardtest.GuestKey("SHA256:k2", "10.0.0.11"), "Cán bộ xã", board.RoleGuest, false},
		// an identity claiming a role without an account is a guest
		{board.Identity{Role: board.RoleAdmin, Addr: boardtest.Guest("10.0.0.12").Addr}, "Ai đó", board.RoleGuest, false},
	} {
		c, err := b.PostComment(ctx, tc.who, board.CommentInput{ThreadID: th.ID, Name: tc.name, Body: "ý kiến"})
		if tc.err {
			var ve *board.ValidationError
			if !errors.As(err, &ve) || ve.Field != "name" || ve.Problem != board.ProblemReserved {
				t.Errorf("%s as %q: %v, want a reserved name", tc.who.Actor(), tc.name, err)
			}
			continue
		}
		if err != nil || c.Role != tc.role || c.AuthorRole() != tc.role || c.Official() != (tc.role >= board.RoleStaff) {
			t.Errorf("%s as %q: %+v, %v; want role %s", tc.who.Actor(), tc.name, c, err, tc.role)
		}
	}
	// A comment stored before roles were recorded, by an account, counts as staff.
	if old := (board.Comment{Login: "lan"}); old.AuthorRole() != board.RoleStaff || !old.Official() {
		t.Errorf("old account comment role %s", old.AuthorRole())
	}
}

// TestMyComments: a writer sees its own comments of every status with the moderator's reason;
// a keyless guest is told it cannot be recognised.
func TestMyComments(t *testing.T) {
	b := boardtest.New(t)
	th := boardtest.Thread(t, b, "Tin", "")
	me := boardtest.GuestKey("SHA256:me", "10.0.0.1")
	other := boardtest.GuestKey("SHA256:other", "10.0.0.1")
	post := func(who board.Identity, body string) board.Comment {
		t.Helper()
		c, err := b.PostComment(ctx, who, board.CommentInput{ThreadID: th.ID, Name: "Lan", Body: body})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	c1, c2, _ := post(me, "một"), post(me, "hai"), post(other, "ba")
	c4 := post(me, "bốn")
	s1 := post(boardtest.Staff, "cán bộ")
	if err := b.ApproveComments(ctx, boardtest.Editor, []uint64{c1.ID}, ""); err != nil {
		t.Fatal(err)
	}
	if err := b.RejectComments(ctx, boardtest.Editor, []uint64{c2.ID}, "lạc đề"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		who   board.Identity
		limit int
		want  []uint64
	}{
		{me, 0, []uint64{c4.ID, c2.ID, c1.ID}},
		{me, 2, []uint64{c4.ID, c2.ID}},
		{boardtest.Staff, 0, []uint64{s1.ID}},
		{boardtest.Admin, 0, nil},
		{boardtest.GuestKey("SHA256:me", "10.9.9.9"), 0, []uint64{c4.ID, c2.ID, c1.ID}}, // the key, not the address
	} {
		cs, err := b.MyComments(ctx, tc.who, tc.limit)
		if err != nil {
			t.Fatal(err)
		}
		var got []uint64
		for _, c := range cs {
			got = append(got, c.ID)
			if c.ThreadTitle != "Tin" {
				t.Errorf("comment %d without its thread title", c.ID)
			}
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: %v, want %v", tc.who.Actor(), got, tc.want)
		}
	}
	cs, _ := b.MyComments(ctx, me, 0)
	if cs[0].Status != board.CommentPending || cs[1].Status != board.CommentRejected || cs[1].Reason != "lạc đề" ||
		cs[2].Status != board.CommentApproved || cs[1].DecidedAt.IsZero() {
		t.Errorf("statuses = %+v", cs)
	}
	if _, err := b.MyComments(ctx, boardtest.Guest("10.0.0.1"), 0); !errors.Is(err, board.ErrNoIdentity) {
		t.Errorf("keyless guest: %v", err)
	}
}

// TestDeletedThreads: admins list deleted threads and restore them; others may not list them.
func TestDeletedThreads(t *testing.T) {
	b := boardtest.New(t)
	var ids []uint64
	for i := range 5 {
		ids = append(ids, boardtest.Thread(t, b, fmt.Sprintf("Tin %d", i), "nội dung").ID)
	}
	for _, id := range []uint64{ids[1], ids[3], ids[4]} {
		if err := b.DeleteThread(ctx, boardtest.Editor, id, "nhầm"); err != nil {
			t.Fatal(err)
		}
	}
	for _, who := range []board.Identity{boardtest.Editor, boardtest.Staff, boardtest.Guest("")} {
		if _, err := b.DeletedThreads(ctx, who, 1, 20); !errors.Is(err, board.ErrForbidden) {
			t.Errorf("%s: %v", who.Actor(), err)
		}
	}
	p, err := b.DeletedThreads(ctx, boardtest.Admin, 1, 2)
	if err != nil || p.Total != 3 || p.Pages != 2 || len(p.Threads) != 2 || p.Threads[0].ID != ids[4] || p.Threads[1].ID != ids[3] {
		t.Fatalf("deleted page 1 = %+v, %v", p, err)
	}
	if p.Threads[0].Body != "" || !p.Threads[0].Deleted {
		t.Errorf("listed deleted thread = %+v", p.Threads[0])
	}
	if err := b.RestoreThread(ctx, boardtest.Admin, ids[3]); err != nil {
		t.Fatal(err)
	}
	p, _ = b.DeletedThreads(ctx, boardtest.Admin, 1, 20)
	if p.Total != 2 || p.Threads[1].ID != ids[1] {
		t.Fatalf("after restore = %+v", p)
	}
	// The audit entry of a deletion opens its thread.
	entries, _ := b.Audit(ctx, boardtest.Admin, board.AuditQuery{Kind: board.AuditThreadDelete, Limit: 1})
	if ref := entries[0].Ref(); ref.Kind != "thread" || ref.ID != ids[4] || ref.ThreadID != ids[4] {
		t.Errorf("ref = %+v", ref)
	}
}

func TestAuditRef(t *testing.T) {
	for _, tc := range []struct {
		e    board.AuditEntry
		want board.AuditRef
	}{
		{board.AuditEntry{Target: "thread:12"}, board.AuditRef{Kind: "thread", ID: 12, ThreadID: 12}},
		{board.AuditEntry{Target: "comment:40", Detail: "thread:12"}, board.AuditRef{Kind: "comment", ID: 40, ThreadID: 12}},
		{board.AuditEntry{Target: "comment:40"}, board.AuditRef{Kind: "comment", ID: 40}},
		{board.AuditEntry{Target: "account:lan"}, board.AuditRef{Kind: "account", Login: "lan"}},
		{board.AuditEntry{Target: "ban:3", Detail: "addr:1.2.3.0/24"}, board.AuditRef{Kind: "ban", ID: 3}},
		{board.AuditEntry{Target: "category:2"}, board.AuditRef{Kind: "category", ID: 2}},
		{board.AuditEntry{Target: "settings"}, board.AuditRef{Kind: "settings"}},
		{board.AuditEntry{Target: "ssh news list --all"}, board.AuditRef{}},
		{board.AuditEntry{Target: "addr:1.2.3.4"}, board.AuditRef{}},
		{board.AuditEntry{Target: "thread:x"}, board.AuditRef{}},
	} {
		if got := tc.e.Ref(); got != tc.want {
			t.Errorf("%+v: %+v, want %+v", tc.e, got, tc.want)
		}
	}
}

// TestListByMonth: a list narrowed to one month of the board's time zone, and the months that
// hold threads.
func TestListByMonth(t *testing.T) {
	clk := newClock(time.Date(2026, 9, 30, 23, 30, 0, 0, hcm))
	b := boardtest.New(t, board.Options{Now: clk.Now})
	sep := boardtest.Thread(t, b, "Cuối tháng 9", "")
	clk.Set(time.Date(2026, 10, 1, 0, 30, 0, 0, hcm)) // 30 Sep 17:30 UTC: October in Hanoi
	oct1 := boardtest.Thread(t, b, "Đầu tháng 10", "")
	clk.Set(time.Date(2026, 10, 20, 8, 0, 0, 0, hcm))
	oct2 := boardtest.Thread(t, b, "Giữa tháng 10", "")
	clk.Set(time.Date(2026, 11, 2, 8, 0, 0, 0, hcm))
	nov, err := b.CreateThread(ctx, boardtest.Editor, board.ThreadInput{Title: "Tháng 11, ghim", Pinned: true})
	if err != nil {
		t.Fatal(err)
	}
	draft, err := b.CreateThread(ctx, boardtest.Editor, board.ThreadInput{Title: "Nháp tháng 11", Draft: true})
	if err != nil {
		t.Fatal(err)
	}
	ids := func(p board.ThreadPage) []uint64 {
		var out []uint64
		for _, th := range p.Threads {
			out = append(out, th.ID)
		}
		return out
	}
	for _, tc := range []struct {
		viewer board.Identity
		q      board.ThreadQuery
		want   []uint64
	}{
		{boardtest.Guest(""), board.ThreadQuery{Month: time.Date(2026, 10, 1, 0, 0, 0, 0, hcm)}, []uint64{oct2.ID, oct1.ID}},
		{boardtest.Guest(""), board.ThreadQuery{Month: time.Date(2026, 10, 15, 12, 0, 0, 0, time.UTC)}, []uint64{oct2.ID, oct1.ID}},
		{boardtest.Guest(""), board.ThreadQuery{Month: time.Date(2026, 9, 1, 0, 0, 0, 0, hcm)}, []uint64{sep.ID}},
		{boardtest.Guest(""), board.ThreadQuery{Month: time.Date(2026, 11, 1, 0, 0, 0, 0, hcm)}, []uint64{nov.ID}},
		{boardtest.Guest(""), board.ThreadQuery{Month: time.Date(2026, 11, 1, 0, 0, 0, 0, hcm), All: true}, []uint64{nov.ID}},
		{boardtest.Editor, board.ThreadQuery{Month: time.Date(2026, 11, 1, 0, 0, 0, 0, hcm), All: true}, []uint64{nov.ID, draft.ID}},
		{boardtest.Guest(""), board.ThreadQuery{Month: time.Date(2026, 8, 1, 0, 0, 0, 0, hcm)}, nil},
		{boardtest.Guest(""), board.ThreadQuery{Month: time.Date(2026, 10, 1, 0, 0, 0, 0, hcm), PerPage: 1, Page: 2}, []uint64{oct1.ID}},
	} {
		p, err := b.ListThreads(ctx, tc.viewer, tc.q)
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(p); !slices.Equal(got, tc.want) {
			t.Errorf("%s %v: %v, want %v", tc.viewer.Actor(), tc.q, got, tc.want)
		}
	}
	p, _ := b.ListThreads(ctx, boardtest.Guest(""), board.ThreadQuery{Month: time.Date(2026, 10, 1, 0, 0, 0, 0, hcm), PerPage: 1})
	if p.Total != 2 || p.Pages != 2 {
		t.Errorf("month page counts = %d/%d", p.Total, p.Pages)
	}
	months, err := b.ThreadMonths(ctx, boardtest.Guest(""), 0, false)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range months {
		got = append(got, fmt.Sprintf("%s=%d", m.Month.Format("2006-01"), m.Threads))
		if m.Month.Location() != hcm && m.Month.Location().String() != hcm.String() {
			t.Errorf("month %v not in the board's zone", m.Month)
		}
	}
	if want := []string{"2026-11=1", "2026-10=2", "2026-09=1"}; !slices.Equal(got, want) {
		t.Errorf("months = %v, want %v", got, want)
	}
}

// TestSearchRanksWholeWords: threads holding the query words whole come before newer ones that
// hold them only as prefixes.
func TestSearchRanksWholeWords(t *testing.T) {
	b := boardtest.New(t)
	whole := boardtest.Thread(t, b, "Tiêm chủng cho trẻ em", "")
	prefixOnly := boardtest.Thread(t, b, "Trẻ emmy và trem", "")
	wholeNewer := boardtest.Thread(t, b, "Sân chơi", "Khu vui chơi cho trẻ em.")
	mixed := boardtest.Thread(t, b, "Trẻ embe", "em bé")
	for _, tc := range []struct {
		q    string
		want []uint64
	}{
		{"tre em", []uint64{mixed.ID, wholeNewer.ID, whole.ID, prefixOnly.ID}},
		{"em", []uint64{mixed.ID, wholeNewer.ID, whole.ID, prefixOnly.ID}},
		{"emm", []uint64{prefixOnly.ID}},
		{"tr", []uint64{mixed.ID, wholeNewer.ID, prefixOnly.ID, whole.ID}}, // no whole "tr": newest first
		{"embe", []uint64{mixed.ID}},
	} {
		p, err := b.Search(ctx, tc.q, 1, 20)
		if err != nil {
			t.Fatal(err)
		}
		var got []uint64
		for _, th := range p.Threads {
			got = append(got, th.ID)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("search %q = %v, want %v", tc.q, got, tc.want)
		}
	}
	// Pages are cut from the ranked list.
	p2, _ := b.Search(ctx, "tre em", 2, 3)
	if len(p2.Threads) != 1 || p2.Threads[0].ID != prefixOnly.ID || p2.Total != 4 {
		t.Errorf("page 2 = %+v", p2)
	}
}

// TestCategoryEditing: renaming keeps the slug; a new slug is checked; removal is checked
// before any confirmation.
func TestCategoryEditing(t *testing.T) {
	b := boardtest.New(t)
	cat, err := b.AddCategory(ctx, boardtest.Editor, "Văn bản")
	if err != nil {
		t.Fatal(err)
	}
	th, err := b.CreateThread(ctx, boardtest.Editor, board.ThreadInput{Title: "Quyết định", CategoryID: cat.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		who        board.Identity
		name, slug string
		want       board.Category
		err        error
	}{
		{boardtest.Editor, "Văn bản mới", "", board.Category{Name: "Văn bản mới", Slug: "van-ban"}, nil},
		{boardtest.Editor, "Văn bản", "van-ban-moi", board.Category{Name: "Văn bản", Slug: "van-ban-moi"}, nil},
		{boardtest.Editor, "Văn bản", "Văn Bản", board.Category{}, board.ErrInvalid},
		{boardtest.Editor, "Văn bản", "van--ban", board.Category{}, board.ErrInvalid},
		{boardtest.Editor, "Văn bản", "tin-tuc", board.Category{}, board.ErrExists},
		{boardtest.Editor, "", "", board.Category{}, board.ErrInvalid},
		{boardtest.Staff, "X", "", board.Category{}, board.ErrForbidden},
	} {
		got, err := b.EditCategory(ctx, tc.who, cat.ID, tc.name, tc.slug)
		if tc.err != nil {
			if !errors.Is(err, tc.err) {
				t.Errorf("edit %q %q: %v, want %v", tc.name, tc.slug, err, tc.err)
			}
			continue
		}
		if err != nil || got.Name != tc.want.Name || got.Slug != tc.want.Slug || got.ID != cat.ID {
			t.Errorf("edit %q %q = %+v, %v", tc.name, tc.slug, got, err)
		}
	}
	if _, err := b.EditCategory(ctx, boardtest.Editor, 999, "X", ""); !errors.Is(err, board.ErrNotFound) {
		t.Errorf("edit missing: %v", err)
	}
	if n, err := b.CategoryThreadCount(ctx, cat.ID); n != 1 || err != nil {
		t.Errorf("count = %d, %v", n, err)
	}
	if err := b.DeleteThread(ctx, boardtest.Editor, th.ID, ""); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		who board.Identity
		id  uint64
		err error
	}{
		{boardtest.Editor, cat.ID, board.ErrNotEmpty}, // a deleted thread still counts
		{boardtest.Staff, cat.ID, board.ErrForbidden},
		{boardtest.Editor, 999, board.ErrNotFound},
	} {
		if err := b.CheckRemoveCategory(ctx, tc.who, tc.id); !errors.Is(err, tc.err) {
			t.Errorf("check remove %d as %s: %v, want %v", tc.id, tc.who.Actor(), err, tc.err)
		}
	}
	empty, _ := b.AddCategory(ctx, boardtest.Editor, "Trống")
	if err := b.CheckRemoveCategory(ctx, boardtest.Editor, empty.ID); err != nil {
		t.Errorf("check remove empty: %v", err)
	}
	if cs, _ := b.Categories(ctx); len(cs) != 3 {
		t.Errorf("a check removed something: %+v", cs)
	}
}

// TestUpdateSettings: several settings in one change; nil fields stay.
func TestUpdateSettings(t *testing.T) {
	b := boardtest.New(t)
	every, off := board.ModerateEveryone, false
	if err := b.UpdateSettings(ctx, boardtest.Editor, board.SettingsUpdate{Captcha: &off}); !errors.Is(err, board.ErrForbidden) {
		t.Fatalf("editor: %v", err)
	}
	if err := b.UpdateSettings(ctx, boardtest.Admin, board.SettingsUpdate{Moderation: &every, Words: []string{"cá độ", "Cá độ"}}); err != nil {
		t.Fatal(err)
	}
	s, _ := b.Settings(ctx)
	if s.Moderation != board.ModerateEveryone || !s.Captcha || !slices.Equal(s.WordList, []string{"cá độ"}) {
		t.Fatalf("settings = %+v", s)
	}
	if err := b.UpdateSettings(ctx, boardtest.Admin, board.SettingsUpdate{Captcha: &off, Words: []string{}}); err != nil {
		t.Fatal(err)
	}
	s, _ = b.Settings(ctx)
	if s.Moderation != board.ModerateEveryone || s.Captcha || len(s.WordList) != 0 {
		t.Fatalf("settings = %+v", s)
	}
	bad := board.ModerationMode(9)
	if err := b.UpdateSettings(ctx, boardtest.Admin, board.SettingsUpdate{Moderation: &bad}); !errors.Is(err, board.ErrInvalid) {
		t.Fatalf("bad mode: %v", err)
	}
	entries, _ := b.Audit(ctx, boardtest.Admin, board.AuditQuery{Kind: board.AuditSettings})
	if len(entries) != 2 || entries[0].Detail != "captcha=false words=0" {
		t.Fatalf("audit = %+v", entries)
	}
}

// TestCommentIndex: where an approved comment sits in its thread, for opening it there.
func TestCommentIndex(t *testing.T) {
	b := boardtest.New(t)
	th := boardtest.Thread(t, b, "Tin", "")
	other := boardtest.Thread(t, b, "Tin khác", "")
	var ids []uint64
	for i := range 120 {
		c, err := b.PostComment(ctx, boardtest.Staff, board.CommentInput{ThreadID: th.ID, Name: "Lan", Body: fmt.Sprintf("ý kiến %d", i)})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	pending, err := b.PostComment(ctx, boardtest.Guest("10.0.0.1"), board.CommentInput{ThreadID: th.ID, Name: "Khách", Body: "chờ"})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.DeleteComments(ctx, boardtest.Editor, []uint64{ids[3]}, ""); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		thread, comment uint64
		want            int // -1: not found
	}{
		{th.ID, ids[0], 0},
		{th.ID, ids[2], 2},
		{th.ID, ids[4], 3}, // the deleted one no longer counts
		{th.ID, ids[119], 118},
		{th.ID, ids[3], -1},
		{th.ID, pending.ID, -1},
		{other.ID, ids[0], -1},
		{th.ID, 99999, -1},
	} {
		got, err := b.CommentIndex(ctx, boardtest.Guest(""), tc.thread, tc.comment)
		switch {
		case tc.want < 0 && !errors.Is(err, board.ErrNotFound):
			t.Errorf("comment %d of %d: %d, %v; want not found", tc.comment, tc.thread, got, err)
		case tc.want >= 0 && (err != nil || got != tc.want):
			t.Errorf("comment %d of %d: %d, %v; want %d", tc.comment, tc.thread, got, err, tc.want)
		}
	}
	// The index opens the right page.
	i, _ := b.CommentIndex(ctx, boardtest.Guest(""), th.ID, ids[119])
	page, err := b.Comments(ctx, boardtest.Guest(""), th.ID, i/100+1, 100)
	if err != nil || page.Comments[i%100].ID != ids[119] {
		t.Fatalf("page %d: %v", i/100+1, err)
	}
}

// Package conformance is the one store test suite: every implementation of board.Store runs the
// same table of cases (Run), through the Tx methods and through a Board, including the kill -9
// durability test (a child process re-executed from the test binary posts comments and is
// killed; every acknowledged one must be there). A store shared by several processes (Shared)
// also runs the cases of two handles writing at once.
package conformance

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/text"
)

// Factory makes stores of one implementation.
type Factory struct {
	// New creates an empty store and returns it with a name (a file path, a URL) that Open
	// takes. The suite closes what it opens.
	New func(t testing.TB) (board.Store, string)
	// Open opens the store named name again (after Close, or in another process).
	Open func(name string) (board.Store, error)
	// Shared: several handles may have the store open at once (several nodes).
	Shared bool
}

var ctx = context.Background()

// childEnv names the store the durability child opens.
const childEnv = "BANGTIN_CONFORMANCE_CHILD"

type testCase struct {
	name   string
	shared bool // needs Factory.Shared
	fn     func(t *testing.T, f Factory)
}

var cases = []testCase{
	{"settings", false, testSettings},
	{"categories", false, testCategories},
	{"threads and lists", false, testThreads},
	{"list cursor pages", false, testCursor},
	{"explicit ids", false, testExplicitIDs},
	{"views", false, testViews},
	{"search", false, testSearch},
	{"revisions", false, testRevisions},
	{"comments", false, testComments},
	{"each comment and audit", false, testEach},
	{"comments by author", false, testAuthorComments},
	{"deleted threads", false, testDeletedThreads},
	{"bans", false, testBans},
	{"files", false, testFiles},
	{"accounts", false, testAccounts},
	{"read and visit marks", false, testMarks},
	{"visitors", false, testVisitors},
	{"update isolation", false, testIsolation},
	{"values outlive their transaction", false, testOutlive},
	{"concurrent counters", false, testConcurrentCounters},
	{"reopen", false, testReopen},
	{"durability", false, testDurability},
	{"two handles count once", true, testTwoHandles},
}

// RunOnly runs the named cases only (a store's test of one of its own modes).
func RunOnly(t *testing.T, f Factory, names ...string) {
	for _, c := range cases {
		if slices.Contains(names, c.name) {
			t.Run(c.name, func(t *testing.T) { c.fn(t, f) })
		}
	}
}

// Run runs every case against stores made by f.
func Run(t *testing.T, f Factory) {
	if name := os.Getenv(childEnv); name != "" {
		t.Run("durability", func(t *testing.T) { durabilityChild(f, name) })
		return
	}
	for _, c := range cases {
		if c.shared && !f.Shared {
			continue
		}
		t.Run(c.name, func(t *testing.T) { c.fn(t, f) })
	}
}

func open(t *testing.T, f Factory) board.Store {
	t.Helper()
	st, _ := f.New(t)
	t.Cleanup(func() { st.Close() })
	return st
}

func update(t *testing.T, st board.Store, fn func(tx board.Tx) error) {
	t.Helper()
	if err := st.Update(ctx, fn); err != nil {
		t.Fatalf("update: %v", err)
	}
}

func view(t *testing.T, st board.Store, fn func(tx board.Tx) error) {
	t.Helper()
	if err := st.View(ctx, fn); err != nil {
		t.Fatalf("view: %v", err)
	}
}

var t0 = time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)

func thread(title string, i int, status board.ThreadStatus) board.Thread {
	at := t0.Add(time.Duration(i) * time.Hour)
	th := board.Thread{CategoryID: 1, Title: title, Body: "nội dung " + title, Status: status, CreatedAt: at, UpdatedAt: at}
	if status != board.StatusDraft {
		th.PublishedAt = at
	}
	return th
}

func ids(ts []board.Thread) []uint64 {
	out := make([]uint64, len(ts))
	for i, th := range ts {
		out[i] = th.ID
	}
	return out
}

func testSettings(t *testing.T, f Factory) {
	st := open(t, f)
	view(t, st, func(tx board.Tx) error {
		s, err := tx.Settings()
		if err != nil || s.Moderation != board.ModerateGuests || !s.Captcha || len(s.WordList) != 0 {
			t.Errorf("default settings: %+v, %v", s, err)
		}
		return nil
	})
	want := board.Settings{Moderation: board.ModerateEveryone, Captcha: false, WordList: []string{"lua dao", "co bac"}}
	update(t, st, func(tx board.Tx) error { return tx.PutSettings(want) })
	view(t, st, func(tx board.Tx) error {
		s, err := tx.Settings()
		if err != nil || s.Moderation != want.Moderation || s.Captcha || !slices.Equal(s.WordList, want.WordList) {
			t.Errorf("settings: %+v, %v", s, err)
		}
		return nil
	})
	// A View cannot write.
	if err := st.View(ctx, func(tx board.Tx) error { return tx.PutSettings(board.Settings{}) }); err == nil {
		t.Error("PutSettings in a View succeeded")
	}
}

func testCategories(t *testing.T, f Factory) {
	st := open(t, f)
	update(t, st, func(tx board.Tx) error {
		cs, err := tx.Categories()
		if err != nil || len(cs) != 1 || cs[0].ID != 1 || cs[0].Name != "Tin tức" || cs[0].Slug != "tin-tuc" {
			t.Errorf("default categories: %+v, %v", cs, err)
		}
		b := board.Category{Name: "Thông báo", Slug: "thong-bao", Order: -1}
		if err := tx.PutCategory(&b); err != nil {
			return err
		}
		if b.ID != 2 {
			t.Errorf("new category id %d, want 2", b.ID)
		}
		c := board.Category{Name: "Sự kiện", Slug: "su-kien", Order: 5}
		return tx.PutCategory(&c)
	})
	view(t, st, func(tx board.Tx) error {
		cs, _ := tx.Categories()
		var names []string
		for _, c := range cs {
			names = append(names, c.Name)
		}
		if !slices.Equal(names, []string{"Thông báo", "Tin tức", "Sự kiện"}) {
			t.Errorf("order: %v", names)
		}
		if c, err := tx.Category(3); err != nil || c.Slug != "su-kien" {
			t.Errorf("category 3: %+v, %v", c, err)
		}
		if _, err := tx.Category(99); !errors.Is(err, board.ErrNotFound) {
			t.Errorf("missing category: %v", err)
		}
		return nil
	})
	update(t, st, func(tx board.Tx) error {
		th := thread("Trong mục 3", 1, board.StatusPublished)
		th.CategoryID = 3
		return tx.PutThread(&th)
	})
	update(t, st, func(tx board.Tx) error { return tx.DeleteCategory(2) })
	view(t, st, func(tx board.Tx) error {
		if _, err := tx.Category(2); !errors.Is(err, board.ErrNotFound) {
			t.Errorf("deleted category: %v", err)
		}
		if n, err := tx.CategoryThreadCount(3); n != 1 || err != nil {
			t.Errorf("CategoryThreadCount(3) = %d, %v", n, err)
		}
		if n, _ := tx.CategoryThreadCount(1); n != 0 {
			t.Errorf("CategoryThreadCount(1) = %d", n)
		}
		return nil
	})
}

func testThreads(t *testing.T, f Factory) {
	st := open(t, f)
	var all []board.Thread
	update(t, st, func(tx board.Tx) error {
		for i := range 10 {
			status := board.StatusPublished
			switch i {
			case 3:
				status = board.StatusDraft
			case 5:
				status = board.StatusHidden
			}
			th := thread(fmt.Sprintf("Tin %d", i), i, status)
			th.Pinned = i == 1
			if i >= 7 {
				th.CategoryID = 2
			}
			if err := tx.PutThread(&th); err != nil {
				return err
			}
			all = append(all, th)
		}
		return tx.PutCategory(&board.Category{Name: "B", Slug: "b"})
	})
	id := func(i int) uint64 { return all[i].ID }
	view(t, st, func(tx board.Tx) error {
		if n, _ := tx.ThreadsEver(); n != 10 {
			t.Errorf("ThreadsEver = %d", n)
		}
		th, err := tx.Thread(id(4))
		if err != nil || th.Body != "nội dung Tin 4" || th.Title != "Tin 4" || !th.PublishedAt.Equal(all[4].PublishedAt) {
			t.Errorf("Thread: %+v, %v", th, err)
		}
		if _, err := tx.Thread(999); !errors.Is(err, board.ErrNotFound) {
			t.Errorf("missing thread: %v", err)
		}
		check := func(cat uint64, all bool, want []uint64) {
			t.Helper()
			ts, _, err := tx.ListThreads(cat, all, "", 0, 100)
			if err != nil || !slices.Equal(ids(ts), want) {
				t.Errorf("list cat %d all %t: %v, %v; want %v", cat, all, ids(ts), err, want)
			}
			for _, th := range ts {
				if th.Body != "" {
					t.Errorf("listed thread %d carries its body", th.ID)
				}
			}
			if n, err := tx.CountThreads(cat, all); n != len(want) || err != nil {
				t.Errorf("count cat %d all %t = %d, %v; want %d", cat, all, n, err, len(want))
			}
		}
		check(0, false, []uint64{id(1), id(9), id(8), id(7), id(6), id(4), id(2), id(0)})
		check(0, true, []uint64{id(1), id(9), id(8), id(7), id(6), id(5), id(4), id(3), id(2), id(0)})
		check(1, false, []uint64{id(1), id(6), id(4), id(2), id(0)})
		check(2, true, []uint64{id(9), id(8), id(7)})
		ts, _, _ := tx.ListThreads(0, false, "", 2, 3)
		if !slices.Equal(ids(ts), []uint64{id(8), id(7), id(6)}) {
			t.Errorf("skip 2: %v", ids(ts))
		}
		return nil
	})
	// Hide, delete, unpin, move: the lists and counters follow.
	update(t, st, func(tx board.Tx) error {
		th, err := tx.Thread(id(9))
		if err != nil {
			return err
		}
		th.Status = board.StatusHidden
		if err := tx.PutThread(&th); err != nil {
			return err
		}
		th, _ = tx.Thread(id(1))
		th.Pinned = false
		if err := tx.PutThread(&th); err != nil {
			return err
		}
		th, _ = tx.Thread(id(0))
		th.Deleted = true
		if err := tx.PutThread(&th); err != nil {
			return err
		}
		th, _ = tx.Thread(id(6))
		th.CategoryID = 2
		return tx.PutThread(&th)
	})
	view(t, st, func(tx board.Tx) error {
		ts, _, _ := tx.ListThreads(0, false, "", 0, 100)
		if want := []uint64{id(8), id(7), id(6), id(4), id(2), id(1)}; !slices.Equal(ids(ts), want) {
			t.Errorf("after changes: %v, want %v", ids(ts), want)
		}
		for _, c := range []struct {
			cat  uint64
			all  bool
			want int
		}{{0, false, 6}, {0, true, 9}, {1, false, 3}, {1, true, 5}, {2, false, 3}, {2, true, 4}} {
			if n, _ := tx.CountThreads(c.cat, c.all); n != c.want {
				t.Errorf("count %d %t = %d, want %d", c.cat, c.all, n, c.want)
			}
		}
		if n, _ := tx.CategoryThreadCount(1); n != 6 {
			t.Errorf("CategoryThreadCount(1) = %d, want 6 (deleted included)", n)
		}
		return nil
	})
}

func testCursor(t *testing.T, f Factory) {
	st := open(t, f)
	update(t, st, func(tx board.Tx) error {
		for i := range 25 {
			th := thread(fmt.Sprintf("Tin %d", i), i%7, board.StatusPublished) // equal times: the id decides
			th.Pinned = i%10 == 0
			if err := tx.PutThread(&th); err != nil {
				return err
			}
		}
		return nil
	})
	view(t, st, func(tx board.Tx) error {
		whole, _, _ := tx.ListThreads(0, false, "", 0, 100)
		var paged []board.Thread
		cursor := ""
		for range 10 {
			ts, last, err := tx.ListThreads(0, false, cursor, 0, 4)
			if err != nil {
				return err
			}
			paged = append(paged, ts...)
			if len(ts) < 4 {
				break
			}
			cursor = last
		}
		if !slices.Equal(ids(whole), ids(paged)) {
			t.Errorf("pages by cursor %v, whole list %v", ids(paged), ids(whole))
		}
		if _, _, err := tx.ListThreads(0, false, "zz", 0, 4); !errors.Is(err, board.ErrInvalid) {
			t.Errorf("bad cursor: %v", err)
		}
		return nil
	})
}

// testExplicitIDs: a thread stored with its own id (an import) is not handed out again.
func testExplicitIDs(t *testing.T, f Factory) {
	st := open(t, f)
	update(t, st, func(tx board.Tx) error {
		th := thread("Nhập", 1, board.StatusPublished)
		th.ID = 40
		return tx.PutThread(&th)
	})
	update(t, st, func(tx board.Tx) error {
		th := thread("Mới", 2, board.StatusPublished)
		if err := tx.PutThread(&th); err != nil {
			return err
		}
		if th.ID <= 40 {
			t.Errorf("thread id %d after an explicit 40", th.ID)
		}
		if n, _ := tx.ThreadsEver(); n < th.ID {
			t.Errorf("ThreadsEver %d < %d", n, th.ID)
		}
		return nil
	})
	view(t, st, func(tx board.Tx) error {
		if th, err := tx.Thread(40); err != nil || th.Title != "Nhập" {
			t.Errorf("thread 40: %+v, %v", th, err)
		}
		return nil
	})
}

func testViews(t *testing.T, f Factory) {
	st := open(t, f)
	var a, b board.Thread
	update(t, st, func(tx board.Tx) error {
		a, b = thread("A", 1, board.StatusPublished), thread("B", 2, board.StatusPublished)
		if err := tx.PutThread(&a); err != nil {
			return err
		}
		return tx.PutThread(&b)
	})
	update(t, st, func(tx board.Tx) error { return tx.AddViews(map[uint64]uint64{a.ID: 3, b.ID: 1, 999: 5}) })
	update(t, st, func(tx board.Tx) error { return tx.AddViews(map[uint64]uint64{a.ID: 2}) })
	view(t, st, func(tx board.Tx) error {
		th, _ := tx.Thread(a.ID)
		ts, _, _ := tx.ListThreads(0, false, "", 0, 10)
		if th.Views != 5 || len(ts) != 2 || ts[1].Views != 5 || ts[0].Views != 1 {
			t.Errorf("views: thread %d, list %+v", th.Views, ts)
		}
		return nil
	})
}

func testSearch(t *testing.T, f Factory) {
	st := open(t, f)
	texts := []struct {
		title, body string
		status      board.ThreadStatus
	}{
		{"Bảo vệ trẻ em", "Tổng đài 111 tiếp nhận thông tin", board.StatusPublished},
		{"Tập huấn cán bộ", "phòng, chống xâm hại TRẺ EM tại xã", board.StatusPublished},
		{"Lịch tiếp công dân", "tháng 12, Đồng Tháp", board.StatusPublished},
		{"Bản nháp về trẻ em", "chưa đăng", board.StatusDraft},
		{"Đã ẩn: trẻ em", "ẩn", board.StatusHidden},
	}
	var ths []board.Thread
	update(t, st, func(tx board.Tx) error {
		for i, x := range texts {
			th := thread(x.title, i, x.status)
			th.Body = x.body
			if err := tx.PutThread(&th); err != nil {
				return err
			}
			ths = append(ths, th)
		}
		return nil
	})
	search := func(q string, skip, n int) ([]uint64, int) {
		t.Helper()
		var got []uint64
		var total int
		view(t, st, func(tx board.Tx) error {
			ts, tot, err := tx.SearchThreads(text.Words(q), skip, n)
			got, total = ids(ts), tot
			for _, th := range ts {
				if th.Body != "" {
					t.Errorf("found thread %d carries its body", th.ID)
				}
			}
			return err
		})
		return got, total
	}
	id := func(i int) uint64 { return ths[i].ID }
	for _, c := range []struct {
		q    string
		want []uint64
	}{
		{"tre em", []uint64{id(1), id(0)}},
		{"TRẺ EM", []uint64{id(1), id(0)}},
		{"dong", []uint64{id(2)}},
		{"đồng tháp", []uint64{id(2)}},
		{"t", []uint64{id(2), id(1), id(0)}},
		{"tong dai 111", []uint64{id(0)}},
		{"tre cong", nil},
		{"khong co", nil},
	} {
		got, total := search(c.q, 0, 10)
		if !slices.Equal(got, c.want) || total != len(c.want) {
			t.Errorf("search %q: %v (total %d), want %v", c.q, got, total, c.want)
		}
	}
	if got, total := search("t", 1, 1); !slices.Equal(got, []uint64{id(1)}) || total != 3 {
		t.Errorf("search page: %v total %d", got, total)
	}
	// Edit, unpublish, publish: the index follows.
	update(t, st, func(tx board.Tx) error {
		th, _ := tx.Thread(id(0))
		th.Title, th.Body = "Phòng cháy", "mùa khô"
		if err := tx.PutThread(&th); err != nil {
			return err
		}
		th, _ = tx.Thread(id(3))
		th.Status, th.PublishedAt = board.StatusPublished, t0.Add(10*time.Hour)
		if err := tx.PutThread(&th); err != nil {
			return err
		}
		th, _ = tx.Thread(id(1))
		th.Deleted = true
		return tx.PutThread(&th)
	})
	if got, _ := search("tre em", 0, 10); !slices.Equal(got, []uint64{id(3)}) {
		t.Errorf("after edits, tre em: %v", got)
	}
	if got, _ := search("phong chay mua", 0, 10); !slices.Equal(got, []uint64{id(0)}) {
		t.Errorf("after edits, phong chay: %v", got)
	}
}

func testRevisions(t *testing.T, f Factory) {
	st := open(t, f)
	update(t, st, func(tx board.Tx) error {
		th := thread("A", 1, board.StatusPublished)
		if err := tx.PutThread(&th); err != nil {
			return err
		}
		for i := range 3 {
			r := board.Revision{ThreadID: th.ID, Title: fmt.Sprintf("v%d", i), Editor: "ed", At: t0}
			if err := tx.AddRevision(&r); err != nil {
				return err
			}
			if r.Rev != i+1 {
				t.Errorf("rev %d, want %d", r.Rev, i+1)
			}
		}
		return nil
	})
	view(t, st, func(tx board.Tx) error {
		rs, err := tx.Revisions(1)
		if err != nil || len(rs) != 3 || rs[0].Title != "v0" || rs[2].Rev != 3 {
			t.Errorf("revisions: %+v, %v", rs, err)
		}
		if rs, _ := tx.Revisions(2); len(rs) != 0 {
			t.Errorf("revisions of another thread: %+v", rs)
		}
		return nil
	})
}

func testComments(t *testing.T, f Factory) {
	st := open(t, f)
	var cs []board.Comment
	update(t, st, func(tx board.Tx) error {
		th := thread("A", 1, board.StatusPublished)
		if err := tx.PutThread(&th); err != nil {
			return err
		}
		for i := range 6 {
			c := board.Comment{ThreadID: th.ID, Name: fmt.Sprintf("Người %d", i), Body: "ý kiến 😀", Fingerprint: "SHA256:k",
				RemoteAddr: "10.0.0.1", CreatedAt: t0.Add(time.Duration(i) * time.Minute)}
			if i%2 == 0 {
				c.Status = board.CommentApproved
			}
			if err := tx.PutComment(&c); err != nil {
				return err
			}
			cs = append(cs, c)
		}
		return nil
	})
	view(t, st, func(tx board.Tx) error {
		if n, _ := tx.PendingCount(); n != 3 {
			t.Errorf("pending %d", n)
		}
		p, _ := tx.PendingComments(10)
		if len(p) != 3 || p[0].ID != cs[1].ID || p[2].ID != cs[5].ID {
			t.Errorf("pending: %+v", p)
		}
		a, _ := tx.ThreadComments(1, 1, 10)
		if len(a) != 2 || a[0].ID != cs[2].ID || a[1].Body != "ý kiến 😀" {
			t.Errorf("approved after skip 1: %+v", a)
		}
		if n, _ := tx.LastName("SHA256:k"); n != "Người 5" {
			t.Errorf("LastName = %q", n)
		}
		if n, _ := tx.LastName("SHA256:none"); n != "" {
			t.Errorf("LastName of a stranger = %q", n)
		}
		c, err := tx.Comment(cs[3].ID)
		if err != nil || c.Name != "Người 3" || !c.CreatedAt.Equal(cs[3].CreatedAt) || c.RemoteAddr != "10.0.0.1" {
			t.Errorf("Comment: %+v, %v", c, err)
		}
		if _, err := tx.Comment(999); !errors.Is(err, board.ErrNotFound) {
			t.Errorf("missing comment: %v", err)
		}
		return nil
	})
	update(t, st, func(tx board.Tx) error {
		c, _ := tx.Comment(cs[1].ID)
		c.Status, c.Moderator = board.CommentApproved, "mod"
		if err := tx.PutComment(&c); err != nil {
			return err
		}
		c, _ = tx.Comment(cs[3].ID)
		c.Status = board.CommentRejected
		if err := tx.PutComment(&c); err != nil {
			return err
		}
		c, _ = tx.Comment(cs[0].ID)
		c.Status = board.CommentDeleted
		return tx.PutComment(&c)
	})
	view(t, st, func(tx board.Tx) error {
		if n, _ := tx.PendingCount(); n != 1 {
			t.Errorf("pending after decisions %d", n)
		}
		a, _ := tx.ThreadComments(1, 0, 10)
		if len(a) != 3 || a[0].ID != cs[1].ID || a[0].Moderator != "mod" {
			t.Errorf("approved after decisions: %+v", a)
		}
		return nil
	})
}

// testAuthorComments: AuthorComments lists a writer's comments newest first, every status, an
// account's whatever key it used, a guest's by its key only, and never a keyless guest's.
func testAuthorComments(t *testing.T, f Factory) {
	st := open(t, f)
	authors := []struct{ login, key string }{
		{"lan", "SHA256:lan"}, // an account, with the key it signed in with
		{"", "SHA256:lan"},    // the same key as a guest, before the account existed
		{"", "SHA256:khach"},  // a guest with a key
		{"", ""},              // a guest without a key
		{"lan", ""},           // the account by password
	}
	want := map[string][]uint64{}
	update(t, st, func(tx board.Tx) error {
		th := thread("A", 1, board.StatusPublished)
		if err := tx.PutThread(&th); err != nil {
			return err
		}
		for i := range 30 {
			a := authors[i%len(authors)]
			c := board.Comment{ThreadID: th.ID, Name: "Người viết", Body: strconv.Itoa(i), Login: a.login,
				Fingerprint: a.key, Status: board.CommentStatus(i % 4), CreatedAt: t0.Add(time.Duration(i) * time.Minute)}
			if err := tx.PutComment(&c); err != nil {
				return err
			}
			if k := c.AuthorKey(); k != "" {
				want[k] = append([]uint64{c.ID}, want[k]...) // newest first
			}
		}
		return nil
	})
	// A decision keeps the comment in its writer's list.
	update(t, st, func(tx board.Tx) error {
		c, err := tx.Comment(want["acct:lan"][0])
		if err != nil {
			return err
		}
		c.Status, c.Moderator, c.Reason = board.CommentRejected, "mod", "lạc đề"
		return tx.PutComment(&c)
	})
	view(t, st, func(tx board.Tx) error {
		if len(want) != 3 || len(want["acct:lan"]) != 12 || len(want["key:SHA256:lan"]) != 6 {
			t.Fatalf("the comments made: %v", want)
		}
		for author, ids := range want {
			cs, err := tx.AuthorComments(author, 100)
			var got []uint64
			for _, c := range cs {
				got = append(got, c.ID)
				if c.AuthorKey() != author {
					t.Errorf("%s: comment %d of %q", author, c.ID, c.AuthorKey())
				}
			}
			if err != nil || !slices.Equal(got, ids) {
				t.Errorf("AuthorComments(%q) = %v, %v; want %v", author, got, err, ids)
			}
			if cs, _ := tx.AuthorComments(author, 2); len(cs) != 2 || cs[0].ID != ids[0] || cs[1].ID != ids[1] {
				t.Errorf("AuthorComments(%q, 2) = %d comments", author, len(cs))
			}
		}
		cs, _ := tx.AuthorComments("acct:lan", 1)
		if len(cs) != 1 || cs[0].Status != board.CommentRejected || cs[0].Reason != "lạc đề" {
			t.Errorf("the rejected comment in its writer's list: %+v", cs)
		}
		for _, author := range []string{"", "acct:la", "key:SHA256:none"} {
			if cs, err := tx.AuthorComments(author, 100); len(cs) != 0 || err != nil {
				t.Errorf("AuthorComments(%q) = %d comments, %v", author, len(cs), err)
			}
		}
		return nil
	})
}

// testDeletedThreads: DeletedThreads pages through the deleted threads newest first, without
// bodies, whatever their status; a restored thread leaves it, a deleted one changed again stays.
func testDeletedThreads(t *testing.T, f Factory) {
	st := open(t, f)
	var want []uint64 // newest first
	update(t, st, func(tx board.Tx) error {
		for i := range 12 {
			th := thread("Tin "+strconv.Itoa(i), i, []board.ThreadStatus{board.StatusPublished, board.StatusDraft}[i%2])
			th.Deleted = i%3 != 0
			if err := tx.PutThread(&th); err != nil {
				return err
			}
			if th.Deleted {
				want = append([]uint64{th.ID}, want...)
			}
		}
		return nil
	})
	check := func(when string, want []uint64) {
		t.Helper()
		view(t, st, func(tx board.Tx) error {
			var got []uint64
			for skip := 0; skip < len(want)+3; skip += 3 {
				ts, total, err := tx.DeletedThreads(skip, 3)
				if err != nil || total != len(want) {
					t.Errorf("%s: DeletedThreads(%d, 3): total %d, %v; want %d", when, skip, total, err, len(want))
					return nil
				}
				for _, th := range ts {
					if th.Body != "" || !th.Deleted || th.Title == "" {
						t.Errorf("%s: listed deleted thread %+v", when, th)
					}
				}
				got = append(got, ids(ts)...)
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s: deleted threads %v, want %v", when, got, want)
			}
			return nil
		})
	}
	check("after deleting", want)
	if len(want) != 8 {
		t.Fatalf("deleted %d threads", len(want))
	}
	update(t, st, func(tx board.Tx) error {
		th, err := tx.Thread(want[0])
		if err != nil {
			return err
		}
		th.Deleted = false // restored
		if err := tx.PutThread(&th); err != nil {
			return err
		}
		th, err = tx.Thread(want[1])
		if err != nil {
			return err
		}
		th.Pinned, th.Title = true, "Đã sửa" // changed while deleted
		return tx.PutThread(&th)
	})
	check("after a restore and an edit", want[1:])
	view(t, st, func(tx board.Tx) error {
		if n, _ := tx.CountThreads(0, true); n != 5 {
			t.Errorf("threads not deleted: %d, want 5", n)
		}
		return nil
	})
}

func testEach(t *testing.T, f Factory) {
	st := open(t, f)
	const n = 1234 // more than one batch of a store reading in batches
	update(t, st, func(tx board.Tx) error {
		th := thread("A", 1, board.StatusPublished)
		if err := tx.PutThread(&th); err != nil {
			return err
		}
		for i := range n {
			c := board.Comment{ThreadID: th.ID, Name: "A", Body: strconv.Itoa(i), Status: board.CommentApproved}
			if err := tx.PutComment(&c); err != nil {
				return err
			}
			e := board.AuditEntry{At: t0, Actor: "a", Kind: board.AuditCommentApprove, Target: "comment:" + strconv.Itoa(i)}
			if err := tx.AppendAudit(&e); err != nil {
				return err
			}
			if e.ID != uint64(i+1) {
				t.Errorf("audit id %d, want %d", e.ID, i+1)
				return nil
			}
		}
		return nil
	})
	view(t, st, func(tx board.Tx) error {
		var seen []string
		tx.EachComment(func(c board.Comment) bool { seen = append(seen, c.Body); return true })
		if len(seen) != n || seen[0] != strconv.Itoa(n-1) || seen[n-1] != "0" {
			t.Errorf("EachComment: %d, first %v", len(seen), seen[:min(3, len(seen))])
		}
		k := 0
		tx.EachComment(func(c board.Comment) bool { k++; return k < 10 })
		if k != 10 {
			t.Errorf("EachComment went on after false: %d", k)
		}
		var targets []string
		tx.EachAudit(func(e board.AuditEntry) bool { targets = append(targets, e.Target); return len(targets) < 600 })
		if len(targets) != 600 || targets[0] != "comment:"+strconv.Itoa(n-1) || targets[599] != "comment:"+strconv.Itoa(n-600) {
			t.Errorf("EachAudit: %d %v", len(targets), targets[:2])
		}
		return nil
	})
}

func testBans(t *testing.T, f Factory) {
	st := open(t, f)
	update(t, st, func(tx board.Tx) error {
		for _, b := range []board.Ban{{Fingerprint: "SHA256:a", Reason: "spam"}, {Reason: "lừa đảo", ExpiresAt: t0}} {
			if err := tx.PutBan(&b); err != nil {
				return err
			}
		}
		return nil
	})
	update(t, st, func(tx board.Tx) error { return tx.DeleteBan(1) })
	view(t, st, func(tx board.Tx) error {
		bs, err := tx.Bans()
		if err != nil || len(bs) != 1 || bs[0].ID != 2 || bs[0].Reason != "lừa đảo" || !bs[0].ExpiresAt.Equal(t0) {
			t.Errorf("bans: %+v, %v", bs, err)
		}
		return nil
	})
}

func testFiles(t *testing.T, f Factory) {
	st := open(t, f)
	files := []board.File{
		{ThreadID: 1, Name: "ke-hoach.pdf", Type: "application/pdf", Size: 3, Order: 1, At: t0},
		{ThreadID: 1, Name: "ảnh.png", Caption: "Tập huấn", Type: "image/png", Size: 5, Order: 0, At: t0},
		{ID: 40, ThreadID: 2, Name: "lich.docx", Size: 7},
	}
	update(t, st, func(tx board.Tx) error {
		for i := range files {
			if err := tx.PutFile(&files[i]); err != nil {
				return err
			}
			if err := tx.PutFileData(files[i].ID, []byte(strings.Repeat("x", int(files[i].Size)))); err != nil {
				return err
			}
		}
		return nil
	})
	if files[0].ID == 0 || files[1].ID == 0 || files[2].ID != 40 {
		t.Fatalf("ids: %d %d %d", files[0].ID, files[1].ID, files[2].ID)
	}
	view(t, st, func(tx board.Tx) error {
		fs, err := tx.ThreadFiles(1)
		if err != nil || len(fs) != 2 || fs[0].Name != "ảnh.png" || fs[0].Caption != "Tập huấn" || fs[1].Name != "ke-hoach.pdf" {
			t.Errorf("thread files in order: %+v, %v", fs, err)
		}
		if n, err := tx.FilesTotal(); err != nil || n != 15 {
			t.Errorf("total %d, %v; want 15", n, err)
		}
		if data, err := tx.FileData(40); err != nil || string(data) != "xxxxxxx" {
			t.Errorf("data of 40: %q, %v", data, err)
		}
		if _, err := tx.File(99); !errors.Is(err, board.ErrNotFound) {
			t.Errorf("unknown file: %v", err)
		}
		return nil
	})
	update(t, st, func(tx board.Tx) error {
		var g board.File // a new file after an explicit id takes a higher one
		if err := tx.PutFile(&g); err != nil {
			return err
		}
		if g.ID <= 40 {
			t.Errorf("new file after id 40 got %d", g.ID)
		}
		if err := tx.DeleteFile(g.ID); err != nil {
			return err
		}
		moved := files[0]
		moved.ThreadID, moved.Size = 2, 10 // moved to thread 2 and replaced by a bigger file
		if err := tx.PutFile(&moved); err != nil {
			return err
		}
		return tx.DeleteFile(files[1].ID)
	})
	view(t, st, func(tx board.Tx) error {
		if fs, err := tx.ThreadFiles(1); err != nil || len(fs) != 0 {
			t.Errorf("thread 1 after the move and delete: %+v, %v", fs, err)
		}
		if fs, err := tx.ThreadFiles(2); err != nil || len(fs) != 2 {
			t.Errorf("thread 2: %+v, %v", fs, err)
		}
		if n, err := tx.FilesTotal(); err != nil || n != 17 {
			t.Errorf("total %d, %v; want 17", n, err)
		}
		if _, err := tx.FileData(files[1].ID); !errors.Is(err, board.ErrNotFound) {
			t.Errorf("bytes of a deleted file: %v", err)
		}
		var ids []uint64
		if err := tx.EachFile(func(f board.File) bool { ids = append(ids, f.ID); return true }); err != nil || len(ids) != 2 || ids[0] >= ids[1] {
			t.Errorf("each file: %v, %v", ids, err)
		}
		return nil
	})
	if err := st.Update(ctx, func(tx board.Tx) error { return tx.DeleteFile(12345) }); !errors.Is(err, board.ErrNotFound) {
		t.Errorf("deleting an unknown file: %v", err)
	}
}

func testAccounts(t *testing.T, f Factory) {
	st := open(t, f)
	lan := board.Account{Login: "lan", Name: "Nguyễn Thị Lan", Role: board.RoleStaff, PasswordHash: "$argon2id$x",
		Keys: []board.AccountKey{{Fingerprint: "SHA256:lan1", Type: "ssh-ed25519"}, {Fingerprint: "SHA256:lan2"}}, CreatedAt: t0}
	update(t, st, func(tx board.Tx) error { return tx.PutAccount(lan) })
	err := st.Update(ctx, func(tx board.Tx) error {
		return tx.PutAccount(board.Account{Login: "hoa", Keys: []board.AccountKey{{Fingerprint: "SHA256:lan2"}}})
	})
	if !errors.Is(err, board.ErrExists) {
		t.Errorf("a key of another account: %v", err)
	}
	lan.Keys = lan.Keys[1:]
	update(t, st, func(tx board.Tx) error { return tx.PutAccount(lan) })
	view(t, st, func(tx board.Tx) error {
		if _, err := tx.AccountByKey("SHA256:lan1"); !errors.Is(err, board.ErrNotFound) {
			t.Errorf("removed key: %v", err)
		}
		a, err := tx.AccountByKey("SHA256:lan2")
		if err != nil || a.Name != "Nguyễn Thị Lan" || a.PasswordHash != "$argon2id$x" || !a.CreatedAt.Equal(t0) {
			t.Errorf("by key: %+v, %v", a, err)
		}
		if _, err := tx.Account("hoa"); !errors.Is(err, board.ErrNotFound) {
			t.Errorf("refused account was stored: %v", err)
		}
		if _, err := tx.Account(""); !errors.Is(err, board.ErrNotFound) {
			t.Errorf("empty login: %v", err)
		}
		return nil
	})
	update(t, st, func(tx board.Tx) error {
		return tx.PutAccount(board.Account{Login: "an", Role: board.RoleAdmin, Keys: []board.AccountKey{{Fingerprint: "SHA256:lan1"}}})
	})
	update(t, st, func(tx board.Tx) error { return tx.DeleteAccount("lan") })
	view(t, st, func(tx board.Tx) error {
		as, _ := tx.Accounts()
		if len(as) != 1 || as[0].Login != "an" {
			t.Errorf("accounts: %+v", as)
		}
		if _, err := tx.AccountByKey("SHA256:lan2"); !errors.Is(err, board.ErrNotFound) {
			t.Errorf("key of a deleted account: %v", err)
		}
		if a, err := tx.AccountByKey("SHA256:lan1"); err != nil || a.Login != "an" {
			t.Errorf("key given to another: %+v, %v", a, err)
		}
		return nil
	})
	if err := st.Update(ctx, func(tx board.Tx) error { return tx.DeleteAccount("nobody") }); !errors.Is(err, board.ErrNotFound) {
		t.Errorf("delete missing: %v", err)
	}
}

func testMarks(t *testing.T, f Factory) {
	st := open(t, f)
	update(t, st, func(tx board.Tx) error {
		return tx.PutReadMarks(map[string]map[uint64]time.Time{"acct:lan": {1: t0.Add(time.Hour), 2: t0}, "key:x": {1: t0}})
	})
	update(t, st, func(tx board.Tx) error {
		return tx.PutReadMarks(map[string]map[uint64]time.Time{"acct:lan": {1: t0, 2: t0.Add(2 * time.Hour)}})
	})
	update(t, st, func(tx board.Tx) error {
		return tx.PutVisitMark("acct:lan", board.VisitMark{Last: t0.Add(time.Hour), Prev: t0})
	})
	view(t, st, func(tx board.Tx) error {
		m, err := tx.ReadMarks("acct:lan", []uint64{1, 2, 3})
		if err != nil || len(m) != 2 || !m[1].Equal(t0.Add(time.Hour)) || !m[2].Equal(t0.Add(2*time.Hour)) {
			t.Errorf("read marks: %v, %v", m, err)
		}
		v, err := tx.VisitMark("acct:lan")
		if err != nil || !v.Last.Equal(t0.Add(time.Hour)) || !v.Prev.Equal(t0) {
			t.Errorf("visit mark: %+v, %v", v, err)
		}
		if v, err := tx.VisitMark("acct:none"); err != nil || !v.Last.IsZero() {
			t.Errorf("missing visit mark: %+v, %v", v, err)
		}
		return nil
	})
}

func testVisitors(t *testing.T, f Factory) {
	st := open(t, f)
	update(t, st, func(tx board.Tx) error { return tx.AddVisits("20260301", 5, []string{"ip:1", "ip:2"}) })
	update(t, st, func(tx board.Tx) error { return tx.AddVisits("20260301", 3, []string{"ip:2", "ip:3"}) })
	update(t, st, func(tx board.Tx) error { return tx.AddVisits("20260302", 1, []string{"ip:1"}) })
	view(t, st, func(tx board.Tx) error {
		d, _ := tx.Day("20260301")
		if d.Visits != 8 || d.Unique != 3 {
			t.Errorf("day: %+v", d)
		}
		if n, _ := tx.TotalVisits(); n != 9 {
			t.Errorf("total %d", n)
		}
		if ok, _ := tx.SeenOn("20260301", "ip:3"); !ok {
			t.Error("ip:3 not seen")
		}
		if ok, _ := tx.SeenOn("20260302", "ip:3"); ok {
			t.Error("ip:3 seen on the wrong day")
		}
		return nil
	})
	update(t, st, func(tx board.Tx) error { return tx.PruneDays("20260302") })
	view(t, st, func(tx board.Tx) error {
		if d, _ := tx.Day("20260301"); d.Visits != 0 {
			t.Errorf("pruned day: %+v", d)
		}
		if ok, _ := tx.SeenOn("20260301", "ip:1"); ok {
			t.Error("pruned visitor still seen")
		}
		if d, _ := tx.Day("20260302"); d.Visits != 1 || d.Unique != 1 {
			t.Errorf("kept day: %+v", d)
		}
		if n, _ := tx.TotalVisits(); n != 9 {
			t.Errorf("total after prune %d", n)
		}
		return nil
	})
}

// testIsolation: a failing or panicking change gets its own error and leaves nothing; the
// concurrent others commit.
func testIsolation(t *testing.T, f Factory) {
	st := open(t, f)
	errBoom := errors.New("boom")
	var wg sync.WaitGroup
	results := make([]error, 48)
	for i := range 48 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = st.Update(ctx, func(tx board.Tx) error {
				c := board.Category{Name: fmt.Sprintf("c%d", i), Slug: fmt.Sprintf("c%d", i)}
				if err := tx.PutCategory(&c); err != nil {
					return err
				}
				if i%8 == 3 {
					return errBoom
				}
				if i == 5 {
					panic("change panics")
				}
				return nil
			})
		}()
	}
	wg.Wait()
	for i, err := range results {
		switch {
		case i%8 == 3 && !errors.Is(err, errBoom):
			t.Fatalf("change %d: %v", i, err)
		case i == 5 && (err == nil || !strings.Contains(err.Error(), "panic")):
			t.Fatalf("change %d: %v", i, err)
		case i%8 != 3 && i != 5 && err != nil:
			t.Fatalf("change %d: %v", i, err)
		}
	}
	var names []string
	view(t, st, func(tx board.Tx) error {
		cs, err := tx.Categories()
		for _, c := range cs {
			names = append(names, c.Name)
		}
		return err
	})
	if len(names) != 1+48-6-1 {
		t.Fatalf("%d categories: %v", len(names), names)
	}
	for _, n := range names {
		if i, err := strconv.Atoi(strings.TrimPrefix(n, "c")); err == nil && (i%8 == 3 || i == 5) {
			t.Fatalf("a failed change left %s", n)
		}
	}
}

// testOutlive: values read in a transaction stay as they were after it ended and others wrote.
func testOutlive(t *testing.T, f Factory) {
	st := open(t, f)
	var tid uint64
	update(t, st, func(tx board.Tx) error {
		th := thread("Tiêu đề gốc", 1, board.StatusPublished)
		if err := tx.PutThread(&th); err != nil {
			return err
		}
		tid = th.ID
		c := board.Comment{ThreadID: th.ID, Name: "Tên gốc", Body: "bình luận gốc", Fingerprint: "SHA256:k1"}
		return tx.PutComment(&c)
	})
	var list []board.Thread
	var cm board.Comment
	var name string
	view(t, st, func(tx board.Tx) error {
		list, _, _ = tx.ListThreads(0, true, "", 0, 10)
		cm, _ = tx.Comment(1)
		name, _ = tx.LastName("SHA256:k1")
		return nil
	})
	before := fmt.Sprint(list, cm, name)
	big := strings.Repeat("nội dung dài ", 4000)
	update(t, st, func(tx board.Tx) error {
		for i := range 30 {
			th := thread(fmt.Sprintf("Tin %d", i), i, board.StatusPublished)
			th.Body = big
			if err := tx.PutThread(&th); err != nil {
				return err
			}
		}
		th, _ := tx.Thread(tid)
		th.Title = "Đổi"
		return tx.PutThread(&th)
	})
	if after := fmt.Sprint(list, cm, name); after != before || list[0].Title != "Tiêu đề gốc" || cm.Name != "Tên gốc" || name != "Tên gốc" {
		t.Fatalf("values changed after their transaction:\n%s\n%s", before, after)
	}
}

// boardOver builds a Board over st, closed at cleanup (closing the store).
func boardOver(t *testing.T, st board.Store) *board.Board {
	t.Helper()
	b, err := board.New(st, board.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

var staff = board.Identity{Login: "staff", Name: "Cán bộ", Role: board.RoleStaff}

// testConcurrentCounters: comments posted at once by many goroutines are all counted.
func testConcurrentCounters(t *testing.T, f Factory) {
	st, _ := f.New(t)
	b := boardOver(t, st)
	th, err := b.CreateThread(ctx, board.System, board.ThreadInput{Title: "Đông người"})
	if err != nil {
		t.Fatal(err)
	}
	postMany(t, b, th.ID, 8, 10)
	got, err := b.Thread(ctx, staff, th.ID)
	if err != nil || got.Comments != 80 {
		t.Fatalf("thread counts %d comments, want 80 (%v)", got.Comments, err)
	}
	if n, err := b.PendingCount(ctx); n != 80 || err != nil {
		t.Fatalf("pending %d, want 80 (%v)", n, err)
	}
}

// postMany posts workers×each comments: approved ones as staff and as many pending ones from
// guests with keys.
func postMany(t *testing.T, b *board.Board, thread uint64, workers, each int) {
	t.Helper()
	var wg sync.WaitGroup
	errs := make(chan error, workers*each*2)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				if _, err := b.PostComment(ctx, staff, board.CommentInput{ThreadID: thread, Name: "Lan", Body: fmt.Sprintf("w%d c%d", w, i)}); err != nil {
					errs <- err
				}
				g := board.Identity{Fingerprint: fmt.Sprintf("SHA256:g-%d-%d-%d", w, i, time.Now().UnixNano())}
				if _, err := b.PostComment(ctx, g, board.CommentInput{ThreadID: thread, Name: "Khách", Body: "chờ duyệt"}); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("post: %v", err)
	}
}

// testReopen: what one handle wrote, the next one reads.
func testReopen(t *testing.T, f Factory) {
	st, name := f.New(t)
	b, err := board.New(st, board.Options{})
	if err != nil {
		t.Fatal(err)
	}
	th, err := b.CreateThread(ctx, board.System, board.ThreadInput{Title: "Còn đó", Body: "thân bài"})
	if err != nil {
		t.Fatal(err)
	}
	b.Close()
	st2, err := f.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	b2 := boardOver(t, st2)
	got, err := b2.Thread(ctx, staff, th.ID)
	if err != nil || got.Body != "thân bài" {
		t.Fatalf("after reopening: %+v, %v", got, err)
	}
	if err := b2.Check(ctx); err != nil {
		t.Fatalf("check: %v", err)
	}
}

// testTwoHandles: two Boards over two handles of one store (two nodes) post at once; every
// comment is counted once.
func testTwoHandles(t *testing.T, f Factory) {
	st, name := f.New(t)
	a := boardOver(t, st)
	st2, err := f.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	b := boardOver(t, st2)
	th, err := a.CreateThread(ctx, board.System, board.ThreadInput{Title: "Hai nút"})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for _, bb := range []*board.Board{a, b} {
		wg.Add(1)
		go func() { defer wg.Done(); postMany(t, bb, th.ID, 4, 10) }()
	}
	wg.Wait()
	for _, bb := range []*board.Board{a, b} {
		got, err := bb.Thread(ctx, staff, th.ID)
		if err != nil || got.Comments != 80 {
			t.Fatalf("thread counts %d comments, want 80 (%v)", got.Comments, err)
		}
		if n, _ := bb.PendingCount(ctx); n != 80 {
			t.Fatalf("pending %d, want 80", n)
		}
	}
	if err := a.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

// durabilityChild posts comments from several goroutines and prints each id once PostComment
// has returned (acknowledged), until it is killed.
func durabilityChild(f Factory, name string) {
	st, err := f.Open(name)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	b, err := board.New(st, board.Options{})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	th, err := b.CreateThread(ctx, board.System, board.ThreadInput{Title: "Bền vững"})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(1)
	}
	fmt.Printf("thread %d\n", th.ID)
	var mu sync.Mutex
	for w := range 8 {
		go func() {
			for i := 0; ; i++ {
				c, err := b.PostComment(ctx, staff, board.CommentInput{ThreadID: th.ID, Name: "Lan", Body: fmt.Sprintf("w%d c%d", w, i)})
				if err != nil {
					fmt.Println("error", err)
					os.Exit(1)
				}
				mu.Lock()
				fmt.Printf("id %d\n", c.ID)
				mu.Unlock()
			}
		}()
	}
	select {}
}

// testDurability kills (SIGKILL) a child process writing comments and checks that every comment
// it acknowledged is stored.
func testDurability(t *testing.T, f Factory) {
	st, name := f.New(t)
	st.Close()
	top, _, _ := strings.Cut(t.Name(), "/")
	cmd := exec.Command(os.Args[0], "-test.run=^"+top+"$/^durability$", "-test.count=1", "-test.v=false")
	cmd.Env = append(os.Environ(), childEnv+"="+name)
	cmd.Stderr = os.Stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	out := bufio.NewScanner(pipe)
	var threadID uint64
	var acked []uint64
	deadline := time.AfterFunc(2*time.Minute, func() { cmd.Process.Kill() })
	defer deadline.Stop()
	for out.Scan() && len(acked) < 300 {
		line := out.Text()
		if s, ok := strings.CutPrefix(line, "thread "); ok {
			threadID, _ = strconv.ParseUint(s, 10, 64)
			continue
		}
		s, ok := strings.CutPrefix(line, "id ")
		if !ok {
			t.Fatalf("child: %s", line)
		}
		id, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		acked = append(acked, id)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	for out.Scan() { // ids printed before the kill landed are acknowledged too
		if id, err := strconv.ParseUint(strings.TrimPrefix(out.Text(), "id "), 10, 64); err == nil {
			acked = append(acked, id)
		}
	}
	if len(acked) < 300 {
		t.Fatalf("child printed %d ids", len(acked))
	}
	st2, err := f.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	if err := st2.Check(ctx); err != nil {
		t.Fatalf("check after kill: %v", err)
	}
	err = st2.View(ctx, func(tx board.Tx) error {
		for _, id := range acked {
			if c, err := tx.Comment(id); err != nil || c.Status != board.CommentApproved {
				return fmt.Errorf("acknowledged comment %d: %+v, %w", id, c, err)
			}
		}
		th, err := tx.Thread(threadID)
		if err != nil {
			return err
		}
		if th.Comments < len(acked) {
			return fmt.Errorf("thread counts %d comments, %d acknowledged", th.Comments, len(acked))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d acknowledged comments all present after SIGKILL", len(acked))
}

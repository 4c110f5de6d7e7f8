package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/i18n"
	"bangtin/board/text"
	"bangtin/board/tui/component"
)

// TestOfficialMark: a comment by an account carries its role after the name ("✓ Cán bộ"),
// a guest's does not, and a narrow line cuts the name before the mark (issue 19.8).
func TestOfficialMark(t *testing.T) {
	b, _ := wBoard(t)
	c := wCommon(b, reader)
	for _, tc := range []struct {
		name string
		cmt  board.Comment
		w    int
		want string
		not  string
	}{
		{"staff", board.Comment{Name: "Nguyễn Văn An", Login: "an", Role: board.RoleStaff}, 60, "Nguyễn Văn An ✓ Cán bộ", ""},
		{"old account comment", board.Comment{Name: "An", Login: "an"}, 60, "An ✓ Cán bộ", ""},
		{"editor", board.Comment{Name: "Lê Bình", Login: "binh", Role: board.RoleEditor, Title: "Trả lời"}, 60, "Lê Bình ✓ Biên tập viên — Trả lời", ""},
		{"guest", board.Comment{Name: "Trần Thị Bình", Title: "Hỏi"}, 60, "Trần Thị Bình — Hỏi", "✓"},
		{"narrow keeps the mark", board.Comment{Name: "Nguyễn Văn An Bình Minh", Login: "an", Role: board.RoleStaff}, 20, "✓ Cán bộ", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ansi.Strip(commentHead(c, tc.cmt, tc.w))
			if !strings.Contains(got, tc.want) {
				t.Errorf("head %q lacks %q", got, tc.want)
			}
			if tc.not != "" && strings.Contains(got, tc.not) {
				t.Errorf("head %q holds %q", got, tc.not)
			}
			if w := text.Width(got); w > tc.w {
				t.Errorf("head %q is %d cells, more than %d", got, w, tc.w)
			}
		})
	}
	c.Lang = i18n.En
	if got := officialMark(c, board.Comment{Login: "a", Role: board.RoleAdmin}); got != "✓ Admin" {
		t.Errorf("English admin mark = %q, want %q", got, "✓ Admin")
	}
}

// TestDeletedThreadsList: an admin's "D" lists deleted threads; r asks, then restores; Enter
// reads one. Editors and readers get no list (issue 19.5).
func TestDeletedThreadsList(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
		t.Run(string(lang), func(t *testing.T) {
			b, clk := wBoard(t)
			ctx := context.Background()
			keep := boardtest.Thread(t, b, "Lịch họp tổ dân phố", "Họp lúc 19 giờ.")
			clk.Add(time.Hour)
			gone := boardtest.Thread(t, b, "Thông báo cắt điện ngày 3/12", "Cắt điện từ 7 giờ đến 11 giờ.")
			if err := b.DeleteThread(ctx, boardtest.Editor, gone.ID, "đăng nhầm"); err != nil {
				t.Fatal(err)
			}
			a := wCommon(b, boardtest.Admin)
			a.Lang, a.Keys = lang, NewKeyMap(lang)
			d := wDrive(t, NewDeleted(a))
			wGolden(t, a, "w_deleted_"+string(lang), d.view())
			if p := d.plain(); !strings.Contains(p, "Thông báo cắt điện") || strings.Contains(p, keep.Title) {
				t.Fatalf("the list does not hold exactly the deleted thread:\n%s", p)
			}
			d.keys("r")
			wGolden(t, a, "w_deleted_restore_"+string(lang), d.view())
			if !strings.Contains(d.plain(), i18n.T(lang, i18n.TWDelRestoreAsk, gone.Title)) {
				t.Fatalf("restore question missing:\n%s", d.plain())
			}
			d.keys("n")
			if wThread(t, b, gone.ID).Deleted == false {
				t.Fatal("restored although refused")
			}
			d.keys("enter")
			if tp, ok := d.p.(*threadPage); !ok || tp.tid != gone.ID {
				t.Fatalf("enter did not open the deleted thread: %T", d.p)
			}
			d.keys("esc")
			d.keys("r", "y")
			if wThread(t, b, gone.ID).Deleted {
				t.Fatal("not restored")
			}
			if p := d.plain(); !strings.Contains(p, i18n.T(lang, i18n.TWDelHeading, 0)) || !strings.Contains(p, i18n.T(lang, i18n.TWDelRestored, gone.Title)) {
				t.Fatalf("after restore:\n%s", p)
			}
			if !strings.Contains(d.plain(), i18n.T(lang, i18n.CmdNoDeleted)) {
				t.Fatalf("empty list not said:\n%s", d.plain())
			}
		})
	}
	b, _ := seeded(t)
	for _, id := range []board.Identity{boardtest.Editor, boardtest.Staff, reader} {
		d := newDriver(t, envFor(b, i18n.Vi, id))
		d.keys("D")
		if len(d.m.stack) != 1 {
			t.Errorf("%v opened %T with D", id.Role, d.m.top())
		}
		d.keys("?")
		if strings.Contains(d.plain(), i18n.T(i18n.Vi, i18n.TUIKeyDeleted)) {
			t.Errorf("help offers %v the deleted list:\n%s", id.Role, d.plain())
		}
	}
	d := newDriver(t, envFor(b, i18n.Vi, boardtest.Admin))
	d.keys("?")
	if !strings.Contains(d.plain(), i18n.T(i18n.Vi, i18n.TUIKeyDeleted)) {
		t.Errorf("help does not offer the admin the deleted list:\n%s", d.plain())
	}
	d.keys("esc", "D")
	if _, ok := d.m.top().(*listPage[deletedThread]); !ok {
		t.Errorf("D opened %T for an admin", d.m.top())
	}
}

// TestEditorDeleteLeavesTheThread: after deleting a thread from its page, the editor is back
// on the list, not on the deleted thread (issue 19.5).
func TestEditorDeleteLeavesTheThread(t *testing.T) {
	b, _ := seeded(t)
	d := newDriver(t, envFor(b, i18n.Vi, boardtest.Editor))
	d.keys("down", "enter")
	tp, ok := d.m.top().(*threadPage)
	if !ok {
		t.Fatalf("no thread page: %T", d.m.top())
	}
	id := tp.tid
	d.keys("e")
	ed, ok := d.m.top().(*editorPage)
	if !ok {
		t.Fatalf("e opened %T", d.m.top())
	}
	ed.setFocus(weDelete)
	d.keys("enter", "enter")
	if !wThread(t, b, id).Deleted {
		t.Fatal("not deleted")
	}
	if _, ok := d.m.top().(*homePage); !ok || len(d.m.stack) != 1 {
		t.Fatalf("after deleting, the top page is %T (stack %d), want home", d.m.top(), len(d.m.stack))
	}
	if !strings.Contains(d.plain(), i18n.T(i18n.Vi, i18n.TWEdDeleted)) {
		t.Fatalf("no notice of the delete:\n%s", d.plain())
	}
}

// TestAuditOpensTarget: o on an audit entry opens its target: the thread of a thread or
// comment entry, the bans list for a ban; kinds are said in words (issues 19.5, 19.13).
func TestAuditOpensTarget(t *testing.T) {
	b, clk := wBoard(t)
	_, cs := wSeedQueue(t, b, clk)
	ctx := context.Background()
	clk.Add(time.Minute)
	if err := b.ApproveComments(ctx, boardtest.Editor, []uint64{cs[0].ID}, ""); err != nil {
		t.Fatal(err)
	}
	clk.Add(time.Minute)
	if _, err := b.AddBan(ctx, boardtest.Admin, board.BanInput{Addr: "192.0.2.44", Reason: "phá rối"}); err != nil {
		t.Fatal(err)
	}
	a := wCommon(b, boardtest.Admin)
	d := wDrive(t, NewAudit(a))
	if p := d.plain(); !strings.Contains(p, "Duyệt ý kiến") || strings.Contains(p, "comment.approve") {
		t.Fatalf("kinds not in words:\n%s", p)
	}
	d.keys("o")
	if _, ok := d.p.(*listPage[board.Ban]); !ok {
		t.Fatalf("o on a ban entry opened %T", d.p)
	}
	d.keys("esc", "down", "o")
	tp, ok := d.p.(*threadPage)
	if !ok || tp.tid != cs[0].ThreadID {
		t.Fatalf("o on a comment entry opened %T, want the thread %d", d.p, cs[0].ThreadID)
	}
	d.keys("esc", "enter")
	if p := d.plain(); !strings.Contains(p, "Duyệt ý kiến (comment.approve)") {
		t.Fatalf("entry page does not name the kind:\n%s", p)
	}
	d.keys("o")
	if _, ok := d.p.(*threadPage); !ok {
		t.Fatalf("o on the entry page opened %T", d.p)
	}
}

// TestEveryAuditKindHasWords: each kind the board records is said in words in both languages.
func TestEveryAuditKindHasWords(t *testing.T) {
	for _, kind := range []string{board.AuditCommentApprove, board.AuditCommentReject, board.AuditCommentDelete,
		board.AuditCommentEdit, board.AuditThreadCreate, board.AuditThreadEdit, board.AuditThreadHide,
		board.AuditThreadRestore, board.AuditThreadDelete, board.AuditThreadRevert, board.AuditCategoryAdd,
		board.AuditCategoryRename, board.AuditCategoryMove, board.AuditCategoryRemove, board.AuditBanAdd,
		board.AuditBanRemove, board.AuditAccountAdd, board.AuditAccountRemove, board.AuditAccountRole,
		board.AuditAccountRename, board.AuditAccountKeyAdd, board.AuditAccountKeyDel, board.AuditAccountPassword,
		board.AuditSettings, board.AuditDenied, board.AuditAuthFailure} {
		for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
			if got := i18n.AuditKind(lang, kind); got == kind || got == "" {
				t.Errorf("%s: %q in %s", kind, got, lang)
			}
		}
	}
	if got := i18n.AuditKind(i18n.Vi, board.AuditThreadDelete); got != "Xoá bài" {
		t.Errorf("thread.delete = %q, want Xoá bài", got)
	}
}

// TestMyComments: "M" lists the writer's own comments, newest first, with their state and a
// moderator's reason; a guest without a key is told why there is no list (issue 19.6).
func TestMyComments(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
		t.Run(string(lang), func(t *testing.T) {
			b, clk := wBoard(t)
			ctx := context.Background()
			th := boardtest.Thread(t, b, "Lịch tiêm chủng tháng 12", "Nội dung.")
			me := boardtest.GuestKey("SHA256:me", "10.0.0.7")
			other := boardtest.GuestKey("SHA256:other", "10.0.0.8")
			post := func(who board.Identity, title, body string) board.Comment {
				t.Helper()
				clk.Add(time.Minute)
				cm, err := b.PostComment(ctx, who, board.CommentInput{ThreadID: th.ID, Name: "Lan", Title: title, Body: body})
				if err != nil {
					t.Fatal(err)
				}
				return cm
			}
			c1 := post(me, "Hỏi giờ", "Mấy giờ bắt đầu ạ?")
			c2 := post(me, "Quảng cáo", "Mua bán đất giá rẻ")
			post(me, "", "Cảm ơn trạm y tế.")
			post(other, "Người khác", "Không phải của tôi")
			if err := b.ApproveComments(ctx, boardtest.Editor, []uint64{c1.ID}, ""); err != nil {
				t.Fatal(err)
			}
			if err := b.RejectComments(ctx, boardtest.Editor, []uint64{c2.ID}, "quảng cáo"); err != nil {
				t.Fatal(err)
			}
			c := wCommon(b, me)
			c.Lang, c.Keys = lang, NewKeyMap(lang)
			d := wDrive(t, NewMine(c))
			wGolden(t, c, "w_mine_"+string(lang), d.view())
			p := d.plain()
			for _, want := range []string{
				i18n.T(lang, i18n.TWMineHeading, 3), "Mấy giờ bắt đầu", "quảng cáo", "Cảm ơn trạm y tế",
				i18n.CommentStatus(lang, board.CommentApproved), i18n.CommentStatus(lang, board.CommentRejected), i18n.CommentStatus(lang, board.CommentPending),
			} {
				if !strings.Contains(p, want) {
					t.Errorf("my comments lack %q:\n%s", want, p)
				}
			}
			if strings.Contains(p, "Không phải của tôi") {
				t.Errorf("another writer's comment is listed:\n%s", p)
			}
			d.keys("enter")
			if tp, ok := d.p.(*threadPage); !ok || tp.tid != th.ID {
				t.Fatalf("enter opened %T", d.p)
			}

			keyless := wCommon(b, boardtest.Guest("10.0.0.9"))
			keyless.Lang, keyless.Keys = lang, NewKeyMap(lang)
			d = wDrive(t, NewMine(keyless))
			words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
			if p := d.plain(); !strings.Contains(words(p), words(i18n.Error(lang, board.ErrNoIdentity))) ||
				strings.Contains(p, i18n.T(lang, i18n.CmdNoMine)) {
				t.Fatalf("a keyless guest is not told why:\n%s", p)
			}
		})
	}
	b, _ := seeded(t)
	d := newDriver(t, envFor(b, i18n.Vi, boardtest.Guest("10.0.0.9")))
	d.keys("?")
	if strings.Contains(d.plain(), i18n.T(i18n.Vi, i18n.TUIKeyMine)) {
		t.Errorf("help offers a keyless guest its comments:\n%s", d.plain())
	}
	d = newDriver(t, envFor(b, i18n.Vi, boardtest.Staff))
	d.keys("M")
	if _, ok := d.m.top().(*listPage[board.Comment]); !ok {
		t.Fatalf("M opened %T for staff", d.m.top())
	}
	if !strings.Contains(d.plain(), "Cho hỏi buổi sáng") {
		t.Fatalf("staff's own comment is not listed:\n%s", d.plain())
	}
}

// TestEditorCountsCharacters: the editor's size line counts characters, not bytes (19.13).
func TestEditorCountsCharacters(t *testing.T) {
	b, _ := wBoard(t)
	e := wCommon(b, boardtest.Editor)
	d := wDrive(t, NewEditor(e, nil))
	ed := d.p.(*editorPage)
	ed.body.SetValue("Người dân xã Tân Phú") // 20 characters, 29 bytes
	if p := d.plain(); !strings.Contains(p, i18n.T(i18n.Vi, i18n.TWEdSize, 20, 1)) {
		t.Fatalf("size line does not count 20 characters:\n%s", p)
	}
}

// TestMonochromeFocusedButton: without colour the focused button is marked in its text, the
// others are not (19.13).
func TestMonochromeFocusedButton(t *testing.T) {
	for _, tc := range []struct {
		noColor, focused bool
		want             string
	}{
		{true, true, "> [ Lưu ] <"},
		{true, false, "[ Lưu ]"},
		{false, true, "[ Lưu ]"},
		{false, false, "[ Lưu ]"},
	} {
		st := NewStyles(tc.noColor).Widgets
		got := ansi.Strip(component.Button(st, "Lưu", tc.focused))
		if got != tc.want {
			t.Errorf("noColor=%v focused=%v: %q, want %q", tc.noColor, tc.focused, got, tc.want)
		}
		if w := component.ButtonWidth(st, "Lưu", tc.focused); w != text.Width(got) {
			t.Errorf("ButtonWidth %d, drawn %d", w, text.Width(got))
		}
	}
}

// TestCategoryTabsScroll: tabs that do not fit at 80 columns say so with ‹ and › and scroll
// with tab, keeping the active one shown (19.10).
func TestCategoryTabsScroll(t *testing.T) {
	names := []string{"Thông báo", "Văn bản pháp luật", "Y tế – Giáo dục", "Nông nghiệp", "Đất đai – Xây dựng",
		"An ninh trật tự", "Lao động – Việc làm", "Văn hoá – Thể thao"}
	for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
		t.Run(string(lang), func(t *testing.T) {
			b, _ := seeded(t)
			for _, n := range names {
				if _, err := b.AddCategory(context.Background(), boardtest.Admin, n); err != nil {
					t.Fatal(err)
				}
			}
			d := newDriver(t, envFor(b, lang, reader))
			tabLine := func() string {
				for _, l := range strings.Split(d.plain(), "\n") {
					if strings.Contains(l, "[") && strings.Contains(l, "]") {
						return l
					}
				}
				t.Fatalf("no tab line:\n%s", d.plain())
				return ""
			}
			first := tabLine()
			if strings.Contains(first, "‹") || !strings.HasSuffix(strings.TrimRight(first, " "), "›") {
				t.Fatalf("first tabs: %q, want › at the end and no ‹", first)
			}
			for range 7 { // "All news" and the seeded category come first
				d.keys("tab")
			}
			mid := tabLine()
			if !strings.Contains(mid, "‹") || !strings.Contains(mid, "["+names[5]+"]") {
				t.Fatalf("after 7 tabs: %q, want ‹ and the active [%s]", mid, names[5])
			}
			golden(t, "home_tabs_"+string(lang), d.screen())
			for range 2 {
				d.keys("tab")
			}
			end := tabLine()
			if strings.HasSuffix(strings.TrimRight(end, " "), "›") || !strings.Contains(end, "["+names[7]+"]") {
				t.Fatalf("last tab: %q, want no › and the active [%s]", end, names[7])
			}
			for _, l := range []string{first, mid, end} {
				if w := text.Width(l); w > 80 {
					t.Errorf("tab line %d cells: %q", w, l)
				}
			}
		})
	}
}

// TestHeaderShortensTheNameBeforeTheRole: a long account name is cut, the role stays (19.10).
func TestHeaderShortensTheNameBeforeTheRole(t *testing.T) {
	b, _ := seeded(t)
	id := boardtest.Admin
	id.Name = "Nguyễn Thị Phương Thảo – Văn phòng HĐND và UBND xã"
	for _, w := range []int{80, 60} {
		env := envFor(b, i18n.Vi, id)
		env.Width = w
		d := newDriver(t, env)
		head := strings.Split(d.plain(), "\n")[0]
		if !strings.Contains(head, "(quản trị viên)") || !strings.Contains(head, " N") || !strings.Contains(head, "…") {
			t.Errorf("at %d columns the header is %q: want the name cut and the role whole", w, head)
		}
		if tw := text.Width(head); tw > w {
			t.Errorf("header %d cells at %d columns", tw, w)
		}
	}
}

// TestListPromptSurvivesLiveReload: a change by someone else while a list's question is open
// does not swallow the answer (listPage waits with its reload).
func TestListPromptSurvivesLiveReload(t *testing.T) {
	b, _ := wBoard(t)
	ctx := context.Background()
	if _, err := b.AddBan(ctx, boardtest.Admin, board.BanInput{Addr: "192.0.2.1", Reason: "phá rối"}); err != nil {
		t.Fatal(err)
	}
	a := wCommon(b, boardtest.Admin)
	d := wDrive(t, NewBans(a))
	d.keys("d")
	if _, err := b.AddBan(ctx, boardtest.Admin, board.BanInput{Addr: "192.0.2.2", Reason: "quảng cáo"}); err != nil {
		t.Fatal(err)
	}
	d.send(LiveMsg{Version: b.Version()})
	d.keys("y")
	bans, err := b.Bans(ctx, boardtest.Admin)
	if err != nil {
		t.Fatal(err)
	}
	if len(bans) != 1 || bans[0].Prefix.String() != "192.0.2.2/32" {
		t.Fatalf("after lifting the first ban: %+v", bans)
	}
	if p := d.plain(); !strings.Contains(p, "192.0.2.2") || !strings.Contains(p, i18n.T(i18n.Vi, i18n.TWBanHeading, 1)) {
		t.Fatalf("list not reloaded after the answer:\n%s", p)
	}
}

// TestSettingsBeforeLoad: the settings page asked for its help and text focus before its
// settings arrive does not panic (the root draws the footer at once; seen over SSH).
func TestSettingsBeforeLoad(t *testing.T) {
	b, _ := wBoard(t)
	p := NewSettings(wCommon(b, boardtest.Admin))
	help := p.(interface{ ShortHelp() []key.Binding }).ShortHelp()
	if len(help) == 0 {
		t.Fatal("no help before loading")
	}
	if tf, ok := p.(TextFocuser); ok && tf.TextFocused() {
		t.Fatal("text focused before loading")
	}
	if !strings.Contains(ansi.Strip(p.View()), i18n.T(i18n.Vi, i18n.TWSetHeading)) {
		t.Fatalf("no heading before loading:\n%s", p.View())
	}
}

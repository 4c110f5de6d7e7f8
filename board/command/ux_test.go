package command_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/command"
	"bangtin/board/i18n"
)

var mineKeys = []string{"id", "thread_id", "thread_title", "name", "title", "body", "status", "reason", "created_at", "decided_at"}

func TestCommentsMine(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	if err := f.b.RejectComments(ctx, editor, []uint64{f.pending.ID}, "lạc đề"); err != nil {
		t.Fatal(err)
	}
	r := runOK(t, f.b, guestKey, runOpts{stdin: "Ý kiến thứ hai"}, "comment", "post", fmt.Sprint(f.published.ID), "--json")
	second := idOf(decodeObject(t, r.out, "id"))

	r = runOK(t, f.b, guestKey, runOpts{}, "comments", "mine", "--json")
	list := decodeArray(t, r.out, mineKeys...)
	if len(list) != 2 || idOf(list[0]) != second || idOf(list[1]) != f.pending.ID {
		t.Fatalf("mine = %v", list)
	}
	if list[0]["status"] != "pending" || list[0]["decided_at"] != nil || list[0]["reason"] != "" {
		t.Errorf("pending comment = %v", list[0])
	}
	if list[1]["status"] != "rejected" || list[1]["reason"] != "lạc đề" || list[1]["thread_title"] != f.published.Title {
		t.Errorf("rejected comment = %v", list[1])
	}
	isRFC3339(t, list[1]["decided_at"])
	isRFC3339(t, list[1]["created_at"])
	if _, ok := list[0]["held_for"]; ok {
		t.Errorf("a writer sees held_for: %v", list[0])
	}
	// --limit, and the human form in both languages.
	r = runOK(t, f.b, guestKey, runOpts{}, "comments", "mine", "--limit", "1", "--json")
	if l := decodeArray(t, r.out, mineKeys...); len(l) != 1 {
		t.Errorf("--limit 1: %v", l)
	}
	r = runOK(t, f.b, guestKey, runOpts{lang: i18n.Vi}, "comments", "mine")
	for _, want := range []string{"bị từ chối", "lạc đề", "chờ duyệt", "Lý do"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("vi table lacks %q:\n%s", want, r.out)
		}
	}
	r = runOK(t, f.b, guestKey, runOpts{lang: i18n.En}, "comments", "mine")
	if !strings.Contains(r.out, "rejected") || !strings.Contains(r.out, "pending") {
		t.Errorf("en table:\n%s", r.out)
	}
	// An account sees its own; someone with none gets the empty message.
	r = runOK(t, f.b, staff, runOpts{}, "comments", "mine", "--json")
	if l := decodeArray(t, r.out, mineKeys...); len(l) != 1 || idOf(l[0]) != f.approved.ID {
		t.Errorf("staff mine = %v", l)
	}
	r = runOK(t, f.b, admin, runOpts{}, "comments", "mine")
	if strings.TrimSpace(r.out) != i18n.T(i18n.En, i18n.CmdNoMine) {
		t.Errorf("admin mine: %s", r)
	}
	if r = runOK(t, f.b, admin, runOpts{}, "comments", "mine", "--json"); strings.TrimSpace(r.out) != "[]" {
		t.Errorf("empty JSON: %s", r)
	}
	// A guest without a key is told why, in its language.
	for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
		r := run(t, f.b, guestNoKey, runOpts{lang: lang}, "comments", "mine")
		if r.code != command.ExitError || strings.TrimSpace(r.errOut) != i18n.T(lang, i18n.ErrNoIdentity) || r.out != "" {
			t.Errorf("keyless guest (%s): %s", lang, r)
		}
	}
	if r := run(t, f.b, guestKey, runOpts{}, "comments", "mine", "--limit", "0"); r.code != command.ExitUsage {
		t.Errorf("--limit 0: %s", r)
	}
	// Guests may see the help of `comments`, which lists mine but not pending.
	r = runOK(t, f.b, guestKey, runOpts{}, "comments", "--help")
	if !strings.Contains(r.out, "mine") || strings.Contains(r.out, "pending") {
		t.Errorf("guest help of comments:\n%s", r.out)
	}
}

func TestCommentRoleAndHeldForInJSON(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	if err := f.b.SetWordList(ctx, admin, []string{"cá độ"}); err != nil {
		t.Fatal(err)
	}
	tid := fmt.Sprint(f.published.ID)
	runOK(t, f.b, editor, runOpts{stdin: "Trả lời chính thức."}, "comment", "post", tid)
	runOK(t, f.b, staff, runOpts{stdin: "Cảnh báo cá độ bóng đá"}, "comment", "post", tid)

	r := runOK(t, f.b, guestKey, runOpts{}, "news", "show", tid, "--json")
	m := decodeObject(t, r.out, "comments")
	roles := map[string]string{}
	for _, c := range m["comments"].([]any) {
		cm := c.(map[string]any)
		hasKeys(t, cm, "id", "name", "title", "body", "created_at", "role")
		roles[cm["body"].(string)] = cm["role"].(string)
	}
	if roles["Trả lời chính thức."] != "editor" || roles["Tiêm ở đâu ạ?"] != "staff" {
		t.Errorf("roles = %v", roles)
	}
	r = runOK(t, f.b, guestKey, runOpts{lang: i18n.Vi}, "news", "show", tid)
	if !strings.Contains(r.out, "Biên tập (biên tập viên)") {
		t.Errorf("the official reply is not marked:\n%s", r.out)
	}

	r = runOK(t, f.b, editor, runOpts{}, "comments", "pending", "--json")
	list := decodeArray(t, r.out, append(pendingKeys, "role", "held_for")...)
	held := map[string]string{}
	for _, c := range list {
		held[c["body"].(string)] = c["held_for"].(string) + "/" + c["role"].(string)
	}
	if held["Cảnh báo cá độ bóng đá"] != "cá độ/staff" || held["Chờ duyệt nhé"] != "/guest" {
		t.Errorf("pending held_for/role = %v", held)
	}
	r = runOK(t, f.b, editor, runOpts{lang: i18n.Vi}, "comments", "pending")
	if !strings.Contains(r.out, "Từ cần duyệt") || !strings.Contains(r.out, "cá độ") {
		t.Errorf("pending table lacks the held-for word:\n%s", r.out)
	}
}

func TestGuestLimitsAndNamesOverCommands(t *testing.T) {
	clk := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	b := boardtest.New(t, board.Options{Now: func() time.Time { return clk }})
	th := boardtest.Thread(t, b, "Tin", "")
	tid := fmt.Sprint(th.ID)
	// A guest may not take an account's display name; a clear message in both languages.
	for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
		r := run(t, b, guestKey, runOpts{lang: lang, stdin: "Tôi là cán bộ"}, "comment", "post", tid, "--name", "CÁN BỘ")
		if r.code != command.ExitError || !strings.Contains(r.errOut, i18n.T(lang, i18n.ErrReservedName)) {
			t.Errorf("reserved name (%s): %s", lang, r)
		}
	}
	// Two guests of one office: the one with a key is not refused because of the one without.
	office := "127.0.9.1"
	keyed := boardtest.GuestKey("SHA256:office-key", office)
	keyless := boardtest.Guest(office)
	for i := range 3 {
		runOK(t, b, keyless, runOpts{stdin: fmt.Sprintf("ý kiến %d", i)}, "comment", "post", tid, "--name", "Lan")
	}
	runOK(t, b, keyed, runOpts{stdin: "của tôi"}, "comment", "post", tid, "--name", "Hùng")
	// The fourth keyless comment waits, said in words.
	for lang, want := range map[i18n.Lang]string{i18n.Vi: "thử lại sau 10 phút.", i18n.En: "try again in 10 minutes."} {
		r := run(t, b, keyless, runOpts{lang: lang, stdin: "nữa"}, "comment", "post", tid, "--name", "Lan")
		if r.code != command.ExitError || !strings.Contains(r.errOut, want) {
			t.Errorf("rate limit (%s): want %q: %s", lang, want, r)
		}
	}
}

func TestNewsListDeletedAndMonth(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	gone := boardtest.Thread(t, f.b, "Tin sẽ xoá", "x")
	if err := f.b.DeleteThread(ctx, editor, gone.ID, "nhầm"); err != nil {
		t.Fatal(err)
	}
	r := runOK(t, f.b, admin, runOpts{}, "news", "list", "--deleted", "--json")
	list := decodeArray(t, r.out, threadKeys...)
	if len(list) != 1 || idOf(list[0]) != gone.ID || list[0]["status"] != "deleted" {
		t.Fatalf("deleted = %v", list)
	}
	r = runOK(t, f.b, admin, runOpts{lang: i18n.Vi}, "news", "list", "--deleted")
	if !strings.Contains(r.out, "Tin sẽ xoá") || !strings.Contains(r.out, "đã xoá") {
		t.Errorf("vi deleted list:\n%s", r.out)
	}
	// --all still leaves deleted threads out.
	r = runOK(t, f.b, admin, runOpts{}, "news", "list", "--all", "--json")
	for _, m := range decodeArray(t, r.out, threadKeys...) {
		if idOf(m) == gone.ID {
			t.Errorf("--all lists the deleted thread")
		}
	}
	runOK(t, f.b, admin, runOpts{}, "news", "restore", fmt.Sprint(gone.ID))
	r = runOK(t, f.b, admin, runOpts{}, "news", "list", "--deleted")
	if strings.TrimSpace(r.out) != i18n.T(i18n.En, i18n.CmdNoDeleted) {
		t.Errorf("after restore: %s", r)
	}
	for _, args := range [][]string{
		{"news", "list", "--deleted", "--all"},
		{"news", "list", "--deleted", "--category", "tin-tuc"},
		{"news", "list", "--deleted", "--month", "2026-01"},
		{"news", "list", "--month", "2026-13"},
		{"news", "list", "--month", "tháng 10"},
	} {
		if r := run(t, f.b, admin, runOpts{}, args...); r.code != command.ExitUsage || r.out != "" {
			t.Errorf("%v: want exit 2: %s", args, r)
		}
	}
	// By month: this month holds the published thread, another month nothing.
	month := time.Now().In(f.b.Location()).Format("2006-01")
	r = runOK(t, f.b, guestKey, runOpts{}, "news", "list", "--month", month, "--json")
	if l := decodeArray(t, r.out, threadKeys...); len(l) != 2 { // the fixture's thread and the restored one
		t.Errorf("month %s = %v", month, l)
	}
	r = runOK(t, f.b, guestKey, runOpts{}, "news", "list", "--month", "2001-01", "--json")
	if strings.TrimSpace(r.out) != "[]" {
		t.Errorf("an empty month: %s", r)
	}
	// The audit entry of the deletion names the thread to open.
	r = runOK(t, f.b, admin, runOpts{}, "audit", "--kind", "thread.delete", "--json")
	if l := decodeArray(t, r.out, "thread_id"); len(l) != 1 || l[0]["thread_id"] != float64(gone.ID) {
		t.Errorf("audit = %v", l)
	}
	r = runOK(t, f.b, admin, runOpts{}, "audit", "--kind", "settings", "--json")
	for _, m := range decodeArray(t, r.out, "thread_id") {
		if m["thread_id"] != nil {
			t.Errorf("a settings entry with a thread: %v", m)
		}
	}
}

func TestSettingsCommands(t *testing.T) {
	f := setup(t)
	r := runOK(t, f.b, admin, runOpts{}, "settings", "show", "--json")
	m := decodeObject(t, r.out, "moderation", "captcha", "words")
	if m["moderation"] != "guests" || m["captcha"] != true || len(m["words"].([]any)) != 0 {
		t.Fatalf("defaults = %v", m)
	}
	r = runOK(t, f.b, admin, runOpts{}, "settings", "set", "--moderation", "everyone", "--captcha", "off",
		"--words", "vay tiền, cờ bạc,  cá độ ,", "--json")
	m = decodeObject(t, r.out, "moderation", "captcha", "words")
	if m["moderation"] != "everyone" || m["captcha"] != false || fmt.Sprint(m["words"]) != "[vay tiền cờ bạc cá độ]" {
		t.Fatalf("after set = %v", m)
	}
	// Only the flags given change.
	r = runOK(t, f.b, admin, runOpts{}, "settings", "set", "--moderation", "none", "--json")
	m = decodeObject(t, r.out, "moderation", "captcha", "words")
	if m["moderation"] != "none" || m["captcha"] != false || len(m["words"].([]any)) != 3 {
		t.Fatalf("after a partial set = %v", m)
	}
	// --words - reads stdin; --words "" empties the list.
	r = runOK(t, f.b, admin, runOpts{stdin: "lừa đảo\nđa cấp\n"}, "settings", "set", "--words", "-", "--json")
	if m = decodeObject(t, r.out, "words"); fmt.Sprint(m["words"]) != "[lừa đảo đa cấp]" {
		t.Errorf("words from stdin = %v", m["words"])
	}
	r = runOK(t, f.b, admin, runOpts{lang: i18n.Vi}, "settings", "set", "--words", "")
	if !strings.Contains(r.out, "Đã lưu cài đặt.") || !strings.Contains(r.out, "(trống)") || !strings.Contains(r.out, "không ai phải chờ duyệt") {
		t.Errorf("vi set:\n%s", r.out)
	}
	r = runOK(t, f.b, admin, runOpts{lang: i18n.En}, "settings", "show")
	for _, want := range []string{"Moderation", "none (no one waits", "Check code", "off", "(none)"} {
		if !strings.Contains(r.out, want) {
			t.Errorf("en show lacks %q:\n%s", want, r.out)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"settings", "set"}, "at least one setting"},
		{[]string{"settings", "set", "--moderation", "sometimes"}, "not a valid value for --moderation"},
		{[]string{"settings", "set", "--captcha", "maybe"}, "not a valid value for --captcha"},
		{[]string{"settings", "show", "extra"}, "Wrong number of arguments"},
		{[]string{"settings"}, "needs a subcommand"},
	} {
		before := snap(t, f.b)
		r := run(t, f.b, admin, runOpts{}, tc.args...)
		if r.code != command.ExitUsage || !strings.Contains(r.errOut, tc.want) {
			t.Errorf("%v: want exit 2 with %q: %s", tc.args, tc.want, r)
		}
		if after := snap(t, f.b); fmt.Sprint(before.Settings) != fmt.Sprint(after.Settings) {
			t.Errorf("%v changed the settings", tc.args)
		}
	}
	if r := run(t, f.b, admin, runOpts{lang: i18n.Vi}, "settings", "set"); !strings.Contains(r.errOut, "Hãy nêu ít nhất một cài đặt") {
		t.Errorf("vi usage: %s", r)
	}
	// A word that is too long is the board's validation error (exit 1).
	if r := run(t, f.b, admin, runOpts{}, "settings", "set", "--words", strings.Repeat("a", 100)); r.code != command.ExitError || !strings.Contains(r.errOut, "Word list: too long") {
		t.Errorf("long word: %s", r)
	}
	// The TUI's word list and the command's are one: the audit names each change.
	entries, _ := f.b.Audit(context.Background(), admin, board.AuditQuery{Kind: board.AuditSettings})
	if len(entries) != 4 {
		t.Errorf("settings audit entries = %d", len(entries))
	}
}

func TestCategoryCommands(t *testing.T) {
	f := setup(t)
	catKeys := []string{"id", "name", "slug", "position", "threads"}
	r := runOK(t, f.b, guestKey, runOpts{}, "category", "list", "--json")
	list := decodeArray(t, r.out, catKeys...)
	if len(list) != 1 || list[0]["slug"] != "tin-tuc" || list[0]["threads"] != float64(2) || list[0]["position"] != float64(1) {
		t.Fatalf("list = %v", list)
	}
	r = runOK(t, f.b, editor, runOpts{}, "category", "add", "Văn", "bản", "--json")
	if m := decodeObject(t, r.out, catKeys...); m["slug"] != "van-ban" || m["name"] != "Văn bản" || m["position"] != float64(2) {
		t.Errorf("add = %v", m)
	}
	r = runOK(t, f.b, editor, runOpts{lang: i18n.Vi}, "category", "add", "Thông báo")
	if !strings.Contains(r.out, "Đã thêm chuyên mục “Thông báo” (thong-bao).") {
		t.Errorf("vi add: %s", r.out)
	}
	// Rename keeps the slug unless --slug is given.
	r = runOK(t, f.b, editor, runOpts{}, "category", "rename", "van-ban", "Văn bản pháp luật", "--json")
	if m := decodeObject(t, r.out, catKeys...); m["slug"] != "van-ban" || m["name"] != "Văn bản pháp luật" {
		t.Errorf("rename = %v", m)
	}
	r = runOK(t, f.b, editor, runOpts{}, "category", "rename", "van-ban", "Văn bản pháp luật", "--slug", "phap-luat", "--json")
	if m := decodeObject(t, r.out, catKeys...); m["slug"] != "phap-luat" {
		t.Errorf("rename --slug = %v", m)
	}
	// Move: up, down, at the edge.
	r = runOK(t, f.b, editor, runOpts{}, "category", "move", "thong-bao", "up", "--json")
	if m := decodeObject(t, r.out, catKeys...); m["position"] != float64(2) {
		t.Errorf("move up = %v", m)
	}
	r = runOK(t, f.b, editor, runOpts{}, "category", "move", "tin-tuc", "up")
	if !strings.Contains(r.out, "already at position 1") {
		t.Errorf("move at the top: %s", r.out)
	}
	runOK(t, f.b, editor, runOpts{}, "category", "move", "tin-tuc", "down")
	r = runOK(t, f.b, guestKey, runOpts{}, "category", "list", "--json")
	var order []string
	for _, m := range decodeArray(t, r.out, catKeys...) {
		order = append(order, m["slug"].(string))
	}
	if strings.Join(order, " ") != "thong-bao tin-tuc phap-luat" {
		t.Errorf("order = %v", order)
	}
	r = runOK(t, f.b, guestKey, runOpts{lang: i18n.Vi}, "category", "list")
	if !strings.Contains(r.out, "Mã rút gọn") || !strings.Contains(r.out, "Văn bản pháp luật") {
		t.Errorf("vi list:\n%s", r.out)
	}
	// Remove: a category with threads is refused and stays; an empty one goes.
	for _, lang := range []i18n.Lang{i18n.Vi, i18n.En} {
		r = run(t, f.b, editor, runOpts{lang: lang}, "category", "remove", "tin-tuc")
		if r.code != command.ExitError || strings.TrimSpace(r.errOut) != i18n.T(lang, i18n.ErrNotEmpty) {
			t.Errorf("remove non-empty (%s): %s", lang, r)
		}
	}
	r = runOK(t, f.b, editor, runOpts{}, "category", "remove", "phap-luat", "--json")
	decodeObject(t, r.out, "id")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"category", "remove", "phap-luat"}, 1, "No category “phap-luat”"},
		{[]string{"category", "rename", "khong-co", "X"}, 1, "No category “khong-co”"},
		{[]string{"category", "move", "tin-tuc", "sideways"}, 2, "not a direction"},
		{[]string{"category", "move", "tin-tuc"}, 2, "Wrong number of arguments"},
		{[]string{"category", "rename", "tin-tuc"}, 2, "Wrong number of arguments"},
		{[]string{"category", "rename", "tin-tuc", "Tin", "--slug", "Tin Tức"}, 1, "Slug: not in the expected form"},
		{[]string{"category", "rename", "tin-tuc", "Tin", "--slug", "thong-bao"}, 1, "Already exists"},
		{[]string{"category", "add"}, 2, "Wrong number of arguments"},
		{[]string{"category", "add", "Thông báo"}, 1, "Already exists"},
	} {
		before := snap(t, f.b)
		cats, _ := f.b.Categories(context.Background())
		r := run(t, f.b, editor, runOpts{}, tc.args...)
		if r.code != tc.code || !strings.Contains(r.errOut, tc.want) {
			t.Errorf("%v: want exit %d with %q: %s", tc.args, tc.code, tc.want, r)
		}
		after, _ := f.b.Categories(context.Background())
		if fmt.Sprint(cats) != fmt.Sprint(after) || fmt.Sprint(before.Audit) != fmt.Sprint(snap(t, f.b).Audit) {
			t.Errorf("%v changed the board", tc.args)
		}
	}
	if r := run(t, f.b, editor, runOpts{lang: i18n.Vi}, "category", "move", "tin-tuc", "ngang"); !strings.Contains(r.errOut, "up (lên) hoặc down (xuống)") {
		t.Errorf("vi direction: %s", r)
	}
}

// PuTTYgen's public key file (RFC 4716) is taken wherever an authorized_keys line is: on
// standard input and as arguments (where the ssh command line has turned its lines into words).
func TestPuTTYgenKeys(t *testing.T) {
	f := setup(t)
	const block = `---- BEGIN SSH2 PUBLIC KEY ----
Comment: "eddsa-key-20261205"
AAAAC3NzaC1lZDI1NTE5AAAAIOFQg3c6UwfaP8Dt0T+a+EyiQ8KgTbCa0sWbct5n
y7ws
---- END SSH2 PUBLIC KEY ----
`
	const fp = "SHA256:" // checked against the account below
	r := runOK(t, f.b, admin, runOpts{stdin: "# from PuTTYgen\r\n" + strings.ReplaceAll(block, "\n", "\r\n")}, "user", "add", "lan", "--role", "staff", "--key", "-", "--json")
	m := decodeObject(t, r.out, "keys")
	ks := m["keys"].([]any)
	if len(ks) != 1 || ks[0].(map[string]any)["type"] != "ssh-ed25519" || !strings.HasPrefix(ks[0].(map[string]any)["fingerprint"].(string), fp) {
		t.Fatalf("keys = %v", ks)
	}
	a, err := f.b.Account(context.Background(), "lan")
	if err != nil || len(a.Keys) != 1 || a.Keys[0].Line != "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOFQg3c6UwfaP8Dt0T+a+EyiQ8KgTbCa0sWbct5ny7ws eddsa-key-20261205" {
		t.Fatalf("account = %+v, %v", a, err)
	}
	// The same block as words on the command line goes to another account: the key is taken.
	args := append([]string{"user", "key", "add", "staff"}, strings.Fields(block)...)
	if r := run(t, f.b, admin, runOpts{}, args...); r.code != command.ExitError || !strings.Contains(r.errOut, "Already exists") {
		t.Errorf("the block as words: %s", r)
	}
	// Removing it by the block works too.
	runOK(t, f.b, admin, runOpts{}, append([]string{"user", "key", "remove", "lan"}, strings.Fields(block)...)...)
	if a, _ := f.b.Account(context.Background(), "lan"); len(a.Keys) != 0 {
		t.Errorf("key not removed: %+v", a.Keys)
	}
	runOK(t, f.b, admin, runOpts{}, args...)
	// A broken block is a clear validation error.
	r = run(t, f.b, admin, runOpts{lang: i18n.Vi, stdin: "---- BEGIN SSH2 PUBLIC KEY ----\nQUJD\n"}, "user", "key", "add", "lan", "-")
	if r.code != command.ExitError || !strings.Contains(r.errOut, "Khoá SSH: không đúng định dạng.") {
		t.Errorf("broken block: %s", r)
	}
}

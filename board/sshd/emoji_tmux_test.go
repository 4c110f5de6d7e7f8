package sshd

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"bangtin/board"
	"bangtin/board/boardtest/sshtest"
)

// The emoji, end to end: OpenSSH in tmux (which counts per code point) at 80×24. A
// comment whose name and title hold emoji is shown in a thread, and the emoji strings are typed
// into the comment form: every border and date stays in its columns, and the screens are the
// same after the form as before it.
func TestEmojiInTmux(t *testing.T) {
	sshtest.Need(t, "tmux", "ssh", "ssh-keygen")
	e := startBoard(t, hSlowGrace)
	ctx := context.Background()
	page, err := e.board.ListThreads(ctx, board.System, board.ThreadQuery{})
	if err != nil || len(page.Threads) == 0 {
		t.Fatalf("threads: %v %v", page, err)
	}
	const (
		name  = "Phạm Thu 👩🏽\u200d🌾 Hà"
		title = "Xác nhận 👍🏽"
		typed = "Hay quá 👍🏽 nhé · Nhà 👨\u200d👩\u200d👧 vui · Tim ❤\ufe0f đỏ"
	)
	if _, err := e.board.PostComment(ctx, board.System, board.CommentInput{ThreadID: page.Threads[0].ID, Name: name, Title: title, Body: typed}); err != nil {
		t.Fatal(err)
	}

	home := t.TempDir()
	tm := sshtest.NewTmux(t, home)
	openssh := sshtest.Clients[0]
	key, _ := openssh.NewKey(t, home, "id_ed25519")
	ssh := sshtest.ShellQuote(openssh.Args(e.Env, key, "guest", true, "")...)
	tm.Run("new-session", "-d", "-s", "a", "-x", "80", "-y", "24", ssh)
	homeScreen := tm.WaitText("a", "Thống kê truy cập")

	tm.Run("send-keys", "-t", "a", "Enter")
	tm.WaitText("a", "Cách gửi ý kiến")
	tm.Run("send-keys", "-t", "a", "End") // the comments are below the text
	thread := tm.WaitText("a", "Phạm Thu")
	checkPane(t, "thread", thread)
	header := lineWith(thread, "Phạm Thu")
	if !dateAtEnd.MatchString(strings.TrimRight(header, " ")) {
		t.Errorf("the comment header lost the end of its date: %q\n%s", header, thread)
	}
	if l := lineWith(thread, "Hay quá"); !strings.Contains(l, "Tim ❤") || !strings.Contains(l, "đỏ") {
		t.Errorf("the comment's text is %q", l)
	}

	tm.Run("send-keys", "-t", "a", "c")
	empty := tm.WaitText("a", "Gửi ý kiến về:")
	checkPane(t, "empty form", empty)
	for range 3 { // name, title, body
		tm.Run("send-keys", "-t", "a", "-l", typed)
		tm.Run("send-keys", "-t", "a", "Tab")
	}
	filled := tm.WaitFor("a", "the typed text", func(s string) bool { return strings.Count(s, "đỏ") >= 3 })
	checkPane(t, "filled form", filled)
	if a, b := boxColumns(empty), boxColumns(filled); a != b {
		t.Errorf("the form's borders moved:\nempty:\n%s\nfilled:\n%s\n%s", a, b, filled)
	}

	tm.Run("send-keys", "-t", "a", "Escape")
	tm.WaitText("a", "Bỏ nội dung bạn đã viết?")
	tm.Run("send-keys", "-t", "a", "y")
	tm.WaitFor("a", "the thread again", func(s string) bool {
		return strings.Contains(s, "Phạm Thu") && !strings.Contains(s, "Gửi ý kiến về:")
	})
	if again := tm.Capture("a"); again != thread {
		t.Errorf("the thread differs after the form:\n%s\nbefore:\n%s", again, thread)
	}
	tm.Run("send-keys", "-t", "a", "Escape")
	tm.WaitText("a", "Thống kê truy cập")
	if !strings.Contains(homeScreen, "Đang online: 1") {
		t.Errorf("home:\n%s", homeScreen)
	}

	// A second, fresh session of the same reader: both homes are the same, cell for cell.
	tm.Run("new-session", "-d", "-s", "b", "-x", "80", "-y", "24", ssh)
	fresh := tm.WaitText("b", "Đang online: 2")
	if again := tm.WaitText("a", "Đang online: 2"); again != fresh {
		t.Errorf("home after the thread and the form:\n%s\na fresh one:\n%s", again, fresh)
	}
}

// checkPane checks that no row of a tmux pane is wider than the terminal by tmux's count.
func checkPane(t *testing.T, what, pane string) {
	t.Helper()
	rows := strings.Split(strings.TrimSuffix(pane, "\n"), "\n")
	if len(rows) != 24 {
		t.Errorf("%s: %d rows:\n%s", what, len(rows), pane)
	}
	for i, r := range rows {
		if w := ansi.StringWidthWc(r); w > 80 {
			t.Errorf("%s: row %d is %d cells: %q", what, i, w, r)
		}
	}
}

// boxColumns is, row by row, the columns (per code point, as tmux counts) of box-drawing
// characters: the frame of a form.
func boxColumns(pane string) string {
	var b strings.Builder
	for _, r := range strings.Split(pane, "\n") {
		col := 0
		for _, c := range r {
			if strings.ContainsRune("│─╭╮╰╯┌┐└┘", c) {
				b.WriteString(strings.Repeat(" ", 0))
				b.WriteString(string(c))
				b.WriteString("@")
				b.WriteString(itoa(col))
				b.WriteString(" ")
			}
			col += ansi.StringWidthWc(string(c))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var d []byte
	for ; n > 0; n /= 10 {
		d = append([]byte{byte('0' + n%10)}, d...)
	}
	return string(d)
}

var dateAtEnd = regexp.MustCompile(`\d\d/\d\d/\d{4} \d\d:\d\d$`)

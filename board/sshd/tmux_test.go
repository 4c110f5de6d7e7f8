package sshd

import (
	"bangtin/board/boardtest/sshtest"
	"strings"
	"testing"
)

// TestOpenSSHInTmux reads the board with the real OpenSSH client in a real terminal (tmux).
func TestOpenSSHInTmux(t *testing.T) {
	sshtest.Need(t, "tmux", "ssh", "ssh-keygen")
	e := startBoard(t, nil)

	home := t.TempDir()
	openssh := sshtest.Clients[0]
	key, _ := openssh.NewKey(t, home, "id_ed25519")
	sshCmd := sshtest.ShellQuote(openssh.Args(e.Env, key, "guest", true, "")...)

	tm := sshtest.NewTmux(t, home)
	tm.Run("new-session", "-d", "-s", "a", "-x", "80", "-y", "24", sshCmd)
	scr := tm.WaitText("a", "Đang online: 1")
	for _, want := range []string{testBoardName, "Khách", "Thống kê truy cập", "Chào mừng đến với bảng tin"} {
		if !strings.Contains(scr, want) {
			t.Errorf("home lacks %q:\n%s", want, scr)
		}
	}

	// Open the welcome thread and come back.
	tm.Run("send-keys", "-t", "a", "Enter")
	tm.WaitFor("a", "the thread view", func(s string) bool { return !strings.Contains(s, "Thống kê truy cập") })
	tm.Run("send-keys", "-t", "a", "Escape")
	tm.WaitText("a", "Thống kê truy cập")

	// A resize of the real terminal reflows the board.
	tm.Run("resize-window", "-t", "a", "-x", "120", "-y", "30")
	tm.WaitFor("a", "the header at 120 columns", func(s string) bool {
		l := strings.TrimRight(lineWith(s, testBoardName), " ")
		return strings.HasSuffix(l, "Khách") && len([]rune(l)) > 110
	})

	// A second OpenSSH reader: the first sees the count change without a key press.
	tm.Run("new-session", "-d", "-s", "b", "-x", "80", "-y", "24", sshCmd)
	tm.WaitText("b", "Đang online: 2")
	tm.WaitText("a", "Đang online: 2")

	// q quits: the client exits and its tmux session with it; the first sees it.
	tm.Run("send-keys", "-t", "b", "q", "y") // q asks before leaving; y leaves
	tm.WaitText("a", "Đang online: 1")
	tm.WaitGone("b")
}

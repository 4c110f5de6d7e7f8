package sshd

import (
	"context"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"bangtin/board"
	"bangtin/board/boardtest/sshtest"
	"bangtin/board/i18n"
)

// Real clients in a real terminal (tmux): OpenSSH, PuTTY's plink and Dropbear's dbclient each
// read the welcome thread and post a comment through the TUI's form, answering the check
// question shown on screen; the Vietnamese is checked on the captured pane and in the board.
// (TestOpenSSHInTmux covers OpenSSH reading, resizing and the online count.)

// hTmuxKeys makes, in home, the key each client logs in with: OpenSSH's own, and for plink and
// Dropbear an OpenSSH key converted by puttygen or dropbearconvert, as a Windows user or a
// router's admin would import one; programs are what the conversion needs.
var hTmuxKeys = map[string]struct {
	programs []string
	make     func(t *testing.T, home string) string
}{
	"openssh": {nil, func(t *testing.T, home string) string {
		return hOpenSSHKey(t, home)
	}},
	"plink": {[]string{"ssh-keygen"}, func(t *testing.T, home string) string {
		ppk := filepath.Join(home, "khach.ppk")
		sshtest.Tool(t, home, "puttygen", hOpenSSHKey(t, home), "-O", "private", "-o", ppk, "--new-passphrase", "/dev/null")
		return ppk
	}},
	"dropbear": {[]string{"dropbearconvert", "ssh-keygen"}, func(t *testing.T, home string) string {
		db := filepath.Join(home, "khach.dropbear")
		sshtest.Tool(t, home, "dropbearconvert", "openssh", "dropbear", hOpenSSHKey(t, home), db)
		return db
	}},
}

func hOpenSSHKey(t *testing.T, home string) string {
	key := filepath.Join(home, "id_ed25519")
	sshtest.Tool(t, home, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key)
	return key
}

var hCaptchaRe = regexp.MustCompile(`(\d+) \+ (\d+) = \?`)

func TestRealClientsPostCommentInTmux(t *testing.T) {
	for _, cl := range sshtest.Clients {
		t.Run(cl.Name, func(t *testing.T) {
			k := hTmuxKeys[cl.Name]
			sshtest.Need(t, append(append([]string{"tmux"}, cl.Programs...), k.programs...)...)
			e := startBoard(t, hSlowGrace)
			home := t.TempDir()
			tm := sshtest.NewTmux(t, home)
			tm.Run("new-session", "-d", "-s", "a", "-x", "80", "-y", "24",
				sshtest.ShellQuote(cl.Args(e.Env, k.make(t, home), "khach", true, "")...))

			// Home, in Vietnamese.
			scr := tm.WaitText("a", "Thống kê truy cập")
			for _, want := range []string{testBoardName, "Khách", "Chào mừng đến với bảng tin", "Hôm nay"} {
				if !strings.Contains(scr, want) {
					t.Errorf("home lacks %q:\n%s", want, scr)
				}
			}
			// Read the welcome thread.
			tm.Run("send-keys", "-t", "a", "Enter")
			scr = tm.WaitText("a", "Cách gửi ý kiến")
			if !strings.Contains(scr, "Chào mừng bạn đến với bảng tin") {
				t.Errorf("the thread's text is not on screen:\n%s", scr)
			}

			// Write a comment.
			tm.Run("send-keys", "-t", "a", "c")
			tm.WaitText("a", "Gửi ý kiến về:")
			const (
				name  = "Nguyễn Thị Ánh"
				title = "Góp ý về lịch họp"
				body  = "Đề nghị họp lúc 19 giờ, sau giờ làm đồng."
			)
			tm.Run("send-keys", "-t", "a", "-l", name)
			tm.Run("send-keys", "-t", "a", "Tab")
			tm.Run("send-keys", "-t", "a", "-l", title)
			tm.Run("send-keys", "-t", "a", "Tab")
			tm.Run("send-keys", "-t", "a", "-l", body)
			tm.Run("send-keys", "-t", "a", "Tab")
			scr = tm.WaitFor("a", "the typed text and the check question", func(s string) bool {
				return strings.Contains(s, name) && strings.Contains(s, title) && strings.Contains(s, "họp lúc 19 giờ") &&
					hCaptchaRe.MatchString(s)
			})
			m := hCaptchaRe.FindStringSubmatch(scr)
			a, _ := strconv.Atoi(m[1])
			b, _ := strconv.Atoi(m[2])
			tm.Run("send-keys", "-t", "a", "-l", strconv.Itoa(a+b))
			tm.Run("send-keys", "-t", "a", "C-s")
			tm.WaitText("a", i18n.T(i18n.Vi, i18n.TWFormPending))

			// Stored as typed.
			cs, err := e.board.SearchComments(context.Background(), board.System, board.CommentQuery{Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			var found *board.Comment
			for i := range cs {
				if cs[i].Name == name {
					found = &cs[i]
				}
			}
			switch {
			case found == nil:
				t.Fatalf("the comment is not in the board: %+v", cs)
			case found.Title != title || found.Body != body || found.Status != board.CommentPending || found.Fingerprint == "":
				t.Errorf("stored comment %+v", *found)
			}

			// q leaves the thread, q again quits; the client exits.
			tm.Run("send-keys", "-t", "a", "Escape")
			tm.WaitText("a", "Thống kê truy cập")
			tm.Run("send-keys", "-t", "a", "q", "y") // q asks before leaving; y leaves
			tm.WaitGone("a")
		})
	}
}

package sshd

import (
	"context"
	"net"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
	"bangtin/board/i18n"
)

// Real clients in a real terminal (tmux): OpenSSH, PuTTY's plink and Dropbear's dbclient each
// read the welcome thread and post a comment through the TUI's form, answering the check
// question shown on screen; the Vietnamese is checked on the captured pane and in the board.
// (TestOpenSSHInTmux covers OpenSSH reading, resizing and the online count.)

type hTmuxClient struct {
	name string
	bins []string
	// command is the client's command line for the tmux pane; it makes its key in home.
	command func(t *testing.T, e *testEnv, home string) string
}

func hShellQuote(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}

func hTool(t *testing.T, home, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(cmd.Environ(), "HOME="+home)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

var hTmuxClients = []hTmuxClient{
	{
		name: "openssh",
		bins: []string{"ssh", "ssh-keygen"},
		command: func(t *testing.T, e *testEnv, home string) string {
			key := filepath.Join(home, "id_ed25519")
			hTool(t, home, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key)
			_, port, _ := net.SplitHostPort(e.addr)
			return hShellQuote([]string{"ssh", "-F", "/dev/null", "-i", key, "-o", "IdentitiesOnly=yes",
				"-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=" + filepath.Join(home, "known_hosts"),
				"-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-tt", "-p", port, "khach@127.0.0.1"})
		},
	},
	{
		name: "plink",
		bins: []string{"plink", "puttygen", "ssh-keygen"},
		command: func(t *testing.T, e *testEnv, home string) string {
			// An OpenSSH key converted by puttygen, as a Windows user would import one.
			key := filepath.Join(home, "id_ed25519")
			hTool(t, home, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key)
			ppk := filepath.Join(home, "khach.ppk")
			hTool(t, home, "puttygen", key, "-O", "private", "-o", ppk, "--new-passphrase", "/dev/null")
			_, port, _ := net.SplitHostPort(e.addr)
			return hShellQuote([]string{"plink", "-ssh", "-batch", "-noagent", "-t", "-P", port, "-l", "khach",
				"-i", ppk, "-hostkey", gossh.FingerprintSHA256(e.host.PublicKey()), "127.0.0.1"})
		},
	},
	{
		name: "dropbear",
		bins: []string{"dbclient", "dropbearconvert", "ssh-keygen"},
		command: func(t *testing.T, e *testEnv, home string) string {
			key := filepath.Join(home, "id_ed25519")
			hTool(t, home, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key)
			db := filepath.Join(home, "khach.dropbear")
			hTool(t, home, "dropbearconvert", "openssh", "dropbear", key, db)
			_, port, _ := net.SplitHostPort(e.addr)
			return hShellQuote([]string{"dbclient", "-y", "-y", "-t", "-p", port, "-l", "khach", "-i", db, "127.0.0.1"})
		},
	},
}

var hCaptchaRe = regexp.MustCompile(`(\d+) \+ (\d+) = \?`)

func TestRealClientsPostCommentInTmux(t *testing.T) {
	for _, cl := range hTmuxClients {
		t.Run(cl.name, func(t *testing.T) {
			needPrograms(t, append([]string{"tmux"}, cl.bins...)...)
			e := startBoard(t, hSlowGrace)
			home := t.TempDir()
			tm := newTmux(t, home)
			tm.run("new-session", "-d", "-s", "a", "-x", "80", "-y", "24", cl.command(t, e, home))

			// Home, in Vietnamese.
			scr := tm.waitText("a", "Thống kê truy cập")
			for _, want := range []string{testBoardName, "Khách", "Chào mừng đến với bảng tin", "Hôm nay"} {
				if !strings.Contains(scr, want) {
					t.Errorf("home lacks %q:\n%s", want, scr)
				}
			}
			// Read the welcome thread.
			tm.run("send-keys", "-t", "a", "Enter")
			scr = tm.waitText("a", "Cách gửi ý kiến")
			if !strings.Contains(scr, "Chào mừng bạn đến với bảng tin") {
				t.Errorf("the thread's text is not on screen:\n%s", scr)
			}

			// Write a comment.
			tm.run("send-keys", "-t", "a", "c")
			tm.waitText("a", "Gửi ý kiến về:")
			const (
				name  = "Nguyễn Thị Ánh"
				title = "Góp ý về lịch họp"
				body  = "Đề nghị họp lúc 19 giờ, sau giờ làm đồng."
			)
			tm.run("send-keys", "-t", "a", "-l", name)
			tm.run("send-keys", "-t", "a", "Tab")
			tm.run("send-keys", "-t", "a", "-l", title)
			tm.run("send-keys", "-t", "a", "Tab")
			tm.run("send-keys", "-t", "a", "-l", body)
			tm.run("send-keys", "-t", "a", "Tab")
			scr = tm.waitFor("a", "the typed text and the check question", func(s string) bool {
				return strings.Contains(s, name) && strings.Contains(s, title) && strings.Contains(s, "họp lúc 19 giờ") &&
					hCaptchaRe.MatchString(s)
			})
			m := hCaptchaRe.FindStringSubmatch(scr)
			a, _ := strconv.Atoi(m[1])
			b, _ := strconv.Atoi(m[2])
			tm.run("send-keys", "-t", "a", "-l", strconv.Itoa(a+b))
			tm.run("send-keys", "-t", "a", "C-s")
			tm.waitText("a", i18n.T(i18n.Vi, i18n.TWFormPending))

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
			tm.run("send-keys", "-t", "a", "Escape")
			tm.waitText("a", "Thống kê truy cập")
			tm.run("send-keys", "-t", "a", "q", "y") // q asks before leaving; y leaves
			deadline := time.Now().Add(15 * time.Second)
			for tm.cmd("has-session", "-t", "a").Run() == nil {
				if time.Now().After(deadline) {
					t.Fatalf("%s did not exit after q; pane:\n%s", cl.name, tm.capture("a"))
				}
				time.Sleep(50 * time.Millisecond)
			}
		})
	}
}

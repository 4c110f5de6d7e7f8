package sshd

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"bangtin/board/boardtest"
	"bangtin/board/boardtest/sshtest"

	gossh "golang.org/x/crypto/ssh"
)

// TestGuestsOfOneOfficeOverSSH (issue 19, item 7): two guests connect from one address, one
// with an SSH key and one without. The keyless guest uses up the allowance of its address
// and is then told the wait in words; the guest with a key still posts, and can list its
// comment with `comments mine`, which the keyless guest is refused with a reason.
func TestGuestsOfOneOfficeOverSSH(t *testing.T) {
	e := startServer(t, nil)
	th := boardtest.Thread(t, e.board, "Lịch tiếp công dân", "Thứ Năm hằng tuần.")
	post := fmt.Sprintf("comment post %d --name 'Lan' --json", th.ID)
	key := sshtest.Signer(t)
	run := func(user string, key gossh.Signer, stdin, cmdline string) (int, string, string) {
		t.Helper()
		r := e.Run(t, sshtest.As{User: user, Key: key}, stdin, cmdline)
		return r.Code, r.Out, r.Err
	}

	for i := range 3 {
		if code, out, errOut := run("guest", nil, fmt.Sprintf("ý kiến %d", i), post); code != 0 {
			t.Fatalf("keyless comment %d: exit %d\n%s\n%s", i, code, out, errOut)
		}
	}
	code, out, errOut := run("guest", nil, "thêm một ý kiến", post)
	if code != 1 || out != "" || !strings.Contains(errOut, "Vui lòng thử lại sau ") || !strings.Contains(errOut, " phút") {
		t.Fatalf("fourth keyless comment: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = run("guest", nil, "", "comments mine")
	if code != 1 || !strings.Contains(errOut, "khoá SSH") {
		t.Errorf("keyless comments mine: exit %d\n%s\n%s", code, out, errOut)
	}

	code, out, errOut = run("hung", key, "Tôi ở cùng văn phòng.", strings.Replace(post, "'Lan'", "'Hùng'", 1))
	if code != 0 {
		t.Fatalf("the keyed guest of the same office was refused: exit %d\n%s\n%s", code, out, errOut)
	}
	var posted struct{ ID uint64 }
	if err := json.Unmarshal([]byte(out), &posted); err != nil || posted.ID == 0 {
		t.Fatalf("comment post --json: %v\n%s", err, out)
	}
	code, out, errOut = run("hung", key, "", "comments mine --json")
	var mine []struct {
		ID     uint64
		Status string
	}
	if err := json.Unmarshal([]byte(out), &mine); code != 0 || err != nil || len(mine) != 1 || mine[0].ID != posted.ID || mine[0].Status != "pending" {
		t.Errorf("keyed comments mine: exit %d %v %+v\n%s\n%s", code, err, mine, out, errOut)
	}
}

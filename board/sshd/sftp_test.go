package sshd_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pkg/sftp"
	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/boardtest/sshtest"
	"bangtin/board/sshd/sshdtest"
	"bangtin/keys"
)

// registerKey gives an account the public key of signer.
func registerKey(t *testing.T, b *board.Board, login string, pub gossh.PublicKey) {
	t.Helper()
	_, ak, err := keys.ParseAuthorizedKey(string(gossh.MarshalAuthorizedKey(pub)))
	if err != nil {
		t.Fatal(err)
	}
	if err := b.AddKey(context.Background(), board.System, login, ak); err != nil {
		t.Fatal(err)
	}
}

func sftpClient(t *testing.T, srv *sshdtest.Server, as sshtest.As) *sftp.Client {
	t.Helper()
	c := srv.Dial(t, as)
	sc, err := sftp.NewClient(c)
	if err != nil {
		t.Fatalf("sftp: %v", err)
	}
	t.Cleanup(func() { sc.Close() })
	return sc
}

func names(t *testing.T, sc *sftp.Client, dir string) []string {
	t.Helper()
	infos, err := sc.ReadDir(dir)
	if err != nil {
		t.Fatalf("readdir %s: %v", dir, err)
	}
	var out []string
	for _, i := range infos {
		out = append(out, i.Name())
	}
	return out
}

// TestSFTPTree drives the virtual tree with pkg/sftp's client: what each identity lists, gets
// and may change, and that nothing of the machine is reachable.
func TestSFTPTree(t *testing.T) {
	ctx := context.Background()
	b := boardtest.New(t, board.Options{MaxFileSize: 64 << 10})
	pub := boardtest.Thread(t, b, "Kế hoạch tiêm chủng", "x")
	hidden := boardtest.Thread(t, b, "Tin đã ẩn", "y")
	pdf := []byte("%PDF-1.7\n" + strings.Repeat("\x00\x01\xff", 1000))
	if _, err := b.AttachFile(ctx, boardtest.Editor, hidden.ID, board.FileInput{Name: "mat.pdf", Data: pdf}); err != nil {
		t.Fatal(err)
	}
	if err := b.HideThread(ctx, boardtest.Editor, hidden.ID, ""); err != nil {
		t.Fatal(err)
	}
	srv := sshdtest.Start(t, b, nil)
	editorKey := sshtest.Signer(t)
	registerKey(t, b, "editor", editorKey.PublicKey())

	ed := sftpClient(t, srv, sshtest.As{Key: editorKey})
	pubDir := fmt.Sprintf("/news/%d-ke-hoach-tiem-chung", pub.ID)
	if got := names(t, ed, "/news"); !slices.Contains(got, pubDir[len("/news/"):]) || len(got) != 2 {
		t.Fatalf("editor lists %v", got)
	}
	// A put attaches; the name is cleaned; a second put of the same name replaces the file.
	w, err := ed.Create(pubDir + "/CON.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(pdf); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("close after put: %v", err)
	}
	pdf2 := append(bytes.Clone(pdf), "v2"...)
	w, _ = ed.Create(fmt.Sprintf("/news/%d/_CON.pdf", pub.ID))
	w.Write(pdf2)
	if err := w.Close(); err != nil {
		t.Fatalf("replace: %v", err)
	}
	files, _ := b.Files(ctx, boardtest.Guest(""), pub.ID)
	if len(files) != 1 || files[0].Name != "_CON.pdf" || files[0].Size != int64(len(pdf2)) {
		t.Fatalf("after puts: %+v", files)
	}
	// A refused type says why and stores nothing.
	w, _ = ed.Create(pubDir + "/trang.html")
	w.Write([]byte("<html><script>alert(1)</script></html>"))
	if err := w.Close(); err == nil || !strings.Contains(err.Error(), "text/html") {
		t.Fatalf("html put: %v", err)
	}
	// Past the size limit: refused with the limit said, nothing stored.
	w, _ = ed.Create(pubDir + "/lon.pdf")
	_, werr := w.Write(append([]byte("%PDF-1.7\n"), make([]byte, 100<<10)...))
	cerr := w.Close()
	if werr == nil && cerr == nil {
		t.Fatal("a put above the size limit was accepted")
	}
	if err := errors.Join(werr, cerr); !strings.Contains(err.Error(), "64 KiB") {
		t.Errorf("size refusal says %v", err)
	}
	if _, err := ed.Stat(pubDir + "/lon.pdf"); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the refused put was stored: %v", err)
	}
	if err := ed.Rename(pubDir+"/_CON.pdf", pubDir+"/Lịch.pdf"); err != nil {
		t.Fatal(err)
	}
	if err := ed.Mkdir(pubDir + "/sub"); err == nil {
		t.Error("mkdir allowed")
	}

	// A guest reads published threads' files, bytes exact, and nothing else.
	guest := sftpClient(t, srv, sshtest.Guest(t))
	if got := names(t, guest, "/news"); len(got) != 1 || got[0] != pubDir[len("/news/"):] {
		t.Fatalf("guest lists %v", got)
	}
	if got := names(t, guest, pubDir); len(got) != 1 || got[0] != "Lịch.pdf" {
		t.Fatalf("guest lists %v in the thread", got)
	}
	r, err := guest.Open(pubDir + "/Lịch.pdf")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(r)
	r.Close()
	if !bytes.Equal(got, pdf2) {
		t.Fatalf("guest got %d bytes, want %d", len(got), len(pdf2))
	}
	for _, p := range []string{fmt.Sprintf("/news/%d/mat.pdf", hidden.ID), "/etc/passwd", "/news/../../etc/passwd", "../../../../etc/hostname"} {
		if _, err := guest.Open(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("guest open %s: %v", p, err)
		}
	}
	if _, err := guest.ReadDir(fmt.Sprintf("/news/%d", hidden.ID)); err == nil {
		t.Error("guest lists a hidden thread")
	}
	if _, err := guest.Create(pubDir + "/x.pdf"); !errors.Is(err, os.ErrPermission) {
		t.Errorf("guest put: %v", err)
	}
	if err := guest.Remove(pubDir + "/Lịch.pdf"); !errors.Is(err, os.ErrPermission) {
		t.Errorf("guest remove: %v", err)
	}
	if err := guest.Rename(pubDir+"/Lịch.pdf", pubDir+"/x.pdf"); !errors.Is(err, os.ErrPermission) {
		t.Errorf("guest rename: %v", err)
	}

	// The editor removes.
	if err := ed.Remove(pubDir + "/Lịch.pdf"); err != nil {
		t.Fatal(err)
	}
	if files, _ := b.Files(ctx, boardtest.Guest(""), pub.ID); len(files) != 0 {
		t.Fatalf("after remove: %+v", files)
	}
}

// TestSFTPOpenSSHClients puts and gets through OpenSSH's sftp and scp (which speaks SFTP).
func TestSFTPOpenSSHClients(t *testing.T) {
	sshtest.Need(t, "sftp", "scp", "ssh-keygen")
	ctx := context.Background()
	b := boardtest.New(t)
	th := boardtest.Thread(t, b, "Lịch tiếp công dân", "x")
	srv := sshdtest.Start(t, b, nil)
	dir := t.TempDir()
	key := filepath.Join(dir, "id")
	sshtest.Tool(t, dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key)
	pubLine, _ := os.ReadFile(key + ".pub")
	pk, _, _, _, err := gossh.ParseAuthorizedKey(pubLine)
	if err != nil {
		t.Fatal(err)
	}
	registerKey(t, b, "editor", pk)
	doc := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 50000)...)
	local := filepath.Join(dir, "ke hoach.pdf")
	os.WriteFile(local, doc, 0o600)
	opts := []string{"-F", "/dev/null", "-i", key, "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
		"-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + srv.KnownHosts,
		"-o", "GlobalKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-P", srv.Port}
	run := func(args ...string) (string, error) {
		ctx, cancel := context.WithTimeout(ctx, sshtest.Timeout)
		defer cancel()
		cmd := exec.CommandContext(ctx, args[0], args[1:]...)
		cmd.Env = append(os.Environ(), "HOME="+dir)
		cmd.Dir = dir
		cmd.WaitDelay = 5 * time.Second
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	// scp up and down.
	remote := fmt.Sprintf("editor@127.0.0.1:/news/%d/ke-hoach.pdf", th.ID)
	if out, err := run(append(append([]string{"scp"}, opts...), local, remote)...); err != nil {
		fs, ferr := b.Files(ctx, boardtest.Editor, th.ID)
		t.Fatalf("scp put: %v\n%s\nfiles %+v %v", err, out, fs, ferr)
	}
	back := filepath.Join(dir, "back.pdf")
	if out, err := run(append(append([]string{"scp"}, opts...), remote, back)...); err != nil {
		t.Fatalf("scp get: %v\n%s", err, out)
	}
	if got, _ := os.ReadFile(back); !bytes.Equal(got, doc) {
		t.Fatalf("scp round trip: %d bytes, want %d", len(got), len(doc))
	}

	// sftp in batch mode: ls, get, rename, rm.
	batch := filepath.Join(dir, "batch")
	os.WriteFile(batch, fmt.Appendf(nil, "cd /news/%d\nls -1\nget ke-hoach.pdf got.pdf\nrename ke-hoach.pdf lich.pdf\nls -1\nput %q anh-khong-phai-anh.png\n",
		th.ID, filepath.Join(dir, "batch")), 0o600)
	out, err := run(append(append([]string{"sftp"}, opts...), "-b", batch, "editor@127.0.0.1")...)
	if err != nil || !strings.Contains(out, "lich.pdf") {
		t.Fatalf("sftp batch: %v\n%s", err, out)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "got.pdf")); !bytes.Equal(got, doc) {
		t.Fatalf("sftp get: %d bytes", len(got))
	}
	files, _ := b.Files(ctx, boardtest.Guest(""), th.ID)
	if len(files) != 2 || files[0].Name != "lich.pdf" || files[1].Type != "text/plain; charset=utf-8" || files[1].Name != "anh-khong-phai-anh.png.txt" {
		t.Fatalf("files after sftp: %+v", files)
	}

	// A guest (an unknown key) reads but never writes.
	gkey := filepath.Join(dir, "guest")
	sshtest.Tool(t, dir, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", gkey)
	gopts := slices.Clone(opts)
	gopts[3] = gkey
	if out, err := run(append(append([]string{"scp"}, gopts...), local, fmt.Sprintf("khach@127.0.0.1:/news/%d/x.pdf", th.ID))...); err == nil {
		t.Fatalf("guest scp put succeeded:\n%s", out)
	}
	if out, err := run(append(append([]string{"scp"}, gopts...), fmt.Sprintf("khach@127.0.0.1:/news/%d/lich.pdf", th.ID), filepath.Join(dir, "g.pdf"))...); err != nil {
		t.Fatalf("guest scp get: %v\n%s", err, out)
	}
	if files, _ := b.Files(ctx, boardtest.Guest(""), th.ID); len(files) != 2 {
		t.Fatalf("guest changed files: %+v", files)
	}
}

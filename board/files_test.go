package board_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"path/filepath"
	"testing"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/boltstore"
	"bangtin/board/media"
)

func pngBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewNRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func fileProblem(t *testing.T, err error, p board.FileProblem) {
	t.Helper()
	var fe *board.FileError
	if !errors.As(err, &fe) || fe.Problem != p || !errors.Is(err, board.ErrInvalid) {
		t.Fatalf("err %v, want file problem %s", err, p)
	}
}

func TestFilesAttachListDetach(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), boltstore.FileName)
	b, _ := boardtest.Open(t, path, board.Options{MaxThreadFiles: 3, MaxFileSize: 1 << 20, MaxFilesTotal: 1<<20 + 100})
	th := boardtest.Thread(t, b, "Kế hoạch", "nội dung")
	pdf := []byte("%PDF-1.7\n1 0 obj\n")

	if _, err := b.AttachFile(ctx, boardtest.Staff, th.ID, board.FileInput{Name: "a.pdf", Data: pdf}); !errors.Is(err, board.ErrForbidden) {
		t.Fatalf("staff attach: %v", err)
	}
	if _, err := b.AttachFile(ctx, boardtest.Guest(""), th.ID, board.FileInput{Name: "a.pdf", Data: pdf}); !errors.Is(err, board.ErrForbidden) {
		t.Fatalf("guest attach: %v", err)
	}
	f1, err := b.AttachFile(ctx, boardtest.Editor, th.ID, board.FileInput{Name: "../../etc/Kế hoạch.pdf", Caption: "Kế hoạch \x1b[31mđỏ", Data: pdf})
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(pdf)
	if f1.Name != "Kế hoạch.pdf" || f1.Type != media.PDF || f1.Size != int64(len(pdf)) || f1.SHA256 != hex.EncodeToString(sum[:]) || f1.Caption != "Kế hoạch đỏ" || f1.By != "editor" {
		t.Fatalf("attached %+v", f1)
	}
	f2, err := b.AttachFile(ctx, boardtest.Editor, th.ID, board.FileInput{Name: "kế hoạch.pdf", Data: pdf})
	if err != nil || f2.Name != "kế hoạch (2).pdf" {
		t.Fatalf("second: %+v %v", f2, err)
	}
	pic, err := b.AttachFile(ctx, boardtest.Admin, th.ID, board.FileInput{Name: "CON.png", Caption: "Ảnh", Data: pngBytes(t, 30, 20)})
	if err != nil || pic.Name != "_CON.png" || !pic.IsPicture() || pic.Width != 30 || pic.Height != 20 {
		t.Fatalf("picture: %+v %v", pic, err)
	}
	// Limits: files per thread, bytes per file, bytes in all, types, broken pictures.
	_, err = b.AttachFile(ctx, boardtest.Editor, th.ID, board.FileInput{Name: "x.pdf", Data: pdf})
	fileProblem(t, err, board.FileThreadFull)
	th2 := boardtest.Thread(t, b, "Khác", "x")
	_, err = b.AttachFile(ctx, boardtest.Editor, th2.ID, board.FileInput{Name: "big.txt", Data: bytes.Repeat([]byte("a"), 1<<20+1)})
	fileProblem(t, err, board.FileTooLarge)
	_, err = b.AttachFile(ctx, boardtest.Editor, th2.ID, board.FileInput{Name: "big.txt", Data: bytes.Repeat([]byte("a"), 1<<20)})
	fileProblem(t, err, board.FileBoardFull)
	_, err = b.AttachFile(ctx, boardtest.Editor, th2.ID, board.FileInput{Name: "x.html", Data: []byte("<html><script>alert(1)</script>")})
	fileProblem(t, err, board.FileType)
	_, err = b.AttachFile(ctx, boardtest.Editor, th2.ID, board.FileInput{Name: "x.png", Data: []byte("\x89PNG\r\n\x1a\n\x00\x00")})
	fileProblem(t, err, board.FilePictureBroken)
	_, err = b.AttachFile(ctx, boardtest.Editor, th2.ID, board.FileInput{Name: "x.txt"})
	fileProblem(t, err, board.FileEmpty)
	if _, err := b.AttachFile(ctx, boardtest.Editor, 999, board.FileInput{Name: "x.pdf", Data: pdf}); !errors.Is(err, board.ErrNotFound) {
		t.Fatalf("unknown thread: %v", err)
	}

	// Everyone who may read the thread lists and gets the files, bytes exact.
	files, err := b.Files(ctx, boardtest.Guest(""), th.ID)
	if err != nil || len(files) != 3 || files[0].ID != f1.ID || files[2].ID != pic.ID {
		t.Fatalf("list: %+v %v", files, err)
	}
	got, data, err := b.FileData(ctx, boardtest.Guest(""), th.ID, f1.ID)
	if err != nil || got.ID != f1.ID || !bytes.Equal(data, pdf) {
		t.Fatalf("get: %v", err)
	}
	if _, _, err := b.FileData(ctx, boardtest.Guest(""), th2.ID, f1.ID); !errors.Is(err, board.ErrNotFound) {
		t.Fatalf("file through another thread: %v", err)
	}

	// Rename, caption, reorder.
	name, caption, first := "a/../Lịch.pdf", "Lịch tiếp", 0
	up, err := b.UpdateFile(ctx, boardtest.Editor, th.ID, f2.ID, board.FileChange{Name: &name, Caption: &caption, Order: &first})
	if err != nil || up.Name != "Lịch.pdf" || up.Caption != "Lịch tiếp" || up.Order != 0 {
		t.Fatalf("update: %+v %v", up, err)
	}
	taken := "KẾ HOẠCH.pdf"
	if _, err := b.UpdateFile(ctx, boardtest.Editor, th.ID, f2.ID, board.FileChange{Name: &taken}); !errors.Is(err, board.ErrInvalid) {
		t.Fatalf("rename to a taken name: %v", err)
	}
	if _, err := b.UpdateFile(ctx, boardtest.Staff, th.ID, f2.ID, board.FileChange{Caption: &caption}); !errors.Is(err, board.ErrForbidden) {
		t.Fatalf("staff update: %v", err)
	}
	files, _ = b.Files(ctx, boardtest.Editor, th.ID)
	if len(files) != 3 || files[0].ID != f2.ID || files[1].ID != f1.ID {
		t.Fatalf("order after move: %+v", files)
	}

	// A hidden or deleted thread hides its files from readers, not from editors.
	if err := b.HideThread(ctx, boardtest.Editor, th.ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Files(ctx, boardtest.Guest(""), th.ID); !errors.Is(err, board.ErrNotFound) {
		t.Fatalf("hidden thread's files to a guest: %v", err)
	}
	if _, _, err := b.FileData(ctx, boardtest.Staff, th.ID, f1.ID); !errors.Is(err, board.ErrNotFound) {
		t.Fatalf("hidden thread's file to staff: %v", err)
	}
	if fs, err := b.Files(ctx, boardtest.Editor, th.ID); err != nil || len(fs) != 3 {
		t.Fatalf("editor: %v", err)
	}
	if err := b.RestoreThread(ctx, boardtest.Editor, th.ID); err != nil {
		t.Fatal(err)
	}

	// Detach; the room it leaves is usable again.
	if err := b.DetachFile(ctx, boardtest.Guest(""), th.ID, f1.ID); !errors.Is(err, board.ErrForbidden) {
		t.Fatalf("guest detach: %v", err)
	}
	if err := b.DetachFile(ctx, boardtest.Editor, th.ID, f1.ID); err != nil {
		t.Fatal(err)
	}
	if err := b.DetachFile(ctx, boardtest.Editor, th.ID, f1.ID); !errors.Is(err, board.ErrNotFound) {
		t.Fatalf("detach twice: %v", err)
	}
	if _, err := b.AttachFile(ctx, boardtest.Editor, th.ID, board.FileInput{Name: "x.pdf", Data: pdf}); err != nil {
		t.Fatalf("attach after detach: %v", err)
	}

	// Every change is audited.
	b.Flush(ctx)
	entries, err := b.Audit(ctx, boardtest.Admin, board.AuditQuery{Kind: "file."})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, e := range entries {
		kinds[e.Kind]++
	}
	if kinds[board.AuditFileAttach] != 4 || kinds[board.AuditFileEdit] != 1 || kinds[board.AuditFileDetach] != 1 {
		t.Fatalf("audit: %v", kinds)
	}

	// The files survive a reopen, total counter included.
	b.Close()
	b2, _ := boardtest.Open(t, path, board.Options{MaxFilesTotal: int64(len(pdf))*2 + pic.Size + 1})
	files, err = b2.Files(ctx, boardtest.Guest(""), th.ID)
	if err != nil || len(files) != 3 {
		t.Fatalf("after reopen: %+v %v", files, err)
	}
	_, err = b2.AttachFile(ctx, boardtest.Editor, th2.ID, board.FileInput{Name: "y.pdf", Data: pdf})
	fileProblem(t, err, board.FileBoardFull)
}

// TestFilesHostileInput: a zip bomb named .docx is stored as it came and never opened; a PNG
// declaring 30000×30000 is refused from its header; hostile names are cleaned.
func TestFilesHostileInput(t *testing.T) {
	ctx := context.Background()
	b := boardtest.New(t)
	th := boardtest.Thread(t, b, "Tài liệu", "x")
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	zw.Create("[Content_Types].xml")
	w, _ := zw.Create("word/document.xml")
	zeros := make([]byte, 1<<20)
	for range 20 {
		w.Write(zeros)
	}
	zw.Close()
	f, err := b.AttachFile(ctx, boardtest.Editor, th.ID, board.FileInput{Name: "bao-cao.docx", Data: bomb.Bytes()})
	if err != nil || f.Type != media.DOCX || f.Size != int64(bomb.Len()) {
		t.Fatalf("bomb: %+v %v", f, err)
	}
	if _, data, err := b.FileData(ctx, boardtest.Guest(""), th.ID, f.ID); err != nil || !bytes.Equal(data, bomb.Bytes()) {
		t.Fatalf("bomb bytes changed: %v", err)
	}

	huge := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x75\x30\x00\x00\x75\x30\x08\x06\x00\x00\x00")
	huge = binary.BigEndian.AppendUint32(huge, crc32.ChecksumIEEE(huge[12:29]))
	_, err = b.AttachFile(ctx, boardtest.Editor, th.ID, board.FileInput{Name: "x.png", Data: huge})
	fileProblem(t, err, board.FilePictureSize)

	for in, want := range map[string]string{
		"../../etc/passwd": "passwd.txt", "a/b.pdf": "b.pdf.txt", "\x1b[2J.pdf": "pdf.txt", "CON.pdf": "_CON.pdf.txt",
	} {
		f, err := b.AttachFile(ctx, boardtest.Editor, th.ID, board.FileInput{Name: in, Data: []byte("văn bản\n")})
		if err != nil || f.Name != want {
			t.Errorf("%q: %q %v, want %q", in, f.Name, err, want)
		}
	}
}

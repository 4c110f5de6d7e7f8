package command_test

import (
	"fmt"
	"strings"
	"testing"

	"bangtin/board/i18n"
)

func TestNewsFilesRoundTrip(t *testing.T) {
	f := setup(t)
	id := fmt.Sprint(f.published.ID)
	pdf := "%PDF-1.7\n" + strings.Repeat("\x00\xff binary \r\n", 100)

	// Guests and staff cannot attach; the role check comes before the input.
	for _, who := range identities[2:] {
		r := run(t, f.b, who.id, runOpts{stdin: pdf}, "news", "attach", id, "--name", "a.pdf")
		if r.code != 3 {
			t.Fatalf("%s attach: %s", who.name, r)
		}
	}
	r := runOK(t, f.b, editor, runOpts{stdin: pdf}, "news", "attach", id, "--name", "../../etc/passwd", "--caption", "Kế hoạch", "--json")
	m := decodeObject(t, r.out, "id", "name", "type", "size")
	if m["name"] != "passwd.pdf" || m["type"] != "application/pdf" || m["size"] != float64(len(pdf)) {
		t.Fatalf("attach: %v", m)
	}
	fid := fmt.Sprint(idOf(m))
	r = runOK(t, f.b, editor, runOpts{stdin: "Lịch tiếp công dân\n", lang: i18n.Vi}, "news", "attach", id, "--name", "\x1b[2J.txt")
	if !strings.Contains(r.out, "Đã đính kèm tệp") || !strings.Contains(r.out, "tep.txt") {
		t.Fatalf("attach human: %s", r)
	}

	// Everyone who may read the thread lists and downloads, bytes exact.
	r = runOK(t, f.b, guestNoKey, runOpts{}, "news", "files", id, "--json")
	list := decodeArray(t, r.out, "id", "name", "caption", "type", "size", "sha256", "at", "order")
	if len(list) != 2 || list[0]["caption"] != "Kế hoạch" {
		t.Fatalf("files: %v", list)
	}
	r = runOK(t, f.b, guestNoKey, runOpts{}, "news", "files", id)
	if !strings.Contains(r.out, "passwd.pdf") || !strings.Contains(r.out, "tep.txt") {
		t.Fatalf("files human: %s", r)
	}
	r = run(t, f.b, guestNoKey, runOpts{}, "news", "file", id, fid)
	if r.code != 0 || r.out != pdf {
		t.Fatalf("download: exit %d, %d bytes (want %d)", r.code, len(r.out), len(pdf))
	}
	// A draft's files are not found for readers.
	if r := run(t, f.b, guestNoKey, runOpts{}, "news", "files", fmt.Sprint(f.draft.ID)); r.code != 1 || !strings.Contains(r.errOut, "Not found") {
		t.Fatalf("draft files: %s", r)
	}

	// Refusals say why, in the user's language.
	r = run(t, f.b, editor, runOpts{stdin: "<html><body>x</body></html>"}, "news", "attach", id, "--name", "x.pdf")
	if r.code != 1 || !strings.Contains(r.errOut, "cannot be attached (text/html") {
		t.Fatalf("html: %s", r)
	}
	r = run(t, f.b, editor, runOpts{stdin: pdf}, "news", "attach", id)
	if r.code != 2 || !strings.Contains(r.errOut, "--name") {
		t.Fatalf("no name: %s", r)
	}

	r = runOK(t, f.b, editor, runOpts{}, "news", "file-edit", id, fid, "--order", "2", "--caption", "Mới", "--json")
	if m := decodeObject(t, r.out, "id", "order", "caption"); m["order"] != float64(1) || m["caption"] != "Mới" {
		t.Fatalf("file-edit: %v", m)
	}
	if r := run(t, f.b, staff, runOpts{}, "news", "detach", id, fid); r.code != 3 {
		t.Fatalf("staff detach: %s", r)
	}
	runOK(t, f.b, editor, runOpts{}, "news", "detach", id, fid)
	if r := run(t, f.b, guestNoKey, runOpts{}, "news", "file", id, fid); r.code != 1 || r.out != "" {
		t.Fatalf("detached download: %s", r)
	}
}

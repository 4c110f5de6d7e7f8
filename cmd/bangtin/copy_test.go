package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/boltstore"
	"bangtin/board/export"
	"bangtin/board/export/exporttest"
)

// runCopyCmd runs `bangtin ARGS` in process with stdin, as run does.
func runCopyCmd(t *testing.T, stdin []byte, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	root := newRoot(&out, &errb)
	root.SetIn(bytes.NewReader(stdin))
	root.SetArgs(args)
	code := 0
	if err := root.Execute(); err != nil {
		fmt.Fprintln(&errb, "bangtin:", err)
		code = 1
	}
	return code, out.String(), errb.String()
}

// filledDir is a stopped board's data directory holding one of everything.
func filledDir(t *testing.T) (string, exporttest.Fixture) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "src")
	b, _ := boardtest.Open(t, filepath.Join(dir, boltstore.FileName))
	f := exporttest.Fill(t, b)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, f
}

// dirLines are the export lines of the board in dir (opened and closed again).
func dirLines(t *testing.T, dir string) []string {
	t.Helper()
	st, err := boltstore.Open(filepath.Join(dir, boltstore.FileName), boltstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	return exporttest.Lines(t, st)
}

// dirViews are what the board in dir shows (opened and closed again).
func dirViews(t *testing.T, dir string, f exporttest.Fixture) map[string]string {
	t.Helper()
	st, err := boltstore.Open(filepath.Join(dir, boltstore.FileName), boltstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := board.New(st, board.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	return exporttest.Views(t, b, f)
}

// mustCopy runs `bangtin ARGS`, which must succeed.
func mustCopy(t *testing.T, stdin []byte, args ...string) {
	t.Helper()
	code, stdout, stderr := runCopyCmd(t, stdin, args...)
	ok(t, code, stdout, stderr)
}

func ok(t *testing.T, code int, stdout, stderr string) {
	t.Helper()
	if code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, stdout, stderr)
	}
}

// TestCopyRoundTrip: data directory → export file → data directory, directory → directory,
// directory → stdout → stdin → directory and backup file → directory give boards that hold the same records and show the
// same lists, searches, threads, comments, accounts, bans, settings, marks and visitor counts.
func TestCopyRoundTrip(t *testing.T) {
	t.Setenv("BANGTIN_LANG", "")
	src, fix := filledDir(t)
	tmp := t.TempDir()
	file := filepath.Join(tmp, "board.jsonl")

	code, stdout, stderr := runCopyCmd(t, nil, "copy", "--from", src, "--to", file, "--lang", "en")
	ok(t, code, stdout, stderr)
	for _, want := range []string{"threads: 6/6", "comments: 5/5", "accounts: 4/4", "Copied " + src + " → " + file + " and checked: categories: 2, threads: 6, revisions: 2, comments: 5"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("export file: %v, %v", fi, err)
	}
	dst := filepath.Join(tmp, "dst")
	code, stdout, stderr = runCopyCmd(t, nil, "copy", "--from", file, "--to", dst)
	ok(t, code, stdout, stderr)
	if !strings.Contains(stderr, "Đã chép") || !strings.Contains(stderr, "tin: 6/6") {
		t.Errorf("Vietnamese messages expected by default:\n%s", stderr)
	}
	direct := filepath.Join(tmp, "direct")
	mustCopy(t, nil, "copy", "--from", src, "--to", direct)
	code, piped, stderr := runCopyCmd(t, nil, "copy", "--from", src, "--to", "-")
	ok(t, code, "", stderr)
	if !strings.HasPrefix(piped, `{"format":"bangtin-export","version":1,`) {
		t.Fatalf("stdout = %.200s", piped)
	}
	viaStdin := filepath.Join(tmp, "stdin")
	mustCopy(t, []byte(piped), "copy", "--from", "-", "--to", viaStdin)

	// A backup (`ssh host backup` of an embedded board) is a source too, left untouched.
	backup := filepath.Join(tmp, "backup.db")
	st, err := boltstore.Open(filepath.Join(src, boltstore.FileName), boltstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var raw bytes.Buffer
	if _, err := st.WriteTo(context.Background(), &raw); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if err := os.WriteFile(backup, raw.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	fromBackup := filepath.Join(tmp, "backup")
	mustCopy(t, nil, "copy", "--from", backup, "--to", fromBackup)
	if after, _ := os.ReadFile(backup); !bytes.Equal(after, raw.Bytes()) {
		t.Errorf("copying from a backup changed it")
	}

	want := dirLines(t, src)
	for _, d := range []string{dst, direct, viaStdin, fromBackup} {
		if got := dirLines(t, d); !slices.Equal(got, want) {
			t.Errorf("%s differs from the source:\n%s\nsource:\n%s", d, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if _, err := os.Stat(filepath.Join(d, boltstore.FileName)); err != nil {
			t.Error(err)
		}
		if left, _ := filepath.Glob(filepath.Join(d, "*.copy-*")); len(left) > 0 {
			t.Errorf("temporary files left: %v", left)
		}
	}
	exporttest.Compare(t, dirViews(t, src, fix), dirViews(t, dst, fix))
}

// TestCopyRefuses: what `bangtin copy` refuses, with the message a user reads, leaving the
// destination as it was.
func TestCopyRefuses(t *testing.T) {
	t.Setenv("BANGTIN_LANG", "")
	src, _ := filledDir(t)
	tmp := t.TempDir()
	file := filepath.Join(tmp, "board.jsonl")
	mustCopy(t, nil, "copy", "--from", src, "--to", file)
	full, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(full), "\n")
	write := func(name, content string) string {
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	truncated := write("cut.jsonl", strings.Join(lines[:len(lines)/2], ""))
	newer := write("newer.jsonl", strings.Replace(string(full), `"version":1,`, fmt.Sprintf(`"version":%d,`, export.Version+1), 1))
	other := filepath.Join(tmp, "other")
	b, _ := boardtest.Open(t, filepath.Join(other, boltstore.FileName))
	boardtest.Thread(t, b, "Tin có sẵn", "x")
	b.Close()
	otherLines := dirLines(t, other)
	backup := filepath.Join(src, boltstore.FileName)

	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no ends", []string{"copy", "--from", src}, "Both --from SRC and --to DST are needed"},
		{"same", []string{"copy", "--from", src, "--to", src + "/."}, "are the same"},
		{"not empty", []string{"copy", "--from", src, "--to", other}, "already holds a board (threads: 1, accounts: 3, audit entries: 4). Add --force"},
		{"file exists", []string{"copy", "--from", src, "--to", file}, "exists. Add --force"},
		{"truncated", []string{"copy", "--from", truncated, "--to", filepath.Join(tmp, "new1")}, "is cut short (it ends at line"},
		{"newer", []string{"copy", "--from", newer, "--to", filepath.Join(tmp, "new2")}, fmt.Sprintf("export format version %d, newer than this bangtin reads (up to version %d)", export.Version+1, export.Version)},
		{"truncated into a board", []string{"copy", "--from", truncated, "--to", other, "--force"}, "is cut short"},
		{"no board", []string{"copy", "--from", filepath.Join(tmp, "nothing"), "--to", filepath.Join(tmp, "new3")}, "There is no board in"},
		{"database file as destination", []string{"copy", "--from", file, "--to", backup}, "is a database file; give its directory"},
		{"postgres unreachable", []string{"copy", "--from", src, "--to", "postgres://lan:secret@127.0.0.1:1/bangtin"}, "cannot reach PostgreSQL at 127.0.0.1:1/bangtin"},
		{"not an export", []string{"copy", "--from", write("x.jsonl", "hello\n"), "--to", filepath.Join(tmp, "new5")}, "is not a bangtin export file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := runCopyCmd(t, nil, append(c.args, "--lang", "en")...)
			if code == 0 || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant %q", code, stderr, c.want)
			}
			if strings.Contains(stderr, "secret") {
				t.Errorf("the password is shown: %s", stderr)
			}
		})
	}
	for _, d := range []string{"new1", "new2", "new3", "new5"} {
		if _, err := os.Stat(filepath.Join(tmp, d, boltstore.FileName)); err == nil {
			t.Errorf("a refused copy created %s", d)
		}
	}
	if got := dirLines(t, other); !slices.Equal(got, otherLines) {
		t.Errorf("a refused copy changed the destination")
	}
	if got, _ := os.ReadFile(file); !bytes.Equal(got, full) {
		t.Errorf("a refused copy changed the export file")
	}

	// A board holding the source open: refused within the lock timeout.
	st, err := boltstore.Open(backup, boltstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCopyCmd(t, nil, "copy", "--from", src, "--to", filepath.Join(tmp, "new6"), "--lang", "en")
	st.Close()
	if code == 0 || !strings.Contains(stderr, "is held by a running board") {
		t.Errorf("source in use: exit %d, %s", code, stderr)
	}

	// --force replaces.
	mustCopy(t, nil, "copy", "--from", src, "--to", other, "--force")
	if got, want := dirLines(t, other), dirLines(t, src); !slices.Equal(got, want) {
		t.Errorf("forced copy differs from the source")
	}
	mustCopy(t, nil, "copy", "--from", other, "--to", file, "--force")
}

package export_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
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

var ctx = context.Background()

// source is a filled board, its export and what it shows.
type source struct {
	fix   exporttest.Fixture
	file  []byte
	lines []string
	views map[string]string
}

func newSource(t *testing.T) source {
	t.Helper()
	b, st := boardtest.Open(t, filepath.Join(t.TempDir(), boltstore.FileName))
	var s source
	s.fix = exporttest.Fill(t, b)
	var buf bytes.Buffer
	counts, err := export.Snapshot(ctx, st, &buf, export.WriteOptions{Generator: "test"})
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	for _, k := range []string{export.KindCategory, export.KindThread, export.KindRevision, export.KindComment,
		export.KindLastName, export.KindBan, export.KindAccount, export.KindAudit, export.KindReadMark,
		export.KindVisitMark, export.KindDay, export.KindSettings, export.KindCounters} {
		if counts[k] == 0 {
			t.Errorf("the fixture's export has no %s: %v", k, counts)
		}
	}
	s.file = buf.Bytes()
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	s.lines = lines[1:]
	s.views = exporttest.Views(t, b, s.fix)
	return s
}

func openStore(t *testing.T) *boltstore.Store {
	t.Helper()
	st, err := boltstore.Open(filepath.Join(t.TempDir(), boltstore.FileName), boltstore.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestRoundTrip: bbolt → export → a new bbolt holds the same records (ids kept) and shows the
// same lists, searches, threads, comments, accounts, bans, settings, read markers and visitor
// counts; a new record gets an id past the imported ones.
func TestRoundTrip(t *testing.T) {
	src := newSource(t)
	st := openStore(t)
	var progress []string
	res, err := export.Read(ctx, st, bytes.NewReader(src.file), export.ReadOptions{BatchRecords: 7,
		Progress: func(kind string, done, total uint64) {
			progress = append(progress, fmt.Sprintf("%s %d/%d", kind, done, total))
		}})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if len(res.Skipped) != 0 || res.Header.Version != export.Version || res.Header.Generator != "test" {
		t.Errorf("result = %+v", res)
	}
	if !slices.Contains(progress, fmt.Sprintf("thread %d/%d", res.Counts[export.KindThread], res.Counts[export.KindThread])) {
		t.Errorf("progress = %v", progress)
	}
	if got := exporttest.Lines(t, st); !slices.Equal(got, src.lines) {
		t.Errorf("the copy exports differently:\n%s\nsource:\n%s", strings.Join(got, "\n"), strings.Join(src.lines, "\n"))
	}
	b, err := board.New(st, board.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	exporttest.Compare(t, src.views, exporttest.Views(t, b, src.fix))
	var maxThread, maxComment uint64
	for _, th := range []board.Thread{src.fix.Published, src.fix.Other, src.fix.Draft, src.fix.Hidden, src.fix.Deleted, src.fix.Edited} {
		maxThread = max(maxThread, th.ID)
	}
	th := boardtest.Thread(t, b, "Sau khi chép", "mới")
	if th.ID != maxThread+1 {
		t.Errorf("new thread id %d, want %d", th.ID, maxThread+1)
	}
	_ = st.View(ctx, func(tx board.Tx) error {
		c, _ := tx.IDCounters()
		maxComment = c.Comments
		return nil
	})
	c, err := b.PostComment(ctx, boardtest.Staff, board.CommentInput{ThreadID: th.ID, Name: "A", Body: "B"})
	if err != nil || c.ID != maxComment+1 {
		t.Errorf("new comment id %d (%v), want %d", c.ID, err, maxComment+1)
	}
	if name, _ := lastName(st, exporttest.GuestA.Fingerprint); name != "Nguyễn Văn An" {
		t.Errorf("last name of guest A = %q", name)
	}
}

func lastName(st board.Store, fp string) (string, error) {
	var n string
	err := st.View(ctx, func(tx board.Tx) error {
		var err error
		n, err = tx.LastName(fp)
		return err
	})
	return n, err
}

// TestNotEmpty: a destination holding a board is refused, and replaced with Force.
func TestNotEmpty(t *testing.T) {
	src := newSource(t)
	b, st := boardtest.Open(t, filepath.Join(t.TempDir(), boltstore.FileName))
	boardtest.Thread(t, b, "Đã có", "x")
	_, err := export.Read(ctx, st, bytes.NewReader(src.file), export.ReadOptions{})
	var ne *export.NotEmptyError
	if !errors.As(err, &ne) || !errors.Is(err, export.ErrNotEmpty) || ne.Held[export.KindThread] != 1 {
		t.Fatalf("import into a board = %v", err)
	}
	if _, err := export.Read(ctx, st, bytes.NewReader(src.file), export.ReadOptions{Force: true}); err != nil {
		t.Fatalf("forced import: %v", err)
	}
	if got := exporttest.Lines(t, st); !slices.Equal(got, src.lines) {
		t.Errorf("the forced copy differs from the source:\n%s", strings.Join(got, "\n"))
	}
	// A new store (default category and settings) counts as empty.
	if err := openStore(t).View(ctx, func(tx board.Tx) error { return export.Check(ctx, tx) }); err != nil {
		t.Errorf("a new store is not empty: %v", err)
	}
}

// TestBadFiles: damaged, cut-short, foreign and newer files are refused with errors that say
// which, before anything is written when verified first.
func TestBadFiles(t *testing.T) {
	src := newSource(t)
	lines := strings.Split(strings.TrimSuffix(string(src.file), "\n"), "\n")
	join := func(ls []string) string { return strings.Join(ls, "\n") + "\n" }
	newer := strings.Replace(lines[0], fmt.Sprintf(`"version":%d`, export.Version), fmt.Sprintf(`"version":%d`, export.Version+1), 1)
	if newer == lines[0] {
		t.Fatalf("header has no version: %s", lines[0])
	}
	extra := slices.Clone(lines)
	extra = slices.Insert(extra, 2, `{"kind":"future_thing","data":{"x":1}}`)
	cases := []struct {
		name string
		file string
		want error
		line int
	}{
		{"empty", "", export.ErrNotExport, 0},
		{"foreign", "hello\n", export.ErrNotExport, 1},
		{"bolt file", "\x00\x00\x00\x00\xed\xda\x0c\xed", export.ErrNotExport, 1},
		{"newer", join(append([]string{newer}, lines[1:]...)), export.ErrTooNew, 1},
		{"no end line", join(lines[:len(lines)-1]), export.ErrTruncated, len(lines) - 1},
		{"cut mid-line", join(lines)[:len(src.file)/2], export.ErrTruncated, 0},
		{"bad json", join(slices.Insert(slices.Clone(lines), 3, `{"kind":"thread","data":{`)), export.ErrBadRecord, 4},
		{"thread without id", join(slices.Insert(slices.Clone(lines), 3, `{"kind":"thread","data":{"Title":"x"}}`)), export.ErrBadRecord, 4},
		{"a line lost", join(slices.Delete(slices.Clone(lines), 3, 4)), export.ErrCountMismatch, 0},
		{"after the end", join(append(slices.Clone(lines), `{"kind":"thread","data":{"ID":99}}`)), export.ErrBadRecord, len(lines) + 1},
		{"unknown kind counted", join(extra), export.ErrCountMismatch, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := export.Verify(ctx, strings.NewReader(c.file), nil)
			var fe *export.FileError
			if !errors.Is(err, c.want) || !errors.As(err, &fe) {
				t.Fatalf("Verify = %v, want %v", err, c.want)
			}
			if c.line != 0 && fe.Line != c.line {
				t.Errorf("line %d, want %d (%v)", fe.Line, c.line, err)
			}
			if c.want == export.ErrTooNew && fe.Version != export.Version+1 {
				t.Errorf("version %d", fe.Version)
			}
			st := openStore(t)
			if _, err := export.Read(ctx, st, strings.NewReader(c.file), export.ReadOptions{}); !errors.Is(err, c.want) {
				t.Fatalf("Read = %v, want %v", err, c.want)
			}
		})
	}
}

// TestNewerFieldsAndKinds: a file of this version from a newer program, with fields and kinds
// this one does not know, is read: the fields ignored, the kinds skipped and reported.
func TestNewerFieldsAndKinds(t *testing.T) {
	src := newSource(t)
	lines := strings.Split(strings.TrimSuffix(string(src.file), "\n"), "\n")
	// A new kind, counted in the header and the end line, and a new field in every thread.
	lines[0] = strings.Replace(lines[0], `"counts":{`, `"counts":{"future_thing":1,`, 1)
	end := len(lines) - 1
	lines[end] = strings.Replace(lines[end], `"counts":{`, `"counts":{"future_thing":1,`, 1)
	for i, l := range lines {
		if strings.HasPrefix(l, `{"kind":"thread","data":{`) {
			lines[i] = strings.Replace(l, `"data":{`, `"data":{"FutureField":[1,2],`, 1)
		}
	}
	lines = slices.Insert(lines, end, `{"kind":"future_thing","data":{"x":1},"extra":true}`)
	st := openStore(t)
	res, err := export.Read(ctx, st, strings.NewReader(strings.Join(lines, "\n")+"\n"), export.ReadOptions{})
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	if res.Skipped["future_thing"] != 1 {
		t.Errorf("skipped = %v", res.Skipped)
	}
	if got := exporttest.Lines(t, st); !slices.Equal(got, src.lines) {
		t.Errorf("copy differs")
	}
}

// TestEmptyStore: a new store exports and imports.
func TestEmptyStore(t *testing.T) {
	var buf bytes.Buffer
	if _, err := export.Snapshot(ctx, openStore(t), &buf, export.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	res, err := export.Read(ctx, st, &buf, export.ReadOptions{})
	if err != nil || res.Counts[export.KindCategory] != 1 || res.Counts[export.KindThread] != 0 {
		t.Fatalf("import of an empty board = %+v, %v", res, err)
	}
}

// TestCancel: a cancelled context stops an export.
func TestCancel(t *testing.T) {
	src := newSource(t)
	st := openStore(t)
	if _, err := export.Read(ctx, st, bytes.NewReader(src.file), export.ReadOptions{}); err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := export.Snapshot(cctx, st, &bytes.Buffer{}, export.WriteOptions{}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled export = %v", err)
	}
}

// TestRoundTripThroughStore: exporttest.RoundTrip, through an embedded store (other stores'
// tests call it with theirs).
func TestRoundTripThroughStore(t *testing.T) {
	exporttest.RoundTrip(t, func(t testing.TB) board.Store {
		st, err := boltstore.Open(filepath.Join(t.TempDir(), boltstore.FileName), boltstore.Options{NoSync: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	})
}

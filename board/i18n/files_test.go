package i18n

import (
	"fmt"
	"strings"
	"testing"

	"bangtin/board"
)

func TestFileErrors(t *testing.T) {
	for _, c := range []struct {
		err    error
		vi, en string
	}{
		{&board.FileError{Problem: board.FileTooLarge, Limit: 10 << 20}, "tối đa 10 MiB", "at most 10 MiB"},
		{&board.FileError{Problem: board.FileType, Type: "text/html"}, "(text/html)", "(text/html)"},
		{&board.FileError{Problem: board.FileThreadFull, Limit: 20}, "đủ 20 tệp", "has 20 files"},
		{&board.FileError{Problem: board.FileBoardFull, Limit: 2 << 30}, "2 GiB", "2 GiB"},
		{&board.FileError{Problem: board.FilePictureSize}, "10000", "10000 pixels"},
		{&board.FileError{Problem: board.FilePictureBroken}, "Không đọc được ảnh", "cannot be read"},
		{&board.FileError{Problem: board.FileEmpty}, "Tệp trống", "empty"},
		{fmt.Errorf("x: %w", &board.ValidationError{Field: "file_name", Problem: board.ProblemReserved}), "đã có một tệp", "already has a file"},
		{&board.ValidationError{Field: "caption", Problem: board.ProblemTooLong, Max: 300}, "Chú thích", "Caption"},
	} {
		if vi := Error(Vi, c.err); !strings.Contains(vi, c.vi) {
			t.Errorf("%v: vi %q lacks %q", c.err, vi, c.vi)
		}
		if en := Error(En, c.err); !strings.Contains(en, c.en) {
			t.Errorf("%v: en %q lacks %q", c.err, en, c.en)
		}
	}
	if Size(1536) != "2 KiB" || Size(3<<20/2) != "1.5 MiB" || Size(12) != "12 B" {
		t.Error(Size(1536), Size(3<<20/2), Size(12))
	}
}

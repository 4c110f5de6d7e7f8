package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

// TestOfficialMark: a comment by an account carries its role after the name ("✓ Cán bộ"),
// a guest's does not, and a narrow line cuts the name before the mark (issue 19.8).
func TestOfficialMark(t *testing.T) {
	b, _ := wBoard(t)
	c := wCommon(b, reader)
	for _, tc := range []struct {
		name string
		cmt  board.Comment
		w    int
		want string
		not  string
	}{
		{"staff", board.Comment{Name: "Nguyễn Văn An", Login: "an", Role: board.RoleStaff}, 60, "Nguyễn Văn An ✓ Cán bộ", ""},
		{"old account comment", board.Comment{Name: "An", Login: "an"}, 60, "An ✓ Cán bộ", ""},
		{"editor", board.Comment{Name: "Lê Bình", Login: "binh", Role: board.RoleEditor, Title: "Trả lời"}, 60, "Lê Bình ✓ Biên tập viên — Trả lời", ""},
		{"guest", board.Comment{Name: "Trần Thị Bình", Title: "Hỏi"}, 60, "Trần Thị Bình — Hỏi", "✓"},
		{"narrow keeps the mark", board.Comment{Name: "Nguyễn Văn An Bình Minh", Login: "an", Role: board.RoleStaff}, 20, "✓ Cán bộ", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ansi.Strip(commentHead(c, tc.cmt, tc.w))
			if !strings.Contains(got, tc.want) {
				t.Errorf("head %q lacks %q", got, tc.want)
			}
			if tc.not != "" && strings.Contains(got, tc.not) {
				t.Errorf("head %q holds %q", got, tc.not)
			}
			if w := text.Width(got); w > tc.w {
				t.Errorf("head %q is %d cells, more than %d", got, w, tc.w)
			}
		})
	}
	c.Lang = i18n.En
	if got := officialMark(c, board.Comment{Login: "a", Role: board.RoleAdmin}); got != "✓ Admin" {
		t.Errorf("English admin mark = %q, want %q", got, "✓ Admin")
	}
}

package board_test

import (
	"strings"
	"testing"

	"bangtin/board/boardtest"
	"bangtin/board/text"
)

// The welcome thread names the board once: "bảng tin X", never "bảng tin Bảng tin".
func TestWelcomeNamesTheBoardOnce(t *testing.T) {
	for _, tc := range []struct{ name, title, body string }{
		{"Bảng tin", "Chào mừng đến với bảng tin", "Chào mừng bạn đến với **bảng tin**."},
		{"BẢNG TIN", "Chào mừng đến với bảng tin", "Chào mừng bạn đến với **bảng tin**."},
		{"UBND xã An Phú", "Chào mừng đến với bảng tin UBND xã An Phú", "Chào mừng bạn đến với bảng tin **UBND xã An Phú**."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := boardtest.New(t)
			if err := b.EnsureWelcome(ctx, tc.name); err != nil {
				t.Fatal(err)
			}
			th, err := b.Thread(ctx, boardtest.Admin, 1)
			if err != nil {
				t.Fatal(err)
			}
			if th.Title != tc.title {
				t.Errorf("title = %q, want %q", th.Title, tc.title)
			}
			if !strings.HasPrefix(th.Body, tc.body) {
				t.Errorf("body starts %q, want %q", strings.SplitN(th.Body, "\n", 2)[0], tc.body)
			}
			if f := text.Fold(th.Body); strings.Count(f, "bang tin") != 1 {
				t.Errorf("the body names the board %d times: %q", strings.Count(f, "bang tin"), strings.SplitN(th.Body, "\n", 2)[0])
			}
		})
	}
}

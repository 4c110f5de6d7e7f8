package i18n

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"bangtin/board"
)

func TestCatalogueComplete(t *testing.T) {
	if len(duplicates) > 0 {
		t.Fatalf("keys registered twice: %v", duplicates)
	}
	for k, m := range catalog {
		if strings.TrimSpace(m.Vi) == "" || strings.TrimSpace(m.En) == "" {
			t.Errorf("%s: missing a language: %+v", k, m)
		}
		if strings.Count(m.Vi, "%") != strings.Count(m.En, "%") {
			t.Errorf("%s: vi and en take different arguments: %q / %q", k, m.Vi, m.En)
		}
	}
}

func TestFromEnv(t *testing.T) {
	for _, tc := range []struct {
		env  []string
		want Lang
	}{
		{nil, Vi},
		{[]string{"LANG=en_US.UTF-8"}, En},
		{[]string{"LANG=vi_VN.UTF-8"}, Vi},
		{[]string{"LANG=en_US.UTF-8", "LC_ALL=vi_VN.UTF-8"}, Vi},
		{[]string{"LANG=vi_VN.UTF-8", "LC_ALL=en_GB.UTF-8"}, En},
		{[]string{"LC_ALL=C", "LANG=en_US.UTF-8"}, En},
		{[]string{"LANG=C.UTF-8"}, Vi},
	} {
		if got := FromEnv(tc.env, Vi); got != tc.want {
			t.Errorf("FromEnv(%v) = %s, want %s", tc.env, got, tc.want)
		}
	}
}

func TestError(t *testing.T) {
	for _, tc := range []struct {
		err  error
		lang Lang
		want string
	}{
		{&board.ValidationError{Field: "name", Problem: board.ProblemRequired}, Vi, "Họ tên: không được để trống."},
		{fmt.Errorf("post: %w", &board.ValidationError{Field: "body", Problem: board.ProblemTooLong, Max: 4000}), En, "Content: too long (at most 4000 characters)."},
		{&board.BanError{Reason: "spam"}, Vi, "Bạn đã bị chặn gửi bài. Lý do: spam"},
		{fmt.Errorf("get: %w", board.ErrNotFound), En, "Not found."},
		{errors.New("disk on fire"), En, "Something went wrong. Sorry, please try again."},
	} {
		if got := Error(tc.lang, tc.err); got != tc.want {
			t.Errorf("Error(%s, %v) = %q, want %q", tc.lang, tc.err, got, tc.want)
		}
	}
}

// Every field name the board puts in a ValidationError has a label in both languages.
func TestFieldLabels(t *testing.T) {
	for _, f := range []string{"name", "title", "body", "summary", "category", "login", "role", "query",
		"reason", "addr", "key", "password", "captcha", "cursor", "words", "for", "status", "moderation"} {
		for _, l := range []Lang{Vi, En} {
			if got := Field(l, f); got == f || strings.HasPrefix(got, "!") {
				t.Errorf("field %q has no %s label (got %q)", f, l, got)
			}
		}
	}
}

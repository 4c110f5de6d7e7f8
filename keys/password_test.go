package keys

import (
	"errors"
	"strings"
	"testing"

	"bangtin/board"

	"golang.org/x/text/unicode/norm"
)

func TestPassword(t *testing.T) {
	const pw = "Mật khẩu rất dài 2026"
	h1, err := HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	h2, err := HashPassword(pw)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h1, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q does not carry argon2id and its parameters", h1)
	}
	if h1 == h2 {
		t.Error("two hashes of one password are equal: no per-hash salt")
	}
	if strings.Contains(h1, pw) {
		t.Error("hash contains the password")
	}
	tests := []struct {
		name string
		hash string
		pw   string
		want bool
	}{
		{"right", h1, pw, true},
		{"right, other salt", h2, pw, true},
		{"right in NFD", h1, norm.NFD.String(pw), true},
		{"wrong", h1, pw + "x", false},
		{"case", h1, strings.ToUpper(pw), false},
		{"empty", h1, "", false},
		{"no hash", "", pw, false},
		{"garbage", "$argon2id$garbage", pw, false},
		{"other algorithm", strings.Replace(h1, "argon2id", "argon2i", 1), pw, false},
		{"huge memory", strings.Replace(h1, "m=19456", "m=99999999", 1), pw, false},
		{"many passes", strings.Replace(h1, "t=2", "t=1000", 1), pw, false},
		{"changed parameters", strings.Replace(h1, "t=2", "t=3", 1), pw, false},
		{"truncated", h1[:len(h1)-4], pw, false},
	}
	for _, tt := range tests {
		if got := CheckPassword(tt.hash, tt.pw); got != tt.want {
			t.Errorf("%s: CheckPassword = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestHashPasswordRefuses(t *testing.T) {
	tests := []struct {
		pw      string
		problem board.Problem
	}{
		{"", board.ProblemTooShort},
		{"ngắn", board.ProblemTooShort},
		{strings.Repeat("a", MaxPasswordLen+1), board.ProblemTooLong},
		{"abcdefgh\xff", board.ProblemEncoding},
		{"abcdefgh\x00", board.ProblemEncoding},
	}
	for _, tt := range tests {
		_, err := HashPassword(tt.pw)
		var ve *board.ValidationError
		if !errors.As(err, &ve) || ve.Field != "password" || ve.Problem != tt.problem {
			t.Errorf("HashPassword(%.20q) = %v, want a %s password error", tt.pw, err, tt.problem)
		}
	}
}

func BenchmarkCheckPassword(b *testing.B) {
	h, err := HashPassword("Mật khẩu rất dài 2026")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		CheckPassword(h, "Mật khẩu rất dài 2026")
	}
}

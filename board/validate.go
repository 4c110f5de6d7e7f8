package board

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"bangtin/board/text"
)

// Field limits (runes unless said otherwise).
const (
	MaxThreadTitle   = 200
	MaxThreadSummary = 500
	MaxThreadBody    = 64 << 10 // bytes
	MaxCommentName   = 80
	MaxCommentTitle  = 150
	MaxCommentBody   = 4000
	MaxCategoryName  = 80
	MaxAccountName   = 80
	MaxReason        = 500
	MaxQuery         = 200
	MaxWord          = 80
	MaxWords         = 500
)

// fieldSpec says how one field is checked and cleaned.
type fieldSpec struct {
	name      string
	min, max  int
	multiline bool // Clean (keeps newlines) instead of Line
	bytes     bool // max counts bytes, not runes
}

// clean validates and sanitises one field of user text: invalid UTF-8 or NUL is ProblemEncoding;
// the text passes text.Line (or text.Clean) and NFC; empty after cleaning is ProblemRequired when
// min > 0; the limits count runes (or bytes) of the cleaned text.
func clean(f fieldSpec, s string) (string, error) {
	if !utf8.ValidString(s) || strings.IndexByte(s, 0) >= 0 {
		return "", &ValidationError{Field: f.name, Problem: ProblemEncoding}
	}
	var c string
	if f.multiline {
		c = strings.TrimSpace(norm.NFC.String(text.Clean(s)))
	} else {
		c = strings.TrimSpace(norm.NFC.String(text.Line(s)))
	}
	if c == "" {
		if f.min > 0 {
			return "", &ValidationError{Field: f.name, Problem: ProblemRequired, Min: f.min, Max: f.max}
		}
		return "", nil
	}
	n := utf8.RuneCountInString(c)
	if f.bytes {
		n = len(c)
	}
	if f.max > 0 && n > f.max {
		return "", &ValidationError{Field: f.name, Problem: ProblemTooLong, Min: f.min, Max: f.max}
	}
	if n < f.min {
		return "", &ValidationError{Field: f.name, Problem: ProblemTooShort, Min: f.min, Max: f.max}
	}
	return c, nil
}

// ValidLogin reports whether s is a login name: lowercase ASCII, 2-32, [a-z0-9][a-z0-9._-]*.
func ValidLogin(s string) bool {
	if len(s) < 2 || len(s) > 32 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case i > 0 && (c == '.' || c == '_' || c == '-'):
		default:
			return false
		}
	}
	return true
}

func checkLogin(s string) error {
	if s == "" {
		return &ValidationError{Field: "login", Problem: ProblemRequired}
	}
	if !ValidLogin(s) {
		return &ValidationError{Field: "login", Problem: ProblemFormat, Min: 2, Max: 32}
	}
	return nil
}

// Slug makes a URL-like slug from a name: folded, ASCII letters and digits joined by "-".
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range text.Fold(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r + 'a' - 'A')
		default:
			dash = true
		}
	}
	return b.String()
}

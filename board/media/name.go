package media

import (
	"fmt"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"bangtin/board/text"
)

// MaxName is the longest file name kept, in runes.
const MaxName = 120

// reserved are the device names Windows will not open as files, whatever the extension.
var reserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// CleanName makes a file name safe on every system readers download to: the board's sanitiser
// (controls and escape sequences dropped) and NFC; only the last element of a path is kept
// ("../../etc/passwd" is "passwd", "a\b.pdf" is "b.pdf"); characters Windows refuses (<>:"|?*)
// become "_"; leading dots and spaces and trailing dots and spaces go; a Windows device name
// (CON.pdf) gets a leading "_"; the name ends in an extension of typ (added when it does not);
// at most MaxName runes; an empty name becomes "tep" + extension. taken reports whether a name
// is already used in the thread (compared without case); the name then gets " (2)", " (3)"...
func CleanName(name, typ string, taken func(string) bool) string {
	name = text.Line(strings.ToValidUTF8(name, ""))
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`<>:"|?*`, r) || unicode.IsControl(r) {
			return '_'
		}
		return r
	}, name)
	name = strings.TrimRight(name, ". ")
	ext := path.Ext(name)
	stem := strings.TrimLeft(strings.TrimSuffix(name, ext), ". ")
	if want := extensions[typ]; len(want) > 0 && !contains(want, strings.ToLower(ext)) {
		// The name does not say what the bytes are: keep it whole and add the right extension.
		stem, ext = strings.TrimLeft(name, ". "), want[0]
	}
	if stem == "" {
		stem = "tep"
	}
	if first, _, _ := strings.Cut(stem, "."); reserved[strings.ToUpper(strings.TrimSpace(first))] {
		stem = "_" + stem
	}
	if n := utf8.RuneCountInString(stem) + utf8.RuneCountInString(ext); n > MaxName {
		r := []rune(stem)
		stem = strings.TrimRight(string(r[:max(1, MaxName-utf8.RuneCountInString(ext))]), ". ")
	}
	out := stem + ext
	for i := 2; taken != nil && taken(out); i++ {
		out = fmt.Sprintf("%s (%d)%s", stem, i, ext)
	}
	return out
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Package i18n is the board's message catalogue: every string a user reads, in Vietnamese (the
// default) and English, for the TUI and the ssh commands alike. Strings are registered per screen
// or feature in files of this package (one init each); a key registered twice, or without both
// languages, fails the package's tests.
package i18n

import (
	"fmt"
	"strings"
)

// Lang is a user's language.
type Lang string

const (
	Vi Lang = "vi"
	En Lang = "en"
)

// Key names a message.
type Key string

// Msg is one message in both languages. Formats use fmt verbs.
type Msg struct{ Vi, En string }

var (
	catalog    = map[Key]Msg{}
	duplicates []Key
)

// register adds messages; called from the init function of each catalogue file.
func register(m map[Key]Msg) {
	for k, v := range m {
		if _, ok := catalog[k]; ok {
			duplicates = append(duplicates, k)
		}
		catalog[k] = v
	}
}

// T returns the message for key in lang, formatted with args. A missing key shows as "!key" so
// that it is seen in tests and golden screens, never as an empty string.
func T(lang Lang, key Key, args ...any) string {
	m, ok := catalog[key]
	if !ok {
		return "!" + string(key)
	}
	s := m.Vi
	if lang == En {
		s = m.En
	}
	if len(args) > 0 {
		return fmt.Sprintf(s, args...)
	}
	return s
}

// Toggle switches between Vietnamese and English.
func (l Lang) Toggle() Lang {
	if l == En {
		return Vi
	}
	return En
}

// Parse reads "vi" or "en" (any case, with or without a region); anything else is Vietnamese.
func Parse(s string) Lang {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "en") {
		return En
	}
	return Vi
}

// FromEnv picks the language from a client's environment (LC_ALL wins over LANG, as in POSIX):
// English when it starts with "en", otherwise def.
func FromEnv(env []string, def Lang) Lang {
	var lang, lcAll string
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "LC_ALL":
			lcAll = v
		case "LANG":
			lang = v
		}
	}
	for _, v := range []string{lcAll, lang} {
		if v == "" || v == "C" || v == "POSIX" || strings.HasPrefix(v, "C.") {
			continue
		}
		if strings.HasPrefix(strings.ToLower(v), "en") {
			return En
		}
		return def
	}
	return def
}

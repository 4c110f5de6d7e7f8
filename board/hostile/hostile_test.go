package hostile

import (
	"strings"
	"testing"
)

func TestCorpus(t *testing.T) {
	ps := Payloads()
	if len(ps) < 60 {
		t.Fatalf("corpus has %d payloads, want at least 60", len(ps))
	}
	seen := map[string]bool{}
	for _, p := range ps {
		if seen[p.Name] {
			t.Errorf("payload %s twice", p.Name)
		}
		seen[p.Name] = true
	}
	for _, want := range []string{"osc52-clipboard", "csi-8bit", "bidi-rlo", "cr-overwrite", "body-1MiB", "combining-10000", "nul", "invalid-utf8"} {
		if !seen[want] {
			t.Errorf("corpus lacks %s", want)
		}
	}
}

// The checks must catch every payload as it is (before sanitising), except the harmless ones.
func TestChecksCatchRawPayloads(t *testing.T) {
	harmless := map[string]bool{"wide-cjk": true, "emoji-zwj": true, "vietnamese-nfd": true, "very-long-word": true,
		"combining-few": true, "combining-10000": true, "long-word-5000": true, "many-lines": true, "csi-sgr-red": true, "csi-sgr-hidden": true,
		"csi-8bit-raw-byte": true, "invalid-utf8": true, "invalid-utf8-overlong-esc": true, "surrogate-half": true,
		"md-html": true, "zwnj-zwj-name": true}
	// Harmless as source text, dangerous once rendered (Markdown character references) or only to a
	// layout or a parser (a long TERM, padded login names).
	for _, n := range []string{"md-entity-esc-osc52", "md-entity-esc-dec", "md-entity-c1-csi", "md-entity-bidi", "md-entity-zwsp",
		"md-entity-bel-bs", "md-link-dest-entity", "md-html-entity-block", "md-blockquote-deep", "term-long", "login-name-spaces"} {
		harmless[n] = true
	}
	for _, p := range Payloads() {
		err := CheckView(p.Text)
		if harmless[p.Name] {
			continue
		}
		if err == nil {
			t.Errorf("CheckView let %s through: %q", p.Name, trim(p.Text))
		}
		if CheckWire([]byte(p.Text), "pwned", "]52;") == nil && !strings.HasPrefix(p.Name, "csi") && !strings.Contains(p.Name, "query") && p.Name != "esc-lone" && p.Name != "cr-overwrite" && !strings.HasPrefix(p.Name, "md-") && p.Name != "body-1MiB" && p.Name != "esc-flood" {
			t.Errorf("CheckWire let %s through: %q", p.Name, trim(p.Text))
		}
	}
	if err := CheckView("\x1b[1mTiêu đề\x1b[0m\n  trẻ em 👨‍👩‍👧 中文"); err != nil {
		t.Errorf("CheckView refused a clean styled view: %v", err)
	}
	if err := CheckWire([]byte("\x1b[H\x1b[2J\x1b[1mTin\x1b[0m\r\n\x1b]11;?\x07ok")); err != nil {
		t.Errorf("CheckWire refused a renderer's output: %v", err)
	}
}

func TestCheckScreen(t *testing.T) {
	ok := "\x1b[1m Bảng tin\x1b[0m\n" + strings.Repeat("中", 40) + "\n" + strings.Repeat("ế", 80)
	if err := CheckScreen(ok, 80, 3); err != nil {
		t.Errorf("CheckScreen refused an 80x3 screen: %v", err)
	}
	for _, tc := range []struct{ name, s string }{
		{"too wide", strings.Repeat("中", 41)},
		{"too wide plain", strings.Repeat("a", 81)},
		{"too many lines", strings.Repeat("a\n", 3) + "a"},
		{"escape", "a\x1b[2Jb"},
		{"needle", "pwned"},
	} {
		if err := CheckScreen(tc.s, 80, 3, Needles...); err == nil {
			t.Errorf("CheckScreen let %s through", tc.name)
		}
	}
	for _, n := range Needles {
		if CheckView("x"+n+"y", Needles...) == nil {
			t.Errorf("needle %q is not caught", n)
		}
	}
}

func TestNeedlesFor(t *testing.T) {
	got := map[string][]string{}
	for _, p := range Payloads() {
		got[p.Name] = NeedlesFor(p)
	}
	has := func(name, n string) bool {
		for _, x := range got[name] {
			if x == n {
				return true
			}
		}
		return false
	}
	if !has("osc0-title", "pwned") || !has("osc52-clipboard", "]52;") || !has("bidi-rlo", "\u202e") {
		t.Errorf("needles of sequences are missing: %q %q %q", got["osc0-title"], got["osc52-clipboard"], got["bidi-rlo"])
	}
	if has("md-entity-esc-osc52", "]52;") || has("md-entity-esc-osc52", "pwned") {
		t.Errorf("plain-text fragments are needles: %q", got["md-entity-esc-osc52"])
	}
}

func trim(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

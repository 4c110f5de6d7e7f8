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

func trim(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

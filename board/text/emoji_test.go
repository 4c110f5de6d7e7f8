package text

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

// Clean keeps every emoji whole (skin tones, ZWJ sequences, VS16, flags, keycaps, subdivision
// flags): only the display adapts to a terminal, never the text.
func TestCleanKeepsEmoji(t *testing.T) {
	for _, s := range []string{
		"Hay quá 👍🏽 nhé · Nhà 👨\u200d👩\u200d👧 vui · Tim ❤\ufe0f đỏ",
		"Phạm Thu 👩🏽\u200d🌾 Hà", "Xác nhận 👍🏽", "Đỗ Minh Tuấn 👨🏽\u200d💻",
		"🇻🇳 1\ufe0f\u20e3 #\ufe0f\u20e3 🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f ☺\ufe0e",
	} {
		if got := Clean(s); got != norm.NFC.String(s) {
			t.Errorf("Clean(%q) = %q", s, got)
		}
		if got := Line(s); got != norm.NFC.String(s) {
			t.Errorf("Line(%q) = %q", s, got)
		}
		if w := Width(s); w <= 0 {
			t.Errorf("Width(%q) = %d", s, w)
		}
	}
	for s, w := range map[string]int{"👍🏽": 2, "👩🏽\u200d🌾": 2, "👨\u200d👩\u200d👧": 2, "❤\ufe0f": 2, "🇻🇳": 2, "1\ufe0f\u20e3": 2} {
		if got := Width(s); got != w {
			t.Errorf("Width(%q) = %d, want %d (one cluster)", s, got, w)
		}
	}
}

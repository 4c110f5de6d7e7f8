package board

import "testing"

func TestCaptcha(t *testing.T) {
	for range 200 {
		a, b := CaptchaQuestion()
		if a < 2 || a > 9 || b < 1 || b > 9 {
			t.Fatalf("question %d + %d out of range", a, b)
		}
	}
	for _, tc := range []struct {
		answer string
		ok     bool
	}{{"12", true}, {" 12 ", true}, {"12.0", false}, {"", false}, {"13", false}, {"١٢", false}} {
		if got := CaptchaAnswered(4, 8, tc.answer); got != tc.ok {
			t.Errorf("4 + 8 = %q: %v, want %v", tc.answer, got, tc.ok)
		}
	}
}

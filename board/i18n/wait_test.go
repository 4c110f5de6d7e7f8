package i18n

import (
	"fmt"
	"testing"
	"time"

	"bangtin/board"
)

func TestWait(t *testing.T) {
	for _, tc := range []struct {
		d      time.Duration
		vi, en string
	}{
		{9*time.Minute + 57*time.Second, "9 phút 57 giây", "9 minutes 57 seconds"},
		{9*time.Minute + 56*time.Second + 100*time.Millisecond, "9 phút 57 giây", "9 minutes 57 seconds"}, // rounded up
		{10 * time.Minute, "10 phút", "10 minutes"},
		{time.Minute + time.Second, "1 phút 1 giây", "1 minute 1 second"},
		{45 * time.Second, "45 giây", "45 seconds"},
		{0, "1 giây", "1 second"},
		{300 * time.Millisecond, "1 giây", "1 second"},
		{time.Hour, "1 giờ", "1 hour"},
		{time.Hour + 4*time.Minute + 10*time.Second, "1 giờ 5 phút", "1 hour 5 minutes"},
		{2*time.Hour + 59*time.Minute + time.Second, "3 giờ", "3 hours"},
	} {
		if got := Wait(Vi, tc.d); got != tc.vi {
			t.Errorf("Wait(vi, %v) = %q, want %q", tc.d, got, tc.vi)
		}
		if got := Wait(En, tc.d); got != tc.en {
			t.Errorf("Wait(en, %v) = %q, want %q", tc.d, got, tc.en)
		}
	}
}

func TestErrorsOfThisRound(t *testing.T) {
	for _, tc := range []struct {
		err  error
		lang Lang
		want string
	}{
		{fmt.Errorf("post: %w", &board.RateLimitError{RetryAfter: 9*time.Minute + 57*time.Second}), Vi,
			"Bạn gửi quá nhiều. Vui lòng thử lại sau 9 phút 57 giây."},
		{&board.RateLimitError{RetryAfter: 9*time.Minute + 57*time.Second}, En, "Too many posts. Please try again in 9 minutes 57 seconds."},
		{board.ErrRateLimited, En, "Too many posts. Please try again in 10 minutes."},
		{&board.ValidationError{Field: "name", Problem: board.ProblemReserved}, Vi,
			"Họ tên này là tên của một cán bộ trên bảng tin; khách không gửi ý kiến bằng tên này được. Hãy dùng tên của bạn."},
		{&board.ValidationError{Field: "name", Problem: board.ProblemReserved}, En,
			"This name belongs to a board official; guests cannot post under it. Please use your own name."},
		{&board.ValidationError{Field: "slug", Problem: board.ProblemFormat}, En, "Slug: not in the expected form."},
		{fmt.Errorf("mine: %w", board.ErrNoIdentity), En,
			"The board can tell who you are only when you log in with an SSH key (or an account): guests without a key share their address with others."},
	} {
		if got := Error(tc.lang, tc.err); got != tc.want {
			t.Errorf("Error(%s, %v) = %q, want %q", tc.lang, tc.err, got, tc.want)
		}
	}
}

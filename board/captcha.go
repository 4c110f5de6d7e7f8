package board

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// CaptchaQuestion makes the two numbers of a new "a + b = ?" check question, the kind the comment
// forms ask guests while Settings.Captcha is on (the TUI's form and the web's ask the same kind).
func CaptchaQuestion() (a, b int) { return 2 + rand.IntN(8), 1 + rand.IntN(9) }

// CaptchaAnswered reports whether answer (as typed, spaces around it ignored) is a + b.
func CaptchaAnswered(a, b int, answer string) bool {
	return strings.TrimSpace(answer) == strconv.Itoa(a+b)
}

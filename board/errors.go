package board

import (
	"errors"
	"fmt"
	"time"
)

// Sentinel errors, checked with errors.Is. The user interfaces turn them into messages in the
// user's language; they never show err.Error() of these to a user.
var (
	ErrNotFound     = errors.New("not found")
	ErrForbidden    = errors.New("permission denied")
	ErrInvalid      = errors.New("invalid input")
	ErrBanned       = errors.New("banned")
	ErrRateLimited  = errors.New("too many posts, try again later")
	ErrExists       = errors.New("already exists")
	ErrNotEmpty     = errors.New("not empty")
	ErrLastAdmin    = errors.New("the last admin cannot be removed or demoted")
	ErrInUse        = errors.New("the board database is in use by another process")
	ErrSchemaTooNew = errors.New("the board database was written by a newer version of bangtin")
	ErrCorrupt      = errors.New("the board database is corrupt")
	ErrStorage      = errors.New("the board could not store the change")
	ErrClosed       = errors.New("the board is closed")
	// ErrNoIdentity: the action needs to know who the caller is (an account or a guest's key),
	// and a guest without a key is only an address.
	ErrNoIdentity  = errors.New("a guest without an SSH key cannot be told apart from others")
	ErrNoPasswords = errors.New("the board has no password hasher (Options.Passwords)")
	// ErrUnavailable: the store cannot be reached now (a database restarting, a lost
	// connection); nothing was changed, or the outcome is unknown. It passes on its own.
	ErrUnavailable = errors.New("the board is temporarily unavailable")
)

// Problem says what is wrong with a field.
type Problem string

const (
	ProblemRequired Problem = "required"  // empty or only white space
	ProblemTooLong  Problem = "too_long"  // more than Max runes (or bytes for bodies)
	ProblemTooShort Problem = "too_short" // fewer than Min runes
	ProblemEncoding Problem = "encoding"  // invalid UTF-8 or a NUL byte
	ProblemFormat   Problem = "format"    // does not match the expected form (login names, slugs, CIDR...)
	ProblemUnknown  Problem = "unknown"   // refers to something that does not exist (a category, a role)
	ProblemReserved Problem = "reserved"  // belongs to someone else (a guest using an account's display name)
)

// ValidationError names the field a user got wrong. errors.Is(err, ErrInvalid) holds.
type ValidationError struct {
	Field   string // "name", "title", "body", "summary", "login", "category", "query", ...
	Problem Problem
	Min     int
	Max     int
}

func (e *ValidationError) Error() string {
	switch e.Problem {
	case ProblemTooLong:
		return fmt.Sprintf("%s: too long (at most %d)", e.Field, e.Max)
	case ProblemTooShort:
		return fmt.Sprintf("%s: too short (at least %d)", e.Field, e.Min)
	default:
		return fmt.Sprintf("%s: %s", e.Field, e.Problem)
	}
}

func (e *ValidationError) Unwrap() error { return ErrInvalid }

// BanError tells a banned identity why it may not post. errors.Is(err, ErrBanned) holds.
type BanError struct {
	Reason  string    // sanitised; may be empty
	Expires time.Time // zero: never
}

func (e *BanError) Error() string {
	if e.Reason == "" {
		return "banned"
	}
	return "banned: " + e.Reason
}

func (e *BanError) Unwrap() error { return ErrBanned }

// RateLimitError tells a poster when to try again. errors.Is(err, ErrRateLimited) holds.
type RateLimitError struct {
	RetryAfter time.Duration
}

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("too many posts, try again in %s", e.RetryAfter.Round(time.Second))
}

func (e *RateLimitError) Unwrap() error { return ErrRateLimited }

package i18n

import (
	"errors"
	"time"

	"bangtin/board"
)

var fieldKeys = map[string]Key{
	"name": FieldName, "title": FieldTitle, "body": FieldBody, "summary": FieldSummary,
	"category": FieldCategory, "login": FieldLogin, "role": FieldRole, "query": FieldQuery,
	"reason": FieldReason, "addr": FieldAddr, "key": FieldKey, "password": FieldPassword,
	"captcha": FieldCaptcha, "cursor": FieldCursor, "words": FieldWords, "for": FieldFor,
	"status": FieldStatus, "moderation": FieldModerate,
}

// Field is the label of a form field named as in board.ValidationError.Field.
func Field(lang Lang, field string) string {
	if k, ok := fieldKeys[field]; ok {
		return T(lang, k)
	}
	return field
}

// Error turns an error from the board into a message for the user, in their language. Errors it
// does not know (storage failures, bugs) become a generic apology: their text is for the log.
func Error(lang Lang, err error) string {
	var ve *board.ValidationError
	var be *board.BanError
	var re *board.RateLimitError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ve):
		f := Field(lang, ve.Field)
		switch ve.Problem {
		case board.ProblemRequired:
			return T(lang, ErrRequired, f)
		case board.ProblemTooLong:
			return T(lang, ErrTooLong, f, ve.Max)
		case board.ProblemTooShort:
			return T(lang, ErrTooShort, f, ve.Min)
		case board.ProblemEncoding:
			return T(lang, ErrEncoding, f)
		case board.ProblemUnknown:
			return T(lang, ErrUnknown, f)
		default:
			return T(lang, ErrFormat, f)
		}
	case errors.As(err, &be):
		if be.Reason != "" {
			return T(lang, ErrBannedReason, be.Reason)
		}
		return T(lang, ErrBanned)
	case errors.As(err, &re):
		return T(lang, ErrRateLimited, re.RetryAfter.Round(time.Second).String())
	case errors.Is(err, board.ErrBanned):
		return T(lang, ErrBanned)
	case errors.Is(err, board.ErrRateLimited):
		return T(lang, ErrRateLimited, "10m")
	case errors.Is(err, board.ErrNotFound):
		return T(lang, ErrNotFound)
	case errors.Is(err, board.ErrForbidden):
		return T(lang, ErrForbidden)
	case errors.Is(err, board.ErrExists):
		return T(lang, ErrExists)
	case errors.Is(err, board.ErrNotEmpty):
		return T(lang, ErrNotEmpty)
	case errors.Is(err, board.ErrLastAdmin):
		return T(lang, ErrLastAdmin)
	case errors.Is(err, board.ErrUnavailable):
		return T(lang, ErrUnavailable)
	case errors.Is(err, board.ErrStorage):
		return T(lang, ErrStorage)
	}
	return T(lang, ErrInternal)
}

// Role is a role's name in lang.
func Role(lang Lang, r board.Role) string {
	switch r {
	case board.RoleAdmin:
		return T(lang, RoleAdmin)
	case board.RoleEditor:
		return T(lang, RoleEditor)
	case board.RoleStaff:
		return T(lang, RoleStaff)
	}
	return T(lang, RoleGuest)
}

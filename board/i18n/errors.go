package i18n

import (
	"errors"
	"strings"
	"time"

	"bangtin/board"
)

var fieldKeys = map[string]Key{
	"name": FieldName, "title": FieldTitle, "body": FieldBody, "summary": FieldSummary,
	"category": FieldCategory, "login": FieldLogin, "role": FieldRole, "query": FieldQuery,
	"reason": FieldReason, "addr": FieldAddr, "key": FieldKey, "password": FieldPassword,
	"captcha": FieldCaptcha, "cursor": FieldCursor, "words": FieldWords, "for": FieldFor,
	"status": FieldStatus, "moderation": FieldModerate, "slug": FieldSlug,
}

// Messages of this file: the words of a wait, and errors added with them.
const (
	WaitHour    Key = "wait.hour"
	WaitHours   Key = "wait.hours"
	WaitMinute  Key = "wait.minute"
	WaitMinutes Key = "wait.minutes"
	WaitSecond  Key = "wait.second"
	WaitSeconds Key = "wait.seconds"

	FieldSlug       Key = "field.slug"
	ErrReservedName Key = "err.reserved_name"
	ErrReserved     Key = "err.reserved"
	ErrNoIdentity   Key = "err.no_identity"
)

func init() {
	register(map[Key]Msg{
		WaitHour:    {"%d giờ", "%d hour"},
		WaitHours:   {"%d giờ", "%d hours"},
		WaitMinute:  {"%d phút", "%d minute"},
		WaitMinutes: {"%d phút", "%d minutes"},
		WaitSecond:  {"%d giây", "%d second"},
		WaitSeconds: {"%d giây", "%d seconds"},

		FieldSlug: {"Mã rút gọn", "Slug"},
		ErrReservedName: {"Họ tên này là tên của một cán bộ trên bảng tin; khách không gửi ý kiến bằng tên này được. Hãy dùng tên của bạn.",
			"This name belongs to a board official; guests cannot post under it. Please use your own name."},
		ErrReserved: {"%s: đã thuộc về người khác.", "%s: belongs to someone else."},
		ErrNoIdentity: {"Bảng tin chỉ nhận ra bạn khi bạn đăng nhập bằng khoá SSH (hoặc bằng tài khoản): khách không có khoá dùng chung địa chỉ với người khác.",
			"The board can tell who you are only when you log in with an SSH key (or an account): guests without a key share their address with others."},
	})
}

// Wait says a wait in words, as people say it: "9 phút 57 giây", "9 minutes 57 seconds",
// "1 giờ 5 phút". It rounds up to the second (trying again after the time said works), drops
// the seconds from an hour or more (rounding the minutes up), and leaves out parts that are 0.
func Wait(lang Lang, d time.Duration) string {
	d = max(d, time.Second)
	secs := int64((d + time.Second - 1) / time.Second)
	h, m, s := secs/3600, secs/60%60, secs%60
	if h > 0 && s > 0 {
		s = 0
		if m++; m == 60 {
			h, m = h+1, 0
		}
	}
	unit := func(n int64, one, many Key) string {
		if n == 1 {
			return T(lang, one, n)
		}
		return T(lang, many, n)
	}
	var parts []string
	if h > 0 {
		parts = append(parts, unit(h, WaitHour, WaitHours))
	}
	if m > 0 {
		parts = append(parts, unit(m, WaitMinute, WaitMinutes))
	}
	if s > 0 {
		parts = append(parts, unit(s, WaitSecond, WaitSeconds))
	}
	return strings.Join(parts, " ")
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
	var fe *board.FileError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &fe):
		return fileError(lang, fe)
	case errors.As(err, &ve) && ve.Field == "file_name" && ve.Problem == board.ProblemReserved:
		return T(lang, ErrFileNameTaken)
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
		case board.ProblemReserved:
			if ve.Field == "name" {
				return T(lang, ErrReservedName)
			}
			return T(lang, ErrReserved, f)
		default:
			return T(lang, ErrFormat, f)
		}
	case errors.As(err, &be):
		if be.Reason != "" {
			return T(lang, ErrBannedReason, be.Reason)
		}
		return T(lang, ErrBanned)
	case errors.As(err, &re):
		return T(lang, ErrRateLimited, Wait(lang, re.RetryAfter))
	case errors.Is(err, board.ErrBanned):
		return T(lang, ErrBanned)
	case errors.Is(err, board.ErrRateLimited):
		return T(lang, ErrRateLimited, Wait(lang, 10*time.Minute))
	case errors.Is(err, board.ErrNoIdentity):
		return T(lang, ErrNoIdentity)
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

// Names of the board's enums in the catalogue, indexed by value.
var (
	roleKeys          = []Key{board.RoleGuest: RoleGuest, board.RoleStaff: RoleStaff, board.RoleEditor: RoleEditor, board.RoleAdmin: RoleAdmin}
	commentStatusKeys = []Key{board.CommentPending: CmdCommentPendingSt, board.CommentApproved: CmdCommentApproved, board.CommentRejected: CmdCommentRejected, board.CommentDeleted: CmdCommentDeleted}
	threadStatusKeys  = []Key{board.StatusDraft: CmdStatusDraft, board.StatusPublished: CmdStatusPublished, board.StatusHidden: CmdStatusHidden}
)

// enumText is keys[v] in lang, def's text for a value without a key.
func enumText[E ~uint8](lang Lang, keys []Key, v E, def Key) string {
	if int(v) < len(keys) {
		return T(lang, keys[v])
	}
	return T(lang, def)
}

// Role is a role's name in lang.
func Role(lang Lang, r board.Role) string { return enumText(lang, roleKeys, r, RoleGuest) }

// CommentStatus is a comment's moderation state in lang: the one set of words for the ssh
// commands and the TUI.
func CommentStatus(lang Lang, s board.CommentStatus) string {
	return enumText(lang, commentStatusKeys, s, CmdCommentPendingSt)
}

// ThreadStatus is a thread's publication state in lang, deleted before any status.
func ThreadStatus(lang Lang, t board.Thread) string {
	if t.Deleted {
		return T(lang, CmdStatusDeleted)
	}
	return enumText(lang, threadStatusKeys, t.Status, CmdStatusPublished)
}

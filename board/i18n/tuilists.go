package i18n

// Messages of the TUI's lists added for issue 19: deleted threads (admins), "Ý kiến của tôi"
// (any identified writer), and the audit log's kinds in words.
const (
	TUIKeyDeleted Key = "tui.key.deleted"
	TUIKeyMine    Key = "tui.key.mine"

	TWDelHeading    Key = "tui.w.deleted.heading"
	TWDelAt         Key = "tui.w.deleted.at"
	TWDelRestoreAsk Key = "tui.w.deleted.restore_ask"
	TWDelRestored   Key = "tui.w.deleted.restored"
	TWKeyRestore    Key = "tui.w.key.restore"

	TWMineHeading Key = "tui.w.mine.heading"
	TWMineOn      Key = "tui.w.mine.on"

	TWEdSize Key = "tui.w.editor.size"

	TWKeyOpenTarget Key = "tui.w.key.open_target"
	TWAuditNoTarget Key = "tui.w.audit.no_target"

	TWAuditKindCommentApprove  Key = "tui.w.audit.kind.comment.approve"
	TWAuditKindCommentReject   Key = "tui.w.audit.kind.comment.reject"
	TWAuditKindCommentDelete   Key = "tui.w.audit.kind.comment.delete"
	TWAuditKindCommentEdit     Key = "tui.w.audit.kind.comment.edit"
	TWAuditKindThreadCreate    Key = "tui.w.audit.kind.thread.create"
	TWAuditKindThreadEdit      Key = "tui.w.audit.kind.thread.edit"
	TWAuditKindThreadHide      Key = "tui.w.audit.kind.thread.hide"
	TWAuditKindThreadRestore   Key = "tui.w.audit.kind.thread.restore"
	TWAuditKindThreadDelete    Key = "tui.w.audit.kind.thread.delete"
	TWAuditKindThreadRevert    Key = "tui.w.audit.kind.thread.revert"
	TWAuditKindCategoryAdd     Key = "tui.w.audit.kind.category.add"
	TWAuditKindCategoryRename  Key = "tui.w.audit.kind.category.rename"
	TWAuditKindCategoryMove    Key = "tui.w.audit.kind.category.move"
	TWAuditKindCategoryRemove  Key = "tui.w.audit.kind.category.remove"
	TWAuditKindBanAdd          Key = "tui.w.audit.kind.ban.add"
	TWAuditKindBanRemove       Key = "tui.w.audit.kind.ban.remove"
	TWAuditKindAccountAdd      Key = "tui.w.audit.kind.account.add"
	TWAuditKindAccountRemove   Key = "tui.w.audit.kind.account.remove"
	TWAuditKindAccountRole     Key = "tui.w.audit.kind.account.role"
	TWAuditKindAccountRename   Key = "tui.w.audit.kind.account.rename"
	TWAuditKindAccountKeyAdd   Key = "tui.w.audit.kind.account.key.add"
	TWAuditKindAccountKeyDel   Key = "tui.w.audit.kind.account.key.remove"
	TWAuditKindAccountPassword Key = "tui.w.audit.kind.account.password"
	TWAuditKindSettings        Key = "tui.w.audit.kind.settings"
	TWAuditKindDenied          Key = "tui.w.audit.kind.denied"
	TWAuditKindAuthFailure     Key = "tui.w.audit.kind.auth.failure"

	TWAuditGroupComment  Key = "tui.w.audit.group.comment"
	TWAuditGroupThread   Key = "tui.w.audit.group.thread"
	TWAuditGroupCategory Key = "tui.w.audit.group.category"
	TWAuditGroupBan      Key = "tui.w.audit.group.ban"
	TWAuditGroupAccount  Key = "tui.w.audit.group.account"
	TWAuditGroupAuth     Key = "tui.w.audit.group.auth"
)

// auditKinds names the board's audit kinds (board.Audit* constants, and the filter groups that
// are their prefixes) for the TUI's audit page.
var auditKinds = map[string]Key{
	"comment.approve":    TWAuditKindCommentApprove,
	"comment.reject":     TWAuditKindCommentReject,
	"comment.delete":     TWAuditKindCommentDelete,
	"comment.edit":       TWAuditKindCommentEdit,
	"thread.create":      TWAuditKindThreadCreate,
	"thread.edit":        TWAuditKindThreadEdit,
	"thread.hide":        TWAuditKindThreadHide,
	"thread.restore":     TWAuditKindThreadRestore,
	"thread.delete":      TWAuditKindThreadDelete,
	"thread.revert":      TWAuditKindThreadRevert,
	"category.add":       TWAuditKindCategoryAdd,
	"category.rename":    TWAuditKindCategoryRename,
	"category.move":      TWAuditKindCategoryMove,
	"category.remove":    TWAuditKindCategoryRemove,
	"ban.add":            TWAuditKindBanAdd,
	"ban.remove":         TWAuditKindBanRemove,
	"account.add":        TWAuditKindAccountAdd,
	"account.remove":     TWAuditKindAccountRemove,
	"account.role":       TWAuditKindAccountRole,
	"account.rename":     TWAuditKindAccountRename,
	"account.key.add":    TWAuditKindAccountKeyAdd,
	"account.key.remove": TWAuditKindAccountKeyDel,
	"account.password":   TWAuditKindAccountPassword,
	"settings":           TWAuditKindSettings,
	"denied":             TWAuditKindDenied,
	"auth.failure":       TWAuditKindAuthFailure,
	"comment":            TWAuditGroupComment,
	"thread":             TWAuditGroupThread,
	"category":           TWAuditGroupCategory,
	"ban":                TWAuditGroupBan,
	"account":            TWAuditGroupAccount,
	"auth":               TWAuditGroupAuth,
}

// AuditKind says an audit kind in words ("thread.delete" → "Xoá bài"); a kind it does not
// know is returned as it is.
func AuditKind(lang Lang, kind string) string {
	if k, ok := auditKinds[kind]; ok {
		return T(lang, k)
	}
	return kind
}

func init() {
	register(map[Key]Msg{
		TUIKeyDeleted: {"tin đã xoá", "deleted news"},
		TUIKeyMine:    {"ý kiến của tôi", "my comments"},

		TWDelHeading:    {"Đã xoá (%d tin)", "Deleted news (%d)"},
		TWDelAt:         {"Lúc xoá %s", "Deleted %s"},
		TWDelRestoreAsk: {"Khôi phục tin “%s”?", "Restore “%s”?"},
		TWDelRestored:   {"Đã khôi phục tin “%s”.", "Restored “%s”."},
		TWKeyRestore:    {"khôi phục", "restore"},

		TWMineHeading: {"Ý kiến của tôi (%d)", "My comments (%d)"},
		TWMineOn:      {"về “%s”", "on “%s”"},

		TWEdSize: {"%d ký tự (đã dùng %d%%)", "%d characters (%d%% used)"},

		TWKeyOpenTarget: {"mở đối tượng", "open target"},
		TWAuditNoTarget: {"Mục này không có đối tượng để mở.", "This entry has nothing to open."},

		TWAuditKindCommentApprove:  {"Duyệt ý kiến", "Approve comment"},
		TWAuditKindCommentReject:   {"Từ chối ý kiến", "Reject comment"},
		TWAuditKindCommentDelete:   {"Xoá ý kiến", "Delete comment"},
		TWAuditKindCommentEdit:     {"Sửa ý kiến", "Edit comment"},
		TWAuditKindThreadCreate:    {"Đăng bài", "Post thread"},
		TWAuditKindThreadEdit:      {"Sửa bài", "Edit thread"},
		TWAuditKindThreadHide:      {"Ẩn bài", "Hide thread"},
		TWAuditKindThreadRestore:   {"Khôi phục bài", "Restore thread"},
		TWAuditKindThreadDelete:    {"Xoá bài", "Delete thread"},
		TWAuditKindThreadRevert:    {"Trả về bản cũ", "Revert thread"},
		TWAuditKindCategoryAdd:     {"Thêm chuyên mục", "Add category"},
		TWAuditKindCategoryRename:  {"Đổi tên chuyên mục", "Rename category"},
		TWAuditKindCategoryMove:    {"Xếp chuyên mục", "Move category"},
		TWAuditKindCategoryRemove:  {"Xoá chuyên mục", "Remove category"},
		TWAuditKindBanAdd:          {"Chặn", "Ban"},
		TWAuditKindBanRemove:       {"Bỏ chặn", "Lift ban"},
		TWAuditKindAccountAdd:      {"Thêm tài khoản", "Add account"},
		TWAuditKindAccountRemove:   {"Xoá tài khoản", "Remove account"},
		TWAuditKindAccountRole:     {"Đổi quyền", "Change role"},
		TWAuditKindAccountRename:   {"Đổi tên tài khoản", "Rename account"},
		TWAuditKindAccountKeyAdd:   {"Thêm khoá", "Add key"},
		TWAuditKindAccountKeyDel:   {"Gỡ khoá", "Remove key"},
		TWAuditKindAccountPassword: {"Đổi mật khẩu", "Set password"},
		TWAuditKindSettings:        {"Đổi cài đặt", "Change settings"},
		TWAuditKindDenied:          {"Bị từ chối quyền", "Denied"},
		TWAuditKindAuthFailure:     {"Đăng nhập hỏng", "Failed login"},
		TWAuditGroupComment:        {"ý kiến", "comments"},
		TWAuditGroupThread:         {"bài", "threads"},
		TWAuditGroupCategory:       {"chuyên mục", "categories"},
		TWAuditGroupBan:            {"chặn", "bans"},
		TWAuditGroupAccount:        {"tài khoản", "accounts"},
		TWAuditGroupAuth:           {"đăng nhập", "logins"},
	})
}

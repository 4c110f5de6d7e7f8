package i18n

// Messages of the ssh command interface (board/command).
const (
	CmdShortRoot            Key = "cmd.short.root"
	CmdShortHelp            Key = "cmd.short.help"
	CmdShortVersion         Key = "cmd.short.version"
	CmdShortWhoami          Key = "cmd.short.whoami"
	CmdShortStats           Key = "cmd.short.stats"
	CmdShortNews            Key = "cmd.short.news"
	CmdShortNewsList        Key = "cmd.short.news.list"
	CmdShortNewsShow        Key = "cmd.short.news.show"
	CmdShortNewsSearch      Key = "cmd.short.news.search"
	CmdShortNewsPost        Key = "cmd.short.news.post"
	CmdShortNewsEdit        Key = "cmd.short.news.edit"
	CmdShortNewsHide        Key = "cmd.short.news.hide"
	CmdShortNewsRestore     Key = "cmd.short.news.restore"
	CmdShortNewsDelete      Key = "cmd.short.news.delete"
	CmdShortComment         Key = "cmd.short.comment"
	CmdShortCommentPost     Key = "cmd.short.comment.post"
	CmdShortCommentApprove  Key = "cmd.short.comment.approve"
	CmdShortCommentReject   Key = "cmd.short.comment.reject"
	CmdShortCommentDelete   Key = "cmd.short.comment.delete"
	CmdShortComments        Key = "cmd.short.comments"
	CmdShortCommentsPending Key = "cmd.short.comments.pending"
	CmdShortBan             Key = "cmd.short.ban"
	CmdShortBanAdd          Key = "cmd.short.ban.add"
	CmdShortBanList         Key = "cmd.short.ban.list"
	CmdShortBanRemove       Key = "cmd.short.ban.remove"
	CmdShortUser            Key = "cmd.short.user"
	CmdShortUserAdd         Key = "cmd.short.user.add"
	CmdShortUserList        Key = "cmd.short.user.list"
	CmdShortUserRemove      Key = "cmd.short.user.remove"
	CmdShortUserRole        Key = "cmd.short.user.role"
	CmdShortUserRename      Key = "cmd.short.user.rename"
	CmdShortUserKey         Key = "cmd.short.user.key"
	CmdShortUserKeyAdd      Key = "cmd.short.user.key.add"
	CmdShortUserKeyRemove   Key = "cmd.short.user.key.remove"
	CmdShortUserPasswd      Key = "cmd.short.user.passwd"
	CmdShortAudit           Key = "cmd.short.audit"
	CmdShortBackup          Key = "cmd.short.backup"
	CmdShortAdmin           Key = "cmd.short.admin"
	CmdShortAdminClaim      Key = "cmd.short.admin.claim"

	CmdLongNewsPost    Key = "cmd.long.news.post"
	CmdLongNewsEdit    Key = "cmd.long.news.edit"
	CmdLongCommentPost Key = "cmd.long.comment.post"
	CmdLongBanAdd      Key = "cmd.long.ban.add"
	CmdLongUserAdd     Key = "cmd.long.user.add"
	CmdLongUserKeyAdd  Key = "cmd.long.user.key.add"
	CmdLongUserPasswd  Key = "cmd.long.user.passwd"
	CmdLongBackup      Key = "cmd.long.backup"
	CmdLongAdminClaim  Key = "cmd.long.admin.claim"

	CmdFlagJSON          Key = "cmd.flag.json"
	CmdFlagHelp          Key = "cmd.flag.help"
	CmdFlagCategory      Key = "cmd.flag.category"
	CmdFlagPage          Key = "cmd.flag.page"
	CmdFlagPerPage       Key = "cmd.flag.per_page"
	CmdFlagAll           Key = "cmd.flag.all"
	CmdFlagTitle         Key = "cmd.flag.title"
	CmdFlagSummary       Key = "cmd.flag.summary"
	CmdFlagPinned        Key = "cmd.flag.pinned"
	CmdFlagDraft         Key = "cmd.flag.draft"
	CmdFlagKeepBody      Key = "cmd.flag.keep_body"
	CmdFlagReason        Key = "cmd.flag.reason"
	CmdFlagName          Key = "cmd.flag.name"
	CmdFlagCommentTitle  Key = "cmd.flag.comment_title"
	CmdFlagLimit         Key = "cmd.flag.limit"
	CmdFlagBanKey        Key = "cmd.flag.ban_key"
	CmdFlagBanIP         Key = "cmd.flag.ban_ip"
	CmdFlagBanFor        Key = "cmd.flag.ban_for"
	CmdFlagRole          Key = "cmd.flag.role"
	CmdFlagDisplayName   Key = "cmd.flag.display_name"
	CmdFlagKey           Key = "cmd.flag.key"
	CmdFlagClearPassword Key = "cmd.flag.clear_password"
	CmdFlagKind          Key = "cmd.flag.kind"
	CmdFlagActor         Key = "cmd.flag.actor"

	CmdHelpUsage       Key = "cmd.help.usage"
	CmdHelpCommands    Key = "cmd.help.commands"
	CmdHelpFlags       Key = "cmd.help.flags"
	CmdHelpCommandWord Key = "cmd.help.command_word"
	CmdHelpMore        Key = "cmd.help.more"

	CmdUnknownCommand    Key = "cmd.err.unknown_command"
	CmdMissingSubcommand Key = "cmd.err.missing_subcommand"
	CmdBadArgs           Key = "cmd.err.bad_args"
	CmdUnknownFlag       Key = "cmd.err.unknown_flag"
	CmdFlagNeedsValue    Key = "cmd.err.flag_needs_value"
	CmdBadFlagValue      Key = "cmd.err.bad_flag_value"
	CmdBadFlags          Key = "cmd.err.bad_flags"
	CmdRequiredFlag      Key = "cmd.err.required_flag"
	CmdBadID             Key = "cmd.err.bad_id"
	CmdTooManyIDs        Key = "cmd.err.too_many_ids"
	CmdBadRole           Key = "cmd.err.bad_role"
	CmdBanKeyOrIP        Key = "cmd.err.ban_key_or_ip"
	CmdClaimNeedsKey     Key = "cmd.err.claim_needs_key"

	CmdLabelName        Key = "cmd.label.name"
	CmdLabelLogin       Key = "cmd.label.login"
	CmdLabelRole        Key = "cmd.label.role"
	CmdLabelFingerprint Key = "cmd.label.fingerprint"
	CmdLabelAddr        Key = "cmd.label.addr"
	CmdLabelOnline      Key = "cmd.label.online"
	CmdLabelToday       Key = "cmd.label.today"
	CmdLabelWeek        Key = "cmd.label.week"
	CmdLabelTotal       Key = "cmd.label.total"
	CmdLabelPublished   Key = "cmd.label.published"
	CmdLabelViews       Key = "cmd.label.views"
	CmdLabelComments    Key = "cmd.label.comments"
	CmdLabelStatus      Key = "cmd.label.status"
	CmdLabelAuthor      Key = "cmd.label.author"
	CmdLabelThread      Key = "cmd.label.thread"
	CmdLabelCreated     Key = "cmd.label.created"
	CmdLabelFrom        Key = "cmd.label.from"
	CmdLabelTarget      Key = "cmd.label.target"
	CmdLabelBy          Key = "cmd.label.by"
	CmdLabelExpires     Key = "cmd.label.expires"
	CmdLabelKeys        Key = "cmd.label.keys"
	CmdLabelKeyType     Key = "cmd.label.key_type"
	CmdLabelAt          Key = "cmd.label.at"
	CmdLabelActor       Key = "cmd.label.actor"
	CmdLabelKind        Key = "cmd.label.kind"

	CmdTimeLayout      Key = "cmd.time_layout"
	CmdPinned          Key = "cmd.pinned"
	CmdPageFooter      Key = "cmd.page_footer"
	CmdCommentsHeading Key = "cmd.comments_heading"
	CmdStatusDraft     Key = "cmd.status.draft"
	CmdStatusPublished Key = "cmd.status.published"
	CmdStatusHidden    Key = "cmd.status.hidden"
	CmdStatusDeleted   Key = "cmd.status.deleted"
	CmdNever           Key = "cmd.never"
	CmdYes             Key = "cmd.yes"
	CmdNo              Key = "cmd.no"

	CmdNoThreads Key = "cmd.empty.threads"
	CmdNoMatches Key = "cmd.empty.matches"
	CmdNoPending Key = "cmd.empty.pending"
	CmdNoBans    Key = "cmd.empty.bans"
	CmdNoAudit   Key = "cmd.empty.audit"

	CmdNewsPosted         Key = "cmd.done.news_posted"
	CmdNewsEdited         Key = "cmd.done.news_edited"
	CmdNewsHidden         Key = "cmd.done.news_hidden"
	CmdNewsRestored       Key = "cmd.done.news_restored"
	CmdNewsDeleted        Key = "cmd.done.news_deleted"
	CmdCommentApprovedNow Key = "cmd.done.comment_approved_now"
	CmdCommentPending     Key = "cmd.done.comment_pending"
	CmdCommentsApproved   Key = "cmd.done.comments_approved"
	CmdCommentsRejected   Key = "cmd.done.comments_rejected"
	CmdCommentsDeleted    Key = "cmd.done.comments_deleted"
	CmdBanAdded           Key = "cmd.done.ban_added"
	CmdBanRemoved         Key = "cmd.done.ban_removed"
	CmdUserAdded          Key = "cmd.done.user_added"
	CmdUserRemoved        Key = "cmd.done.user_removed"
	CmdUserChanged        Key = "cmd.done.user_changed"
	CmdClaimed            Key = "cmd.done.claimed"
)

func init() {
	register(map[Key]Msg{
		CmdShortRoot:            {"Bảng tin qua SSH: các lệnh cho người dùng, tập lệnh và quản trị.", "The bulletin board over SSH: commands for people, scripts and operators."},
		CmdShortHelp:            {"Hướng dẫn sử dụng một lệnh.", "Help about a command."},
		CmdShortVersion:         {"Phiên bản của bảng tin.", "The board's version."},
		CmdShortWhoami:          {"Bạn là ai: tên, vai trò, khoá SSH.", "Who you are: name, role, SSH key."},
		CmdShortStats:           {"Thống kê truy cập.", "Visitor statistics."},
		CmdShortNews:            {"Đọc, tìm và đăng tin.", "Read, search and post news."},
		CmdShortNewsList:        {"Danh sách tin (tin ghim trước, mới nhất trước).", "List news (pinned first, newest first)."},
		CmdShortNewsShow:        {"Xem một tin cùng các bình luận.", "Show a news thread with its comments."},
		CmdShortNewsSearch:      {"Tìm tin (không phân biệt hoa thường, có dấu hay không dấu).", "Search news (case- and accent-insensitive)."},
		CmdShortNewsPost:        {"Đăng tin mới (biên tập viên).", "Post a news thread (editors)."},
		CmdShortNewsEdit:        {"Sửa một tin (biên tập viên).", "Edit a news thread (editors)."},
		CmdShortNewsHide:        {"Ẩn một tin (biên tập viên).", "Hide a news thread (editors)."},
		CmdShortNewsRestore:     {"Hiện lại một tin đã ẩn hoặc đã xoá (biên tập viên).", "Restore a hidden or deleted thread (editors)."},
		CmdShortNewsDelete:      {"Xoá một tin (biên tập viên; quản trị viên có thể khôi phục).", "Delete a news thread (editors; an admin can restore it)."},
		CmdShortComment:         {"Gửi và kiểm duyệt bình luận.", "Post and moderate comments."},
		CmdShortCommentPost:     {"Gửi bình luận cho một tin.", "Post a comment on a thread."},
		CmdShortCommentApprove:  {"Duyệt bình luận (kiểm duyệt viên).", "Approve comments (moderators)."},
		CmdShortCommentReject:   {"Từ chối bình luận (kiểm duyệt viên).", "Reject comments (moderators)."},
		CmdShortCommentDelete:   {"Xoá bình luận (kiểm duyệt viên).", "Delete comments (moderators)."},
		CmdShortComments:        {"Hàng đợi kiểm duyệt.", "The moderation queue."},
		CmdShortCommentsPending: {"Bình luận đang chờ duyệt, cũ nhất trước.", "Comments waiting for a moderator, oldest first."},
		CmdShortBan:             {"Chặn khoá SSH hoặc địa chỉ IP (quản trị viên).", "Ban SSH keys or IP addresses (admins)."},
		CmdShortBanAdd:          {"Chặn một khoá hoặc một địa chỉ/dải IP.", "Ban a key or an address or range."},
		CmdShortBanList:         {"Danh sách lệnh chặn.", "List bans."},
		CmdShortBanRemove:       {"Bỏ một lệnh chặn.", "Remove a ban."},
		CmdShortUser:            {"Quản lý tài khoản (quản trị viên).", "Manage accounts (admins)."},
		CmdShortUserAdd:         {"Thêm tài khoản.", "Add an account."},
		CmdShortUserList:        {"Danh sách tài khoản.", "List accounts."},
		CmdShortUserRemove:      {"Xoá tài khoản.", "Remove an account."},
		CmdShortUserRole:        {"Đổi vai trò của tài khoản.", "Change an account's role."},
		CmdShortUserRename:      {"Đổi tên hiển thị của tài khoản.", "Change an account's display name."},
		CmdShortUserKey:         {"Thêm hoặc bỏ khoá SSH của tài khoản.", "Add or remove an account's SSH keys."},
		CmdShortUserKeyAdd:      {"Thêm khoá SSH cho tài khoản.", "Add an SSH key to an account."},
		CmdShortUserKeyRemove:   {"Bỏ khoá SSH khỏi tài khoản.", "Remove an SSH key from an account."},
		CmdShortUserPasswd:      {"Đặt hoặc xoá mật khẩu của tài khoản.", "Set or clear an account's password."},
		CmdShortAudit:           {"Nhật ký thao tác, mới nhất trước (quản trị viên).", "The audit log, newest first (admins)."},
		CmdShortBackup:          {"Sao lưu cơ sở dữ liệu ra đầu ra chuẩn (quản trị viên).", "Back up the database to standard output (admins)."},
		CmdShortAdmin:           {"Nhận quyền quản trị.", "Claim the admin role."},
		CmdShortAdminClaim:      {"Trở thành quản trị viên đầu tiên bằng mã in trên màn hình máy chủ.", "Become the first admin with the code printed on the server console."},

		CmdLongNewsPost:    {"Nội dung (Markdown) đọc từ đầu vào chuẩn, ví dụ: ssh -p 2222 máy-chủ news post --title \"Thông báo\" < bai.md", "The Markdown body is read from standard input, e.g.: ssh -p 2222 host news post --title \"Notice\" < post.md"},
		CmdLongNewsEdit:    {"Chỉ các tuỳ chọn được nêu mới thay đổi. Nội dung mới đọc từ đầu vào chuẩn; đầu vào trống giữ nội dung cũ; --keep-body không đọc đầu vào.", "Only the flags given change. A new body is read from standard input; empty input keeps the old body; --keep-body does not read it."},
		CmdLongCommentPost: {"Nội dung đọc từ đầu vào chuẩn. Bình luận của khách chờ kiểm duyệt trước khi hiện.", "The text is read from standard input. Guests' comments wait for a moderator before they show."},
		CmdLongBanAdd:      {"Ví dụ: ban add --ip 203.0.113.0/24 --for 7d --reason \"spam\". Thời hạn: 30m, 12h, 7d; bỏ trống là vĩnh viễn.", "E.g.: ban add --ip 203.0.113.0/24 --for 7d --reason \"spam\". Durations: 30m, 12h, 7d; none is forever."},
		CmdLongUserAdd:     {"Dòng khoá có dấu cách: đặt cả lệnh trong ngoặc, ví dụ ssh máy-chủ \"user add lan --role staff --key 'ssh-ed25519 AAAA... lan@may'\"; --key - đọc các dòng khoá từ đầu vào chuẩn.", "A key line has spaces: quote the whole command, e.g. ssh host \"user add lan --role staff --key 'ssh-ed25519 AAAA... lan@pc'\"; --key - reads key lines from standard input."},
		CmdLongUserKeyAdd:  {"Dòng khoá lấy từ tham số, hoặc từ đầu vào chuẩn khi là - hay bị bỏ trống.", "The key line comes from the arguments, or from standard input when it is - or missing."},
		CmdLongUserPasswd:  {"Mật khẩu đọc từ đầu vào chuẩn (một dòng), không bao giờ từ tham số. --clear xoá mật khẩu.", "The password is read from standard input (one line), never from an argument. --clear removes the password."},
		CmdLongBackup:      {"Ví dụ: ssh -p 2222 máy-chủ backup > bangtin.db. Bảng tin vẫn phục vụ trong lúc sao lưu. Khôi phục: bangtin restore --data THƯ-MỤC bangtin.db. Bảng tin dùng PostgreSQL thì ghi tệp xuất (JSON Lines): khôi phục bằng bangtin copy --from TỆP --to THƯ-MỤC", "E.g.: ssh -p 2222 host backup > bangtin.db. The board keeps serving while it runs. Restore with: bangtin restore --data DIR bangtin.db. A PostgreSQL board writes an export file (JSON Lines): restore it with bangtin copy --from FILE --to DIR"},
		CmdLongAdminClaim:  {"Cần đăng nhập bằng khoá SSH: khoá đó trở thành tài khoản quản trị. Mã chỉ dùng được một lần.", "You must log in with an SSH key: that key becomes an admin account. The code works once."},

		CmdFlagJSON:          {"in kết quả dạng JSON", "print the result as JSON"},
		CmdFlagHelp:          {"hướng dẫn cho lệnh này", "help for this command"},
		CmdFlagCategory:      {"chuyên mục (mã rút gọn, ví dụ tin-tuc)", "category (its slug, e.g. tin-tuc)"},
		CmdFlagPage:          {"số trang, từ 1", "page number, from 1"},
		CmdFlagPerPage:       {"số tin mỗi trang (tối đa 100)", "threads per page (at most 100)"},
		CmdFlagAll:           {"gồm cả tin nháp và tin ẩn (biên tập viên)", "include drafts and hidden threads (editors)"},
		CmdFlagTitle:         {"tiêu đề", "title"},
		CmdFlagSummary:       {"tóm tắt", "summary"},
		CmdFlagPinned:        {"ghim lên đầu", "pin to the top"},
		CmdFlagDraft:         {"lưu nháp, chưa đăng", "save as a draft, unpublished"},
		CmdFlagKeepBody:      {"giữ nội dung cũ, không đọc đầu vào chuẩn", "keep the old body, do not read standard input"},
		CmdFlagReason:        {"lý do (ghi vào nhật ký)", "reason (kept in the audit log)"},
		CmdFlagName:          {"họ tên người gửi", "your full name"},
		CmdFlagCommentTitle:  {"tiêu đề bình luận", "comment title"},
		CmdFlagLimit:         {"số dòng tối đa", "at most this many rows"},
		CmdFlagBanKey:        {"vân tay khoá SSH (SHA256:...)", "SSH key fingerprint (SHA256:...)"},
		CmdFlagBanIP:         {"địa chỉ IP hoặc dải CIDR", "IP address or CIDR range"},
		CmdFlagBanFor:        {"thời hạn (30m, 12h, 7d); bỏ trống là vĩnh viễn", "duration (30m, 12h, 7d); none is forever"},
		CmdFlagRole:          {"vai trò: admin, editor hoặc staff", "role: admin, editor or staff"},
		CmdFlagDisplayName:   {"tên hiển thị", "display name"},
		CmdFlagKey:           {"dòng khoá authorized_keys (lặp lại được; - đọc từ đầu vào chuẩn)", "authorized_keys line (repeatable; - reads standard input)"},
		CmdFlagClearPassword: {"xoá mật khẩu", "remove the password"},
		CmdFlagKind:          {"loại thao tác (tiền tố, ví dụ comment)", "kind of action (a prefix, e.g. comment)"},
		CmdFlagActor:         {"người thực hiện", "who did it"},

		CmdHelpUsage:       {"Cách dùng:", "Usage:"},
		CmdHelpCommands:    {"Các lệnh:", "Commands:"},
		CmdHelpFlags:       {"Tuỳ chọn:", "Flags:"},
		CmdHelpCommandWord: {"LỆNH", "COMMAND"},
		CmdHelpMore:        {"Xem hướng dẫn của từng lệnh: %s LỆNH --help", "Help about each command: %s COMMAND --help"},

		CmdUnknownCommand:    {"Không có lệnh “%s”. Xem: %s help", "No such command: “%s”. See: %s help"},
		CmdMissingSubcommand: {"Thiếu lệnh con cho “%s”. Xem: %s --help", "“%s” needs a subcommand. See: %s --help"},
		CmdBadArgs:           {"Sai số tham số cho “%s”. Xem: %s --help", "Wrong number of arguments for “%s”. See: %s --help"},
		CmdUnknownFlag:       {"Không có tuỳ chọn “%s”. Xem: %s --help", "No such flag: “%s”. See: %s --help"},
		CmdFlagNeedsValue:    {"Tuỳ chọn “%s” cần một giá trị. Xem: %s --help", "The flag “%s” needs a value. See: %s --help"},
		CmdBadFlagValue:      {"Giá trị “%s” không hợp lệ cho --%s.", "“%s” is not a valid value for --%s."},
		CmdBadFlags:          {"Tuỳ chọn không hợp lệ. Xem: %s --help", "Invalid flags. See: %s --help"},
		CmdRequiredFlag:      {"Thiếu tuỳ chọn bắt buộc %s. Xem: %s --help", "The flag %s is required. See: %s --help"},
		CmdBadID:             {"“%s” không phải là một mã số hợp lệ.", "“%s” is not a valid id."},
		CmdTooManyIDs:        {"Tối đa %d mã số mỗi lần.", "At most %d ids at a time."},
		CmdBadRole:           {"Vai trò “%s” không hợp lệ (admin, editor hoặc staff). Xem: %s --help", "“%s” is not a valid role (admin, editor or staff). See: %s --help"},
		CmdBanKeyOrIP:        {"Cần đúng một trong hai: --key hoặc --ip. Xem: %s --help", "Give exactly one of --key and --ip. See: %s --help"},
		CmdClaimNeedsKey:     {"Cần đăng nhập bằng khoá SSH để nhận quyền quản trị.", "You must log in with an SSH key to claim the admin role."},

		CmdLabelName:        {"Tên", "Name"},
		CmdLabelLogin:       {"Tài khoản", "Login"},
		CmdLabelRole:        {"Vai trò", "Role"},
		CmdLabelFingerprint: {"Khoá SSH", "SSH key"},
		CmdLabelAddr:        {"Địa chỉ", "Address"},
		CmdLabelOnline:      {"Đang online", "Online"},
		CmdLabelToday:       {"Hôm nay", "Today"},
		CmdLabelWeek:        {"Tuần này", "This week"},
		CmdLabelTotal:       {"Tổng lượt truy cập", "Total visits"},
		CmdLabelPublished:   {"Ngày đăng", "Published"},
		CmdLabelViews:       {"Lượt xem", "Views"},
		CmdLabelComments:    {"Bình luận", "Comments"},
		CmdLabelStatus:      {"Trạng thái", "Status"},
		CmdLabelAuthor:      {"Người đăng", "Author"},
		CmdLabelThread:      {"Tin", "Thread"},
		CmdLabelCreated:     {"Thời gian", "Created"},
		CmdLabelFrom:        {"Nguồn", "From"},
		CmdLabelTarget:      {"Đối tượng", "Target"},
		CmdLabelBy:          {"Người thực hiện", "By"},
		CmdLabelExpires:     {"Hết hạn", "Expires"},
		CmdLabelKeys:        {"Số khoá", "Keys"},
		CmdLabelKeyType:     {"Loại khoá", "Key type"},
		CmdLabelAt:          {"Lúc", "At"},
		CmdLabelActor:       {"Người thực hiện", "Actor"},
		CmdLabelKind:        {"Thao tác", "Action"},

		CmdTimeLayout:      {"02/01/2006 15:04", "2006-01-02 15:04"},
		CmdPinned:          {"Ghim", "Pinned"},
		CmdPageFooter:      {"Trang %d/%d · %d tin", "Page %d of %d · %d threads"},
		CmdCommentsHeading: {"── Bình luận (%d) ──", "── Comments (%d) ──"},
		CmdStatusDraft:     {"bản nháp", "draft"},
		CmdStatusPublished: {"đã đăng", "published"},
		CmdStatusHidden:    {"đã ẩn", "hidden"},
		CmdStatusDeleted:   {"đã xoá", "deleted"},
		CmdNever:           {"không bao giờ", "never"},
		CmdYes:             {"có", "yes"},
		CmdNo:              {"không", "no"},

		CmdNoThreads: {"Chưa có tin nào.", "No news yet."},
		CmdNoMatches: {"Không tìm thấy tin nào.", "No news matches."},
		CmdNoPending: {"Không có bình luận nào chờ duyệt.", "No comments are waiting."},
		CmdNoBans:    {"Chưa có lệnh chặn nào.", "No bans."},
		CmdNoAudit:   {"Nhật ký trống.", "The audit log is empty."},

		CmdNewsPosted:         {"Đã đăng tin #%d.", "Posted thread #%d."},
		CmdNewsEdited:         {"Đã sửa tin #%d.", "Edited thread #%d."},
		CmdNewsHidden:         {"Đã ẩn tin #%d.", "Hid thread #%d."},
		CmdNewsRestored:       {"Đã khôi phục tin #%d.", "Restored thread #%d."},
		CmdNewsDeleted:        {"Đã xoá tin #%d.", "Deleted thread #%d."},
		CmdCommentApprovedNow: {"Đã gửi bình luận #%d.", "Posted comment #%d."},
		CmdCommentPending:     {"Đã gửi bình luận #%d; bình luận sẽ hiện sau khi được duyệt.", "Sent comment #%d; it will show once a moderator approves it."},
		CmdCommentsApproved:   {"Đã duyệt: %s.", "Approved: %s."},
		CmdCommentsRejected:   {"Đã từ chối: %s.", "Rejected: %s."},
		CmdCommentsDeleted:    {"Đã xoá: %s.", "Deleted: %s."},
		CmdBanAdded:           {"Đã thêm lệnh chặn #%d.", "Added ban #%d."},
		CmdBanRemoved:         {"Đã bỏ lệnh chặn #%d.", "Removed ban #%d."},
		CmdUserAdded:          {"Đã thêm tài khoản %s (%s).", "Added account %s (%s)."},
		CmdUserRemoved:        {"Đã xoá tài khoản %s.", "Removed account %s."},
		CmdUserChanged:        {"Đã cập nhật tài khoản %s.", "Updated account %s."},
		CmdClaimed:            {"Bạn đã là quản trị viên. Mã nhận quyền không còn dùng được nữa.", "You are now an admin. The claim code no longer works."},
	})
}

// Commands of this round: comments mine, news list --deleted and --month, settings, category.
const (
	CmdShortCommentsMine   Key = "cmd.short.comments.mine"
	CmdLongCommentsMine    Key = "cmd.long.comments.mine"
	CmdShortSettings       Key = "cmd.short.settings"
	CmdShortSettingsShow   Key = "cmd.short.settings.show"
	CmdShortSettingsSet    Key = "cmd.short.settings.set"
	CmdLongSettingsSet     Key = "cmd.long.settings.set"
	CmdShortCategory       Key = "cmd.short.category"
	CmdShortCategoryList   Key = "cmd.short.category.list"
	CmdShortCategoryAdd    Key = "cmd.short.category.add"
	CmdShortCategoryRename Key = "cmd.short.category.rename"
	CmdLongCategoryRename  Key = "cmd.long.category.rename"
	CmdShortCategoryMove   Key = "cmd.short.category.move"
	CmdShortCategoryRemove Key = "cmd.short.category.remove"
	CmdLongCategoryRemove  Key = "cmd.long.category.remove"

	CmdFlagDeleted    Key = "cmd.flag.deleted"
	CmdFlagMonth      Key = "cmd.flag.month"
	CmdFlagModeration Key = "cmd.flag.moderation"
	CmdFlagCaptcha    Key = "cmd.flag.captcha"
	CmdFlagWords      Key = "cmd.flag.words"
	CmdFlagSlug       Key = "cmd.flag.slug"
	CmdFlagMineLimit  Key = "cmd.flag.mine_limit"

	CmdDeletedAlone    Key = "cmd.err.deleted_alone"
	CmdSettingsNoFlags Key = "cmd.err.settings_no_flags"
	CmdBadDirection    Key = "cmd.err.bad_direction"
	CmdNoSuchCategory  Key = "cmd.err.no_such_category"

	CmdLabelHeldFor    Key = "cmd.label.held_for"
	CmdLabelDecided    Key = "cmd.label.decided"
	CmdLabelSlug       Key = "cmd.label.slug"
	CmdLabelPosition   Key = "cmd.label.position"
	CmdLabelThreads    Key = "cmd.label.threads"
	CmdLabelModeration Key = "cmd.label.moderation"
	CmdLabelCaptcha    Key = "cmd.label.captcha"
	CmdLabelWords      Key = "cmd.label.words"
	CmdLabelDeletedAt  Key = "cmd.label.deleted_at"

	CmdModGuests        Key = "cmd.moderation.guests"
	CmdModEveryone      Key = "cmd.moderation.everyone"
	CmdModNone          Key = "cmd.moderation.none"
	CmdOn               Key = "cmd.on"
	CmdOff              Key = "cmd.off"
	CmdCommentPendingSt Key = "cmd.comment_status.pending"
	CmdCommentApproved  Key = "cmd.comment_status.approved"
	CmdCommentRejected  Key = "cmd.comment_status.rejected"
	CmdCommentDeleted   Key = "cmd.comment_status.deleted"

	CmdNoMine       Key = "cmd.empty.mine"
	CmdNoDeleted    Key = "cmd.empty.deleted"
	CmdNoWords      Key = "cmd.empty.words"
	CmdNoCategories Key = "cmd.empty.categories"

	CmdSettingsSaved   Key = "cmd.done.settings_saved"
	CmdCategoryAdded   Key = "cmd.done.category_added"
	CmdCategoryRenamed Key = "cmd.done.category_renamed"
	CmdCategoryMoved   Key = "cmd.done.category_moved"
	CmdCategoryAtEdge  Key = "cmd.done.category_at_edge"
	CmdCategoryRemoved Key = "cmd.done.category_removed"
)

func init() {
	register(map[Key]Msg{
		CmdShortCommentsMine:   {"Các bình luận bạn đã gửi và kết quả kiểm duyệt, mới nhất trước.", "The comments you sent and what became of them, newest first."},
		CmdLongCommentsMine:    {"Bảng tin nhận ra bạn qua tài khoản hoặc khoá SSH; khách không có khoá không dùng được lệnh này. Bình luận bị từ chối kèm lý do của người kiểm duyệt.", "The board knows you by your account or your SSH key; guests without a key cannot use this. Rejected comments come with the moderator's reason."},
		CmdShortSettings:       {"Cài đặt bảng tin (quản trị viên).", "Board settings (admins)."},
		CmdShortSettingsShow:   {"Xem cài đặt: chế độ kiểm duyệt, mã kiểm tra, danh sách từ cần duyệt.", "Show the settings: moderation mode, check code, word list."},
		CmdShortSettingsSet:    {"Đổi cài đặt; chỉ các tuỳ chọn được nêu mới thay đổi.", "Change settings; only the flags given change."},
		CmdLongSettingsSet:     {"Ví dụ: settings set --moderation everyone --captcha off --words \"vay tiền, cờ bạc, cá độ\". Các từ cách nhau bằng dấu phẩy hoặc xuống dòng, giữ nguyên dấu; --words \"\" xoá danh sách; --words - đọc danh sách từ đầu vào chuẩn.", "E.g.: settings set --moderation everyone --captcha off --words \"vay tiền, cờ bạc, cá độ\". Words are separated by commas or newlines and keep their accents; --words \"\" empties the list; --words - reads it from standard input."},
		CmdShortCategory:       {"Chuyên mục: xem, thêm, đổi tên, sắp xếp, xoá.", "Categories: list, add, rename, reorder, remove."},
		CmdShortCategoryList:   {"Danh sách chuyên mục theo thứ tự.", "List categories in their order."},
		CmdShortCategoryAdd:    {"Thêm chuyên mục (biên tập viên).", "Add a category (editors)."},
		CmdShortCategoryRename: {"Đổi tên chuyên mục (biên tập viên).", "Rename a category (editors)."},
		CmdLongCategoryRename:  {"Mã rút gọn (slug) giữ nguyên, trừ khi có --slug. Ví dụ: category rename tin-tuc \"Tin tức - Sự kiện\"", "The slug stays the same unless --slug is given. E.g.: category rename tin-tuc \"News and events\""},
		CmdShortCategoryMove:   {"Đưa chuyên mục lên hoặc xuống một bậc (biên tập viên).", "Move a category up or down one place (editors)."},
		CmdShortCategoryRemove: {"Xoá chuyên mục trống (biên tập viên).", "Remove an empty category (editors)."},
		CmdLongCategoryRemove:  {"Chuyên mục còn tin (kể cả tin đã xoá) không xoá được: hãy chuyển các tin sang chuyên mục khác trước.", "A category that still holds threads (deleted ones too) cannot be removed: move its threads to another category first."},

		CmdFlagDeleted:    {"chỉ các tin đã xoá, để khôi phục (quản trị viên)", "only deleted threads, to restore them (admins)"},
		CmdFlagMonth:      {"chỉ các tin của một tháng, dạng NĂM-THÁNG, ví dụ 2026-10", "only the threads of one month, as YEAR-MONTH, e.g. 2026-10"},
		CmdFlagModeration: {"ý kiến của ai phải chờ duyệt: everyone (mọi người), guests (chỉ khách) hoặc none (không ai)", "whose comments wait for a moderator: everyone, guests or none"},
		CmdFlagCaptcha:    {"mã kiểm tra cho khách trên mẫu gửi ý kiến: on hoặc off", "the check code for guests on the comment form: on or off"},
		CmdFlagWords:      {"danh sách từ cần duyệt, cách nhau bằng dấu phẩy (- đọc từ đầu vào chuẩn)", "the word list, separated by commas (- reads standard input)"},
		CmdFlagSlug:       {"mã rút gọn mới (chữ thường không dấu, số và dấu -)", "a new slug (lowercase ASCII letters, digits and -)"},
		CmdFlagMineLimit:  {"số bình luận tối đa", "at most this many comments"},

		CmdDeletedAlone:    {"--deleted không dùng cùng --category, --month hay --all. Xem: %s --help", "--deleted cannot be combined with --category, --month or --all. See: %s --help"},
		CmdSettingsNoFlags: {"Hãy nêu ít nhất một cài đặt: --moderation, --captcha hoặc --words. Xem: %s --help", "Give at least one setting: --moderation, --captcha or --words. See: %s --help"},
		CmdBadDirection:    {"Hướng “%s” không hợp lệ: up (lên) hoặc down (xuống). Xem: %s --help", "“%s” is not a direction: up or down. See: %s --help"},
		CmdNoSuchCategory:  {"Không có chuyên mục “%s”. Xem: category list", "No category “%s”. See: category list"},

		CmdLabelHeldFor:    {"Từ cần duyệt", "Held for"},
		CmdLabelDecided:    {"Lúc duyệt", "Decided"},
		CmdLabelSlug:       {"Mã rút gọn", "Slug"},
		CmdLabelPosition:   {"Thứ tự", "Position"},
		CmdLabelThreads:    {"Số tin", "Threads"},
		CmdLabelModeration: {"Kiểm duyệt", "Moderation"},
		CmdLabelCaptcha:    {"Mã kiểm tra", "Check code"},
		CmdLabelWords:      {"Từ cần duyệt", "Word list"},
		CmdLabelDeletedAt:  {"Lúc xoá", "Deleted"},

		CmdModGuests:        {"chỉ khách phải chờ duyệt", "guests wait for a moderator"},
		CmdModEveryone:      {"mọi người phải chờ duyệt", "everyone waits for a moderator"},
		CmdModNone:          {"không ai phải chờ duyệt (trừ khi có từ cần duyệt)", "no one waits (unless a listed word matches)"},
		CmdOn:               {"bật", "on"},
		CmdOff:              {"tắt", "off"},
		CmdCommentPendingSt: {"chờ duyệt", "pending"},
		CmdCommentApproved:  {"đã duyệt", "approved"},
		CmdCommentRejected:  {"bị từ chối", "rejected"},
		CmdCommentDeleted:   {"đã xoá", "deleted"},

		CmdNoMine:       {"Bạn chưa gửi bình luận nào.", "You have not sent any comments."},
		CmdNoDeleted:    {"Không có tin nào đã xoá.", "No deleted threads."},
		CmdNoWords:      {"(trống)", "(none)"},
		CmdNoCategories: {"Chưa có chuyên mục nào.", "No categories."},

		CmdSettingsSaved:   {"Đã lưu cài đặt.", "Settings saved."},
		CmdCategoryAdded:   {"Đã thêm chuyên mục “%s” (%s).", "Added the category “%s” (%s)."},
		CmdCategoryRenamed: {"Đã đổi chuyên mục thành “%s” (%s).", "The category is now “%s” (%s)."},
		CmdCategoryMoved:   {"Đã chuyển chuyên mục %s đến vị trí %d.", "Moved the category %s to position %d."},
		CmdCategoryAtEdge:  {"Chuyên mục %s đã ở vị trí %d; không có gì thay đổi.", "The category %s is already at position %d; nothing changed."},
		CmdCategoryRemoved: {"Đã xoá chuyên mục %s.", "Removed the category %s."},
	})
}

package i18n

// Messages shared by every interface.
const (
	BoardDefaultName Key = "board.default_name"
	Guest            Key = "identity.guest"
	RoleGuest        Key = "role.guest"
	RoleStaff        Key = "role.staff"
	RoleEditor       Key = "role.editor"
	RoleAdmin        Key = "role.admin"

	ErrNotFound     Key = "err.not_found"
	ErrForbidden    Key = "err.forbidden"
	ErrBanned       Key = "err.banned"
	ErrBannedReason Key = "err.banned_reason"
	ErrRateLimited  Key = "err.rate_limited"
	ErrExists       Key = "err.exists"
	ErrNotEmpty     Key = "err.not_empty"
	ErrLastAdmin    Key = "err.last_admin"
	ErrStorage      Key = "err.storage"
	ErrUnavailable  Key = "err.unavailable"
	ErrInternal     Key = "err.internal"
	ErrRequired     Key = "err.required"
	ErrTooLong      Key = "err.too_long"
	ErrTooShort     Key = "err.too_short"
	ErrEncoding     Key = "err.encoding"
	ErrFormat       Key = "err.format"
	ErrUnknown      Key = "err.unknown"

	FieldName     Key = "field.name"
	FieldTitle    Key = "field.title"
	FieldBody     Key = "field.body"
	FieldSummary  Key = "field.summary"
	FieldCategory Key = "field.category"
	FieldLogin    Key = "field.login"
	FieldRole     Key = "field.role"
	FieldQuery    Key = "field.query"
	FieldReason   Key = "field.reason"
	FieldAddr     Key = "field.addr"
	FieldKey      Key = "field.key"
	FieldPassword Key = "field.password"
	FieldCaptcha  Key = "field.captcha"
	FieldCursor   Key = "field.cursor"
	FieldWords    Key = "field.words"
	FieldFor      Key = "field.for"
	FieldStatus   Key = "field.status"
	FieldModerate Key = "field.moderation"

	TooManySessions      Key = "limit.too_many_sessions"
	TooManySessionsForIP Key = "limit.too_many_sessions_ip"
	IdleTimeout          Key = "limit.idle_timeout"
	Restarting           Key = "server.restarting"
	Apology              Key = "server.apology"
	WindowTooSmall       Key = "tui.window_too_small"
)

func init() {
	register(map[Key]Msg{
		BoardDefaultName: {"Bảng tin", "Bulletin board"},
		Guest:            {"Khách", "Guest"},
		RoleGuest:        {"khách", "guest"},
		RoleStaff:        {"cán bộ", "staff"},
		RoleEditor:       {"biên tập viên", "editor"},
		RoleAdmin:        {"quản trị viên", "admin"},

		ErrNotFound:     {"Không tìm thấy.", "Not found."},
		ErrForbidden:    {"Bạn không có quyền làm việc này.", "You are not allowed to do this."},
		ErrBanned:       {"Bạn đã bị chặn gửi bài.", "You are banned from posting."},
		ErrBannedReason: {"Bạn đã bị chặn gửi bài. Lý do: %s", "You are banned from posting. Reason: %s"},
		ErrRateLimited:  {"Bạn gửi quá nhiều. Vui lòng thử lại sau %s.", "Too many posts. Please try again in %s."},
		ErrExists:       {"Đã tồn tại.", "Already exists."},
		ErrNotEmpty:     {"Chuyên mục còn bài viết, không thể xoá.", "The category still has threads and cannot be removed."},
		ErrLastAdmin:    {"Không thể xoá hoặc hạ quyền quản trị viên cuối cùng.", "The last admin cannot be removed or demoted."},
		ErrStorage:      {"Không lưu được thay đổi (lỗi lưu trữ). Nội dung của bạn vẫn còn, hãy thử lại sau.", "The change could not be stored (storage error). Your text is kept; please try again later."},
		ErrUnavailable:  {"Bảng tin tạm thời không truy cập được. Nội dung của bạn vẫn còn, hãy thử lại sau ít phút.", "The board is temporarily unavailable. Your text is kept; please try again in a few minutes."},
		ErrInternal:     {"Đã có lỗi xảy ra. Xin lỗi bạn, hãy thử lại.", "Something went wrong. Sorry, please try again."},
		ErrRequired:     {"%s: không được để trống.", "%s: required."},
		ErrTooLong:      {"%s: quá dài (tối đa %d ký tự).", "%s: too long (at most %d characters)."},
		ErrTooShort:     {"%s: quá ngắn (tối thiểu %d ký tự).", "%s: too short (at least %d characters)."},
		ErrEncoding:     {"%s: có ký tự không hợp lệ.", "%s: contains invalid characters."},
		ErrFormat:       {"%s: không đúng định dạng.", "%s: not in the expected form."},
		ErrUnknown:      {"%s: không tồn tại.", "%s: does not exist."},

		FieldName:     {"Họ tên", "Full name"},
		FieldTitle:    {"Tiêu đề", "Title"},
		FieldBody:     {"Nội dung", "Content"},
		FieldSummary:  {"Tóm tắt", "Summary"},
		FieldCategory: {"Chuyên mục", "Category"},
		FieldLogin:    {"Tên đăng nhập", "Login"},
		FieldRole:     {"Vai trò", "Role"},
		FieldQuery:    {"Từ khoá", "Query"},
		FieldReason:   {"Lý do", "Reason"},
		FieldAddr:     {"Địa chỉ IP", "IP address"},
		FieldKey:      {"Khoá SSH", "SSH key"},
		FieldPassword: {"Mật khẩu", "Password"},
		FieldCaptcha:  {"Mã kiểm tra", "Check code"},
		FieldCursor:   {"Vị trí trang", "Page cursor"},
		FieldWords:    {"Danh sách từ cần duyệt", "Word list"},
		FieldFor:      {"Thời hạn", "Duration"},
		FieldStatus:   {"Trạng thái", "Status"},
		FieldModerate: {"Chế độ kiểm duyệt", "Moderation mode"},

		TooManySessions:      {"Bảng tin đang quá tải, vui lòng thử lại sau ít phút.", "The board is busy; please try again in a few minutes."},
		TooManySessionsForIP: {"Có quá nhiều phiên từ địa chỉ của bạn. Hãy đóng bớt rồi thử lại.", "Too many sessions from your address. Close some and try again."},
		IdleTimeout:          {"Phiên đã đóng vì không có thao tác.", "Session closed after being idle."},
		Restarting:           {"Bảng tin đang khởi động lại, vui lòng kết nối lại sau ít giây.", "The board is restarting; please reconnect in a few seconds."},
		Apology:              {"Xin lỗi, đã có lỗi và phiên này phải đóng. Vui lòng kết nối lại.", "Sorry, something went wrong and this session has to close. Please reconnect."},
		WindowTooSmall:       {"Cửa sổ quá nhỏ (%d×%d). Vui lòng mở rộng tối thiểu %d×%d.", "The window is too small (%d×%d). Please enlarge it to at least %d×%d."},
	})
}

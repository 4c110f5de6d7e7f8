package i18n

// Messages of `bangtin copy` (cmd/bangtin) and the export format (board/export).
const (
	CopyShort         Key = "copy.short"
	CopyLong          Key = "copy.long"
	CopyFlagFrom      Key = "copy.flag.from"
	CopyFlagTo        Key = "copy.flag.to"
	CopyFlagForce     Key = "copy.flag.force"
	CopyFlagLang      Key = "copy.flag.lang"
	CopyNeedEnds      Key = "copy.need_ends"
	CopySameEnds      Key = "copy.same_ends"
	CopyNotEmpty      Key = "copy.not_empty"
	CopyFileExists    Key = "copy.file_exists"
	CopyNoBoard       Key = "copy.no_board"
	CopyNoFile        Key = "copy.no_file"
	CopyInUse         Key = "copy.in_use"
	CopyCannotEmpty   Key = "copy.cannot_empty"
	CopyNotExport     Key = "copy.not_export"
	CopyDBFile        Key = "copy.db_file"
	CopyTooNew        Key = "copy.too_new"
	CopyTruncated     Key = "copy.truncated"
	CopyBadRecord     Key = "copy.bad_record"
	CopyCountMismatch Key = "copy.count_mismatch"
	CopyVerifyFailed  Key = "copy.verify_failed"
	CopyPartial       Key = "copy.partial"
	CopyFailed        Key = "copy.failed"
	CopyChecking      Key = "copy.checking"
	CopyCopying       Key = "copy.copying"
	CopyDone          Key = "copy.done"
	CopySkipped       Key = "copy.skipped"
	CopyOpenFailed    Key = "copy.open_failed"

	CopyKindSettings    Key = "copy.kind.settings"
	CopyKindCounters    Key = "copy.kind.counters"
	CopyKindCategory    Key = "copy.kind.category"
	CopyKindThread      Key = "copy.kind.thread"
	CopyKindRevision    Key = "copy.kind.revision"
	CopyKindComment     Key = "copy.kind.comment"
	CopyKindLastName    Key = "copy.kind.last_name"
	CopyKindBan         Key = "copy.kind.ban"
	CopyKindAccount     Key = "copy.kind.account"
	CopyKindAudit       Key = "copy.kind.audit"
	CopyKindReadMark    Key = "copy.kind.read_mark"
	CopyKindVisitMark   Key = "copy.kind.visit_mark"
	CopyKindDay         Key = "copy.kind.day"
	CopyKindReaderPrefs Key = "copy.kind.reader_prefs"
)

func init() {
	register(map[Key]Msg{
		CopyShort: {"Chép toàn bộ một bảng tin giữa thư mục dữ liệu, PostgreSQL và tệp xuất",
			"Copy a whole board between a data directory, PostgreSQL and an export file"},
		CopyLong: {`Chép toàn bộ một bảng tin: chuyên mục, tin (cả tin nháp, ẩn, đã xoá) với các phiên bản cũ,
ý kiến ở mọi trạng thái kiểm duyệt, lệnh chặn, tài khoản với khoá và mật khẩu (đã băm), nhật ký,
cài đặt, dấu đã đọc và số lượt truy cập. Mã số được giữ nguyên nên các liên kết và "news show SỐ"
vẫn đúng.

NGUỒN và ĐÍCH mỗi bên là một trong:
  THƯ-MỤC          thư mục dữ liệu của bảng tin nhúng (bangtin.db); bảng tin phải đang dừng
  postgres://...   một cơ sở dữ liệu PostgreSQL
  TỆP.jsonl        một tệp xuất (JSON Lines, xem README); "-" là stdin/stdout
  TỆP.db           (chỉ làm nguồn) bản sao lưu của bảng tin nhúng, từ "ssh máy-chủ backup"

Đích đã có dữ liệu bị từ chối, trừ khi có --force (khi đó nội dung cũ bị thay toàn bộ). Sau khi
chép, số bản ghi mỗi loại ở đích được đối chiếu với nguồn.`,
			`Copy a whole board: categories, threads (drafts, hidden and deleted ones too) with their
revisions, comments in every moderation state, bans, accounts with keys and password hashes, the
audit log, settings, read markers and visitor counts. Ids are kept, so links and "news show ID"
still work.

SRC and DST are each one of:
  DIR              a data directory of the embedded store (bangtin.db); its board must be stopped
  postgres://...   a PostgreSQL database
  FILE.jsonl       an export file (JSON Lines, see the README); "-" is stdin/stdout
  FILE.db          (source only) a backup of an embedded board, from "ssh host backup"

A destination that holds a board is refused unless --force (then everything in it is replaced).
After the copy, the number of records of each kind at the destination is checked against the
source.`},
		CopyFlagFrom:  {"nguồn: thư mục dữ liệu, URL postgres://, tệp xuất (- là stdin) hoặc bản sao lưu .db", "source: a data directory, a postgres:// URL, an export file (- is stdin) or a .db backup"},
		CopyFlagTo:    {"đích: thư mục dữ liệu, URL postgres:// hoặc tệp .jsonl (- là stdout)", "destination: a data directory, a postgres:// URL or a .jsonl file (- is stdout)"},
		CopyFlagForce: {"thay toàn bộ nội dung của một đích đã có dữ liệu", "replace everything in a destination that holds a board"},
		CopyFlagLang:  {"ngôn ngữ của thông báo: vi hoặc en", "language of the messages: vi or en"},
		CopyNeedEnds:  {"Cần cả --from NGUỒN và --to ĐÍCH.", "Both --from SRC and --to DST are needed."},
		CopySameEnds:  {"Nguồn và đích là một: %s.", "The source and the destination are the same: %s."},
		CopyNotEmpty: {"Đích %s đã có dữ liệu (%s). Thêm --force để thay toàn bộ nội dung của nó bằng bản chép.",
			"The destination %s already holds a board (%s). Add --force to replace everything in it with the copy."},
		CopyFileExists: {"Tệp %s đã có. Thêm --force để ghi đè.", "The file %s exists. Add --force to overwrite it."},
		CopyNoBoard:    {"Không có bảng tin trong %s (không thấy %s).", "There is no board in %s (no %s)."},
		CopyNoFile:     {"Không mở được %s: %v", "Cannot open %s: %v"},
		CopyInUse: {"Cơ sở dữ liệu %s đang được một bảng tin đang chạy sử dụng; hãy dừng nó trước (hoặc chép từ bản sao lưu).",
			"The database %s is held by a running board; stop it first (or copy from a backup)."},
		CopyCannotEmpty: {"Đích %s đã có dữ liệu (%s) và kho này không xoá được toàn bộ; hãy dùng một cơ sở dữ liệu trống.",
			"The destination %s holds a board (%s) and this store cannot be emptied; use an empty database."},
		CopyNotExport: {"%s không phải tệp xuất của bangtin (dòng đầu phải là tiêu đề \"bangtin-export\").",
			"%s is not a bangtin export file (its first line must be the \"bangtin-export\" header)."},
		CopyDBFile: {"%s là tệp cơ sở dữ liệu; hãy ghi thư mục chứa nó (%s).", "%s is a database file; give its directory (%s)."},
		CopyTooNew: {"%s có định dạng xuất phiên bản %d, mới hơn bản bangtin này (đọc được đến phiên bản %d). Hãy dùng bangtin mới hơn.",
			"%s is in export format version %d, newer than this bangtin reads (up to version %d). Use a newer bangtin."},
		CopyTruncated: {"%s bị cắt cụt (hết ở dòng %d, thiếu dòng kết thúc): tệp không đầy đủ.",
			"%s is cut short (it ends at line %d, without its end line): the file is incomplete."},
		CopyBadRecord:     {"%s hỏng ở dòng %d: %v", "%s is damaged at line %d: %v"},
		CopyCountMismatch: {"%s không nhất quán: %v", "%s is inconsistent: %v"},
		CopyVerifyFailed: {"Kiểm tra sau khi chép thất bại: số bản ghi ở đích khác nguồn (nguồn ≠ đích): %s",
			"The check after the copy failed: the destination's record counts differ from the source's (source ≠ destination): %s"},
		CopyPartial: {"Đích %s giữ một phần bản chép. Sửa lỗi rồi chạy lại với --force.",
			"The destination %s holds part of the copy. Fix the problem and run again with --force."},
		CopyFailed:     {"Chép thất bại: %v", "Copy failed: %v"},
		CopyChecking:   {"Đang kiểm tra %s…", "Checking %s…"},
		CopyCopying:    {"Đang chép %s → %s…", "Copying %s → %s…"},
		CopyDone:       {"Đã chép %s → %s và đối chiếu: %s.", "Copied %s → %s and checked: %s."},
		CopySkipped:    {"Bỏ qua các bản ghi mà bản bangtin này không biết: %s.", "Skipped records this bangtin does not know: %s."},
		CopyOpenFailed: {"Không mở được %s: %v", "Cannot open %s: %v"},

		CopyKindSettings:    {"cài đặt", "settings"},
		CopyKindCounters:    {"bộ đếm", "counters"},
		CopyKindCategory:    {"chuyên mục", "categories"},
		CopyKindThread:      {"tin", "threads"},
		CopyKindRevision:    {"phiên bản cũ", "revisions"},
		CopyKindComment:     {"ý kiến", "comments"},
		CopyKindLastName:    {"tên đã dùng", "names used"},
		CopyKindBan:         {"lệnh chặn", "bans"},
		CopyKindAccount:     {"tài khoản", "accounts"},
		CopyKindAudit:       {"nhật ký", "audit entries"},
		CopyKindReadMark:    {"dấu đã đọc", "read markers"},
		CopyKindVisitMark:   {"lần ghé", "visit marks"},
		CopyKindDay:         {"ngày truy cập", "visitor days"},
		CopyKindReaderPrefs: {"tuỳ chọn người đọc", "reader preferences"},
	})
}

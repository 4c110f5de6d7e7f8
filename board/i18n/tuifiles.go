package i18n

// Messages of the thread page's files screen (board/tui/files_edit.go): editors caption,
// rename, reorder and remove a thread's pictures and documents. A block of its own, to ease
// merging with other additions.
const (
	TUIKeyFiles  Key = "tui.key.files"
	TWKeyCaption Key = "tui.w.key.caption"

	TWFilesHeading     Key = "tui.w.files.heading"
	TWFilesNone        Key = "tui.w.files.none"
	TWFilesAttach      Key = "tui.w.files.attach"
	TWFilePlaceholder  Key = "tui.w.file.placeholder"
	TWFileNoCaption    Key = "tui.w.file.no_caption"
	TWFileKindPicture  Key = "tui.w.file.kind_picture"
	TWFileKindDocument Key = "tui.w.file.kind_document"
	TWFileCaptionAsk   Key = "tui.w.file.caption_ask"
	TWFileCaptioned    Key = "tui.w.file.captioned"
	TWFileRenameAsk    Key = "tui.w.file.rename_ask"
	TWFileRenamed      Key = "tui.w.file.renamed"
	TWFileMoved        Key = "tui.w.file.moved"
	TWFileRemoveAsk    Key = "tui.w.file.remove_ask"
	TWFileRemoved      Key = "tui.w.file.removed"
)

func init() {
	register(map[Key]Msg{
		TUIKeyFiles:  {"ảnh, tài liệu", "pictures, documents"},
		TWKeyCaption: {"chú thích", "caption"},

		TWFilesHeading:     {"Ảnh và tài liệu của tin “%s” (%d)", "Pictures and documents of “%s” (%d)"},
		TWFilesNone:        {"Tin này chưa có ảnh hay tài liệu nào.", "This thread has no pictures or documents yet."},
		TWFilesAttach:      {"Đính kèm thêm: %s", "To attach more: %s"},
		TWFilePlaceholder:  {"TỆP", "FILE"},
		TWFileNoCaption:    {"(chưa có chú thích)", "(no caption)"},
		TWFileKindPicture:  {"ảnh", "picture"},
		TWFileKindDocument: {"tài liệu", "document"},
		TWFileCaptionAsk:   {"Chú thích cho “%s” (để trống: bỏ chú thích):", "Caption for “%s” (empty: no caption):"},
		TWFileCaptioned:    {"Đã lưu chú thích của “%s”.", "Caption of “%s” saved."},
		TWFileRenameAsk:    {"Tên mới cho “%s”:", "New name for “%s”:"},
		TWFileRenamed:      {"Đã đổi tên thành “%s”.", "Renamed to “%s”."},
		TWFileMoved:        {"Đã đổi thứ tự: “%s” ở vị trí %d.", "Order changed: “%s” is now number %d."},
		TWFileRemoveAsk:    {"Gỡ %s “%s” (%s) khỏi tin này? Tệp bị xoá hẳn, không khôi phục được.", "Remove the %s “%s” (%s) from this thread? It is deleted for good."},
		TWFileRemoved:      {"Đã gỡ “%s”.", "Removed “%s”."},
	})
}

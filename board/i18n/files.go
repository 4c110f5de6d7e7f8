package i18n

import (
	"fmt"

	"bangtin/board"
	"bangtin/board/media"
)

// Messages of files attached to threads (board/files.go, the news attach commands, SFTP, web).
const (
	FieldCaption  Key = "field.caption"
	FieldFileName Key = "field.file_name"

	ErrFileEmpty         Key = "err.file.empty"
	ErrFileTooLarge      Key = "err.file.too_large"
	ErrFileType          Key = "err.file.type"
	ErrFilePictureSize   Key = "err.file.picture_size"
	ErrFilePictureBroken Key = "err.file.picture_broken"
	ErrFileThreadFull    Key = "err.file.thread_full"
	ErrFileBoardFull     Key = "err.file.board_full"
	ErrFileNameTaken     Key = "err.file.name_taken"

	FilePicture  Key = "file.picture"  // "[Ảnh: %s]", the placeholder of a picture where art cannot show
	FileDocument Key = "file.document" // heading of a thread's documents
	FilePictures Key = "file.pictures"
	FileDownload Key = "file.download" // a link's words

	CmdShortNewsAttach   Key = "cmd.short.news.attach"
	CmdLongNewsAttach    Key = "cmd.long.news.attach"
	CmdShortNewsFiles    Key = "cmd.short.news.files"
	CmdShortNewsFile     Key = "cmd.short.news.file"
	CmdShortNewsFileEdit Key = "cmd.short.news.file_edit"
	CmdShortNewsDetach   Key = "cmd.short.news.detach"
	CmdFlagFileName      Key = "cmd.flag.file_name"
	CmdFlagCaption       Key = "cmd.flag.caption"
	CmdFlagFileOrder     Key = "cmd.flag.file_order"
	CmdFileAttached      Key = "cmd.file.attached"
	CmdFileEdited        Key = "cmd.file.edited"
	CmdFileDetached      Key = "cmd.file.detached"
	CmdNoFiles           Key = "cmd.file.none"
	CmdColType           Key = "cmd.col.type"
	CmdColSize           Key = "cmd.col.size"
)

func init() {
	fieldKeys["caption"] = FieldCaption
	fieldKeys["file_name"] = FieldFileName
	register(map[Key]Msg{
		FieldCaption:  {"Chú thích", "Caption"},
		FieldFileName: {"Tên tệp", "File name"},

		ErrFileEmpty:    {"Tệp trống: không có gì để đính kèm.", "The file is empty: nothing to attach."},
		ErrFileTooLarge: {"Tệp quá lớn: tối đa %s một tệp.", "The file is too large: at most %s a file."},
		ErrFileType: {"Loại tệp này không được đính kèm (%s). Được phép: ảnh JPEG, PNG, GIF, WebP; tài liệu PDF, DOCX, XLSX, ODT, ODS, TXT.",
			"Files of this type cannot be attached (%s). Allowed: JPEG, PNG, GIF, WebP pictures; PDF, DOCX, XLSX, ODT, ODS, TXT documents."},
		ErrFilePictureSize: {fmt.Sprintf("Ảnh quá lớn: tối đa %d điểm ảnh mỗi chiều và %d triệu điểm ảnh.", media.MaxSide, media.MaxPixels/1_000_000),
			fmt.Sprintf("The picture is too large: at most %d pixels a side and %d megapixels.", media.MaxSide, media.MaxPixels/1_000_000)},
		ErrFilePictureBroken: {"Không đọc được ảnh: tệp bị hỏng hoặc không đúng định dạng.", "The picture cannot be read: the file is damaged or not what it claims to be."},
		ErrFileThreadFull:    {"Tin này đã có đủ %d tệp; hãy gỡ bớt trước khi đính kèm thêm.", "This thread already has %d files; remove one before attaching more."},
		ErrFileBoardFull:     {"Bảng tin đã hết chỗ cho tệp (tối đa %s); hãy báo quản trị viên.", "The board has no room left for files (at most %s); tell an admin."},
		ErrFileNameTaken:     {"Tin này đã có một tệp tên như vậy.", "This thread already has a file of that name."},

		FilePicture:  {"[Ảnh: %s]", "[Picture: %s]"},
		FileDocument: {"Tài liệu", "Documents"},
		FilePictures: {"Hình ảnh", "Pictures"},
		FileDownload: {"Tải về", "Download"},

		CmdShortNewsAttach: {"Đính kèm ảnh hoặc tài liệu vào một tin (biên tập viên).", "Attach a picture or document to a news thread (editors)."},
		CmdLongNewsAttach: {"Đọc tệp từ đầu vào chuẩn. Loại tệp được nhận ra từ nội dung: ảnh JPEG, PNG, GIF, WebP (được chuyển về đúng chiều, bỏ thông tin EXIF/GPS, thu nhỏ tới 2560 điểm ảnh); tài liệu PDF, DOCX, XLSX, ODT, ODS, TXT.",
			"Reads the file from standard input. The type is told from the content: JPEG, PNG, GIF, WebP pictures (turned upright, EXIF/GPS removed, scaled down to 2560 pixels); PDF, DOCX, XLSX, ODT, ODS, TXT documents."},
		CmdShortNewsFiles:    {"Liệt kê ảnh và tài liệu của một tin.", "List the pictures and documents of a news thread."},
		CmdShortNewsFile:     {"Tải một tệp của tin ra đầu ra chuẩn.", "Write a file of a news thread to standard output."},
		CmdShortNewsFileEdit: {"Đổi tên, chú thích hoặc thứ tự một tệp (biên tập viên).", "Rename, caption or move a file (editors)."},
		CmdShortNewsDetach:   {"Gỡ một tệp khỏi tin (biên tập viên).", "Remove a file from a news thread (editors)."},
		CmdFlagFileName:      {"tên tệp", "file name"},
		CmdFlagCaption:       {"chú thích (ảnh: lời mô tả)", "caption (pictures: their description)"},
		CmdFlagFileOrder:     {"vị trí mới trong tin, từ 1", "new position in the thread, from 1"},
		CmdFileAttached:      {"Đã đính kèm tệp %d: %s (%s, %s).", "Attached file %d: %s (%s, %s)."},
		CmdFileEdited:        {"Đã sửa tệp %d: %s.", "File %d changed: %s."},
		CmdFileDetached:      {"Đã gỡ tệp %d khỏi tin %d.", "File %d removed from thread %d."},
		CmdNoFiles:           {"Tin này không có tệp nào.", "This thread has no files."},
		CmdColType:           {"Loại", "Type"},
		CmdColSize:           {"Cỡ", "Size"},
	})
}

// Size says a number of bytes for people: "10 MiB", "512 KiB", "300 B" (binary units, as the
// limits are set).
func Size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20:
		if n%(1<<20) == 0 {
			return fmt.Sprintf("%d MiB", n>>20)
		}
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", (n+1023)>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// fileError is the message of a refused file.
func fileError(lang Lang, fe *board.FileError) string {
	switch fe.Problem {
	case board.FileEmpty:
		return T(lang, ErrFileEmpty)
	case board.FileTooLarge:
		return T(lang, ErrFileTooLarge, Size(fe.Limit))
	case board.FileType:
		return T(lang, ErrFileType, fe.Type)
	case board.FilePictureSize:
		return T(lang, ErrFilePictureSize)
	case board.FileThreadFull:
		return T(lang, ErrFileThreadFull, fe.Limit)
	case board.FileBoardFull:
		return T(lang, ErrFileBoardFull, Size(fe.Limit))
	}
	return T(lang, ErrFilePictureBroken)
}

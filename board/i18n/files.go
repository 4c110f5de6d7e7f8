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

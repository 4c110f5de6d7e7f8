// Package media decides what a file attached to a news thread is and makes it safe to keep and
// show: the type sniffed from the bytes (never from the name), the allowed types, pictures
// checked by their declared size before decoding, decoded, turned upright by their EXIF
// orientation, scaled down and re-encoded without any metadata, file names cleaned, and pictures
// drawn as half-block art for a terminal. It does no I/O and knows nothing of SSH or the store.
//
// Hand-written here, with the reason: the EXIF reader (only the orientation tag is needed, and
// the re-encode drops every other tag, so a full EXIF library would be weight without use), and
// the office-document check (the zip's own directory names are enough; archive/zip reads only the
// central directory and nothing is ever decompressed).
package media

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"
)

// Content types the board knows.
const (
	JPEG = "image/jpeg"
	PNG  = "image/png"
	GIF  = "image/gif"
	WebP = "image/webp"
	PDF  = "application/pdf"
	DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	ODT  = "application/vnd.oasis.opendocument.text"
	ODS  = "application/vnd.oasis.opendocument.spreadsheet"
	TXT  = "text/plain; charset=utf-8"
	ZIP  = "application/zip"
)

// DefaultTypes are the types allowed without configuration.
var DefaultTypes = []string{JPEG, PNG, GIF, WebP, PDF, DOCX, XLSX, ODT, ODS, TXT}

// extensions maps each known type to its extensions, the first the canonical one.
var extensions = map[string][]string{
	JPEG: {".jpg", ".jpeg"}, PNG: {".png"}, GIF: {".gif"}, WebP: {".webp"}, PDF: {".pdf"},
	DOCX: {".docx"}, XLSX: {".xlsx"}, ODT: {".odt"}, ODS: {".ods"}, TXT: {".txt", ".text", ".csv", ".md"},
	ZIP: {".zip"},
}

// Extension is the canonical file extension of a content type ("" if unknown).
func Extension(typ string) string {
	if e := extensions[typ]; len(e) > 0 {
		return e[0]
	}
	return ""
}

// IsPicture reports whether typ is one of the picture types the board decodes.
func IsPicture(typ string) bool {
	switch typ {
	case JPEG, PNG, GIF, WebP:
		return true
	}
	return false
}

// Sniff returns the content type of data, from its bytes only: http.DetectContentType, then,
// for a zip container, the office format its directory names (Office Open XML: word/ or xl/
// parts; OpenDocument: the stored "mimetype" entry that must come first), and text/plain only
// for valid UTF-8 without NUL bytes.
func Sniff(data []byte) string {
	typ := http.DetectContentType(data)
	switch {
	case typ == ZIP:
		return sniffZip(data)
	case strings.HasPrefix(typ, "text/plain"):
		if !utf8.Valid(data) || bytes.IndexByte(data, 0) >= 0 {
			return "application/octet-stream"
		}
		return TXT
	}
	return typ
}

// sniffZip names the office format of a zip. The OpenDocument check reads the first local
// header (the format requires a stored "mimetype" entry first); the Office Open XML check reads
// the central directory's names through archive/zip, which opens no entry.
func sniffZip(data []byte) string {
	if t := odfType(data); t != "" {
		return t
	}
	r, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ZIP
	}
	types := false
	for _, f := range r.File {
		switch {
		case f.Name == "[Content_Types].xml":
			types = true
		case f.Name == "word/document.xml":
			if types || hasName(r, "[Content_Types].xml") {
				return DOCX
			}
		case f.Name == "xl/workbook.xml":
			if types || hasName(r, "[Content_Types].xml") {
				return XLSX
			}
		}
	}
	return ZIP
}

func hasName(r *zip.Reader, name string) bool {
	return slices.ContainsFunc(r.File, func(f *zip.File) bool { return f.Name == name })
}

// odfType reads the first local file header: name "mimetype", method 0 (stored), and the
// stored bytes are the OpenDocument type.
func odfType(data []byte) string {
	if len(data) < 30 || !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return ""
	}
	method := binary.LittleEndian.Uint16(data[8:])
	nameLen := int(binary.LittleEndian.Uint16(data[26:]))
	extraLen := int(binary.LittleEndian.Uint16(data[28:]))
	start := 30 + nameLen + extraLen
	if method != 0 || start > len(data) || string(data[30:30+nameLen]) != "mimetype" {
		return ""
	}
	// The stored bytes are the type, followed by the next header ("PK") or, when the writer
	// streamed the entry, its data descriptor (whose size field then says the length).
	rest := data[start:]
	for _, t := range []string{ODT, ODS} {
		if after, ok := bytes.CutPrefix(rest, []byte(t)); ok && (bytes.HasPrefix(after, []byte("PK")) || len(after) == 0) {
			return t
		}
	}
	return ""
}

// Policy is which types a board accepts.
type Policy struct {
	// Extra are content types allowed beyond DefaultTypes, as Sniff names them
	// ("application/zip", "audio/mpeg"); the flag --file-types adds to it.
	Extra []string
}

// Allowed reports whether typ may be attached.
func (p Policy) Allowed(typ string) bool {
	return slices.Contains(DefaultTypes, typ) || slices.Contains(p.Extra, typ)
}

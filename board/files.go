package board

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"bangtin/board/media"
)

// File is a picture or document attached to a thread. Its bytes are kept in the store apart
// from this record (Tx.FileData).
type File struct {
	ID       uint64
	ThreadID uint64
	Name     string // cleaned (media.CleanName), unique in the thread without case
	Caption  string // one line, at most MaxFileCaption runes; a picture's alt text
	Type     string // sniffed from the bytes (media.Sniff); pictures: the re-encoded type
	Size     int64  // bytes stored
	SHA256   string // hex of the stored bytes
	Width    int    // pictures: pixels; 0 for documents
	Height   int
	By       string // the attaching identity, as Identity.Actor names it
	ByName   string
	At       time.Time
	Order    int // position in the thread, from 0
}

// IsPicture reports whether the file is a picture (shown, not only downloaded).
func (f File) IsPicture() bool { return media.IsPicture(f.Type) }

// FileInput is a file an editor attaches.
type FileInput struct {
	Name    string // as given; cleaned and made unique
	Caption string
	Data    []byte
}

// FileChange changes a file's name, caption or place; nil fields stay.
type FileChange struct {
	Name    *string
	Caption *string
	Order   *int // the new position in the thread (0 first; past the end: last)
}

// MaxFileCaption is the longest caption, in runes.
const MaxFileCaption = 300

// Defaults of the file limits (Options).
const (
	DefaultMaxFileSize    = 10 << 20
	DefaultMaxFilesTotal  = 2 << 30
	DefaultMaxThreadFiles = 20
)

// Audit kinds of files.
const (
	AuditFileAttach = "file.attach"
	AuditFileEdit   = "file.edit"
	AuditFileDetach = "file.detach"
)

// FileProblem says why a file was refused.
type FileProblem string

const (
	FileEmpty         FileProblem = "empty"          // no bytes
	FileTooLarge      FileProblem = "too_large"      // above Options.MaxFileSize (Limit)
	FileType          FileProblem = "type"           // a type not allowed (Type)
	FilePictureSize   FileProblem = "picture_size"   // declared above media.MaxPixels or media.MaxSide
	FilePictureBroken FileProblem = "picture_broken" // not decodable as its type says
	FileThreadFull    FileProblem = "thread_full"    // Options.MaxThreadFiles reached (Limit)
	FileBoardFull     FileProblem = "board_full"     // Options.MaxFilesTotal would be passed (Limit)
)

// FileError is why a file was refused. errors.Is(err, ErrInvalid) holds.
type FileError struct {
	Problem FileProblem
	Limit   int64  // the limit passed (bytes or files), when there is one
	Type    string // the sniffed type, for FileType
}

func (e *FileError) Error() string {
	switch e.Problem {
	case FileType:
		return "file type not allowed: " + e.Type
	case FileTooLarge, FileThreadFull, FileBoardFull:
		return fmt.Sprintf("file refused: %s (limit %d)", e.Problem, e.Limit)
	}
	return "file refused: " + string(e.Problem)
}

func (e *FileError) Unwrap() error { return ErrInvalid }

// FileLimits are the limits files are held to.
type FileLimits struct {
	MaxFileSize    int64
	MaxFilesTotal  int64
	MaxThreadFiles int
}

// FileLimits returns the board's file limits.
func (b *Board) FileLimits() FileLimits {
	return FileLimits{b.opts.MaxFileSize, b.opts.MaxFilesTotal, b.opts.MaxThreadFiles}
}

// threadFor reads a thread for a file action: not found for a viewer who may not read it.
func threadFor(tx Tx, viewer Identity, id uint64) (Thread, error) {
	t, err := tx.Thread(id)
	if err != nil {
		return Thread{}, fmt.Errorf("thread %d: %w", id, err)
	}
	if !visible(viewer, t) || (t.Deleted && !viewer.Role.CanAdmin()) {
		return Thread{}, fmt.Errorf("thread %d: %w", id, ErrNotFound)
	}
	return t, nil
}

// prepareFile sniffs, checks and (pictures) re-encodes a file's bytes, outside any transaction.
func (b *Board) prepareFile(ctx context.Context, data []byte) (File, []byte, error) {
	if len(data) == 0 {
		return File{}, nil, &FileError{Problem: FileEmpty}
	}
	if int64(len(data)) > b.opts.MaxFileSize {
		return File{}, nil, &FileError{Problem: FileTooLarge, Limit: b.opts.MaxFileSize}
	}
	typ := media.Sniff(data)
	if !b.policy.Allowed(typ) {
		return File{}, nil, &FileError{Problem: FileType, Type: typ}
	}
	f := File{Type: typ}
	if media.IsPicture(typ) {
		if _, err := media.Config(data, typ); err != nil {
			return File{}, nil, pictureErr(err)
		}
		// Decoding takes memory in proportion to the picture: at most two at a time.
		select {
		case b.pictures <- struct{}{}:
		case <-ctx.Done():
			return File{}, nil, ctx.Err()
		}
		res, err := media.Picture(data, typ)
		<-b.pictures
		if err != nil {
			return File{}, nil, pictureErr(err)
		}
		data, f.Type, f.Width, f.Height = res.Data, res.Type, res.Width, res.Height
	}
	sum := sha256.Sum256(data)
	f.Size, f.SHA256 = int64(len(data)), hex.EncodeToString(sum[:])
	return f, data, nil
}

func pictureErr(err error) error {
	if errors.Is(err, media.ErrTooLarge) {
		return &FileError{Problem: FilePictureSize}
	}
	return &FileError{Problem: FilePictureBroken}
}

func cleanCaption(s string) (string, error) {
	return clean(fieldSpec{name: "caption", max: MaxFileCaption}, s)
}

// nameTaken reports whether name is used by a file of files other than except (case ignored).
func nameTaken(files []File, except uint64) func(string) bool {
	return func(name string) bool {
		return slices.ContainsFunc(files, func(f File) bool { return f.ID != except && strings.EqualFold(f.Name, name) })
	}
}

// AttachFile attaches a file to a thread (editors). The type is sniffed from the bytes and must
// be allowed; a picture is checked by its declared size, then re-encoded without metadata
// (media.Picture); the name is cleaned and made unique in the thread. Limits: Options.MaxFileSize
// per file, MaxThreadFiles per thread, MaxFilesTotal for the board (*FileError).
func (b *Board) AttachFile(ctx context.Context, actor Identity, threadID uint64, in FileInput) (File, error) {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), AuditFileAttach); err != nil {
		return File{}, err
	}
	caption, err := cleanCaption(in.Caption)
	if err != nil {
		return File{}, err
	}
	f, data, err := b.prepareFile(ctx, in.Data)
	if err != nil {
		return File{}, fmt.Errorf("attach to thread %d: %w", threadID, err)
	}
	f.ThreadID, f.Caption, f.By, f.ByName = threadID, caption, actor.Actor(), authorName(actor)
	var out File
	err = b.update(ctx, func(tx Tx) error {
		if _, err := threadFor(tx, actor, threadID); err != nil {
			return err
		}
		files, err := tx.ThreadFiles(threadID)
		if err != nil {
			return err
		}
		if len(files) >= b.opts.MaxThreadFiles {
			return &FileError{Problem: FileThreadFull, Limit: int64(b.opts.MaxThreadFiles)}
		}
		total, err := tx.FilesTotal()
		if err != nil {
			return err
		}
		if total+f.Size > b.opts.MaxFilesTotal {
			return &FileError{Problem: FileBoardFull, Limit: b.opts.MaxFilesTotal}
		}
		nf := f
		nf.Name = media.CleanName(in.Name, f.Type, nameTaken(files, 0))
		nf.At = b.now()
		nf.Order = len(files)
		if len(files) > 0 {
			nf.Order = max(nf.Order, files[len(files)-1].Order+1)
		}
		if err := tx.PutFile(&nf); err != nil {
			return err
		}
		if err := tx.PutFileData(nf.ID, data); err != nil {
			return err
		}
		out = nf
		return b.audit(tx, actor, AuditFileAttach, fmt.Sprintf("thread:%d", threadID), "", fmt.Sprintf("file:%d %s", nf.ID, nf.Name))
	})
	if err != nil {
		return File{}, fmt.Errorf("attach to thread %d: %w", threadID, err)
	}
	return out, nil
}

// Files lists a thread's files in their order, for anyone who may read the thread (a hidden,
// draft or deleted thread's files are ErrNotFound with it).
func (b *Board) Files(ctx context.Context, viewer Identity, threadID uint64) ([]File, error) {
	var out []File
	err := b.view(ctx, func(tx Tx) error {
		if _, err := threadFor(tx, viewer, threadID); err != nil {
			return err
		}
		var err error
		out, err = tx.ThreadFiles(threadID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("files of thread %d: %w", threadID, err)
	}
	return out, nil
}

// FileData returns a file of a thread with its bytes, for anyone who may read the thread.
func (b *Board) FileData(ctx context.Context, viewer Identity, threadID, fileID uint64) (File, []byte, error) {
	var f File
	var data []byte
	err := b.view(ctx, func(tx Tx) error {
		if _, err := threadFor(tx, viewer, threadID); err != nil {
			return err
		}
		var err error
		if f, err = tx.File(fileID); err != nil {
			return err
		}
		if f.ThreadID != threadID {
			return ErrNotFound
		}
		data, err = tx.FileData(fileID)
		return err
	})
	if err != nil {
		return File{}, nil, fmt.Errorf("file %d of thread %d: %w", fileID, threadID, err)
	}
	return f, data, nil
}

// UpdateFile renames, captions or moves a file (editors). A new name is cleaned and kept to
// the file's type's extension; one used by another file of the thread is ErrExists.
func (b *Board) UpdateFile(ctx context.Context, actor Identity, threadID, fileID uint64, ch FileChange) (File, error) {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), AuditFileEdit); err != nil {
		return File{}, err
	}
	var caption string
	if ch.Caption != nil {
		c, err := cleanCaption(*ch.Caption)
		if err != nil {
			return File{}, err
		}
		caption = c
	}
	var out File
	err := b.update(ctx, func(tx Tx) error {
		if _, err := threadFor(tx, actor, threadID); err != nil {
			return err
		}
		files, err := tx.ThreadFiles(threadID)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(files, func(f File) bool { return f.ID == fileID })
		if i < 0 {
			return fmt.Errorf("file %d: %w", fileID, ErrNotFound)
		}
		f := files[i]
		var what []string
		if ch.Name != nil {
			name := media.CleanName(*ch.Name, f.Type, nil)
			if nameTaken(files, f.ID)(name) {
				return &ValidationError{Field: "file_name", Problem: ProblemReserved}
			}
			if name != f.Name {
				what = append(what, fmt.Sprintf("name %s → %s", f.Name, name))
				f.Name = name
			}
		}
		if ch.Caption != nil && caption != f.Caption {
			f.Caption = caption
			what = append(what, "caption")
		}
		files[i] = f
		if ch.Order != nil {
			to := min(max(*ch.Order, 0), len(files)-1)
			if to != i {
				files = slices.Insert(slices.Delete(files, i, i+1), to, f)
				what = append(what, fmt.Sprintf("order %d → %d", i, to))
			}
		}
		if len(what) == 0 {
			out = f
			return nil
		}
		for j := range files {
			if files[j].ID == f.ID || files[j].Order != j {
				files[j].Order = j
				if err := tx.PutFile(&files[j]); err != nil {
					return err
				}
			}
			if files[j].ID == f.ID {
				out = files[j]
			}
		}
		return b.audit(tx, actor, AuditFileEdit, fmt.Sprintf("thread:%d", threadID), "", fmt.Sprintf("file:%d %s", f.ID, strings.Join(what, ", ")))
	})
	if err != nil {
		return File{}, fmt.Errorf("change file %d of thread %d: %w", fileID, threadID, err)
	}
	return out, nil
}

// DetachFile removes a file from a thread for good (editors); the audit log keeps its name and
// checksum.
func (b *Board) DetachFile(ctx context.Context, actor Identity, threadID, fileID uint64) error {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), AuditFileDetach); err != nil {
		return err
	}
	err := b.update(ctx, func(tx Tx) error {
		if _, err := threadFor(tx, actor, threadID); err != nil {
			return err
		}
		f, err := tx.File(fileID)
		if err != nil || f.ThreadID != threadID {
			return fmt.Errorf("file %d: %w", fileID, ErrNotFound)
		}
		if err := tx.DeleteFile(fileID); err != nil {
			return err
		}
		return b.audit(tx, actor, AuditFileDetach, fmt.Sprintf("thread:%d", threadID), "", fmt.Sprintf("file:%d %s sha256:%s", f.ID, f.Name, f.SHA256))
	})
	if err != nil {
		return fmt.Errorf("detach file %d of thread %d: %w", fileID, threadID, err)
	}
	return nil
}

// CanAttach reports whether actor may attach files to a thread (an editor, and a thread the
// editor may see), before any bytes are sent: SFTP asks it when a put opens its file. A refusal
// is audited like AttachFile's.
func (b *Board) CanAttach(ctx context.Context, actor Identity, threadID uint64) error {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), AuditFileAttach); err != nil {
		return err
	}
	return b.view(ctx, func(tx Tx) error {
		_, err := threadFor(tx, actor, threadID)
		return err
	})
}

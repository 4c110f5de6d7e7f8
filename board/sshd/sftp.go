package sshd

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"

	"charm.land/ssh"
	"github.com/pkg/sftp"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/media"
)

// SFTP serves the files attached to news threads as a virtual tree, never the machine's disk:
//
//	/                     the root, holding only "news"
//	/news/                a directory per thread the identity may read: "ID-slug"
//	/news/ID-slug/NAME    the thread's files, by name
//
// Everything goes through board.Board with the session's identity, as the TUI and the commands
// do: readers get the files of threads they may read; editors and admins put (a put attaches,
// replacing a file of the same name), rename and remove; a guest's write is refused by the
// board. A thread directory is found by its id: "12", "12-anything" and the listed name are one.

// maxSFTPThreads is the most thread directories /news lists (newest first).
const maxSFTPThreads = 5000

// maxSFTPUploads is how many puts one SFTP session may have open at once: each holds up to
// the file size limit in memory until it is closed.
const maxSFTPUploads = 4

// subsystems are the SSH subsystems the server runs: SFTP only. A subsystem session goes
// through the same chain as the others (recover, admit, identify, logging, idle) before the
// SFTP server.
func (s *Server) subsystems() map[string]ssh.SubsystemHandler {
	h := s.chain(s.sftpMiddleware)
	return map[string]ssh.SubsystemHandler{"sftp": func(sess ssh.Session) { h(sess) }}
}

func (s *Server) sftpMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		ss := sess.(*session)
		ss.kind = "sftp"
		ss.countOutput = true // downloads show the client is alive
		fs := &sftpFS{b: s.cfg.Board, id: ss.id, lang: ss.lang, ctx: ss.ctx}
		srv := sftp.NewRequestServer(sftpConn{ss}, sftp.Handlers{FileGet: fs, FilePut: fs, FileCmd: fs, FileList: fs})
		// An ended session (idle, shutdown) loses its channel, which ends Serve.
		stop := context.AfterFunc(ss.ctx, func() { _ = ss.Close() })
		err := srv.Serve()
		stop()
		if err != nil && !errors.Is(err, io.EOF) {
			s.log.Debug("sftp", "remote", ss.RemoteAddr().String(), "err", err)
		}
		next(ss)
	}
}

// sftpConn is the session as the SFTP server's connection. The server closes its connection
// when it is done; closing the channel there would lose the exit status the client waits for
// (scp fails without it), so its Close only ends the output (EOF) and the library's session
// sends the status and closes the channel.
type sftpConn struct{ *session }

func (c sftpConn) Close() error { return c.CloseWrite() }

// sftpFS is the virtual tree of one SFTP session.
type sftpFS struct {
	b    *board.Board
	id   board.Identity
	lang i18n.Lang
	ctx  context.Context

	mu      sync.Mutex
	uploads int // puts open
}

// vpath is a parsed path: depth 0 "/", 1 "/news", 2 a thread, 3 a file.
type vpath struct {
	depth  int
	thread uint64
	name   string
}

func parseVPath(p string) (vpath, error) {
	p = path.Clean("/" + p)
	if p == "/" {
		return vpath{}, nil
	}
	parts := strings.Split(strings.TrimPrefix(p, "/"), "/")
	if parts[0] != "news" || len(parts) > 3 {
		return vpath{}, os.ErrNotExist
	}
	v := vpath{depth: len(parts)}
	if len(parts) >= 2 {
		idPart, _, _ := strings.Cut(parts[1], "-")
		id, err := strconv.ParseUint(idPart, 10, 64)
		if err != nil || id == 0 {
			return vpath{}, os.ErrNotExist
		}
		v.thread = id
	}
	if len(parts) == 3 {
		v.name = parts[2]
	}
	return v, nil
}

// threadDir is the name of a thread's directory: its id and a short slug of its title.
func threadDir(t board.Thread) string {
	slug := board.Slug(t.Title)
	if len(slug) > 60 {
		slug = strings.TrimRight(slug[:60], "-")
	}
	if slug == "" {
		return strconv.FormatUint(t.ID, 10)
	}
	return fmt.Sprintf("%d-%s", t.ID, slug)
}

// fail turns a board error into what the SFTP client is told: no such file, permission denied,
// or a failure carrying the message in the user's language.
func (fs *sftpFS) fail(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, os.ErrNotExist), errors.Is(err, board.ErrNotFound):
		return os.ErrNotExist
	case errors.Is(err, board.ErrForbidden):
		return sftp.ErrSSHFxPermissionDenied
	}
	return errors.New(i18n.Error(fs.lang, err))
}

// file finds a thread's file by name (exact first, then without case).
func (fs *sftpFS) file(v vpath) (board.File, error) {
	files, err := fs.b.Files(fs.ctx, fs.id, v.thread)
	if err != nil {
		return board.File{}, err
	}
	for _, f := range files {
		if f.Name == v.name {
			return f, nil
		}
	}
	for _, f := range files {
		if strings.EqualFold(f.Name, v.name) {
			return f, nil
		}
	}
	return board.File{}, os.ErrNotExist
}

// Fileread opens a file for reading: its bytes, exact.
func (fs *sftpFS) Fileread(r *sftp.Request) (io.ReaderAt, error) {
	v, err := parseVPath(r.Filepath)
	if err != nil || v.depth != 3 {
		return nil, os.ErrNotExist
	}
	f, err := fs.file(v)
	if err != nil {
		return nil, fs.fail(err)
	}
	_, data, err := fs.b.FileData(fs.ctx, fs.id, v.thread, f.ID)
	if err != nil {
		return nil, fs.fail(err)
	}
	return bytes.NewReader(data), nil
}

// Filewrite opens an upload into a thread's directory; the board is asked first whether the
// identity may attach there, so a refused put sends nothing.
func (fs *sftpFS) Filewrite(r *sftp.Request) (io.WriterAt, error) {
	v, err := parseVPath(r.Filepath)
	if err != nil {
		return nil, fs.fail(err)
	}
	if v.depth != 3 {
		return nil, sftp.ErrSSHFxPermissionDenied
	}
	if err := fs.b.CanAttach(fs.ctx, fs.id, v.thread); err != nil {
		return nil, fs.fail(err)
	}
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.uploads >= maxSFTPUploads {
		return nil, sftp.ErrSSHFxFailure
	}
	fs.uploads++
	return &upload{fs: fs, v: v, limit: fs.b.FileLimits().MaxFileSize}, nil
}

// upload gathers a put's bytes (at most limit) and attaches them when the client closes it.
type upload struct {
	fs    *sftpFS
	v     vpath
	limit int64

	mu     sync.Mutex
	buf    []byte
	err    error
	closed bool
}

func (u *upload) WriteAt(p []byte, off int64) (int, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	end := off + int64(len(p))
	if off < 0 || end > u.limit {
		u.err = &board.FileError{Problem: board.FileTooLarge, Limit: u.limit}
		return 0, u.fs.fail(u.err)
	}
	if end > int64(len(u.buf)) {
		u.buf = append(u.buf, make([]byte, int(end)-len(u.buf))...)
	}
	copy(u.buf[off:], p)
	return len(p), nil
}

// Close attaches the file. A file of the same name in the thread is replaced: the new one is
// attached first, then the old one detached and the new one given its name and place, so a
// refused upload leaves the old file as it was.
func (u *upload) Close() error {
	u.mu.Lock()
	defer u.mu.Unlock()
	if u.closed {
		return nil
	}
	u.closed = true
	defer func() {
		u.fs.mu.Lock()
		u.fs.uploads--
		u.fs.mu.Unlock()
	}()
	if u.err != nil {
		return u.fs.fail(u.err)
	}
	fs, v := u.fs, u.v
	f, err := fs.b.AttachFile(fs.ctx, fs.id, v.thread, board.FileInput{Name: v.name, Data: u.buf})
	u.buf = nil
	if err != nil {
		return fs.fail(err)
	}
	want := media.CleanName(v.name, f.Type, nil)
	files, err := fs.b.Files(fs.ctx, fs.id, v.thread)
	if err != nil {
		return fs.fail(err)
	}
	for _, old := range files {
		if old.ID == f.ID || !strings.EqualFold(old.Name, want) {
			continue
		}
		if err := fs.b.DetachFile(fs.ctx, fs.id, v.thread, old.ID); err != nil {
			return fs.fail(err)
		}
		name, order := old.Name, old.Order
		if _, err := fs.b.UpdateFile(fs.ctx, fs.id, v.thread, f.ID, board.FileChange{Name: &name, Order: &order}); err != nil {
			return fs.fail(err)
		}
		break
	}
	return nil
}

// Filecmd: rename and remove files (editors, through the board); setstat is accepted and
// ignored (times and modes are not kept); directories cannot be made or removed, nor links.
func (fs *sftpFS) Filecmd(r *sftp.Request) error {
	v, err := parseVPath(r.Filepath)
	if err != nil {
		return fs.fail(err)
	}
	switch r.Method {
	case "Setstat":
		// scp sets the mode of a file it is still uploading (it does not exist until the
		// close attaches it): accepted, and ignored.
		return nil
	case "Rename", "PosixRename":
		to, err := parseVPath(r.Target)
		if err != nil || v.depth != 3 || to.depth != 3 || to.thread != v.thread {
			return sftp.ErrSSHFxPermissionDenied
		}
		f, err := fs.file(v)
		if err != nil {
			return fs.fail(err)
		}
		_, err = fs.b.UpdateFile(fs.ctx, fs.id, v.thread, f.ID, board.FileChange{Name: &to.name})
		return fs.fail(err)
	case "Remove":
		if v.depth != 3 {
			return sftp.ErrSSHFxPermissionDenied
		}
		f, err := fs.file(v)
		if err != nil {
			return fs.fail(err)
		}
		return fs.fail(fs.b.DetachFile(fs.ctx, fs.id, v.thread, f.ID))
	}
	return sftp.ErrSSHFxPermissionDenied
}

// Filelist lists a directory or stats one entry.
func (fs *sftpFS) Filelist(r *sftp.Request) (sftp.ListerAt, error) {
	v, err := parseVPath(r.Filepath)
	if err != nil {
		return nil, os.ErrNotExist
	}
	switch r.Method {
	case "List":
		infos, err := fs.list(v)
		return listerAt(infos), fs.fail(err)
	case "Stat", "Lstat":
		info, err := fs.stat(v)
		if err != nil {
			return nil, fs.fail(err)
		}
		return listerAt{info}, nil
	}
	return nil, sftp.ErrSSHFxOpUnsupported
}

func (fs *sftpFS) writable() bool { return fs.id.Role.CanEditNews() }

func (fs *sftpFS) dirInfo(name string, at time.Time) os.FileInfo {
	mode := os.ModeDir | 0o555
	if fs.writable() {
		mode |= 0o200
	}
	return &vinfo{name: name, mode: mode, at: at}
}

func (fs *sftpFS) fileInfo(f board.File) os.FileInfo {
	mode := os.FileMode(0o444)
	if fs.writable() {
		mode |= 0o200
	}
	return &vinfo{name: f.Name, size: f.Size, mode: mode, at: f.At}
}

func (fs *sftpFS) stat(v vpath) (os.FileInfo, error) {
	switch v.depth {
	case 0:
		return fs.dirInfo("/", time.Now()), nil
	case 1:
		return fs.dirInfo("news", time.Now()), nil
	case 2:
		t, err := fs.b.Thread(fs.ctx, fs.id, v.thread)
		if err != nil || (t.Deleted && !fs.id.Role.CanAdmin()) {
			return nil, os.ErrNotExist
		}
		return fs.dirInfo(threadDir(t), t.UpdatedAt), nil
	}
	f, err := fs.file(v)
	if err != nil {
		return nil, err
	}
	return fs.fileInfo(f), nil
}

func (fs *sftpFS) list(v vpath) ([]os.FileInfo, error) {
	switch v.depth {
	case 0:
		return []os.FileInfo{fs.dirInfo("news", time.Now())}, nil
	case 1:
		var out []os.FileInfo
		q := board.ThreadQuery{PerPage: 100, All: fs.id.Role.CanEditNews()}
		for len(out) < maxSFTPThreads {
			page, err := fs.b.ListThreads(fs.ctx, fs.id, q)
			if err != nil {
				return nil, err
			}
			for _, t := range page.Threads {
				out = append(out, fs.dirInfo(threadDir(t), t.UpdatedAt))
			}
			if page.Next == "" {
				break
			}
			q.Cursor = page.Next
		}
		return out, nil
	case 2:
		files, err := fs.b.Files(fs.ctx, fs.id, v.thread)
		if err != nil {
			return nil, err
		}
		out := make([]os.FileInfo, len(files))
		for i, f := range files {
			out[i] = fs.fileInfo(f)
		}
		return out, nil
	}
	return nil, os.ErrNotExist
}

// vinfo is an entry of the virtual tree.
type vinfo struct {
	name string
	size int64
	mode os.FileMode
	at   time.Time
}

func (i *vinfo) Name() string       { return i.name }
func (i *vinfo) Size() int64        { return i.size }
func (i *vinfo) Mode() os.FileMode  { return i.mode }
func (i *vinfo) ModTime() time.Time { return i.at }
func (i *vinfo) IsDir() bool        { return i.mode.IsDir() }
func (i *vinfo) Sys() any           { return nil }

// listerAt serves a listing in pieces.
type listerAt []os.FileInfo

func (l listerAt) ListAt(out []os.FileInfo, offset int64) (int, error) {
	if offset >= int64(len(l)) {
		return 0, io.EOF
	}
	n := copy(out, l[offset:])
	if n < len(out) {
		return n, io.EOF
	}
	return n, nil
}

package tui

import (
	"context"
	"fmt"

	"github.com/charmbracelet/colorprofile"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/media"
	"bangtin/board/text"
)

// A thread's pictures and documents (issue 15) under its body. The files are loaded with the
// thread (in its tea.Cmd) and kept per content version like the thread; each picture is drawn
// as half-block art once per width and its lines made once per colour profile, shared by every
// session (media.ArtCache, bounded in bytes: WithArtCache). The lines carry the colours the
// session's terminal draws (Env.Profile), so the screen converts nothing per frame. In
// monochrome the art is neither loaded nor drawn: a picture is a "[Ảnh: caption]" line.

// maxArtRows bounds the height of a picture's art: a tall picture is drawn narrower so that it
// and its caption fit a 24-row window.
const maxArtRows = 16

// fileCache is what the sessions of one server share for files (Cache.fileCache).
type fileCache struct {
	lists *memo[filesKey, []board.File]
	art   *media.ArtCache
}

type filesKey struct {
	b       *board.Board
	version uint64
	id      uint64
	editor  bool
}

// DefaultArtCache is the default bound, in bytes, of the pictures' art a server keeps
// (media.DefaultArtBytes; the --art-cache flag).
const DefaultArtCache = media.DefaultArtBytes

func newFileCache() *fileCache { return newFileCacheOf(0) }

// newFileCacheOf keeps at most artBytes bytes of art (DefaultArtCache if artBytes <= 0).
func newFileCacheOf(artBytes int64) *fileCache {
	return &fileCache{
		lists: newMemo[filesKey, []board.File](256, 4<<20, func(fs []board.File) int { return 256 * len(fs) }),
		art:   media.NewArtCache(artBytes),
	}
}

// WithArtCache bounds the pictures' art cc keeps to artBytes bytes (DefaultArtCache if
// artBytes <= 0) and returns cc. The server calls it once, before any session.
func (cc *Cache) WithArtCache(artBytes int64) *Cache {
	cc.fileCache = newFileCacheOf(artBytes)
	return cc
}

// artProfile is the colour profile a session's art is made in: none in monochrome, else what
// the session's terminal draws (Env.Profile, which the terminal's answers may raise), 24-bit
// when the server does not say. It may be called from a tea.Cmd.
func (c *Common) artProfile() colorprofile.Profile {
	if c.NoColor {
		return colorprofile.ASCII
	}
	if c.Profile == nil {
		return colorprofile.TrueColor
	}
	if p := c.Profile(); p != colorprofile.Unknown {
		return p
	}
	return colorprofile.TrueColor
}

// files is the file cache shared with the sessions of cc's server; a nil Cache gets a fresh
// one (the session keeps it in its page).
func (cc *Cache) files() *fileCache {
	if cc == nil {
		return newFileCache()
	}
	return cc.fileCache
}

// threadFiles is what the thread page shows of its files: the list and, in colour, each
// picture's art at the page's width (by file ID; missing: the picture could not be drawn).
type threadFiles struct {
	list    []board.File
	art     map[uint64][]string
	width   int                  // the body width the art was drawn for
	profile colorprofile.Profile // the colours it was drawn in
}

// load runs inside a tea.Cmd: the thread's files from the board (once per content version),
// then each picture's art at width in the colour profile (once per picture, width and profile),
// unless the profile has no colours.
func (fc *fileCache) load(ctx context.Context, b *board.Board, viewer board.Identity, tid uint64, width int, profile colorprofile.Profile) (*threadFiles, error) {
	k := filesKey{b: b, version: b.ContentVersion(), id: tid, editor: viewer.Role.CanEditNews()}
	list, err := fc.lists.Get(k, func() ([]board.File, error) {
		fs, err := b.Files(ctx, viewer, tid)
		if err != nil {
			return nil, fmt.Errorf("files of thread %d: %w", tid, err)
		}
		return fs, nil
	})
	if err != nil {
		return nil, err
	}
	tf := &threadFiles{list: list, width: width, profile: profile}
	if profile <= colorprofile.ASCII {
		return tf, nil
	}
	for _, f := range list {
		if !f.IsPicture() {
			continue
		}
		ls, err := fc.artOf(ctx, b, viewer, f, width, profile)
		if err != nil || len(ls) == 0 {
			continue // a picture that cannot be drawn shows as its placeholder line
		}
		if tf.art == nil {
			tf.art = map[uint64][]string{}
		}
		tf.art[f.ID] = ls
	}
	return tf, nil
}

// artOf is the lines of f's art at most width cells wide and maxArtRows rows high, in the
// colour profile.
func (fc *fileCache) artOf(ctx context.Context, b *board.Board, viewer board.Identity, f board.File, width int, profile colorprofile.Profile) ([]string, error) {
	w := artWidth(f, width)
	return fc.art.Lines(f.SHA256, w, profile, func() (media.Art, error) {
		_, data, err := b.FileData(ctx, viewer, f.ThreadID, f.ID)
		if err != nil {
			return media.Art{}, err
		}
		return media.ArtOf(data, f.Type, w)
	})
}

// artWidth is the width in cells of f's art in a body width cells wide: no wider than the
// picture, and narrow enough for maxArtRows rows (a cell is one pixel wide and two high).
func artWidth(f board.File, width int) int {
	w := width
	if f.Width > 0 {
		w = min(w, f.Width)
	}
	if f.Width > 0 && f.Height > 0 {
		w = min(w, max(1, 2*maxArtRows*f.Width/f.Height))
	}
	return max(1, w)
}

// fileLines lays out a thread's files at width w (the body width): pictures (art or
// placeholder, then the caption), then the documents with their size and download command.
func (p *threadPage) fileLines(w int) []string {
	tf := p.files
	if tf == nil || len(tf.list) == 0 {
		return nil
	}
	c, s := p.c, p.c.Styles
	var lines, docs []string
	for _, f := range tf.list {
		if !f.IsPicture() {
			continue
		}
		caption := Line(f.Caption)
		art, ok := tf.art[f.ID]
		if !ok || c.NoColor || tf.width != p.bodyWidth() {
			alt := caption
			if alt == "" {
				alt = Line(f.Name)
			}
			lines = append(lines, " "+s.Muted.Render(Fit(c.T(i18n.FilePicture, alt), w)), "")
			continue
		}
		for _, l := range art {
			lines = append(lines, " "+l)
		}
		for _, l := range text.Wrap(caption, w) {
			lines = append(lines, " "+s.Muted.Render(l))
		}
		lines = append(lines, "")
	}
	for _, f := range tf.list {
		if f.IsPicture() {
			continue
		}
		size := i18n.Size(f.Size)
		name := Line(f.Name)
		docs = append(docs, "  "+Fit(name, max(1, w-text.Width(size)-3))+" "+s.Muted.Render("("+size+")"))
		if caption := Line(f.Caption); caption != "" {
			docs = append(docs, "    "+Fit(caption, max(1, w-3)))
		}
		dl := c.T(i18n.FileDownload) + ": " + c.downloadCommand(p.snap.t.ID, f)
		docs = append(docs, "    "+s.Muted.Render(Fit(dl, max(1, w-3))))
	}
	if len(docs) > 0 {
		lines = append(lines, " "+s.Section.Render(Fit(c.T(i18n.FileDocument), w)))
		lines = append(append(lines, docs...), "")
	}
	return lines
}

// sameFiles reports whether two loads show the same files the same way.
func sameFiles(a, b *threadFiles) bool {
	if a == nil || b == nil {
		return a == b
	}
	if len(a.list) != len(b.list) || a.width != b.width || a.profile != b.profile || len(a.art) != len(b.art) {
		return false
	}
	for i, f := range a.list {
		g := b.list[i]
		if f.ID != g.ID || f.Name != g.Name || f.Caption != g.Caption || f.SHA256 != g.SHA256 || f.Order != g.Order {
			return false
		}
	}
	return true
}

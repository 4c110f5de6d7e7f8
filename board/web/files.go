package web

import (
	"bytes"
	"container/list"
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"sync"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/media"
)

// fileMaxAge is how long browsers and proxies keep a file without asking again: a day, then
// a revalidation by ETag (304). A file's bytes never change under its id, but a thread hidden
// by an editor should not stay served from caches for long.
const fileMaxAge = 24 * 60 * 60

// phoneSide is the longest side of the smaller version of a picture offered to phones
// (srcset), and phoneCacheSize how many such versions are kept (least recently used out).
const (
	phoneSide      = 800
	phoneCacheSize = 256
)

// phoneCache keeps the smaller versions of pictures by checksum; its zero value is ready.
type phoneCache struct {
	mu    sync.Mutex
	order *list.List // of *phoneEntry, most recent first
	byKey map[string]*list.Element
}

type phoneEntry struct {
	sum string
	res media.Result
}

// get returns the smaller version of a picture, making it once.
func (c *phoneCache) get(f board.File, data []byte) (media.Result, error) {
	c.mu.Lock()
	if c.byKey == nil {
		c.order, c.byKey = list.New(), map[string]*list.Element{}
	}
	if e, ok := c.byKey[f.SHA256]; ok {
		c.order.MoveToFront(e)
		res := e.Value.(*phoneEntry).res
		c.mu.Unlock()
		return res, nil
	}
	c.mu.Unlock()
	res, err := media.Smaller(data, f.Type, phoneSide)
	if err != nil {
		return res, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.byKey[f.SHA256]; !ok {
		c.byKey[f.SHA256] = c.order.PushFront(&phoneEntry{sum: f.SHA256, res: res})
		if c.order.Len() > phoneCacheSize {
			last := c.order.Back()
			c.order.Remove(last)
			delete(c.byKey, last.Value.(*phoneEntry).sum)
		}
	}
	return res, nil
}

// filesView is what a thread page shows of its files: pictures inline, documents as links.
type filesView struct {
	Pictures  []fileView
	Documents []fileView
}

type fileView struct {
	URL     string
	Name    string
	Caption string // a picture's alt text: its caption, else its name
	Width   int
	Height  int
	Size    string
	Phone   string // the smaller version's address, when the picture is larger than phoneSide
	PhoneW  int    // its width
}

// fileURL is the address of a file: /t/ID/f/FILE_ID/NAME (the name only for the browser's
// download name; the id decides).
func fileURL(f board.File) string {
	return fmt.Sprintf("/t/%d/f/%d/%s", f.ThreadID, f.ID, url.PathEscape(f.Name))
}

// threadFiles builds the files part of a thread page.
func (s *Server) threadFiles(ctx context.Context, t board.Thread) (filesView, error) {
	files, err := s.b.Files(ctx, board.Identity{}, t.ID)
	if err != nil {
		return filesView{}, err
	}
	var v filesView
	for _, f := range files {
		fv := fileView{URL: fileURL(f), Name: f.Name, Caption: f.Caption, Width: f.Width, Height: f.Height, Size: i18n.Size(f.Size)}
		if f.IsPicture() {
			if fv.Caption == "" {
				fv.Caption = f.Name
			}
			if max(f.Width, f.Height) > phoneSide {
				fv.Phone = fv.URL + "?w=" + strconv.Itoa(phoneSide)
				fv.PhoneW = phoneSide
				if f.Height > f.Width {
					fv.PhoneW = max(1, f.Width*phoneSide/f.Height)
				}
			}
			v.Pictures = append(v.Pictures, fv)
		} else {
			v.Documents = append(v.Documents, fv)
		}
	}
	return v, nil
}

// file serves a file of a published thread: its sniffed type, nosniff, a download
// (Content-Disposition: attachment) for documents and inline for pictures, ETag (the sha256)
// and caching; Range and If-None-Match are answered by http.ServeContent.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	id, err1 := strconv.ParseUint(r.PathValue("id"), 10, 64)
	fid, err2 := strconv.ParseUint(r.PathValue("file"), 10, 64)
	if err1 != nil || err2 != nil {
		s.notFound(w, r)
		return
	}
	f, data, err := s.b.FileData(r.Context(), board.Identity{}, id, fid)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	etag := f.SHA256
	if r.URL.Query().Get("w") == strconv.Itoa(phoneSide) && f.IsPicture() && max(f.Width, f.Height) > phoneSide {
		res, err := s.phones.get(f, data)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		data, etag = res.Data, f.SHA256+"-"+strconv.Itoa(phoneSide)
	}
	h := w.Header()
	h.Set("Content-Type", f.Type)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("ETag", `"`+etag+`"`)
	h.Set("Cache-Control", "public, max-age="+strconv.Itoa(fileMaxAge))
	disposition := "attachment"
	if f.IsPicture() {
		disposition = "inline"
	}
	h.Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": f.Name}))
	if !f.IsPicture() {
		// A document never runs as a page of this site, whatever a browser makes of it.
		h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	}
	http.ServeContent(w, r, "", f.At, bytes.NewReader(data))
}

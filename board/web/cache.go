package web

import (
	"bytes"
	"compress/flate"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"hash/crc32"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// formSlot marks where a thread page's comment form goes; the cached page is split there.
const formSlot = "<!--bangtin:form-->"

// page is a rendered response kept for a content version: its text in one or two parts (two:
// before and after the comment form) and the same parts deflated for gzip.
type page struct {
	status  int
	ctype   string
	etag    string // weak: a thread page's form differs per request
	mod     time.Time
	parts   [][]byte
	crcs    []uint32 // CRC-32 of each part
	deflate [][]byte // each part deflated: all but the last end in a sync flush, the last is final
	gzip    []byte   // the whole gzip stream when there is one part
	path    string   // a thread page's canonical path
}

func newPage(status int, ctype string, body []byte, mod time.Time) *page {
	p := &page{status: status, ctype: ctype, mod: mod.Truncate(time.Second)}
	if i := bytes.Index(body, []byte(formSlot)); i >= 0 {
		p.parts = [][]byte{body[:i], body[i+len(formSlot):]}
	} else {
		p.parts = [][]byte{body}
	}
	sum := sha256.Sum256(body)
	p.etag = `W/"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
	for i, part := range p.parts {
		p.crcs = append(p.crcs, crc32.ChecksumIEEE(part))
		var buf bytes.Buffer
		w := flatePool.Get().(*flate.Writer)
		w.Reset(&buf)
		_, _ = w.Write(part)
		if i < len(p.parts)-1 {
			_ = w.Flush()
		} else {
			_ = w.Close()
		}
		flatePool.Put(w)
		p.deflate = append(p.deflate, buf.Bytes())
	}
	if len(p.parts) == 1 {
		var buf bytes.Buffer
		buf.Write(gzipHeader)
		buf.Write(p.deflate[0])
		buf.Write(gzipTrailer(p.crcs[0], len(body)))
		p.gzip = buf.Bytes()
	}
	return p
}

// flatePool keeps compressors: a new one allocates about a megabyte.
var flatePool = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(io.Discard, flate.DefaultCompression)
	return w
}}

// gzipHeader: magic, deflate, no flags, no time, no extra flags, OS unknown (RFC 1952).
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}

func gzipTrailer(crc uint32, size int) []byte {
	t := make([]byte, 8)
	binary.LittleEndian.PutUint32(t, crc)
	binary.LittleEndian.PutUint32(t[4:], uint32(size))
	return t
}

// storedBlocks writes b as non-final stored deflate blocks (RFC 1951 3.2.4); the stream before
// them must end on a byte boundary (a sync flush does).
func storedBlocks(w *bytes.Buffer, b []byte) {
	for len(b) > 0 {
		n := min(len(b), 0xffff)
		w.WriteByte(0) // BFINAL 0, BTYPE 00, then padding to the byte
		w.Write([]byte{byte(n), byte(n >> 8), ^byte(n), ^byte(n >> 8)})
		w.Write(b[:n])
		b = b[n:]
	}
}

// acceptsGzip reports whether Accept-Encoding allows gzip.
func acceptsGzip(r *http.Request) bool {
	for _, v := range r.Header.Values("Accept-Encoding") {
		for _, item := range strings.Split(v, ",") {
			name, params, _ := strings.Cut(strings.TrimSpace(item), ";")
			if strings.EqualFold(strings.TrimSpace(name), "gzip") || strings.TrimSpace(name) == "*" {
				q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
				return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
			}
		}
	}
	return false
}

// notModified reports whether the request's validators match p.
func notModified(r *http.Request, p *page) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		for _, t := range strings.Split(inm, ",") {
			t = strings.TrimSpace(t)
			if t == "*" || strings.TrimPrefix(t, "W/") == strings.TrimPrefix(p.etag, "W/") {
				return true
			}
		}
		return false
	}
	if ims := r.Header.Get("If-Modified-Since"); ims != "" {
		if t, err := http.ParseTime(ims); err == nil && !p.mod.After(t) {
			return true
		}
	}
	return false
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// write sends p, with form (HTML) in its slot when p has one, in gzip when the client takes it.
// status overrides p's status when not 0. Validators are sent only for complete, cacheable
// responses (cache true).
func (p *page) write(w http.ResponseWriter, r *http.Request, form []byte, status int, cache bool) {
	h := w.Header()
	h.Set("Content-Type", p.ctype)
	h.Set("Vary", "Accept-Encoding, Accept-Language, Cookie")
	if status == 0 {
		status = p.status
	}
	if cache {
		h.Set("ETag", p.etag)
		h.Set("Last-Modified", p.mod.UTC().Format(http.TimeFormat))
		if len(p.parts) > 1 {
			h.Set("Cache-Control", "private, no-cache")
		} else {
			h.Set("Cache-Control", "public, no-cache")
		}
		if status == http.StatusOK && notModified(r, p) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
	} else {
		h.Set("Cache-Control", "no-store")
	}
	gz := acceptsGzip(r)
	if gz {
		h.Set("Content-Encoding", "gzip")
	}
	if len(p.parts) == 1 {
		body := p.parts[0]
		if gz {
			body = p.gzip
		}
		h.Set("Content-Length", itoa(len(body)))
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			_, _ = w.Write(body)
		}
		return
	}
	buf := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(buf)
	buf.Reset()
	if gz {
		buf.Write(gzipHeader)
		buf.Write(p.deflate[0])
		storedBlocks(buf, form)
		buf.Write(p.deflate[1])
		crc := crc32.Update(p.crcs[0], crc32.IEEETable, form)
		crc = crc32.Update(crc, crc32.IEEETable, p.parts[1])
		buf.Write(gzipTrailer(crc, len(p.parts[0])+len(form)+len(p.parts[1])))
	} else {
		buf.Write(p.parts[0])
		buf.Write(form)
		buf.Write(p.parts[1])
	}
	h.Set("Content-Length", itoa(buf.Len()))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = io.Copy(w, buf)
	}
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	if n == 0 {
		return "0"
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// pageCache keeps rendered pages for the current content version and visitor figures. Pages of
// an older version are dropped at the first look-up that sees a newer one.
type pageCache struct {
	mu      sync.Mutex
	version uint64
	stats   uint64
	pages   map[string]*page
}

// maxCachedPages bounds the cache (search pages and odd query strings are many).
const maxCachedPages = 4096

func (c *pageCache) get(key string, version, stats uint64) *page {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.version != version || c.stats != stats {
		return nil
	}
	return c.pages[key]
}

func (c *pageCache) put(key string, version, stats uint64, p *page) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if version < c.version || (version == c.version && stats < c.stats) {
		return // rendered from older data than the cache holds
	}
	if c.version != version || c.stats != stats || c.pages == nil || len(c.pages) >= maxCachedPages {
		c.pages = map[string]*page{}
		c.version, c.stats = version, stats
	}
	c.pages[key] = p
}

package web

import (
	"bytes"
	"context"
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/gorilla/feeds"

	"bangtin/board"
	"bangtin/board/i18n"
)

const (
	feedItems   = 30
	sitemapMax  = 50_000
	feedRSSType = "application/rss+xml; charset=utf-8"
	feedAtom    = "application/atom+xml; charset=utf-8"
)

func (s *Server) rss(w http.ResponseWriter, r *http.Request)  { s.feed(w, r, "", false) }
func (s *Server) atom(w http.ResponseWriter, r *http.Request) { s.feed(w, r, "", true) }
func (s *Server) categoryRSS(w http.ResponseWriter, r *http.Request) {
	s.feed(w, r, r.PathValue("slug"), false)
}
func (s *Server) categoryAtom(w http.ResponseWriter, r *http.Request) {
	s.feed(w, r, r.PathValue("slug"), true)
}

// feed serves the 30 newest published threads of the board or of a category.
func (s *Server) feed(w http.ResponseWriter, r *http.Request, slug string, atom bool) {
	key := "feed:" + slug
	if atom {
		key += ":atom"
	}
	s.serveCached(w, r, key, func(ctx context.Context, lang i18n.Lang, _ stats) (*page, error) {
		base := s.base(r)
		f := &feeds.Feed{
			Title:       s.cfg.Name,
			Link:        &feeds.Link{Href: base + "/"},
			Description: i18n.T(lang, i18n.WebFeedDesc, s.cfg.Name),
			Id:          base + "/",
		}
		q := board.ThreadQuery{PerPage: 100}
		if slug != "" {
			c, err := s.b.CategoryBySlug(ctx, slug)
			if err != nil {
				return nil, err
			}
			q.CategoryID = c.ID
			f.Title = s.cfg.Name + ": " + c.Name
			f.Link.Href = base + "/c/" + url.PathEscape(c.Slug)
			f.Id = f.Link.Href
		}
		tp, err := s.b.ListThreads(ctx, board.Identity{}, q)
		if err != nil {
			return nil, err
		}
		ts := tp.Threads
		slices.SortStableFunc(ts, func(a, b board.Thread) int { return published(b).Compare(published(a)) })
		ts = ts[:min(len(ts), feedItems)]
		for _, t := range ts {
			link := base + threadURL(t)
			f.Items = append(f.Items, &feeds.Item{
				Title:       t.Title,
				Link:        &feeds.Link{Href: link},
				Id:          link,
				Description: t.Summary,
				Author:      &feeds.Author{Name: t.AuthorName},
				Created:     published(t),
				Updated:     t.UpdatedAt,
			})
			if f.Updated.Before(t.UpdatedAt) {
				f.Updated = t.UpdatedAt
			}
		}
		if f.Updated.IsZero() {
			f.Updated = time.Unix(0, 0)
		}
		var buf bytes.Buffer
		ctype := feedRSSType
		if atom {
			ctype = feedAtom
			err = f.WriteAtom(&buf)
		} else {
			err = f.WriteRss(&buf)
		}
		if err != nil {
			return nil, err
		}
		return newPage(http.StatusOK, ctype, buf.Bytes(), f.Updated), nil
	})
}

func published(t board.Thread) time.Time {
	if t.PublishedAt.IsZero() {
		return t.CreatedAt
	}
	return t.PublishedAt
}

// sitemap lists every published thread (at most 50,000, the protocol's limit) and the categories.
func (s *Server) sitemap(w http.ResponseWriter, r *http.Request) {
	s.serveCached(w, r, "sitemap", func(ctx context.Context, _ i18n.Lang, _ stats) (*page, error) {
		base := s.base(r)
		type u struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod,omitempty"`
		}
		type urlset struct {
			XMLName xml.Name `xml:"urlset"`
			NS      string   `xml:"xmlns,attr"`
			URLs    []u      `xml:"url"`
		}
		set := urlset{NS: "http://www.sitemaps.org/schemas/sitemap/0.9"}
		set.URLs = append(set.URLs, u{Loc: base + "/"})
		cats, err := s.b.Categories(ctx)
		if err != nil {
			return nil, err
		}
		for _, c := range cats {
			set.URLs = append(set.URLs, u{Loc: base + "/c/" + url.PathEscape(c.Slug)})
		}
		var newest time.Time
		q := board.ThreadQuery{PerPage: 100}
		for len(set.URLs) < sitemapMax {
			tp, err := s.b.ListThreads(ctx, board.Identity{}, q)
			if err != nil {
				return nil, err
			}
			for _, t := range tp.Threads {
				if len(set.URLs) >= sitemapMax {
					break
				}
				set.URLs = append(set.URLs, u{Loc: base + threadURL(t), LastMod: t.UpdatedAt.UTC().Format(time.RFC3339)})
				if t.UpdatedAt.After(newest) {
					newest = t.UpdatedAt
				}
			}
			if tp.Next == "" || len(tp.Threads) == 0 {
				break
			}
			q.Cursor = tp.Next
		}
		var buf bytes.Buffer
		buf.WriteString(xml.Header)
		enc := xml.NewEncoder(&buf)
		enc.Indent("", " ")
		if err := enc.Encode(set); err != nil {
			return nil, err
		}
		return newPage(http.StatusOK, "application/xml; charset=utf-8", buf.Bytes(), newest), nil
	})
}

func (s *Server) robots(w http.ResponseWriter, r *http.Request) {
	body := "User-agent: *\nAllow: /\nDisallow: /search\nDisallow: /t/*/comment\n\nSitemap: " + s.base(r) + "/sitemap.xml\n"
	newPage(http.StatusOK, "text/plain; charset=utf-8", []byte(body), time.Unix(0, 0)).write(w, r, nil, 0, true)
}

func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	a, ok := s.assets[r.PathValue("file")]
	if !ok {
		s.notFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.p.ctype)
	h.Set("ETag", a.p.etag)
	h.Set("Vary", "Accept-Encoding")
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	if notModified(r, a.p) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := a.p.parts[0]
	if acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		body = a.p.gzip
	}
	h.Set("Content-Length", itoa(len(body)))
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

func (s *Server) favicon(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/static/favicon.svg", http.StatusMovedPermanently)
}

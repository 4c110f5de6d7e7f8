package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

const (
	threadsPerPage  = 20
	commentsPerPage = 100
	othersShown     = 10
	maxPageNumber   = 100_000
)

// view is what every page template gets.
type view struct {
	Lang       i18n.Lang
	OtherLang  i18n.Lang
	Name       string
	Title      string
	Desc       string
	Canonical  string
	LangURL    string
	RSS        string
	Atom       string
	CSS        string
	Query      string
	CurrentCat uint64
	Cats       []catTab
	Stats      stats
	SSHHint    string
	Robots     string // "noindex" for search and error pages

	// one of these, by page
	List    *listView
	Thread  *threadView
	Search  *searchView
	Message *messageView
}

// T is a message in the page's language.
func (v *view) T(key string, args ...any) string { return i18n.T(v.Lang, i18n.Key(key), args...) }

type catTab struct {
	Name    string
	URL     string
	Current bool
}

type listView struct {
	Heading string
	Items   []item
	Pager   pager
	Empty   bool
}

type item struct {
	URL      string
	Title    string
	Summary  string
	Date     string
	ISO      string
	Pinned   bool
	New      bool
	Comments int
}

type pager struct {
	Label     string
	Prev      string
	Next      string
	PrevLabel string
	NextLabel string
	Links     []pageLink
	Status    string
}

type pageLink struct {
	N       int
	URL     string
	Current bool
	Gap     bool
}

type threadView struct {
	ID        uint64
	Title     string
	Summary   string
	Body      template.HTML
	Author    string
	Date      string
	ISO       string
	Updated   string
	Category  string
	CatURL    string
	Views     uint64
	Count     int
	Comments  []commentView
	Pager     pager
	Others    []item
	FormSlot  template.HTML
	FormFirst bool
	Files     filesView
}

type commentView struct {
	ID    uint64
	Name  string
	Title string
	Body  string
	Date  string
	ISO   string
}

type searchView struct {
	Query   string
	Heading string
	Error   string
	Items   []item
	Pager   pager
}

type messageView struct {
	Heading string
	Text    string
}

const dateFormat = "02/01/2006"
const timeFormat = "15:04 02/01/2006"

// newView fills what every page shows.
func (s *Server) newView(ctx context.Context, r *http.Request, lang i18n.Lang, st stats, title string) (*view, error) {
	v := &view{
		Lang: lang, OtherLang: lang.Toggle(), Name: s.cfg.Name, Title: title,
		CSS: "/static/style.css?v=" + s.assetVersion("style.css"), Stats: st, SSHHint: s.cfg.SSHHint,
		RSS: "/rss.xml", Atom: "/atom.xml",
	}
	if title != s.cfg.Name {
		v.Title = title + " – " + s.cfg.Name
	}
	// the page's own address without the visitor's other parameters: a cached page must not
	// carry what one visitor put in the query string
	v.Canonical = s.base(r) + r.URL.Path
	v.LangURL = r.URL.Path + "?" + url.Values{"lang": {string(v.OtherLang)}}.Encode()
	cats, err := s.b.Categories(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range cats {
		v.Cats = append(v.Cats, catTab{Name: c.Name, URL: "/c/" + url.PathEscape(c.Slug)})
	}
	return v, nil
}

func (v *view) markCategory(id uint64, cats []board.Category) {
	v.CurrentCat = id
	for i, c := range cats {
		if c.ID == id && i < len(v.Cats) {
			v.Cats[i].Current = true
		}
	}
}

func threadURL(t board.Thread) string {
	slug := board.Slug(t.Title)
	if len(slug) > 80 {
		slug = strings.TrimRight(slug[:80], "-")
	}
	if slug == "" {
		return "/t/" + strconv.FormatUint(t.ID, 10)
	}
	return "/t/" + strconv.FormatUint(t.ID, 10) + "-" + slug
}

func (s *Server) items(ts []board.Thread, now time.Time) []item {
	out := make([]item, 0, len(ts))
	loc := s.b.Location()
	for _, t := range ts {
		at := t.PublishedAt
		if at.IsZero() {
			at = t.CreatedAt
		}
		out = append(out, item{
			URL: threadURL(t), Title: t.Title, Summary: t.Summary,
			Date: at.In(loc).Format(dateFormat), ISO: at.UTC().Format(time.RFC3339),
			Pinned: t.Pinned, New: now.Sub(at) < 48*time.Hour, Comments: t.Comments,
		})
	}
	return out
}

// makePager numbers pages like the portal: ‹ 1 2 3 4 5 … 12 ›.
func makePager(lang i18n.Lang, label string, cur, pages int, link func(int) string) pager {
	p := pager{Label: label, PrevLabel: i18n.T(lang, i18n.WebPrev), NextLabel: i18n.T(lang, i18n.WebNext)}
	if pages <= 1 {
		return p
	}
	if cur > 1 {
		p.Prev = link(cur - 1)
	}
	if cur < pages {
		p.Next = link(cur + 1)
	}
	lo, hi := max(1, cur-2), min(pages, cur+2)
	if cur <= 3 {
		hi = min(pages, 5)
	}
	if cur >= pages-2 {
		lo = max(1, pages-4)
	}
	if lo > 1 {
		p.Links = append(p.Links, pageLink{N: 1, URL: link(1)})
		if lo > 2 {
			p.Links = append(p.Links, pageLink{Gap: true})
		}
	}
	for n := lo; n <= hi; n++ {
		p.Links = append(p.Links, pageLink{N: n, URL: link(n), Current: n == cur})
	}
	if hi < pages {
		if hi < pages-1 {
			p.Links = append(p.Links, pageLink{Gap: true})
		}
		p.Links = append(p.Links, pageLink{N: pages, URL: link(pages)})
	}
	return p
}

// pageParam reads ?name=N: 1 when absent; ok false when it is not a page number.
func pageParam(r *http.Request, name string) (int, bool) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return 1, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxPageNumber {
		return 0, false
	}
	return n, true
}

// render runs a page template into bytes.
func (s *Server) render(name string, v *view) ([]byte, error) {
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "base.html", v); err != nil {
		return nil, fmt.Errorf("render %s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// htmlPage renders a page template into a page of HTML for the cache.
func (s *Server) htmlPage(name string, v *view) (*page, error) {
	body, err := s.render(name, v)
	if err != nil {
		return nil, err
	}
	return newPage(http.StatusOK, "text/html; charset=utf-8", body, s.now()), nil
}

// errNotFound is a page that does not exist (wraps board.ErrNotFound for errors.Is).
var errNotFound = fmt.Errorf("page: %w", board.ErrNotFound)

// builder renders a page for a language; it returns errNotFound (or a board.ErrNotFound) for a 404.
type builder func(ctx context.Context, lang i18n.Lang, st stats) (*page, error)

// cached serves the page under key from the cache, building it once per content version,
// language and visitor figures (concurrent misses share one build).
func (s *Server) cached(r *http.Request, key string, build builder) (*page, error) {
	lang := s.lang(r)
	version := s.b.ContentVersion()
	st := s.stats(r.Context())
	key = string(lang) + "|" + s.base(r) + "|" + key
	if p := s.cache.get(key, version, st.seq); p != nil {
		return p, nil
	}
	v, err, _ := s.flight.Do(fmt.Sprintf("%d|%d|%s", version, st.seq, key), func() (any, error) {
		p, err := build(context.WithoutCancel(r.Context()), lang, st)
		if err != nil {
			return nil, err
		}
		s.cache.put(key, version, st.seq, p)
		return p, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(*page), nil
}

// serveCached answers a request with the cached page under key (see cached), or with the
// failure to build it (see fail).
func (s *Server) serveCached(w http.ResponseWriter, r *http.Request, key string, build builder) {
	p, err := s.cached(r, key, build)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.write(w, r, nil, 0, true)
}

// fail answers a request whose page could not be built.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	if errors.Is(err, board.ErrNotFound) {
		s.notFound(w, r)
		return
	}
	s.log.Error("web: page", "path", r.URL.Path, "err", err)
	s.message(w, r, http.StatusInternalServerError, i18n.WebErrorTitle, i18n.T(s.lang(r), i18n.WebErrorText))
}

func (s *Server) notFoundHandler(w http.ResponseWriter, r *http.Request) { s.notFound(w, r) }

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.message(w, r, http.StatusNotFound, i18n.WebNotFoundTitle, i18n.T(s.lang(r), i18n.WebNotFoundText))
}

// message renders a page with a heading and a sentence (errors, 404), uncached.
func (s *Server) message(w http.ResponseWriter, r *http.Request, status int, heading i18n.Key, text string) {
	lang := s.lang(r)
	ctx := r.Context()
	st := s.stats(ctx)
	h := i18n.T(lang, heading)
	v, err := s.newView(ctx, r, lang, st, h)
	var body []byte
	if err == nil {
		v.Robots = "noindex"
		v.Message = &messageView{Heading: h, Text: text}
		body, err = s.render("message", v)
	}
	if err != nil {
		s.log.Error("web: error page", "err", err)
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(status)
		_, _ = w.Write([]byte(h + "\n"))
		return
	}
	newPage(status, "text/html; charset=utf-8", body, s.now()).write(w, r, nil, status, false)
}

// --- home and categories ---

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	s.listPage(w, r, nil)
}

func (s *Server) category(w http.ResponseWriter, r *http.Request) {
	c, err := s.b.CategoryBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.listPage(w, r, &c)
}

func (s *Server) listPage(w http.ResponseWriter, r *http.Request, cat *board.Category) {
	n, ok := pageParam(r, "page")
	if !ok {
		s.notFound(w, r)
		return
	}
	path := "/"
	if cat != nil {
		path = "/c/" + url.PathEscape(cat.Slug)
	}
	key := path + "?page=" + strconv.Itoa(n)
	s.visitors.page(info(r).addr, 0, s.now())
	s.serveCached(w, r, key, func(ctx context.Context, lang i18n.Lang, st stats) (*page, error) {
		q := board.ThreadQuery{Page: n, PerPage: threadsPerPage}
		title, heading := s.cfg.Name, i18n.T(lang, i18n.WebAllNews)
		if cat != nil {
			q.CategoryID = cat.ID
			title, heading = cat.Name, cat.Name
		}
		tp, err := s.b.ListThreads(ctx, board.Identity{}, q)
		if err != nil {
			return nil, err
		}
		if n > 1 && n > tp.Pages {
			return nil, errNotFound
		}
		v, err := s.newView(ctx, r, lang, st, title)
		if err != nil {
			return nil, err
		}
		if cat != nil {
			cats, err := s.b.Categories(ctx)
			if err != nil {
				return nil, err
			}
			v.markCategory(cat.ID, cats)
			v.RSS, v.Atom = path+"/rss.xml", path+"/atom.xml"
		}
		v.Canonical = s.base(r) + path
		v.LangURL = path + "?" + url.Values{"lang": {string(v.OtherLang)}}.Encode()
		if n > 1 {
			v.Canonical += "?page=" + strconv.Itoa(n)
			v.LangURL = path + "?" + url.Values{"lang": {string(v.OtherLang)}, "page": {strconv.Itoa(n)}}.Encode()
		}
		lv := &listView{Heading: heading, Items: s.items(tp.Threads, s.now()), Empty: len(tp.Threads) == 0}
		lv.Pager = makePager(lang, i18n.T(lang, i18n.WebPages), tp.Page, tp.Pages, func(k int) string {
			if k == 1 {
				return path
			}
			return path + "?page=" + strconv.Itoa(k)
		})
		lv.Pager.Status = i18n.T(lang, i18n.WebPageOf, max(tp.Page, 1), max(tp.Pages, 1), tp.Total)
		v.List = lv
		return s.htmlPage("list", v)
	})
}

// --- search ---

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	n, ok := pageParam(r, "page")
	if !ok {
		s.notFound(w, r)
		return
	}
	query := r.URL.Query().Get("q")
	if len(query) > 1024 {
		query = query[:1024]
	}
	query = text.Line(query) // shown back: the sanitiser's text, on one line
	key := "/search?q=" + url.QueryEscape(query) + "&page=" + strconv.Itoa(n)
	s.visitors.page(info(r).addr, 0, s.now())
	s.serveCached(w, r, key, func(ctx context.Context, lang i18n.Lang, st stats) (*page, error) {
		v, err := s.newView(ctx, r, lang, st, i18n.T(lang, i18n.WebSearchTitle))
		if err != nil {
			return nil, err
		}
		v.Robots, v.Query = "noindex", query
		v.LangURL = "/search?" + url.Values{"q": {query}, "page": {strconv.Itoa(n)}, "lang": {string(v.OtherLang)}}.Encode()
		sv := &searchView{Query: query}
		if strings.TrimSpace(query) == "" {
			sv.Heading = i18n.T(lang, i18n.WebSearchTitle)
			sv.Error = i18n.T(lang, i18n.WebSearchEmpty)
		} else {
			tp, err := s.b.Search(ctx, query, n, threadsPerPage)
			switch {
			case errors.Is(err, board.ErrInvalid):
				sv.Heading = i18n.T(lang, i18n.WebSearchTitle)
				sv.Error = i18n.Error(lang, err)
			case err != nil:
				return nil, err
			case tp.Total == 0:
				sv.Heading = i18n.T(lang, i18n.WebSearchTitle)
				sv.Error = i18n.T(lang, i18n.WebSearchNone, query)
			default:
				sv.Heading = i18n.T(lang, i18n.WebSearchResults, query, tp.Total)
				sv.Items = s.items(tp.Threads, s.now())
				sv.Pager = makePager(lang, i18n.T(lang, i18n.WebPages), tp.Page, tp.Pages, func(k int) string {
					return "/search?q=" + url.QueryEscape(query) + "&page=" + strconv.Itoa(k)
				})
			}
		}
		v.Search = sv
		return s.htmlPage("search", v)
	})
}

// --- threads ---

// threadID reads "/t/12-some-slug" or "/t/12".
func threadID(r *http.Request) (uint64, string, bool) {
	idslug := r.PathValue("id")
	ids, slug, _ := strings.Cut(idslug, "-")
	id, err := strconv.ParseUint(ids, 10, 64)
	if err != nil || id == 0 || strconv.FormatUint(id, 10) != ids {
		return 0, "", false
	}
	return id, slug, true
}

func (s *Server) thread(w http.ResponseWriter, r *http.Request) {
	id, _, ok := threadID(r)
	if !ok {
		s.notFound(w, r)
		return
	}
	n, ok := pageParam(r, "cp")
	if !ok {
		s.notFound(w, r)
		return
	}
	p, canonical, err := s.threadPage(r, id, n)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if r.URL.Path != canonical {
		u := canonical
		if n > 1 {
			u += "?cp=" + strconv.Itoa(n)
		}
		http.Redirect(w, r, u, http.StatusMovedPermanently)
		return
	}
	addr := info(r).addr
	if s.visitors.page(addr, id, s.now()) {
		// this visitor's view changed the count on the page: show it
		if p2, _, err := s.threadPage(r, id, n); err == nil {
			p = p2
		}
	}
	f := s.newForm(r.Context(), s.lang(r), id, canonical, addr)
	switch r.URL.Query().Get("sent") {
	case "pending":
		f.Flash = i18n.T(f.Lang, i18n.WebFormThanks)
	case "published":
		f.Flash = i18n.T(f.Lang, i18n.WebFormPublished)
	}
	p.write(w, r, s.renderForm(f), 0, true)
}

// threadPage is the cached page of a thread (its comment page n) and the thread's canonical path.
func (s *Server) threadPage(r *http.Request, id uint64, n int) (*page, string, error) {
	key := "/t/" + strconv.FormatUint(id, 10) + "?cp=" + strconv.Itoa(n)
	p, err := s.cached(r, key, func(ctx context.Context, lang i18n.Lang, st stats) (*page, error) {
		t, err := s.b.Thread(ctx, board.Identity{}, id)
		if err != nil {
			return nil, err
		}
		cp, err := s.b.Comments(ctx, board.Identity{}, id, n, commentsPerPage)
		if err != nil {
			return nil, err
		}
		if n > 1 && n > cp.Pages {
			return nil, errNotFound
		}
		others, err := s.b.OtherThreads(ctx, id, othersShown)
		if err != nil {
			return nil, err
		}
		cats, err := s.b.Categories(ctx)
		if err != nil {
			return nil, err
		}
		v, err := s.newView(ctx, r, lang, st, t.Title)
		if err != nil {
			return nil, err
		}
		path := threadURL(t)
		v.Canonical = s.base(r) + path
		v.LangURL = path + "?" + url.Values{"lang": {string(v.OtherLang)}}.Encode()
		if n > 1 {
			v.Canonical += "?cp=" + strconv.Itoa(n)
			v.LangURL = path + "?" + url.Values{"cp": {strconv.Itoa(n)}, "lang": {string(v.OtherLang)}}.Encode()
		}
		v.Desc = t.Summary
		v.markCategory(t.CategoryID, cats)
		loc := s.b.Location()
		tv := &threadView{
			ID: t.ID, Title: t.Title, Summary: t.Summary, Author: t.AuthorName,
			Body:  s.md.HTML(t.ID, t.UpdatedAt, t.Body),
			Views: t.Views, Count: t.Comments, Others: s.items(others, s.now()),
			FormSlot: template.HTML(formSlot),
		}
		if tv.Files, err = s.threadFiles(ctx, t); err != nil {
			return nil, err
		}
		at := t.PublishedAt
		if at.IsZero() {
			at = t.CreatedAt
		}
		tv.Date, tv.ISO = at.In(loc).Format(timeFormat), at.UTC().Format(time.RFC3339)
		for _, c := range cats {
			if c.ID == t.CategoryID {
				tv.Category, tv.CatURL = c.Name, "/c/"+url.PathEscape(c.Slug)
				v.RSS, v.Atom = tv.CatURL+"/rss.xml", tv.CatURL+"/atom.xml"
			}
		}
		for _, c := range cp.Comments {
			tv.Comments = append(tv.Comments, commentView{
				ID: c.ID, Name: c.Name, Title: c.Title, Body: c.Body,
				Date: c.CreatedAt.In(loc).Format(timeFormat), ISO: c.CreatedAt.UTC().Format(time.RFC3339),
			})
		}
		tv.Pager = makePager(lang, i18n.T(lang, i18n.WebCommentPages), cp.Page, cp.Pages, func(k int) string {
			if k == 1 {
				return path + "#comments"
			}
			return path + "?cp=" + strconv.Itoa(k) + "#comments"
		})
		v.Thread = tv
		pg, err := s.htmlPage("thread", v)
		if err != nil {
			return nil, err
		}
		pg.path = path
		return pg, nil
	})
	if err != nil {
		return nil, "", err
	}
	return p, p.path, nil
}

package web

import (
	"context"
	"crypto/rand"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net"
	"net/http"
	"net/netip"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"charm.land/log/v2"
	"golang.org/x/net/netutil"
	"golang.org/x/sync/singleflight"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/limit"
)

// Defaults of Config's limits.
const (
	DefaultAddr              = ":8080"
	DefaultMaxBody           = 64 << 10
	DefaultReadHeaderTimeout = 5 * time.Second
	DefaultReadTimeout       = 20 * time.Second
	DefaultWriteTimeout      = 30 * time.Second
	DefaultIdleTimeout       = 60 * time.Second
	DefaultMaxHeaderBytes    = 16 << 10
	DefaultMaxConns          = 1000
)

// Config configures the web server. Zero values take the defaults.
type Config struct {
	Board *board.Board
	Name  string    // the board's title
	Lang  i18n.Lang // the language of a browser that asks for neither vi nor en
	// PublicURL is the site's address as visitors see it ("https://bangtin.example.gov.vn"), used
	// in canonical links, feeds and the sitemap; empty: taken from each request's Host (and
	// X-Forwarded-Proto from a trusted proxy).
	PublicURL string
	// TrustedProxies are the addresses of reverse proxies whose X-Forwarded-For and
	// X-Forwarded-Proto are believed; nobody else's are.
	TrustedProxies []netip.Prefix
	SSHHint        string // e.g. "ssh -p 2222 bangtin.example.gov.vn", shown in the footer
	Secret         []byte // key of the form tokens; random when nil (tokens die with the process)
	Logger         *log.Logger
	Now            func() time.Time

	MaxBody           int64 // request body bytes; default 64 KiB
	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	MaxHeaderBytes    int
	// MaxConns caps the open connections; more wait in the listen queue. Default 1000.
	MaxConns int
}

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Server is the board's web side. Handler serves it; Serve runs an http.Server with the
// configured timeouts.
type Server struct {
	cfg      Config
	b        *board.Board
	secret   []byte
	log      *log.Logger
	now      func() time.Time
	md       *renderer
	visitors *visitors
	pages    map[string]*template.Template
	form     *template.Template
	assets   map[string]asset
	cache    pageCache
	flight   singleflight.Group
	handler  http.Handler
	public   string     // PublicURL without a trailing slash
	phones   phoneCache // smaller versions of pictures (files.go)

	statsMu   sync.Mutex
	statsCond *sync.Cond // on statsMu: the first figures are ready
	statsAt   time.Time
	statsBusy bool // a request is reading the figures
	statsCur  stats

	srvMu sync.Mutex
	srv   *http.Server
}

// New builds the web server and registers its presence source ("web") with the board.
func New(cfg Config) (*Server, error) {
	if cfg.Board == nil {
		return nil, errors.New("web: no board")
	}
	if cfg.Name == "" {
		cfg.Name = i18n.T(cfg.Lang, i18n.BoardDefaultName)
	}
	if cfg.Lang != i18n.En {
		cfg.Lang = i18n.Vi
	}
	cfg.MaxBody = limit.Or(cfg.MaxBody, DefaultMaxBody)
	cfg.ReadHeaderTimeout = limit.Or(cfg.ReadHeaderTimeout, DefaultReadHeaderTimeout)
	cfg.ReadTimeout = limit.Or(cfg.ReadTimeout, DefaultReadTimeout)
	cfg.WriteTimeout = limit.Or(cfg.WriteTimeout, DefaultWriteTimeout)
	cfg.IdleTimeout = limit.Or(cfg.IdleTimeout, DefaultIdleTimeout)
	cfg.MaxHeaderBytes = limit.Or(cfg.MaxHeaderBytes, DefaultMaxHeaderBytes)
	cfg.MaxConns = limit.Or(cfg.MaxConns, DefaultMaxConns)
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = log.New(nilWriter{})
	}
	s := &Server{cfg: cfg, b: cfg.Board, log: cfg.Logger, now: cfg.Now, md: newRenderer(),
		public: strings.TrimRight(cfg.PublicURL, "/")}
	s.statsCond = sync.NewCond(&s.statsMu)
	s.secret = cfg.Secret
	if len(s.secret) == 0 {
		s.secret = make([]byte, 32)
		if _, err := rand.Read(s.secret); err != nil {
			return nil, fmt.Errorf("web: token key: %w", err)
		}
	}
	if s.public != "" && !strings.HasPrefix(s.public, "http://") && !strings.HasPrefix(s.public, "https://") {
		return nil, fmt.Errorf("web: public URL %q: want http:// or https://", cfg.PublicURL)
	}
	if err := s.parseTemplates(); err != nil {
		return nil, err
	}
	if err := s.loadAssets(); err != nil {
		return nil, err
	}
	s.visitors = newVisitors(s.b, s.b.Location())
	s.b.AddPresence("web", func() int { return s.visitors.online(s.now()) })
	s.handler = s.routes()
	return s, nil
}

type nilWriter struct{}

func (nilWriter) Write(p []byte) (int, error) { return len(p), nil }

func (s *Server) parseTemplates() error {
	base, err := template.New("base.html").ParseFS(templateFS, "templates/base.html", "templates/partials.html")
	if err != nil {
		return fmt.Errorf("web: templates: %w", err)
	}
	s.pages = map[string]*template.Template{}
	for _, name := range []string{"list", "thread", "search", "message"} {
		t, err := base.Clone()
		if err == nil {
			t, err = t.ParseFS(templateFS, "templates/"+name+".html")
		}
		if err != nil {
			return fmt.Errorf("web: template %s: %w", name, err)
		}
		s.pages[name] = t
	}
	s.form, err = template.ParseFS(templateFS, "templates/form.html")
	if err != nil {
		return fmt.Errorf("web: template form: %w", err)
	}
	return nil
}

// Handler is the web side as an http.Handler (tests, or a server of the caller's own).
func (s *Server) Handler() http.Handler { return s.handler }

// HTTPServer is an http.Server for the handler with the configured limits.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		MaxHeaderBytes:    s.cfg.MaxHeaderBytes,
		ErrorLog:          s.log.StandardLog(log.StandardLogOptions{ForceLevel: log.DebugLevel}),
	}
}

// Serve serves on ln until Shutdown; it returns nil after a Shutdown.
func (s *Server) Serve(ln net.Listener) error {
	srv := s.HTTPServer()
	s.srvMu.Lock()
	s.srv = srv
	s.srvMu.Unlock()
	if err := srv.Serve(netutil.LimitListener(ln, s.cfg.MaxConns)); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Shutdown stops accepting, waits for the requests in flight until ctx ends, and removes the
// web's presence source.
func (s *Server) Shutdown(ctx context.Context) error {
	s.b.AddPresence("web", nil)
	defer s.visitors.flush()
	s.srvMu.Lock()
	srv := s.srv
	s.srvMu.Unlock()
	if srv == nil {
		return nil
	}
	return srv.Shutdown(ctx)
}

// csp allows nothing but the site's own stylesheet and images: no script at all.
const csp = "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'none'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("GET /c/{slug}", s.category)
	mux.HandleFunc("GET /c/{slug}/rss.xml", s.categoryRSS)
	mux.HandleFunc("GET /c/{slug}/atom.xml", s.categoryAtom)
	mux.HandleFunc("GET /t/{id}", s.thread)
	mux.HandleFunc("GET /t/{id}/f/{file}/{name}", s.file)
	mux.Handle("POST /t/{id}/comment", s.crossOrigin(http.HandlerFunc(s.comment)))
	mux.HandleFunc("GET /search", s.search)
	mux.HandleFunc("GET /rss.xml", s.rss)
	mux.HandleFunc("GET /atom.xml", s.atom)
	mux.HandleFunc("GET /sitemap.xml", s.sitemap)
	mux.HandleFunc("GET /robots.txt", s.robots)
	mux.HandleFunc("GET /static/{file}", s.static)
	mux.HandleFunc("GET /favicon.ico", s.favicon)
	mux.HandleFunc("GET /", s.notFoundHandler)
	return s.middleware(mux)
}

// crossOrigin refuses a form sent from another site (Sec-Fetch-Site, Origin: Go's
// CrossOriginProtection), before the signed token is even looked at.
func (s *Server) crossOrigin(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	if s.public != "" {
		_ = cop.AddTrustedOrigin(s.public) // checked in New: a scheme and a host
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.message(w, r, http.StatusForbidden, i18n.WebErrorTitle, i18n.T(s.lang(r), i18n.WebFormCrossSite))
	}))
	return cop.Handler(next)
}

type ctxKey int

const addrKey ctxKey = 0

// reqInfo is what the middleware learned about a request.
type reqInfo struct {
	addr    netip.Addr
	proxied bool
}

func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("web: panic", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				s.message(w, r, http.StatusInternalServerError, i18n.WebErrorTitle, i18n.T(s.lang(r), i18n.WebErrorText))
			}
		}()
		if r.Body != nil {
			r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
		}
		addr, proxied := clientAddr(r, s.cfg.TrustedProxies)
		r = r.WithContext(context.WithValue(r.Context(), addrKey, reqInfo{addr, proxied}))
		if l := r.URL.Query().Get("lang"); (l == "vi" || l == "en") && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			s.switchLang(w, r, l)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func info(r *http.Request) reqInfo {
	ri, _ := r.Context().Value(addrKey).(reqInfo)
	return ri
}

// switchLang remembers the language a visitor picked (a cookie for a year) and sends them back to
// the page without the parameter.
func (s *Server) switchLang(w http.ResponseWriter, r *http.Request, l string) {
	http.SetCookie(w, &http.Cookie{Name: "lang", Value: l, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
	q := r.URL.Query()
	q.Del("lang")
	u := r.URL.Path
	if enc := q.Encode(); enc != "" {
		u += "?" + enc
	}
	http.Redirect(w, r, u, http.StatusSeeOther)
}

// lang is the visitor's language: the cookie of the switch, else Accept-Language, else the
// server's default.
func (s *Server) lang(r *http.Request) i18n.Lang {
	if c, err := r.Cookie("lang"); err == nil {
		switch c.Value {
		case "vi":
			return i18n.Vi
		case "en":
			return i18n.En
		}
	}
	return acceptLang(r.Header.Get("Accept-Language"), s.cfg.Lang)
}

// acceptLang picks vi or en from an Accept-Language header by quality; def when it names neither.
func acceptLang(h string, def i18n.Lang) i18n.Lang {
	best, bestQ := def, -1.0
	for _, item := range strings.Split(h, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(item), ";")
		tag = strings.ToLower(strings.TrimSpace(tag))
		var l i18n.Lang
		switch {
		case tag == "vi" || strings.HasPrefix(tag, "vi-"):
			l = i18n.Vi
		case tag == "en" || strings.HasPrefix(tag, "en-"):
			l = i18n.En
		default:
			continue
		}
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if _, err := fmt.Sscanf(v, "%g", &q); err != nil {
				q = 0
			}
		}
		if q > bestQ && q > 0 {
			best, bestQ = l, q
		}
	}
	return best
}

// base is the site's address for absolute links.
func (s *Server) base(r *http.Request) string {
	if s.public != "" {
		return s.public
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if info(r).proxied {
		if p := r.Header.Get("X-Forwarded-Proto"); p == "https" || p == "http" {
			scheme = p
		}
	}
	host := r.Host
	if host == "" || len(host) > 255 || strings.ContainsAny(host, "/\\@ \"<>'") {
		host = "localhost"
	}
	return scheme + "://" + host
}

// asset is an embedded static file with its validators.
type asset struct{ p *page }

func (s *Server) loadAssets() error {
	s.assets = map[string]asset{}
	return fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		ct := "application/octet-stream"
		switch {
		case strings.HasSuffix(p, ".css"):
			ct = "text/css; charset=utf-8"
		case strings.HasSuffix(p, ".svg"):
			ct = "image/svg+xml"
		case strings.HasSuffix(p, ".png"):
			ct = "image/png"
		}
		s.assets[strings.TrimPrefix(p, "static/")] = asset{newPage(http.StatusOK, ct, b, time.Time{})}
		return nil
	})
}

// assetVersion is the cache-busting query of the stylesheet.
func (s *Server) assetVersion(name string) string {
	a := s.assets[name]
	if a.p == nil {
		return ""
	}
	return strings.Trim(strings.TrimPrefix(a.p.etag, "W/"), `"`)
}

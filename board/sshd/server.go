// Package sshd serves the board over SSH: a charm.land/ssh server with modern algorithms only,
// a handshake timeout, clamped terminal sizes and capped channels and env requests, then one
// middleware chain per session (panic recovery, session limits, identity, logging) that hands a
// session with a PTY to the full-screen TUI and a session without one to the ssh command
// interface. A live-session registry counts who is online and pushes tui.LiveMsg to every TUI
// without ever blocking on a slow client; idleness is timed by the user's input, not by the
// board's redraws; Shutdown tells every reader that the board is restarting. The TUI runs as a
// bubbletea program without bubbletea's renderer: screen.go draws its frames, keeping only the
// rows on the terminal (bubbletea's two cell buffers were most of an idle session's memory) and
// sending only what changed in each row.
package sshd

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/log/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/limit"
	"bangtin/board/tui"
)

// Defaults of the Config limits.
const (
	DefaultIdleTimeout        = 15 * time.Minute
	DefaultMaxSessions        = 1000
	DefaultMaxSessionsPerIP   = 20
	DefaultLoginGrace         = 30 * time.Second
	DefaultMaxAuthTries       = 6 // auth.RecommendedMaxAuthTries: room for a few agent keys before a password
	DefaultMaxChannelsPerConn = 10
	DefaultMaxEnvPerSession   = 32
	DefaultLiveInterval       = time.Second
	DefaultFPS                = 20 // see Config.FPS
	DefaultShutdownGrace      = 10 * time.Second
	DefaultArtCache           = tui.DefaultArtCache // bytes; see Config.ArtCache
	DefaultSharedFrames       = tui.DefaultFrames
)

// The largest (by default: Config.MaxTermWidth and MaxTermHeight) and the default terminal a
// client may claim; anything larger is clamped (a pty-req of 10000×10000 would make every frame
// hold a hundred million cells).
const (
	MaxWidth      = 400
	MaxHeight     = 200
	DefaultWidth  = 80
	DefaultHeight = 24
)

// Authenticator decides who connects. *auth.Auth (board/sshd/auth) implements it; the server installs its
// handlers and asks Identify once per session (from what the handshake proved).
type Authenticator interface {
	PublicKeyHandler(ctx ssh.Context, key ssh.PublicKey) bool
	PasswordHandler(ctx ssh.Context, password string) bool
	KeyboardInteractiveHandler(ctx ssh.Context, ch gossh.KeyboardInteractiveChallenge) bool
	Identify(s ssh.Session) (board.Identity, error)
	Claim(ctx context.Context, code string, s ssh.Session) (board.Account, error)
}

// Config configures a Server. Zero limits take the defaults above.
type Config struct {
	Addr        string         // listen address for ListenAndServe (default ":2222")
	Board       *board.Board   // required
	Auth        Authenticator  // required (*auth.Auth)
	HostSigners []gossh.Signer // required: the host keys (keys.LoadHostKeys)
	BoardName   string         // the title in the header
	Lang        i18n.Lang      // default language when the client's LANG/LC_ALL says nothing
	Version     string         // the program's version (the `version` command)

	IdleTimeout        time.Duration // no input for this long ends a session (commands: nor output)
	MaxSessions        int           // live sessions on the server
	MaxSessionsPerIP   int           // live sessions from one IP address
	LoginGrace         time.Duration // the SSH handshake (with authentication) must finish within
	MaxAuthTries       int           // authentication attempts per connection
	MaxChannelsPerConn int           // open session channels per connection
	MaxEnvPerSession   int           // env requests a session may make
	MaxTermWidth       int           // columns a terminal may claim (more are clamped); default MaxWidth
	MaxTermHeight      int           // rows a terminal may claim; default MaxHeight
	LiveInterval       time.Duration // how often the hub looks for changes to push
	// FPS is the most frames a second a session draws (screen.go). A session draws only when
	// its view changes, so an idle one costs no wakeups; the first frame is drawn as soon as the
	// data is loaded. 20 keeps the echo of a key under 50 ms while a burst of changes (a paste,
	// a held key) costs at most 20 frames a second.
	FPS int
	// SharedFrames is how many rendered frames the server keeps for sessions that show the
	// same screen (tui.Frames; default DefaultSharedFrames). A push of the online count then
	// renders each distinct screen once, not once per session, and works out once what
	// changed on it (the same number of changes are kept).
	SharedFrames int
	Logger       *log.Logger // default: charm log to stderr

	// ArtCache bounds, in bytes, the pictures' terminal art the sessions share (drawn once per
	// picture and width, its lines once per colour profile); 0: tui.DefaultArtCache.
	ArtCache int64
	// PublicHost is the host name users know the board by (--public-url's host): the download
	// commands the TUI shows name it; "": the address each client connected to.
	PublicHost string

	// WrapModel, when set, wraps each session's TUI model (tests inject faults with it).
	WrapModel func(tea.Model) tea.Model
}

func (c *Config) setDefaults() {
	if c.Addr == "" {
		c.Addr = ":2222"
	}
	if c.Lang == "" {
		c.Lang = i18n.Vi
	}
	if c.BoardName == "" {
		c.BoardName = i18n.T(c.Lang, i18n.BoardDefaultName)
	}
	c.IdleTimeout = limit.Or(c.IdleTimeout, DefaultIdleTimeout)
	c.MaxSessions = limit.Or(c.MaxSessions, DefaultMaxSessions)
	c.MaxSessionsPerIP = limit.Or(c.MaxSessionsPerIP, DefaultMaxSessionsPerIP)
	c.LoginGrace = limit.Or(c.LoginGrace, DefaultLoginGrace)
	c.MaxAuthTries = limit.Or(c.MaxAuthTries, DefaultMaxAuthTries)
	c.MaxChannelsPerConn = limit.Or(c.MaxChannelsPerConn, DefaultMaxChannelsPerConn)
	c.MaxEnvPerSession = limit.Or(c.MaxEnvPerSession, DefaultMaxEnvPerSession)
	c.MaxTermWidth = limit.Or(c.MaxTermWidth, MaxWidth)
	c.MaxTermHeight = limit.Or(c.MaxTermHeight, MaxHeight)
	c.LiveInterval = limit.Or(c.LiveInterval, DefaultLiveInterval)
	c.FPS = limit.Or(c.FPS, DefaultFPS)
	c.SharedFrames = limit.Or(c.SharedFrames, DefaultSharedFrames)
	if c.Logger == nil {
		c.Logger = log.NewWithOptions(os.Stderr, log.Options{ReportTimestamp: true, Prefix: "sshd"})
	}
}

// Server is the board's SSH server.
type Server struct {
	cfg    Config
	srv    *ssh.Server
	log    *log.Logger
	reg    *registry
	tui    *tui.Cache  // what the TUI sessions share (lists, threads, rendered Markdown)
	frames *tui.Frames // frames of identical screens, rendered once (Config.SharedFrames)
	draws  *drawCache  // and the changes between them, worked out once

	closing  atomic.Bool
	addr     atomic.Value // net.Addr of the first listener
	hubOnce  sync.Once
	hubStop  chan struct{}
	stopOnce sync.Once
}

// New builds a server; it does not listen yet.
func New(cfg Config) (*Server, error) {
	cfg.setDefaults()
	switch {
	case cfg.Board == nil:
		return nil, errors.New("sshd: Config.Board is required")
	case cfg.Auth == nil:
		return nil, errors.New("sshd: Config.Auth is required")
	case len(cfg.HostSigners) == 0:
		return nil, errors.New("sshd: Config.HostSigners is required")
	}
	s := &Server{cfg: cfg, log: cfg.Logger, reg: newRegistry(), tui: tui.NewCache().WithArtCache(cfg.ArtCache),
		frames: tui.NewFrames(cfg.SharedFrames), draws: newDrawCache(cfg.SharedFrames), hubStop: make(chan struct{})}
	cfg.Board.AddPresence("ssh", s.reg.online)

	signers, err := modernSigners(cfg.HostSigners)
	if err != nil {
		return nil, fmt.Errorf("sshd: host keys: %w", err)
	}
	hostSigners := make([]ssh.Signer, len(signers))
	for i, k := range signers {
		hostSigners[i] = k
	}

	s.srv = &ssh.Server{
		Addr:        cfg.Addr,
		Handler:     s.handler(),
		HostSigners: hostSigners,
		Version:     "bangtin",

		PublicKeyHandler:           cfg.Auth.PublicKeyHandler,
		PasswordHandler:            cfg.Auth.PasswordHandler,
		KeyboardInteractiveHandler: cfg.Auth.KeyboardInteractiveHandler,
		ServerConfigCallback:       s.sshConfig,
		ConnCallback:               s.connCallback,
		ConnectionFailedCallback:   s.connFailed,

		// The handshake, authentication included, must finish within the login grace; without
		// it a half-open connection lives forever. The library's IdleTimeout is NOT used: it
		// resets on every write, so a live counter would keep a dead session open; idleness is
		// timed by the user's input instead (session.go).
		HandshakeTimeout: cfg.LoginGrace,

		// Sessions only (with capped channels and filtered requests): no port forwarding (nil
		// forwarding callbacks deny it, no "direct-tcpip" handler, no global request handlers),
		// one subsystem, SFTP over the board's virtual tree (sftp.go), no PROXY protocol.
		ChannelHandlers:     map[string]ssh.ChannelHandler{"session": s.sessionChannel},
		RequestHandlers:     map[string]ssh.RequestHandler{},
		SubsystemHandlers:   s.subsystems(),
		EnableProxyProtocol: false,
	}
	return s, nil
}

// handler builds the middleware chain every session runs through. wish lists middlewares
// innermost first; this one lists them in the order a session meets them:
//
//  1. recover: a panic anywhere below ends that session with an apology and a logged stack;
//     the server goes on. (Panics inside the TUI, in Update, View or a tea.Cmd, are caught by
//     bubbletea itself, which stays on; the TUI handler turns them into the same apology.)
//  2. admit: the session limits (server-wide and per IP) and shutdown, each refused politely
//     in the client's language; registers the session for "online now" and pushes.
//  3. identify: the identity from what the handshake proved (Authenticator.Identify).
//  4. logging: one line per session: remote address, identity, fingerprint, "tui" or the
//     command, duration, how it ended.
//  5. idle: ends the session after IdleTimeout without input from the user.
//  6. dispatch: a PTY without a command gets the TUI, everything else the command interface.
func (s *Server) handler() ssh.Handler { return s.chain(s.dispatchMiddleware) }

// chain is the middleware chain above with last as its innermost step (dispatch for sessions,
// the SFTP server for the subsystem).
func (s *Server) chain(last wish.Middleware) ssh.Handler {
	mws := []wish.Middleware{ // innermost first, as wish.WithMiddleware applies them
		last,
		s.idleMiddleware,
		s.loggingMiddleware,
		s.identifyMiddleware,
		s.admitMiddleware,
		s.recoverMiddleware,
	}
	h := func(ssh.Session) {}
	for _, m := range mws {
		h = m(h)
	}
	return h
}

// Serve accepts connections on ln until Shutdown or Close.
func (s *Server) Serve(ln net.Listener) error {
	s.addr.CompareAndSwap(nil, ln.Addr())
	s.hubOnce.Do(func() { go s.hub() })
	err := s.srv.Serve(&quickAckListener{Listener: ln})
	if errors.Is(err, ssh.ErrServerClosed) {
		return err
	}
	if err != nil {
		return fmt.Errorf("serve ssh on %s: %w", ln.Addr(), err)
	}
	return nil
}

// ErrServerClosed is returned by Serve and ListenAndServe after Shutdown or Close.
var ErrServerClosed = ssh.ErrServerClosed

// ListenAndServe listens on Config.Addr and serves.
func (s *Server) ListenAndServe() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	return s.Serve(ln)
}

// Addr is the address of the listener being served, or nil before Serve.
func (s *Server) Addr() net.Addr {
	a, _ := s.addr.Load().(net.Addr)
	return a
}

// Online is "Đang online" as the board counts it: this server's live TUI sessions, the node's
// other sources (the web) and, on a shared store, the other nodes (board.Board.Online).
func (s *Server) Online() int { return s.cfg.Board.Online() }

// Shutdown stops accepting connections, tells every reader that the board is restarting, waits
// for the sessions to end (commands may finish) until ctx is done, then closes every
// connection left. The caller closes the board afterwards.
func (s *Server) Shutdown(ctx context.Context) error {
	s.closing.Store(true)
	s.stopHub()
	// srv.Shutdown closes the listeners at once, then waits for every connection to close.
	done := make(chan error, 1)
	go func() { done <- s.srv.Shutdown(ctx) }()

	for _, ss := range s.reg.sessions() {
		if ss.interactive.Load() {
			ss.end(i18n.Restarting, 0)
		}
	}
	err := s.reg.waitEmpty(ctx)
	// Connections without a session (mid-handshake, or clients that keep an empty connection
	// open) have nothing to lose.
	cerr := s.srv.Close()
	select {
	case <-done:
	case <-time.After(time.Second):
	}
	if err != nil {
		return fmt.Errorf("sshd shutdown: sessions still running: %w", err)
	}
	if cerr != nil && !errors.Is(cerr, net.ErrClosed) {
		return fmt.Errorf("sshd shutdown: %w", cerr)
	}
	return nil
}

// Close closes the listeners and every connection at once.
func (s *Server) Close() error {
	s.closing.Store(true)
	s.stopHub()
	return s.srv.Close()
}

func (s *Server) stopHub() { s.stopOnce.Do(func() { close(s.hubStop) }) }

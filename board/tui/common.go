package tui

import (
	"context"
	"net"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
	"bangtin/board/tui/component"
)

// Env is what a session brings to its TUI.
type Env struct {
	Board     *board.Board
	Identity  board.Identity
	Lang      i18n.Lang
	BoardName string
	Online    func() int // live sessions on the server ("Đang online")
	Width     int        // initial size (already clamped by the server)
	Height    int
	NoColor   bool // TERM=dumb or NO_COLOR: every screen must stay readable in monochrome
	// Context is the session's context (optional): board calls made by the pages end with it.
	Context context.Context
	// Cache is shared by the sessions of one server (loaded lists and threads, rendered
	// Markdown, laid-out rows); nil: the session has its own.
	Cache *Cache
	// Frames shares the frames of identical screens between the sessions of one server
	// (frames.go); nil: the session draws its own.
	Frames *Frames
	// CaptchaQuestion makes the two numbers of the comment form's check question (nil:
	// random; tests fix it).
	CaptchaQuestion func() (int, int)
	// Profile is the colours the session's terminal draws, now (its answers may raise it);
	// pictures' art is made in it (files.go). nil: 24-bit. It is called from tea.Cmds.
	Profile func() colorprofile.Profile
	// ServerAddr is the address the client connected to, PublicHost the host name of
	// --public-url: the download commands shown for files name them (files_addr.go).
	ServerAddr net.Addr
	PublicHost string
}

// LiveMsg is sent by the server to every session when the board's version, the online count or
// the pending count changed. Sending never blocks the server: a busy session misses a LiveMsg
// and gets the next one.
type LiveMsg struct {
	Online  int
	Version uint64
}

// Common is shared by every page of one session.
type Common struct {
	Env
	Width, Height int     // current terminal size
	Styles        *Styles // the session's styles (styles.go: the one place for styles)
	Keys          *KeyMap // the session's keys in its language (keys.go: the one place for keys)
	OnlineNow     int     // the latest online count (from Env.Online, then LiveMsg)
	Version       uint64  // the latest board version the root model has seen (LiveMsg)
	Views         *board.ViewCounter
	Ctx           context.Context // Env.Context, or context.Background()
}

// Header and footer rows the root model draws around a page.
const (
	headerRows = 1
	footerRows = 1
	// MinWidth and MinHeight: below them the root shows i18n.WindowTooSmall.
	MinWidth  = 60
	MinHeight = 18
	// ioTimeout bounds every board call a page makes.
	ioTimeout = 10 * time.Second
)

// T is the message for key in the session's language.
func (c *Common) T(k i18n.Key, args ...any) string { return i18n.T(c.Lang, k, args...) }

// ErrText is the user's message for an error from the board, sanitised (an error may quote
// user text).
func (c *Common) ErrText(err error) string { return text.Line(i18n.Error(c.Lang, err)) }

// ContentHeight is the number of rows a page's View may use.
func (c *Common) ContentHeight() int { return max(1, c.Height-headerRows-footerRows) }

// Context returns a context for one board call made inside a tea.Cmd.
func (c *Common) Context() (context.Context, context.CancelFunc) {
	ctx := c.Ctx
	if ctx == nil {
		ctx = context.Background()
	}
	return context.WithTimeout(ctx, ioTimeout)
}

// Location is the board's time zone (dates are shown in it).
func (c *Common) Location() *time.Location {
	if c.Board != nil {
		if l := c.Board.Location(); l != nil {
			return l
		}
	}
	return time.Local
}

// Date formats t as dd/mm/yyyy in the board's time zone ("" for the zero time, and for the
// instant before it: an open end of a date range).
func (c *Common) Date(t time.Time) string {
	if t.Year() < 2 {
		return ""
	}
	return t.In(c.Location()).Format("02/01/2006")
}

// DateTime formats t as dd/mm/yyyy hh:mm in the board's time zone.
func (c *Common) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(c.Location()).Format("02/01/2006 15:04")
}

// Line sanitises one line of user text for display (board/text.Line).
func Line(s string) string { return text.Line(s) }

// Cut sanitises one line of user text and cuts it to w cells with "…" (no padding).
func Cut(s string, w int) string { return component.Cut(s, w) }

// Fit cuts s (already sanitised, no escape codes) to w cells with "…" and pads it with spaces to
// exactly w cells, measuring by display width.
func Fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	sw := width(s)
	if sw > w {
		s = text.Truncate(s, w, "…")
		sw = text.Width(s)
	}
	if pad := w - sw; pad > 0 {
		s += spaces(pad)
	}
	return s
}

// LangMsg is sent to every page after "L" switched the session's language (Common.Lang).
type LangMsg struct{}

// Capturer is implemented by pages that are typing text: while Capturing is true the root model
// passes every key (except ctrl+c) to the page instead of treating "?", "L", "/"... as commands.
type Capturer interface {
	Capturing() bool
}

// TextFocuser is implemented by pages whose focus may be in a text field (a form's field, a
// prompt's line, the search line). The root asks it before a key reaches the page: an input
// method (Telex/VNI) composes only into text, never into a page's letter keys.
type TextFocuser interface {
	TextFocused() bool
}

// inputPrompt reports whether p is an open prompt that takes a line of text.
func inputPrompt(p *component.Prompt) bool { return p != nil && p.IsInput() }

// Page is one screen. The root model routes messages to the top page and draws the header and
// the help line around its View.
type Page interface {
	Init() tea.Cmd
	Update(tea.Msg) (Page, tea.Cmd)
	View() string // the content area: Common.Width × (Common.Height - header - footer)
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}

// QuitMsg asks the root model to end the session, after asking the user ("q" on home).
type QuitMsg struct{}

// OpenMsg asks the root model to push a page on top of the current one.
type OpenMsg struct{ Page Page }

// BackMsg asks the root model to pop the top page (Esc, q, or a page that finished).
type BackMsg struct {
	Flash string // a one-line notice to show on the page below, if any
	Gone  uint64 // a thread that no longer exists for readers: the pages showing it close too
}

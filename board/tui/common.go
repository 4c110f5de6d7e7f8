// Package tui is the full-screen board a person sees over SSH: home with categories, the thread
// list and the visitor box; threads with comments and other news; search; what's new; help; and,
// for moderators and admins, the comment form, the moderation queue, the news editor, users, bans
// and the audit log. Screens are Pages sharing one Common; all I/O happens inside tea.Cmds that
// return typed messages, never in Update.
package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
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
}

// Page is one screen. The root model routes messages to the top page and draws the header and
// the help line around its View.
type Page interface {
	Init() tea.Cmd
	Update(tea.Msg) (Page, tea.Cmd)
	View() string // the content area: Common.Width × (Common.Height - header - footer)
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
}

// OpenMsg asks the root model to push a page on top of the current one.
type OpenMsg struct{ Page Page }

// BackMsg asks the root model to pop the top page (Esc, q, or a page that finished).
type BackMsg struct{ Flash string } // Flash: a one-line notice to show on the page below, if any

// New builds the root model of one session.
func New(env Env) tea.Model { return nil }

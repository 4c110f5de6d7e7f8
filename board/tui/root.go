package tui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board/i18n"
)

// model is the root of one session: the header, the page stack and the help line.
type model struct {
	c       *Common
	stack   []Page
	pending int // comments waiting (moderators)
	flash   string

	asking string // a question before leaving (Ctrl-C with unsaved text, q on home), shown in the help line
	idle   string // the server's warning before an idle close (idle.go), shown above the help line

	lastKey time.Time // when the last key press was handled (idle.go)
	typing  typing    // typed text gathered for the focused field (typing.go)

	view  string // the last frame, reused while nothing changed
	dirty bool

	// The header and help line change rarely; they are rebuilt only when their inputs change,
	// and interned in Env.Frames (headID, footID: their numbers there; 0: not shared).
	head, foot       string
	headKey, footKey string
	headID, footID   uint64
	shared           bool // view is a frame from Env.Frames
	partsOK          bool // no message but LiveMsg since head and foot were brought up to date

	vn vnState // Vietnamese input (vietnamese.go)
}

// maxStack bounds the pages a session keeps (home stays at the bottom).
const maxStack = 16

// Statuser is implemented by pages with a short status for the right end of the help line
// (a thread's scroll position).
type Statuser interface {
	Status() string
}

type pendingMsg struct {
	n   int
	err error
}

// New builds the root model of one session.
func New(env Env) tea.Model {
	if env.Lang == "" {
		env.Lang = i18n.Vi
	}
	if env.Width <= 0 || env.Height <= 0 {
		env.Width, env.Height = 80, 24
	}
	if env.Cache == nil {
		env.Cache = NewCache()
	}
	c := &Common{Env: env, Width: env.Width, Height: env.Height, Styles: env.Cache.Styles(env.NoColor), Keys: env.Cache.KeyMap(env.Lang), Ctx: env.Context}
	if env.Online != nil {
		c.OnlineNow = env.Online()
	}
	if env.Board != nil {
		c.Views = env.Board.NewViewCounter()
		c.Version = env.Board.Version()
	}
	m := &model{c: c, dirty: true}
	m.stack = []Page{NewHome(c)}
	return m
}

func (m *model) Init() tea.Cmd {
	return tea.Batch(m.top().Init(), m.loadPending(), m.vnInit())
}

func (m *model) top() Page { return m.stack[len(m.stack)-1] }

// Ready reports whether the first screen is complete: the home page has its data. The SSH
// server draws the first frame as soon as it is, without waiting for a frame interval.
func (m *model) Ready() bool {
	h, ok := m.top().(*homePage)
	return ok && len(m.stack) == 1 && h.loaded && h.err == ""
}

func (m *model) loadPending() tea.Cmd {
	c := m.c
	if c.Board == nil || !c.Identity.Role.CanModerate() {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := c.Context()
		defer cancel()
		n, err := c.Board.PendingCount(ctx)
		return pendingMsg{n: n, err: err}
	}
}

// reading pages take the board-wide keys (w, /, m, N, ...); writing pages get every key.
func reading(p Page) bool {
	switch p.(type) {
	case *homePage, *threadPage, *whatsNewPage, *searchPage:
		return true
	}
	return false
}

func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case IdleMsg:
		m.idle, m.dirty = m.idleWarn(msg), true
		return m, nil
	case tea.KeyPressMsg:
		m.lastKey = time.Now()
		if m.idle != "" { // the key only keeps the session: it was not meant for the page
			m.idle, m.dirty = "", true
			return m, nil
		}
		if cmd, took := m.gather(msg); took { // typed text: handed over in runs (typing.go)
			return m, cmd
		}
	case tea.PasteMsg:
		m.idle = ""
	case typingMsg:
		if msg.gen == m.typing.gen {
			return m, m.flushTyping()
		}
		return m, nil
	}
	pre := m.flushTyping() // a run typed before this message reaches the page first
	_, cmd := m.update(msg)
	return m, tea.Batch(pre, cmd)
}

func (m *model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	c := m.c
	if _, live := msg.(LiveMsg); !live {
		m.partsOK = false // only a LiveMsg leaves the header and the help line as they are
	}
	if cmd, done := m.vnMsg(msg); done { // Vietnamese input (vietnamese.go)
		m.dirty = true
		return m, cmd
	}
	switch msg := msg.(type) {
	case LiveMsg:
		var cmds []tea.Cmd
		if msg.Online != c.OnlineNow {
			c.OnlineNow = msg.Online
			// The home page reloads for a newer version and is drawn when its data comes (with
			// the new visitor counts): one frame per push, not one for the count and another for
			// the counts a moment later, in every session at once.
			if h, ok := m.top().(*homePage); !ok || len(m.stack) != 1 || !h.loaded || msg.Version <= h.version || c.Board == nil {
				m.dirty = true
			}
		}
		if msg.Version > c.Version {
			c.Version = msg.Version
			cmds = append(cmds, m.loadPending(), m.updateTop(msg))
		}
		return m, tea.Batch(cmds...)
	case pendingMsg:
		if msg.err == nil && msg.n != m.pending {
			m.pending = msg.n
			m.dirty = true
		}
		return m, nil
	case tea.WindowSizeMsg:
		c.Width, c.Height = max(1, msg.Width), max(1, msg.Height)
		m.dirty = true
		return m, m.broadcast(msg)
	case OpenMsg:
		if msg.Page == nil {
			return m, nil
		}
		if len(m.stack) >= maxStack { // endless "Tin khác" browsing: forget the oldest pages
			copy(m.stack[1:], m.stack[2:])
			m.stack = m.stack[:len(m.stack)-1]
		}
		m.stack = append(m.stack, msg.Page)
		m.dirty = true
		return m, msg.Page.Init()
	case BackMsg:
		m.dirty = true
		if len(m.stack) > 1 {
			m.stack[len(m.stack)-1] = nil
			m.stack = m.stack[:len(m.stack)-1]
		}
		for msg.Gone != 0 && len(m.stack) > 1 {
			tp, ok := m.top().(*threadPage)
			if !ok || tp.tid != msg.Gone {
				break
			}
			m.stack[len(m.stack)-1] = nil
			m.stack = m.stack[:len(m.stack)-1]
		}
		m.flash = ""
		if f, ok := m.top().(Flasher); ok && msg.Flash != "" {
			f.Flash(Line(msg.Flash)) // the page below shows it on its own notice line
		} else {
			m.flash = Line(msg.Flash)
		}
		// The page below may have missed changes while it was covered, or the page that closed
		// made one (Version is an in-memory counter: no I/O).
		if c.Board != nil {
			c.Version = max(c.Version, c.Board.Version())
		}
		return m, tea.Batch(m.loadPending(), m.updateTop(LiveMsg{Online: c.OnlineNow, Version: c.Version}))
	case tea.KeyPressMsg:
		m.dirty = true
		m.flash = ""
		return m, m.key(msg)
	case QuitMsg:
		m.dirty = true
		m.askQuit()
		return m, nil
	}
	m.dirty = true
	return m, m.broadcast(msg)
}

// key handles a key press: Vietnamese input first (vietnamese.go), then the board's keys and
// the page.
func (m *model) key(msg tea.KeyPressMsg) tea.Cmd {
	pre, done := m.vnKey(msg)
	if done {
		return pre
	}
	return tea.Batch(pre, m.pageKey(msg))
}

func (m *model) pageKey(msg tea.KeyPressMsg) tea.Cmd {
	c, k := m.c, m.c.Keys
	if m.asking != "" {
		switch {
		case key.Matches(msg, k.Yes, k.ForceQ):
			return tea.Quit
		case key.Matches(msg, k.No, k.Cancel):
			m.asking = ""
		}
		return nil
	}
	if key.Matches(msg, k.ForceQ) {
		if m.unsaved() {
			m.asking = c.T(i18n.TUIQuitUnsaved) // Windows users press Ctrl-C to copy
			return nil
		}
		return tea.Quit
	}
	top := m.top()
	// This is where keys reach the focused page. An input method (Telex/VNI, board/tui/input)
	// hooks in here, composing only while m.TextFocused().
	if cp, ok := top.(Capturer); ok && cp.Capturing() {
		return m.updateTop(msg)
	}
	_, inHelp := top.(*helpPage)
	switch {
	case key.Matches(msg, k.Help) && !inHelp:
		return open(newHelpPage(c, top, m.globalKeys(top)))
	case key.Matches(msg, k.Lang):
		c.Lang = c.Lang.Toggle()
		c.Keys = c.Cache.KeyMap(c.Lang)
		return m.broadcast(LangMsg{})
	}
	if _, home := top.(*homePage); home && key.Matches(msg, k.Quit) {
		// Asked here, not through a message: a "y" typed right after "q" must find the question.
		m.askQuit()
		return nil
	}
	if reading(top) {
		r := c.Identity.Role
		switch {
		case key.Matches(msg, k.WhatsNew):
			if _, ok := top.(*whatsNewPage); !ok {
				return open(NewWhatsNew(c))
			}
		case key.Matches(msg, k.Search):
			if _, ok := top.(*searchPage); !ok {
				return open(NewSearch(c))
			}
		case key.Matches(msg, k.Queue) && r.CanModerate():
			return open(NewQueue(c))
		case key.Matches(msg, k.NewThread) && r.CanEditNews():
			return open(NewEditor(c, nil))
		case key.Matches(msg, k.Categories) && r.CanEditNews():
			return open(NewCategories(c))
		case key.Matches(msg, k.Users) && r.CanAdmin():
			return open(NewUsers(c))
		case key.Matches(msg, k.Bans) && r.CanAdmin():
			return open(NewBans(c))
		case key.Matches(msg, k.Settings) && r.CanAdmin():
			return open(NewSettings(c))
		case key.Matches(msg, k.Audit) && r.CanAdmin():
			return open(NewAudit(c))
		case key.Matches(msg, k.Deleted) && r.CanAdmin():
			return open(NewDeleted(c))
		case key.Matches(msg, k.Mine):
			// Offered to identified writers; a guest without a key learns why it has no list.
			return open(NewMine(c))
		case key.Matches(msg, k.Queue, k.NewThread, k.Categories, k.Users, k.Bans, k.Settings, k.Audit, k.Deleted):
			// A key of a role this identity does not have: nothing opens, and the attempt is
			// recorded in the audit log like a refused command.
			return tea.Batch(m.updateTop(msg), logDenied(c, "tui:"+msg.String()))
		}
	}
	return m.updateTop(msg)
}

// logDenied records a refused attempt at a privileged screen (the board queues it: no disk I/O
// on the caller's path, and none in Update: it runs as a Cmd).
func logDenied(c *Common, what string) tea.Cmd {
	if c.Board == nil {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := c.Context()
		defer cancel()
		c.Board.LogDenied(ctx, c.Identity, what)
		return nil
	}
}

// globalKeys are the board-wide keys shown in the full help of a reading page: the writing
// screens this identity may open, and the Vietnamese input keys (two columns).
func (m *model) globalKeys(top Page) [][]key.Binding {
	if !reading(top) {
		return [][]key.Binding{m.vnHelpKeys()}
	}
	return [][]key.Binding{m.c.Keys.roleKeys(m.c.Identity), m.vnHelpKeys()}
}

func (m *model) updateTop(msg tea.Msg) tea.Cmd {
	i := len(m.stack) - 1
	p, cmd := m.stack[i].Update(msg)
	if p != nil {
		m.stack[i] = p
	}
	return cmd
}

// broadcast sends a message every page may care about (sizes, language, loaded data) to the
// whole stack; loaded messages carry the id of the page that asked.
func (m *model) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for i, pg := range m.stack {
		p, cmd := pg.Update(msg)
		if p != nil {
			m.stack[i] = p
		}
		if cmd != nil {
			cmds = append(cmds, cmd)
		}
	}
	return tea.Batch(cmds...)
}

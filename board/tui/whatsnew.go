package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

const whatsNewLimit = 50

// whatsNewPage lists the threads and comments new since the reader's previous visit.
type whatsNewPage struct {
	c      *Common
	data   board.WhatsNew
	list   pickList
	first  []uint64 // per pickable row: the first new comment to open the thread at, 0: the top
	loaded bool
	err    string
	// content is the board's ContentVersion when the list shown was asked for: a live change
	// after it reloads the list, the cursor staying on its row's thread (pickList.keep).
	content uint64
	asking  bool
}

// newGroup is one thread's new comments: how many, the first (oldest) and the latest.
type newGroup struct {
	thread board.Thread
	n      int
	first  uint64
	latest board.Comment
}

// groupComments groups comments (newest first) by thread, the thread with the newest comment
// first.
func groupComments(cs []board.Comment) []newGroup {
	var out []newGroup
	at := map[uint64]int{}
	for _, cm := range cs {
		i, ok := at[cm.ThreadID]
		if !ok {
			i = len(out)
			at[cm.ThreadID] = i
			out = append(out, newGroup{thread: board.Thread{ID: cm.ThreadID, Title: cm.ThreadTitle}, latest: cm})
		}
		out[i].n++
		out[i].first = cm.ID // newest first: the last one seen is the oldest
	}
	return out
}

type whatsNewMsg struct {
	to   *whatsNewPage
	data board.WhatsNew
	err  error
}

// NewWhatsNew builds the what's new page ("w").
func NewWhatsNew(c *Common) Page { return &whatsNewPage{c: c} }

func (p *whatsNewPage) Init() tea.Cmd {
	c, to := p.c, p
	if c.Board == nil {
		return nil
	}
	p.content, p.asking = c.Board.ContentVersion(), true
	return func() tea.Msg {
		m := whatsNewMsg{to: to}
		ctx, cancel := c.Context()
		defer cancel()
		// One more than shown tells whether the list was cut.
		m.data, m.err = c.Board.WhatsNew(ctx, c.Identity, whatsNewLimit+1)
		for i := range m.data.Comments {
			m.data.Comments[i].Body = "" // the list shows who and where, not the text
		}
		return m
	}
}

func (p *whatsNewPage) Update(msg tea.Msg) (Page, tea.Cmd) {
	switch msg := msg.(type) {
	case whatsNewMsg:
		if msg.to != p || !p.c.settled(&p.asking, &p.err, msg.err) {
			return p, nil
		}
		p.data, p.loaded = msg.data, true
		p.compose()
	case LiveMsg:
		if p.loaded && !p.asking && p.c.Board != nil && p.c.Board.ContentVersion() > p.content {
			return p, p.Init()
		}
	case tea.WindowSizeMsg, LangMsg:
		if p.loaded {
			p.compose()
		}
	case tea.KeyPressMsg:
		if key.Matches(msg, p.c.Keys.Open) && p.list.sel < len(p.first) && p.first[p.list.sel] != 0 {
			return p, openAtComment(p.c, p.list.threads, p.list.sel, p.first[p.list.sel])
		}
		return p, p.list.keys(p.c, msg, p.c.ContentHeight())
	}
	return p, nil
}

func (p *whatsNewPage) compose() {
	c, s := p.c, p.c.Styles
	w := c.Width - 1
	was, had := p.list.pickedKey()
	defer func() { p.list.keep(was, had, false, c.ContentHeight()) }()
	p.list.reset()
	p.first = p.first[:0]
	p.list.add(" " + s.Section.Render(Fit(c.T(i18n.TUIWhatsNew, c.DateTime(p.data.Since)), w)))
	if len(p.data.Threads) == 0 && len(p.data.Comments) == 0 {
		p.list.add("")
		p.list.add(" " + c.T(i18n.TUIWhatsNewNone))
		return
	}
	threads, comments := p.data.Threads, p.data.Comments
	cutT, cutC := len(threads) > whatsNewLimit, len(comments) > whatsNewLimit
	threads, comments = threads[:min(len(threads), whatsNewLimit)], comments[:min(len(comments), whatsNewLimit)]
	if len(threads) > 0 {
		p.list.add("")
		p.list.add(" " + s.Title.Render(c.T(i18n.TUIWhatsNewThreads)))
		for _, t := range threads {
			p.list.addThreadIn(0, t, " "+s.Muted.Render(Fit(c.Date(t.PublishedAt), 10))+" "+Fit(Line(t.Title), max(1, w-13)))
			p.first = append(p.first, 0)
		}
		if cutT {
			p.list.add(" " + s.Muted.Render(Fit(c.T(i18n.TWNewCutThreads, whatsNewLimit), w-1)))
		}
	}
	if len(comments) > 0 {
		p.list.add("")
		p.list.add(" " + s.Title.Render(c.T(i18n.TUIWhatsNewComments)))
		for _, g := range groupComments(comments) {
			count := c.T(i18n.TWNewCount, g.n)
			if g.n == 1 {
				count = c.T(i18n.TWNewCountOne)
			}
			// The count is kept whole; the latest writer (with the role mark) too when the title
			// keeps at least 16 cells; the title is cut first.
			room := max(1, w-13)
			tail := ": " + count
			by := strings.TrimSpace(Line(g.latest.Name) + " " + officialMark(c, g.latest))
			latest := ""
			if by != "" {
				latest = " · " + c.T(i18n.TWNewLatestBy, by)
			}
			if room-text.Width(tail)-text.Width(latest) < 16 {
				latest = ""
			}
			what := text.Truncate(Line(g.thread.Title), max(1, room-text.Width(tail)-text.Width(latest)), "…") + tail
			if latest != "" {
				what += s.Muted.Render(latest)
			}
			p.list.addThreadIn(1, g.thread, " "+s.Muted.Render(Fit(c.Date(g.latest.CreatedAt), 10))+" "+what)
			p.first = append(p.first, g.first)
		}
		if cutC {
			p.list.add(" " + s.Muted.Render(Fit(c.T(i18n.TWNewCutComments, whatsNewLimit), w-1)))
		}
	}
}

// openAtComment opens threads[i] at comment id: where it sits among the thread's comments
// (Board.CommentIndex) says how many to load. A comment gone since opens the thread at the top.
func openAtComment(c *Common, threads []board.Thread, i int, id uint64) tea.Cmd {
	ids := make([]uint64, len(threads))
	for j, t := range threads {
		ids[j] = t.ID
	}
	return func() tea.Msg {
		index := -1
		if c.Board != nil {
			ctx, cancel := c.Context()
			defer cancel()
			n, err := c.Board.CommentIndex(ctx, c.Identity, ids[i], id)
			if err == nil {
				index = n
			}
		}
		return OpenMsg{Page: NewThreadAt(c, ids, i, id, index)}
	}
}

func (p *whatsNewPage) View() string {
	if p.err != "" {
		return " " + p.c.Styles.Error.Render(Fit(p.err, p.c.Width-2))
	}
	if !p.loaded {
		return " " + p.c.T(i18n.TUILoading)
	}
	return p.list.view(p.c.Styles, p.c.ContentHeight())
}

func (p *whatsNewPage) ShortHelp() []key.Binding {
	k := p.c.Keys
	return []key.Binding{k.Down, k.Up, k.Open, k.Back, k.Help}
}

func (p *whatsNewPage) FullHelp() [][]key.Binding {
	k := p.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom, k.Open}, {k.Back, k.Help, k.Lang}}
}

package tui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

// homePage is the first screen: category tabs, the thread list with its pager, the visitor box.
type homePage struct {
	c *Common

	cats   []board.Category
	tab    int // 0: all news; i: cats[i-1]
	page   int // 1-based
	list   board.ThreadPage
	marks  map[uint64]time.Time // when this reader last opened each listed thread
	opened map[uint64]time.Time // threads opened in this session (newer than marks)
	since  time.Time            // the reader's previous visit
	vis    visitorSnap
	sel    int

	loaded  bool
	version uint64 // board version of the data shown
	req     int    // number of the latest load request
	gen     int    // changes whenever the list part of the view may change
	top     string // the view above the visitor box, for topKey
	topID   uint64 // top's number in Env.Frames (0: not shared)
	topKey  homeViewKey
	per     int // page size of the latest load request
	err     string
	live    bool // the load in flight is a live update: the selection follows its thread
}

type homeViewKey struct {
	gen, w, h int
	lang      i18n.Lang
}

type homeLoadedMsg struct {
	to      *homePage
	req     int64
	version uint64
	cats    []board.Category
	list    board.ThreadPage
	vis     visitorSnap
	marks   map[uint64]time.Time
	since   time.Time
	err     error
}

// NewHome builds the home page.
func NewHome(c *Common) Page {
	return &homePage{c: c, page: 1, opened: map[uint64]time.Time{}}
}

func (p *homePage) Init() tea.Cmd { return p.load() }

// rows is the number of thread rows that fit: tabs, column titles, pager and the 3-row visitor
// box take 6 of the content rows.
func (p *homePage) rows() int { return min(max(1, p.c.ContentHeight()-6), 100) }

func (p *homePage) load() tea.Cmd {
	p.req++
	p.live = false
	p.per = p.rows()
	c, req, id := p.c, int64(p.req), p
	q := board.ThreadQuery{Page: p.page, PerPage: p.per}
	tab, cats := p.tab, p.cats
	prevIDs, prevMarks, since, loaded := p.ids(), p.marks, p.since, p.loaded
	if c.Board == nil {
		return nil // a session without a board (tests inject their data)
	}
	return func() tea.Msg {
		ctx, cancel := c.Context()
		defer cancel()
		m := homeLoadedMsg{to: id, req: req, since: since}
		b := c.Board
		m.version = b.Version()
		if m.cats, m.err = c.Cache.loadCategories(ctx, b); m.err != nil {
			return m
		}
		if tab > 0 && tab <= len(cats) {
			q.CategoryID = cats[tab-1].ID
		}
		if m.list, m.err = c.Cache.loadThreads(ctx, b, c.Identity, q); m.err != nil {
			return m
		}
		if m.vis, m.err = c.Cache.loadVisitors(ctx, b, m.version); m.err != nil {
			return m
		}
		if !loaded {
			since, err := b.NewSince(ctx, c.Identity)
			if err != nil {
				m.err = err
				return m
			}
			m.since = since
		}
		ids := make([]uint64, len(m.list.Threads))
		for i, t := range m.list.Threads {
			ids[i] = t.ID
		}
		if c.Identity.ReaderKey() == "" {
			return m
		}
		if sameIDs(ids, prevIDs) && prevMarks != nil {
			m.marks = prevMarks // read markers change only when this reader opens a thread
			return m
		}
		m.marks, m.err = b.ReadMarks(ctx, c.Identity, ids)
		return m
	}
}

// sameList reports whether two loads of the list draw the same rows.
func sameList(a, b board.ThreadPage) bool {
	if a.Total != b.Total || a.Page != b.Page || a.Pages != b.Pages || len(a.Threads) != len(b.Threads) {
		return false
	}
	for i, t := range a.Threads {
		u := b.Threads[i]
		if t.ID != u.ID || t.Title != u.Title || t.Comments != u.Comments || t.Pinned != u.Pinned || t.Status != u.Status ||
			!t.UpdatedAt.Equal(u.UpdatedAt) || !t.PublishedAt.Equal(u.PublishedAt) || !t.LastCommentAt.Equal(u.LastCommentAt) {
			return false
		}
	}
	return true
}

func sameCats(a, b []board.Category) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Name != b[i].Name {
			return false
		}
	}
	return true
}

func sameMarks(a, b map[uint64]time.Time) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || !w.Equal(v) {
			return false
		}
	}
	return true
}

func sameIDs(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (p *homePage) ids() []uint64 {
	ids := make([]uint64, len(p.list.Threads))
	for i, t := range p.list.Threads {
		ids[i] = t.ID
	}
	return ids
}

func (p *homePage) Update(msg tea.Msg) (Page, tea.Cmd) {
	switch msg := msg.(type) {
	case homeLoadedMsg:
		if msg.to != p || msg.req != int64(p.req) {
			return p, nil
		}
		if msg.err != nil {
			p.err = p.c.ErrText(msg.err)
			p.gen++
			return p, nil
		}
		if !p.loaded || p.err != "" || !sameList(p.list, msg.list) || !sameCats(p.cats, msg.cats) || !sameMarks(p.marks, msg.marks) {
			p.gen++ // the list part of the view changes (a visitor count alone does not)
		}
		var sel uint64 // the thread selected in the list the reader sees
		if p.sel < len(p.list.Threads) {
			sel = p.list.Threads[p.sel].ID
		}
		p.err = ""
		p.loaded = true
		p.version = msg.version
		p.cats, p.list, p.vis, p.marks, p.since = msg.cats, msg.list, msg.vis, msg.marks, msg.since
		if p.tab > len(p.cats) {
			p.tab = 0
		}
		if p.list.Page > 0 {
			p.page = p.list.Page
		}
		p.sel = min(p.sel, max(0, len(p.list.Threads)-1))
		if p.live && sel != 0 {
			// A thread arrived or moved: the marker stays on the thread the reader had
			// selected, not on its row number.
			for i, t := range p.list.Threads {
				if t.ID == sel {
					p.sel = i
				}
			}
		}
		p.live = false
		return p, nil
	case LiveMsg:
		if p.loaded && msg.Version > p.version {
			cmd := p.load()
			p.live = true
			return p, cmd
		}
	case tea.WindowSizeMsg, LangMsg:
		p.gen++
		if _, ok := msg.(tea.WindowSizeMsg); ok && p.loaded && p.rows() != p.per {
			return p, p.load() // a different page size
		}
	case threadOpenedMsg:
		p.opened[msg.id] = msg.at
		p.gen++
	case tea.KeyPressMsg:
		p.gen++
		return p.key(msg)
	}
	return p, nil
}

func (p *homePage) key(msg tea.KeyPressMsg) (Page, tea.Cmd) {
	k := p.c.Keys
	n := len(p.list.Threads)
	switch {
	case key.Matches(msg, k.Up):
		if p.sel > 0 {
			p.sel--
		} else if p.page > 1 { // on to the end of the previous page
			p.page--
			p.sel = p.rows() - 1
			return p, p.load()
		}
	case key.Matches(msg, k.Down):
		if p.sel < n-1 {
			p.sel++
		} else if p.page < p.list.Pages { // on to the next page
			p.page++
			p.sel = 0
			return p, p.load()
		}
	case key.Matches(msg, k.Top):
		p.sel = 0
	case key.Matches(msg, k.Bottom):
		p.sel = max(0, n-1)
	case key.Matches(msg, k.NextPage):
		if p.page < p.list.Pages {
			p.page++
			p.sel = 0
			return p, p.load()
		}
	case key.Matches(msg, k.PrevPage):
		if p.page > 1 {
			p.page--
			p.sel = 0
			return p, p.load()
		}
	case key.Matches(msg, k.NextTab), key.Matches(msg, k.PrevTab):
		tabs := len(p.cats) + 1
		if key.Matches(msg, k.NextTab) {
			p.tab = (p.tab + 1) % tabs
		} else {
			p.tab = (p.tab + tabs - 1) % tabs
		}
		p.page, p.sel = 1, 0
		return p, p.load()
	case key.Matches(msg, k.Open):
		if p.sel < n {
			return p, openThread(p.c, p.list.Threads, p.sel)
		}
	case key.Matches(msg, k.Months): // the tab shown, by month (months.go)
		var cat uint64
		name := p.c.T(i18n.TUIAllNews)
		if p.tab > 0 && p.tab <= len(p.cats) {
			cat, name = p.cats[p.tab-1].ID, Line(p.cats[p.tab-1].Name)
		}
		return p, open(NewMonths(p.c, cat, name))
	case key.Matches(msg, k.Quit):
		return p, func() tea.Msg { return QuitMsg{} } // the root asks first
	}
	return p, nil
}

// openThread opens threads[i] with n/p moving along threads.
func openThread(c *Common, threads []board.Thread, i int) tea.Cmd {
	ids := make([]uint64, len(threads))
	for j, t := range threads {
		ids[j] = t.ID
	}
	pg := NewThread(c, ids, i)
	return func() tea.Msg { return OpenMsg{Page: pg} }
}

func (p *homePage) isNew(t board.Thread) bool {
	last, ok := p.opened[t.ID]
	if !ok {
		last, ok = p.marks[t.ID]
	}
	if !ok {
		last = p.since
	}
	if last.IsZero() {
		return false
	}
	return t.PublishedAt.After(last) || t.LastCommentAt.After(last)
}

// View is the cached list part plus the visitor box: a live online count redraws the box only.
func (p *homePage) View() string {
	return p.viewTopCached() + p.viewBox()
}

// viewTopCached is the list part of the view, rebuilt when it may have changed and interned in
// Env.Frames (sessions showing the same list share it).
func (p *homePage) viewTopCached() string {
	k := homeViewKey{gen: p.gen, w: p.c.Width, h: p.c.Height, lang: p.c.Lang}
	if k != p.topKey || p.top == "" {
		p.top, p.topID = p.c.Frames.part(p.viewTop())
		p.topKey = k
	}
	return p.top
}

func (p *homePage) viewTop() string {
	c, s := p.c, p.c.Styles
	w := c.Width
	var b strings.Builder
	b.Grow(w * c.ContentHeight() * 2)

	// Tabs.
	b.WriteString(p.tabs(w))
	b.WriteByte('\n')

	// Column titles and rows.
	newW := max(text.Width(c.T(i18n.TUINew)), 1)
	cntW := max(text.Width(c.T(i18n.TUIColComments)), 4)
	titleW := max(1, w-(1+1+10+1+newW+1+1+cntW))
	b.WriteString(s.muted.r(Fit("  "+c.T(i18n.TUIColDate), 13+newW+1) + Fit(c.T(i18n.TUIColTitle), titleW) + " " + padLeft(c.T(i18n.TUIColComments), cntW)))
	b.WriteByte('\n')
	rows := p.rows()
	for i := 0; i < rows; i++ {
		switch {
		case i < len(p.list.Threads):
			p.row(&b, i, newW, titleW, cntW)
		case i == 0 && p.err != "":
			b.WriteString("  " + s.Error.Render(Fit(p.err, w-2)))
		case i == 0 && !p.loaded:
			b.WriteString("  " + s.muted.r(c.T(i18n.TUILoading)))
		case i == 0:
			b.WriteString("  " + c.T(i18n.TUIEmpty))
		}
		b.WriteByte('\n')
	}

	// Pager.
	pieces, cur := pageNumbers(p.page, p.list.Pages)
	var pager strings.Builder
	pw := 0
	for i, pc := range pieces {
		if i > 0 {
			pager.WriteByte(' ')
			pw++
		}
		if i == cur {
			pager.WriteString(s.pageCur.r(pc))
		} else {
			pager.WriteString(pc)
		}
		pw += text.Width(pc)
	}
	info := c.T(i18n.TUIPageOf, max(p.page, 1), max(p.list.Pages, 1), p.list.Total)
	b.WriteString(pager.String())
	if rest := w - pw; rest > text.Width(info)+1 {
		b.WriteString(spaces(rest - text.Width(info)))
		b.WriteString(s.muted.r(info))
	}
	b.WriteByte('\n')

	title := "── " + c.T(i18n.TUIVisitors) + " "
	b.WriteString(s.muted.r(title + strings.Repeat("─", max(0, w-text.Width(title)))))
	b.WriteByte('\n')
	return b.String()
}

// viewBox draws the visitor numbers and the sparkline of the last 30 days.
func (p *homePage) viewBox() string {
	c, s := p.c, p.c.Styles
	var b strings.Builder
	sep := s.muted.r(" │ ")
	item := func(label string, n uint64) string {
		return s.label.r(label+":") + " " + s.value.r(number(c.Lang, n))
	}
	b.WriteString(item(c.T(i18n.TUIOnline), uint64(max(c.OnlineNow, 0))) + sep +
		item(c.T(i18n.TUIToday), p.vis.counts.Today) + sep +
		item(c.T(i18n.TUIWeek), p.vis.counts.Week) + sep +
		item(c.T(i18n.TUITotal), p.vis.counts.Total))
	b.WriteByte('\n')
	vals := make([]uint64, 0, historyDays)
	for _, d := range p.vis.history {
		vals = append(vals, d.Visits)
	}
	b.WriteString(s.label.r(c.T(i18n.TUILastDays)+":") + " " + s.spark.r(sparkline(vals)))
	return b.String()
}

// row draws one thread; a selected row differs from the others only in its marker cell.
func (p *homePage) row(b *strings.Builder, i, newW, titleW, cntW int) {
	c, s := p.c, p.c.Styles
	t := p.list.Threads[i]
	if i == p.sel {
		b.WriteString(s.marker.r(Marker))
	} else {
		b.WriteByte(' ')
	}
	b.WriteByte(' ')
	b.WriteString(s.muted.r(Fit(c.Date(t.PublishedAt), 10)))
	b.WriteByte(' ')
	if p.isNew(t) {
		b.WriteString(s.newMark.r(Fit(c.T(i18n.TUINew), newW)))
	} else {
		b.WriteString(spaces(newW))
	}
	b.WriteByte(' ')
	b.WriteString(titleCell(c, t, titleW))
	b.WriteByte(' ')
	b.WriteString(s.muted.r(padLeft(number(c.Lang, uint64(max(t.Comments, 0))), cntW)))
}

type titleKey struct {
	id, updated int64
	title       string // the raw title (cheap to compare; also guards handmade test data)
	w           int
	lang        i18n.Lang
	pinned      bool
	status      board.ThreadStatus
}

// Title cells are list titles sanitised and fitted to their column, shared by the sessions of a
// server (Cache): sanitising and measuring graphemes is most of the cost of drawing a list.
func titleCell(c *Common, t board.Thread, w int) string {
	k := titleKey{id: int64(t.ID), updated: t.UpdatedAt.UnixNano(), title: t.Title, w: w, lang: c.Lang, pinned: t.Pinned, status: t.Status}
	s, _ := c.Cache.memoTitles().Get(k, func() (string, error) {
		title := stateTitle(c, t)
		if t.Pinned {
			title = c.T(i18n.TUIPinned) + " " + title
		}
		return Fit(title, w), nil
	})
	return s
}

func (p *homePage) tabs(w int) string {
	s := p.c.Styles
	labels := make([]string, 0, len(p.cats)+1)
	labels = append(labels, p.c.T(i18n.TUIAllNews))
	for _, ct := range p.cats {
		labels = append(labels, Line(ct.Name))
	}
	first, last, more := tabWindow(labels, p.tab, w)
	var b strings.Builder
	used := 0
	if first > 0 {
		b.WriteString(s.Muted.Render("‹ "))
		used += 2
	}
	room := w - used
	if last < len(labels)-1 {
		room -= 2
	}
	for i := first; i <= last; i++ {
		cell := tabCell(labels[i], i == p.tab)
		cw := text.Width(cell) + 1
		if cw > room { // only the active tab, alone and wider than the line
			cell, cw = Fit(cell, max(1, room-1)), room
		}
		if i == p.tab {
			b.WriteString(s.TabActive.Render(cell))
		} else {
			b.WriteString(s.Tab.Render(cell))
		}
		b.WriteByte(' ')
		used += cw
		room -= cw
	}
	if more {
		b.WriteString(spaces(max(0, w-used-1)) + s.Muted.Render("›"))
	}
	return b.String()
}

// tabCell is a category tab: the active one in brackets.
func tabCell(label string, active bool) string {
	if active {
		return "[" + label + "]"
	}
	return " " + label + " "
}

// tabWindow picks the tabs shown in w cells around the active one: all when they fit, else a
// window that holds the active tab, with "‹ " before it when tabs are hidden on the left and
// " ›" at the end when some are hidden on the right (more). Tab and shift+tab scroll it.
func tabWindow(labels []string, active, w int) (first, last int, more bool) {
	n := len(labels)
	cw := func(i int) int { return text.Width(tabCell(labels[i], i == active)) + 1 }
	total := 0
	for i := range labels {
		total += cw(i)
	}
	if total <= w {
		return 0, n - 1, false
	}
	span := func(a, b int) int {
		x := 0
		for i := a; i <= b; i++ {
			x += cw(i)
		}
		return x
	}
	// The leftmost first whose tabs up to the active one fit beside both marks.
	for first < active {
		left := 0
		if first > 0 {
			left = 2
		}
		if left+span(first, active)+2 <= w {
			break
		}
		first++
	}
	used := span(first, active)
	if first > 0 {
		used += 2
	}
	last = active
	for last+1 < n {
		right := 2
		if last+1 == n-1 {
			right = 0
		}
		if used+cw(last+1)+right > w {
			break
		}
		used += cw(last + 1)
		last++
	}
	return first, last, last < n-1
}

func (p *homePage) ShortHelp() []key.Binding {
	k := p.c.Keys
	return []key.Binding{k.Open, k.Help, k.Search, k.WhatsNew, k.Lang, k.NextPage, k.NextTab, k.Quit}
}

func (p *homePage) FullHelp() [][]key.Binding {
	k := p.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.Open},
		{k.NextPage, k.PrevPage, k.NextTab, k.PrevTab, k.Months},
		{k.WhatsNew, k.Search, k.Help, k.Lang, k.Quit},
	}
}

// stateTitle is a thread's title, sanitised, after its state when it is not published
// ("[Bản nháp] …", "[Đã ẩn] …").
func stateTitle(c *Common, t board.Thread) string {
	title := Line(t.Title)
	switch t.Status {
	case board.StatusDraft:
		title = c.T(i18n.TUIDraft) + " " + title
	case board.StatusHidden:
		title = c.T(i18n.TUIHidden) + " " + title
	}
	return title
}

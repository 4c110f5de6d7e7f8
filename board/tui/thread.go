package tui

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

// threadPage shows one thread: title, author, date, category, views; the Markdown body; the
// approved comments; "Tin khác" (other news). n/p move along the list it was opened from.
type threadPage struct {
	c *Common

	seq []uint64 // the list the thread was opened from
	idx int      // position of the thread in seq
	tid uint64   // the thread shown
	max int      // comments to load: commentsShown, and more with "+"
	at  uint64   // a comment to open the page at (what's new), 0: the top

	snap    threadSnap
	cats    []board.Category
	body    *rendered
	bodyKey mdKey
	files   *threadFiles // pictures and documents (files.go)
	fc      *fileCache
	lines   []string // the whole page, composed for the current width
	picks   []int    // lines that tab selects: comments (for moderators), then other threads
	heads   []int    // the line of each loaded comment's head
	off     int      // first line shown
	sel     int      // index in picks of the selection, -1: none

	loaded  bool
	version uint64
	req     int64
	err     string
}

type threadLoadedMsg struct {
	to      *threadPage
	req     int64
	version uint64
	snap    threadSnap
	cats    []board.Category
	body    *rendered
	bodyKey mdKey
	files   *threadFiles
	first   bool // the first load of this thread in this page: counts a view
	err     error
}

// threadOpenedMsg tells the pages below that the reader opened a thread (read markers).
type threadOpenedMsg struct {
	id uint64
	at time.Time
}

type bodyRenderedMsg struct {
	to    *threadPage
	key   mdKey
	body  *rendered
	files *threadFiles
	err   error
}

// NewThread opens thread ids[i]; n/p move along ids.
func NewThread(c *Common, ids []uint64, i int) Page {
	p := &threadPage{c: c, seq: ids, idx: i, sel: -1, max: commentsShown, fc: c.Cache.files()}
	if i >= 0 && i < len(ids) {
		p.tid = ids[i]
	}
	return p
}

// NewThreadAt opens thread ids[i] at comment id, the index-th of its approved comments
// (Board.CommentIndex; -1 when not known), loading as many comments as that takes.
func NewThreadAt(c *Common, ids []uint64, i int, id uint64, index int) Page {
	p := NewThread(c, ids, i).(*threadPage)
	p.at = id
	if index >= 0 {
		p.max = min(commentsMax, max(commentsShown, (index/commentsShown+1)*commentsShown))
	}
	return p
}

func (p *threadPage) Init() tea.Cmd { return p.load(true) }

// bodyWidth is the width the body is rendered to.
func (p *threadPage) bodyWidth() int { return max(20, p.c.Width-2) }

func (p *threadPage) mdKey(t board.Thread) mdKey {
	return mdKey{id: t.ID, updated: t.UpdatedAt.UnixNano(), width: p.bodyWidth(), noColor: p.c.NoColor, lang: p.c.Lang}
}

func (p *threadPage) load(first bool) tea.Cmd {
	p.req++
	c, req, to, tid, limit, fc := p.c, p.req, p, p.tid, p.max, p.fc
	width, noColor, lang := p.bodyWidth(), c.NoColor, c.Lang
	if c.Board == nil {
		return nil // a session without a board (tests inject their data)
	}
	return func() tea.Msg {
		m := threadLoadedMsg{to: to, req: req, first: first}
		b := c.Board
		ctx, cancel := c.Context()
		defer cancel()
		m.version = b.Version()
		if m.snap, m.err = c.Cache.loadThread(ctx, b, c.Identity, tid, limit); m.err != nil {
			return m
		}
		if m.cats, m.err = c.Cache.loadCategories(ctx, b); m.err != nil {
			return m
		}
		t := m.snap.t
		m.bodyKey = mdKey{id: t.ID, updated: t.UpdatedAt.UnixNano(), width: width, noColor: noColor, lang: lang}
		if m.body, m.err = c.Cache.renderBody(m.bodyKey, t.Body); m.err != nil {
			return m
		}
		if m.files, m.err = fc.load(ctx, b, c.Identity, tid, width, c.artProfile()); m.err != nil {
			return m
		}
		if first {
			if c.Views != nil {
				c.Views.View(tid)
			}
			b.MarkRead(c.Identity, tid)
		}
		return m
	}
}

func (p *threadPage) rerender() tea.Cmd {
	if !p.loaded {
		return nil
	}
	k := p.mdKey(p.snap.t)
	if k == p.bodyKey {
		p.compose()
		return nil
	}
	to, body, cache, c, fc, tid := p, p.snap.t.Body, p.c.Cache, p.c, p.fc, p.snap.t.ID
	return func() tea.Msg {
		r, err := cache.renderBody(k, body)
		m := bodyRenderedMsg{to: to, key: k, body: r, err: err}
		if err == nil && c.Board != nil { // the art at the new width (files.go)
			ctx, cancel := c.Context()
			defer cancel()
			if fs, err := fc.load(ctx, c.Board, c.Identity, tid, k.width, c.artProfile()); err == nil {
				m.files = fs // else the placeholders stay until the next load
			}
		}
		return m
	}
}

func (p *threadPage) Update(msg tea.Msg) (Page, tea.Cmd) {
	switch msg := msg.(type) {
	case threadLoadedMsg:
		if msg.to != p || msg.req != p.req {
			return p, nil
		}
		if msg.err != nil {
			p.err = p.c.ErrText(msg.err)
			p.loaded = false
			p.lines = nil
			return p, nil
		}
		if !msg.first && p.loaded && sameSnap(p.snap, msg.snap) && msg.bodyKey == p.bodyKey && sameFiles(p.files, msg.files) &&
			categoryName(p.cats, p.snap.t.CategoryID) == categoryName(msg.cats, msg.snap.t.CategoryID) {
			p.version = msg.version // nothing this page shows changed: no layout work
			return p, nil
		}
		p.err = ""
		p.loaded = true
		p.version = msg.version
		p.snap, p.cats, p.body, p.bodyKey, p.files = msg.snap, msg.cats, msg.body, msg.bodyKey, msg.files
		if msg.first {
			p.off = 0
			p.sel = -1
		}
		if p.sel >= len(p.picks) {
			p.sel = -1
		}
		p.compose()
		if msg.first && p.at != 0 {
			for j, cm := range p.snap.comments.Comments {
				if cm.ID == p.at && j < len(p.heads) {
					p.off = min(p.heads[j], p.maxOff())
				}
			}
		}
		var cmds []tea.Cmd
		if msg.first {
			ev := threadOpenedMsg{id: p.snap.t.ID, at: time.Now()}
			cmds = append(cmds, func() tea.Msg { return ev })
		}
		if msg.bodyKey != p.mdKey(p.snap.t) { // the window or language changed meanwhile
			cmds = append(cmds, p.rerender())
		}
		return p, tea.Batch(cmds...)
	case bodyRenderedMsg:
		if msg.to != p || msg.err != nil || !p.loaded || msg.key != p.mdKey(p.snap.t) {
			return p, nil
		}
		p.body, p.bodyKey = msg.body, msg.key
		if msg.files != nil {
			p.files = msg.files
		}
		p.compose()
	case LiveMsg:
		if p.loaded && msg.Version > p.version {
			return p, p.load(false)
		}
	case tea.WindowSizeMsg, LangMsg:
		return p, p.rerender()
	case tea.KeyPressMsg:
		return p.key(msg)
	}
	return p, nil
}

func (p *threadPage) maxOff() int { return max(0, len(p.lines)-p.c.ContentHeight()) }

func (p *threadPage) scroll(n int) { p.off = min(max(0, p.off+n), p.maxOff()) }

func (p *threadPage) key(msg tea.KeyPressMsg) (Page, tea.Cmd) {
	k, h := p.c.Keys, p.c.ContentHeight()
	switch {
	case key.Matches(msg, k.Back):
		return p, func() tea.Msg { return BackMsg{} }
	case key.Matches(msg, k.Up):
		p.scroll(-1)
	case key.Matches(msg, k.Down):
		p.scroll(1)
	case key.Matches(msg, k.PageUp):
		p.scroll(-(h - 1))
	case key.Matches(msg, k.PageDown):
		p.scroll(h - 1)
	case key.Matches(msg, k.Top):
		p.off = 0
	case key.Matches(msg, k.Bottom):
		p.off = p.maxOff()
	case key.Matches(msg, k.NextOther), key.Matches(msg, k.PrevOther):
		n := len(p.picks)
		if n == 0 {
			break
		}
		if key.Matches(msg, k.NextOther) {
			p.sel = (p.sel + 1) % n
		} else if p.sel <= 0 {
			p.sel = n - 1
		} else {
			p.sel--
		}
		line := p.picks[p.sel]
		if line < p.off || line >= p.off+h {
			p.off = min(max(0, line-h+2), p.maxOff())
		}
	case key.Matches(msg, k.Open):
		if p.sel < 0 || p.sel >= len(p.picks) {
			break
		}
		if i := p.sel - p.commentPicks(); i >= 0 {
			return p, openThread(p.c, p.snap.others, i)
		}
		return p, open(NewCommentActions(p.c, p.snap.comments.Comments[p.sel]))
	case key.Matches(msg, k.NextThread):
		return p, p.move(1)
	case key.Matches(msg, k.PrevThread):
		return p, p.move(-1)
	case key.Matches(msg, k.MoreComments):
		if cm := p.snap.comments; p.loaded && len(cm.Comments) < cm.Total && p.max < commentsMax {
			p.max += commentsShown
			return p, p.load(false)
		}
	case key.Matches(msg, k.Comment):
		if p.loaded {
			return p, open(NewCommentForm(p.c, p.snap.t))
		}
	case key.Matches(msg, k.Edit):
		if p.loaded && p.c.Identity.Role.CanEditNews() {
			t := p.snap.t
			return p, open(NewEditor(p.c, &t))
		}
	case key.Matches(msg, k.Files):
		if p.loaded && p.c.Identity.Role.CanEditNews() { // the board decides each change (files_edit.go)
			return p, open(NewFiles(p.c, p.snap.t))
		}
	}
	return p, nil
}

// open asks the root to push pg; nil pages (screens not built yet) are ignored.
func open(pg Page) tea.Cmd {
	if pg == nil {
		return nil
	}
	return func() tea.Msg { return OpenMsg{Page: pg} }
}

// commentPicks is the number of comments tab selects: moderators act on a selected comment.
func (p *threadPage) commentPicks() int {
	if p.c.Identity.Role.CanModerate() {
		return len(p.snap.comments.Comments)
	}
	return 0
}

func (p *threadPage) move(d int) tea.Cmd {
	i := p.idx + d
	if i < 0 || i >= len(p.seq) {
		return nil
	}
	p.idx, p.tid, p.max = i, p.seq[i], commentsShown
	p.loaded = false
	p.lines = nil
	p.off, p.sel, p.picks = 0, -1, nil
	return p.load(true)
}

// sameSnap reports whether two loads of a thread show the same thing.
func sameSnap(a, b threadSnap) bool {
	ta, tb := a.t, b.t
	if ta.ID != tb.ID || !ta.UpdatedAt.Equal(tb.UpdatedAt) || ta.Views != tb.Views || ta.Title != tb.Title ||
		ta.Status != tb.Status || ta.CategoryID != tb.CategoryID || ta.AuthorName != tb.AuthorName ||
		a.comments.Total != b.comments.Total || len(a.comments.Comments) != len(b.comments.Comments) || len(a.others) != len(b.others) {
		return false
	}
	for i, c := range a.comments.Comments {
		d := b.comments.Comments[i]
		if c.ID != d.ID || c.Name != d.Name || c.Title != d.Title || c.Body != d.Body || c.AuthorRole() != d.AuthorRole() {
			return false
		}
	}
	for i, o := range a.others {
		if o.ID != b.others[i].ID || o.Title != b.others[i].Title || !o.PublishedAt.Equal(b.others[i].PublishedAt) {
			return false
		}
	}
	return true
}

// layout is a thread page laid out for one width, language and colour; sessions share it
// read-only (the selection marker is put in by View).
type layout struct {
	lines []string
	picks []int // lines tab selects: comments (moderators), then other threads
	heads []int // the line of each comment's head
}

type layoutKey struct {
	id, updated int64
	published   int64
	views       uint64
	title       string
	summary     string
	author      string
	status      board.ThreadStatus
	comments    *board.Comment // the shared snapshot's arrays identify its contents
	nComments   int
	total       int
	others      *board.Thread
	nOthers     int
	body        *rendered
	category    string
	width       int
	lang        i18n.Lang
	noColor     bool
	moderator   bool
	files       *board.File // the shared file list (files.go) and what of its art is drawn
	nFiles      int
	artWidth    int
	nArt        int
	artProfile  colorprofile.Profile
}

// Layouts are shared by the sessions reading a thread (Cache): wrapping a hundred comments by
// display width is the costly part of opening one.

// compose lays the page out for the current width: runs on load, resize and language change,
// never per frame.
func (p *threadPage) compose() {
	if p.body == nil {
		p.body = &rendered{}
	}
	t, cm := p.snap.t, p.snap.comments
	k := layoutKey{id: int64(t.ID), updated: t.UpdatedAt.UnixNano(), published: t.PublishedAt.UnixNano(), views: t.Views,
		title: t.Title, summary: t.Summary, author: t.AuthorName, status: t.Status,
		comments: unsafe.SliceData(cm.Comments), nComments: len(cm.Comments), total: cm.Total,
		others: unsafe.SliceData(p.snap.others), nOthers: len(p.snap.others), body: p.body,
		category: categoryName(p.cats, t.CategoryID), width: p.c.Width, lang: p.c.Lang, noColor: p.c.NoColor,
		moderator: p.c.Identity.Role.CanModerate()}
	if tf := p.files; tf != nil {
		k.files, k.nFiles, k.artWidth, k.nArt, k.artProfile = unsafe.SliceData(tf.list), len(tf.list), tf.width, len(tf.art), tf.profile
	}
	l, _ := p.c.Cache.memoLayouts().Get(k, func() (*layout, error) { return p.layout(), nil })
	p.lines, p.picks, p.heads = l.lines, l.picks, l.heads
	p.off = min(p.off, p.maxOff())
	if p.sel >= len(p.picks) {
		p.sel = -1
	}
}

func (p *threadPage) layout() *layout {
	c, s := p.c, p.c.Styles
	var picks, heads []int
	w := max(20, c.Width-2)
	t := p.snap.t
	lines := make([]string, 0, 16+len(p.body.lines)+4*len(p.snap.comments.Comments)+len(p.snap.others))
	lines = append(lines, threadHeader(c, t, categoryName(p.cats, t.CategoryID), w)...)
	for _, l := range p.body.lines {
		if lineWidth(l) > w { // glamour does not wrap code and long words
			l = truncateStyled(l, w)
		}
		lines = append(lines, " "+l)
	}
	lines = append(lines, "")
	lines = append(lines, p.fileLines(w)...)

	cm := p.snap.comments
	lines = append(lines, " "+s.Section.Render(Fit(c.T(i18n.TUIThreadComments, cm.Total), w)))
	if len(cm.Comments) == 0 {
		lines = append(lines, " "+s.Muted.Render(Fit(c.T(i18n.TUINoComments), w)), "")
	}
	for _, cmt := range cm.Comments {
		if p.c.Identity.Role.CanModerate() {
			picks = append(picks, len(lines)) // the first cell is left for the marker
		}
		heads = append(heads, len(lines))
		when := c.DateTime(cmt.CreatedAt)
		hw := max(1, w-text.Width(when)-1)
		lines = append(lines, " "+commentHead(c, cmt, hw)+" "+s.Muted.Render(when))
		for _, para := range strings.Split(strings.ReplaceAll(text.Clean(cmt.Body), "\t", "    "), "\n") {
			if strings.TrimSpace(para) == "" {
				continue
			}
			for _, l := range text.Wrap(para, w-2) {
				lines = append(lines, "   "+l)
			}
		}
		lines = append(lines, "")
	}
	if more := cm.Total - len(cm.Comments); more > 0 {
		msg := c.T(i18n.TUIMoreComments, more)
		if p.max < commentsMax {
			msg = c.T(i18n.TUIMoreCommentsKey, more, p.c.Keys.MoreComments.Help().Key)
		}
		lines = append(lines, " "+s.Muted.Render(Fit(msg, w)), "")
	}

	lines = append(lines, " "+s.Section.Render(Fit(c.T(i18n.TUIOthers), w)))
	if len(p.snap.others) == 0 {
		lines = append(lines, " "+s.Muted.Render(Fit(c.T(i18n.TUINoOthers), w)))
	}
	for _, o := range p.snap.others {
		picks = append(picks, len(lines))
		// The first cell is left for the selection marker (View puts it in).
		lines = append(lines, "  "+s.Muted.Render(c.Date(o.PublishedAt))+" "+Fit(Line(o.Title), max(1, w-12)))
	}
	return &layout{lines: lines, picks: picks, heads: heads}
}

func (p *threadPage) View() string {
	c := p.c
	h := c.ContentHeight()
	if !p.loaded {
		msg := c.T(i18n.TUILoading)
		if p.err != "" {
			msg = c.Styles.Error.Render(Fit(p.err, c.Width-2))
		}
		return " " + msg
	}
	end := min(len(p.lines), p.off+h)
	var b strings.Builder
	for i := p.off; i < end; i++ {
		l := p.lines[i]
		if p.sel >= 0 && p.sel < len(p.picks) && i == p.picks[p.sel] {
			l = c.Styles.Marker.Render(Marker) + l[1:]
		}
		b.WriteString(l)
		if i < end-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// Status is the scroll position: the share of the page above the bottom of the window.
func (p *threadPage) Status() string {
	if !p.loaded || len(p.lines) <= p.c.ContentHeight() {
		return ""
	}
	end := min(len(p.lines), p.off+p.c.ContentHeight())
	return strconv.Itoa(end*100/len(p.lines)) + "%"
}

func (p *threadPage) ShortHelp() []key.Binding {
	k := p.c.Keys
	out := []key.Binding{k.Back, k.Help, k.Comment}
	if p.c.Identity.Role.CanEditNews() {
		out = append(out, k.Edit)
	}
	out = append(out, k.NextThread, k.PrevThread)
	if p.c.Identity.Role.CanEditNews() { // after n/p: at 80 columns the footer keeps those
		out = append(out, k.Files)
	}
	return append(out, k.NextOther, k.PageDown, k.Down)
}

func (p *threadPage) FullHelp() [][]key.Binding {
	k := p.c.Keys
	write := []key.Binding{k.Comment}
	if p.c.Identity.Role.CanEditNews() {
		write = append(write, k.Edit, k.Files)
	}
	pick := []key.Binding{k.NextThread, k.PrevThread, k.NextOther, k.PrevOther, k.Open}
	if p.c.Identity.Role.CanModerate() {
		pick = []key.Binding{k.NextThread, k.PrevThread, k.PickComment, k.PrevOther, k.Act}
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		append(pick, k.MoreComments),
		append(write, k.Back, k.Help, k.Lang),
	}
}

// officialMark is the mark after an account's name on its comments ("✓ Cán bộ"), "" for guests:
// readers tell official replies by it (issue 19.8).
func officialMark(c *Common, cmt board.Comment) string {
	if !cmt.Official() {
		return ""
	}
	return c.T(i18n.TUIOfficial, capitalize(i18n.Role(c.Lang, cmt.AuthorRole())))
}

// commentHead is a comment's first line without its time: the name, the official mark and the
// title, fitted to w cells. The mark is kept whole: the name and title are cut before it.
func commentHead(c *Common, cmt board.Comment, w int) string {
	s := c.Styles
	name := Line(cmt.Name)
	mark := officialMark(c, cmt)
	title := ""
	if tt := Line(cmt.Title); tt != "" {
		title = " — " + tt
	}
	if mark == "" {
		return s.Title.Render(Fit(name+title, w))
	}
	mw := text.Width(mark) + 1
	if w <= mw {
		return s.Title.Render(Fit(name, w))
	}
	nw := min(text.Width(name), w-mw)
	out := s.Title.Render(Cut(name, nw)) + " " + s.Notice.Render(mark)
	if rest := w - nw - mw; rest > 0 {
		out += s.Title.Render(Fit(title, rest))
	}
	return out
}

// capitalize upper-cases the first letter ("cán bộ" → "Cán bộ").
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

package tui

import (
	"context"
	"net/netip"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

// Modes of the moderation queue.
const (
	wqList = iota
	wqDetail
	wqEdit
	wqBan
	wqSearch
)

// wQueueLimit is how many pending comments the queue lists at once.
const wQueueLimit = 500

// wQueue is the moderation queue: pending comments oldest first; a comment opened whole;
// approve, reject, edit then approve, delete, ban the author; marks for bulk decisions; search.
type wQueue struct {
	c  *Common
	st *Styles

	items   []board.Comment
	cur     wCursor
	marked  map[uint64]bool
	loaded  bool
	busy    bool // a load or a decision is in flight
	version uint64
	err     string
	notice  string

	mode      int
	detailTop int
	prompt    *wPrompt
	edit      *wForm
	ban       *wFieldForm
	banOf     board.Comment
	search    *wFieldForm
	query     *board.CommentQuery // non-nil: items are search results
	queryText string
}

type wQueueLoadedMsg struct {
	q       *wQueue
	items   []board.Comment
	version uint64
	err     error
}

// wQueueDoneMsg is the board's answer to a decision.
type wQueueDoneMsg struct {
	q      *wQueue
	notice string
	ids    []uint64
	err    error
	keep   bool // stay in the current mode on error (edit, ban)
}

// wQueueEditDoneMsg ends the embedded edit form.
type wQueueEditDoneMsg struct {
	q     *wQueue
	flash string
}

func newWQueue(c *Common) *wQueue {
	return &wQueue{c: c, marked: map[uint64]bool{}}
}

func (q *wQueue) Init() tea.Cmd { return q.load() }

// load reads the pending comments, or runs the current search again.
func (q *wQueue) load() tea.Cmd {
	q.busy = true
	b, id, query := q.c.Board, q.c.Identity, q.query
	return wCall(q.c, func(ctx context.Context) tea.Msg {
		v := b.Version()
		var items []board.Comment
		var err error
		if query != nil {
			items, err = b.SearchComments(ctx, id, *query)
		} else {
			items, err = b.Pending(ctx, id, wQueueLimit)
		}
		return wQueueLoadedMsg{q: q, items: items, version: v, err: err}
	})
}

// Capturing reports that the queue is in a sub-screen that takes every key.
func (q *wQueue) Capturing() bool { return q.mode != wqList || q.prompt != nil }

func (q *wQueue) current() (board.Comment, bool) {
	if q.cur.pos < len(q.items) {
		return q.items[q.cur.pos], true
	}
	return board.Comment{}, false
}

// targets are the marked comments, or the selected one.
func (q *wQueue) targets() []uint64 {
	if q.mode == wqList && len(q.marked) > 0 {
		var ids []uint64
		for _, cm := range q.items {
			if q.marked[cm.ID] {
				ids = append(ids, cm.ID)
			}
		}
		return ids
	}
	if cm, ok := q.current(); ok {
		return []uint64{cm.ID}
	}
	return nil
}

// decide runs one decision on ids in a Cmd; the notice is shown only when the board said yes.
func (q *wQueue) decide(ids []uint64, notice string, do func(ctx context.Context) error) tea.Cmd {
	if q.busy || len(ids) == 0 {
		return nil
	}
	q.busy = true
	q.err, q.notice = "", ""
	return wCall(q.c, func(ctx context.Context) tea.Msg {
		return wQueueDoneMsg{q: q, notice: notice, ids: ids, err: do(ctx)}
	})
}

func (q *wQueue) approve(ids []uint64) tea.Cmd {
	b, actor := q.c.Board, q.c.Identity
	return q.decide(ids, q.c.T(i18n.TWQueueApproved, len(ids)), func(ctx context.Context) error {
		return b.ApproveComments(ctx, actor, ids, "")
	})
}

func (q *wQueue) reject(ids []uint64) tea.Cmd {
	if len(ids) == 0 || q.busy {
		return nil
	}
	b, actor := q.c.Board, q.c.Identity
	q.prompt = newWAsk(q.c, q.c.T(i18n.TWQueueRejectAsk, len(ids)), "", 300, func(reason string) tea.Cmd {
		return q.decide(ids, q.c.T(i18n.TWQueueRejected, len(ids)), func(ctx context.Context) error {
			return b.RejectComments(ctx, actor, ids, text.Line(reason))
		})
	})
	return nil
}

func (q *wQueue) remove(ids []uint64) tea.Cmd {
	if len(ids) == 0 || q.busy {
		return nil
	}
	b, actor := q.c.Board, q.c.Identity
	q.prompt = newWConfirm(q.c.T(i18n.TWQueueDeleteAsk, len(ids)), func(string) tea.Cmd {
		return q.decide(ids, q.c.T(i18n.TWQueueDeleted, len(ids)), func(ctx context.Context) error {
			return b.DeleteComments(ctx, actor, ids, "")
		})
	})
	return nil
}

// openBan opens the ban form on the author of cm.
func (q *wQueue) openBan(cm board.Comment) {
	f := &wFieldForm{title: q.c.T(i18n.TWQueueBanHeading, text.Line(cm.Name)), submit: q.c.T(i18n.TWQueueBanButton)}
	var targets []string
	if cm.Fingerprint != "" {
		targets = append(targets, q.c.T(i18n.TWQueueBanKey, Cut(cm.Fingerprint, 30)))
	}
	if cm.RemoteAddr != "" {
		targets = append(targets, q.c.T(i18n.TWQueueBanIP, Cut(cm.RemoteAddr, 40)))
	}
	if len(targets) == 0 {
		q.err = q.c.T(i18n.TWQueueBanNothing)
		return
	}
	f.addChoice(q.c.T(i18n.TWQueueBanWho), targets, 0)
	var durs []string
	for _, d := range wDurations {
		durs = append(durs, wDuration(q.c, d))
	}
	f.addChoice(q.c.T(i18n.FieldFor), durs, 2)
	f.addInput(q.c, i18n.Field(q.c.Lang, "reason"), "", 300)
	f.setFocus(0)
	q.ban, q.banOf, q.mode = f, cm, wqBan
}

func (q *wQueue) submitBan() tea.Cmd {
	if q.busy {
		return nil
	}
	cm, f := q.banOf, q.ban
	in := board.BanInput{For: wDurations[f.rows[1].choice], Reason: text.Line(f.value(2))}
	if cm.Fingerprint != "" && f.rows[0].choice == 0 {
		in.Fingerprint = cm.Fingerprint
	} else {
		in.Addr = cm.RemoteAddr
	}
	b, actor := q.c.Board, q.c.Identity
	q.busy = true
	f.clearErrs()
	notice := q.c.T(i18n.TWQueueBanned, text.Line(cm.Name), wDuration(q.c, in.For))
	return wCall(q.c, func(ctx context.Context) tea.Msg {
		_, err := b.AddBan(ctx, actor, in)
		return wQueueDoneMsg{q: q, notice: notice, err: err, keep: true}
	})
}

// openSearch opens the search form (author, text, from and to dates).
func (q *wQueue) openSearch() {
	f := &wFieldForm{title: q.c.T(i18n.TWQueueSearchHeading), submit: q.c.T(i18n.TWQueueSearchButton)}
	var old board.CommentQuery
	if q.query != nil {
		old = *q.query
	}
	f.addInput(q.c, q.c.T(i18n.TWQueueAuthor), old.Author, 100)
	f.addInput(q.c, q.c.T(i18n.TWQueueText), old.Text, 200)
	f.addInput(q.c, q.c.T(i18n.TWQueueFrom), q.c.Date(old.From), 10)
	f.addInput(q.c, q.c.T(i18n.TWQueueTo), q.c.Date(old.To.Add(-time.Nanosecond)), 10)
	f.rows[2].input.Placeholder = "dd/mm/yyyy"
	f.rows[3].input.Placeholder = "dd/mm/yyyy"
	f.setFocus(0)
	q.search, q.mode = f, wqSearch
}

// wParseDate reads dd/mm/yyyy (or d/m/yyyy) in the board's zone.
func wParseDate(c *Common, s string) (time.Time, error) {
	return time.ParseInLocation("2/1/2006", strings.TrimSpace(s), c.Location())
}

func (q *wQueue) submitSearch() tea.Cmd {
	f := q.search
	f.clearErrs()
	cq := board.CommentQuery{Author: text.Line(f.value(0)), Text: text.Line(f.value(1)), Limit: wQueueLimit}
	var parts []string
	for _, s := range []string{cq.Author, cq.Text} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	for i, dst := range []*time.Time{&cq.From, &cq.To} {
		s := strings.TrimSpace(f.value(2 + i))
		if s == "" {
			continue
		}
		t, err := wParseDate(q.c, s)
		if err != nil {
			f.rows[2+i].err = q.c.ErrText(&board.ValidationError{Field: f.rows[2+i].label, Problem: board.ProblemFormat})
			continue
		}
		if i == 1 {
			t = t.AddDate(0, 0, 1) // "to" includes the whole day
		}
		*dst = t
		parts = append(parts, f.rows[2+i].label+" "+s)
	}
	for _, r := range f.rows {
		if r.err != "" {
			return nil
		}
	}
	q.query, q.queryText = &cq, strings.Join(parts, " · ")
	q.mode, q.search = wqList, nil
	q.marked = map[uint64]bool{}
	q.cur = wCursor{}
	return q.load()
}

func (q *wQueue) Update(msg tea.Msg) (Page, tea.Cmd) {
	switch msg := msg.(type) {
	case wQueueLoadedMsg:
		if msg.q != q {
			return q, nil
		}
		q.busy, q.loaded = false, true
		if msg.err != nil {
			q.err = q.c.ErrText(msg.err)
			return q, nil
		}
		q.items, q.version = msg.items, msg.version
		for id := range q.marked {
			if !slices.ContainsFunc(q.items, func(cm board.Comment) bool { return cm.ID == id }) {
				delete(q.marked, id)
			}
		}
		if q.mode == wqDetail {
			if _, ok := q.current(); !ok {
				q.mode = wqList
			}
		}
		return q, nil
	case wQueueDoneMsg:
		if msg.q != q {
			return q, nil
		}
		q.busy = false
		if msg.err != nil {
			e := q.c.ErrText(msg.err)
			if msg.keep && q.mode == wqBan && q.ban != nil {
				q.ban.err = e
				return q, nil
			}
			q.err = e
			return q, nil
		}
		q.notice = msg.notice
		for _, id := range msg.ids {
			delete(q.marked, id)
		}
		q.mode, q.ban = wqList, nil
		return q, q.load()
	case wQueueEditDoneMsg:
		if msg.q != q {
			return q, nil
		}
		q.edit, q.mode = nil, wqList
		if msg.flash != "" {
			q.notice = msg.flash
			return q, q.load()
		}
		return q, nil
	case LangMsg:
		switch {
		case q.mode == wqBan && q.ban != nil:
			old := q.ban
			q.openBan(q.banOf)
			q.ban.carry(old)
		case q.mode == wqSearch && q.search != nil:
			old := q.search
			q.openSearch()
			q.search.carry(old)
		}
		return q, nil
	case LiveMsg:
		if q.mode == wqList && !q.busy && q.prompt == nil && q.query == nil && msg.Version != q.version {
			return q, q.load()
		}
		return q, nil
	}
	if q.mode == wqEdit && q.edit != nil {
		_, cmd := q.edit.Update(msg)
		return q, cmd
	}
	if q.prompt != nil {
		return q, wAnswer(&q.prompt, msg)
	}
	switch q.mode {
	case wqBan:
		submit, cancel, cmd := q.ban.update(msg)
		switch {
		case cancel:
			q.mode, q.ban = wqList, nil
		case submit:
			return q, q.submitBan()
		}
		return q, cmd
	case wqSearch:
		submit, cancel, cmd := q.search.update(msg)
		switch {
		case cancel:
			q.mode, q.search = wqList, nil
		case submit:
			return q, q.submitSearch()
		}
		return q, cmd
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return q, nil
	}
	return q, q.key(k)
}

func (q *wQueue) key(k tea.KeyPressMsg) tea.Cmd {
	_, h := wSize(q.c)
	if q.mode == wqDetail {
		if wScroll(&q.detailTop, k, h) {
			return nil
		}
		switch k.String() {
		case "esc", "q", "backspace":
			q.mode = wqList
			return nil
		}
	} else {
		if q.cur.key(k, len(q.items), max(1, (h-3)/2)) {
			return nil
		}
		switch k.String() {
		case "esc", "q":
			if q.query != nil {
				q.query, q.queryText = nil, ""
				q.marked = map[uint64]bool{}
				q.cur = wCursor{}
				return q.load()
			}
			return wBack("")
		case "enter":
			if _, ok := q.current(); ok {
				q.mode, q.detailTop = wqDetail, 0
			}
			return nil
		case "space", " ":
			if cm, ok := q.current(); ok {
				if q.marked[cm.ID] {
					delete(q.marked, cm.ID)
				} else {
					q.marked[cm.ID] = true
				}
				q.cur.move(1, len(q.items))
			}
			return nil
		case "*":
			if len(q.marked) == len(q.items) {
				q.marked = map[uint64]bool{}
			} else {
				for _, cm := range q.items {
					q.marked[cm.ID] = true
				}
			}
			return nil
		case "/", "f":
			q.openSearch()
			return nil
		case "ctrl+r", "R":
			if !q.busy {
				q.err, q.notice = "", ""
				return q.load()
			}
			return nil
		}
	}
	switch k.String() {
	case "a":
		return q.approve(q.targets())
	case "r":
		return q.reject(q.targets())
	case "d", "x":
		return q.remove(q.targets())
	case "e":
		if cm, ok := q.current(); ok && !q.busy {
			q.edit = newWEditForm(q.c, cm, func(flash string) tea.Cmd {
				return func() tea.Msg { return wQueueEditDoneMsg{q: q, flash: flash} }
			})
			q.mode = wqEdit
			return q.edit.Init()
		}
	case "b":
		if cm, ok := q.current(); ok && !q.busy {
			q.openBan(cm)
		}
	}
	return nil
}

// wWho is how an author is identified in the queue: the key's fingerprint, else the IP.
func wWho(cm board.Comment) string {
	switch {
	case cm.Login != "":
		return "@" + cm.Login
	case cm.Fingerprint != "":
		return cm.Fingerprint
	}
	if a, err := netip.ParseAddr(cm.RemoteAddr); err == nil {
		return a.String()
	}
	return cm.RemoteAddr
}

func (q *wQueue) View() string {
	w, h := wSize(q.c)
	switch q.mode {
	case wqEdit:
		if q.edit != nil {
			return q.edit.View()
		}
	case wqBan:
		return wFit(q.ban.view(q.c, q.c.Styles, w), h)
	case wqSearch:
		return wFit(q.search.view(q.c, q.c.Styles, w), h)
	case wqDetail:
		return q.viewDetail(w, h)
	}
	return q.viewList(w, h)
}

// status is the notice, error or prompt at the bottom of the queue.
func (q *wQueue) status(w int) []string {
	switch {
	case q.prompt != nil:
		return q.prompt.view(q.c, q.c.Styles, w)
	case q.err != "":
		return []string{q.c.Styles.Error.Render(Cut(q.err, w))}
	case q.busy:
		return []string{q.c.Styles.Muted.Render(Cut(q.c.T(i18n.TUILoading), w))}
	case q.notice != "":
		return []string{q.c.Styles.Notice.Render(Cut(q.notice, w))}
	}
	return nil
}

func (q *wQueue) viewList(w, h int) string {
	head := q.c.T(i18n.TWQueueHeading, len(q.items))
	if q.query != nil {
		head = q.c.T(i18n.TWQueueResults, len(q.items), text.Line(q.queryText))
	}
	if len(q.marked) > 0 {
		head += " · " + q.c.T(i18n.TWQueueMarked, len(q.marked))
	}
	lines := []string{q.c.Styles.Title.Render(Cut(head, w)), ""}
	status := q.status(w)
	rowsH := h - len(lines) - len(status) - 1
	switch {
	case !q.loaded:
	case len(q.items) == 0 && q.query != nil:
		lines = append(lines, q.c.Styles.Muted.Render(Cut(q.c.T(i18n.TWQueueNoResults), w)))
	case len(q.items) == 0:
		lines = append(lines, q.c.Styles.Muted.Render(Cut(q.c.T(i18n.TWQueueEmpty), w)))
	default:
		from, to := q.cur.window(len(q.items), max(1, rowsH/2))
		for i := from; i < to; i++ {
			lines = append(lines, q.row(q.items[i], i == q.cur.pos, w)...)
		}
	}
	for len(lines) < h-len(status) {
		lines = append(lines, "")
	}
	return wFit(append(lines, status...), h)
}

// row draws one comment of the list in two lines.
func (q *wQueue) row(cm board.Comment, selected bool, w int) []string {
	marker := "  "
	if selected {
		marker = "› "
	}
	box := "[ ] "
	if q.marked[cm.ID] {
		box = "[x] "
	}
	when := q.c.DateTime(cm.CreatedAt)
	if q.query != nil {
		when = Fit(wStatus(q.c, cm.Status), 9) + " " + q.c.Date(cm.CreatedAt)
	}
	nameW := 22
	rest := max(0, w-text.Width(marker+box)-text.Width(when)-2-nameW-2)
	l1 := marker + box + when + "  " + Fit(text.Line(cm.Name), nameW) + "  " + Cut(cm.ThreadTitle, rest)
	snippet := text.Line(cm.Body)
	if t := text.Line(cm.Title); t != "" {
		snippet = t + " — " + snippet
	}
	who := Cut(wWho(cm), 28)
	l2 := "      " + who + "  " + Cut(snippet, max(0, w-8-text.Width(who)))
	if selected {
		return []string{q.c.Styles.Selected.Render(Fit(l1, w)), l2}
	}
	return []string{l1, q.c.Styles.Muted.Render(l2)}
}

// wStatus names a comment's state.
func wStatus(c *Common, s board.CommentStatus) string {
	switch s {
	case board.CommentApproved:
		return c.T(i18n.TWStatusApproved)
	case board.CommentRejected:
		return c.T(i18n.TWStatusRejected)
	case board.CommentDeleted:
		return c.T(i18n.TWStatusDeleted)
	}
	return c.T(i18n.TWStatusPending)
}

// wCommentLines is a comment shown whole: its fields, then its body wrapped to w.
func wCommentLines(c *Common, st *Styles, cm board.Comment, w int) []string {
	field := func(label, value string) string {
		return st.FieldLabel.Render(Fit(label, 14)) + Cut(value, w-14)
	}
	lines := []string{
		field(i18n.Field(c.Lang, "name"), cm.Name),
		field(i18n.Field(c.Lang, "title"), cm.Title),
		field(c.T(i18n.TWQueueThread), cm.ThreadTitle),
		field(c.T(i18n.TWQueueWhen), c.DateTime(cm.CreatedAt)),
	}
	if cm.Login != "" {
		lines = append(lines, field(i18n.Field(c.Lang, "login"), cm.Login))
	}
	if cm.Fingerprint != "" {
		lines = append(lines, field(i18n.Field(c.Lang, "key"), cm.Fingerprint))
	}
	if cm.RemoteAddr != "" {
		lines = append(lines, field(i18n.Field(c.Lang, "addr"), cm.RemoteAddr))
	}
	lines = append(lines, field(c.T(i18n.FieldStatus), wStatus(c, cm.Status)))
	if cm.Reason != "" {
		lines = append(lines, field(i18n.Field(c.Lang, "reason"), cm.Reason))
	}
	lines = append(lines, strings.Repeat("─", w))
	return append(lines, wWrap(cm.Body, w)...)
}

func (q *wQueue) viewDetail(w, h int) string {
	cm, _ := q.current()
	lines := []string{q.c.Styles.Title.Render(Cut(q.c.T(i18n.TWQueueDetailHeading, q.cur.pos+1, len(q.items)), w))}
	status := q.status(w)
	body := wCommentLines(q.c, q.c.Styles, cm, w)
	room := h - 1 - len(status)
	q.detailTop = min(q.detailTop, max(0, len(body)-room))
	end := min(len(body), q.detailTop+room)
	lines = append(lines, body[q.detailTop:end]...)
	for len(lines) < h-len(status) {
		lines = append(lines, "")
	}
	return wFit(append(lines, status...), h)
}

func (q *wQueue) ShortHelp() []key.Binding {
	l := q.c.Lang
	if q.mode == wqEdit && q.edit != nil {
		return q.edit.ShortHelp()
	}
	return []key.Binding{
		wKey([]string{"a"}, "a", i18n.T(l, i18n.TWKeyApprove)),
		wKey([]string{"r"}, "r", i18n.T(l, i18n.TWKeyReject)),
		wKey([]string{"e"}, "e", i18n.T(l, i18n.TWKeyEdit)),
		wKey([]string{"d"}, "d", i18n.T(l, i18n.TWKeyDelete)),
		wKey([]string{"b"}, "b", i18n.T(l, i18n.TWKeyBan)),
		wKey([]string{"space"}, "space", i18n.T(l, i18n.TWKeyMark)),
		wKey([]string{"/"}, "/", i18n.T(l, i18n.TUIKeyRun)),
	}
}

func (q *wQueue) FullHelp() [][]key.Binding {
	l := q.c.Lang
	return [][]key.Binding{q.ShortHelp(), {
		wKey([]string{"up", "down"}, "↑/↓", i18n.T(l, i18n.TWHelpMove)),
		wKey([]string{"enter"}, "enter", i18n.T(l, i18n.TUIKeyOpen)),
		wKey([]string{"*"}, "*", i18n.T(l, i18n.TWKeyMarkAll)),
		wKey([]string{"R"}, "R", i18n.T(l, i18n.TWKeyReload)),
		wKey([]string{"esc"}, "esc", i18n.T(l, i18n.TUIKeyBack)),
	}}
}

// --- moderating one approved comment from the thread view ---

// NewCommentActions is a small page that lets a moderator hide (reject) or delete a comment
// already shown under a thread; the thread view opens it on the selected comment.
func NewCommentActions(c *Common, cm board.Comment) Page {
	return &wCommentActions{c: c, cm: cm}
}

type wCommentActions struct {
	c      *Common
	cm     board.Comment
	prompt *wPrompt
	busy   bool
	err    string
}

type wActionDoneMsg struct {
	p     *wCommentActions
	flash string
	err   error
}

func (p *wCommentActions) Init() tea.Cmd { return nil }

func (p *wCommentActions) Capturing() bool { return p.prompt != nil }

func (p *wCommentActions) act(hide bool) {
	ask, done := i18n.TWActHideAsk, i18n.TWActHidden
	if !hide {
		ask, done = i18n.TWActDeleteAsk, i18n.TWActDeleted
	}
	b, actor, id := p.c.Board, p.c.Identity, p.cm.ID
	p.prompt = newWAsk(p.c, p.c.T(ask), "", 300, func(reason string) tea.Cmd {
		p.busy, p.err = true, ""
		flash := p.c.T(done)
		return wCall(p.c, func(ctx context.Context) tea.Msg {
			var err error
			if hide {
				err = b.RejectComments(ctx, actor, []uint64{id}, text.Line(reason))
			} else {
				err = b.DeleteComments(ctx, actor, []uint64{id}, text.Line(reason))
			}
			return wActionDoneMsg{p: p, flash: flash, err: err}
		})
	})
}

func (p *wCommentActions) Update(msg tea.Msg) (Page, tea.Cmd) {
	if m, ok := msg.(wActionDoneMsg); ok && m.p == p {
		p.busy = false
		if m.err != nil {
			p.err = p.c.ErrText(m.err)
			return p, nil
		}
		return p, wBack(m.flash)
	}
	if p.prompt != nil {
		return p, wAnswer(&p.prompt, msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || p.busy {
		return p, nil
	}
	switch k.String() {
	case "h":
		p.act(true)
	case "d", "x":
		p.act(false)
	case "esc", "q":
		return p, wBack("")
	}
	return p, nil
}

func (p *wCommentActions) View() string {
	w, h := wSize(p.c)
	lines := []string{p.c.Styles.Title.Render(Cut(p.c.T(i18n.TWActHeading), w)), ""}
	lines = append(lines, wCommentLines(p.c, p.c.Styles, p.cm, w)...)
	var foot []string
	switch {
	case p.prompt != nil:
		foot = p.prompt.view(p.c, p.c.Styles, w)
	case p.err != "":
		foot = []string{p.c.Styles.Error.Render(Cut(p.err, w))}
	default:
		foot = []string{p.c.Styles.Muted.Render(Cut(p.c.T(i18n.TWActKeys), w))}
	}
	if len(lines) > h-len(foot)-1 {
		lines = lines[:max(0, h-len(foot)-1)]
	}
	lines = append(lines, "")
	return wFit(append(lines, foot...), h)
}

func (p *wCommentActions) ShortHelp() []key.Binding {
	l := p.c.Lang
	return []key.Binding{
		wKey([]string{"h"}, "h", i18n.T(l, i18n.TWKeyHide)),
		wKey([]string{"d"}, "d", i18n.T(l, i18n.TWKeyDelete)),
		wKey([]string{"esc"}, "esc", i18n.T(l, i18n.TUIKeyBack)),
	}
}

func (p *wCommentActions) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

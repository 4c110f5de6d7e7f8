package command

import (
	"time"

	"bangtin/board"
	"bangtin/board/text"
)

// The JSON shapes printed with --json. They are a public interface (the README documents them):
// fields may be added, never renamed or removed. Times are RFC 3339 in the board's time zone,
// null when unset; statuses and roles are text.

type versionJSON struct {
	Version string `json:"version"`
}

type whoamiJSON struct {
	Name        string `json:"name"`
	Login       string `json:"login"`
	Role        string `json:"role"`
	Fingerprint string `json:"fingerprint"`
}

type statsJSON struct {
	Online int    `json:"online"`
	Today  uint64 `json:"today"`
	Week   uint64 `json:"week"`
	Total  uint64 `json:"total"`
}

// threadFields are the fields of a thread object every command prints (`news list`, `news show`).
type threadFields struct {
	ID          uint64  `json:"id"`
	Title       string  `json:"title"`
	Summary     string  `json:"summary"`
	Category    string  `json:"category"` // the category's slug
	Author      string  `json:"author"`
	CreatedAt   *string `json:"created_at"`
	PublishedAt *string `json:"published_at"`
	UpdatedAt   *string `json:"updated_at"`
	Pinned      bool    `json:"pinned"`
	Status      string  `json:"status"` // draft, published, hidden or deleted
	Views       uint64  `json:"views"`
}

// threadJSON is a thread in a list: its fields and its number of comments.
type threadJSON struct {
	threadFields
	Comments int `json:"comments"`
}

// threadShowJSON is `news show`: the thread object with "body" and "comments" (the approved
// comments replace the count).
type threadShowJSON struct {
	threadFields
	Body     string            `json:"body"`
	Comments []threadCommentJS `json:"comments"`
}

type threadCommentJS struct {
	ID        uint64  `json:"id"`
	Name      string  `json:"name"`
	Title     string  `json:"title"`
	Body      string  `json:"body"`
	CreatedAt *string `json:"created_at"`
	Role      string  `json:"role"` // the author's role: guest, staff, editor or admin
}

type idJSON struct {
	ID uint64 `json:"id"`
}

type threadStatusJSON struct {
	ID     uint64 `json:"id"`
	Status string `json:"status"`
}

type commentPostedJSON struct {
	ID     uint64 `json:"id"`
	Status string `json:"status"`
}

// listedCommentJSON is the part of a comment that the lists spanning threads (the queue,
// `comments mine`) share; embedded, its fields come first in the object.
type listedCommentJSON struct {
	ID          uint64 `json:"id"`
	ThreadID    uint64 `json:"thread_id"`
	ThreadTitle string `json:"thread_title"`
	Name        string `json:"name"`
	Title       string `json:"title"`
	Body        string `json:"body"`
}

func listedComment(c board.Comment) listedCommentJSON {
	return listedCommentJSON{
		ID:          c.ID,
		ThreadID:    c.ThreadID,
		ThreadTitle: text.Line(c.ThreadTitle),
		Name:        text.Line(c.Name),
		Title:       text.Line(c.Title),
		Body:        text.Clean(c.Body),
	}
}

type pendingJSON struct {
	listedCommentJSON
	CreatedAt   *string `json:"created_at"`
	Fingerprint string  `json:"fingerprint"`
	RemoteAddr  string  `json:"remote_addr"`
	Role        string  `json:"role"`
	HeldFor     string  `json:"held_for"` // the word-list entry that held it; "" if none
}

// mineJSON is one comment of `comments mine`.
type mineJSON struct {
	listedCommentJSON
	Status    string  `json:"status"` // pending, approved, rejected or deleted
	Reason    string  `json:"reason"` // the moderator's reason, "" if none
	CreatedAt *string `json:"created_at"`
	DecidedAt *string `json:"decided_at"`
}

type categoryJSON struct {
	ID       uint64 `json:"id"`
	Name     string `json:"name"`
	Slug     string `json:"slug"`
	Position int    `json:"position"` // 1-based place in the list
	Threads  int    `json:"threads"`  // every thread of it, deleted ones included
}

type settingsJSON struct {
	Moderation string   `json:"moderation"` // guests, everyone or none
	Captcha    bool     `json:"captcha"`
	Words      []string `json:"words"`
}

type decidedJSON struct {
	IDs    []uint64 `json:"ids"`
	Status string   `json:"status"`
}

type banJSON struct {
	ID          uint64  `json:"id"`
	Fingerprint string  `json:"fingerprint"`
	Addr        string  `json:"addr"`
	Reason      string  `json:"reason"`
	By          string  `json:"by"`
	CreatedAt   *string `json:"created_at"`
	ExpiresAt   *string `json:"expires_at"`
}

type keyJSON struct {
	Fingerprint string `json:"fingerprint"`
	Type        string `json:"type"`
}

type accountJSON struct {
	Login     string    `json:"login"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	Keys      []keyJSON `json:"keys"`
	Password  bool      `json:"password"`
	CreatedAt *string   `json:"created_at"`
}

type loginJSON struct {
	Login string `json:"login"`
}

type auditJSON struct {
	ID     uint64  `json:"id"`
	At     *string `json:"at"`
	Actor  string  `json:"actor"`
	Kind   string  `json:"kind"`
	Target string  `json:"target"`
	Reason string  `json:"reason"`
	Detail string  `json:"detail"`
	// ThreadID is the thread the entry concerns, for a client to open (a thread's entries, and
	// a comment's when it names its thread); null otherwise.
	ThreadID *uint64 `json:"thread_id"`
}

type okJSON struct {
	OK bool `json:"ok"`
}

// --- conversions (every piece of user text passes the sanitiser here) ---

func (r *runner) loc() *time.Location {
	if l := r.env.Board.Location(); l != nil {
		return l
	}
	return time.UTC
}

// ts is t as RFC 3339 in the board's time zone, nil when zero.
func (r *runner) ts(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.In(r.loc()).Format(time.RFC3339)
	return &s
}

func threadStatus(t board.Thread) string {
	if t.Deleted {
		return "deleted"
	}
	return t.Status.String()
}

func (r *runner) threadJSON(t board.Thread, cats map[uint64]board.Category) threadJSON {
	return threadJSON{threadFields: threadFields{
		ID:          t.ID,
		Title:       text.Line(t.Title),
		Summary:     text.Line(t.Summary),
		Category:    text.Line(cats[t.CategoryID].Slug),
		Author:      text.Line(t.AuthorName),
		CreatedAt:   r.ts(t.CreatedAt),
		PublishedAt: r.ts(t.PublishedAt),
		UpdatedAt:   r.ts(t.UpdatedAt),
		Pinned:      t.Pinned,
		Status:      threadStatus(t),
		Views:       t.Views,
	}, Comments: t.Comments}
}

func (r *runner) commentJSON(c board.Comment) threadCommentJS {
	return threadCommentJS{
		ID:        c.ID,
		Name:      text.Line(c.Name),
		Title:     text.Line(c.Title),
		Body:      text.Clean(c.Body),
		CreatedAt: r.ts(c.CreatedAt),
		Role:      c.AuthorRole().String(),
	}
}

func (r *runner) mineJSON(c board.Comment) mineJSON {
	return mineJSON{
		listedCommentJSON: listedComment(c),
		Status:            c.Status.String(),
		Reason:            text.Line(c.Reason),
		CreatedAt:         r.ts(c.CreatedAt),
		DecidedAt:         r.ts(c.DecidedAt),
	}
}

func settingsOut(s board.Settings) settingsJSON {
	words := make([]string, 0, len(s.WordList))
	for _, w := range s.WordList {
		words = append(words, text.Line(w))
	}
	return settingsJSON{Moderation: s.Moderation.String(), Captcha: s.Captcha, Words: words}
}

func (r *runner) pendingJSON(c board.Comment) pendingJSON {
	return pendingJSON{
		listedCommentJSON: listedComment(c),
		CreatedAt:         r.ts(c.CreatedAt),
		Fingerprint:       text.Line(c.Fingerprint),
		RemoteAddr:        text.Line(c.RemoteAddr),
		Role:              c.AuthorRole().String(),
		HeldFor:           text.Line(c.HeldFor),
	}
}

func (r *runner) banJSON(b board.Ban) banJSON {
	addr := ""
	if b.Prefix.IsValid() {
		addr = b.Prefix.String()
	}
	return banJSON{
		ID:          b.ID,
		Fingerprint: text.Line(b.Fingerprint),
		Addr:        addr,
		Reason:      text.Line(b.Reason),
		By:          text.Line(b.By),
		CreatedAt:   r.ts(b.CreatedAt),
		ExpiresAt:   r.ts(b.ExpiresAt),
	}
}

func (r *runner) accountJSON(a board.Account) accountJSON {
	keys := make([]keyJSON, 0, len(a.Keys))
	for _, k := range a.Keys {
		keys = append(keys, keyJSON{Fingerprint: text.Line(k.Fingerprint), Type: text.Line(k.Type)})
	}
	return accountJSON{
		Login:     text.Line(a.Login),
		Name:      text.Line(a.Name),
		Role:      a.Role.String(),
		Keys:      keys,
		Password:  a.PasswordHash != "",
		CreatedAt: r.ts(a.CreatedAt),
	}
}

func (r *runner) auditJSON(e board.AuditEntry) auditJSON {
	var thread *uint64
	if ref := e.Ref(); ref.ThreadID != 0 {
		thread = &ref.ThreadID
	}
	return auditJSON{
		ThreadID: thread,
		ID:       e.ID,
		At:       r.ts(e.At),
		Actor:    text.Line(e.Actor),
		Kind:     text.Line(e.Kind),
		Target:   text.Line(e.Target),
		Reason:   text.Line(e.Reason),
		Detail:   text.Line(e.Detail),
	}
}

package board

import (
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// Identity is who a session is, decided once from what the SSH handshake proved (package keys).
// The zero Identity is an anonymous guest.
type Identity struct {
	Login       string     // account login name; "" for guests
	Name        string     // display name (sanitised); "" for guests without a remembered name
	Role        Role       // RoleGuest unless an account proved itself
	Fingerprint string     // "SHA256:..." of the key that authenticated; "" if none
	Addr        netip.Addr // the client's IP address
}

// System is the actor for changes made by the server itself (start-up flags, the admin claim).
var System = Identity{Login: "system", Name: "system", Role: RoleAdmin}

// IsAccount reports whether the identity is a known account (staff, editor or admin).
func (id Identity) IsAccount() bool { return id.Login != "" }

// ReaderKey identifies a reader for read markers: "acct:LOGIN" for accounts, "key:FINGERPRINT"
// for guests with a key, "" for guests without one (who get no read markers).
func (id Identity) ReaderKey() string {
	switch {
	case id.Login != "":
		return "acct:" + id.Login
	case id.Fingerprint != "":
		return "key:" + id.Fingerprint
	}
	return ""
}

// VisitorKey identifies a visitor for the unique-visitor counts: the key fingerprint, else the IP.
func (id Identity) VisitorKey() string {
	if id.Fingerprint != "" {
		return "key:" + id.Fingerprint
	}
	return "ip:" + id.Addr.String()
}

// Actor is how an identity is named in the audit log and on moderation decisions.
func (id Identity) Actor() string {
	switch {
	case id.Login != "":
		return id.Login
	case id.Fingerprint != "":
		return id.Fingerprint
	case id.Addr.IsValid():
		return id.Addr.String()
	}
	return "guest"
}

// Category groups threads. A new board has one: "Tin tức" (slug "tin-tuc").
type Category struct {
	ID    uint64
	Name  string
	Slug  string
	Order int
}

// ThreadStatus is the publication state of a thread.
type ThreadStatus uint8

const (
	StatusDraft ThreadStatus = iota
	StatusPublished
	StatusHidden
)

var threadStatusNames = names[ThreadStatus]{StatusDraft: "draft", StatusPublished: "published", StatusHidden: "hidden"}

func (s ThreadStatus) String() string { return threadStatusNames.text(s) }

func (s ThreadStatus) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Thread is a news article. Deleted threads are kept (soft delete) and restorable by an admin.
type Thread struct {
	ID                uint64
	CategoryID        uint64
	Title             string // 1-200 runes
	Summary           string // at most 500 runes
	Body              string // Markdown, at most 64 KiB
	AuthorName        string
	AuthorLogin       string
	AuthorFingerprint string
	Pinned            bool
	Status            ThreadStatus
	Deleted           bool
	CreatedAt         time.Time
	UpdatedAt         time.Time
	PublishedAt       time.Time // zero while a draft
	LastCommentAt     time.Time // time of the newest approved comment; zero if none
	Views             uint64
	Comments          int // approved comments
}

// ThreadInput is what an editor writes. On update, every field replaces the stored one.
type ThreadInput struct {
	CategoryID uint64 // 0: the first category
	Title      string
	Summary    string
	Body       string
	Pinned     bool
	Draft      bool // true: StatusDraft; false: StatusPublished
}

// Revision is an earlier version of a thread, kept on every edit.
type Revision struct {
	ThreadID uint64
	Rev      int // 1 is the oldest
	Title    string
	Summary  string
	Body     string
	Editor   string // Identity.Actor() of who replaced this version
	At       time.Time
}

// ThreadQuery selects a page of threads for a list.
type ThreadQuery struct {
	CategoryID uint64 // 0: all categories
	Page       int    // 1-based; ignored when Cursor is set
	PerPage    int    // default 20, at most 100
	Cursor     string // opaque, from ThreadPage.Next
	// All includes drafts and hidden threads (editors only; others get published only).
	All bool
	// Month, when not zero, keeps only the threads published (drafts: created) in that calendar
	// month of the board's time zone; any time within the month selects it (the TUI passes the
	// first of the month). Pinned threads of other months are left out. Total and Pages count the
	// month's threads; Cursor is not used with Month (pages by number).
	Month time.Time
}

// ThreadPage is one page of a list: pinned first, then newest published. Its threads carry no
// Body: Board.Thread returns a thread with its body.
type ThreadPage struct {
	Threads []Thread
	Total   int    // threads matching the query, for page numbers
	Page    int    // 1-based number of this page
	Pages   int    // number of pages
	Next    string // cursor of the next page, "" on the last
}

// CommentStatus is a comment's moderation state.
type CommentStatus uint8

const (
	CommentPending CommentStatus = iota
	CommentApproved
	CommentRejected
	CommentDeleted
)

var commentStatusNames = names[CommentStatus]{CommentPending: "pending", CommentApproved: "approved", CommentRejected: "rejected", CommentDeleted: "deleted"}

func (s CommentStatus) String() string { return commentStatusNames.text(s) }

func (s CommentStatus) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Comment is a reader's comment under a thread (the portal's form: Họ tên, Tiêu đề, Nội dung).
type Comment struct {
	ID          uint64
	ThreadID    uint64
	ThreadTitle string // filled in by lists that span threads (the queue, search)
	Name        string // Họ tên, 1-80 runes
	Title       string // Tiêu đề, at most 150 runes
	Body        string // Nội dung, 1-4000 runes
	Login       string // author's account, if any
	Fingerprint string // author's key, if any
	RemoteAddr  string // author's IP
	CreatedAt   time.Time
	Status      CommentStatus
	Moderator   string
	DecidedAt   time.Time
	Reason      string
	// Role is the author's role when the comment was posted: RoleGuest for guests, the
	// account's role otherwise (see AuthorRole for comments stored before it was recorded).
	Role Role
	// HeldFor is the word-list entry (as the admin wrote it) that sent the comment to the
	// moderation queue; "" when no listed word matched. Shown to moderators only.
	HeldFor string
}

// AuthorKey is the ReaderKey of the identity that wrote the comment: "acct:LOGIN" for an account
// (whatever key it used), "key:FINGERPRINT" for a guest with a key, "" for a guest without one.
// Stores index comments by it for MyComments; a comment's author never changes.
func (c Comment) AuthorKey() string {
	return Identity{Login: c.Login, Fingerprint: c.Fingerprint}.ReaderKey()
}

// AuthorRole is the role the comment was posted with. Comments stored before roles were
// recorded carry RoleGuest even when an account wrote them: those count as RoleStaff, the
// least an account can be.
func (c Comment) AuthorRole() Role {
	if c.Role == RoleGuest && c.Login != "" {
		return RoleStaff
	}
	return c.Role
}

// Official reports whether an account wrote the comment (staff, editor or admin): the TUI marks
// it ("✓ Cán bộ") so that readers can tell official replies.
func (c Comment) Official() bool { return c.AuthorRole() >= RoleStaff }

// CommentInput is what a reader writes, or what a moderator's edit replaces.
type CommentInput struct {
	ThreadID uint64
	Name     string
	Title    string
	Body     string
}

// CommentPage is a page of a thread's approved comments, oldest first.
type CommentPage struct {
	Comments []Comment
	Total    int
	Page     int
	Pages    int
}

// CommentQuery searches comments for moderators. Empty fields match everything.
type CommentQuery struct {
	Author string // matches name, login or fingerprint (folded, substring)
	Text   string // folded words in title or body
	From   time.Time
	To     time.Time
	Status *CommentStatus
	Limit  int // default 50
}

// ModerationMode says whose comments wait for a moderator.
type ModerationMode uint8

const (
	ModerateGuests   ModerationMode = iota // default: guests wait, accounts are shown at once
	ModerateEveryone                       // everyone waits (editors and admins too)
	ModerateNone                           // nobody waits (the word list still applies)
)

var moderationNames = names[ModerationMode]{ModerateGuests: "guests", ModerateEveryone: "everyone", ModerateNone: "none"}

func (m ModerationMode) String() string { return moderationNames.text(m) }

// ParseModerationMode reads "guests", "everyone" or "none".
func ParseModerationMode(s string) (ModerationMode, error) {
	if m, ok := moderationNames.parse(s, nil); ok {
		return m, nil
	}
	return ModerateGuests, &ValidationError{Field: "moderation", Problem: ProblemUnknown}
}

// Settings are the board-wide switches an admin changes.
type Settings struct {
	Moderation ModerationMode
	Captcha    bool // ask guests a simple question on the comment form (default true)
	// WordList holds the entries that send a comment to review whoever wrote it, as the admin
	// wrote them (NFC, with their diacritics). An entry is one word or a phrase; it matches
	// whole words with the same diacritics, ignoring case ("cá độ" matches "CÁ ĐỘ", not "cá đỏ")
	// and where the tone mark sits ("hoà" matches "hòa").
	WordList []string
}

// Ban stops a key or an address range from posting.
type Ban struct {
	ID          uint64
	Fingerprint string       // set for a key ban
	Prefix      netip.Prefix // set for an IP ban (a single address is a /32 or /128)
	Reason      string
	By          string
	CreatedAt   time.Time
	ExpiresAt   time.Time // zero: never
}

// BanInput is what a moderator asks for. Exactly one of Fingerprint and Addr is set; Addr is an
// address or a CIDR prefix.
type BanInput struct {
	Fingerprint string
	Addr        string
	For         time.Duration // 0: forever
	Reason      string
}

// Audit kinds.
const (
	AuditCommentApprove  = "comment.approve"
	AuditCommentReject   = "comment.reject"
	AuditCommentDelete   = "comment.delete"
	AuditCommentEdit     = "comment.edit"
	AuditThreadCreate    = "thread.create"
	AuditThreadEdit      = "thread.edit"
	AuditThreadHide      = "thread.hide"
	AuditThreadRestore   = "thread.restore"
	AuditThreadDelete    = "thread.delete"
	AuditThreadRevert    = "thread.revert"
	AuditCategoryAdd     = "category.add"
	AuditCategoryRename  = "category.rename"
	AuditCategoryMove    = "category.move"
	AuditCategoryRemove  = "category.remove"
	AuditBanAdd          = "ban.add"
	AuditBanRemove       = "ban.remove"
	AuditAccountAdd      = "account.add"
	AuditAccountRemove   = "account.remove"
	AuditAccountRole     = "account.role"
	AuditAccountRename   = "account.rename"
	AuditAccountKeyAdd   = "account.key.add"
	AuditAccountKeyDel   = "account.key.remove"
	AuditAccountPassword = "account.password"
	AuditSettings        = "settings"
	AuditDenied          = "denied" // a refused attempt at a privileged action
	AuditAuthFailure     = "auth.failure"
)

// AuditEntry records one moderation, editorial or account action.
type AuditEntry struct {
	ID     uint64
	At     time.Time
	Actor  string
	Kind   string
	Target string // "thread:12", "comment:40", "account:lan", "ban:3", ...
	Reason string
	Detail string
}

// AuditRef is what an audit entry is about, for a client to open: Kind is "thread",
// "comment", "category", "account", "ban", "settings" or "" (nothing to open); ID is set for
// threads, comments, categories and bans, Login for accounts, ThreadID for threads and for
// comments whose entry names their thread.
type AuditRef struct {
	Kind     string
	ID       uint64
	Login    string
	ThreadID uint64
}

// Ref reads the entry's Target (and, for comments, the "thread:N" Detail).
func (e AuditEntry) Ref() AuditRef {
	kind, rest, ok := strings.Cut(e.Target, ":")
	if !ok {
		if e.Target == "settings" {
			return AuditRef{Kind: "settings"}
		}
		return AuditRef{}
	}
	switch kind {
	case "account":
		return AuditRef{Kind: kind, Login: rest}
	case "thread", "comment", "category", "ban":
		id, err := strconv.ParseUint(rest, 10, 64)
		if err != nil || id == 0 {
			return AuditRef{}
		}
		r := AuditRef{Kind: kind, ID: id}
		switch kind {
		case "thread":
			r.ThreadID = id
		case "comment":
			if t, ok := strings.CutPrefix(e.Detail, "thread:"); ok {
				r.ThreadID, _ = strconv.ParseUint(t, 10, 64)
			}
		}
		return r
	}
	return AuditRef{}
}

// AuditQuery filters the audit log, newest first.
type AuditQuery struct {
	Kind  string // prefix match: "comment" matches "comment.approve"
	Actor string
	Limit int // default 100
}

// Account is a known person: staff, editor or admin.
type Account struct {
	Login        string // lowercase ASCII, 2-32: [a-z0-9][a-z0-9._-]*
	Name         string // display name, any Vietnamese text (sanitised)
	Role         Role
	Keys         []AccountKey
	PasswordHash string // opaque to the board (package keys: argon2id with its parameters); "" none
	CreatedAt    time.Time
}

// AccountKey is a public key registered to an account. A key belongs to at most one account.
type AccountKey struct {
	Fingerprint string // "SHA256:..."
	Type        string // "ssh-ed25519", ...
	Line        string // the authorized_keys line as given (sanitised comment)
}

// VisitorCounts are the portal's "Thống kê truy cập": visits today, this ISO week (from Monday)
// and all time, in the board's time zone. Online comes from the live-session registry, not here.
type VisitorCounts struct {
	Today uint64
	Week  uint64
	Total uint64
}

// DayCount is one day of the visitor history.
type DayCount struct {
	Day    time.Time // local midnight in the board's time zone
	Visits uint64
	Unique uint64
}

// WhatsNew is what changed since a reader's previous visit.
type WhatsNew struct {
	Since    time.Time
	Threads  []Thread  // published since, newest first, without their bodies
	Comments []Comment // approved since, newest first, with ThreadTitle
}

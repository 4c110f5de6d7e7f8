package board

import (
	"context"
	"errors"
	"io"
	"time"
)

// Store is the persistence the Board is built over (board/boltstore implements it). Reads run in
// View; every change runs in Update, which commits and fsyncs before it returns nil. Update may
// share one transaction (and one fsync) among concurrent callers and may run fn more than once
// (when another request of the same group fails), so fn must have no effect outside the Tx.
// A View is one consistent snapshot however many reads it makes (PostgreSQL: REPEATABLE READ):
// an export (board/export) runs in one View.
type Store interface {
	View(ctx context.Context, fn func(Tx) error) error
	Update(ctx context.Context, fn func(Tx) error) error
	// Check runs the store's consistency check.
	Check(ctx context.Context) error
	// WriteTo writes a consistent snapshot of the whole store to w without blocking writers: the
	// embedded store its database file (what `bangtin restore` takes), other stores the export
	// format (export.WriteTo in one read transaction; what `bangtin copy --from FILE` takes).
	WriteTo(ctx context.Context, w io.Writer) (int64, error)
	Close() error
}

// Tx is one transaction of the store. Values it returns are the caller's own (copied out of the
// store's memory); they stay valid after the transaction ends. Writing methods fail in a View.
type Tx interface {
	// Settings, or the defaults when never saved.
	Settings() (Settings, error)
	PutSettings(Settings) error

	// Categories in their order.
	Categories() ([]Category, error)
	Category(id uint64) (Category, error) // ErrNotFound
	// PutCategory stores c; an ID of 0 gets a new one, another ID is kept (and the id counter
	// moves past it).
	PutCategory(c *Category) error
	DeleteCategory(id uint64) error
	// CategoryThreadCount counts every thread of a category, deleted ones included.
	CategoryThreadCount(id uint64) (int, error)

	Thread(id uint64) (Thread, error) // ErrNotFound
	// PutThread stores t (an ID of 0 gets a new one; another ID is kept and the id counter moves
	// past it) and keeps the list indexes, counters and the search index in step with it.
	PutThread(t *Thread) error
	// AddViews adds view counts to threads (unknown ids are skipped).
	AddViews(views map[uint64]uint64) error
	// ThreadsEver is the number of thread ids ever handed out.
	ThreadsEver() (uint64, error)
	// ListThreads returns up to n threads of a list (pinned first, newest first), published ones
	// only unless all (then every thread that is not deleted); cat 0 is every category. It starts
	// after cursor if set, else after skipping skip threads, and returns the cursor of the last.
	// Listed threads carry no Body (Thread has it).
	ListThreads(cat uint64, all bool, cursor string, skip, n int) (threads []Thread, last string, err error)
	// CountThreads is the size of that list, kept as a counter.
	CountThreads(cat uint64, all bool) (int, error)
	// DeletedThreads are the deleted threads, newest (highest id) first, without their bodies,
	// after skipping skip (at most n), and how many there are: from an index, so an admin's
	// list of them never reads the other threads.
	DeletedThreads(skip, n int) (threads []Thread, total int, err error)
	// SearchThreads finds published threads holding a word starting with each of words (folded
	// by text.Words) in their title, summary or body, and returns the page after skipping skip
	// (at most n threads) and the number of matches. Order: first the threads holding every one
	// of words as a whole word (an indexed word equal to it), then the others (some word only as
	// a prefix: "tre" in "trem"); within each group newest published first (ties: higher id
	// first). A store may stop counting at a cap of its own (boltstore: 500 matches), ranking
	// only the matches it counted. Found threads carry no Body.
	SearchThreads(words []string, skip, n int) (threads []Thread, total int, err error)

	// AddRevision stores an earlier version of a thread (Rev is assigned).
	AddRevision(r *Revision) error
	Revisions(threadID uint64) ([]Revision, error)

	Comment(id uint64) (Comment, error) // ErrNotFound
	// PutComment stores c (an ID of 0 gets a new one; another ID is kept and the id counter
	// moves past it), keeping the per-thread approved index, the pending queue and its counter,
	// and, for a comment not stored before, the name last used by its key.
	PutComment(c *Comment) error
	// ThreadComments are a thread's approved comments, oldest first, after skipping skip.
	ThreadComments(threadID uint64, skip, n int) ([]Comment, error)
	// PendingComments are the pending comments, oldest first.
	PendingComments(n int) ([]Comment, error)
	PendingCount() (int, error)
	// AuthorComments are the comments whose AuthorKey is author (not ""), newest first, at most n,
	// from an index: a writer's own list never reads the other comments.
	AuthorComments(author string, n int) ([]Comment, error)
	// EachComment calls fn on every comment, newest first, until fn returns false.
	EachComment(fn func(Comment) bool) error
	// LastName is the name the key fingerprint used on its last comment.
	LastName(fingerprint string) (string, error)

	Bans() ([]Ban, error)
	PutBan(b *Ban) error // ID 0: new; another ID is kept (and the id counter moves past it)
	DeleteBan(id uint64) error

	AppendAudit(e *AuditEntry) error // ID assigned
	// EachAudit calls fn on audit entries newest first until it returns false.
	EachAudit(fn func(AuditEntry) bool) error

	Account(login string) (Account, error) // ErrNotFound
	AccountByKey(fingerprint string) (Account, error)
	Accounts() ([]Account, error)
	// PutAccount stores a, keeping the key index (ErrExists if a key belongs to another account).
	PutAccount(a Account) error
	DeleteAccount(login string) error

	// ReadMarks are when reader last opened each of ids.
	ReadMarks(reader string, ids []uint64) (map[uint64]time.Time, error)
	PutReadMarks(marks map[string]map[uint64]time.Time) error
	VisitMark(reader string) (VisitMark, error)
	PutVisitMark(reader string, m VisitMark) error
	// ReaderPrefs are the saved choices of a reader key (the zero value if none).
	ReaderPrefs(reader string) (ReaderPrefs, error)
	PutReaderPrefs(reader string, p ReaderPrefs) error
	// EachReaderPrefs calls fn on every saved reader preference, by reader key, until fn
	// returns false.
	EachReaderPrefs(fn func(reader string, p ReaderPrefs) bool) error

	// Day is the stored visit count of a local day ("20060102").
	Day(day string) (DayCount, error)
	// AddVisits adds visits to a day and counts each of keys as unique if not seen that day;
	// it also adds visits to the all-time total.
	AddVisits(day string, visits uint64, keys []string) error
	// SeenOn reports whether a visitor key was stored as seen on day.
	SeenOn(day, key string) (bool, error)
	TotalVisits() (uint64, error)
	// PruneDays forgets the visitor sets and counts of days before day.
	PruneDays(before string) error

	// --- Files attached to threads (board/files.go) ---
	//
	// A file's record (File) and its bytes are kept apart: lists read records only. The store
	// keeps a per-thread index (files in Order, then id) and the total size of every stored
	// file (FilesTotal), both in step with PutFile and DeleteFile.

	File(id uint64) (File, error) // ErrNotFound
	// ThreadFiles are the files of a thread in their order (Order, then id); deleted or hidden
	// threads keep theirs (the board decides who sees them).
	ThreadFiles(threadID uint64) ([]File, error)
	// PutFile stores a file's record (ID 0 gets a new id; another ID is kept and the id counter
	// moves past it) and keeps the thread index and FilesTotal in step (a changed Size or
	// ThreadID moves them). The bytes are stored apart with PutFileData.
	PutFile(f *File) error
	// PutFileData stores the bytes of a file (replacing any).
	PutFileData(id uint64, data []byte) error
	// FileData returns a copy of a file's bytes (ErrNotFound without them).
	FileData(id uint64) ([]byte, error)
	// DeleteFile removes a file's record, bytes and index entry; an unknown id is ErrNotFound.
	DeleteFile(id uint64) error
	// FilesTotal is the total Size of every stored file, kept as a counter.
	FilesTotal() (int64, error)
	// EachFile calls fn on every file record in ascending id order until fn returns false
	// (exports; the bytes come from FileData).
	EachFile(fn func(File) bool) error

	// --- Export and import (board/export, `bangtin copy`) ---
	//
	// The methods below enumerate everything a store holds and write it back with its ids kept.
	// An export runs them all in one read transaction (a consistent snapshot); an import runs
	// the writing ones into an empty store, in batches, in ascending id order. Every Put method
	// above that takes a record with a non-zero ID keeps that ID (PutCategory, PutThread,
	// PutComment, PutBan, PutAuditEntry) and moves the matching id counter past it, so that the
	// next new record never reuses an imported id. PutComment of an id not stored before also
	// records the comment's name as LastName of its key, as a new comment does. Revisions are
	// written with AddRevision in Rev order (Rev 1 first), which gives them their Rev again.

	// EachThread calls fn on every thread, deleted, hidden and draft ones included, with its
	// Body, in ascending id order, until fn returns false.
	EachThread(fn func(Thread) bool) error
	// PutAuditEntry stores an audit entry with its ID (non-zero) kept, for imports; AppendAudit
	// is what a running board uses.
	PutAuditEntry(e AuditEntry) error
	// EachLastName calls fn on every key fingerprint with the name it used on its last comment
	// (what LastName returns), until fn returns false.
	EachLastName(fn func(fingerprint, name string) bool) error
	// PutLastName sets the name LastName returns for a key fingerprint.
	PutLastName(fingerprint, name string) error
	// EachReadMark calls fn on every read marker (reader key, thread id, when the reader last
	// opened it), until fn returns false. Order: by reader, then thread id.
	EachReadMark(fn func(reader string, thread uint64, at time.Time) bool) error
	// EachVisitMark calls fn on every reader's visit mark, by reader, until fn returns false.
	EachVisitMark(fn func(reader string, m VisitMark) bool) error
	// EachDay calls fn on every stored visitor day, oldest first, with its counts and its set
	// of unique visitor keys (sorted), until fn returns false.
	EachDay(fn func(VisitorDay) bool) error
	// PutDay replaces a day's counts and visitor set with d's (it does not touch TotalVisits).
	PutDay(d VisitorDay) error
	// PutTotalVisits sets the all-time visit total (TotalVisits).
	PutTotalVisits(n uint64) error
	// IDCounters are the id counters: how many ids of each kind were ever handed out.
	IDCounters() (IDCounters, error)
	// RaiseIDCounters moves each counter up to at least the given value (never down).
	RaiseIDCounters(c IDCounters) error
}

// VisitorDay is one stored day of the visitor counter, as an export carries it.
type VisitorDay struct {
	Day      string   // local day, "20060102"
	Visits   uint64   // visits that day
	Unique   uint64   // unique visitors that day
	Visitors []string // the unique visitor keys seen that day (Identity.VisitorKey), sorted
}

// IDCounters are the highest ids ever handed out of each kind (a store's sequences). A new
// record of a kind gets an id above its counter.
type IDCounters struct {
	Categories uint64
	Threads    uint64 // ThreadsEver
	Comments   uint64
	Bans       uint64
	Audit      uint64
	Files      uint64
}

// VisitMark is when an identified reader was last seen, and the visit before that (for what's new).
type VisitMark struct {
	Last time.Time
	Prev time.Time
}

// NoStatus is the prior status PriorCommentStatus reports for a comment not stored before: no
// real status equals it, so a new comment always counts as a change of status.
const NoStatus = CommentStatus(255)

// PriorRecord is the first step of a store's PutThread and PutComment, the same on every store:
// a record with ID 0 (*id) gets next(); another ID is looked up with get, and one not found (an
// id kept by an import) is a new record all the same, whose id the counter moves past (raise).
// It returns the record stored before, nil when the record is new.
func PriorRecord[R any](id *uint64, next func() (uint64, error), get func(uint64) (R, error),
	raise func(uint64) error) (*R, error) {
	if *id == 0 {
		n, err := next()
		if err != nil {
			return nil, err
		}
		*id = n
		return nil, nil
	}
	old, err := get(*id)
	switch {
	case err == nil:
		return &old, nil
	case !errors.Is(err, ErrNotFound):
		return nil, err
	}
	return nil, raise(*id)
}

// PriorCommentStatus is PriorRecord for a comment: the status stored before (NoStatus when
// new) and whether the comment is new.
func PriorCommentStatus(c *Comment, next func() (uint64, error), get func(uint64) (Comment, error),
	raise func(uint64) error) (CommentStatus, bool, error) {
	old, err := PriorRecord(&c.ID, next, get, raise)
	switch {
	case err != nil:
		return NoStatus, false, err
	case old == nil:
		return NoStatus, true, nil
	}
	return old.Status, false, nil
}

// CategoryMoves is how a store's per-category thread count changes when th replaces old (nil:
// th is new): one more in th's category, one less in old's when the thread moved. add applies
// one change.
func CategoryMoves(old, th *Thread, add func(cat uint64, delta int64) error) error {
	switch {
	case old == nil:
		return add(th.CategoryID, 1)
	case old.CategoryID != th.CategoryID:
		if err := add(old.CategoryID, -1); err != nil {
			return err
		}
		return add(th.CategoryID, 1)
	}
	return nil
}

// Package export writes a whole board to a portable file and reads it back into any board.Store:
// the format of `bangtin copy` and of `ssh host backup` on a PostgreSQL board.
//
// # Format
//
// The file is JSON Lines (UTF-8, one JSON object per line, "\n" after each). The first line is
// the header:
//
//	{"format":"bangtin-export","version":1,"created":"2026-12-05T05:40:00Z","generator":"bangtin 1.2.0",
//	 "counts":{"category":1,"thread":5,...}}
//
// Every following line is one record: {"kind":KIND,"data":RECORD}. RECORD is the board's own
// record encoded whole with encoding/json (field names as in package board: "ID", "Title",
// "CreatedAt" in RFC 3339 with nanoseconds, ...), so that fields added to a record later travel
// without a change here. The kinds, in the order they are written:
//
//	settings     board.Settings (one line)
//	counters     {"ids":board.IDCounters,"total_visits":N}: id counters and the all-time visits
//	category     board.Category
//	thread       board.Thread, with its Body; deleted, hidden and draft ones too
//	revision     board.Revision, after its thread, oldest first
//	comment      board.Comment in every moderation state
//	last_name    {"fingerprint":F,"name":N}: the name a key used on its last comment
//	ban          board.Ban
//	account      board.Account with its keys and password hash
//	audit        board.AuditEntry
//	read_mark    {"reader":R,"thread":ID,"at":T}
//	visit_mark   {"reader":R,"last":T,"prev":T}
//	day          board.VisitorDay: a day's visits, unique visitors and their keys
//	reader_prefs {"reader":R,"prefs":...}: a reader's preferences, when the store keeps them
//	file         {"file":board.File,"data":BASE64}: a file attached to a thread with its bytes
//	             (checked against the record's Size and SHA256 on reading)
//
// The last line is {"kind":"end","counts":{...}}, the number of records of each kind. A file
// without it was cut short and is refused; so is a file whose counts disagree with its header
// or its records.
//
// # Versions
//
// Version is raised whenever a reader of the previous version would misread a file (a record
// changing meaning, a kind that must not be skipped). A reader refuses a file of a newer version
// with ErrTooNew; it reads every older version. Within a version, unknown fields are ignored
// (encoding/json) and unknown kinds are skipped and reported in Result.Skipped.
//
// # Consistency
//
// Write reads everything through one board.Tx: run inside one read transaction (Store.View on the
// embedded store; a REPEATABLE READ transaction on PostgreSQL) it is a consistent snapshot that
// does not block writers. Read writes into a store in batches of transactions, records with
// their ids kept, and refuses a destination that already holds a board unless forced.
package export

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"bangtin/board"
)

// Format is the value of the header's "format".
const Format = "bangtin-export"

// Version is the format version this program writes and the newest it reads.
const Version = 1

// Kinds of record lines.
const (
	KindSettings    = "settings"
	KindCounters    = "counters"
	KindCategory    = "category"
	KindThread      = "thread"
	KindRevision    = "revision"
	KindComment     = "comment"
	KindLastName    = "last_name"
	KindBan         = "ban"
	KindAccount     = "account"
	KindAudit       = "audit"
	KindReadMark    = "read_mark"
	KindVisitMark   = "visit_mark"
	KindDay         = "day"
	KindReaderPrefs = "reader_prefs"
	KindFile        = "file"
	kindEnd         = "end"
)

// Kinds are the record kinds in the order they are written.
var Kinds = []string{KindSettings, KindCounters, KindCategory, KindThread, KindRevision,
	KindComment, KindLastName, KindBan, KindAccount, KindAudit, KindReadMark, KindVisitMark,
	KindDay, KindReaderPrefs, KindFile}

// Errors of Read and Verify; each comes wrapped in a *FileError that says where.
var (
	// ErrNotExport: the input does not start with this format's header.
	ErrNotExport = errors.New("not a bangtin export file")
	// ErrTooNew: the file's format version is newer than Version.
	ErrTooNew = errors.New("export format newer than this program reads")
	// ErrTruncated: the file ends before its end line.
	ErrTruncated = errors.New("export file cut short")
	// ErrBadRecord: a line is not valid JSON, or not a valid record of its kind.
	ErrBadRecord = errors.New("bad record in export file")
	// ErrCountMismatch: the records disagree with the counts the file announces.
	ErrCountMismatch = errors.New("export file counts disagree")
	// ErrNotEmpty: the destination already holds a board and Force was not given.
	ErrNotEmpty = errors.New("destination is not empty")
)

// FileError is a failure at one line of an export file.
type FileError struct {
	Line    int // 1-based; 0 when not about one line
	Version int // the file's version, with ErrTooNew
	Err     error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %v", e.Line, e.Err)
	}
	return e.Err.Error()
}

func (e *FileError) Unwrap() error { return e.Err }

// NotEmptyError says what a destination holds.
type NotEmptyError struct {
	Held Counts // records by kind, of the kinds that make a store not empty
}

func (e *NotEmptyError) Error() string { return fmt.Sprintf("%v: it holds %v", ErrNotEmpty, e.Held) }
func (e *NotEmptyError) Unwrap() error { return ErrNotEmpty }

// Counts are numbers of records by kind.
type Counts map[string]uint64

// String lists the non-zero counts in Kinds order: "category 1, thread 5, ...".
func (c Counts) String() string {
	var parts []string
	for _, k := range c.kinds() {
		parts = append(parts, fmt.Sprintf("%s %d", k, c[k]))
	}
	return strings.Join(parts, ", ")
}

// kinds are the kinds with a count, known ones in Kinds order first.
func (c Counts) kinds() []string {
	var out []string
	for _, k := range Kinds {
		if _, ok := c[k]; ok {
			out = append(out, k)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(c)) {
		if !slices.Contains(Kinds, k) {
			out = append(out, k)
		}
	}
	return out
}

// Diff lists the kinds whose counts differ between want and got ("thread: 5 ≠ 4"), empty when
// they agree. Kinds absent from one side count as zero.
func Diff(want, got Counts) []string {
	all := Counts{}
	for k := range want {
		all[k] = 0
	}
	for k := range got {
		all[k] = 0
	}
	var out []string
	for _, k := range all.kinds() {
		if want[k] != got[k] {
			out = append(out, fmt.Sprintf("%s: %d ≠ %d", k, want[k], got[k]))
		}
	}
	return out
}

// Header is the first line of an export file.
type Header struct {
	Format    string    `json:"format"`
	Version   int       `json:"version"`
	Created   time.Time `json:"created"`
	Generator string    `json:"generator,omitempty"`
	// Counts are the records that follow, by kind (Progress uses them as totals).
	Counts Counts `json:"counts"`
}

// Progress is told how many records of a kind are done so far, of total (total is 0 when not
// known). It is called at most every few hundred records and once when a kind is finished.
type Progress func(kind string, done, total uint64)

// The format's own small records.
type (
	counters struct {
		IDs         board.IDCounters `json:"ids"`
		TotalVisits uint64           `json:"total_visits"`
	}
	lastName struct {
		Fingerprint string `json:"fingerprint"`
		Name        string `json:"name"`
	}
	readMark struct {
		Reader string    `json:"reader"`
		Thread uint64    `json:"thread"`
		At     time.Time `json:"at"`
	}
	visitMark struct {
		Reader string    `json:"reader"`
		Last   time.Time `json:"last"`
		Prev   time.Time `json:"prev"`
	}
	endLine struct {
		Kind   string `json:"kind"`
		Counts Counts `json:"counts"`
	}
)

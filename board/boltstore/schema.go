// The layout of the file, where "/" is a bucket and "key : value" a pair, is below. Integers
// are big-endian uint64 unless said otherwise; "inv" is the bitwise complement (so that
// ascending key order is newest first); records are JSON. Update this tree, add a migration and
// raise SchemaVersion whenever the layout changes.
//
//	Schema
//	├──meta
//	│  ├──version : <u64>                          - schema version, see migrations.go
//	│  └──settings : <json board.Settings>
//	├──categories
//	│  ╘══*id* : <json board.Category>
//	├──threads                                     - sequence: thread ids ever handed out
//	│  ╘══*id* : <json board.Thread>                - Body empty: since v3 it is in threads.body
//	├──threads.body                                - v3: a new comment or view does not rewrite it
//	│  ╘══*id* : <Markdown body, UTF-8>
//	├──threads.pub                                 - published, not deleted
//	│  ╘══*pin|inv time|inv id* : <nil>            - pin 0 pinned, 1 not; time published (else created)
//	├──threads.all                                 - not deleted, any status (editors' lists)
//	│  ╘══*pin|inv time|inv id* : <nil>
//	├──threads.cat.pub
//	│  ╘══*category|pin|inv time|inv id* : <nil>
//	├──threads.cat.all
//	│  ╘══*category|pin|inv time|inv id* : <nil>
//	├──threads.deleted                             - v7: deleted threads, newest first
//	│  ╘══*inv id* : <nil>
//	├──counts
//	│  ╘══*name* : <u64>                           - "pub", "all", "pub/<cat>", "all/<cat>",
//	│                                                "any/<cat>", "pending", "visits",
//	│                                                "files.bytes" (v5)
//	├──revisions
//	│  ╘══*thread|rev(u32)* : <json board.Revision>
//	├──comments                                    - sequence: comment ids
//	│  ╘══*id* : <json board.Comment>
//	├──comments.thread                             - approved comments of a thread, oldest first
//	│  ╘══*thread|id* : <nil>
//	├──comments.pending
//	│  ╘══*id* : <nil>
//	├──comments.author                             - v6: a writer's comments, newest first
//	│  ╘══*author key|0x00|inv id* : <nil>         - board.Comment.AuthorKey; none for keyless guests
//	├──names
//	│  ╘══*key fingerprint* : <name used on its last comment>
//	├──bans                                        - sequence: ban ids
//	│  ╘══*id* : <json board.Ban>
//	├──audit                                       - sequence: entry ids
//	│  ╘══*id* : <json board.AuditEntry>
//	├──accounts
//	│  ╘══*login* : <json board.Account>
//	├──accounts.keys
//	│  ╘══*key fingerprint* : <login>
//	├──reads
//	│  ╘══*reader key|0x00|thread* : <unix nanoseconds>
//	├──marks
//	│  ╘══*reader key* : <json board.VisitMark>
//	├──prefs                                       - v4: a reader's choices (Vietnamese input)
//	│  ╘══*reader key* : <json board.ReaderPrefs>
//	├──files                                       - v5; sequence: file ids
//	│  ╘══*id* : <json board.File>
//	├──files.data                                  - v5: the stored bytes of each file
//	│  ╘══*id* : <bytes>
//	├──files.thread                                - v5: the files of a thread
//	│  ╘══*thread|id* : <nil>
//	├──days
//	│  ╘══*YYYYMMDD* : <visits u64|unique u64>    - local days, the last 90
//	├──seen
//	│  ╘══*YYYYMMDD*
//	│     ╘══*visitor key* : <nil>
//	├──search.words
//	│  ╘══*folded word|0x00|inv published|inv id* : <nil>
//	├──search.df
//	│  ╘══*folded word* : <u64 threads holding it>
//	└──search.docs                                 - v2: forward index of published threads
//	   ╘══*inv published|inv id* : <" word word ... " sorted, unique>

package boltstore

// FileName is the database file's name in the data directory.
const FileName = "bangtin.db"

var (
	bucketMeta           = []byte("meta")
	bucketCategories     = []byte("categories")
	bucketThreads        = []byte("threads")
	bucketThreadsBody    = []byte("threads.body")
	bucketThreadsPub     = []byte("threads.pub")
	bucketThreadsAll     = []byte("threads.all")
	bucketThreadsCatPub  = []byte("threads.cat.pub")
	bucketThreadsCatAll  = []byte("threads.cat.all")
	bucketThreadsDeleted = []byte("threads.deleted")
	bucketCounts         = []byte("counts")
	bucketRevisions      = []byte("revisions")
	bucketComments       = []byte("comments")
	bucketCommentsThread = []byte("comments.thread")
	bucketCommentsPend   = []byte("comments.pending")
	bucketCommentsAuthor = []byte("comments.author")
	bucketNames          = []byte("names")
	bucketBans           = []byte("bans")
	bucketAudit          = []byte("audit")
	bucketAccounts       = []byte("accounts")
	bucketAccountKeys    = []byte("accounts.keys")
	bucketReads          = []byte("reads")
	bucketMarks          = []byte("marks")
	bucketPrefs          = []byte("prefs")
	bucketDays           = []byte("days")
	bucketSeen           = []byte("seen")
	bucketSearchWords    = []byte("search.words")
	bucketSearchDF       = []byte("search.df")
	bucketSearchDocs     = []byte("search.docs")
	bucketFiles          = []byte("files")
	bucketFilesData      = []byte("files.data")
	bucketFilesThread    = []byte("files.thread")

	keyVersion  = []byte("version")
	keySettings = []byte("settings")

	countPub     = "pub"
	countAll     = "all"
	countAny     = "any"
	countPending = []byte("pending")
	countVisits  = []byte("visits")
	// countFileBytes is the total size of every stored file (v5).
	countFileBytes = []byte("files.bytes")
)

// allBuckets are the top-level buckets of the current schema.
var allBuckets = [][]byte{bucketSearchDocs, bucketThreadsBody, bucketPrefs,
	bucketFiles, bucketFilesData, bucketFilesThread, bucketCommentsAuthor, bucketThreadsDeleted,
	bucketMeta, bucketCategories, bucketThreads, bucketThreadsPub, bucketThreadsAll,
	bucketThreadsCatPub, bucketThreadsCatAll, bucketCounts, bucketRevisions, bucketComments,
	bucketCommentsThread, bucketCommentsPend, bucketNames, bucketBans, bucketAudit,
	bucketAccounts, bucketAccountKeys, bucketReads, bucketMarks, bucketDays, bucketSeen,
	bucketSearchWords, bucketSearchDF,
}

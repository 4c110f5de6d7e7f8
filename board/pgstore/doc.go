// Package pgstore is the PostgreSQL implementation of board.Store (github.com/jackc/pgx/v5 over
// pgxpool), for boards served by several nodes on one database. Only the program's wiring and the
// tests import it; the board package knows nothing of SQL.
//
// Schema. The tables are created and changed by the versioned SQL files in migrations/, embedded
// in the binary. Open applies the missing ones in one transaction under a transaction-level
// advisory lock, so that two nodes starting at once do not both migrate (the second waits, then
// finds nothing to do), and refuses a database whose schema is newer than this binary
// (board.ErrSchemaTooNew). Each record is kept whole as JSON (the encoding boltstore stores) in a
// jsonb column beside the columns its indexes and counters need, so that fields added to the
// board's types round-trip without a migration.
//
// Transactions and counters. View runs in a REPEATABLE READ READ ONLY transaction (one snapshot).
// Update runs in a READ COMMITTED transaction and returns after COMMIT, which PostgreSQL makes
// durable before it answers (synchronous_commit is forced on for the store's connections when
// the server has it off). Lost updates across nodes are prevented with row locks: inside Update
// every read of a record that may be written back (Thread, Comment, Account, Accounts, Settings,
// Categories, Bans, VisitMark) is SELECT ... FOR UPDATE, so the Board's read-modify-write of a
// thread's comment count waits for the other node's transaction and then reads its result.
// Counters (thread counts per list, the pending count, visits, view counts, visits per day) are
// changed only by atomic "n = n + delta" updates. Inside Update, writes whose results nothing
// reads are queued and sent in one round trip (a pgx batch) before the next read and before
// COMMIT, and the threads the transaction locked are kept, so that a comment costs few round
// trips while it holds its thread's row lock. A transaction that fails on a deadlock, a
// serialization failure or a unique-key race (two nodes inserting the same key) is run again,
// which the Store contract allows; one that fails because the connection is lost before COMMIT
// was sent is run again on another connection, and after a few tries, or when the connection is
// lost during COMMIT (the outcome is then unknown), fails with board.ErrUnavailable.
//
// Lists use keyset pagination in boltstore's order (pinned first, newest first, highest id) over
// partial indexes, with boltstore's cursor format. Search keeps the folded words of every
// published thread (board/text.Words) in search_words with a C-collated index, so that a query
// word is a prefix range scan, and returns boltstore's results: published threads holding a word
// starting with each query word, newest published first, counted up to MaxSearchResults. The
// candidates are a rare word's postings, or the newest threads in growing batches when every word
// is common; the other words are index probes per candidate (see SearchThreads).
//
// Plans. pgx prepares every query and PostgreSQL keeps a prepared statement's generic plan only
// when it costs no more than planning for the values given; a page's LIMIT or a list cursor given
// as parameters made the generic plan look expensive on a large table, and every page was planned
// again (a cost that grew with the table while the page itself did not). So page sizes and
// offsets are written into the statement and a list cursor is compared through a sub-select
// (see limitOffset and ListThreads). A View reads the visitor days around the first one asked in
// one query (see Day).
//
// Several nodes. Every committed change is announced with NOTIFY (in the writing transaction, so
// only committed changes are delivered; the payload is the change's kind and ids) and every node,
// the writer too, LISTENs on its own connection and hands the changes to the Board
// (board.ChangeFeed); after losing that connection it reconnects and delivers a resync. Each node
// keeps a presence row (node id, sessions, heartbeat) refreshed every HeartbeatInterval; nodes
// whose heartbeat is older than PresenceTimeout are not counted (board.NodePresence). The guest
// comment limit is kept in limit_events under an advisory lock per key (board.SharedLimiter).
package pgstore

// Package board is the domain of the bulletin board: categories, news threads with their revisions,
// comments and their moderation, bans, the audit log, read markers, visitor counters, accounts and
// search. It knows nothing of SSH, terminals or bbolt: a Board is built over a Store (the bbolt
// implementation lives in board/boltstore and is imported only by the program that wires things
// together), validates and sanitises every piece of user text with board/text, applies the
// permission and moderation rules, and batches the cheap counters (visits, thread views, read
// markers) in memory.
//
// Durability: a comment, a post, a moderation decision or an account change is acknowledged only
// after the store has fsynced it (concurrent changes share one transaction and one fsync). Visits,
// thread views, read markers and "last seen" marks are batched in memory and flushed every
// FlushInterval (default 5 s), by Flush and at Close; the audit entries of refused attempts and
// failed logins (LogDenied, LogAuthFailure) are queued and written within milliseconds. A crash
// (kill -9, power loss) may lose at most the counters of the last flush interval and those queued
// audit entries, and nothing else.
package board

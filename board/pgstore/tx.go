package pgstore

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"bangtin/board"
	"bangtin/board/text"
)

// txn is a board.Tx over one PostgreSQL transaction. Every value it returns is decoded into the
// caller's own memory.
type txn struct {
	ctx   context.Context
	tx    pgx.Tx
	write bool
	// changes are announced with NOTIFY before COMMIT: kind → ids (nil map: no ids).
	changes map[board.ChangeKind]map[uint64]struct{}
	// batch queues the writes of an Update whose results nothing reads: they are sent together,
	// in one round trip, before the next read and before COMMIT (a failed one fails the Update).
	batch *pgx.Batch
	// kept are the threads this Update read (locked) or wrote: PutThread after Thread does
	// not read the row again.
	kept map[uint64]board.Thread
	// days are the visitor days a View read at once (see Day), daysLo to daysHi inclusive.
	days           map[string]board.DayCount
	daysLo, daysHi string
}

var _ board.Tx = (*txn)(nil)

// forUpdate is the row lock of reads inside Update (see the package doc).
func (t *txn) forUpdate() string {
	if t.write {
		return " FOR UPDATE"
	}
	return ""
}

func (t *txn) exec(sql string, args ...any) error {
	if !t.write {
		_, err := t.tx.Exec(t.ctx, sql, args...)
		return err
	}
	if t.batch == nil {
		t.batch = &pgx.Batch{}
	}
	t.batch.Queue(sql, args...)
	return nil
}

// flush sends the queued writes in one round trip and returns the first failure.
func (t *txn) flush() error {
	if t.batch == nil || t.batch.Len() == 0 {
		return nil
	}
	b := t.batch
	t.batch = nil
	br := t.tx.SendBatch(t.ctx, b)
	var first error
	for range b.Len() {
		if _, err := br.Exec(); err != nil && first == nil {
			first = err
		}
	}
	if err := br.Close(); err != nil && first == nil {
		first = err
	}
	return first
}

// errRow is a pgx.Row whose Scan fails (a queued write failed before the read).
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// queryRow and query run a read after sending the queued writes.
func (t *txn) queryRow(sql string, args ...any) pgx.Row {
	if err := t.flush(); err != nil {
		return errRow{err}
	}
	return t.tx.QueryRow(t.ctx, sql, args...)
}

func (t *txn) query(sql string, args ...any) (pgx.Rows, error) {
	if err := t.flush(); err != nil {
		return nil, err
	}
	return t.tx.Query(t.ctx, sql, args...)
}

// getRec decodes the jsonb of the one row sql selects into v (board.ErrNotFound if none).
func (t *txn) getRec(v any, sql string, args ...any) error {
	var raw []byte
	if err := t.queryRow(sql, args...).Scan(&raw); err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			return board.ErrNotFound
		}
		return err
	}
	return decode(raw, v)
}

func decode(raw []byte, v any) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("decode %T: %w: %v", v, board.ErrCorrupt, err)
	}
	return nil
}

// recs decodes the jsonb of every row sql selects.
func recs[T any](t *txn, sql string, args ...any) ([]T, error) {
	rows, err := t.query(sql, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		var raw []byte
		if err := rows.Scan(&raw); err != nil {
			return nil, err
		}
		var v T
		if err := decode(raw, &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func encode(v any) (string, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return "", fmt.Errorf("encode %T: %w", v, err)
	}
	return string(raw), nil
}

// changed records a change to announce at commit.
func (t *txn) changed(kind board.ChangeKind, ids ...uint64) {
	if t.changes == nil {
		t.changes = map[board.ChangeKind]map[uint64]struct{}{}
	}
	m := t.changes[kind]
	if m == nil {
		m = map[uint64]struct{}{}
		t.changes[kind] = m
	}
	for _, id := range ids {
		m[id] = struct{}{}
	}
}

// maxPayload keeps NOTIFY payloads well under PostgreSQL's 8000 bytes: past it the ids are left
// out (listeners then treat the change as touching anything of its kind).
const maxPayload = 4000

// notify queues one NOTIFY per kind of change; PostgreSQL delivers them when the transaction
// commits, and not at all if it rolls back.
func (t *txn) notify() error {
	if len(t.changes) == 0 {
		return nil
	}
	payloads := make([]string, 0, len(t.changes))
	for kind, ids := range t.changes {
		var sb strings.Builder
		sb.WriteString(string(kind))
		sorted := make([]uint64, 0, len(ids))
		for id := range ids {
			sorted = append(sorted, id)
		}
		slices.Sort(sorted)
		for _, id := range sorted {
			if sb.Len() > maxPayload {
				sb.Reset()
				sb.WriteString(string(kind))
				break
			}
			sb.WriteByte(' ')
			sb.WriteString(strconv.FormatUint(id, 10))
		}
		payloads = append(payloads, sb.String())
	}
	slices.Sort(payloads)
	return t.exec("SELECT pg_notify('"+channel+"', p) FROM unnest($1::text[]) AS p", payloads)
}

// parsePayload reads a NOTIFY payload written by notify.
func parsePayload(p string) board.Change {
	f := strings.Fields(p)
	if len(f) == 0 {
		return board.Change{Kind: board.ChangeResync}
	}
	c := board.Change{Kind: board.ChangeKind(f[0])}
	for _, s := range f[1:] {
		if id, err := strconv.ParseUint(s, 10, 64); err == nil {
			c.IDs = append(c.IDs, id)
		}
	}
	return c
}

// --- counters ---

func (t *txn) count(name string, delta int64) error {
	if delta == 0 {
		return nil
	}
	return t.exec(`INSERT INTO counters (name, n) VALUES ($1, GREATEST($2::bigint, 0))
		ON CONFLICT (name) DO UPDATE SET n = GREATEST(counters.n + $2::bigint, 0)`, name, delta)
}

func (t *txn) getCount(name string) (int64, error) {
	var n int64
	err := t.queryRow("SELECT n FROM counters WHERE name = $1", name).Scan(&n)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, nil
	}
	return n, err
}

func catCount(kind string, cat uint64) string { return kind + "/" + strconv.FormatUint(cat, 10) }

// nextID hands out the next id of a sequence.
func (t *txn) nextID(seq string) (uint64, error) {
	var id int64
	err := t.queryRow("SELECT nextval('" + seq + "')").Scan(&id)
	return uint64(id), err
}

// raiseSeq makes sure a sequence never hands out id again (a record stored with its own id).
func (t *txn) raiseSeq(seq string, id uint64) error {
	return t.exec("SELECT setval('"+seq+"', GREATEST($1::bigint, (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM "+seq+")))", int64(id))
}

// --- settings ---

func (t *txn) Settings() (board.Settings, error) {
	s := board.Settings{Moderation: board.ModerateGuests, Captcha: true}
	err := t.getRec(&s, "SELECT rec FROM settings WHERE id = 1"+t.forUpdate())
	if err == board.ErrNotFound {
		err = nil
	}
	return s, err
}

func (t *txn) PutSettings(s board.Settings) error {
	rec, err := encode(s)
	if err != nil {
		return err
	}
	t.changed(board.ChangeSettings)
	return t.exec("INSERT INTO settings (id, rec) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET rec = excluded.rec", rec)
}

// --- categories ---

func (t *txn) Categories() ([]board.Category, error) {
	return recs[board.Category](t, "SELECT rec FROM categories ORDER BY ord, id"+t.forUpdate())
}

func (t *txn) Category(id uint64) (board.Category, error) {
	var c board.Category
	return c, t.getRec(&c, "SELECT rec FROM categories WHERE id = $1"+t.forUpdate(), int64(id))
}

func (t *txn) PutCategory(c *board.Category) error {
	if c.ID == 0 {
		id, err := t.nextID("categories_id")
		if err != nil {
			return err
		}
		c.ID = id
	} else if err := t.raiseSeq("categories_id", c.ID); err != nil {
		return err
	}
	rec, err := encode(c)
	if err != nil {
		return err
	}
	t.changed(board.ChangeCategory, c.ID)
	return t.exec(`INSERT INTO categories (id, ord, rec) VALUES ($1, $2, $3)
		ON CONFLICT (id) DO UPDATE SET ord = excluded.ord, rec = excluded.rec`, int64(c.ID), c.Order, rec)
}

func (t *txn) DeleteCategory(id uint64) error {
	t.changed(board.ChangeCategory, id)
	return t.exec("DELETE FROM categories WHERE id = $1", int64(id))
}

func (t *txn) CategoryThreadCount(id uint64) (int, error) {
	n, err := t.getCount(catCount("any", id))
	return int(n), err
}

// --- threads ---

func isPublished(th *board.Thread) bool { return th.Status == board.StatusPublished && !th.Deleted }

// sortAt is the time a thread is listed by: published, else created.
func sortAt(th *board.Thread) int64 {
	at := th.PublishedAt
	if at.IsZero() {
		at = th.CreatedAt
	}
	return at.UnixNano()
}

func pinRank(th *board.Thread) int16 {
	if th.Pinned {
		return 0
	}
	return 1
}

func publishedNS(th *board.Thread) int64 {
	if th.PublishedAt.IsZero() {
		return 0
	}
	return th.PublishedAt.UnixNano()
}

func searchWords(th *board.Thread) []string {
	ws := text.Words(th.Title + "\n" + th.Summary + "\n" + th.Body)
	slices.Sort(ws)
	return slices.Compact(ws)
}

const threadCols = "rec, views"

// scanThread reads the columns of threadCols (and the body when withBody).
func scanThread(row pgx.Row, withBody bool) (board.Thread, error) {
	var raw []byte
	var views int64
	var body string
	dst := []any{&raw, &views}
	if withBody {
		dst = append(dst, &body)
	}
	var th board.Thread
	if err := row.Scan(dst...); err != nil {
		if errors.Is(err, pgx.ErrNoRows) {
			return th, board.ErrNotFound
		}
		return th, err
	}
	if err := decode(raw, &th); err != nil {
		return th, err
	}
	th.Views, th.Body = uint64(views), body
	return th, nil
}

func (t *txn) Thread(id uint64) (board.Thread, error) {
	if th, ok := t.kept[id]; ok {
		return th, nil
	}
	th, err := scanThread(t.queryRow("SELECT "+threadCols+", body FROM threads WHERE id = $1"+t.forUpdate(), int64(id)), true)
	if err == nil {
		t.keepThread(th)
	}
	return th, err
}

// keepThread remembers a thread as stored now, in an Update (whose row lock keeps it so).
// Thread has no reference fields: copies share nothing.
func (t *txn) keepThread(th board.Thread) {
	if !t.write {
		return
	}
	if t.kept == nil {
		t.kept = map[uint64]board.Thread{}
	}
	t.kept[th.ID] = th
}

// threads reads the listed threads (no bodies) of a query selecting threadCols.
func (t *txn) threads(sql string, args ...any) ([]board.Thread, error) {
	rows, err := t.query(sql, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []board.Thread
	for rows.Next() {
		th, err := scanThread(rows, false)
		if err != nil {
			return nil, err
		}
		out = append(out, th)
	}
	return out, rows.Err()
}

func (t *txn) DeletedThreads(skip, n int) ([]board.Thread, int, error) {
	var total int
	if err := t.queryRow("SELECT count(*) FROM threads WHERE deleted").Scan(&total); err != nil {
		return nil, 0, err
	}
	ths, err := t.threads("SELECT " + threadCols + " FROM threads WHERE deleted ORDER BY id DESC" + limitOffset(n, max(skip, 0)))
	return ths, total, err
}

// index adds (sign 1) or removes (sign -1) a thread from the list counters (the lists themselves
// are partial indexes over the thread rows).
func (t *txn) index(th *board.Thread, sign int64) error {
	if th.Deleted {
		return nil
	}
	names := []string{"all", catCount("all", th.CategoryID)}
	if th.Status == board.StatusPublished {
		names = append(names, "pub", catCount("pub", th.CategoryID))
	}
	for _, n := range names {
		if err := t.count(n, sign); err != nil {
			return err
		}
	}
	return nil
}

// postings replaces a thread's search words (none when it is not published).
func (t *txn) postings(th *board.Thread, had bool) error {
	if had {
		if err := t.exec("DELETE FROM search_words WHERE thread_id = $1", int64(th.ID)); err != nil {
			return err
		}
	}
	if !isPublished(th) {
		return nil
	}
	return t.exec("INSERT INTO search_words (word, thread_id, published_ns) SELECT w, $2, $3 FROM unnest($1::text[]) AS w",
		searchWords(th), int64(th.ID), publishedNS(th))
}

func (t *txn) PutThread(th *board.Thread) error {
	old, err := board.PriorRecord(&th.ID,
		func() (uint64, error) { return t.nextID("threads_id") },
		t.Thread,
		func(id uint64) error { return t.raiseSeq("threads_id", id) })
	if err != nil {
		return err
	}
	if old == nil || old.Deleted != th.Deleted || old.Status != th.Status || old.CategoryID != th.CategoryID {
		if old != nil {
			if err := t.index(old, -1); err != nil {
				return err
			}
		}
		if err := t.index(th, 1); err != nil {
			return err
		}
	}
	if err := board.CategoryMoves(old, th, func(cat uint64, d int64) error { return t.count(catCount("any", cat), d) }); err != nil {
		return err
	}
	oldIn, newIn := old != nil && isPublished(old), isPublished(th)
	sameText := old != nil && old.Title == th.Title && old.Summary == th.Summary && old.Body == th.Body &&
		old.PublishedAt.Equal(th.PublishedAt)
	if !(oldIn == newIn && (sameText || !newIn)) {
		if err := t.postings(th, oldIn); err != nil {
			return err
		}
	}
	rec := *th
	rec.Body = ""
	raw, err := encode(&rec)
	if err != nil {
		return err
	}
	newBody := old == nil || old.Body != th.Body
	body := ""
	if newBody {
		body = th.Body
	}
	t.changed(board.ChangeThread, th.ID)
	kept := *th
	if old != nil {
		kept.Views = old.Views // the column keeps its count (see below)
	}
	t.keepThread(kept)
	// views are changed only by AddViews (an atomic increment): an edit does not write back the
	// count it read.
	return t.exec(`INSERT INTO threads (id, category_id, status, deleted, pin, inv_at, inv_id, published_ns, views, rec, body)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT (id) DO UPDATE SET category_id = excluded.category_id, status = excluded.status,
			deleted = excluded.deleted, pin = excluded.pin, inv_at = excluded.inv_at, inv_id = excluded.inv_id,
			published_ns = excluded.published_ns, rec = excluded.rec,
			body = CASE WHEN $12 THEN excluded.body ELSE threads.body END`,
		int64(th.ID), int64(th.CategoryID), int16(th.Status), th.Deleted, pinRank(th), -sortAt(th), -int64(th.ID),
		publishedNS(th), int64(th.Views), raw, body, newBody)
}

func (t *txn) AddViews(views map[uint64]uint64) error {
	if len(views) == 0 {
		return nil
	}
	ids := make([]int64, 0, len(views))
	ns := make([]int64, 0, len(views))
	for id, n := range views {
		delete(t.kept, id) // its count changes in the database
		ids = append(ids, int64(id))
		ns = append(ns, int64(n))
		t.changed(board.ChangeViews, id)
	}
	return t.exec(`UPDATE threads SET views = threads.views + v.n
		FROM unnest($1::bigint[], $2::bigint[]) AS v(id, n) WHERE threads.id = v.id`, ids, ns)
}

func (t *txn) ThreadsEver() (uint64, error) {
	var n int64
	err := t.queryRow("SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM threads_id").Scan(&n)
	return uint64(n), err
}

// limitOffset is " LIMIT n OFFSET skip" with the numbers written in the statement, not passed
// as parameters. PostgreSQL plans a prepared statement (pgx prepares and caches every query)
// generically only when that plan's estimated cost is no worse than the custom plans': with
// LIMIT $1 the generic plan must assume 10% of the rows are wanted, which on a large table costs
// far more than a page, so every execution was planned again (0.1–0.2 ms of planning for a
// 0.05 ms page at 100,000 threads; a generic plan at 100). With the numbers in the text the
// cached generic plan is used: a query's cost stays that of its page whatever the table's size.
// Page sizes are few; each distinct OFFSET is one more cached statement per connection.
func limitOffset(n, skip int) string {
	s := " LIMIT " + strconv.Itoa(max(n, 0))
	if skip > 0 {
		s += " OFFSET " + strconv.Itoa(skip)
	}
	return s
}

// The list cursor is boltstore's: hex of pin (1 byte), ^time (8), ^id (8).
func encodeCursor(pin int16, invAt, invID int64) string {
	k := make([]byte, 17)
	k[0] = byte(pin)
	binary.BigEndian.PutUint64(k[1:], ^uint64(-invAt))
	binary.BigEndian.PutUint64(k[9:], ^uint64(-invID))
	return hex.EncodeToString(k)
}

func decodeCursor(c string) (pin int16, invAt, invID int64, err error) {
	k, err := hex.DecodeString(c)
	if err != nil || len(k) != 17 {
		return 0, 0, 0, &board.ValidationError{Field: "cursor", Problem: board.ProblemFormat}
	}
	return int16(k[0]), -int64(^binary.BigEndian.Uint64(k[1:])), -int64(^binary.BigEndian.Uint64(k[9:])), nil
}

func (t *txn) ListThreads(cat uint64, all bool, cursor string, skip, n int) ([]board.Thread, string, error) {
	where := "NOT deleted"
	if !all {
		where += " AND status = 1"
	}
	var args []any
	if cat != 0 {
		args = append(args, int64(cat))
		where += " AND category_id = $1"
	}
	if cursor != "" {
		pin, invAt, invID, err := decodeCursor(cursor)
		if err != nil {
			return nil, "", err
		}
		p := len(args)
		args = append(args, pin, invAt, invID)
		// The cursor as a sub-select (an InitPlan, still an index bound): the planner estimates
		// the same for every cursor and caches one generic plan. Given the values themselves it
		// costed each page from the leading column alone ("pin > 1": ~1 row), found that cheaper
		// than the generic plan and planned every page again (see limitOffset).
		where += fmt.Sprintf(" AND (pin, inv_at, inv_id) > (SELECT $%d::smallint, $%d::bigint, $%d::bigint)", p+1, p+2, p+3)
		skip = 0 // the cursor is the position
	}
	rows, err := t.query("SELECT "+threadCols+", pin, inv_at, inv_id FROM threads WHERE "+where+
		" ORDER BY pin, inv_at, inv_id"+limitOffset(n, skip), args...)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var out []board.Thread
	last := ""
	for rows.Next() {
		var raw []byte
		var views, invAt, invID int64
		var pin int16
		if err := rows.Scan(&raw, &views, &pin, &invAt, &invID); err != nil {
			return nil, "", err
		}
		var th board.Thread
		if err := decode(raw, &th); err != nil {
			return nil, "", err
		}
		th.Views = uint64(views)
		out = append(out, th)
		last = encodeCursor(pin, invAt, invID)
	}
	return out, last, rows.Err()
}

func (t *txn) CountThreads(cat uint64, all bool) (int, error) {
	kind := "pub"
	if all {
		kind = "all"
	}
	name := kind
	if cat != 0 {
		name = catCount(kind, cat)
	}
	n, err := t.getCount(name)
	return int(n), err
}

// --- revisions ---

func (t *txn) AddRevision(r *board.Revision) error {
	if err := t.queryRow("SELECT COALESCE(max(rev), 0) + 1 FROM revisions WHERE thread_id = $1", int64(r.ThreadID)).Scan(&r.Rev); err != nil {
		return err
	}
	rec, err := encode(r)
	if err != nil {
		return err
	}
	t.changed(board.ChangeThread, r.ThreadID)
	return t.exec("INSERT INTO revisions (thread_id, rev, rec) VALUES ($1, $2, $3)", int64(r.ThreadID), r.Rev, rec)
}

func (t *txn) Revisions(threadID uint64) ([]board.Revision, error) {
	return recs[board.Revision](t, "SELECT rec FROM revisions WHERE thread_id = $1 ORDER BY rev", int64(threadID))
}

// --- comments ---

func (t *txn) Comment(id uint64) (board.Comment, error) {
	var c board.Comment
	return c, t.getRec(&c, "SELECT rec FROM comments WHERE id = $1"+t.forUpdate(), int64(id))
}

func (t *txn) PutComment(c *board.Comment) error {
	oldStatus, isNew, err := board.PriorCommentStatus(c,
		func() (uint64, error) { return t.nextID("comments_id") },
		t.Comment,
		func(id uint64) error { return t.raiseSeq("comments_id", id) })
	if err != nil {
		return err
	}
	if oldStatus != c.Status {
		var d int64
		if oldStatus == board.CommentPending {
			d--
		}
		if c.Status == board.CommentPending {
			d++
		}
		if err := t.count("pending", d); err != nil {
			return err
		}
	}
	if isNew && c.Fingerprint != "" && c.Name != "" {
		if err := t.exec(`INSERT INTO names (fingerprint, name) VALUES ($1, $2)
			ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name`, c.Fingerprint, c.Name); err != nil {
			return err
		}
	}
	rec, err := encode(c)
	if err != nil {
		return err
	}
	t.changed(board.ChangeComment, c.ID)
	return t.exec(`INSERT INTO comments (id, thread_id, status, author, rec) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (id) DO UPDATE SET thread_id = excluded.thread_id, status = excluded.status,
		author = excluded.author, rec = excluded.rec`,
		int64(c.ID), int64(c.ThreadID), int16(c.Status), c.AuthorKey(), rec)
}

func (t *txn) ThreadComments(threadID uint64, skip, n int) ([]board.Comment, error) {
	return recs[board.Comment](t, "SELECT rec FROM comments WHERE thread_id = $1 AND status = 1 ORDER BY id"+limitOffset(n, max(skip, 0)),
		int64(threadID))
}

func (t *txn) AuthorComments(author string, n int) ([]board.Comment, error) {
	if author == "" {
		return nil, nil
	}
	return recs[board.Comment](t, "SELECT rec FROM comments WHERE author = $1 AND author <> '' ORDER BY id DESC"+limitOffset(n, 0), author)
}

func (t *txn) PendingComments(n int) ([]board.Comment, error) {
	return recs[board.Comment](t, "SELECT rec FROM comments WHERE status = 0 ORDER BY id"+limitOffset(n, 0))
}

func (t *txn) PendingCount() (int, error) {
	n, err := t.getCount("pending")
	return int(n), err
}

// eachBatch is how many rows EachComment and EachAudit read at a time.
const eachBatch = 500

// eachDesc calls fn on the records of table newest (highest id) first, a batch at a time.
func eachDesc[T any](t *txn, table string, fn func(T) bool) error {
	last := int64(-1)
	for {
		var rows pgx.Rows
		var err error
		if last < 0 {
			rows, err = t.query("SELECT id, rec FROM " + table + " ORDER BY id DESC" + limitOffset(eachBatch, 0))
		} else {
			rows, err = t.query("SELECT id, rec FROM "+table+" WHERE id < $1 ORDER BY id DESC"+limitOffset(eachBatch, 0), last)
		}
		if err != nil {
			return err
		}
		var batch []T
		for rows.Next() {
			var raw []byte
			if err := rows.Scan(&last, &raw); err != nil {
				rows.Close()
				return err
			}
			var v T
			if err := decode(raw, &v); err != nil {
				rows.Close()
				return err
			}
			batch = append(batch, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, v := range batch {
			if !fn(v) {
				return nil
			}
		}
		if len(batch) < eachBatch {
			return nil
		}
	}
}

func (t *txn) EachComment(fn func(board.Comment) bool) error {
	return eachDesc(t, "comments", fn)
}

func (t *txn) LastName(fingerprint string) (string, error) {
	var name string
	err := t.queryRow("SELECT name FROM names WHERE fingerprint = $1", fingerprint).Scan(&name)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	return name, err
}

// --- bans and audit ---

func (t *txn) Bans() ([]board.Ban, error) {
	return recs[board.Ban](t, "SELECT rec FROM bans ORDER BY id"+t.forUpdate())
}

func (t *txn) PutBan(b *board.Ban) error {
	if b.ID == 0 {
		id, err := t.nextID("bans_id")
		if err != nil {
			return err
		}
		b.ID = id
	} else if err := t.raiseSeq("bans_id", b.ID); err != nil {
		return err
	}
	rec, err := encode(b)
	if err != nil {
		return err
	}
	t.changed(board.ChangeBan, b.ID)
	return t.exec("INSERT INTO bans (id, rec) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET rec = excluded.rec", int64(b.ID), rec)
}

func (t *txn) DeleteBan(id uint64) error {
	t.changed(board.ChangeBan, id)
	return t.exec("DELETE FROM bans WHERE id = $1", int64(id))
}

func (t *txn) AppendAudit(e *board.AuditEntry) error {
	id, err := t.nextID("audit_id")
	if err != nil {
		return err
	}
	e.ID = id
	rec, err := encode(e)
	if err != nil {
		return err
	}
	return t.exec("INSERT INTO audit (id, rec) VALUES ($1, $2)", int64(id), rec)
}

func (t *txn) EachAudit(fn func(board.AuditEntry) bool) error {
	return eachDesc(t, "audit", fn)
}

// --- accounts ---

func (t *txn) Account(login string) (board.Account, error) {
	var a board.Account
	if login == "" {
		return a, board.ErrNotFound
	}
	return a, t.getRec(&a, "SELECT rec FROM accounts WHERE login = $1"+t.forUpdate(), login)
}

func (t *txn) AccountByKey(fingerprint string) (board.Account, error) {
	var a board.Account
	if fingerprint == "" {
		return a, board.ErrNotFound
	}
	return a, t.getRec(&a, "SELECT a.rec FROM account_keys k JOIN accounts a ON a.login = k.login WHERE k.fingerprint = $1", fingerprint)
}

func (t *txn) Accounts() ([]board.Account, error) {
	return recs[board.Account](t, "SELECT rec FROM accounts ORDER BY login"+t.forUpdate())
}

func (t *txn) PutAccount(a board.Account) error {
	old, err := t.Account(a.Login)
	if err != nil && err != board.ErrNotFound {
		return err
	}
	var gone []string
	for _, k := range old.Keys {
		if !slices.ContainsFunc(a.Keys, func(n board.AccountKey) bool { return n.Fingerprint == k.Fingerprint }) {
			gone = append(gone, k.Fingerprint)
		}
	}
	if len(gone) > 0 {
		if err := t.exec("DELETE FROM account_keys WHERE fingerprint = ANY($1) AND login = $2", gone, a.Login); err != nil {
			return err
		}
	}
	for _, k := range a.Keys {
		if err := t.exec("INSERT INTO account_keys (fingerprint, login) VALUES ($1, $2) ON CONFLICT (fingerprint) DO NOTHING", k.Fingerprint, a.Login); err != nil {
			return err
		}
		var owner string
		if err := t.queryRow("SELECT login FROM account_keys WHERE fingerprint = $1", k.Fingerprint).Scan(&owner); err != nil {
			return err
		}
		if owner != a.Login {
			return fmt.Errorf("key %s belongs to %s: %w", k.Fingerprint, owner, board.ErrExists)
		}
	}
	rec, err := encode(a)
	if err != nil {
		return err
	}
	t.changed(board.ChangeAccount)
	return t.exec("INSERT INTO accounts (login, rec) VALUES ($1, $2) ON CONFLICT (login) DO UPDATE SET rec = excluded.rec", a.Login, rec)
}

func (t *txn) DeleteAccount(login string) error {
	if _, err := t.Account(login); err != nil {
		return err
	}
	if err := t.exec("DELETE FROM account_keys WHERE login = $1", login); err != nil {
		return err
	}
	t.changed(board.ChangeAccount)
	return t.exec("DELETE FROM accounts WHERE login = $1", login)
}

// --- read markers ---

func (t *txn) ReadMarks(reader string, ids []uint64) (map[uint64]time.Time, error) {
	out := make(map[uint64]time.Time, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	q := make([]int64, len(ids))
	for i, id := range ids {
		q[i] = int64(id)
	}
	rows, err := t.query("SELECT thread_id, at_ns FROM reads WHERE reader = $1 AND thread_id = ANY($2)", reader, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, at int64
		if err := rows.Scan(&id, &at); err != nil {
			return nil, err
		}
		out[uint64(id)] = time.Unix(0, at)
	}
	return out, rows.Err()
}

func (t *txn) PutReadMarks(marks map[string]map[uint64]time.Time) error {
	for r, m := range marks {
		if len(m) == 0 {
			continue
		}
		ids := make([]int64, 0, len(m))
		ats := make([]int64, 0, len(m))
		for id, at := range m {
			ids = append(ids, int64(id))
			ats = append(ats, at.UnixNano())
		}
		err := t.exec(`INSERT INTO reads (reader, thread_id, at_ns) SELECT $1, v.id, v.at FROM unnest($2::bigint[], $3::bigint[]) AS v(id, at)
			ON CONFLICT (reader, thread_id) DO UPDATE SET at_ns = GREATEST(reads.at_ns, excluded.at_ns)`, r, ids, ats)
		if err != nil {
			return err
		}
	}
	return nil
}

func (t *txn) VisitMark(reader string) (board.VisitMark, error) {
	var m board.VisitMark
	err := t.getRec(&m, "SELECT rec FROM marks WHERE reader = $1"+t.forUpdate(), reader)
	if err == board.ErrNotFound {
		err = nil
	}
	return m, err
}

func (t *txn) PutVisitMark(reader string, m board.VisitMark) error {
	rec, err := encode(m)
	if err != nil {
		return err
	}
	return t.exec("INSERT INTO marks (reader, rec) VALUES ($1, $2) ON CONFLICT (reader) DO UPDATE SET rec = excluded.rec", reader, rec)
}

// --- visitors ---

// dayWindow is how many days either side of the first day a View asks for Day reads at once.
const dayWindow = 100

// Day is one day's counts. In a View (one snapshot, nothing written) the first call reads the
// days within dayWindow of it in one query and later calls in that window are answered from
// them: the board asks for the days of a week and of a month one by one (the visitor sparkline of
// every new session), and a query per day was most of a session's PostgreSQL time.
func (t *txn) Day(day string) (board.DayCount, error) {
	if !t.write {
		if t.days == nil || day < t.daysLo || day > t.daysHi {
			if err := t.readDays(day); err != nil {
				return board.DayCount{}, err
			}
		}
		if t.days != nil {
			return t.days[day], nil
		}
	}
	var v, u int64
	err := t.queryRow("SELECT visits, uniq FROM days WHERE day = $1", day).Scan(&v, &u)
	if errors.Is(err, pgx.ErrNoRows) {
		return board.DayCount{}, nil
	}
	return board.DayCount{Visits: uint64(v), Unique: uint64(u)}, err
}

// readDays reads the days within dayWindow of day into t.days (left nil if day is not a
// "YYYYMMDD" key: Day then reads that day alone).
func (t *txn) readDays(day string) error {
	d, err := time.Parse("20060102", day)
	if err != nil {
		t.days = nil
		return nil
	}
	lo, hi := d.AddDate(0, 0, -dayWindow).Format("20060102"), d.AddDate(0, 0, dayWindow).Format("20060102")
	rows, err := t.query("SELECT day, visits, uniq FROM days WHERE day >= $1 AND day <= $2", lo, hi)
	if err != nil {
		return err
	}
	defer rows.Close()
	days := map[string]board.DayCount{}
	for rows.Next() {
		var k string
		var v, u int64
		if err := rows.Scan(&k, &v, &u); err != nil {
			return err
		}
		days[k] = board.DayCount{Visits: uint64(v), Unique: uint64(u)}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	t.days, t.daysLo, t.daysHi = days, lo, hi
	return nil
}

// AddVisits adds to the day's counts with commutative increments; a visitor key counts as unique
// only if its row in seen is new, which holds across nodes (the unique key decides).
func (t *txn) AddVisits(day string, visits uint64, keys []string) error {
	if keys == nil {
		keys = []string{}
	}
	err := t.exec(`WITH fresh AS (
			INSERT INTO seen (day, key) SELECT $1, k FROM unnest($3::text[]) AS k ON CONFLICT DO NOTHING RETURNING 1)
		INSERT INTO days (day, visits, uniq) VALUES ($1, $2, (SELECT count(*) FROM fresh))
		ON CONFLICT (day) DO UPDATE SET visits = days.visits + excluded.visits, uniq = days.uniq + excluded.uniq`,
		day, int64(visits), keys)
	if err != nil {
		return err
	}
	t.changed(board.ChangeVisits)
	return t.count("visits", int64(visits))
}

func (t *txn) SeenOn(day, key string) (bool, error) {
	var ok bool
	err := t.queryRow("SELECT EXISTS (SELECT 1 FROM seen WHERE day = $1 AND key = $2)", day, key).Scan(&ok)
	return ok, err
}

func (t *txn) TotalVisits() (uint64, error) {
	n, err := t.getCount("visits")
	return uint64(n), err
}

func (t *txn) PruneDays(before string) error {
	if err := t.exec("DELETE FROM days WHERE day < $1", before); err != nil {
		return err
	}
	return t.exec("DELETE FROM seen WHERE day < $1", before)
}

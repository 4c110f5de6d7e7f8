package boltstore

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"bangtin/board"
	"bangtin/board/text"
)

// txn is a board.Tx over one bbolt transaction. Every value it returns is decoded or copied out of
// bbolt's memory before the transaction ends.
type txn struct {
	tx *bolt.Tx
	// threads keeps the threads a write transaction decoded or wrote: a group commit of many
	// comments on one thread decodes it once instead of once per comment. Read transactions do
	// not keep them (a scan would hold every body). Thread has no reference fields, so copies
	// never share state.
	threads map[uint64]board.Thread
}

var _ board.Tx = (*txn)(nil)

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

func getU64(b []byte) uint64 {
	if len(b) < 8 {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

func (t *txn) b(name []byte) *bolt.Bucket { return t.tx.Bucket(name) }

func storageErr(what string, err error) error {
	return fmt.Errorf("%s: %w: %v", what, board.ErrStorage, err)
}

func (t *txn) put(bucket, k, v []byte) error {
	if err := t.b(bucket).Put(k, v); err != nil {
		return storageErr("put "+string(bucket), err)
	}
	return nil
}

func (t *txn) del(bucket, k []byte) error {
	if err := t.b(bucket).Delete(k); err != nil {
		return storageErr("delete "+string(bucket), err)
	}
	return nil
}

func (t *txn) putJSON(bucket, k []byte, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", bucket, err)
	}
	return t.put(bucket, k, raw)
}

// getJSON decodes the value at k (board.ErrNotFound if missing). Decoding copies.
func (t *txn) getJSON(bucket, k []byte, v any) error {
	raw := t.b(bucket).Get(k)
	if raw == nil {
		return board.ErrNotFound
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("decode %s %x: %w: %v", bucket, k, board.ErrCorrupt, err)
	}
	return nil
}

func (t *txn) nextID(bucket []byte) (uint64, error) {
	id, err := t.b(bucket).NextSequence()
	if err != nil {
		return 0, storageErr("next id of "+string(bucket), err)
	}
	return id, nil
}

// raise moves a bucket's sequence (its id counter) up to id if it is below.
func (t *txn) raise(bucket []byte, id uint64) error {
	b := t.b(bucket)
	if id <= b.Sequence() {
		return nil
	}
	if err := b.SetSequence(id); err != nil {
		return storageErr("id counter of "+string(bucket), err)
	}
	return nil
}

// count adds delta to a counter.
func (t *txn) count(name []byte, delta int64) error {
	if delta == 0 {
		return nil
	}
	v := int64(getU64(t.b(bucketCounts).Get(name))) + delta
	if v < 0 {
		v = 0
	}
	return t.put(bucketCounts, name, u64(uint64(v)))
}

func catCount(kind string, cat uint64) []byte {
	return fmt.Appendf(nil, "%s/%d", kind, cat)
}

// --- settings ---

func (t *txn) Settings() (board.Settings, error) {
	s := board.Settings{Moderation: board.ModerateGuests, Captcha: true}
	err := t.getJSON(bucketMeta, keySettings, &s)
	if err == board.ErrNotFound {
		err = nil
	}
	return s, err
}

func (t *txn) PutSettings(s board.Settings) error { return t.putJSON(bucketMeta, keySettings, s) }

// --- categories ---

func (t *txn) Categories() ([]board.Category, error) {
	var cs []board.Category
	err := t.b(bucketCategories).ForEach(func(k, v []byte) error {
		var c board.Category
		if err := json.Unmarshal(v, &c); err != nil {
			return fmt.Errorf("decode category: %w: %v", board.ErrCorrupt, err)
		}
		cs = append(cs, c)
		return nil
	})
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Order != cs[j].Order {
			return cs[i].Order < cs[j].Order
		}
		return cs[i].ID < cs[j].ID
	})
	return cs, err
}

func (t *txn) Category(id uint64) (board.Category, error) {
	var c board.Category
	return c, t.getJSON(bucketCategories, u64(id), &c)
}

func (t *txn) PutCategory(c *board.Category) error {
	if c.ID == 0 {
		id, err := t.nextID(bucketCategories)
		if err != nil {
			return err
		}
		c.ID = id
	} else if err := t.raise(bucketCategories, c.ID); err != nil {
		return err
	}
	return t.putJSON(bucketCategories, u64(c.ID), c)
}

func (t *txn) DeleteCategory(id uint64) error { return t.del(bucketCategories, u64(id)) }

func (t *txn) CategoryThreadCount(id uint64) (int, error) {
	return int(getU64(t.b(bucketCounts).Get(catCount(countAny, id)))), nil
}

// --- threads ---

// listKey is a thread's key in the list indexes: pinned first, newest first, then highest id.
func listKey(th *board.Thread) []byte {
	k := make([]byte, 17)
	if !th.Pinned {
		k[0] = 1
	}
	at := th.PublishedAt
	if at.IsZero() {
		at = th.CreatedAt
	}
	binary.BigEndian.PutUint64(k[1:], ^uint64(at.UnixNano()))
	binary.BigEndian.PutUint64(k[9:], ^th.ID)
	return k
}

// docKey orders search postings newest published first.
func docKey(th *board.Thread) []byte {
	k := make([]byte, 16)
	binary.BigEndian.PutUint64(k, ^uint64(th.PublishedAt.UnixNano()))
	binary.BigEndian.PutUint64(k[8:], ^th.ID)
	return k
}

func idOfKey(k []byte) uint64 { return ^binary.BigEndian.Uint64(k[len(k)-8:]) }

func isPublished(th *board.Thread) bool { return th.Status == board.StatusPublished && !th.Deleted }

func searchWords(th *board.Thread) []string {
	ws := text.Words(th.Title + "\n" + th.Summary + "\n" + th.Body)
	slices.Sort(ws)
	return slices.Compact(ws)
}

func (t *txn) Thread(id uint64) (board.Thread, error) {
	if th, ok := t.threads[id]; ok {
		return th, nil
	}
	var th board.Thread
	k := u64(id)
	if err := t.getJSON(bucketThreads, k, &th); err != nil {
		return th, err
	}
	th.Body = string(t.b(bucketThreadsBody).Get(k))
	t.keepThread(&th)
	return th, nil
}

// listed is a thread as lists and searches return it: without its body.
func (t *txn) listed(id uint64) (board.Thread, error) {
	if th, ok := t.threads[id]; ok {
		th.Body = ""
		return th, nil
	}
	var th board.Thread
	err := t.getJSON(bucketThreads, u64(id), &th)
	return th, err
}

// keepThread remembers a thread as it is now stored, in write transactions only.
func (t *txn) keepThread(th *board.Thread) {
	if !t.tx.Writable() {
		return
	}
	if t.threads == nil {
		t.threads = map[uint64]board.Thread{}
	}
	t.threads[th.ID] = *th
}

// putThread stores a thread record and, when withBody, its body (the indexes are the caller's
// business). The record leaves the body out: a new comment or a view rewrites only the record.
func (t *txn) putThread(th *board.Thread, withBody bool) error {
	k := u64(th.ID)
	rec := *th
	rec.Body = ""
	err := t.putJSON(bucketThreads, k, &rec)
	if err == nil && withBody {
		err = t.put(bucketThreadsBody, k, []byte(th.Body))
	}
	if err != nil {
		delete(t.threads, th.ID)
		return err
	}
	t.keepThread(th)
	return nil
}

func (t *txn) ThreadsEver() (uint64, error) { return t.b(bucketThreads).Sequence(), nil }

// index adds (sign 1) or removes (sign -1) a thread from the list indexes and their counters.
func (t *txn) index(th *board.Thread, sign int64) error {
	if th.Deleted {
		if sign > 0 {
			return t.put(bucketThreadsDeleted, u64(^th.ID), nil)
		}
		return t.del(bucketThreadsDeleted, u64(^th.ID))
	}
	lk := listKey(th)
	ck := append(u64(th.CategoryID), lk...)
	type ix struct {
		bucket []byte
		key    []byte
		count  []byte
	}
	ixs := []ix{
		{bucketThreadsAll, lk, []byte(countAll)},
		{bucketThreadsCatAll, ck, catCount(countAll, th.CategoryID)},
	}
	if th.Status == board.StatusPublished {
		ixs = append(ixs,
			ix{bucketThreadsPub, lk, []byte(countPub)},
			ix{bucketThreadsCatPub, ck, catCount(countPub, th.CategoryID)})
	}
	for _, x := range ixs {
		var err error
		if sign > 0 {
			err = t.put(x.bucket, x.key, nil)
		} else {
			err = t.del(x.bucket, x.key)
		}
		if err != nil {
			return err
		}
		if err := t.count(x.count, sign); err != nil {
			return err
		}
	}
	return nil
}

// docWords is the forward-index value: " w1 w2 ... " so that " "+prefix finds a word start.
func docWords(words []string) []byte {
	n := 1
	for _, w := range words {
		n += len(w) + 1
	}
	b := make([]byte, 0, n)
	b = append(b, ' ')
	for _, w := range words {
		b = append(append(b, w...), ' ')
	}
	return b
}

// postings adds or removes a thread's search postings and its forward-index entry.
func (t *txn) postings(th *board.Thread, words []string, add bool) error {
	dk := docKey(th)
	var err error
	if add {
		err = t.put(bucketSearchDocs, dk, docWords(words))
	} else {
		err = t.del(bucketSearchDocs, dk)
	}
	if err != nil {
		return err
	}
	wb := t.b(bucketSearchWords)
	df := t.b(bucketSearchDF)
	for _, w := range words {
		k := make([]byte, 0, len(w)+1+len(dk))
		k = append(append(append(k, w...), 0), dk...)
		n := int64(getU64(df.Get([]byte(w))))
		var err error
		if add {
			err, n = wb.Put(k, nil), n+1
		} else {
			err, n = wb.Delete(k), n-1
		}
		if err != nil {
			return storageErr("search index", err)
		}
		if n <= 0 {
			err = df.Delete([]byte(w))
		} else {
			err = df.Put([]byte(w), u64(uint64(n)))
		}
		if err != nil {
			return storageErr("search index", err)
		}
	}
	return nil
}

func (t *txn) PutThread(th *board.Thread) error {
	old, err := board.PriorRecord(&th.ID,
		func() (uint64, error) { return t.nextID(bucketThreads) },
		t.Thread,
		func(id uint64) error { return t.raise(bucketThreads, id) })
	if err != nil {
		return err
	}
	// list indexes
	if old == nil || old.Deleted != th.Deleted || old.Status != th.Status || old.Pinned != th.Pinned ||
		old.CategoryID != th.CategoryID || !old.PublishedAt.Equal(th.PublishedAt) || !old.CreatedAt.Equal(th.CreatedAt) {
		if old != nil {
			if err := t.index(old, -1); err != nil {
				return err
			}
		}
		if err := t.index(th, 1); err != nil {
			return err
		}
	}
	if err := board.CategoryMoves(old, th, func(cat uint64, d int64) error { return t.count(catCount(countAny, cat), d) }); err != nil {
		return err
	}
	// search index
	oldIn, newIn := old != nil && isPublished(old), isPublished(th)
	sameText := old != nil && old.Title == th.Title && old.Summary == th.Summary && old.Body == th.Body &&
		old.PublishedAt.Equal(th.PublishedAt)
	if !(oldIn == newIn && (sameText || !newIn)) {
		if oldIn {
			if err := t.postings(old, searchWords(old), false); err != nil {
				return err
			}
		}
		if newIn {
			if err := t.postings(th, searchWords(th), true); err != nil {
				return err
			}
		}
	}
	return t.putThread(th, old == nil || old.Body != th.Body)
}

func (t *txn) AddViews(views map[uint64]uint64) error {
	for id, n := range views {
		th, err := t.Thread(id)
		if err == board.ErrNotFound {
			continue
		} else if err != nil {
			return err
		}
		th.Views += n
		if err := t.putThread(&th, false); err != nil {
			return err
		}
	}
	return nil
}

func (t *txn) DeletedThreads(skip, n int) ([]board.Thread, int, error) {
	var out []board.Thread
	total := 0
	c := t.b(bucketThreadsDeleted).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if total >= skip && len(out) < n {
			th, err := t.listed(^getU64(k))
			if err != nil {
				return nil, 0, fmt.Errorf("deleted index: %w", err)
			}
			out = append(out, th)
		}
		total++
	}
	return out, total, nil
}

func (t *txn) listBucket(cat uint64, all bool) (*bolt.Bucket, []byte) {
	switch {
	case cat == 0 && all:
		return t.b(bucketThreadsAll), nil
	case cat == 0:
		return t.b(bucketThreadsPub), nil
	case all:
		return t.b(bucketThreadsCatAll), u64(cat)
	}
	return t.b(bucketThreadsCatPub), u64(cat)
}

func (t *txn) ListThreads(cat uint64, all bool, cursor string, skip, n int) ([]board.Thread, string, error) {
	bk, prefix := t.listBucket(cat, all)
	c := bk.Cursor()
	var k []byte
	if cursor != "" {
		after, err := hex.DecodeString(cursor)
		if err != nil || len(after) != 17 {
			return nil, "", &board.ValidationError{Field: "cursor", Problem: board.ProblemFormat}
		}
		seek := append(slices.Clip(prefix), after...)
		k, _ = c.Seek(seek)
		if k != nil && bytes.Equal(k, seek) {
			k, _ = c.Next()
		}
	} else {
		if prefix == nil {
			k, _ = c.First()
		} else {
			k, _ = c.Seek(prefix)
		}
		for ; skip > 0 && k != nil && bytes.HasPrefix(k, prefix); skip-- {
			k, _ = c.Next()
		}
	}
	var out []board.Thread
	var last []byte
	for ; k != nil && bytes.HasPrefix(k, prefix) && len(out) < n; k, _ = c.Next() {
		th, err := t.listed(idOfKey(k))
		if err != nil {
			return nil, "", fmt.Errorf("thread index: %w", err)
		}
		out = append(out, th)
		last = k[len(prefix):]
	}
	return out, hex.EncodeToString(last), nil
}

func (t *txn) CountThreads(cat uint64, all bool) (int, error) {
	kind := countPub
	if all {
		kind = countAll
	}
	name := []byte(kind)
	if cat != 0 {
		name = catCount(kind, cat)
	}
	return int(getU64(t.b(bucketCounts).Get(name))), nil
}

// --- revisions ---

func (t *txn) AddRevision(r *board.Revision) error {
	c := t.b(bucketRevisions).Cursor()
	prefix := u64(r.ThreadID)
	r.Rev = 1
	k, _ := c.Seek(append(slices.Clip(prefix), 0xff, 0xff, 0xff, 0xff))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	if k != nil && bytes.HasPrefix(k, prefix) && len(k) == 12 {
		r.Rev = int(binary.BigEndian.Uint32(k[8:])) + 1
	}
	key := binary.BigEndian.AppendUint32(prefix, uint32(r.Rev))
	return t.putJSON(bucketRevisions, key, r)
}

func (t *txn) Revisions(threadID uint64) ([]board.Revision, error) {
	prefix := u64(threadID)
	var out []board.Revision
	c := t.b(bucketRevisions).Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
		var r board.Revision
		if err := json.Unmarshal(v, &r); err != nil {
			return nil, fmt.Errorf("decode revision: %w: %v", board.ErrCorrupt, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// --- comments ---

func (t *txn) Comment(id uint64) (board.Comment, error) {
	var c board.Comment
	return c, t.getJSON(bucketComments, u64(id), &c)
}

func threadCommentKey(c *board.Comment) []byte {
	return append(u64(c.ThreadID), u64(c.ID)...)
}

// authorCommentKey is the comment's key in comments.author: newest first within an author.
func authorCommentKey(c *board.Comment) []byte {
	k := append([]byte(c.AuthorKey()), 0)
	return append(k, u64(^c.ID)...)
}

func (t *txn) PutComment(c *board.Comment) error {
	oldStatus, isNew, err := board.PriorCommentStatus(c,
		func() (uint64, error) { return t.nextID(bucketComments) },
		t.Comment,
		func(id uint64) error { return t.raise(bucketComments, id) })
	if err != nil {
		return err
	}
	if oldStatus != c.Status {
		if oldStatus == board.CommentApproved {
			if err := t.del(bucketCommentsThread, threadCommentKey(c)); err != nil {
				return err
			}
		}
		if oldStatus == board.CommentPending {
			if err := t.del(bucketCommentsPend, u64(c.ID)); err != nil {
				return err
			}
			if err := t.count(countPending, -1); err != nil {
				return err
			}
		}
		if c.Status == board.CommentApproved {
			if err := t.put(bucketCommentsThread, threadCommentKey(c), nil); err != nil {
				return err
			}
		}
		if c.Status == board.CommentPending {
			if err := t.put(bucketCommentsPend, u64(c.ID), nil); err != nil {
				return err
			}
			if err := t.count(countPending, 1); err != nil {
				return err
			}
		}
	}
	if isNew && c.Fingerprint != "" && c.Name != "" {
		if err := t.put(bucketNames, []byte(c.Fingerprint), []byte(c.Name)); err != nil {
			return err
		}
	}
	if isNew && c.AuthorKey() != "" {
		if err := t.put(bucketCommentsAuthor, authorCommentKey(c), nil); err != nil {
			return err
		}
	}
	return t.putJSON(bucketComments, u64(c.ID), c)
}

func (t *txn) ThreadComments(threadID uint64, skip, n int) ([]board.Comment, error) {
	prefix := u64(threadID)
	c := t.b(bucketCommentsThread).Cursor()
	k, _ := c.Seek(prefix)
	for ; skip > 0 && k != nil && bytes.HasPrefix(k, prefix); skip-- {
		k, _ = c.Next()
	}
	var out []board.Comment
	for ; k != nil && bytes.HasPrefix(k, prefix) && len(out) < n; k, _ = c.Next() {
		cm, err := t.Comment(getU64(k[8:]))
		if err != nil {
			return nil, fmt.Errorf("comment index: %w", err)
		}
		out = append(out, cm)
	}
	return out, nil
}

func (t *txn) AuthorComments(author string, n int) ([]board.Comment, error) {
	if author == "" {
		return nil, nil
	}
	prefix := append([]byte(author), 0)
	var out []board.Comment
	c := t.b(bucketCommentsAuthor).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && len(out) < n; k, _ = c.Next() {
		cm, err := t.Comment(^getU64(k[len(prefix):]))
		if err != nil {
			return nil, fmt.Errorf("author index: %w", err)
		}
		out = append(out, cm)
	}
	return out, nil
}

func (t *txn) PendingComments(n int) ([]board.Comment, error) {
	var out []board.Comment
	c := t.b(bucketCommentsPend).Cursor()
	for k, _ := c.First(); k != nil && len(out) < n; k, _ = c.Next() {
		cm, err := t.Comment(getU64(k))
		if err != nil {
			return nil, fmt.Errorf("pending index: %w", err)
		}
		out = append(out, cm)
	}
	return out, nil
}

func (t *txn) PendingCount() (int, error) {
	return int(getU64(t.b(bucketCounts).Get(countPending))), nil
}

func (t *txn) EachComment(fn func(board.Comment) bool) error {
	c := t.b(bucketComments).Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		var cm board.Comment
		if err := json.Unmarshal(v, &cm); err != nil {
			return fmt.Errorf("decode comment: %w: %v", board.ErrCorrupt, err)
		}
		if !fn(cm) {
			return nil
		}
	}
	return nil
}

func (t *txn) LastName(fingerprint string) (string, error) {
	return string(t.b(bucketNames).Get([]byte(fingerprint))), nil
}

// --- bans and audit ---

func (t *txn) Bans() ([]board.Ban, error) {
	var out []board.Ban
	err := t.b(bucketBans).ForEach(func(k, v []byte) error {
		var b board.Ban
		if err := json.Unmarshal(v, &b); err != nil {
			return fmt.Errorf("decode ban: %w: %v", board.ErrCorrupt, err)
		}
		out = append(out, b)
		return nil
	})
	return out, err
}

func (t *txn) PutBan(b *board.Ban) error {
	if b.ID == 0 {
		id, err := t.nextID(bucketBans)
		if err != nil {
			return err
		}
		b.ID = id
	} else if err := t.raise(bucketBans, b.ID); err != nil {
		return err
	}
	return t.putJSON(bucketBans, u64(b.ID), b)
}

func (t *txn) DeleteBan(id uint64) error { return t.del(bucketBans, u64(id)) }

func (t *txn) AppendAudit(e *board.AuditEntry) error {
	id, err := t.nextID(bucketAudit)
	if err != nil {
		return err
	}
	e.ID = id
	return t.putJSON(bucketAudit, u64(id), e)
}

func (t *txn) EachAudit(fn func(board.AuditEntry) bool) error {
	c := t.b(bucketAudit).Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		var e board.AuditEntry
		if err := json.Unmarshal(v, &e); err != nil {
			return fmt.Errorf("decode audit entry: %w: %v", board.ErrCorrupt, err)
		}
		if !fn(e) {
			return nil
		}
	}
	return nil
}

// --- accounts ---

func (t *txn) Account(login string) (board.Account, error) {
	var a board.Account
	if login == "" {
		return a, board.ErrNotFound
	}
	return a, t.getJSON(bucketAccounts, []byte(login), &a)
}

func (t *txn) AccountByKey(fingerprint string) (board.Account, error) {
	if fingerprint == "" {
		return board.Account{}, board.ErrNotFound
	}
	login := t.b(bucketAccountKeys).Get([]byte(fingerprint))
	if login == nil {
		return board.Account{}, board.ErrNotFound
	}
	return t.Account(string(login))
}

func (t *txn) Accounts() ([]board.Account, error) {
	var out []board.Account
	err := t.b(bucketAccounts).ForEach(func(k, v []byte) error {
		var a board.Account
		if err := json.Unmarshal(v, &a); err != nil {
			return fmt.Errorf("decode account: %w: %v", board.ErrCorrupt, err)
		}
		out = append(out, a)
		return nil
	})
	return out, err
}

func (t *txn) PutAccount(a board.Account) error {
	keys := t.b(bucketAccountKeys)
	old, err := t.Account(a.Login)
	if err != nil && err != board.ErrNotFound {
		return err
	}
	for _, k := range old.Keys {
		if !slices.ContainsFunc(a.Keys, func(n board.AccountKey) bool { return n.Fingerprint == k.Fingerprint }) {
			if err := t.del(bucketAccountKeys, []byte(k.Fingerprint)); err != nil {
				return err
			}
		}
	}
	for _, k := range a.Keys {
		if owner := keys.Get([]byte(k.Fingerprint)); owner != nil && string(owner) != a.Login {
			return fmt.Errorf("key %s belongs to %s: %w", k.Fingerprint, owner, board.ErrExists)
		}
		if err := t.put(bucketAccountKeys, []byte(k.Fingerprint), []byte(a.Login)); err != nil {
			return err
		}
	}
	return t.putJSON(bucketAccounts, []byte(a.Login), a)
}

func (t *txn) DeleteAccount(login string) error {
	a, err := t.Account(login)
	if err != nil {
		return err
	}
	for _, k := range a.Keys {
		if err := t.del(bucketAccountKeys, []byte(k.Fingerprint)); err != nil {
			return err
		}
	}
	return t.del(bucketAccounts, []byte(login))
}

// --- read markers ---

func readKey(reader string, id uint64) []byte {
	return append(append([]byte(reader), 0), u64(id)...)
}

func (t *txn) ReadMarks(reader string, ids []uint64) (map[uint64]time.Time, error) {
	out := make(map[uint64]time.Time, len(ids))
	b := t.b(bucketReads)
	for _, id := range ids {
		if v := b.Get(readKey(reader, id)); len(v) == 8 {
			out[id] = time.Unix(0, int64(getU64(v)))
		}
	}
	return out, nil
}

func (t *txn) PutReadMarks(marks map[string]map[uint64]time.Time) error {
	b := t.b(bucketReads)
	for r, m := range marks {
		for id, at := range m {
			k := readKey(r, id)
			if v := b.Get(k); len(v) == 8 && int64(getU64(v)) >= at.UnixNano() {
				continue
			}
			if err := t.put(bucketReads, k, u64(uint64(at.UnixNano()))); err != nil {
				return err
			}
		}
	}
	return nil
}

func (t *txn) VisitMark(reader string) (board.VisitMark, error) {
	var m board.VisitMark
	err := t.getJSON(bucketMarks, []byte(reader), &m)
	if err == board.ErrNotFound {
		err = nil
	}
	return m, err
}

func (t *txn) PutVisitMark(reader string, m board.VisitMark) error {
	return t.putJSON(bucketMarks, []byte(reader), m)
}

func (t *txn) ReaderPrefs(reader string) (board.ReaderPrefs, error) {
	var p board.ReaderPrefs
	err := t.getJSON(bucketPrefs, []byte(reader), &p)
	if err == board.ErrNotFound {
		err = nil
	}
	return p, err
}

func (t *txn) PutReaderPrefs(reader string, p board.ReaderPrefs) error {
	return t.putJSON(bucketPrefs, []byte(reader), p)
}

// --- visitors ---

func (t *txn) Day(day string) (board.DayCount, error) {
	v := t.b(bucketDays).Get([]byte(day))
	if len(v) != 16 {
		return board.DayCount{}, nil
	}
	return board.DayCount{Visits: getU64(v), Unique: getU64(v[8:])}, nil
}

func (t *txn) AddVisits(day string, visits uint64, keys []string) error {
	seen, err := t.b(bucketSeen).CreateBucketIfNotExists([]byte(day))
	if err != nil {
		return storageErr("visitors of "+day, err)
	}
	var unique uint64
	for _, k := range keys {
		if seen.Get([]byte(k)) == nil {
			if err := seen.Put([]byte(k), nil); err != nil {
				return storageErr("visitors of "+day, err)
			}
			unique++
		}
	}
	d, _ := t.Day(day)
	v := make([]byte, 16)
	binary.BigEndian.PutUint64(v, d.Visits+visits)
	binary.BigEndian.PutUint64(v[8:], d.Unique+unique)
	if err := t.put(bucketDays, []byte(day), v); err != nil {
		return err
	}
	return t.count(countVisits, int64(visits))
}

func (t *txn) SeenOn(day, key string) (bool, error) {
	seen := t.b(bucketSeen).Bucket([]byte(day))
	return seen != nil && seen.Get([]byte(key)) != nil, nil
}

func (t *txn) TotalVisits() (uint64, error) {
	return getU64(t.b(bucketCounts).Get(countVisits)), nil
}

func (t *txn) PruneDays(before string) error {
	for _, name := range [][]byte{bucketDays, bucketSeen} {
		var old [][]byte
		c := t.b(name).Cursor()
		for k, _ := c.First(); k != nil && string(k) < before; k, _ = c.Next() {
			old = append(old, slices.Clone(k))
		}
		for _, k := range old {
			var err error
			if bytes.Equal(name, bucketSeen) {
				err = t.b(name).DeleteBucket(k)
			} else {
				err = t.b(name).Delete(k)
			}
			if err != nil {
				return storageErr("prune "+string(name), err)
			}
		}
	}
	return nil
}

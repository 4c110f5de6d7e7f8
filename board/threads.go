package board

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

func perPage(n int) int {
	if n <= 0 {
		return defaultPerPage
	}
	return min(n, maxPerPage)
}

func pages(total, per int) int {
	return max(1, (total+per-1)/per)
}

// ListThreads returns a page: pinned first, then newest published. Viewers who cannot edit news
// see published threads only, whatever q.All says.
func (b *Board) ListThreads(ctx context.Context, viewer Identity, q ThreadQuery) (ThreadPage, error) {
	all := q.All && viewer.Role.CanEditNews()
	per := perPage(q.PerPage)
	page := max(q.Page, 1)
	if !q.Month.IsZero() {
		return b.listMonth(ctx, q.CategoryID, all, q.Month, page, per)
	}
	var cursor string
	if q.Cursor != "" {
		p, c, ok := strings.Cut(q.Cursor, ".")
		n, err := strconv.Atoi(p)
		if !ok || err != nil || n < 1 || c == "" {
			return ThreadPage{}, &ValidationError{Field: "cursor", Problem: ProblemFormat}
		}
		page, cursor = n, c
	}
	var out ThreadPage
	err := b.view(ctx, func(tx Tx) error {
		total, err := tx.CountThreads(q.CategoryID, all)
		if err != nil {
			return err
		}
		ts, last, err := tx.ListThreads(q.CategoryID, all, cursor, (page-1)*per, per)
		if err != nil {
			return err
		}
		out = ThreadPage{Threads: ts, Total: total, Page: page, Pages: pages(total, per)}
		if page < out.Pages && len(ts) == per && last != "" {
			out.Next = strconv.Itoa(page+1) + "." + last
		}
		return nil
	})
	if err != nil {
		return ThreadPage{}, fmt.Errorf("list threads: %w", err)
	}
	b.counter.addPendingViews(out.Threads)
	return out, nil
}

// listChunk is how many threads a scan of a list reads per step.
const listChunk = 200

// listedAt is the time a list orders a thread by: published, or created for drafts.
func listedAt(t Thread) time.Time {
	if t.PublishedAt.IsZero() {
		return t.CreatedAt
	}
	return t.PublishedAt
}

// scanList calls fn on every thread of a list in its order (pinned first, newest first) until fn
// returns false.
func scanList(tx Tx, cat uint64, all bool, fn func(Thread) bool) error {
	cursor := ""
	for {
		ts, last, err := tx.ListThreads(cat, all, cursor, 0, listChunk)
		if err != nil {
			return err
		}
		for _, t := range ts {
			if !fn(t) {
				return nil
			}
		}
		if len(ts) < listChunk || last == "" {
			return nil
		}
		cursor = last
	}
}

// monthOf is the first instant of t's month in loc.
func monthOf(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
}

// listMonth is ListThreads for one calendar month: the list's threads of the month, in its
// order. The unpinned part of a list is newest first, so the scan stops at the month's start.
func (b *Board) listMonth(ctx context.Context, cat uint64, all bool, month time.Time, page, per int) (ThreadPage, error) {
	start := monthOf(month, b.opts.Location)
	end := start.AddDate(0, 1, 0)
	var matched []Thread
	err := b.view(ctx, func(tx Tx) error {
		return scanList(tx, cat, all, func(t Thread) bool {
			at := listedAt(t)
			if !t.Pinned && at.Before(start) {
				return false
			}
			if !at.Before(start) && at.Before(end) {
				matched = append(matched, t)
			}
			return true
		})
	})
	if err != nil {
		return ThreadPage{}, fmt.Errorf("list threads of %s: %w", start.Format("2006-01"), err)
	}
	out := ThreadPage{Total: len(matched), Page: page, Pages: pages(len(matched), per)}
	if from := (page - 1) * per; from < len(matched) {
		out.Threads = matched[from:min(from+per, len(matched))]
	}
	b.counter.addPendingViews(out.Threads)
	return out, nil
}

// MonthCount is how many threads of a list fall in one month.
type MonthCount struct {
	Month   time.Time // the first instant of the month in the board's time zone
	Threads int
}

// ThreadMonths lists the months that hold threads of a list (cat 0: every category; all as in
// ThreadQuery.All, editors only), newest first, for browsing by month (ThreadQuery.Month).
func (b *Board) ThreadMonths(ctx context.Context, viewer Identity, cat uint64, all bool) ([]MonthCount, error) {
	all = all && viewer.Role.CanEditNews()
	counts := map[time.Time]int{}
	err := b.view(ctx, func(tx Tx) error {
		return scanList(tx, cat, all, func(t Thread) bool {
			counts[monthOf(listedAt(t), b.opts.Location)]++
			return true
		})
	})
	if err != nil {
		return nil, fmt.Errorf("thread months: %w", err)
	}
	out := make([]MonthCount, 0, len(counts))
	for m, n := range counts {
		out = append(out, MonthCount{Month: m, Threads: n})
	}
	slices.SortFunc(out, func(a, b MonthCount) int { return b.Month.Compare(a.Month) })
	return out, nil
}

// DeletedThreads lists deleted threads for an admin to restore (RestoreThread), newest first
// (by id), without their bodies; page is 1-based.
func (b *Board) DeletedThreads(ctx context.Context, actor Identity, page, per int) (ThreadPage, error) {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin(), "thread.deleted"); err != nil {
		return ThreadPage{}, err
	}
	per = perPage(per)
	out := ThreadPage{Page: max(page, 1)}
	err := b.view(ctx, func(tx Tx) error {
		var err error
		out.Threads, out.Total, err = tx.DeletedThreads((out.Page-1)*per, per)
		return err
	})
	if err != nil {
		return ThreadPage{}, fmt.Errorf("deleted threads: %w", err)
	}
	out.Pages = pages(out.Total, per)
	return out, nil
}

// visibleThread reads a thread the viewer may see; one it may not (see visible) is ErrNotFound.
func visibleThread(tx Tx, viewer Identity, id uint64) (Thread, error) {
	t, err := tx.Thread(id)
	if err != nil {
		return Thread{}, err
	}
	if !visible(viewer, t) {
		return Thread{}, ErrNotFound
	}
	return t, nil
}

func visible(viewer Identity, t Thread) bool {
	if viewer.Role.CanEditNews() {
		return true
	}
	return t.Status == StatusPublished && !t.Deleted
}

// Thread returns one thread. Drafts, hidden and deleted threads are ErrNotFound for viewers who
// cannot edit news.
func (b *Board) Thread(ctx context.Context, viewer Identity, id uint64) (Thread, error) {
	var t Thread
	err := b.view(ctx, func(tx Tx) error {
		var err error
		t, err = tx.Thread(id)
		return err
	})
	if err != nil {
		return Thread{}, fmt.Errorf("thread %d: %w", id, err)
	}
	if !visible(viewer, t) {
		return Thread{}, fmt.Errorf("thread %d: %w", id, ErrNotFound)
	}
	ts := []Thread{t}
	b.counter.addPendingViews(ts)
	return ts[0], nil
}

// OtherThreads returns up to n published threads other than id: same category first, newest first,
// without their bodies.
func (b *Board) OtherThreads(ctx context.Context, id uint64, n int) ([]Thread, error) {
	if n <= 0 {
		return nil, nil
	}
	n = min(n, maxPerPage)
	var out []Thread
	err := b.view(ctx, func(tx Tx) error {
		t, err := tx.Thread(id)
		if err != nil {
			return err
		}
		seen := map[uint64]bool{id: true}
		for _, cat := range []uint64{t.CategoryID, 0} {
			ts, _, err := tx.ListThreads(cat, false, "", 0, n+len(seen))
			if err != nil {
				return err
			}
			for _, o := range ts {
				if len(out) < n && !seen[o.ID] {
					seen[o.ID] = true
					out = append(out, o)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("other threads of %d: %w", id, err)
	}
	b.counter.addPendingViews(out)
	return out, nil
}

type threadFields struct {
	title, summary, body string
}

func cleanThread(in ThreadInput) (threadFields, error) {
	var f threadFields
	var err error
	if f.title, err = clean(fieldSpec{name: "title", min: 1, max: MaxThreadTitle}, in.Title); err != nil {
		return f, err
	}
	if f.summary, err = clean(fieldSpec{name: "summary", max: MaxThreadSummary, multiline: true}, in.Summary); err != nil {
		return f, err
	}
	if f.body, err = clean(fieldSpec{name: "body", max: MaxThreadBody, multiline: true, bytes: true}, in.Body); err != nil {
		return f, err
	}
	return f, nil
}

// category resolves a category id (0: the first one).
func category(tx Tx, id uint64) (uint64, error) {
	if id != 0 {
		if _, err := tx.Category(id); err != nil {
			return 0, &ValidationError{Field: "category", Problem: ProblemUnknown}
		}
		return id, nil
	}
	cs, err := tx.Categories()
	if err != nil {
		return 0, err
	}
	if len(cs) == 0 {
		return 0, &ValidationError{Field: "category", Problem: ProblemUnknown}
	}
	return cs[0].ID, nil
}

func authorName(id Identity) string {
	if id.Name != "" {
		return id.Name
	}
	return id.Actor()
}

func (b *Board) CreateThread(ctx context.Context, actor Identity, in ThreadInput) (Thread, error) {
	return b.writeThread(ctx, actor, AuditThreadCreate, "create thread", in, func(tx Tx, t *Thread, f threadFields, now time.Time) error {
		cat, err := category(tx, in.CategoryID)
		if err != nil {
			return err
		}
		*t = Thread{
			CategoryID: cat, Title: f.title, Summary: f.summary, Body: f.body,
			AuthorName: authorName(actor), AuthorLogin: actor.Login, AuthorFingerprint: actor.Fingerprint,
			Pinned: in.Pinned, Status: StatusPublished, CreatedAt: now, UpdatedAt: now, PublishedAt: now,
		}
		if in.Draft {
			t.Status, t.PublishedAt = StatusDraft, time.Time{}
		}
		return nil
	})
}

// UpdateThread replaces a thread's fields and keeps the old text as a revision.
func (b *Board) UpdateThread(ctx context.Context, actor Identity, id uint64, in ThreadInput) (Thread, error) {
	return b.writeThread(ctx, actor, AuditThreadEdit, fmt.Sprintf("update thread %d", id), in, func(tx Tx, t *Thread, f threadFields, now time.Time) error {
		old, err := tx.Thread(id)
		if err != nil {
			return err
		}
		*t = old
		cat, err := category(tx, in.CategoryID)
		if err != nil {
			return err
		}
		if t.Title != f.title || t.Summary != f.summary || t.Body != f.body {
			if err := tx.AddRevision(&Revision{ThreadID: id, Title: t.Title, Summary: t.Summary, Body: t.Body, Editor: actor.Actor(), At: now}); err != nil {
				return err
			}
		}
		t.CategoryID, t.Title, t.Summary, t.Body, t.Pinned, t.UpdatedAt = cat, f.title, f.summary, f.body, in.Pinned, now
		switch {
		case in.Draft:
			t.Status = StatusDraft
		case t.Status == StatusDraft:
			t.Status = StatusPublished
		}
		if t.Status == StatusPublished && t.PublishedAt.IsZero() {
			t.PublishedAt = now
		}
		return nil
	})
}

// writeThread is what CreateThread and UpdateThread share: an editor's permission (kind names
// the action for the check and the audit log), the cleaned fields, and one transaction in which
// fill sets the thread, which is then stored and kind audited with its title. A failure of the
// transaction is wrapped with what.
func (b *Board) writeThread(ctx context.Context, actor Identity, kind, what string, in ThreadInput, fill func(tx Tx, t *Thread, f threadFields, now time.Time) error) (Thread, error) {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), kind); err != nil {
		return Thread{}, err
	}
	f, err := cleanThread(in)
	if err != nil {
		return Thread{}, err
	}
	var t Thread
	err = b.update(ctx, func(tx Tx) error {
		if err := fill(tx, &t, f, b.now()); err != nil {
			return err
		}
		if err := tx.PutThread(&t); err != nil {
			return err
		}
		return b.audit(tx, actor, kind, fmt.Sprintf("thread:%d", t.ID), "", f.title)
	})
	if err != nil {
		return Thread{}, fmt.Errorf("%s: %w", what, err)
	}
	return t, nil
}

func (b *Board) HideThread(ctx context.Context, actor Identity, id uint64, reason string) error {
	return b.setThreadState(ctx, actor, id, AuditThreadHide, reason, func(t *Thread) bool {
		t.Status = StatusHidden
		return true
	})
}

// setThreadState lets an editor change a thread's state (kind names the action for the
// permission check and the audit log): change returns false when the thread is already in it
// (nothing is written); otherwise the thread is stored and kind audited with the cleaned reason.
func (b *Board) setThreadState(ctx context.Context, actor Identity, id uint64, kind, reason string, change func(t *Thread) bool) error {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), kind); err != nil {
		return err
	}
	reason, err := cleanReason(reason)
	if err != nil {
		return err
	}
	return b.update(ctx, func(tx Tx) error {
		t, err := tx.Thread(id)
		if err != nil {
			return fmt.Errorf("thread %d: %w", id, err)
		}
		if !change(&t) {
			return nil
		}
		t.UpdatedAt = b.now()
		if err := tx.PutThread(&t); err != nil {
			return err
		}
		return b.audit(tx, actor, kind, fmt.Sprintf("thread:%d", id), reason, t.Title)
	})
}

// RestoreThread un-hides a hidden thread or un-deletes a deleted one (deleted: admins only).
func (b *Board) RestoreThread(ctx context.Context, actor Identity, id uint64) error {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), "thread.restore"); err != nil {
		return err
	}
	var denied bool
	err := b.update(ctx, func(tx Tx) error {
		denied = false
		t, err := tx.Thread(id)
		if err != nil {
			return fmt.Errorf("thread %d: %w", id, err)
		}
		switch {
		case t.Deleted:
			if !actor.Role.CanAdmin() {
				denied = true
				return fmt.Errorf("restore deleted thread %d: %w", id, ErrForbidden)
			}
			t.Deleted = false
		case t.Status == StatusHidden:
			t.Status = StatusPublished
			if t.PublishedAt.IsZero() {
				t.PublishedAt = b.now()
			}
		default:
			return nil
		}
		t.UpdatedAt = b.now()
		if err := tx.PutThread(&t); err != nil {
			return err
		}
		return b.audit(tx, actor, AuditThreadRestore, fmt.Sprintf("thread:%d", id), "", t.Title)
	})
	if denied {
		b.LogDenied(ctx, actor, "thread.restore deleted")
	}
	return err
}

// DeleteThread soft-deletes a thread; it disappears from every list but an admin can restore it.
func (b *Board) DeleteThread(ctx context.Context, actor Identity, id uint64, reason string) error {
	return b.setThreadState(ctx, actor, id, AuditThreadDelete, reason, func(t *Thread) bool {
		if t.Deleted {
			return false
		}
		t.Deleted = true
		return true
	})
}

func (b *Board) Revisions(ctx context.Context, actor Identity, id uint64) ([]Revision, error) {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), "thread.revisions"); err != nil {
		return nil, err
	}
	var rs []Revision
	err := b.view(ctx, func(tx Tx) error {
		if _, err := tx.Thread(id); err != nil {
			return fmt.Errorf("thread %d: %w", id, err)
		}
		var err error
		rs, err = tx.Revisions(id)
		return err
	})
	return rs, err
}

// RestoreRevision makes an earlier revision current (the current text becomes a revision too).
func (b *Board) RestoreRevision(ctx context.Context, actor Identity, id uint64, rev int) (Thread, error) {
	if err := b.allow(ctx, actor, actor.Role.CanEditNews(), "thread.revert"); err != nil {
		return Thread{}, err
	}
	var t Thread
	err := b.update(ctx, func(tx Tx) error {
		var err error
		if t, err = tx.Thread(id); err != nil {
			return fmt.Errorf("thread %d: %w", id, err)
		}
		rs, err := tx.Revisions(id)
		if err != nil {
			return err
		}
		var r *Revision
		for i := range rs {
			if rs[i].Rev == rev {
				r = &rs[i]
			}
		}
		if r == nil {
			return fmt.Errorf("revision %d of thread %d: %w", rev, id, ErrNotFound)
		}
		now := b.now()
		if err := tx.AddRevision(&Revision{ThreadID: id, Title: t.Title, Summary: t.Summary, Body: t.Body, Editor: actor.Actor(), At: now}); err != nil {
			return err
		}
		t.Title, t.Summary, t.Body, t.UpdatedAt = r.Title, r.Summary, r.Body, now
		if err := tx.PutThread(&t); err != nil {
			return err
		}
		return b.audit(tx, actor, AuditThreadRevert, fmt.Sprintf("thread:%d", id), "", strconv.Itoa(rev))
	})
	return t, err
}

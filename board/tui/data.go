package tui

import (
	"context"
	"fmt"

	"bangtin/board"
)

// Snapshots of what many sessions show at once, shared through the memo caches of Cache: after a change every
// session reloads, but the board is read once per version. Lists, threads and categories key on
// the board's ContentVersion (a new session's visit does not change them), the visitor counts on
// its Version.

type listKey struct {
	b         *board.Board
	version   uint64
	cat       uint64
	page, per int
	all       bool // editors see drafts and hidden threads
}

type boardKey struct {
	b       *board.Board
	version uint64
}

type visitorSnap struct {
	counts  board.VisitorCounts
	history []board.DayCount
}

type threadKey struct {
	b       *board.Board
	version uint64
	id      uint64
	editor  bool
	limit   int // comments loaded
}

type threadSnap struct {
	t        board.Thread
	comments board.CommentPage
	others   []board.Thread
}

const (
	commentsShown = 100  // comments loaded with a thread, and added by each "+"
	commentsMax   = 5000 // comments a thread page loads at most
	othersShown   = 5    // "Tin khác"
	historyDays   = 30   // the visitor sparkline
)

func threadsSize(ts []board.Thread) int {
	n := 0
	for _, t := range ts {
		n += 256 + len(t.Title) + len(t.Summary) + len(t.Body) + len(t.AuthorName)
	}
	return n
}

func snapSize(s threadSnap) int {
	n := threadsSize([]board.Thread{s.t}) + threadsSize(s.others)
	for _, c := range s.comments.Comments {
		n += 256 + len(c.Name) + len(c.Title) + len(c.Body) + len(c.ThreadTitle)
	}
	return n
}

func (cc *Cache) loadThreads(ctx context.Context, b *board.Board, viewer board.Identity, q board.ThreadQuery) (board.ThreadPage, error) {
	k := listKey{b: b, version: b.ContentVersion(), cat: q.CategoryID, page: q.Page, per: q.PerPage, all: viewer.Role.CanEditNews()}
	return cc.memoLists().Get(k, func() (board.ThreadPage, error) {
		q.All = k.all
		p, err := b.ListThreads(ctx, viewer, q)
		if err != nil {
			return p, fmt.Errorf("list threads: %w", err)
		}
		return p, nil
	})
}

func (cc *Cache) loadCategories(ctx context.Context, b *board.Board) ([]board.Category, error) {
	return cc.memoCategories().Get(boardKey{b, b.ContentVersion()}, func() ([]board.Category, error) {
		cs, err := b.Categories(ctx)
		if err != nil {
			return nil, fmt.Errorf("categories: %w", err)
		}
		return cs, nil
	})
}

func (cc *Cache) loadVisitors(ctx context.Context, b *board.Board, version uint64) (visitorSnap, error) {
	return cc.memoVisitors().Get(boardKey{b, version}, func() (visitorSnap, error) {
		var s visitorSnap
		var err error
		if s.counts, err = b.VisitorCounts(ctx); err != nil {
			return s, fmt.Errorf("visitor counts: %w", err)
		}
		if s.history, err = b.DailyVisits(ctx, historyDays); err != nil {
			return s, fmt.Errorf("visit history: %w", err)
		}
		return s, nil
	})
}

// loadThread loads a thread, its first limit approved comments (oldest first) and "Tin khác".
func (cc *Cache) loadThread(ctx context.Context, b *board.Board, viewer board.Identity, id uint64, limit int) (threadSnap, error) {
	limit = min(max(limit, commentsShown), commentsMax)
	k := threadKey{b: b, version: b.ContentVersion(), id: id, editor: viewer.Role.CanEditNews(), limit: limit}
	return cc.memoThreads().Get(k, func() (threadSnap, error) {
		var s threadSnap
		var err error
		if s.t, err = b.Thread(ctx, viewer, id); err != nil {
			return s, fmt.Errorf("thread %d: %w", id, err)
		}
		// Pages of commentsShown (the board's largest page) until limit or the last comment.
		for page := 1; len(s.comments.Comments) < limit; page++ {
			cp, err := b.Comments(ctx, viewer, id, page, commentsShown)
			if err != nil {
				return s, fmt.Errorf("comments of thread %d: %w", id, err)
			}
			s.comments.Total, s.comments.Page, s.comments.Pages = cp.Total, 1, 1
			s.comments.Comments = append(s.comments.Comments, cp.Comments...)
			if len(cp.Comments) < commentsShown || page >= cp.Pages {
				break
			}
		}
		if s.others, err = b.OtherThreads(ctx, id, othersShown); err != nil {
			return s, fmt.Errorf("other threads of %d: %w", id, err)
		}
		return s, nil
	})
}

func categoryName(cs []board.Category, id uint64) string {
	for _, c := range cs {
		if c.ID == id {
			return c.Name
		}
	}
	return ""
}

// The memos of a nil Cache are nil: they keep nothing.

func (cc *Cache) memoLists() *memo[listKey, board.ThreadPage] {
	if cc == nil {
		return nil
	}
	return cc.lists
}

func (cc *Cache) memoCategories() *memo[boardKey, []board.Category] {
	if cc == nil {
		return nil
	}
	return cc.categories
}

func (cc *Cache) memoVisitors() *memo[boardKey, visitorSnap] {
	if cc == nil {
		return nil
	}
	return cc.visitors
}

func (cc *Cache) memoThreads() *memo[threadKey, threadSnap] {
	if cc == nil {
		return nil
	}
	return cc.threads
}

func (cc *Cache) memoMarkdown() *memo[mdKey, *rendered] {
	if cc == nil {
		return nil
	}
	return cc.markdown
}

func (cc *Cache) memoTitles() *memo[titleKey, string] {
	if cc == nil {
		return nil
	}
	return cc.titles
}

func (cc *Cache) memoLayouts() *memo[layoutKey, *layout] {
	if cc == nil {
		return nil
	}
	return cc.layouts
}

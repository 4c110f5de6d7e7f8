package board

import (
	"context"
	"time"
)

// ChangeKind says what a committed change touched.
type ChangeKind string

// Kinds of change a store announces. ChangeResync means "anything may have changed" (a feed
// that lost its connection and got it back).
const (
	ChangeComment  ChangeKind = "comment"  // IDs: comments
	ChangeThread   ChangeKind = "thread"   // IDs: threads (posted, edited, hidden, restored)
	ChangeViews    ChangeKind = "views"    // IDs: threads whose view counts grew
	ChangeCategory ChangeKind = "category" // IDs: categories
	ChangeAccount  ChangeKind = "account"
	ChangeBan      ChangeKind = "ban" // IDs: bans
	ChangeSettings ChangeKind = "settings"
	ChangeVisits   ChangeKind = "visits"
	ChangeResync   ChangeKind = "resync"
)

// Change is one committed change, as a store shared by several nodes announces it to all of them
// (the writer included): its kind and the ids it touched (nil: unknown or too many).
type Change struct {
	Kind ChangeKind
	IDs  []uint64
}

// ChangeFeed is implemented by a store that several nodes share (the embedded store does not
// need it: every change goes through this Board). Subscribe calls fn, on one goroutine in commit
// order, for every change any node commits, until cancel is called.
type ChangeFeed interface {
	Subscribe(fn func(Change)) (cancel func())
}

// PresencePublisher is implemented by a store shared by several nodes: it publishes this node's
// online count (local, called periodically) for the other nodes' NodePresence.
type PresencePublisher interface {
	PublishPresence(local func() int)
}

// LimitSlot is one limit a SharedLimiter applies: at most Events events of Key per Window.
type LimitSlot struct {
	Key    string
	Events int
	Window time.Duration
}

// SharedLimiter is implemented by a store shared by several nodes so that the guest comment
// limits hold across them. Take records one event on every slot if each has room at now, and
// returns 0; otherwise it records nothing and returns how long until the fullest slot has room.
type SharedLimiter interface {
	Take(ctx context.Context, now time.Time, slots ...LimitSlot) (time.Duration, error)
}

// sharedTake applies limits across every node when the store shares a limiter; shared is false
// when it does not (the caller uses its in-process limiters). Keys are namespaced by the caller
// ("guest/key:SHA256:…", "ip/ip:10.0.0.1") so that two limits never count the same events.
func (b *Board) sharedTake(ctx context.Context, now time.Time, slots ...LimitSlot) (wait time.Duration, shared bool, err error) {
	sl, ok := b.st.(SharedLimiter)
	if !ok {
		return 0, false, nil
	}
	wait, err = sl.Take(ctx, now, slots...)
	return wait, true, err
}

// subscribe connects the Board to its store's change feed and presence, if it has them.
func (b *Board) subscribe() {
	if pp, ok := b.st.(PresencePublisher); ok {
		pp.PublishPresence(b.LocalOnline)
	}
	cf, ok := b.st.(ChangeFeed)
	if !ok {
		return
	}
	reload := make(chan struct{}, 1)
	cancel := cf.Subscribe(func(c Change) { b.applyChange(c, reload) })
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		defer cancel()
		for {
			select {
			case <-b.done:
				return
			case <-reload:
				// A failed reload (the database away) is retried by the resync that follows
				// the feed's reconnection.
				if b.reloadCaches(context.Background()) == nil {
					b.changed()
				}
			}
		}
	}()
}

// applyChange drops what a change made stale and bumps the versions, so that live sessions
// redraw and shared snapshots (lists, threads, rendered Markdown) are read again.
func (b *Board) applyChange(c Change, reload chan<- struct{}) {
	switch c.Kind {
	case ChangeVisits:
		b.version.Add(1)
		return
	case ChangeAccount:
		b.accountsChanged()
	case ChangeBan, ChangeSettings:
		select {
		case reload <- struct{}{}:
		default:
		}
	case ChangeResync:
		b.accountsChanged()
		select {
		case reload <- struct{}{}:
		default:
		}
	}
	b.changed()
}

package pgstore

import (
	"context"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"bangtin/board"
)

// Take applies the guest comment limits across every node (board.SharedLimiter): in one
// transaction holding an advisory lock per key (taken in sorted order, so two nodes cannot
// deadlock), it counts each slot's events in its window ending at now and records one event per
// slot only if every slot has room; otherwise it returns how long until the fullest slot has
// room. Events older than their window are deleted as it goes.
func (s *Store) Take(ctx context.Context, now time.Time, slots ...board.LimitSlot) (time.Duration, error) {
	if s.closed() {
		return 0, board.ErrClosed
	}
	if len(slots) == 0 {
		return 0, nil
	}
	ctx, cancel := context.WithTimeout(ctx, s.opts.OpTimeout)
	defer cancel()
	keys := make([]string, 0, len(slots))
	for _, sl := range slots {
		keys = append(keys, sl.Key)
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	var wait time.Duration
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		wait = 0
		err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
			for _, k := range keys {
				if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(hashtextextended($1, 7))", "limit:"+k); err != nil {
					return err
				}
			}
			for _, sl := range slots {
				from := now.Add(-sl.Window).UnixNano()
				if _, err := tx.Exec(ctx, "DELETE FROM limit_events WHERE key = $1 AND at <= $2", sl.Key, from); err != nil {
					return err
				}
				if sl.Events <= 0 {
					continue
				}
				// The Events-th newest event of the key, if it has that many: room comes when
				// it leaves the window.
				var at int64
				err := tx.QueryRow(ctx, "SELECT at FROM limit_events WHERE key = $1 ORDER BY at DESC OFFSET $2 LIMIT 1", sl.Key, sl.Events-1).Scan(&at)
				if err == pgx.ErrNoRows {
					continue
				} else if err != nil {
					return err
				}
				wait = max(wait, sl.Window-now.Sub(time.Unix(0, at)))
			}
			if wait > 0 {
				return nil
			}
			_, err := tx.Exec(ctx, "INSERT INTO limit_events (key, at) SELECT k, $2 FROM unnest($1::text[]) AS k", keys, now.UnixNano())
			return err
		})
		if err == nil || !unavailable(err) || ctx.Err() != nil {
			break
		}
		sleep(ctx, attempt)
	}
	if err != nil {
		return 0, s.classify(err)
	}
	return wait, nil
}

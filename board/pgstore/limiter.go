package pgstore

import (
	"context"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"bangtin/board"
)

// Take applies the guest comment limit across every node (board.SharedLimiter): in one
// transaction holding an advisory lock per key (taken in sorted order, so two nodes cannot
// deadlock), it counts each key's events in the window ending at now and records one event per
// key only if every key has room; otherwise it returns how long until the fullest key has room.
// Events older than the window are deleted as it goes.
func (s *Store) Take(ctx context.Context, now time.Time, n int, window time.Duration, keys []string) (time.Duration, error) {
	if s.closed() {
		return 0, board.ErrClosed
	}
	ctx, cancel := context.WithTimeout(ctx, s.opts.OpTimeout)
	defer cancel()
	keys = slices.Clone(keys)
	slices.Sort(keys)
	keys = slices.Compact(keys)
	from := now.Add(-window).UnixNano()
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
			if _, err := tx.Exec(ctx, "DELETE FROM limit_events WHERE key = ANY($1) AND at <= $2", keys, from); err != nil {
				return err
			}
			for _, k := range keys {
				// The n-th newest event of the key, if it has n: room comes when it leaves the window.
				var at int64
				err := tx.QueryRow(ctx, "SELECT at FROM limit_events WHERE key = $1 ORDER BY at DESC OFFSET $2 LIMIT 1", k, n-1).Scan(&at)
				if err == pgx.ErrNoRows {
					continue
				} else if err != nil {
					return err
				}
				wait = max(wait, window-now.Sub(time.Unix(0, at)))
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

package export

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"bangtin/board"
)

// WriteOptions tune Write. The zero value is fine.
type WriteOptions struct {
	// Generator names the program in the header, e.g. "bangtin 1.2.0".
	Generator string
	// Progress, if set, follows the records written.
	Progress Progress
	// Now stamps the header (default time.Now).
	Now func() time.Time
}

// walk calls emit on every record of the store, in Kinds order, reading only through tx.
func walk(ctx context.Context, tx board.Tx, emit func(kind string, v any) error) error {
	var ferr error
	// each wraps an emit for the Each methods: it keeps the first error and stops the walk.
	each := func(kind string, v any) bool {
		if ferr == nil {
			ferr = emit(kind, v)
		}
		return ferr == nil
	}
	done := func(err error) error {
		if ferr != nil {
			return ferr
		}
		return err
	}
	s, err := tx.Settings()
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	if err := emit(KindSettings, s); err != nil {
		return err
	}
	ids, err := tx.IDCounters()
	if err != nil {
		return fmt.Errorf("id counters: %w", err)
	}
	total, err := tx.TotalVisits()
	if err != nil {
		return fmt.Errorf("total visits: %w", err)
	}
	if err := emit(KindCounters, counters{IDs: ids, TotalVisits: total}); err != nil {
		return err
	}
	cats, err := tx.Categories()
	if err != nil {
		return fmt.Errorf("categories: %w", err)
	}
	for _, c := range cats {
		if err := emit(KindCategory, c); err != nil {
			return err
		}
	}
	err = tx.EachThread(func(th board.Thread) bool {
		if !each(KindThread, th) {
			return false
		}
		revs, err := tx.Revisions(th.ID)
		if err != nil {
			ferr = fmt.Errorf("revisions of thread %d: %w", th.ID, err)
			return false
		}
		for _, r := range revs {
			if !each(KindRevision, r) {
				return false
			}
		}
		return true
	})
	if err := done(err); err != nil {
		return fmt.Errorf("threads: %w", err)
	}
	if err := done(tx.EachComment(func(c board.Comment) bool { return each(KindComment, c) })); err != nil {
		return fmt.Errorf("comments: %w", err)
	}
	err = tx.EachLastName(func(fp, name string) bool {
		return each(KindLastName, lastName{Fingerprint: fp, Name: name})
	})
	if err := done(err); err != nil {
		return fmt.Errorf("names: %w", err)
	}
	bans, err := tx.Bans()
	if err != nil {
		return fmt.Errorf("bans: %w", err)
	}
	for _, b := range bans {
		if err := emit(KindBan, b); err != nil {
			return err
		}
	}
	accts, err := tx.Accounts()
	if err != nil {
		return fmt.Errorf("accounts: %w", err)
	}
	for _, a := range accts {
		if err := emit(KindAccount, a); err != nil {
			return err
		}
	}
	if err := done(tx.EachAudit(func(e board.AuditEntry) bool { return each(KindAudit, e) })); err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	err = tx.EachReadMark(func(reader string, id uint64, at time.Time) bool {
		return each(KindReadMark, readMark{Reader: reader, Thread: id, At: at})
	})
	if err := done(err); err != nil {
		return fmt.Errorf("read markers: %w", err)
	}
	err = tx.EachVisitMark(func(reader string, m board.VisitMark) bool {
		return each(KindVisitMark, visitMark{Reader: reader, Last: m.Last, Prev: m.Prev})
	})
	if err := done(err); err != nil {
		return fmt.Errorf("visit marks: %w", err)
	}
	if err := done(tx.EachDay(func(d board.VisitorDay) bool { return each(KindDay, d) })); err != nil {
		return fmt.Errorf("visitor days: %w", err)
	}
	if err := walkPrefs(tx, emit); err != nil {
		return fmt.Errorf("reader preferences: %w", err)
	}
	if err := walkFiles(tx, emit); err != nil {
		return err
	}
	return ctx.Err()
}

// Count counts the records an export of tx would hold, by kind.
func Count(ctx context.Context, tx board.Tx) (Counts, error) {
	c := Counts{}
	n := 0
	err := walk(ctx, tx, func(kind string, _ any) error {
		c[kind]++
		if n++; n%1024 == 0 {
			return ctx.Err()
		}
		return nil
	})
	return c, err
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Write writes every record of tx to w in the export format and returns the counts written.
// Run it inside one read transaction for a consistent snapshot (it reads the store twice: once
// to count, for the header, and once to write).
func Write(ctx context.Context, tx board.Tx, w io.Writer, opts WriteOptions) (Counts, error) {
	_, c, err := write(ctx, tx, w, opts)
	return c, err
}

// WriteTo is Write for a Store's WriteTo: it returns the bytes written. PostgreSQL's store
// calls it inside one REPEATABLE READ, READ ONLY transaction.
func WriteTo(ctx context.Context, tx board.Tx, w io.Writer) (int64, error) {
	n, _, err := write(ctx, tx, w, WriteOptions{})
	return n, err
}

// Snapshot runs Write in one View of st.
func Snapshot(ctx context.Context, st board.Store, w io.Writer, opts WriteOptions) (Counts, error) {
	var c Counts
	err := st.View(ctx, func(tx board.Tx) error {
		var err error
		c, err = Write(ctx, tx, w, opts)
		return err
	})
	return c, err
}

func write(ctx context.Context, tx board.Tx, w io.Writer, opts WriteOptions) (int64, Counts, error) {
	total, err := Count(ctx, tx)
	if err != nil {
		return 0, nil, fmt.Errorf("export: %w", err)
	}
	now := time.Now
	if opts.Now != nil {
		now = opts.Now
	}
	cw := &countingWriter{w: w}
	bw := bufio.NewWriterSize(cw, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	hdr := Header{Format: Format, Version: Version, Created: now().UTC(), Generator: opts.Generator, Counts: total}
	if err := enc.Encode(hdr); err != nil {
		return cw.n, nil, fmt.Errorf("export: %w", err)
	}
	written := Counts{}
	last := ""
	report := func(kind string) {
		if opts.Progress != nil && kind != "" {
			opts.Progress(kind, written[kind], total[kind])
		}
	}
	type line struct {
		Kind string `json:"kind"`
		Data any    `json:"data"`
	}
	n := 0
	err = walk(ctx, tx, func(kind string, v any) error {
		if kind != last {
			report(last)
			last = kind
		}
		if err := enc.Encode(line{Kind: kind, Data: v}); err != nil {
			return err
		}
		written[kind]++
		if n++; n%256 == 0 {
			report(kind)
			return ctx.Err()
		}
		return nil
	})
	report(last)
	if err == nil {
		if d := Diff(total, written); len(d) > 0 {
			// The transaction was not one snapshot (the store changed between the two passes).
			err = fmt.Errorf("%w: counted %v, wrote %v", ErrCountMismatch, total, written)
		}
	}
	if err == nil {
		err = enc.Encode(endLine{Kind: kindEnd, Counts: written})
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return cw.n, written, fmt.Errorf("export: %w", err)
	}
	return cw.n, written, nil
}

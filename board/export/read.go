package export

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"bangtin/board"
)

// MaxLine is the longest line Read accepts (a thread of 64 KiB, escaped, is far below; a day
// of 100,000 visitors is a few MiB).
const MaxLine = 64 << 20

// ReadOptions tune Read and Verify. The zero value is fine.
type ReadOptions struct {
	// Force lets Read write into a store that already holds a board: the store is emptied first
	// (it must implement Resetter), then the file is read into it.
	Force bool
	// Progress, if set, follows the records read.
	Progress Progress
	// BatchRecords and BatchBytes bound one write transaction (defaults 1000 and 4 MiB).
	BatchRecords int
	BatchBytes   int
}

// Result is what Read or Verify found in a file.
type Result struct {
	Header Header
	// Counts are the records read, by kind (written to the store, for Read).
	Counts Counts
	// Skipped are records of kinds this program does not know, by kind; they were not written.
	Skipped Counts
}

// Resetter is a store that can remove everything it holds, leaving it as a new store is (Read
// with Force uses it). The embedded store implements it; so may others.
type Resetter interface {
	Reset(ctx context.Context) error
}

// Check returns a *NotEmptyError when tx holds a board (threads, comments, accounts, bans, audit
// entries, visitors or read markers), nil when it holds at most what a new store starts with
// (its default categories and settings).
func Check(ctx context.Context, tx board.Tx) error {
	c, err := Count(ctx, tx)
	if err != nil {
		return err
	}
	var held Counts
	for _, k := range []string{KindThread, KindComment, KindAccount, KindBan, KindAudit, KindDay,
		KindReadMark, KindVisitMark} {
		if c[k] > 0 {
			if held == nil {
				held = Counts{}
			}
			held[k] = c[k]
		}
	}
	if held != nil {
		return &NotEmptyError{Held: held}
	}
	return nil
}

// op is one decoded record's write.
type op func(tx board.Tx) error

// lineReader reads lines of at most MaxLine bytes, counting them.
type lineReader struct {
	br   *bufio.Reader
	line int
	buf  []byte
	// unended: the last line returned had no "\n" (the input ended in it).
	unended bool
}

// next returns the next line without its "\n" (valid until the next call), io.EOF at the end.
func (l *lineReader) next() ([]byte, error) {
	l.buf = l.buf[:0]
	for {
		chunk, err := l.br.ReadSlice('\n')
		l.buf = append(l.buf, chunk...)
		if len(l.buf) > MaxLine {
			l.line++
			return nil, &FileError{Line: l.line, Err: fmt.Errorf("%w: line longer than %d bytes", ErrBadRecord, MaxLine)}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && len(l.buf) == 0:
			return nil, io.EOF
		case err != nil && err != io.EOF:
			return nil, fmt.Errorf("read line %d: %w", l.line+1, err)
		}
		l.line++
		l.unended = !bytes.HasSuffix(l.buf, []byte("\n"))
		return bytes.TrimSuffix(l.buf, []byte("\n")), nil
	}
}

// scan reads a whole export file, decoding every record and handing its write to fn; it checks
// the header, the version, the end line and the counts.
func scan(ctx context.Context, r io.Reader, progress Progress, fn func(kind string, size int, o op) error) (Result, error) {
	lr := &lineReader{br: bufio.NewReaderSize(r, 256<<10)}
	res := Result{Counts: Counts{}, Skipped: Counts{}}
	first, err := lr.next()
	if err == io.EOF {
		return res, &FileError{Err: fmt.Errorf("%w: the input is empty", ErrNotExport)}
	} else if err != nil {
		return res, err
	}
	if err := json.Unmarshal(first, &res.Header); err != nil || res.Header.Format != Format {
		return res, &FileError{Line: 1, Err: ErrNotExport}
	}
	if v := res.Header.Version; v > Version {
		return res, &FileError{Line: 1, Version: v, Err: fmt.Errorf("%w: version %d, this program reads up to %d", ErrTooNew, v, Version)}
	} else if v < 1 {
		return res, &FileError{Line: 1, Version: v, Err: fmt.Errorf("%w: version %d", ErrNotExport, v)}
	}
	last := ""
	report := func(kind string) {
		if progress != nil && kind != "" {
			progress(kind, res.Counts[kind], res.Header.Counts[kind])
		}
	}
	var end *endLine
	for {
		raw, err := lr.next()
		if err == io.EOF {
			break
		} else if err != nil {
			return res, err
		}
		if end != nil {
			if len(bytes.TrimSpace(raw)) == 0 {
				continue
			}
			return res, &FileError{Line: lr.line, Err: fmt.Errorf("%w: data after the end line", ErrBadRecord)}
		}
		var l struct {
			Kind   string          `json:"kind"`
			Data   json.RawMessage `json:"data"`
			Counts Counts          `json:"counts"`
		}
		if err := json.Unmarshal(raw, &l); err != nil || l.Kind == "" {
			if err == nil {
				err = errors.New("no kind")
			} else if lr.unended {
				return res, &FileError{Line: lr.line, Err: fmt.Errorf("%w in line %d", ErrTruncated, lr.line)}
			}
			return res, &FileError{Line: lr.line, Err: fmt.Errorf("%w: %v", ErrBadRecord, err)}
		}
		if l.Kind == kindEnd {
			end = &endLine{Kind: l.Kind, Counts: l.Counts}
			continue
		}
		o, known, err := decode(l.Kind, l.Data)
		if err != nil {
			return res, &FileError{Line: lr.line, Err: fmt.Errorf("%w: %s: %v", ErrBadRecord, l.Kind, err)}
		}
		if !known {
			res.Skipped[l.Kind]++
			continue
		}
		if l.Kind != last {
			report(last)
			last = l.Kind
		}
		if err := fn(l.Kind, len(raw), o); err != nil {
			return res, err
		}
		res.Counts[l.Kind]++
		if n := res.Counts[l.Kind]; n%256 == 0 {
			report(l.Kind)
			if err := ctx.Err(); err != nil {
				return res, err
			}
		}
	}
	report(last)
	if end == nil {
		return res, &FileError{Line: lr.line, Err: fmt.Errorf("%w after line %d (no end line)", ErrTruncated, lr.line)}
	}
	all := Counts{}
	for k, n := range res.Counts {
		all[k] = n
	}
	for k, n := range res.Skipped {
		all[k] += n
	}
	if d := Diff(end.Counts, all); len(d) > 0 {
		return res, &FileError{Err: fmt.Errorf("%w: the end line says %v, the file holds %v", ErrCountMismatch, end.Counts, all)}
	}
	if res.Header.Counts != nil {
		if d := Diff(res.Header.Counts, all); len(d) > 0 {
			return res, &FileError{Err: fmt.Errorf("%w: the header says %v, the file holds %v", ErrCountMismatch, res.Header.Counts, all)}
		}
	}
	return res, nil
}

// Verify reads a whole export file and checks it (header, version, every record, the end line
// and the counts) without writing anything.
func Verify(ctx context.Context, r io.Reader, progress Progress) (Result, error) {
	return scan(ctx, r, progress, func(string, int, op) error { return nil })
}

// Read imports an export file into st, records with their ids kept. A store that already holds
// a board is refused with a *NotEmptyError unless opts.Force (then it is reset first). The file
// is written in batches of transactions: if it turns out damaged or cut short half way, Read
// fails and st holds the part before; Verify a file first to avoid that.
func Read(ctx context.Context, st board.Store, r io.Reader, opts ReadOptions) (Result, error) {
	if opts.BatchRecords <= 0 {
		opts.BatchRecords = 1000
	}
	if opts.BatchBytes <= 0 {
		opts.BatchBytes = 4 << 20
	}
	err := st.View(ctx, func(tx board.Tx) error { return Check(ctx, tx) })
	var ne *NotEmptyError
	switch {
	case errors.As(err, &ne) && opts.Force:
		rs, ok := st.(Resetter)
		if !ok {
			return Result{}, fmt.Errorf("import: %w, and this store cannot be emptied", err)
		}
		if err := rs.Reset(ctx); err != nil {
			return Result{}, fmt.Errorf("import: empty the destination: %w", err)
		}
	case err != nil:
		return Result{}, fmt.Errorf("import: %w", err)
	}
	var batch []op
	size := 0
	first := true
	flush := func() error {
		if len(batch) == 0 && !first {
			return nil
		}
		clear := first
		err := st.Update(ctx, func(tx board.Tx) error {
			if clear {
				// A new store's default categories make way for the file's.
				cats, err := tx.Categories()
				if err != nil {
					return err
				}
				for _, c := range cats {
					if err := tx.DeleteCategory(c.ID); err != nil {
						return err
					}
				}
			}
			for _, o := range batch {
				if err := o(tx); err != nil {
					return err
				}
			}
			return nil
		})
		first = false
		batch, size = batch[:0], 0
		return err
	}
	res, err := scan(ctx, r, opts.Progress, func(kind string, n int, o op) error {
		batch = append(batch, o)
		size += n
		if len(batch) >= opts.BatchRecords || size >= opts.BatchBytes {
			if err := flush(); err != nil {
				return fmt.Errorf("import %s records: %w", kind, err)
			}
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return res, fmt.Errorf("import: %w", err)
	}
	return res, nil
}

// decode checks one record and returns its write; known is false for a kind this program does
// not know (then o is nil and err too).
func decode(kind string, data json.RawMessage) (o op, known bool, err error) {
	if len(data) == 0 {
		return nil, true, errors.New("no data")
	}
	needID := func(id uint64) error {
		if id == 0 {
			return errors.New("no ID")
		}
		return nil
	}
	switch kind {
	case KindSettings:
		var s board.Settings
		if err := json.Unmarshal(data, &s); err != nil {
			return nil, true, err
		}
		return func(tx board.Tx) error { return tx.PutSettings(s) }, true, nil
	case KindCounters:
		var c counters
		if err := json.Unmarshal(data, &c); err != nil {
			return nil, true, err
		}
		return func(tx board.Tx) error {
			if err := tx.RaiseIDCounters(c.IDs); err != nil {
				return err
			}
			return tx.PutTotalVisits(c.TotalVisits)
		}, true, nil
	case KindCategory:
		var c board.Category
		if err := json.Unmarshal(data, &c); err != nil {
			return nil, true, err
		}
		return func(tx board.Tx) error { cc := c; return tx.PutCategory(&cc) }, true, needID(c.ID)
	case KindThread:
		var th board.Thread
		if err := json.Unmarshal(data, &th); err != nil {
			return nil, true, err
		}
		return func(tx board.Tx) error { t := th; return tx.PutThread(&t) }, true, needID(th.ID)
	case KindRevision:
		var r board.Revision
		if err := json.Unmarshal(data, &r); err != nil {
			return nil, true, err
		}
		if r.Rev < 1 {
			return nil, true, errors.New("no Rev")
		}
		return func(tx board.Tx) error {
			rr := r
			if err := tx.AddRevision(&rr); err != nil {
				return err
			}
			if rr.Rev != r.Rev {
				return fmt.Errorf("revision %d of thread %d was stored as %d (revisions out of order): %w",
					r.Rev, r.ThreadID, rr.Rev, ErrBadRecord)
			}
			return nil
		}, true, needID(r.ThreadID)
	case KindComment:
		var c board.Comment
		if err := json.Unmarshal(data, &c); err != nil {
			return nil, true, err
		}
		return func(tx board.Tx) error { cc := c; return tx.PutComment(&cc) }, true, needID(c.ID)
	case KindLastName:
		var n lastName
		if err := json.Unmarshal(data, &n); err != nil {
			return nil, true, err
		}
		if n.Fingerprint == "" {
			return nil, true, errors.New("no fingerprint")
		}
		return func(tx board.Tx) error { return tx.PutLastName(n.Fingerprint, n.Name) }, true, nil
	case KindBan:
		var b board.Ban
		if err := json.Unmarshal(data, &b); err != nil {
			return nil, true, err
		}
		return func(tx board.Tx) error { bb := b; return tx.PutBan(&bb) }, true, needID(b.ID)
	case KindAccount:
		var a board.Account
		if err := json.Unmarshal(data, &a); err != nil {
			return nil, true, err
		}
		if a.Login == "" {
			return nil, true, errors.New("no Login")
		}
		return func(tx board.Tx) error { return tx.PutAccount(a) }, true, nil
	case KindAudit:
		var e board.AuditEntry
		if err := json.Unmarshal(data, &e); err != nil {
			return nil, true, err
		}
		return func(tx board.Tx) error { return tx.PutAuditEntry(e) }, true, needID(e.ID)
	case KindReadMark:
		var m readMark
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, true, err
		}
		if m.Reader == "" {
			return nil, true, errors.New("no reader")
		}
		return func(tx board.Tx) error {
			return tx.PutReadMarks(map[string]map[uint64]time.Time{m.Reader: {m.Thread: m.At}})
		}, true, needID(m.Thread)
	case KindVisitMark:
		var m visitMark
		if err := json.Unmarshal(data, &m); err != nil {
			return nil, true, err
		}
		if m.Reader == "" {
			return nil, true, errors.New("no reader")
		}
		return func(tx board.Tx) error {
			return tx.PutVisitMark(m.Reader, board.VisitMark{Last: m.Last, Prev: m.Prev})
		}, true, nil
	case KindDay:
		var d board.VisitorDay
		if err := json.Unmarshal(data, &d); err != nil {
			return nil, true, err
		}
		if _, err := time.Parse("20060102", d.Day); err != nil {
			return nil, true, fmt.Errorf("day %q", d.Day)
		}
		return func(tx board.Tx) error { return tx.PutDay(d) }, true, nil
	case KindFile:
		return decodeFile(data)
	case KindReaderPrefs:
		return decodePrefs(data)
	}
	return nil, false, nil
}

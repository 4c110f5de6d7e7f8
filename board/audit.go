package board

import (
	"bangtin/board/text"
	"context"
	"strings"
)

func (b *Board) audit(tx Tx, actor Identity, kind, target, reason, detail string) error {
	return tx.AppendAudit(&AuditEntry{At: b.now(), Actor: actor.Actor(), Kind: kind, Target: target, Reason: reason, Detail: detail})
}

func (b *Board) Audit(ctx context.Context, actor Identity, q AuditQuery) ([]AuditEntry, error) {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin(), "audit"); err != nil {
		return nil, err
	}
	limit := q.Limit
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 10000)
	var out []AuditEntry
	err := b.view(ctx, func(tx Tx) error {
		return tx.EachAudit(func(e AuditEntry) bool {
			if strings.HasPrefix(e.Kind, q.Kind) && (q.Actor == "" || e.Actor == q.Actor) {
				out = append(out, e)
			}
			return len(out) < limit
		})
	})
	return out, err
}

// LogDenied records a refused attempt at a privileged action (what: the command or screen).
// The Board's own methods already log the refusals they return as ErrForbidden.
func (b *Board) LogDenied(ctx context.Context, actor Identity, what string) {
	b.enqueueAudit(AuditEntry{At: b.now(), Actor: actor.Actor(), Kind: AuditDenied, Target: text.Line(what), Detail: actor.Role.String()})
}

// LogAuthFailure records a failed password attempt (for the audit log); never blocks on disk.
func (b *Board) LogAuthFailure(ctx context.Context, login, addr string) {
	l := text.Line(login)
	if len(l) > 64 {
		l = l[:64]
	}
	b.enqueueAudit(AuditEntry{At: b.now(), Actor: strings.ToValidUTF8(l, ""), Kind: AuditAuthFailure, Target: "addr:" + text.Line(addr)})
}

// enqueueAudit hands an entry to the audit writer without waiting; a full queue drops it.
func (b *Board) enqueueAudit(e AuditEntry) {
	if b.closed.Load() {
		return
	}
	select {
	case b.auditQ <- auditItem{e: e}:
	default:
		b.dropped.Add(1)
	}
}

// auditItem is an entry for the audit writer, or (done set) a request to signal once every
// earlier entry is written.
type auditItem struct {
	e    AuditEntry
	done chan struct{}
}

// Flush writes the batched counters and every queued audit entry now (tests, backups, shutdown
// paths that cannot wait for the next interval).
func (b *Board) Flush(ctx context.Context) error {
	if b.closed.Load() {
		return ErrClosed
	}
	b.flush()
	done := make(chan struct{})
	select {
	case b.auditQ <- auditItem{done: done}:
	case <-ctx.Done():
		return ctx.Err()
	case <-b.done:
		return ErrClosed
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-b.done:
		return ErrClosed
	}
}

// auditWriter writes queued audit entries in order, many per transaction.
func (b *Board) auditWriter() {
	defer b.wg.Done()
	var batch []auditItem
	write := func() {
		if len(batch) == 0 {
			return
		}
		err := b.st.Update(context.Background(), func(tx Tx) error {
			for i := range batch {
				if batch[i].done != nil {
					continue
				}
				e := batch[i].e
				if err := tx.AppendAudit(&e); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.dropped.Add(uint64(len(batch)))
		}
		for _, it := range batch {
			if it.done != nil {
				close(it.done)
			}
		}
		batch = batch[:0]
	}
	for {
		select {
		case it := <-b.auditQ:
			batch = append(batch, it)
		drain:
			for len(batch) < 512 {
				select {
				case it := <-b.auditQ:
					batch = append(batch, it)
				default:
					break drain
				}
			}
			write()
		case <-b.done:
			for {
				select {
				case it := <-b.auditQ:
					batch = append(batch, it)
				default:
					write()
					return
				}
			}
		}
	}
}

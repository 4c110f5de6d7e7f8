package tui

import (
	"bangtin/board"
	"bangtin/board/i18n"
	"context"
	"errors"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// What the editor asks of the board: save, hide or restore, delete, the revisions, the preview.

// press runs a button.
func (e *editorPage) press(b int) tea.Cmd {
	if e.busy {
		return nil
	}
	switch b {
	case weSave:
		return e.save()
	case wePreview:
		return e.renderPreview()
	case weHistory:
		return e.loadRevisions()
	case weHide:
		return e.hideOrRestore()
	case weDelete:
		t := e.thread
		b, actor := e.c.Board, e.c.Identity
		e.prompt = e.c.Ask(e.c.T(i18n.TWEdDeleteAsk, Line(t.Title)), "", board.MaxReason, func(reason string) tea.Cmd {
			e.busy, e.err, e.notice = true, "", ""
			return e.c.Call(func(ctx context.Context) tea.Msg {
				return edDeletedMsg{to: e, err: b.DeleteThread(ctx, actor, t.ID, Line(reason))}
			})
		})
	}
	return nil
}

// save checks the fields and creates or updates the thread.
func (e *editorPage) save() tea.Cmd {
	if e.busy {
		return nil
	}
	e.errs = map[string]string{}
	e.err, e.notice = "", ""
	in := e.input()
	for _, err := range []error{
		checkField("title", in.Title, 1, board.MaxThreadTitle),
		checkField("summary", in.Summary, 0, board.MaxThreadSummary),
	} {
		var ve *board.ValidationError
		if errors.As(err, &ve) {
			e.errs[ve.Field] = e.c.ErrText(err)
		}
	}
	if strings.TrimSpace(in.Body) == "" {
		e.errs["body"] = e.c.ErrText(&board.ValidationError{Field: "body", Problem: board.ProblemRequired})
	} else if len(in.Body) > board.MaxThreadBody {
		e.errs["body"] = e.c.ErrText(&board.ValidationError{Field: "body", Problem: board.ProblemTooLong, Max: board.MaxThreadBody})
	}
	if len(e.errs) > 0 {
		for _, x := range []struct {
			f   string
			pos int
		}{{"title", weTitle}, {"summary", weSummary}, {"body", weBody}} {
			if e.errs[x.f] != "" {
				e.setFocus(x.pos)
				break
			}
		}
		return nil
	}
	e.busy = true
	b, actor, t := e.c.Board, e.c.Identity, e.thread
	notice := e.c.T(i18n.TWSaved)
	return e.c.Call(func(ctx context.Context) tea.Msg {
		var nt board.Thread
		var err error
		if t == nil {
			nt, err = b.CreateThread(ctx, actor, in)
		} else {
			nt, err = b.UpdateThread(ctx, actor, t.ID, in)
		}
		return edThreadMsg{to: e, thread: nt, notice: notice, in: &in, err: err}
	})
}

func (e *editorPage) hideOrRestore() tea.Cmd {
	t := e.thread
	if t == nil {
		return nil
	}
	b, actor := e.c.Board, e.c.Identity
	reload := func(notice string, do func(ctx context.Context) error) tea.Cmd {
		e.busy, e.err, e.notice = true, "", ""
		return e.c.Call(func(ctx context.Context) tea.Msg {
			if err := do(ctx); err != nil {
				return edThreadMsg{to: e, err: err}
			}
			nt, err := b.Thread(ctx, actor, t.ID)
			return edThreadMsg{to: e, thread: nt, notice: notice, err: err}
		})
	}
	if t.Status == board.StatusHidden || t.Deleted {
		e.prompt = e.c.Confirm(e.c.T(i18n.TWEdRestoreAsk, Line(t.Title)), func(string) tea.Cmd {
			return reload(e.c.T(i18n.TWEdRestored), func(ctx context.Context) error { return b.RestoreThread(ctx, actor, t.ID) })
		})
		return nil
	}
	e.prompt = e.c.Ask(e.c.T(i18n.TWEdHideAsk, Line(t.Title)), "", board.MaxReason, func(reason string) tea.Cmd {
		return reload(e.c.T(i18n.TWEdHidden), func(ctx context.Context) error { return b.HideThread(ctx, actor, t.ID, Line(reason)) })
	})
	return nil
}

func (e *editorPage) loadRevisions() tea.Cmd {
	t := e.thread
	if t == nil || e.busy {
		return nil
	}
	e.busy, e.err, e.notice = true, "", ""
	b, actor := e.c.Board, e.c.Identity
	return e.c.Call(func(ctx context.Context) tea.Msg {
		revs, err := b.Revisions(ctx, actor, t.ID)
		return edRevsMsg{to: e, revs: revs, err: err}
	})
}

// renderPreview renders the thread as readers will see it, with the thread view's renderer
// and its sanitising (in a Cmd: rendering costs; not cached: the text is not saved yet).
func (e *editorPage) renderPreview() tea.Cmd {
	if e.busy {
		return nil
	}
	e.busy, e.err = true, ""
	w, _ := e.c.Size()
	k := mdKey{width: max(20, w-2), noColor: e.c.NoColor, lang: e.c.Lang}
	// The header is the thread page's own (title, summary under it, author, date, category), so
	// the preview is what readers will see.
	in := e.input()
	t := board.Thread{Title: in.Title, Summary: in.Summary, AuthorName: e.c.Identity.Name, CategoryID: in.CategoryID,
		CreatedAt: time.Now()}
	if t.AuthorName == "" {
		t.AuthorName = e.c.Identity.Actor()
	}
	if e.thread != nil {
		t.AuthorName, t.CreatedAt, t.PublishedAt, t.Views = e.thread.AuthorName, e.thread.CreatedAt, e.thread.PublishedAt, e.thread.Views
	}
	switch {
	case in.Draft:
		t.Status = board.StatusDraft
	case e.thread != nil && e.thread.Status == board.StatusHidden:
		t.Status = board.StatusHidden
	default:
		t.Status = board.StatusPublished
	}
	head := threadHeader(e.c, t, categoryName(e.cats, t.CategoryID), k.width)
	md := in.Body
	return func() tea.Msg {
		r, err := renderMarkdown(k, md)
		if err != nil {
			return edPreviewMsg{to: e, err: err}
		}
		lines := head
		for _, l := range r.lines {
			if lineWidth(l) > k.width {
				l = truncateStyled(l, k.width)
			}
			lines = append(lines, " "+l)
		}
		return edPreviewMsg{to: e, lines: lines}
	}
}

package command

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

func (r *runner) newsCmd() *cobra.Command {
	c := r.command("news", i18n.CmdShortNews)
	c.AddCommand(r.newsListCmd(), r.newsShowCmd(), r.newsSearchCmd(), r.newsPostCmd(), r.newsEditCmd(),
		r.newsStateCmd("hide", i18n.CmdShortNewsHide, true),
		r.newsStateCmd("restore", i18n.CmdShortNewsRestore, false),
		r.newsStateCmd("delete", i18n.CmdShortNewsDelete, true),
	)
	c.AddCommand(r.fileCmds()...)
	return c
}

// parseID reads a positive decimal id.
func (r *runner) parseID(s string) (uint64, error) {
	id, err := strconv.ParseUint(s, 10, 64)
	if err != nil || id == 0 {
		return 0, r.usagef(i18n.CmdBadID, text.Line(s))
	}
	return id, nil
}

func (r *runner) parseIDs(args []string) ([]uint64, error) {
	if len(args) > maxIDs {
		return nil, r.usagef(i18n.CmdTooManyIDs, maxIDs)
	}
	ids := make([]uint64, 0, len(args))
	for _, a := range args {
		id, err := r.parseID(a)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

func (r *runner) positive(flag string, v int) error {
	if v < 1 {
		return r.usagef(i18n.CmdBadFlagValue, strconv.Itoa(v), flag)
	}
	return nil
}

// categories maps category ids to categories.
func (r *runner) categories() (map[uint64]board.Category, error) {
	cats, err := r.env.Board.Categories(r.ctx)
	if err != nil {
		return nil, fmt.Errorf("list categories: %w", err)
	}
	m := make(map[uint64]board.Category, len(cats))
	for _, c := range cats {
		m[c.ID] = c
	}
	return m, nil
}

// category finds a category by slug; an unknown slug is a validation error on "category".
func (r *runner) category(slug string) (board.Category, error) {
	cat, err := r.env.Board.CategoryBySlug(r.ctx, strings.TrimSpace(slug))
	if errors.Is(err, board.ErrNotFound) {
		return cat, &board.ValidationError{Field: "category", Problem: board.ProblemUnknown}
	}
	if err != nil {
		return cat, fmt.Errorf("find category: %w", err)
	}
	return cat, nil
}

func (r *runner) newsListCmd() *cobra.Command {
	var (
		slug, month   string
		page, perPage int
		all, deleted  bool
	)
	c := r.command("list [--category SLUG] [--month YYYY-MM] [--page N] [--per-page N] [--all | --deleted]", i18n.CmdShortNewsList)
	r.stringFlag(c, &slug, "category", "SLUG", i18n.CmdFlagCategory)
	r.stringFlag(c, &month, "month", "YYYY-MM", i18n.CmdFlagMonth)
	r.intFlag(c, &page, "page", 1, i18n.CmdFlagPage)
	r.intFlag(c, &perPage, "per-page", defaultPerPage, i18n.CmdFlagPerPage)
	r.boolFlag(c, &all, "all", i18n.CmdFlagAll)
	r.boolFlag(c, &deleted, "deleted", i18n.CmdFlagDeleted)
	c.RunE = r.run(0, 0, func(c *cobra.Command, _ []string) error {
		if all && !r.env.Identity.Role.CanEditNews() {
			return r.deny(c.CommandPath() + " --all")
		}
		if deleted && !r.env.Identity.Role.CanAdmin() {
			return r.deny(c.CommandPath() + " --deleted")
		}
		if deleted && (all || c.Flags().Changed("category") || c.Flags().Changed("month")) {
			return r.usagef(i18n.CmdDeletedAlone, c.CommandPath())
		}
		if err := r.positive("page", page); err != nil {
			return err
		}
		if err := r.positive("per-page", perPage); err != nil {
			return err
		}
		if deleted {
			p, err := r.env.Board.DeletedThreads(r.ctx, r.env.Identity, page, min(perPage, 100))
			if err != nil {
				return fmt.Errorf("deleted threads: %w", err)
			}
			return r.threadPage(p, true, i18n.CmdNoDeleted)
		}
		q := board.ThreadQuery{Page: page, PerPage: min(perPage, 100), All: all}
		if c.Flags().Changed("month") {
			m, err := time.ParseInLocation("2006-01", strings.TrimSpace(month), r.loc())
			if err != nil {
				return r.usagef(i18n.CmdBadFlagValue, text.Line(month), "month")
			}
			q.Month = m
		}
		if slug != "" {
			cat, err := r.category(slug)
			if err != nil {
				return err
			}
			q.CategoryID = cat.ID
		}
		p, err := r.env.Board.ListThreads(r.ctx, r.env.Identity, q)
		if err != nil {
			return fmt.Errorf("list threads: %w", err)
		}
		return r.threadPage(p, all, i18n.CmdNoThreads)
	})
	return c
}

func (r *runner) newsSearchCmd() *cobra.Command {
	var page, perPage int
	c := r.command("search QUERY... [--page N] [--per-page N]", i18n.CmdShortNewsSearch)
	r.intFlag(c, &page, "page", 1, i18n.CmdFlagPage)
	r.intFlag(c, &perPage, "per-page", defaultPerPage, i18n.CmdFlagPerPage)
	c.RunE = r.run(1, -1, func(_ *cobra.Command, args []string) error {
		if err := r.positive("page", page); err != nil {
			return err
		}
		if err := r.positive("per-page", perPage); err != nil {
			return err
		}
		p, err := r.env.Board.Search(r.ctx, strings.Join(args, " "), page, min(perPage, 100))
		if err != nil {
			return fmt.Errorf("search: %w", err)
		}
		return r.threadPage(p, false, i18n.CmdNoMatches)
	})
	return c
}

// threadPage prints a list of threads (news list, news search).
func (r *runner) threadPage(p board.ThreadPage, status bool, empty i18n.Key) error {
	cats, err := r.categories()
	if err != nil {
		return err
	}
	list := make([]threadJSON, 0, len(p.Threads))
	for _, t := range p.Threads {
		list = append(list, r.threadJSON(t, cats))
	}
	return r.out(list, func(w io.Writer) {
		if len(p.Threads) == 0 {
			if p.Total > 0 { // past the last page
				fmt.Fprintln(w, r.t(i18n.CmdPageFooter, p.Page, max(p.Pages, 1), p.Total))
			} else {
				fmt.Fprintln(w, r.t(empty))
			}
			return
		}
		head := []string{"ID", r.t(i18n.FieldTitle), r.t(i18n.FieldCategory), r.t(i18n.CmdLabelPublished),
			r.t(i18n.CmdLabelViews), r.t(i18n.CmdLabelComments)}
		if status {
			head = append(head, r.t(i18n.CmdLabelStatus))
		}
		tb := newTable(head...).limit(1, 50).limit(2, 20).alignRight(0, 4, 5)
		for i, t := range p.Threads {
			title := list[i].Title
			if t.Pinned {
				title = "[" + r.t(i18n.CmdPinned) + "] " + title
			}
			when := t.PublishedAt
			if when.IsZero() {
				when = t.CreatedAt
			}
			cells := []string{strconv.FormatUint(t.ID, 10), title, text.Line(cats[t.CategoryID].Name),
				r.when(when), strconv.FormatUint(t.Views, 10), strconv.Itoa(t.Comments)}
			if status {
				cells = append(cells, i18n.ThreadStatus(r.env.Lang, t))
			}
			tb.add(cells...)
		}
		tb.write(w)
		fmt.Fprintln(w, r.t(i18n.CmdPageFooter, p.Page, max(p.Pages, 1), p.Total))
	})
}

func (r *runner) newsShowCmd() *cobra.Command {
	c := r.command("show ID", i18n.CmdShortNewsShow)
	c.RunE = r.run(1, 1, func(_ *cobra.Command, args []string) error {
		t, err := r.threadArg(args[0])
		if err != nil {
			return err
		}
		id := t.ID
		r.env.Board.NewViewCounter().View(id)
		cats, err := r.categories()
		if err != nil {
			return err
		}
		var comments []board.Comment
		for page := 1; page <= maxCommentPages; page++ {
			p, err := r.env.Board.Comments(r.ctx, r.env.Identity, id, page, 100)
			if err != nil {
				return fmt.Errorf("comments of thread %d: %w", id, err)
			}
			comments = append(comments, p.Comments...)
			if page >= p.Pages || len(p.Comments) == 0 {
				break
			}
		}
		tj := r.threadJSON(t, cats)
		v := threadShowJSON{
			threadFields: tj.threadFields,
			Body:         text.Clean(t.Body),
			Comments:     make([]threadCommentJS, 0, len(comments)),
		}
		for _, cm := range comments {
			v.Comments = append(v.Comments, r.commentJSON(cm))
		}
		return r.out(v, func(w io.Writer) {
			fmt.Fprintln(w, v.Title)
			when := t.PublishedAt
			if when.IsZero() {
				when = t.CreatedAt
			}
			meta := []string{
				r.t(i18n.FieldCategory) + ": " + text.Line(cats[t.CategoryID].Name),
				r.t(i18n.CmdLabelAuthor) + ": " + v.Author,
				r.when(when),
				r.t(i18n.CmdLabelViews) + ": " + strconv.FormatUint(t.Views, 10),
			}
			if t.Status != board.StatusPublished || t.Deleted {
				meta = append(meta, i18n.ThreadStatus(r.env.Lang, t))
			}
			fmt.Fprintln(w, strings.Join(meta, " · "))
			if v.Summary != "" {
				fmt.Fprintln(w)
				fmt.Fprintln(w, v.Summary)
			}
			fmt.Fprintln(w)
			fmt.Fprintln(w, untab(strings.TrimRight(v.Body, "\n")))
			fmt.Fprintln(w)
			fmt.Fprintln(w, r.t(i18n.CmdCommentsHeading, len(v.Comments)))
			for i, cm := range v.Comments {
				fmt.Fprintln(w)
				name := cm.Name
				if comments[i].Official() {
					name += " (" + r.roleName(comments[i].AuthorRole()) + ")"
				}
				fmt.Fprintf(w, "#%d %s · %s\n", cm.ID, name, r.when(comments[i].CreatedAt))
				if cm.Title != "" {
					fmt.Fprintln(w, cm.Title)
				}
				fmt.Fprintln(w, untab(strings.TrimRight(cm.Body, "\n")))
			}
		})
	})
	return c
}

// newsFlags are the flags of news post and news edit.
type newsFlags struct {
	title, slug, summary string
	pinned, draft, keep  bool
}

// newsWriteCmd is the command of news post or news edit: an editor's, with the news flags.
func (r *runner) newsWriteCmd(use string, short, long i18n.Key, f *newsFlags) *cobra.Command {
	c := r.command(use, short, long)
	need(c, board.RoleEditor)
	r.stringFlag(c, &f.title, "title", "T", i18n.CmdFlagTitle)
	r.stringFlag(c, &f.slug, "category", "SLUG", i18n.CmdFlagCategory)
	r.stringFlag(c, &f.summary, "summary", "S", i18n.CmdFlagSummary)
	r.boolFlag(c, &f.pinned, "pinned", i18n.CmdFlagPinned)
	r.boolFlag(c, &f.draft, "draft", i18n.CmdFlagDraft)
	return c
}

// threadArg reads the thread an ID argument names, as the caller may see it.
func (r *runner) threadArg(arg string) (board.Thread, error) {
	id, err := r.parseID(arg)
	if err != nil {
		return board.Thread{}, err
	}
	t, err := r.env.Board.Thread(r.ctx, r.env.Identity, id)
	if err != nil {
		return board.Thread{}, fmt.Errorf("thread %d: %w", id, err)
	}
	return t, nil
}

// setCategory puts the category named by slug in a thread's input.
func (r *runner) setCategory(in *board.ThreadInput, slug string) error {
	cat, err := r.category(slug)
	if err != nil {
		return err
	}
	in.CategoryID = cat.ID
	return nil
}

func (r *runner) newsPostCmd() *cobra.Command {
	var f newsFlags
	c := r.newsWriteCmd("post --title T [--category SLUG] [--summary S] [--pinned] [--draft] < BODY.md",
		i18n.CmdShortNewsPost, i18n.CmdLongNewsPost, &f)
	c.RunE = r.run(0, 0, func(c *cobra.Command, _ []string) error {
		if !c.Flags().Changed("title") {
			return r.usagef(i18n.CmdRequiredFlag, "--title", c.CommandPath())
		}
		in := board.ThreadInput{Title: f.title, Summary: f.summary, Pinned: f.pinned, Draft: f.draft}
		if f.slug != "" {
			if err := r.setCategory(&in, f.slug); err != nil {
				return err
			}
		}
		body, err := r.readInput("body", maxThreadBody, maxThreadBody)
		if err != nil {
			return err
		}
		in.Body = body
		t, err := r.env.Board.CreateThread(r.ctx, r.env.Identity, in)
		if err != nil {
			return fmt.Errorf("create thread: %w", err)
		}
		return r.out(idJSON{ID: t.ID}, func(w io.Writer) {
			fmt.Fprintln(w, r.t(i18n.CmdNewsPosted, t.ID))
		})
	})
	return c
}

func (r *runner) newsEditCmd() *cobra.Command {
	var f newsFlags
	c := r.newsWriteCmd("edit ID [--title T] [--category SLUG] [--summary S] [--pinned=BOOL] [--draft=BOOL] [--keep-body] [< BODY.md]",
		i18n.CmdShortNewsEdit, i18n.CmdLongNewsEdit, &f)
	r.boolFlag(c, &f.keep, "keep-body", i18n.CmdFlagKeepBody)
	c.RunE = r.run(1, 1, func(c *cobra.Command, args []string) error {
		t, err := r.threadArg(args[0])
		if err != nil {
			return err
		}
		id := t.ID
		in := board.ThreadInput{CategoryID: t.CategoryID, Title: t.Title, Summary: t.Summary, Body: t.Body,
			Pinned: t.Pinned, Draft: t.Status == board.StatusDraft}
		fl := c.Flags()
		if fl.Changed("title") {
			in.Title = f.title
		}
		if fl.Changed("summary") {
			in.Summary = f.summary
		}
		if fl.Changed("pinned") {
			in.Pinned = f.pinned
		}
		if fl.Changed("draft") {
			in.Draft = f.draft
		}
		if fl.Changed("category") {
			if err := r.setCategory(&in, f.slug); err != nil {
				return err
			}
		}
		if !f.keep {
			body, err := r.readInput("body", maxThreadBody, maxThreadBody)
			if err != nil {
				return err
			}
			if strings.TrimSpace(body) != "" {
				in.Body = body
			}
		}
		if _, err := r.env.Board.UpdateThread(r.ctx, r.env.Identity, id, in); err != nil {
			return fmt.Errorf("update thread %d: %w", id, err)
		}
		return r.out(idJSON{ID: id}, func(w io.Writer) {
			fmt.Fprintln(w, r.t(i18n.CmdNewsEdited, id))
		})
	})
	return c
}

// newsStateCmd is news hide, restore and delete.
func (r *runner) newsStateCmd(name string, short i18n.Key, withReason bool) *cobra.Command {
	var reason string
	use := name + " ID"
	if withReason {
		use += " [--reason R]"
	}
	c := r.command(use, short)
	need(c, board.RoleEditor)
	if withReason {
		r.stringFlag(c, &reason, "reason", "R", i18n.CmdFlagReason)
	}
	c.RunE = r.run(1, 1, func(_ *cobra.Command, args []string) error {
		id, err := r.parseID(args[0])
		if err != nil {
			return err
		}
		var (
			status string
			done   i18n.Key
		)
		switch name {
		case "hide":
			err, status, done = r.env.Board.HideThread(r.ctx, r.env.Identity, id, reason), "hidden", i18n.CmdNewsHidden
		case "restore":
			err, status, done = r.env.Board.RestoreThread(r.ctx, r.env.Identity, id), "published", i18n.CmdNewsRestored
			if err == nil {
				if t, terr := r.env.Board.Thread(r.ctx, r.env.Identity, id); terr == nil {
					status = threadStatus(t)
				}
			}
		default:
			err, status, done = r.env.Board.DeleteThread(r.ctx, r.env.Identity, id, reason), "deleted", i18n.CmdNewsDeleted
		}
		if err != nil {
			return fmt.Errorf("%s thread %d: %w", name, id, err)
		}
		return r.out(threadStatusJSON{ID: id, Status: status}, func(w io.Writer) {
			fmt.Fprintln(w, r.t(done, id))
		})
	})
	return c
}

// untab expands the tabs text.Clean keeps in bodies, for terminals.
func untab(s string) string { return strings.ReplaceAll(s, "\t", "    ") }

package command

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

// --- settings: what the TUI's settings screen (S) sets ---

func (r *runner) settingsCmd() *cobra.Command {
	c := r.command("settings", i18n.CmdShortSettings)
	need(c, board.RoleAdmin)

	show := r.command("show", i18n.CmdShortSettingsShow)
	show.RunE = r.run(0, 0, func(*cobra.Command, []string) error {
		return r.showSettings()
	})

	var moderation, captcha, words string
	set := r.command(`set [--moderation everyone|guests|none] [--captcha on|off] [--words "A, B"]`, i18n.CmdShortSettingsSet, i18n.CmdLongSettingsSet)
	r.stringFlag(set, &moderation, "moderation", "MODE", i18n.CmdFlagModeration)
	r.stringFlag(set, &captcha, "captcha", "on|off", i18n.CmdFlagCaptcha)
	r.stringFlag(set, &words, "words", "WORDS", i18n.CmdFlagWords)
	set.RunE = r.run(0, 0, func(c *cobra.Command, _ []string) error {
		fl := c.Flags()
		if !fl.Changed("moderation") && !fl.Changed("captcha") && !fl.Changed("words") {
			return r.usagef(i18n.CmdSettingsNoFlags, c.CommandPath())
		}
		var u board.SettingsUpdate
		if fl.Changed("moderation") {
			m, err := board.ParseModerationMode(strings.ToLower(strings.TrimSpace(moderation)))
			if err != nil {
				return r.usagef(i18n.CmdBadFlagValue, text.Line(moderation), "moderation")
			}
			u.Moderation = &m
		}
		if fl.Changed("captcha") {
			var on bool
			switch strings.ToLower(strings.TrimSpace(captcha)) {
			case "on", "true", "yes", "1":
				on = true
			case "off", "false", "no", "0":
			default:
				return r.usagef(i18n.CmdBadFlagValue, text.Line(captcha), "captcha")
			}
			u.Captcha = &on
		}
		if fl.Changed("words") {
			list := words
			if strings.TrimSpace(words) == "-" {
				in, err := r.readInput("words", (board.MaxWords+1)*board.MaxWord*4, board.MaxWords)
				if err != nil {
					return err
				}
				list = in
			}
			u.Words = splitWords(list)
		}
		if err := r.env.Board.UpdateSettings(r.ctx, r.env.Identity, u); err != nil {
			return fmt.Errorf("update settings: %w", err)
		}
		if !r.json {
			fmt.Fprintln(r.stdout, r.t(i18n.CmdSettingsSaved))
		}
		return r.showSettings()
	})
	c.AddCommand(show, set)
	return c
}

// splitWords splits a word list at commas, semicolons and newlines; never nil, so that an empty
// list clears the setting.
func splitWords(s string) []string {
	out := []string{}
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' || r == '\r' }) {
		if w = strings.TrimSpace(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

func (r *runner) showSettings() error {
	s, err := r.env.Board.Settings(r.ctx)
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	v := settingsOut(s)
	return r.out(v, func(w io.Writer) {
		mode := map[board.ModerationMode]i18n.Key{
			board.ModerateGuests: i18n.CmdModGuests, board.ModerateEveryone: i18n.CmdModEveryone, board.ModerateNone: i18n.CmdModNone,
		}[s.Moderation]
		onOff := r.t(i18n.CmdOff)
		if s.Captcha {
			onOff = r.t(i18n.CmdOn)
		}
		words := strings.Join(v.Words, ", ")
		if words == "" {
			words = r.t(i18n.CmdNoWords)
		}
		writeFields(w, [][2]string{
			{r.t(i18n.CmdLabelModeration), v.Moderation + " (" + r.t(mode) + ")"},
			{r.t(i18n.CmdLabelCaptcha), onOff},
			{r.t(i18n.CmdLabelWords), words},
		})
	})
}

// --- categories: what the TUI's categories screen (C) does ---

func (r *runner) categoryCmd() *cobra.Command {
	c := r.command("category", i18n.CmdShortCategory)

	list := r.command("list", i18n.CmdShortCategoryList)
	list.RunE = r.run(0, 0, func(*cobra.Command, []string) error {
		cats, err := r.env.Board.Categories(r.ctx)
		if err != nil {
			return fmt.Errorf("list categories: %w", err)
		}
		out := make([]categoryJSON, 0, len(cats))
		for i, cat := range cats {
			n, err := r.env.Board.CategoryThreadCount(r.ctx, cat.ID)
			if err != nil && !errors.Is(err, board.ErrNotFound) { // removed meanwhile: 0
				return fmt.Errorf("count threads of category %d: %w", cat.ID, err)
			}
			out = append(out, r.categoryJSON(cat, i, n))
		}
		return outList(r, out, i18n.CmdNoCategories, func(w io.Writer) {
			tb := newTable(r.t(i18n.CmdLabelPosition), r.t(i18n.CmdLabelSlug), r.t(i18n.FieldName), r.t(i18n.CmdLabelThreads)).
				limit(2, 50).alignRight(0, 3)
			for _, cat := range out {
				tb.add(strconv.Itoa(cat.Position), cat.Slug, cat.Name, strconv.Itoa(cat.Threads))
			}
			tb.write(w)
		})
	})

	add := r.command("add NAME...", i18n.CmdShortCategoryAdd)
	need(add, board.RoleEditor)
	add.RunE = r.run(1, -1, func(_ *cobra.Command, args []string) error {
		cat, err := r.env.Board.AddCategory(r.ctx, r.env.Identity, strings.Join(args, " "))
		if err != nil {
			return fmt.Errorf("add category: %w", err)
		}
		return r.categoryDone(cat, i18n.CmdCategoryAdded)
	})

	var slug string
	rename := r.command("rename SLUG NAME... [--slug NEW]", i18n.CmdShortCategoryRename, i18n.CmdLongCategoryRename)
	need(rename, board.RoleEditor)
	r.stringFlag(rename, &slug, "slug", "NEW", i18n.CmdFlagSlug)
	rename.RunE = r.run(2, -1, func(c *cobra.Command, args []string) error {
		cat, err := r.categoryArg(args[0])
		if err != nil {
			return err
		}
		if c.Flags().Changed("slug") && strings.TrimSpace(slug) == "" {
			return r.usagef(i18n.CmdBadFlagValue, "", "slug")
		}
		cat, err = r.env.Board.EditCategory(r.ctx, r.env.Identity, cat.ID, strings.Join(args[1:], " "), strings.TrimSpace(slug))
		if err != nil {
			return fmt.Errorf("rename category: %w", err)
		}
		return r.categoryDone(cat, i18n.CmdCategoryRenamed)
	})

	move := r.command("move SLUG up|down", i18n.CmdShortCategoryMove)
	need(move, board.RoleEditor)
	move.RunE = r.run(2, 2, func(c *cobra.Command, args []string) error {
		var step int
		switch strings.ToLower(args[1]) {
		case "up":
			step = -1
		case "down":
			step = 1
		default:
			return r.usagef(i18n.CmdBadDirection, text.Line(args[1]), c.CommandPath())
		}
		cat, err := r.categoryArg(args[0])
		if err != nil {
			return err
		}
		at, n, err := r.categoryPlace(cat)
		if err != nil {
			return err
		}
		to := at + step
		if to < 0 || to >= n {
			// Already first or last: nothing to change, nothing to record.
			return r.out(r.categoryJSON(cat, at, r.threadCount(cat.ID)), func(w io.Writer) {
				fmt.Fprintln(w, r.t(i18n.CmdCategoryAtEdge, text.Line(cat.Slug), at+1))
			})
		}
		if err := r.env.Board.MoveCategory(r.ctx, r.env.Identity, cat.ID, to); err != nil {
			return fmt.Errorf("move category: %w", err)
		}
		return r.out(r.categoryJSON(cat, to, r.threadCount(cat.ID)), func(w io.Writer) {
			fmt.Fprintln(w, r.t(i18n.CmdCategoryMoved, text.Line(cat.Slug), to+1))
		})
	})

	remove := r.command("remove SLUG", i18n.CmdShortCategoryRemove, i18n.CmdLongCategoryRemove)
	need(remove, board.RoleEditor)
	remove.RunE = r.run(1, 1, func(_ *cobra.Command, args []string) error {
		cat, err := r.categoryArg(args[0])
		if err != nil {
			return err
		}
		if err := r.env.Board.RemoveCategory(r.ctx, r.env.Identity, cat.ID); err != nil {
			return fmt.Errorf("remove category: %w", err)
		}
		return r.out(idJSON{ID: cat.ID}, func(w io.Writer) {
			fmt.Fprintln(w, r.t(i18n.CmdCategoryRemoved, text.Line(cat.Slug)))
		})
	})
	c.AddCommand(list, add, rename, move, remove)
	return c
}

// categoryArg finds the category a SLUG argument names; an unknown one is an error (exit 1)
// that names it.
func (r *runner) categoryArg(slug string) (board.Category, error) {
	cat, err := r.env.Board.CategoryBySlug(r.ctx, strings.TrimSpace(slug))
	if errors.Is(err, board.ErrNotFound) {
		return cat, &exitError{code: ExitError, msg: r.t(i18n.CmdNoSuchCategory, text.Line(slug))}
	}
	if err != nil {
		return cat, fmt.Errorf("find category: %w", err)
	}
	return cat, nil
}

func (r *runner) threadCount(id uint64) int {
	n, _ := r.env.Board.CategoryThreadCount(r.ctx, id)
	return n
}

func (r *runner) categoryJSON(c board.Category, index, threads int) categoryJSON {
	return categoryJSON{ID: c.ID, Name: text.Line(c.Name), Slug: text.Line(c.Slug), Position: index + 1, Threads: threads}
}

// categoryPlace is the 0-based place of a category in the board's list and the list's length.
func (r *runner) categoryPlace(cat board.Category) (at, n int, err error) {
	cats, err := r.env.Board.Categories(r.ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("list categories: %w", err)
	}
	for i, o := range cats {
		if o.ID == cat.ID {
			at = i
		}
	}
	return at, len(cats), nil
}

// categoryDone prints a category after a change, at its place in the list.
func (r *runner) categoryDone(cat board.Category, done i18n.Key) error {
	at, _, err := r.categoryPlace(cat)
	if err != nil {
		return err
	}
	v := r.categoryJSON(cat, at, r.threadCount(cat.ID))
	return r.out(v, func(w io.Writer) { fmt.Fprintln(w, r.t(done, v.Name, v.Slug)) })
}

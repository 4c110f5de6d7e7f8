package command

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

// placeholder is the pflag annotation naming a flag's value in help texts ("SLUG", "N").
const placeholder = "bangtin-placeholder"

// branches are the commands under the root, by name, so that a run can build only the branch its
// command line names: building the whole tree took about 8% of the server's CPU per `comment post`.
var branches = []struct {
	name  string
	build func(*runner) *cobra.Command
}{
	{"version", (*runner).versionCmd},
	{"whoami", (*runner).whoamiCmd},
	{"stats", (*runner).statsCmd},
	{"news", (*runner).newsCmd},
	{"comment", (*runner).commentCmd},
	{"comments", (*runner).commentsCmd},
	{"category", (*runner).categoryCmd},
	{"settings", (*runner).settingsCmd},
	{"ban", (*runner).banCmd},
	{"user", (*runner).userCmd},
	{"audit", (*runner).auditCmd},
	{"backup", (*runner).backupCmd},
	{"admin", (*runner).adminCmd},
}

// tree builds the command tree of one run, every text in the user's language. When args start
// with the name of a command under the root, only that branch is built; anything else (help, a
// flag first, an unknown name) gets the whole tree, which help and error messages need.
func (r *runner) tree(args []string) *cobra.Command {
	root := &cobra.Command{
		Use:               Program,
		Short:             r.t(i18n.CmdShortRoot),
		Args:              cobra.ArbitraryArgs,
		SilenceUsage:      true,
		SilenceErrors:     true,
		CompletionOptions: cobra.CompletionOptions{DisableDefaultCmd: true},
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				r.help(c)
				return nil
			}
			return r.usagef(i18n.CmdUnknownCommand, text.Line(args[0]), Program)
		},
	}
	root.PersistentFlags().BoolVar(&r.json, "json", false, r.t(i18n.CmdFlagJSON))
	root.SetFlagErrorFunc(r.flagError)
	root.SetHelpFunc(func(c *cobra.Command, _ []string) { r.help(c) })
	root.SetUsageFunc(func(c *cobra.Command) error { r.help(c); return nil })
	root.SetHelpCommand(&cobra.Command{
		Use:   "help [COMMAND...]",
		Short: r.t(i18n.CmdShortHelp),
		Args:  cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				bad := strings.Join(args, " ")
				if len(rest) > 0 {
					bad = rest[0]
				}
				return r.usagef(i18n.CmdUnknownCommand, text.Line(bad), Program)
			}
			r.help(target)
			return nil
		},
	})

	only := ""
	if len(args) > 0 {
		only = args[0]
	}
	for _, b := range branches {
		if b.name == only {
			root.AddCommand(b.build(r))
			break
		}
	}
	if len(root.Commands()) == 0 {
		for _, b := range branches {
			root.AddCommand(b.build(r))
		}
	}
	walk(root, func(c *cobra.Command) {
		c.Flags().BoolP("help", "h", false, r.t(i18n.CmdFlagHelp))
		if c.RunE == nil && c.Run == nil && c.HasSubCommands() {
			c.Args = cobra.ArbitraryArgs
			c.RunE = r.group
		}
	})
	return root
}

func walk(c *cobra.Command, f func(*cobra.Command)) {
	f(c)
	for _, s := range c.Commands() {
		walk(s, f)
	}
}

// --- flags with placeholders ---

func annotate(fs *pflag.FlagSet, name, ph string) {
	if ph != "" {
		_ = fs.SetAnnotation(name, placeholder, []string{ph})
	}
}

// command is a subcommand: its usage line, and its one-line and long help in the caller's
// language (long is optional).
func (r *runner) command(use string, short i18n.Key, long ...i18n.Key) *cobra.Command {
	c := &cobra.Command{Use: use, Short: r.t(short)}
	if len(long) > 0 {
		c.Long = r.t(long[0])
	}
	return c
}

func (r *runner) stringFlag(c *cobra.Command, p *string, name, ph string, usage i18n.Key) {
	c.Flags().StringVar(p, name, "", r.t(usage))
	annotate(c.Flags(), name, ph)
}

func (r *runner) intFlag(c *cobra.Command, p *int, name string, def int, usage i18n.Key) {
	c.Flags().IntVar(p, name, def, r.t(usage))
	annotate(c.Flags(), name, "N")
}

func (r *runner) boolFlag(c *cobra.Command, p *bool, name string, usage i18n.Key) {
	c.Flags().BoolVar(p, name, false, r.t(usage))
}

// --- help ---

// help prints a command's help: what it does, how to call it, its subcommands the caller may
// run, and its flags, all in the user's language.
func (r *runner) help(c *cobra.Command) {
	w := r.stdout
	fmt.Fprintln(w, c.Short)
	fmt.Fprintln(w)
	fmt.Fprintln(w, r.t(i18n.CmdHelpUsage))
	use := c.Use
	if c.HasParent() {
		use = c.Parent().CommandPath() + " " + c.Use
	}
	if c.HasAvailableSubCommands() {
		use = c.CommandPath() + " " + r.t(i18n.CmdHelpCommandWord)
	}
	fmt.Fprintln(w, "  "+use)
	if c.Long != "" {
		fmt.Fprintln(w)
		fmt.Fprintln(w, c.Long)
	}
	var rows [][2]string
	for _, s := range c.Commands() {
		if s.Hidden || !s.IsAvailableCommand() && s.Name() != "help" {
			continue
		}
		if r.env.Identity.Role < required(s) {
			continue
		}
		rows = append(rows, [2]string{s.Name(), s.Short})
	}
	if len(rows) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, r.t(i18n.CmdHelpCommands))
		writeDefs(w, rows)
	}
	rows = rows[:0]
	addFlags := func(fs *pflag.FlagSet) {
		fs.VisitAll(func(f *pflag.Flag) {
			if f.Hidden {
				return
			}
			name := "    --" + f.Name
			if f.Shorthand != "" {
				name = "-" + f.Shorthand + ", --" + f.Name
			}
			if ph := f.Annotations[placeholder]; len(ph) > 0 {
				name += " " + ph[0]
			}
			rows = append(rows, [2]string{name, f.Usage})
		})
	}
	addFlags(c.NonInheritedFlags())
	addFlags(c.InheritedFlags())
	if len(rows) > 0 {
		sort.SliceStable(rows, func(i, j int) bool {
			return strings.TrimLeft(rows[i][0], " -") < strings.TrimLeft(rows[j][0], " -")
		})
		fmt.Fprintln(w)
		fmt.Fprintln(w, r.t(i18n.CmdHelpFlags))
		writeDefs(w, rows)
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintln(w)
		fmt.Fprintln(w, r.t(i18n.CmdHelpMore, c.CommandPath()))
	}
}

// writeDefs prints two aligned columns.
func writeDefs(w io.Writer, rows [][2]string) { writeAligned(w, rows, "  ", "", "  ") }

// writeAligned prints each row as indent, label, after, the spaces that align the values (by
// display width), gap and the value.
func writeAligned(w io.Writer, rows [][2]string, indent, after, gap string) {
	width := 0
	for _, row := range rows {
		width = max(width, text.Width(row[0]))
	}
	for _, row := range rows {
		fmt.Fprintf(w, "%s%s%s%s%s%s\n", indent, row[0], after, strings.Repeat(" ", width-text.Width(row[0])), gap, row[1])
	}
}

// roleName is a role's name in the user's language.
func (r *runner) roleName(role board.Role) string { return i18n.Role(r.env.Lang, role) }

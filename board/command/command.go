// Package command is the board's interface for scripts and operators: when a client runs
// `ssh -p 2222 host news list` instead of asking for a shell, the SSH server hands the split
// command line to Run, which parses it with cobra (a fresh command tree per call, only the branch
// the line names, every string in the user's language), checks the caller's role before it looks
// anything up, talks to the same *board.Board as the TUI, and prints either a readable table or,
// with --json, the stable JSON shapes documented in the README. Every piece of user text it prints passes board/text. Exit
// status: 0 ok, 1 error, 2 usage error, 3 permission denied.
package command

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

// Env is what a session brings to a command.
type Env struct {
	Board    *board.Board
	Identity board.Identity
	Lang     i18n.Lang
	Online   func() int                                   // live sessions; nil counts as 0
	Claim    func(ctx context.Context, code string) error // nil when the session has no key
	Version  string
	// LogError, when set, receives the errors that reach the user only as a generic apology
	// (storage failures, bugs), with their context, for the operator's log.
	LogError func(err error)
}

// Exit statuses of Run.
const (
	ExitOK     = 0
	ExitError  = 1
	ExitUsage  = 2
	ExitDenied = 3
)

// Program is the name commands are shown under in help texts.
const Program = "bangtin"

// Input limits for text read from stdin (the board validates the exact limits in runes; these
// only bound what is read).
const (
	maxThreadBody   = 64 << 10  // bytes, as the board's limit
	maxCommentBody  = 4000 * 4  // 4000 runes of at most 4 bytes each
	maxPasswordLen  = 1024      // bytes
	maxKeyInput     = 64 << 10  // authorized_keys lines on stdin
	maxCommentPages = 50        // pages of 100 comments read by `news show`
	maxIDs          = 1000      // ids in one `comment approve|reject|delete`
	defaultPerPage  = 20        // threads per page
	defaultLimit    = 100       // rows of `comments pending` and `audit`
	maxLimit        = 10000     // rows of `comments pending` and `audit`
	annotationRole  = "bangtin" // cobra annotation key holding the role a command needs
)

// Run executes one ssh command line (already split into args) and returns the exit status:
// 0 ok, 1 error, 2 usage error, 3 permission denied. A panic (a bug) is not recovered here: it
// goes to the caller, whose recover logs its stack (board/sshd ends only that session).
func Run(ctx context.Context, env Env, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	r := &runner{ctx: ctx, env: env, stdin: stdin, stdout: stdout, stderr: stderr}
	if args == nil {
		args = []string{} // a nil slice makes cobra read os.Args
	}
	args = protectKeyBlock(args)
	root := r.tree(args)
	if len(args) > 0 && strings.HasPrefix(args[0], cobra.ShellCompRequestCmd) {
		// cobra answers its hidden completion command on its own: it is no command of ours.
		return r.report(r.usagef(i18n.CmdUnknownCommand, text.Line(args[0]), Program))
	}
	// The role a command needs is checked before its flags or arguments are looked at, so that a
	// forbidden command tells nothing about its targets. Each command checks again when it runs.
	// Help is free: it tells only what the README tells.
	if c, _, err := root.Find(args); err == nil && c != nil && !asksHelp(args) {
		if err := r.allow(c); err != nil {
			return r.report(err)
		}
	}
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	return r.report(root.ExecuteContext(ctx))
}

// dashMark is put before an argument made only of dashes in `user key add|remove`, so that the
// flag parser takes the "----" of a pasted RFC 4716 block ("---- BEGIN SSH2 PUBLIC KEY ----")
// as a word, not a flag; unmarkDashes takes it off again.
const dashMark = "\x00"

// protectKeyBlock marks the all-dash words of a `user key add|remove` command line.
func protectKeyBlock(args []string) []string {
	if len(args) < 4 || args[0] != "user" || args[1] != "key" || (args[2] != "add" && args[2] != "remove") {
		return args
	}
	out := slices.Clone(args)
	for i := 3; i < len(out); i++ {
		if len(out[i]) >= 4 && strings.Trim(out[i], "-") == "" {
			out[i] = dashMark + out[i]
		}
	}
	return out
}

// unmarkDashes joins key words as the command line had them.
func unmarkDashes(words []string) string {
	return strings.ReplaceAll(strings.Join(words, " "), dashMark, "")
}

// asksHelp reports whether a -h or --help flag comes before any "--".
func asksHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "--help":
			return true
		}
	}
	return false
}

// runner is one execution of a command line.
type runner struct {
	ctx    context.Context
	env    Env
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	json   bool
	denied bool // LogDenied was called for this run
}

// exitError carries a message already in the user's language and the exit status it means.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func (r *runner) t(key i18n.Key, args ...any) string { return i18n.T(r.env.Lang, key, args...) }

// usagef is a usage error (exit 2) with a message from the catalogue.
func (r *runner) usagef(key i18n.Key, args ...any) error {
	return &exitError{code: ExitUsage, msg: r.t(key, args...)}
}

// report prints err (if any) to stderr in the user's language and returns the exit status.
func (r *runner) report(err error) int {
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	switch {
	case errors.As(err, &ee):
		fmt.Fprintln(r.stderr, ee.msg)
		return ee.code
	case errors.Is(err, board.ErrForbidden):
		// The board refused (an editor restoring a deleted thread, ...); it logs its own refusals.
		fmt.Fprintln(r.stderr, i18n.Error(r.env.Lang, err))
		return ExitDenied
	case errors.Is(err, board.ErrBanned):
		fmt.Fprintln(r.stderr, text.Line(i18n.Error(r.env.Lang, err)))
		return ExitDenied
	}
	msg := i18n.Error(r.env.Lang, err)
	if msg == i18n.T(r.env.Lang, i18n.ErrInternal) || errors.Is(err, board.ErrStorage) {
		if r.env.LogError != nil {
			r.env.LogError(err)
		}
	}
	fmt.Fprintln(r.stderr, msg)
	return ExitError
}

// need records on a command the role it requires.
func need(c *cobra.Command, role board.Role) *cobra.Command {
	if c.Annotations == nil {
		c.Annotations = map[string]string{}
	}
	c.Annotations[annotationRole] = role.String()
	return c
}

// required is the role a command needs: its own or its nearest parent's; guest if none.
func required(c *cobra.Command) board.Role {
	for ; c != nil; c = c.Parent() {
		if s, ok := c.Annotations[annotationRole]; ok {
			if role, err := board.ParseRole(s); err == nil {
				return role
			}
			return board.RoleAdmin // unreadable annotation: fail closed
		}
	}
	return board.RoleGuest
}

// allow refuses (exit 3, logged) a command the identity's role does not reach.
func (r *runner) allow(c *cobra.Command) error {
	if r.env.Identity.Role >= required(c) {
		return nil
	}
	return r.deny(c.CommandPath())
}

// deny refuses (exit 3, logged) an action the identity may not take.
func (r *runner) deny(what string) error {
	if !r.denied {
		r.denied = true
		r.env.Board.LogDenied(r.ctx, r.env.Identity, "ssh "+what)
	}
	return &exitError{code: ExitDenied, msg: r.t(i18n.ErrForbidden)}
}

// when is a time for people: the board's time zone, the user's date format.
func (r *runner) when(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(r.loc()).Format(r.t(i18n.CmdTimeLayout))
}

// run wraps a command's body: the role check first, then the argument count, then the body.
func (r *runner) run(minArgs, maxArgs int, body func(c *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(c *cobra.Command, args []string) error {
		if err := r.allow(c); err != nil {
			return err
		}
		if len(args) < minArgs || (maxArgs >= 0 && len(args) > maxArgs) {
			return r.usagef(i18n.CmdBadArgs, c.CommandPath(), c.CommandPath())
		}
		return body(c, args)
	}
}

// group is the body of a command that only holds subcommands: reached with no known subcommand.
func (r *runner) group(c *cobra.Command, args []string) error {
	if err := r.allow(c); err != nil {
		return err
	}
	if len(args) == 0 {
		return r.usagef(i18n.CmdMissingSubcommand, c.CommandPath(), c.CommandPath())
	}
	return r.usagef(i18n.CmdUnknownCommand, text.Line(args[0]), c.CommandPath())
}

// flagError turns pflag's parse errors into usage errors in the user's language.
func (r *runner) flagError(c *cobra.Command, err error) error {
	var (
		notExist *pflag.NotExistError
		noValue  *pflag.ValueRequiredError
		badValue *pflag.InvalidValueError
	)
	switch {
	case errors.As(err, &badValue):
		return r.usagef(i18n.CmdBadFlagValue, text.Line(badValue.GetValue()), badValue.GetFlag().Name)
	case errors.As(err, &noValue):
		return r.usagef(i18n.CmdFlagNeedsValue, text.Line(noValue.GetSpecifiedName()), c.CommandPath())
	case errors.As(err, &notExist):
		return r.usagef(i18n.CmdUnknownFlag, text.Line(notExist.GetSpecifiedName()), c.CommandPath())
	}
	return r.usagef(i18n.CmdBadFlags, c.CommandPath())
}

// out prints v as JSON with --json, else calls human.
func (r *runner) out(v any, human func(w io.Writer)) error {
	if r.json {
		enc := json.NewEncoder(r.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(v); err != nil {
			return fmt.Errorf("write json: %w", err)
		}
		return nil
	}
	human(r.stdout)
	return nil
}

// outList writes a list like out; in the human form an empty list is the message empty instead
// of human's table.
func outList[J any](r *runner, list []J, empty i18n.Key, human func(w io.Writer)) error {
	return r.out(list, func(w io.Writer) {
		if len(list) == 0 {
			fmt.Fprintln(w, r.t(empty))
			return
		}
		human(w)
	})
}

// jsonList converts each item of a list to its output form; never nil, so that JSON shows an
// empty list as [].
func jsonList[T, J any](list []T, conv func(T) J) []J {
	out := make([]J, 0, len(list))
	for _, x := range list {
		out = append(out, conv(x))
	}
	return out
}

// readInput reads at most limit bytes of stdin; more is a too-long error on field.
func (r *runner) readInput(field string, limit, maxRunes int) (string, error) {
	if r.stdin == nil {
		return "", nil
	}
	b, err := io.ReadAll(io.LimitReader(r.stdin, int64(limit)+1))
	if err != nil {
		return "", fmt.Errorf("read %s from stdin: %w", field, err)
	}
	if len(b) > limit {
		return "", &board.ValidationError{Field: field, Problem: board.ProblemTooLong, Max: maxRunes}
	}
	return string(b), nil
}

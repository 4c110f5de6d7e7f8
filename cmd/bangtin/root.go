package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"bangtin/board"
	"bangtin/board/boltstore"
	"bangtin/board/i18n"
	"bangtin/board/sshd"
)

// serveOptions are the flags of `bangtin serve`, each with its environment variable.
type serveOptions struct {
	Listen           string
	Data             string
	Name             string
	Lang             string
	TZ               string
	AdminKeys        []string
	IdleTimeout      time.Duration
	MaxSessions      int
	MaxSessionsPerIP int
	LoginGrace       time.Duration
	SharedFrames     int
	GuestComments    int
	GuestWindow      time.Duration
	GuestIPComments  int
	Files            fileOptions
	DebugAddr        string
	LogFormat        string
	Web              webOptions
	Conn             connOptions
	Memory           memoryOptions // memory.go
	// Store and ProxyProtocolFrom: see addNodeFlags (store.go).
	Store             string
	ProxyProtocolFrom []string
}

// envOf names the environment variable of a serve flag: BANGTIN_ and the flag's name in
// capitals with underscores (--admin-key's is BANGTIN_ADMIN_KEYS: it may hold several).
// envAnnotation marks a flag that reads its variable (applyEnv).
const envAnnotation = "bangtin-env"

func envOf(flag string) string {
	if flag == "admin-key" {
		return "BANGTIN_ADMIN_KEYS"
	}
	return "BANGTIN_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

func addServeFlags(fs *pflag.FlagSet, o *serveOptions) {
	fs.StringVar(&o.Listen, "listen", ":2222", "address to listen on")
	fs.StringVar(&o.Data, "data", "./data", "data directory (database, host keys); created with mode 0700")
	fs.StringVar(&o.Name, "name", "", `board title (default "Bảng tin", or "Bulletin board" with --lang en)`)
	fs.StringVar(&o.Lang, "lang", "vi", "default language: vi or en (a client's LANG/LC_ALL may pick English)")
	fs.StringVar(&o.TZ, "tz", board.DefaultZone, "the board's time zone")
	fs.StringArrayVar(&o.AdminKeys, "admin-key", nil,
		"admin key: an authorized_keys line or a file of them (repeatable; the variable: newline- or comma-separated)")
	fs.DurationVar(&o.IdleTimeout, "idle-timeout", sshd.DefaultIdleTimeout, "close a session after this long without input")
	fs.IntVar(&o.MaxSessions, "max-sessions", sshd.DefaultMaxSessions, "live sessions on the server")
	fs.IntVar(&o.MaxSessionsPerIP, "max-sessions-per-ip", sshd.DefaultMaxSessionsPerIP, "live sessions from one IP address")
	fs.DurationVar(&o.LoginGrace, "login-grace", sshd.DefaultLoginGrace, "time allowed for the SSH handshake and login")
	fs.IntVar(&o.SharedFrames, "shared-frames", sshd.DefaultSharedFrames,
		"frames kept for sessions showing the same screen (each distinct screen is drawn once, not once per session)")
	fs.IntVar(&o.GuestComments, "guest-comments", 3, "comments a guest may post per window (per key; guests without a key: per IP)")
	fs.DurationVar(&o.GuestWindow, "guest-window", 10*time.Minute, "the window of --guest-comments and --guest-ip-comments")
	fs.IntVar(&o.GuestIPComments, "guest-ip-comments", 20, "comments all guests of one IP address may post per window together (never below --guest-comments)")
	fs.StringVar(&o.DebugAddr, "debug-addr", "",
		"serve net/http/pprof (profiles, goroutine counts) on this loopback address, e.g. 127.0.0.1:6060; empty: off")
	fs.StringVar(&o.LogFormat, "log-format", "auto",
		"log lines on stderr: text (coloured when a terminal), logfmt, json, or auto (text on a terminal, else logfmt)")
	addConnFlags(fs, &o.Conn)
	addWebFlags(fs, &o.Web)
	addMemoryFlags(fs, &o.Memory)
	addNodeFlags(fs, o)
	addFileFlags(fs, &o.Files)
	fs.VisitAll(func(f *pflag.Flag) {
		f.Usage += " [$" + envOf(f.Name) + "]"
		_ = fs.SetAnnotation(f.Name, envAnnotation, []string{envOf(f.Name)})
	})
}

// applyEnv sets every flag not given on the command line from its environment variable.
func applyEnv(fs *pflag.FlagSet, lookup func(string) (string, bool)) error {
	var errs []error
	fs.VisitAll(func(f *pflag.Flag) {
		e, ok := f.Annotations[envAnnotation] // serve's own flags, not cobra's --help
		if !ok || f.Changed {
			return
		}
		env := e[0]
		v, ok := lookup(env)
		if !ok || strings.TrimSpace(v) == "" {
			return
		}
		if f.Name == "admin-key" {
			for _, k := range splitKeys(v) {
				if err := f.Value.Set(k); err != nil {
					errs = append(errs, fmt.Errorf("$%s: %w", env, err))
				}
			}
			return
		}
		if err := f.Value.Set(strings.TrimSpace(v)); err != nil {
			errs = append(errs, fmt.Errorf("$%s=%q: %w", env, v, err))
		}
	})
	return errors.Join(errs...)
}

// splitKeys splits BANGTIN_ADMIN_KEYS at newlines and at commas outside double quotes (an
// authorized_keys line may carry options such as from="a,b").
func splitKeys(v string) []string {
	var out []string
	var cur strings.Builder
	quoted := false
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			out = append(out, s)
		}
		cur.Reset()
	}
	for _, r := range v {
		switch {
		case r == '"':
			quoted = !quoted
		case r == '\n' || r == '\r' || (r == ',' && !quoted):
			flush()
			continue
		}
		cur.WriteRune(r)
	}
	flush()
	return out
}

// run is the program: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	if err := root.Execute(); err != nil {
		fmt.Fprintln(stderr, "bangtin:", err)
		return 1
	}
	return 0
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	var o serveOptions
	serveRun := func(cmd *cobra.Command, _ []string) error {
		if err := applyEnv(cmd.Flags(), os.LookupEnv); err != nil {
			return err
		}
		ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		return serve(ctx, o, stdout, stderr, nil)
	}
	root := &cobra.Command{
		Use:           "bangtin",
		Short:         "Bảng tin: an SSH bulletin board (runs `bangtin serve` by default)",
		Args:          cobra.NoArgs,
		RunE:          serveRun,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	addServeFlags(root.Flags(), &o)

	serveCmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the board over SSH",
		Args:  cobra.NoArgs,
		RunE:  serveRun,
	}
	addServeFlags(serveCmd.Flags(), &o)

	versionCmd := &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		Run:   func(*cobra.Command, []string) { fmt.Fprintln(stdout, "bangtin", Version()) },
	}

	var data, lang string
	checkCmd := &cobra.Command{
		Use:   "check",
		Short: "Check the database of a stopped board (exit status 0: consistent)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			l := i18n.Parse(lang)
			path := filepath.Join(data, boltstore.FileName)
			if err := boltstore.CheckFile(path); err != nil {
				if errors.Is(err, board.ErrInUse) {
					return errors.New(i18n.T(l, i18n.ServeBoardInUse, path))
				}
				return errors.New(i18n.T(l, i18n.ServeCheckFail, path, err))
			}
			fmt.Fprintln(stdout, i18n.T(l, i18n.ServeCheckOK, path))
			return nil
		},
	}
	restoreCmd := &cobra.Command{
		Use:   "restore FILE",
		Short: "Replace a stopped board's database with a backup (made by `ssh host backup`)",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			l := i18n.Parse(lang)
			if err := boltstore.Restore(data, args[0]); err != nil {
				if errors.Is(err, board.ErrInUse) {
					return errors.New(i18n.T(l, i18n.ServeBoardInUse, filepath.Join(data, boltstore.FileName)))
				}
				return err
			}
			fmt.Fprintln(stdout, i18n.T(l, i18n.ServeRestored, filepath.Join(data, boltstore.FileName), args[0]))
			return nil
		},
	}
	for _, c := range []*cobra.Command{checkCmd, restoreCmd} {
		c.Flags().StringVar(&data, "data", "./data", "data directory [$BANGTIN_DATA]")
		c.Flags().StringVar(&lang, "lang", "vi", "language of the messages: vi or en [$BANGTIN_LANG]")
		c.PreRunE = func(cmd *cobra.Command, _ []string) error {
			for name, env := range map[string]string{"data": "BANGTIN_DATA", "lang": "BANGTIN_LANG"} {
				if f := cmd.Flags().Lookup(name); !f.Changed {
					if v, ok := os.LookupEnv(env); ok && v != "" {
						_ = f.Value.Set(v)
					}
				}
			}
			return nil
		}
	}
	root.AddCommand(serveCmd, versionCmd, checkCmd, restoreCmd)
	root.AddCommand(newCopyCmd(stdout, stderr))
	root.SetContext(context.Background())
	return root
}

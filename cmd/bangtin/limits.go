package main

import (
	"github.com/spf13/pflag"

	"bangtin/board/sshd"
	"bangtin/board/sshd/auth"
)

// connOptions are the limits on one SSH connection and on password logins.
type connOptions struct {
	MaxAuthTries       int
	MaxChannelsPerConn int
	MaxEnvPerSession   int
	MaxTermWidth       int
	MaxTermHeight      int
	Auth               auth.Options // the limits only: failures, their window, checks at once
}

func addConnFlags(fs *pflag.FlagSet, o *connOptions) {
	fs.IntVar(&o.MaxAuthTries, "max-auth-tries", sshd.DefaultMaxAuthTries,
		"authentication attempts per connection (each key an agent offers is one)")
	fs.IntVar(&o.MaxChannelsPerConn, "max-channels-per-conn", sshd.DefaultMaxChannelsPerConn, "open sessions per SSH connection")
	fs.IntVar(&o.MaxEnvPerSession, "max-env-per-session", sshd.DefaultMaxEnvPerSession, "environment variables a session may send")
	fs.IntVar(&o.MaxTermWidth, "max-term-width", sshd.MaxWidth, "columns a terminal may claim; a wider one is drawn at this width")
	fs.IntVar(&o.MaxTermHeight, "max-term-height", sshd.MaxHeight, "rows a terminal may claim; a taller one is drawn at this height")
	fs.IntVar(&o.Auth.MaxFailures, "password-failures", auth.DefaultMaxFailures,
		"failed passwords per account and per IP address in --password-window; after that, passwords are refused unchecked")
	fs.DurationVar(&o.Auth.FailureWindow, "password-window", auth.DefaultFailureWindow, "the window of --password-failures")
	fs.IntVar(&o.Auth.MaxConcurrentChecks, "password-checks", auth.DefaultMaxConcurrentChecks,
		"passwords checked at once (argon2id, 19 MiB each); more wait")
}

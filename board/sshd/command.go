package sshd

import (
	"context"
	"strings"

	"github.com/anmitsu/go-shlex"

	"bangtin/board/command"
	"bangtin/board/i18n"
)

// runCommand runs `ssh host <command>` (and a session without a PTY) through the ssh command
// interface: the session's stdin, stdout and stderr, its exit status.
func (s *Server) runCommand(ss *session) {
	// Session.Command drops shlex's error and runs what it could parse: `news show "1` would
	// run as `news show 1`. A command line that does not parse is refused instead.
	args, err := shlex.Split(ss.RawCommand(), true)
	if err != nil {
		ss.kind = "cmd:?"
		ss.mu.Lock()
		ss.status = command.ExitUsage
		ss.mu.Unlock()
		ss.say(i18n.SSHDBadCommand)
		_ = ss.Exit(command.ExitUsage)
		return
	}
	ss.kind = "cmd:" + logWords(args)
	ss.countOutput = true
	env := command.Env{
		Board:    s.cfg.Board,
		Identity: ss.id,
		Lang:     ss.lang,
		Online:   s.Online,
		Version:  s.cfg.Version,
		Claim: func(ctx context.Context, code string) error {
			_, err := s.cfg.Auth.Claim(ctx, code, ss.Session)
			return err
		},
	}
	status := command.Run(ss.ctx, env, args, ss, ss, ss.Stderr())
	ss.mu.Lock()
	if ss.reason != "" { // ended by the server (idle, shutdown): not a success
		status = command.ExitError
	}
	ss.status = status
	ss.mu.Unlock()
	ss.sayReason()
	_ = ss.Exit(status)
}

// logWords names a command for the log by its first two words, when they are plain command
// names (never arguments such as a claim code or a title).
func logWords(args []string) string {
	var words []string
	for _, a := range args {
		if len(words) == 2 || a == "" || len(a) > 16 || strings.Trim(a, "abcdefghijklmnopqrstuvwxyz-") != "" {
			break
		}
		words = append(words, a)
	}
	if len(words) == 0 {
		return "-"
	}
	return strings.Join(words, " ")
}

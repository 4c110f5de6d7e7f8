// Package sshdtest serves a board over SSH for the tests of other packages, as net/http/httptest
// serves HTTP: board/sshd with the identity rules of board/sshd/auth, on 127.0.0.1, through the
// harness of board/boardtest/sshtest (which board/sshd's own tests use directly: they cannot
// import this package).
package sshdtest

import (
	"testing"
	"time"

	"charm.land/log/v2"
	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
	"bangtin/board/boardtest/sshtest"
	"bangtin/board/i18n"
	"bangtin/board/sshd"
	"bangtin/board/sshd/auth"
)

// Server is a board served over SSH.
type Server struct {
	*sshtest.Env
	Board *board.Board
	SSHD  *sshd.Server
	Auth  *auth.Auth
}

// Start serves b with the test defaults (board name "bangtin-test", Vietnamese, version
// "test", a 20 s login grace); mutate, when not nil, changes the configuration first.
func Start(t testing.TB, b *board.Board, mutate func(*sshd.Config)) *Server {
	t.Helper()
	s := &Server{Board: b}
	s.Env = sshtest.Start(t, func(h sshtest.Host) (sshtest.Server, error) {
		s.Auth = auth.New(b, auth.Options{Logger: log.New(h.Logs).WithPrefix("auth")})
		cfg := sshd.Config{
			Board:       b,
			Auth:        s.Auth,
			HostSigners: []gossh.Signer{h.Signer},
			BoardName:   "bangtin-test",
			Lang:        i18n.Vi,
			Version:     "test",
			Logger:      log.New(h.Logs),
			LoginGrace:  20 * time.Second,
		}
		if mutate != nil {
			mutate(&cfg)
		}
		srv, err := sshd.New(cfg)
		s.SSHD = srv
		return srv, err
	})
	return s
}

package sshd

import (
	"io"
	"testing"

	"charm.land/log/v2"

	"bangtin/board"
	"bangtin/board/sshd/auth"
)

// The servers under test use the real identity rules of board/sshd/auth.
var _ Authenticator = (*auth.Auth)(nil)

func newTestAuth(t testing.TB, b *board.Board) Authenticator {
	return auth.New(b, auth.Options{Logger: log.New(io.Discard)})
}

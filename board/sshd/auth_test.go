package sshd

import (
	"io"
	"testing"

	"charm.land/log/v2"

	"bangtin/board"
	"bangtin/keys"
)

// The servers under test use the real identity rules of package keys.
var _ Authenticator = (*keys.Auth)(nil)

func newTestAuth(t testing.TB, b *board.Board) Authenticator {
	return keys.NewAuth(b, keys.AuthOptions{Logger: log.New(io.Discard)})
}

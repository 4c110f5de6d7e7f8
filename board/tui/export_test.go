package tui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// The root driver of the tests (driver, tui_test.go), for the external test package tui_test.

// Session is a session's root model driven as bubbletea would.
type Session = driver

// OpenSession starts the root model of env; at most max commands run per message, and a command
// that does not answer within wait (a timer) is left behind.
func OpenSession(t *testing.T, env Env, max int, wait time.Duration) *Session {
	t.Helper()
	return openDriver(t, env, cmdLoop{max: max, wait: wait})
}

// Send delivers msg and runs what follows.
func (d *driver) Send(msg tea.Msg) { d.send(msg) }

// Keys presses named keys or types text (pressKeys).
func (d *driver) Keys(ks ...string) { d.keys(ks...) }

// Frame is the current frame as the model draws it.
func (d *driver) Frame() string { return d.m.View().Content }

package sshd

import (
	"sync"
	"sync/atomic"
	"time"

	"bangtin/board/tui"
)

// idleWarnBefore is how long before an idle session is closed the TUI is told (it warns a user
// whose page holds unsent text, see tui.IdleMsg). An idle timeout shorter than two of it warns
// at its half.
const idleWarnBefore = time.Minute

// idleWarnLead is when, before the end of a quiet spell of idle, the warning is sent.
func idleWarnLead(idle time.Duration) time.Duration { return min(idleWarnBefore, idle/2) }

// idleState is a session's idle warning: where it goes (the TUI's program; nil for commands)
// and the quiet spell it was last sent for, so that a spell warns once.
type idleState struct {
	mu     sync.Mutex
	warn   func(tui.IdleMsg)
	warned atomic.Int64 // lastInput of the spell last warned about
}

// setIdleWarn gives the session somewhere to send its idle warning (runTUI: the program).
func (ss *session) setIdleWarn(f func(tui.IdleMsg)) {
	ss.idle.mu.Lock()
	ss.idle.warn = f
	ss.idle.mu.Unlock()
}

// idleStep is one tick of the idle timer: end reports that the session had no input for idle;
// otherwise next is when to look again. In the last idleWarnLead of a quiet spell the TUI is
// told once, without waiting for it (a busy program must not hold the timer).
func (ss *session) idleStep(idle time.Duration) (next time.Duration, end bool) {
	last := ss.lastInput.Load()
	quiet := time.Unix(0, last)
	since := time.Since(quiet)
	if since >= idle {
		return 0, true
	}
	left, lead := idle-since, idleWarnLead(idle)
	if left > lead {
		return left - lead, false
	}
	if ss.idle.warned.Swap(last) != last {
		ss.idle.mu.Lock()
		warn := ss.idle.warn
		ss.idle.mu.Unlock()
		if warn != nil {
			// Send returns when the program takes the message or ends (it selects on the
			// session's context).
			go warn(tui.IdleMsg{Left: left, At: time.Now().Add(left), Quiet: quiet})
		}
	}
	return left, false
}

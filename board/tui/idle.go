package tui

import (
	"time"

	"bangtin/board/i18n"
)

// IdleMsg is sent by the server a little before it ends a session that has had no input: the
// session closes at At, Left from when the message was made, unless the user presses a key.
// Quiet is when the quiet spell began (the last input the server saw).
//
// The root warns only when a page holds text the user typed and has not sent (a comment form,
// the editor, a form's reason...): a reader with nothing to lose is simply disconnected, as
// before. Any key takes the warning away and is used for nothing else; the server, having seen
// the key, starts counting again.
type IdleMsg struct {
	Left  time.Duration
	At    time.Time
	Quiet time.Time
}

// draftKeeper is a page that keeps its unsent text as a draft of its author under a key (""
// keeps nothing: a guest without a key, a moderator's edit).
type draftKeeper interface{ draftKey() string }

// idleWarn handles the server's warning: the text shown above the help line, or "" (nothing
// unsent, or the user pressed a key since the message was made).
func (m *model) idleWarn(msg IdleMsg) string {
	if !m.unsaved() {
		return ""
	}
	// A key handled in the second half of the quiet spell came after the server decided to
	// warn: the user is back, and the server has seen it too.
	if !msg.Quiet.IsZero() && m.lastKey.After(msg.Quiet.Add(msg.At.Sub(msg.Quiet)/2)) {
		return ""
	}
	at := msg.At.In(m.c.Location()).Format("15:04")
	k := i18n.TUIIdleWarnKept
	if !m.draftsKept() {
		k = i18n.TUIIdleWarnLost
	}
	return m.c.T(k, i18n.Wait(m.c.Lang, msg.Left), at)
}

// draftsKept reports whether every page holding unsent text keeps it as a draft, so that it
// survives the session's end (the idle close included: pages keep their draft on every key).
func (m *model) draftsKept() bool {
	for _, p := range m.stack {
		if d, ok := p.(Dirtier); ok && d.Dirty() {
			if k, ok := p.(draftKeeper); !ok || k.draftKey() == "" {
				return false
			}
		}
	}
	return true
}

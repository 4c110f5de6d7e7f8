package sshd

import (
	"context"
	"net"
	"strings"
	"sync/atomic"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// connState is what the server keeps per connection (in its ssh.Context).
type connState struct {
	channels atomic.Int32  // open session channels
	qa       *quickAckConn // nil when the listener is not TCP
	idle     *time.Timer   // closes an authenticated connection that holds no session
}

type connStateKey struct{}

func (s *Server) connCallback(ctx ssh.Context, c net.Conn) net.Conn {
	st := &connState{}
	st.qa, _ = c.(*quickAckConn)
	ctx.SetValue(connStateKey{}, st)
	// The handshake deadline (LoginGrace) ends with authentication and session idleness is timed
	// inside sessions, so without this an authenticated connection that never opens a session (or
	// whose sessions have all ended) would live forever: guests log in for free. The timer fires
	// every IdleTimeout; it closes the connection when it is authenticated and has no session,
	// and is re-armed when the last session ends.
	idle := s.cfg.IdleTimeout
	st.idle = time.AfterFunc(idle, func() {
		switch {
		case st.channels.Load() > 0:
			// re-armed by sessionChannel when the last session ends
		case ctx.Value(ssh.ContextKeyConn) == nil:
			st.idle.Reset(idle) // still in the handshake: LoginGrace governs
		default:
			s.log.Debug("closing a connection without a session", "remote", remoteString(c), "idle", idle)
			_ = c.Close()
		}
	})
	context.AfterFunc(ctx, func() { st.idle.Stop() })
	return c
}

func (s *Server) connFailed(c net.Conn, err error) {
	s.log.Info("handshake or login failed", "remote", remoteString(c), "err", err)
}

func remoteString(c net.Conn) string {
	if c == nil || c.RemoteAddr() == nil {
		return "unknown"
	}
	return c.RemoteAddr().String()
}

// sessionChannel accepts a "session" channel unless the connection already has
// MaxChannelsPerConn open, and filters the channel's requests (filterRequests).
func (s *Server) sessionChannel(srv *ssh.Server, conn *gossh.ServerConn, nc gossh.NewChannel, ctx ssh.Context) {
	st, _ := ctx.Value(connStateKey{}).(*connState)
	if st == nil { // not possible: connCallback runs first; refuse rather than run unlimited
		_ = nc.Reject(gossh.ResourceShortage, "no connection state")
		return
	}
	if st.qa != nil {
		st.qa.handshakeDone()
	}
	if n := st.channels.Add(1); int(n) > s.cfg.MaxChannelsPerConn {
		st.channels.Add(-1)
		_ = nc.Reject(gossh.ResourceShortage, "too many sessions on this connection")
		return
	}
	defer func() {
		if st.channels.Add(-1) == 0 {
			st.idle.Reset(s.cfg.IdleTimeout)
		}
	}()
	// The channel's filter and its session share a chanBox, which the session finds in its
	// context (chanContext): charm.land/ssh gives a session handler no other way to its channel.
	box := &chanBox{}
	ssh.DefaultSessionHandler(srv, conn, &filteredChannel{NewChannel: nc, s: s, box: box}, &chanContext{Context: ctx, box: box})
}

// filteredChannel is a NewChannel whose accepted channel's requests pass filterRequests.
type filteredChannel struct {
	gossh.NewChannel
	s   *Server
	box *chanBox
}

func (c *filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return ch, reqs, err
	}
	out := make(chan *gossh.Request)
	go c.s.filterRequests(reqs, out, c.box)
	return ch, out, nil
}

// chanContext is the connection's context as one session channel sees it: with its chanBox.
type chanContext struct {
	ssh.Context
	box *chanBox
}

type chanBoxKey struct{}

func (c *chanContext) Value(k any) any {
	if k == (chanBoxKey{}) {
		return c.box
	}
	return c.Context.Value(k)
}

// Payloads of the session requests the filter rewrites (RFC 4254 §6.2, §6.4, §6.7).
type ptyReqMsg struct {
	Term          string
	Columns, Rows uint32
	Width, Height uint32
	Modes         string
}

type windowChangeMsg struct {
	Columns, Rows uint32
	Width, Height uint32
}

type envMsg struct{ Name, Value string }

const maxEnvBytes = 1024

// filterRequests sits between a session channel and charm.land/ssh's request loop:
//   - pty-req and window-change sizes are clamped to MaxTermWidth×MaxTermHeight (0 means the default at
//     pty-req and "unchanged" at window-change), TERM is cut to a plain short name;
//   - window changes go to the session's chanBox, not to charm.land/ssh (whose request loop
//     blocks on a full window channel that a goroutine per session would have to drain):
//     only the newest size waits, so a storm of window changes costs one resize, and the
//     request loop never blocks the client; the end of the requests (the client closed the
//     channel) ends the session through the box too;
//   - env requests are capped (MaxEnvPerSession, 1 KiB each, only the names the board reads);
//   - the "sftp" subsystem passes (sftp.go); other subsystems, X11 and agent forwarding are
//     refused.
func (s *Server) filterRequests(in <-chan *gossh.Request, out chan<- *gossh.Request, box *chanBox) {
	defer close(out)
	defer box.close()
	var (
		envs     int
		haveSize bool
		lastW    uint32
		lastH    uint32
		maxW     = uint32(s.cfg.MaxTermWidth)
		maxH     = uint32(s.cfg.MaxTermHeight)
	)
	for req := range in {
		switch req.Type {
		case "pty-req":
			var m ptyReqMsg
			if err := gossh.Unmarshal(req.Payload, &m); err != nil {
				_ = req.Reply(false, nil)
				continue
			}
			m.Columns = clampDim(m.Columns, DefaultWidth, maxW)
			m.Rows = clampDim(m.Rows, DefaultHeight, maxH)
			m.Width, m.Height = 0, 0
			m.Term = cleanTerm(m.Term)
			lastW, lastH, haveSize = m.Columns, m.Rows, true
			req.Payload = gossh.Marshal(&m)
		case "window-change":
			var m windowChangeMsg
			if err := gossh.Unmarshal(req.Payload, &m); err != nil || !haveSize {
				_ = req.Reply(false, nil)
				continue
			}
			m.Columns = clampDim(m.Columns, lastW, maxW)
			m.Rows = clampDim(m.Rows, lastH, maxH)
			m.Width, m.Height = 0, 0
			lastW, lastH = m.Columns, m.Rows
			_ = req.Reply(true, nil)
			box.put(ssh.Window{Width: int(m.Columns), Height: int(m.Rows)})
			continue
		case "env":
			var m envMsg
			envs++
			if envs > s.cfg.MaxEnvPerSession || gossh.Unmarshal(req.Payload, &m) != nil ||
				len(m.Name)+len(m.Value) > maxEnvBytes || !acceptedEnv(m.Name) {
				_ = req.Reply(false, nil)
				continue
			}
		case "subsystem":
			var m struct{ Value string }
			if gossh.Unmarshal(req.Payload, &m) != nil || m.Value != "sftp" {
				_ = req.Reply(false, nil)
				continue
			}
			out <- req
			continue
		case "x11-req", "auth-agent-req@openssh.com":
			_ = req.Reply(false, nil)
			continue
		}
		out <- req
	}
}

// clampDim keeps a terminal dimension within [1, max]; 0 (unknown) becomes def.
func clampDim(v, def, max uint32) uint32 {
	switch {
	case v == 0:
		return def
	case v > max:
		return max
	}
	return v
}

// cleanTerm keeps a TERM value that is a plain terminal name (letters, digits, "-._+"),
// at most 64 bytes; anything else becomes "xterm-256color"'s safe cousin "xterm".
func cleanTerm(t string) string {
	if t == "" {
		return ""
	}
	if len(t) > 64 {
		return "xterm"
	}
	for _, r := range t {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-._+", r)) {
			return "xterm"
		}
	}
	return t
}

// acceptedEnv lists the client environment the board reads: the language, colour wishes.
func acceptedEnv(name string) bool {
	switch name {
	case "LANG", "LANGUAGE", "NO_COLOR", "COLORTERM", "CLICOLOR", "CLICOLOR_FORCE":
		return true
	}
	return strings.HasPrefix(name, "LC_")
}

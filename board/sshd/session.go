package sshd

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/tui"
)

// endGrace is how long an ended session may take to say goodbye before its channel, and then
// its connection, are closed under it (a client that stopped reading blocks every write).
const endGrace = 3 * time.Second

// session is one SSH session as the middleware chain sees it: the library's session with its
// input timed, plus what the chain learned about it.
type session struct {
	ssh.Session
	srv    *Server
	ctx    context.Context // cancelled when the session ends (or the connection closes)
	cancel context.CancelFunc
	lang   i18n.Lang
	ip     netip.Addr
	start  time.Time
	done   chan struct{} // closed when the handler chain has returned

	id          board.Identity
	kind        string // "tui" or the command's first words, for the log
	interactive atomic.Bool
	lastInput   atomic.Int64 // unix nanoseconds of the last byte the user sent
	countOutput bool         // commands: output shows the client is alive too
	writing     atomic.Int64 // unix nanoseconds when the write in progress began; 0: none
	idleTimer   *time.Timer
	idle        idleState // the warning before an idle close (idle.go)

	sizes   chan ssh.Window  // latest terminal size (1 slot, newest wins)
	mailbox chan tui.LiveMsg // latest live update (1 slot, newest wins)
	// deliver hands what waits in sizes and mailbox to the TUI (set by runTUI); it runs in a
	// goroutine of its own only while something waits (wake), so an idle session has none.
	deliver    atomic.Pointer[func()]
	delivering atomic.Bool

	sayOnce sync.Once // the reason for ending is said once

	mu     sync.Mutex
	ended  bool
	reason i18n.Key // why the server ended the session ("" if it was not the server)
	status int      // exit status
	panicV any
	stack  []byte
}

func (s *Server) newSession(ls ssh.Session) *session {
	ctx, cancel := context.WithCancel(ls.Context())
	ss := &session{
		Session: ls,
		srv:     s,
		ctx:     ctx,
		cancel:  cancel,
		lang:    i18n.FromEnv(ls.Environ(), s.cfg.Lang),
		ip:      addrIP(ls.RemoteAddr()),
		start:   time.Now(),
		done:    make(chan struct{}),
		sizes:   make(chan ssh.Window, 1),
		mailbox: make(chan tui.LiveMsg, 1),
	}
	ss.lastInput.Store(ss.start.UnixNano())
	return ss
}

func addrIP(a net.Addr) netip.Addr {
	if ta, ok := a.(*net.TCPAddr); ok {
		ip, _ := netip.AddrFromSlice(ta.IP)
		return ip.Unmap()
	}
	if a != nil {
		if ap, err := netip.ParseAddrPort(a.String()); err == nil {
			return ap.Addr().Unmap()
		}
	}
	return netip.Addr{}
}

// Read is the user's input: it resets the idle clock.
func (ss *session) Read(p []byte) (int, error) {
	n, err := ss.Session.Read(p)
	if n > 0 {
		ss.lastInput.Store(time.Now().UnixNano())
	}
	return n, err
}

// Write is the board's output; for commands it also shows the client is still reading.
func (ss *session) Write(p []byte) (int, error) {
	ss.writing.Store(time.Now().UnixNano())
	n, err := ss.Session.Write(p)
	ss.writing.Store(0)
	if n > 0 && ss.countOutput {
		ss.lastInput.Store(time.Now().UnixNano())
	}
	return n, err
}

// end asks the session to stop for reason (a message key, shown to the user) with status.
// It never blocks: the TUI or the command sees its context cancelled and says goodbye; a
// session still running endGrace later loses its channel, and then its connection.
func (ss *session) end(reason i18n.Key, status int) {
	ss.mu.Lock()
	if ss.ended {
		ss.mu.Unlock()
		return
	}
	ss.ended, ss.reason, ss.status = true, reason, status
	ss.mu.Unlock()
	ss.cancel()
	if reason != "" && !ss.interactive.Load() {
		// A command may be blocked reading stdin: say why now, on stderr (without waiting on
		// a client that may not read), not after the channel is gone.
		go ss.sayReason()
	}
	time.AfterFunc(endGrace, func() {
		select {
		case <-ss.done:
			return
		default:
		}
		_, status := ss.ending()
		_ = ss.Exit(status) // the exit status, then the channel closes: blocked reads return
		time.AfterFunc(endGrace, func() {
			select {
			case <-ss.done:
			default:
				if c, ok := ss.Context().Value(ssh.ContextKeyConn).(*gossh.ServerConn); ok {
					_ = c.Close()
				}
			}
		})
	})
}

// ending is why and with what status the session ends ("", 0 if nobody ended it).
func (ss *session) ending() (i18n.Key, int) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.reason, ss.status
}

// sayReason tells the user, once, why the server ended the session (nothing if it did not).
func (ss *session) sayReason() {
	if reason, _ := ss.ending(); reason != "" {
		ss.sayOnce.Do(func() { ss.say(reason) })
	}
}

// recordPanic keeps the first panic of the session and its stack, for the log.
func (ss *session) recordPanic(v any, stack []byte) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if ss.panicV == nil {
		ss.panicV, ss.stack = v, stack
	}
}

func (ss *session) panicked() (any, []byte) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return ss.panicV, ss.stack
}

// say writes a message from the server on its own lines (stderr for commands).
func (ss *session) say(key i18n.Key, args ...any) {
	msg := "\r\n" + i18n.T(ss.lang, key, args...) + "\r\n"
	if _, _, pty := ss.Pty(); pty {
		_, _ = fmt.Fprint(ss.Session, msg)
		return
	}
	_, _ = fmt.Fprint(ss.Stderr(), strings.TrimPrefix(msg, "\r\n"))
}

// offer hands a live update to the session without ever blocking: a session that has not
// taken the previous one gets this one instead.
func (ss *session) offer(m tui.LiveMsg) {
	putNewest(ss.mailbox, m)
	ss.wake()
}

// putNewest puts v in ch (a buffer of one) without blocking, in place of a value not yet
// taken.
func putNewest[T any](ch chan T, v T) {
	for range 2 {
		select {
		case ch <- v:
			return
		default:
		}
		select {
		case <-ch:
		default:
		}
	}
}

// wake starts the delivery of what waits in sizes and mailbox, unless it is running: one
// goroutine per session while something waits, none while it is idle. A message put in a box
// while the running delivery ends is seen by one of the two: the delivery looks again after it
// says it stopped, and wake starts a new one once it has.
func (ss *session) wake() {
	d := ss.deliver.Load()
	if d == nil || !ss.delivering.CompareAndSwap(false, true) {
		return
	}
	go func() {
		for {
			(*d)() // until both boxes are empty (p.Send returns when the program has ended)
			ss.delivering.Store(false)
			if len(ss.sizes) == 0 && len(ss.mailbox) == 0 || !ss.delivering.CompareAndSwap(false, true) {
				return
			}
		}
	}()
}

// putSize hands the newest terminal size to the TUI without ever blocking: a size not yet
// taken is replaced.
func (ss *session) putSize(w ssh.Window) {
	putNewest(ss.sizes, w)
	ss.wake()
}

// chanBox is what a session channel's request filter (filterRequests) hands to the session
// with a terminal on it: the newest size, and the end of the channel's requests, which ends
// the session (the client closed the channel: bubbletea would go on drawing for nobody; the
// end of input alone is not the end of the session). The filter's goroutine does this for
// the whole life of the channel, so the session needs no goroutine of its own for it. Before
// the session attaches, the box keeps both.
type chanBox struct {
	mu     sync.Mutex
	size   *ssh.Window
	closed bool
	ss     *session
}

// boxOf is the chanBox of a session's channel (nil for a session not made by sessionChannel).
func boxOf(ls ssh.Session) *chanBox {
	b, _ := ls.Context().Value(chanBoxKey{}).(*chanBox)
	return b
}

func (b *chanBox) put(w ssh.Window) {
	b.mu.Lock()
	ss := b.ss
	if ss == nil {
		b.size = &w
	}
	b.mu.Unlock()
	if ss != nil {
		ss.putSize(w)
	}
}

func (b *chanBox) close() {
	b.mu.Lock()
	ss := b.ss
	b.closed = true
	b.mu.Unlock()
	if ss != nil {
		ss.end("", 0)
	}
}

// attach makes ss the session of the box: it gets what came before and what comes after.
func (b *chanBox) attach(ss *session) {
	b.mu.Lock()
	b.ss = ss
	size, closed := b.size, b.closed
	b.size = nil
	b.mu.Unlock()
	if size != nil {
		ss.putSize(*size)
	}
	if closed {
		ss.end("", 0)
	}
}

// --- the middleware chain (see Server.handler for the order) ---

func (s *Server) recoverMiddleware(next ssh.Handler) ssh.Handler {
	return func(ls ssh.Session) {
		ss := s.newSession(ls)
		if pty, _, ok := ls.Pty(); ok {
			ss.putSize(pty.Window) // the size of the pty-req, then any newer one (attach)
			if box := boxOf(ls); box != nil {
				box.attach(ss)
			}
		}
		defer close(ss.done)
		defer ss.cancel()
		defer func() {
			r := recover()
			if r == nil {
				return
			}
			s.log.Error("session panic", "remote", ss.RemoteAddr().String(), "user", ss.id.Actor(),
				"panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			ss.say(i18n.Apology)
			_ = ss.Exit(1)
		}()
		next(ss)
	}
}

func (s *Server) admitMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		ss := sess.(*session)
		if s.closing.Load() {
			ss.say(i18n.Restarting)
			_ = ss.Exit(1)
			return
		}
		if refusal := s.reg.add(ss, s.cfg.MaxSessions, s.cfg.MaxSessionsPerIP); refusal != "" {
			s.log.Info("session refused", "remote", ss.RemoteAddr().String(), "reason", string(refusal))
			ss.say(refusal)
			_ = ss.Exit(1)
			return
		}
		defer s.reg.remove(ss)
		next(ss)
	}
}

func (s *Server) identifyMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		ss := sess.(*session)
		id, err := s.cfg.Auth.Identify(ss.Session)
		if err != nil {
			s.log.Error("identify", "remote", ss.RemoteAddr().String(), "err", err)
			ss.say(i18n.ErrInternal)
			_ = ss.Exit(1)
			return
		}
		ss.id = id
		next(ss)
	}
}

func (s *Server) loggingMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		ss := sess.(*session)
		next(ss)
		reason, status := ss.ending()
		kv := []any{
			"remote", ss.RemoteAddr().String(),
			"user", ss.id.Actor(),
			"role", ss.id.Role.String(),
			"fp", ss.id.Fingerprint,
			"kind", ss.kind,
			"duration", time.Since(ss.start).Round(time.Millisecond),
			"status", status,
		}
		if reason != "" {
			kv = append(kv, "end", string(reason))
		}
		s.log.Info("session", kv...)
	}
}

func (s *Server) idleMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		ss := sess.(*session)
		idle := s.cfg.IdleTimeout
		check := func() {
			next, end := ss.idleStep(idle) // and the TUI's warning a minute before (idle.go)
			if end {
				status := 0 // a reader's session simply ends; a command did not finish
				if !ss.interactive.Load() {
					status = 1
				}
				ss.end(i18n.IdleTimeout, status)
				return
			}
			ss.mu.Lock()
			if !ss.ended {
				ss.idleTimer.Reset(next)
			}
			ss.mu.Unlock()
		}
		ss.mu.Lock()
		ss.idleTimer = time.AfterFunc(idle-idleWarnLead(idle), check)
		ss.mu.Unlock()
		defer func() {
			ss.mu.Lock()
			ss.idleTimer.Stop()
			ss.mu.Unlock()
		}()
		next(ss)
	}
}

func (s *Server) dispatchMiddleware(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		ss := sess.(*session)
		if _, _, pty := ss.Pty(); pty && ss.RawCommand() == "" {
			s.runTUI(ss)
		} else {
			s.runCommand(ss)
		}
		next(ss)
	}
}

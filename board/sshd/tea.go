package sshd

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime/debug"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	bm "charm.land/wish/v2/bubbletea"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

	"bangtin/board/i18n"
	"bangtin/board/tui"
)

// runTUI runs the board's TUI for a session with a PTY until the user quits, the session is
// ended (idle, shutdown) or the TUI panics; then it says why and exits.
func (s *Server) runTUI(ss *session) {
	ss.kind = "tui"
	pty, _, _ := ss.Pty()
	var scr *screen // made below, before the program runs; the TUI reads its colour profile
	env := tui.Env{
		Board:     s.cfg.Board,
		Identity:  ss.id,
		Lang:      ss.lang,
		BoardName: s.cfg.BoardName,
		Online:    s.Online,
		Width:     pty.Window.Width,
		Height:    pty.Window.Height,
		NoColor:   noColor(pty.Term, ss.Environ()),
		Cache:     s.tui,
		// Pictures' art is made in the colours the screen draws (raised by the terminal's
		// answers), and download commands name the address this client reached.
		Profile:    func() colorprofile.Profile { scr.mu.Lock(); defer scr.mu.Unlock(); return scr.profile },
		ServerAddr: ss.LocalAddr(),
		PublicHost: s.cfg.PublicHost,
		Frames:     s.frames,
	}
	m := tui.New(env)
	if s.cfg.WrapModel != nil {
		m = s.cfg.WrapModel(m)
	}
	if m == nil {
		s.log.Error("tui: no model", "remote", ss.RemoteAddr().String())
		ss.say(i18n.Apology)
		_ = ss.Exit(1)
		return
	}

	profile := colorprofile.Env(append(ss.Environ(), "TERM="+pty.Term))
	scr = newScreen(ss, pty.Window.Width, pty.Window.Height, profile, time.Second/time.Duration(s.cfg.FPS))
	scr.draws = s.draws
	scr.onPanic = func(v any, stack []byte) {
		ss.recordPanic(v, stack)
		ss.cancel() // Run returns, and the panic is logged and the session ended below
	}
	opts := append(bm.MakeOptions(ss), // output, env, size, colours
		tea.WithInput(nil),         // the board reads the input itself (input.go): no key table per session
		tea.WithoutRenderer(),      // the screen draws the frames (screen.go)
		tea.WithOutput(scr),        // bubbletea's own output goes between the frames
		tea.WithFPS(1),             // the tick now only flushes bubbletea's own queries: none are sent
		tea.WithContext(ss.ctx),    // session.end and a closed connection stop the program
		tea.WithoutSignalHandler(), // the server's SIGINT/SIGTERM are not the session's
		tea.WithFilter(screenFilter(scr)),
	)
	p := tea.NewProgram(&guardModel{inner: m, ss: ss, scr: scr}, opts...)
	ss.setIdleWarn(func(m tui.IdleMsg) { p.Send(m) }) // idle.go: a minute before an idle close

	s.reg.setLive(ss, true)
	defer s.reg.setLive(ss, false)
	ss.offer(tui.LiveMsg{Online: s.Online(), Version: s.cfg.Board.Version()}) // the state now
	s.cfg.Board.RecordVisit(ss.id, time.Now())

	// Sizes and live updates reach the program from their one-slot boxes, in a goroutine that
	// runs only while one waits (session.wake); p.Send returns when the program ends, so a
	// stalled program holds that goroutine and nothing else.
	deliver := func() {
		for {
			select {
			case w := <-ss.sizes:
				scr.resize(w.Width, w.Height)
				p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
			case lm := <-ss.mailbox:
				p.Send(lm)
			default:
				return
			}
		}
	}
	ss.deliver.Store(&deliver)
	ss.wake() // what came before

	// The session's input (timed by session.Read), decoded by the board and sent to the
	// program; the goroutine ends when the channel closes (below, at Exit) or fails.
	go readInput(ss.ctx, ss, newInputDecoder(func(ev uv.Event) { p.Send(ev) }, escTimeout))

	scr.begin(termQueries(profile)) // the alternate screen at once, and what the terminal is
	_, err := p.Run()
	p.Kill() // stops what Run left running if it ended abnormally; a no-op otherwise
	ss.cancel()
	scr.close() // the terminal as it was, before any goodbye

	if v, stack := ss.panicked(); v != nil || errors.Is(err, tea.ErrProgramPanic) {
		if v == nil {
			v, stack = "panic caught by bubbletea (stack on stderr)", nil
		}
		s.log.Error("tui panic", "remote", ss.RemoteAddr().String(), "user", ss.id.Actor(),
			"panic", fmt.Sprint(v), "stack", string(stack))
		ss.end(i18n.Apology, 1)
	} else if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, io.EOF) {
		s.log.Debug("tui ended", "remote", ss.RemoteAddr().String(), "err", err)
	}
	ss.sayReason()
	_, status := ss.ending()
	_ = ss.Exit(status)
}

// screenFilter takes out of the program's messages what belongs to the screen: the terminal's
// answers to the screen's queries (never keys for the TUI, whatever page is open) and Ctrl-L,
// which repaints the screen from scratch on every page (a text field never sees it).
func screenFilter(scr *screen) func(tea.Model, tea.Msg) tea.Msg {
	return func(_ tea.Model, msg tea.Msg) tea.Msg {
		switch m := msg.(type) {
		case tea.ModeReportMsg:
			if m.Mode == ansi.ModeUnicodeCore {
				scr.learnMode(m.Value)
				return nil
			}
		case tea.TerminalVersionMsg:
			scr.learnName(m.Name)
			return nil
		case uv.SecondaryDeviceAttributesEvent:
			scr.learnDA2(m)
			return nil
		case uv.PrimaryDeviceAttributesEvent, uv.TertiaryDeviceAttributesEvent:
			return nil // answers to queries the screen did not make (a DA2 taken for DA1)
		case tea.KeyPressMsg:
			if m.Code == 'l' && m.Mod&^(tea.ModCapsLock|tea.ModNumLock|tea.ModScrollLock) == tea.ModCtrl {
				scr.repaint()
				return nil
			}
		}
		return msg
	}
}

// noColor reports whether the client asked for no colour: TERM=dumb or NO_COLOR set.
func noColor(term string, env []string) bool {
	if term == "dumb" {
		return true
	}
	for _, kv := range env {
		if k, v, _ := strings.Cut(kv, "="); k == "NO_COLOR" && v != "" {
			return true
		}
	}
	return false
}

// guardModel wraps a session's model so that a panic in Init, Update, View or a tea.Cmd (also
// inside tea.Batch and tea.Sequence) is recorded with its stack for the log, then re-raised
// for bubbletea's own panic catching, which restores the terminal and ends the program.
type guardModel struct {
	inner tea.Model
	ss    *session
	scr   *screen // draws the views
}

func (g *guardModel) catch() {
	if r := recover(); r != nil {
		g.ss.recordPanic(r, debug.Stack())
		panic(r)
	}
}

func (g *guardModel) Init() tea.Cmd {
	defer g.catch()
	return g.wrap(g.inner.Init())
}

func (g *guardModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	defer g.catch()
	m, cmd := g.inner.Update(msg)
	g.inner = m
	return g, g.wrap(cmd)
}

func (g *guardModel) View() tea.View {
	defer g.catch()
	v := g.inner.View()
	ready := true // a model that does not say is complete at once
	if r, ok := g.inner.(interface{ Ready() bool }); ok {
		ready = r.Ready()
	}
	shared := false // the same frame string as other sessions' (tui.Frames)
	if sf, ok := g.inner.(interface{ SharedFrame() bool }); ok {
		shared = sf.SharedFrame()
	}
	g.scr.setFrame(v.Content, ready, shared)
	return v
}

var cmdType = reflect.TypeFor[tea.Cmd]()

func (g *guardModel) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		defer g.catch()
		msg := cmd()
		// tea.BatchMsg and tea.Sequence's unexported message are slices of commands that
		// bubbletea runs itself: guard each of them too.
		if v := reflect.ValueOf(msg); v.IsValid() && v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
			out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
			for i := range v.Len() {
				c, _ := v.Index(i).Interface().(tea.Cmd)
				out.Index(i).Set(reflect.ValueOf(g.wrap(c)))
			}
			return out.Interface()
		}
		return msg
	}
}

package sshd

import (
	"bytes"
	"io"
	"strings"
	"sync"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// bubbletea draws nothing before its first render tick (33 ms at 30 fps), and a new session
// waits for it. firstFrame draws the first complete screen at once instead: when the model
// first reports Ready (its data loaded), the View is written to the client in the alternate
// screen, before bubbletea has written anything; bubbletea's first frame then repaints the same
// screen. The terminal sees one alternate-screen entry (ours, which saves the cursor, so that
// bubbletea's exit restores it) and one terminal query (ours, answered while the session is
// surely alive: bubbletea handles the answer whenever it comes): the writer drops bubbletea's
// own entry sequence and query once each.
type firstFrame struct {
	w       io.Writer
	width   int
	height  int
	profile colorprofile.Profile
	query   string // bubbletea's start-up query, "" if it sends none for this terminal

	mu      sync.Mutex
	written bool     // bubbletea has written something: too late for a first frame of ours
	drawn   bool     // our first frame is on the screen
	drop    []string // sequences of bubbletea's still to drop (once each)
}

func newFirstFrame(w io.Writer, width, height int, environ []string) *firstFrame {
	f := &firstFrame{w: w, width: width, height: height, profile: colorprofile.Env(environ)}
	if bubbleteaQueries(environ) {
		f.query = ansi.RequestModeSynchronizedOutput + ansi.RequestModeUnicodeCore
	}
	return f
}

// bubbleteaQueries is bubbletea v2.1's shouldQuerySynchronizedOutput (tea.go): whether its
// Program asks the terminal about synchronized output and Unicode core at start.
func bubbleteaQueries(environ []string) bool {
	env := map[string]string{}
	for _, kv := range environ {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	termType := env["TERM"]
	termProg, okTermProg := env["TERM_PROGRAM"]
	_, okSSHTTY := env["SSH_TTY"]
	_, okWTSession := env["WT_SESSION"]
	return (!okTermProg && !okSSHTTY) ||
		okWTSession ||
		(okTermProg && !strings.Contains(termProg, "Apple") && !okSSHTTY) ||
		strings.Contains(termType, "ghostty") ||
		strings.Contains(termType, "wezterm") ||
		strings.Contains(termType, "alacritty") ||
		strings.Contains(termType, "kitty") ||
		strings.Contains(termType, "rio")
}

// resize follows the terminal's size until the first frame is drawn.
func (f *firstFrame) resize(w, h int) {
	f.mu.Lock()
	f.width, f.height = w, h
	f.mu.Unlock()
}

// Write is bubbletea's output.
func (f *firstFrame) Write(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.written = true
	q := p
	for i := 0; i < len(f.drop); {
		if j := bytes.Index(q, []byte(f.drop[i])); j >= 0 {
			q = append(append(make([]byte, 0, len(q)), q[:j]...), q[j+len(f.drop[i]):]...)
			f.drop = append(f.drop[:i], f.drop[i+1:]...)
			continue
		}
		i++
	}
	if len(q) == 0 {
		return len(p), nil
	}
	if _, err := f.w.Write(q); err != nil {
		return 0, err
	}
	return len(p), nil
}

// draw writes v as the first frame if bubbletea has not written yet and v fits the terminal.
func (f *firstFrame) draw(v tea.View) {
	if !v.AltScreen {
		return
	}
	f.mu.Lock()
	w, h := f.width, f.height
	f.mu.Unlock()
	lines := strings.Split(v.Content, "\n")
	if len(lines) > h {
		return
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > w {
			return
		}
	}
	var b bytes.Buffer
	b.WriteString(f.query + ansi.SetModeAltScreenSaveCursor + ansi.HideCursor + ansi.CursorHomePosition + ansi.EraseEntireScreen)
	cw := &colorprofile.Writer{Forward: &b, Profile: f.profile}
	for i, l := range lines {
		if i > 0 {
			b.WriteString("\r\n")
		}
		_, _ = cw.WriteString(l + ansi.ResetStyle)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.written || f.drawn {
		return
	}
	if _, err := f.w.Write(b.Bytes()); err == nil {
		f.drawn = true
		f.drop = []string{ansi.SetModeAltScreenSaveCursor}
		if f.query != "" {
			f.drop = append(f.drop, f.query)
		}
	}
}

package tui

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/vt"

	"bangtin/board/boardtest"
	"bangtin/board/i18n"
)

// terminal is what a client sees: bubbletea's output drawn on an emulated screen, with a count
// of the bytes received.
type terminal struct {
	mu    sync.Mutex
	e     *vt.Emulator
	bytes int
}

func (t *terminal) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.bytes += len(p)
	return t.e.Write(p)
}

func (t *terminal) resize(w, h int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.e.Resize(w, h)
}

func (t *terminal) snapshot() (string, int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.e.String(), t.bytes
}

// waitFor polls the screen until it shows want (bounded; never a timing assertion).
func (t *terminal) waitFor(tb testing.TB, want string) int {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		scr, n := t.snapshot()
		if strings.Contains(scr, want) {
			return n
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%q never appeared; screen:\n%s", want, scr)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// settle waits until no byte has arrived for a while and returns the count.
func (t *terminal) settle() int {
	_, last := t.snapshot()
	for {
		time.Sleep(60 * time.Millisecond)
		_, n := t.snapshot()
		if n == last {
			return n
		}
		last = n
	}
}

// TestRealProgram runs the model in a real bubbletea program and reads the screen a client would
// see: the home screen, a thread, back; and counts the bytes of one down arrow.
func TestRealProgram(t *testing.T) {
	b, _ := seeded(t)
	for i := range 14 {
		boardtest.Thread(t, b, "Thông báo bổ sung số "+string(rune('A'+i)), "Nội dung.")
	}
	term := &terminal{e: vt.NewEmulator(80, 24)}
	t.Cleanup(func() { term.e.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	env := envFor(b, i18n.Vi, reader)
	env.NoColor = false
	// No input: the program then asks the terminal nothing (the emulator's answers would need
	// a reader).
	p := tea.NewProgram(New(env), tea.WithContext(ctx), tea.WithInput(nil), tea.WithOutput(term),
		tea.WithWindowSize(80, 24), tea.WithoutSignals(), tea.WithColorProfile(colorprofile.ANSI256),
		tea.WithEnvironment([]string{"TERM=xterm-256color"}))
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	defer func() {
		p.Quit()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("the program did not stop")
		}
	}()

	term.waitFor(t, "Thống kê truy cập")
	full := term.settle()
	p.Send(keyMsg("down"))
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		if _, n := term.snapshot(); n > full {
			break
		}
	}
	after := term.settle()
	t.Logf("first frame %d bytes; one down arrow %d bytes (%.1f%%)", full, after-full, 100*float64(after-full)/float64(full))
	if after == full {
		t.Error("the down arrow sent nothing")
	}
	if (after-full)*10 >= full {
		t.Errorf("a down arrow sent %d bytes, not under 10%% of the first frame (%d)", after-full, full)
	}

	p.Send(keyMsg("enter"))
	term.waitFor(t, "Tin khác")
	p.Send(keyMsg("esc"))
	term.waitFor(t, "Thống kê truy cập")
	p.Send(tea.WindowSizeMsg{Width: 100, Height: 30})
	term.resize(100, 30)
	p.Send(keyMsg("L"))
	term.waitFor(t, "Online now")
}

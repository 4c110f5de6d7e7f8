package sshd

import (
	"context"
	"fmt"
	"io"
	"slices"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// events collects what an inputDecoder sends, described as text.
type events struct {
	mu   sync.Mutex
	got  []string
	more chan struct{}
}

func newEvents() *events { return &events{more: make(chan struct{}, 1)} }

func (e *events) send(ev uv.Event) {
	e.mu.Lock()
	e.got = append(e.got, describeEvent(ev))
	e.mu.Unlock()
	select {
	case e.more <- struct{}{}:
	default:
	}
}

func (e *events) list() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.got)
}

// wait returns the events once there are at least n, or what there is after 5 s.
func (e *events) wait(n int) []string {
	deadline := time.After(5 * time.Second)
	for {
		if got := e.list(); len(got) >= n {
			return got
		}
		select {
		case <-e.more:
		case <-deadline:
			return e.list()
		}
	}
}

func describeEvent(ev uv.Event) string {
	switch ev := ev.(type) {
	case uv.KeyPressEvent:
		return "key " + ev.Keystroke()
	case uv.PasteEvent:
		return fmt.Sprintf("paste %q", ev.Content)
	case uv.PasteStartEvent:
		return "paste-start"
	case uv.PasteEndEvent:
		return "paste-end"
	case uv.PrimaryDeviceAttributesEvent:
		return fmt.Sprintf("da1 %v", []int(ev))
	case uv.SecondaryDeviceAttributesEvent:
		return fmt.Sprintf("da2 %v", []int(ev))
	case uv.ModeReportEvent:
		return fmt.Sprintf("mode %d=%d", ev.Mode, ev.Value)
	case uv.TerminalVersionEvent:
		return fmt.Sprintf("version %q", ev.Name)
	case uv.CursorPositionEvent:
		return fmt.Sprintf("cpr %d,%d", ev.Y, ev.X)
	}
	return fmt.Sprintf("%T %v", ev, ev)
}

func TestInputDecoder(t *testing.T) {
	tests := []struct {
		name  string
		reads []string // what the session's channel gives, read by read
		want  []string
	}{
		{"xterm arrows", []string{"\x1b[A\x1b[B\x1b[C\x1b[D"}, []string{"key up", "key down", "key right", "key left"}},
		{"application-mode arrows", []string{"\x1bOA\x1bOB\x1bOC\x1bOD"}, []string{"key up", "key down", "key right", "key left"}},
		{"PuTTY home and end", []string{"\x1b[1~\x1b[4~"}, []string{"key home", "key end"}},
		{"xterm home, pgup, pgdown", []string{"\x1b[H\x1b[5~\x1b[6~"}, []string{"key home", "key pgup", "key pgdown"}},
		{"PuTTY F1", []string{"\x1b[11~"}, []string{"key f1"}},
		{"enter and backspace", []string{"a\r\x7f"}, []string{"key a", "key enter", "key backspace"}},
		{"UTF-8 ế", []string{"ế"}, []string{"key ế"}},
		{"UTF-8 cut by the read", []string{"\xe1\xba", "\xbf"}, []string{"key ế"}},
		{"sequence cut by the read", []string{"\x1b", "[", "A"}, []string{"key up"}},
		{"lone ESC after the timeout", []string{"\x1b"}, []string{"key esc"}},
		{"ESC then a key is alt+key", []string{"\x1bx"}, []string{"key alt+x"}},
		{"bracketed paste is one paste", []string{"\x1b[200~Xin chào,\r\nthế giới 👋\tok\x1b[201~"},
			[]string{"paste-start", `paste "Xin chào,\r\nthế giới 👋\tok"`, "paste-end"}},
		{"paste split across reads", []string{"x\x1b[20", "0~Tiếng Vi\xe1\xbb", "\x87t\x1b", "[201", "~y"},
			[]string{"key x", "paste-start", `paste "Tiếng Việt"`, "paste-end", "key y"}},
		{"paste with an escape inside", []string{"\x1b[200~a\x1b[Ab\x1b[201~"},
			[]string{"paste-start", `paste "a\x1b[Ab"`, "paste-end"}},
		{"DA1 answer", []string{"\x1b[?62;22c"}, []string{"da1 [62 22]"}},
		{"DA2 answer (PuTTY)", []string{"\x1b[>0;136;0c"}, []string{"da2 [0 136 0]"}},
		{"mode 2027 report", []string{"\x1b[?2027;2$y"}, []string{"mode 2027=2"}},
		{"XTVERSION answer", []string{"\x1bP>|tmux 3.3a\x1b\\"}, []string{`version "tmux 3.3a"`}},
		{"answers then keys in one read", []string{"\x1b[?2027;0$y\x1b[>84;0;0cq"}, []string{"mode 2027=0", "da2 [84 0 0]", "key q"}},
		{"cancelled sequence dropped", []string{"\x1b]11;rgb\x18z"}, []string{"key z"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := newEvents()
			d := newInputDecoder(ev.send, escTimeout)
			defer d.stop()
			for _, r := range tt.reads {
				d.feed([]byte(r))
			}
			got := ev.wait(len(tt.want))
			if !slices.Equal(got, tt.want) {
				t.Fatalf("events:\n got  %q\n want %q", got, tt.want)
			}
		})
	}
}

// TestInputDecoderWaits: an ESC, or ESC and one byte, is held until more input or the timeout.
func TestInputDecoderWaits(t *testing.T) {
	ev := newEvents()
	d := newInputDecoder(ev.send, time.Hour) // the timer never fires in this test
	defer d.stop()
	d.feed([]byte("\x1b"))
	if got := ev.list(); len(got) != 0 {
		t.Fatalf("a lone ESC was sent before its timeout: %q", got)
	}
	d.feed([]byte("O"))
	if got := ev.list(); len(got) != 0 {
		t.Fatalf("ESC O was sent before its timeout: %q", got)
	}
	d.feed([]byte("B"))
	if got := ev.list(); !slices.Equal(got, []string{"key down"}) {
		t.Fatalf("ESC O B: got %q, want [key down]", got)
	}
	d.feed([]byte("\x1b"))
	d.flush() // what readInput does when the channel closes
	if got := ev.list(); !slices.Equal(got, []string{"key down", "key esc"}) {
		t.Fatalf("flushed ESC: got %q", got)
	}
}

// TestReadInputEnds: the reader goroutine ends when the channel closes, its timer stopped, and
// sends nothing after.
func TestReadInputEnds(t *testing.T) {
	ev := newEvents()
	d := newInputDecoder(ev.send, escTimeout)
	pr, pw := io.Pipe()
	done := make(chan struct{})
	go func() {
		readInput(context.Background(), pr, d)
		close(done)
	}()
	if _, err := pw.Write([]byte("\x1b[Ak")); err != nil {
		t.Fatal(err)
	}
	if got := ev.wait(2); !slices.Equal(got, []string{"key up", "key k"}) {
		t.Fatalf("got %q", got)
	}
	_ = pw.Close()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("readInput still running after its input closed")
	}
	d.feed([]byte("z"))
	if got := ev.list(); len(got) != 2 {
		t.Fatalf("a stopped decoder sent %q", got[2:])
	}
}

// TestInputReachesModelAsTeaMsgs: events sent to a program arrive translated, as bubbletea's
// own reader would deliver them (tea.KeyPressMsg, tea.PasteMsg), and the screen's filter sees
// the terminal's answers as tea messages.
func TestInputReachesModelAsTeaMsgs(t *testing.T) {
	m := &recordModel{got: make(chan tea.Msg, 16)}
	p := tea.NewProgram(m, tea.WithInput(nil), tea.WithOutput(io.Discard), tea.WithoutRenderer(),
		tea.WithoutSignalHandler())
	d := newInputDecoder(func(ev uv.Event) { p.Send(ev) }, escTimeout)
	defer d.stop()
	ran := make(chan error, 1)
	go func() { _, err := p.Run(); ran <- err }()
	d.feed([]byte("\x1b[A\x1b[200~chào\x1b[201~\x1b[?2027;1$y"))
	var sawKey, sawPaste, sawMode bool
	deadline := time.After(5 * time.Second)
	for !(sawKey && sawPaste && sawMode) {
		select {
		case msg := <-m.got:
			switch msg := msg.(type) {
			case tea.KeyPressMsg:
				sawKey = msg.Code == tea.KeyUp
			case tea.PasteMsg:
				sawPaste = msg.Content == "chào"
			case tea.ModeReportMsg:
				sawMode = msg.Mode == ansi.ModeUnicodeCore && msg.Value == ansi.ModeSet
			case uv.KeyPressEvent, uv.PasteEvent, uv.ModeReportEvent:
				t.Fatalf("untranslated event reached the model: %T", msg)
			}
		case <-deadline:
			t.Fatalf("key %v, paste %v, mode report %v: not all arrived", sawKey, sawPaste, sawMode)
		}
	}
	p.Quit()
	if err := <-ran; err != nil {
		t.Fatal(err)
	}
}

type recordModel struct{ got chan tea.Msg }

func (m *recordModel) Init() tea.Cmd { return nil }
func (m *recordModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	select {
	case m.got <- msg:
	default:
	}
	return m, nil
}
func (m *recordModel) View() tea.View { return tea.NewView("") }

package sshd

import (
	"fmt"
	"net"
	"net/netip"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
	"bangtin/board/boardtest/sshtest"
	"bangtin/board/tui"
)

// hStallConn is a client connection whose reading can be stopped: the client's SSH library
// then stops reading the socket, sends no more window adjustments, and the server's writes to
// it block, as with a client on a dead link or a suspended terminal.
type hStallConn struct {
	net.Conn
	stalled atomic.Bool
	release chan struct{}
}

func (c *hStallConn) Read(p []byte) (int, error) {
	if c.stalled.Load() {
		<-c.release
	}
	return c.Conn.Read(p)
}

// hNoisyModel, after its first key, writes 128 KiB of text to its terminal 50 times a second,
// so that a client that stops reading soon blocks the server's writes.
type hNoisyModel struct{ noisy bool }

type hNoiseTick struct{}

var hNoiseChunk = "\x1b[H" + strings.Repeat("z", 128<<10)

func hNoise() tea.Cmd {
	return tea.Tick(20*time.Millisecond, func(time.Time) tea.Msg { return hNoiseTick{} })
}

func (m *hNoisyModel) Init() tea.Cmd { return nil }

func (m *hNoisyModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg.(type) {
	case tea.KeyPressMsg:
		if !m.noisy {
			m.noisy = true
			return m, hNoise()
		}
	case hNoiseTick:
		return m, tea.Batch(tea.Raw(hNoiseChunk), hNoise())
	}
	return m, nil
}

func (m *hNoisyModel) View() tea.View {
	v := tea.NewView("aaaa NOISY")
	v.AltScreen = true
	return v
}

// hReader shows the board version of the live updates it gets, and the keys it was sent; not
// the online count, so that 200 arrivals do not make every reader redraw 200 times.
type hReader struct {
	version uint64
	keys    int
}

func (m *hReader) Init() tea.Cmd { return nil }

func (m *hReader) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tui.LiveMsg:
		m.version = msg.Version
	case tea.KeyPressMsg:
		m.keys++
	}
	return m, nil
}

func (m *hReader) View() tea.View {
	v := tea.NewView(fmt.Sprintf("READER v=%d keys=%d", m.version, m.keys))
	v.AltScreen = true
	return v
}

var hVersionRe = regexp.MustCompile(`v=(\d+)`)

func hShownVersion(tm *term) uint64 {
	m := hVersionRe.FindStringSubmatch(tm.Screen())
	if m == nil {
		return 0
	}
	v, _ := strconv.ParseUint(m[1], 10, 64)
	return v
}

// TestFloodStalledReaderDoesNotDelayOthers: one client stops reading while its screen keeps
// changing, until the server's writes to it block; 200 other readers (100 under -race, whose
// 200 arrivals take a minute; 40 with -short) still see every board change pushed by the live
// hub, each within the test's bound (the times before and during the stall are logged).
func TestFloodStalledReaderDoesNotDelayOthers(t *testing.T) {
	others := 200
	switch {
	case testing.Short():
		others = 40
	case hRace:
		others = 100
	}
	var made atomic.Int64
	e := startServer(t, func(c *Config) {
		c.MaxSessionsPerIP = others + 10
		c.LoginGrace = time.Minute // 200 sessions start under -race on a busy machine
		// Each arrival changes the online count that every reader redraws: fewer pushes
		// while 200 arrive.
		c.LiveInterval = 200 * time.Millisecond
		c.WrapModel = func(tea.Model) tea.Model {
			if made.Add(1) == 1 {
				return &hNoisyModel{}
			}
			return &hReader{}
		}
	})

	// The client that will stall, first (it gets the noisy model).
	raw, err := net.Dial("tcp", e.addr)
	if err != nil {
		t.Fatal(err)
	}
	sc := &hStallConn{Conn: raw, release: make(chan struct{})}
	t.Cleanup(func() {
		if sc.stalled.Load() {
			close(sc.release)
		}
		_ = raw.Close()
	})
	cc, chans, reqs, err := gossh.NewClientConn(sc, e.addr, e.clientConfig("guest", sshtest.Signer(t)))
	if err != nil {
		t.Fatal(err)
	}
	stalledClient := gossh.NewClient(cc, chans, reqs)
	stalled := e.openTerm(t, stalledClient, termOpts{Width: 400, Height: 200})
	stalled.WaitScreen("the still screen", func(s string) bool { return strings.HasPrefix(s, "aaaa") })

	// The readers, ten sessions per connection, opened by ten at once.
	t0 := time.Now()
	readers := make([]*term, others)
	var wg sync.WaitGroup
	for i := 0; i < others; i += DefaultMaxChannelsPerConn {
		c := e.dial(t)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := i; j < min(others, i+DefaultMaxChannelsPerConn); j++ {
				readers[j] = e.openTerm(t, c, termOpts{})
			}
		}()
	}
	wg.Wait()
	for _, r := range readers {
		r.WaitFor("READER")
	}
	setup := time.Since(t0)

	visit := 0
	// bump changes the board and returns how long until every reader showed the new version.
	bump := func() time.Duration {
		t.Helper()
		visit++
		start := time.Now()
		e.board.RecordVisit(board.Identity{Addr: netip.AddrFrom4([4]byte{10, 9, byte(visit >> 8), byte(visit)})}, time.Now())
		want := e.board.Version()
		deadline := start.Add(30 * time.Second)
		late := readers
		for {
			// Only the readers not yet seen up to date are looked at again (a screen costs a
			// render of the emulator).
			var still []*term
			for _, r := range late {
				if hShownVersion(r) < want {
					still = append(still, r)
				}
			}
			late = still
			if len(late) == 0 {
				return time.Since(start)
			}
			if time.Now().After(deadline) {
				t.Fatalf("%d of %d readers did not see board version %d within 30 s", len(late), len(readers), want)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	var before, during []time.Duration
	for range 3 {
		before = append(before, bump())
	}

	// Start the noise, stall, and keep resizing the stalled terminal (full redraws) until the
	// server blocks.
	t1 := time.Now()
	stalled.Send("x")
	stalled.WaitFor("zzzz")
	sc.stalled.Store(true)
	deadline := time.Now().Add(30 * time.Second)
	blockedSeen := 0
	for i := 0; blockedSeen < 3; i++ {
		if time.Now().After(deadline) {
			t.Fatal("the server never blocked writing to the stalled client: the test did not exercise a stalled reader")
		}
		_ = stalled.Session().WindowChange(200-i%2, 400)
		if e.writeBlocked(500 * time.Millisecond) {
			blockedSeen++
		} else {
			blockedSeen = 0
		}
		time.Sleep(100 * time.Millisecond)
	}
	stallSetup := time.Since(t1)
	for range 3 {
		during = append(during, bump())
	}
	// The client still does not read: its session's writes still wait. (A write may complete
	// now and then, as the client's SSH library hands on what it had already received and opens
	// the window a little, so this asks for a write waiting 200 ms within 5 s, which a client
	// that reads never causes.)
	for deadline := time.Now().Add(5 * time.Second); !e.writeBlocked(200 * time.Millisecond); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the stalled session's writes were no longer blocked while the readers were measured")
		}
	}
	t.Logf("%d readers (opened in %v) saw each board change: before the stall %v, with one client stalled (blocked after %v) %v",
		others, setup.Round(time.Millisecond), before, stallSetup.Round(time.Millisecond), during)
	// The times are logged, not asserted (speed is the load tool's to measure): what must hold
	// is that every reader saw every change (bump's bound) while one client's writes blocked.
	// Readers still answer keys.
	readers[0].Send("x")
	readers[0].WaitFor("keys=1")
}

// TestFloodHugePtyRealTUI: the board's own TUI (not a probe) asked for 65535×65535, then a storm
// of window changes, keeps its memory bounded and ends at the last size asked for.
func TestFloodHugePtyRealTUI(t *testing.T) {
	storm := 3000
	if testing.Short() {
		storm = 500
	}
	e := startBoard(t, hSlowGrace)
	var m0 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)

	tm := e.openTerm(t, nil, termOpts{Width: 65535, Height: 65535})
	tm.WaitFor("Thống kê truy cập")
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // samples the heap while the storm runs
		defer wg.Done()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak.Load() {
				peak.Store(m.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	for i := range storm {
		w, h := 65535-i, 65535-i/2
		if i%2 == 0 {
			w, h = 1+i%300, 1+i%150
		}
		if err := tm.Session().WindowChange(h, w); err != nil {
			t.Fatalf("window change %d: %v", i, err)
		}
	}
	tm.Resize(100, 30)
	tm.WaitScreen("the board at 100×30", func(s string) bool {
		l := strings.TrimRight(lineWith(s, testBoardName), " ")
		return strings.HasSuffix(l, "Khách") && len([]rune(l)) > 90
	})
	close(stop)
	wg.Wait()
	grew := int64(peak.Load()) - int64(m0.HeapInuse)
	t.Logf("65535×65535 and %d window changes: heap in use peaked %d MiB above the start", storm, grew>>20)
	if grew > 256<<20 {
		t.Errorf("heap grew by %d MiB", grew>>20)
	}
	tm.Send("qy") // q on home asks before leaving; y leaves
	if st := tm.WaitExit(); st != 0 {
		t.Errorf("exit status %d", st)
	}
}

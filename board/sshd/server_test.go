package sshd

import (
	"bufio"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"net/netip"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
	"bangtin/board/boardtest/sshtest"
	"bangtin/board/i18n"
)

func TestProbeResizeAndLiveUpdate(t *testing.T) {
	rec := &probeRecord{}
	e := startServer(t, withProbe(rec))

	a := e.openTerm(t, nil, termOpts{Width: 80, Height: 24})
	a.WaitFor("online=1 size=80x24")

	// A window change reaches the model and the screen reflows.
	a.Resize(100, 30)
	a.WaitFor("size=100x30")

	// Another reader arrives: the first sees the count change without pressing a key.
	b := e.openTerm(t, nil, termOpts{})
	b.WaitFor("online=2")
	a.WaitFor("online=2")
	if s := a.Screen(); !strings.Contains(s, "keys=0") {
		t.Fatalf("the first session had input it did not send:\n%s", s)
	}
	if got := e.srv.Online(); got != 2 {
		t.Fatalf("Online() = %d, want 2", got)
	}

	// The second leaves: the first sees it too.
	b.Send("q")
	if st := b.WaitExit(); st != 0 {
		t.Fatalf("quit: exit status %d, want 0", st)
	}
	a.WaitFor("online=1")
}

func TestPanicEndsOnlyThatSession(t *testing.T) {
	for _, tc := range []struct{ name, key, where string }{
		{"update", "P", "Update"},
		{"view", "V", "View"},
		{"cmd", "C", "Cmd"},
		{"batch", "B", "Batch"},
		{"sequence", "S", "Sequence"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := startServer(t, withProbe(&probeRecord{}))
			other := e.openTerm(t, nil, termOpts{})
			other.WaitFor("online=1")
			victim := e.openTerm(t, nil, termOpts{Env: map[string]string{"LANG": "en_US.UTF-8"}})
			victim.WaitFor("online=2")

			victim.Send(tc.key)
			if st := victim.WaitExit(); st != 1 {
				t.Errorf("exit status %d, want 1", st)
			}
			if out := victim.Raw(); !strings.Contains(out, i18n.T(i18n.En, i18n.Apology)) {
				t.Errorf("no apology in the output:\n%q", out)
			}
			logs := e.logs.String()
			if !strings.Contains(logs, "probe: panic in "+tc.where) {
				t.Errorf("the panic is not logged:\n%s", logs)
			}
			if tc.where != "Sequence" && !strings.Contains(logs, "sshd.(*probe)") && !strings.Contains(logs, "sshd.panicCmd") {
				t.Errorf("the panic's stack is not logged:\n%s", logs)
			}

			// The other session goes on: it sees the victim leave, and answers keys.
			other.WaitFor("online=1")
			other.Send("x")
			other.WaitFor("keys=1")
			// New connections work.
			fresh := e.openTerm(t, nil, termOpts{})
			fresh.WaitFor("online=2")
		})
	}
}

func TestTerminalSizeClamped(t *testing.T) {
	rec := &probeRecord{}
	e := startServer(t, withProbe(rec))
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)

	tm := e.openTerm(t, nil, termOpts{Width: 65535, Height: 65535})
	tm.WaitFor("size=400x200")
	for i := range 3000 { // a storm of window changes, most of them absurd
		w, h := 65535-i, 65535
		if i%3 == 0 {
			w, h = 10000+i, 10000
		}
		if err := tm.Session().WindowChange(h, w); err != nil {
			t.Fatalf("window change %d: %v", i, err)
		}
	}
	if err := tm.Session().WindowChange(50, 120); err != nil {
		t.Fatal(err)
	}
	tm.WaitFor("size=120x50")

	for _, s := range rec.all() {
		if s[0] < 1 || s[0] > MaxWidth || s[1] < 1 || s[1] > MaxHeight {
			t.Fatalf("the model saw %dx%d, beyond %dx%d", s[0], s[1], MaxWidth, MaxHeight)
		}
	}
	if n := len(rec.all()); n > 3000 {
		t.Errorf("the model saw %d sizes for 3002 requests: window changes are not coalesced", n)
	}
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	if grew := int64(after.HeapInuse) - int64(before.HeapInuse); grew > 256<<20 {
		t.Errorf("heap grew by %d MiB", grew>>20)
	}
	// The server is still up.
	e.openTerm(t, nil, termOpts{}).WaitFor("online=2")
}

// The largest terminal is a limit with a setting: a smaller one clamps claims and resizes to it.
func TestTerminalSizeLimitConfigured(t *testing.T) {
	rec := &probeRecord{}
	e := startServer(t, func(c *Config) {
		withProbe(rec)(c)
		c.MaxTermWidth, c.MaxTermHeight = 100, 30
	})
	tm := e.openTerm(t, nil, termOpts{Width: 300, Height: 100})
	tm.WaitFor("size=100x30")
	if err := tm.Session().WindowChange(20, 90); err != nil {
		t.Fatal(err)
	}
	tm.WaitFor("size=90x20")
	if err := tm.Session().WindowChange(50, 120); err != nil {
		t.Fatal(err)
	}
	tm.WaitFor("size=100x30")
}

func TestClampDim(t *testing.T) {
	for _, tc := range []struct{ v, def, max, want uint32 }{
		{0, 80, 400, 80},
		{1, 80, 400, 1},
		{400, 80, 400, 400},
		{401, 80, 400, 400},
		{65535, 24, 200, 200},
		{1 << 31, 24, 200, 200},
	} {
		if got := clampDim(tc.v, tc.def, tc.max); got != tc.want {
			t.Errorf("clampDim(%d, %d, %d) = %d, want %d", tc.v, tc.def, tc.max, got, tc.want)
		}
	}
}

func TestSessionLimits(t *testing.T) {
	for _, tc := range []struct {
		name      string
		mutate    func(*Config)
		lang      i18n.Lang
		refusal   i18n.Key
		admitted  int
		usePerIP  bool
		sessionLn bool
	}{
		{"per IP vi", func(c *Config) { c.MaxSessionsPerIP = 3 }, i18n.Vi, i18n.TooManySessionsForIP, 3, true, false},
		{"per IP en", func(c *Config) { c.MaxSessionsPerIP = 3 }, i18n.En, i18n.TooManySessionsForIP, 3, true, false},
		{"server-wide", func(c *Config) { c.MaxSessions = 2 }, i18n.Vi, i18n.TooManySessions, 2, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := startServer(t, func(c *Config) { withProbe(&probeRecord{})(c); tc.mutate(c) })
			env := map[string]string{}
			if tc.lang == i18n.En {
				env["LANG"] = "en_GB.UTF-8"
			}
			var open []*term
			for range tc.admitted {
				tm := e.openTerm(t, nil, termOpts{Env: env})
				tm.WaitFor("PROBE")
				open = append(open, tm)
			}
			refused := e.openTerm(t, nil, termOpts{Env: env})
			if st := refused.WaitExit(); st != 1 {
				t.Errorf("refused session: exit status %d, want 1", st)
			}
			if out := refused.Raw(); !strings.Contains(out, i18n.T(tc.lang, tc.refusal)) {
				t.Errorf("refusal message missing; output %q", out)
			}
			// The admitted sessions are untouched, and a place freed is a place taken.
			open[0].Send("q")
			open[0].WaitExit()
			deadline := time.Now().Add(5 * time.Second)
			for e.srv.reg.count() >= tc.admitted && time.Now().Before(deadline) {
				time.Sleep(10 * time.Millisecond)
			}
			e.openTerm(t, nil, termOpts{}).WaitFor("PROBE")
			open[1].Send("x")
			open[1].WaitFor("keys=1")
		})
	}
}

func TestIdleTimeoutCountsInputOnly(t *testing.T) {
	const idle = 1500 * time.Millisecond
	e := startServer(t, func(c *Config) {
		withProbe(&probeRecord{})(c)
		c.IdleTimeout = idle
		c.LiveInterval = 20 * time.Millisecond
	})
	opened := time.Now()
	silent := e.openTerm(t, nil, termOpts{Env: map[string]string{"LANG": "en_US.UTF-8"}})
	silent.WaitFor("online=1")
	typing := e.openTerm(t, nil, termOpts{})
	typing.WaitFor("online=2")

	// While they wait, the board keeps changing (visits bump its version), the hub pushes
	// every change and the silent session redraws: none of it counts as activity.
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(30 * time.Millisecond):
			}
			e.board.RecordVisit(board.Identity{Addr: netip.AddrFrom4([4]byte{10, 0, byte(i >> 8), byte(i)})}, time.Now())
		}
	}()
	defer func() { close(stop); wg.Wait() }()

	redraws := 0
	seen := map[string]bool{}
	start := time.Now()
	keys := 0
	for {
		select {
		case <-silent.Exited():
		default:
			if time.Since(start) > 4*idle {
				t.Fatalf("the silent session is still open after %v", time.Since(start))
			}
			s := silent.Screen()
			if !seen[s] {
				seen[s] = true
				redraws++
			}
			keys++
			typing.Send("x")
			time.Sleep(idle / 10)
			continue
		}
		break
	}
	if st := silent.WaitExit(); st != 0 {
		t.Errorf("idle session: exit status %d, want 0", st)
	}
	if elapsed := time.Since(opened); elapsed < idle {
		t.Errorf("closed after %v, before the idle timeout %v", elapsed, idle)
	}
	if out := silent.Raw(); !strings.Contains(out, i18n.T(i18n.En, i18n.IdleTimeout)) {
		t.Errorf("no idle message in %q", out)
	}
	if redraws < 2 {
		t.Errorf("the silent session's screen changed %d times: the test did not exercise redraws", redraws)
	}
	// The session that typed is still there.
	select {
	case <-typing.Exited():
		t.Fatal("the typing session was closed as idle")
	default:
	}
	typing.Send("y")
	typing.WaitFor("keys=")
}

func TestHandshakeTimeout(t *testing.T) {
	e := startServer(t, func(c *Config) { c.LoginGrace = 300 * time.Millisecond })
	c, err := net.Dial("tcp", e.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
	// The server speaks first (its version line), then waits for ours, which never comes.
	if _, err := io.Copy(io.Discard, c); err != nil {
		t.Fatalf("the silent connection was not closed by the server: %v", err)
	}
}

// readKexInit returns the name-lists of the server's first key exchange packet.
func readKexInit(t *testing.T, addr string) [][]string {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c, "SSH-2.0-probe\r\n"); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(c)
	line, err := r.ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "SSH-2.0-") {
		t.Fatalf("version line %q: %v", line, err)
	}
	var hdr [5]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		t.Fatal(err)
	}
	pkt := make([]byte, binary.BigEndian.Uint32(hdr[:4])-1)
	if _, err := io.ReadFull(r, pkt); err != nil {
		t.Fatal(err)
	}
	pkt = pkt[:len(pkt)-int(hdr[4])]
	if pkt[0] != 20 { // SSH_MSG_KEXINIT
		t.Fatalf("first packet type %d, want KEXINIT", pkt[0])
	}
	p := pkt[17:] // type, cookie
	var lists [][]string
	for range 10 {
		n := binary.BigEndian.Uint32(p)
		lists = append(lists, strings.Split(string(p[4:4+n]), ","))
		p = p[4+n:]
	}
	return lists
}

func TestAlgorithms(t *testing.T) {
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	rsaSigner, err := gossh.NewSignerFromKey(rsaKey)
	if err != nil {
		t.Fatal(err)
	}
	e := startServer(t, func(c *Config) {
		c.HostSigners = append(c.HostSigners, rsaSigner)
		withProbe(&probeRecord{})(c)
	})

	lists := readKexInit(t, e.addr)
	kex, hostKeys, ciphers, macs := lists[0], lists[1], lists[2], lists[4]
	if !slices.Contains(kex, "kex-strict-s-v00@openssh.com") {
		t.Errorf("strict key exchange not advertised: %v", kex)
	}
	for _, list := range [][]string{kex, hostKeys, ciphers, macs} {
		for _, a := range list {
			if strings.Contains(a, "sha1") || strings.Contains(a, "cbc") || a == "ssh-rsa" || strings.Contains(a, "arcfour") {
				t.Errorf("weak algorithm advertised: %s", a)
			}
		}
	}

	rsaClientKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	rsaClient, err := gossh.NewSignerFromKey(rsaClientKey)
	if err != nil {
		t.Fatal(err)
	}
	sha1Only, err := gossh.NewSignerWithAlgorithms(rsaClient.(gossh.AlgorithmSigner), []string{gossh.KeyAlgoRSA})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		config func(*gossh.ClientConfig)
		ok     bool
	}{
		{"modern defaults", func(*gossh.ClientConfig) {}, true},
		{"rsa-sha2 user key", func(c *gossh.ClientConfig) { c.Auth = []gossh.AuthMethod{gossh.PublicKeys(rsaClient)} }, true},
		{"sha1 kex", func(c *gossh.ClientConfig) {
			c.KeyExchanges = []string{gossh.InsecureKeyExchangeDH14SHA1, gossh.InsecureKeyExchangeDH1SHA1}
		}, false},
		{"cbc", func(c *gossh.ClientConfig) {
			c.Ciphers = []string{gossh.InsecureCipherAES128CBC, gossh.InsecureCipherTripleDESCBC}
		}, false},
		{"sha1 mac", func(c *gossh.ClientConfig) { // (AEAD ciphers carry no MAC)
			c.Ciphers = []string{gossh.CipherAES128CTR}
			c.MACs = []string{gossh.HMACSHA1, gossh.InsecureHMACSHA196}
		}, false},
		{"ssh-rsa host key", func(c *gossh.ClientConfig) {
			c.HostKeyAlgorithms = []string{gossh.KeyAlgoRSA}
			c.HostKeyCallback = gossh.InsecureIgnoreHostKey()
		}, false},
		{"ssh-rsa user signature", func(c *gossh.ClientConfig) { c.Auth = []gossh.AuthMethod{gossh.PublicKeys(sha1Only)} }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := e.clientConfig("guest", sshtest.Signer(t))
			cfg.HostKeyCallback = gossh.InsecureIgnoreHostKey() // the server has two host keys
			tc.config(cfg)
			c, err := e.DialConfig(cfg)
			if tc.ok {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				c.Close()
				return
			}
			if err == nil {
				c.Close()
				t.Fatal("accepted")
			}
		})
	}
}

func TestChannelAndEnvCaps(t *testing.T) {
	e := startServer(t, func(c *Config) {
		withProbe(&probeRecord{})(c)
		c.MaxChannelsPerConn = 3
		c.MaxEnvPerSession = 4
	})
	c := e.dial(t)
	var opened []*gossh.Session
	refused := 0
	for range 8 {
		s, err := c.NewSession()
		var oce *gossh.OpenChannelError
		switch {
		case err == nil:
			opened = append(opened, s)
		case errors.As(err, &oce) && oce.Reason == gossh.ResourceShortage:
			refused++
		default:
			t.Fatalf("new session: %v", err)
		}
	}
	if len(opened) != 3 || refused != 5 {
		t.Fatalf("opened %d and refused %d session channels, want 3 and 5", len(opened), refused)
	}
	// Closing one makes room for another.
	opened[0].Close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s, err := c.NewSession()
		if err == nil {
			opened[0] = s
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no room after closing a session: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}

	s := opened[1]
	var accepted []string
	for _, name := range []string{"LANG", "FOO", "LC_ALL", "PATH", "LC_CTYPE", "LANG", "LANG"} {
		if s.Setenv(name, "en_US.UTF-8") == nil {
			accepted = append(accepted, name)
		}
	}
	// Only names the board reads, and only the first four requests.
	if want := []string{"LANG", "LC_ALL"}; !slices.Equal(accepted, want) {
		t.Errorf("accepted env %v, want %v", accepted, want)
	}
	if err := s.Setenv("LANG", strings.Repeat("x", 2000)); err == nil {
		t.Error("a 2000-byte env value was accepted")
	}
}

func TestShutdownTellsUsers(t *testing.T) {
	e := startServer(t, withProbe(&probeRecord{}))
	a := e.openTerm(t, nil, termOpts{})
	a.WaitFor("online=1")
	b := e.openTerm(t, nil, termOpts{Env: map[string]string{"LANG": "en_US.UTF-8"}})
	b.WaitFor("online=2")

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := e.srv.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	for _, tc := range []struct {
		tm   *term
		lang i18n.Lang
	}{{a, i18n.Vi}, {b, i18n.En}} {
		tc.tm.WaitExit()
		if out := tc.tm.Raw(); !strings.Contains(out, i18n.T(tc.lang, i18n.Restarting)) {
			t.Errorf("no restart notice in %q", out)
		}
	}
	if c, err := net.DialTimeout("tcp", e.addr, time.Second); err == nil {
		c.Close()
		t.Error("the server still accepts connections after Shutdown")
	}
}

func TestFilterCoalescesWindowChanges(t *testing.T) {
	s := &Server{cfg: Config{MaxEnvPerSession: 2, MaxTermWidth: MaxWidth, MaxTermHeight: MaxHeight}}
	in := make(chan *gossh.Request, 100)
	out := make(chan *gossh.Request)
	box := &chanBox{}
	go s.filterRequests(in, out, box)

	pty := gossh.Marshal(&ptyReqMsg{Term: "xterm\x1b]0;evil\a", Columns: 65535, Rows: 0})
	in <- &gossh.Request{Type: "pty-req", Payload: pty}
	got := <-out
	var m ptyReqMsg
	if err := gossh.Unmarshal(got.Payload, &m); err != nil {
		t.Fatal(err)
	}
	if m.Columns != MaxWidth || m.Rows != DefaultHeight || m.Term != "xterm" {
		t.Fatalf("pty-req became %+v", m)
	}
	// Window changes go to the box, never to the library's request loop; before the session
	// attaches, only the newest waits, and after, only the newest the session has not taken.
	for i := range 50 {
		in <- &gossh.Request{Type: "window-change", Payload: gossh.Marshal(&windowChangeMsg{Columns: uint32(100 + i), Rows: 40})}
	}
	in <- &gossh.Request{Type: "shell"}
	if r := <-out; r.Type != "shell" {
		t.Fatalf("got %s, want shell", r.Type)
	}
	ctx, cancel := context.WithCancel(context.Background())
	ss := &session{ctx: ctx, cancel: cancel, done: make(chan struct{}), sizes: make(chan ssh.Window, 1)}
	defer close(ss.done) // the session "returned": end's grace timer does nothing
	box.attach(ss)
	if w := <-ss.sizes; w.Width != 149 || w.Height != 40 {
		t.Fatalf("the session got %dx%d, want the last window change 149x40", w.Width, w.Height)
	}
	for i := range 50 {
		in <- &gossh.Request{Type: "window-change", Payload: gossh.Marshal(&windowChangeMsg{Columns: 60, Rows: uint32(20 + i)})}
	}
	in <- &gossh.Request{Type: "env", Payload: gossh.Marshal(&envMsg{Name: "LANG", Value: "vi_VN.UTF-8"})}
	if r := <-out; r.Type != "env" { // after the 50 window changes: they are all handled
		t.Fatalf("got %s, want env", r.Type)
	}
	if w := <-ss.sizes; w.Width != 60 || w.Height != 69 {
		t.Fatalf("the session got %dx%d, want the last window change 60x69", w.Width, w.Height)
	}
	if ctx.Err() != nil {
		t.Fatal("the session ended before its channel closed")
	}
	close(in)
	if _, ok := <-out; ok {
		t.Fatal("more requests than sent")
	}
	<-ctx.Done() // the end of the channel's requests ends the session
}

// TestStalledClient: a client that stops reading its output delays nobody: the others still
// get their live updates, and Shutdown still ends in time.
func TestStalledClient(t *testing.T) {
	e := startServer(t, withProbe(&probeRecord{}))
	healthy := e.openTerm(t, nil, termOpts{})
	healthy.WaitFor("online=1")

	// The stalled client asks for a big terminal and never reads what the server sends.
	c := e.dial(t)
	stalled, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	stalledOut, err := stalled.StdoutPipe() // not read until the end
	if err != nil {
		t.Fatal(err)
	}
	if err := stalled.RequestPty("xterm-256color", 200, 400, nil); err != nil {
		t.Fatal(err)
	}
	if err := stalled.Shell(); err != nil {
		t.Fatal(err)
	}
	healthy.WaitFor("online=2")
	// Every resize is a full redraw of 400×200 coloured cells; soon the SSH window is full and the
	// stalled session's output blocks (a write in progress for a second, on loopback).
	deadline := time.Now().Add(60 * time.Second)
	for i := 0; !e.writeBlocked(time.Second); i++ {
		if time.Now().After(deadline) {
			t.Fatal("the stalled client's session never blocked on its output")
		}
		if err := stalled.WindowChange(200-i%2, 400-i%2); err != nil {
			t.Fatal(err)
		}
		time.Sleep(20 * time.Millisecond)
	}

	// The healthy reader still sees arrivals and departures.
	for range 3 {
		other := e.openTerm(t, nil, termOpts{})
		other.WaitFor("PROBE")
		healthy.WaitFor("online=3")
		other.Send("q")
		other.WaitExit()
		healthy.WaitFor("online=2")
	}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := e.srv.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown with a stalled client: %v", err)
	}
	// What waited for the stalled client: the SSH window, full.
	if n, _ := io.Copy(io.Discard, stalledOut); n < 1<<20 {
		t.Errorf("only %d bytes were waiting for the stalled client", n)
	}
}

func TestNoForwardingNoSubsystems(t *testing.T) {
	e := startServer(t, withProbe(&probeRecord{}))
	c := e.dial(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if conn, err := c.Dial("tcp", ln.Addr().String()); err == nil {
		conn.Close()
		t.Error("local port forwarding (direct-tcpip) was allowed")
	}
	if l, err := c.Listen("tcp", "127.0.0.1:0"); err == nil {
		l.Close()
		t.Error("remote port forwarding (tcpip-forward) was allowed")
	}
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RequestSubsystem("netconf"); err == nil {
		t.Error("a subsystem other than sftp was allowed")
	}
	// The connection still works.
	e.openTerm(t, c, termOpts{}).WaitFor("PROBE")
}

func TestMaxAuthTries(t *testing.T) {
	e := startServer(t, func(c *Config) { c.MaxAuthTries = 3 })
	tries := 0
	cfg := &gossh.ClientConfig{
		User: "admin", // an account: a password is required, and every guess is wrong
		Auth: []gossh.AuthMethod{gossh.RetryableAuthMethod(gossh.PasswordCallback(func() (string, error) {
			tries++
			return "wrong", nil
		}), 20)},
		HostKeyCallback: e.HostKeyCallback(),
		Timeout:         5 * time.Second,
	}
	if c, err := e.DialConfig(cfg); err == nil {
		c.Close()
		t.Fatal("logged in with a wrong password")
	}
	if tries == 0 || tries > 3 {
		t.Fatalf("%d password attempts on one connection, want 1 to 3", tries)
	}
}

func TestCommandSessions(t *testing.T) {
	e := startServer(t, nil)
	for _, tc := range []struct {
		name    string
		cmd     string
		pty     bool
		status  int
		stdout  string
		stderr  string
		logKind string
	}{
		{"version", "version", false, 0, "test-1.2.3", "", "kind=cmd:version"},
		{"version with a pty", "version", true, 0, "test-1.2.3", "", "kind=cmd:version"},
		{"unclosed quote", `news show "1`, false, 2, "", i18n.T(i18n.Vi, i18n.SSHDBadCommand), `kind=cmd:?`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := e.dial(t).NewSession()
			if err != nil {
				t.Fatal(err)
			}
			if tc.pty {
				if err := s.RequestPty("xterm", 24, 80, nil); err != nil {
					t.Fatal(err)
				}
			}
			var stdout, stderr strings.Builder
			s.Stdout, s.Stderr = &stdout, &stderr
			err = s.Run(tc.cmd)
			status := 0
			var ee *gossh.ExitError
			if errors.As(err, &ee) {
				status = ee.ExitStatus()
			} else if err != nil {
				t.Fatal(err)
			}
			if status != tc.status || !strings.Contains(stdout.String(), tc.stdout) || !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("status %d, stdout %q, stderr %q; want %d, %q, %q", status, stdout.String(), stderr.String(),
					tc.status, tc.stdout, tc.stderr)
			}
			deadline := time.Now().Add(5 * time.Second)
			for !strings.Contains(e.logs.String(), tc.logKind) {
				if time.Now().After(deadline) {
					t.Fatalf("no %q in the log:\n%s", tc.logKind, e.logs.String())
				}
				time.Sleep(10 * time.Millisecond)
			}
		})
	}
}

// TestCommandIdle: a command waiting for stdin that never comes is ended after the idle
// timeout, with the reason on stderr and a failure status.
func TestCommandIdle(t *testing.T) {
	e := startServer(t, func(c *Config) { c.IdleTimeout = time.Second })
	s, err := e.dial(t).NewSession()
	if err != nil {
		t.Fatal(err)
	}
	stdin, err := s.StdinPipe() // open, and silent
	if err != nil {
		t.Fatal(err)
	}
	defer stdin.Close()
	var stderr strings.Builder
	s.Stderr = &stderr
	done := make(chan error, 1)
	go func() { done <- s.Run("comment post 1 --name An") }()
	select {
	case err = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("the idle command was not ended")
	}
	var ee *gossh.ExitError
	if !errors.As(err, &ee) || ee.ExitStatus() == 0 {
		t.Errorf("exit: %v, want a failure status", err)
	}
	if !strings.Contains(stderr.String(), i18n.T(i18n.Vi, i18n.IdleTimeout)) {
		t.Errorf("stderr %q lacks the idle message", stderr.String())
	}
}

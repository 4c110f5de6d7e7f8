package sshd

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// TestFloodAuthenticatedConnectionsWithoutSession: guests authenticate for free, so a flood of
// connections that authenticate and then open no session at all must not be held forever: the
// server closes a connection that has had no session for IdleTimeout (here 2 s). 50 such
// connections are all closed within IdleTimeout plus generous slack, and the descriptors and
// goroutines come back.
//
// Found by this test: nothing closed them (the handshake deadline ends with authentication and
// idleness was timed only inside sessions). conn.go now keeps a per-connection timer.
func TestFloodAuthenticatedConnectionsWithoutSession(t *testing.T) {
	const idle = 2 * time.Second
	n := 50
	if testing.Short() {
		n = 10
	}
	e := startServer(t, func(c *Config) { hSlowGrace(c); c.IdleTimeout = idle })
	base := hMeasure()
	var closed atomic.Int64
	var wg sync.WaitGroup
	var clients []*gossh.Client
	for range n {
		c := e.hDial(t) // authenticated as a guest; no channel is ever opened
		clients = append(clients, c)
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = c.Wait() // returns when the server closes the connection
			closed.Add(1)
		}()
	}
	start := time.Now()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(idle + 20*time.Second):
		t.Errorf("%d of %d authenticated connections without a session still open %v later (IdleTimeout %v)",
			int64(n)-closed.Load(), n, time.Since(start).Round(time.Second), idle)
	}
	for _, c := range clients {
		_ = c.Close()
	}
	wg.Wait()
	hBackToBaseline(t, "after the idle connections", base, 15, 8, 30*time.Second)
}

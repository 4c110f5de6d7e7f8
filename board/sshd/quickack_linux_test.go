package sshd

import (
	"net"
	"syscall"
	"testing"
)

func quickAck(t *testing.T, c *quickAckConn) int {
	t.Helper()
	var v int
	var gerr error
	if err := c.rc.Control(func(fd uintptr) {
		v, gerr = syscall.GetsockoptInt(int(fd), syscall.IPPROTO_TCP, syscall.TCP_QUICKACK)
	}); err != nil {
		t.Fatal(err)
	}
	if gerr != nil {
		t.Fatal(gerr)
	}
	return v
}

// TestQuickAckDuringHandshake checks that reads re-arm TCP_QUICKACK until the handshake is done.
func TestQuickAckDuringHandshake(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ql := &quickAckListener{Listener: ln}
	defer ql.Close()
	client, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	c, err := ql.Accept()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	qc, ok := c.(*quickAckConn)
	if !ok {
		t.Fatalf("accepted a %T, want *quickAckConn", c)
	}
	// Request and answer, as in a handshake: Linux leaves quick-ack mode after the first
	// exchanges (the socket reads 0 here without the re-arming), the wrapper re-arms it.
	buf := make([]byte, 8)
	for i := range 4 {
		if _, err := client.Write([]byte("SSH-2.0")); err != nil {
			t.Fatal(err)
		}
		if _, err := qc.Read(buf); err != nil {
			t.Fatal(err)
		}
		if v := quickAck(t, qc); v != 1 {
			t.Fatalf("exchange %d: TCP_QUICKACK = %d after a handshake read, want 1", i, v)
		}
		if _, err := qc.Write([]byte("ok")); err != nil {
			t.Fatal(err)
		}
		if _, err := client.Read(buf); err != nil {
			t.Fatal(err)
		}
	}
	qc.handshakeDone()
	if qc.armed.Load() {
		t.Fatal("still armed after the handshake")
	}
}

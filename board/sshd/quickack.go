package sshd

import (
	"net"
	"sync/atomic"
	"syscall"
)

// quickAckListener sets TCP_QUICKACK on accepted connections while their SSH handshake runs.
// OpenSSH sends its handshake in small writes that each wait for the server's ACK; with
// delayed ACKs the handshake stalls twice for ~40 ms. Linux clears the flag after it acts, so
// the connection re-arms it after each read until the first session channel opens.
type quickAckListener struct{ net.Listener }

func (l *quickAckListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return c, err
	}
	tc, ok := c.(*net.TCPConn)
	if !ok {
		return c, nil
	}
	rc, err := tc.SyscallConn()
	if err != nil {
		return c, nil
	}
	qc := &quickAckConn{TCPConn: tc, rc: rc}
	qc.armed.Store(true)
	qc.setQuickAck()
	return qc, nil
}

type quickAckConn struct {
	*net.TCPConn
	rc    syscall.RawConn
	armed atomic.Bool
}

func (c *quickAckConn) Read(p []byte) (int, error) {
	n, err := c.TCPConn.Read(p)
	if c.armed.Load() {
		c.setQuickAck()
	}
	return n, err
}

// handshakeDone stops re-arming TCP_QUICKACK: the session runs with normal delayed ACKs.
func (c *quickAckConn) handshakeDone() { c.armed.Store(false) }

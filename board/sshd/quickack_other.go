//go:build !linux

package sshd

// TCP_QUICKACK is Linux-only; elsewhere delayed ACKs stay as the system sets them.
func (c *quickAckConn) setQuickAck() {}

package sshd

import (
	"bufio"
	"net"
	"net/netip"
	"testing"
	"time"

	"github.com/pires/go-proxyproto"
)

// TestProxyProtocolListener: a v2 header from a trusted address gives the client's address; a
// header from an untrusted one, or a v1 header, fails the connection; no header is a plain one.
func TestProxyProtocolListener(t *testing.T) {
	raw, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	client := netip.MustParseAddrPort("203.0.113.7:40000")
	header := func(v byte) []byte {
		h := proxyproto.HeaderProxyFromAddrs(v, net.TCPAddrFromAddrPort(client), raw.Addr())
		b, err := h.Format()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	cases := []struct {
		name    string
		trusted string
		send    []byte
		want    string // remote address seen, "" for a refused connection
	}{
		{"trusted v2", "127.0.0.0/8", header(2), client.Addr().String()},
		{"trusted without header", "127.0.0.1", nil, "127.0.0.1"},
		{"trusted v1 refused", "127.0.0.1/32", header(1), ""},
		{"untrusted v2 refused", "10.0.0.0/8", header(2), ""},
		{"untrusted without header", "10.0.0.0/8", nil, "127.0.0.1"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ln, err := ProxyProtocolListener(noClose{raw}, []string{c.trusted})
			if err != nil {
				t.Fatal(err)
			}
			conn, err := net.Dial("tcp", raw.Addr().String())
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.Write(append(c.send, "SSH-2.0-test\r\n"...))
			sc, err := ln.Accept()
			if err != nil {
				t.Fatal(err)
			}
			defer sc.Close()
			sc.SetReadDeadline(time.Now().Add(5 * time.Second))
			line, rerr := bufio.NewReader(sc).ReadString('\n')
			if c.want == "" {
				if rerr == nil {
					t.Fatalf("read %q, want the connection refused", line)
				}
				return
			}
			if rerr != nil || line != "SSH-2.0-test\r\n" {
				t.Fatalf("read %q, %v", line, rerr)
			}
			host, _, _ := net.SplitHostPort(sc.RemoteAddr().String())
			if host != c.want {
				t.Fatalf("remote address %s, want %s", host, c.want)
			}
		})
	}
	if _, err := ProxyProtocolListener(raw, []string{"not-an-address"}); err == nil {
		t.Fatal("a bad range was accepted")
	}
	if ln, _ := ProxyProtocolListener(raw, nil); ln != raw {
		t.Fatal("no ranges should leave the listener as it is")
	}
}

// noClose keeps the shared raw listener open when a case's wrapper would close it.
type noClose struct{ net.Listener }

func (noClose) Close() error { return nil }

package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"strings"
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/boardtest/pgtest"
	"bangtin/board/pgstore"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestServeRefusesBadStore: a --store that is not a postgres:// URL, or a database nobody
// serves, stops the start at once with a message naming the host and not the password; so does
// a bad --proxy-protocol-from.
func TestServeRefusesBadStore(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := l.Addr().String()
	l.Close()
	for _, tc := range []struct {
		name string
		mut  func(*serveOptions)
		want string
	}{
		{"scheme", func(o *serveOptions) { o.Store = "mysql://u:bi-mat@db/bangtin" }, "--store"},
		{"unreachable", func(o *serveOptions) { o.Store = "postgres://u:bi-mat@" + closed + "/bangtin" }, closed},
		{"proxy ranges", func(o *serveOptions) { o.ProxyProtocolFrom = []string{"khong-phai-dia-chi"} }, "--proxy-protocol-from"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := serveOptions{Listen: "127.0.0.1:0", Data: t.TempDir(), Lang: "vi", TZ: "UTC", LogFormat: "logfmt"}
			tc.mut(&o)
			start := time.Now()
			err := serve(context.Background(), o, &bytes.Buffer{}, &bytes.Buffer{}, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "bi-mat") {
				t.Fatalf("serve: %v, want an error naming %s without the password", err, tc.want)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Fatalf("refused after %s", d)
			}
		})
	}
}

// TestServeOnPostgres: `bangtin serve --store postgres://...` serves a board kept in PostgreSQL
// (the welcome thread is written there) and stops cleanly.
func TestServeOnPostgres(t *testing.T) {
	url := pgtest.DB(t)
	o := serveOptions{Listen: "127.0.0.1:0", Data: t.TempDir(), Lang: "vi", TZ: "UTC", LogFormat: "logfmt",
		Store: url, GuestComments: 3, GuestWindow: time.Minute}
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan net.Addr, 1)
	done := make(chan error, 1)
	var stdout, stderr lockedBuffer // the server logs from several goroutines
	go func() { done <- serve(ctx, o, &stdout, &stderr, func(a net.Addr) { ready <- a }) }()
	select {
	case addr := <-ready:
		// Wait for the SSH banner: Serve is accepting (a Shutdown racing Serve's start would
		// leave Serve waiting).
		c, err := net.DialTimeout("tcp", addr.String(), 5*time.Second)
		if err != nil {
			t.Fatal(err)
		}
		c.SetReadDeadline(time.Now().Add(10 * time.Second))
		banner := make([]byte, 4)
		if _, err := io.ReadFull(c, banner); err != nil || string(banner) != "SSH-" {
			t.Fatalf("banner %q, %v", banner, err)
		}
		c.Close()
	case err := <-done:
		t.Fatalf("serve: %v\n%s", err, stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatal("not ready after 30 s")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v", err)
	}
	st, err := pgstore.Open(context.Background(), url, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	err = st.View(context.Background(), func(tx board.Tx) error {
		n, err := tx.CountThreads(0, false)
		if n != 1 {
			t.Errorf("%d published threads in PostgreSQL, want the welcome thread", n)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

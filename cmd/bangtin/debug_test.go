package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestServeDebugLoopbackOnly(t *testing.T) {
	for _, tc := range []struct {
		addr string
		ok   bool
	}{
		{"127.0.0.1:0", true},
		{"0.0.0.0:0", false},
		{":0", false},
		{"example.com:0", false},
		{"localhost:0", false},
		{"127.0.0.1", false},
	} {
		t.Run(tc.addr, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			a, err := serveDebug(ctx, tc.addr)
			if (err == nil) != tc.ok {
				t.Fatalf("serveDebug(%q) = %v, %v; want ok=%v", tc.addr, a, err, tc.ok)
			}
			if !tc.ok {
				return
			}
			resp, err := http.Get("http://" + a.String() + "/debug/pprof/goroutine?debug=1")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !strings.Contains(string(body), "goroutine profile:") {
				t.Fatalf("goroutine profile: %d %.200q", resp.StatusCode, body)
			}
		})
	}
}

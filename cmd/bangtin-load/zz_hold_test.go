package main

// THROWAWAY profiling harness (not committed).

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"
)

func TestZZHold(t *testing.T) {
	if os.Getenv("ZZ_HOLD") == "" {
		t.Skip("ZZ_HOLD unset")
	}
	small, _ := strconv.Atoi(os.Getenv("ZZ_SMALL"))
	large, _ := strconv.Atoi(os.Getenv("ZZ_LARGE"))
	out := os.Getenv("ZZ_OUT")
	ref := os.Getenv("ZZ_REF") != ""
	ctx := context.Background()
	cl, err := newClient(true)
	if err != nil {
		t.Fatal(err)
	}
	r := &runner{cfg: defaultConfig(), cl: cl, logf: t.Logf}
	var srv *Server
	if ref {
		srv, err = startReference(ctx)
	} else {
		srv, err = startBoard(ctx, boardConfig{Binary: os.Getenv("ZZ_BIN"), Marker: "Đang online,Chào mừng", ExtraArgs: []string{"--max-sessions", "5000", "--max-sessions-per-ip", "5000"}}, t.Logf)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Stop()
	if !ref {
		r.prepareBoard(ctx, srv)
	}
	if _, err := r.firstFrames(ctx, srv, 2, 80, 24); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second)
	var open []*session
	var mu sync.Mutex
	openN := func(n, w, h int) {
		var wg sync.WaitGroup
		next := 0
		for range 8 {
			wg.Go(func() {
				for {
					mu.Lock()
					if next >= n {
						mu.Unlock()
						return
					}
					next++
					mu.Unlock()
					s, _, err := cl.firstFrame(ctx, srv, w, h)
					if err != nil {
						t.Error(err)
						return
					}
					s.detach()
					mu.Lock()
					open = append(open, s)
					mu.Unlock()
				}
			})
		}
		wg.Wait()
	}
	heap := func(name string) {
		resp, err := http.Get("http://" + srv.Debug + "/debug/pprof/heap?gc=1")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		os.WriteFile(out+"."+name+".pb.gz", b, 0o644)
	}
	rss := func() int64 { p, _ := sampleProc(srv.PID); return p.RSS }
	r0 := rss()
	openN(small, 80, 24)
	time.Sleep(time.Second)
	r1 := rss()
	heap("small")
	openN(large, 200, 50)
	time.Sleep(time.Second)
	r2 := rss()
	heap("large")
	fmt.Printf("RSS small %d KiB/s, large %d KiB/s\n", (r1-r0)/1024/int64(max(small, 1)), (r2-r1)/1024/int64(max(large, 1)))
	if d := os.Getenv("ZZ_WAIT"); d != "" {
		w, _ := time.ParseDuration(d)
		time.Sleep(w)
	}
	for _, s := range open {
		s.close()
	}
}

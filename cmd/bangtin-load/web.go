package main

// Figure w: the board's web pages (board/web) against net/http serving a static file of the same
// size, in a process of its own like the reference SSH server; their p99 under load; and the SSH
// first frame while the web serves a steady load.

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// webConfig bounds figure w.
type webConfig struct {
	Clients  int           // concurrent keep-alive clients
	Duration time.Duration // per page and server
	Rate     int           // requests per second of the steady load during the SSH probes
	Probes   int           // SSH first frames with and without the web load
}

func webDefaults(quick bool) webConfig {
	if quick {
		return webConfig{Clients: 4, Duration: time.Second, Rate: 100, Probes: 3}
	}
	return webConfig{Clients: 16, Duration: 5 * time.Second, Rate: 200, Probes: 20}
}

func init() {
	if os.Getenv(refRoleEnv) == "static" {
		os.Exit(staticMain())
	}
}

// staticMain serves the directory in $BANGTIN_LOAD_STATIC with http.FileServer on 127.0.0.1:0
// and prints the address; it exits when its stdin closes.
func staticMain() int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fmt.Println(ln.Addr().String())
	go func() { _, _ = io.Copy(io.Discard, os.Stdin); os.Exit(0) }()
	srv := &http.Server{Handler: http.FileServer(http.Dir(os.Getenv("BANGTIN_LOAD_STATIC"))), ReadHeaderTimeout: 5 * time.Second}
	_ = srv.Serve(ln)
	return 0
}

// errExited and errNoAddr are readAddr's failures: the child ended, or said nothing in time.
var (
	errExited = errors.New("exited")
	errNoAddr = errors.New("no address within 20s")
)

// readAddr waits for the first line a started child writes on out (the address it listens on)
// and drains the rest in the background.
func readAddr(ctx context.Context, out io.Reader) (string, error) {
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		if sc.Scan() {
			line <- sc.Text()
		}
		close(line)
		_, _ = io.Copy(io.Discard, out)
	}()
	select {
	case a, ok := <-line:
		if !ok {
			return "", errExited
		}
		return a, nil
	case <-time.After(20 * time.Second):
		return "", errNoAddr
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// startStatic starts the static reference on dir.
func startStatic(dir string) (addr string, stop func(), err error) {
	exe, err := os.Executable()
	if err != nil {
		return "", nil, err
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), refRoleEnv+"=static", "BANGTIN_LOAD_STATIC="+dir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return "", nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", nil, err
	}
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop = func() { _ = stdin.Close(); _ = cmd.Process.Kill(); _ = cmd.Wait() }
	a, err := readAddr(context.Background(), out)
	switch {
	case errors.Is(err, errExited):
		stop()
		return "", nil, errors.New("static reference exited")
	case err != nil:
		stop()
		return "", nil, fmt.Errorf("static reference: %w", err)
	}
	return a, stop, nil
}

func webClient(n int) *http.Client {
	return &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
		MaxIdleConns: n, MaxIdleConnsPerHost: n, DisableCompression: true, IdleConnTimeout: time.Minute}}
}

func fetch(ctx context.Context, c *http.Client, url string, hdr map[string]string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return nil, err
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err == nil && res.StatusCode != 200 {
		err = fmt.Errorf("GET %s: %s", url, res.Status)
	}
	return b, err
}

// hammer sends GETs of url from n keep-alive clients for d: requests per second and the latencies.
func hammer(ctx context.Context, url string, hdr map[string]string, n int, d time.Duration) (float64, dist, error) {
	c := webClient(n)
	defer c.CloseIdleConnections()
	var mu sync.Mutex
	var lat []time.Duration
	var done atomic.Int64
	var firstErr error
	var once sync.Once
	start := time.Now()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			var mine []time.Duration
			for time.Now().Before(deadline) && ctx.Err() == nil {
				t0 := time.Now()
				if _, err := fetch(ctx, c, url, hdr); err != nil {
					once.Do(func() { firstErr = err })
					continue
				}
				mine = append(mine, time.Since(t0))
				done.Add(1)
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		})
	}
	wg.Wait()
	if done.Load() == 0 {
		return 0, dist{}, fmt.Errorf("no request completed: %w", firstErr)
	}
	return float64(done.Load()) / time.Since(start).Seconds(), newDist(lat), nil
}

// steady sends rate GETs a second, spread over the urls, until stop is closed.
func steady(ctx context.Context, urls []string, rate int, stop <-chan struct{}) *sync.WaitGroup {
	c := webClient(8)
	var wg sync.WaitGroup
	wg.Go(func() {
		defer c.CloseIdleConnections()
		t := time.NewTicker(time.Second / time.Duration(max(rate, 1)))
		defer t.Stop()
		sem := make(chan struct{}, 8)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-ctx.Done():
				return
			case <-t.C:
			}
			select {
			case sem <- struct{}{}:
				u := urls[i%len(urls)]
				wg.Go(func() { defer func() { <-sem }(); _, _ = fetch(ctx, c, u, nil) })
			default: // the server is behind: drop rather than queue
			}
		}
	})
	return &wg
}

var threadLink = regexp.MustCompile(`href="(/t/[0-9]+-[a-z0-9-]*)"`)

// figureW measures the web side of a board the tool started; rows for the table.
func (r *runner) figureW(ctx context.Context, srv *Server, wc webConfig) ([]row, error) {
	if srv.HTTPAddr == "" {
		return nil, fmt.Errorf("%w: the board's web address is unknown (--target)", errSkipped)
	}
	base := "http://" + srv.HTTPAddr
	c := webClient(1)
	var home []byte
	var err error
	for start := time.Now(); time.Since(start) < 20*time.Second; time.Sleep(100 * time.Millisecond) {
		if home, err = fetch(ctx, c, base+"/", nil); err == nil {
			break
		}
	}
	if err != nil {
		return nil, fmt.Errorf("web home: %w", err)
	}
	m := threadLink.FindSubmatch(home)
	if m == nil {
		return nil, errors.New("web home: no thread link")
	}
	threadPath := string(m[1])
	thread, err := fetch(ctx, c, base+threadPath, nil)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "bangtin-load-static-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	// the static files have the sizes of the pages, served as they are (no gzip on either side)
	if err := os.WriteFile(filepath.Join(dir, "home.html"), home, 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "thread.html"), thread, 0o644); err != nil {
		return nil, err
	}
	saddr, stopStatic, err := startStatic(dir)
	if err != nil {
		return nil, err
	}
	defer stopStatic()

	var rs []row
	for _, pg := range []struct {
		name, board, static string
		size                int
	}{
		{"home", base + "/", "http://" + saddr + "/home.html", len(home)},
		{"thread", base + threadPath, "http://" + saddr + "/thread.html", len(thread)},
	} {
		r.logf("w: %s page, %d clients, %s", pg.name, wc.Clients, wc.Duration)
		bRate, bLat, bErr := hammer(ctx, pg.board, nil, wc.Clients, wc.Duration)
		sRate, sLat, sErr := hammer(ctx, pg.static, nil, wc.Clients, wc.Duration)
		if bErr != nil || sErr != nil {
			return rs, fmt.Errorf("w %s: board %v, static %v", pg.name, bErr, sErr)
		}
		rs = append(rs,
			row{Figure: fmt.Sprintf("w. %s page requests/s, %d clients (ref: static file, %d B)", pg.name, wc.Clients, pg.size),
				Board: fmt.Sprintf("%.0f/s", bRate), Ref: fmt.Sprintf("%.0f/s", sRate),
				Ratio: fmt.Sprintf("%.2f×", bRate/sRate), Target: "≥ 0.3×" + mark(bRate/sRate >= 0.3)},
			row{Figure: fmt.Sprintf("w. %s page p99 under that load", pg.name),
				Board: bLat.P99.Round(10 * time.Microsecond).String(), Ref: sLat.P99.Round(10 * time.Microsecond).String(),
				Ratio: fmt.Sprintf("%.2f×", float64(bLat.P99)/float64(max(sLat.P99, 1)))})
	}
	gz, _, err := hammer(ctx, base+"/", map[string]string{"Accept-Encoding": "gzip"}, wc.Clients, wc.Duration)
	if err == nil {
		rs = append(rs, row{Figure: "w. home page requests/s in gzip (what browsers get)", Board: fmt.Sprintf("%.0f/s", gz), Ref: "–", Ratio: "–"})
	}

	// the SSH first frame, alone and with the web at a steady rate
	r.logf("w: SSH first frames, alone and with the web at %d/s", wc.Rate)
	alone, err := r.firstFrames(ctx, srv, wc.Probes, r.cfg.W, r.cfg.H)
	if err != nil {
		return rs, fmt.Errorf("w SSH first frame: %w", err)
	}
	stop := make(chan struct{})
	wg := steady(ctx, []string{base + "/", base + threadPath}, wc.Rate, stop)
	time.Sleep(500 * time.Millisecond)
	loaded, err := r.firstFrames(ctx, srv, wc.Probes, r.cfg.W, r.cfg.H)
	close(stop)
	wg.Wait()
	if err != nil {
		return rs, fmt.Errorf("w SSH first frame under web load: %w", err)
	}
	ratio := float64(loaded.P50) / float64(max(alone.P50, 1))
	rs = append(rs, row{Figure: fmt.Sprintf("w. SSH first frame p50 while the web serves %d req/s (ref: no web load)", wc.Rate),
		Board: loaded.P50.Round(100 * time.Microsecond).String(), Ref: alone.P50.Round(100 * time.Microsecond).String(),
		Ratio: fmt.Sprintf("%.2f×", ratio), Target: "≤ 1.2×" + mark(ratio <= 1.2)})
	return rs, nil
}

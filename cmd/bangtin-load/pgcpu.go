package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// cpuSnap is the CPU time used so far by the parts of figure b on PostgreSQL: each node, this
// process (the SSH clients), the PostgreSQL cluster (postmaster, its live children and those it
// has reaped), and the whole machine (every process, the other users of the cores too).
type cpuSnap struct {
	at          time.Time
	nodes       []time.Duration
	self, pg    time.Duration
	busy, total time.Duration // machine: non-idle and all CPU time, summed over the cores
}

// cpuWindow is the difference of two snapshots: cores busy on average during the window.
type cpuWindow struct {
	secs              float64
	nodes             []float64 // cores
	self, pg, machine float64   // cores
	cores             int
}

func snapCPU(pids []int, pgPID int) cpuSnap {
	s := cpuSnap{at: time.Now()}
	for _, pid := range pids {
		d, _ := procCPU(pid)
		s.nodes = append(s.nodes, d)
	}
	s.self, _ = procCPU(os.Getpid())
	if pgPID > 0 {
		s.pg = treeCPU(pgPID)
	}
	s.busy, s.total = machineCPU()
	return s
}

func (a cpuSnap) to(b cpuSnap) cpuWindow {
	secs := b.at.Sub(a.at).Seconds()
	cores := func(d time.Duration) float64 { return d.Seconds() / secs }
	w := cpuWindow{secs: secs, self: cores(b.self - a.self), pg: cores(b.pg - a.pg)}
	for i := range a.nodes {
		w.nodes = append(w.nodes, cores(b.nodes[i]-a.nodes[i]))
	}
	if t := b.total - a.total; t > 0 {
		w.cores = numCPU()
		w.machine = float64(b.busy-a.busy) / float64(t) * float64(w.cores)
	}
	return w
}

// String: "node 1.02 + clients 0.71 + PostgreSQL 0.12 = 1.85 of 2 cores (machine 1.98)".
func (w cpuWindow) String() string {
	var parts []string
	sum := w.self + w.pg
	for i, n := range w.nodes {
		parts = append(parts, fmt.Sprintf("node %d %.2f", i+1, n))
		sum += n
	}
	parts = append(parts, fmt.Sprintf("clients %.2f", w.self), fmt.Sprintf("PostgreSQL %.2f", w.pg))
	return fmt.Sprintf("%s = %.2f of %d cores (machine, every process: %.2f)", strings.Join(parts, " + "), sum, w.cores, w.machine)
}

func numCPU() int {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	n := 0
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "cpu") && len(l) > 3 && l[3] >= '0' && l[3] <= '9' {
			n++
		}
	}
	return n
}

// machineCPU is the first line of /proc/stat: busy (user, nice, system, irq, softirq, steal)
// and total (busy, idle, iowait) CPU time of all cores.
func machineCPU() (busy, total time.Duration) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0, 0
	}
	v := make([]int64, 8)
	for i := range v {
		v[i], _ = strconv.ParseInt(f[i+1], 10, 64)
	}
	busyT := v[0] + v[1] + v[2] + v[5] + v[6] + v[7]
	return time.Duration(busyT) * clockTick, time.Duration(busyT+v[3]+v[4]) * clockTick
}

// statTimes is utime+stime and cutime+cstime (children waited for) of a process, and its parent.
func statTimes(pid int) (own, reaped time.Duration, ppid int, err error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, 0, 0, err
	}
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0, 0, 0, fmt.Errorf("stat of %d: malformed", pid)
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 15 { // f[0] is field 3 (state), f[1] ppid, utime f[11] … cstime f[14]
		return 0, 0, 0, fmt.Errorf("stat of %d: too few fields", pid)
	}
	n := make([]int64, 4)
	for k := range n {
		n[k], _ = strconv.ParseInt(f[11+k], 10, 64)
	}
	ppid, _ = strconv.Atoi(f[1])
	return time.Duration(n[0]+n[1]) * clockTick, time.Duration(n[2]+n[3]) * clockTick, ppid, nil
}

// treeCPU is the CPU time of a PostgreSQL server: the postmaster's own and reaped children's,
// and that of its live children (backends, checkpointer, autovacuum...).
func treeCPU(root int) time.Duration {
	own, reaped, _, err := statTimes(root)
	if err != nil {
		return 0
	}
	sum := own + reaped
	ents, _ := os.ReadDir("/proc")
	for _, e := range ents {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == root {
			continue
		}
		if o, r, ppid, err := statTimes(pid); err == nil && ppid == root {
			sum += o + r
		}
	}
	return sum
}

// saveProfile writes the node's CPU profile over secs seconds (net/http/pprof) to path.
func saveProfile(ctx context.Context, debug, path string, secs int) error {
	if debug == "" {
		return fmt.Errorf("node serves no pprof")
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", debug, secs), nil)
	if err != nil {
		return err
	}
	resp, err := (&http.Client{Timeout: time.Duration(secs+10) * time.Second}).Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("profile: %s", resp.Status)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// saveGoroutines writes the node's goroutine dump (debug=1: counts by stack) to path.
func saveGoroutines(ctx context.Context, debug, path string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+debug+"/debug/pprof/goroutine?debug=1", nil)
	if err != nil {
		return err
	}
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

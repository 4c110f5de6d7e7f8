package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// The PostgreSQL side of figure b counts the CPU of children the postmaster has reaped: a child
// this process waited for must show in its reaped time and in treeCPU.
func TestTreeCPUCountsReapedChildren(t *testing.T) {
	_, reaped0, ppid, err := statTimes(os.Getpid())
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	if ppid != os.Getppid() {
		t.Fatalf("ppid %d, want %d", ppid, os.Getppid())
	}
	before := treeCPU(os.Getpid())
	cmd := exec.Command("sh", "-c", `i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done`)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("sh: %v: %s", err, out)
	}
	_, reaped1, _, err := statTimes(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	child := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	if child < 2*clockTick {
		t.Skipf("the child used %v of CPU: too little to see in clock ticks", child)
	}
	if got := reaped1 - reaped0; got < child-2*clockTick {
		t.Errorf("reaped time grew by %v, the child used %v", got, child)
	}
	if after := treeCPU(os.Getpid()); after-before < child-2*clockTick {
		t.Errorf("treeCPU grew by %v, the child used %v", after-before, child)
	}
}

func TestCPUWindow(t *testing.T) {
	busy, total := machineCPU()
	if total <= 0 || busy <= 0 || busy > total {
		t.Skipf("no /proc/stat figures (busy %v, total %v)", busy, total)
	}
	a := cpuSnap{at: time.Unix(0, 0), nodes: []time.Duration{0, 0}, busy: 0, total: 0}
	b := cpuSnap{at: time.Unix(2, 0), nodes: []time.Duration{2 * time.Second, time.Second}, self: time.Second,
		pg: 500 * time.Millisecond, busy: 3 * time.Second, total: 4 * time.Second}
	w := a.to(b)
	if w.nodes[0] != 1 || w.nodes[1] != 0.5 || w.self != 0.5 || w.pg != 0.25 {
		t.Errorf("window %+v", w)
	}
	if w.cores != numCPU() || w.cores < 1 || w.machine != 0.75*float64(w.cores) {
		t.Errorf("machine %.2f of %d cores", w.machine, w.cores)
	}
	if s := w.String(); !strings.Contains(s, "node 1 1.00 + node 2 0.50 + clients 0.50 + PostgreSQL 0.25 = 2.25") {
		t.Errorf("String() = %q", s)
	}
}

package main

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// clockTick is USER_HZ, the unit of utime and stime in /proc/PID/stat (100 on every Linux
// architecture Go supports).
const clockTick = 10 * time.Millisecond

// procSample is what /proc says about a process at one moment.
type procSample struct {
	RSS     int64         // bytes (VmRSS)
	Threads int           // OS threads
	FDs     int           // open file descriptors
	CPU     time.Duration // utime + stime
	At      time.Time
}

// sampleProc reads /proc/PID/status, /proc/PID/stat and /proc/PID/fd.
func sampleProc(pid int) (procSample, error) {
	var s procSample
	if pid <= 0 {
		return s, errors.New("no PID")
	}
	s.At = time.Now()
	st, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return s, fmt.Errorf("read status of %d: %w", pid, err)
	}
	for _, line := range strings.Split(string(st), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		switch f[0] {
		case "VmRSS:":
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			s.RSS = kb * 1024
		case "Threads:":
			s.Threads, _ = strconv.Atoi(f[1])
		}
	}
	if s.CPU, err = procCPU(pid); err != nil {
		return s, err
	}
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		return s, fmt.Errorf("read fds of %d: %w", pid, err)
	}
	s.FDs = len(fds)
	return s, nil
}

// procCPU is utime+stime of the whole process (all threads) from /proc/PID/stat.
func procCPU(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, fmt.Errorf("read stat of %d: %w", pid, err)
	}
	// The command name (field 2) may hold spaces; the fields after its ")" are fixed.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0, fmt.Errorf("stat of %d: malformed", pid)
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 { // f[0] is field 3 (state); utime is field 14, stime 15
		return 0, fmt.Errorf("stat of %d: too few fields", pid)
	}
	ut, err1 := strconv.ParseInt(f[11], 10, 64)
	sy, err2 := strconv.ParseInt(f[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("stat of %d: bad utime/stime", pid)
	}
	return time.Duration(ut+sy) * clockTick, nil
}

// procRunTime sums the time on CPU of every thread of pid from /proc/PID/task/*/schedstat, in
// nanoseconds: finer than /proc/PID/stat's 10 ms ticks for short idle windows (a thread that exits
// in between takes its time with it; Go rarely ends threads).
func procRunTime(pid int) (time.Duration, error) {
	tasks, err := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", pid))
	if err != nil || len(tasks) == 0 {
		return 0, fmt.Errorf("schedstat of %d: no tasks", pid)
	}
	var sum int64
	for _, t := range tasks {
		b, err := os.ReadFile(t)
		if err != nil {
			continue // the thread ended
		}
		f := strings.Fields(string(b))
		if len(f) == 0 {
			continue
		}
		ns, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("schedstat of %d: %w", pid, err)
		}
		sum += ns
	}
	return time.Duration(sum), nil
}

// pidListeningOn finds the process (of this user) holding the TCP listening socket of addr, from
// /proc/net/tcp{,6} and the socket inodes in /proc/*/fd.
func pidListeningOn(addr string) (int, error) {
	_, portS, err := net.SplitHostPort(addr)
	if err != nil {
		return 0, fmt.Errorf("find PID: %w", err)
	}
	port, err := strconv.Atoi(portS)
	if err != nil {
		return 0, fmt.Errorf("find PID: port %q: %w", portS, err)
	}
	inodes := map[string]bool{}
	for _, tab := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		f, err := os.Open(tab)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fl := strings.Fields(sc.Text())
			if len(fl) < 10 || fl[3] != "0A" { // 0A: LISTEN
				continue
			}
			j := strings.LastIndexByte(fl[1], ':')
			p, err := strconv.ParseInt(fl[1][j+1:], 16, 32)
			if err == nil && int(p) == port {
				inodes["socket:["+fl[9]+"]"] = true
			}
		}
		f.Close()
	}
	if len(inodes) == 0 {
		return 0, fmt.Errorf("find PID: nothing listens on port %d", port)
	}
	procs, _ := filepath.Glob("/proc/[0-9]*/fd/*")
	for _, fd := range procs {
		if link, err := os.Readlink(fd); err == nil && inodes[link] {
			pid, _ := strconv.Atoi(strings.Split(fd, "/")[2])
			return pid, nil
		}
	}
	return 0, fmt.Errorf("find PID: the listener on port %d belongs to no process of this user", port)
}

// raiseNofile lifts the soft RLIMIT_NOFILE to the hard limit, for this process and the servers it
// starts (they inherit it), and returns the new soft limit.
func raiseNofile() uint64 {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r); err != nil {
		return 0
	}
	if r.Cur < r.Max {
		r.Cur = r.Max
		_ = syscall.Setrlimit(syscall.RLIMIT_NOFILE, &r)
		_ = syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r)
	}
	return r.Cur
}

// hardNofile is the hard RLIMIT_NOFILE (0: unknown).
func hardNofile() uint64 {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r); err != nil {
		return 0
	}
	return r.Max
}

// machine describes where the figures were taken.
func machine() string {
	model := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	return fmt.Sprintf("nproc %d, %s, %s %s/%s", runtime.NumCPU(), model, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

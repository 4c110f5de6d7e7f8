package sshd

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkIdleSessions measures what idle TUI sessions (the real board, nobody typing, nothing
// changing) cost the process per second, by render tick rate (sessions=0: the baseline).
//
//	go test -run '^$' -bench IdleSessions -benchtime 3x ./board/sshd
func BenchmarkIdleSessions(b *testing.B) {
	for _, tc := range []struct{ fps, n int }{{10, 0}, {10, 50}, {20, 50}, {30, 50}, {60, 50}} {
		b.Run(fmt.Sprintf("fps=%d/sessions=%d", tc.fps, tc.n), func(b *testing.B) {
			e := startBoard(b, func(c *Config) { c.FPS = tc.fps; c.LiveInterval = time.Hour; c.MaxSessionsPerIP = 100 })
			n := tc.n
			for range n {
				tm := e.openTerm(b, nil, termOpts{})
				waitForB(b, tm, "Thống kê truy cập")
			}
			time.Sleep(500 * time.Millisecond) // let start-up work settle
			b.ResetTimer()
			start, t0 := cpuTime(b), time.Now()
			for range b.N {
				time.Sleep(time.Second)
			}
			cpu, wall := cpuTime(b)-start, time.Since(t0)
			b.ReportMetric(float64(cpu.Milliseconds())/wall.Seconds(), "cpu-ms/s")
			if n > 0 {
				b.ReportMetric(float64(cpu.Microseconds())/wall.Seconds()/float64(n), "cpu-µs/s/session")
			}
		})
	}
}

// BenchmarkFirstFrame measures the time from asking for a shell to the first screen holding the
// board's visitor box, by render tick rate.
//
//	go test -run '^$' -bench FirstFrame ./board/sshd
func BenchmarkFirstFrame(b *testing.B) {
	for _, fps := range []int{10, 20, 30, 60} {
		b.Run(fmt.Sprintf("fps=%d", fps), func(b *testing.B) {
			e := startBoard(b, func(c *Config) { c.FPS = fps })
			c := e.dial(b)
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				s, err := c.NewSession()
				if err != nil {
					b.Fatal(err)
				}
				if err := s.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
					b.Fatal(err)
				}
				tm := newTerm(b, s, 80, 24)
				b.StartTimer()
				if err := s.Shell(); err != nil {
					b.Fatal(err)
				}
				waitForB(b, tm, "Thống kê truy cập")
				b.StopTimer()
				tm.Send("qy") // q on home asks before leaving; y leaves
				_ = s.Wait()
				b.StartTimer()
			}
		})
	}
}

// waitForB polls every millisecond (a benchmark of the first frame).
func waitForB(b *testing.B, tm *term, sub string) {
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(tm.Screen(), sub) {
		if time.Now().After(deadline) {
			b.Fatalf("timed out waiting for %q:\n%s", sub, tm.Screen())
		}
		time.Sleep(time.Millisecond)
	}
}

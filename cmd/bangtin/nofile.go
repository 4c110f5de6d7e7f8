package main

import (
	"fmt"
	"syscall"
)

// A session holds one descriptor, its TCP connection (measured: 1.00 per idle session with
// `bangtin-load --sessions`); nofileNeeded adds a quarter for connections still in their handshake
// or being torn down beside the sessions.
const (
	fdsPerSessionNum, fdsPerSessionDen = 5, 4
	// fdsBase is what the server holds besides its sessions: the database, listeners, the web
	// server's connections, logs, pprof.
	fdsBase = 256
)

// nofileNeeded is the open-file limit --max-sessions needs.
func nofileNeeded(maxSessions int) uint64 {
	return uint64(max(maxSessions, 0))*fdsPerSessionNum/fdsPerSessionDen + fdsBase
}

// raiseNofile lifts the soft RLIMIT_NOFILE to the hard limit (Go's runtime already lifts it to
// one below the hard limit at start; this makes it explicit and reads the result) and returns the
// soft and hard limits.
func raiseNofile() (soft, hard uint64, err error) {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &r); err != nil {
		return 0, 0, fmt.Errorf("RLIMIT_NOFILE: %w", err)
	}
	if r.Cur < r.Max {
		want := r
		want.Cur = r.Max
		if err := syscall.Setrlimit(syscall.RLIMIT_NOFILE, &want); err == nil {
			r = want
		}
	}
	return r.Cur, r.Max, nil
}

// nofileShort says, for the start line, whether the open-file limit is below what maxSessions
// needs: the key-value pairs to log, or nil when the limit suffices.
func nofileShort(soft uint64, maxSessions int) []any {
	need := nofileNeeded(maxSessions)
	if soft >= need {
		return nil
	}
	return []any{"nofile", soft, "nofile_needed", need,
		"max_sessions_reachable", max(int64(soft)-fdsBase, 0) * fdsPerSessionDen / fdsPerSessionNum}
}

package main

import (
	"fmt"
	"math"
	"runtime/debug"
	"strconv"
	"strings"

	"github.com/spf13/pflag"
)

// memoryOptions are the garbage collector's settings of `bangtin serve`. An idle session keeps
// little live memory (about 60 KiB at 80×24, issue 17), so how far the heap may grow past it
// between collections is a large part of what a session costs: with Go's default (GOGC=100)
// as much again. The board collects at 50% growth by default: at 2,000 idle sessions held,
// 115 KiB of RSS a session instead of 130, for no idle CPU that could be measured (idle
// sessions allocate next to nothing). A memory limit (Go's soft limit, debug.SetMemoryLimit)
// makes the collector work harder as the process nears it; it is off unless asked for.
type memoryOptions struct {
	GCPercent int    // 0: $GOGC if set, else defaultGCPercent
	Limit     string // a size ("3GiB", "800MB", bytes), "off", or "": $GOMEMLIMIT if set, else off
}

// defaultGCPercent is the board's GOGC (see memoryOptions).
const defaultGCPercent = 50

func addMemoryFlags(fs *pflag.FlagSet, o *memoryOptions) {
	fs.IntVar(&o.GCPercent, "gc-percent", 0, fmt.Sprintf(
		"collect garbage when the heap has grown this many %% past the live heap (Go's GOGC); 0: $GOGC if set, else %d", defaultGCPercent))
	fs.StringVar(&o.Limit, "memory-limit", "",
		`soft limit of the Go runtime's memory, e.g. 3GiB (the collector works harder near it; it never refuses memory); "off", or empty: $GOMEMLIMIT if set, else off`)
}

// apply sets the collector's target and limit (getenv reads the process environment) and
// returns them as they are now, for the start line.
func (o memoryOptions) apply(getenv func(string) string) (gcPercent int, limit string, err error) {
	var lim int64 = -1 // leave as is
	switch s := strings.TrimSpace(o.Limit); {
	case s == "":
	case strings.EqualFold(s, "off"):
		lim = math.MaxInt64
	default:
		if lim, err = parseSize(s); err != nil || lim <= 0 {
			return 0, "", fmt.Errorf("--memory-limit %q: a size such as 3GiB, 800MB or a number of bytes, or off", o.Limit)
		}
	}
	switch {
	case o.GCPercent < 0:
		return 0, "", fmt.Errorf("--gc-percent %d: a percentage above 0 (0: the default)", o.GCPercent)
	case o.GCPercent > 0:
		gcPercent = o.GCPercent
	case getenv("GOGC") == "":
		gcPercent = defaultGCPercent
	}
	if gcPercent > 0 {
		debug.SetGCPercent(gcPercent)
	} else {
		gcPercent = debug.SetGCPercent(-1) // $GOGC's: read it back
		debug.SetGCPercent(gcPercent)
	}
	if lim >= 0 {
		debug.SetMemoryLimit(lim)
	}
	limit = "off"
	if cur := debug.SetMemoryLimit(-1); cur != math.MaxInt64 {
		limit = fmt.Sprintf("%dMiB", cur>>20)
	}
	return gcPercent, limit, nil
}

// parseSize reads a size in bytes with an optional unit: KB, MB, GB (powers of 1000) or KiB,
// MiB, GiB (powers of 1024); "B" and no unit are bytes.
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	i := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	num, unit := s, ""
	if i >= 0 {
		num, unit = s[:i], strings.TrimSpace(s[i:])
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("size %q: not a number", s)
	}
	mult := map[string]float64{"": 1, "b": 1, "kb": 1e3, "mb": 1e6, "gb": 1e9, "tb": 1e12,
		"kib": 1 << 10, "mib": 1 << 20, "gib": 1 << 30, "tib": 1 << 40}[strings.ToLower(unit)]
	if mult == 0 {
		return 0, fmt.Errorf("size %q: unknown unit %q", s, unit)
	}
	if v*mult >= math.MaxInt64 {
		return 0, fmt.Errorf("size %q: too large", s)
	}
	return int64(v * mult), nil
}

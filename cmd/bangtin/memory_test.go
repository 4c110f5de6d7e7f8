package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestParseSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		bad  bool
	}{
		{in: "1024", want: 1024},
		{in: "3GiB", want: 3 << 30},
		{in: "800MB", want: 800e6},
		{in: "1.5 GiB", want: 3 << 29},
		{in: "64kib", want: 64 << 10},
		{in: "12B", want: 12},
		{in: "3 parsecs", bad: true},
		{in: "GiB", bad: true},
		{in: "", bad: true},
		{in: "99999999TiB", bad: true},
	} {
		got, err := parseSize(tc.in)
		if tc.bad {
			if err == nil {
				t.Errorf("parseSize(%q) = %d, want an error", tc.in, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", tc.in, got, err, tc.want)
		}
	}
}

func TestMemoryOptionsApply(t *testing.T) {
	oldGC := debug.SetGCPercent(100)
	oldLimit := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetGCPercent(oldGC); debug.SetMemoryLimit(oldLimit) })
	env := func(kv map[string]string) func(string) string { return func(k string) string { return kv[k] } }

	for _, tc := range []struct {
		name      string
		o         memoryOptions
		env       map[string]string
		wantGC    int
		wantLimit string
		wantBytes int64 // the runtime's limit after apply
		bad       bool
	}{
		{name: "defaults", wantGC: defaultGCPercent, wantLimit: "off", wantBytes: math.MaxInt64},
		{name: "GOGC set: the runtime's", env: map[string]string{"GOGC": "80"}, wantGC: 100 /* as set above */, wantLimit: "off", wantBytes: math.MaxInt64},
		{name: "flags", o: memoryOptions{GCPercent: 30, Limit: "2GiB"}, wantGC: 30, wantLimit: "2048MiB", wantBytes: 2 << 30},
		{name: "off", o: memoryOptions{Limit: "off"}, wantGC: defaultGCPercent, wantLimit: "off", wantBytes: math.MaxInt64},
		{name: "bad size", o: memoryOptions{Limit: "lots"}, bad: true},
		{name: "zero size", o: memoryOptions{Limit: "0"}, bad: true},
		{name: "negative percent", o: memoryOptions{GCPercent: -5}, bad: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			debug.SetGCPercent(100)
			debug.SetMemoryLimit(math.MaxInt64)
			gc, limit, err := tc.o.apply(env(tc.env))
			if tc.bad {
				if err == nil {
					t.Fatalf("apply(%+v) = %d, %q; want an error", tc.o, gc, limit)
				}
				return
			}
			if err != nil || gc != tc.wantGC || limit != tc.wantLimit {
				t.Fatalf("apply(%+v) = %d, %q, %v; want %d, %q", tc.o, gc, limit, err, tc.wantGC, tc.wantLimit)
			}
			if got := debug.SetGCPercent(100); got != tc.wantGC {
				t.Fatalf("runtime GOGC %d after apply, want %d", got, tc.wantGC)
			}
			if got := debug.SetMemoryLimit(-1); got != tc.wantBytes {
				t.Fatalf("runtime memory limit %d after apply, want %d", got, tc.wantBytes)
			}
		})
	}
}

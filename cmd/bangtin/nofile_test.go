package main

import (
	"slices"
	"testing"
)

func TestNofileNeeded(t *testing.T) {
	for _, tc := range []struct {
		maxSessions int
		want        uint64
	}{
		{0, fdsBase},
		{-5, fdsBase},
		{1000, 1250 + fdsBase},
		{10000, 12500 + fdsBase},
		{3, 3 + fdsBase}, // 3.75 rounds down
	} {
		if got := nofileNeeded(tc.maxSessions); got != tc.want {
			t.Errorf("nofileNeeded(%d) = %d, want %d", tc.maxSessions, got, tc.want)
		}
	}
}

func TestNofileShort(t *testing.T) {
	for _, tc := range []struct {
		name        string
		soft        uint64
		maxSessions int
		want        []any
	}{
		{"plenty", 1 << 20, 10000, nil},
		{"exactly enough", nofileNeeded(1000), 1000, nil},
		{"one short", nofileNeeded(1000) - 1, 1000,
			[]any{"nofile", nofileNeeded(1000) - 1, "nofile_needed", nofileNeeded(1000), "max_sessions_reachable", int64(999)}}, // 1249*4/5
		{"the common 1024", 1024, 1000,
			[]any{"nofile", uint64(1024), "nofile_needed", nofileNeeded(1000), "max_sessions_reachable", int64((1024 - fdsBase) * 4 / 5)}},
		{"below the base", 100, 10, []any{"nofile", uint64(100), "nofile_needed", nofileNeeded(10), "max_sessions_reachable", int64(0)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := nofileShort(tc.soft, tc.maxSessions); !slices.Equal(got, tc.want) {
				t.Errorf("nofileShort(%d, %d) = %v, want %v", tc.soft, tc.maxSessions, got, tc.want)
			}
		})
	}
}

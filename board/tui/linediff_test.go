package tui

import (
	"slices"
	"testing"
)

func TestLineDiff(t *testing.T) {
	for _, tc := range []struct {
		name, a, b string
		want       []string
	}{
		{"same", "một\nhai", "một\nhai", nil},
		{"changed line", "một\nhai\nba", "một\nHAI\nba", []string{"- hai", "+ HAI"}},
		{"added", "một\nba", "một\nhai\nba", []string{"+ hai"}},
		{"removed", "một\nhai\nba", "một\nba", []string{"- hai"}},
		{"moved", "a\nb\nc\nd", "b\nc\na\nd", []string{"- a", "+ a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := lineDiff(tc.a, tc.b); !slices.Equal(got, tc.want) {
				t.Errorf("lineDiff = %q, want %q", got, tc.want)
			}
		})
	}
	r, a := diffCounts([]string{"- x", "+ y", "+ z"})
	if r != 1 || a != 2 {
		t.Errorf("diffCounts = %d, %d", r, a)
	}
}

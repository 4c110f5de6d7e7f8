package sshd

import (
	"slices"
	"testing"
	"time"
)

// TestCutCharacterWaitsForItsRest: a character whose bytes arrive in two reads further apart
// than the ESC timeout (two TCP segments of a paste over a slow link) arrives whole, typed or in
// a bracketed paste; an ESC alone is still taken after the ESC timeout.
func TestCutCharacterWaitsForItsRest(t *testing.T) {
	const timeout = 20 * time.Millisecond
	for _, c := range []struct {
		name  string
		parts []string
		want  []string
	}{
		{"typed", []string{"a\xe1\xba", "\xbfb"}, []string{"key a", "key ế", "key b"}},
		{"bracketed paste", []string{"\x1b[200~T\xe1\xba", "\xbf\x1b[201~"}, []string{"paste-start", `paste "Tế"`, "paste-end"}},
		{"escape", []string{"\x1b", "x"}, []string{"key esc", "key x"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ev := newEvents()
			d := newInputDecoder(ev.send, timeout)
			defer d.stop()
			for i, p := range c.parts {
				if i > 0 {
					time.Sleep(5 * timeout) // the ESC timeout has passed
				}
				d.feed([]byte(p))
			}
			if got := ev.wait(len(c.want)); !slices.Equal(got, c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
}

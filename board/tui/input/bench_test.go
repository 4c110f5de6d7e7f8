package input

import (
	"strings"
	"testing"
)

// BenchmarkWord is the engine's work for one ordinary word ("dduwowngf" + space).
func BenchmarkWord(b *testing.B) {
	c := NewComposer(Settings{On: true})
	for b.Loop() {
		for _, r := range "dduwowngf" {
			c.Type(r)
		}
		c.End()
	}
}

// BenchmarkLongestWord is the worst a run of letters costs before the composer lets it pass
// (maxWord keys of the most expensive kinds, then a space): per key, divide by maxWord.
func BenchmarkLongestWord(b *testing.B) {
	for _, p := range []string{"o", "d", "x", "uow", "aw"} {
		in := strings.Repeat(p, maxWord)[:maxWord]
		b.Run(p, func(b *testing.B) {
			c := NewComposer(Settings{On: true, NewTone: true})
			for b.Loop() {
				for _, r := range in {
					c.Type(r)
				}
				c.End()
			}
		})
	}
}

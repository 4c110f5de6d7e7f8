package board_test

import (
	"testing"

	"bangtin/board/boardtest"
)

func TestOnlineSumsSources(t *testing.T) {
	b := boardtest.New(t)
	if n := b.Online(); n != 0 {
		t.Fatalf("no source: Online = %d, want 0", n)
	}
	ssh, web := 3, 2
	b.AddPresence("ssh", func() int { return ssh })
	b.AddPresence("web", func() int { return web })
	if n := b.Online(); n != 5 {
		t.Fatalf("Online = %d, want 5", n)
	}
	ssh = 4
	b.AddPresence("web", func() int { return -7 }) // replaced; a negative count counts as none
	if n := b.Online(); n != 4 {
		t.Fatalf("after replacing web: Online = %d, want 4", n)
	}
	b.AddPresence("ssh", nil)
	if n, l := b.Online(), b.LocalOnline(); n != 0 || l != 0 {
		t.Fatalf("after removing ssh: Online = %d, LocalOnline = %d, want 0", n, l)
	}
}

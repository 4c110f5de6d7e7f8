package tui

import (
	"sync/atomic"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/limit"
)

// Frames lets the sessions of a server share the frames they draw (Env.Frames). Most idle
// sessions show the same home page: the same header, list, visitor box and help line at the same
// size. Without sharing, every change of the online count made every session build its own copy
// of that frame (8 KB at 80×24) and keep it; with it, the first session to need a frame renders
// it and the others take the same string, so a burst of arrivals costs one render per distinct
// screen, not one per session, and the screens of the SSH server keep their rows as slices of
// one string.
//
// A frame is keyed by the content of its parts, never by what the parts were made from: the
// header, the list part of the home page and the help line are interned (one string per content,
// with a number that is never reused), and the key is those numbers, the size and what the
// visitor box shows: the online count, the visitor counts, and the history as loaded into the
// server's Cache (the same slice for every session, never changed; the key keeps it alive, so
// its address stands for its content). Two sessions share a frame only if they would have drawn
// the same bytes.
// Frames are shared only on the home page alone, with no question, notice or prompt open; any
// other screen is drawn by its own session as before.
//
// The server makes one (NewFrames) and hands it to every session; nil shares nothing.
type Frames struct {
	parts  *memo[string, part]
	frames *memo[frameKey, string]
	ids    atomic.Uint64
}

// part is an interned part of a frame: its one shared string and its number (never 0).
type part struct {
	id uint64
	s  string
}

// frameKey is what a shared frame is made of.
type frameKey struct {
	head, top, foot uint64 // interned parts
	w, h            int
	// The visitor box.
	lang    i18n.Lang
	noColor bool
	online  int
	counts  board.VisitorCounts
	hist    *board.DayCount // visitorSnap.history's array (shared through Cache)
	histLen int
}

// DefaultFrames is the number of frames a server keeps for sharing when not told otherwise.
const DefaultFrames = 256

// NewFrames makes the shared frames of one server: at most n frames (DefaultFrames if n
// ≤ 0), and four interned parts per frame; each kind is bounded in bytes too (64 KiB an entry).
// Entries leave oldest-used first; a session keeps the strings it holds.
func NewFrames(n int) *Frames {
	n = limit.Or(n, DefaultFrames)
	size := func(s string) int { return 64 + len(s) }
	return &Frames{
		parts:  newMemo[string, part](4*n, 4*n<<16, func(p part) int { return size(p.s) }),
		frames: newMemo[frameKey, string](n, n<<16, size),
	}
}

// part interns s: the one string with its content, and its number (0 without Frames).
func (f *Frames) part(s string) (string, uint64) {
	if f == nil {
		return s, 0
	}
	p, _ := f.parts.Get(s, func() (part, error) { return part{id: f.ids.Add(1), s: s}, nil })
	return p.s, p.id
}

// frame is the shared frame of k, rendered by render if no session has it yet.
func (f *Frames) frame(k frameKey, render func() string) string {
	s, _ := f.frames.Get(k, func() (string, error) { return render(), nil })
	return s
}

// Len is the number of frames kept (for tests and the debug page).
func (f *Frames) Len() int {
	if f == nil {
		return 0
	}
	return f.frames.Len()
}

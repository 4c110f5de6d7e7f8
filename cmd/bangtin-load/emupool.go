package main

import (
	"io"
	"sync"
	"sync/atomic"

	"github.com/charmbracelet/x/vt"
)

// A new vt.Emulator costs milliseconds of CPU (its parser allocates and clears a 4 MiB buffer),
// as much as a whole session of the servers under test: creating one per session would steal
// their CPU and, inside a timed window, add to the figures. Emulators are therefore reused, reset
// between sessions.

// pooledEmu is an emulator whose answers to terminal queries go to the current session's input.
type pooledEmu struct {
	*vt.Emulator
	w, h int
	dst  atomic.Pointer[io.Writer] // nil: answers are dropped
}

// emuPool keeps a few idle emulators per size.
type emuPool struct {
	mu   sync.Mutex
	free map[[2]int][]*pooledEmu
}

const emuPoolMax = 32 // per size

var emus = &emuPool{free: map[[2]int][]*pooledEmu{}}

// get returns a blank w×h emulator answering into in.
func (p *emuPool) get(w, h int, in io.Writer) *pooledEmu {
	p.mu.Lock()
	var e *pooledEmu
	if l := p.free[[2]int{w, h}]; len(l) > 0 {
		e = l[len(l)-1]
		p.free[[2]int{w, h}] = l[:len(l)-1]
	}
	p.mu.Unlock()
	if e == nil {
		e = &pooledEmu{Emulator: vt.NewEmulator(w, h), w: w, h: h}
		go e.answer()
	}
	e.dst.Store(&in)
	return e
}

// put resets e and keeps it for the next session (or ends it when enough are kept).
func (p *emuPool) put(e *pooledEmu) {
	e.dst.Store(nil)
	// Leave the alternate screen, then a full reset (RIS): blank screens, home cursor, default modes.
	_, _ = e.Write([]byte("\x1b[?1049l\x1bc"))
	p.mu.Lock()
	k := [2]int{e.w, e.h}
	if len(p.free[k]) < emuPoolMax {
		p.free[k] = append(p.free[k], e)
		e = nil
	}
	p.mu.Unlock()
	if e != nil {
		e.end()
	}
}

// warm makes sure one w×h emulator is ready, outside any timed window.
func (p *emuPool) warm(w, h int) { p.put(p.get(w, h, nil)) }

// answer copies the emulator's answers to the current destination until the pipe ends.
func (e *pooledEmu) answer() {
	buf := make([]byte, 4096)
	for {
		n, err := e.Read(buf)
		if n > 0 {
			if d := e.dst.Load(); d != nil && *d != nil {
				_, _ = (*d).Write(buf[:n])
			}
		}
		if err != nil {
			return
		}
	}
}

// end stops the answering goroutine. (Emulator.Close would write a field its Read checks without
// a lock; closing the pipe's writer ends Read the same way.)
func (e *pooledEmu) end() {
	if pw, ok := e.InputPipe().(*io.PipeWriter); ok {
		_ = pw.CloseWithError(io.EOF)
	}
}

package sshd

import (
	"context"
	"io"
	"reflect"
	"sync"
	"time"
	"unicode/utf8"

	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"
)

// A TUI session's input: the board reads the session's channel itself and decodes it into
// events that it hands to bubbletea with Program.Send (bubbletea runs with tea.WithInput(nil)).
//
// Why by hand: bubbletea's own input reader is ultraviolet's TerminalReader, and
// NewTerminalReader builds a key table of about 136 KiB for every reader, so for every session;
// the table is unexported and the reader has no option to share one. uv.EventDecoder, which
// does the decoding, is exported and needs no table (its zero value works), but what the
// reader does around it (the ESC timeout, bracketed paste gathered into one paste, MultiEvent
// flattened, ignored sequences dropped) is unexported. No library offers that loop without the
// per-session table, so inputDecoder below repeats ultraviolet's eventScanner.scanEvents and
// TerminalReader.StreamEvents (ultraviolet 6b8d4baf91b4, terminal_reader.go) with the same
// timeout and paste semantics, minus the Windows console (win32-input-mode) and the table.
// The only sequences the table alone knew are terminfo ones (e.g. the Linux console's F1-F5).
//
// Events go through Program.Send, whose messages bubbletea translates like its own input
// (uv.KeyPressEvent reaches the model as tea.KeyPressMsg, uv.PasteEvent as tea.PasteMsg) and
// passes through the program's filter: the terminal's answers to the screen's start-up
// queries (termcaps.go) arrive here and are taken out by tea.go's screenFilter.

// escTimeout is how long an ESC, or a sequence begun and not finished, waits for the rest before
// it is taken as it is (ultraviolet's DefaultEscTimeout).
const escTimeout = uv.DefaultEscTimeout

// cutRuneWait is how long the first bytes of a UTF-8 character wait for the rest (an ESC and
// a sequence begun wait escTimeout).
const cutRuneWait = time.Second

// inputReadSize is the most read from the channel at once (a longer paste takes several reads).
const inputReadSize = 1024

// inputDecoder turns a session's input bytes into events. feed is called by the one goroutine
// reading the session; a timer (time.AfterFunc, no goroutine while it waits) takes what is left
// undecided after escTimeout. Events are sent under mu, so they keep the input's order.
type inputDecoder struct {
	send    func(uv.Event)
	timeout time.Duration

	mu       sync.Mutex
	dec      uv.EventDecoder
	buf      []byte // bytes not decoded yet
	paste    []byte // the bracketed paste being gathered; nil outside a paste
	timer    *time.Timer
	deadline time.Time // when buf is taken as it is
	stopped  bool
}

func newInputDecoder(send func(uv.Event), timeout time.Duration) *inputDecoder {
	return &inputDecoder{send: send, timeout: timeout}
}

// readInput reads src until it fails (the channel closed) or ctx ends after a read, feeding
// in; then it stops in's timer. It is the session's one input goroutine.
func readInput(ctx context.Context, src io.Reader, in *inputDecoder) {
	defer in.stop()
	b := make([]byte, inputReadSize)
	for {
		n, err := src.Read(b)
		if ctx.Err() != nil {
			return
		}
		if n > 0 {
			in.feed(b[:n])
		}
		if err != nil {
			in.flush() // what is left, as StreamEvents does when its reader fails
			return
		}
	}
}

// feed decodes what it can of the bytes so far; the rest waits for more input or the timeout.
func (d *inputDecoder) feed(p []byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stopped {
		return
	}
	d.buf = append(d.buf, p...)
	d.deadline = time.Now().Add(d.timeout)
	d.consume(d.scan(d.buf, false))
	if len(d.buf) == 0 {
		if d.timer != nil {
			d.timer.Stop()
		}
		return
	}
	if d.timer == nil {
		d.timer = time.AfterFunc(d.timeout, d.expire)
	} else {
		d.timer.Reset(d.timeout)
	}
}

// expire runs on the timer: once the deadline has passed, the bytes left are taken as they are.
func (d *inputDecoder) expire() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.stopped || len(d.buf) == 0 {
		return
	}
	if wait := time.Until(d.deadline); wait > 0 { // input came after the timer was set
		d.timer.Reset(wait)
		return
	}
	if !utf8.FullRune(d.buf) {
		// The first bytes of a character whose rest is on its way: a gap longer than the ESC
		// timeout between two TCP segments of a paste happens (a slow link, a loaded server),
		// and taking them alone lost the character (issue 19, item 13: one in an unbracketed
		// paste of 4,000). They wait up to cutRuneWait.
		if wait := time.Until(d.deadline.Add(cutRuneWait - d.timeout)); wait > 0 {
			d.timer.Reset(wait)
			return
		}
	}
	d.consume(d.scan(d.buf, true))
	if len(d.buf) > 0 {
		d.deadline = time.Now().Add(d.timeout)
		d.timer.Reset(d.timeout)
	}
}

// flush takes what is left as it is, at once.
func (d *inputDecoder) flush() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if !d.stopped && len(d.buf) > 0 {
		d.consume(d.scan(d.buf, true))
	}
}

// stop ends the decoder: its timer stops and nothing more is sent.
func (d *inputDecoder) stop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.stopped = true
	if d.timer != nil {
		d.timer.Stop()
	}
	d.buf, d.paste = nil, nil
}

// consume drops the first n bytes of buf; an emptied large buffer is let go.
func (d *inputDecoder) consume(n int) {
	d.buf = d.buf[:copy(d.buf, d.buf[n:])]
	if len(d.buf) == 0 && cap(d.buf) > inputReadSize {
		d.buf = nil
	}
}

// isIgnored reports ultraviolet's unexported ignoredEvent (a string sequence cancelled by CAN
// or SUB, or cut by an ESC): its decoder returns it and its scanner never passes it on.
func isIgnored(ev uv.Event) bool {
	t := reflect.TypeOf(ev)
	return t != nil && t.Name() == "ignoredEvent" && t.PkgPath() == ignoredPkg
}

const ignoredPkg = "github.com/charmbracelet/ultraviolet"

// scan is ultraviolet's eventScanner.scanEvents without the Windows console and the key table:
// it sends the events in buf and says how many bytes they took. Unless expired, it stops at
// an ESC that may begin a longer sequence and at bytes it cannot decode yet.
func (d *inputDecoder) scan(buf []byte, expired bool) (total int) {
	for len(buf) > 0 {
		esc := buf[0] == ansi.ESC
		n, event := d.dec.Decode(buf)

		if d.paste != nil { // inside a bracketed paste: gather its text
			if _, end := event.(uv.PasteEndEvent); !end {
				switch event := event.(type) {
				case uv.KeyPressEvent:
					if len(event.Text) > 0 {
						d.paste = append(d.paste, event.Text...)
					} else {
						if esc && n <= 2 && !expired {
							return total // wait for more input
						}
						d.paste = append(d.paste, buf[:n]...) // Enter, Tab and the like, as sent
					}
				case uv.UnknownEvent:
					if !expired {
						return total // a sequence or a UTF-8 character cut by the read
					}
				}
				buf = buf[n:]
				total += n
				continue
			}
		}

		unknown := false
		switch event.(type) {
		case uv.UnknownEvent:
			if !expired {
				return total
			}
			unknown = true
			d.send(event)
		case uv.PasteStartEvent:
			d.paste = []byte{}
		case uv.PasteEndEvent:
			var paste []rune
			for p := d.paste; len(p) > 0; {
				r, w := utf8.DecodeRune(p)
				if r != utf8.RuneError {
					paste = append(paste, r)
				}
				p = p[w:]
			}
			d.paste = nil
			d.send(uv.PasteEvent{Content: string(paste)})
		}
		if isIgnored(event) {
			event = nil
		}

		if !unknown && event != nil {
			if esc && n <= 2 && !expired {
				return total // an ESC alone, or ESC and a key: wait for more input
			}
			if m, ok := event.(uv.MultiEvent); ok {
				for _, e := range m {
					d.send(e)
				}
			} else {
				d.send(event)
			}
		}

		buf = buf[n:]
		total += n
	}
	return total
}

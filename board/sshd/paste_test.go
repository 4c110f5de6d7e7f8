package sshd

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"bangtin/board/boardtest"
	"bangtin/board/boardtest/sshtest"
	"bangtin/board/i18n"
)

// pasteText is n characters of Vietnamese as a terminal without bracketed paste sends a paste:
// every character a key, a line break an Enter (\r). Lines are 64 characters.
func pasteText(n int) string {
	const line = "Trạm y tế xã thông báo lịch tiêm chủng mở rộng cho trẻ em dưới "
	var b strings.Builder
	r := []rune(line)
	for i := 0; i < n; i++ {
		if i%64 == 63 {
			b.WriteByte('\r')
			continue
		}
		b.WriteRune(r[i%64%len(r)])
	}
	return b.String()
}

// BenchmarkUnbracketedPaste (issue 19, item 13) measures a paste of 4,000 characters into the
// comment form by a terminal without bracketed paste (PuTTY's default, Windows' conhost): the
// characters arrive as keys, over SSH, through the server's input decoder, the TUI and the
// screen, until the form's counter shows all of them. One op is one paste, in a new session.
//
//	go test -run '^$' -bench UnbracketedPaste -benchtime 5x ./board/sshd
func BenchmarkUnbracketedPaste(b *testing.B) {
	const n = 4000
	text := pasteText(n)
	if got := len([]rune(text)); got != n {
		b.Fatalf("paste of %d characters, want %d", got, n)
	}
	e := startServer(b, nil)
	th := boardtest.Thread(b, e.board, "Lịch tiếp công dân", "Thứ Năm hằng tuần.")
	form := i18n.T(i18n.Vi, i18n.TWFormHeading, th.Title)
	counter := fmt.Sprintf("%d/%d", n, n)
	var total time.Duration
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		c := e.Dial(b, sshtest.As{User: "hung", Key: sshtest.Signer(b)}) // a new writer: no draft
		tm := e.openTerm(b, c, termOpts{Width: 80, Height: 24})
		waitForB(b, tm, th.Title)
		tm.Send("\r")
		waitForB(b, tm, "Thứ Năm hằng tuần.")
		tm.Send("c")
		waitForB(b, tm, form)
		tm.Send("Hùng\t\t") // the name, then past the title to the text
		waitForB(b, tm, " 0/4000")
		b.StartTimer()
		t0 := time.Now()
		tm.Send(text)
		waitForPaste(b, tm, counter, 60*time.Second)
		total += time.Since(t0)
		b.StopTimer()
		hClose(tm)
		_ = c.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/paste")
}

// waitForPaste polls every millisecond for sub, up to d.
func waitForPaste(b *testing.B, tm *term, sub string, d time.Duration) {
	deadline := time.Now().Add(d)
	for !strings.Contains(tm.Screen(), sub) {
		if time.Now().After(deadline) {
			b.Fatalf("timed out after %v waiting for %q:\n%s", d, sub, tm.Screen())
		}
		time.Sleep(time.Millisecond)
	}
}

// TestUnbracketedPasteArrivesWhole (issue 19, item 13): 4,000 characters of Vietnamese pasted
// as keys into the comment form over SSH are posted exactly as pasted (the runs of typed text
// and the characters cut between reads lose nothing).
func TestUnbracketedPasteArrivesWhole(t *testing.T) {
	const n = 4000
	e := startServer(t, nil)
	th := boardtest.Thread(t, e.board, "Lịch tiếp công dân", "Thứ Năm hằng tuần.")
	c := e.Dial(t, sshtest.As{User: "hung", Key: sshtest.Signer(t)})
	tm := e.openTerm(t, c, termOpts{Width: 80, Height: 24})
	e2eOpenThread(t, tm, "guest", th)
	tm.Send("c")
	e2eFor(t, tm, "guest", e2eVi(i18n.TWFormHeading, th.Title))
	tm.Send("Hùng\t\t")
	e2eFor(t, tm, "guest", " 0/4000")
	pasted := pasteText(n)
	tm.Send(pasted)
	e2eFor(t, tm, "guest", fmt.Sprintf("%d/%d", n, n))
	tm.Send("\t" + e2eCaptcha(t, tm) + "\x13") // the check question, then Ctrl-S
	e2eFor(t, tm, "guest", e2eVi(i18n.TWFormPending))
	cs, err := e.board.Pending(context.Background(), boardtest.Admin, 10)
	if err != nil || len(cs) != 1 {
		t.Fatalf("pending: %v %d", err, len(cs))
	}
	if want := strings.ReplaceAll(pasted, "\r", "\n"); cs[0].Body != want {
		gl, wl := strings.Split(cs[0].Body, "\n"), strings.Split(want, "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("line %d posted as %q, pasted %q", i, gl[i], wl[i])
			}
		}
		t.Fatalf("posted %d lines, pasted %d", len(gl), len(wl))
	}
	hClose(tm)
	_ = c.Close()
}

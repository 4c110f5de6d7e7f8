package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"bangtin/board/boardtest"
	"bangtin/board/i18n"
)

// pasteKeys is n characters of Vietnamese as key presses, as a terminal without bracketed paste
// sends a paste (a line break is Enter), 64 characters a line.
func pasteKeys(n int) []tea.Msg {
	r := []rune("Trạm y tế xã thông báo lịch tiêm chủng mở rộng cho trẻ em dưới ")
	out := make([]tea.Msg, 0, n)
	for i := range n {
		if i%64 == 63 {
			out = append(out, keyMsg("enter"))
			continue
		}
		c := r[i%64%len(r)]
		out = append(out, tea.KeyPressMsg{Code: c, Text: string(c)})
	}
	return out
}

// BenchmarkFormKeys measures the TUI's share of an unbracketed paste of 4,000 characters into
// the comment form: each key goes through the root model's Update and, as bubbletea does after
// every message, View. One op is one paste (split into update and view time). The commands the
// keys return are not run: the runs of typed text (typing.go) are handed over at line breaks
// and at the end, not also every typingFlush as in a session.
//
//	go test -run '^$' -bench FormKeys -benchtime 5x ./board/tui
func BenchmarkFormKeys(b *testing.B) {
	bd, _ := wBoard(b)
	boardtest.Thread(b, bd, "Lịch tiếp công dân", "Nội dung.")
	keys := pasteKeys(4000)
	var upd, view time.Duration
	for range b.N {
		b.StopTimer()
		env := envFor(bd, i18n.Vi, boardtest.GuestKey("SHA256:bench", "10.0.0.1"))
		env.Cache = NewCache()
		m := New(env).(*model)
		loop := cmdLoop{max: 2000, wait: 3 * time.Second}
		deliver := func(msg tea.Msg) tea.Cmd { _, cmd := m.Update(msg); return cmd }
		loop.run(b, m.Init(), deliver)
		pressKeys(func(msg tea.Msg) { loop.run(b, deliver(msg), deliver) }, "enter", "c", "Hùng", "tab", "tab")
		b.StartTimer()
		for _, k := range keys {
			t0 := time.Now()
			m.Update(k) // the commands of a key press (none that matter here) are not run
			t1 := time.Now()
			_ = m.View()
			upd += t1.Sub(t0)
			view += time.Since(t1)
		}
		m.Update(typingMsg{gen: m.typing.gen}) // the last run's flush (its tick is not run here)
		_ = m.View()
		b.StopTimer()
		f, ok := m.top().(*formPage)
		if !ok || len([]rune(f.body.Value())) != 4000 || !strings.Contains(f.body.Value(), "\n") {
			b.Fatalf("the form holds %d characters", len([]rune(f.body.Value())))
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(upd.Milliseconds())/float64(b.N), "update-ms/paste")
	b.ReportMetric(float64(view.Milliseconds())/float64(b.N), "view-ms/paste")
}

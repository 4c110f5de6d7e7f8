package tui

import (
	"runtime"
	"strings"
	"testing"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/i18n"
)

// BenchmarkSessionMemory reports the heap one idle session's model holds after its first frame
// (home loaded, frame built), over 200 sessions of one board. bubbletea's own buffers (about
// 770 KiB at 80×24, issue 7) come on top of this and are measured by cmd/bangtin-load.
func BenchmarkSessionMemory(b *testing.B) {
	t := &testing.T{}
	bd := boardtest.New(b)
	for i := range 30 {
		boardtest.Thread(b, bd, "Thông báo "+string(rune('A'+i%26)), "Nội dung **đậm**.")
	}
	const n = 200
	for range b.N {
		keep := make([]*driver, 0, n)
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		for range n {
			d := newDriver(t, envFor(bd, i18n.Vi, reader))
			_ = d.m.View()
			keep = append(keep, d)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/n, "heap-B/session")
		runtime.KeepAlive(keep)
	}
}

// BenchmarkHomeView is the cost of building one home frame (done only after a change).
func BenchmarkHomeView(b *testing.B) {
	t := &testing.T{}
	bd := boardtest.New(b)
	for i := range 30 {
		boardtest.Thread(b, bd, "Thông báo về việc tổ chức hội nghị "+string(rune('A'+i%26)), "Nội dung.")
	}
	d := newDriver(t, envFor(bd, i18n.Vi, reader))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		d.m.dirty = true
		_ = d.m.View()
	}
}

// BenchmarkHomeViewAfterChange is the cost of a frame after the list changed (a key or a reload).
func BenchmarkHomeViewAfterChange(b *testing.B) {
	t := &testing.T{}
	bd := boardtest.New(b)
	for i := range 30 {
		boardtest.Thread(b, bd, "Thông báo về việc tổ chức hội nghị "+string(rune('A'+i%26)), "Nội dung.")
	}
	d := newDriver(t, envFor(bd, i18n.Vi, reader))
	h := d.home()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		h.gen++
		d.m.dirty = true
		_ = d.m.View()
	}
}

// BenchmarkThreadOpen is the per-session work of opening a thread whose body is already rendered
// (shared) with 100 comments: laying the page out.
func BenchmarkThreadOpen(b *testing.B) {
	c := &Common{Env: Env{Lang: i18n.Vi}, Width: 80, Height: 24, Styles: NewStyles(false), Keys: NewKeyMap(i18n.Vi)}
	ts := someThreads(6)
	snap := threadSnap{t: ts[0], others: ts[1:]}
	for i := range 100 {
		snap.comments.Comments = append(snap.comments.Comments, board.Comment{ID: uint64(i + 1), Name: "Nguyễn Văn An", Title: "Hỏi về lịch tiêm",
			Body: strings.Repeat("Cho hỏi buổi sáng tiêm từ mấy giờ ạ? ", 12), CreatedAt: ts[0].PublishedAt})
	}
	snap.comments.Total = 100
	p := NewThread(c, []uint64{1}, 0).(*threadPage)
	k := p.mdKey(snap.t)
	body, err := (*Cache)(nil).renderBody(k, "Nội dung **đậm**.\n\n- một\n- hai")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		p.Update(threadLoadedMsg{to: p, req: p.req, version: 1, snap: snap, body: body, bodyKey: k, first: true})
		_ = p.View()
	}
}

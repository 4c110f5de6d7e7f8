package board_test

import (
	"fmt"
	"net/netip"
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/boardtest"
)

// BenchmarkRecordVisit records visits of 1,000 visitors (half with keys); run with -cpu 1 for
// the one-core figure. The flusher is set far in the future so only the recording path counts.
func BenchmarkRecordVisit(b *testing.B) {
	bd := boardtest.New(b, board.Options{FlushInterval: time.Hour})
	ids := make([]board.Identity, 1000)
	for i := range ids {
		ids[i] = board.Identity{Addr: netip.AddrFrom4([4]byte{10, 0, byte(i >> 8), byte(i)})}
		if i%2 == 0 {
			ids[i].Fingerprint = fmt.Sprintf("SHA256:visitor%04d", i)
		}
	}
	now := time.Now()
	b.ResetTimer()
	start := time.Now()
	i := 0
	for b.Loop() {
		bd.RecordVisit(ids[i%len(ids)], now)
		i++
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "visits/s")
}

package board_test

import (
	"context"
	"fmt"
	"net/netip"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/boardtest"
	"bangtin/board/boltstore"
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

// BenchmarkMyComments lists one guest's 20 comments (M) on a board of 100,000 comments by
// 5,000 writers: the cost no longer grows with the board (comments.author).
func BenchmarkMyComments(b *testing.B) {
	bd, st := boardtest.Open(b, filepath.Join(b.TempDir(), boltstore.FileName))
	th := boardtest.Thread(b, bd, "Lịch tiêm chủng", "tại trạm y tế")
	const writers, total = 5000, 100000
	for from := 0; from < total; from += 10000 {
		err := st.Update(context.Background(), func(tx board.Tx) error {
			for i := from; i < from+10000; i++ {
				c := board.Comment{ThreadID: th.ID, Name: "Người viết", Body: "ý kiến số " + strconv.Itoa(i),
					Fingerprint: fmt.Sprintf("SHA256:w%05d", i%writers), Status: board.CommentApproved}
				if err := tx.PutComment(&c); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	who := boardtest.GuestKey("SHA256:w00007", "10.0.0.7")
	for b.Loop() {
		cs, err := bd.MyComments(context.Background(), who, 50)
		if err != nil || len(cs) != total/writers {
			b.Fatalf("MyComments: %d, %v", len(cs), err)
		}
	}
}

// BenchmarkDeletedThreads lists the first page of deleted threads (D, admins) on a board of
// 50,000 threads, 50 of them deleted: the cost no longer grows with the board (threads.deleted).
func BenchmarkDeletedThreads(b *testing.B) {
	bd, st := boardtest.Open(b, filepath.Join(b.TempDir(), boltstore.FileName))
	const total, every = 50000, 1000
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for from := 0; from < total; from += 5000 {
		err := st.Update(context.Background(), func(tx board.Tx) error {
			for i := from; i < from+5000; i++ {
				th := board.Thread{CategoryID: 1, Title: "Thông báo số " + strconv.Itoa(i), Body: "Nội dung thông báo.",
					Status: board.StatusPublished, CreatedAt: at, PublishedAt: at, Deleted: i%every == 0}
				if err := tx.PutThread(&th); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		p, err := bd.DeletedThreads(context.Background(), boardtest.Admin, 1, 20)
		if err != nil || p.Total != total/every || len(p.Threads) != 20 {
			b.Fatalf("DeletedThreads: %d of %d, %v", len(p.Threads), p.Total, err)
		}
	}
}

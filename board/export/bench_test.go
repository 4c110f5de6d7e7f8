package export_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"bangtin/board"
	"bangtin/board/boltstore"
	"bangtin/board/export"
)

// BenchmarkCopy exports a board of 10,000 threads (1 KiB bodies) with 3 comments each and
// imports it into a new store: go test ./board/export -run '^$' -bench Copy -benchtime 1x
func BenchmarkCopy(b *testing.B) {
	const threads, perThread = 10_000, 3
	src, err := boltstore.Open(filepath.Join(b.TempDir(), boltstore.FileName), boltstore.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer src.Close()
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	ths := make([]board.Thread, threads)
	body := bytes.Repeat([]byte("Nội dung tập huấn phòng chống xâm hại trẻ em. "), 22)
	for i := range ths {
		t := at.Add(time.Duration(i) * time.Minute)
		ths[i] = board.Thread{CategoryID: 1, Title: fmt.Sprintf("Tin số %d về trẻ em", i), Body: string(body),
			Status: board.StatusPublished, CreatedAt: t, UpdatedAt: t, PublishedAt: t}
	}
	if err := src.Load(ths); err != nil {
		b.Fatal(err)
	}
	if err := src.Update(ctx, func(tx board.Tx) error {
		for i := range threads * perThread {
			c := board.Comment{ThreadID: uint64(i/perThread + 1), Name: "Nguyễn Văn An", Body: "Cảm ơn",
				Status: board.CommentStatus(i % 3), CreatedAt: at}
			if err := tx.PutComment(&c); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		var buf bytes.Buffer
		start := time.Now()
		if _, err := export.Snapshot(ctx, src, &buf, export.WriteOptions{}); err != nil {
			b.Fatal(err)
		}
		exp := time.Since(start)
		size := buf.Len()
		dst, err := boltstore.Open(filepath.Join(b.TempDir(), boltstore.FileName), boltstore.Options{NoSync: true})
		if err != nil {
			b.Fatal(err)
		}
		start = time.Now()
		if _, err := export.Read(ctx, dst, &buf, export.ReadOptions{}); err != nil {
			b.Fatal(err)
		}
		imp := time.Since(start)
		dst.Close()
		b.ReportMetric(float64(exp.Milliseconds()), "export-ms")
		b.ReportMetric(float64(imp.Milliseconds()), "import-ms")
		b.ReportMetric(float64(size)/(1<<20), "MiB")
	}
}

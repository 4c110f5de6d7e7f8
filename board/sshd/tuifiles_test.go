package sshd

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net"
	"regexp"
	"testing"

	"bangtin/board"
	"bangtin/board/boardtest"
)

// TestTUIFilesOverSSH: a thread's picture reaches a real terminal as art, and the download
// command under its document names the address the client connected to, or the board's public
// host name (Config.PublicHost, from --public-url), with the port the client used.
func TestTUIFilesOverSSH(t *testing.T) {
	for _, tc := range []struct{ name, public string }{
		{"the address connected to", ""},
		{"the public host", "bangtin.tanphu.gov.vn"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := startBoard(t, func(c *Config) { c.PublicHost = tc.public })
			ctx := context.Background()
			page, err := e.board.ListThreads(ctx, boardtest.Editor, board.ThreadQuery{})
			if err != nil || len(page.Threads) == 0 {
				t.Fatalf("threads: %v", err)
			}
			tid := page.Threads[0].ID
			if _, err := e.board.AttachFile(ctx, boardtest.Editor, tid, board.FileInput{Name: "anh.png", Caption: "Ảnh thử", Data: stripesPNG(t)}); err != nil {
				t.Fatal(err)
			}
			if _, err := e.board.AttachFile(ctx, boardtest.Editor, tid, board.FileInput{Name: "ke-hoach.txt", Data: []byte("Kế hoạch\n")}); err != nil {
				t.Fatal(err)
			}
			tm := e.openTerm(t, nil, termOpts{Width: 80, Height: 40})
			tm.WaitFor("Đang online")
			tm.Send("\r")
			tm.WaitFor("▀▀▀▀")
			tm.Send("G")
			tm.WaitFor("Ảnh thử")
			host, port, _ := net.SplitHostPort(e.addr)
			if tc.public != "" {
				host = tc.public
			}
			tm.WaitFor(fmt.Sprintf("scp -P %s %s:/news/%d/ke-hoach.txt .", port, host, tid))
			if !art.MatchString(tm.Raw()) {
				t.Error("no half-block art in the output")
			}
		})
	}
}

var art = regexp.MustCompile(`\x1b\[[0-9;]*[34]8;[25];[0-9;]+m▀`)

// stripesPNG is a 40×20 picture of coloured stripes.
func stripesPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for y := range 20 {
		for x := range 40 {
			img.SetRGBA(x, y, color.RGBA{uint8(x * 6), uint8(y * 12), 180, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestStaticReferenceAndHammer runs figure w's pieces: the static-file reference process and the
// load of keep-alive clients.
func TestStaticReferenceAndHammer(t *testing.T) {
	dir := t.TempDir()
	page := strings.Repeat("<p>trẻ em</p>\n", 500)
	if err := os.WriteFile(filepath.Join(dir, "home.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	addr, stop, err := startStatic(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	ctx := context.Background()
	got, err := fetch(ctx, webClient(1), "http://"+addr+"/home.html", nil)
	if err != nil || string(got) != page {
		t.Fatalf("static file: %d bytes, %v", len(got), err)
	}
	rate, d, err := hammer(ctx, "http://"+addr+"/home.html", nil, 2, 200*time.Millisecond)
	if err != nil || rate <= 0 || d.N == 0 || d.P99 < d.P50 {
		t.Errorf("hammer: %.0f/s %+v %v", rate, d, err)
	}
	if _, _, err := hammer(ctx, "http://"+addr+"/missing.html", nil, 1, 50*time.Millisecond); err == nil {
		t.Error("a 404 counted as served")
	}
	o, err := parseFlags([]string{"--figures", "a,w"}, &strings.Builder{})
	if err != nil || !o.only["w"] || o.web.Clients == 0 {
		t.Errorf("--figures a,w: %+v %v", o, err)
	}
}

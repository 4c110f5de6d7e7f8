package sshd

import (
	"bytes"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func TestFirstFrame(t *testing.T) {
	alt := ansi.SetModeAltScreenSaveCursor
	query := ansi.RequestModeSynchronizedOutput + ansi.RequestModeUnicodeCore
	view := func(s string) tea.View { v := tea.NewView(s); v.AltScreen = true; return v }
	for _, tc := range []struct {
		name      string
		before    string // bubbletea's output before the view is ready
		view      tea.View
		w, h      int
		wantDrawn bool
	}{
		{"drawn", "", view("ab\ncd"), 80, 24, true},
		{"bubbletea first", alt + "x", view("ab\ncd"), 80, 24, false},
		{"too wide", "", view(strings.Repeat("x", 81)), 80, 24, false},
		{"too tall", "", view(strings.Repeat("x\n", 24) + "x"), 80, 24, false},
		{"not alt screen", "", tea.NewView("ab"), 80, 24, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			f := newFirstFrame(&out, tc.w, tc.h, []string{"TERM=xterm-256color"})
			if tc.before != "" {
				if _, err := f.Write([]byte(tc.before)); err != nil {
					t.Fatal(err)
				}
			}
			f.draw(tc.view)
			pre := out.String()
			// bubbletea's first output: its own query and alternate-screen entry are dropped once
			// after ours.
			frame := query + "\x1b[0m" + alt + "\x1b[Hframe"
			n, err := f.Write([]byte(frame))
			if err != nil || n != len(frame) {
				t.Fatalf("Write = %d, %v", n, err)
			}
			_, _ = f.Write([]byte(alt)) // a later entry (after an exit) passes
			got := out.String()
			if !tc.wantDrawn {
				if got != tc.before+frame+alt {
					t.Fatalf("output = %q", got)
				}
				return
			}
			if !strings.HasPrefix(pre, query+alt) || !strings.Contains(pre, "ab\x1b[m\r\ncd") {
				t.Fatalf("first frame = %q", pre)
			}
			if strings.Count(got, alt) != 2 || strings.Count(got, query) != 1 || !strings.HasSuffix(got, "\x1b[0m\x1b[Hframe"+alt) {
				t.Fatalf("output = %q", got)
			}
		})
	}
}

package sshd

import (
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	uv "github.com/charmbracelet/ultraviolet"
	"github.com/charmbracelet/x/ansi"

	"bangtin/board/boardtest"
)

// countModel counts its messages and says so in its view.
type countModel struct {
	n    int
	mu   *sync.Mutex
	seen *[]int // every n a View was called with
}

type countMsg struct{}

func (m countModel) Init() tea.Cmd { return nil }

func (m countModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(countMsg); ok {
		m.n++
	}
	return m, nil
}

func (m countModel) View() tea.View {
	m.mu.Lock()
	*m.seen = append(*m.seen, m.n)
	m.mu.Unlock()
	return tea.NewView(strings.Repeat("x", m.n))
}

// The screen draws what View returns and depends on bubbletea calling View after every Update
// although the program runs without a renderer: this fails if a new bubbletea stops doing so.
func TestViewAfterEveryUpdate(t *testing.T) {
	var mu sync.Mutex
	var seen []int
	scr := newScreen(io.Discard, 80, 24, colorprofile.TrueColor, time.Hour)
	defer scr.close()
	g := &guardModel{inner: countModel{mu: &mu, seen: &seen}, ss: &session{}, scr: scr}
	p := tea.NewProgram(g, tea.WithoutRenderer(), tea.WithInput(nil), tea.WithOutput(io.Discard),
		tea.WithoutSignalHandler(), tea.WithFilter(screenFilter(scr)))
	const n = 20
	go func() {
		for range n {
			p.Send(countMsg{}) // one at a time: Send returns once the loop took it
		}
		p.Quit()
	}()
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		p.Kill()
		t.Fatal("the program did not end")
	}
	mu.Lock()
	defer mu.Unlock()
	next := 1
	for _, v := range seen {
		if v == next {
			next++
		}
	}
	if next != n+1 {
		t.Fatalf("View saw the model after updates %v, want each of 1..%d in turn", seen, n)
	}
	scr.mu.Lock()
	want := scr.want
	scr.mu.Unlock()
	if want != strings.Repeat("x", n) {
		t.Fatalf("the screen was handed %q, want the last view", want)
	}
}

// The terminal's answers and Ctrl-L are the screen's: the TUI never sees them; other keys and
// messages pass.
func TestScreenFilter(t *testing.T) {
	var out boardtest.LogBuffer
	scr := newScreen(&out, 40, 5, colorprofile.ANSI, time.Hour)
	defer scr.close()
	scr.set("frame", true)
	scr.draw()
	out.Take()
	f := screenFilter(scr)
	for _, tc := range []struct {
		name string
		msg  tea.Msg
		kept bool
	}{
		{"mode 2027 report", tea.ModeReportMsg{Mode: ansi.ModeUnicodeCore, Value: ansi.ModeReset}, false},
		{"XTVERSION", tea.TerminalVersionMsg{Name: "tmux 3.3a"}, false},
		{"DA2", uv.SecondaryDeviceAttributesEvent{0, 136, 0}, false},
		{"DA1", uv.PrimaryDeviceAttributesEvent{6}, false},
		{"ctrl+l", tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl}, false},
		{"ctrl+l with caps lock", tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl | tea.ModCapsLock}, false},
		{"l", tea.KeyPressMsg{Code: 'l', Text: "l"}, true},
		{"ctrl+k", tea.KeyPressMsg{Code: 'k', Mod: tea.ModCtrl}, true},
		{"ctrl+alt+l", tea.KeyPressMsg{Code: 'l', Mod: tea.ModCtrl | tea.ModAlt}, true},
		{"another mode report", tea.ModeReportMsg{Mode: ansi.ModeSynchronizedOutput, Value: ansi.ModeReset}, true},
		{"window size", tea.WindowSizeMsg{Width: 80, Height: 24}, true},
	} {
		if got := f(nil, tc.msg); (got != nil) != tc.kept {
			t.Errorf("%s: filter returned %v, kept should be %v", tc.name, got, tc.kept)
		}
	}
	scr.mu.Lock()
	defer scr.mu.Unlock()
	if scr.method != perGrapheme || !scr.unicode || scr.profile != colorprofile.TrueColor || !scr.full {
		t.Errorf("answers not learnt: method %v, set 2027 %v, profile %v, repaint %v", scr.method, scr.unicode, scr.profile, scr.full)
	}
}

// What the screen learns from the terminal's answers, and what it then sends.
func TestScreenLearns(t *testing.T) {
	frame := "Phạm Thu 👩🏽\u200d🌾 Hà │ Xác nhận 👍🏽 │ 05/12"
	for _, tc := range []struct {
		name        string
		profile     colorprofile.Profile
		learn       func(*screen)
		method      widthMode
		wantProfile colorprofile.Profile
		sent, not   []string // in the output after the answer, and not
		end         string   // in the output at close
	}{
		{"2027 settable: set, grapheme widths, reset at the end", colorprofile.ANSI256, func(s *screen) { s.learnMode(ansi.ModeReset) },
			perGrapheme, colorprofile.ANSI256, []string{ansi.SetModeUnicodeCore, "👩🏽\u200d🌾"}, []string{ansi.EraseEntireScreen}, ansi.ResetModeUnicodeCore},
		{"2027 set", colorprofile.ANSI256, func(s *screen) { s.learnMode(ansi.ModeSet) },
			perGrapheme, colorprofile.ANSI256, []string{"👍🏽"}, []string{ansi.SetModeUnicodeCore}, ""},
		{"2027 unknown", colorprofile.ANSI256, func(s *screen) { s.learnMode(ansi.ModeNotRecognized) },
			perCodePoint, colorprofile.ANSI256, nil, []string{"👍🏽", ansi.SetModeUnicodeCore}, ""},
		{"2027 permanently reset", colorprofile.ANSI256, func(s *screen) { s.learnMode(ansi.ModePermanentlyReset) },
			perCodePoint, colorprofile.ANSI256, nil, []string{"👍🏽", ansi.SetModeUnicodeCore}, ""},
		{"PuTTY's DA2 with TERM=xterm", colorprofile.ANSI, func(s *screen) { s.learnDA2([]int{0, 136, 0}) },
			perCodePoint, colorprofile.TrueColor, []string{ansi.EraseEntireScreen, "38;2;"}, nil, ""},
		{"Windows Terminal's DA2", colorprofile.ANSI256, func(s *screen) { s.learnDA2([]int{0, 10, 1}) },
			perCodePoint, colorprofile.TrueColor, []string{"38;2;"}, nil, ""},
		{"tmux by name", colorprofile.ANSI, func(s *screen) { s.learnName("tmux 3.3a") },
			perCodePoint, colorprofile.ANSI256, []string{"38;5;"}, nil, ""},
		{"xterm by name", colorprofile.ANSI, func(s *screen) { s.learnName("XTerm(379)") },
			perCodePoint, colorprofile.TrueColor, []string{"38;2;"}, nil, ""},
		{"an unknown DA2 changes nothing", colorprofile.ANSI, func(s *screen) { s.learnDA2([]int{1, 10, 0}) },
			perCodePoint, colorprofile.ANSI, nil, []string{ansi.EraseEntireScreen}, ""},
		{"no colour asked: stays without", colorprofile.ASCII, func(s *screen) { s.learnDA2([]int{0, 136, 0}) },
			perCodePoint, colorprofile.ASCII, nil, []string{"38;", ansi.EraseEntireScreen}, ""},
		{"never fewer colours", colorprofile.TrueColor, func(s *screen) { s.learnName("tmux 3.3a") },
			perCodePoint, colorprofile.TrueColor, nil, []string{ansi.EraseEntireScreen}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out boardtest.LogBuffer
			s := newScreen(&out, 80, 5, tc.profile, time.Hour)
			styled := "\x1b[38;2;255;135;0mMới\x1b[m " + frame
			s.set(styled, true)
			s.draw()
			first := out.Take()
			if strings.Contains(first, "👍🏽") || strings.Contains(first, "👩🏽") {
				t.Fatalf("first frame sent a cluster a per-code-point terminal would widen: %q", first)
			}
			tc.learn(s)
			s.draw()
			after := out.Take()
			for _, w := range tc.sent {
				if !strings.Contains(after, w) {
					t.Errorf("%q not sent after the answer: %q", w, after)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(after, w) {
					t.Errorf("%q sent after the answer: %q", w, after)
				}
			}
			s.mu.Lock()
			method, profile := s.method, s.profile
			s.mu.Unlock()
			if method != tc.method || profile != tc.wantProfile {
				t.Errorf("method %v profile %v, want %v %v", method, profile, tc.method, tc.wantProfile)
			}
			s.close()
			if end := out.Take(); tc.end != "" && !strings.Contains(end, tc.end) {
				t.Errorf("%q not sent at the end: %q", tc.end, end)
			}
		})
	}
}

// What the screen asks: 2027 always, the terminal's identity only when colours could be more.
func TestTermQueries(t *testing.T) {
	for _, tc := range []struct {
		p        colorprofile.Profile
		identity bool
	}{
		{colorprofile.ASCII, false}, {colorprofile.ANSI, true}, {colorprofile.ANSI256, true}, {colorprofile.TrueColor, false},
	} {
		q := termQueries(tc.p)
		if !strings.Contains(q, ansi.RequestModeUnicodeCore) {
			t.Errorf("%v: no 2027 query in %q", tc.p, q)
		}
		if got := strings.Contains(q, ansi.RequestNameVersion) && strings.Contains(q, ansi.RequestSecondaryDeviceAttributes); got != tc.identity {
			t.Errorf("%v: identity queries %v, want %v (%q)", tc.p, got, tc.identity, q)
		}
	}
}

// fit: what a terminal is sent for a row, in each width model (golden rows).
func TestScreenFit(t *testing.T) {
	const zwj = "\u200d"
	for _, tc := range []struct {
		m        widthMode
		row      string
		w        int
		want     string
		sameSize bool // the result is exactly as wide as the row (nothing cut)
	}{
		{perCodePoint, "Phạm Thu 👩🏽" + zwj + "🌾 Hà", 80, "Phạm Thu 👩 Hà", true},
		{perCodePoint, "Xác nhận 👍🏽", 80, "Xác nhận 👍", true},
		{perCodePoint, "Tim ❤\ufe0f đỏ", 80, "Tim ❤  đỏ", true},
		{perCodePoint, "Nhà 👨" + zwj + "👩" + zwj + "👧 vui", 80, "Nhà 👨 vui", true},
		{perCodePoint, "🇻🇳 Việt Nam", 80, "VN Việt Nam", true},
		{perCodePoint, "gọi 1\ufe0f\u20e3 lần", 80, "gọi 1  lần", true},
		{perCodePoint, "Đỗ Minh Tuấn 👨🏽" + zwj + "💻", 80, "Đỗ Minh Tuấn 👨", true},
		{perCodePoint, "Nguye\u0302\u0303n Thi\u0323 漢字 ＡＢ", 80, "Nguye\u0302\u0303n Thi\u0323 漢字 ＡＢ", true},
		{perCodePoint, "abc👍🏽def", 4, "abc", false},
		{perCodePoint, "abc👍🏽def", 5, "abc👍", false},
		{perCodePoint, "漢字漢字", 7, "漢字漢", false},
		{perCodePoint, "\x1b[1m" + strings.Repeat("x", 90) + "\x1b[m", 80, "\x1b[1m" + strings.Repeat("x", 80), false},
		{perCodePoint, "plain ascii", 80, "plain ascii", true},
		{perCodePoint, "tab\there\r\x7f", 80, "tabhere", false},
		{perGrapheme, "a\u009b31mb\x1b[1mc", 80, "a31mb\x1b[1mc", false}, // U+009B is not a CSI here
		{perGrapheme, "abc👍🏽def", 5, "abc👍🏽", false},
		{perGrapheme, "Phạm Thu 👩🏽" + zwj + "🌾 Hà", 80, "Phạm Thu 👩🏽" + zwj + "🌾 Hà", true},
		{perGrapheme, "Tim ❤\ufe0f đỏ", 80, "Tim ❤\ufe0f đỏ", true},
		{perGrapheme, "\x1b[31m🇻\x1b[32m🇳\x1b[m", 80, "\x1b[31m🇻\x1b[32mN \x1b[m", true},
	} {
		got := tc.m.fit(tc.row, tc.w)
		if got != tc.want {
			t.Errorf("%s fit(%q, %d) = %q, want %q", tc.m, tc.row, tc.w, got, tc.want)
		}
		if tc.sameSize && ansi.StringWidth(got) != ansi.StringWidth(tc.row) {
			t.Errorf("%s fit(%q): %d cells, the layout gave %d", tc.m, tc.row, ansi.StringWidth(got), ansi.StringWidth(tc.row))
		}
		if tc.m == perCodePoint && ansi.StringWidthWc(got) != ansi.StringWidth(got) {
			t.Errorf("fit(%q) = %q: %d cells per code point, %d per grapheme", tc.row, got, ansi.StringWidthWc(got), ansi.StringWidth(got))
		}
		if ansi.StringWidth(got) > tc.w {
			t.Errorf("fit(%q, %d) = %q is wider than the terminal", tc.row, tc.w, got)
		}
	}
}

// The screens: a thread header and a queue row whose emoji a per-code-point terminal
// counts wider than the layout. Nothing spills, the date stays whole in its columns, and after
// them the home screen is exactly a fresh one.
func TestScreenSpillNeverStays(t *testing.T) {
	const w, h = 80, 6
	pad := func(s string) string { return s + strings.Repeat(" ", max(0, w-ansi.StringWidth(s))) }
	right := func(l, r string) string {
		return l + strings.Repeat(" ", max(1, w-ansi.StringWidth(l)-ansi.StringWidth(r))) + r
	}
	home := strings.Join([]string{
		"\x1b[1;38;5;231;48;5;24m" + pad(" Bảng tin") + "\x1b[m",
		"› 29/11/2026 Mới Chào mừng đến với bảng tin",
		"  29/11/2026 Mới Tổng đài 111",
		"",
		"── Thống kê truy cập " + strings.Repeat("─", w-21),
		" enter mở • ? trợ giúp • / tìm kiếm • w có gì mới • L English",
	}, "\n")
	thread := strings.Join([]string{
		"\x1b[1;38;5;231;48;5;24m" + pad(" Chào mừng đến với bảng tin") + "\x1b[m",
		right("\x1b[1mPhạm Thu 👩🏽\u200d🌾 Hà\x1b[m · Xác nhận 👍🏽", "\x1b[38;5;245m05/12/2026 11:20\x1b[m"),
		"Hay quá 👍🏽 nhé · Nhà 👨\u200d👩\u200d👧 vui · Tim ❤\ufe0f đỏ",
		"",
		right("Nguyễn Văn An · Góp ý", "05/12/2026 10:02"),
		" esc quay lại • c gửi ý kiến",
	}, "\n")
	queue := strings.Join([]string{
		"\x1b[1;38;5;231;48;5;24m" + pad(" Kiểm duyệt (2)") + "\x1b[m",
		"\x1b[7m" + right("› Đỗ Minh Tuấn 👨🏽\u200d💻 · Hỏi lịch tiếp dân", "05/12/2026 11:21") + "\x1b[m",
		right("  Lê Thị Hoa · Cảm ơn", "05/12/2026 09:15"),
		"", "", " a duyệt • r từ chối • e sửa",
	}, "\n")
	for _, m := range []widthMode{perCodePoint, perGrapheme} {
		var out boardtest.LogBuffer
		s := newScreen(&out, w, h, colorprofile.ANSI256, time.Hour)
		s.method = m
		emu := newCellEmu(w, h, m)
		for i, f := range []string{home, thread, queue, home, queue, thread, home} {
			s.set(f, true)
			s.draw()
			sent := out.Take()
			if i == 0 && !strings.Contains(sent, ansi.ResetModeAutoWrap) {
				t.Fatalf("autowrap not turned off: %q", sent)
			}
			emu.WriteString(sent)
			lines := strings.Split(emu.text(), "\n")
			switch f {
			case thread:
				if l := lines[1]; !strings.HasSuffix(l, "05/12/2026 11:20") || ansi.StringWidth(l) != w {
					t.Errorf("%s: the header row is %q (%d cells)", m, l, ansi.StringWidth(l))
				}
				if !strings.HasPrefix(lines[2], "Hay quá 👍") || !strings.HasPrefix(lines[3], "") || !strings.HasSuffix(lines[4], "05/12/2026 10:02") {
					t.Errorf("%s: rows moved:\n%s", m, emu.text())
				}
			case queue:
				if l := lines[1]; !strings.HasSuffix(l, "05/12/2026 11:21") || !strings.HasSuffix(lines[2], "05/12/2026 09:15") {
					t.Errorf("%s: the queue's rows are\n%s", m, emu.text())
				}
			}
			if got, want := emu.visible(), freshRender(w, h, m, f); got != want {
				t.Fatalf("%s: screen %d differs from a fresh one:\n%s\nfresh:\n%s", m, i, emu.text(), freshText(w, h, m, f))
			}
		}
		s.repaint() // Ctrl-L: from scratch, autowrap off again
		s.draw()
		if sent := out.Take(); !strings.Contains(sent, ansi.EraseEntireScreen) || !strings.Contains(sent, ansi.ResetModeAutoWrap) || !strings.Contains(sent, "Thống kê") {
			t.Errorf("repaint sent %q", sent)
		}
		s.close()
		if end := out.Take(); !strings.Contains(end, ansi.SetModeAutoWrap) {
			t.Errorf("autowrap not restored: %q", end)
		}
	}
}

// begin enters the board's modes and asks at once; close restores them even if no frame came.
func TestScreenBeginClose(t *testing.T) {
	var out boardtest.LogBuffer
	s := newScreen(&out, 80, 24, colorprofile.ANSI, time.Hour)
	s.begin(termQueries(colorprofile.ANSI))
	got := out.Take()
	for _, want := range []string{ansi.SetModeAltScreenSaveCursor, ansi.ResetModeAutoWrap, ansi.RequestModeUnicodeCore, ansi.RequestNameVersion} {
		if !strings.Contains(got, want) {
			t.Errorf("begin did not send %q: %q", want, got)
		}
	}
	s.set("frame", true)
	s.draw()
	if got := out.Take(); strings.Contains(got, ansi.SetModeAltScreenSaveCursor) || !strings.Contains(got, "frame") {
		t.Errorf("first frame after begin: %q", got)
	}
	s.close()
	if got := out.Take(); !strings.Contains(got, ansi.SetModeAutoWrap) || !strings.Contains(got, ansi.ResetModeAltScreenSaveCursor) {
		t.Errorf("close: %q", got)
	}

	s = newScreen(&out, 80, 24, colorprofile.ANSI, time.Hour)
	s.begin("")
	out.Take()
	s.close() // no frame drawn: the modes are still undone
	if got := out.Take(); !strings.Contains(got, ansi.SetModeAutoWrap) || !strings.Contains(got, ansi.ResetModeAltScreenSaveCursor) {
		t.Errorf("close without a frame: %q", got)
	}
}

// fit costs little beside the diff: a Vietnamese row, an emoji row (replaced clusters) and a
// row of ASCII with styles (the fast path).
func BenchmarkFit(b *testing.B) {
	rows := []string{
		"\x1b[38;5;245m05/12/2026\x1b[m Tập huấn kỹ năng phòng, chống xâm hại trẻ em cho cán bộ",
		"Hay quá 👍🏽 nhé · Nhà 👨\u200d👩\u200d👧 vui · Tim ❤\ufe0f đỏ · Phạm Thu 👩🏽\u200d🌾 Hà",
		"\x1b[1;38;5;250menter \x1b[m\x1b[38;5;245mopen \x1b[m\x1b[38;5;240m| \x1b[m\x1b[1;38;5;250m? \x1b[mhelp",
	}
	for _, m := range []widthMode{perCodePoint, perGrapheme} {
		b.Run(m.String(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, r := range rows {
					m.fit(r, 80)
				}
			}
		})
	}
}

package sshd

import (
	"strings"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
)

// What the screen asks a session's terminal when it starts, and what it makes of the answers.
//
// TERM says little over SSH: PuTTY sends "xterm" (16 colours by its terminfo) though it draws
// 256 and 24-bit colours; Windows' OpenSSH sends "xterm-256color" from consoles that draw 24-bit;
// COLORTERM is not forwarded by default. The terminal itself can tell: its name and version
// (XTVERSION, CSI > q: xterm, kitty, WezTerm, foot, Ghostty, iTerm2, tmux, ... answer) and its
// secondary device attributes (DA2, CSI > c: PuTTY answers 0;136;0, Windows Terminal and conhost
// 0;10;1, VTE 65;…). And whether it clusters graphemes: DECRQM for mode 2027.
//
// The answers arrive on the session's input, where the board's decoder (input.go) turns them into
// messages; tea.go's filter hands them to the screen and drops them, so they never reach the
// TUI as keys. Nothing waits for them: a terminal that does not answer is simply taken at its
// TERM, per code point.

// termQueries is the queries to send: mode 2027 always; name and DA2 when the profile from TERM is
// colour short of 24-bit.
func termQueries(p colorprofile.Profile) string {
	q := ansi.RequestModeUnicodeCore
	if p > colorprofile.ASCII && p < colorprofile.TrueColor {
		q += ansi.RequestNameVersion + ansi.RequestSecondaryDeviceAttributes
	}
	return q
}

// profileByName is the colours a terminal draws, by its XTVERSION answer; 0 (Unknown) when the
// name says nothing.
func profileByName(name string) colorprofile.Profile {
	n := strings.ToLower(strings.TrimSpace(name))
	for _, p := range []string{"xterm", "kitty", "wezterm", "foot", "ghostty", "iterm2", "contour",
		"mintty", "konsole", "vte", "rio", "alacritty", "windowsterminal", "putty"} {
		if strings.HasPrefix(n, p) {
			return colorprofile.TrueColor
		}
	}
	if strings.HasPrefix(n, "tmux") {
		return colorprofile.ANSI256 // tmux brings colours down to what the outer terminal draws
	}
	return colorprofile.Unknown
}

// profileByDA2 is the colours a terminal draws, by its secondary device attributes.
func profileByDA2(p []int) colorprofile.Profile {
	if len(p) < 2 {
		return colorprofile.Unknown
	}
	third := -1
	if len(p) > 2 {
		third = p[2]
	}
	switch {
	case p[0] == 0 && p[1] == 136 && third == 0: // PuTTY (and its forks): 24-bit since 0.71
		return colorprofile.TrueColor
	case p[0] == 0 && p[1] == 10 && third == 1: // Windows Terminal and conhost
		return colorprofile.TrueColor
	case p[0] == 65, p[0] == 77: // VTE (GNOME Terminal and others), mintty
		return colorprofile.TrueColor
	case p[0] == 41 && p[1] >= 331: // xterm with direct colour
		return colorprofile.TrueColor
	case p[0] == 84: // tmux
		return colorprofile.ANSI256
	}
	return colorprofile.Unknown
}

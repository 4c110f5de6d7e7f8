package tui

// Test helpers shared with the external test package tui_test.
var (
	RunCmds   = runCmds
	PressKeys = pressKeys
)

// Package tui is the full-screen board a person sees over SSH: home with categories, the thread
// list and the visitor box; threads with comments and other news; search; what's new; help; and,
// for moderators and admins, the comment form, the moderation queue, the news editor, users, bans
// and the audit log. Screens are Pages sharing one Common; all I/O happens inside tea.Cmds that
// return typed messages, never in Update.
//
// # What the screen takes from a View
//
// The program runs without bubbletea's renderer (tea.WithoutRenderer): board/sshd's screen draws
// the frames. It takes only tea.View.Content, the frame as lines of text and SGR sequences, and
// ignores every other field of tea.View (Cursor, AltScreen, MouseMode, BackgroundColor,
// WindowTitle, ReportFocus, KeyboardEnhancements...): setting them does nothing. So:
//
//   - Cursors are virtual: a text field draws its cursor into Content (bubbles' textinput and
//     textarea with their virtual cursor, the default), never as a real terminal cursor, which
//     stays hidden.
//   - Content carries text and SGR styles only. Cursor movement, erasing, OSC sequences and
//     other controls are not for the model to send: the screen positions every row itself.
//   - Widths are measured in grapheme clusters (text.Width, lipgloss, bubbles): the screen makes
//     each session's terminal draw them so (see board/sshd/width.go), whatever it counts.
//   - The screen relies on bubbletea calling View after every Update, renderer or not; a test
//     in board/sshd (TestViewAfterEveryUpdate) fails if a new bubbletea stops doing so.
//   - Ctrl-L never reaches a page: the server takes it to repaint the terminal. Nor do the
//     terminal's answers to the server's queries (mode reports, device attributes).
package tui

package tui

import (
	"context"
	"fmt"
	"strconv"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/media"
	"bangtin/board/text"
)

// The files screen of a thread ("f" on the thread page, for editors): the thread's pictures
// and documents in their order, each with its kind, size and caption. Editors caption (c,
// Enter), rename (n), move up and down (K/J) and remove (d, after a yes/no question that names
// the file). Every change is a board call with the session's identity (Board.UpdateFile,
// Board.DetachFile), the same as `news file-edit`, `news detach` and SFTP's rename and remove:
// the board decides who may, and says why not. Attaching stays with the commands and SFTP (a
// terminal cannot send a file); the screen shows the scp command for it.

// NewFiles opens the files screen of thread t.
func NewFiles(c *Common, t board.Thread) Page { return newFilesPage(c, t) }

func newFilesPage(c *Common, t board.Thread) *listPage[board.File] {
	b, tid, title := c.Board, t.ID, Line(t.Title)
	return &listPage[board.File]{
		c:       c,
		heading: func(n int) string { return c.T(i18n.TWFilesHeading, title, n) },
		sub: func() string {
			return c.T(i18n.TWFilesAttach, c.attachCommand(tid, c.T(i18n.TWFilePlaceholder)))
		},
		empty: i18n.TWFilesNone,
		rowH:  2,
		load:  func(ctx context.Context) ([]board.File, error) { return b.Files(ctx, c.Identity, tid) },
		same:  func(a, b board.File) bool { return a.ID == b.ID },
		row: func(i int, f board.File, sel bool, w int) []string {
			return fileRow(c, i, f, sel, w)
		},
		keys: func() []key.Binding {
			k := c.Keys
			move := key.NewBinding(key.WithKeys("K", "J"), key.WithHelp("K/J", k.MoveUp.Help().Desc))
			return []key.Binding{k.Caption, k.Rename, move, k.Delete}
		},
		act: func(p *listPage[board.File], m tea.KeyPressMsg, f *board.File) (tea.Cmd, bool) {
			return fileAct(p, m, tid, f)
		},
	}
}

// fileKind is "ảnh" or "tài liệu".
func fileKind(c *Common, f board.File) string {
	if f.IsPicture() {
		return c.T(i18n.TWFileKindPicture)
	}
	return c.T(i18n.TWFileKindDocument)
}

// fileRow is file i of the list: its place, name, kind, size (a picture's pixels too), then
// its caption.
func fileRow(c *Common, i int, f board.File, sel bool, w int) []string {
	info := fileKind(c, f) + " · "
	if f.IsPicture() && f.Width > 0 {
		info += strconv.Itoa(f.Width) + "×" + strconv.Itoa(f.Height) + " · "
	}
	info += i18n.Size(f.Size)
	num := fmt.Sprintf("%2d. ", i+1)
	first := num + Fit(Line(f.Name), max(1, w-4-text.Width(num)-text.Width(info))) + " " + info
	caption := Line(f.Caption)
	if caption == "" {
		caption = c.T(i18n.TWFileNoCaption)
	}
	return twoLines(c, first, "    "+caption, sel, w)
}

// fileAct answers the files screen's keys on the selected file (nil: none).
func fileAct(p *listPage[board.File], m tea.KeyPressMsg, tid uint64, sel *board.File) (tea.Cmd, bool) {
	c, k := p.c, p.c.Keys
	if sel == nil {
		return nil, false
	}
	b, actor, f := c.Board, c.Identity, *sel
	name := Line(f.Name)
	byID := func(x board.File) bool { return x.ID == f.ID }
	change := func(notice string, ch board.FileChange) tea.Cmd {
		return p.doPick(notice, func(ctx context.Context) (func(board.File) bool, error) {
			_, err := b.UpdateFile(ctx, actor, tid, f.ID, ch)
			return byID, err
		})
	}
	move := func(to int) tea.Cmd {
		return change(c.T(i18n.TWFileMoved, name, to+1), board.FileChange{Order: &to})
	}
	switch {
	case key.Matches(m, k.Caption):
		p.prompt = c.Ask(c.T(i18n.TWFileCaptionAsk, name), Line(f.Caption), board.MaxFileCaption, func(caption string) tea.Cmd {
			return change(c.T(i18n.TWFileCaptioned, name), board.FileChange{Caption: &caption})
		})
	case key.Matches(m, k.Rename):
		p.prompt = c.Ask(c.T(i18n.TWFileRenameAsk, name), name, media.MaxName, func(to string) tea.Cmd {
			return change(c.T(i18n.TWFileRenamed, Line(to)), board.FileChange{Name: &to})
		})
	case p.moveKey(m):
		return move(p.moveTo(m)), true
	case key.Matches(m, k.Delete):
		q := c.T(i18n.TWFileRemoveAsk, fileKind(c, f), name, i18n.Size(f.Size))
		p.prompt = c.Confirm(q, func(string) tea.Cmd {
			return p.do(c.T(i18n.TWFileRemoved, name), func(ctx context.Context) error {
				return b.DetachFile(ctx, actor, tid, f.ID)
			})
		})
	default:
		return nil, false
	}
	return nil, true
}

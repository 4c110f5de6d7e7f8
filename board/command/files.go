package command

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"bangtin/board"
	"bangtin/board/i18n"
)

// fileJSON is a file of a thread as `news files --json` prints it.
type fileJSON struct {
	ID      uint64    `json:"id"`
	Thread  uint64    `json:"thread"`
	Name    string    `json:"name"`
	Caption string    `json:"caption"`
	Type    string    `json:"type"`
	Size    int64     `json:"size"`
	SHA256  string    `json:"sha256"`
	Width   int       `json:"width,omitempty"`
	Height  int       `json:"height,omitempty"`
	By      string    `json:"by"`
	At      time.Time `json:"at"`
	Order   int       `json:"order"`
}

func toFileJSON(f board.File) fileJSON {
	return fileJSON{ID: f.ID, Thread: f.ThreadID, Name: f.Name, Caption: f.Caption, Type: f.Type, Size: f.Size,
		SHA256: f.SHA256, Width: f.Width, Height: f.Height, By: f.ByName, At: f.At, Order: f.Order}
}

// attachedJSON is what `news attach` prints.
type attachedJSON struct {
	ID   uint64 `json:"id"`
	Name string `json:"name"`
	Type string `json:"type"`
	Size int64  `json:"size"`
}

// fileCmds are news attach, files, file, file-edit and detach.
func (r *runner) fileCmds() []*cobra.Command {
	return []*cobra.Command{r.attachCmd(), r.filesCmd(), r.fileCmd(), r.fileEditCmd(), r.detachCmd()}
}

func (r *runner) attachCmd() *cobra.Command {
	var name, caption string
	c := r.command("attach ID --name NAME [--caption C] < FILE", i18n.CmdShortNewsAttach, i18n.CmdLongNewsAttach)
	need(c, board.RoleEditor)
	r.stringFlag(c, &name, "name", "NAME", i18n.CmdFlagFileName)
	r.stringFlag(c, &caption, "caption", "C", i18n.CmdFlagCaption)
	c.RunE = r.run(1, 1, func(c *cobra.Command, args []string) error {
		id, err := r.parseID(args[0])
		if err != nil {
			return err
		}
		if !c.Flags().Changed("name") {
			return r.usagef(i18n.CmdRequiredFlag, "--name", c.CommandPath())
		}
		limit := r.env.Board.FileLimits().MaxFileSize
		var data []byte
		if r.stdin != nil {
			data, err = io.ReadAll(io.LimitReader(r.stdin, limit+1))
			if err != nil {
				return fmt.Errorf("read file from stdin: %w", err)
			}
		}
		if int64(len(data)) > limit {
			return &board.FileError{Problem: board.FileTooLarge, Limit: limit}
		}
		f, err := r.env.Board.AttachFile(r.ctx, r.env.Identity, id, board.FileInput{Name: name, Caption: caption, Data: data})
		if err != nil {
			return err
		}
		return r.out(attachedJSON{ID: f.ID, Name: f.Name, Type: f.Type, Size: f.Size}, func(w io.Writer) {
			fmt.Fprintln(w, r.t(i18n.CmdFileAttached, f.ID, f.Name, f.Type, i18n.Size(f.Size)))
		})
	})
	return c
}

func (r *runner) filesCmd() *cobra.Command {
	c := r.command("files ID", i18n.CmdShortNewsFiles)
	c.RunE = r.run(1, 1, func(_ *cobra.Command, args []string) error {
		id, err := r.parseID(args[0])
		if err != nil {
			return err
		}
		files, err := r.env.Board.Files(r.ctx, r.env.Identity, id)
		if err != nil {
			return err
		}
		list := jsonList(files, toFileJSON)
		return outList(r, list, i18n.CmdNoFiles, func(w io.Writer) {
			t := newTable("ID", r.t(i18n.FieldFileName), r.t(i18n.CmdColType), r.t(i18n.CmdColSize), r.t(i18n.FieldCaption)).alignRight(0, 3).limit(1, 40).limit(4, 40)
			for _, f := range files {
				t.add(strconv.FormatUint(f.ID, 10), f.Name, f.Type, i18n.Size(f.Size), f.Caption)
			}
			t.write(w)
		})
	})
	return c
}

func (r *runner) fileCmd() *cobra.Command {
	c := r.command("file ID FILE_ID > OUT", i18n.CmdShortNewsFile)
	c.RunE = r.run(2, 2, func(_ *cobra.Command, args []string) error {
		ids, err := r.parseIDs(args)
		if err != nil {
			return err
		}
		_, data, err := r.env.Board.FileData(r.ctx, r.env.Identity, ids[0], ids[1])
		if err != nil {
			return err
		}
		if _, err := r.stdout.Write(data); err != nil {
			return fmt.Errorf("write file: %w", err)
		}
		return nil
	})
	return c
}

func (r *runner) fileEditCmd() *cobra.Command {
	var name, caption string
	var order int
	c := r.command("file-edit ID FILE_ID [--name NAME] [--caption C] [--order N]", i18n.CmdShortNewsFileEdit)
	need(c, board.RoleEditor)
	r.stringFlag(c, &name, "name", "NAME", i18n.CmdFlagFileName)
	r.stringFlag(c, &caption, "caption", "C", i18n.CmdFlagCaption)
	r.intFlag(c, &order, "order", 0, i18n.CmdFlagFileOrder)
	c.RunE = r.run(2, 2, func(c *cobra.Command, args []string) error {
		ids, err := r.parseIDs(args)
		if err != nil {
			return err
		}
		var ch board.FileChange
		fl := c.Flags()
		if fl.Changed("name") {
			ch.Name = &name
		}
		if fl.Changed("caption") {
			ch.Caption = &caption
		}
		if fl.Changed("order") {
			if err := r.positive("order", order); err != nil {
				return err
			}
			order--
			ch.Order = &order
		}
		f, err := r.env.Board.UpdateFile(r.ctx, r.env.Identity, ids[0], ids[1], ch)
		if err != nil {
			return err
		}
		return r.out(toFileJSON(f), func(w io.Writer) {
			fmt.Fprintln(w, r.t(i18n.CmdFileEdited, f.ID, f.Name))
		})
	})
	return c
}

func (r *runner) detachCmd() *cobra.Command {
	c := r.command("detach ID FILE_ID", i18n.CmdShortNewsDetach)
	need(c, board.RoleEditor)
	c.RunE = r.run(2, 2, func(_ *cobra.Command, args []string) error {
		ids, err := r.parseIDs(args)
		if err != nil {
			return err
		}
		if err := r.env.Board.DetachFile(r.ctx, r.env.Identity, ids[0], ids[1]); err != nil {
			return err
		}
		return r.out(idJSON{ID: ids[1]}, func(w io.Writer) {
			fmt.Fprintln(w, r.t(i18n.CmdFileDetached, ids[1], ids[0]))
		})
	})
	return c
}

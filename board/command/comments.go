package command

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

func (r *runner) commentCmd() *cobra.Command {
	c := r.command("comment", i18n.CmdShortComment)
	c.AddCommand(r.commentPostCmd(),
		r.commentDecideCmd("approve", i18n.CmdShortCommentApprove),
		r.commentDecideCmd("reject", i18n.CmdShortCommentReject),
		r.commentDecideCmd("delete", i18n.CmdShortCommentDelete),
	)
	return c
}

func (r *runner) commentPostCmd() *cobra.Command {
	var name, title string
	c := r.command("post THREAD_ID --name NAME [--title T] < BODY", i18n.CmdShortCommentPost, i18n.CmdLongCommentPost)
	r.stringFlag(c, &name, "name", "NAME", i18n.CmdFlagName)
	r.stringFlag(c, &title, "title", "T", i18n.CmdFlagCommentTitle)
	c.RunE = r.run(1, 1, func(c *cobra.Command, args []string) error {
		id, err := r.parseID(args[0])
		if err != nil {
			return err
		}
		// A banned poster is refused before anything is read.
		if err := r.env.Board.MayPost(r.ctx, r.env.Identity); err != nil {
			return fmt.Errorf("may post: %w", err)
		}
		if !c.Flags().Changed("name") {
			// An account's display name, or the name a guest key used last time.
			name = r.env.Identity.Name
			if name == "" && r.env.Identity.Fingerprint != "" {
				if last, err := r.env.Board.LastCommentName(r.ctx, r.env.Identity); err == nil {
					name = last
				}
			}
		}
		body, err := r.readInput("body", maxCommentBody, 4000)
		if err != nil {
			return err
		}
		cm, err := r.env.Board.PostComment(r.ctx, r.env.Identity, board.CommentInput{ThreadID: id, Name: name, Title: title, Body: body})
		if err != nil {
			return fmt.Errorf("post comment on thread %d: %w", id, err)
		}
		return r.out(commentPostedJSON{ID: cm.ID, Status: cm.Status.String()}, func(w io.Writer) {
			if cm.Status == board.CommentApproved {
				fmt.Fprintln(w, r.t(i18n.CmdCommentApprovedNow, cm.ID))
			} else {
				fmt.Fprintln(w, r.t(i18n.CmdCommentPending, cm.ID))
			}
		})
	})
	return c
}

func (r *runner) commentDecideCmd(name string, short i18n.Key) *cobra.Command {
	var reason string
	c := r.command(name+" ID... [--reason R]", short)
	need(c, board.RoleEditor)
	r.stringFlag(c, &reason, "reason", "R", i18n.CmdFlagReason)
	c.RunE = r.run(1, -1, func(_ *cobra.Command, args []string) error {
		ids, err := r.parseIDs(args)
		if err != nil {
			return err
		}
		var (
			status string
			done   i18n.Key
		)
		b, actor := r.env.Board, r.env.Identity
		switch name {
		case "approve":
			err, status, done = b.ApproveComments(r.ctx, actor, ids, reason), "approved", i18n.CmdCommentsApproved
		case "reject":
			err, status, done = b.RejectComments(r.ctx, actor, ids, reason), "rejected", i18n.CmdCommentsRejected
		default:
			err, status, done = b.DeleteComments(r.ctx, actor, ids, reason), "deleted", i18n.CmdCommentsDeleted
		}
		if err != nil {
			return fmt.Errorf("%s comments %v: %w", name, ids, err)
		}
		return r.out(decidedJSON{IDs: ids, Status: status}, func(w io.Writer) {
			s := make([]string, len(ids))
			for i, id := range ids {
				s[i] = "#" + strconv.FormatUint(id, 10)
			}
			fmt.Fprintln(w, r.t(done, strings.Join(s, ", ")))
		})
	})
	return c
}

func (r *runner) commentsCmd() *cobra.Command {
	c := r.command("comments", i18n.CmdShortComments)
	var limit int
	p := r.command("pending [--limit N]", i18n.CmdShortCommentsPending)
	need(p, board.RoleEditor)
	r.intFlag(p, &limit, "limit", defaultLimit, i18n.CmdFlagLimit)
	p.RunE = r.run(0, 0, func(*cobra.Command, []string) error {
		if err := r.positive("limit", limit); err != nil {
			return err
		}
		list, err := r.env.Board.Pending(r.ctx, r.env.Identity, min(limit, maxLimit))
		if err != nil {
			return fmt.Errorf("pending comments: %w", err)
		}
		out := jsonList(list, r.pendingJSON)
		return outList(r, out, i18n.CmdNoPending, func(w io.Writer) {
			tb := newTable("ID", r.t(i18n.CmdLabelThread), r.t(i18n.FieldName), r.t(i18n.FieldBody),
				r.t(i18n.CmdLabelCreated), r.t(i18n.CmdLabelFrom), r.t(i18n.CmdLabelHeldFor)).
				limit(1, 30).limit(2, 20).limit(3, 50).limit(6, 24).alignRight(0)
			for i, cm := range out {
				from := cm.Fingerprint
				if from == "" {
					from = cm.RemoteAddr
				}
				body := cm.Body
				if cm.Title != "" {
					body = cm.Title + ": " + body
				}
				name := cm.Name
				if list[i].Official() {
					name += " (" + r.roleName(list[i].AuthorRole()) + ")"
				}
				tb.add(strconv.FormatUint(cm.ID, 10), fmt.Sprintf("#%d %s", cm.ThreadID, cm.ThreadTitle),
					name, text.Line(body), r.when(list[i].CreatedAt), from, cm.HeldFor)
			}
			tb.write(w)
		})
	})
	c.AddCommand(p, r.commentsMineCmd())
	return c
}

// commentsMineCmd is `comments mine`: what became of the caller's comments.
func (r *runner) commentsMineCmd() *cobra.Command {
	var limit int
	c := r.command("mine [--limit N]", i18n.CmdShortCommentsMine, i18n.CmdLongCommentsMine)
	r.intFlag(c, &limit, "limit", 50, i18n.CmdFlagMineLimit)
	c.RunE = r.run(0, 0, func(*cobra.Command, []string) error {
		if err := r.positive("limit", limit); err != nil {
			return err
		}
		list, err := r.env.Board.MyComments(r.ctx, r.env.Identity, min(limit, board.MaxMyComments))
		if err != nil {
			return fmt.Errorf("my comments: %w", err)
		}
		out := jsonList(list, r.mineJSON)
		return outList(r, out, i18n.CmdNoMine, func(w io.Writer) {
			tb := newTable("ID", r.t(i18n.CmdLabelThread), r.t(i18n.FieldBody), r.t(i18n.CmdLabelCreated),
				r.t(i18n.CmdLabelStatus), r.t(i18n.FieldReason)).
				limit(1, 30).limit(2, 40).limit(5, 40).alignRight(0)
			for i, cm := range out {
				body := cm.Body
				if cm.Title != "" {
					body = cm.Title + ": " + body
				}
				tb.add(strconv.FormatUint(cm.ID, 10), fmt.Sprintf("#%d %s", cm.ThreadID, cm.ThreadTitle),
					text.Line(body), r.when(list[i].CreatedAt), i18n.CommentStatus(r.env.Lang, list[i].Status), cm.Reason)
			}
			tb.write(w)
		})
	})
	return c
}

package command

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"bangtin/board/i18n"
	"bangtin/board/text"
)

func (r *runner) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: r.t(i18n.CmdShortVersion),
		RunE: r.run(0, 0, func(*cobra.Command, []string) error {
			v := text.Line(r.env.Version)
			return r.out(versionJSON{Version: v}, func(w io.Writer) {
				fmt.Fprintln(w, Program, v)
			})
		}),
	}
}

func (r *runner) whoamiCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "whoami",
		Short: r.t(i18n.CmdShortWhoami),
		RunE: r.run(0, 0, func(*cobra.Command, []string) error {
			id := r.env.Identity
			v := whoamiJSON{
				Name:        text.Line(id.Name),
				Login:       text.Line(id.Login),
				Role:        id.Role.String(),
				Fingerprint: text.Line(id.Fingerprint),
			}
			return r.out(v, func(w io.Writer) {
				name := v.Name
				if name == "" {
					name = r.t(i18n.Guest)
				}
				rows := [][2]string{
					{r.t(i18n.CmdLabelName), name},
					{r.t(i18n.CmdLabelLogin), orDash(v.Login)},
					{r.t(i18n.CmdLabelRole), r.roleName(id.Role)},
					{r.t(i18n.CmdLabelFingerprint), orDash(v.Fingerprint)},
				}
				if id.Addr.IsValid() {
					rows = append(rows, [2]string{r.t(i18n.CmdLabelAddr), id.Addr.String()})
				}
				writeFields(w, rows)
			})
		}),
	}
}

func (r *runner) statsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "stats",
		Short: r.t(i18n.CmdShortStats),
		RunE: r.run(0, 0, func(*cobra.Command, []string) error {
			vc, err := r.env.Board.VisitorCounts(r.ctx)
			if err != nil {
				return fmt.Errorf("visitor counts: %w", err)
			}
			online := 0
			if r.env.Online != nil {
				online = r.env.Online()
			}
			v := statsJSON{Online: online, Today: vc.Today, Week: vc.Week, Total: vc.Total}
			return r.out(v, func(w io.Writer) {
				writeFields(w, [][2]string{
					{r.t(i18n.CmdLabelOnline), fmt.Sprint(v.Online)},
					{r.t(i18n.CmdLabelToday), fmt.Sprint(v.Today)},
					{r.t(i18n.CmdLabelWeek), fmt.Sprint(v.Week)},
					{r.t(i18n.CmdLabelTotal), fmt.Sprint(v.Total)},
				})
			})
		}),
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// writeFields prints "label: value" lines with the values aligned.
func writeFields(w io.Writer, rows [][2]string) { writeAligned(w, rows, "", ":", " ") }

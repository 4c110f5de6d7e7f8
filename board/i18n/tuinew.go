package i18n

// Messages of the TUI's what's new page grouped by thread (issue 19, item 11) and of the
// editor's history (item 12).
const (
	TWNewCount       Key = "tui.w.new.count"
	TWNewCountOne    Key = "tui.w.new.count_one"
	TWNewCutThreads  Key = "tui.w.new.cut_threads"
	TWNewCutComments Key = "tui.w.new.cut_comments"
	TWNewLatestBy    Key = "tui.w.new.latest_by"

	TWEdRevertAskUnsaved Key = "tui.w.ed.revert_ask_unsaved"
	TWEdRevSame          Key = "tui.w.ed.rev_same"
	TWEdRevTitleWas      Key = "tui.w.ed.rev_title_was"
	TWEdRevDiffHeading   Key = "tui.w.ed.rev_diff_heading"
	TWEdRevLines         Key = "tui.w.ed.rev_lines"
)

func init() {
	register(map[Key]Msg{
		TWNewCount:       {"%d ý kiến mới", "%d new comments"},
		TWNewCountOne:    {"1 ý kiến mới", "1 new comment"},
		TWNewCutThreads:  {"Danh sách đã cắt: chỉ hiện %d bài viết mới nhất.", "List cut: only the newest %d threads are shown."},
		TWNewCutComments: {"Danh sách đã cắt: chỉ tính %d ý kiến mới nhất.", "List cut: only the newest %d comments are counted."},
		TWNewLatestBy:    {"mới nhất: %s", "latest: %s"},

		TWEdRevertAskUnsaved: {"Khôi phục bản #%d? Những sửa đổi chưa lưu trong trình soạn sẽ mất (bản đã lưu vẫn giữ trong lịch sử).",
			"Restore revision #%d? Your unsaved edits in the editor will be lost (the saved text stays in the history)."},
		TWEdRevSame:        {"giống bản hiện tại", "same as now"},
		TWEdRevTitleWas:    {"tiêu đề “%s”", "title “%s”"},
		TWEdRevDiffHeading: {"Khác với bản hiện tại (- bản này, + hiện tại):", "Differs from the current text (- this revision, + now):"},
		TWEdRevLines:       {"nội dung -%d/+%d dòng", "body -%d/+%d lines"},
	})
}

package i18n

// Messages of the TUI's what's new page grouped by thread (issue 19, item 11).
const (
	TWNewCount       Key = "tui.w.new.count"
	TWNewCountOne    Key = "tui.w.new.count_one"
	TWNewCutThreads  Key = "tui.w.new.cut_threads"
	TWNewCutComments Key = "tui.w.new.cut_comments"
	TWNewLatestBy    Key = "tui.w.new.latest_by"
)

func init() {
	register(map[Key]Msg{
		TWNewCount:       {"%d ý kiến mới", "%d new comments"},
		TWNewCountOne:    {"1 ý kiến mới", "1 new comment"},
		TWNewCutThreads:  {"Danh sách đã cắt: chỉ hiện %d bài viết mới nhất.", "List cut: only the newest %d threads are shown."},
		TWNewCutComments: {"Danh sách đã cắt: chỉ tính %d ý kiến mới nhất.", "List cut: only the newest %d comments are counted."},
		TWNewLatestBy:    {"mới nhất: %s", "latest: %s"},
	})
}

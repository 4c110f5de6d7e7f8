package i18n

// Messages of issue 19's last TUI pieces: the idle warning (item 1) and browsing threads by
// month (item 13).
const (
	TUIIdleWarnKept Key = "tui.idle.warn_kept"
	TUIIdleWarnLost Key = "tui.idle.warn_lost"

	TUIMonths        Key = "tui.months.title"
	TUIMonth         Key = "tui.months.month"
	TUIMonthCount    Key = "tui.months.count"
	TUIMonthCountOne Key = "tui.months.count_one"
	TUIMonthThreads  Key = "tui.months.threads"
	TUIMonthEmpty    Key = "tui.months.empty"
	TUIMonthCut      Key = "tui.months.cut"
	TUIKeyMonths     Key = "tui.key.months"
)

func init() {
	register(map[Key]Msg{
		// %s: how long is left, in words (Wait); %s: the time of day it closes.
		TUIIdleWarnKept: {"Không có thao tác: phiên sẽ đóng sau %s (lúc %s). Bấm phím bất kỳ để ở lại. Văn bản chưa gửi được giữ làm bản nháp.",
			"No activity: this session closes in %s (at %s). Press any key to stay. Your unsent text is kept as a draft."},
		TUIIdleWarnLost: {"Không có thao tác: phiên sẽ đóng sau %s (lúc %s). Bấm phím bất kỳ để ở lại, nếu không văn bản chưa gửi sẽ mất.",
			"No activity: this session closes in %s (at %s). Press any key to stay, or your unsent text is lost."},

		// %s: the category shown ("Tất cả tin" or its name).
		TUIMonths: {"Lưu trữ theo tháng · %s", "Archive by month · %s"},
		// %[1]d the month's number, %[2]s its English name, %[3]d the year.
		TUIMonth:         {"Tháng %[1]d/%[3]d", "%[2]s %[3]d"},
		TUIMonthCount:    {"%d tin", "%d threads"},
		TUIMonthCountOne: {"1 tin", "1 thread"},
		// %[1]d/%[2]s/%[3]d the month as in TUIMonth, %[4]s the category, %[5]d the threads.
		TUIMonthThreads: {"Tin tháng %[1]d/%[3]d · %[4]s (%[5]d tin)", "News of %[2]s %[3]d · %[4]s (%[5]d)"},
		TUIMonthEmpty:   {"Tháng này không có tin nào.", "No news this month."},
		TUIMonthCut:     {"Chỉ hiện %d tin mới nhất của tháng.", "Only the newest %d threads of the month are shown."},
		TUIKeyMonths:    {"theo tháng", "by month"},
	})
}

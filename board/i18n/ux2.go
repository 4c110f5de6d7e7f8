package i18n

// Messages of issue 19's last TUI pieces: the idle warning (item 1) and browsing threads by
// month (item 13).
const (
	TUIIdleWarnKept Key = "tui.idle.warn_kept"
	TUIIdleWarnLost Key = "tui.idle.warn_lost"

	TUIMonths      Key = "tui.months.title"
	TUIMonthsNone  Key = "tui.months.none"
	TUIMonthRow    Key = "tui.months.row"
	TUIMonthName   Key = "tui.months.name"
	TUIMonthHeader Key = "tui.months.header"
	TUIMonthEmpty  Key = "tui.months.empty"
	TUIKeyMonths   Key = "tui.key.months"
)

func init() {
	register(map[Key]Msg{
		// %s: how long is left, in words (Wait); %s: the time of day it closes.
		TUIIdleWarnKept: {"Không có thao tác: phiên sẽ đóng sau %s (lúc %s). Bấm phím bất kỳ để ở lại. Văn bản chưa gửi được giữ làm bản nháp.",
			"No activity: this session closes in %s (at %s). Press any key to stay. Your unsent text is kept as a draft."},
		TUIIdleWarnLost: {"Không có thao tác: phiên sẽ đóng sau %s (lúc %s). Bấm phím bất kỳ để ở lại, nếu không văn bản chưa gửi sẽ mất.",
			"No activity: this session closes in %s (at %s). Press any key to stay, or your unsent text is lost."},

		TUIMonths:      {"Lưu trữ theo tháng", "Archive by month"},
		TUIMonthsNone:  {"Chưa có tin nào.", "No news yet."},
		TUIMonthRow:    {"Tháng %02d/%d", "%s %d"},
		TUIMonthName:   {"Tin tháng %02d/%d", "News of %s %d"},
		TUIMonthHeader: {"%d tin", "%d threads"},
		TUIMonthEmpty:  {"Tháng này không có tin nào.", "No news this month."},
		TUIKeyMonths:   {"theo tháng", "by month"},
	})
}

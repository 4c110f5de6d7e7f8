package i18n

// Messages of the reading TUI (board/tui): header, home, thread, what's new, search, help, keys.
const (
	TUIPending     Key = "tui.header.pending"
	TUIWho         Key = "tui.header.who"
	TUILoading     Key = "tui.loading"
	TUIAllNews     Key = "tui.home.all"
	TUIEmpty       Key = "tui.home.empty"
	TUINew         Key = "tui.home.new"
	TUIPinned      Key = "tui.home.pinned"
	TUIColDate     Key = "tui.home.col_date"
	TUIColTitle    Key = "tui.home.col_title"
	TUIColComments Key = "tui.home.col_comments"
	TUIPageOf      Key = "tui.home.page_of"

	TUIVisitors Key = "tui.visitors.title"
	TUIOnline   Key = "tui.visitors.online"
	TUIToday    Key = "tui.visitors.today"
	TUIWeek     Key = "tui.visitors.week"
	TUITotal    Key = "tui.visitors.total"
	TUILastDays Key = "tui.visitors.days"

	TUIThreadMeta      Key = "tui.thread.meta"
	TUIThreadComments  Key = "tui.thread.comments"
	TUINoComments      Key = "tui.thread.no_comments"
	TUIMoreComments    Key = "tui.thread.more_comments"
	TUIMoreCommentsKey Key = "tui.thread.more_comments_key"
	TUIKeyMoreComments Key = "tui.key.more_comments"
	TUIOthers          Key = "tui.thread.others"
	TUIOfficial        Key = "tui.thread.official"
	TUINoOthers        Key = "tui.thread.no_others"
	TUIImage           Key = "tui.thread.image"
	TUIDraft           Key = "tui.thread.draft"
	TUIHidden          Key = "tui.thread.hidden"

	TUIWhatsNew         Key = "tui.whatsnew.title"
	TUIWhatsNewThreads  Key = "tui.whatsnew.threads"
	TUIWhatsNewComments Key = "tui.whatsnew.comments"
	TUIWhatsNewNone     Key = "tui.whatsnew.none"
	TUICommentOn        Key = "tui.whatsnew.comment_on"

	TUISearchPrompt      Key = "tui.search.prompt"
	TUISearchPlaceholder Key = "tui.search.placeholder"
	TUISearchResults     Key = "tui.search.results"
	TUISearchNone        Key = "tui.search.none"
	TUISearchHint        Key = "tui.search.hint"

	TUIHelpTitle Key = "tui.help.title"

	TUIQuitAsk     Key = "tui.quit.ask"
	TUIQuitUnsaved Key = "tui.quit.unsaved"
	TUIDraftBack   Key = "tui.draft.restored"

	TUIKeyUp          Key = "tui.key.up"
	TUIKeyDown        Key = "tui.key.down"
	TUIKeyOpen        Key = "tui.key.open"
	TUIKeyConfirm     Key = "tui.key.confirm"
	TUIKeyBack        Key = "tui.key.back"
	TUIKeyQuit        Key = "tui.key.quit"
	TUIKeyNextPage    Key = "tui.key.next_page"
	TUIKeyPrevPage    Key = "tui.key.prev_page"
	TUIKeyNextTab     Key = "tui.key.next_tab"
	TUIKeyPrevTab     Key = "tui.key.prev_tab"
	TUIKeyTop         Key = "tui.key.top"
	TUIKeyBottom      Key = "tui.key.bottom"
	TUIKeyPageUp      Key = "tui.key.page_up"
	TUIKeyPageDown    Key = "tui.key.page_down"
	TUIKeyNextThread  Key = "tui.key.next_thread"
	TUIKeyPrevThread  Key = "tui.key.prev_thread"
	TUIKeyNextOther   Key = "tui.key.next_other"
	TUIKeySearch      Key = "tui.key.search"
	TUIKeyWhatsNew    Key = "tui.key.whatsnew"
	TUIKeyHelp        Key = "tui.key.help"
	TUIKeyLang        Key = "tui.key.lang"
	TUIKeyComment     Key = "tui.key.comment"
	TUIKeyQueue       Key = "tui.key.queue"
	TUIKeyNewThread   Key = "tui.key.new_thread"
	TUIKeyEdit        Key = "tui.key.edit"
	TUIKeyCategories  Key = "tui.key.categories"
	TUIKeyUsers       Key = "tui.key.users"
	TUIKeyBans        Key = "tui.key.bans"
	TUIKeySettings    Key = "tui.key.settings"
	TUIKeyAudit       Key = "tui.key.audit"
	TUIKeyRun         Key = "tui.key.run"
	TUIKeyCloseHelp   Key = "tui.key.close_help"
	TUIKeyPickComment Key = "tui.key.pick_comment"
	TUIKeyAct         Key = "tui.key.act"
)

func init() {
	register(map[Key]Msg{
		TUIOfficial:    {"✓ %s", "✓ %s"},
		TUIPending:     {"Chờ duyệt: %d", "Pending: %d"},
		TUIWho:         {"%s (%s)", "%s (%s)"},
		TUILoading:     {"Đang tải…", "Loading…"},
		TUIAllNews:     {"Tất cả tin", "All news"},
		TUIEmpty:       {"Chưa có bài viết nào.", "No threads yet."},
		TUINew:         {"Mới", "New"},
		TUIPinned:      {"[Ghim]", "[Pinned]"},
		TUIColDate:     {"Ngày", "Date"},
		TUIColTitle:    {"Tiêu đề", "Title"},
		TUIColComments: {"Ý kiến", "Replies"},
		TUIPageOf:      {"trang %d/%d · %d tin", "page %d/%d · %d threads"},

		TUIVisitors: {"Thống kê truy cập", "Visitors"},
		TUIOnline:   {"Đang online", "Online now"},
		TUIToday:    {"Hôm nay", "Today"},
		TUIWeek:     {"Trong tuần", "This week"},
		TUITotal:    {"Tất cả", "All time"},
		TUILastDays: {"30 ngày qua", "Last 30 days"},

		TUIThreadMeta:      {"%s · %s · %s · %d lượt xem", "%s · %s · %s · %d views"},
		TUIThreadComments:  {"Ý kiến bạn đọc (%d)", "Readers' comments (%d)"},
		TUINoComments:      {"Chưa có ý kiến nào. Nhấn c để gửi ý kiến.", "No comments yet. Press c to comment."},
		TUIMoreComments:    {"… và %d ý kiến mới hơn không hiển thị ở đây.", "… and %d newer comments not shown here."},
		TUIMoreCommentsKey: {"… và %d ý kiến mới hơn: nhấn %s để xem thêm.", "… and %d newer comments: press %s to show more."},
		TUIKeyMoreComments: {"xem thêm ý kiến", "more comments"},
		TUIOthers:          {"Tin khác", "Other news"},
		TUINoOthers:        {"Không có tin khác.", "No other news."},
		TUIImage:           {"[Hình: {{.text}}]", "[Image: {{.text}}]"},
		TUIDraft:           {"[Bản nháp]", "[Draft]"},
		TUIHidden:          {"[Đã ẩn]", "[Hidden]"},

		TUIWhatsNew:         {"Có gì mới từ %s", "What's new since %s"},
		TUIWhatsNewThreads:  {"Bài viết mới", "New threads"},
		TUIWhatsNewComments: {"Ý kiến mới", "New comments"},
		TUIWhatsNewNone:     {"Không có gì mới.", "Nothing new."},
		TUICommentOn:        {"%s về “%s”", "%s on “%s”"},

		TUISearchPrompt:      {"Tìm: ", "Search: "},
		TUISearchPlaceholder: {"gõ từ khoá rồi nhấn Enter", "type some words, then Enter"},
		TUISearchResults:     {"Kết quả: %d", "Results: %d"},
		TUISearchNone:        {"Không tìm thấy bài nào.", "No threads found."},
		TUISearchHint:        {"Nhấn / để sửa từ khoá.", "Press / to change the words."},

		TUIHelpTitle: {"Phím tắt", "Keys"},

		TUIQuitAsk:     {"Thoát khỏi bảng tin? c/y: thoát · Esc: ở lại", "Leave the board? y: leave · Esc: stay"},
		TUIQuitUnsaved: {"Còn nội dung chưa gửi (đã giữ bản nháp). Thoát? c/y: thoát · Esc: ở lại", "Unsent text (a draft is kept). Leave? y: leave · Esc: stay"},
		TUIDraftBack:   {"Đã khôi phục bản nháp bạn chưa gửi.", "Your unsent draft is restored."},

		TUIKeyUp:          {"lên", "up"},
		TUIKeyDown:        {"xuống", "down"},
		TUIKeyOpen:        {"mở", "open"},
		TUIKeyConfirm:     {"xác nhận", "confirm"},
		TUIKeyBack:        {"quay lại", "back"},
		TUIKeyQuit:        {"thoát", "quit"},
		TUIKeyNextPage:    {"trang sau", "next page"},
		TUIKeyPrevPage:    {"trang trước", "previous page"},
		TUIKeyNextTab:     {"chuyên mục", "category"},
		TUIKeyPrevTab:     {"chuyên mục trước", "previous category"},
		TUIKeyTop:         {"về đầu", "to the top"},
		TUIKeyBottom:      {"xuống cuối", "to the end"},
		TUIKeyPageUp:      {"cuộn lên", "page up"},
		TUIKeyPageDown:    {"cuộn xuống", "page down"},
		TUIKeyNextThread:  {"tin sau", "next thread"},
		TUIKeyPrevThread:  {"tin trước", "previous thread"},
		TUIKeyNextOther:   {"chọn tin khác", "pick other news"},
		TUIKeySearch:      {"tìm kiếm", "search"},
		TUIKeyWhatsNew:    {"có gì mới", "what's new"},
		TUIKeyHelp:        {"trợ giúp", "help"},
		TUIKeyLang:        {"English", "Tiếng Việt"},
		TUIKeyComment:     {"gửi ý kiến", "comment"},
		TUIKeyQueue:       {"kiểm duyệt", "moderation"},
		TUIKeyNewThread:   {"viết tin mới", "new thread"},
		TUIKeyEdit:        {"sửa tin", "edit thread"},
		TUIKeyCategories:  {"chuyên mục", "categories"},
		TUIKeyUsers:       {"người dùng", "users"},
		TUIKeyBans:        {"chặn", "bans"},
		TUIKeySettings:    {"cài đặt", "settings"},
		TUIKeyAudit:       {"nhật ký", "audit log"},
		TUIKeyRun:         {"tìm", "search"},
		TUIKeyCloseHelp:   {"đóng trợ giúp", "close help"},
		TUIKeyPickComment: {"chọn ý kiến, tin khác", "pick a comment, other news"},
		TUIKeyAct:         {"mở tin / xử lý ý kiến", "open news / act on comment"},
	})
}

package i18n

// Messages of the web pages (board/web).
const (
	WebSkip           Key = "web.skip"
	WebHome           Key = "web.home"
	WebAllNews        Key = "web.all_news"
	WebCategories     Key = "web.categories"
	WebSearch         Key = "web.search"
	WebSearchLabel    Key = "web.search.label"
	WebSearchTitle    Key = "web.search.title"
	WebSearchResults  Key = "web.search.results"
	WebSearchNone     Key = "web.search.none"
	WebSearchEmpty    Key = "web.search.empty"
	WebPinned         Key = "web.pinned"
	WebNew            Key = "web.new"
	WebCommentCount   Key = "web.comment_count"
	WebNoThreads      Key = "web.no_threads"
	WebPages          Key = "web.pages"
	WebPageOf         Key = "web.page_of"
	WebPrev           Key = "web.prev"
	WebNext           Key = "web.next"
	WebVisitors       Key = "web.visitors"
	WebOnline         Key = "web.online"
	WebToday          Key = "web.today"
	WebWeek           Key = "web.week"
	WebTotal          Key = "web.total"
	WebLast30         Key = "web.last30"
	WebSparkDay       Key = "web.spark_day"
	WebAuthor         Key = "web.author"
	WebPublished      Key = "web.published"
	WebCategory       Key = "web.category"
	WebViews          Key = "web.views"
	WebReaders        Key = "web.readers"
	WebNoComments     Key = "web.no_comments"
	WebCommentPages   Key = "web.comment_pages"
	WebOthers         Key = "web.others"
	WebFormHeading    Key = "web.form.heading"
	WebFormIntro      Key = "web.form.intro"
	WebFormQuestion   Key = "web.form.question"
	WebFormSend       Key = "web.form.send"
	WebFormRequired   Key = "web.form.required"
	WebFormCaptcha    Key = "web.form.captcha_wrong"
	WebFormExpired    Key = "web.form.expired"
	WebFormProblem    Key = "web.form.problem"
	WebFormThanks     Key = "web.form.thanks"
	WebFormPublished  Key = "web.form.published"
	WebFormCrossSite  Key = "web.form.cross_site"
	WebFormTooLarge   Key = "web.form.too_large"
	WebNotFoundTitle  Key = "web.notfound.title"
	WebNotFoundText   Key = "web.notfound.text"
	WebBackHome       Key = "web.back_home"
	WebErrorTitle     Key = "web.error.title"
	WebErrorText      Key = "web.error.text"
	WebLangSwitch     Key = "web.lang_switch"
	WebLangSwitchName Key = "web.lang_switch_name"
	WebFeedRSS        Key = "web.feed.rss"
	WebFeedAtom       Key = "web.feed.atom"
	WebFeedDesc       Key = "web.feed.desc"
	WebSSHHint        Key = "web.ssh_hint"
	WebFooter         Key = "web.footer"
)

func init() {
	register(map[Key]Msg{
		WebSkip:           {"Bỏ qua, đến nội dung chính", "Skip to the content"},
		WebHome:           {"Trang chủ", "Home"},
		WebAllNews:        {"Tất cả tin", "All news"},
		WebCategories:     {"Chuyên mục", "Categories"},
		WebSearch:         {"Tìm", "Search"},
		WebSearchLabel:    {"Tìm tin (không cần gõ dấu)", "Search the news (diacritics optional)"},
		WebSearchTitle:    {"Tìm kiếm", "Search"},
		WebSearchResults:  {"Kết quả cho “%s”: %d tin", "Results for “%s”: %d threads"},
		WebSearchNone:     {"Không tìm thấy tin nào cho “%s”.", "No thread matches “%s”."},
		WebSearchEmpty:    {"Nhập từ khoá để tìm trong tiêu đề, tóm tắt và nội dung tin.", "Type words to search the titles, summaries and bodies of the news."},
		WebPinned:         {"Ghim", "Pinned"},
		WebNew:            {"Mới", "New"},
		WebCommentCount:   {"%d ý kiến", "%d comments"},
		WebNoThreads:      {"Chưa có tin nào.", "No news yet."},
		WebPages:          {"Các trang", "Pages"},
		WebPageOf:         {"trang %d/%d · %d tin", "page %d of %d · %d threads"},
		WebPrev:           {"Trang trước", "Previous page"},
		WebNext:           {"Trang sau", "Next page"},
		WebVisitors:       {"Thống kê truy cập", "Visitors"},
		WebOnline:         {"Đang online", "Online now"},
		WebToday:          {"Hôm nay", "Today"},
		WebWeek:           {"Trong tuần", "This week"},
		WebTotal:          {"Tất cả", "All time"},
		WebLast30:         {"30 ngày qua", "Last 30 days"},
		WebSparkDay:       {"%s: %d lượt", "%s: %d visits"},
		WebAuthor:         {"Người viết", "Author"},
		WebPublished:      {"Ngày đăng", "Published"},
		WebCategory:       {"Chuyên mục", "Category"},
		WebViews:          {"Lượt xem", "Views"},
		WebReaders:        {"Ý kiến bạn đọc (%d)", "Readers' comments (%d)"},
		WebNoComments:     {"Chưa có ý kiến nào. Hãy là người đầu tiên gửi ý kiến.", "No comments yet. Be the first to comment."},
		WebCommentPages:   {"Các trang ý kiến", "Comment pages"},
		WebOthers:         {"Tin khác", "Other news"},
		WebFormHeading:    {"Gửi ý kiến", "Send a comment"},
		WebFormIntro:      {"Ý kiến của khách được hiện sau khi kiểm duyệt. Các ô có dấu * là bắt buộc.", "Guests' comments show once a moderator approves them. Fields marked * are required."},
		WebFormQuestion:   {"%d + %d = ?", "%d + %d = ?"},
		WebFormSend:       {"Gửi ý kiến", "Send"},
		WebFormRequired:   {"bắt buộc", "required"},
		WebFormCaptcha:    {"Mã kiểm tra chưa đúng, hãy trả lời câu hỏi mới.", "Wrong check code: please answer the new question."},
		WebFormExpired:    {"Biểu mẫu đã hết hạn hoặc không hợp lệ; nội dung vẫn còn, hãy bấm Gửi lại.", "The form has expired or is not valid; your text is kept, please send it again."},
		WebFormProblem:    {"Ý kiến chưa được gửi: xem các ô báo lỗi.", "Your comment was not sent: see the fields marked."},
		WebFormThanks:     {"Cảm ơn! Ý kiến của bạn đang chờ kiểm duyệt.", "Thank you! Your comment is waiting for moderation."},
		WebFormPublished:  {"Cảm ơn! Ý kiến của bạn đã được đăng.", "Thank you! Your comment is published."},
		WebFormCrossSite:  {"Biểu mẫu phải được gửi từ chính trang tin này.", "The form must be sent from the board's own page."},
		WebFormTooLarge:   {"Nội dung gửi quá lớn.", "What you sent is too large."},
		WebNotFoundTitle:  {"Không tìm thấy trang", "Page not found"},
		WebNotFoundText:   {"Trang bạn tìm không có hoặc đã bị gỡ.", "The page you asked for does not exist or was removed."},
		WebBackHome:       {"Về trang chủ", "Back to the home page"},
		WebErrorTitle:     {"Có lỗi xảy ra", "Something went wrong"},
		WebErrorText:      {"Máy chủ chưa xử lý được yêu cầu; xin thử lại sau ít phút.", "The server could not handle the request; please try again in a few minutes."},
		WebLangSwitch:     {"English", "Tiếng Việt"},
		WebLangSwitchName: {"Read this page in English", "Đọc trang này bằng tiếng Việt"},
		WebFeedRSS:        {"RSS", "RSS"},
		WebFeedAtom:       {"Atom", "Atom"},
		WebFeedDesc:       {"Tin mới nhất của %s", "The newest news of %s"},
		WebSSHHint:        {"Đọc và gửi ý kiến bằng SSH: %s", "Read and comment over SSH: %s"},
		WebFooter:         {"Bảng tin chạy bằng bangtin.", "This board runs bangtin."},
	})
}

// ServeWeb is the start line of the web pages.
const ServeWeb Key = "serve.web"

func init() {
	register(map[Key]Msg{ServeWeb: {"Trang web của bảng tin: %s", "The board's web pages: %s"}})
}

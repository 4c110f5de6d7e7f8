package i18n

// Messages of the TUI's writing pages: the comment form, the moderation queue, the news editor,
// categories, users, bans, settings and the audit log.
const (
	TWConfirmHint   Key = "tui.w.confirm_hint"
	TWForever       Key = "tui.w.forever"
	TWDays          Key = "tui.w.days"
	TWHours         Key = "tui.w.hours"
	TWEscBack       Key = "tui.w.esc_back"
	TWSend          Key = "tui.w.send"
	TWSending       Key = "tui.w.sending"
	TWSave          Key = "tui.w.save"
	TWSaving        Key = "tui.w.saving"
	TWSaved         Key = "tui.w.saved"
	TWLoading       Key = "tui.w.loading"
	TWHelpNextField Key = "tui.w.help.next_field"
	TWHelpCancel    Key = "tui.w.help.cancel"
	TWHelpBack      Key = "tui.w.help.back"
	TWHelpMove      Key = "tui.w.help.move"
	TWHelpOpen      Key = "tui.w.help.open"

	TWFormHeading      Key = "tui.w.form.heading"
	TWFormDiscard      Key = "tui.w.form.discard"
	TWFormCaptchaWrong Key = "tui.w.form.captcha_wrong"
	TWFormShown        Key = "tui.w.form.shown"
	TWFormPending      Key = "tui.w.form.pending"
	TWFormKeys         Key = "tui.w.form.keys"
)

func init() {
	register(map[Key]Msg{
		TWConfirmHint:   {"c/y: đồng ý · Esc/k: huỷ", "y: yes · Esc/n: cancel"},
		TWForever:       {"vĩnh viễn", "forever"},
		TWDays:          {"%d ngày", "%d days"},
		TWHours:         {"%d giờ", "%d hours"},
		TWEscBack:       {"Esc: quay lại", "Esc: back"},
		TWSend:          {"Gửi", "Send"},
		TWSending:       {"Đang gửi…", "Sending…"},
		TWSave:          {"Lưu", "Save"},
		TWSaving:        {"Đang lưu…", "Saving…"},
		TWSaved:         {"Đã lưu.", "Saved."},
		TWLoading:       {"Đang tải…", "Loading…"},
		TWHelpNextField: {"chuyển ô", "next field"},
		TWHelpCancel:    {"huỷ", "cancel"},
		TWHelpBack:      {"quay lại", "back"},
		TWHelpMove:      {"di chuyển", "move"},
		TWHelpOpen:      {"mở", "open"},

		TWFormHeading:      {"Gửi ý kiến về: %s", "Comment on: %s"},
		TWFormDiscard:      {"Bỏ nội dung bạn đã viết?", "Discard what you wrote?"},
		TWFormCaptchaWrong: {"Mã kiểm tra: chưa đúng, hãy trả lời câu hỏi mới.", "Check code: wrong, please answer the new question."},
		TWFormShown:        {"Cảm ơn! Ý kiến của bạn đã được đăng.", "Thank you! Your comment is published."},
		TWFormPending:      {"Cảm ơn! Ý kiến của bạn đang chờ kiểm duyệt.", "Thank you! Your comment is waiting for moderation."},
		TWFormKeys:         {"Ctrl-S: gửi · Tab: chuyển ô · Esc: huỷ", "Ctrl-S: send · Tab: next field · Esc: cancel"},
	})
}

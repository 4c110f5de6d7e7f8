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
	TWHelpNextField Key = "tui.w.help.next_field"
	TWHelpCancel    Key = "tui.w.help.cancel"
	TWHelpMove      Key = "tui.w.help.move"
	TWHelpYes       Key = "tui.w.help.yes"
	TWFieldKeys     Key = "tui.w.field_keys"
	TWSearchKeys    Key = "tui.w.search_keys"

	TWFormHeading        Key = "tui.w.form.heading"
	TWFormDiscard        Key = "tui.w.form.discard"
	TWFormCaptchaWrong   Key = "tui.w.form.captcha_wrong"
	TWFormShown          Key = "tui.w.form.shown"
	TWFormPending        Key = "tui.w.form.pending"
	TWFormKeys           Key = "tui.w.form.keys"
	TWQueueHeading       Key = "tui.w.queue.heading"
	TWQueueResults       Key = "tui.w.queue.results"
	TWQueueMarked        Key = "tui.w.queue.marked"
	TWQueueEmpty         Key = "tui.w.queue.empty"
	TWQueueNoResults     Key = "tui.w.queue.no_results"
	TWQueueDetailHeading Key = "tui.w.queue.detail_heading"
	TWQueueThread        Key = "tui.w.queue.thread"
	TWQueueWhen          Key = "tui.w.queue.when"
	TWQueueApproved      Key = "tui.w.queue.approved"
	TWQueueRejectAsk     Key = "tui.w.queue.reject_ask"
	TWQueueRejectOneAsk  Key = "tui.w.queue.reject_one_ask"
	TWQueueRejected      Key = "tui.w.queue.rejected"
	TWQueueDeleteAsk     Key = "tui.w.queue.delete_ask"
	TWQueueDeleteOneAsk  Key = "tui.w.queue.delete_one_ask"
	TWQueueDeleted       Key = "tui.w.queue.deleted"
	TWQueueEditHeading   Key = "tui.w.queue.edit_heading"
	TWQueueSaveApprove   Key = "tui.w.queue.save_approve"
	TWQueueEdited        Key = "tui.w.queue.edited"
	TWQueueBanHeading    Key = "tui.w.queue.ban_heading"
	TWQueueBanButton     Key = "tui.w.queue.ban_button"
	TWQueueBanWho        Key = "tui.w.queue.ban_who"
	TWQueueBanKey        Key = "tui.w.queue.ban_key"
	TWQueueBanIP         Key = "tui.w.queue.ban_ip"
	TWQueueBanNothing    Key = "tui.w.queue.ban_nothing"
	TWQueueBanned        Key = "tui.w.queue.banned"
	TWQueueSearchHeading Key = "tui.w.queue.search_heading"
	TWQueueSearchButton  Key = "tui.w.queue.search_button"
	TWQueueAuthor        Key = "tui.w.queue.author"
	TWQueueText          Key = "tui.w.queue.text"
	TWQueueFrom          Key = "tui.w.queue.from"
	TWQueueTo            Key = "tui.w.queue.to"
	TWKeyApprove         Key = "tui.w.key.approve"
	TWKeyReject          Key = "tui.w.key.reject"
	TWKeyEdit            Key = "tui.w.key.edit"
	TWKeyDelete          Key = "tui.w.key.delete"
	TWKeyBan             Key = "tui.w.key.ban"
	TWKeyMark            Key = "tui.w.key.mark"
	TWKeyMarkAll         Key = "tui.w.key.mark_all"
	TWKeyReload          Key = "tui.w.key.reload"
	TWKeyHide            Key = "tui.w.key.hide"
	TWActHeading         Key = "tui.w.act.heading"
	TWActKeys            Key = "tui.w.act.keys"
	TWActHideAsk         Key = "tui.w.act.hide_ask"
	TWActHidden          Key = "tui.w.act.hidden"
	TWActDeleteAsk       Key = "tui.w.act.delete_ask"
	TWActDeleted         Key = "tui.w.act.deleted"
	TWEdNewHeading       Key = "tui.w.ed.new_heading"
	TWEdEditHeading      Key = "tui.w.ed.edit_heading"
	TWEdNew              Key = "tui.w.ed.new"
	TWEdStatePublished   Key = "tui.w.ed.state_published"
	TWEdStateDraft       Key = "tui.w.ed.state_draft"
	TWEdStateHidden      Key = "tui.w.ed.state_hidden"
	TWEdPinned           Key = "tui.w.ed.pinned"
	TWEdPublish          Key = "tui.w.ed.publish"
	TWEdDraft            Key = "tui.w.ed.draft"
	TWEdPreview          Key = "tui.w.ed.preview"
	TWEdHistory          Key = "tui.w.ed.history"
	TWEdHide             Key = "tui.w.ed.hide"
	TWEdRestore          Key = "tui.w.ed.restore"
	TWEdDelete           Key = "tui.w.ed.delete"
	TWEdDiscard          Key = "tui.w.ed.discard"
	TWEdDeleteAsk        Key = "tui.w.ed.delete_ask"
	TWEdDeleted          Key = "tui.w.ed.deleted"
	TWEdHideAsk          Key = "tui.w.ed.hide_ask"
	TWEdHidden           Key = "tui.w.ed.hidden"
	TWEdRestoreAsk       Key = "tui.w.ed.restore_ask"
	TWEdRestored         Key = "tui.w.ed.restored"
	TWEdRevertAsk        Key = "tui.w.ed.revert_ask"
	TWEdReverted         Key = "tui.w.ed.reverted"
	TWEdPreviewHeading   Key = "tui.w.ed.preview_heading"
	TWEdRevHeading       Key = "tui.w.ed.rev_heading"
	TWEdRevNone          Key = "tui.w.ed.rev_none"
	TWEdRevKeys          Key = "tui.w.ed.rev_keys"
	TWEdRevOne           Key = "tui.w.ed.rev_one"
	TWCatHeading         Key = "tui.w.cat.heading"
	TWCatName            Key = "tui.w.cat.name"
	TWCatSlug            Key = "tui.w.cat.slug"
	TWCatNone            Key = "tui.w.cat.none"
	TWCatAddAsk          Key = "tui.w.cat.add_ask"
	TWCatAdded           Key = "tui.w.cat.added"
	TWCatRenameAsk       Key = "tui.w.cat.rename_ask"
	TWCatRenamed         Key = "tui.w.cat.renamed"
	TWCatMoved           Key = "tui.w.cat.moved"
	TWCatRemoveAsk       Key = "tui.w.cat.remove_ask"
	TWCatRemoved         Key = "tui.w.cat.removed"
	TWKeyAdd             Key = "tui.w.key.add"
	TWKeyRename          Key = "tui.w.key.rename"
	TWKeyReorder         Key = "tui.w.key.reorder"
	TWBanHeading         Key = "tui.w.ban.heading"
	TWBanNone            Key = "tui.w.ban.none"
	TWBanUntil           Key = "tui.w.ban.until"
	TWBanBy              Key = "tui.w.ban.by"
	TWBanLiftAsk         Key = "tui.w.ban.lift_ask"
	TWBanLifted          Key = "tui.w.ban.lifted"
	TWBanAddHeading      Key = "tui.w.ban.add_heading"
	TWBanTarget          Key = "tui.w.ban.target"
	TWBanAdded           Key = "tui.w.ban.added"
	TWKeyLift            Key = "tui.w.key.lift"
	TWSetHeading         Key = "tui.w.set.heading"
	TWSetModeration      Key = "tui.w.set.moderation"
	TWSetModEveryone     Key = "tui.w.set.mod_everyone"
	TWSetModGuests       Key = "tui.w.set.mod_guests"
	TWSetModNone         Key = "tui.w.set.mod_none"
	TWOn                 Key = "tui.w.on"
	TWOff                Key = "tui.w.off"
	TWSetWords           Key = "tui.w.set.words"
	TWSetWordsHint       Key = "tui.w.set.words_hint"
	TWSetSaved           Key = "tui.w.set.saved"
	TWSetExplain         Key = "tui.w.set.explain"
	TWAuditHeading       Key = "tui.w.audit.heading"
	TWAuditAll           Key = "tui.w.audit.all"
	TWAuditKind          Key = "tui.w.audit.kind"
	TWAuditWho           Key = "tui.w.audit.who"
	TWAuditWhen          Key = "tui.w.audit.when"
	TWAuditTarget        Key = "tui.w.audit.target"
	TWAuditDetail        Key = "tui.w.audit.detail"
	TWAuditNone          Key = "tui.w.audit.none"
	TWAuditWhoAsk        Key = "tui.w.audit.who_ask"
	TWKeyKind            Key = "tui.w.key.kind"
	TWKeyWho             Key = "tui.w.key.who"
	TWUserHeading        Key = "tui.w.user.heading"
	TWUserKeys           Key = "tui.w.user.keys"
	TWUserKeyCount       Key = "tui.w.user.key_count"
	TWUserHasPw          Key = "tui.w.user.has_pw"
	TWUserNoPw           Key = "tui.w.user.no_pw"
	TWUserDetailHeading  Key = "tui.w.user.detail_heading"
	TWUserCreated        Key = "tui.w.user.created"
	TWUserKeysHeading    Key = "tui.w.user.keys_heading"
	TWUserNoKeys         Key = "tui.w.user.no_keys"
	TWUserAddHeading     Key = "tui.w.user.add_heading"
	TWUserAdded          Key = "tui.w.user.added"
	TWUserRoleHeading    Key = "tui.w.user.role_heading"
	TWUserRoleSet        Key = "tui.w.user.role_set"
	TWUserPwHeading      Key = "tui.w.user.pw_heading"
	TWUserPwAgain        Key = "tui.w.user.pw_again"
	TWUserPwMismatch     Key = "tui.w.user.pw_mismatch"
	TWUserPwSet          Key = "tui.w.user.pw_set"
	TWUserKeyAsk         Key = "tui.w.user.key_ask"
	TWUserKeyBad         Key = "tui.w.user.key_bad"
	TWUserKeyAdded       Key = "tui.w.user.key_added"
	TWUserKeyRemoveAsk   Key = "tui.w.user.key_remove_ask"
	TWUserKeyRemoved     Key = "tui.w.user.key_removed"
	TWUserRemoveAsk      Key = "tui.w.user.remove_ask"
	TWUserRemoved        Key = "tui.w.user.removed"
	TWUserRenameAsk      Key = "tui.w.user.rename_ask"
	TWUserRenamed        Key = "tui.w.user.renamed"
	TWUnavailable        Key = "tui.w.unavailable"
	TWKeyRole            Key = "tui.w.key.role"
	TWKeyAddKey          Key = "tui.w.key.add_key"
	TWKeyPassword        Key = "tui.w.key.password"
	TWKeyRemoveAccount   Key = "tui.w.key.remove_account"
	TWKeyRemoveKey       Key = "tui.w.key.remove_key"
	TWPasteTooLong       Key = "tui.w.paste_too_long"
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
		TWHelpNextField: {"chuyển ô", "next field"},
		TWHelpCancel:    {"huỷ", "cancel"},
		TWHelpMove:      {"di chuyển", "move"},
		TWHelpYes:       {"đồng ý", "yes"},
		TWFieldKeys:     {"Tab: chuyển ô · ←/→: chọn · Ctrl-S: %s · Esc: huỷ", "Tab: next · ←/→: choose · Ctrl-S: %s · Esc: cancel"},
		TWSearchKeys:    {"Tab: chuyển ô · Ctrl-S: tìm · Esc: huỷ", "Tab: next · Ctrl-S: search · Esc: cancel"},

		TWFormHeading:        {"Gửi ý kiến về: %s", "Comment on: %s"},
		TWFormDiscard:        {"Bỏ nội dung bạn đã viết?", "Discard what you wrote?"},
		TWFormCaptchaWrong:   {"Mã kiểm tra: chưa đúng, hãy trả lời câu hỏi mới.", "Check code: wrong, please answer the new question."},
		TWFormShown:          {"Cảm ơn! Ý kiến của bạn đã được đăng.", "Thank you! Your comment is published."},
		TWFormPending:        {"Cảm ơn! Ý kiến của bạn đang chờ kiểm duyệt.", "Thank you! Your comment is waiting for moderation."},
		TWFormKeys:           {"Ctrl-S: gửi · Tab: chuyển ô · Esc: huỷ", "Ctrl-S: send · Tab: next field · Esc: cancel"},
		TWQueueHeading:       {"Hàng chờ kiểm duyệt: %d ý kiến", "Moderation queue: %d comments"},
		TWQueueResults:       {"Kết quả tìm: %d ý kiến · %s", "Search results: %d comments · %s"},
		TWQueueMarked:        {"đã chọn %d", "%d marked"},
		TWQueueEmpty:         {"Không có ý kiến nào đang chờ. Cảm ơn bạn!", "No comment is waiting. Thank you!"},
		TWQueueNoResults:     {"Không tìm thấy ý kiến nào. Esc: về hàng chờ.", "No comment found. Esc: back to the queue."},
		TWQueueDetailHeading: {"Ý kiến %d/%d", "Comment %d/%d"},
		TWQueueThread:        {"Bài viết", "Thread"},
		TWQueueWhen:          {"Gửi lúc", "Sent"},
		TWQueueApproved:      {"Đã duyệt %d ý kiến.", "Approved %d comment(s)."},
		TWQueueRejectAsk:     {"Từ chối %d ý kiến. Lý do (không bắt buộc), Enter để xác nhận:", "Reject %d comment(s). Reason (optional), Enter to confirm:"},
		TWQueueRejectOneAsk:  {"Từ chối ý kiến của %s. Lý do (không bắt buộc), Enter để xác nhận:", "Reject the comment of %s. Reason (optional), Enter to confirm:"},
		TWQueueRejected:      {"Đã từ chối %d ý kiến.", "Rejected %d comment(s)."},
		TWQueueDeleteAsk:     {"Xoá hẳn %d ý kiến đã chọn?", "Delete the %d marked comments?"},
		TWQueueDeleteOneAsk:  {"Xoá hẳn ý kiến của %s?", "Delete the comment of %s?"},
		TWQueueDeleted:       {"Đã xoá %d ý kiến.", "Deleted %d comment(s)."},
		TWQueueEditHeading:   {"Sửa rồi duyệt ý kiến của %s", "Edit, then approve the comment of %s"},
		TWQueueSaveApprove:   {"Lưu và duyệt", "Save and approve"},
		TWQueueEdited:        {"Đã sửa và duyệt ý kiến.", "Comment edited and approved."},
		TWQueueBanHeading:    {"Chặn người gửi: %s", "Ban the author: %s"},
		TWQueueBanButton:     {"Chặn", "Ban"},
		TWQueueBanWho:        {"Chặn theo", "Ban by"},
		TWQueueBanKey:        {"khoá %s", "key %s"},
		TWQueueBanIP:         {"IP %s", "IP %s"},
		TWQueueBanNothing:    {"Không có khoá hay địa chỉ IP nào để chặn.", "There is no key or IP address to ban."},
		TWQueueBanned:        {"Đã chặn %s (%s).", "Banned %s (%s)."},
		TWQueueSearchHeading: {"Tìm ý kiến", "Search comments"},
		TWQueueSearchButton:  {"Tìm", "Search"},
		TWQueueAuthor:        {"Người gửi", "Author"},
		TWQueueText:          {"Nội dung có", "Text"},
		TWQueueFrom:          {"Từ ngày", "From"},
		TWQueueTo:            {"Đến ngày", "To"},
		TWKeyApprove:         {"duyệt", "approve"},
		TWKeyReject:          {"từ chối", "reject"},
		TWKeyEdit:            {"sửa", "edit"},
		TWKeyDelete:          {"xoá", "delete"},
		TWKeyBan:             {"chặn", "ban"},
		TWKeyMark:            {"chọn", "mark"},
		TWKeyMarkAll:         {"chọn tất cả", "mark all"},
		TWKeyReload:          {"tải lại", "reload"},
		TWKeyHide:            {"ẩn", "hide"},
		TWActHeading:         {"Kiểm duyệt ý kiến", "Moderate a comment"},
		TWActKeys:            {"h: ẩn ý kiến · d: xoá ý kiến · Esc: quay lại", "h: hide the comment · d: delete it · Esc: back"},
		TWActHideAsk:         {"Ẩn ý kiến của %s? Lý do (không bắt buộc), Enter để xác nhận:", "Hide the comment of %s? Reason (optional), Enter to confirm:"},
		TWActHidden:          {"Đã ẩn ý kiến.", "Comment hidden."},
		TWActDeleteAsk:       {"Xoá ý kiến của %s? Lý do (không bắt buộc), Enter để xác nhận:", "Delete the comment of %s? Reason (optional), Enter to confirm:"},
		TWActDeleted:         {"Đã xoá ý kiến.", "Comment deleted."},
		TWEdNewHeading:       {"Viết bài mới", "New thread"},
		TWEdEditHeading:      {"Sửa bài #%d", "Edit thread #%d"},
		TWEdNew:              {"mới", "new"},
		TWEdStatePublished:   {"đã đăng", "published"},
		TWEdStateDraft:       {"bản nháp", "draft"},
		TWEdStateHidden:      {"đã ẩn", "hidden"},
		TWEdPinned:           {"Ghim", "Pinned"},
		TWEdPublish:          {"Đăng", "Publish"},
		TWEdDraft:            {"Nháp", "Draft"},
		TWEdPreview:          {"Xem trước", "Preview"},
		TWEdHistory:          {"Lịch sử", "History"},
		TWEdHide:             {"Ẩn", "Hide"},
		TWEdRestore:          {"Khôi phục", "Restore"},
		TWEdDelete:           {"Xoá", "Delete"},
		TWEdDiscard:          {"Bỏ các thay đổi chưa lưu?", "Discard the unsaved changes?"},
		TWEdDeleteAsk:        {"Xoá bài “%s”? Lý do (không bắt buộc), Enter để xác nhận:", "Delete “%s”? Reason (optional), Enter to confirm:"},
		TWEdDeleted:          {"Đã xoá bài viết.", "Thread deleted."},
		TWEdHideAsk:          {"Ẩn bài “%s”? Lý do (không bắt buộc), Enter để xác nhận:", "Hide “%s”? Reason (optional), Enter to confirm:"},
		TWEdHidden:           {"Đã ẩn bài viết.", "Thread hidden."},
		TWEdRestoreAsk:       {"Khôi phục bài “%s”?", "Restore “%s”?"},
		TWEdRestored:         {"Đã khôi phục bài viết.", "Thread restored."},
		TWEdRevertAsk:        {"Khôi phục bản #%d? Bản hiện tại sẽ được lưu vào lịch sử.", "Restore revision #%d? The current text is kept in the history."},
		TWEdReverted:         {"Đã khôi phục bản #%d.", "Revision #%d restored."},
		TWEdPreviewHeading:   {"Xem trước (Esc: quay lại sửa)", "Preview (Esc: back to editing)"},
		TWEdRevHeading:       {"Lịch sử sửa đổi: %d bản", "Revision history: %d revisions"},
		TWEdRevNone:          {"Bài chưa có bản sửa đổi nào.", "The thread has no earlier revision."},
		TWEdRevKeys:          {"Enter: xem · r: khôi phục bản này · Esc: quay lại", "Enter: view · r: restore this revision · Esc: back"},
		TWEdRevOne:           {"Bản #%d · %s · %s", "Revision #%d · %s · %s"},
		TWCatHeading:         {"Chuyên mục (%d)", "Categories (%d)"},
		TWCatName:            {"Tên", "Name"},
		TWCatSlug:            {"Đường dẫn", "Slug"},
		TWCatNone:            {"Chưa có chuyên mục nào. Nhấn a để thêm.", "No category yet. Press a to add one."},
		TWCatAddAsk:          {"Tên chuyên mục mới:", "Name of the new category:"},
		TWCatAdded:           {"Đã thêm chuyên mục “%s”.", "Category “%s” added."},
		TWCatRenameAsk:       {"Đổi tên chuyên mục “%s” thành:", "Rename category “%s” to:"},
		TWCatRenamed:         {"Đã đổi tên thành “%s”.", "Renamed to “%s”."},
		TWCatMoved:           {"Đã đổi thứ tự.", "Order changed."},
		TWCatRemoveAsk:       {"Xoá chuyên mục “%s”?", "Remove category “%s”?"},
		TWCatRemoved:         {"Đã xoá chuyên mục “%s”.", "Category “%s” removed."},
		TWKeyAdd:             {"thêm", "add"},
		TWKeyRename:          {"đổi tên", "rename"},
		TWKeyReorder:         {"lên/xuống", "move up/down"},
		TWBanHeading:         {"Danh sách chặn (%d)", "Bans (%d)"},
		TWBanNone:            {"Không có ai bị chặn.", "Nobody is banned."},
		TWBanUntil:           {"đến %s", "until %s"},
		TWBanBy:              {"bởi %s lúc %s", "by %s at %s"},
		TWBanLiftAsk:         {"Bỏ chặn %s?", "Lift the ban on %s?"},
		TWBanLifted:          {"Đã bỏ chặn %s.", "Ban on %s lifted."},
		TWBanAddHeading:      {"Thêm lệnh chặn", "Add a ban"},
		TWBanTarget:          {"Khoá hoặc IP", "Key or IP"},
		TWBanAdded:           {"Đã chặn %s.", "Banned %s."},
		TWKeyLift:            {"bỏ chặn", "lift"},
		TWSetHeading:         {"Cài đặt bảng tin", "Board settings"},
		TWSetModeration:      {"Kiểm duyệt", "Moderation"},
		TWSetModEveryone:     {"mọi người", "everyone"},
		TWSetModGuests:       {"chỉ khách", "guests only"},
		TWSetModNone:         {"không ai", "no one"},
		TWOn:                 {"bật", "on"},
		TWOff:                {"tắt", "off"},
		TWSetWords:           {"Từ cần duyệt", "Word list"},
		TWSetWordsHint:       {"các từ, cách nhau bằng dấu phẩy", "words, separated by commas"},
		TWSetSaved:           {"Đã lưu cài đặt.", "Settings saved."},
		TWSetExplain:         {"Kiểm duyệt: ý kiến của ai phải chờ duyệt trước khi hiện. Mã kiểm tra: câu hỏi đơn giản cho khách trên mẫu gửi ý kiến. Ý kiến có từ trong danh sách luôn phải chờ duyệt, dù ai viết.", "Moderation: whose comments wait for a moderator before they show. Check code: a simple question for guests on the comment form. A comment holding a listed word always waits, whoever wrote it."},
		TWAuditHeading:       {"Nhật ký quản trị (%d mục, mới nhất trước)", "Audit log (%d entries, newest first)"},
		TWAuditAll:           {"tất cả", "all"},
		TWAuditKind:          {"Loại", "Kind"},
		TWAuditWho:           {"Người làm", "Who"},
		TWAuditWhen:          {"Thời gian", "When"},
		TWAuditTarget:        {"Đối tượng", "Target"},
		TWAuditDetail:        {"Chi tiết", "Detail"},
		TWAuditNone:          {"Không có mục nào.", "No entry."},
		TWAuditWhoAsk:        {"Lọc theo người làm (để trống: tất cả):", "Filter by who (empty: everyone):"},
		TWKeyKind:            {"lọc theo loại", "filter by kind"},
		TWKeyWho:             {"lọc theo người", "filter by who"},
		TWUserHeading:        {"Tài khoản (%d)", "Accounts (%d)"},
		TWUserKeys:           {"Khoá / mật khẩu", "Keys / password"},
		TWUserKeyCount:       {"%d khoá", "%d key(s)"},
		TWUserHasPw:          {"có mật khẩu", "password set"},
		TWUserNoPw:           {"chưa đặt", "not set"},
		TWUserDetailHeading:  {"Tài khoản %s", "Account %s"},
		TWUserCreated:        {"Tạo lúc", "Created"},
		TWUserKeysHeading:    {"Khoá SSH (%d)", "SSH keys (%d)"},
		TWUserNoKeys:         {"Chưa có khoá nào. Nhấn K để thêm.", "No key yet. Press K to add one."},
		TWUserAddHeading:     {"Thêm tài khoản", "Add an account"},
		TWUserAdded:          {"Đã thêm tài khoản %s.", "Account %s added."},
		TWUserRoleHeading:    {"Đổi vai trò của %s", "Change the role of %s"},
		TWUserRoleSet:        {"%s giờ là %s.", "%s is now %s."},
		TWUserPwHeading:      {"Đặt mật khẩu cho %s", "Set the password of %s"},
		TWUserPwAgain:        {"Nhập lại", "Again"},
		TWUserPwMismatch:     {"Hai mật khẩu không giống nhau.", "The two passwords differ."},
		TWUserPwSet:          {"Đã đặt mật khẩu cho %s.", "Password of %s set."},
		TWUserKeyAsk:         {"Dán một dòng authorized_keys cho %s:", "Paste an authorized_keys line for %s:"},
		TWUserKeyBad:         {"Dòng khoá không hợp lệ (cần dạng “ssh-ed25519 AAAA… ghi chú”).", "Not a valid key line (expected “ssh-ed25519 AAAA… comment”)."},
		TWUserKeyAdded:       {"Đã thêm khoá %s cho %s.", "Key %s added to %s."},
		TWUserKeyRemoveAsk:   {"Gỡ khoá %s khỏi %s?", "Remove key %s from %s?"},
		TWUserKeyRemoved:     {"Đã gỡ khoá của %s.", "Key of %s removed."},
		TWUserRemoveAsk:      {"Xoá tài khoản %s?", "Remove the account %s?"},
		TWUserRemoved:        {"Đã xoá tài khoản %s.", "Account %s removed."},
		TWUserRenameAsk:      {"Tên hiển thị mới của %s:", "New display name of %s:"},
		TWUserRenamed:        {"Đã đổi tên hiển thị của %s.", "Display name of %s changed."},
		TWUnavailable:        {"Chức năng này chưa sẵn sàng.", "This is not available yet."},
		TWKeyRole:            {"vai trò", "role"},
		TWKeyAddKey:          {"thêm khoá", "add key"},
		TWKeyPassword:        {"mật khẩu", "password"},
		TWKeyRemoveAccount:   {"xoá tài khoản", "remove account"},
		TWKeyRemoveKey:       {"gỡ khoá", "remove key"},
		TWPasteTooLong:       {"Đoạn dán quá dài (%d ký tự, tối đa %d): chưa dán gì.", "Paste too long (%d characters, at most %d): not pasted."},
	})
}

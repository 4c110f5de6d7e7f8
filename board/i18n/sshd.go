package i18n

// Messages of the SSH server (board/sshd) and of the program's console (cmd/bangtin).
const (
	SSHDBadCommand Key = "sshd.bad_command"

	ServeListening  Key = "serve.listening"
	ServeConnect    Key = "serve.connect"
	ServeClaimCode  Key = "serve.claim_code"
	ServeClaimHow   Key = "serve.claim_how"
	ServeStopping   Key = "serve.stopping"
	ServeStopped    Key = "serve.stopped"
	ServeCheckOK    Key = "serve.check_ok"
	ServeCheckFail  Key = "serve.check_fail"
	ServeRestored   Key = "serve.restored"
	ServeBoardInUse Key = "serve.board_in_use"
)

func init() {
	register(map[Key]Msg{
		SSHDBadCommand: {"Không hiểu lệnh (thiếu dấu nháy đóng?). Gõ: ssh ... help", "Cannot parse the command (an unclosed quote?). Try: ssh ... help"},

		ServeListening: {"Bảng tin đang chạy", "Board running"},
		ServeConnect:   {"Kết nối bằng:  ssh -p %s %s", "Connect with:  ssh -p %s %s"},
		ServeClaimCode: {"Bảng tin chưa có quản trị viên. Mã nhận quyền quản trị (dùng một lần, hết hạn khi tắt máy chủ): %s", "The board has no admin yet. One-time admin claim code (dies with this process): %s"},
		ServeClaimHow:  {"Từ máy có khoá SSH của bạn, chạy:  ssh -p %s %s admin claim %s", "From the machine with your SSH key, run:  ssh -p %s %s admin claim %s"},
		ServeStopping:  {"Đang dừng: báo người dùng và chờ tối đa %s…", "Stopping: telling users and waiting up to %s…"},
		ServeStopped:   {"Đã dừng.", "Stopped."},
		ServeCheckOK:   {"Cơ sở dữ liệu %s: tốt.", "Database %s: OK."},
		ServeCheckFail: {"Cơ sở dữ liệu %s: LỖI: %v", "Database %s: FAILED: %v"},
		ServeRestored:  {"Đã khôi phục %s từ %s.", "Restored %s from %s."},
		ServeBoardInUse: {"Cơ sở dữ liệu %s đang được một bảng tin đang chạy sử dụng; hãy dừng nó trước.",
			"The database %s is held by a running board; stop it first."},
	})
}

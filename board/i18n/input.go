package i18n

// Vietnamese input in the TUI's text fields (board/tui/input).
const (
	InputKeyToggle Key = "input.key.toggle"
	InputKeyStyle  Key = "input.key.style"
	InputOn        Key = "input.on"
	InputOff       Key = "input.off"
	InputToneOld   Key = "input.tone.old"
	InputToneNew   Key = "input.tone.new"
	InputSaveError Key = "input.save.error"
	InputHelp      Key = "input.help"
)

func init() {
	register(map[Key]Msg{
		InputKeyToggle: {"gõ tiếng Việt", "Vietnamese typing"},
		InputKeyStyle:  {"kiểu gõ", "typing style"},
		InputOn: {"Gõ tiếng Việt: %s, dấu %s · alt+x đổi kiểu · alt+z tắt",
			"Vietnamese typing: %s, %s tones · alt+x style · alt+z off"},
		InputOff:       {"Đã tắt gõ tiếng Việt · alt+z hoặc ctrl+z để bật lại", "Vietnamese typing off · alt+z or ctrl+z turns it on"},
		InputToneOld:   {"cũ (hòa, thủy)", "old (hòa, thủy)"},
		InputToneNew:   {"mới (hoà, thuỷ)", "new (hoà, thuỷ)"},
		InputSaveError: {"Không lưu được kiểu gõ: %s", "Your typing choice was not saved: %s"},
		InputHelp: {"Máy không có bộ gõ tiếng Việt? Nhấn Alt+Z (hoặc Ctrl+Z nếu phím Alt không dùng được) để gõ Telex hay VNI ngay trong mọi ô nhập; Alt+X (Ctrl+X) đổi giữa Telex và VNI, dấu kiểu cũ hay mới. Góc phải dòng cuối cho biết: VN Telex, VN VNI hoặc EN.",
			"No Vietnamese input method on this machine? Press Alt+Z (or Ctrl+Z where Alt does not reach the board) to type Telex or VNI in every text field; Alt+X (Ctrl+X) switches between Telex and VNI and the old or new tone style. The right end of the bottom line shows VN Telex, VN VNI or EN."},
	})
}

package board

import (
	"context"
	"fmt"
	"strings"

	"bangtin/board/text"
)

// WelcomeAuthor is the author name of the welcome thread.
const WelcomeAuthor = "bangtin"

const welcomeBody = `Chào mừng bạn đến với %s. Đây là nơi đăng tin tức, thông báo của cơ quan và nhận ý kiến của bạn đọc.

## Cách đọc tin

- Dùng phím **mũi tên ↑ ↓** để chọn tin, **Enter** để mở, **Esc** để quay lại.
- Nhấn **/** để tìm kiếm (gõ có dấu hay không dấu đều được: "tre em" tìm được "trẻ em").
- Nhấn **L** để đổi ngôn ngữ (Tiếng Việt / English).
- Nhấn **?** để xem trợ giúp và danh sách phím.

## Cách gửi ý kiến

- Trong một bài, nhấn **c** để viết bình luận: điền Họ tên, Tiêu đề và Nội dung rồi gửi.
- Bình luận của khách được **quản trị viên duyệt** trước khi hiện lên; xin vui lòng chờ.
- Máy không có bộ gõ tiếng Việt? Nhấn **Alt+Z** (hoặc **Ctrl+Z**) để gõ Telex ngay trong mọi ô nhập, nhấn lại để tắt; **Alt+X** (**Ctrl+X**) chuyển sang VNI hoặc đổi kiểu bỏ dấu.

## Dành cho quản trị viên

- Khởi động máy chủ với khóa công khai của bạn: ` + "`bangtin --admin-key ~/.ssh/id_ed25519.pub`" + `
- Hoặc dùng mã nhận quyền dùng một lần in trên màn hình máy chủ: ` + "`ssh -p 2222 host admin claim MÃ`" + `
- Sau khi đăng nhập bằng khóa đó, bạn có thể đăng tin, duyệt bình luận, quản lý tài khoản và cài đặt.
`

// welcomeNames are the welcome thread's title and how its body names the board: "bảng tin X",
// or just "bảng tin" when the board is called that (never "bảng tin Bảng tin").
func welcomeNames(name string) (title, inBody string) {
	if text.Fold(name) == text.Fold("bảng tin") {
		return "Chào mừng đến với bảng tin", "**bảng tin**"
	}
	return "Chào mừng đến với bảng tin " + name, "bảng tin **" + name + "**"
}

// EnsureWelcome creates the welcome thread (in Vietnamese: how to read, how to comment, how an
// admin signs in) on a board that never had a thread. It does nothing on any other board.
func (b *Board) EnsureWelcome(ctx context.Context, boardName string) error {
	name := strings.TrimSpace(boardName)
	if name == "" {
		name = "bangtin"
	}
	name, err := clean(fieldSpec{name: "name", max: MaxCategoryName}, name)
	if err != nil {
		return err
	}
	actor := Identity{Login: WelcomeAuthor, Name: WelcomeAuthor, Role: RoleAdmin}
	return b.update(ctx, func(tx Tx) error {
		n, err := tx.ThreadsEver()
		if err != nil || n > 0 {
			return err
		}
		cat, err := category(tx, 0)
		if err != nil {
			return err
		}
		now := b.now()
		title, board := welcomeNames(name)
		t := Thread{
			CategoryID: cat,
			Title:      title,
			Summary:    "Hướng dẫn đọc tin, gửi bình luận và đăng nhập quản trị.",
			Body:       fmt.Sprintf(welcomeBody, board),
			AuthorName: WelcomeAuthor, Status: StatusPublished, Pinned: true,
			CreatedAt: now, UpdatedAt: now, PublishedAt: now,
		}
		if err := tx.PutThread(&t); err != nil {
			return err
		}
		return b.audit(tx, actor, AuditThreadCreate, fmt.Sprintf("thread:%d", t.ID), "", "welcome")
	})
}

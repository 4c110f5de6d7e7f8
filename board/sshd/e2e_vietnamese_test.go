package sshd

import (
	"context"
	"strings"
	"testing"

	"bangtin/board"
	"bangtin/board/i18n"
)

// TestE2EVietnameseTelex (issue 16): over real SSH, a guest opens the comment form, turns Telex
// on with Alt+Z (ESC z on the wire), types the name, the title and the comment in Telex and
// pastes a line in bracketed-paste mode; the stored comment is Vietnamese, the paste exactly as
// pasted. Ctrl+Z (0x1a), the key for terminals that keep Alt, turns it off again.
func TestE2EVietnameseTelex(t *testing.T) {
	eb := e2eStart(t, "Lấy ý kiến nhân dân", "Mời bà con góp ý.")
	th := eb.thread
	guest := eb.connect(t, "khach", nil)
	e2eOpenThread(t, guest.tm, "guest", th, e2eVi(i18n.TUINoComments))
	guest.tm.Send("c")
	scr := e2eFor(t, guest.tm, "guest", e2eVi(i18n.TWFormHeading, th.Title))
	if !strings.HasSuffix(strings.TrimRight(lineWith(scr, "alt+z"), " "), "EN") {
		t.Fatalf("the form's help line does not show EN:\n%s", scr)
	}
	answer := e2eCaptcha(t, guest.tm)

	guest.tm.Send("\x1bz") // Alt+Z
	e2eFor(t, guest.tm, "guest", "Gõ tiếng Việt: Telex")
	guest.tm.Send("Lof Vawn Minh")
	e2eFor(t, guest.tm, "guest", "Lò Văn Minh", "VN Telex")
	guest.tm.Send("\tGops ys")
	e2eFor(t, guest.tm, "guest", "Góp ý")
	guest.tm.Send("\tVieejt Nam ddejp quas, hoaf thuaanj. ")
	e2eFor(t, guest.tm, "guest", "Việt Nam đẹp quá, hòa thuận.")
	guest.tm.Send(e2ePaste("dán: Vieejt ddi"))
	e2eFor(t, guest.tm, "guest", "hòa thuận. dán: Vieejt ddi")

	guest.tm.Send("\x1a") // Ctrl+Z: off
	e2eFor(t, guest.tm, "guest", e2eVi(i18n.InputOff))
	guest.tm.Send("\t" + answer)
	e2eScreen(t, guest.tm, "guest", "the answer "+answer+" in the check field", func(s string) bool {
		return strings.Contains(lineWith(s, "= ?"), answer)
	})
	guest.tm.Send("\x13") // Ctrl-S
	e2eFor(t, guest.tm, "guest", e2eVi(i18n.TWFormPending))

	pend, err := eb.e.board.Pending(context.Background(), board.System, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(pend) != 1 {
		t.Fatalf("%d pending comments, want 1", len(pend))
	}
	c := pend[0]
	if c.Name != "Lò Văn Minh" || c.Title != "Góp ý" || c.Body != "Việt Nam đẹp quá, hòa thuận. dán: Vieejt ddi" {
		t.Fatalf("stored %q / %q / %q", c.Name, c.Title, c.Body)
	}
	eb.closeAll(t, guest)
}

package tui

import (
	"net"
	"testing"

	"bangtin/board"
)

// TestDownloadCommand: the scp line names the host and port this reader can reach.
func TestDownloadCommand(t *testing.T) {
	for _, tc := range []struct {
		name   string
		addr   net.Addr
		public string
		file   string
		want   string
	}{
		{"connected to", tcpAddr("192.0.2.10:2222"), "", "ke-hoach.pdf", "scp -P 2222 192.0.2.10:/news/7/ke-hoach.pdf ."},
		{"public url host", tcpAddr("10.0.0.5:2222"), "bangtin.tanphu.gov.vn", "ke-hoach.pdf", "scp -P 2222 bangtin.tanphu.gov.vn:/news/7/ke-hoach.pdf ."},
		{"port 22 left out", tcpAddr("192.0.2.10:22"), "", "a.pdf", "scp 192.0.2.10:/news/7/a.pdf ."},
		{"ipv6 in brackets", tcpAddr("[2001:db8::1]:2222"), "", "a.pdf", "scp -P 2222 '[2001:db8::1]:/news/7/a.pdf' ."},
		{"unspecified address", tcpAddr("0.0.0.0:2222"), "", "a.pdf", "scp -P 2222 HOST:/news/7/a.pdf ."},
		{"unspecified, public host", tcpAddr("[::]:2222"), "tanphu.vn", "a.pdf", "scp -P 2222 tanphu.vn:/news/7/a.pdf ."},
		{"nothing known", nil, "", "a.pdf", "scp -P PORT HOST:/news/7/a.pdf ."},
		{"spaces and quotes", tcpAddr("192.0.2.10:2222"), "", "Kế hoạch 'mới'.pdf", `scp -P 2222 '192.0.2.10:/news/7/Kế hoạch '\''mới'\''.pdf' .`},
		{"shell characters", tcpAddr("192.0.2.10:2222"), "", "$(rm -rf ~).pdf", `scp -P 2222 '192.0.2.10:/news/7/$(rm -rf ~).pdf' .`},
		{"controls cleaned", tcpAddr("192.0.2.10:2222"), "", "a\x1b[2Jb.pdf", "scp -P 2222 192.0.2.10:/news/7/ab.pdf ."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &Common{Env: Env{ServerAddr: tc.addr, PublicHost: tc.public}}
			if got := c.downloadCommand(7, board.File{Name: tc.file}); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

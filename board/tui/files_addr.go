package tui

import (
	"net"
	"strconv"
	"strings"

	"bangtin/board"
)

// The download line under each document is a command the reader can paste: OpenSSH's scp
// (which speaks SFTP since 9.0; WinSCP and FileZilla take the same host, port and path) from
// the SFTP tree the server serves (board/sshd/sftp.go: /news/ID/NAME). The address is the one
// this reader can reach:
//
//   - the host: the host name of --public-url when the board has one (the name users know it
//     by), else the address the client connected to (Env.ServerAddr: the server's address on
//     that connection, or behind a load balancer the one in the PROXY header), which this
//     client reached, so it can reach it again (a machine name or a listen address of 0.0.0.0
//     would not do);
//   - the port: the one the client connected to (--public-url's port is the web's, not SSH's);
//     "-P 22" is left out.
//
// A session that knows neither (tests without a server) shows HOST and PORT.

// downloadAddr is the host and port (port "" for 22) that a download command names.
func (c *Common) downloadAddr() (host, port string) {
	host, port = "HOST", "PORT"
	if c.ServerAddr != nil {
		if h, p, err := net.SplitHostPort(c.ServerAddr.String()); err == nil {
			if ip := net.ParseIP(h); ip == nil || !ip.IsUnspecified() {
				host = h
			}
			port = p
		}
	}
	if h := strings.TrimSpace(c.PublicHost); h != "" {
		host = h
	}
	if port == "22" {
		port = ""
	}
	return host, port
}

// downloadCommand is the scp command that copies f of thread tid into the current directory.
func (c *Common) downloadCommand(tid uint64, f board.File) string {
	return c.scpCommand(shellQuote(c.scpHost()+":/news/"+strconv.FormatUint(tid, 10)+"/"+Line(f.Name)), ".")
}

// attachCommand is the scp command that attaches a file (named by placeholder) to thread tid.
func (c *Common) attachCommand(tid uint64, placeholder string) string {
	return c.scpCommand(placeholder, shellQuote(c.scpHost()+":/news/"+strconv.FormatUint(tid, 10)+"/"))
}

// scpHost is downloadAddr's host as scp takes it (an IPv6 address in brackets).
func (c *Common) scpHost() string {
	host, _ := c.downloadAddr()
	if strings.Contains(host, ":") {
		return "[" + host + "]"
	}
	return host
}

func (c *Common) scpCommand(from, to string) string {
	cmd := "scp "
	if _, port := c.downloadAddr(); port != "" {
		cmd += "-P " + port + " "
	}
	return cmd + from + " " + to
}

// shellQuote quotes s for a POSIX shell (and PowerShell) when it holds anything a shell would
// take for itself.
func shellQuote(s string) string {
	if !strings.ContainsAny(s, " '\"$`\\&;|()<>*?[]{}~!#") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

package sshd

import (
	"bangtin/board/boardtest/sshtest"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"net"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// TestSSHAudit runs ssh-audit (Debian's package) against a test server with the host keys the
// board makes (ed25519 and RSA-3072): nothing it knows may draw a fail or a warning, and it
// recommends removing nothing. Algorithms it does not know yet (the ML-KEM hybrid, the strict
// key exchange marker) are logged, not failed.
func TestSSHAudit(t *testing.T) {
	sshtest.Need(t, "ssh-audit")
	rsaKey, err := rsa.GenerateKey(rand.Reader, 3072)
	if err != nil {
		t.Fatal(err)
	}
	rsaSigner, err := gossh.NewSignerFromKey(rsaKey)
	if err != nil {
		t.Fatal(err)
	}
	e := startServer(t, func(c *Config) { hSlowGrace(c); c.HostSigners = append(c.HostSigners, rsaSigner) })
	_, port, _ := net.SplitHostPort(e.addr)

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	// Batch mode, no colours; the exit status is not used: it is non-zero for unknown
	// algorithms too. The report's lines say what it found.
	out, _ := exec.CommandContext(ctx, "ssh-audit", "--batch", "--no-colors", "--timeout=10", "-p", port, "127.0.0.1").CombinedOutput()
	report := string(out)
	var seen, unknown []string
	for line := range strings.SplitSeq(report, "\n") {
		line = strings.TrimSpace(line)
		m := auditLine.FindStringSubmatch(line)
		if m == nil {
			if strings.HasPrefix(line, "(rec)") || strings.HasPrefix(line, "(cve)") {
				t.Errorf("ssh-audit: %s", line)
			}
			continue
		}
		kind, alg, level, note := m[1], m[2], m[3], m[4]
		seen = append(seen, kind+" "+alg)
		switch {
		case level == "info":
		case strings.Contains(note, "unknown algorithm"):
			unknown = append(unknown, alg)
		default:
			t.Errorf("ssh-audit: (%s) %s -- [%s] %s", kind, alg, level, note)
		}
	}
	for _, want := range []string{"kex curve25519-sha256", "key ssh-ed25519", "key rsa-sha2-512", "enc chacha20-poly1305@openssh.com", "mac hmac-sha2-256-etm@openssh.com"} {
		if !slices.Contains(seen, want) {
			t.Errorf("ssh-audit did not report %s:\n%s", want, report)
		}
	}
	if t.Failed() {
		t.Logf("ssh-audit's report:\n%s", report)
	}
	if len(unknown) > 0 {
		t.Logf("algorithms this ssh-audit does not know: %v", unknown)
	}
}

// auditLine is a line of ssh-audit's batch report about an algorithm: "(kex) name -- [warn] note".
var auditLine = regexp.MustCompile(`^\((kex|key|enc|mac|gen|fin)\) (\S+)(?: \(\d+-bit\))?(?:: \S+)? -- \[(fail|warn|info)\] (.*)$`)

// The key exchanges and MACs ssh-audit faults are not offered at all.
func TestNoAuditedAlgorithms(t *testing.T) {
	e := startServer(t, nil)
	lists := readKexInit(t, e.addr)
	kex, macs := lists[0], lists[4]
	for _, k := range kex {
		if strings.HasPrefix(k, "ecdh-sha2-nistp") {
			t.Errorf("NIST key exchange offered: %s", k)
		}
	}
	for _, m := range macs {
		if !strings.HasSuffix(m, "-etm@openssh.com") {
			t.Errorf("encrypt-and-MAC offered: %s", m)
		}
	}
	if !slices.Contains(kex, "curve25519-sha256") {
		t.Errorf("curve25519 missing: %v", kex)
	}
}

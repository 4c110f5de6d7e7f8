package sshd

import (
	"bangtin/board/boardtest/sshtest"
	"bufio"
	"bytes"
	"context"
	"crypto/ecdh"
	"crypto/rand"
	"crypto/rsa"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"
)

// Beyond TestAlgorithms (x/crypto clients, the advertised lists): strict key exchange is
// enforced, not only advertised, and the real OpenSSH client restricted to weak algorithms is
// refused.

// hPacket frames an unencrypted SSH binary packet (RFC 4253 §6).
func hPacket(payload []byte) []byte {
	pad := 8 - (5+len(payload))%8
	if pad < 4 {
		pad += 8
	}
	out := binary.BigEndian.AppendUint32(nil, uint32(1+len(payload)+pad))
	out = append(out, byte(pad))
	out = append(out, payload...)
	return append(out, make([]byte, pad)...)
}

func hNameList(b []byte, names ...string) []byte {
	s := strings.Join(names, ",")
	b = binary.BigEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
}

func hReadPacket(r io.Reader) ([]byte, error) {
	var hdr [5]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(hdr[:4])
	if n < 1 || n > 256<<10 {
		return nil, errors.New("bad packet length")
	}
	p := make([]byte, n-1)
	if _, err := io.ReadFull(r, p); err != nil {
		return nil, err
	}
	return p[:len(p)-int(hdr[4])], nil
}

// TestStrictKexEnforced: a client that asks for strict key exchange (kex-strict-c-v00) and then
// slips an SSH_MSG_IGNORE into the initial key exchange (what a Terrapin attacker injects) is
// disconnected before the server's key exchange reply; the same bytes without the IGNORE, or
// without strict mode, get the reply.
func TestStrictKexEnforced(t *testing.T) {
	e := startServer(t, hSlowGrace)
	for _, tc := range []struct {
		name         string
		strict       bool
		ignore       bool
		wantKexReply bool
	}{
		{"strict with injected ignore", true, true, false},
		{"strict", true, false, true},
		{"not strict with ignore", false, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := net.Dial("tcp", e.addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			_ = c.SetDeadline(time.Now().Add(15 * time.Second))
			if _, err := io.WriteString(c, "SSH-2.0-hardening\r\n"); err != nil {
				t.Fatal(err)
			}
			r := bufio.NewReader(c)
			if line, err := r.ReadString('\n'); err != nil || !strings.HasPrefix(line, "SSH-2.0-") {
				t.Fatalf("version line %q: %v", line, err)
			}
			if p, err := hReadPacket(r); err != nil || p[0] != 20 {
				t.Fatalf("server KEXINIT: %v", err)
			}
			kex := []string{gossh.KeyExchangeCurve25519}
			if tc.strict {
				kex = append(kex, "kex-strict-c-v00@openssh.com")
			}
			init := append([]byte{20}, make([]byte, 16)...)
			init = hNameList(init, kex...)
			init = hNameList(init, gossh.KeyAlgoED25519)
			init = hNameList(init, gossh.CipherChaCha20Poly1305)
			init = hNameList(init, gossh.CipherChaCha20Poly1305)
			init = hNameList(init, gossh.HMACSHA256ETM)
			init = hNameList(init, gossh.HMACSHA256ETM)
			init = hNameList(init, "none")
			init = hNameList(init, "none")
			init = hNameList(init)
			init = hNameList(init)
			init = append(init, 0, 0, 0, 0, 0) // first_kex_packet_follows, reserved
			out := hPacket(init)
			if tc.ignore {
				out = append(out, hPacket(append([]byte{2}, hNameList(nil, "terrapin")...))...)
			}
			priv, err := ecdh.X25519().GenerateKey(rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			ecdhInit := append([]byte{30}, binary.BigEndian.AppendUint32(nil, 32)...)
			out = append(out, hPacket(append(ecdhInit, priv.PublicKey().Bytes()...))...)
			if _, err := c.Write(out); err != nil {
				t.Fatal(err)
			}
			var types []byte
			for {
				p, err := hReadPacket(r)
				if err != nil {
					var ne net.Error
					if errors.As(err, &ne) && ne.Timeout() {
						t.Fatalf("neither a reply nor a disconnection within 15 s (packets %v)", types)
					}
					break
				}
				types = append(types, p[0])
				if p[0] == 31 { // SSH_MSG_KEX_ECDH_REPLY
					break
				}
			}
			got := bytes.IndexByte(types, 31) >= 0
			if got != tc.wantKexReply {
				t.Errorf("key exchange reply %v, want %v (packets from the server: %v)", got, tc.wantKexReply, types)
			}
		})
	}
}

// TestOpenSSHWeakAlgorithmsRefused: the real OpenSSH client limited to SHA-1 key exchange, CBC
// ciphers, SHA-1 MACs, ssh-rsa host keys or ssh-rsa user signatures cannot connect; with its
// defaults, and with an RSA user key signing with SHA-2, it can.
func TestOpenSSHWeakAlgorithmsRefused(t *testing.T) {
	sshtest.Need(t, "ssh", "ssh-keygen")
	rsaHost, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	rsaSigner, err := gossh.NewSignerFromKey(rsaHost)
	if err != nil {
		t.Fatal(err)
	}
	e := startServer(t, func(c *Config) { hSlowGrace(c); c.HostSigners = append(c.HostSigners, rsaSigner) })
	_, port, _ := net.SplitHostPort(e.addr)
	home := t.TempDir()
	key := filepath.Join(home, "id_rsa")
	sshtest.Tool(t, home, "ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", key)

	// What this ssh supports at all (an algorithm it does not know cannot be tested with it).
	supported := func(kind, alg string) bool {
		out, _ := exec.Command("ssh", "-Q", kind).Output()
		for l := range strings.SplitSeq(string(out), "\n") {
			if strings.TrimSpace(l) == alg {
				return true
			}
		}
		return false
	}
	for _, tc := range []struct {
		name, kind, alg string
		opts            []string
		ok              bool
		want            string // in the client's error
	}{
		{"defaults", "", "", nil, true, ""},
		{"rsa-sha2-512 user key", "", "", []string{"PubkeyAcceptedAlgorithms=rsa-sha2-512"}, true, ""},
		{"sha1 key exchange", "kex", "diffie-hellman-group14-sha1", []string{"KexAlgorithms=diffie-hellman-group14-sha1"}, false, "no matching key exchange"},
		{"cbc ciphers", "cipher", "aes128-cbc", []string{"Ciphers=aes128-cbc,aes256-cbc"}, false, "no matching cipher"},
		{"sha1 mac", "mac", "hmac-sha1", []string{"Ciphers=aes128-ctr", "MACs=hmac-sha1,hmac-sha1-etm@openssh.com"}, false, "no matching MAC"},
		{"ssh-rsa host key", "key-sig", "ssh-rsa", []string{"HostKeyAlgorithms=ssh-rsa"}, false, "no matching host key type"},
		{"ssh-rsa user signature", "key-sig", "ssh-rsa", []string{"PubkeyAcceptedAlgorithms=ssh-rsa"}, false, "Permission denied"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.kind != "" && !supported(tc.kind, tc.alg) {
				t.Skipf("this ssh does not know %s at all", tc.alg)
			}
			args := []string{"-F", "/dev/null", "-T", "-p", port, "-i", key, "-o", "IdentitiesOnly=yes",
				"-o", "IdentityAgent=none", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
				"-o", "UserKnownHostsFile=/dev/null", "-o", "PasswordAuthentication=no",
				"-o", "KbdInteractiveAuthentication=no", "-o", "ConnectTimeout=10"}
			for _, o := range tc.opts {
				args = append(args, "-o", o)
			}
			args = append(args, "khach@127.0.0.1", "version")
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, "ssh", args...)
			cmd.Env = append(cmd.Environ(), "HOME="+home)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			if tc.ok {
				if err != nil || !strings.Contains(stdout.String(), "test-1.2.3") {
					t.Fatalf("refused: %v\n%s\n%s", err, stdout.String(), stderr.String())
				}
				return
			}
			if err == nil {
				t.Fatalf("connected:\n%s", stdout.String())
			}
			if !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("refused for another reason: want %q in\n%s", tc.want, stderr.String())
			}
		})
	}
}

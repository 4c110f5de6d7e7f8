package keys

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
)

// Public keys as PuTTYgen 0.78 saves them ("Save public key"), and the same keys as OpenSSH
// lines (puttygen -O public-openssh).
const (
	puttyEd25519 = `---- BEGIN SSH2 PUBLIC KEY ----
Comment: "eddsa-key-20261205"
AAAAC3NzaC1lZDI1NTE5AAAAIOFQg3c6UwfaP8Dt0T+a+EyiQ8KgTbCa0sWbct5n
y7ws
---- END SSH2 PUBLIC KEY ----
`
	opensshEd25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOFQg3c6UwfaP8Dt0T+a+EyiQ8KgTbCa0sWbct5ny7ws eddsa-key-20261205"

	puttyRSA = `---- BEGIN SSH2 PUBLIC KEY ----
Comment: "rsa-key-20261205 \"quoted\" lan@may"
AAAAB3NzaC1yc2EAAAADAQABAAABAQDB6QRdWPgjWLavn0zmyxH7U9m2fAzDzKz3
6obOoXxiciGLkEfKL7K2JaIOcsNXJ15E9uq35WlHd/xF4FuJr8QslEUMDbeuVgPK
TRzBpwbe53AuqeB/DiRr805wNA9ixG1Vo6EyAzL7Ih8uxbg71Huf8uakfP7UdwTK
9clPvGfrfFYwlX9F2DdgkkytRbHtO//+Fog9WluHuv4DzhGsdYnN4vhbwrF4l+Cj
AsY0ii3ho/uZhILyq7Xfo0+wHeHIeaqkJ20nUBfm3adJklX6qKWS2TKQfPtV9YQn
6zY2nsr/L+Z1R2+y8vfS7WzGmluuexzo2ppT2t3KUMVO52orRixz
---- END SSH2 PUBLIC KEY ----
`
	opensshRSA = `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDB6QRdWPgjWLavn0zmyxH7U9m2fAzDzKz36obOoXxiciGLkEfKL7K2JaIOcsNXJ15E9uq35WlHd/xF4FuJr8QslEUMDbeuVgPKTRzBpwbe53AuqeB/DiRr805wNA9ixG1Vo6EyAzL7Ih8uxbg71Huf8uakfP7UdwTK9clPvGfrfFYwlX9F2DdgkkytRbHtO//+Fog9WluHuv4DzhGsdYnN4vhbwrF4l+CjAsY0ii3ho/uZhILyq7Xfo0+wHeHIeaqkJ20nUBfm3adJklX6qKWS2TKQfPtV9YQn6zY2nsr/L+Z1R2+y8vfS7WzGmluuexzo2ppT2t3KUMVO52orRixz rsa-key-20261205 "quoted" lan@may`
)

// block wraps a key's wire form as RFC 4716 with the given header lines, 70 base64 characters a
// line.
func block(k gossh.PublicKey, headers ...string) string {
	b64 := base64.StdEncoding.EncodeToString(k.Marshal())
	lines := append([]string{rfc4716Begin}, headers...)
	for len(b64) > 70 {
		lines = append(lines, b64[:70])
		b64 = b64[70:]
	}
	lines = append(lines, b64, rfc4716End)
	return strings.Join(lines, "\n")
}

func TestRFC4716(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	edKey, _ := gossh.NewPublicKey(pub)
	weak, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	weakKey, _ := gossh.NewPublicKey(&weak.PublicKey)
	edLine := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(edKey)))
	oneLine := func(s string) string { return strings.Join(strings.Fields(s), " ") }

	for _, tc := range []struct {
		name, in, want string // want: the stored line; "" for a refusal
	}{
		{"puttygen ed25519", puttyEd25519, opensshEd25519},
		{"puttygen rsa, escaped quotes", puttyRSA, opensshRSA},
		{"crlf", strings.ReplaceAll(puttyRSA, "\n", "\r\n"), opensshRSA},
		{"pasted into one line", oneLine(puttyEd25519), opensshEd25519},
		{"one line, rsa", oneLine(puttyRSA), opensshRSA},
		{"ssh-keygen -e, continued header", block(edKey, `Comment: "256-bit ED25519, converted by lan@may from Op\`, `enSSH"`),
			edLine + " 256-bit ED25519, converted by lan@may from OpenSSH"},
		{"no comment, another header", block(edKey, "x-private: 1"), edLine},
		{"a comment that looks like base64, one line", oneLine(block(edKey, "Comment: abc")), edLine + " abc"},
		{"a comment that looks like base64", block(edKey, "Comment: abc"), edLine + " abc"},
		{"lower-case markers", strings.ToLower(rfc4716Begin) + "\n" + strings.SplitN(block(edKey), "\n", 2)[1], edLine},
		{"indented lines", strings.ReplaceAll(block(edKey, `Comment: "lan"`), "\n", "\n   "), edLine + " lan"},
		{"hostile comment is sanitised", block(edKey, "Comment: \"a\x1b[31mb\u202ec\""), edLine + " abc"},
		{"no END line", strings.TrimSuffix(block(edKey), rfc4716End), ""},
		{"text after END", block(edKey) + "\nssh-ed25519 AAAA", ""},
		{"not a key", rfc4716Begin + "\nQUJDRA==\n" + rfc4716End, ""},
		{"broken base64", rfc4716Begin + "\n!!!!\n" + rfc4716End, ""},
		{"empty block", rfc4716Begin + "\n" + rfc4716End, ""},
		{"weak rsa refused as in a line", block(weakKey), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, ak, err := ParseAuthorizedKey(tc.in)
			if tc.want == "" {
				if err == nil || !errors.Is(err, board.ErrInvalid) {
					t.Fatalf("accepted %q: %+v, %v", tc.in, ak, err)
				}
				return
			}
			if err != nil {
				t.Fatalf("%q: %v", tc.in, err)
			}
			if ak.Line != tc.want || ak.Fingerprint != Fingerprint(k) || ak.Type != k.Type() {
				t.Fatalf("got %+v, want line %q", ak, tc.want)
			}
			// The block and the line it became are the same key.
			_, fromLine, err := ParseAuthorizedKey(tc.want)
			if err != nil || fromLine.Fingerprint != ak.Fingerprint {
				t.Fatalf("line %q: %+v, %v", tc.want, fromLine, err)
			}
		})
	}
	// Text that is not a block is left to the authorized_keys parser.
	for _, s := range []string{opensshEd25519, "", "---- BEGIN", "garbage"} {
		if got := fromRFC4716(s); got != s {
			t.Errorf("fromRFC4716(%q) = %q", s, got)
		}
	}
}

func TestSplitAuthorizedKeys(t *testing.T) {
	in := "# keys of the office\n" + opensshEd25519 + "\n\n" + strings.ReplaceAll(puttyRSA, "\n", "\r\n") +
		"  ssh-ed25519 AAAA other  \n" + rfc4716Begin + "\nQUJD\n"
	got := SplitAuthorizedKeys(in)
	want := []string{opensshEd25519, strings.TrimSpace(puttyRSA), "ssh-ed25519 AAAA other", rfc4716Begin + "\nQUJD\n"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q\nwant %q", got, want)
	}
	_, ak, err := ParseAuthorizedKey(got[1])
	if err != nil || ak.Line != opensshRSA {
		t.Fatalf("the block: %+v, %v", ak, err)
	}
}

func TestAuthorizedKeyEntriesLines(t *testing.T) {
	in := "# keys\n" + opensshEd25519 + "\n\n" + puttyRSA + rfc4716Begin + "\nQUJD\n"
	got := AuthorizedKeyEntries(in)
	blockLines := strings.Count(puttyRSA, "\n")
	want := []int{2, 4, 4 + blockLines}
	if len(got) != len(want) {
		t.Fatalf("got %d entries %+v", len(got), got)
	}
	for i, e := range got {
		if e.Line != want[i] {
			t.Errorf("entry %d starts on line %d, want %d", i, e.Line, want[i])
		}
	}
}

// An --admin-key file may hold PuTTYgen's blocks beside authorized_keys lines; a broken block is
// reported at the line it starts on.
func TestLoadAdminKeysPuTTYgenFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "admins")
	if err := os.WriteFile(f, []byte("# office\n"+puttyRSA+opensshEd25519+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ks, err := LoadAdminKeys([]string{f})
	if err != nil || len(ks) != 2 || ks[0].Line != opensshRSA {
		t.Fatalf("got %+v, %v", ks, err)
	}
	if err := os.WriteFile(f, []byte(opensshEd25519+"\n"+rfc4716Begin+"\nQUJD\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadAdminKeys([]string{f}); err == nil || !strings.Contains(err.Error(), f+":2:") {
		t.Fatalf("a broken block: %v", err)
	}
}

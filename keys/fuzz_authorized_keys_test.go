package keys_test

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"bangtin/board/hostile"
	"bangtin/keys"
)

// FuzzParseAuthorizedKey feeds arbitrary authorized_keys lines to keys.ParseAuthorizedKey: it
// must never panic; a refused line is an error and nothing else; an accepted key has the SHA-256
// fingerprint ssh-keygen would print (SHA256: and 43 characters of unpadded base64), its type is
// the key's, and the stored line is one clean line that parses back to the same key.
func FuzzParseAuthorizedKey(f *testing.F) {
	edPub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	ecKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		f.Fatal(err)
	}
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		f.Fatal(err)
	}
	var lines []string
	for _, k := range []any{edPub, &ecKey.PublicKey, &rsaKey.PublicKey} {
		pk, err := gossh.NewPublicKey(k)
		if err != nil {
			f.Fatal(err)
		}
		lines = append(lines, strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pk))))
	}
	ed := lines[0]
	for _, l := range lines {
		f.Add(l)
		f.Add(l + " lan@may-tinh")
		f.Add(`command="rm -rf /",no-pty,from="10.0.0.0/8" ` + l + " x")
	}
	for _, p := range hostile.Short(300) {
		f.Add(ed + " " + p.Text)
		f.Add(p.Text + " " + ed)
	}
	for _, s := range []string{"", "#", "ssh-ed25519", "ssh-ed25519 AAAA", "ssh-ed25519 " + base64.StdEncoding.EncodeToString([]byte("garbage")),
		"\ufeff" + ed, ed + "\n" + ed, ed + "\r", "ssh-dss AAAAB3NzaC1kc3MAAACBAP", "ssh-ed25519-cert-v01@openssh.com AAAA"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		pk, ak, err := keys.ParseAuthorizedKey(line)
		if err != nil {
			if pk != nil || ak.Fingerprint != "" {
				t.Fatalf("%q: refused (%v) but returned a key", line, err)
			}
			return
		}
		if pk == nil {
			t.Fatalf("%q: accepted without a key", line)
		}
		fp := ak.Fingerprint
		if !strings.HasPrefix(fp, "SHA256:") || len(fp) != len("SHA256:")+43 {
			t.Fatalf("%q: fingerprint %q", line, fp)
		}
		if _, err := base64.RawStdEncoding.DecodeString(strings.TrimPrefix(fp, "SHA256:")); err != nil {
			t.Fatalf("%q: fingerprint %q is not base64: %v", line, fp, err)
		}
		if fp != gossh.FingerprintSHA256(pk) || fp != keys.Fingerprint(pk) {
			t.Fatalf("%q: fingerprint %q, the key's is %q", line, fp, gossh.FingerprintSHA256(pk))
		}
		if ak.Type != pk.Type() {
			t.Fatalf("%q: type %q, the key's is %q", line, ak.Type, pk.Type())
		}
		if strings.ContainsAny(ak.Line, "\n\r") {
			t.Fatalf("%q: stored line %q is not one line", line, ak.Line)
		}
		if err := hostile.CheckView(ak.Line); err != nil {
			t.Fatalf("%q: stored line %q: %v", line, ak.Line, err)
		}
		pk2, ak2, err := keys.ParseAuthorizedKey(ak.Line)
		if err != nil {
			t.Fatalf("%q: the stored line %q does not parse again: %v", line, ak.Line, err)
		}
		if ak2.Fingerprint != fp || ak2.Line != ak.Line || pk2.Type() != pk.Type() {
			t.Fatalf("%q: stored line %q parses to %+v, not %+v", line, ak.Line, ak2, ak)
		}
	})
}

package keys_test

import (
	"bangtin/board/boardtest/sshtest"
	"bangtin/keys"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"bangtin/board"

	gossh "golang.org/x/crypto/ssh"
)

func authorizedLine(t *testing.T, pub any, comment string) string {
	t.Helper()
	pk, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pk))) + " " + comment
}

// TestFingerprintMatchesSSHKeygen compares keys.Fingerprint with `ssh-keygen -lf` both ways: keys made
// here, and keys made by ssh-keygen.
func TestFingerprintMatchesSSHKeygen(t *testing.T) {
	keygen := needSSHKeygen(t)
	dir := t.TempDir()

	edPub, _, _ := ed25519.GenerateKey(rand.Reader)
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	ec384, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	ours := map[string]any{"ed25519": edPub, "rsa": &rsaKey.PublicKey, "ecdsa256": &ecKey.PublicKey, "ecdsa384": &ec384.PublicKey}
	for name, pub := range ours {
		t.Run("ours/"+name, func(t *testing.T) {
			line := authorizedLine(t, pub, "lan@may-tinh")
			file := filepath.Join(dir, name+".pub")
			if err := os.WriteFile(file, []byte(line+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			pk, k, err := keys.ParseAuthorizedKey(line)
			if err != nil {
				t.Fatal(err)
			}
			want := keygenFingerprint(t, keygen, file)
			if got := keys.Fingerprint(pk); got != want {
				t.Errorf("Fingerprint = %s, ssh-keygen says %s", got, want)
			}
			if k.Fingerprint != want {
				t.Errorf("AccountKey.Fingerprint = %s, ssh-keygen says %s", k.Fingerprint, want)
			}
			if strings.HasSuffix(k.Fingerprint, "=") || !strings.HasPrefix(k.Fingerprint, "SHA256:") {
				t.Errorf("fingerprint form %q", k.Fingerprint)
			}
		})
	}
	for _, typ := range []string{"ed25519", "rsa", "ecdsa"} {
		t.Run("ssh-keygen/"+typ, func(t *testing.T) {
			file := filepath.Join(dir, "id_"+typ)
			args := []string{"-q", "-t", typ, "-N", "", "-C", "hoa@laptop", "-f", file}
			if typ == "rsa" {
				args = append(args, "-b", "3072")
			}
			if out, err := exec.Command(keygen, args...).CombinedOutput(); err != nil {
				t.Fatalf("ssh-keygen %v: %v\n%s", args, err, out)
			}
			line, err := os.ReadFile(file + ".pub")
			if err != nil {
				t.Fatal(err)
			}
			pk, k, err := keys.ParseAuthorizedKey(string(line))
			if err != nil {
				t.Fatal(err)
			}
			want := keygenFingerprint(t, keygen, file+".pub")
			if keys.Fingerprint(pk) != want || k.Fingerprint != want {
				t.Errorf("Fingerprint = %s, ssh-keygen says %s", keys.Fingerprint(pk), want)
			}
			if k.Type != pk.Type() || !strings.HasSuffix(k.Line, " hoa@laptop") {
				t.Errorf("AccountKey = %+v", k)
			}
		})
	}
}

func TestParseAuthorizedKey(t *testing.T) {
	edPub, _, _ := ed25519.GenerateKey(rand.Reader)
	good := authorizedLine(t, edPub, "Nguyễn Lan")
	weak, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	signer := sshtest.Signer(t)
	cert := &gossh.Certificate{Key: signer.PublicKey(), CertType: gossh.UserCert, ValidPrincipals: []string{"lan"}, ValidBefore: gossh.CertTimeInfinity}
	if err := cert.SignCert(rand.Reader, sshtest.Signer(t)); err != nil {
		t.Fatal(err)
	}
	certLine := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(cert)))
	keyPart := strings.Join(strings.Fields(good)[:2], " ")

	tests := []struct {
		name     string
		line     string
		wantLine string // "" when an error is expected
	}{
		{"plain", good, good},
		{"no comment", keyPart, keyPart},
		{"surrounding space", "  " + good + "\n", good},
		{"options dropped", `restrict,command="echo hi" ` + good, good},
		{"comment sanitised", keyPart + " lan\x1b[31m\u202Eevil", keyPart + " lanevil"},
		{"BOM", "\ufeff" + good, good},
		{"empty", "", ""},
		{"spaces", "   ", ""},
		{"garbage", "ssh-ed25519 notbase64!!", ""},
		{"not a key", "/no/such/file", ""},
		{"two lines", good + "\n" + good, ""},
		{"weak RSA", authorizedLine(t, &weak.PublicKey, "old"), ""},
		{"certificate", certLine, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pk, k, err := keys.ParseAuthorizedKey(tt.line)
			if tt.wantLine == "" {
				if err == nil {
					t.Fatalf("accepted %q as %+v", tt.line, k)
				}
				if !errors.Is(err, board.ErrInvalid) {
					t.Errorf("error %v is not ErrInvalid", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if k.Line != tt.wantLine {
				t.Errorf("Line = %q, want %q", k.Line, tt.wantLine)
			}
			if k.Fingerprint != keys.Fingerprint(pk) || k.Type != gossh.KeyAlgoED25519 {
				t.Errorf("AccountKey = %+v", k)
			}
		})
	}
}

func TestLoadAdminKeys(t *testing.T) {
	dir := t.TempDir()
	var lines []string
	var fps []string
	for i := range 3 {
		pub, _, _ := ed25519.GenerateKey(rand.Reader)
		l := authorizedLine(t, pub, "admin"+string(rune('a'+i)))
		lines = append(lines, l)
		pk, _, _, _, _ := gossh.ParseAuthorizedKey([]byte(l))
		fps = append(fps, keys.Fingerprint(pk))
	}
	goodFile := filepath.Join(dir, "admins")
	os.WriteFile(goodFile, []byte("# admins\n\n"+lines[0]+"\n"+lines[1]+"\n"), 0o600)
	badFile := filepath.Join(dir, "bad")
	os.WriteFile(badFile, []byte(lines[0]+"\nssh-ed25519 broken\n# fine\nnot a key at all\n"+lines[1]+"\n"), 0o600)

	t.Run("lines and files", func(t *testing.T) {
		ks, err := keys.LoadAdminKeys([]string{lines[2], goodFile, lines[0], ""})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, k := range ks {
			got = append(got, k.Fingerprint)
		}
		want := []string{fps[2], fps[0], fps[1]} // duplicates once
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("fingerprints %q, want %q", got, want)
		}
	})
	t.Run("several lines in one argument", func(t *testing.T) {
		ks, err := keys.LoadAdminKeys([]string{lines[0] + "\n" + lines[1] + "\n"})
		if err != nil || len(ks) != 2 {
			t.Fatalf("got %d keys, %v", len(ks), err)
		}
	})
	t.Run("every bad line reported", func(t *testing.T) {
		ks, err := keys.LoadAdminKeys([]string{badFile, "ssh-rsa AAAA bad", filepath.Join(dir, "missing")})
		if err == nil {
			t.Fatalf("accepted: %+v", ks)
		}
		if ks != nil {
			t.Errorf("returned keys with an error: %+v", ks)
		}
		for _, want := range []string{badFile + ":2:", badFile + ":4:", "admin key 2", "missing"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error does not mention %q:\n%v", want, err)
			}
		}
		if strings.Contains(err.Error(), badFile+":1:") || strings.Contains(err.Error(), badFile+":5:") {
			t.Errorf("good lines reported as bad:\n%v", err)
		}
	})
}

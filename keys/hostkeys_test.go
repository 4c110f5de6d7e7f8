package keys_test

import (
	"bangtin/board/boardtest/sshtest"
	"bangtin/keys"
	"crypto/rsa"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// needSSHKeygen returns the path of ssh-keygen (sshtest.Need: a skip by hand, a failure under
// CI=true).
func needSSHKeygen(t *testing.T) string {
	t.Helper()
	sshtest.Need(t, "ssh-keygen")
	p, err := exec.LookPath("ssh-keygen")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// keygenFingerprint is the SHA256 fingerprint `ssh-keygen -lf file` prints.
func keygenFingerprint(t *testing.T, keygen, file string) string {
	t.Helper()
	out, err := exec.Command(keygen, "-E", "sha256", "-lf", file).CombinedOutput()
	if err != nil {
		t.Fatalf("ssh-keygen -lf %s: %v\n%s", file, err, out)
	}
	f := strings.Fields(string(out))
	if len(f) < 2 {
		t.Fatalf("ssh-keygen -lf %s printed %q", file, out)
	}
	return f[1]
}

func TestLoadHostKeys(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	first, err := keys.LoadHostKeys(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(first) != 2 {
		t.Fatalf("got %d host keys, want 2", len(first))
	}
	if first[0].PublicKey().Type() != gossh.KeyAlgoED25519 || first[1].PublicKey().Type() != gossh.KeyAlgoRSA {
		t.Errorf("key types %s, %s", first[0].PublicKey().Type(), first[1].PublicKey().Type())
	}
	if rk, ok := first[1].PublicKey().(gossh.CryptoPublicKey).CryptoPublicKey().(*rsa.PublicKey); !ok || rk.N.BitLen() != 3072 {
		t.Errorf("RSA host key is not 3072 bits")
	}
	for i, name := range []string{keys.HostKeyEd25519, keys.HostKeyRSA} {
		path := filepath.Join(dir, name)
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %04o, want 0600", name, fi.Mode().Perm())
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), "-----BEGIN OPENSSH PRIVATE KEY-----") {
			t.Errorf("%s is not in OpenSSH format: %.40q", name, data)
		}
		pub, err := os.ReadFile(path + ".pub")
		if err != nil {
			t.Fatal(err)
		}
		pk, _, _, _, err := gossh.ParseAuthorizedKey(pub)
		if err != nil {
			t.Fatalf("%s.pub: %v", name, err)
		}
		if keys.Fingerprint(pk) != keys.Fingerprint(first[i].PublicKey()) {
			t.Errorf("%s.pub does not match the private key", name)
		}
	}
	// Reloading gives the same keys.
	again, err := keys.LoadHostKeys(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range first {
		if keys.Fingerprint(first[i].PublicKey()) != keys.Fingerprint(again[i].PublicKey()) {
			t.Errorf("host key %d changed on reload", i)
		}
	}
	// A missing .pub is written again; the private key stays.
	os.Remove(filepath.Join(dir, keys.HostKeyRSA+".pub"))
	if _, err := keys.LoadHostKeys(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, keys.HostKeyRSA+".pub")); err != nil {
		t.Errorf("missing .pub not rewritten: %v", err)
	}
	// No temporary file is left behind.
	ents, _ := os.ReadDir(dir)
	if len(ents) != 4 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %q, want the 4 key files", names)
	}
}

// TestHostKeysOpenSSH: OpenSSH reads the generated keys, and agrees on their fingerprints.
func TestHostKeysOpenSSH(t *testing.T) {
	keygen := needSSHKeygen(t)
	dir := t.TempDir()
	signers, err := keys.LoadHostKeys(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{keys.HostKeyEd25519, keys.HostKeyRSA} {
		path := filepath.Join(dir, name)
		out, err := exec.Command(keygen, "-y", "-f", path).CombinedOutput()
		if err != nil {
			t.Fatalf("ssh-keygen -y -f %s: %v\n%s", name, err, out)
		}
		pk, _, _, _, err := gossh.ParseAuthorizedKey(out)
		if err != nil {
			t.Fatal(err)
		}
		if keys.Fingerprint(pk) != keys.Fingerprint(signers[i].PublicKey()) {
			t.Errorf("%s: OpenSSH derives another public key", name)
		}
		if got, want := keys.Fingerprint(signers[i].PublicKey()), keygenFingerprint(t, keygen, path+".pub"); got != want {
			t.Errorf("%s: keys.Fingerprint %s, ssh-keygen %s", name, got, want)
		}
	}
}

func TestLoadHostKeysRefuses(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("file modes are not checked on Windows")
	}
	tests := []struct {
		name  string
		setup func(t *testing.T, path string)
		want  []string // substrings of the error
	}{
		{"readable by group", func(t *testing.T, path string) { os.Chmod(path, 0o640) }, []string{"chmod 600 " + "PATH"}},
		{"readable by others", func(t *testing.T, path string) { os.Chmod(path, 0o604) }, []string{"chmod 600 " + "PATH", "0604"}},
		{"malformed", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("-----BEGIN OPENSSH PRIVATE KEY-----\ngarbage\n-----END OPENSSH PRIVATE KEY-----\n"), 0o600)
		}, []string{"PATH", "malformed"}},
		{"empty", func(t *testing.T, path string) { os.WriteFile(path, nil, 0o600) }, []string{"PATH", "malformed"}},
		{"a directory", func(t *testing.T, path string) { os.Remove(path); os.Mkdir(path, 0o700) }, []string{"PATH", "not a regular file"}},
	}
	// Generate once (RSA-3072 takes a while) and copy for each case.
	tmpl := t.TempDir()
	if _, err := keys.LoadHostKeys(tmpl); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		for _, name := range []string{keys.HostKeyEd25519, keys.HostKeyRSA} {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				dir := t.TempDir()
				for _, n := range []string{keys.HostKeyEd25519, keys.HostKeyRSA} {
					for _, ext := range []string{"", ".pub"} {
						data, err := os.ReadFile(filepath.Join(tmpl, n+ext))
						if err != nil {
							t.Fatal(err)
						}
						if err := os.WriteFile(filepath.Join(dir, n+ext), data, 0o600); err != nil {
							t.Fatal(err)
						}
					}
				}
				if _, err := keys.LoadHostKeys(dir); err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(dir, name)
				tt.setup(t, path)
				_, err := keys.LoadHostKeys(dir)
				if err == nil {
					t.Fatal("LoadHostKeys accepted the key")
				}
				for _, w := range tt.want {
					w = strings.ReplaceAll(w, "PATH", path)
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q does not say %q", err, w)
					}
				}
			})
		}
	}
}

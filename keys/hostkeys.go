// Package keys is the pure key handling of the board: the server's host keys, parsing and
// fingerprinting public keys (authorized_keys lines, --admin-key) and hashing staff passwords
// (argon2id, the board's board.PasswordHasher). It links no SSH server: the TUI and the ssh
// commands import it. The identity rules that use it during a handshake, the admin keys at start
// and the admin claim live beside the server, in board/sshd/auth.
package keys

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"

	gossh "golang.org/x/crypto/ssh"
)

// Host key file names in the data directory (each with a ".pub" beside it).
const (
	HostKeyEd25519 = "ssh_host_ed25519_key"
	HostKeyRSA     = "ssh_host_rsa_key"
)

// RSAHostKeyBits is the size of a generated RSA host key.
const RSAHostKeyBits = 3072

// LoadHostKeys loads the server's host keys from dir, generating the missing ones on first start:
// an ed25519 and an RSA-3072 key in OpenSSH format, mode 0600, each with its ".pub". The ed25519
// key comes first. A private key file that is malformed or unreadable is an error naming the file;
// one readable by group or others is refused with the chmod that fixes it.
func LoadHostKeys(dir string) ([]gossh.Signer, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("host keys: create directory %s: %w", dir, err)
	}
	var signers []gossh.Signer
	for _, name := range []string{HostKeyEd25519, HostKeyRSA} {
		s, err := loadOrCreateHostKey(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		signers = append(signers, s)
	}
	return signers, nil
}

func loadOrCreateHostKey(path string) (gossh.Signer, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return createHostKey(path)
	case err != nil:
		return nil, fmt.Errorf("host key %s: %w", path, err)
	case !fi.Mode().IsRegular():
		return nil, fmt.Errorf("host key %s: not a regular file", path)
	case runtime.GOOS != "windows" && fi.Mode().Perm()&0o077 != 0:
		return nil, fmt.Errorf("host key %s: private key is readable by group or others (mode %04o); fix it with: chmod 600 %s",
			path, fi.Mode().Perm(), path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	s, err := gossh.ParsePrivateKey(data)
	if err != nil {
		return nil, fmt.Errorf("host key %s: malformed private key: %w", path, err)
	}
	if _, err := os.Stat(path + ".pub"); errors.Is(err, fs.ErrNotExist) {
		if err := writeFile(path+".pub", gossh.MarshalAuthorizedKey(s.PublicKey()), 0o644); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func createHostKey(path string) (gossh.Signer, error) {
	var priv any
	switch filepath.Base(path) {
	case HostKeyRSA:
		k, err := rsa.GenerateKey(rand.Reader, RSAHostKeyBits)
		if err != nil {
			return nil, fmt.Errorf("host key %s: generate: %w", path, err)
		}
		priv = k
	default:
		_, k, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return nil, fmt.Errorf("host key %s: generate: %w", path, err)
		}
		priv = k
	}
	block, err := gossh.MarshalPrivateKey(priv, "bangtin host key")
	if err != nil {
		return nil, fmt.Errorf("host key %s: encode: %w", path, err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		return nil, fmt.Errorf("host key %s: %w", path, err)
	}
	if err := writeFile(path, pem.EncodeToMemory(block), 0o600); err != nil {
		return nil, err
	}
	if err := writeFile(path+".pub", gossh.MarshalAuthorizedKey(s.PublicKey()), 0o644); err != nil {
		return nil, err
	}
	return s, nil
}

// writeFile writes data to path through a temporary file renamed into place, so that a crash
// never leaves a half-written key behind.
func writeFile(path string, data []byte, mode os.FileMode) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	fail := func(err error) error {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Chmod(mode); err != nil && runtime.GOOS != "windows" {
		return fail(err)
	}
	if _, err := f.Write(data); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

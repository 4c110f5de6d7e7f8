package keys

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"os"
	"strings"

	"bangtin/board"
	"bangtin/board/text"

	gossh "golang.org/x/crypto/ssh"
)

// MinRSABits is the smallest RSA key accepted for an account.
const MinRSABits = 2048

// Fingerprint is the key's SHA-256 fingerprint exactly as `ssh-keygen -lf` prints it:
// "SHA256:" and the unpadded base64 of the hash of the key's wire form.
func Fingerprint(k gossh.PublicKey) string { return gossh.FingerprintSHA256(k) }

// ParseAuthorizedKey reads one authorized_keys line ("ssh-ed25519 AAAA... comment", options
// allowed) and returns the key and its board.AccountKey: fingerprint, type, and the line rebuilt
// as type, base64 and the sanitised comment. Options such as command= or from= are not enforced by
// bangtin and are dropped from the stored line. Certificates, DSA keys and RSA keys under
// MinRSABits are refused, as is anything after the key on further lines.
func ParseAuthorizedKey(line string) (gossh.PublicKey, board.AccountKey, error) {
	line = fromRFC4716(strings.TrimSpace(strings.TrimPrefix(line, "\ufeff")))
	if line == "" {
		return nil, board.AccountKey{}, fmt.Errorf("parse key: empty line: %w", board.ErrInvalid)
	}
	if strings.ContainsAny(line, "\n\r") {
		return nil, board.AccountKey{}, fmt.Errorf("parse key: more than one line: %w", board.ErrInvalid)
	}
	k, comment, _, _, err := gossh.ParseAuthorizedKey([]byte(line))
	if err != nil {
		return nil, board.AccountKey{}, fmt.Errorf("parse key: not an authorized_keys line (%v): %w", err, board.ErrInvalid)
	}
	if err := Acceptable(k); err != nil {
		return nil, board.AccountKey{}, err
	}
	out := strings.TrimSuffix(string(gossh.MarshalAuthorizedKey(k)), "\n")
	if c := text.Line(comment); c != "" {
		if len(c) > 200 {
			c = text.Truncate(c, 100, "")
		}
		out += " " + c
	}
	return k, board.AccountKey{Fingerprint: Fingerprint(k), Type: k.Type(), Line: out}, nil
}

// ErrClaimNeedKey refuses the admin claim to a session that did not authenticate with a key
// (board/sshd/auth returns it; the ssh command reports it). It matches board.ErrForbidden.
var ErrClaimNeedKey = fmt.Errorf("the claim needs a connection authenticated with an SSH key: %w", board.ErrForbidden)

// Acceptable refuses the key types an account may not use (certificates, DSA, short RSA) with
// an error matching board.ErrInvalid.
func Acceptable(k gossh.PublicKey) error {
	if _, ok := k.(*gossh.Certificate); ok {
		return fmt.Errorf("parse key: certificates are not supported, give the plain public key: %w", board.ErrInvalid)
	}
	switch k.Type() {
	case "ssh-dss": // x/crypto no longer parses DSA keys; refused in case it did
		return fmt.Errorf("parse key: DSA keys are too weak, use ed25519: %w", board.ErrInvalid)
	case gossh.KeyAlgoRSA:
		if ck, ok := k.(gossh.CryptoPublicKey); ok {
			if rk, ok := ck.CryptoPublicKey().(*rsa.PublicKey); ok && rk.N.BitLen() < MinRSABits {
				return fmt.Errorf("parse key: RSA key of %d bits is too weak (at least %d): %w", rk.N.BitLen(), MinRSABits, board.ErrInvalid)
			}
		}
	}
	return nil
}

// LoadAdminKeys reads the keys given with --admin-key or BANGTIN_ADMIN_KEYS. Each argument is an
// authorized_keys line, several lines separated by newlines, or the path of a file of them (blank
// lines and # comments skipped). Every bad line is reported, as "file:line: problem" for files;
// if any is bad, no key is returned.
func LoadAdminKeys(args []string) ([]board.AccountKey, error) {
	var (
		keys []board.AccountKey
		errs []error
		seen = map[string]bool{}
	)
	add := func(where, line string) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			return
		}
		_, k, err := ParseAuthorizedKey(line)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", where, err))
			return
		}
		if !seen[k.Fingerprint] {
			seen[k.Fingerprint] = true
			keys = append(keys, k)
		}
	}
	for i, arg := range args {
		arg = strings.TrimSpace(arg)
		if arg == "" {
			continue
		}
		if looksLikeKey(arg) {
			es := AuthorizedKeyEntries(arg)
			for _, e := range es {
				where := fmt.Sprintf("admin key %d", i+1)
				if strings.Contains(arg, "\n") {
					where = fmt.Sprintf("admin key %d line %d", i+1, e.Line)
				}
				add(where, e.Text)
			}
			continue
		}
		data, err := os.ReadFile(arg)
		if err != nil {
			errs = append(errs, fmt.Errorf("admin keys: %q is neither a key nor a readable file: %w", arg, err))
			continue
		}
		// A file is an authorized_keys file: a line a key, or PuTTYgen's RFC 4716 blocks.
		for _, e := range AuthorizedKeyEntries(string(data)) {
			add(fmt.Sprintf("%s:%d", arg, e.Line), e.Text)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return keys, nil
}

// looksLikeKey tells an authorized_keys line from a file path: a line has a space before its key
// data (or several lines), a path usually has neither.
func looksLikeKey(s string) bool {
	if strings.Contains(s, "\n") {
		return true
	}
	if _, err := os.Stat(s); err == nil {
		return false
	}
	return strings.ContainsAny(s, " \t")
}

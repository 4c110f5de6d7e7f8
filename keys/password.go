package keys

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"bangtin/board"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Password limits.
const (
	MinPasswordLen = 8    // runes
	MaxPasswordLen = 1024 // bytes
)

// argon2id parameters of new hashes (OWASP's recommendation: 19 MiB, 2 passes, 1 lane). Hashes
// carry their parameters, so changing these later keeps old hashes valid.
const (
	argonMemory  = 19 * 1024 // KiB
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

var b64 = base64.RawStdEncoding

// HashPassword hashes a staff password with argon2id and a fresh random salt, in the PHC string
// form "$argon2id$v=19$m=19456,t=2,p=1$SALT$HASH" that carries its parameters. Passwords shorter
// than MinPasswordLen runes, longer than MaxPasswordLen bytes or not valid UTF-8 are refused with
// a *board.ValidationError for the field "password". The password is NFC-normalised first (as
// RFC 8265 does), so that Vietnamese typed as NFC on one machine and NFD on another still matches.
func HashPassword(pw string) (string, error) {
	switch {
	case !utf8.ValidString(pw) || strings.ContainsRune(pw, 0):
		return "", &board.ValidationError{Field: "password", Problem: board.ProblemEncoding}
	case utf8.RuneCountInString(pw) < MinPasswordLen:
		return "", &board.ValidationError{Field: "password", Problem: board.ProblemTooShort, Min: MinPasswordLen}
	case len(pw) > MaxPasswordLen:
		return "", &board.ValidationError{Field: "password", Problem: board.ProblemTooLong, Max: MaxPasswordLen}
	}
	pw = norm.NFC.String(pw)
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches a hash made by HashPassword, comparing in constant
// time. A malformed hash, or one whose parameters are outside sane bounds, never matches.
func CheckPassword(hash, pw string) bool {
	p, ok := parseHash(hash)
	if !ok || len(pw) > MaxPasswordLen {
		return false
	}
	pw = norm.NFC.String(pw)
	key := argon2.IDKey([]byte(pw), p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	return subtle.ConstantTimeCompare(key, p.key) == 1
}

type argonHash struct {
	memory, time uint32
	threads      uint8
	salt, key    []byte
}

// parseHash reads "$argon2id$v=19$m=M,t=T,p=P$SALT$HASH", bounding the parameters so that a
// tampered hash cannot make a login take a gigabyte or a minute.
func parseHash(s string) (argonHash, bool) {
	var h argonHash
	f := strings.Split(s, "$")
	if len(f) != 6 || f[0] != "" || f[1] != "argon2id" || f[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return h, false
	}
	var threads uint32
	if n, err := fmt.Sscanf(f[3], "m=%d,t=%d,p=%d", &h.memory, &h.time, &threads); err != nil || n != 3 {
		return h, false
	}
	if h.memory < 8 || h.memory > 256*1024 || h.time < 1 || h.time > 10 || threads < 1 || threads > 16 {
		return h, false
	}
	h.threads = uint8(threads)
	var err error
	if h.salt, err = b64.DecodeString(f[4]); err != nil || len(h.salt) < 8 || len(h.salt) > 64 {
		return h, false
	}
	if h.key, err = b64.DecodeString(f[5]); err != nil || len(h.key) < 16 || len(h.key) > 64 {
		return h, false
	}
	return h, true
}

// Argon2id is the board's password hasher (board.Options.Passwords): HashPassword and
// CheckPassword.
type Argon2id struct{}

var _ board.PasswordHasher = Argon2id{}

// Hash is HashPassword.
func (Argon2id) Hash(password string) (string, error) { return HashPassword(password) }

// Check is CheckPassword.
func (Argon2id) Check(hash, password string) bool { return CheckPassword(hash, password) }

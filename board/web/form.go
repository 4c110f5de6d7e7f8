package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"net/netip"
	"strings"
	"time"
)

// TokenLifetime is how long a comment form's token is accepted.
const TokenLifetime = 4 * time.Hour

var errToken = errors.New("form token not valid")

// formToken is what the hidden "token" field carries: the thread, the check question and when
// the form was made, signed with the server's key together with the visitor's address. A token
// fetched elsewhere (another site's server, another visitor) does not verify.
type formToken struct {
	thread uint64
	a, b   int // the question; 0 and 0 when the captcha was off
	issued time.Time
}

const tokenPayload = 8 + 1 + 1 + 8

func (s *Server) macOf(payload []byte, addr netip.Addr) []byte {
	m := hmac.New(sha256.New, s.secret)
	m.Write(payload)
	ab, _ := addr.MarshalBinary()
	m.Write(ab)
	return m.Sum(nil)[:16]
}

func (s *Server) signToken(t formToken, addr netip.Addr) string {
	p := make([]byte, tokenPayload)
	binary.BigEndian.PutUint64(p[0:], t.thread)
	p[8], p[9] = byte(t.a), byte(t.b)
	binary.BigEndian.PutUint64(p[10:], uint64(t.issued.Unix()))
	return base64.RawURLEncoding.EncodeToString(p) + "." + base64.RawURLEncoding.EncodeToString(s.macOf(p, addr))
}

func (s *Server) verifyToken(tok string, thread uint64, addr netip.Addr, now time.Time) (formToken, error) {
	ps, ms, ok := strings.Cut(tok, ".")
	if !ok || len(tok) > 128 {
		return formToken{}, errToken
	}
	p, err1 := base64.RawURLEncoding.DecodeString(ps)
	m, err2 := base64.RawURLEncoding.DecodeString(ms)
	if err1 != nil || err2 != nil || len(p) != tokenPayload {
		return formToken{}, errToken
	}
	if !hmac.Equal(m, s.macOf(p, addr)) {
		return formToken{}, errToken
	}
	t := formToken{
		thread: binary.BigEndian.Uint64(p[0:]),
		a:      int(p[8]), b: int(p[9]),
		issued: time.Unix(int64(binary.BigEndian.Uint64(p[10:])), 0),
	}
	if t.thread != thread || now.Sub(t.issued) > TokenLifetime || t.issued.Sub(now) > time.Minute {
		return formToken{}, errToken
	}
	return t, nil
}

package keys

// The SSH2 public key file format of RFC 4716, which PuTTYgen's "Save public key" writes and
// `ssh-keygen -e` prints:
//
//	---- BEGIN SSH2 PUBLIC KEY ----
//	Comment: "rsa-key-20261205"
//	AAAAB3NzaC1yc2EAAAADAQABAAABAQDB6QRdWPgjWLavn0zmyxH7U9m2fAzDzKz3
//	...
//	---- END SSH2 PUBLIC KEY ----
//
// It is read here by hand: golang.org/x/crypto/ssh parses authorized_keys lines and the wire
// form, not this wrapper, and no maintained Go library does. The block is turned into an
// authorized_keys line and goes through ParseAuthorizedKey like any other key, so the same key
// types are refused. The block is accepted as written (one header or base64 line per line) and
// also with its line breaks turned into spaces, as a one-line form field or an ssh command line
// delivers a pasted block.

import (
	"encoding/base64"
	"strings"

	gossh "golang.org/x/crypto/ssh"
)

const (
	rfc4716Begin = "---- BEGIN SSH2 PUBLIC KEY ----"
	rfc4716End   = "---- END SSH2 PUBLIC KEY ----"
	// maxHeaderTag is the longest header tag RFC 4716 allows.
	maxHeaderTag = 64
)

// fromRFC4716 returns the authorized_keys line ("type base64 comment") of an RFC 4716 block, or
// s unchanged when s is not a whole block or its key does not parse (ParseAuthorizedKey then
// reports it as not an authorized_keys line).
func fromRFC4716(s string) string {
	t := strings.TrimSpace(s)
	if len(t) < len(rfc4716Begin) || !strings.EqualFold(t[:len(rfc4716Begin)], rfc4716Begin) {
		return s
	}
	inner := t[len(rfc4716Begin):]
	end := strings.Index(strings.ToUpper(inner), rfc4716End)
	if end < 0 || strings.TrimSpace(inner[end+len(rfc4716End):]) != "" {
		return s
	}
	inner = inner[:end]
	var (
		key     gossh.PublicKey
		comment string
	)
	if strings.ContainsAny(inner, "\n\r") {
		key, comment = rfc4716Lines(inner)
	} else {
		key, comment = rfc4716Words(inner)
	}
	if key == nil {
		return s
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(key)))
	if comment = strings.Join(strings.Fields(comment), " "); comment != "" {
		line += " " + comment
	}
	return line
}

// rfc4716Lines reads a block as written: header lines ("Tag: value", continued on the next line
// after a trailing backslash), then the base64 lines of the key.
func rfc4716Lines(inner string) (gossh.PublicKey, string) {
	lines := strings.FieldsFunc(inner, func(r rune) bool { return r == '\n' || r == '\r' })
	var (
		comment string
		body    strings.Builder
	)
	for i := 0; i < len(lines); i++ {
		l := strings.TrimSpace(lines[i])
		if l == "" {
			continue
		}
		tag, value, isHeader := strings.Cut(l, ":") // base64 never holds a colon
		if !isHeader {
			body.WriteString(l)
			continue
		}
		for strings.HasSuffix(value, "\\") && i+1 < len(lines) {
			i++
			value = strings.TrimSuffix(value, "\\") + strings.TrimSpace(lines[i])
		}
		if strings.EqualFold(strings.TrimSpace(tag), "Comment") {
			comment = unquoteHeader(value)
		}
	}
	return parseKeyBase64(body.String()), comment
}

// rfc4716Words reads a block whose line breaks became spaces. The key is the longest run of
// base64 words at the end that parses as a key (a header value may itself look like base64);
// the comment is what follows "Comment:" up to the next header tag or the key.
func rfc4716Words(inner string) (gossh.PublicKey, string) {
	words := strings.Fields(inner)
	first := len(words)
	for first > 0 && isBase64(words[first-1]) {
		first--
	}
	var key gossh.PublicKey
	start := first
	for ; start < len(words); start++ {
		if key = parseKeyBase64(strings.Join(words[start:], "")); key != nil {
			break
		}
	}
	if key == nil {
		return nil, ""
	}
	var comment []string
	in := false
	for _, w := range words[:start] {
		switch {
		case isHeaderTag(w):
			in = strings.EqualFold(w, "Comment:")
		case in:
			comment = append(comment, strings.TrimSuffix(w, "\\"))
		}
	}
	return key, unquoteHeader(strings.Join(comment, " "))
}

// isHeaderTag reports whether w is a header tag with its colon ("Comment:", "x-foo:").
func isHeaderTag(w string) bool {
	tag, ok := strings.CutSuffix(w, ":")
	if !ok || tag == "" || len(tag) > maxHeaderTag {
		return false
	}
	for i := 0; i < len(tag); i++ {
		if c := tag[i]; c <= ' ' || c > '~' || c == ':' {
			return false
		}
	}
	return true
}

func isBase64(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/' || c == '=') {
			return false
		}
	}
	return w != ""
}

// parseKeyBase64 decodes the wire form of a public key (padding optional); nil if it is not one.
func parseKeyBase64(s string) gossh.PublicKey {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		if b, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "=")); err != nil {
			return nil
		}
	}
	k, err := gossh.ParsePublicKey(b)
	if err != nil {
		return nil
	}
	return k
}

// unquoteHeader removes the double quotes around a header value and the backslashes PuTTYgen
// puts before quotes and backslashes inside it.
func unquoteHeader(v string) string {
	v = strings.TrimSpace(v)
	if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
		v = v[1 : len(v)-1]
		var b strings.Builder
		for i := 0; i < len(v); i++ {
			if v[i] == '\\' && i+1 < len(v) && (v[i+1] == '"' || v[i+1] == '\\') {
				i++
			}
			b.WriteByte(v[i])
		}
		v = b.String()
	}
	return v
}

// SplitAuthorizedKeys splits text holding several keys (an authorized_keys file, keys pasted on
// standard input) into the entries ParseAuthorizedKey takes: one per line, except that an RFC
// 4716 block from its BEGIN line to its END line is one entry. Blank lines and "#" comments are
// skipped.
func SplitAuthorizedKeys(s string) []string {
	var out []string
	for _, e := range AuthorizedKeyEntries(s) {
		out = append(out, e.Text)
	}
	return out
}

// KeyEntry is one entry of SplitAuthorizedKeys and the line it starts on (from 1).
type KeyEntry struct {
	Line int
	Text string
}

// AuthorizedKeyEntries is SplitAuthorizedKeys with the line each entry starts on, for messages.
func AuthorizedKeyEntries(s string) []KeyEntry {
	var (
		out   []KeyEntry
		block []string
		first int
	)
	for i, l := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		t := strings.TrimSpace(l)
		switch {
		case block != nil:
			block = append(block, t)
			if strings.EqualFold(t, rfc4716End) {
				out = append(out, KeyEntry{first, strings.Join(block, "\n")})
				block = nil
			}
		case strings.EqualFold(t, rfc4716Begin):
			block, first = []string{t}, i+1
		case t != "" && !strings.HasPrefix(t, "#"):
			out = append(out, KeyEntry{i + 1, t})
		}
	}
	if block != nil { // no END line: the lines as they are, so that the error shows
		out = append(out, KeyEntry{first, strings.Join(block, "\n")})
	}
	return out
}

package sshd

import (
	"fmt"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// Modern algorithms only: no SHA-1 key exchange or MAC, no CBC or RC4, no ssh-rsa (SHA-1)
// signatures for host keys or user keys. x/crypto advertises strict key exchange
// (kex-strict-s-v00@openssh.com, the Terrapin counter-measure) by itself.
//
// What ssh-audit fails or warns about is left out too: the NIST-curve key exchanges
// (ecdh-sha2-nistp256/384/521) and the encrypt-and-MAC MACs (hmac-sha2-256/512 without -etm).
// The clients the board supports still find a match: OpenSSH (also Windows'), PuTTY and plink,
// and Dropbear agree on curve25519 and an AEAD cipher or aes-ctr with an -etm MAC.
// TestSSHAudit runs ssh-audit against a test server; the client tests connect with each.
var (
	kexAlgorithms = []string{
		gossh.KeyExchangeMLKEM768X25519,
		gossh.KeyExchangeCurve25519,
		gossh.KeyExchangeDH16SHA512,
		gossh.KeyExchangeDH14SHA256,
	}
	cipherAlgorithms = []string{
		gossh.CipherChaCha20Poly1305,
		gossh.CipherAES128GCM,
		gossh.CipherAES256GCM,
		gossh.CipherAES128CTR,
		gossh.CipherAES192CTR,
		gossh.CipherAES256CTR,
	}
	macAlgorithms = []string{
		gossh.HMACSHA256ETM,
		gossh.HMACSHA512ETM,
	}
	// User keys: everything x/crypto supports but ssh-rsa (RSA keys sign with SHA-2).
	pubKeyAuthAlgorithms = []string{
		gossh.KeyAlgoED25519,
		gossh.KeyAlgoSKED25519,
		gossh.KeyAlgoSKECDSA256,
		gossh.KeyAlgoECDSA256,
		gossh.KeyAlgoECDSA384,
		gossh.KeyAlgoECDSA521,
		gossh.KeyAlgoRSASHA256,
		gossh.KeyAlgoRSASHA512,
	}
)

// sshConfig is the base x/crypto configuration of every connection; charm.land/ssh adds the
// host keys and the authentication callbacks to it.
func (s *Server) sshConfig(ssh.Context) *gossh.ServerConfig {
	return &gossh.ServerConfig{
		Config: gossh.Config{
			KeyExchanges: kexAlgorithms,
			Ciphers:      cipherAlgorithms,
			MACs:         macAlgorithms,
		},
		MaxAuthTries:            s.cfg.MaxAuthTries,
		PublicKeyAuthAlgorithms: pubKeyAuthAlgorithms,
	}
}

// modernSigners restricts RSA host keys to SHA-2 signatures (rsa-sha2-256/512): without this
// x/crypto also offers ssh-rsa.
func modernSigners(in []gossh.Signer) ([]gossh.Signer, error) {
	out := make([]gossh.Signer, 0, len(in))
	for _, k := range in {
		if k.PublicKey().Type() != gossh.KeyAlgoRSA {
			out = append(out, k)
			continue
		}
		as, ok := k.(gossh.AlgorithmSigner)
		if !ok {
			return nil, fmt.Errorf("RSA host key %s cannot sign with SHA-2", gossh.FingerprintSHA256(k.PublicKey()))
		}
		ms, err := gossh.NewSignerWithAlgorithms(as, []string{gossh.KeyAlgoRSASHA512, gossh.KeyAlgoRSASHA256})
		if err != nil {
			return nil, fmt.Errorf("RSA host key %s: %w", gossh.FingerprintSHA256(k.PublicKey()), err)
		}
		out = append(out, ms)
	}
	return out, nil
}

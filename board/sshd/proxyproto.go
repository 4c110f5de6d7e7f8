package sshd

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/pires/go-proxyproto"
)

// errProxyV1 refuses the text form of the PROXY protocol: only v2 is accepted.
var errProxyV1 = errors.New("PROXY protocol v1 header refused: only v2 is accepted")

// ProxyProtocolListener wraps ln so that connections from the trusted load balancers (addresses
// or CIDR prefixes) may start with a PROXY protocol v2 header, whose client address then becomes
// the connection's RemoteAddr (per-IP limits, bans and the audit log see the client behind the
// balancer). A connection from a trusted address without a header (a health check) is taken as
// it is; a PROXY header from any other address, or a v1 header, fails the connection. An empty
// trusted list returns ln unchanged (off).
func ProxyProtocolListener(ln net.Listener, trusted []string) (net.Listener, error) {
	var ranges []string
	for _, t := range trusted {
		for _, r := range strings.Split(t, ",") {
			if r = strings.TrimSpace(r); r != "" {
				ranges = append(ranges, r)
			}
		}
	}
	if len(ranges) == 0 {
		return ln, nil
	}
	policy, err := proxyproto.PolicyFromRanges(ranges, proxyproto.USE, proxyproto.REJECT)
	if err != nil {
		return nil, fmt.Errorf("--proxy-protocol-from %s: want addresses or CIDR prefixes: %w", strings.Join(ranges, ","), err)
	}
	return &proxyproto.Listener{
		Listener:   ln,
		ConnPolicy: policy,
		ValidateHeader: func(h *proxyproto.Header) error {
			if h.Version != 2 {
				return errProxyV1
			}
			return nil
		},
		ReadHeaderTimeout: 5 * time.Second,
	}, nil
}

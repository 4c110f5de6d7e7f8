package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"strings"

	"charm.land/log/v2"
	"github.com/spf13/pflag"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/web"
)

// webOptions are the flags of the web side (board/web).
type webOptions struct {
	HTTP           string
	TrustedProxies []string
	PublicURL      string
	MaxConns       int
	Limits         web.Config // the limits only: body, header, timeouts
}

func addWebFlags(fs *pflag.FlagSet, o *webOptions) {
	fs.StringVar(&o.HTTP, "http", web.DefaultAddr, `serve the board's web pages on this address; "" or off turns them off`)
	fs.StringArrayVar(&o.TrustedProxies, "http-trusted-proxy", nil,
		"address or CIDR of a reverse proxy whose X-Forwarded-For is believed (repeatable; the variable: comma-separated)")
	fs.IntVar(&o.MaxConns, "http-max-conns", web.DefaultMaxConns, "open connections to the web pages; more wait in the listen queue")
	l := &o.Limits
	fs.Int64Var(&l.MaxBody, "http-max-body", web.DefaultMaxBody, "bytes a request body (the comment form) may have")
	fs.IntVar(&l.MaxHeaderBytes, "http-max-header", web.DefaultMaxHeaderBytes, "bytes a request's headers may have")
	fs.DurationVar(&l.ReadHeaderTimeout, "http-header-timeout", web.DefaultReadHeaderTimeout, "time a client has to send a request's headers")
	fs.DurationVar(&l.ReadTimeout, "http-read-timeout", web.DefaultReadTimeout, "time a client has to send a whole request")
	fs.DurationVar(&l.WriteTimeout, "http-write-timeout", web.DefaultWriteTimeout, "time to write a response")
	fs.DurationVar(&l.IdleTimeout, "http-idle-timeout", web.DefaultIdleTimeout, "time a kept-alive connection may wait for its next request")
	fs.StringVar(&o.PublicURL, "public-url", "",
		"the web pages' address as visitors see it, e.g. https://bangtin.example.gov.vn (canonical links, feeds); default: from each request")
}

// startWeb starts the web server when --http is set; stop shuts it down.
func startWeb(o webOptions, b *board.Board, name string, lang i18n.Lang, sshHint string, logger *log.Logger,
	stdout io.Writer) (stop func(context.Context), err error) {
	if a := strings.TrimSpace(o.HTTP); a == "" || a == "off" {
		return func(context.Context) {}, nil
	}
	proxies, err := web.ParseProxies(o.TrustedProxies)
	if err != nil {
		return nil, fmt.Errorf("--http-trusted-proxy: %w", err)
	}
	cfg := o.Limits
	cfg.Board, cfg.Name, cfg.Lang, cfg.PublicURL = b, name, lang, o.PublicURL
	cfg.TrustedProxies, cfg.SSHHint, cfg.Logger, cfg.MaxConns = proxies, sshHint, logger, o.MaxConns
	ws, err := web.New(cfg)
	if err != nil {
		return nil, fmt.Errorf("--public-url: %w", err)
	}
	ln, err := net.Listen("tcp", o.HTTP)
	if err != nil {
		return nil, fmt.Errorf("--http %s: %w", o.HTTP, err)
	}
	host, port := connectHostPort(ln.Addr(), o.HTTP)
	u := o.PublicURL
	if u == "" {
		u = "http://" + net.JoinHostPort(host, port) + "/"
	}
	logger.Info(i18n.T(lang, i18n.ServeWeb, u), "addr", ln.Addr().String())
	fmt.Fprintln(stdout, i18n.T(lang, i18n.ServeWeb, u))
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := ws.Serve(ln); err != nil {
			logger.Error("web", "err", err)
		}
	}()
	return func(ctx context.Context) {
		if err := ws.Shutdown(ctx); err != nil {
			logger.Warn("web shutdown", "err", err)
		}
		<-done
	}, nil
}

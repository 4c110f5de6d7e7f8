package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/log/v2"
	"github.com/spf13/pflag"

	"bangtin/board"
	"bangtin/board/boltstore"
	"bangtin/board/i18n"
	"bangtin/board/sshd"
	"bangtin/board/sshd/auth"
	"bangtin/board/web"
)

func TestWebFlags(t *testing.T) {
	var o serveOptions
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	addServeFlags(fs, &o)
	if o.Web.HTTP != ":8080" {
		t.Errorf("default --http %q", o.Web.HTTP)
	}
	if err := fs.Parse([]string{"--http-trusted-proxy", "10.0.0.1"}); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"BANGTIN_HTTP": "127.0.0.1:9999", "BANGTIN_HTTP_TRUSTED_PROXY": "192.168.0.0/16", "BANGTIN_PUBLIC_URL": "https://x.example"}
	if err := applyEnv(fs, func(k string) (string, bool) { v, ok := env[k]; return v, ok }); err != nil {
		t.Fatal(err)
	}
	if o.Web.HTTP != "127.0.0.1:9999" || o.Web.PublicURL != "https://x.example" || len(o.Web.TrustedProxies) != 1 || o.Web.TrustedProxies[0] != "10.0.0.1" {
		t.Errorf("web options %+v (the flag wins over the variable)", o.Web)
	}
}

// Every built-in limit of the web server has a flag (and a variable) whose default is the web
// package's.
func TestWebLimitFlags(t *testing.T) {
	var o serveOptions
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	addServeFlags(fs, &o)
	l := o.Web.Limits
	if l.MaxBody != web.DefaultMaxBody || l.MaxHeaderBytes != web.DefaultMaxHeaderBytes || l.ReadHeaderTimeout != web.DefaultReadHeaderTimeout ||
		l.ReadTimeout != web.DefaultReadTimeout || l.WriteTimeout != web.DefaultWriteTimeout || l.IdleTimeout != web.DefaultIdleTimeout {
		t.Errorf("defaults %+v", l)
	}
	if err := fs.Parse([]string{"--http-max-body", "100", "--http-read-timeout", "3s", "--http-max-header", "4096"}); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"BANGTIN_HTTP_IDLE_TIMEOUT": "90s", "BANGTIN_HTTP_WRITE_TIMEOUT": "7s", "BANGTIN_HTTP_HEADER_TIMEOUT": "2s"}
	if err := applyEnv(fs, func(k string) (string, bool) { v, ok := env[k]; return v, ok }); err != nil {
		t.Fatal(err)
	}
	l = o.Web.Limits
	if l.MaxBody != 100 || l.ReadTimeout != 3*time.Second || l.MaxHeaderBytes != 4096 || l.IdleTimeout != 90*time.Second ||
		l.WriteTimeout != 7*time.Second || l.ReadHeaderTimeout != 2*time.Second {
		t.Errorf("limits %+v", l)
	}
}

func TestStartWeb(t *testing.T) {
	st, err := boltstore.Open(filepath.Join(t.TempDir(), boltstore.FileName), boltstore.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := board.New(st, board.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	logger := log.New(io.Discard)
	for _, off := range []string{"", "off", " "} {
		stop, err := startWeb(webOptions{HTTP: off}, b, "B", i18n.Vi, "", logger, io.Discard)
		if err != nil {
			t.Fatalf("--http %q: %v", off, err)
		}
		stop(context.Background())
	}
	if _, err := startWeb(webOptions{HTTP: "127.0.0.1:0", TrustedProxies: []string{"nope"}}, b, "B", i18n.Vi, "", logger, io.Discard); err == nil || !strings.Contains(err.Error(), "--http-trusted-proxy") {
		t.Errorf("a bad proxy: %v", err)
	}
	if _, err := startWeb(webOptions{HTTP: "127.0.0.1:0", PublicURL: "x.example"}, b, "B", i18n.Vi, "", logger, io.Discard); err == nil {
		t.Error("a public URL without a scheme is accepted")
	}
	var out bytes.Buffer
	stop, err := startWeb(webOptions{HTTP: "127.0.0.1:0", Limits: web.Config{MaxBody: 100}}, b, "B", i18n.En, "", logger, &out)
	if err != nil {
		t.Fatal(err)
	}
	line := strings.TrimSpace(out.String())
	u, ok := strings.CutPrefix(line, "The board's web pages: ")
	if !ok {
		t.Fatalf("start line %q", line)
	}
	c := &http.Client{Timeout: 5 * time.Second}
	res, err := c.Get(u + "robots.txt")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("GET robots.txt: %v %v", res, err)
	}
	res.Body.Close()
	// --http-max-body reaches the server: a form of 200 bytes is too large.
	res, err = c.Post(u+"t/1/comment", "application/x-www-form-urlencoded", strings.NewReader("body="+strings.Repeat("a", 200)))
	if err != nil || res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Fatalf("a 200-byte form with --http-max-body 100: %v %v", res, err)
	}
	res.Body.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	stop(ctx)
	if _, err := c.Get(u + "robots.txt"); err == nil {
		t.Error("still serving after stop")
	}
}

// The connection and password limits have flags and variables whose defaults are sshd's and
// auth's, and reach their configs.
func TestConnLimitFlags(t *testing.T) {
	var o serveOptions
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	addServeFlags(fs, &o)
	c := o.Conn
	if c.MaxAuthTries != sshd.DefaultMaxAuthTries || c.MaxChannelsPerConn != sshd.DefaultMaxChannelsPerConn || c.MaxEnvPerSession != sshd.DefaultMaxEnvPerSession ||
		c.Auth.MaxFailures != auth.DefaultMaxFailures || c.Auth.FailureWindow != auth.DefaultFailureWindow || c.Auth.MaxConcurrentChecks != auth.DefaultMaxConcurrentChecks {
		t.Errorf("defaults %+v", c)
	}
	if err := fs.Parse([]string{"--max-auth-tries", "3", "--password-window", "1h", "--max-channels-per-conn", "2"}); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"BANGTIN_PASSWORD_FAILURES": "9", "BANGTIN_MAX_ENV_PER_SESSION": "4", "BANGTIN_PASSWORD_CHECKS": "1", "BANGTIN_MAX_AUTH_TRIES": "8"}
	if err := applyEnv(fs, func(k string) (string, bool) { v, ok := env[k]; return v, ok }); err != nil {
		t.Fatal(err)
	}
	c = o.Conn
	if c.MaxAuthTries != 3 || c.Auth.FailureWindow != time.Hour || c.MaxChannelsPerConn != 2 || c.Auth.MaxFailures != 9 ||
		c.MaxEnvPerSession != 4 || c.Auth.MaxConcurrentChecks != 1 {
		t.Errorf("limits %+v (the flag wins over the variable)", c)
	}
}

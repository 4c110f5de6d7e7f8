package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/log/v2"
	"github.com/creack/pty"
	"github.com/spf13/pflag"
	gossh "golang.org/x/crypto/ssh"

	"bangtin/board/boardtest"
	"bangtin/board/boardtest/sshtest"
	"bangtin/board/boltstore"
	"bangtin/board/i18n"
	"bangtin/keys"
)

func TestSplitKeys(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"ssh-ed25519 AAAA a@b", []string{"ssh-ed25519 AAAA a@b"}},
		{"ssh-ed25519 AAAA a,ssh-ed25519 BBBB b", []string{"ssh-ed25519 AAAA a", "ssh-ed25519 BBBB b"}},
		{"ssh-ed25519 AAAA a\n\n ssh-rsa CCCC c \r\n", []string{"ssh-ed25519 AAAA a", "ssh-rsa CCCC c"}},
		{`from="10.0.0.1,10.0.0.2" ssh-ed25519 AAAA a,/etc/bangtin/admins`,
			[]string{`from="10.0.0.1,10.0.0.2" ssh-ed25519 AAAA a`, "/etc/bangtin/admins"}},
	} {
		if got := splitKeys(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("splitKeys(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFlagsFromEnv(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		env     map[string]string
		check   func(serveOptions) bool
		wantErr bool
	}{
		{"defaults", nil, nil, func(o serveOptions) bool {
			return o.Listen == ":2222" && o.Data == "./data" && o.Lang == "vi" && o.TZ == "Asia/Ho_Chi_Minh" &&
				o.IdleTimeout == 15*time.Minute && o.MaxSessions == 1000 && o.MaxSessionsPerIP == 20 &&
				o.LoginGrace == 30*time.Second && o.GuestComments == 3 && o.GuestWindow == 10*time.Minute &&
				o.GuestIPComments == 20 && o.LogFormat == "auto"
		}, false},
		{"env", nil, map[string]string{
			"BANGTIN_LISTEN": "127.0.0.1:2022", "BANGTIN_DATA": "/srv/bt", "BANGTIN_NAME": "UBND xã A",
			"BANGTIN_LANG": "en", "BANGTIN_TZ": "UTC", "BANGTIN_IDLE_TIMEOUT": "5m", "BANGTIN_MAX_SESSIONS": "10",
			"BANGTIN_MAX_SESSIONS_PER_IP": "2", "BANGTIN_LOGIN_GRACE": "10s", "BANGTIN_GUEST_COMMENTS": "1",
			"BANGTIN_GUEST_WINDOW": "1h", "BANGTIN_ADMIN_KEYS": "ssh-ed25519 AAAA a,ssh-ed25519 BBBB b",
			"BANGTIN_LOG_FORMAT": "json", "BANGTIN_GUEST_IP_COMMENTS": "50",
		}, func(o serveOptions) bool {
			return o.Listen == "127.0.0.1:2022" && o.Data == "/srv/bt" && o.Name == "UBND xã A" && o.Lang == "en" &&
				o.TZ == "UTC" && o.IdleTimeout == 5*time.Minute && o.MaxSessions == 10 && o.MaxSessionsPerIP == 2 &&
				o.LoginGrace == 10*time.Second && o.GuestComments == 1 && o.GuestWindow == time.Hour &&
				o.GuestIPComments == 50 && o.LogFormat == "json" && slices.Equal(o.AdminKeys, []string{"ssh-ed25519 AAAA a", "ssh-ed25519 BBBB b"})
		}, false},
		{"flags win", []string{"--listen", ":22", "--admin-key", "k1", "--idle-timeout", "1m"},
			map[string]string{"BANGTIN_LISTEN": ":2022", "BANGTIN_ADMIN_KEYS": "k2", "BANGTIN_IDLE_TIMEOUT": "5m"},
			func(o serveOptions) bool {
				return o.Listen == ":22" && slices.Equal(o.AdminKeys, []string{"k1"}) && o.IdleTimeout == time.Minute
			}, false},
		{"bad env", nil, map[string]string{"BANGTIN_IDLE_TIMEOUT": "soon"}, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var o serveOptions
			fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
			addServeFlags(fs, &o)
			if err := fs.Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			err := applyEnv(fs, func(k string) (string, bool) { v, ok := tc.env[k]; return v, ok })
			if tc.wantErr {
				if err == nil {
					t.Fatal("no error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tc.check(o) {
				t.Errorf("options %+v", o)
			}
		})
	}
}

func runArgs(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

// lockedBuffer collects log lines written from many goroutines.
type lockedBuffer = boardtest.LogBuffer

func TestServeCheckRestore(t *testing.T) {
	t.Setenv("BANGTIN_DATA", "")
	t.Setenv("BANGTIN_LANG", "")
	data := filepath.Join(t.TempDir(), "data")
	o := serveOptions{Listen: "127.0.0.1:0", Data: data, Lang: "en", TZ: "Asia/Ho_Chi_Minh", IdleTimeout: time.Minute,
		MaxSessions: 10, MaxSessionsPerIP: 5, LoginGrace: 5 * time.Second, GuestComments: 3, GuestWindow: time.Minute}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr lockedBuffer
	addrc := make(chan net.Addr, 1)
	served := make(chan error, 1)
	go func() { served <- serve(ctx, o, &stdout, &stderr, func(a net.Addr) { addrc <- a }) }()
	var addr net.Addr
	select {
	case addr = <-addrc:
	case err := <-served:
		t.Fatalf("serve: %v\n%s", err, stderr.String())
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not start")
	}

	if st, err := os.Stat(data); err != nil || st.Mode().Perm() != 0o700 {
		t.Errorf("data directory: %v, mode %v; want 0700", err, st.Mode().Perm())
	}
	// One start line, with the address and both host key fingerprints.
	hostKeys, err := keys.LoadHostKeys(data)
	if err != nil {
		t.Fatal(err)
	}
	logs := stderr.String()
	if n := strings.Count(logs, "hostkeys="); n != 1 {
		t.Errorf("%d start lines, want 1:\n%s", n, logs)
	}
	for _, k := range hostKeys {
		if fp := keys.Fingerprint(k.PublicKey()); !strings.Contains(logs, fp) {
			t.Errorf("start line lacks %s:\n%s", fp, logs)
		}
	}
	if !strings.Contains(logs, addr.String()) {
		t.Errorf("start line lacks the address %s:\n%s", addr, logs)
	}
	// No admin yet: the claim code and how to use it.
	out := stdout.String()
	if !strings.Contains(out, "admin claim ") || !strings.Contains(out, "ssh -p ") {
		t.Errorf("no claim instructions:\n%s", out)
	}

	// The board answers over SSH, with the host keys of its data directory.
	var pubs []gossh.PublicKey
	for _, k := range hostKeys {
		pubs = append(pubs, k.PublicKey())
	}
	if r := sshtest.Attach(t, addr.String(), pubs...).Run(t, sshtest.As{}, "", "version"); r.Code != 0 || !strings.Contains(r.Out, Version()) {
		t.Errorf("version over ssh: %+v", r)
	}

	// While the board runs, check and restore refuse to touch its database.
	inUse := i18n.T(i18n.Vi, i18n.ServeBoardInUse, filepath.Join(data, boltstore.FileName))
	if code, _, errs := runArgs(t, "check", "--data", data); code != 1 || !strings.Contains(errs, inUse) {
		t.Errorf("check while running: %d %q", code, errs)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if code, _, errs := runArgs(t, "restore", "--data", data, "/nonexistent"); code != 1 || errs == "" {
		t.Errorf("restore from a missing file: %d %q", code, errs)
	}

	cancel()
	select {
	case err := <-served:
		if err != nil {
			t.Fatalf("serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}

	// Stopped: check passes; a copy of the file restores; a damaged file is refused.
	if code, out, errs := runArgs(t, "check", "--data", data, "--lang", "en"); code != 0 || !strings.Contains(out, "OK") {
		t.Errorf("check: %d %q %q", code, out, errs)
	}
	raw, err := os.ReadFile(filepath.Join(data, boltstore.FileName))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(backup, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := runArgs(t, "restore", "--data", data, backup); code != 0 {
		t.Errorf("restore: %d %q", code, errs)
	}
	bad := filepath.Join(t.TempDir(), "bad.db")
	if err := os.WriteFile(bad, bytes.Repeat([]byte("x"), 8192), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := runArgs(t, "restore", "--data", data, bad); code != 1 {
		t.Errorf("restore from garbage: exit %d, want 1", code)
	}
	if code, _, _ := runArgs(t, "check", "--data", filepath.Dir(bad)); code != 1 {
		t.Error("check of a missing database passed")
	}
	if code, _, _ := runArgs(t, "check", "--data", data); code != 0 {
		t.Error("the live database was damaged by the refused restore")
	}
}

func TestServeRefusesBadOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		mut  func(*serveOptions)
		want string
	}{
		{"lang", func(o *serveOptions) { o.Lang = "fr" }, "--lang"},
		{"tz", func(o *serveOptions) { o.TZ = "Mars/Olympus" }, "--tz"},
		{"admin key", func(o *serveOptions) { o.AdminKeys = []string{"ssh-ed25519 not-base64"} }, "--admin-key"},
		{"log format", func(o *serveOptions) { o.LogFormat = "xml" }, "--log-format"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := serveOptions{Listen: "127.0.0.1:0", Data: t.TempDir(), Lang: "vi", TZ: "UTC"}
			tc.mut(&o)
			err := serve(context.Background(), o, &bytes.Buffer{}, &bytes.Buffer{}, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("serve: %v, want an error about %s", err, tc.want)
			}
		})
	}
}

func TestLogFormatter(t *testing.T) {
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("open a pty: %v", err)
	}
	defer ptmx.Close()
	defer tty.Close()
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	for _, tc := range []struct {
		name string
		w    io.Writer
		want log.Formatter
	}{
		{"text", &bytes.Buffer{}, log.TextFormatter},
		{" LOGFMT", tty, log.LogfmtFormatter},
		{"json", &bytes.Buffer{}, log.JSONFormatter},
		{"auto", &bytes.Buffer{}, log.LogfmtFormatter},
		{"auto", null, log.LogfmtFormatter}, // a character device, not a terminal
		{"auto", tty, log.TextFormatter},
		{"", tty, log.TextFormatter},
	} {
		got, err := logFormatter(tc.name, tc.w)
		if err != nil || got != tc.want {
			t.Errorf("logFormatter(%q, %T) = %v, %v; want %v", tc.name, tc.w, got, err, tc.want)
		}
	}
	if _, err := logFormatter("xml", tty); err == nil || !strings.Contains(err.Error(), "--log-format") {
		t.Errorf("logFormatter(xml): %v, want an error naming the flag", err)
	}
}

func TestVersion(t *testing.T) {
	code, out, _ := runArgs(t, "version")
	if code != 0 || !strings.HasPrefix(out, "bangtin ") || strings.TrimSpace(strings.TrimPrefix(out, "bangtin ")) == "" {
		t.Fatalf("version: %d %q", code, out)
	}
}

// Every serve flag reads its variable, is documented in the README's table with it, and nothing
// else (cobra's --help) reads one.
func TestEveryServeFlagHasItsVariable(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var o serveOptions
	fs := pflag.NewFlagSet("serve", pflag.ContinueOnError)
	addServeFlags(fs, &o)
	fs.Bool("help", false, "")
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Name == "help" {
			return
		}
		row := "| `--" + f.Name + "` | `" + envOf(f.Name) + "` |"
		if !strings.Contains(string(readme), row) {
			t.Errorf("README has no row %q", row)
		}
	})
	if err := applyEnv(fs, func(k string) (string, bool) { return "true", k == "BANGTIN_HELP" }); err != nil {
		t.Fatal(err)
	}
	if fs.Lookup("help").Value.String() != "false" {
		t.Error("$BANGTIN_HELP set --help")
	}
}

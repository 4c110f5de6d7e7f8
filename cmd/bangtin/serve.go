package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
	"time"

	"charm.land/log/v2"
	"github.com/charmbracelet/x/term"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/sshd"
	sshauth "bangtin/board/sshd/auth"
	"bangtin/keys"
)

// shutdownGrace is how long a stopping server waits for its sessions.
const shutdownGrace = sshd.DefaultShutdownGrace

// serve runs the board until ctx is done (SIGINT, SIGTERM), then shuts down gracefully and
// closes the board. ready, if set, is called with the listening address (tests).
func serve(ctx context.Context, o serveOptions, stdout, stderr io.Writer, ready func(net.Addr)) (err error) {
	lang := i18n.Lang(strings.ToLower(strings.TrimSpace(o.Lang)))
	if lang != i18n.Vi && lang != i18n.En {
		return fmt.Errorf("--lang %q: want vi or en", o.Lang)
	}
	loc, err := time.LoadLocation(o.TZ)
	if err != nil {
		return fmt.Errorf("--tz %q: %w", o.TZ, err)
	}
	name := strings.TrimSpace(o.Name)
	if name == "" {
		name = i18n.T(lang, i18n.BoardDefaultName)
	}
	gcPercent, memLimit, err := o.Memory.apply(os.Getenv) // memory.go
	if err != nil {
		return err
	}
	nofile, _, nofileErr := raiseNofile() // before any listener: sessions need a descriptor each
	format, err := logFormatter(o.LogFormat, stderr)
	if err != nil {
		return err
	}
	logger := log.NewWithOptions(stderr, log.Options{ReportTimestamp: true, Formatter: format})
	if o.DebugAddr != "" {
		dctx, dstop := context.WithCancel(ctx)
		defer dstop()
		da, err := serveDebug(dctx, o.DebugAddr)
		if err != nil {
			return err
		}
		logger.Info("debug: net/http/pprof", "addr", "http://"+da.String()+"/debug/pprof/")
	}

	if err := os.MkdirAll(o.Data, 0o700); err != nil {
		return fmt.Errorf("create data directory %s: %w", o.Data, err)
	}
	hostKeys, err := keys.LoadHostKeys(o.Data)
	if err != nil {
		return err
	}
	adminKeys, err := keys.LoadAdminKeys(o.AdminKeys)
	if err != nil {
		return fmt.Errorf("--admin-key: %w", err)
	}

	st, dbPath, err := openStore(ctx, o, lang)
	if err != nil {
		return err
	}
	b, err := board.New(st, board.Options{
		Location:            loc,
		GuestCommentLimit:   o.GuestComments,
		GuestCommentWindow:  o.GuestWindow,
		GuestIPCommentLimit: o.GuestIPComments,
		Passwords:           keys.Argon2id{},
		MaxFileSize:         o.Files.MaxFileSize,
		MaxFilesTotal:       o.Files.MaxFilesTotal,
		MaxThreadFiles:      o.Files.MaxThreadFiles,
		FileTypes:           o.Files.Types,
	})
	if err != nil {
		_ = st.Close()
		return fmt.Errorf("open board %s: %w", dbPath, err)
	}
	defer func() {
		if cerr := b.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("close board %s: %w", dbPath, cerr)
		}
	}()
	if err := b.EnsureWelcome(ctx, name); err != nil {
		return fmt.Errorf("welcome thread: %w", err)
	}

	authOpts := o.Conn.Auth
	authOpts.Logger = logger.WithPrefix("auth")
	auth := sshauth.New(b, authOpts)
	if err := auth.EnsureAdmins(ctx, adminKeys); err != nil {
		return fmt.Errorf("admin keys: %w", err)
	}

	srv, err := sshd.New(sshd.Config{
		Addr:               o.Listen,
		Board:              b,
		Auth:               auth,
		HostSigners:        hostKeys,
		BoardName:          name,
		Lang:               lang,
		Version:            Version(),
		IdleTimeout:        o.IdleTimeout,
		MaxSessions:        o.MaxSessions,
		MaxSessionsPerIP:   o.MaxSessionsPerIP,
		LoginGrace:         o.LoginGrace,
		MaxAuthTries:       o.Conn.MaxAuthTries,
		MaxChannelsPerConn: o.Conn.MaxChannelsPerConn,
		MaxEnvPerSession:   o.Conn.MaxEnvPerSession,
		MaxTermWidth:       o.Conn.MaxTermWidth,
		MaxTermHeight:      o.Conn.MaxTermHeight,
		Logger:             logger.WithPrefix("sshd"),
		ArtCache:           o.Files.ArtCache,
		PublicHost:         publicHost(o.Web.PublicURL),
		SharedFrames:       o.SharedFrames,
	})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.Listen)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", o.Listen, err)
	}
	if pl, err := sshd.ProxyProtocolListener(ln, o.ProxyProtocolFrom); err != nil {
		_ = ln.Close()
		return err
	} else {
		ln = pl
	}

	fps := make([]string, len(hostKeys))
	for i, k := range hostKeys {
		fps[i] = k.PublicKey().Type() + " " + keys.Fingerprint(k.PublicKey())
	}
	start := []any{"addr", ln.Addr().String(), "version", Version(), "data", o.Data, "hostkeys", strings.Join(fps, ", "),
		"gc_percent", gcPercent, "memory_limit", memLimit}
	if nofileErr == nil {
		start = append(start, nofileShort(nofile, o.MaxSessions)...)
	}
	logger.Info(i18n.T(lang, i18n.ServeListening), start...)

	host, port := connectHostPort(ln.Addr(), o.Listen)
	fmt.Fprintln(stdout, i18n.T(lang, i18n.ServeConnect, port, host))
	code, open, err := auth.NewClaimCode(ctx)
	if err != nil {
		_ = ln.Close()
		return err
	}
	if open {
		fmt.Fprintln(stdout, i18n.T(lang, i18n.ServeClaimCode, code))
		fmt.Fprintln(stdout, i18n.T(lang, i18n.ServeClaimHow, port, host, code))
	}

	stopWeb, err := startWeb(o.Web, b, name, lang, "ssh -p "+port+" "+host, logger.WithPrefix("web"), stdout)
	if err != nil {
		_ = ln.Close()
		return err
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	if ready != nil {
		ready(ln.Addr())
	}
	select {
	case err := <-served: // the listener failed
		wctx, wcancel := context.WithTimeout(context.Background(), shutdownGrace)
		stopWeb(wctx)
		wcancel()
		return err
	case <-ctx.Done():
	}
	logger.Info(i18n.T(lang, i18n.ServeStopping, i18n.Wait(lang, shutdownGrace)))
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	stopWeb(sctx)
	if err := srv.Shutdown(sctx); err != nil {
		logger.Warn("shutdown", "err", err)
	}
	<-served
	logger.Info(i18n.T(lang, i18n.ServeStopped))
	return nil
}

// publicHost is the host name of --public-url ("" when none or unparsable: startWeb reports
// the error): the TUI's download commands name it rather than the address a client reached.
func publicHost(public string) string {
	u, err := url.Parse(strings.TrimSpace(public))
	if err != nil {
		return ""
	}
	return u.Hostname()
}

// connectHostPort is what to type after `ssh -p`: the listen host, or this machine's name when
// listening on every address.
func connectHostPort(addr net.Addr, listen string) (host, port string) {
	h, p, err := net.SplitHostPort(addr.String())
	if err != nil {
		return listen, "22"
	}
	if lh, _, err := net.SplitHostPort(listen); err == nil && lh != "" {
		h = lh
	}
	if ip := net.ParseIP(h); h == "" || (ip != nil && ip.IsUnspecified()) {
		if hn, err := os.Hostname(); err == nil && hn != "" {
			h = hn
		} else {
			h = "localhost"
		}
	}
	return h, p
}

// logFormatter is the formatter --log-format names. "auto" is text on a terminal and logfmt
// anywhere else (a pipe, journald, a file): the text formatter styles every field through
// lipgloss, about 50 µs a line against 4 µs for logfmt, and the server logs a line per session.
func logFormatter(name string, w io.Writer) (log.Formatter, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "text":
		return log.TextFormatter, nil
	case "logfmt":
		return log.LogfmtFormatter, nil
	case "json":
		return log.JSONFormatter, nil
	case "auto", "":
		if f, ok := w.(*os.File); ok && term.IsTerminal(f.Fd()) {
			return log.TextFormatter, nil
		}
		return log.LogfmtFormatter, nil
	}
	return 0, fmt.Errorf("--log-format %q: want auto, text, logfmt or json", name)
}

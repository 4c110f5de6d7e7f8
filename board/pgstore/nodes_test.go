package pgstore_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"charm.land/log/v2"
	"charm.land/ssh"
	"github.com/charmbracelet/x/vt"
	gossh "golang.org/x/crypto/ssh"

	"bangtin/board"
	"bangtin/board/boardtest/pgtest"
	"bangtin/board/boardtest/sshtest"
	"bangtin/board/i18n"
	"bangtin/board/pgstore"
	"bangtin/board/sshd"
)

// node is one bangtin node in process: a Board over its own pgstore handle and an SSH server.
type node struct {
	st    *pgstore.Store
	board *board.Board
	addr  string
	host  gossh.Signer
}

func openNode(t *testing.T, url string, opts pgstore.Options) *node {
	t.Helper()
	st, err := pgstore.Open(ctx, url, opts)
	if err != nil {
		t.Fatal(err)
	}
	b, err := board.New(st, board.Options{})
	if err != nil {
		st.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := st.WaitListening(wctx); err != nil {
		t.Fatal(err)
	}
	return &node{st: st, board: b}
}

func (n *node) serve(t *testing.T) {
	t.Helper()
	n.host = sshtest.Signer(t)
	srv, err := sshd.New(sshd.Config{
		Board:        n.board,
		Auth:         keyAuth{n.board},
		HostSigners:  []gossh.Signer{n.host},
		BoardName:    "Bảng tin",
		Logger:       log.New(io.Discard),
		LiveInterval: 50 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	n.addr = ln.Addr().String()
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(sctx)
		<-served
	})
}

// keyAuth is the smallest Authenticator: a key registered to an account is that account (looked
// up through the Board, whose cache the change feed drops), anyone else a guest.
type keyAuth struct{ b *board.Board }

func (keyAuth) PublicKeyHandler(ssh.Context, ssh.PublicKey) bool { return true }
func (keyAuth) PasswordHandler(ssh.Context, string) bool         { return false }
func (keyAuth) KeyboardInteractiveHandler(ssh.Context, gossh.KeyboardInteractiveChallenge) bool {
	return true
}
func (keyAuth) Claim(context.Context, string, ssh.Session) (board.Account, error) {
	return board.Account{}, board.ErrForbidden
}

func (a keyAuth) Identify(s ssh.Session) (board.Identity, error) {
	var id board.Identity
	if pk := s.PublicKey(); pk != nil {
		id.Fingerprint = gossh.FingerprintSHA256(pk)
		if acct, err := a.b.AccountByKey(s.Context(), id.Fingerprint); err == nil {
			id.Login, id.Name, id.Role = acct.Login, acct.Name, acct.Role
		} else if !errors.Is(err, board.ErrNotFound) {
			return id, err
		}
	}
	return id, nil
}

// screen is an interactive session whose output feeds a virtual terminal.
type screen struct {
	mu  sync.Mutex
	emu *vt.Emulator
}

func (s *screen) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.emu.String()
}

// waitFor waits up to d for the screen to hold want and returns how long it took.
func (s *screen) waitFor(t *testing.T, want string, d time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < d {
		if strings.Contains(s.String(), want) {
			return time.Since(start)
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("after %s the screen does not show %q:\n%s", d, want, s.String())
	return 0
}

func (n *node) shell(t *testing.T, user string, key gossh.Signer) *screen {
	t.Helper()
	c, err := gossh.Dial("tcp", n.addr, &gossh.ClientConfig{
		User: user, Auth: []gossh.AuthMethod{gossh.PublicKeys(key)},
		HostKeyCallback: gossh.FixedHostKey(n.host.PublicKey()), Timeout: 5 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	sess.Setenv("LANG", "vi_VN.UTF-8")
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{gossh.ECHO: 0}); err != nil {
		t.Fatal(err)
	}
	stdin, _ := sess.StdinPipe()
	stdout, _ := sess.StdoutPipe()
	s := &screen{emu: vt.NewEmulator(80, 24)}
	go io.Copy(stdin, s.emu)
	go func() {
		buf := make([]byte, 32<<10)
		for {
			k, err := stdout.Read(buf)
			if k > 0 {
				s.mu.Lock()
				s.emu.Write(buf[:k])
				s.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	if err := sess.Shell(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sess.Close()
		c.Close()
		if pw, ok := s.emu.InputPipe().(*io.PipeWriter); ok {
			pw.Close()
		}
	})
	return s
}

// TestTwoNodesLive: two nodes on one database; a guest's comment on node A raises the pending
// badge of a moderator's live session on node B within 2 s, and an account added on A can log
// in on B at once (B's cache of accounts by key was dropped by the change feed).
func TestTwoNodesLive(t *testing.T) {
	url := pgtest.DB(t)
	a, b := openNode(t, url, pgstore.Options{}), openNode(t, url, pgstore.Options{})
	b.serve(t)
	admin := sshtest.Signer(t)
	fp := gossh.FingerprintSHA256(admin.PublicKey())
	acct := board.Account{Login: "lan", Name: "Lan", Role: board.RoleAdmin,
		Keys: []board.AccountKey{{Fingerprint: fp, Type: admin.PublicKey().Type(), Line: string(gossh.MarshalAuthorizedKey(admin.PublicKey()))}}}
	// B looks the key up first (caching "no such account"), then A adds the account.
	if _, err := b.board.AccountByKey(ctx, fp); !errors.Is(err, board.ErrNotFound) {
		t.Fatalf("before: %v", err)
	}
	if _, err := a.board.AddAccount(ctx, board.System, acct); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for {
		if _, err := b.board.AccountByKey(ctx, fp); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("node B still does not know the account added on node A after 2 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	th, err := a.board.CreateThread(ctx, board.System, board.ThreadInput{Title: "Tin của nút A", Body: "x"})
	if err != nil {
		t.Fatal(err)
	}
	scr := b.shell(t, "lan", admin)
	scr.waitFor(t, i18n.T(i18n.Vi, i18n.TUIPending, 0), 10*time.Second)
	scr.waitFor(t, "Tin của nút A", 2*time.Second)
	guest := board.Identity{Fingerprint: "SHA256:khach"}
	if _, err := a.board.PostComment(ctx, guest, board.CommentInput{ThreadID: th.ID, Name: "Khách", Body: "Xin hỏi"}); err != nil {
		t.Fatal(err)
	}
	took := scr.waitFor(t, i18n.T(i18n.Vi, i18n.TUIPending, 1), 2*time.Second)
	t.Logf("the pending badge on node B rose %s after the comment on node A", took.Round(time.Millisecond))
	// A thread posted on A appears in B's list.
	if _, err := a.board.CreateThread(ctx, board.System, board.ThreadInput{Title: "Tin thứ hai", Body: "y"}); err != nil {
		t.Fatal(err)
	}
	scr.waitFor(t, "Tin thứ hai", 2*time.Second)
}

// TestSettingsAndBansReachOtherNodes: a ban and a settings change made on node A hold on node B.
func TestSettingsAndBansReachOtherNodes(t *testing.T) {
	url := pgtest.DB(t)
	a, b := openNode(t, url, pgstore.Options{}), openNode(t, url, pgstore.Options{})
	if _, err := a.board.AddBan(ctx, board.System, board.BanInput{Fingerprint: "SHA256:xau", Reason: "spam"}); err != nil {
		t.Fatal(err)
	}
	if err := a.board.SetModeration(ctx, board.System, board.ModerateEveryone); err != nil {
		t.Fatal(err)
	}
	eventually(t, 2*time.Second, "node B applies the ban and the setting", func() bool {
		s, _ := b.board.Settings(ctx)
		return s.Moderation == board.ModerateEveryone &&
			errors.Is(b.board.MayPost(ctx, board.Identity{Fingerprint: "SHA256:xau"}), board.ErrBanned)
	})
}

func eventually(t *testing.T, d time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("after %s: not yet: %s", d, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestPresenceAcrossNodes: "online" is the sum over live nodes; a node that stops heartbeating
// drops out after PresenceTimeout.
func TestPresenceAcrossNodes(t *testing.T) {
	url := pgtest.DB(t)
	opts := pgstore.Options{HeartbeatInterval: 100 * time.Millisecond, PresenceTimeout: time.Second}
	a, b := openNode(t, url, opts), openNode(t, url, opts)
	a.board.AddPresence("ssh", func() int { return 3 })
	b.board.AddPresence("ssh", func() int { return 2 })
	eventually(t, 3*time.Second, "both nodes count 5 online", func() bool {
		return a.board.Online() == 5 && b.board.Online() == 5
	})
	// Node B stops heartbeating without removing its row (as if killed).
	if _, err := b.st.Pool().Exec(ctx, "UPDATE nodes SET heartbeat = now() - interval '1 hour' WHERE id = $1", b.st.NodeID()); err != nil {
		t.Fatal(err)
	}
	b.board.Close()
	if _, err := a.st.Pool().Exec(ctx, "INSERT INTO nodes (id, sessions, heartbeat) VALUES ('dead', 7, now() - interval '20 seconds')"); err != nil {
		t.Fatal(err)
	}
	eventually(t, 3*time.Second, "node A counts only itself", func() bool { return a.board.Online() == 3 })
}

// TestGuestLimitAcrossNodes: the guest comment limit (3 per window per key) holds across nodes.
func TestGuestLimitAcrossNodes(t *testing.T) {
	url := pgtest.DB(t)
	a, b := openNode(t, url, pgstore.Options{}), openNode(t, url, pgstore.Options{})
	th, err := a.board.CreateThread(ctx, board.System, board.ThreadInput{Title: "Giới hạn"})
	if err != nil {
		t.Fatal(err)
	}
	guest := board.Identity{Fingerprint: "SHA256:mot-khach"}
	var rl *board.RateLimitError
	for i, n := range []*node{a, b, a, b} {
		_, err := n.board.PostComment(ctx, guest, board.CommentInput{ThreadID: th.ID, Name: "Khách", Body: fmt.Sprint(i)})
		if i < 3 && err != nil {
			t.Fatalf("comment %d: %v", i, err)
		}
		if i == 3 && !errors.As(err, &rl) {
			t.Fatalf("the 4th comment, on another node: %v, want a rate limit", err)
		}
	}
	if rl.RetryAfter <= 0 || rl.RetryAfter > 10*time.Minute {
		t.Fatalf("retry after %s", rl.RetryAfter)
	}
}

// TestUniqueVisitorsAcrossNodes: a visitor seen by two nodes the same day counts once.
func TestUniqueVisitorsAcrossNodes(t *testing.T) {
	url := pgtest.DB(t)
	a, b := openNode(t, url, pgstore.Options{}), openNode(t, url, pgstore.Options{})
	now := time.Now()
	v := board.Identity{Fingerprint: "SHA256:ghe-tham"}
	a.board.RecordVisit(v, now)
	b.board.RecordVisit(v, now)
	b.board.RecordVisit(board.Identity{Fingerprint: "SHA256:nguoi-khac"}, now)
	a.board.Flush(ctx)
	b.board.Flush(ctx)
	h, err := a.board.VisitHistory(ctx, 1)
	if err != nil || len(h) != 1 || h[0].Visits != 3 || h[0].Unique != 2 {
		t.Fatalf("today: %+v, %v; want 3 visits by 2 visitors", h, err)
	}
}

// TestTwoNodesMigrateAtOnce: two nodes starting on an empty database at once migrate it once.
func TestTwoNodesMigrateAtOnce(t *testing.T) {
	url := pgtest.DB(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := pgstore.Open(ctx, url, pgstore.Options{})
			if err == nil {
				st.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	st, err := pgstore.Open(ctx, url, pgstore.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n, cats int
	st.Pool().QueryRow(ctx, "SELECT count(*) FROM bangtin_schema").Scan(&n)
	st.Pool().QueryRow(ctx, "SELECT count(*) FROM categories").Scan(&cats)
	if n != pgstore.SchemaVersion || cats != 1 {
		t.Fatalf("%d migrations recorded, %d categories", n, cats)
	}
}

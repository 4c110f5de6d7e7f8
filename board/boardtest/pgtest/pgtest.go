// Package pgtest starts a throwaway PostgreSQL cluster for tests: initdb and pg_ctl from the
// installed PostgreSQL (/usr/lib/postgresql/*/bin, or on PATH) into a temporary directory, on a
// free 127.0.0.1 port, as the postgres system user when the tests run as root (initdb refuses
// root). One cluster serves a whole test binary: it starts at the first DB call and Main stops
// it when the tests end (a watchdog process stops it if the binary dies without cleaning up). Each DB call creates a fresh database. The cluster runs with fsync off
// (it is thrown away; the tests kill bangtin nodes, not PostgreSQL) and password authentication
// over TCP, so that a wrong password is refused.
//
// Without PostgreSQL a test calling DB skips with a message when run by hand and fails under
// CI=true.
package pgtest

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// Password is the password of the cluster's superuser "postgres".
const Password = "pgtest-secret"

// Cluster is a running throwaway cluster.
type Cluster struct {
	Port int
	dir  string // data directory, socket and log
	bin  string
	asPG bool // run the binaries as the postgres user
	n    atomic.Int64
}

var (
	mu      sync.Mutex
	cluster *Cluster
	failed  error
)

// findBin is the directory holding initdb and pg_ctl, or "".
func findBin() string {
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Strings(matches)
	if len(matches) > 0 {
		return filepath.Dir(matches[len(matches)-1])
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p)
	}
	return ""
}

// Get returns the binary's cluster, starting it if needed; without PostgreSQL it skips the test
// (fails it under CI=true).
func Get(t testing.TB) *Cluster {
	t.Helper()
	mu.Lock()
	defer mu.Unlock()
	if cluster != nil {
		return cluster
	}
	if failed != nil {
		t.Fatalf("pgtest: %v", failed)
	}
	bin := findBin()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("pgtest: PostgreSQL (initdb, pg_ctl) is not installed; CI needs it (apt-get install postgresql)")
		}
		t.Skip("pgtest: PostgreSQL (initdb, pg_ctl) is not installed: skipping (install postgresql to run this test)")
	}
	c, err := start(bin)
	if err != nil {
		failed = err
		t.Fatalf("pgtest: %v", err)
	}
	cluster = c
	return c
}

// DB creates a fresh database in the binary's cluster and returns its URL.
func DB(t testing.TB) string {
	t.Helper()
	c := Get(t)
	name := fmt.Sprintf("t%d_%d", os.Getpid(), c.n.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("pgtest: create database: %v", err)
	}
	return c.URL(name)
}

// URL is the URL of a database of the cluster.
func (c *Cluster) URL(db string) string {
	return fmt.Sprintf("postgres://postgres:%s@127.0.0.1:%d/%s?sslmode=disable", Password, c.Port, db)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func (c *Cluster) cmd(name string, args ...string) *exec.Cmd {
	path := filepath.Join(c.bin, name)
	if c.asPG {
		return exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	}
	return exec.Command(path, args...)
}

// Start starts a throwaway cluster outside a test (the load tool); Destroy stops and removes it.
func Start() (*Cluster, error) {
	bin := findBin()
	if bin == "" {
		return nil, fmt.Errorf("PostgreSQL (initdb, pg_ctl) is not installed")
	}
	return start(bin)
}

// Destroy stops the cluster at once and removes its directory.
func (c *Cluster) Destroy() {
	c.cmd("pg_ctl", "stop", "-w", "-t", "30", "-m", "immediate", "-D", filepath.Join(c.dir, "data")).Run()
	os.RemoveAll(c.dir)
}

// PID is the process id of the cluster's postmaster (from postmaster.pid).
func (c *Cluster) PID() (int, error) {
	b, err := os.ReadFile(filepath.Join(c.dir, "data", "postmaster.pid"))
	if err != nil {
		return 0, err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	return strconv.Atoi(strings.TrimSpace(line))
}

// CreateDB creates a database and returns its URL.
func (c *Cluster) CreateDB(ctx context.Context, name string) (string, error) {
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", err
	}
	return c.URL(name), nil
}

func start(bin string) (*Cluster, error) {
	c := &Cluster{bin: bin, asPG: os.Geteuid() == 0}
	dir, err := os.MkdirTemp("", "bangtin-pgtest-")
	if err != nil {
		return nil, err
	}
	c.dir = dir
	if c.asPG {
		u, err := user.Lookup("postgres")
		if err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("running as root needs the postgres system user: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		if err := os.Chown(dir, uid, gid); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
		defer func() {
			if err != nil {
				os.RemoveAll(dir)
			}
		}()
	}
	pw := filepath.Join(dir, "pw")
	if err = os.WriteFile(pw, []byte(Password+"\n"), 0o644); err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data")
	if out, err := c.cmd("initdb", "-D", data, "-U", "postgres", "--pwfile", pw, "-E", "UTF8", "--locale=C",
		"--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync").CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v: %s", err, out)
	}
	for range 3 {
		if c.Port, err = freePort(); err != nil {
			return nil, err
		}
		if err = c.Start(); err == nil {
			c.watch()
			return c, nil
		}
	}
	os.RemoveAll(dir)
	return nil, err
}

// watch starts a watchdog process that stops the cluster and removes its directory once this
// process is gone, however it ended (a test binary killed, or panicking on -timeout, runs no
// cleanup; pg_ctl's server would run on).
func (c *Cluster) watch() {
	script := fmt.Sprintf(`while [ -d /proc/%d ]; do sleep 1; done; %q stop -m immediate -D %q >/dev/null 2>&1; rm -rf %q`,
		os.Getpid(), filepath.Join(c.bin, "pg_ctl"), filepath.Join(c.dir, "data"), c.dir)
	var cmd *exec.Cmd
	if c.asPG {
		cmd = exec.Command("runuser", "-u", "postgres", "--", "sh", "-c", script)
	} else {
		cmd = exec.Command("sh", "-c", script)
	}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if cmd.Start() == nil {
		go cmd.Wait()
	}
}

// Start starts the cluster (again) on its port.
func (c *Cluster) Start() error {
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300", c.Port, c.dir)
	out, err := c.cmd("pg_ctl", "start", "-w", "-t", "30", "-D", filepath.Join(c.dir, "data"), "-l", filepath.Join(c.dir, "log"), "-o", opts).CombinedOutput()
	if err != nil {
		log, _ := os.ReadFile(filepath.Join(c.dir, "log"))
		return fmt.Errorf("pg_ctl start: %v: %s\n%s", err, out, log)
	}
	return nil
}

// Stop stops the cluster (fast: open connections are cut).
func (c *Cluster) Stop() error {
	out, err := c.cmd("pg_ctl", "stop", "-w", "-t", "30", "-m", "fast", "-D", filepath.Join(c.dir, "data")).CombinedOutput()
	if err != nil {
		return fmt.Errorf("pg_ctl stop: %v: %s", err, out)
	}
	return nil
}

// Main runs the tests and stops the cluster if one was started: call it from TestMain.
func Main(m *testing.M) {
	code := m.Run()
	mu.Lock()
	if cluster != nil {
		cluster.Destroy()
	}
	mu.Unlock()
	os.Exit(code)
}

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"bangtin/board"
	"bangtin/board/boltstore"
	"bangtin/board/export"
	"bangtin/board/i18n"
)

// openPostgres opens the PostgreSQL store at a postgres:// URL for `bangtin copy`, as `serve
// --store` does (migrations applied, pool ready; errors name the host, never the password).
func openPostgres(ctx context.Context, rawURL string, lang i18n.Lang) (board.Store, error) {
	st, _, err := openStore(ctx, serveOptions{Store: rawURL}, lang)
	return st, err
}

// copyOptions are the flags of `bangtin copy`.
type copyOptions struct {
	From, To string
	Force    bool
	Lang     string
}

func newCopyCmd(stdout, stderr io.Writer) *cobra.Command {
	var o copyOptions
	l := i18n.Parse(os.Getenv("BANGTIN_LANG"))
	c := &cobra.Command{
		Use:   "copy --from SRC --to DST",
		Short: i18n.T(l, i18n.CopyShort),
		Long:  i18n.T(l, i18n.CopyLong),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if f := cmd.Flags().Lookup("lang"); !f.Changed {
				if v, ok := os.LookupEnv("BANGTIN_LANG"); ok && v != "" {
					o.Lang = v
				}
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return runCopy(ctx, o, cmd.InOrStdin(), stdout, stderr)
		},
	}
	c.Flags().StringVar(&o.From, "from", "", i18n.T(l, i18n.CopyFlagFrom))
	c.Flags().StringVar(&o.To, "to", "", i18n.T(l, i18n.CopyFlagTo))
	c.Flags().BoolVar(&o.Force, "force", false, i18n.T(l, i18n.CopyFlagForce))
	c.Flags().StringVar(&o.Lang, "lang", "vi", i18n.T(l, i18n.CopyFlagLang)+" [$BANGTIN_LANG]")
	return c
}

// endKind is what a --from or --to names.
type endKind int

const (
	endDir      endKind = iota // a data directory of the embedded store
	endPostgres                // a postgres:// URL
	endFile                    // an export file
	endStdio                   // "-": stdin or stdout
	endBackup                  // a backup of the embedded store (`ssh host backup`), as a source
)

// end is one side of a copy.
type end struct {
	kind endKind
	arg  string // as given
	path string // absolute path of a directory or file
}

// name is how messages show the end: never a password.
func (e end) name(source bool) string {
	switch e.kind {
	case endStdio:
		if source {
			return "stdin"
		}
		return "stdout"
	case endPostgres:
		if u, err := url.Parse(e.arg); err == nil {
			return u.Redacted()
		}
		return "postgres://…"
	}
	return e.arg
}

func isPostgresURL(s string) bool {
	s = strings.ToLower(s)
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// boltMagic is at offset 16 of a bbolt file's first page (little-endian 0xED0CDAED).
var boltMagic = []byte{0xed, 0xda, 0x0c, 0xed}

// sniff reads the start of a file: an export starts with '{'; a bbolt file has its magic.
func sniff(path string) (isBolt bool) {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 20)
	n, _ := io.ReadFull(f, head)
	return n == 20 && bytes.Equal(head[16:20], boltMagic)
}

// parseEnd reads --from (source) or --to.
func parseEnd(arg string, source bool, l i18n.Lang) (end, error) {
	e := end{arg: arg}
	switch {
	case arg == "-":
		e.kind = endStdio
		return e, nil
	case isPostgresURL(arg):
		e.kind = endPostgres
		return e, nil
	}
	abs, err := filepath.Abs(arg)
	if err != nil {
		return e, err
	}
	e.path = abs
	fi, err := os.Stat(abs)
	switch {
	case err == nil && fi.IsDir():
		e.kind = endDir
	case err == nil && sniff(abs):
		if source {
			e.kind = endBackup
			return e, nil
		}
		return e, errors.New(i18n.T(l, i18n.CopyDBFile, arg, filepath.Dir(arg)))
	case err == nil:
		e.kind = endFile
	case !errors.Is(err, fs.ErrNotExist):
		return e, errors.New(i18n.T(l, i18n.CopyNoFile, arg, err))
	case strings.HasSuffix(strings.ToLower(arg), ".jsonl"):
		if source {
			return e, errors.New(i18n.T(l, i18n.CopyNoFile, arg, fs.ErrNotExist))
		}
		e.kind = endFile
	case source:
		return e, errors.New(i18n.T(l, i18n.CopyNoBoard, arg, filepath.Join(arg, boltstore.FileName)))
	default:
		e.kind = endDir // created
	}
	return e, nil
}

// copier runs one copy.
type copier struct {
	ctx      context.Context
	o        copyOptions
	l        i18n.Lang
	src, dst end
	progress *progressView
	stdin    io.Reader
	stdout   io.Writer
	stderr   io.Writer

	srcStore board.Store
	tmpDir   string    // holds a copy of a backup file opened as the source
	srcFile  io.Reader // an export file (verified first when it is a regular file), or stdin
	// want are the counts of the source: from the export written, or the file's header.
	want export.Counts
}

func (c *copier) t(key i18n.Key, args ...any) string { return i18n.T(c.l, key, args...) }

func runCopy(ctx context.Context, o copyOptions, stdin io.Reader, stdout, stderr io.Writer) error {
	c := &copier{ctx: ctx, o: o, l: i18n.Parse(o.Lang), stdin: stdin, stdout: stdout, stderr: stderr}
	if o.From == "" || o.To == "" {
		return errors.New(c.t(i18n.CopyNeedEnds))
	}
	var err error
	if c.src, err = parseEnd(o.From, true, c.l); err != nil {
		return err
	}
	if c.dst, err = parseEnd(o.To, false, c.l); err != nil {
		return err
	}
	if c.src.kind == c.dst.kind && c.src.kind != endStdio && c.src.path == c.dst.path &&
		(c.src.kind != endPostgres || c.src.arg == c.dst.arg) {
		return errors.New(c.t(i18n.CopySameEnds, c.src.name(true)))
	}
	c.progress = newProgressView(stderr, c.l)
	defer c.close()
	if err := c.openSource(); err != nil {
		return err
	}
	fmt.Fprintln(stderr, c.t(i18n.CopyCopying, c.src.name(true), c.dst.name(false)))
	var got export.Counts
	switch c.dst.kind {
	case endDir:
		got, err = c.toDir()
	case endPostgres:
		got, err = c.toPostgres()
	case endFile:
		got, err = c.toFile()
	case endStdio:
		got, err = c.produce(stdout)
	}
	c.progress.finish()
	if err != nil {
		return err
	}
	if d := export.Diff(c.want, got); len(d) > 0 {
		return errors.New(c.t(i18n.CopyVerifyFailed, strings.Join(d, "; ")))
	}
	fmt.Fprintln(stderr, c.t(i18n.CopyDone, c.src.name(true), c.dst.name(false), c.describe(got)))
	return nil
}

func (c *copier) close() {
	if c.srcStore != nil {
		c.srcStore.Close()
	}
	if c.tmpDir != "" {
		os.RemoveAll(c.tmpDir)
	}
	if f, ok := c.srcFile.(*os.File); ok && f != os.Stdin {
		f.Close()
	}
}

// describe lists counts with the kinds' names in the user's language.
func (c *copier) describe(n export.Counts) string {
	var parts []string
	for _, k := range export.Kinds {
		if k == export.KindSettings || k == export.KindCounters {
			continue
		}
		if v, ok := n[k]; ok {
			parts = append(parts, fmt.Sprintf("%s: %d", kindName(c.l, k), v))
		}
	}
	return strings.Join(parts, ", ")
}

// explain turns an error of the copy into a message in the user's language; name is the file or
// store it is about.
func (c *copier) explain(name string, err error) error {
	var fe *export.FileError
	var ne *export.NotEmptyError
	switch {
	case errors.As(err, &fe) && errors.Is(err, export.ErrTooNew):
		return errors.New(c.t(i18n.CopyTooNew, name, fe.Version, export.Version))
	case errors.As(err, &fe) && errors.Is(err, export.ErrTruncated):
		return errors.New(c.t(i18n.CopyTruncated, name, fe.Line))
	case errors.As(err, &fe) && errors.Is(err, export.ErrNotExport):
		return errors.New(c.t(i18n.CopyNotExport, name))
	case errors.As(err, &fe) && errors.Is(err, export.ErrBadRecord):
		return errors.New(c.t(i18n.CopyBadRecord, name, fe.Line, fe.Err))
	case errors.As(err, &fe) && errors.Is(err, export.ErrCountMismatch):
		return errors.New(c.t(i18n.CopyCountMismatch, name, fe.Err))
	case errors.As(err, &ne) && c.o.Force:
		return errors.New(c.t(i18n.CopyCannotEmpty, c.dst.name(false), c.describe(ne.Held)))
	case errors.As(err, &ne):
		return errors.New(c.t(i18n.CopyNotEmpty, c.dst.name(false), c.describe(ne.Held)))
	case errors.Is(err, board.ErrInUse):
		return errors.New(c.t(i18n.CopyInUse, name))
	}
	return errors.New(c.t(i18n.CopyFailed, err))
}

// openBolt opens the embedded store of a data directory.
func (c *copier) openBolt(dir string, opts boltstore.Options) (*boltstore.Store, error) {
	path := filepath.Join(dir, boltstore.FileName)
	st, err := boltstore.Open(path, opts)
	if err != nil {
		return nil, c.explain(path, err)
	}
	return st, nil
}

func (c *copier) openSource() error {
	switch c.src.kind {
	case endDir:
		path := filepath.Join(c.src.path, boltstore.FileName)
		if _, err := os.Stat(path); err != nil {
			return errors.New(c.t(i18n.CopyNoBoard, c.src.arg, path))
		}
		st, err := c.openBolt(c.src.path, boltstore.Options{})
		if err != nil {
			return err
		}
		c.srcStore = st
	case endBackup:
		// Opening a database may migrate it: open a copy, never the user's backup.
		if err := boltstore.CheckFile(c.src.path); err != nil {
			return c.explain(c.src.arg, err)
		}
		dir, err := os.MkdirTemp("", "bangtin-copy-*")
		if err != nil {
			return errors.New(c.t(i18n.CopyFailed, err))
		}
		c.tmpDir = dir
		if err := copyFile(c.src.path, filepath.Join(dir, boltstore.FileName)); err != nil {
			return errors.New(c.t(i18n.CopyNoFile, c.src.arg, err))
		}
		st, err := c.openBolt(dir, boltstore.Options{NoSync: true})
		if err != nil {
			return err
		}
		c.srcStore = st
	case endPostgres:
		st, err := openPostgres(c.ctx, c.src.arg, c.l)
		if err != nil {
			return c.explain(c.src.name(true), err)
		}
		c.srcStore = st
	case endFile:
		f, err := os.Open(c.src.path)
		if err != nil {
			return errors.New(c.t(i18n.CopyNoFile, c.src.arg, err))
		}
		c.srcFile = f
		// Check the whole file before writing anything anywhere.
		fmt.Fprintln(c.stderr, c.t(i18n.CopyChecking, c.src.arg))
		res, err := export.Verify(c.ctx, f, c.progress.update)
		c.progress.finish()
		if err != nil {
			return c.explain(c.src.arg, err)
		}
		c.skipped(res)
		c.want = res.Counts
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return errors.New(c.t(i18n.CopyNoFile, c.src.arg, err))
		}
	case endStdio:
		c.srcFile = c.stdin
	}
	return nil
}

func (c *copier) skipped(res export.Result) {
	if len(res.Skipped) > 0 {
		fmt.Fprintln(c.stderr, c.t(i18n.CopySkipped, res.Skipped))
	}
}

// produce writes the source in the export format to w and returns the counts written.
func (c *copier) produce(w io.Writer) (export.Counts, error) {
	if c.srcStore != nil {
		counts, err := export.Snapshot(c.ctx, c.srcStore, w, export.WriteOptions{
			Generator: "bangtin " + Version(), Progress: c.progress.update})
		if err != nil {
			return nil, c.explain(c.src.name(true), err)
		}
		c.want = counts
		return counts, nil
	}
	// An export file passes through, checked on the way.
	res, err := export.Verify(c.ctx, io.TeeReader(c.srcFile, w), c.progress.update)
	if err != nil {
		return nil, c.explain(c.src.name(true), err)
	}
	if c.want == nil {
		c.skipped(res)
		c.want = res.Counts
	}
	return res.Counts, nil
}

// errImportStopped ends the export feeding an import that stopped early.
var errImportStopped = errors.New("import stopped")

// importInto reads the source into st and returns what st then holds, counted. Its errors are
// not yet explained (importErr does that).
func (c *copier) importInto(st board.Store) (export.Counts, error) {
	opts := export.ReadOptions{Force: c.o.Force, Progress: c.progress.update}
	var err error
	if c.srcStore != nil {
		// Stream the source's snapshot straight into the destination.
		pr, pw := io.Pipe()
		type produced struct {
			counts export.Counts
			err    error
		}
		done := make(chan produced, 1)
		go func() {
			counts, err := export.Snapshot(c.ctx, c.srcStore, pw, export.WriteOptions{Generator: "bangtin " + Version()})
			pw.CloseWithError(err)
			done <- produced{counts, err}
		}()
		_, err = export.Read(c.ctx, st, pr, opts)
		pr.CloseWithError(errImportStopped) // unblocks the export if the import stopped early
		p := <-done
		switch {
		case err == nil && p.err != nil:
			err = p.err
		case err != nil && p.err != nil && !errors.Is(p.err, errImportStopped):
			err = p.err // the source failed first: its error is the cause
		}
		c.want = p.counts
	} else {
		var res export.Result
		res, err = export.Read(c.ctx, st, c.srcFile, opts)
		if err == nil && c.want == nil {
			c.skipped(res)
			c.want = res.Counts
		}
	}
	if err != nil {
		return nil, err
	}
	var got export.Counts
	err = st.View(c.ctx, func(tx board.Tx) error {
		var err error
		got, err = export.Count(c.ctx, tx)
		return err
	})
	return got, err
}

// importErr explains an error of importInto.
func (c *copier) importErr(err error) error {
	if errors.Is(err, export.ErrNotEmpty) {
		return c.explain(c.dst.name(false), err)
	}
	return c.explain(c.src.name(true), err)
}

// toDir copies into a data directory: into a new database file beside the live one, which
// replaces it (as `bangtin restore` does) only once the copy is complete and checked.
func (c *copier) toDir() (export.Counts, error) {
	live := filepath.Join(c.dst.path, boltstore.FileName)
	if _, err := os.Stat(live); err == nil {
		st, err := c.openBolt(c.dst.path, boltstore.Options{})
		if err != nil {
			return nil, err
		}
		err = st.View(c.ctx, func(tx board.Tx) error { return export.Check(c.ctx, tx) })
		st.Close()
		var ne *export.NotEmptyError
		switch {
		case errors.As(err, &ne) && !c.o.Force:
			return nil, errors.New(c.t(i18n.CopyNotEmpty, c.dst.arg, c.describe(ne.Held)))
		case err != nil && !errors.As(err, &ne):
			return nil, c.explain(live, err)
		}
	}
	if err := os.MkdirAll(c.dst.path, 0o700); err != nil {
		return nil, errors.New(c.t(i18n.CopyFailed, err))
	}
	tmp := fmt.Sprintf("%s.copy-%d-%d", live, os.Getpid(), time.Now().UnixNano())
	defer os.Remove(tmp)
	// fsync once at the end instead of once per batch.
	st, err := boltstore.Open(tmp, boltstore.Options{NoSync: true, NoCheck: true})
	if err != nil {
		return nil, c.explain(tmp, err)
	}
	got, err := c.importInto(st)
	if err != nil {
		st.Close()
		return nil, c.importErr(err)
	}
	if err := st.Close(); err != nil {
		return nil, errors.New(c.t(i18n.CopyFailed, err))
	}
	if err := syncFile(tmp); err != nil {
		return nil, errors.New(c.t(i18n.CopyFailed, err))
	}
	if err := boltstore.Restore(c.dst.path, tmp); err != nil {
		return nil, c.explain(live, err)
	}
	return got, nil
}

func (c *copier) toPostgres() (export.Counts, error) {
	st, err := openPostgres(c.ctx, c.dst.arg, c.l)
	if err != nil {
		return nil, c.explain(c.dst.name(false), err)
	}
	defer st.Close()
	got, err := c.importInto(st)
	switch {
	case errors.Is(err, export.ErrNotEmpty):
		return nil, c.importErr(err)
	case err != nil:
		// Batches already committed stay: say so.
		return nil, fmt.Errorf("%w\n%s", c.importErr(err), c.t(i18n.CopyPartial, c.dst.name(false)))
	}
	return got, nil
}

// toFile writes the export to a temporary file beside the destination (mode 0600: it holds
// password hashes), checks it, and renames it into place.
func (c *copier) toFile() (export.Counts, error) {
	if fi, err := os.Stat(c.dst.path); err == nil && fi.Size() > 0 && !c.o.Force {
		return nil, errors.New(c.t(i18n.CopyFileExists, c.dst.arg))
	}
	dir := filepath.Dir(c.dst.path)
	f, err := os.CreateTemp(dir, filepath.Base(c.dst.path)+".tmp-*")
	if err != nil {
		return nil, errors.New(c.t(i18n.CopyNoFile, c.dst.arg, err))
	}
	defer os.Remove(f.Name())
	_, err = c.produce(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	// Read back what was written.
	rf, err := os.Open(f.Name())
	if err != nil {
		return nil, errors.New(c.t(i18n.CopyFailed, err))
	}
	res, err := export.Verify(c.ctx, rf, nil)
	rf.Close()
	if err != nil {
		return nil, c.explain(f.Name(), err)
	}
	if err := os.Rename(f.Name(), c.dst.path); err != nil {
		return nil, errors.New(c.t(i18n.CopyFailed, err))
	}
	if err := syncFile(dir); err != nil {
		return nil, errors.New(c.t(i18n.CopyFailed, err))
	}
	return res.Counts, nil
}

// syncFile fsyncs a file or directory.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// copyFile copies a file to a new file (mode 0600).
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"bangtin/board"
	"bangtin/board/boltstore"
	"bangtin/board/i18n"
	"bangtin/board/pgstore"
)

// pgExport writes the export format for `ssh host backup` on a PostgreSQL board (board/export's
// WriteTo; set by store_merged.go once board/export is part of the build).
var pgExport func(ctx context.Context, tx board.Tx, w io.Writer) (int64, error)

// addNodeFlags adds the flags of a board served by several nodes.
func addNodeFlags(fs *pflag.FlagSet, o *serveOptions) {
	fs.StringVar(&o.Store, "store", "",
		"the board's database: empty for the embedded store in --data, or a PostgreSQL URL (postgres://user:password@host:5432/bangtin) shared by several nodes")
	fs.StringArrayVar(&o.ProxyProtocolFrom, "proxy-protocol-from", nil,
		"accept PROXY protocol v2 headers only from these load balancers (CIDR or address, repeatable; the variable: comma-separated); empty: off")
}

// openStore opens the store --store names: the embedded store in the data directory when empty,
// PostgreSQL for a postgres:// URL. It returns a description of it for messages (a path, or
// host:port/database; never a password).
func openStore(ctx context.Context, o serveOptions, lang i18n.Lang) (board.Store, string, error) {
	url := strings.TrimSpace(o.Store)
	switch {
	case url == "":
		dbPath := filepath.Join(o.Data, boltstore.FileName)
		st, err := boltstore.Open(dbPath, boltstore.Options{Timeout: time.Second})
		if err != nil {
			if errors.Is(err, board.ErrInUse) {
				return nil, dbPath, errors.New(i18n.T(lang, i18n.ServeBoardInUse, dbPath))
			}
			return nil, dbPath, err
		}
		return st, dbPath, nil
	case pgstore.IsURL(url):
		st, err := pgstore.Open(ctx, url, pgstore.Options{Export: pgExport})
		if err != nil {
			return nil, pgstore.Describe(url), err
		}
		return st, st.Host(), nil
	}
	return nil, "", fmt.Errorf("--store: want empty (the embedded store in --data) or a postgres:// URL")
}

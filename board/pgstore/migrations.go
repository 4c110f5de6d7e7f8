package pgstore

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"bangtin/board"
)

// The migrations are the files NNNN_name.sql of migrations/, applied in order. Add a file for
// every change of the schema; never change a released one.
//
//go:embed migrations/*.sql
var migrationFS embed.FS

type migration struct {
	Version int
	Name    string
	SQL     string
}

func loadMigrations() ([]migration, error) {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	var out []migration
	for i, path := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(path, "migrations/"), ".sql")
		num, name, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if err != nil || v != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %04d", path, i+1)
		}
		sql, err := migrationFS.ReadFile(path)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{Version: v, Name: name, SQL: string(sql)})
	}
	return out, nil
}

// SchemaVersion is the version this program writes (the number of its last migration).
var SchemaVersion = func() int {
	ms, err := loadMigrations()
	if err != nil {
		panic(err)
	}
	return ms[len(ms)-1].Version
}()

// migrateLock is the advisory lock key that serialises migrations ("bangtin" in ASCII).
const migrateLock = 0x62616e6774696e

// migrate brings the database to SchemaVersion in one transaction under an advisory lock, so
// that nodes starting at once migrate once; a newer schema is refused with ErrSchemaTooNew.
func migrate(ctx context.Context, pool *pgxpool.Pool) error {
	ms, err := loadMigrations()
	if err != nil {
		return err
	}
	return pgx.BeginFunc(ctx, pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(migrateLock)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS bangtin_schema (
			version    int PRIMARY KEY,
			name       text NOT NULL,
			applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
			return err
		}
		var cur int
		if err := tx.QueryRow(ctx, "SELECT COALESCE(max(version), 0) FROM bangtin_schema").Scan(&cur); err != nil {
			return err
		}
		if cur > SchemaVersion {
			return fmt.Errorf("schema version %d, this bangtin knows up to %d: %w", cur, SchemaVersion, board.ErrSchemaTooNew)
		}
		for _, m := range ms[cur:] {
			if _, err := tx.Exec(ctx, m.SQL); err != nil {
				return fmt.Errorf("migration %04d_%s: %w", m.Version, m.Name, err)
			}
			if _, err := tx.Exec(ctx, "INSERT INTO bangtin_schema (version, name) VALUES ($1, $2)", m.Version, m.Name); err != nil {
				return err
			}
		}
		return nil
	})
}

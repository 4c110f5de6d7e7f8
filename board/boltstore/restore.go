package boltstore

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"bangtin/board"
)

// CheckFile runs the consistency check on a database file that no board has open, and checks
// that its schema is one this program can read. It never writes to the file.
func CheckFile(path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	db, err := openDB(path, &bolt.Options{Timeout: time.Second, ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	return db.View(func(tx *bolt.Tx) error {
		if err := checkTx(path, tx); err != nil {
			return err
		}
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			return fmt.Errorf("check %s: no meta bucket: %w", path, board.ErrCorrupt)
		}
		raw := meta.Get(keyVersion)
		if len(raw) != 8 {
			return fmt.Errorf("check %s: no schema version: %w", path, board.ErrCorrupt)
		}
		if v := binary.BigEndian.Uint64(raw); v > SchemaVersion {
			return fmt.Errorf("check %s: schema version %d: %w", path, v, board.ErrSchemaTooNew)
		}
		return nil
	})
}

// Restore replaces the database in dataDir with backupFile: the backup is checked first (it
// opens, its check is clean, its schema is not newer); a board holding the live database makes
// it fail with board.ErrInUse; the copy goes to a temporary file that is fsynced and renamed over
// the live one, and the directory is fsynced.
func Restore(dataDir, backupFile string) error {
	if err := CheckFile(backupFile); err != nil {
		return fmt.Errorf("restore from %s: %w", backupFile, err)
	}
	live := filepath.Join(dataDir, FileName)
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return fmt.Errorf("restore into %s: %w", dataDir, err)
	}
	// Hold the live file's lock while replacing it so that no board opens it meanwhile.
	if _, err := os.Stat(live); err == nil {
		db, err := bolt.Open(live, 0o600, &bolt.Options{Timeout: time.Second, ReadOnly: true})
		switch {
		case err == nil:
			defer db.Close()
		case errors.Is(err, berrors.ErrTimeout):
			return fmt.Errorf("restore into %s: %w", live, board.ErrInUse)
		default:
			// A damaged live file may be replaced; its lock cannot be taken by bbolt, but a
			// board cannot have it open either.
		}
	}
	tmp, err := os.CreateTemp(dataDir, FileName+".restore-*")
	if err != nil {
		return fmt.Errorf("restore into %s: %w", dataDir, err)
	}
	defer os.Remove(tmp.Name())
	src, err := os.Open(backupFile)
	if err != nil {
		tmp.Close()
		return fmt.Errorf("restore from %s: %w", backupFile, err)
	}
	_, err = io.Copy(tmp, src)
	src.Close()
	if err == nil {
		err = tmp.Chmod(0o600)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("restore copy to %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), live); err != nil {
		return fmt.Errorf("restore into %s: %w", live, err)
	}
	if d, err := os.Open(dataDir); err == nil {
		err = d.Sync()
		d.Close()
		if err != nil {
			return fmt.Errorf("restore: sync %s: %w", dataDir, err)
		}
	}
	return nil
}

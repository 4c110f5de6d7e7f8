package export

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"bangtin/board"
)

// fileLine is a file record: the board.File and its bytes (base64 in JSON, as encoding/json
// writes a []byte). A file of 10 MiB makes a line of about 14 MiB, below MaxLine.
type fileLine struct {
	File board.File `json:"file"`
	Data []byte     `json:"data"`
}

// lazyFile reads a file's bytes only when its line is written, so that Count never loads them.
type lazyFile struct {
	tx board.Tx
	f  board.File
}

func (l lazyFile) MarshalJSON() ([]byte, error) {
	data, err := l.tx.FileData(l.f.ID)
	if err != nil {
		return nil, fmt.Errorf("bytes of file %d: %w", l.f.ID, err)
	}
	return json.Marshal(fileLine{File: l.f, Data: data})
}

// walkFiles emits every file attached to a thread, with its bytes.
func walkFiles(tx board.Tx, emit func(kind string, v any) error) error {
	var ferr error
	err := tx.EachFile(func(f board.File) bool {
		ferr = emit(KindFile, lazyFile{tx: tx, f: f})
		return ferr == nil
	})
	if err != nil {
		return fmt.Errorf("files: %w", err)
	}
	return ferr
}

// decodeFile checks a file record (its size and sha256 against its bytes) and returns its write.
func decodeFile(data json.RawMessage) (op, bool, error) {
	var l fileLine
	if err := json.Unmarshal(data, &l); err != nil {
		return nil, true, err
	}
	f := l.File
	switch sum := sha256.Sum256(l.Data); {
	case f.ID == 0 || f.ThreadID == 0:
		return nil, true, errors.New("no ID or ThreadID")
	case int64(len(l.Data)) != f.Size:
		return nil, true, fmt.Errorf("file %d: %d bytes, the record says %d", f.ID, len(l.Data), f.Size)
	case hex.EncodeToString(sum[:]) != f.SHA256:
		return nil, true, fmt.Errorf("file %d: the bytes do not match its sha256", f.ID)
	}
	return func(tx board.Tx) error {
		ff := f
		if err := tx.PutFile(&ff); err != nil {
			return fmt.Errorf("file %d: %w", f.ID, err)
		}
		return tx.PutFileData(f.ID, l.Data)
	}, true, nil
}

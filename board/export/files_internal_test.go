package export

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"

	"bangtin/board"
)

func TestDecodeFileChecksBytes(t *testing.T) {
	data := []byte("%PDF-1.7\n")
	sum := sha256.Sum256(data)
	good := board.File{ID: 3, ThreadID: 1, Name: "a.pdf", Type: "application/pdf", Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:])}
	enc := func(f board.File, d []byte) json.RawMessage {
		raw, err := json.Marshal(fileLine{File: f, Data: d})
		if err != nil {
			t.Fatal(err)
		}
		return raw
	}
	if _, _, err := decodeFile(enc(good, data)); err != nil {
		t.Fatalf("good record: %v", err)
	}
	bad := good
	bad.SHA256 = hex.EncodeToString(make([]byte, 32))
	short := good
	short.Size++
	noThread := good
	noThread.ThreadID = 0
	for name, raw := range map[string]json.RawMessage{
		"sha256":    enc(bad, data),
		"size":      enc(short, data),
		"no thread": enc(noThread, data),
		"not json":  json.RawMessage(`{"file":`),
	} {
		if _, _, err := decodeFile(raw); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

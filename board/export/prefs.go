package export

import (
	"encoding/json"
	"errors"
	"fmt"

	"bangtin/board"
)

// prefsLine is a reader_prefs record: a reader key and its saved board.ReaderPrefs.
type prefsLine struct {
	Reader string            `json:"reader"`
	Prefs  board.ReaderPrefs `json:"prefs"`
}

// walkPrefs emits every saved reader preference that differs from the defaults.
func walkPrefs(tx board.Tx, emit func(kind string, v any) error) error {
	var ferr error
	err := tx.EachReaderPrefs(func(r string, p board.ReaderPrefs) bool {
		if p == (board.ReaderPrefs{}) {
			return true
		}
		ferr = emit(KindReaderPrefs, prefsLine{Reader: r, Prefs: p})
		return ferr == nil
	})
	if err != nil {
		return fmt.Errorf("reader preferences: %w", err)
	}
	return ferr
}

// decodePrefs checks a reader_prefs record and returns its write.
func decodePrefs(data json.RawMessage) (op, bool, error) {
	var l prefsLine
	if err := json.Unmarshal(data, &l); err != nil {
		return nil, true, err
	}
	if l.Reader == "" {
		return nil, true, errors.New("no reader")
	}
	return func(tx board.Tx) error {
		if err := tx.PutReaderPrefs(l.Reader, l.Prefs); err != nil {
			return fmt.Errorf("reader preferences of %s: %w", l.Reader, err)
		}
		return nil
	}, true, nil
}

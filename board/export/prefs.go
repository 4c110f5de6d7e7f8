package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"time"

	"bangtin/board"
)

// Reader preferences are kept by stores whose Tx has
//
//	ReaderPrefs(reader string) (P, error)
//	PutReaderPrefs(reader string, p P) error
//	EachReaderPrefs(fn func(reader string, p P) bool) error   // optional
//
// for some record type P (added to board.Tx alongside this package). They are reached through
// reflection so that this package builds, and exports everything else, whether or not the Tx
// has them; once they are part of board.Tx for good, these two functions can call them directly.
// Without EachReaderPrefs, the readers asked are the accounts and every reader with a read
// marker or a visit mark (a reader's session leaves a visit mark).

// prefsLine is a reader_prefs record.
type prefsLine struct {
	Reader string          `json:"reader"`
	Prefs  json.RawMessage `json:"prefs"`
}

// walkPrefs emits the preferences of every reader the store knows of (accounts, and readers with
// a read marker or a visit mark) whose preferences differ from the defaults.
func walkPrefs(tx board.Tx, emit func(kind string, v any) error) error {
	get := reflect.ValueOf(tx).MethodByName("ReaderPrefs")
	if !get.IsValid() {
		return nil
	}
	gt := get.Type()
	errType := reflect.TypeFor[error]()
	if gt.NumIn() != 1 || gt.In(0).Kind() != reflect.String || gt.NumOut() != 2 || gt.Out(1) != errType {
		return nil
	}
	call := func(reader string) (reflect.Value, error) {
		out := get.Call([]reflect.Value{reflect.ValueOf(reader)})
		if err, _ := out[1].Interface().(error); err != nil {
			return reflect.Value{}, err
		}
		return out[0], nil
	}
	// What a reader who never saved anything gets.
	defaults, err := call("\x00export-defaults")
	if err != nil && !errors.Is(err, board.ErrNotFound) {
		return err
	}
	emitPrefs := func(r string, p reflect.Value) error {
		if defaults.IsValid() && reflect.DeepEqual(p.Interface(), defaults.Interface()) {
			return nil
		}
		raw, err := json.Marshal(p.Interface())
		if err != nil {
			return err
		}
		return emit(KindReaderPrefs, prefsLine{Reader: r, Prefs: raw})
	}
	if each := reflect.ValueOf(tx).MethodByName("EachReaderPrefs"); each.IsValid() {
		et := each.Type()
		if et.NumIn() == 1 && et.In(0).Kind() == reflect.Func && et.NumOut() == 1 && et.Out(0) == errType {
			ft := et.In(0)
			if ft.NumIn() == 2 && ft.In(0).Kind() == reflect.String && ft.In(1) == gt.Out(0) &&
				ft.NumOut() == 1 && ft.Out(0).Kind() == reflect.Bool {
				var ferr error
				fn := reflect.MakeFunc(ft, func(args []reflect.Value) []reflect.Value {
					ferr = emitPrefs(args[0].String(), args[1])
					return []reflect.Value{reflect.ValueOf(ferr == nil)}
				})
				out := each.Call([]reflect.Value{fn})
				if err, _ := out[0].Interface().(error); err != nil {
					return err
				}
				return ferr
			}
		}
	}
	seen := map[string]bool{}
	var readers []string
	add := func(r string) {
		if r != "" && !seen[r] {
			seen[r] = true
			readers = append(readers, r)
		}
	}
	accts, err := tx.Accounts()
	if err != nil {
		return err
	}
	for _, a := range accts {
		add("acct:" + a.Login)
	}
	if err := tx.EachVisitMark(func(r string, _ board.VisitMark) bool { add(r); return true }); err != nil {
		return err
	}
	if err := tx.EachReadMark(func(r string, _ uint64, _ time.Time) bool { add(r); return true }); err != nil {
		return err
	}
	slices.Sort(readers)
	for _, r := range readers {
		p, err := call(r)
		if errors.Is(err, board.ErrNotFound) {
			continue
		} else if err != nil {
			return fmt.Errorf("preferences of %s: %w", r, err)
		}
		if err := emitPrefs(r, p); err != nil {
			return err
		}
	}
	return nil
}

// decodePrefs checks a reader_prefs record; its write decodes the preferences into the type
// PutReaderPrefs takes. A store without PutReaderPrefs cannot keep them: the write fails.
func decodePrefs(data json.RawMessage) (op, bool, error) {
	var l prefsLine
	if err := json.Unmarshal(data, &l); err != nil {
		return nil, true, err
	}
	if l.Reader == "" || len(l.Prefs) == 0 {
		return nil, true, errors.New("no reader or no prefs")
	}
	return func(tx board.Tx) error {
		put := reflect.ValueOf(tx).MethodByName("PutReaderPrefs")
		if !put.IsValid() || put.Type().NumIn() != 2 || put.Type().NumOut() != 1 {
			return fmt.Errorf("reader preferences of %s: this store does not keep reader preferences", l.Reader)
		}
		p := reflect.New(put.Type().In(1))
		if err := json.Unmarshal(l.Prefs, p.Interface()); err != nil {
			return fmt.Errorf("reader preferences of %s: %w: %v", l.Reader, ErrBadRecord, err)
		}
		out := put.Call([]reflect.Value{reflect.ValueOf(l.Reader), p.Elem()})
		if err, _ := out[0].Interface().(error); err != nil {
			return err
		}
		return nil
	}, true, nil
}

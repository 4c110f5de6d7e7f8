package board

import (
	"context"
	"fmt"
)

// ReaderPrefs are an identified reader's remembered choices (accounts, and guests by key; see
// Identity.ReaderKey). The zero value is the default: Vietnamese input off, Telex, old tones.
type ReaderPrefs struct {
	// VNInput: the TUI types Vietnamese (Telex or VNI) in its text fields.
	VNInput bool `json:"vn_input,omitempty"`
	// VNMethod is "telex" or "vni" ("" is Telex).
	VNMethod string `json:"vn_method,omitempty"`
	// VNNewTone places tones the new way ("hoà", "thuỷ"); false is the old way ("hòa", "thủy").
	VNNewTone bool `json:"vn_new_tone,omitempty"`
}

// Input methods a ReaderPrefs may name.
const (
	VNMethodTelex = "telex"
	VNMethodVNI   = "vni"
)

func (p ReaderPrefs) validate() error {
	switch p.VNMethod {
	case "", VNMethodTelex, VNMethodVNI:
		return nil
	}
	return &ValidationError{Field: "vn_method", Problem: ProblemUnknown}
}

// ReaderPrefs returns the reader's saved choices, or the defaults (also for a guest without a
// key, who cannot be recognised again).
func (b *Board) ReaderPrefs(ctx context.Context, reader Identity) (ReaderPrefs, error) {
	rk := reader.ReaderKey()
	if rk == "" {
		return ReaderPrefs{}, nil
	}
	var p ReaderPrefs
	err := b.view(ctx, func(tx Tx) error {
		var err error
		p, err = tx.ReaderPrefs(rk)
		return err
	})
	if err != nil {
		return ReaderPrefs{}, fmt.Errorf("reader preferences: %w", err)
	}
	return p, nil
}

// PutReaderPrefs saves the reader's choices (acknowledged once fsynced). A guest without a key
// has nothing to save them under: nothing is stored and the choice lasts for the session.
// Preferences are not board content: saving them does not raise the board's version.
func (b *Board) PutReaderPrefs(ctx context.Context, reader Identity, p ReaderPrefs) error {
	if err := p.validate(); err != nil {
		return err
	}
	rk := reader.ReaderKey()
	if rk == "" {
		return nil
	}
	if b.closed.Load() {
		return ErrClosed
	}
	if err := b.st.Update(ctx, func(tx Tx) error { return tx.PutReaderPrefs(rk, p) }); err != nil {
		return fmt.Errorf("save reader preferences: %w", err)
	}
	return nil
}

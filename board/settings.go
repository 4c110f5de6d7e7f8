package board

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// reloadCaches reads the settings and bans after a change to them. Reloads run one at a time,
// each after its own change committed, so the last one leaves the caches holding every change
// (concurrent changes sharing a transaction cannot each just install what they saw).
func (b *Board) reloadCaches(ctx context.Context) error {
	b.reloadMu.Lock()
	defer b.reloadMu.Unlock()
	return b.view(ctx, func(tx Tx) error {
		s, bans, err := readCaches(tx)
		if err != nil {
			return err
		}
		b.mu.Lock()
		b.settings, b.bans = s, bans
		b.mu.Unlock()
		return nil
	})
}

// readCaches reads what the board keeps in memory: the settings and the bans.
func readCaches(tx Tx) (Settings, []Ban, error) {
	s, err := tx.Settings()
	if err != nil {
		return Settings{}, nil, err
	}
	bans, err := tx.Bans()
	if err != nil {
		return Settings{}, nil, err
	}
	return s, bans, nil
}

func (b *Board) Settings(ctx context.Context) (Settings, error) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	s := b.settings
	s.WordList = slices.Clone(s.WordList)
	return s, nil
}

func (b *Board) changeSettings(ctx context.Context, actor Identity, detail string, change func(*Settings)) error {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin(), AuditSettings); err != nil {
		return err
	}
	err := b.update(ctx, func(tx Tx) error {
		s, err := tx.Settings()
		if err != nil {
			return err
		}
		change(&s)
		if err := tx.PutSettings(s); err != nil {
			return err
		}
		return b.audit(tx, actor, AuditSettings, "settings", "", detail)
	})
	if err != nil {
		return err
	}
	return b.reloadCaches(ctx)
}

func (b *Board) SetModeration(ctx context.Context, actor Identity, m ModerationMode) error {
	if !moderationNames.has(m) {
		return &ValidationError{Field: "moderation", Problem: ProblemUnknown}
	}
	return b.changeSettings(ctx, actor, "moderation="+m.String(), func(s *Settings) { s.Moderation = m })
}

func (b *Board) SetCaptcha(ctx context.Context, actor Identity, on bool) error {
	return b.changeSettings(ctx, actor, fmt.Sprintf("captcha=%t", on), func(s *Settings) { s.Captcha = on })
}

// SetWordList replaces the word list (see cleanWordList).
func (b *Board) SetWordList(ctx context.Context, actor Identity, words []string) error {
	list, err := cleanWordList(words)
	if err != nil {
		return err
	}
	return b.changeSettings(ctx, actor, fmt.Sprintf("words=%d", len(list)), func(s *Settings) { s.WordList = list })
}

// cleanWordList keeps the entries as written (sanitised, NFC, with their diacritics); entries
// that are the same words ignoring case are kept once, and an entry with no letters or digits
// is dropped.
func cleanWordList(words []string) ([]string, error) {
	if len(words) > MaxWords {
		return nil, &ValidationError{Field: "words", Problem: ProblemTooLong, Max: MaxWords}
	}
	var list []string
	seen := map[string]bool{}
	for _, w := range words {
		c, err := clean(fieldSpec{name: "words", max: MaxWord}, w)
		if err != nil {
			return nil, err
		}
		key := strings.Join(listWords(c), " ")
		if key != "" && !seen[key] {
			seen[key] = true
			list = append(list, c)
		}
	}
	return list, nil
}

// UpdateSettings changes the settings whose fields are set, in one change and one audit entry
// (the ssh command `settings set`): Moderation, Captcha and Words when not nil.
func (b *Board) UpdateSettings(ctx context.Context, actor Identity, u SettingsUpdate) error {
	if err := b.allow(ctx, actor, actor.Role.CanAdmin(), AuditSettings); err != nil {
		return err
	}
	var (
		detail []string
		list   []string
	)
	if u.Moderation != nil {
		if !moderationNames.has(*u.Moderation) {
			return &ValidationError{Field: "moderation", Problem: ProblemUnknown}
		}
		detail = append(detail, "moderation="+u.Moderation.String())
	}
	if u.Captcha != nil {
		detail = append(detail, fmt.Sprintf("captcha=%t", *u.Captcha))
	}
	if u.Words != nil {
		var err error
		if list, err = cleanWordList(u.Words); err != nil {
			return err
		}
		detail = append(detail, fmt.Sprintf("words=%d", len(list)))
	}
	if len(detail) == 0 {
		return nil
	}
	return b.changeSettings(ctx, actor, strings.Join(detail, " "), func(s *Settings) {
		if u.Moderation != nil {
			s.Moderation = *u.Moderation
		}
		if u.Captcha != nil {
			s.Captcha = *u.Captcha
		}
		if u.Words != nil {
			s.WordList = list
		}
	})
}

// SettingsUpdate says which settings UpdateSettings changes: nil fields stay as they are.
type SettingsUpdate struct {
	Moderation *ModerationMode
	Captcha    *bool
	Words      []string // nil: unchanged; empty (non-nil): no words
}

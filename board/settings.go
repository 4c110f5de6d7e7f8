package board

import (
	"bangtin/board/text"
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
		s, err := tx.Settings()
		if err != nil {
			return err
		}
		bans, err := tx.Bans()
		if err != nil {
			return err
		}
		b.mu.Lock()
		b.settings, b.bans = s, bans
		b.mu.Unlock()
		return nil
	})
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
	if int(m) >= len(moderationNames) {
		return &ValidationError{Field: "moderation", Problem: ProblemUnknown}
	}
	return b.changeSettings(ctx, actor, "moderation="+m.String(), func(s *Settings) { s.Moderation = m })
}

func (b *Board) SetCaptcha(ctx context.Context, actor Identity, on bool) error {
	return b.changeSettings(ctx, actor, fmt.Sprintf("captcha=%t", on), func(s *Settings) { s.Captcha = on })
}

func (b *Board) SetWordList(ctx context.Context, actor Identity, words []string) error {
	if len(words) > MaxWords {
		return &ValidationError{Field: "words", Problem: ProblemTooLong, Max: MaxWords}
	}
	var list []string
	seen := map[string]bool{}
	for _, w := range words {
		c, err := clean(fieldSpec{name: "words", max: MaxWord}, w)
		if err != nil {
			return err
		}
		f := strings.Join(text.Words(c), " ")
		if f == "" {
			f = text.Fold(c)
		}
		if f != "" && !seen[f] {
			seen[f] = true
			list = append(list, f)
		}
	}
	return b.changeSettings(ctx, actor, fmt.Sprintf("words=%d", len(list)), func(s *Settings) { s.WordList = list })
}

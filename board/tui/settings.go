package tui

import (
	"context"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/tui/component"
)

// moderationModes are the moderation modes in the order the settings page offers them.
var moderationModes = []board.ModerationMode{board.ModerateEveryone, board.ModerateGuests, board.ModerateNone}

// settingsPage edits the board settings: moderation mode, the captcha, the word list. It is a
// fieldPage once the settings are loaded.
type settingsPage struct {
	*fieldPage
	cur    board.Settings
	loaded bool
	err    string
}

type settingsMsg struct {
	to  *settingsPage
	s   board.Settings
	err error
}

func newSettingsPage(c *Common) *settingsPage {
	p := &settingsPage{}
	p.fieldPage = &fieldPage{c: c, build: p.build, submit: p.save, below: p.explain}
	return p
}

func (p *settingsPage) Init() tea.Cmd {
	p.busy = true
	b := p.c.Board
	return p.c.Call(func(ctx context.Context) tea.Msg {
		s, err := b.Settings(ctx)
		return settingsMsg{to: p, s: s, err: err}
	})
}

// build makes the form from the stored settings.
func (p *settingsPage) build() *component.Form {
	c, s := p.c, p.cur
	f := c.form(c.T(i18n.TWSetHeading), c.T(i18n.TWSave))
	f.AddChoice(c.T(i18n.TWSetModeration), []string{
		c.T(i18n.TWSetModEveryone), c.T(i18n.TWSetModGuests), c.T(i18n.TWSetModNone),
	}, max(0, slices.Index(moderationModes, s.Moderation)))
	on := 1
	if s.Captcha {
		on = 0
	}
	f.AddChoice(i18n.Field(c.Lang, "captcha"), []string{c.T(i18n.TWOn), c.T(i18n.TWOff)}, on)
	var words []string
	for _, w := range s.WordList {
		words = append(words, Line(w))
	}
	f.AddInput(c.Styles.Widgets, c.T(i18n.TWSetWords), strings.Join(words, ", "), 4000).Placeholder = c.T(i18n.TWSetWordsHint)
	f.Focus(0)
	return f
}

func (p *settingsPage) explain(w int) []string {
	lines := []string{""}
	for _, l := range component.Wrap(p.c.T(i18n.TWSetExplain), w) {
		lines = append(lines, p.c.Styles.Muted.Render(l))
	}
	return lines
}

// splitWords splits a word list typed as "a, b; c" into words.
func splitWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if w = Line(w); w != "" && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func (p *settingsPage) save(fp *fieldPage) tea.Cmd {
	f := fp.form
	mode := moderationModes[f.Rows[0].Choice]
	captcha := f.Rows[1].Choice == 0
	words := splitWords(f.Value(2))
	old := p.cur
	b, actor := p.c.Board, p.c.Identity
	return fp.do(p.c.T(i18n.TWSetSaved), func(ctx context.Context) error {
		if mode != old.Moderation {
			if err := b.SetModeration(ctx, actor, mode); err != nil {
				return err
			}
		}
		if captcha != old.Captcha {
			if err := b.SetCaptcha(ctx, actor, captcha); err != nil {
				return err
			}
		}
		if !slices.Equal(words, old.WordList) {
			return b.SetWordList(ctx, actor, words)
		}
		return nil
	})
}

// Dirty: the settings form starts filled in; only a loaded form can hold changes.
func (p *settingsPage) Dirty() bool { return false }

func (p *settingsPage) Update(msg tea.Msg) (Page, tea.Cmd) {
	if m, ok := msg.(settingsMsg); ok {
		if m.to != p || !p.c.settled(&p.busy, &p.err, m.err) {
			return p, nil
		}
		p.cur, p.loaded = m.s, true
		p.form = p.build()
		return p, nil
	}
	if !p.loaded {
		if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, p.c.Keys.Close) {
			return p, back("")
		}
		return p, nil
	}
	_, cmd := p.fieldPage.Update(msg)
	return p, cmd
}

func (p *settingsPage) View() string {
	if !p.loaded {
		c := p.c
		w, h := c.Size()
		lines := []string{c.Styles.Title.Render(Cut(c.T(i18n.TWSetHeading), w)), ""}
		return component.Clip(component.Bottom(lines, foot(c, w, nil, p.err, "", p.busy), h), h)
	}
	return p.fieldPage.View()
}

package tui

import (
	"context"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/text"
)

// wModes are the moderation modes in the order the settings page offers them.
var wModes = []board.ModerationMode{board.ModerateEveryone, board.ModerateGuests, board.ModerateNone}

// wSettings edits the board settings: moderation mode, the captcha, the word list.
type wSettings struct {
	c      *Common
	form   *wFieldForm
	cur    board.Settings
	loaded bool
	busy   bool
	err    string
}

type wSettingsMsg struct {
	p      *wSettings
	s      board.Settings
	saved  bool
	err    error
	loaded bool // s is valid
}

func newWSettings(c *Common) *wSettings { return &wSettings{c: c} }

func (p *wSettings) Init() tea.Cmd {
	p.busy = true
	b := p.c.Board
	return wCall(p.c, func(ctx context.Context) tea.Msg {
		s, err := b.Settings(ctx)
		return wSettingsMsg{p: p, s: s, err: err, loaded: err == nil}
	})
}

func (p *wSettings) Capturing() bool { return p.form != nil && p.form.capturing() }

// build makes the form from the stored settings.
func (p *wSettings) build(s board.Settings) {
	f := &wFieldForm{title: p.c.T(i18n.TWSetHeading), submit: p.c.T(i18n.TWSave)}
	f.addChoice(p.c.T(i18n.TWSetModeration), []string{
		p.c.T(i18n.TWSetModEveryone), p.c.T(i18n.TWSetModGuests), p.c.T(i18n.TWSetModNone),
	}, max(0, slices.Index(wModes, s.Moderation)))
	on := 1
	if s.Captcha {
		on = 0
	}
	f.addChoice(p.c.T(i18n.FieldCaptcha), []string{p.c.T(i18n.TWOn), p.c.T(i18n.TWOff)}, on)
	var words []string
	for _, w := range s.WordList {
		words = append(words, text.Line(w))
	}
	f.addInput(p.c, p.c.T(i18n.TWSetWords), strings.Join(words, ", "), 4000).Placeholder = p.c.T(i18n.TWSetWordsHint)
	f.setFocus(0)
	p.form = f
}

// wWords splits a word list typed as "a, b; c" into words.
func wWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if w = text.Line(w); w != "" && !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

func (p *wSettings) save() tea.Cmd {
	if p.busy || p.form == nil {
		return nil
	}
	f := p.form
	mode := wModes[f.rows[0].choice]
	captcha := f.rows[1].choice == 0
	words := wWords(f.value(2))
	old := p.cur
	b, actor := p.c.Board, p.c.Identity
	p.busy, p.err = true, ""
	f.clearErrs()
	return wCall(p.c, func(ctx context.Context) tea.Msg {
		if mode != old.Moderation {
			if err := b.SetModeration(ctx, actor, mode); err != nil {
				return wSettingsMsg{p: p, err: err}
			}
		}
		if captcha != old.Captcha {
			if err := b.SetCaptcha(ctx, actor, captcha); err != nil {
				return wSettingsMsg{p: p, err: err}
			}
		}
		if !slices.Equal(words, old.WordList) {
			if err := b.SetWordList(ctx, actor, words); err != nil {
				return wSettingsMsg{p: p, err: err}
			}
		}
		s, err := b.Settings(ctx)
		return wSettingsMsg{p: p, s: s, saved: true, err: err, loaded: err == nil}
	})
}

func (p *wSettings) Update(msg tea.Msg) (Page, tea.Cmd) {
	if m, ok := msg.(wSettingsMsg); ok {
		if m.p != p {
			return p, nil
		}
		p.busy = false
		if m.loaded {
			p.cur, p.loaded = m.s, true
			if m.saved {
				return p, wBack(p.c.T(i18n.TWSetSaved))
			}
			p.build(m.s)
		}
		if m.err != nil {
			if p.form != nil {
				p.form.err = p.c.ErrText(m.err)
			} else {
				p.err = p.c.ErrText(m.err)
			}
		}
		return p, nil
	}
	if _, ok := msg.(LangMsg); ok && p.form != nil {
		old := p.form
		p.build(p.cur)
		p.form.carry(old)
		return p, nil
	}
	if p.form == nil {
		if k, ok := msg.(tea.KeyPressMsg); ok && (k.String() == "esc" || k.String() == "q") {
			return p, wBack("")
		}
		return p, nil
	}
	submit, cancel, cmd := p.form.update(msg)
	switch {
	case cancel:
		return p, wBack("")
	case submit:
		return p, p.save()
	}
	return p, cmd
}

func (p *wSettings) View() string {
	w, h := wSize(p.c)
	if p.form == nil {
		lines := []string{p.c.Styles.Title.Render(Cut(p.c.T(i18n.TWSetHeading), w)), ""}
		return wFit(wFill(lines, wFoot(p.c, p.c.Styles, w, nil, p.err, "", p.busy), h), h)
	}
	lines := p.form.view(p.c, p.c.Styles, w)
	if p.busy {
		lines = append(lines, p.c.Styles.Muted.Render(Cut(p.c.T(i18n.TWSaving), w)))
	}
	lines = append(lines, "")
	for _, l := range wWrap(p.c.T(i18n.TWSetExplain), w) {
		lines = append(lines, p.c.Styles.Muted.Render(l))
	}
	return wFit(lines, h)
}

func (p *wSettings) ShortHelp() []key.Binding {
	l := p.c.Lang
	return []key.Binding{
		wKey([]string{"ctrl+s"}, "ctrl+s", i18n.T(l, i18n.TWSave)),
		wKey([]string{"tab", "shift+tab"}, "tab", i18n.T(l, i18n.TWHelpNextField)),
		wKey([]string{"esc"}, "esc", i18n.T(l, i18n.TWHelpCancel)),
	}
}

func (p *wSettings) FullHelp() [][]key.Binding { return [][]key.Binding{p.ShortHelp()} }

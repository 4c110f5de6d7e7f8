package tui

import (
	"charm.land/bubbles/v2/key"

	"bangtin/board"
	"bangtin/board/i18n"
)

// KeyMap is the one place for the TUI's keys. Help texts follow the session's language: the root
// model rebuilds the map when "L" switches it.
type KeyMap struct {
	Up, Down, Top, Bottom     key.Binding
	PageUp, PageDown          key.Binding
	Open, Back, Quit, ForceQ  key.Binding
	NextPage, PrevPage        key.Binding
	NextTab, PrevTab          key.Binding
	NextThread, PrevThread    key.Binding
	NextOther, PrevOther      key.Binding
	Search, WhatsNew, Help    key.Binding
	Lang, CloseHelp, RunQuery key.Binding
	PickComment, Act          key.Binding // moderators in a thread: select a comment, act on it
	MoreComments              key.Binding // a thread: load the next comments

	// Writing screens (board/tui write pages); shown only to roles that may use them.
	Comment, Queue, NewThread, Edit   key.Binding
	Categories, Users, Bans, Settings key.Binding
	Audit                             key.Binding
}

// NewKeyMap builds the keys with help texts in lang.
func NewKeyMap(lang i18n.Lang) *KeyMap {
	b := func(desc i18n.Key, help string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, i18n.T(lang, desc)))
	}
	return &KeyMap{
		Up:           b(i18n.TUIKeyUp, "↑/k", "up", "k"),
		Down:         b(i18n.TUIKeyDown, "↓/j", "down", "j"),
		Top:          b(i18n.TUIKeyTop, "home/g", "home", "g"),
		Bottom:       b(i18n.TUIKeyBottom, "end/G", "end", "G"),
		PageUp:       b(i18n.TUIKeyPageUp, "pgup/b", "pgup", "b"),
		PageDown:     b(i18n.TUIKeyPageDown, "pgdn/space", "pgdown", "space", " "),
		Open:         b(i18n.TUIKeyOpen, "enter", "enter"),
		Back:         b(i18n.TUIKeyBack, "esc/q", "esc", "q"),
		Quit:         b(i18n.TUIKeyQuit, "q", "q"),
		ForceQ:       b(i18n.TUIKeyQuit, "ctrl+c", "ctrl+c"),
		NextPage:     b(i18n.TUIKeyNextPage, "→", "right", "pgdown", "l"),
		PrevPage:     b(i18n.TUIKeyPrevPage, "←", "left", "pgup", "h"),
		NextTab:      b(i18n.TUIKeyNextTab, "tab", "tab"),
		PrevTab:      b(i18n.TUIKeyPrevTab, "shift+tab", "shift+tab"),
		NextThread:   b(i18n.TUIKeyNextThread, "n", "n"),
		PrevThread:   b(i18n.TUIKeyPrevThread, "p", "p"),
		NextOther:    b(i18n.TUIKeyNextOther, "tab", "tab"),
		PrevOther:    b(i18n.TUIKeyNextOther, "shift+tab", "shift+tab"),
		Search:       b(i18n.TUIKeySearch, "/", "/"),
		WhatsNew:     b(i18n.TUIKeyWhatsNew, "w", "w"),
		Help:         b(i18n.TUIKeyHelp, "?", "?"),
		Lang:         b(i18n.TUIKeyLang, "L", "L"),
		CloseHelp:    b(i18n.TUIKeyCloseHelp, "esc/?", "esc", "?", "q"),
		RunQuery:     b(i18n.TUIKeyRun, "enter", "enter"),
		PickComment:  b(i18n.TUIKeyPickComment, "tab", "tab"),
		Act:          b(i18n.TUIKeyAct, "enter", "enter"),
		MoreComments: b(i18n.TUIKeyMoreComments, "+", "+", "="),

		Comment:    b(i18n.TUIKeyComment, "c", "c"),
		Queue:      b(i18n.TUIKeyQueue, "m", "m"),
		NewThread:  b(i18n.TUIKeyNewThread, "N", "N"),
		Edit:       b(i18n.TUIKeyEdit, "e", "e"),
		Categories: b(i18n.TUIKeyCategories, "C", "C"),
		Users:      b(i18n.TUIKeyUsers, "U", "U"),
		Bans:       b(i18n.TUIKeyBans, "B", "B"),
		Settings:   b(i18n.TUIKeySettings, "S", "S"),
		Audit:      b(i18n.TUIKeyAudit, "A", "A"),
	}
}

// roleKeys are the writing-screen keys a role may use anywhere (the thread page adds c and e).
func (k *KeyMap) roleKeys(r board.Role) []key.Binding {
	var out []key.Binding
	if r.CanModerate() {
		out = append(out, k.Queue)
	}
	if r.CanEditNews() {
		out = append(out, k.NewThread, k.Categories)
	}
	if r.CanAdmin() {
		out = append(out, k.Users, k.Bans, k.Settings, k.Audit)
	}
	return out
}

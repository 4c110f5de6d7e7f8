package tui

import (
	"charm.land/bubbles/v2/key"

	"bangtin/board"
	"bangtin/board/i18n"
	"bangtin/board/tui/component"
)

// KeyMap is the one place for the TUI's keys. Help texts follow the session's language: the root
// model rebuilds the map when "L" switches it.
type KeyMap struct {
	component.KeyMap // the widgets' keys: Up, Down, Top, Bottom, fields, Submit, Cancel, Yes, No

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
	Months                    key.Binding // home: browse by month

	// Writing screens (board/tui write pages); shown only to roles that may use them.
	Comment, Queue, NewThread, Edit   key.Binding
	Categories, Users, Bans, Settings key.Binding
	Audit, Deleted, Mine              key.Binding

	// Keys inside the writing pages. The same letter may mean different things on different
	// pages (r: reject in the queue, role in users), never twice on one page.
	Save, Send, Preview                  key.Binding // forms: ctrl+s, ctrl+p
	Approve, Reject, EditComment, Delete key.Binding // moderation
	Ban, Hide, Mark, MarkAll, Find       key.Binding
	Reload, Close                        key.Binding
	Add, Rename, RenameCat, MoveUp, Lift key.Binding // categories, users, bans
	MoveDown, Role, AddKey, Password     key.Binding
	RemoveKey, RemoveAccount, Kind, Who  key.Binding // users, audit
	PrevKind, RestoreRev, OpenItem       key.Binding
	Restore, OpenTarget                  key.Binding // deleted threads, audit

	Files, Caption key.Binding // a thread's files (editors): open the files screen, caption one
}

// NewKeyMap builds the keys with help texts in lang.
func NewKeyMap(lang i18n.Lang) *KeyMap {
	b := func(desc i18n.Key, help string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, i18n.T(lang, desc)))
	}
	return &KeyMap{
		KeyMap: component.KeyMap{
			Up:           b(i18n.TUIKeyUp, "↑/k", "up", "k"),
			Down:         b(i18n.TUIKeyDown, "↓/j", "down", "j"),
			Top:          b(i18n.TUIKeyTop, "home/g", "home", "g"),
			Bottom:       b(i18n.TUIKeyBottom, "end/G", "end", "G"),
			ListPageUp:   b(i18n.TUIKeyPageUp, "pgup", "pgup"),
			ListPageDown: b(i18n.TUIKeyPageDown, "pgdn", "pgdown"),
			ScrollUp:     b(i18n.TUIKeyPageUp, "pgup", "pgup"),
			ScrollDown:   b(i18n.TUIKeyPageDown, "pgdn/space", "pgdown", "space", " "),
			NextField:    b(i18n.TWHelpNextField, "tab", "tab"),
			PrevField:    b(i18n.TWHelpNextField, "shift+tab", "shift+tab"),
			FieldUp:      b(i18n.TWHelpNextField, "↑", "up"),
			FieldDown:    b(i18n.TWHelpNextField, "↓", "down"),
			Enter:        b(i18n.TUIKeyConfirm, "enter", "enter"),
			ChoiceLeft:   b(i18n.TWHelpMove, "←", "left", "h"),
			ChoiceRight:  b(i18n.TWHelpMove, "→", "right", "l", "space"),
			Toggle:       b(i18n.TWHelpMove, "space", "space", "enter", "left", "right", "x"),
			Press:        b(i18n.TUIKeyOpen, "enter", "enter", "space"),
			ButtonLeft:   b(i18n.TWHelpMove, "←", "left"),
			ButtonRight:  b(i18n.TWHelpMove, "→", "right"),
			Submit:       b(i18n.TWSave, "ctrl+s", "ctrl+s"),
			Cancel:       b(i18n.TWHelpCancel, "esc", "esc"),
			Yes:          b(i18n.TWHelpYes, "c/y", "c", "C", "y", "Y"),
			No:           b(i18n.TWHelpCancel, "k/n", "k", "K", "n", "N"),
		},
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
		Months:       b(i18n.TUIKeyMonths, "t", "t"),

		Comment:    b(i18n.TUIKeyComment, "c", "c"),
		Queue:      b(i18n.TUIKeyQueue, "m", "m"),
		NewThread:  b(i18n.TUIKeyNewThread, "N", "N"),
		Edit:       b(i18n.TUIKeyEdit, "e", "e"),
		Categories: b(i18n.TUIKeyCategories, "C", "C"),
		Users:      b(i18n.TUIKeyUsers, "U", "U"),
		Bans:       b(i18n.TUIKeyBans, "B", "B"),
		Settings:   b(i18n.TUIKeySettings, "S", "S"),
		Audit:      b(i18n.TUIKeyAudit, "A", "A"),
		Deleted:    b(i18n.TUIKeyDeleted, "D", "D"),
		Mine:       b(i18n.TUIKeyMine, "M", "M"),

		Save:          b(i18n.TWSave, "ctrl+s", "ctrl+s"),
		Send:          b(i18n.TWSend, "ctrl+s", "ctrl+s"),
		Preview:       b(i18n.TWEdPreview, "ctrl+p", "ctrl+p"),
		Approve:       b(i18n.TWKeyApprove, "a", "a"),
		Reject:        b(i18n.TWKeyReject, "r", "r"),
		EditComment:   b(i18n.TWKeyEdit, "e", "e"),
		Delete:        b(i18n.TWKeyDelete, "d", "d", "x", "delete"),
		Ban:           b(i18n.TWKeyBan, "b", "b"),
		Hide:          b(i18n.TWKeyHide, "h", "h"),
		Mark:          b(i18n.TWKeyMark, "space", "space", " "),
		MarkAll:       b(i18n.TWKeyMarkAll, "*", "*"),
		Find:          b(i18n.TUIKeyRun, "/", "/", "f"),
		Reload:        b(i18n.TWKeyReload, "R", "R", "ctrl+r"),
		Close:         b(i18n.TUIKeyBack, "esc", "esc", "q", "backspace"),
		Add:           b(i18n.TWKeyAdd, "a", "a"),
		Rename:        b(i18n.TWKeyRename, "n", "n"),
		RenameCat:     b(i18n.TWKeyRename, "r", "r", "enter"),
		MoveUp:        b(i18n.TWKeyReorder, "K", "K", "shift+up", "alt+up"),
		MoveDown:      b(i18n.TWKeyReorder, "J", "J", "shift+down", "alt+down"),
		Lift:          b(i18n.TWKeyLift, "d", "d", "x", "delete", "enter"),
		Role:          b(i18n.TWKeyRole, "r", "r"),
		AddKey:        b(i18n.TWKeyAddKey, "K", "K", "+"),
		Password:      b(i18n.TWKeyPassword, "p", "p"),
		RemoveKey:     b(i18n.TWKeyRemoveKey, "d", "d", "x", "delete"),
		RemoveAccount: b(i18n.TWKeyRemoveAccount, "d", "d", "x", "delete"),
		Kind:          b(i18n.TWKeyKind, "t", "t", "tab", "right"),
		PrevKind:      b(i18n.TWKeyKind, "shift+tab", "shift+tab", "left"),
		Who:           b(i18n.TWKeyWho, "w", "w", "/"),
		RestoreRev:    b(i18n.TWEdRestore, "r", "r"),
		OpenItem:      b(i18n.TUIKeyOpen, "enter", "enter"),
		Restore:       b(i18n.TWKeyRestore, "r", "r", "u"),
		OpenTarget:    b(i18n.TWKeyOpenTarget, "o", "o"),

		Files:   b(i18n.TUIKeyFiles, "f", "f"),
		Caption: b(i18n.TWKeyCaption, "c/enter", "c", "enter"),
	}
}

// roleKeys are the writing-screen keys an identity may use anywhere (the thread page adds c
// and e): "my comments" for identified writers (accounts, guests with a key), then by role.
func (k *KeyMap) roleKeys(id board.Identity) []key.Binding {
	var out []key.Binding
	if identified(id) {
		out = append(out, k.Mine)
	}
	r := id.Role
	if r.CanModerate() {
		out = append(out, k.Queue)
	}
	if r.CanEditNews() {
		out = append(out, k.NewThread, k.Categories)
	}
	if r.CanAdmin() {
		out = append(out, k.Users, k.Bans, k.Settings, k.Audit, k.Deleted)
	}
	return out
}

// identified reports whether the board can tell this writer's comments: an account, or a guest
// with a key (board.MyComments).
func identified(id board.Identity) bool { return id.IsAccount() || id.Fingerprint != "" }

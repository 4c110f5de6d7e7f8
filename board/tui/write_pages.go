package tui

import "bangtin/board"

// Writing pages (comment form, moderation queue, news editor, categories, users, bans, settings,
// audit log). Their implementations live in their own files; these constructors are the contract
// the root model uses to open them.

// NewCommentForm opens the comment form under thread t ("c").
func NewCommentForm(c *Common, t board.Thread) Page { return nil }

// NewQueue opens the moderation queue (moderators).
func NewQueue(c *Common) Page { return nil }

// NewEditor opens the news editor on t, or on a new thread when t is nil (editors).
func NewEditor(c *Common, t *board.Thread) Page { return nil }

// NewCategories opens category management (editors).
func NewCategories(c *Common) Page { return nil }

// NewUsers opens account management (admins).
func NewUsers(c *Common) Page { return nil }

// NewBans opens the ban list (admins).
func NewBans(c *Common) Page { return nil }

// NewSettings opens the board settings: moderation mode, captcha, word list (admins).
func NewSettings(c *Common) Page { return nil }

// NewAudit opens the audit log (admins).
func NewAudit(c *Common) Page { return nil }

// Package input is Vietnamese typing in the TUI's text fields for readers whose machine runs no
// input method (a Linux console, a server's terminal, PuTTY without Unikey, a phone's SSH app):
// Telex and VNI as Unikey types them, over github.com/BambooEngine/bamboo-core (the engine of
// ibus-bamboo: tone placement old or new style, free typing order, "w" alone as "ư", undo of a
// transformation by repeating its key, a spelling check).
//
// A Composer follows the word being typed before the cursor. Each key press becomes a Step: an
// Edit ("delete k runes before the cursor, insert s") and whether the key itself still goes to
// the field. The TUI turns the edit into ordinary key presses (k backspaces, then the text), so
// bubbles' textinput and textarea and every form work unchanged; nothing here knows a field.
// Everything that is not a letter of the word (space, punctuation, Enter, Tab, a cursor move, a
// control key, a paste, text an input method already composed) ends the word and passes through
// untouched. A word that the engine transformed but that is not Vietnamese ("Windows" typed as
// "Ưindớ") is given back as typed when it ends, as Unikey's "restore keys of invalid words".
// Output is NFC (precomposed), so a letter is always one rune and one cell.
package input

import (
	"slices"
	"unicode/utf8"

	bamboo "github.com/BambooEngine/bamboo-core"
	"golang.org/x/text/unicode/norm"

	"bangtin/board"
)

// Method is a Vietnamese typing method.
type Method uint8

const (
	// Telex types marks with letters: "aa" â, "aw" ă, "ow" ơ, "uw" or "w" ư, "dd" đ; tones
	// s f r x j (sắc huyền hỏi ngã nặng), z removes the tone.
	Telex Method = iota
	// VNI types them with digits: 6 â ê ô, 7 ư ơ, 8 ă, 9 đ; tones 1–5, 0 removes the tone.
	VNI
)

// String is the method's name as readers know it.
func (m Method) String() string {
	if m == VNI {
		return "VNI"
	}
	return "Telex"
}

// Settings are a reader's choices.
type Settings struct {
	On     bool
	Method Method
	// NewTone places tones the new way ("hoà", "thuỷ"); false is the old way, Unikey's
	// default ("hòa", "thủy").
	NewTone bool
}

// Label is the state as the form shows it: "VN Telex", "VN VNI" or "EN".
func (s Settings) Label() string {
	if !s.On {
		return "EN"
	}
	return "VN " + s.Method.String()
}

// Next is the next typing style in the order Telex old, Telex new, VNI old, VNI new; it turns
// the input on.
func (s Settings) Next() Settings {
	switch {
	case !s.NewTone:
		s.NewTone = true
	case s.Method == Telex:
		s.Method, s.NewTone = VNI, false
	default:
		s.Method, s.NewTone = Telex, false
	}
	s.On = true
	return s
}

// Method names stored in board.ReaderPrefs.
const (
	prefTelex = "telex"
	prefVNI   = "vni"
)

// FromPrefs reads the settings a reader saved.
func FromPrefs(p board.ReaderPrefs) Settings {
	s := Settings{On: p.VNInput, NewTone: p.VNNewTone}
	if p.VNMethod == prefVNI {
		s.Method = VNI
	}
	return s
}

// Prefs is what is saved for the reader.
func (s Settings) Prefs() board.ReaderPrefs {
	m := prefTelex
	if s.Method == VNI {
		m = prefVNI
	}
	return board.ReaderPrefs{VNInput: s.On, VNMethod: m, VNNewTone: s.NewTone}
}

// Edit changes the text just before the cursor.
type Edit struct {
	Delete int    // runes to remove before the cursor
	Insert string // then the text to insert there (NFC)
}

// Empty reports whether the edit changes nothing.
func (e Edit) Empty() bool { return e.Delete == 0 && e.Insert == "" }

// maxWord bounds the keys of one word the engine composes (its work grows with the word): a
// longer run of letters is no Vietnamese word, and its further letters pass through as typed.
const maxWord = 16

// Engine definitions, parsed once (parsing walks every method bamboo knows).
var (
	// "Telex W" is Telex with "w" alone as "ư", as in Unikey.
	telexDef = bamboo.ParseInputMethod(bamboo.InputMethodDefinitions, "Telex W")
	vniDef   = bamboo.ParseInputMethod(bamboo.InputMethodDefinitions, "VNI")
)

// Composer composes the word before the cursor of one session. It is not safe for concurrent
// use (a session's Update runs on one goroutine).
type Composer struct {
	s      Settings
	engine bamboo.IEngine
	shown  []rune // the word as the field holds it, ending at the cursor
	keys   int    // keys typed into the word (backspaces do not count down)
	long   bool   // the word outgrew maxWord: its letters pass through until it ends
	edited bool   // a backspace went into the word: the reader is editing, no restore
}

// NewComposer makes a composer with settings s.
func NewComposer(s Settings) *Composer {
	c := &Composer{}
	c.SetSettings(s)
	return c
}

// Settings are the composer's current settings.
func (c *Composer) Settings() Settings { return c.s }

// SetSettings changes the settings; the word being composed ends as it stands.
func (c *Composer) SetSettings(s Settings) {
	c.s = s
	def := telexDef
	if s.Method == VNI {
		def = vniDef
	}
	// EstdToneStyle is bamboo's name for the old placement ("hòa").
	flags := bamboo.EfreeToneMarking | bamboo.EautoCorrectEnabled
	if !s.NewTone {
		flags |= bamboo.EstdToneStyle
	}
	c.engine = bamboo.NewEngine(def, flags)
	c.reset()
}

// Composing reports whether a word is being composed.
func (c *Composer) Composing() bool { return len(c.shown) > 0 }

func (c *Composer) reset() {
	c.engine.Reset()
	c.shown = c.shown[:0]
	c.keys = 0
	c.long, c.edited = false, false
}

// composable reports whether r is a key of the word: an ASCII letter, or a digit in VNI.
func (c *Composer) composable(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		return true
	case r >= '0' && r <= '9':
		return c.s.Method == VNI
	}
	return false
}

// Type composes the letter r into the word. ok is false when r is not part of a word (the
// caller ends the word with End and passes r through).
func (c *Composer) Type(r rune) (e Edit, ok bool) {
	if !c.s.On || !c.composable(r) {
		return Edit{}, false
	}
	if c.long {
		return Edit{Insert: string(r)}, true
	}
	if len(c.shown) == 0 {
		c.engine.Reset()
		c.keys = 0
	}
	if c.keys >= maxWord {
		// Keep what is shown and stop composing this word.
		c.reset()
		c.long = true
		return Edit{Insert: string(r)}, true
	}
	c.keys++
	c.engine.ProcessKey(r, bamboo.VietnameseMode)
	return c.show(c.engine.GetProcessedString(bamboo.VietnameseMode)), true
}

// Backspace removes the last letter of the word (a composed letter as a whole: "việt" becomes
// "việ", and typing goes on composing it). ok is false when no word is being composed: the
// caller passes the backspace to the field.
func (c *Composer) Backspace() (e Edit, ok bool) {
	if !c.s.On || len(c.shown) == 0 {
		c.long = false
		return Edit{}, false
	}
	c.engine.RemoveLastChar(true)
	c.edited = true
	e = c.show(c.engine.GetProcessedString(bamboo.VietnameseMode))
	if len(c.shown) == 0 {
		c.reset()
	}
	return e, true
}

// End ends the word. If the engine changed letters of a word that is not Vietnamese, the edit
// gives the word back as it was typed (unless the reader backspaced into it: then the word
// stays as edited).
func (c *Composer) End() Edit {
	defer c.reset()
	if len(c.shown) == 0 || c.edited || c.engine.IsValid(true) {
		return Edit{}
	}
	if !slices.ContainsFunc(c.shown, func(r rune) bool { return r >= utf8.RuneSelf }) {
		return Edit{} // nothing Vietnamese on screen ("ass" undone to "as" stays "as")
	}
	return c.show(c.engine.GetProcessedString(bamboo.EnglishMode))
}

// show makes the field's word become w: the edit keeps the common prefix.
func (c *Composer) show(w string) Edit {
	nw := []rune(norm.NFC.String(w))
	p := 0
	for p < len(nw) && p < len(c.shown) && nw[p] == c.shown[p] {
		p++
	}
	e := Edit{Delete: len(c.shown) - p, Insert: string(nw[p:])}
	c.shown = append(c.shown[:0], nw...)
	return e
}

package input

import (
	"strings"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"golang.org/x/text/unicode/norm"

	"bangtin/board"
)

// field is a text field as bubbles keeps it, with the cursor at the end: it applies steps the
// way the TUI does (the edit as key presses, then the key if it passes).
type field struct{ text []rune }

func (f *field) press(k tea.KeyPressMsg) {
	switch {
	case k.Code == tea.KeyBackspace:
		if len(f.text) > 0 {
			f.text = f.text[:len(f.text)-1]
		}
	case k.Code == tea.KeyEnter:
		f.text = append(f.text, '\n')
	case k.Code == tea.KeyTab:
		f.text = append(f.text, '\t')
	case k.Text != "":
		f.text = append(f.text, []rune(k.Text)...)
	}
}

// keyOf is the key press of one rune of a test's input: '\b' is backspace, '\n' Enter, '\t' Tab.
func keyOf(r rune) tea.KeyPressMsg {
	switch r {
	case '\b':
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case '\n':
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case '\t':
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case ' ':
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	}
	k := tea.KeyPressMsg{Code: r, Text: string(r)}
	if r >= 'A' && r <= 'Z' {
		k.Code, k.ShiftedCode, k.Mod = r+'a'-'A', r, tea.ModShift
	}
	return k
}

// typeInto types in into a field through a composer with settings s, then Ctrl-S (which ends
// the word, as any control key does).
func typeInto(s Settings, in string) string {
	c := NewComposer(s)
	var f field
	for _, r := range in + "\x13" {
		k := keyOf(r)
		if r == '\x13' {
			k = tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}
		}
		st := c.Key(k)
		for _, ek := range st.Edit.Keys() {
			f.press(ek)
		}
		if st.Pass {
			f.press(k)
		}
	}
	return string(f.text)
}

var (
	telexOld = Settings{On: true, Method: Telex}
	telexNew = Settings{On: true, Method: Telex, NewTone: true}
	vniOld   = Settings{On: true, Method: VNI}
	vniNew   = Settings{On: true, Method: VNI, NewTone: true}
)

var typingCases = []struct {
	s        Settings
	in, want string
}{
	// Telex: marks, tones, free order.
	{telexOld, "aa", "â"},
	{telexOld, "aw", "ă"},
	{telexOld, "ee", "ê"},
	{telexOld, "oo", "ô"},
	{telexOld, "ow", "ơ"},
	{telexOld, "uw", "ư"},
	{telexOld, "w", "ư"},
	{telexOld, "dd", "đ"},
	{telexOld, "DD", "Đ"},
	{telexOld, "Dd", "Đ"},
	{telexOld, "ddi", "đi"},
	{telexOld, "Ddaf Nawngx", "Đà Nẵng"},
	{telexOld, "as", "á"},
	{telexOld, "af", "à"},
	{telexOld, "ar", "ả"},
	{telexOld, "ax", "ã"},
	{telexOld, "aj", "ạ"},
	{telexOld, "asz", "a"},
	{telexOld, "asf", "à"},
	{telexOld, "Lof Vawn Minh", "Lò Văn Minh"},
	{telexOld, "Gops ys", "Góp ý"},
	{telexOld, "Vieejt Nam ddejp quas, hoaf thuaanj.", "Việt Nam đẹp quá, hòa thuận."},
	{telexOld, "ddeejp", "đệp"}, // "ee" is ê: đẹp is typed "ddejp" (in Unikey too)
	{telexOld, "VIEEJT", "VIỆT"},
	{telexOld, "VIEEJT NAM", "VIỆT NAM"},
	{telexOld, "Vieejt", "Việt"},
	{telexOld, "vieetj", "việt"},
	{telexOld, "viejet", "việt"},
	{telexOld, "hoangf", "hoàng"},
	{telexOld, "hoafng", "hoàng"},
	{telexOld, "dduwowngf", "đường"},
	{telexOld, "dduowngf", "đường"},
	{telexOld, "duwowngfd", "đường"},
	{telexOld, "truwowngf", "trường"},
	{telexOld, "nguwowif", "người"},
	{telexOld, "nguoiwf", "người"},
	{telexOld, "muaw", "mưa"},
	{telexOld, "chuwa", "chưa"},
	{telexOld, "giuwax", "giữa"},
	{telexOld, "tieengs", "tiếng"},
	{telexOld, "tiengse", "tiếng"},
	{telexOld, "khoong", "không"},
	{telexOld, "tooi", "tôi"},
	{telexOld, "cuar", "của"},
	{telexOld, "chuyeenr", "chuyển"},
	{telexOld, "ddaauf", "đầu"},
	{telexOld, "bawts", "bắt"},
	{telexOld, "nawm", "năm"},
	{telexOld, "thowif", "thời"},
	{telexOld, "sowr", "sở"},
	{telexOld, "xax", "xã"},
	{telexOld, "phuwowngf", "phường"},
	{telexOld, "tinhr", "tỉnh"},
	{telexOld, "caans", "cấn"},
	{telexOld, "Huees", "Huế"},
	{telexOld, "Haf Nooij", "Hà Nội"},
	{telexOld, "Thanhf phoos Hoof Chis Minh", "Thành phố Hồ Chí Minh"},
	{telexOld, "baor veej trer em", "bảo vệ trẻ em"},
	{telexOld, "caamf", "cầm"},
	{telexOld, "hoiwr", "hởi"},
	{telexOld, "ngoaif", "ngoài"},
	{telexOld, "khuyeens", "khuyến"},
	{telexOld, "uoongs", "uống"},
	{telexOld, "huwowu", "hươu"},
	{telexOld, "rượu", "rượu"}, // an input method's letters pass through
	{telexOld, "ruwowuj", "rượu"},
	// qu and gi: the u of qu and the i of gi are not vowels of the rhyme.
	{telexOld, "quas", "quá"},
	{telexOld, "quaf", "quà"},
	{telexOld, "quyeets", "quyết"},
	{telexOld, "quoocs", "quốc"},
	{telexOld, "quys", "quý"},
	{telexOld, "gias", "giá"},
	{telexOld, "gif", "gì"},
	{telexOld, "giuwx", "giữ"},
	{telexOld, "gioongs", "giống"},
	{telexOld, "giaas", "giấ"},
	// Tone style: old (Unikey's default) and new.
	{telexOld, "hoaf", "hòa"},
	{telexNew, "hoaf", "hoà"},
	{telexOld, "thuyr", "thủy"},
	{telexNew, "thuyr", "thuỷ"},
	{telexOld, "khoer", "khỏe"},
	{telexNew, "khoer", "khoẻ"},
	{telexOld, "hoaf thuaanj", "hòa thuận"},
	{telexNew, "hoaf thuaanj", "hoà thuận"},
	{telexNew, "hoangf", "hoàng"},
	{telexNew, "quas", "quá"},
	{telexNew, "thuyeenf", "thuyền"},
	{telexOld, "thuyeenf", "thuyền"},
	{telexNew, "Vieejt Nam", "Việt Nam"},
	// Undo by repeating the key.
	{telexOld, "ass", "as"},
	{telexOld, "aaa", "aa"},
	{telexOld, "ddd", "dd"},
	{telexOld, "ww", "w"},
	{telexOld, "uww", "uw"},
	{telexOld, "ooo", "oo"},
	{telexOld, "tooo", "too"},
	{telexOld, "vieejjt", "vieejjt"}, // viêjt is no word: given back as typed when it ends
	// Backspace removes a composed letter whole, and composing goes on.
	{telexOld, "vieejt\b", "việ"},
	{telexOld, "vieejt\b\b", "vi"},
	{telexOld, "vieet\bj", "việ"},
	{telexOld, "ddeejp\b\b\b", ""},
	{telexOld, "hoaf\b", "hò"},
	{telexOld, "dd\b", ""},
	{telexOld, "aa\bw", "ư"},     // â went whole; w alone is ư
	{telexOld, "hoaf\ba", "hòa"}, // the tone stays with the syllable and moves as it grows
	{telexNew, "hoaf\ba", "hoa"}, // the tone was on the a and went with it
	{telexOld, "vieejt\b\bt", "vit"},
	{telexOld, "Wins\b", "Ưin"}, // no restore after a backspace: the reader is editing
	{telexOld, "Lof \b", "Lò"},
	{telexOld, "Lof \bs", "Lòs"}, // after the word ended, a letter starts a new one
	{telexOld, "abc \b\b", "ab"},
	// Words end at spaces, punctuation, Enter and Tab; digits pass in Telex.
	{telexOld, "as.", "á."},
	{telexOld, "as,as", "á,á"},
	{telexOld, "as\nas", "á\ná"},
	{telexOld, "2024 nawm", "2024 năm"},
	{telexOld, "a1s", "a1s"},
	{telexOld, "(ddi)", "(đi)"},
	{telexOld, "e-mail", "e-mail"},
	// Words that are not Vietnamese come back as typed when they end.
	{telexOld, "Windows ", "Windows "},
	{telexOld, "hello world", "hello world"},
	{telexOld, "Ubuntu.", "Ubuntu."},
	{telexOld, "xinh", "xinh"},
	// VNI.
	{vniOld, "a6", "â"},
	{vniOld, "a8", "ă"},
	{vniOld, "e6", "ê"},
	{vniOld, "o6", "ô"},
	{vniOld, "o7", "ơ"},
	{vniOld, "u7", "ư"},
	{vniOld, "d9", "đ"},
	{vniOld, "D9", "Đ"},
	{vniOld, "a1", "á"},
	{vniOld, "a2", "à"},
	{vniOld, "a3", "ả"},
	{vniOld, "a4", "ã"},
	{vniOld, "a5", "ạ"},
	{vniOld, "a10", "a"},
	{vniOld, "a11", "a1"},
	{vniOld, "Vie65t Nam", "Việt Nam"},
	{vniOld, "Viet65 Nam", "Việt Nam"},
	{vniOld, "VIE65T", "VIỆT"},
	{vniOld, "d9u7o7ng2", "đường"},
	{vniOld, "duong792", "đường"},
	{vniOld, "hoa2", "hòa"},
	{vniNew, "hoa2", "hoà"},
	{vniOld, "thuy3", "thủy"},
	{vniNew, "thuy3", "thuỷ"},
	{vniOld, "qua1", "quá"},
	{vniOld, "gi2", "gì"},
	{vniOld, "Lo2 Va8n Minh", "Lò Văn Minh"},
	{vniOld, "d9e5p", "đẹp"},
	{vniOld, "nguoi72", "người"},
	{vniOld, "2024", "2024"},
	{vniOld, "ngay2 15/8/2024", "ngày 15/8/2024"},
	{vniOld, "vie65t\b", "việ"},
	{vniOld, "d99", "d9"},
	// Off: every key as typed.
	{Settings{Method: Telex}, "Vieejt Nam", "Vieejt Nam"},
	{Settings{Method: VNI}, "Vie65t", "Vie65t"},
}

func TestTyping(t *testing.T) {
	if len(typingCases) < 100 {
		t.Fatalf("%d cases, the table needs at least 100", len(typingCases))
	}
	for _, c := range typingCases {
		got := typeInto(c.s, c.in)
		if got != c.want {
			t.Errorf("%s %q = %q, want %q", c.s.Label(), strings.ReplaceAll(c.in, "\b", "⌫"), got, c.want)
		}
		if !norm.NFC.IsNormalString(got) {
			t.Errorf("%s %q = %q: not NFC", c.s.Label(), c.in, got)
		}
	}
}

// TestEditsAreMinimal: a tone on a long word rewrites only from the changed letter on, and a
// plain letter is one insert.
func TestEditsAreMinimal(t *testing.T) {
	c := NewComposer(telexOld)
	for _, r := range "nguoi" {
		if e, ok := c.Type(r); !ok || e.Delete != 0 || e.Insert != string(r) {
			t.Fatalf("%q: %+v %v", r, e, ok)
		}
	}
	e, _ := c.Type('w')
	if e != (Edit{Delete: 3, Insert: "ươi"}) {
		t.Fatalf("w after nguoi: %+v", e)
	}
	e, _ = c.Type('f')
	if e != (Edit{Delete: 2, Insert: "ời"}) {
		t.Fatalf("f after ngươi: %+v", e)
	}
}

// TestLongRunPassesThrough: a run of letters longer than any word stops being composed (the
// engine's work per key stays bounded) and keeps every letter.
func TestLongRunPassesThrough(t *testing.T) {
	in := strings.Repeat("aw", 40)
	got := typeInto(telexOld, in)
	if utf8.RuneCountInString(got) < maxWord || !strings.HasSuffix(got, "awaw") {
		t.Fatalf("long run = %q", got)
	}
	if got := typeInto(telexOld, in+" as"); !strings.HasSuffix(got, " á") {
		t.Fatalf("the next word is composed again: %q", got)
	}
}

func TestKeysPassThrough(t *testing.T) {
	c := NewComposer(telexOld)
	for _, k := range []tea.KeyPressMsg{
		{Code: 'z', Mod: tea.ModCtrl},
		{Code: 'f', Mod: tea.ModAlt},
		{Code: tea.KeyLeft},
		{Code: tea.KeyBackspace},
		{Code: 'ệ', Text: "ệ"},
	} {
		if st := c.Key(k); !st.Pass || !st.Edit.Empty() {
			t.Errorf("%s: %+v", k, st)
		}
	}
	c.Type('a')
	c.Type('s')
	if st := c.Key(tea.KeyPressMsg{Code: tea.KeyLeft}); !st.Pass || !st.Edit.Empty() || c.Composing() {
		t.Errorf("left ends the word: %+v composing %v", st, c.Composing())
	}
}

func TestSettings(t *testing.T) {
	s := Settings{}
	if s.Label() != "EN" {
		t.Fatal(s.Label())
	}
	var seen []string
	for range 5 {
		s = s.Next()
		seen = append(seen, s.Label()+map[bool]string{true: " new", false: " old"}[s.NewTone])
	}
	if got := strings.Join(seen, ","); got != "VN Telex new,VN VNI old,VN VNI new,VN Telex old,VN Telex new" {
		t.Fatal(got)
	}
	for _, s := range []Settings{{}, telexOld, telexNew, vniOld, vniNew, {Method: VNI, NewTone: true}} {
		if got := FromPrefs(s.Prefs()); got != s {
			t.Errorf("%+v -> %+v -> %+v", s, s.Prefs(), got)
		}
	}
	if FromPrefs(board.ReaderPrefs{}) != (Settings{}) {
		t.Error("zero prefs are not the default settings")
	}
}

// TestSessionsShareNothing: sessions type at once (the parsed methods are shared, read-only);
// go test -race checks it.
func TestSessionsShareNothing(t *testing.T) {
	done := make(chan string)
	for i := range 4 {
		go func() {
			s := []Settings{telexOld, telexNew, vniOld, vniNew}[i]
			in := map[Method]string{Telex: "dduwowngf Vieejt Nam", VNI: "d9u7o7ng2 Vie65t Nam"}[s.Method]
			var got string
			for range 20 {
				got = typeInto(s, in)
			}
			done <- got
		}()
	}
	for range 4 {
		if got := <-done; got != "đường Việt Nam" {
			t.Errorf("concurrent typing = %q", got)
		}
	}
}

package board

// names is the text of a small enum's values (Role, ThreadStatus, CommentStatus,
// ModerationMode), indexed by value: one lookup each way for all of them.
type names[T ~uint8] []string

// name is the text of v; ok is false for a value with no name.
func (n names[T]) name(v T) (s string, ok bool) {
	if int(v) < len(n) {
		return n[v], true
	}
	return "", false
}

// text is the name of v, "unknown" for a value with no name.
func (n names[T]) text(v T) string {
	if s, ok := n.name(v); ok {
		return s
	}
	return "unknown"
}

// has reports whether v is a named value.
func (n names[T]) has(v T) bool { return int(v) < len(n) }

// parse finds the value whose name is s by same (string equality when nil).
func (n names[T]) parse(s string, same func(a, b string) bool) (T, bool) {
	for i, name := range n {
		if (same == nil && s == name) || (same != nil && same(s, name)) {
			return T(i), true
		}
	}
	return 0, false
}

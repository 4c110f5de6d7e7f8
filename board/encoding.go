package board

// UnmarshalText reads a status written by MarshalText.
func (s *ThreadStatus) UnmarshalText(b []byte) error {
	v, ok := threadStatusNames.parse(string(b), nil)
	if !ok {
		return &ValidationError{Field: "status", Problem: ProblemUnknown}
	}
	*s = v
	return nil
}

// UnmarshalText reads a status written by MarshalText.
func (s *CommentStatus) UnmarshalText(b []byte) error {
	v, ok := commentStatusNames.parse(string(b), nil)
	if !ok {
		return &ValidationError{Field: "status", Problem: ProblemUnknown}
	}
	*s = v
	return nil
}

package board

// UnmarshalText reads a status written by MarshalText.
func (s *ThreadStatus) UnmarshalText(b []byte) error {
	for i, n := range threadStatusNames {
		if string(b) == n {
			*s = ThreadStatus(i)
			return nil
		}
	}
	return &ValidationError{Field: "status", Problem: ProblemUnknown}
}

// UnmarshalText reads a status written by MarshalText.
func (s *CommentStatus) UnmarshalText(b []byte) error {
	for i, n := range commentStatusNames {
		if string(b) == n {
			*s = CommentStatus(i)
			return nil
		}
	}
	return &ValidationError{Field: "status", Problem: ProblemUnknown}
}

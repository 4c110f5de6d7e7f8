package pgstore

// SetRareLimit changes the posting count under which a query word is rare, for a test; the
// returned function restores it.
func SetRareLimit(n int) (restore func()) {
	old := rareLimit
	rareLimit = n
	return func() { rareLimit = old }
}

var NextBatch = nextBatch

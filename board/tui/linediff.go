package tui

import "strings"

// lineDiff is a line diff of a and b for the editor's history: lines only in a start with "- ",
// lines only in b with "+ ", unchanged lines are left out. Hand-written (no diff library in the
// module): common leading and trailing lines are trimmed, then the middle is matched by longest
// common subsequence when it is small (at most maxLCS cells), else shown as removed and added.
func lineDiff(a, b string) []string {
	const maxLCS = 250_000
	x, y := strings.Split(a, "\n"), strings.Split(b, "\n")
	for len(x) > 0 && len(y) > 0 && x[0] == y[0] {
		x, y = x[1:], y[1:]
	}
	for len(x) > 0 && len(y) > 0 && x[len(x)-1] == y[len(y)-1] {
		x, y = x[:len(x)-1], y[:len(y)-1]
	}
	var out []string
	if len(x)*len(y) > maxLCS {
		for _, l := range x {
			out = append(out, "- "+l)
		}
		for _, l := range y {
			out = append(out, "+ "+l)
		}
		return out
	}
	// lcs[i][j]: the longest common subsequence of x[i:] and y[j:].
	n, m := len(x), len(y)
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && x[i] == y[j]:
			i, j = i+1, j+1
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, "- "+x[i])
			i++
		default:
			out = append(out, "+ "+y[j])
			j++
		}
	}
	return out
}

// diffCounts counts the removed and added lines of a lineDiff.
func diffCounts(d []string) (removed, added int) {
	for _, l := range d {
		if strings.HasPrefix(l, "- ") {
			removed++
		} else {
			added++
		}
	}
	return removed, added
}

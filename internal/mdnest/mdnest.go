// Package mdnest measures how deeply markdown lists and block quotes nest.
//
// The course loader reports a lesson that nests deeper than Max as a
// problem at its line, and the markdown renderer shows such a text as plain
// text instead of handing it to glamour, whose time grows steeply with
// nesting (400 nested list items take minutes). Both use this one measure,
// so a course that passes check renders, and one that would not is an error
// at its file and line. The package depends on nothing, so the domain can
// use it without a terminal library.
package mdnest

import "strings"

// Max is the deepest nesting a lesson may use; no lesson needs more.
const Max = 16

// Depth is the deepest nesting of any line of md (see Line).
func Depth(md string) int {
	deepest := 0
	for line := range strings.Lines(md) {
		deepest = max(deepest, Line(line))
	}
	return deepest
}

// Line estimates how deeply one line nests: each list marker (-, *, + and a
// space) or quote mark (>) that opens the line counts one, and a list
// marker indented by n columns counts n/2 more, as an item nested under
// others would be.
func Line(line string) int {
	depth, _ := walk(line, -1)
	return depth
}

// Beyond reports where line's nesting first passes limit: the 0-based byte
// offset of the marker that takes it past, and true; or false when the
// line stays within limit.
func Beyond(line string, limit int) (int, bool) {
	_, at := walk(line, limit)
	return at, at >= 0
}

// walk measures line; when limit >= 0 it also returns the offset of the
// marker at which the depth first exceeds limit (-1 if it never does).
func walk(line string, limit int) (depth, at int) {
	at = -1
	rest := line
	for {
		trimmed := strings.TrimLeft(rest, " \t")
		indent := len(rest) - len(trimmed)
		var step int
		switch {
		case strings.HasPrefix(trimmed, ">"):
			step = 1
		case len(trimmed) > 1 && strings.ContainsRune("-*+", rune(trimmed[0])) && (trimmed[1] == ' ' || trimmed[1] == '\t'):
			step = 2
			depth += indent / 2
		default:
			return depth, at
		}
		depth++
		if limit >= 0 && at < 0 && depth > limit {
			at = len(line) - len(trimmed)
		}
		rest = trimmed[step:]
	}
}

// Package termtext makes untrusted text safe to put in front of a terminal.
//
// A course folder is written by someone else, and a terminal obeys escape
// sequences: a lesson title that carried ESC ] 52 could write the learner's
// clipboard. Everything from a course, a trace or an error message passes
// through Clean before it is drawn or printed.
package termtext

import (
	"strings"
	"unicode/utf8"
)

// Clean drops C0 controls except newline and tab, DEL, C1 controls
// (U+0080 to U+009F) and invalid UTF-8 from s. An escape sequence goes
// whole, so no inert residue such as "]52;c;…" is left in the text. It
// returns s itself, without allocating, when there is nothing to drop,
// which is nearly always.
func Clean(s string) string {
	if isClean(s) {
		return s
	}
	return strip(s, false)
}

// strip drops controls and escape sequences; withStyle keeps the ones Filter
// allows.
func strip(s string, withStyle bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			i += escape(&b, s[i:], withStyle)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if keep(r, size) {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Line is Clean for text that must stay on one line (a title, a task name, a
// file name): newlines and tabs become spaces too.
func Line(s string) string {
	s = Clean(s)
	if !strings.ContainsAny(s, "\n\t\r") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}

func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			return false
		}
		if c >= 0x80 {
			// Only non-ASCII text needs the slower rune-wise look.
			for _, r := range s[i:] {
				if r == utf8.RuneError || r >= 0x80 && r <= 0x9f || r < 0x20 && r != '\n' && r != '\t' || r == 0x7f {
					return false
				}
			}
			return true
		}
	}
	return true
}

func keep(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size <= 1:
		return false // invalid UTF-8
	case r == '\n' || r == '\t':
		return true
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return false
	}
	return true
}

// Package termtext makes untrusted text safe to put in front of a terminal,
// with one sanitiser per sink.
//
// A course folder is written by someone else, and a terminal obeys escape
// sequences: a lesson title that carried ESC ] 52 could write the learner's
// clipboard. A line break is as dangerous in a log: a file name holding
// "\n::error …" would write a GitHub workflow command of its own. And a
// right-to-left override makes a title read backwards. So every piece of
// untrusted text goes through the function for the place it is put:
//
//   - Text: a terminal, several lines (lesson prose, a caption, source).
//   - Message: one line of a message (an error, a note, a status line).
//   - Name: a name or title (a file name, a lesson title, a window title).
//   - Excerpt: a short quote of content inside a message.
//   - Filter: what a renderer produced, keeping its colours and web links.
package termtext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text is for a terminal, over several lines: it drops C0 controls except
// newline and tab, DEL, C1 controls (U+0080 to U+009F), the bidirectional
// embeddings, overrides and isolates (see Drops) and invalid UTF-8 from s. An escape sequence goes whole, so no inert residue such as
// "]52;c;…" is left in the text. It returns s itself, without allocating,
// when there is nothing to drop, which is nearly always.
func Text(s string) string {
	if isClean(s) {
		return s
	}
	return strip(s, false)
}

// Message is Text for one line of a message: every line break (newline,
// U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR) and tab becomes a
// space, so quoted text can neither start a line of its own in a log nor
// break the layout of a status line. (Text already drops carriage returns
// and NEL, U+0085, which is a C1 control.)
func Message(s string) string {
	s = Text(s)
	if !strings.ContainsFunc(s, breaksLine) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if breaksLine(r) {
			return ' '
		}
		return r
	}, s)
}

// Name is Text for a name or a title, shown on one line where a reader
// trusts what it sees: a line break, a tab, a bidirectional control (with
// U+202E, "evil\u202edm.txt" reads as "eviltxt.md") or an invisible character
// (which makes two different names look alike) is shown as <U+XXXX>
// instead, so that the name on screen is the name on disk.
func Name(s string) string {
	if !strings.ContainsFunc(s, hidden) {
		return Text(s)
	}
	// Shown before Text runs, which would drop the overrides.
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if hidden(r) {
			b.WriteString(codePoint(r))
		} else {
			b.WriteString(s[i : i+size]) // invalid bytes as they are, for Text to drop
		}
		i += size
	}
	return Text(b.String())
}

// codePoint is r written as <U+XXXX>.
func codePoint(r rune) string { return fmt.Sprintf("<U+%04X>", r) }

// breaksLine is what ends a line, or moves the text along it, on some
// terminal or in some log viewer.
func breaksLine(r rune) bool {
	switch r {
	case '\n', '\r', '\t', '\v', '\f', 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

// hidden is what Name shows by its code point: line breaks, bidirectional
// controls (embeddings, overrides and isolates, the marks LRM, RLM and
// ALM), and characters that take no room (zero-width space and joiners,
// word joiner and invisible operators, BOM, Unicode tags).
func hidden(r rune) bool {
	switch {
	case breaksLine(r):
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069,
		r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	case r >= 0x200b && r <= 0x200d, r >= 0x2060 && r <= 0x2064,
		r == 0xfeff, r >= 0xe0000 && r <= 0xe007f:
		return true
	}
	return false
}

// Excerpt is a quote of content for a message: Message with its runs of
// spaces made one, cut to at most n characters, ending in "…" when cut. A
// cut never separates a mark from the letter it sits on.
func Excerpt(s string, n int) string {
	s = strings.Join(strings.Fields(Message(s)), " ")
	if n <= 0 {
		return ""
	}
	if letters(s) <= n {
		return s
	}
	cut, count := 0, 0
	for i, r := range s {
		if !isMark(r) {
			if count == n-1 {
				break
			}
			count++
		}
		cut = i + utf8.RuneLen(r)
	}
	return strings.TrimRight(s[:cut], " ") + "…"
}

// letters counts the characters of s that take a place of their own: every
// rune but the marks that combine with the one before.
func letters(s string) int {
	n := 0
	for _, r := range s {
		if !isMark(r) {
			n++
		}
	}
	return n
}

func isMark(r rune) bool { return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) }

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

func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			return false
		}
		if c >= 0x80 {
			// Only non-ASCII text needs the slower rune-wise look.
			for _, r := range s[i:] {
				if r == utf8.RuneError || Drops(r) {
					return false
				}
			}
			return true
		}
	}
	return true
}

func keep(r rune, size int) bool {
	if r == utf8.RuneError && size <= 1 {
		return false // invalid UTF-8
	}
	return !Drops(r)
}

// Drops reports whether Text drops r: a control character other than
// newline and tab, or a bidirectional embedding, override or isolate,
// with which a lesson could show text (code, say) in another order than
// the order it is read and run in. (The marks LRM, RLM and ALM stay: they
// only nudge neutral characters.) The course checker warns of what this
// drops, so that an author learns what learners will not see.
func Drops(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	}
	return overridesDirection(r)
}

func overridesDirection(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069
}

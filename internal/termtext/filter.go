package termtext

import (
	"strings"
	"unicode/utf8"
)

// Filter is the second layer, for text a renderer produced (glamour decodes
// &#27; into a real ESC, so cleaning its input is not enough). It keeps
// printable text, newlines and tabs, SGR colour sequences (ESC [ … m) and
// OSC 8 hyperlinks whose target is http or https (or empty, which closes a
// link) and whose parameters and target hold no control character; every
// other escape sequence and control character is dropped whole, so no stray
// "]52;…" residue is left behind either.
func Filter(s string) string {
	if isClean(s) {
		return s
	}
	return strip(s, true)
}

// escape handles the sequence at the start of s (s[0] is ESC), writing it to
// b when withStyle allows it, and returns how many bytes it spans.
func escape(b *strings.Builder, s string, withStyle bool) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[': // CSI: parameters, intermediates, one final byte
		j := 2
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x3f {
			j++
		}
		for j < len(s) && s[j] >= 0x20 && s[j] <= 0x2f {
			j++
		}
		if j >= len(s) {
			return len(s)
		}
		if s[j] == 0x1b || s[j] < 0x20 || s[j] >= 0x80 {
			// Cut short, as a terminal cuts it: an ESC starts the next
			// sequence, a control or a character is the caller's to judge.
			return j
		}
		if s[j] < 0x40 || s[j] > 0x7e {
			return j + 1 // malformed: drop it and what it swallowed
		}
		if withStyle && s[j] == 'm' && strings.Trim(s[2:j], "0123456789;:") == "" {
			b.WriteString(s[:j+1])
		}
		return j + 1
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: a string up to BEL or ST
		body, n, terminated := untilTerminator(s[2:])
		if withStyle && s[1] == ']' && terminated && safeLink(body) {
			b.WriteString("\x1b]" + body + "\x1b\\")
		}
		return 2 + n
	}
	return 2 // a two-byte escape (ESC c resets the terminal, ESC 7 saves the cursor, …)
}

// untilTerminator returns a control string's body, the bytes it spans, and
// whether BEL or ST (ESC \) ended it, counted in the span. Any other ESC
// ends it too, as it does on a terminal, but starts the next sequence, so
// it is left for the caller: "ESC ] 8 ; ESC c" is a cut-short string, then
// a reset, never a body that carries the reset inside. An unterminated
// string runs to the end of s.
func untilTerminator(s string) (body string, n int, terminated bool) {
	for j := 0; j < len(s); j++ {
		switch {
		case s[j] == 0x07:
			return s[:j], j + 1, true
		case s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\':
			return s[:j], j + 2, true
		case s[j] == 0x1b:
			return s[:j], j, false
		}
	}
	return s, len(s), false
}

// safeLink accepts OSC 8 ; params ; URI with an http(s) URI or none (which
// closes a link), when neither part holds a control character of any kind:
// the link is written back, and nothing but the link may go with it.
func safeLink(body string) bool {
	rest, ok := strings.CutPrefix(body, "8;")
	if !ok {
		return false
	}
	params, uri, ok := strings.Cut(rest, ";")
	if !ok || !printable(params) || !printable(uri) {
		return false
	}
	lower := strings.ToLower(uri)
	return uri == "" || strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "http://")
}

// printable reports whether s is valid UTF-8 without a space, a C0 or C1
// control or DEL.
func printable(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
		return r <= 0x20 || r == 0x7f || r >= 0x80 && r <= 0x9f
	})
}

package course

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
)

// checkUTF8 reports the first byte of a course file that is not UTF-8, at
// its line and column, or nil when the whole file is UTF-8. The byte is
// named, with the character it most likely stood for in the encoding an
// editor most often saves in instead (Windows-1252), because the parser's
// own complaint names neither the place nor the cause. Every later problem
// of such a file would be a consequence of reading it wrongly, so the
// caller reports this one alone.
func checkUTF8(file string, src []byte) *Problem {
	if utf8.Valid(src) {
		return nil
	}
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		p := Pos{File: file, Line: 1, Col: 1}.Errorf(RuleNotUTF8, "the file is UTF-16 (it starts with bytes 0x%02X 0x%02X): save the file as UTF-8", src[0], src[1])
		return &p
	}
	at := firstInvalid(src)
	lineStart := bytes.LastIndexByte(src[:at], '\n') + 1
	line := 1 + bytes.Count(src[:lineStart], []byte{'\n'})
	col := 1 + utf8.RuneCount(src[lineStart:at])
	p := Pos{File: file, Line: line, Col: col}.Errorf(RuleNotUTF8, "byte 0x%02X is not UTF-8%s: saved as Windows-1252? save the file as UTF-8", src[at], likelyCharacter(src[at]))
	p.Excerpt = excerptLine(string(src[lineStart:lineEnd(src, lineStart)]))
	return &p
}

// firstInvalid is the offset of the first byte of src that does not start
// a UTF-8 sequence, or that starts one cut short.
func firstInvalid(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(src)
}

func lineEnd(src []byte, from int) int {
	if end := bytes.IndexByte(src[from:], '\n'); end >= 0 {
		return from + end
	}
	return len(src)
}

// windows1252 holds the characters Windows-1252 puts at 0x80 to 0x9F, where
// ISO 8859-1 has control codes; the five bytes it leaves undefined are absent.
var windows1252 = map[byte]rune{
	0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡',
	0x88: 'ˆ', 0x89: '‰', 0x8A: 'Š', 0x8B: '‹', 0x8C: 'Œ', 0x8E: 'Ž',
	0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—',
	0x98: '˜', 0x99: '™', 0x9A: 'š', 0x9B: '›', 0x9C: 'œ', 0x9E: 'ž', 0x9F: 'Ÿ',
}

// likelyCharacter names the character a byte stands for in Windows-1252
// (which agrees with ISO 8859-1 from 0xA0 on), as " (in Windows-1252, “)".
func likelyCharacter(b byte) string {
	r, ok := windows1252[b]
	if !ok && b >= 0xA0 {
		r, ok = rune(b), true
	}
	if !ok || b == 0xA0 || b == 0xAD { // a no-break space and a soft hyphen do not show
		return ""
	}
	return fmt.Sprintf(" (in Windows-1252, %c)", r)
}

// maxExcerpt is how many characters of a source line an excerpt shows.
const maxExcerpt = 160

// excerptLine is a source line made safe to print under a message, one
// character for each of the line's, so that a caret counted in the line's
// columns still points at the right one: a tab becomes a space, and
// anything termtext.Name would not show as itself (controls, invalid UTF-8,
// bidirectional and invisible characters) becomes U+FFFD.
func excerptLine(line string) string {
	var b strings.Builder
	n := 0
	for _, r := range strings.TrimRight(line, "\r\n") {
		if n == maxExcerpt {
			b.WriteString("…")
			break
		}
		n++
		switch s := string(r); {
		case r == '\t':
			b.WriteByte(' ')
		case r == utf8.RuneError || termtext.Name(s) != s:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteString(s)
		}
	}
	return b.String()
}

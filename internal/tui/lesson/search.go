package lesson

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// The lesson's search works on the text a learner sees: the rendered
// lines with their escape sequences stripped, folded to lower case, every
// run of white space (a line's end included) read as one space, so that a
// phrase glamour wrapped over two lines is still found.

// searchDoc is a lesson's composed content as one searchable text.
type searchDoc struct {
	text []rune    // folded, white space collapsed
	at   []textPos // where each rune of text comes from
}

// textPos is a grapheme cluster of the content: its line and its index
// among the line's clusters. A line break has line -1.
type textPos struct{ line, cluster int32 }

// span is the clusters [from, to) of one line that a match covers.
type span struct{ line, from, to int }

// match is one occurrence of the query: a span per line it touches.
type match []span

func (m match) line() int { return m[0].line }

// eachToken calls fn with each escape sequence and each grapheme cluster
// of a styled line, in order, saying which it is. Tabs and other white
// space are text.
func eachToken(line string, fn func(tok string, text bool)) {
	var state byte
	for line != "" {
		seq, _, n, next := ansi.DecodeSequenceWc(line, state, nil)
		if n <= 0 {
			return
		}
		fn(seq, isText(seq))
		state, line = next, line[n:]
	}
}

func isText(seq string) bool {
	c := seq[0]
	return c == '\t' || (c >= 0x20 && c != 0x7f && c != ansi.ESC && (c < 0x80 || c >= 0xa0))
}

// newSearchDoc reads the content's lines as one text.
func newSearchDoc(lines []string) *searchDoc {
	d := &searchDoc{}
	space := true // no space at the start
	add := func(r rune, p textPos) {
		if unicode.IsSpace(r) {
			if space {
				return
			}
			r, space = ' ', true
		} else {
			r, space = unicode.ToLower(r), false
		}
		d.text = append(d.text, r)
		d.at = append(d.at, p)
	}
	for i, line := range lines {
		c := int32(0)
		eachToken(line, func(tok string, text bool) {
			if !text {
				return
			}
			for _, r := range tok {
				add(r, textPos{int32(i), c})
			}
			c++
		})
		add('\n', textPos{-1, -1})
	}
	return d
}

// foldQuery is a query as the text is kept: lower case, runs of white
// space as one space. Only white space is no query.
func foldQuery(q string) []rune {
	if strings.TrimSpace(q) == "" {
		return nil
	}
	var out []rune
	for _, r := range q {
		if unicode.IsSpace(r) {
			if len(out) > 0 && out[len(out)-1] == ' ' {
				continue
			}
			r = ' '
		}
		out = append(out, unicode.ToLower(r))
	}
	return out
}

// find returns every occurrence of query, in order, none overlapping.
func (d *searchDoc) find(query string) []match {
	q := foldQuery(query)
	if len(q) == 0 {
		return nil
	}
	var out []match
	for i := 0; i+len(q) <= len(d.text); i++ {
		if d.text[i] != q[0] || !runesEqual(d.text[i:i+len(q)], q) {
			continue
		}
		if m := d.spans(i, i+len(q)); len(m) > 0 {
			out = append(out, m)
		}
		i += len(q) - 1
	}
	return out
}

func runesEqual(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// spans is the clusters text[from:to] covers, line by line.
func (d *searchDoc) spans(from, to int) match {
	var m match
	for _, p := range d.at[from:to] {
		if p.line < 0 {
			continue
		}
		line, c := int(p.line), int(p.cluster)
		if n := len(m); n > 0 && m[n-1].line == line {
			m[n-1].to = c + 1
			continue
		}
		m = append(m, span{line: line, from: c, to: c + 1})
	}
	return m
}

// The highlights are reverse video, the current match also bold and
// underlined: attributes, not colours, so they show on any terminal and
// for a learner who cannot tell colours apart.
const (
	markMatch   = "\x1b[7m"
	markCurrent = "\x1b[1;4;7m"
	markEnd     = "\x1b[m"
)

// lit is a span to highlight and whether it is the current match's.
type lit struct {
	span
	current bool
}

// highlight marks the spans of one line (in order, not overlapping). The
// line's own escape sequences are kept: those met inside a span are
// played again after it, so the text after a match looks as it did.
func highlight(line string, spans []lit) string {
	var out, played strings.Builder
	c, next, inside := 0, 0, false
	eachToken(line, func(tok string, text bool) {
		if !text {
			played.WriteString(tok)
			if !inside {
				out.WriteString(tok)
			}
			return
		}
		if !inside && next < len(spans) && c == spans[next].from {
			inside = true
			if spans[next].current {
				out.WriteString(markCurrent)
			} else {
				out.WriteString(markMatch)
			}
		}
		out.WriteString(tok)
		c++
		if inside && c == spans[next].to {
			inside = false
			next++
			out.WriteString(markEnd + played.String())
		}
	})
	if inside {
		out.WriteString(markEnd)
	}
	return out.String()
}

// highlighted is the window of content lines starting at line first, with
// the matches marked; lines without a match are shared, not copied.
func highlighted(window []string, first int, matches []match, current int) []string {
	byLine := map[int][]lit{}
	for i, m := range matches {
		for _, s := range m {
			if n := s.line - first; n >= 0 && n < len(window) {
				byLine[n] = append(byLine[n], lit{span: s, current: i == current})
			}
		}
	}
	if len(byLine) == 0 {
		return window
	}
	out := make([]string, len(window))
	copy(out, window)
	for n, spans := range byLine {
		out[n] = highlight(out[n], spans)
	}
	return out
}

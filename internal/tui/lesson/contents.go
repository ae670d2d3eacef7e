package lesson

import (
	"regexp"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
)

// heading is a heading of the lesson's markdown and the content line it
// was rendered at (-1 until found).
type heading struct {
	level  int
	text   string // as the learner reads it: no markdown marks
	line   int    // on screen, once located
	source int    // in the lesson's Body
}

// outline is the ATX headings ("## Title") of a lesson's markdown, outside
// fenced code. A line scan, not a markdown parse: it is cheap on any input.
func outline(l *course.Lesson) []heading {
	var out []heading
	for _, seg := range l.Segments {
		fence := ""
		for n, raw := range strings.Split(seg.Markdown, "\n") {
			line := strings.TrimSpace(raw)
			if fence != "" {
				if strings.HasPrefix(line, fence) {
					fence = ""
				}
				continue
			}
			if f := fenceOf(line); f != "" {
				fence = f
				continue
			}
			if h, ok := atxHeading(line); ok {
				h.source = seg.Line + n
				out = append(out, h)
			}
		}
	}
	return out
}

// fenceOf is the fence a line opens ("```" or "~~~"), "" for none.
func fenceOf(line string) string {
	for _, f := range []string{"```", "~~~"} {
		if strings.HasPrefix(line, f) {
			return f
		}
	}
	return ""
}

func atxHeading(line string) (heading, bool) {
	level := len(line) - len(strings.TrimLeft(line, "#"))
	if level == 0 || level > 6 || (len(line) > level && line[level] != ' ' && line[level] != '\t') {
		return heading{}, false
	}
	text := strings.TrimSpace(line[level:])
	text = strings.TrimSpace(strings.TrimRight(text, "#")) // an optional closing sequence
	text = termtext.Name(unmark(text))
	if text == "" {
		return heading{}, false
	}
	return heading{level: level, text: text, line: -1}, true
}

var (
	linkMark   = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	escapeMark = regexp.MustCompile(`\\([[:punct:]])`)
)

// unmark drops the inline marks a renderer does not show: code ticks,
// emphasis stars, link targets, backslash escapes.
func unmark(s string) string {
	s = linkMark.ReplaceAllString(s, "$1")
	s = strings.NewReplacer("`", "", "**", "", "*", "").Replace(s)
	return escapeMark.ReplaceAllString(s, "$1")
}

// locate finds each heading's line in the composed content, in order: a
// line reading "## Title" (glamour keeps the marks, but for a coloured
// title; the plain-text fallback shows them as written), or failing that
// a line reading just the title. A long heading wrapped over lines is
// found by its first line. Lines are compared without their white space,
// since glamour pads code in a heading with spaces.
func locate(hs []heading, lines []string) []heading {
	plain := make([]string, len(lines))
	for i, l := range lines {
		plain[i] = strings.TrimSpace(ansi.Strip(l))
	}
	out := make([]heading, 0, len(hs))
	from := 0
	for _, h := range hs {
		want := headingKey(h.text)
		h.line = findHeading(plain, from, want, true)
		if h.line < 0 {
			h.line = findHeading(plain, from, want, false)
		}
		if h.line >= 0 {
			from = h.line + 1
			out = append(out, h)
		}
	}
	return out
}

// headingKey is a heading's text as compared: no marks, no white space,
// lower case.
func headingKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return unicode.ToLower(r)
	}, unmark(s))
}

func findHeading(plain []string, from int, want string, marked bool) int {
	for i := from; i < len(plain); i++ {
		line := plain[i]
		if marked {
			if !strings.HasPrefix(line, "#") {
				continue
			}
			line = strings.TrimLeft(line, "#")
		}
		got := headingKey(line)
		if got == want || (marked && wrapped(want, got, plain[min(i+1, len(plain)-1)])) {
			return i
		}
	}
	return -1
}

// wrapped reports whether the heading want begins with got and goes on in
// the line after.
func wrapped(want, got, after string) bool {
	rest, ok := strings.CutPrefix(want, got)
	next := headingKey(after)
	if got == "" || rest == "" || next == "" || !ok {
		return false
	}
	return strings.HasPrefix(rest, next) || strings.HasPrefix(next, rest)
}

// contents is the table of contents while it is open.
type contents struct {
	open   bool
	cursor int
}

// section is the heading the line is under, -1 above the first.
func section(hs []heading, line int) int {
	at := -1
	for i, h := range hs {
		if h.line <= line {
			at = i
		}
	}
	return at
}

// openContents shows the table of contents, at the section on screen.
func (m *Model) openContents() tea.Cmd {
	if len(m.headings) == 0 {
		return m.say("this lesson has no headings")
	}
	m.toc = contents{open: true, cursor: max(section(m.headings, m.vp.YOffset()), 0)}
	return nil
}

// contentsKey handles a key while the table of contents is open; keys it
// does not know do nothing, so no letter opens a quiz behind it.
func (m Model) contentsKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k, last := m.c.Keys, len(m.headings)-1
	switch {
	case key.Matches(msg, keys.CloseContents):
		m.toc.open = false
	case key.Matches(msg, keys.GoTo):
		m.toc.open = false
		if c := m.toc.cursor; c >= 0 && c <= last {
			m.vp.SetYOffset(m.headings[c].line)
		}
	case key.Matches(msg, k.Up):
		m.toc.cursor = max(m.toc.cursor-1, 0)
	case key.Matches(msg, k.Down):
		m.toc.cursor = min(m.toc.cursor+1, last)
	case key.Matches(msg, k.Top):
		m.toc.cursor = 0
	case key.Matches(msg, k.Bottom):
		m.toc.cursor = last
	}
	cmd := m.seen() // it changes m: call it before m is returned
	return m, cmd
}

// contentsView is the table of contents in the lesson's place: a heading
// a line, indented by level, the cursor's marked; scrolled to the cursor.
func (m Model) contentsView() string {
	st, width, height := m.c.Styles, m.vp.Width(), m.vp.Height()
	rows := make([]string, 0, len(m.headings))
	for i, h := range m.headings {
		indent := strings.Repeat("  ", max(h.level-1, 0))
		row := "    " + indent + st.Text.Render(h.text)
		if i == m.toc.cursor {
			row = "  " + st.Accent.Render("▸ "+indent+h.text)
		}
		rows = append(rows, ansi.TruncateWc(row, width, "…"))
	}
	room := max(height-2, 1)
	first := min(max(m.toc.cursor-room+1, 0), max(len(rows)-room, 0))
	rows = rows[first:min(first+room, len(rows))]
	title := st.Title.Render("  Contents") + st.Muted.Render(" · "+common.Count(len(m.headings), "heading"))
	return ansi.TruncateWc(title, width, "…") + "\n\n" + strings.Join(rows, "\n")
}

package plain

import (
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/asyncio-tutor/asyncio-tutor/internal/markdown"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
)

// writer writes everything through termtext.Text, the last guard that no
// escape code reaches the terminal whatever a caller forgot, and keeps the
// first error so that the session stops at the next prompt.
type writer struct {
	w   io.Writer
	err error
}

func (w *writer) WriteString(s string) {
	if w.err != nil {
		return
	}
	_, w.err = io.WriteString(w.w, termtext.Text(s))
}

func (s *session) print(text string)   { s.out.WriteString(text) }
func (s *session) println(text string) { s.out.WriteString(text + "\n") }

// para prints text wrapped to the width.
func (s *session) para(text string) {
	s.println(s.ascii(ansi.Wrap(text, s.width, "")))
}

// wrapIndent prints prefix and text wrapped to the width, continuation
// lines indented under the text.
func (s *session) wrapIndent(prefix, text string) {
	w := max(s.width-len(prefix), 10)
	lines := strings.Split(ansi.Wrap(text, w, ""), "\n")
	pad := strings.Repeat(" ", len(prefix))
	for i, l := range lines {
		if i == 0 {
			s.println(s.ascii(prefix + l))
		} else {
			s.println(s.ascii(pad + l))
		}
	}
}

// markdown prints course markdown: prose rendered by glamour without
// colour and tidied for reading line by line, code blocks as they are,
// unwrapped, between "Code" and "End of code" lines that a screen reader
// announces.
func (s *session) markdown(md string) {
	first := true
	sep := func() {
		if !first {
			s.println("")
		}
		first = false
	}
	for _, b := range splitCode(md) {
		if !b.code {
			if out := s.render(b.text); out != "" {
				sep()
				s.println(out)
			}
			continue
		}
		sep()
		label := "Code:"
		if b.info != "" {
			label = "Code, " + termtext.Name(b.info) + ":"
		}
		s.println(label)
		for line := range strings.Lines(b.text) {
			line = strings.ReplaceAll(strings.TrimRight(termtext.Text(line), " \t\n"), "\t", "    ")
			if line != "" {
				line = "    " + line
			}
			s.println(s.ascii(line))
		}
		s.println("End of code.")
	}
}

// block is a stretch of markdown: prose, or a fenced code block's body.
type block struct {
	text string
	code bool
	info string // a code block's language
}

// splitCode cuts md at its fenced code blocks.
func splitCode(md string) []block {
	var out []block
	var cur strings.Builder
	fence, info := "", ""
	flush := func(code bool) {
		if code || strings.TrimSpace(cur.String()) != "" {
			out = append(out, block{text: cur.String(), code: code, info: info})
		}
		cur.Reset()
	}
	for line := range strings.Lines(md) {
		t := strings.TrimLeft(line, " ")
		indent := len(line) - len(t)
		if fence == "" {
			if f := fenceOf(t); f != "" && indent < 4 {
				flush(false)
				fence, info = f, strings.TrimSpace(strings.TrimLeft(t, f[:1]))
				continue
			}
			cur.WriteString(line)
			continue
		}
		if f := fenceOf(t); strings.HasPrefix(f, fence) && strings.TrimSpace(t[len(f):]) == "" {
			flush(true)
			fence, info = "", ""
			continue
		}
		cur.WriteString(line)
	}
	flush(fence != "") // an unclosed fence runs to the end, as in CommonMark
	return out
}

// fenceOf returns the run of three or more backticks or tildes t starts
// with, or "".
func fenceOf(t string) string {
	if len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return ""
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 {
		return ""
	}
	return t[:n]
}

func (s *session) render(md string) string {
	return s.ascii(tidy(s.opt.Markdown.Render(md, s.width, markdown.Plain)))
}

// tidy drops what a line-by-line reader does not need from glamour's output:
// any escape sequence, the padding to the full width, the left margin shared
// by every line, and runs of blank lines.
func tidy(out string) string {
	lines := strings.Split(termtext.Text(out), "\n")
	margin := -1
	for i, l := range lines {
		l = strings.TrimRight(l, " \t")
		lines[i] = l
		if l == "" {
			continue
		}
		indent := len(l) - len(strings.TrimLeft(l, " "))
		if margin < 0 || indent < margin {
			margin = indent
		}
	}
	var b strings.Builder
	blank := true // drops leading blank lines
	for _, l := range lines {
		if l == "" {
			if !blank {
				b.WriteString("\n")
			}
			blank = true
			continue
		}
		blank = false
		b.WriteString(l[max(margin, 0):] + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// asciiGlyphs are the glyphs glamour's plain style draws, in ASCII.
var asciiGlyphs = strings.NewReplacer(
	"•", "*", "◦", "-", "▪", "-", "─", "-", "━", "-", "│", "|", "┃", "|",
	"…", "...", "“", `"`, "”", `"`, "‘", "'", "’", "'", "–", "-", "—", "--", "→", "->", "×", "x",
)

// ascii replaces drawing glyphs with ASCII when --ascii asked for it. Course
// text in other scripts stays as it is: it has no ASCII form.
func (s *session) ascii(text string) string {
	if !s.opt.ASCII {
		return text
	}
	return asciiGlyphs.Replace(text)
}

// blankMarker is three or more underscores: one blank of a text question.
var blankMarker = regexp.MustCompile(`_{3,}`)

// nameBlanks writes "(blank 1)", "(blank 2)"… where a text prompt has its
// blanks, which a screen reader reads better than a row of underscores.
func nameBlanks(prompt string) string {
	n := 0
	return blankMarker.ReplaceAllStringFunc(prompt, func(string) string {
		n++
		return "(blank " + strconv.Itoa(n) + ")"
	})
}

package quizview

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/quiz"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// margin is where body text starts, the same as glamour's own left margin,
// so a prompt does not jump sideways when its rendering arrives.
const margin = 2

// labelWidth is the width of a blank's label, "  › blank 1: ".
const labelWidth = margin + 2 + len("blank 1: ")

// glyphs are the styled marks drawn many times a frame, styled once.
type glyphs struct {
	right, partly, wrong, current, pending, cursor, broken string
}

func newGlyphs(st theme.Styles) glyphs {
	return glyphs{
		right:   st.Right.Render("✓"),
		partly:  st.Partly.Render("◐"),
		wrong:   st.Wrong.Render("✗"),
		current: st.Accent.Render("●"),
		pending: st.Muted.Render("·"),
		cursor:  st.Accent.Render("›"),
		broken:  st.Warning.Render("!"),
	}
}

func (m Model) inputWidth() int { return max(1, m.width-labelWidth-2) }

// chrome is how many lines the header and footer take at the current height.
func (m Model) chrome() (header int, footer int) {
	switch {
	case m.height >= 8:
		return 3, 1 // title, progress, a blank line; footer
	case m.height >= 3:
		return 1, 1
	}
	return 0, 0
}

func (m Model) bodyHeight() int {
	h, f := m.chrome()
	return max(1, m.height-h-f)
}

func (m Model) clampOffset(off int) int {
	lines, _, _ := m.body()
	return clamp(off, len(lines), m.bodyHeight())
}

func clamp(off, n, h int) int { return max(0, min(off, n-h)) }

// View draws the screen in exactly the size set, no line wider than it.
func (m Model) View() string {
	lines, _, _ := m.body()
	bh := m.bodyHeight()
	off := clamp(m.offset, len(lines), bh)
	hn, fn := m.chrome()

	out := make([]string, 0, m.height)
	if hn > 0 {
		out = append(out, m.titleLine())
	}
	if hn > 1 {
		out = append(out, m.progressLine(), "")
	}
	end := min(len(lines), off+bh)
	out = append(out, lines[off:end]...)
	for range bh - (end - off) {
		out = append(out, "")
	}
	if fn > 0 {
		out = append(out, m.footer(off, bh, len(lines)))
	}
	out = out[:min(len(out), m.height)]
	for i, l := range out {
		// No character is wider than its UTF-8 bytes, so a short line fits.
		if len(l) > m.width && ansi.StringWidthWc(l) > m.width {
			out[i] = ansi.TruncateWc(l, m.width, "…")
		}
	}
	return strings.Join(out, "\n")
}

// sides puts left and right on one line of the width, shortening left.
func (m Model) sides(left, right string) string {
	rw := ansi.StringWidthWc(right)
	room := m.width - rw - 1
	if room < 8 {
		return ansi.TruncateWc(left, m.width, "…")
	}
	if ansi.StringWidthWc(left) > room {
		left = ansi.TruncateWc(left, room, "…")
	}
	if right == "" {
		return left
	}
	gap := m.width - ansi.StringWidthWc(left) - rw
	return left + strings.Repeat(" ", gap) + right
}

func (m Model) titleLine() string {
	title := m.st.Title.Render(termtext.Name(m.quiz.Title))
	var right string
	switch {
	case m.phase == finished && m.retake:
		right = "Retake results"
	case m.phase == finished:
		right = "Results"
	case m.retake:
		right = fmt.Sprintf("Retake · question %d of %d", m.idx+1, len(m.asked))
	default:
		right = fmt.Sprintf("Question %d of %d", m.idx+1, len(m.asked))
	}
	return m.sides(title, m.st.Muted.Render(right))
}

// progressLine shows each question of the attempt: ✓ ◐ ✗ for the answered
// ones, ● for the current one, · for those to come.
func (m Model) progressLine() string {
	glyphs := make([]string, len(m.asked))
	plain := 0
	for i := range m.asked {
		switch {
		case m.isBroken(m.asked[i]):
			glyphs[i] = m.g.broken
		case i < len(m.results):
			glyphs[i] = m.verdictGlyph(m.results[i])
		case i == m.idx && m.phase == asking:
			glyphs[i] = m.g.current
		default:
			glyphs[i] = m.g.pending
		}
		plain++
	}
	if s := strings.Join(glyphs, " "); 2*plain-1 <= m.width {
		return s
	}
	if plain <= m.width {
		return strings.Join(glyphs, "")
	}
	return m.st.Muted.Render(fmt.Sprintf("%d of %d answered", len(m.results), len(m.asked)))
}

func (m Model) verdictGlyph(r quiz.Result) string {
	switch {
	case r.Correct:
		return m.g.right
	case r.Score > 0:
		return m.g.partly
	}
	return m.g.wrong
}

func (m Model) verdict(r quiz.Result) string {
	switch {
	case r.Correct:
		return m.st.Right.Render("✓ Right")
	case r.Score > 0:
		return m.st.Partly.Render(fmt.Sprintf("◐ Partly right (%d%%)", percent(r.Score)))
	}
	return m.st.Wrong.Render("✗ Wrong")
}

func percent(f float64) int { return int(f*100 + 0.5) }

func (m Model) footer(off, h, n int) string {
	var right string
	if n > h {
		arrows := ""
		if off > 0 {
			arrows += "↑"
		}
		if off+h < n {
			arrows += "↓"
		}
		right = m.st.Muted.Render(fmt.Sprintf("%s %d%%", arrows, percent(float64(off+h)/float64(n))))
	}
	return m.sides(m.hint(), right)
}

// hint is the footer's left side: a notice, or what to do now.
func (m Model) hint() string {
	l := m.keys.Lang
	if m.confirming {
		return m.st.Warning.Render(l.Say("esc or y: leave · n: stay"))
	}
	if m.notice != "" {
		return m.st.Warning.Render("! " + m.notice)
	}
	if m.grading {
		return m.st.Muted.Render(l.Say("grading…"))
	}
	if m.note != "" {
		return m.st.Right.Render("✓ ") + m.st.Muted.Render(m.note)
	}
	switch m.phase {
	case finished:
		if n := len(m.missed()); n > 0 && m.reviewed {
			return m.st.Muted.Render(l.Sayf("r: retake the %d missed · enter: back", n))
		} else if n > 0 {
			return m.st.Muted.Render(l.Say("look over what you missed · enter: back"))
		}
		return m.st.Muted.Render(l.Say("enter: back"))
	case asking:
		if m.brokenNow() != "" {
			return m.st.Muted.Render(l.Say("enter: skip it"))
		}
	case answered:
		next := l.Say("enter: next question")
		if m.idx+1 >= len(m.asked) {
			next = l.Say("enter: see your score")
		}
		return m.verdict(m.result) + m.st.Muted.Render(" · "+next)
	}
	q := m.question()
	var s string
	switch q.Type {
	case course.Single:
		s = l.Say("↑/↓ to a choice, then enter; or 1-9 and enter")
	case course.Multi:
		s = l.Say("pick every right one with space or 1-9, then enter")
	case course.Text:
		s = l.Say("type your answer, then enter")
		if len(m.inputs) > 1 {
			s = l.Say("type, tab for the next blank, enter when done")
		}
	case course.Order, course.Output:
		s = l.Say("shift+↑/↓ or K/J moves the item, enter when done")
	}
	return m.st.Muted.Render(s)
}

// body is the scrollable part of the screen, each line within the width,
// and the lines [top, bottom) of the focused choice, item or blank (top -1:
// none).
func (m Model) body() (lines []string, top, bottom int) {
	if m.confirming {
		return m.confirmBody(), -1, -1
	}
	if m.phase == finished {
		return m.resultsBody(), -1, -1
	}
	if why := m.brokenNow(); why != "" {
		ind := strings.Repeat(" ", margin)
		b := hang(ind, "this question has an error: "+termtext.Message(why), m.width, m.st.Error)
		return append(b, "", ind+m.st.Muted.Render("It is skipped and not scored. Fix it, save, and open the quiz again to answer it.")), -1, -1
	}
	q := m.question()
	w := m.width
	b := m.markdownLines(promptSlot, q.Prompt)
	b = append(b, "")
	if m.hintShown {
		b = append(b, hang(strings.Repeat(" ", margin)+m.st.Warning.Render("Hint: "), m.inline(termtext.Message(q.Hint), m.st.Text), w, plain)...)
		b = append(b, "")
	}
	top, bottom = -1, -1
	mark := func(on bool) string {
		if on {
			return m.g.cursor
		}
		return " "
	}

	switch q.Type {
	case course.Single, course.Multi:
		for i, c := range q.Choices {
			picked := i < len(m.picked) && m.picked[i]
			box := "( )"
			switch {
			case q.Type == course.Single && picked:
				box = "(•)"
			case q.Type == course.Multi && picked:
				box = "[x]"
			case q.Type == course.Multi:
				box = "[ ]"
			}
			style := m.st.Text
			var lead string
			if m.phase == asking {
				on := i == m.cursor
				lead = mark(on)
				if on {
					style = m.st.Selected
					top = len(b)
				}
			} else {
				switch {
				case picked && c.Correct:
					lead = m.g.right
				case picked:
					lead = m.g.wrong
				default:
					lead = " "
				}
			}
			prefix := fmt.Sprintf("%s%s %s %d. ", strings.Repeat(" ", margin), lead, box, i+1)
			b = append(b, hang(prefix, m.inline(termtext.Message(c.Text), style), w, plain)...)
			if m.phase == answered && picked && c.Feedback != "" {
				b = append(b, hang(strings.Repeat(" ", ansi.StringWidthWc(prefix)), m.inline(termtext.Message(c.Feedback), m.st.Muted), w, plain)...)
			}
			if top >= 0 && bottom < 0 {
				bottom = len(b)
			}
		}
	case course.Text:
		for i, in := range m.inputs {
			label := "blank " + strconv.Itoa(i+1) + ": "
			if m.phase == asking {
				on := i == m.focus
				if on {
					top, bottom = len(b), len(b)+1
				}
				b = append(b, strings.Repeat(" ", margin)+mark(on)+" "+m.st.Muted.Render(label)+in.View())
				if i == len(m.inputs)-1 && m.unread != "" {
					b = append(b, hang(strings.Repeat(" ", labelWidth-len("! "))+m.st.Warning.Render("! "), m.unread, w, m.st.Warning)...)
					bottom = max(bottom, len(b)) // the reason shows with the blank it is about
				}
				continue
			}
			lead := m.g.wrong
			if i < len(m.result.Blanks) && m.result.Blanks[i] {
				lead = m.g.right
			}
			typed := termtext.Message(in.Value())
			if strings.TrimSpace(typed) == "" {
				typed = "(empty)"
			}
			b = append(b, hang(strings.Repeat(" ", margin)+lead+" "+label, typed, w, m.st.Text)...)
		}
	case course.Order, course.Output:
		if q.Type == course.Output && q.Example != "" {
			hint := "Put the lines in the order example " + termtext.Name(q.Example) + " prints them."
			if m.canOpenExample() {
				hint += " Press " + m.bind.example.Help().Key + " to run it."
			}
			b = append(b, hang(strings.Repeat(" ", margin), hint, w, m.st.Muted)...)
			b = append(b, "")
		}
		key := quiz.Key(q).Items
		for i, it := range m.items {
			style := m.st.Text
			var lead string
			if m.phase == asking {
				on := i == m.cursor
				lead = mark(on)
				if on {
					style = m.st.Selected
					top = len(b)
				}
			} else if i < len(key) && key[i] == it {
				lead = m.g.right
			} else {
				lead = m.g.wrong
			}
			prefix := fmt.Sprintf("%s%s %d. ", strings.Repeat(" ", margin), lead, i+1)
			b = append(b, hang(prefix, m.inline(termtext.Message(it), style), w, plain)...)
			if top >= 0 && bottom < 0 {
				bottom = len(b)
			}
		}
	}

	if m.phase == answered {
		b = append(b, "", strings.Repeat(" ", margin)+m.verdict(m.result))
		if !m.result.Correct && m.result.Expected != "" {
			b = append(b, "", strings.Repeat(" ", margin)+m.st.Title.Render("The right answer"))
			for _, l := range strings.Split(clean(m.result.Expected), "\n") {
				b = append(b, hang(strings.Repeat(" ", 2*margin), m.inline(l, m.st.Text), w, plain)...)
			}
		}
		if strings.TrimSpace(q.Explanation) != "" {
			b = append(b, "")
			b = append(b, m.markdownLines(explSlot, q.Explanation)...)
		}
	}
	return b, top, bottom
}

// resultsBody is the end of an attempt: the score, pass or not, and the
// missed questions with their right answers.
func (m Model) resultsBody() []string {
	w := m.width
	ind := strings.Repeat(" ", margin)
	if len(m.quiz.Questions) == 0 {
		return hang(ind, "This quiz has no questions.", w, m.st.Text)
	}
	right := 0
	for i, r := range m.latest {
		if r.Correct && !m.isBroken(i) {
			right++
		}
	}
	score := m.score()
	b := hang(ind, fmt.Sprintf("Score %d%% · %d of %d right", percent(score), right, len(m.playable().Questions)), w, m.st.Title)
	if n := len(m.broken); n > 0 {
		b = append(b, hang(ind, m.g.broken+fmt.Sprintf(" %d skipped: they have an error, and are not scored", n), w, m.st.Warning)...)
	}
	passMark := fmt.Sprintf(" (pass mark %d%%)", percent(m.quiz.Pass))
	if quiz.Passed(m.quiz, score) {
		b = append(b, hang(ind, m.st.Right.Render("✓ Passed")+m.st.Muted.Render(passMark), w, m.st.Text)...)
	} else {
		b = append(b, hang(ind, m.st.Wrong.Render("✗ Not passed yet")+m.st.Muted.Render(passMark), w, m.st.Text)...)
	}
	missed := m.missed()
	if m.retake {
		b = append(b, hang(ind, fmt.Sprintf("This retake: %d of %d right", len(m.asked)-len(missed), len(m.asked)), w, m.st.Muted)...)
	}
	b = append(b, "")
	if len(missed) == 0 {
		return append(b, hang(ind, m.g.right+" Every question of this attempt right.", w, m.st.Text)...)
	}
	b = append(b, ind+m.st.Title.Render(fmt.Sprintf("Missed (%d)", len(missed))))
	for i, r := range m.results {
		if r.Correct || m.isBroken(m.asked[i]) {
			continue
		}
		q := m.quiz.Questions[m.asked[i]]
		lead := ind + m.verdictGlyph(r) + " "
		b = append(b, lead+m.st.Text.Render(cut(firstLine(q.Prompt), moreLines(q.Prompt), w-ansi.StringWidthWc(lead))))
		var given quiz.Answer
		if i < len(m.given) {
			given = m.given[i]
		}
		right := strings.Split(clean(r.Expected), "\n")
		if q.Type == course.Order || q.Type == course.Output {
			right = []string{sequence(quiz.Key(q).Items)}
		}
		b = m.labelled(b, "you:   ", m.answerLines(q, given, r), m.st.Muted)
		b = m.labelled(b, "right: ", right, m.st.Text)
	}
	return b
}

// labelled adds lines under a label such as "you: ", the lines after the
// first indented under the first.
func (m Model) labelled(b []string, label string, lines []string, style lipgloss.Style) []string {
	ind := strings.Repeat(" ", 2*margin)
	for j, l := range lines {
		prefix := ind + m.st.Muted.Render(label)
		if j > 0 {
			prefix = ind + strings.Repeat(" ", ansi.StringWidthWc(label))
		}
		b = append(b, hang(prefix, m.inline(l, style), m.width, plain)...)
	}
	return b
}

// answerLines is what the learner answered, in the words the right answer
// is given in: the choices picked, the texts typed, the items in their order.
func (m Model) answerLines(q *course.Question, a quiz.Answer, r quiz.Result) []string {
	var out []string
	switch q.Type {
	case course.Single, course.Multi:
		picked := a.Choices
		if q.Type == course.Single && a.Choice > 0 {
			picked = []int{a.Choice}
		}
		for _, c := range picked {
			if c >= 1 && c <= len(q.Choices) {
				out = append(out, fmt.Sprintf("%d. %s", c, clean(q.Choices[c-1].Text)))
			}
		}
	case course.Text:
		for i, t := range a.Texts {
			mark := m.g.wrong
			if i < len(r.Blanks) && r.Blanks[i] {
				mark = m.g.right
			}
			text := termtext.Message(t)
			if strings.TrimSpace(text) == "" {
				text = "(empty)"
			}
			if len(a.Texts) > 1 {
				text = fmt.Sprintf("blank %d: %s", i+1, text)
			}
			out = append(out, mark+" "+text)
		}
	case course.Order, course.Output:
		if len(a.Items) > 0 {
			out = append(out, sequence(a.Items))
		}
	}
	if len(out) == 0 {
		return []string{"(no answer)"}
	}
	return out
}

// sequence is items in order on one line, to wrap: the review keeps each
// missed question to a few lines.
func sequence(items []string) string {
	cleaned := make([]string, len(items))
	for i, it := range items {
		cleaned[i] = clean(it)
	}
	return strings.Join(cleaned, " → ")
}

// confirmBody asks before leaving an attempt under way, and says what
// leaving keeps.
func (m Model) confirmBody() []string {
	w, ind := m.width, strings.Repeat(" ", margin)
	b := []string{ind + m.st.Title.Render("Leave the quiz?"), ""}
	n := m.answeredCount()
	var kept string
	switch {
	case n > 0 && m.unsaved:
		kept = fmt.Sprintf("Progress is not saved this session: your %s lost when you leave.", answers(n))
	case n > 0 && m.phase == answered && m.idx+1 >= len(m.asked):
		kept = fmt.Sprintf("Your %s saved. Open the quiz again to see your score.", answers(n))
	case n > 0:
		next := m.idx + 1
		if m.phase == answered {
			next++
		}
		kept = fmt.Sprintf("Your %s saved. Open the quiz again to go on at question %d of %d.", answers(n), next, len(m.asked))
	}
	if kept != "" {
		b = append(b, hang(ind, kept, w, m.st.Text)...)
	}
	if m.answerStarted() {
		b = append(b, hang(ind, "The answer you are giving to this question is not sent yet, and is not kept.", w, m.st.Warning)...)
	}
	return append(b, "", ind+m.st.Muted.Render("esc or y: leave · n: stay · q: quit"))
}

// plain is the style of text already styled in its parts.
var plain = lipgloss.NewStyle()

// inline styles a line of course text that glamour does not render (a
// choice, an item, a feedback): `code` spans in the code style, the rest in
// base, the backticks dropped. Unpaired backticks are left as they are.
func (m Model) inline(text string, base lipgloss.Style) string {
	parts := strings.Split(text, "`")
	if len(parts)%2 == 0 {
		return base.Render(text)
	}
	var sb strings.Builder
	for i, p := range parts {
		if p == "" {
			continue
		}
		if i%2 == 1 {
			sb.WriteString(m.st.Code.Inherit(base).Render(p))
		} else {
			sb.WriteString(base.Render(p))
		}
	}
	return sb.String()
}

// cut shortens a one-line text to width, ending it with … when it is cut,
// or when more of it follows on other lines.
func cut(text string, more bool, width int) string {
	width = max(width, 1)
	if ansi.StringWidthWc(text) > width {
		return ansi.TruncateWc(text, width, "…")
	}
	if more {
		if ansi.StringWidthWc(text)+1 > width {
			return ansi.TruncateWc(text, width, "…")
		}
		return text + "…"
	}
	return text
}

// moreLines reports whether a course text goes on past its first
// non-empty line.
func moreLines(s string) bool {
	seen := false
	for l := range strings.Lines(s) {
		if strings.TrimSpace(l) == "" {
			continue
		}
		if seen {
			return true
		}
		seen = true
	}
	return false
}

// markup is the inline markdown a plain first line can do without.
var markup = strings.NewReplacer("**", "", "`", "")

// firstLine is the first non-empty line of a course text, on one line,
// without bold and code marks.
func firstLine(s string) string {
	for l := range strings.Lines(s) {
		if l = strings.TrimSpace(l); l != "" {
			return markup.Replace(termtext.Message(l))
		}
	}
	return ""
}

// clean makes course text safe to draw and gives tabs a fixed width: a
// terminal's tab stops would break every width measured.
func clean(s string) string {
	return strings.ReplaceAll(termtext.Text(s), "\t", "    ")
}

// markdownLines is a text as rendered for the current width, or, until the
// rendering arrives, the text plain: cleaned and wrapped.
func (m Model) markdownLines(s slot, src string) []string {
	if r := m.shown[s]; r.src == src && r.width == m.width && src != "" {
		return strings.Split(r.out, "\n")
	}
	return plainLines(src, m.width)
}

// plainLines wraps a markdown text without rendering it, paragraph by
// paragraph, inside the margins glamour would keep.
func plainLines(src string, width int) []string {
	var out []string
	ind := strings.Repeat(" ", margin)
	for i, para := range strings.Split(strings.TrimSpace(clean(src)), "\n\n") {
		if i > 0 {
			out = append(out, "")
		}
		text := strings.Join(strings.Fields(para), " ")
		out = append(out, hang(ind, text, width-margin, lipgloss.NewStyle())...)
	}
	return out
}

// trailingPad is the padding glamour puts at the end of each line: spaces,
// each wrapped in its own style.
var trailingPad = regexp.MustCompile(`(?:(?:\x1b\[[0-9;]*m)*[ ]+(?:\x1b\[[0-9;]*m)*)+$`)

// tidyRendered trims the blank lines glamour puts around a text and the
// padding at the end of its lines.
func tidyRendered(out string) string {
	lines := strings.Split(strings.ReplaceAll(out, "\t", "    "), "\n")
	for i, l := range lines {
		loc := trailingPad.FindStringIndex(l)
		if loc == nil {
			continue
		}
		pad := l[loc[0]:]
		lines[i] = l[:loc[0]]
		if strings.Contains(pad, "\x1b") {
			lines[i] += "\x1b[m"
		}
	}
	blank := func(l string) bool { return strings.TrimSpace(ansi.Strip(l)) == "" }
	for len(lines) > 0 && blank(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && blank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

// hang wraps text by display width to fit width after prefix, the lines
// after the first indented as far as the prefix reaches.
func hang(prefix, text string, width int, style lipgloss.Style) []string {
	pw := ansi.StringWidthWc(prefix)
	room := max(1, width-pw)
	wrapped := strings.Split(ansi.WrapWc(text, room, ""), "\n")
	pad := strings.Repeat(" ", pw)
	out := make([]string, len(wrapped))
	for i, l := range wrapped {
		p := pad
		if i == 0 {
			p = prefix
		}
		out[i] = p + style.Render(l)
	}
	return out
}

package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/markdown"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// renderedMsg carries a lesson's markdown segments rendered for one width
// and theme; it is dropped when the screen has moved on since.
type renderedMsg struct {
	lesson   string
	width    int
	theme    markdown.Theme
	segments []string // one per course.Segment; "" for example cards
}

// renderLesson renders a lesson's markdown off the UI goroutine.
func renderLesson(md *markdown.Renderer, l *course.Lesson, width int, th markdown.Theme) tea.Cmd {
	return func() tea.Msg {
		faultPoint("cmd")
		out := make([]string, len(l.Segments))
		for i, s := range l.Segments {
			if s.Example == nil {
				out[i] = md.Render(s.Markdown, width, th)
			}
		}
		return renderedMsg{lesson: l.ID, width: width, theme: th, segments: out}
	}
}

// focusable is a place tab stops at in a lesson: an example card, the quiz,
// or the next lesson.
type focusable struct {
	kind    string // "example", "quiz", "next"
	example *course.ExampleRef
	line    int // first line in the composed content
}

// lessonModel shows one lesson in a scrolling viewport. Its markdown is
// rendered in a tea.Cmd and kept raw, so a resize re-renders it.
type lessonModel struct {
	lesson   *course.Lesson
	index    int // position in the course, from 0
	count    int
	hasNext  bool
	rendered []string // nil until the render for the current width arrives
	width    int
	theme    markdown.Theme
	vp       viewport.Model
	focus    int // index into focusables, -1 for none
	stops    []focusable
	atEnd    bool // the learner has seen the end (marks the lesson read)
	wantLine int  // the line to show once the rendering arrives (resume, resize)
}

func newLessonModel(l *course.Lesson, index, count int, hasNext bool) lessonModel {
	vp := viewport.New()
	vp.SoftWrap = false
	return lessonModel{lesson: l, index: index, count: count, hasNext: hasNext, vp: vp, focus: -1}
}

func (m *lessonModel) setSize(width, height int) {
	m.vp.SetWidth(width)
	m.vp.SetHeight(max(height-3, 1)) // title line, blank line, status line
}

// contentWidth is the width markdown is wrapped to: the window, capped so
// lines stay readable on wide terminals.
func contentWidth(width int) int { return min(max(width-2, 20), 100) }

// compose lays the rendered markdown and the cards out as the viewport's
// content. It is string concatenation only: the expensive part is done.
func (m *lessonModel) compose(st theme.Styles, quizTitle string) {
	if m.rendered == nil {
		m.vp.SetContent(st.Muted.Render("  rendering…"))
		return
	}
	w := contentWidth(m.vp.Width())
	var b strings.Builder
	line := 0
	write := func(s string) {
		b.WriteString(s)
		line += strings.Count(s, "\n")
	}
	m.stops = m.stops[:0]
	for i, seg := range m.lesson.Segments {
		if seg.Example == nil {
			write(m.rendered[i])
			continue
		}
		m.stops = append(m.stops, focusable{kind: "example", example: seg.Example, line: line})
		write(m.card(st, seg.Example, len(m.stops)-1 == m.focus, w) + "\n\n")
	}
	write("\n")
	if quizTitle != "" {
		m.stops = append(m.stops, focusable{kind: "quiz", line: line})
		write(m.action(st, "Take the quiz: "+quizTitle, len(m.stops)-1 == m.focus) + "\n")
	}
	if m.hasNext {
		m.stops = append(m.stops, focusable{kind: "next", line: line})
		write(m.action(st, "Next lesson", len(m.stops)-1 == m.focus) + "\n")
	}
	m.vp.SetContent(b.String())
}

func (m *lessonModel) card(st theme.Styles, ref *course.ExampleRef, focused bool, width int) string {
	x, ok := examples.Lookup(ref.Name)
	title := "▶ Example: " + ref.Name
	summary := ""
	if ok {
		title = "▶ Example: " + termtext.Line(x.Title)
		summary = termtext.Line(x.Summary)
	}
	inner := min(width, 80) - 4 // border and a space of padding each side
	var lines []string
	add := func(style lipgloss.Style, text string) {
		for _, l := range strings.Split(ansi.WrapWc(text, inner, " "), "\n") {
			lines = append(lines, style.Render(l))
		}
	}
	add(st.Title, title)
	if summary != "" {
		add(st.Muted, summary)
	}
	if ref.Caption != "" {
		for _, para := range strings.Split(termtext.Clean(ref.Caption), "\n") {
			add(st.Text, para)
		}
	}
	hint := "tab to focus"
	border, edge := lipgloss.RoundedBorder(), st.Muted
	if focused {
		hint, border, edge = "enter to open and run it", lipgloss.ThickBorder(), st.Accent
	}
	add(st.Muted, hint)
	return drawBox(lines, inner, border, edge)
}

// drawBox frames lines, padding each by the cells a terminal draws (lipgloss
// pads by grapheme clusters, which leaves Thai lines a cell or two wider
// than the frame).
func drawBox(lines []string, inner int, b lipgloss.Border, edge lipgloss.Style) string {
	var out strings.Builder
	out.WriteString("  " + edge.Render(b.TopLeft+strings.Repeat(b.Top, inner+2)+b.TopRight) + "\n")
	for _, l := range lines {
		pad := max(inner-ansi.StringWidthWc(l), 0)
		out.WriteString("  " + edge.Render(b.Left) + " " + l + strings.Repeat(" ", pad) + " " + edge.Render(b.Right) + "\n")
	}
	out.WriteString("  " + edge.Render(b.BottomLeft+strings.Repeat(b.Bottom, inner+2)+b.BottomRight))
	return out.String()
}

func (m *lessonModel) action(st theme.Styles, label string, focused bool) string {
	if focused {
		return "  " + st.Accent.Render("▸ "+label) + st.Muted.Render("  (enter)")
	}
	return "    " + st.Text.Render(label)
}

func (m lessonModel) update(msg tea.Msg, keys theme.KeyMap, st theme.Styles, quizTitle string) (lessonModel, tea.Cmd) {
	switch msg := msg.(type) {
	case renderedMsg:
		if msg.lesson != m.lesson.ID || msg.width != contentWidth(m.vp.Width()) || msg.theme != m.theme {
			return m, nil
		}
		m.rendered = msg.segments
		m.compose(st, quizTitle)
		m.vp.SetYOffset(m.wantLine)
		m.atEnd = m.atEnd || m.vp.AtBottom()
		return m, nil
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, keys.NextFocus), key.Matches(msg, keys.PrevFocus):
			if len(m.stops) == 0 {
				return m, nil
			}
			if key.Matches(msg, keys.NextFocus) {
				m.focus = (m.focus + 1) % len(m.stops)
			} else {
				m.focus = (m.focus - 1 + len(m.stops)) % len(m.stops)
			}
			m.compose(st, quizTitle)
			m.scrollTo(m.stops[m.focus].line)
			return m, nil
		case key.Matches(msg, keys.Top):
			m.vp.GotoTop()
		case key.Matches(msg, keys.Bottom):
			m.vp.GotoBottom()
		default:
			var cmd tea.Cmd
			m.vp, cmd = m.vp.Update(msg)
			m.atEnd = m.atEnd || m.vp.AtBottom()
			return m, cmd
		}
	}
	m.atEnd = m.atEnd || m.vp.AtBottom()
	return m, nil
}

// scrollTo brings a content line into view, a little below the top.
func (m *lessonModel) scrollTo(line int) {
	if line < m.vp.YOffset() || line >= m.vp.YOffset()+m.vp.Height()-4 {
		m.vp.SetYOffset(max(line-2, 0))
	}
	m.atEnd = m.atEnd || m.vp.AtBottom()
}

// focused returns the focused stop, if any.
func (m lessonModel) focused() (focusable, bool) {
	if m.focus < 0 || m.focus >= len(m.stops) {
		return focusable{}, false
	}
	return m.stops[m.focus], true
}

func (m lessonModel) view(st theme.Styles, width int) string {
	head := st.Title.Render(termtext.Line(m.lesson.Title)) + st.Muted.Render(fmt.Sprintf("  lesson %d of %d", m.index+1, m.count))
	pct := int(m.vp.ScrollPercent() * 100)
	head = ansi.TruncateWc(head, width-6, "…")
	head += strings.Repeat(" ", max(width-ansi.StringWidthWc(head)-5, 1)) + st.Muted.Render(fmt.Sprintf("%3d%%", pct))
	return head + "\n\n" + m.vp.View()
}

func (m lessonModel) shortHelp(k theme.KeyMap) []key.Binding {
	return []key.Binding{k.Up, k.Down, k.NextFocus, k.Enter, k.Quiz, k.Next, k.Back, k.Help}
}

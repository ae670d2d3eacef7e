// Package lesson is the lesson screen: a lesson's markdown, rendered in a
// tea.Cmd and cached per width, in a scrolling viewport, with its example
// cards, its quiz and the next lesson as places tab stops at.
package lesson

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/learn"
	"github.com/asyncio-tutor/asyncio-tutor/internal/markdown"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// RenderedMsg carries a lesson's markdown segments rendered for one width
// and theme; a lesson screen that has moved on since drops it.
type RenderedMsg struct {
	lesson      string
	width       int
	theme       markdown.Theme
	segments    []string // one per course.Segment; "" for example cards
	unformatted bool     // the render ran past its budget: segments are plain text
}

// Render renders a lesson's markdown off the UI goroutine, for the screen
// that shows it: a warming render of another lesson is called off, since
// the learner has moved on. Its message also fills the renderer's cache.
func Render(md *markdown.Renderer, l *course.Lesson, width int, th markdown.Theme) tea.Cmd {
	warming.Add(1) // now, in Update, not when the Cmd runs: the warm may be running
	return func() tea.Msg {
		return render(func() bool { return false }, md, l, width, th)
	}
}

// Warm renders a lesson in the background so that opening it finds it in
// the cache. A later Warm or Render calls it off: it starts no segment
// after that, and renders nothing when called off before it starts.
func Warm(md *markdown.Renderer, l *course.Lesson, width int, th markdown.Theme) tea.Cmd {
	gen := warming.Add(1)
	calledOff := func() bool { return warming.Load() != gen }
	return func() tea.Msg {
		if !calledOff() {
			render(calledOff, md, l, width, th)
		}
		return nil
	}
}

// warming counts the calls of Warm and Render: a warm whose count is no
// longer the latest has been called off. A counter rather than a context,
// since it is shared by every program in the process (and every test).
var warming atomic.Int64

// renderBudget is how long a lesson's render may take before it is shown
// as plain text. The markdown renderer's own budget keeps any lesson far
// below it; this is the backstop for what that budget misjudges, on a slow
// or busy machine.
var renderBudget = 3 * time.Second

// renderSlot lets one glamour render run at a time. glamour cannot be
// interrupted, so a render past its budget runs on, holding the slot: at
// most one such stray exists, and the renders after it wait for it, up to
// their own budget, instead of piling up beside it.
var renderSlot = make(chan struct{}, 1)

// renderSegment is the markdown render of one segment; tests replace it.
var renderSegment = (*markdown.Renderer).Render

// render renders l's segments within renderBudget; past it, or once
// calledOff says so, the rest is left to the goroutine and the lesson comes
// back as plain text, marked so.
func render(calledOff func() bool, md *markdown.Renderer, l *course.Lesson, width int, th markdown.Theme) RenderedMsg {
	common.FaultPoint("cmd") // in the Cmd's own goroutine, which Bubble Tea recovers
	msg := RenderedMsg{lesson: l.ID, width: width, theme: th}
	ctx, cancel := context.WithTimeout(context.Background(), renderBudget)
	defer cancel()
	done := make(chan []string, 1)
	select {
	case renderSlot <- struct{}{}:
	case <-ctx.Done():
		return unformatted(msg, l, width)
	}
	go func() {
		defer func() { <-renderSlot }()
		done <- renderSegments(ctx, calledOff, md, l, width, th)
	}()
	select {
	case out := <-done:
		if out == nil && calledOff() {
			return msg // a warm the learner moved on from: nothing to show, nothing to wrap
		}
		if out == nil {
			return unformatted(msg, l, width)
		}
		msg.segments = out
		return msg
	case <-ctx.Done():
		return unformatted(msg, l, width)
	}
}

// renderSegments renders each markdown segment, stopping (with nil) once
// ctx is done or the render is called off. A panic in glamour is recovered: the segment is then shown
// as plain text rather than the terminal left raw.
func renderSegments(ctx context.Context, calledOff func() bool, md *markdown.Renderer, l *course.Lesson, width int, th markdown.Theme) []string {
	out := make([]string, len(l.Segments))
	for i, s := range l.Segments {
		if s.Example != nil {
			continue
		}
		if ctx.Err() != nil || calledOff() {
			return nil
		}
		out[i] = renderSafely(md, s.Markdown, width, th)
	}
	return out
}

func renderSafely(md *markdown.Renderer, text string, width int, th markdown.Theme) (out string) {
	defer func() {
		if recover() != nil {
			out = markdown.Unrendered(text, width)
		}
	}()
	return renderSegment(md, text, width, th)
}

// unformatted is msg with l's segments as plain text.
func unformatted(msg RenderedMsg, l *course.Lesson, width int) RenderedMsg {
	msg.unformatted = true
	msg.segments = make([]string, len(l.Segments))
	for i, s := range l.Segments {
		if s.Example == nil {
			msg.segments[i] = markdown.Unformatted(s.Markdown, width)
		}
	}
	return msg
}

// ContentWidth is the width markdown is wrapped to: the window, capped so
// lines stay readable on wide terminals.
func ContentWidth(width int) int { return min(max(width-2, 20), 100) }

// stop is a place tab stops at: an example card, the quiz, or the next lesson.
type stop struct {
	kind    string // "example", "quiz", "next"
	example *course.ExampleRef
	line    int // first line in the composed content
}

// Model shows one lesson.
type Model struct {
	c        *common.Common
	lesson   *course.Lesson
	index    int      // position in the course, from 0
	rendered []string // nil until the render for the current width arrives
	plain    bool     // rendered is plain text: the render ran past its budget
	width    int      // the content width rendered for
	theme    markdown.Theme
	vp       viewport.Model
	focus    int // index into stops, -1 for none
	stops    []stop
	atEnd    bool     // the learner has seen the end (marks the lesson read)
	wantLine int      // the source line to show once the rendering arrives (resume, resize)
	anchors  []anchor // content lines known to show a source line
	settling int      // the latest resize waiting to settle

	lines    []string  // the composed content, before the search marks it
	outline  []heading // the lesson's headings, from its markdown
	headings []heading // those found in the content, with their lines
	find     search
	toc      contents
	notice   string // a word for the learner under the title, until it expires
	noticeID int64
}

// New opens lesson index of the course at a line; the Cmd renders what the
// cache lacks.
func New(c *common.Common, index, line int) (Model, tea.Cmd) {
	vp := viewport.New()
	vp.SoftWrap = false
	m := Model{c: c, lesson: c.Course.Lessons[index], index: index, vp: vp, focus: -1, find: newSearch(c.Styles)}
	m.outline = outline(m.lesson)
	m.vp.SetWidth(c.Width)
	m.find.field.SetWidth(fieldWidth(c.Width))
	m.vp.SetHeight(max(c.Height-2, 1)) // title line, search or notice line
	cmd := m.load(line)                // it changes m: call it before m is returned
	return m, cmd
}

// Index is the lesson's place in the course.
func (m Model) Index() int { return m.index }

// Line is the place to resume at: the line of the lesson's source (of its
// Body, from 0) that the first line on screen shows. It means the same
// at any width, and to the plain front-end.
func (m Model) Line() int {
	if m.rendered == nil {
		return m.wantLine
	}
	return m.sourceLine(m.vp.YOffset())
}

// anchor is a line of the content known to show a line of the source: the
// start of each segment and each heading. Between two anchors, lines are
// taken to keep their proportions.
type anchor struct{ screen, source int }

// sourceLine is the source line that content line y shows.
func (m Model) sourceLine(y int) int {
	return interpolate(m.anchors, y, func(a anchor) int { return a.screen }, func(a anchor) int { return a.source })
}

// screenLine is the first content line showing source line n.
func (m Model) screenLine(n int) int {
	return interpolate(m.anchors, n, func(a anchor) int { return a.source }, func(a anchor) int { return a.screen })
}

// interpolate maps x from one side of the anchors (from) to the other (to).
func interpolate(as []anchor, x int, from, to func(anchor) int) int {
	i := len(as) - 1
	for i >= 0 && from(as[i]) > x {
		i--
	}
	if i < 0 {
		return 0
	}
	for i > 0 && from(as[i-1]) == x { // x is an anchor: its first line
		i--
	}
	if i+1 == len(as) || from(as[i+1]) == from(as[i]) {
		return to(as[i])
	}
	a, b := as[i], as[i+1]
	return to(a) + (x-from(a))*(to(b)-to(a))/(from(b)-from(a))
}

// setAnchors finds the anchors of the composed content: the segments'
// starts, ends and headings, in order on both sides.
func (m *Model) setAnchors(starts []anchor, end anchor) {
	as := append(starts, end)
	for _, h := range m.headings {
		as = append(as, anchor{screen: h.line, source: h.source})
	}
	slices.SortStableFunc(as, func(a, b anchor) int { return a.screen - b.screen })
	m.anchors = as[:0]
	for _, a := range as { // a heading located out of order is not an anchor
		if n := len(m.anchors); n == 0 || a.source >= m.anchors[n-1].source {
			m.anchors = append(m.anchors, a)
		}
	}
}

// Title is the lesson's title, cleaned for one line.
func (m Model) Title() string { return termtext.Name(m.lesson.Title) }

// SetSize lays the lesson out for a size; the Cmd re-renders it when the
// width or the theme changed.
//
// A width not rendered before waits until the window has kept its size for
// a moment: dragging a window's edge sends a size for every column passed,
// and rendering the lesson for each would keep the machine busy and fill
// memory with text nobody reads. Until then the lesson shows as it was.
func (m *Model) SetSize(width, height int) tea.Cmd {
	m.vp.SetWidth(width)
	m.vp.SetHeight(max(height-2, 1))
	m.find.field.SetWidth(fieldWidth(width))
	want := ContentWidth(width)
	if m.theme == m.c.MDTheme && m.width == want {
		return nil
	}
	if m.theme != m.c.MDTheme || m.cachedAt(want) {
		return m.load(m.Line())
	}
	m.settling++
	id, gen := m.lesson.ID, m.settling
	return tea.Tick(settleFor, func(time.Time) tea.Msg { return SettledMsg{lesson: id, gen: gen} })
}

// settleFor is how long a new width must hold before the lesson is
// rendered for it.
const settleFor = 120 * time.Millisecond

// SettledMsg says the window has kept its size since a resize.
type SettledMsg struct {
	lesson string
	gen    int
}

// cachedAt reports whether every segment is in the cache at width.
func (m Model) cachedAt(width int) bool {
	for _, s := range m.lesson.Segments {
		if s.Example != nil {
			continue
		}
		if _, ok := m.c.Markdown.Cached(s.Markdown, width, m.c.MDTheme); !ok {
			return false
		}
	}
	return true
}

// Reload shows the same lesson (by id) from a reloaded course, at the same
// line with the same focus; false when the lesson is gone. A lesson that is
// gone keeps showing what it was (its file may only be broken for a
// moment), but no longer has a place in the course: its index would point
// at another lesson of the new one.
func (m Model) Reload() (Model, tea.Cmd, bool) {
	for i, l := range m.c.Course.Lessons {
		if l.ID == m.lesson.ID {
			n, cmd := New(m.c, i, m.Line())
			n.focus, n.find = m.focus, m.find
			n.compose()
			return n, cmd, true
		}
	}
	m.index = -1
	return m, nil, false
}

// load shows the lesson from the cache when every segment is there (the
// usual case after the first visit) and renders it in a Cmd otherwise.
func (m *Model) load(line int) tea.Cmd {
	m.theme, m.width = m.c.MDTheme, ContentWidth(m.vp.Width())
	segs := make([]string, len(m.lesson.Segments))
	for i, s := range m.lesson.Segments {
		if s.Example != nil {
			continue
		}
		out, ok := m.c.Markdown.Cached(s.Markdown, m.width, m.theme)
		if !ok {
			m.rendered, m.wantLine = nil, line
			m.compose()
			return Render(m.c.Markdown, m.lesson, m.width, m.theme)
		}
		segs[i] = out
	}
	m.rendered, m.plain = segs, false
	m.compose()
	m.vp.SetYOffset(m.screenLine(line))
	return m.seen()
}

func (m Model) quizTitle() string {
	if m.lesson.Quiz == "" {
		return ""
	}
	if q := m.c.Course.Quiz(m.lesson.Quiz); q != nil {
		return termtext.Name(q.Title)
	}
	return ""
}

func (m Model) hasNext() bool { return m.index >= 0 && m.index+1 < len(m.c.Course.Lessons) }

// compose lays the rendered markdown and the cards out as the viewport's
// content. It is string concatenation only: the expensive part is done.
func (m *Model) compose() {
	st := m.c.Styles
	if m.rendered == nil {
		m.setContent(st.Muted.Render("  rendering…"))
		return
	}
	var b strings.Builder
	line := 0
	write := func(s string) {
		b.WriteString(s)
		line += strings.Count(s, "\n")
	}
	m.stops = m.stops[:0]
	if m.plain {
		write(st.Warning.Render("  "+markdown.TooComplex) + "\n\n")
	}
	var starts []anchor
	for i, seg := range m.lesson.Segments {
		starts = append(starts, anchor{screen: line, source: seg.Line})
		if seg.Example == nil {
			write(m.rendered[i])
			continue
		}
		m.stops = append(m.stops, stop{kind: "example", example: seg.Example, line: line})
		write(card(st, seg.Example, len(m.stops)-1 == m.focus, m.width) + "\n\n")
	}
	end := anchor{screen: line}
	if n := len(m.lesson.Segments); n > 0 {
		end.source = m.lesson.Segments[n-1].Line + m.lesson.Segments[n-1].Lines
	}
	write("\n")
	if t := m.quizTitle(); t != "" {
		m.stops = append(m.stops, stop{kind: "quiz", line: line})
		write(action(st, "Take the quiz: "+t, len(m.stops)-1 == m.focus) + "\n")
	}
	if m.hasNext() {
		m.stops = append(m.stops, stop{kind: "next", line: line})
		write(action(st, "Next lesson", len(m.stops)-1 == m.focus) + "\n")
	}
	m.setContent(b.String())
	m.setAnchors(starts, end)
}

// setContent shows composed content, the search's matches marked on it.
func (m *Model) setContent(content string) {
	m.lines = strings.Split(content, "\n")
	m.headings = nil
	if m.rendered != nil {
		m.headings = locate(m.outline, m.lines)
	}
	m.find.doc, m.find.matches = nil, nil
	if m.find.query != "" {
		m.rematch()
	}
	m.vp.SetContentLines(m.lines)
}

// lessonView is the viewport with the search's matches marked. Only the
// lines on screen are marked, on a copy: marking the whole content and
// handing it to the viewport would have it measure every line again on
// every key.
func (m Model) lessonView() string {
	if len(m.find.matches) == 0 {
		return m.vp.View()
	}
	first := m.vp.YOffset()
	last := min(first+m.vp.Height(), len(m.lines))
	if first >= last {
		return m.vp.View()
	}
	vp := m.vp
	vp.SetContentLines(highlighted(m.lines[first:last], first, m.find.matches, m.find.current))
	vp.SetYOffset(0)
	return vp.View()
}

// cardModel says what opening the card runs: "gather · asyncio loop
// model", with the card's settings when it has some.
func cardModel(ref *course.ExampleRef) string {
	model, err := trace.ParseModel(ref.Model)
	if ref.Model == "" || err != nil {
		model = trace.ModelGoroutines
	}
	line := termtext.Name(ref.Name) + " · " + model.Title()
	for _, p := range ref.Params {
		line += " · " + termtext.Message(p.Name+"="+p.Value)
	}
	return line
}

func card(st theme.Styles, ref *course.ExampleRef, focused bool, width int) string {
	x, ok := examples.Lookup(ref.Name)
	title := "▶ Example: " + termtext.Name(ref.Name)
	if ok {
		title = "▶ Example: " + termtext.Name(x.Title)
	}
	inner := min(width, 80) - 4 // border and a space of padding each side
	var lines []string
	add := func(style lipgloss.Style, text string) {
		for _, l := range strings.Split(ansi.WrapWc(text, inner, " "), "\n") {
			lines = append(lines, style.Render(l))
		}
	}
	add(st.Title, title)
	add(st.Muted, cardModel(ref)) // not the example's summary: it tells the outcome
	if ref.Caption != "" {
		for _, para := range learn.CaptionParagraphs(ref.Caption) {
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

func action(st theme.Styles, label string, focused bool) string {
	if focused {
		return "  " + st.Accent.Render("▸ "+label) + st.Muted.Render("  (enter)")
	}
	return "    " + st.Text.Render(label)
}

// Update scrolls, moves the focus, searches and sends the learner on.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	switch msg := msg.(type) {
	case SettledMsg:
		if msg.lesson != m.lesson.ID || msg.gen != m.settling || m.width == ContentWidth(m.vp.Width()) {
			return m, nil
		}
		cmd := m.load(m.Line()) // it changes m: call it before m is returned
		return m, cmd
	case RenderedMsg:
		if msg.lesson != m.lesson.ID || msg.width != m.width || msg.theme != m.theme {
			return m, nil
		}
		m.rendered, m.plain = msg.segments, msg.unformatted
		m.compose()
		m.vp.SetYOffset(m.screenLine(m.wantLine))
		cmd := m.seen() // it changes m: call it before m is returned
		return m, cmd
	case noticeExpiredMsg:
		if msg.id == m.noticeID {
			m.notice = ""
		}
		return m, nil
	case tea.KeyPressMsg:
		return m.key(msg)
	case tea.MouseWheelMsg:
		m.wheel(msg)
		cmd := m.seen() // it changes m: call it before m is returned
		return m, cmd
	case tea.PasteMsg:
		if m.find.open {
			return m.edit(msg)
		}
	default:
		if m.find.open { // the field's own messages (its cursor)
			var cmd tea.Cmd
			m.find.field, cmd = m.find.field.Update(msg)
			return m, cmd
		}
	}
	return m, nil
}

// wheelStep is how many lines a notch of the mouse wheel scrolls.
const wheelStep = 3

// wheel scrolls the lesson, or moves the table of contents' cursor.
func (m *Model) wheel(msg tea.MouseWheelMsg) {
	down := msg.Button == tea.MouseWheelDown
	if !down && msg.Button != tea.MouseWheelUp {
		return
	}
	switch {
	case m.toc.open && down:
		m.toc.cursor = min(m.toc.cursor+1, len(m.headings)-1)
	case m.toc.open:
		m.toc.cursor = max(m.toc.cursor-1, 0)
	case down:
		m.vp.ScrollDown(wheelStep)
	default:
		m.vp.ScrollUp(wheelStep)
	}
}

func (m Model) key(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	switch {
	case m.toc.open:
		return m.contentsKey(msg)
	case m.find.open:
		return m.fieldKey(msg)
	}
	k := m.c.Keys
	var cmd tea.Cmd
	switch {
	case m.find.kept() && key.Matches(msg, keys.ClearSearch):
		m.clearSearch()
		return m, nil
	case m.find.kept() && len(m.find.matches) == 0 && (key.Matches(msg, keys.NextMatch) || key.Matches(msg, keys.PrevMatch)):
		return m, m.say(fmt.Sprintf("no match for “%s” in this lesson (esc clears the search)", m.find.query))
	case m.find.kept() && key.Matches(msg, keys.NextMatch):
		m.step(1)
	case m.find.kept() && key.Matches(msg, keys.PrevMatch):
		m.step(-1)
	case key.Matches(msg, keys.Search):
		cmd = m.openSearch()
		return m, cmd
	case key.Matches(msg, keys.Contents):
		cmd = m.openContents()
		return m, cmd
	case key.Matches(msg, keys.PrevLesson):
		cmd = m.previous()
		return m, cmd
	case key.Matches(msg, keys.NextLesson), key.Matches(msg, k.Next):
		cmd = m.next()
		return m, cmd
	case key.Matches(msg, k.Back):
		return m, tea.Batch(m.leave(), common.Send(common.BackMsg{}))
	case key.Matches(msg, k.Quiz):
		return m, m.openQuiz()
	case key.Matches(msg, k.Enter):
		return m.enter()
	case key.Matches(msg, k.NextFocus), key.Matches(msg, k.PrevFocus):
		if len(m.stops) == 0 {
			return m, nil
		}
		if key.Matches(msg, k.NextFocus) {
			m.focus = (m.focus + 1) % len(m.stops)
		} else {
			m.focus = (m.focus - 1 + len(m.stops)) % len(m.stops)
		}
		m.compose()
		m.scrollTo(m.stops[m.focus].line)
	case key.Matches(msg, k.Top):
		m.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		m.vp.GotoBottom()
	default:
		m.vp, _ = m.vp.Update(msg)
	}
	cmd = m.seen() // it changes m: call it before m is returned
	return m, cmd
}

// enter opens the place the focus is on.
func (m Model) enter() (Model, tea.Cmd) {
	if m.focus < 0 || m.focus >= len(m.stops) {
		return m, nil
	}
	var cmd tea.Cmd
	switch s := m.stops[m.focus]; s.kind {
	case "example":
		cmd = tea.Batch(m.leave(), common.Send(common.OpenExampleMsg{Ref: s.example}))
	case "quiz":
		cmd = m.openQuiz()
	case "next":
		cmd = m.next()
	}
	return m, cmd
}

// leave records the place to come back to.
func (m Model) leave() tea.Cmd {
	return common.Record(learn.Opened(m.lesson.ID, m.Line()))
}

// next opens the next lesson, or says there is none.
func (m *Model) next() tea.Cmd {
	switch {
	case m.index < 0:
		return m.say(notInCourse)
	case !m.hasNext():
		if m.quizTitle() != "" {
			return m.say("this is the last lesson: there is no next one (t takes its quiz)")
		}
		return m.say("this is the last lesson: there is no next one")
	}
	return m.goTo(m.index + 1)
}

// previous opens the lesson before, or says there is none.
func (m *Model) previous() tea.Cmd {
	switch {
	case m.index < 0:
		return m.say(notInCourse)
	case m.index == 0:
		return m.say("this is the first lesson: there is no previous one")
	}
	return m.goTo(m.index - 1)
}

// goTo leaves for lesson i. The place is recorded first, in sequence: in
// a batch the new lesson's opening could be saved before it, and the
// learner would resume in the lesson they left.
func (m Model) goTo(i int) tea.Cmd {
	return tea.Sequence(m.leave(), common.Send(common.OpenLessonMsg{Index: i}))
}

const notInCourse = "this lesson is not in the course until it loads again"

func (m Model) openQuiz() tea.Cmd {
	if m.quizTitle() == "" {
		return common.Send(common.ErrorMsg{Err: fmt.Errorf("this lesson has no quiz")})
	}
	return tea.Batch(m.leave(), common.Send(common.OpenQuizMsg{Lesson: m.lesson.ID, Quiz: m.lesson.Quiz}))
}

// noticeFor is how long a notice stays under the title.
const noticeFor = 5 * time.Second

// noticeExpiredMsg ends the notice it was sent for.
type noticeExpiredMsg struct{ id int64 }

// notices numbers notices across every lesson screen, so that the expiry
// of one never ends another's.
var notices atomic.Int64

// say shows a notice under the title for a while.
func (m *Model) say(text string) tea.Cmd {
	id := notices.Add(1)
	m.notice, m.noticeID = text, id
	return tea.Tick(noticeFor, func(time.Time) tea.Msg { return noticeExpiredMsg{id: id} })
}

// seen marks the lesson read once its end has been on screen.
func (m *Model) seen() tea.Cmd {
	if m.rendered == nil || m.atEnd || !m.vp.AtBottom() {
		return nil
	}
	m.atEnd = true
	if learn.LessonState(m.c.Course, m.lesson, m.c.Progress).Read {
		return nil
	}
	return common.Record(learn.Read(m.lesson.ID, m.c.Now()))
}

// scrollTo brings a content line into view, a little below the top.
func (m *Model) scrollTo(line int) {
	if line < m.vp.YOffset() || line >= m.vp.YOffset()+m.vp.Height()-4 {
		m.vp.SetYOffset(max(line-2, 0))
	}
}

// View draws the title line, a line for the search or a notice, and the
// lesson (or its table of contents).
func (m Model) View() string {
	st, width := m.c.Styles, m.vp.Width()
	place := fmt.Sprintf("  lesson %d of %d", m.index+1, len(m.c.Course.Lessons))
	if m.index < 0 {
		place = "  not in the course until it loads again"
	}
	head := st.Title.Render(m.Title()) + st.Muted.Render(place)
	pct := int(m.vp.ScrollPercent() * 100)
	head = ansi.TruncateWc(head, width-6, "…")
	head += strings.Repeat(" ", max(width-ansi.StringWidthWc(head)-5, 1)) + st.Muted.Render(fmt.Sprintf("%3d%%", pct))
	body := m.lessonView()
	if m.toc.open {
		body = m.contentsView()
	}
	return head + "\n" + ansi.TruncateWc(m.infoLine(), width, "…") + "\n" + body
}

// infoLine is the line under the title: the search field, a notice, or
// where the kept search stands.
func (m Model) infoLine() string {
	st := m.c.Styles
	switch {
	case m.toc.open:
		return ""
	case m.find.open:
		status := m.find.status()
		if status == noMatch {
			status = st.Warning.Render(status)
		} else {
			status = st.Muted.Render(status)
		}
		return " " + m.find.field.View() + "  " + status
	case m.notice != "":
		return st.Warning.Render("  " + termtext.Message(m.notice))
	case m.find.kept():
		return st.Muted.Render("  “"+termtext.Name(m.find.query)+"”: ") + m.find.status()
	}
	return ""
}

// ShortHelp is the lesson's keys for the status line, the most useful
// first: the app drops from the end as the window narrows.
func (m Model) ShortHelp() []key.Binding {
	k, l := m.c.Keys, m.c.Lang
	keys := newKeyMap(l)
	switch {
	case m.toc.open:
		return []key.Binding{common.Display("↑/↓", l.Say("choose")), keys.GoTo, keys.CloseContents, k.Help}
	case m.find.open:
		return []key.Binding{keys.KeepMatches, common.Display("↑/↓", l.Say("next/previous match")), keys.ClearSearch}
	}
	short := []key.Binding{common.Display("↑/↓", l.Say("scroll")), k.NextFocus, k.Enter, keys.Search, k.Quiz, keys.Contents, common.Display("[/]", l.Say("previous/next lesson")), k.Back, k.Help}
	if m.find.kept() {
		short = append([]key.Binding{common.Display("n/N", l.Say("next/previous match"))}, short...)
		short[len(short)-2] = keys.ClearSearch
	}
	return short
}

// FullHelp is every key of the lesson: in four columns where they fit,
// else in two taller ones, so that no column is cut at the window's edge.
func (m Model) FullHelp() [][]key.Binding {
	k, l := m.c.Keys, m.c.Lang
	keys := newKeyMap(l)
	move := []key.Binding{k.Up, k.Down, k.PageUp, k.PageDn, k.Top, k.Bottom}
	cards := []key.Binding{k.NextFocus, k.PrevFocus, k.Enter, k.Quiz}
	find := []key.Binding{keys.Search, common.Display("n/N", l.Say("next/previous match")), keys.ClearSearch, keys.Contents}
	leave := []key.Binding{keys.PrevLesson, keys.NextLesson, common.Relabel(k.Next, "n", l.Say("next lesson")), k.Back, k.Help, k.ForceQuit}
	if m.vp.Width() < fourColumns {
		return [][]key.Binding{append(move, cards...), append(find, leave...)}
	}
	return [][]key.Binding{move, cards, find, leave}
}

// fourColumns is the width the full help's four columns take.
const fourColumns = 98

// Typing reports whether the search field is open: every key is then the
// lesson's, to type, and none is a command.
func (m Model) Typing() bool { return m.find.open }

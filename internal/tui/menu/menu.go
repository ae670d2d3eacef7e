// Package menu is the player's first screen: the lessons with the learner's
// state, and "continue where you left off" as the default action.
package menu

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/learn"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
)

// Model is the menu. Row 0 is "continue"; row i is lesson i.
type Model struct {
	c      *common.Common
	cursor int
	width  int
	height int
	typed  string // the digits of a lesson number being typed
	typeID int    // tells the latest typed digit's expiry from older ones
}

// typedFor is how long a typed digit waits for a second one: "1" then "1"
// within it is lesson 11.
const typedFor = 1500 * time.Millisecond

// typedExpiredMsg ends the lesson number being typed.
type typedExpiredMsg struct{ id int }

// New returns the menu with the cursor on "continue".
func New(c *common.Common) Model { return Model{c: c} }

// SetSize sets the screen's size.
func (m *Model) SetSize(width, height int) { m.width, m.height = width, height }

// Select puts the cursor on lesson i (after the learner leaves it), kept
// within a course that may have been reloaded smaller.
func (m *Model) Select(i int) {
	m.cursor = min(max(i+1, 0), len(m.c.Course.Lessons))
	m.typed = ""
}

// Update moves the cursor and opens a lesson.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	rows := len(m.c.Course.Lessons)
	m.cursor = min(m.cursor, rows)
	switch msg := msg.(type) {
	case typedExpiredMsg:
		if msg.id == m.typeID {
			m.typed = ""
		}
	case tea.MouseWheelMsg:
		switch msg.Button {
		case tea.MouseWheelUp:
			m.cursor = max(m.cursor-1, 0)
		case tea.MouseWheelDown:
			m.cursor = min(m.cursor+1, rows)
		}
	case tea.KeyPressMsg:
		if d, ok := digit(msg); ok && rows > 0 {
			return m.typeDigit(d)
		}
		m.typed = ""
		return m.keyPress(msg)
	}
	return m, nil
}

func (m Model) keyPress(kp tea.KeyPressMsg) (Model, tea.Cmd) {
	k, rows := m.c.Keys, len(m.c.Course.Lessons)
	switch {
	case key.Matches(kp, k.Quit):
		return m, common.Send(common.QuitMsg{}) // esc does not: a learner backing out in a hurry stays in the course
	case key.Matches(kp, k.Enter):
		if rows == 0 {
			return m, nil
		}
		if m.cursor == 0 {
			i, line := learn.Resume(m.c.Course, m.c.Progress)
			return m, common.Send(common.OpenLessonMsg{Index: i, Line: line})
		}
		return m, common.Send(common.OpenLessonMsg{Index: m.cursor - 1})
	case key.Matches(kp, k.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(kp, k.Down):
		m.cursor = min(m.cursor+1, rows)
	case key.Matches(kp, k.Top):
		m.cursor = 0
	case key.Matches(kp, k.Bottom):
		m.cursor = rows
	}
	return m, nil
}

// digit is the digit a key types, if it types one.
func digit(kp tea.KeyPressMsg) (byte, bool) {
	s := kp.String()
	if len(s) != 1 || s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	return s[0], true
}

// typeDigit moves the cursor to the lesson whose number is being typed. A
// digit extends the number typed just before when that makes a lesson of
// the course, and starts a new number otherwise: in a course of 11 lessons
// "1" selects lesson 1 and a "1" right after it lesson 11, while "2" then
// "3" selects 2 and then 3.
func (m Model) typeDigit(d byte) (Model, tea.Cmd) {
	rows := len(m.c.Course.Lessons)
	if longer := m.typed + string(d); m.typed != "" && lessonNumber(longer, rows) > 0 {
		m.typed = longer
	} else {
		m.typed = string(d)
	}
	if n := lessonNumber(m.typed, rows); n > 0 {
		m.cursor = n
	}
	m.typeID++
	id := m.typeID
	return m, tea.Tick(typedFor, func(time.Time) tea.Msg { return typedExpiredMsg{id: id} })
}

// lessonNumber is the lesson number s names in a course of rows lessons,
// or 0 when it names none.
func lessonNumber(s string, rows int) int {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > rows {
		return 0
	}
	return n
}

// glyphs are the menu's marks, in Unicode or, for --ascii, in ASCII.
type glyphs struct {
	cursor, start, more, full, empty, sep string
	stage                                 map[learn.Stage]string
}

func glyphsFor(ascii bool) glyphs {
	if ascii {
		return glyphs{cursor: "> ", start: "", more: "...", full: "#", empty: ".", sep: ", ",
			stage: map[learn.Stage]string{learn.StageNew: "-", learn.StageReading: ">", learn.StageRead: "+",
				learn.StageQuizUnderWay: "~", learn.StageQuizNotPassed: "~", learn.StagePassedUnread: "*", learn.StageDone: "*"}}
	}
	return glyphs{cursor: "▸ ", start: "▶ ", more: "…", full: "█", empty: "·", sep: " · ",
		stage: map[learn.Stage]string{learn.StageNew: "·", learn.StageReading: "›", learn.StageRead: "✓",
			learn.StageQuizUnderWay: "◐", learn.StageQuizNotPassed: "◐", learn.StagePassedUnread: "★", learn.StageDone: "★"}}
}

// View draws the menu, and an instructor's problems panel below it.
func (m Model) View() string {
	panel := m.problemsPanel(min(len(m.c.Problems)+1, m.height/3))
	h := m.height
	if panel == "" {
		return m.list(h)
	}
	h -= strings.Count(panel, "\n") + 2
	return common.Fit(m.list(h), m.width, h) + "\n\n" + panel
}

func (m Model) list(height int) string {
	st, c, p, width := m.c.Styles, m.c.Course, m.c.Progress, m.width
	g := glyphsFor(m.c.ASCII)
	var b strings.Builder
	line := func(s string) { b.WriteString(ansi.TruncateWc(s, width, g.more) + "\n") }
	title, summary := heading(c)
	if summary != "" {
		summary = st.Muted.Render("  " + summary)
	}
	line(st.Title.Render(title) + summary)
	sum := learn.Survey(c, p)
	done := counts(sum, g.sep)
	line(st.Muted.Render(done+"  ") + bar(sum.Read, sum.Lessons, min(20, width-ansi.StringWidthWc(done)-4), g))
	for _, n := range m.c.Notices {
		b.WriteString(eachLine(st.Warning, hang("! ", termtext.Message(n), width)) + "\n")
	}
	if sum.Complete() {
		// What the list needs below: the number typed, the first row and a
		// blank, a few lessons (the rest scroll), and a blank and the chosen
		// lesson's summary.
		room := height - strings.Count(b.String(), "\n") - (1 + 2 + min(len(c.Lessons), 5) + 3)
		b.WriteString(m.complete(sum, g, room) + "\n")
	}
	b.WriteString(m.typedLine() + "\n")
	if len(c.Lessons) == 0 {
		return b.String() + st.Muted.Render("This course has no lesson yet.")
	}

	b.WriteString(m.row(0, g.start+m.continueLabel(), m.continuePlace(), g) + "\n\n")

	used := strings.Count(b.String(), "\n")
	rows := max(height-used, 1)
	roomy := rows >= 2*len(c.Lessons)
	if !roomy {
		rows = max(rows-3, 1) // a blank line and the chosen lesson's summary (two lines) below the list
	}
	top := 0
	if m.cursor-1 >= rows {
		top = m.cursor - rows
	}
	for i := top; i < len(c.Lessons) && i < top+rows; i++ {
		l := c.Lessons[i]
		label := fmt.Sprintf("%2d. %s", i+1, termtext.Name(l.Title))
		b.WriteString(m.row(i+1, label, m.stateCell(learn.LessonState(c, l, p), g), g) + "\n")
		if roomy && l.Summary != "" {
			b.WriteString(ansi.TruncateWc(st.Muted.Render("      "+termtext.Name(l.Summary)), width, g.more) + "\n")
		}
	}
	if !roomy {
		b.WriteString("\n" + m.chosenSummary(g))
	}
	return strings.TrimRight(b.String(), "\n")
}

// counts is how much of the course is done, in words.
func counts(o learn.Overview, sep string) string {
	s := countOf(o.Read, o.Lessons, "lesson", "lessons") + " read"
	if o.Quizzes > 0 {
		s += sep + countOf(o.Passed, o.Quizzes, "quiz", "quizzes") + " passed"
	}
	return s
}

// countOf says "1 of 3 lessons" or "0 of 1 lesson": the noun agrees with
// the total.
func countOf(n, of int, one, many string) string {
	noun := many
	if of == 1 {
		noun = one
	}
	return fmt.Sprintf("%d of %d %s", n, of, noun)
}

// complete is the course-complete notice: the learner is told so, with
// the scores, and given a few honest things to try next. Where that takes
// more than room lines, and would crowd out the lessons, it is one line.
func (m Model) complete(o learn.Overview, g glyphs, room int) string {
	st := m.c.Styles
	mark := g.stage[learn.StageDone] + " "
	scores := ""
	if o.Quizzes > 0 {
		scores = fmt.Sprintf("best scores %d%% on average", learn.Percent(o.Best))
	}
	done := "Course complete: every lesson read"
	if scores != "" {
		done += ", every quiz passed, " + scores
	}
	next := "Try next: run an example with other parameters (p on its card), put two runs side by side (c)"
	if o.Quizzes > 0 {
		next += ", retake a quiz for a better score (t in its lesson)"
	}
	next += ", or write a course of your own: " + unbroken("asyncio-tutor init DIR") + ", then " + unbroken("asyncio-tutor check DIR") + "."
	full := eachLine(st.Right, hang(mark, done+".", m.width)) + "\n" + eachLine(st.Muted, hang("  ", next, m.width))
	if strings.Count(full, "\n")+1 <= room {
		return full
	}
	short := "Course complete"
	if scores != "" {
		short += ": " + scores
	}
	return st.Right.Render(ansi.TruncateWc(mark+short+".", m.width, g.more))
}

// typedLine shows the lesson number being typed, and what one more digit
// could still make of it; blank when nothing is typed.
func (m Model) typedLine() string {
	if m.typed == "" {
		return ""
	}
	st, rows := m.c.Styles, len(m.c.Course.Lessons)
	n := lessonNumber(m.typed, rows)
	if n == 0 {
		return st.Warning.Render(ansi.TruncateWc(fmt.Sprintf("Lesson %s: no such lesson; the lessons are 1 to %d", m.typed, rows), m.width, ""))
	}
	s := fmt.Sprintf("Lesson %s", m.typed)
	if lo, hi := n*10, min(n*10+9, rows); lo <= rows {
		s += fmt.Sprintf(" (one more digit for %d to %d)", lo, hi)
		if lo == hi {
			s = fmt.Sprintf("Lesson %s (one more digit for %d)", m.typed, lo)
		}
	}
	return st.Accent.Render(ansi.TruncateWc(s, m.width, ""))
}

// continueLabel names the lesson enter opens from the first row.
func (m Model) continueLabel() string {
	c, p := m.c.Course, m.c.Progress
	i, _ := learn.Resume(c, p)
	label := "Start"
	if learn.Started(c, p) {
		label = "Continue"
	}
	return fmt.Sprintf("%s: %d. %s", label, i+1, termtext.Name(c.Lessons[i].Title))
}

// continuePlace says where in the lesson the first row opens it, once the
// learner has been in it.
func (m Model) continuePlace() string {
	c, p := m.c.Course, m.c.Progress
	i, line := learn.Resume(c, p)
	if line <= 0 {
		return ""
	}
	return m.c.Styles.Muted.Render(learn.Place(c.Lessons[i], line))
}

// chosenSummary is the summary of the lesson under the cursor (the first
// row stands for the lesson it opens), for a window too short to show
// every lesson's.
func (m Model) chosenSummary(g glyphs) string {
	c := m.c.Course
	i := m.cursor - 1
	if i < 0 {
		i, _ = learn.Resume(c, m.c.Progress)
	}
	s := termtext.Name(c.Lessons[i].Summary)
	if s == "" {
		return ""
	}
	lines := strings.Split(ansi.WrapWc(s, max(m.width-4, 8), ""), "\n")
	if len(lines) > 2 {
		lines = lines[:2]
		lines[1] = ansi.TruncateWc(lines[1]+" "+g.more, max(m.width-4, 8), g.more)
	}
	return eachLine(m.c.Styles.Muted, "    "+strings.Join(lines, "\n    "))
}

// stateCell is a lesson's state: a glyph and words, so that it does not
// rest on colour.
func (m Model) stateCell(s learn.State, g glyphs) string {
	st := m.c.Styles
	mark := g.stage[s.Stage]
	switch s.Stage {
	case learn.StageNew:
		return st.Muted.Render(mark + " " + s.Label())
	case learn.StageDone, learn.StagePassedUnread, learn.StageRead:
		mark = st.Right.Render(mark)
	case learn.StageQuizUnderWay, learn.StageQuizNotPassed:
		mark = st.Partly.Render(mark)
	default:
		mark = st.Accent.Render(mark)
	}
	return mark + " " + s.Label()
}

// keepWhole joins the words of a command with a no-break space and hyphen,
// so that wrapping never splits what a learner is to type; restore turns
// them back after the wrap.
var (
	keepWhole = strings.NewReplacer(" ", "\u00a0", "-", "\u2011")
	restore   = strings.NewReplacer("\u00a0", " ", "\u2011", "-")
)

func unbroken(command string) string { return keepWhole.Replace(command) }

// hang wraps s to width after a prefix, the lines after the first indented
// under it; long words such as paths are broken, never cut off.
func hang(prefix, s string, width int) string {
	indent := strings.Repeat(" ", ansi.StringWidthWc(prefix))
	w := max(width-len(indent), 8)
	lines := strings.Split(ansi.WrapWc(s, w, "/"), "\n")
	for i, l := range lines {
		l = strings.TrimRight(restore.Replace(l), " ")
		if i == 0 {
			lines[i] = prefix + l
		} else {
			lines[i] = indent + l
		}
	}
	return strings.Join(lines, "\n")
}

// eachLine styles every line of s on its own: a style given several lines
// at once pads them all to the widest.
func eachLine(style lipgloss.Style, s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = style.Render(l)
	}
	return strings.Join(lines, "\n")
}

// row draws one selectable line: a marker, the label, and a right-aligned state.
func (m Model) row(i int, label, state string, g glyphs) string {
	st, width := m.c.Styles, m.width
	marker := strings.Repeat(" ", ansi.StringWidthWc(g.cursor))
	if i == m.cursor {
		marker = st.Accent.Render(g.cursor)
		label = st.Selected.Render(label)
	}
	stateW := ansi.StringWidthWc(state)
	room := width - 2 - stateW - 2
	if state == "" {
		room = width - 2
	}
	label = ansi.TruncateWc(label, max(room, 8), g.more)
	gap := max(width-2-ansi.StringWidthWc(label)-stateW, 1)
	if state == "" {
		gap = 0
	}
	return ansi.TruncateWc(marker+label+strings.Repeat(" ", gap)+state, width, "")
}

// bar draws n of the course's lessons done, in width cells between its
// brackets; nothing where there is no room for it to mean anything.
func bar(n, of, width int, g glyphs) string {
	if of == 0 || width < 5 {
		return ""
	}
	full := n * width / of
	return "[" + strings.Repeat(g.full, full) + strings.Repeat(g.empty, width-full) + "]"
}

// problemsPanel lists the course's problems for an instructor, most
// important first, in the lines it may use.
func (m Model) problemsPanel(lines int) string {
	ps, st := m.c.Problems, m.c.Styles
	if len(ps) == 0 || lines < 2 {
		return ""
	}
	errs := 0
	for _, p := range ps {
		if p.Severity == course.SeverityError {
			errs++
		}
	}
	more := glyphsFor(m.c.ASCII).more
	var b strings.Builder
	b.WriteString(st.Warning.Render(fmt.Sprintf("check: %s, %s (saving a file reloads the course)", common.Count(errs, "error"), common.Count(len(ps)-errs, "warning"))))
	for i, p := range ps {
		if i == lines-1 {
			break
		}
		b.WriteString("\n" + ansi.TruncateWc(st.Muted.Render("  "+p.Shown()), m.width, more))
	}
	return b.String()
}

// jump is the help entry of the digits, which go to a lesson by number.
func (m Model) jump() key.Binding { return common.Display("1-9", m.c.Lang.Say("go to lesson")) }

// ShortHelp is the menu's keys for the status line.
func (m Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	return []key.Binding{k.Up, k.Down, k.Enter, m.jump(), k.Quit, k.Help}
}

// FullHelp is every key of the menu.
func (m Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom, m.jump()}, {k.Enter, k.Help}, {k.Quit, k.ForceQuit}}
}

// heading is the course's title and summary from course.yaml, made safe to
// show on one line; a course without a title is named after the program.
func heading(c *course.Course) (title, summary string) {
	if c.Title() == "" {
		return "asyncio-tutor", "asynchronous programming, run live"
	}
	return termtext.Name(c.Title()), termtext.Name(c.Meta.Summary)
}

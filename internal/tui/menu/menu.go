// Package menu is the player's first screen: the lessons with the learner's
// state, and "continue where you left off" as the default action.
package menu

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/learn"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// Model is the menu. Row 0 is "continue"; row i is lesson i.
type Model struct {
	c      *common.Common
	cursor int
	width  int
	height int
}

// New returns the menu with the cursor on "continue".
func New(c *common.Common) Model { return Model{c: c} }

// SetSize sets the screen's size.
func (m *Model) SetSize(width, height int) { m.width, m.height = width, height }

// Select puts the cursor on lesson i (after the learner leaves it), kept
// within a course that may have been reloaded smaller.
func (m *Model) Select(i int) { m.cursor = min(max(i+1, 0), len(m.c.Course.Lessons)) }

// Update moves the cursor and opens a lesson.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	k, rows := m.c.Keys, len(m.c.Course.Lessons)
	m.cursor = min(m.cursor, rows)
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
	var b strings.Builder
	line := func(s string) { b.WriteString(ansi.TruncateWc(s, width, "…") + "\n") }
	title, summary := heading(c)
	if summary != "" {
		summary = st.Muted.Render("  " + summary)
	}
	line(st.Title.Render(title) + summary)
	sum := learn.Summarize(c, p)
	line(st.Muted.Render(fmt.Sprintf("%d of %d lessons read · %d quizzes passed  ", sum.Read, sum.Lessons, sum.Passed)) + bar(sum.Read, sum.Lessons, 20))
	for _, n := range m.c.Notices {
		line(st.Warning.Render("! " + termtext.Message(n)))
	}
	b.WriteString("\n")
	if len(c.Lessons) == 0 {
		return b.String() + st.Muted.Render("This course has no lesson yet.")
	}

	resume, _ := learn.Resume(c, p)
	label := "Start"
	if learn.Started(c, p) {
		label = "Continue"
	}
	first := fmt.Sprintf("%s: %d. %s", label, resume+1, termtext.Name(c.Lessons[resume].Title))
	b.WriteString(m.row(st, 0, "▶ "+first, "") + "\n\n")

	used := strings.Count(b.String(), "\n")
	visible := max(height-used, 1)
	top := 0
	if m.cursor-1 >= visible {
		top = m.cursor - visible
	}
	for i := top; i < len(c.Lessons) && i < top+visible; i++ {
		l := c.Lessons[i]
		title := fmt.Sprintf("%2d. %s", i+1, termtext.Name(l.Title))
		b.WriteString(m.row(st, i+1, title, state(st, learn.LessonStatus(c, l, p))) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// state is one lesson's state: a glyph and words, so that it does not rest
// on colour.
func state(st theme.Styles, s learn.Status) string {
	var parts []string
	if s.Read {
		parts = append(parts, st.Right.Render("✓")+" read")
	} else {
		parts = append(parts, st.Muted.Render("· new"))
	}
	switch {
	case s.Passed:
		parts = append(parts, st.Right.Render("★")+fmt.Sprintf(" quiz %d%% passed", learn.Percent(s.Best)))
	case s.QuizTaken:
		parts = append(parts, st.Partly.Render("◐")+fmt.Sprintf(" quiz %d%%", learn.Percent(s.Best)))
	case s.HasQuiz:
		parts = append(parts, st.Muted.Render("quiz not taken"))
	}
	return strings.Join(parts, "  ")
}

// row draws one selectable line: a marker, the label, and a right-aligned state.
func (m Model) row(st theme.Styles, i int, label, state string) string {
	width := m.width
	marker := "  "
	if i == m.cursor {
		marker = st.Accent.Render("▸ ")
		label = st.Selected.Render(label)
	}
	stateW := ansi.StringWidthWc(state)
	room := width - 2 - stateW - 2
	if state == "" {
		room = width - 2
	}
	label = ansi.TruncateWc(label, max(room, 8), "…")
	gap := max(width-2-ansi.StringWidthWc(label)-stateW, 1)
	if state == "" {
		gap = 0
	}
	return ansi.TruncateWc(marker+label+strings.Repeat(" ", gap)+state, width, "")
}

func bar(n, of, width int) string {
	if of == 0 {
		return ""
	}
	full := n * width / of
	return "[" + strings.Repeat("█", full) + strings.Repeat("·", width-full) + "]"
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
	var b strings.Builder
	b.WriteString(st.Warning.Render(fmt.Sprintf("check: %s, %s (saving a file reloads the course)", common.Count(errs, "error"), common.Count(len(ps)-errs, "warning"))))
	for i, p := range ps {
		if i == lines-1 {
			break
		}
		b.WriteString("\n" + ansi.TruncateWc(st.Muted.Render("  "+p.Shown()), m.width, "…"))
	}
	return b.String()
}

// ShortHelp is the menu's keys for the status line.
func (m Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	return []key.Binding{k.Up, k.Down, k.Enter, k.Quit, k.Help}
}

// FullHelp is every key of the menu.
func (m Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	return [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom}, {k.Enter, k.Help}, {k.Quit, k.ForceQuit}}
}

// heading is the course's title and summary from course.yaml, made safe to
// show on one line; a course without a title is named after the program.
func heading(c *course.Course) (title, summary string) {
	if c.Title() == "" {
		return "asyncio-tutor", "asynchronous programming, run live"
	}
	return termtext.Name(c.Title()), termtext.Name(c.Meta.Summary)
}

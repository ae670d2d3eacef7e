package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// menuModel lists the lessons with the learner's state. Row 0 is "continue
// where you left off", the default action.
type menuModel struct {
	cursor int
	top    int // first lesson row shown, for short windows
}

// resumeIndex is the lesson to continue with: the last one opened, or the
// first lesson not yet read.
func resumeIndex(c *course.Course, p *progress.Course) int {
	if p.Resume.Lesson != "" {
		for i, l := range c.Lessons {
			if l.ID == p.Resume.Lesson {
				return i
			}
		}
	}
	for i, l := range c.Lessons {
		if !lessonProgress(p, l.ID).Read() {
			return i
		}
	}
	return 0
}

func (m menuModel) update(msg tea.KeyPressMsg, keys theme.KeyMap, rows int) menuModel {
	switch {
	case key.Matches(msg, keys.Up):
		m.cursor = max(m.cursor-1, 0)
	case key.Matches(msg, keys.Down):
		m.cursor = min(m.cursor+1, rows)
	case key.Matches(msg, keys.Top):
		m.cursor = 0
	case key.Matches(msg, keys.Bottom):
		m.cursor = rows
	}
	return m
}

// lessonState is one lesson's line in the menu: a glyph and words, so the
// state does not rest on colour.
func lessonState(st theme.Styles, c *course.Course, l *course.Lesson, p *progress.Course) string {
	lp := lessonProgress(p, l.ID)
	var parts []string
	if lp.Read() {
		parts = append(parts, st.Right.Render("✓")+" read")
	} else {
		parts = append(parts, st.Muted.Render("· new"))
	}
	if best, ok := lp.Best(); ok {
		word := st.Partly.Render("◐") + fmt.Sprintf(" quiz %d%%", pct(best.Score))
		if lp.Passed() {
			word = st.Right.Render("★") + fmt.Sprintf(" quiz %d%% passed", pct(best.Score))
		}
		parts = append(parts, word)
	} else if l.Quiz != "" && c.Quiz(l.Quiz) != nil {
		parts = append(parts, st.Muted.Render("quiz not taken"))
	}
	return strings.Join(parts, "  ")
}

// lessonProgress reads a lesson's progress without creating it (Course.Lesson
// would add an entry, and views must not change state). nil means none yet.
func lessonProgress(p *progress.Course, id string) *progress.Lesson {
	return p.Lessons[id]
}

func pct(f float64) int { return int(f*100 + 0.5) }

func (m menuModel) view(st theme.Styles, c *course.Course, p *progress.Course, width, height int, notices []string) string {
	var b strings.Builder
	line := func(s string) { b.WriteString(ansi.TruncateWc(s, width, "…") + "\n") }
	line(st.Title.Render("asyncio-tutor") + st.Muted.Render("  asynchronous programming, run live"))
	read, passed := 0, 0
	for _, l := range c.Lessons {
		lp := lessonProgress(p, l.ID)
		if lp.Read() {
			read++
		}
		if lp.Passed() {
			passed++
		}
	}
	line(st.Muted.Render(fmt.Sprintf("%d of %d lessons read · %d quizzes passed  ", read, len(c.Lessons), passed)) + bar(read, len(c.Lessons), 20))
	for _, n := range notices {
		b.WriteString(ansi.TruncateWc(st.Warning.Render("! "+termtext.Line(n)), width, "…") + "\n")
	}
	b.WriteString("\n")

	resume := resumeIndex(c, p)
	label := "Start"
	if read > 0 || p.Resume.Lesson != "" {
		label = "Continue"
	}
	first := fmt.Sprintf("%s: %d. %s", label, resume+1, termtext.Line(c.Lessons[resume].Title))
	b.WriteString(m.row(st, 0, "▶ "+first, "", width) + "\n\n")

	used := strings.Count(b.String(), "\n") + 1 // + status line
	visible := max(height-used, 1)
	top := m.top
	if m.cursor-1 < top {
		top = max(m.cursor-1, 0)
	}
	if m.cursor-1 >= top+visible {
		top = m.cursor - visible
	}
	for i := top; i < len(c.Lessons) && i < top+visible; i++ {
		l := c.Lessons[i]
		title := fmt.Sprintf("%2d. %s", i+1, termtext.Line(l.Title))
		b.WriteString(m.row(st, i+1, title, lessonState(st, c, l, p), width) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// row draws one selectable line: a marker, the label, and a right-aligned state.
func (m menuModel) row(st theme.Styles, i int, label, state string, width int) string {
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

func (m menuModel) shortHelp(k theme.KeyMap) []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Enter, k.Quit, k.Help}
}

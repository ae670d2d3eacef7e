package tui

import (
	"strconv"
	"strings"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/lessons"
	"github.com/asyncio-tutor/asyncio-tutor/quizzes"
)

// Every lesson and quiz of the built-in course, in English and in Thai, at
// the narrowest and a wide window: no line is wider than the window as a
// terminal counts cells (Thai vowels such as SARA AM take a cell of their
// own), so nothing is cut at the edge.
func TestBuiltinCourseFitsInBothLanguages(t *testing.T) {
	full, problems := course.Load(course.Source{Lessons: lessons.FS, Quizzes: quizzes.FS})
	require.False(t, course.HasErrors(problems))
	for _, lang := range []string{"", "th"} {
		c := full.In(lang)
		for _, width := range []int{MinWidth, 120} {
			t.Run(lang+"/w"+strconv.Itoa(width), func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) { checkLayout(t, c, width) })
			})
		}
	}
}

func checkLayout(t *testing.T, c *course.Course, width int) {
	h := newHarness(t, Options{Course: c})
	h.send(tea.WindowSizeMsg{Width: width, Height: 30})
	h.assertFits()
	for i, l := range c.Lessons {
		m, cmd := h.app.(App).openLesson(i, 0)
		h.app = m
		h.run(cmd, 0)
		lm := h.app.(App).lesson
		require.NotNil(t, lm.rendered, "%s rendered", l.File)
		for n, line := range strings.Split(lm.vp.GetContent(), "\n") {
			assert.LessOrEqual(t, ansi.StringWidthWc(line), width, "%s at %d columns, line %d: %q", l.File, width, n, ansi.Strip(line))
		}
		h.assertFits()
		if q := c.Quiz(l.Quiz); q != nil {
			m, cmd := h.app.(App).openQuiz()
			h.app = m
			h.run(cmd, 0)
			for range q.Questions {
				h.assertFits()
				h.key("1", "enter") // an answer, right or wrong, shows feedback
				h.assertFits()
				h.key("enter")
			}
			h.key("esc")
		}
	}
}

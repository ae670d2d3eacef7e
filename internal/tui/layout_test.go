package tui

import (
	"context"
	"strconv"
	"testing"
	"testing/synctest"

	tea "charm.land/bubbletea/v2"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
	"github.com/asyncio-tutor/asyncio-tutor/lessons"
	"github.com/asyncio-tutor/asyncio-tutor/quizzes"
)

// Every screen of the built-in course, in English and in Thai, at the
// narrowest and a wide window, fits the window exactly (the lesson package
// checks that no line of a lesson is cut at the edge).
func TestBuiltinCourseFitsInBothLanguages(t *testing.T) {
	full, problems := course.Load(context.Background(), course.Source{Lessons: lessons.FS, Quizzes: quizzes.FS})
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
		h.send(common.OpenLessonMsg{Index: i})
		h.assertFits()
		if q := c.Quiz(l.Quiz); q != nil {
			h.send(common.OpenQuizMsg{Lesson: l.ID, Quiz: l.Quiz})
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

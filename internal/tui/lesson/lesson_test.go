package lesson

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/markdown"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/say"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
	"github.com/asyncio-tutor/asyncio-tutor/lessons"
	"github.com/asyncio-tutor/asyncio-tutor/quizzes"
)

// No line of a built-in lesson, in English or Thai, at the narrowest and a
// wide window, is wider than the window as a terminal counts cells (Thai
// vowels such as SARA AM take a cell of their own), so nothing is cut.
func TestBuiltinLessonsFitTheirWidth(t *testing.T) {
	full, problems := course.Load(context.Background(), course.Source{Lessons: lessons.FS, Quizzes: quizzes.FS})
	require.False(t, course.HasErrors(problems))
	md := markdown.New()
	for _, lang := range []string{"", "th"} {
		c := full.In(lang)
		for _, width := range []int{60, 120} {
			t.Run(lang+"/w"+strconv.Itoa(width), func(t *testing.T) {
				cm := newCommon(c, width, 29, false)
				cm.Markdown = md // one renderer for every width: its cache is what is measured
				for i, l := range c.Lessons {
					m, cmd := New(cm, i, 0)
					if cmd != nil {
						m, _ = m.Update(cmd())
					}
					require.NotNil(t, m.rendered, "%s rendered", l.File)
					for n, line := range strings.Split(m.vp.GetContent(), "\n") {
						assert.LessOrEqual(t, ansi.StringWidthWc(line), width, "%s at %d columns, line %d: %q", l.File, width, n, ansi.Strip(line))
					}
				}
			})
		}
	}
}

func widest(m Model) int {
	w := 0
	for _, l := range strings.Split(m.vp.GetContent(), "\n") {
		w = max(w, ansi.StringWidthWc(l))
	}
	return w
}

// Dragging a window's edge renders the lesson once, for the width the
// window settles at, not once per column passed.
func TestAResizeRendersOnceTheWidthSettles(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		full, _ := course.Load(context.Background(), course.Source{Lessons: lessons.FS, Quizzes: quizzes.FS})
		cm := newCommon(full, 120, 29, false)
		m, cmd := New(cm, 0, 0)
		m, _ = m.Update(cmd())
		wide := widest(m)
		require.Greater(t, wide, 90)

		first := m.SetSize(90, 29)
		second := m.SetSize(70, 29)
		require.NotNil(t, first)
		require.NotNil(t, second)
		assert.Equal(t, wide, widest(m), "the lesson shows as it was while the size changes")
		m, cmd = m.Update(first())
		assert.Nil(t, cmd, "a size that did not last renders nothing")
		m, cmd = m.Update(second())
		require.NotNil(t, cmd)
		m, _ = m.Update(cmd())
		assert.LessOrEqual(t, widest(m), 70)

		assert.Nil(t, m.SetSize(70, 20), "a new height alone re-renders nothing")
		m.SetSize(120, 29)
		assert.Equal(t, wide, widest(m), "a width rendered before comes back at once, from the cache")
	})
}

// newCommon is what the app hands a lesson screen, for course c in a
// width x height body: fresh progress, English keys, a dark background.
func newCommon(c *course.Course, width, height int, color bool) *common.Common {
	p := progress.New()
	cm := &common.Common{Context: context.Background(), Keys: theme.NewKeyMap(say.English), Markdown: markdown.New(),
		Course: c, Progress: p.Course("k"), Width: width, Height: height, Now: time.Now, Terminal: common.Terminal{Color: color}}
	cm.SetDark(true)
	return cm
}

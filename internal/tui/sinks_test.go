package tui

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
)

// A right-to-left override or a zero-width space in a title is shown by its
// code point in the menu and the window title; a file name with a line
// break stays on its line in the problems panel, and so does an error.
func TestTitlesAndErrorsShowWhatWouldHide(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		spoofed := strings.Replace(lessonOne, "title: Waiting", "title: \"Wait\u202eing\u200b\"", 1)
		c, problems := course.Load(context.Background(), course.Source{
			Lessons: fstest.MapFS{"01-one.md": {Data: []byte(spoofed)}, "02-two.md": {Data: []byte(lessonTwo)}},
			Quizzes: fstest.MapFS{"01-q-one.yaml": {Data: []byte(quizOne)}},
		})
		require.False(t, course.HasErrors(problems), "%v", problems) // check warns of the override; the course still plays
		h := newHarness(t, Options{Course: c})
		const shown = "Wait<U+202E>ing<U+200B>"
		assert.Contains(t, h.screen(), "1. "+shown)
		assert.NotContains(t, h.screen(), "\u202e")

		bad := []course.Problem{{File: "lessons/03-x\n::error file=a::b.md", Line: 1, Col: 1, Severity: course.SeverityError, Rule: "bad-file-name", Message: "m"}}
		h.send(CourseReloadedMsg{Course: c, Problems: bad})
		assert.Contains(t, h.screen(), "lessons/03-x<U+000A>::error file=a::b.md:1:1: error: m")

		h.key("enter")
		assert.Equal(t, "asyncio-tutor · "+shown, h.app.(App).View().WindowTitle)
		assert.Contains(t, h.screen(), shown+"  lesson 1 of 2", "the lesson's heading")
		assert.NotContains(t, h.screen(), "\u202e")

		h.send(common.ErrorMsg{Err: errFor("cannot save\u2028::error file=a::b")})
		assert.Contains(t, h.screen(), "cannot save ::error file=a::b")
	})
}

type errFor string

func (e errFor) Error() string { return string(e) }

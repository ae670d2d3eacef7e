package lesson

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
	"github.com/asyncio-tutor/asyncio-tutor/lessons"
	"github.com/asyncio-tutor/asyncio-tutor/quizzes"
)

// builtinAt is the built-in course on a screen width columns wide and 24
// rows high.
func builtinAt(t testing.TB, width int, color bool) *common.Common {
	t.Helper()
	full, _ := course.Load(context.Background(), course.Source{Lessons: lessons.FS, Quizzes: quizzes.FS})
	require.NotEmpty(t, full.Lessons)
	return newCommon(full, width, 24, color)
}

// The place saved is a line of the lesson's source, not of the screen:
// read to a line at 100 columns, the lesson opens there again at 100 (a
// line or two above at most, never below), and at 60 columns, where the
// text above wraps into more lines, in the same section. Plain mode counts
// the same source lines.
func TestThePlaceIsASourceLineAtAnyWidth(t *testing.T) {
	wide, narrow := builtinAt(t, 100, false), builtinAt(t, 60, false)
	tried := 0
	for i, l := range wide.Course.Lessons {
		m := open(t, wide, i)
		if len(m.headings) < 3 {
			continue
		}
		tried++
		for _, y := range []int{len(m.lines) / 3, len(m.lines) / 2, 2 * len(m.lines) / 3} {
			m.vp.SetYOffset(y)
			y = m.vp.YOffset()
			at := m.Line()
			require.Positive(t, at, l.ID)
			require.Less(t, at, strings.Count(l.Body, "\n")+1, "%s: a line of the body", l.ID)

			again := reopen(wide, i, at)
			assert.LessOrEqual(t, again.vp.YOffset(), y, "%s: never past the place", l.ID)
			assert.GreaterOrEqual(t, again.vp.YOffset(), y-2, "%s: at most two lines above", l.ID)

			n := reopen(narrow, i, at)
			assert.Greater(t, n.vp.YOffset(), y, "%s: at 60 columns more lines come before it", l.ID)
			assert.Equal(t, section(m.headings, y), section(n.headings, n.vp.YOffset()), "%s at line %d: the same section", l.ID, at)
		}
	}
	assert.Positive(t, tried)
}

func reopen(cm *common.Common, i, line int) Model {
	m, cmd := New(cm, i, line)
	if cmd != nil {
		m, _ = m.Update(cmd())
	}
	return m
}

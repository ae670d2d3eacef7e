package menu

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// firstLine is the menu's heading as a learner reads it.
func firstLine(c *course.Course) string {
	m := New(&common.Common{Context: context.Background(), Styles: theme.New(true), Keys: theme.DefaultKeyMap(), Course: c, Progress: &progress.Course{}})
	m.SetSize(100, 30)
	line, _, _ := strings.Cut(ansi.Strip(m.View()), "\n")
	return strings.TrimRight(line, " ")
}

func TestTheMenuShowsTheCourseTitle(t *testing.T) {
	lessons := []*course.Lesson{{ID: "a", Title: "A"}}
	titled := &course.Course{Lessons: lessons, Meta: &course.Meta{Title: "Async\u202e, run live", Summary: "One loop"}}
	assert.Equal(t, "Async<U+202E>, run live  One loop", firstLine(titled), "the title is shown as termtext.Name shows names")

	untitled := &course.Course{Lessons: lessons}
	assert.Equal(t, "asyncio-tutor  asynchronous programming, run live", firstLine(untitled))
}

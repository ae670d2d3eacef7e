package lesson

import (
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/markdown"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
)

// stuckRenders makes every segment render block until release is called,
// counting the renders started; it restores the real render and budget
// when the test ends.
func stuckRenders(t *testing.T, budget time.Duration) (started *atomic.Int32, release func()) {
	t.Helper()
	started = &atomic.Int32{}
	gate := make(chan struct{})
	oldRender, oldBudget := renderSegment, renderBudget
	renderSegment = func(r *markdown.Renderer, md string, width int, th markdown.Theme) string {
		started.Add(1)
		<-gate
		return "formatted"
	}
	renderBudget = budget
	var once atomic.Bool
	release = func() {
		if once.CompareAndSwap(false, true) {
			close(gate)
		}
	}
	t.Cleanup(func() {
		release()
		// The stray ends once released; wait for it to give the slot back.
		renderSlot <- struct{}{}
		<-renderSlot
		renderSegment, renderBudget = oldRender, oldBudget
	})
	return started, release
}

func oneLesson(md string) (*common.Common, *course.Lesson) {
	l := &course.Lesson{ID: "x", Title: "X", Segments: []course.Segment{{Markdown: md, Lines: strings.Count(md, "\n")}}}
	return newCommon(&course.Course{Lessons: []*course.Lesson{l}}, 80, 24, false), l
}

// A render past its budget shows the lesson as plain text and says so; the
// render goes on alone, and the next one waits for it rather than starting
// a second stray beside it.
func TestARenderPastItsBudgetShowsPlainTextAndOneStrayAtMost(t *testing.T) {
	started, release := stuckRenders(t, 20*time.Millisecond)
	cm, _ := oneLesson("# Title\n\n*some* text\n")
	m, cmd := New(cm, 0, 0)
	require.NotNil(t, cmd)
	msg := cmd().(RenderedMsg)
	assert.True(t, msg.unformatted)
	m, _ = m.Update(msg)
	view := ansi.Strip(m.View())
	assert.Contains(t, view, markdown.TooComplex, "the learner is told")
	assert.Contains(t, view, "*some* text", "the text as written")

	again := Render(cm.Markdown, cm.Course.Lessons[0], 78, markdown.Dark)().(RenderedMsg)
	assert.True(t, again.unformatted)
	assert.Equal(t, int32(1), started.Load(), "no second render while the stray runs")
	release()
}

// Opening a lesson calls off the warm render in flight: it starts no
// segment after that.
func TestOpeningALessonCallsOffTheWarmRender(t *testing.T) {
	started, release := stuckRenders(t, time.Hour)
	cm, l := oneLesson("one")
	warm := Warm(cm.Markdown, l, 78, markdown.Dark)
	_ = Render(cm.Markdown, l, 78, markdown.Dark) // made, as Update makes it; not yet run
	release()
	warmDone := make(chan struct{})
	go func() { warm(); close(warmDone) }()
	<-warmDone
	assert.Zero(t, started.Load(), "a warm called off before it starts renders nothing")

	// A later Warm calls off an earlier one too.
	first := Warm(cm.Markdown, l, 78, markdown.Dark)
	Warm(cm.Markdown, l, 78, markdown.Dark)
	first()
	assert.Zero(t, started.Load())
}

// The 227-byte body that passed the old check is shown unformatted, with
// the notice, by the renderer's own budget: no render budget is needed.
func TestOrderedListsInQuotesShowAsPlainText(t *testing.T) {
	cm, _ := oneLesson(strings.Repeat("1. > ", 45) + "x")
	m, cmd := New(cm, 0, 0)
	msg := cmd().(RenderedMsg)
	assert.False(t, msg.unformatted, "within the render budget")
	m, _ = m.Update(msg)
	assert.Contains(t, ansi.Strip(m.View()), markdown.TooComplex)
}

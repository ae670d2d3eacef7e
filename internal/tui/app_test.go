package tui

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/adrg/xdg"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
)

const lessonOne = "---\nid: one\ntitle: Waiting\nquiz: q-one\n---\n\n# Waiting\n\nBlocking waits add up.\n\n```example sequential\nTry this: predict the total.\n```\n\nThe end of lesson one.\n"
const lessonTwo = "---\nid: two\ntitle: Overlapping\n---\n\n# Overlapping\n\nAwaiting overlaps waits.\n"
const quizOne = "id: q-one\ntitle: Waiting quiz\nquestions:\n  - id: total\n    type: single\n    prompt: How long?\n    explanation: They add up.\n    choices:\n      - {text: 1 s, feedback: no}\n      - {text: 2 s, correct: true}\n"

func testCourse(t *testing.T) *course.Course {
	t.Helper()
	c, problems := course.Load(context.Background(), course.Source{
		Lessons: fstest.MapFS{"01-one.md": {Data: []byte(lessonOne)}, "02-two.md": {Data: []byte(lessonTwo)}},
		Quizzes: fstest.MapFS{"01-q-one.yaml": {Data: []byte(quizOne)}},
	})
	require.Empty(t, problems)
	return c
}

func TestMenuShowsLessonsAndStartsAtTheFirst(t *testing.T) {
	synctest.Test(t, testMenu)
}

func testMenu(t *testing.T) {
	h := newHarness(t, Options{Course: testCourse(t)})
	s := h.screen()
	assert.Contains(t, s, "Start: 1. Waiting")
	assert.Contains(t, s, "2. Overlapping")
	assert.Contains(t, s, "0 of 2 lessons read")
	assert.Contains(t, s, "quiz not taken")
	h.assertFits()
}

func TestLessonRendersThenCardOpensExample(t *testing.T) {
	synctest.Test(t, testLessonToExample)
}

func testLessonToExample(t *testing.T) {
	h := newHarness(t, Options{Course: testCourse(t)})
	h.key("enter")
	s := h.screen()
	assert.Contains(t, s, "Waiting")
	assert.Contains(t, s, "Blocking waits add up.")
	assert.Contains(t, s, "Example: One thing after another")
	h.assertFits()

	h.key("tab")
	assert.Contains(t, h.screen(), "enter to open and run it")
	h.key("enter")
	assert.Contains(t, h.screen(), "Predict before you run")
	h.assertFits()
	h.key("esc")
	assert.Contains(t, h.screen(), "Blocking waits add up.", "esc goes back to the lesson")
	h.key("esc")
	assert.Contains(t, h.screen(), "Continue: 1. Waiting", "and then to the menu")
	assert.Contains(t, h.screen(), "✓ read", "a lesson that fitted on screen has been read")
}

func TestExamplePredictRunAndScore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, Options{Course: testCourse(t)})
		h.key("enter", "tab", "enter", "2", "enter")
		h.until(10*time.Second, func() bool { return strings.Contains(h.screen(), "■ finished") })
		s := h.screen()
		assert.Contains(t, s, "hello from say2")
		assert.Contains(t, s, "✓ You predicted 2 s; it took 2.00 s")
		c := h.app.(App).c.Progress
		require.Len(t, c.Predictions, 1)
		assert.True(t, c.Predictions[0].Right)
		assert.Equal(t, 1, c.Examples["sequential"].Runs)
		h.finish()
	})
}

func TestAPredictionOfZeroIsScored(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, Options{Course: testCourse(t)})
		h.key("enter", "tab", "enter", "0", "enter")
		h.until(10*time.Second, func() bool { return strings.Contains(h.screen(), "■ finished") })
		assert.Contains(t, h.screen(), "✗ You predicted 0 s; it took 2.00 s")
		require.Len(t, h.app.(App).c.Progress.Predictions, 1)
		h.finish()
	})
}

func TestExamplePauseAndStep(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, Options{Course: testCourse(t)})
		h.key("enter", "tab", "enter", "enter") // no prediction
		h.wait(500 * time.Millisecond)
		h.key("space")
		paused := h.screen()
		assert.Contains(t, paused, "⏸ paused")
		clock := regexp.MustCompile(`t = 0\.[45]\d s`).FindString(paused)
		require.NotEmpty(t, clock, paused)
		h.wait(3 * time.Second) // the program goes on; the view does not
		assert.Contains(t, h.screen(), clock)
		h.key("right") // the next event: say1 wakes at 1 s
		assert.Contains(t, h.screen(), "t = 1.00 s")
		assert.Contains(t, h.screen(), "say1 wakes from its 1 s sleep")
		assert.NotContains(t, h.screen(), "hello from say2")
		for range 30 {
			h.key("right")
		}
		assert.Contains(t, h.screen(), "hello from say2")
		assert.Regexp(t, `event (\d+) of (\d+)`, h.screen())
		m := regexp.MustCompile(`event (\d+) of (\d+)`).FindStringSubmatch(h.screen())
		assert.Equal(t, m[1], m[2], "stepping reached the last event")
		h.key("esc")
		assert.Contains(t, h.screen(), "Blocking waits add up.")
	})
}

func TestReopeningAnExampleLeavesOneTickChain(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, Options{Course: testCourse(t)})
		h.key("enter", "tab", "enter", "enter") // predicted nothing: the run starts
		for range 20 {
			h.wait(50 * time.Millisecond)
			h.key("esc", "enter") // back to the lesson, and open the card again
			h.key("enter")        // skip the prediction
		}
		h.wait(100 * time.Millisecond)
		before := h.frames
		h.wait(time.Second)
		perSecond := h.frames - before
		assert.InDelta(t, 30, perSecond, 2, "one chain of 30 frames a second")
		h.finish()
	})
}

func TestTinyWindowAsksForRoom(t *testing.T) {
	synctest.Test(t, testTinyWindow)
}

func testTinyWindow(t *testing.T) {
	h := newHarness(t, Options{Course: testCourse(t)})
	h.send(tea.WindowSizeMsg{Width: 50, Height: 12})
	assert.Contains(t, h.screen(), "at least 60x16")
	h.send(tea.WindowSizeMsg{Width: 60, Height: 16})
	h.assertFits()
	h.key("enter")
	h.assertFits()
}

func TestProgressIsSavedAndResumed(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	xdg.Reload()
	synctest.Test(t, testProgress)
}

func testProgress(t *testing.T) {
	path, err := progress.DefaultPath()
	require.NoError(t, err)
	store, err := progress.Open(path)
	require.NoError(t, err)
	c := testCourse(t)
	h := newHarness(t, Options{Course: c, Store: store})
	h.key("enter", "end") // open lesson one and read to its end
	h.key("esc")
	assert.Contains(t, h.screen(), "1 of 2 lessons read")
	require.NoError(t, store.Close())

	again, err := progress.Open(path)
	require.NoError(t, err)
	defer again.Close()
	h = newHarness(t, Options{Course: c, Store: again})
	s := h.screen()
	assert.Contains(t, s, "Continue: 1. Waiting")
	assert.Contains(t, s, "✓ read")
}

func TestResumeLandsOnTheSavedLine(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		long := "---\nid: long\ntitle: Long\n---\n\n" + strings.Repeat("A paragraph of text.\n\n", 80) + "The last line.\n"
		c, problems := course.Load(context.Background(), course.Source{Lessons: fstest.MapFS{"01-long.md": {Data: []byte(long)}}, Quizzes: fstest.MapFS{}})
		require.Empty(t, problems)
		a := New(Options{Course: c, CourseKey: "k"})
		a.c.Progress.SetResume("long", 40)
		h := newHarnessFor(t, a)
		h.key("enter")
		assert.Equal(t, 40, h.app.(App).lesson.Line(), "the render arrived after the lesson opened, and the place was kept")
	})
}

func TestReloadKeepsThePlaceAndShowsProblems(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, Options{Course: testCourse(t)})
		h.key("enter") // lesson one
		changed := strings.Replace(lessonOne, "Blocking waits add up.", "Blocking waits add up, one after another.", 1)
		c, problems := course.Load(context.Background(), course.Source{
			Lessons: fstest.MapFS{"01-one.md": {Data: []byte(changed)}, "02-two.md": {Data: []byte(lessonTwo)}},
			Quizzes: fstest.MapFS{"01-q-one.yaml": {Data: []byte(quizOne)}},
		})
		require.Empty(t, problems)
		bad := []course.Problem{{File: "quizzes/02.yaml", Line: 3, Col: 1, Severity: course.SeverityError, Rule: "yaml-syntax", Message: "oops"}}
		h.send(CourseReloadedMsg{Course: c, Problems: bad})
		s := h.screen()
		assert.Contains(t, s, "one after another", "the lesson shows the saved text")
		assert.Contains(t, s, "1 problem in the course")
		h.key("esc")
		s = h.screen()
		assert.Contains(t, s, "check: 1 error, 0 warnings")
		assert.Contains(t, s, "quizzes/02.yaml:3:1: error: oops [yaml-syntax]")
		h.assertFits()
	})
}

// The screens as a learner sees them, ANSI stripped, at 80x24: go test
// ./internal/tui -update rewrites them after a deliberate change.
func TestMenuScreenGolden(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, Options{Course: testCourse(t)})
		h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
		golden.RequireEqual(t, []byte(h.screen()+"\n"))
	})
}

func TestLessonScreenGolden(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, Options{Course: testCourse(t)})
		h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
		h.key("enter", "tab")
		golden.RequireEqual(t, []byte(h.screen()+"\n"))
	})
}

func TestExampleScreenGolden(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, Options{Course: testCourse(t)})
		h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
		h.key("enter", "tab", "enter", "3", "enter")
		h.until(10*time.Second, func() bool { return strings.Contains(h.screen(), "■ finished") })
		golden.RequireEqual(t, []byte(h.screen()+"\n"))
		h.finish()
	})
}

func TestChangeAParameterAndPredictAgain(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, Options{Course: testCourse(t)})
		h.key("enter", "tab", "enter", "2", "enter")
		h.until(10*time.Second, func() bool { return strings.Contains(h.screen(), "■ finished") })
		h.key("p")
		assert.Contains(t, h.screen(), "Parameters")
		for range 4 {
			h.send(tea.KeyPressMsg{Code: tea.KeyBackspace})
		}
		h.key("3s", "enter")
		s := h.screen()
		assert.Contains(t, s, "parameters: delay1=3s  delay2=1s")
		assert.Contains(t, s, "Predict before you run", "new parameters, a new prediction")
		assert.NotContains(t, s, "You predicted 2 s", "the old verdict was about other parameters")
		h.key("4", "enter")
		h.until(10*time.Second, func() bool { return strings.Contains(h.screen(), "■ finished") })
		assert.Contains(t, h.screen(), "✓ You predicted 4 s; it took 4.00 s")
		assert.Len(t, h.app.(App).c.Progress.Predictions, 2)
		assert.Equal(t, 2, h.app.(App).c.Progress.Examples["sequential"].Runs)
		h.finish()
	})
}

func TestSourceViewHidesTheTracingCallsUntilAsked(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, Options{Course: testCourse(t)})
		h.key("enter", "tab", "enter", "enter", "s")
		s := h.screen()
		assert.Contains(t, s, "lines 1-")
		assert.Contains(t, s, "↑/↓ scroll")
		assert.NotContains(t, s, "internal/trace")
		h.key("t")
		assert.Contains(t, h.screen(), "Go as compiled")
		assert.Contains(t, h.screen(), "internal/trace")
		h.key("s")
		assert.Contains(t, h.screen(), "Python asyncio")
		assert.Contains(t, h.screen(), "async def say1(")
		h.key("s")
		assert.Contains(t, h.screen(), "event ", "back to the timeline")
		h.finish()
	})
}

// Finish a slow run, open the parameters, and leave them: the screen goes
// back to the run, which still plays.
func TestEscFromTheParametersGoesBackToTheRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, Options{Course: testCourse(t)})
		h.key("enter", "tab", "enter", "enter", "-", "-")
		h.wait(3 * time.Second) // the program has ended; its playback at 0.25x has not
		assert.Contains(t, h.screen(), "▶ replay")
		h.key("p")
		assert.Contains(t, h.screen(), "Parameters")
		h.key("esc")
		assert.Contains(t, h.screen(), "event ")
		h.until(30*time.Second, func() bool { return strings.Contains(h.screen(), "■ finished") })
		h.finish()
	})
}

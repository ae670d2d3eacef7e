package tui

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/adrg/xdg"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/learn"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/common"
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
	assert.Contains(t, s, "1. Waiting")
	assert.NotContains(t, s, "quiz not taken", "a lesson not opened is new, whatever its quiz")
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
		assert.Equal(t, 1, c.Lessons["one"].Examples["sequential"].Runs, "the run is credited to the lesson it was made in")
		assert.Equal(t, "one", c.Predictions[0].Lesson, "and so is the prediction")
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

// longCourse is one long lesson with a quiz of three single questions
// (the right answer of each is choice 2) and a second lesson.
func longCourse(t *testing.T) *course.Course {
	t.Helper()
	long := "---\nid: long\ntitle: Long\nquiz: q-long\n---\n\n" + strings.Repeat("A paragraph of text.\n\n", 80) + "The last line.\n"
	q := "id: q-long\ntitle: Long quiz\nquestions:\n"
	for _, id := range []string{"a", "b", "c"} {
		q += "  - id: " + id + "\n    type: single\n    prompt: Question " + id + "?\n    choices:\n      - {text: no}\n      - {text: yes, correct: true}\n"
	}
	c, problems := course.Load(context.Background(), course.Source{
		Lessons: fstest.MapFS{"01-long.md": {Data: []byte(long)}, "02-two.md": {Data: []byte(lessonTwo)}},
		Quizzes: fstest.MapFS{"01-q-long.yaml": {Data: []byte(q)}},
	})
	require.Empty(t, problems)
	return c
}

// storeIn opens a progress store in a folder of the test's.
func storeIn(t *testing.T, dir string) *progress.Store {
	t.Helper()
	s, err := progress.Open(dir + "/progress.json")
	require.NoError(t, err)
	return s
}

// savedIn is the course's progress as the file in dir has it.
func savedIn(t *testing.T, dir string) *progress.Course {
	t.Helper()
	s := storeIn(t, dir)
	defer s.Close()
	p := s.Snapshot()
	return p.Course("k")
}

// The issue: leaving a lesson with ctrl+c saved "line": 0.
func TestEveryWayOutSavesTheLessonLine(t *testing.T) {
	for _, way := range []string{"ctrl+c", "q", "esc", "n"} {
		t.Run(way, func(t *testing.T) {
			dir := t.TempDir()
			synctest.Test(t, func(t *testing.T) {
				store := storeIn(t, dir)
				h := newHarness(t, Options{Course: longCourse(t), CourseKey: "k", Store: store})
				h.key("enter", "f", "f")
				line := h.app.(App).lesson.Line()
				require.Positive(t, line)
				h.key(way)
				h.wait(10 * time.Millisecond)
				if way == "ctrl+c" || way == "q" {
					assert.True(t, h.quit, "%s quits", way)
				}
				require.NoError(t, store.Close())
				want := progress.Resume{Lesson: "long", Line: line}
				if way == "n" {
					want = progress.Resume{Lesson: "two"} // the lesson opened next is the place now
				}
				assert.Equal(t, want, savedIn(t, dir).Resume)
			})
		})
	}
}

// A signal or a recovered panic ends the program with no quit message:
// Flush, called after the program, saves the place the last Update saw.
func TestFlushSavesThePlaceWithoutAQuit(t *testing.T) {
	dir := t.TempDir()
	synctest.Test(t, func(t *testing.T) {
		store := storeIn(t, dir)
		a := New(Options{Course: longCourse(t), CourseKey: "k", Store: store})
		h := newHarnessFor(t, a)
		h.key("enter", "f", "f", "f")
		line := h.app.(App).lesson.Line()
		require.Positive(t, line)
		require.NoError(t, a.Flush(), "the App handed to the program, not the last copy")
		require.NoError(t, store.Close())
	})
	c := savedIn(t, dir)
	assert.Equal(t, "long", c.Resume.Lesson)
	assert.Positive(t, c.Resume.Line)
}

func TestFlushWithNothingToSave(t *testing.T) {
	assert.NoError(t, New(Options{Course: longCourse(t)}).Flush(), "no store")
	dir := t.TempDir()
	store := storeIn(t, dir)
	defer store.Close()
	assert.NoError(t, New(Options{Course: longCourse(t), CourseKey: "k", Store: store}).Flush(), "no lesson opened")
	assert.Empty(t, store.Snapshot().Courses, "nothing written")
}

// The issue: at question 6 of 7, esc then t started again at question 1.
func TestAQuizLeftIsResumedWithItsAnswers(t *testing.T) {
	dir := t.TempDir()
	synctest.Test(t, func(t *testing.T) {
		store := storeIn(t, dir)
		h := newHarness(t, Options{Course: longCourse(t), CourseKey: "k", Store: store})
		h.key("enter", "t")
		require.Contains(t, h.screen(), "Question 1 of 3")
		h.key("2", "enter", "enter", "1", "enter")
		require.Contains(t, h.screen(), "✗ Wrong")

		h.key("esc")
		assert.Contains(t, h.screen(), "Your 2 answers are saved")
		h.key("esc")
		assert.Contains(t, h.screen(), "A paragraph of text.", "back in the lesson")
		status, ok := learn.QuizDraft(h.app.(App).c.Course, h.app.(App).c.Progress, "long")
		require.True(t, ok)
		assert.Equal(t, 3, status.Question, "the menu can say: quiz, question 3 of 3")

		h.key("t")
		s := h.screen()
		assert.Contains(t, s, "Question 3 of 3")
		assert.Contains(t, s, "✓ ✗ ●")
		h.key("ctrl+c")
		h.wait(10 * time.Millisecond)
		require.NoError(t, store.Close())
	})
	d := savedIn(t, dir).Lessons["long"].QuizDraft
	require.NotNil(t, d, "the draft is in the file")
	assert.Len(t, d.Answers, 2)

	synctest.Test(t, func(t *testing.T) {
		store := storeIn(t, dir)
		h := newHarness(t, Options{Course: longCourse(t), CourseKey: "k", Store: store})
		h.key("enter", "t")
		assert.Contains(t, h.screen(), "Question 3 of 3", "a new session resumes too")
		h.key("2", "enter", "enter")
		assert.Contains(t, h.screen(), "Score 67%")
		h.key("ctrl+c")
		h.wait(10 * time.Millisecond)
		require.NoError(t, store.Close())
	})
	l := savedIn(t, dir).Lessons["long"]
	assert.Nil(t, l.QuizDraft, "finishing the quiz ends the draft")
	require.Len(t, l.QuizAttempts, 1)
	assert.Len(t, l.QuizAttempts[0].Questions, 3)
}

func TestQQuitsUnlessTyping(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, Options{Course: testCourse(t)})
		h.key("enter", "tab", "enter") // the example asks for a prediction: a text field
		require.True(t, h.app.(App).typing())
		h.key("q")
		assert.False(t, h.quit, "q is a letter in a text field")
		h.key("esc", "esc")
		h.key("q")
		assert.True(t, h.quit, "q quits from the lesson")
		h.wait(10 * time.Millisecond)
	})
}

func TestTheWheelReachesTheScreens(t *testing.T) {
	a := New(Options{Course: testCourse(t)})
	assert.Equal(t, tea.MouseModeCellMotion, a.View().MouseMode)
}

// Every Update notes the place to save on the way out; on a quiz with
// answers that includes the draft; this one has none yet.
func BenchmarkUpdateKeyOnAQuiz(b *testing.B) {
	c, _ := course.Load(context.Background(), course.Source{
		Lessons: fstest.MapFS{"01-one.md": {Data: []byte(lessonOne)}},
		Quizzes: fstest.MapFS{"01-q-one.yaml": {Data: []byte(quizOne)}},
	})
	var m tea.Model = New(Options{Course: c, CourseKey: "k"})
	m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	m, _ = m.Update(common.OpenQuizMsg{Lesson: "one", Quiz: "q-one"})
	down, up := tea.KeyPressMsg{Code: tea.KeyDown}, tea.KeyPressMsg{Code: tea.KeyUp}
	b.ReportAllocs()
	for b.Loop() {
		m, _ = m.Update(down)
		m, _ = m.Update(up)
	}
}

// --ascii draws no bullet in the status line, and while the lesson's search
// field takes the keys, the status line does not offer ? (it types a ?).
func TestTheStatusLineFitsASCIIAndTheSearchField(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, Options{Course: testCourse(t), Terminal: common.Terminal{ASCII: true}})
		status := func() string { lines := strings.Split(h.screen(), "\n"); return lines[len(lines)-1] }
		assert.Contains(t, status(), " | ")
		assert.NotContains(t, status(), "•")
		h.key("enter")
		assert.Contains(t, status(), "? all keys")
		h.key("/")
		assert.NotContains(t, status(), "? all keys", "? is typed into the field")
		assert.Contains(t, status(), "esc")
	})
}

// exampleCourse is a lesson whose quiz asks a single question, then
// the order of the lines the sequential example prints.
func exampleCourse(t *testing.T) *course.Course {
	t.Helper()
	lesson := "---\nid: ex\ntitle: Lines\nquiz: q-ex\n---\n\n# Lines\n\nWatch what prints.\n"
	q := "id: q-ex\ntitle: Lines quiz\nquestions:\n" +
		"  - id: first\n    type: single\n    prompt: Which?\n    choices:\n      - {text: no}\n      - {text: yes, correct: true}\n" +
		"  - id: lines\n    type: output\n    prompt: Put the lines in order.\n    example: sequential\n    lines: [start, hello from say1, hello from say2, exit]\n"
	c, problems := course.Load(context.Background(), course.Source{
		Lessons: fstest.MapFS{"01-ex.md": {Data: []byte(lesson)}},
		Quizzes: fstest.MapFS{"01-q-ex.yaml": {Data: []byte(q)}},
	})
	require.Empty(t, problems)
	return c
}

// The issue: the example a quiz question names, one key away; esc there
// comes back to the same quiz, at the same question, every answer kept.
func TestAQuizQuestionOpensItsExampleAndEscComesBack(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, Options{Course: exampleCourse(t)})
		h.key("enter", "t", "2", "enter", "enter")
		require.Contains(t, h.screen(), "Question 2 of 2")
		assert.Contains(t, h.screen(), "x run the example")
		h.key("J") // an order begun, not yet sent
		order := slices.Clone(h.app.(App).quiz.Draft().Asked)
		items := h.app.(App).quiz.View()

		h.key("x")
		require.Equal(t, exampleScreen, h.app.(App).screen)
		s := h.screen()
		assert.Contains(t, s, "sequential")
		assert.Contains(t, s, "From quiz question 2 of 2: esc goes back, answers kept.")

		h.send(tea.WindowSizeMsg{Width: 80, Height: 24}) // the window changes meanwhile
		h.key("esc")
		a := h.app.(App)
		require.Equal(t, quizScreen, a.screen, "back to the quiz, not the lesson")
		s = h.screen()
		assert.Contains(t, s, "Question 2 of 2")
		assert.Contains(t, s, "✓ ●", "the first answer is kept")
		assert.Equal(t, order, a.quiz.Draft().Asked)
		assert.Len(t, a.quiz.Draft().Answers, 1)
		h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
		assert.Equal(t, ansi.Strip(items), ansi.Strip(h.app.(App).quiz.View()), "the order begun is as it was")
		h.assertFits()

		h.key("enter")
		require.Contains(t, h.screen(), "enter: see your score")
		h.key("x")
		assert.Equal(t, exampleScreen, h.app.(App).screen, "an answered question opens its example too")
		h.key("esc")
		assert.Equal(t, quizScreen, h.app.(App).screen)
		assert.Contains(t, h.screen(), "enter: see your score")
		h.key("esc", "esc")
		assert.Equal(t, lessonScreen, h.app.(App).screen, "leaving the quiz goes to the lesson as before")
		h.finish()
	})
}

// ctrl+c in the example a quiz question opened quits like ctrl+c in the
// quiz: the answers so far are saved as the draft.
func TestCtrlCInAnExampleFromAQuizKeepsTheDraft(t *testing.T) {
	dir := t.TempDir()
	synctest.Test(t, func(t *testing.T) {
		store := storeIn(t, dir)
		h := newHarness(t, Options{Course: exampleCourse(t), CourseKey: "k", Store: store})
		h.key("enter", "t", "2", "enter", "enter", "x")
		require.Equal(t, exampleScreen, h.app.(App).screen)
		h.key("ctrl+c")
		h.wait(10 * time.Millisecond)
		assert.True(t, h.quit)
		require.NoError(t, store.Close())
	})
	d := savedIn(t, dir).Lessons["ex"].QuizDraft
	require.NotNil(t, d)
	assert.Len(t, d.Answers, 1)
}

// A signal while the example a quiz question opened is on screen: the
// saves of each answer may not have reached the file (the program ends
// before their Cmds run), so Flush saves the draft the place holds. Here
// no save reaches the file during the session at all.
func TestFlushInAnExampleFromAQuizSavesTheDraft(t *testing.T) {
	dir := t.TempDir()
	synctest.Test(t, func(t *testing.T) {
		a := New(Options{Course: exampleCourse(t), CourseKey: "k"})
		h := newHarnessFor(t, a)
		h.key("enter", "t", "2", "enter", "enter", "x")
		require.Equal(t, exampleScreen, h.app.(App).screen)
		store := storeIn(t, dir)
		a.opt.Store = store
		require.NoError(t, a.Flush())
		require.NoError(t, store.Close())
		h.key("esc") // stops nothing: the run never started
	})
	d := savedIn(t, dir).Lessons["ex"].QuizDraft
	require.NotNil(t, d, "the draft is in the file")
	assert.Len(t, d.Answers, 1)
}

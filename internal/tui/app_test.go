package tui

import (
	"context"
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
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
)

const lessonOne = "---\nid: one\ntitle: Waiting\nquiz: q-one\n---\n\n# Waiting\n\nBlocking waits add up.\n\n```example sequential\nTry this: predict the total.\n```\n\nThe end of lesson one.\n"
const lessonTwo = "---\nid: two\ntitle: Overlapping\n---\n\n# Overlapping\n\nAwaiting overlaps waits.\n"
const quizOne = "id: q-one\ntitle: Waiting quiz\nquestions:\n  - id: total\n    type: single\n    prompt: How long?\n    explanation: They add up.\n    choices:\n      - {text: 1 s, feedback: no}\n      - {text: 2 s, correct: true}\n"

func testCourse(t *testing.T) *course.Course {
	t.Helper()
	c, problems := course.Load(course.Source{
		Lessons: fstest.MapFS{"01-one.md": {Data: []byte(lessonOne)}, "02-two.md": {Data: []byte(lessonTwo)}},
		Quizzes: fstest.MapFS{"01-q-one.yaml": {Data: []byte(quizOne)}},
	})
	require.Empty(t, problems)
	return c
}

// harness drives an App like Bubble Tea would: messages in, commands run
// synchronously (ticks excepted: tests send frames themselves).
type harness struct {
	t   *testing.T
	app tea.Model
}

func newHarness(t *testing.T, opt Options) *harness {
	h := &harness{t: t, app: New(opt)}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	return h
}

func (h *harness) send(msg tea.Msg) {
	var cmd tea.Cmd
	h.app, cmd = h.app.Update(msg)
	h.run(cmd, 0)
}

// run executes a command and feeds its message back, skipping ticks (which
// would sleep) and batch members that are ticks.
func (h *harness) run(cmd tea.Cmd, depth int) {
	if cmd == nil || depth > 20 {
		return
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(time.Millisecond):
		// A tick, or a wait: the test drives time itself. Tests run in
		// synctest bubbles, where this millisecond passes only once every
		// goroutine is blocked, so a busy render is never cut off.
		return
	}
	switch msg := msg.(type) {
	case tea.BatchMsg:
		for _, c := range msg {
			h.run(c, depth+1)
		}
	case nil:
	default:
		var next tea.Cmd
		h.app, next = h.app.Update(msg)
		h.run(next, depth+1)
	}
}

func (h *harness) key(keys ...string) {
	for _, k := range keys {
		switch k {
		case "enter":
			h.send(tea.KeyPressMsg{Code: tea.KeyEnter})
		case "esc":
			h.send(tea.KeyPressMsg{Code: tea.KeyEscape})
		case "tab":
			h.send(tea.KeyPressMsg{Code: tea.KeyTab})
		case "end":
			h.send(tea.KeyPressMsg{Code: tea.KeyEnd})
		case "space":
			h.send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
		default:
			for _, r := range k {
				h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
			}
		}
	}
}

func (h *harness) screen() string {
	return ansi.Strip(h.app.(App).frame())
}

func (h *harness) assertFits() {
	h.t.Helper()
	a := h.app.(App)
	lines := strings.Split(a.frame(), "\n")
	assert.Len(h.t, lines, a.height, "the frame has exactly the window's height")
	for i, l := range lines {
		assert.LessOrEqual(h.t, ansi.StringWidth(l), a.width, "line %d: %q", i, ansi.Strip(l))
	}
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
		h := newHarness(t, Options{Course: testCourse(t), Context: context.Background()})
		h.key("enter", "tab", "enter", "2", "enter")
		app := h.app.(App)
		require.Equal(t, stageRunning, app.example.stage)
		for !h.app.(App).example.done || h.app.(App).example.pos < h.app.(App).example.total() {
			time.Sleep(frameEvery)
			h.send(exampleFrameMsg{gen: h.app.(App).example.gen, at: time.Now()})
		}
		s := h.screen()
		assert.Contains(t, s, "hello from say2")
		assert.Contains(t, s, "✓ You predicted 2 s; it took 2.00 s")
		assert.Contains(t, s, "finished")
		c := h.app.(App).course()
		require.Len(t, c.Predictions, 1)
		assert.True(t, c.Predictions[0].Right)
		assert.Equal(t, 1, c.Examples["sequential"].Runs)
		h.key("esc")
	})
}

func TestExamplePauseAndStep(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, Options{Course: testCourse(t), Context: context.Background()})
		h.key("enter", "tab", "enter", "enter") // no prediction
		time.Sleep(500 * time.Millisecond)
		h.send(exampleFrameMsg{gen: h.app.(App).example.gen, at: time.Now()})
		h.key("space")
		ex := h.app.(App).example
		require.True(t, ex.paused)
		paused := ex.pos
		time.Sleep(2 * time.Second) // the program goes on; the view does not
		h.send(exampleFrameMsg{gen: ex.gen, at: time.Now()})
		assert.Equal(t, paused, h.app.(App).example.pos)
		h.key("l") // step to the next event: say1's print at 1 s
		assert.Equal(t, time.Second, h.app.(App).example.pos.Round(10*time.Millisecond))
		assert.Contains(t, h.screen(), "hello from say1")
		assert.NotContains(t, h.screen(), "hello from say2")
		h.key("esc")
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
		c, problems := course.Load(course.Source{Lessons: fstest.MapFS{"01-long.md": {Data: []byte(long)}}, Quizzes: fstest.MapFS{}})
		require.Empty(t, problems)
		p := progress.New()
		p.Course("k").SetResume("long", 40)
		a := New(Options{Course: c, CourseKey: "k"})
		a.prog = p
		h := &harness{t: t, app: a}
		h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
		h.key("enter")
		lm := h.app.(App).lesson
		assert.Equal(t, 40, lm.vp.YOffset(), "the render arrived after the lesson opened, and the place was kept")
	})
}

func TestReloadKeepsThePlaceAndShowsProblems(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, Options{Course: testCourse(t)})
		h.key("enter") // lesson one
		changed := strings.Replace(lessonOne, "Blocking waits add up.", "Blocking waits add up, one after another.", 1)
		c, problems := course.Load(course.Source{
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
		h := newHarness(t, Options{Course: testCourse(t), Context: context.Background()})
		h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
		h.key("enter", "tab", "enter", "3", "enter")
		for !h.app.(App).example.done || h.app.(App).example.pos < h.app.(App).example.total() {
			time.Sleep(frameEvery)
			h.send(exampleFrameMsg{gen: h.app.(App).example.gen, at: time.Now()})
		}
		golden.RequireEqual(t, []byte(h.screen()+"\n"))
		h.key("esc")
	})
}

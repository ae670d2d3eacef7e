//go:build linux

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
)

// Nothing a learner did is lost on the way out, end to end: the quiz
// answers given so far survive a SIGTERM, and the place in a lesson
// survives ctrl+c.

// sevenCourse writes a course of one long lesson, its paragraphs numbered
// so that the screen tells where it is scrolled to, with a quiz of seven
// single questions whose right answer is choice 2.
func sevenCourse(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	var body strings.Builder
	body.WriteString("---\nid: seven\ntitle: Seven\nquiz: seven\n---\n\n# Seven\n\n")
	for i := 1; i <= 120; i++ {
		fmt.Fprintf(&body, "Paragraph %03d of the lesson.\n\n", i)
	}
	var quiz strings.Builder
	quiz.WriteString("id: seven\ntitle: Seven quiz\nquestions:\n")
	for i := 1; i <= 7; i++ {
		fmt.Fprintf(&quiz, "  - id: q%d\n    type: single\n    prompt: Is this question %d?\n    choices:\n      - {text: no}\n      - {text: yes, correct: true}\n", i, i)
	}
	for name, text := range map[string]string{"lessons/01-seven.md": body.String(), "quizzes/01-seven.yaml": quiz.String()} {
		path := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	}
	return dir
}

// savedCourse is the progress file of state, the one course in it.
func savedCourse(t *testing.T, state string) *progress.Course {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(state, "asyncio-tutor", "progress.json"))
	require.NoError(t, err)
	var p progress.Progress
	require.NoError(t, json.Unmarshal(b, &p))
	require.Len(t, p.Courses, 1)
	for _, c := range p.Courses {
		return c
	}
	return nil
}

func TestQuizAnswersSurviveSIGTERM(t *testing.T) {
	skipShort(t)
	state, course := t.TempDir(), "--course="+sevenCourse(t)

	s := start(t, state, course)
	s.waitFor("Start: 1. Seven")
	s.press("enter")
	s.waitFor("lesson 1 of 1")
	s.press("t")
	s.waitFor("Question 1 of 7")
	for i, choice := range []string{"2", "2", "1", "2", "2"} { // the third wrong
		s.press(choice, "enter")
		s.waitFor("enter: next question")
		s.press("enter")
		s.waitFor(fmt.Sprintf("Question %d of 7", i+2))
	}
	require.NoError(t, s.cmd.Process.Signal(syscall.SIGTERM))
	s.exit()

	d := savedCourse(t, state).Lessons["seven"].QuizDraft
	require.NotNil(t, d, "the answers are in the progress file")
	assert.Len(t, d.Answers, 5)

	again := start(t, state, course)
	again.waitFor("Continue: 1. Seven")
	again.press("enter")
	again.waitFor("lesson 1 of 1")
	again.press("t")
	again.waitFor("Question 6 of 7")
	again.waitFor("your 5 answers are kept")
	assert.Contains(t, again.screen(), "✓ ✓ ✗ ✓ ✓ ● ·", "each kept answer with its verdict")
	again.press("2", "enter", "enter", "2", "enter", "enter")
	again.waitFor("Score 86% · 6 of 7 right")
	again.press("q")
	again.exit()
	assert.Nil(t, savedCourse(t, state).Lessons["seven"].QuizDraft, "the finished attempt ends the draft")
}

func TestLessonPlaceSurvivesCtrlC(t *testing.T) {
	skipShort(t)
	for _, way := range []string{"ctrl+c", "SIGTERM", "SIGHUP"} {
		t.Run(way, func(t *testing.T) { lessonPlaceSurvives(t, way) })
	}
}

func lessonPlaceSurvives(t *testing.T, way string) {
	state, course := t.TempDir(), "--course="+sevenCourse(t)

	s := start(t, state, course)
	s.waitFor("Start: 1. Seven")
	s.press("enter")
	s.waitFor("Paragraph 001")
	s.press("f", "f", "f")
	s.waitFor("Paragraph 040")
	top := firstParagraph(s.screen())
	require.NotEmpty(t, top)
	switch way {
	case "ctrl+c":
		s.press("\x03")
	case "SIGTERM":
		require.NoError(t, s.cmd.Process.Signal(syscall.SIGTERM))
	case "SIGHUP":
		require.NoError(t, s.cmd.Process.Signal(syscall.SIGHUP))
	}
	s.exit()
	assert.Positive(t, savedCourse(t, state).Resume.Line, "not line 0")

	again := start(t, state, course)
	again.waitFor("Continue: 1. Seven")
	again.press("enter")
	again.waitFor(top)
	assert.NotContains(t, again.screen(), "Paragraph 001", "Continue opens the lesson where it was left")
	assert.Equal(t, top, firstParagraph(again.screen()))
	again.press("q")
	again.exit()
}

// firstParagraph is the first "Paragraph NNN" on screen.
func firstParagraph(screen string) string {
	i := strings.Index(screen, "Paragraph ")
	if i < 0 || i+len("Paragraph 000") > len(screen) {
		return ""
	}
	return screen[i : i+len("Paragraph 000")]
}

// A panic Bubble Tea recovers from returns no model: the place the last
// Update saw is saved all the same.
func TestLessonPlaceSurvivesAPanic(t *testing.T) {
	skipShort(t)
	state := t.TempDir()
	s := startFaulty(t, faultBinary(t), []string{"ASYNCIO_TUTOR_FAULT=update", "XDG_STATE_HOME=" + state}, "--course="+sevenCourse(t))
	s.waitFor("Start: 1. Seven")
	s.press("enter")
	s.waitFor("Paragraph 001")
	s.press("f", "f", "f")
	s.waitFor("Paragraph 040")
	s.signal(syscall.SIGUSR1) // arm the fault
	s.waitForStderr("fault armed: update")
	s.press("down")
	s.exitWithin(20 * time.Second)
	assert.Contains(t, s.stderr.String(), "fault injected: update")
	assert.Positive(t, savedCourse(t, state).Resume.Line, "the place before the panic is saved")
}

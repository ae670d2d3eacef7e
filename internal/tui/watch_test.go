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
)

// loadLessons loads a course of lesson files (by name) and quizOne, with
// whatever problems the files have.
func loadLessons(lessons map[string]string, quizzes map[string]string) (*course.Course, []course.Problem) {
	ls, qs := fstest.MapFS{}, fstest.MapFS{}
	for name, text := range lessons {
		ls[name] = &fstest.MapFile{Data: []byte(text)}
	}
	for name, text := range quizzes {
		qs[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return course.Load(context.Background(), course.Source{Lessons: ls, Quizzes: qs})
}

// An author who breaks the lesson open on screen stays on it: its last
// good text shows under the error, and the fixed text shows at once when
// it parses again, on the same lesson.
func TestBrokenLessonKeepsTheAuthorOnIt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, Options{Course: testCourse(t)})
		h.key("enter") // lesson one
		require.Contains(t, h.screen(), "Blocking waits add up.")

		broken := strings.Replace(lessonOne, "title: Waiting\n", "title: [Waiting\n", 1)
		c, problems := loadLessons(map[string]string{"01-one.md": broken, "02-two.md": lessonTwo}, map[string]string{"01-q-one.yaml": quizOne})
		require.True(t, course.HasErrors(problems))
		h.send(CourseReloadedMsg{Course: c, Problems: problems, Gen: 1})
		s := h.screen()
		assert.Equal(t, lessonScreen, h.app.(App).screen, "still on the lesson, not the menu")
		assert.Contains(t, s, "Blocking waits add up.", "the last good content")
		assert.Contains(t, s, "✗ lessons/01-one.md:", "the error, where it is")
		h.assertFits()

		fixed := strings.Replace(lessonOne, "Blocking waits add up.", "Blocking waits add up, fixed.", 1)
		c, problems = loadLessons(map[string]string{"01-one.md": fixed, "02-two.md": lessonTwo}, map[string]string{"01-q-one.yaml": quizOne})
		require.Empty(t, problems)
		h.send(CourseReloadedMsg{Course: c, Problems: problems, Gen: 2})
		s = h.screen()
		assert.Equal(t, lessonScreen, h.app.(App).screen)
		assert.Contains(t, s, "Blocking waits add up, fixed.")
		assert.NotContains(t, s, "✗ lessons/01-one.md")
	})
}

// A lesson deleted (not broken) is gone: the author goes back to the menu.
func TestDeletedLessonGoesBackToTheMenu(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, Options{Course: testCourse(t)})
		h.key("enter")
		c, problems := loadLessons(map[string]string{"02-two.md": lessonTwo}, nil)
		h.send(CourseReloadedMsg{Course: c, Problems: problems, Gen: 1})
		assert.Equal(t, menuScreen, h.app.(App).screen)
	})
}

const quizWithBroken = "id: q-one\ntitle: Waiting quiz\nquestions:\n" +
	"  - id: total\n    type: single\n    prompt: How long?\n    choices:\n      - {text: 1 s}\n      - {text: 2 s, correct: true}\n" +
	"  - id: essay\n    type: essay\n    prompt: Write about waits.\n" +
	"  - id: order\n    type: single\n    prompt: Which is first?\n    choices:\n      - {text: a, correct: true}\n      - {text: b}\n"

// A question of a type the player does not know is shown as broken and
// skipped: it is not graded, and the attempt saved scores only the others.
func TestQuestionWithAnErrorIsSkippedAndNotScored(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, problems := loadLessons(map[string]string{"01-one.md": lessonOne, "02-two.md": lessonTwo}, map[string]string{"01-q-one.yaml": quizWithBroken})
		require.NotEmpty(t, problems, "the unknown type is an error")
		h := newHarness(t, Options{Course: c, CourseKey: "k", Problems: problems})
		h.key("enter", "t") // lesson one, its quiz
		require.Equal(t, quizScreen, h.app.(App).screen)

		h.key("2", "enter", "enter") // right, next
		s := h.screen()
		assert.Contains(t, s, "this question has an error: quizzes/01-q-one.yaml:")
		assert.Contains(t, s, `unknown question type "essay"`)
		assert.NotContains(t, s, "Write about waits.", "its prompt is not asked")
		h.key("1") // no choice to pick: keys do nothing
		h.key("enter")
		assert.Contains(t, h.screen(), "Which is first?", "enter skips to the next question")
		h.key("1", "enter", "enter") // right, results

		s = h.screen()
		assert.Contains(t, s, "Score 100% · 2 of 2 right")
		assert.Contains(t, s, "1 skipped")
		attempts := h.app.(App).c.Progress.Lesson("one").QuizAttempts
		require.Len(t, attempts, 1)
		assert.InDelta(t, 1.0, attempts[0].Score, 1e-9)
		assert.True(t, attempts[0].Passed)
		var ids []string
		for _, q := range attempts[0].Questions {
			ids = append(ids, q.ID)
		}
		assert.Equal(t, []string{"total", "order"}, ids, "the broken question is not saved")
	})
}

// An error check finds inside a question of a known type (here one made up
// at the line of the second question's prompt) makes it unplayable too.
func TestQuestionWithAProblemAtItsPlaceIsSkipped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fine := strings.Replace(quizWithBroken, "type: essay", "type: single", 1)
		fine = strings.Replace(fine, "prompt: Write about waits.\n", "prompt: Write about waits.\n    choices:\n      - {text: x, correct: true}\n      - {text: y}\n", 1)
		c, problems := loadLessons(map[string]string{"01-one.md": lessonOne, "02-two.md": lessonTwo}, map[string]string{"01-q-one.yaml": fine})
		require.Empty(t, problems)
		q := c.Quiz("q-one")
		at := q.Questions[1].At("prompt")
		bad := []course.Problem{at.Errorf("output-proof", "the key is wrong")}
		h := newHarness(t, Options{Course: c, CourseKey: "k", Problems: bad})
		h.key("enter", "t", "2", "enter", "enter")
		assert.Contains(t, h.screen(), "this question has an error: quizzes/01-q-one.yaml:")
		assert.Contains(t, h.screen(), "the key is wrong")

		// A warning there leaves it playable.
		warned := []course.Problem{at.Warnf("output-proof", "only a warning")}
		h = newHarness(t, Options{Course: c, CourseKey: "k", Problems: warned})
		h.key("enter", "t", "2", "enter", "enter")
		assert.Contains(t, h.screen(), "Write about waits.")
	})
}

// The proofs' problems replace the panel when they arrive, unless a newer
// reload came first: then they are about a course no longer on screen.
func TestProofProblemsFollowTheLoadAndStaleOnesAreDropped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := testCourse(t)
		load := []course.Problem{{File: "quizzes/01-q-one.yaml", Line: 1, Severity: course.SeverityWarning, Rule: "r", Message: "from the load"}}
		proof := append(load, course.Problem{File: "quizzes/01-q-one.yaml", Line: 4, Severity: course.SeverityError, Rule: "output-proof", Message: "from the proofs"})
		h := newHarness(t, Options{Course: c})
		h.send(CourseReloadedMsg{Course: c, Problems: load, Gen: 1})
		assert.Contains(t, h.screen(), "from the load")
		assert.NotContains(t, h.screen(), "from the proofs")
		assert.Contains(t, h.screen(), "proving answer keys…", "the author knows more may come")
		h.send(CourseProvedMsg{Gen: 1, Problems: proof})
		assert.Contains(t, h.screen(), "from the proofs")
		assert.NotContains(t, h.screen(), "proving answer keys…")

		h.send(CourseReloadedMsg{Course: c, Problems: load, Gen: 2})
		h.send(CourseProvedMsg{Gen: 1, Problems: proof}) // a run the reload called off
		assert.NotContains(t, h.screen(), "from the proofs", "a stale proof run is dropped")
		assert.Contains(t, h.screen(), "proving answer keys…", "the newer run is still awaited")
	})
}

// A course folder with no lesson yet waits for the first, saying what to
// create, and shows the menu once it arrives.
func TestEmptyCourseWaitsForItsFirstLesson(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		empty, problems := loadLessons(nil, nil)
		h := newHarness(t, Options{Course: empty, Problems: problems})
		s := h.screen()
		assert.Contains(t, s, "Waiting for lessons/01-first.md")
		assert.Contains(t, s, "id: first")
		h.assertFits()
		h.key("enter") // nothing to open
		assert.Equal(t, menuScreen, h.app.(App).screen)

		h.send(CourseReloadedMsg{Course: testCourse(t), Gen: 1})
		s = h.screen()
		assert.NotContains(t, s, "Waiting for lessons/01-first.md")
		assert.Contains(t, s, "Start: 1. Waiting")
	})
}

// A lesson whose file no longer parses at all has no place in the reloaded
// course: its header says so, and next does not open whichever lesson now
// sits after its old index.
func TestABrokenLessonHasNoPlaceUntilItLoads(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := newHarness(t, Options{Course: testCourse(t)})
		h.key("enter")                                                              // lesson one
		unreadable := "---\nid: one\ntitle: Waiting\n" + "Blocking waits add up.\n" // no closing ---
		c, problems := loadLessons(map[string]string{"01-one.md": unreadable, "02-two.md": lessonTwo}, map[string]string{"01-q-one.yaml": quizOne})
		require.Len(t, c.Lessons, 1, "the broken lesson is not in the course")
		h.send(CourseReloadedMsg{Course: c, Problems: problems, Gen: 1})
		require.Equal(t, lessonScreen, h.app.(App).screen)
		assert.Contains(t, h.screen(), "not in the course until it loads again")
		assert.NotContains(t, h.screen(), "lesson 1 of 1")
		h.key("n")
		assert.Equal(t, lessonScreen, h.app.(App).screen)
		assert.Contains(t, h.screen(), "not in the course until it loads again", "next did not open lesson two in its place")
	})
}

// Package learn is the application layer both front-ends share (the
// full-screen player in internal/tui and the line-by-line one in
// internal/plain): where a learner resumes, what state each lesson is in,
// how a prediction is read and scored, and which change to the learner's
// progress each of their actions makes. It is pure: no IO, no clock (the
// caller passes the time), no terminal.
//
// A front-end applies a Change to its own copy of the progress at once and
// hands the same Change to the store, so what is shown and what is saved
// can never disagree, and both front-ends save the same bytes for the same
// session.
package learn

import (
	"fmt"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/quiz"
)

// A Change is what one action of the learner does to their progress in a
// course.
type Change func(c *progress.Course)

// Opened is the change of opening a lesson at a line: the place to resume.
func Opened(lesson string, line int) Change {
	return func(c *progress.Course) { c.SetResume(lesson, line) }
}

// Read is the change of reaching a lesson's end.
func Read(lesson string, at time.Time) Change {
	return func(c *progress.Course) { c.MarkRead(lesson, at) }
}

// Ran is the change of a finished run of an example from a card of
// lesson ("" when it ran outside any lesson); v is the learner's scored
// prediction for that run, or nil when they made none. Both are credited to
// the lesson, so resetting it forgets them.
func Ran(lesson, example string, v *Verdict, at time.Time) Change {
	return func(c *progress.Course) {
		c.RanExampleIn(lesson, example, at)
		if v != nil {
			c.AddPrediction(progress.Prediction{
				Example: example, Lesson: lesson, What: "total",
				Guess:  fmt.Sprintf("%g s", v.Guess),
				Actual: fmt.Sprintf("%.2f s", v.Actual.Seconds()),
				Right:  v.Right, At: at,
			})
		}
	}
}

// Attempted is the change of finishing an attempt at a lesson's quiz:
// results are the questions' latest results in quiz order. The attempt's
// draft goes with it.
func Attempted(lesson, quizID string, score float64, passed bool, results []quiz.Result, at time.Time) Change {
	return AttemptedWith(lesson, quizID, score, passed, results, nil, at)
}

// Help is how a question was answered beyond its result: with its hint
// shown first, and in how many tries.
type Help struct {
	HintUsed bool
	Tries    int // 0 or 1: the first answer
}

// AttemptedWith is Attempted that also records, by question id, which
// questions took a hint or more than one try.
func AttemptedWith(lesson, quizID string, score float64, passed bool, results []quiz.Result, help map[string]Help, at time.Time) Change {
	a := progress.QuizAttempt{Quiz: quizID, At: at, Score: score, Passed: passed}
	for _, r := range results {
		h := help[r.QuestionID]
		a.Questions = append(a.Questions, progress.QuestionResult{
			ID: r.QuestionID, Correct: r.Correct, Score: r.Score, HintUsed: h.HintUsed, Tries: tries(h.Tries),
		})
	}
	return func(c *progress.Course) { c.AddQuizAttempt(lesson, a) }
}

// tries is a count of tries as the file keeps it: 0 for the usual one.
func tries(n int) int {
	if n <= 1 {
		return 0
	}
	return n
}

// Resume is where the learner continues: the lesson last opened (at the
// line they were reading) or, when that is gone or none was, the first
// lesson not yet read, from its top. A course without lessons resumes at 0.
func Resume(c *course.Course, p *progress.Course) (lesson, line int) {
	if p != nil && p.Resume.Lesson != "" {
		for i, l := range c.Lessons {
			if l.ID == p.Resume.Lesson {
				return i, max(p.Resume.Line, 0)
			}
		}
	}
	for i, l := range c.Lessons {
		if !lessonOf(p, l.ID).Read() {
			return i, 0
		}
	}
	return 0, 0
}

// Started reports whether the learner has begun the course: the menu says
// "Continue" rather than "Start".
func Started(c *course.Course, p *progress.Course) bool {
	return p != nil && (p.Resume.Lesson != "" || Summarize(c, p).Read > 0)
}

// Summary counts what the learner has done in a course.
type Summary struct {
	Lessons int // lessons in the course
	Read    int
	Passed  int // lessons whose quiz is passed
}

// Summarize counts the learner's read lessons and passed quizzes.
func Summarize(c *course.Course, p *progress.Course) Summary {
	s := Summary{Lessons: len(c.Lessons)}
	for _, l := range c.Lessons {
		lp := lessonOf(p, l.ID)
		if lp.Read() {
			s.Read++
		}
		if lp.Passed() {
			s.Passed++
		}
	}
	return s
}

// Plural is a count with its noun, as every front-end says it: "1 run",
// "3 runs".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Percent is a score from 0 to 1 as a whole percentage, rounded.
func Percent(f float64) int { return int(f*100 + 0.5) }

// lessonOf reads a lesson's progress without creating it (Course.Lesson
// would add an entry, and reading must not change state). nil means none.
func lessonOf(p *progress.Course, id string) *progress.Lesson {
	if p == nil {
		return nil
	}
	return p.Lessons[id]
}

package progress

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var t0 = time.Date(2026, 11, 2, 10, 15, 0, 0, time.UTC)

// fill records one of everything in a course.
func fill(c *Course) {
	c.MarkRead("awaiting", t0)
	c.SetResume("gathering", 42)
	c.AddQuizAttempt("awaiting", QuizAttempt{
		Quiz: "awaiting", At: t0.Add(time.Minute), Score: 0.5, Passed: false,
		Questions: []QuestionResult{{ID: "why", Correct: true, Score: 1}, {ID: "which", Correct: false, Score: 0}},
	})
	c.AddQuizAttempt("awaiting", QuizAttempt{Quiz: "awaiting", At: t0.Add(2 * time.Minute), Score: 1, Passed: true,
		Questions: []QuestionResult{{ID: "why", Correct: true, Score: 1}, {ID: "which", Correct: true, Score: 1}}})
	c.RanExample("gather", t0.Add(3*time.Minute))
	c.RanExampleIn("gathering", "gather", t0.Add(4*time.Minute))
	c.AddPrediction(Prediction{Example: "gather", What: "total", Guess: "2s", Actual: "1s", Right: false, At: t0.Add(5 * time.Minute)})
	c.AddPrediction(Prediction{Example: "gather", Lesson: "gathering", What: "total", Guess: "1", Actual: "1.00 s", Right: true, At: t0.Add(6 * time.Minute)})
	c.SetQuizDraft("gathering", &QuizDraft{Quiz: "gathering", Asked: []string{"a", "b"}, At: t0.Add(7 * time.Minute),
		Answers: []DraftAnswer{{ID: "a", Choices: []int{2}, Correct: true, Score: 1, HintUsed: true}}})
}

func TestCoursesAreKeptApart(t *testing.T) {
	p := New()
	p.Course(BuiltinCourse).MarkRead("intro", t0)
	p.Course("/home/me/my-course").Lesson("intro")

	assert.True(t, p.Courses[BuiltinCourse].Lessons["intro"].Read())
	assert.False(t, p.Courses["/home/me/my-course"].Lessons["intro"].Read(),
		"the same lesson id in another course is another lesson")
}

func TestMarkReadKeepsTheFirstTime(t *testing.T) {
	var c Course
	c.MarkRead("a", t0)
	c.MarkRead("a", t0.Add(time.Hour))
	assert.Equal(t, t0, c.Lessons["a"].ReadAt)
}

func TestResetOneLesson(t *testing.T) {
	p := New()
	fill(p.Course(BuiltinCourse))
	p.Course(BuiltinCourse).SetResume("awaiting", 7)
	fill(p.Course("other"))

	p.Reset(BuiltinCourse, "awaiting")

	c := p.Courses[BuiltinCourse]
	assert.NotContains(t, c.Lessons, "awaiting", "read state and quiz attempts are gone")
	assert.Zero(t, c.Resume, "the resume point was in that lesson")
	assert.Equal(t, 2, c.Examples["gather"].Runs, "runs made in another lesson are kept")
	assert.Len(t, c.Predictions, 2)
	assert.True(t, p.Courses["other"].Lessons["awaiting"].Read(), "other courses are untouched")

	p.Reset(BuiltinCourse, "gathering")
	assert.NotContains(t, c.Lessons, "gathering", "its runs and quiz draft are gone")
	assert.Equal(t, 1, c.Examples["gather"].Runs, "its run is taken off the course's total; the run of no lesson stays")
	require.Len(t, c.Predictions, 1, "its prediction is gone")
	assert.Empty(t, c.Predictions[0].Lesson, "a prediction of no lesson (an older file) stays")
	assert.Equal(t, 2, p.Courses["other"].Examples["gather"].Runs)

	p.Reset(BuiltinCourse, "no-such-lesson")
	p.Reset("no-such-course", "awaiting")
}

func TestResetACourse(t *testing.T) {
	p := New()
	fill(p.Course(BuiltinCourse))
	fill(p.Course("other"))

	p.Reset(BuiltinCourse, "")

	assert.NotContains(t, p.Courses, BuiltinCourse)
	assert.Contains(t, p.Courses, "other")
}

func TestCloneIsDeep(t *testing.T) {
	p := New()
	fill(p.Course(BuiltinCourse))
	q := p.Clone()
	require.Equal(t, p, q)

	c := q.Course(BuiltinCourse)
	c.MarkRead("new", t0)
	c.Lessons["awaiting"].QuizAttempts[0].Questions[0].Correct = false
	c.Lessons["awaiting"].QuizAttempts = append(c.Lessons["awaiting"].QuizAttempts, QuizAttempt{})
	c.Examples["gather"].Runs = 99
	c.Lessons["gathering"].Examples["gather"].Runs = 99
	c.Lessons["gathering"].QuizDraft.Answers[0].Choices[0] = 9
	c.Lessons["gathering"].QuizDraft.Asked[0] = "z"
	c.Predictions[0].Right = true
	q.Course("added")

	orig := p.Courses[BuiltinCourse]
	assert.NotContains(t, orig.Lessons, "new")
	assert.True(t, orig.Lessons["awaiting"].QuizAttempts[0].Questions[0].Correct)
	assert.Len(t, orig.Lessons["awaiting"].QuizAttempts, 2)
	assert.Equal(t, 2, orig.Examples["gather"].Runs)
	assert.Equal(t, 1, orig.Lessons["gathering"].Examples["gather"].Runs)
	assert.Equal(t, []int{2}, orig.Lessons["gathering"].QuizDraft.Answers[0].Choices)
	assert.Equal(t, "a", orig.Lessons["gathering"].QuizDraft.Asked[0])
	assert.False(t, orig.Predictions[0].Right)
	assert.NotContains(t, p.Courses, "added")
}

func TestBestAndPassed(t *testing.T) {
	var none *Lesson
	_, ok := none.Best()
	assert.False(t, ok)
	assert.False(t, none.Passed())
	assert.False(t, none.Read())

	l := &Lesson{QuizAttempts: []QuizAttempt{
		{Score: 0.5, At: t0},
		{Score: 0.9, Passed: true, At: t0.Add(time.Minute)},
		{Score: 0.9, Passed: true, At: t0.Add(2 * time.Minute)},
		{Score: 0.2, At: t0.Add(3 * time.Minute)},
	}}
	best, ok := l.Best()
	require.True(t, ok)
	assert.Equal(t, t0.Add(time.Minute), best.At, "the highest score, the first of equals")
	assert.True(t, l.Passed())
}

func TestSetResumeNeverNegative(t *testing.T) {
	var c Course
	c.SetResume("a", -3)
	assert.Equal(t, Resume{Lesson: "a", Line: 0}, c.Resume)
}

func TestCourseKey(t *testing.T) {
	assert.Equal(t, BuiltinCourse, CourseKey(""))

	dir := t.TempDir()
	real, err := filepath.EvalSymlinks(dir)
	require.NoError(t, err)
	assert.Equal(t, real, CourseKey(dir))
	assert.Equal(t, real, CourseKey(dir+string(filepath.Separator)+"."))

	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(dir, link); err == nil {
		assert.Equal(t, real, CourseKey(link), "a link to a course is the same course")
	}

	t.Chdir(dir)
	assert.Equal(t, real, CourseKey("."), "relative folders become absolute")
}

// The domain must be usable without a terminal.
func TestKnowsNoTerminal(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	require.NoError(t, err, string(out))
	for _, dep := range strings.Fields(string(out)) {
		assert.False(t, strings.HasPrefix(dep, "charm.land/"), "progress depends on %s", dep)
	}
}

func TestARunInALessonCountsThereAndInTheTotal(t *testing.T) {
	var c Course
	c.RanExampleIn("one", "gather", t0)
	c.RanExampleIn("two", "gather", t0.Add(time.Minute))
	c.RanExample("gather", t0.Add(2*time.Minute))

	assert.Equal(t, 3, c.Examples["gather"].Runs)
	assert.Equal(t, 1, c.Lessons["one"].Examples["gather"].Runs)
	assert.Equal(t, t0.Add(time.Minute), c.Lessons["two"].Examples["gather"].LastRun)
}

func TestAFinishedAttemptEndsTheDraft(t *testing.T) {
	var c Course
	c.SetQuizDraft("one", &QuizDraft{Quiz: "q", Asked: []string{"a"}})
	require.NotNil(t, c.Lessons["one"].QuizDraft)

	c.AddQuizAttempt("one", QuizAttempt{Quiz: "q", Score: 1, Passed: true})
	assert.Nil(t, c.Lessons["one"].QuizDraft)

	c.SetQuizDraft("one", &QuizDraft{Quiz: "q"})
	c.SetQuizDraft("one", nil)
	assert.Nil(t, c.Lessons["one"].QuizDraft)
	c.SetQuizDraft("never-opened", nil)
	assert.NotContains(t, c.Lessons, "never-opened", "forgetting nothing adds nothing")
}

package learn

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/quiz"
)

var at = time.Date(2026, 3, 14, 15, 9, 26, 0, time.UTC)

// threeLessons is a course: a lesson with a quiz, one naming a quiz the
// course lacks, and one without a quiz.
func threeLessons() *course.Course {
	return &course.Course{
		Lessons: []*course.Lesson{
			{ID: "one", Title: "One", Quiz: "q1"},
			{ID: "two", Title: "Two", Quiz: "gone"},
			{ID: "three", Title: "Three"},
		},
		Quizzes: []*course.Quiz{{ID: "q1", Title: "Q1", Pass: 0.7}},
	}
}

// learner is progress built with the Changes themselves.
func learner(changes ...Change) *progress.Course {
	c := &progress.Course{}
	for _, ch := range changes {
		ch(c)
	}
	return c
}

func attempt(lesson string, score float64, passed bool) Change {
	return Attempted(lesson, "q1", score, passed, nil, at)
}

func TestResume(t *testing.T) {
	c := threeLessons()
	for _, tc := range []struct {
		name       string
		c          *course.Course
		p          *progress.Course
		lesson, ln int
	}{
		{"nil progress: the first lesson", c, nil, 0, 0},
		{"no progress yet", c, learner(), 0, 0},
		{"the lesson last opened, at its line", c, learner(Read("one", at), Opened("three", 42)), 2, 42},
		{"last opened ahead of unread ones", c, learner(Opened("two", 7)), 1, 7},
		{"a negative line is the top", c, &progress.Course{Resume: progress.Resume{Lesson: "two", Line: -5}}, 1, 0},
		{"last opened deleted from the course: first unread, from the top", c, learner(Read("one", at), Opened("removed", 9)), 1, 0},
		{"none opened, some read: the first unread", c, learner(Read("one", at), Read("three", at)), 1, 0},
		{"all read: the first", c, learner(Read("one", at), Read("two", at), Read("three", at)), 0, 0},
		{"progress of lessons the course lacks does not count", c, learner(Read("removed", at)), 0, 0},
		{"empty course", &course.Course{}, learner(Opened("one", 3), Read("one", at)), 0, 0},
		{"empty course, nil progress", &course.Course{}, nil, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lesson, line := Resume(tc.c, tc.p)
			assert.Equal(t, tc.lesson, lesson, "lesson")
			assert.Equal(t, tc.ln, line, "line")
		})
	}
}

func TestResumeReadsWithoutChanging(t *testing.T) {
	p := learner(Opened("removed", 1))
	before, err := json.Marshal(p)
	require.NoError(t, err)
	Resume(threeLessons(), p)
	Started(threeLessons(), p)
	Summarize(threeLessons(), p)
	for _, l := range threeLessons().Lessons {
		LessonState(threeLessons(), l, p)
	}
	after, err := json.Marshal(p)
	require.NoError(t, err)
	assert.JSONEq(t, string(before), string(after), "reading progress adds no lesson entries")
	assert.Nil(t, p.Lessons)
}

func TestStarted(t *testing.T) {
	c := threeLessons()
	assert.False(t, Started(c, nil))
	assert.False(t, Started(c, learner()))
	assert.True(t, Started(c, learner(Opened("one", 0))))
	assert.True(t, Started(c, learner(Opened("removed", 0))), "a resume place at all is a start")
	assert.True(t, Started(c, learner(Read("two", at))))
	assert.False(t, Started(c, learner(Read("removed", at))), "a read lesson the course lacks is not")
	assert.False(t, Started(c, learner(Ran("", "sequential", nil, at))), "running an example alone is not")
	assert.False(t, Started(&course.Course{}, learner(Read("one", at))))
}

// The facts under a lesson's state: read, its quiz, the best attempt.
func TestLessonStateFacts(t *testing.T) {
	c := threeLessons()
	one, two, three := c.Lessons[0], c.Lessons[1], c.Lessons[2]
	facts := func(s State) lessonFacts { return lessonFacts{s.Read, s.HasQuiz, s.Taken, s.Best, s.Passed} }

	assert.Equal(t, lessonFacts{HasQuiz: true}, facts(LessonState(c, one, nil)))
	assert.Equal(t, lessonFacts{HasQuiz: true}, facts(LessonState(c, one, learner())))
	assert.Equal(t, lessonFacts{}, facts(LessonState(c, two, learner())), "a quiz the course lacks is no quiz")
	assert.Equal(t, lessonFacts{}, facts(LessonState(c, three, learner())))
	assert.Equal(t, lessonFacts{Read: true}, facts(LessonState(c, three, learner(Read("three", at)))))

	// Attempts: the best score shows; passed if any attempt passed.
	assert.Equal(t, lessonFacts{HasQuiz: true, QuizTaken: true, Best: 0.4},
		facts(LessonState(c, one, learner(attempt("one", 0.4, false)))))
	assert.Equal(t, lessonFacts{Read: true, HasQuiz: true, QuizTaken: true, Best: 0.8, Passed: true},
		facts(LessonState(c, one, learner(Read("one", at), attempt("one", 0.4, false), attempt("one", 0.8, true), attempt("one", 0.6, false)))))
	assert.Equal(t, lessonFacts{HasQuiz: true, QuizTaken: true, Best: 0, Passed: false},
		facts(LessonState(c, one, learner(attempt("one", 0, false)))), "a score of 0 is still an attempt")

	// Attempts kept for a quiz the course no longer has still show.
	assert.Equal(t, lessonFacts{QuizTaken: true, Best: 0.9, Passed: true},
		facts(LessonState(c, two, learner(attempt("two", 0.9, true)))))
}

// lessonFacts is the facts TestLessonStateFacts compares.
type lessonFacts struct {
	Read, HasQuiz, QuizTaken bool
	Best                     float64
	Passed                   bool
}

func TestSummarize(t *testing.T) {
	c := threeLessons()
	assert.Equal(t, Summary{Lessons: 3}, Summarize(c, nil))
	assert.Equal(t, Summary{Lessons: 3}, Summarize(c, learner()))
	assert.Equal(t, Summary{}, Summarize(&course.Course{}, learner(Read("one", at))))
	p := learner(
		Read("one", at), Read("three", at), Read("removed", at),
		attempt("one", 0.5, false), attempt("one", 0.9, true),
		attempt("two", 0.2, false),
		attempt("removed", 1, true),
	)
	assert.Equal(t, Summary{Lessons: 3, Read: 2, Passed: 1}, Summarize(c, p))
}

func TestPercent(t *testing.T) {
	for f, want := range map[float64]int{0: 0, 1: 100, 0.8: 80, 0.994: 99, 0.995: 100, 0.125: 13, 2.0 / 3: 67} {
		assert.Equal(t, want, Percent(f), "%v", f)
	}
}

func TestChangesJSON(t *testing.T) {
	right := Score(2, 2*time.Second)
	wrong := Score(0, 1005*time.Millisecond)
	for _, tc := range []struct {
		name   string
		change Change
		want   string
	}{
		{"opened", Opened("first", 12), `{"resume":{"lesson":"first","line":12}}`},
		{"opened at a negative line", Opened("first", -3), `{"resume":{"lesson":"first","line":0}}`},
		{"read", Read("first", at), `{"lessons":{"first":{"read_at":"2026-03-14T15:09:26Z"}}}`},
		{"ran without a prediction", Ran("", "sequential", nil, at), `{"examples":{"sequential":{"runs":1,"last_run":"2026-03-14T15:09:26Z"}}}`},
		{"ran in a lesson", Ran("first", "sequential", nil, at),
			`{"lessons":{"first":{"examples":{"sequential":{"runs":1,"last_run":"2026-03-14T15:09:26Z"}}}},` +
				`"examples":{"sequential":{"runs":1,"last_run":"2026-03-14T15:09:26Z"}}}`},
		{"ran with a right prediction", Ran("", "sequential", &right, at),
			`{"examples":{"sequential":{"runs":1,"last_run":"2026-03-14T15:09:26Z"}},` +
				`"predictions":[{"example":"sequential","what":"total","guess":"2 s","actual":"2.00 s","right":true,"at":"2026-03-14T15:09:26Z"}]}`},
		{"a prediction in a lesson is credited to it", Ran("first", "sequential", &right, at),
			`{"lessons":{"first":{"examples":{"sequential":{"runs":1,"last_run":"2026-03-14T15:09:26Z"}}}},` +
				`"examples":{"sequential":{"runs":1,"last_run":"2026-03-14T15:09:26Z"}},` +
				`"predictions":[{"example":"sequential","lesson":"first","what":"total","guess":"2 s","actual":"2.00 s","right":true,"at":"2026-03-14T15:09:26Z"}]}`},
		{"ran with a wrong prediction of 0", Ran("", "gather", &wrong, at),
			`{"examples":{"gather":{"runs":1,"last_run":"2026-03-14T15:09:26Z"}},` +
				`"predictions":[{"example":"gather","what":"total","guess":"0 s","actual":"1.00 s","right":false,"at":"2026-03-14T15:09:26Z"}]}`},
		{"attempted", Attempted("first", "q1", 0.5, false, []quiz.Result{
			{QuestionID: "a", Answered: true, Correct: true, Score: 1},
			{QuestionID: "b", Answered: true, Score: 0.5},
			{QuestionID: "c"},
		}, at),
			`{"lessons":{"first":{"quiz_attempts":[{"quiz":"q1","at":"2026-03-14T15:09:26Z","score":0.5,"passed":false,"questions":[` +
				`{"id":"a","correct":true,"score":1},{"id":"b","correct":false,"score":0.5},{"id":"c","correct":false,"score":0}]}]}}}`},
		{"attempted without questions", Attempted("first", "q1", 1, true, nil, at),
			`{"lessons":{"first":{"quiz_attempts":[{"quiz":"q1","at":"2026-03-14T15:09:26Z","score":1,"passed":true}]}}}`},
		{"attempted with a hint and a second try", AttemptedWith("first", "q1", 1, true, []quiz.Result{
			{QuestionID: "a", Answered: true, Correct: true, Score: 1},
			{QuestionID: "b", Answered: true, Correct: true, Score: 1},
		}, map[string]Help{"a": {HintUsed: true, Tries: 1}, "b": {Tries: 2}}, at),
			`{"lessons":{"first":{"quiz_attempts":[{"quiz":"q1","at":"2026-03-14T15:09:26Z","score":1,"passed":true,"questions":[` +
				`{"id":"a","correct":true,"score":1,"hint_used":true},{"id":"b","correct":true,"score":1,"tries":2}]}]}}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &progress.Course{}
			tc.change(c)
			got, err := json.Marshal(c)
			require.NoError(t, err)
			assert.Equal(t, tc.want, string(got))
		})
	}
}

// A change is a value: applied to two copies (the session's and the
// store's) it makes the same bytes, whatever time passes in between.
func TestChangeAppliedTwiceIsTheSame(t *testing.T) {
	v := Score(1, time.Second)
	for _, ch := range []Change{Opened("a", 1), Read("a", at), Ran("a", "x", &v, at), DraftSaved("a", progress.QuizDraft{Quiz: "q", Asked: []string{"x"}}), Attempted("a", "q", 1, true, nil, at)} {
		a, b := &progress.Course{}, &progress.Course{}
		ch(a)
		time.Sleep(time.Millisecond)
		ch(b)
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		assert.Equal(t, string(ja), string(jb))
	}
	// Reading again keeps the first time; running again counts.
	c := learner(Read("a", at), Read("a", at.Add(time.Hour)), Ran("", "x", nil, at), Ran("", "x", nil, at.Add(time.Hour)))
	assert.Equal(t, at, c.Lessons["a"].ReadAt)
	assert.Equal(t, 2, c.Examples["x"].Runs)
	assert.Equal(t, at.Add(time.Hour), c.Examples["x"].LastRun)
}

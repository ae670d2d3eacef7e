package learn

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
)

// sevenQuestions is a course whose one lesson has a quiz of seven single
// questions, q1..q7, each of two choices.
func sevenQuestions() *course.Course {
	q := &course.Quiz{ID: "q1", Title: "Q1", Pass: 0.7}
	for _, id := range []string{"q1", "q2", "q3", "q4", "q5", "q6", "q7"} {
		q.Questions = append(q.Questions, &course.Question{ID: id, Type: course.Single, Prompt: id,
			Choices: []course.Choice{{Text: "yes", Correct: true}, {Text: "no"}}})
	}
	return &course.Course{Lessons: []*course.Lesson{{ID: "one", Title: "One", Quiz: "q1"}}, Quizzes: []*course.Quiz{q}}
}

func fiveAnswered() progress.QuizDraft {
	d := progress.QuizDraft{Quiz: "q1", Asked: []string{"q1", "q2", "q3", "q4", "q5", "q6", "q7"}, At: at}
	for _, id := range d.Asked[:5] {
		d.Answers = append(d.Answers, progress.DraftAnswer{ID: id, Choices: []int{1}, Correct: true, Score: 1})
	}
	return d
}

func TestQuizDraftSaysWhereTheAttemptIs(t *testing.T) {
	c := sevenQuestions()
	p := learner(DraftSaved("one", fiveAnswered()))

	s, ok := QuizDraft(c, p, "one")
	require.True(t, ok)
	assert.Equal(t, DraftStatus{Quiz: "q1", Answered: 5, Of: 7, Question: 6}, s)

	_, ok = QuizDraft(c, learner(), "one")
	assert.False(t, ok, "no draft")
	_, ok = QuizDraft(c, nil, "one")
	assert.False(t, ok, "no progress")
	_, ok = QuizDraft(c, p, "no-such-lesson")
	assert.False(t, ok)

	p = learner(DraftSaved("one", fiveAnswered()), Attempted("one", "q1", 1, true, nil, at))
	_, ok = QuizDraft(c, p, "one")
	assert.False(t, ok, "finishing the attempt ends its draft")

	p = learner(DraftSaved("one", fiveAnswered()), DraftDropped("one"))
	_, ok = QuizDraft(c, p, "one")
	assert.False(t, ok)
}

func TestEveryQuestionAnsweredLeavesOnlyTheResults(t *testing.T) {
	d := fiveAnswered()
	for _, id := range d.Asked[5:] {
		d.Answers = append(d.Answers, progress.DraftAnswer{ID: id, Choices: []int{2}})
	}
	s, ok := QuizDraft(sevenQuestions(), learner(DraftSaved("one", d)), "one")
	require.True(t, ok)
	assert.Equal(t, 7, s.Answered)
	assert.Zero(t, s.Question)
}

// A course reloaded while the author edits it (--watch) may rename or
// remove questions: the answers to the questions still there resume.
func TestADraftOfAChangedQuizKeepsTheQuestionsStillThere(t *testing.T) {
	c := sevenQuestions()
	q := c.Quizzes[0]
	q.Questions[1].ID = "renamed"                                           // q2, answered
	q.Questions = append(q.Questions[:3], q.Questions[4:]...)               // q4, answered, removed
	q.Questions[4].Choices = q.Questions[4].Choices[:1]                     // q6, unanswered: changes nothing
	q.Questions[3].Choices = []course.Choice{{Text: "only", Correct: true}} // q5's answer 1 still fits

	d, ok := ResumeDraft(q, new(fiveAnswered()))
	require.True(t, ok)
	assert.Equal(t, []string{"q1", "q3", "q5", "q6", "q7"}, d.Asked, "answered first, then the rest in the order asked")
	ids := []string{}
	for _, a := range d.Answers {
		ids = append(ids, a.ID)
	}
	assert.Equal(t, []string{"q1", "q3", "q5"}, ids)
}

func TestAnAnswerThatNoLongerFitsIsDropped(t *testing.T) {
	q := &course.Quiz{ID: "q", Questions: []*course.Question{
		{ID: "single", Type: course.Single, Choices: []course.Choice{{Text: "a", Correct: true}}},
		{ID: "multi", Type: course.Multi, Choices: []course.Choice{{Text: "a", Correct: true}, {Text: "b"}}},
		{ID: "text", Type: course.Text, Prompt: "___ and ___", Answers: [][]string{{"x"}, {"y"}}},
		{ID: "order", Type: course.Order, Items: []string{"a", "b", "c"}},
	}}
	d := &progress.QuizDraft{Quiz: "q", Asked: []string{"single", "multi", "text", "order"}, Answers: []progress.DraftAnswer{
		{ID: "single", Choices: []int{2}},        // that choice is gone
		{ID: "multi", Choices: []int{1, 2}},      // still fits
		{ID: "text", Texts: []string{"x"}},       // a blank was added
		{ID: "order", Items: []string{"a", "b"}}, // an item was added
	}}
	got, ok := ResumeDraft(q, d)
	require.True(t, ok)
	require.Len(t, got.Answers, 1)
	assert.Equal(t, "multi", got.Answers[0].ID)
	assert.Equal(t, []string{"multi", "single", "text", "order"}, got.Asked)
}

func TestNothingToResume(t *testing.T) {
	q := sevenQuestions().Quizzes[0]
	_, ok := ResumeDraft(q, nil)
	assert.False(t, ok)
	_, ok = ResumeDraft(nil, new(fiveAnswered()))
	assert.False(t, ok, "the quiz is gone")
	other := fiveAnswered()
	other.Quiz = "another"
	_, ok = ResumeDraft(q, &other)
	assert.False(t, ok, "a draft of another quiz")
	_, ok = ResumeDraft(q, &progress.QuizDraft{Quiz: "q1", Asked: []string{"gone"}})
	assert.False(t, ok, "none of its questions is left")
}

func TestResumeDraftDoesNotShareTheSavedOne(t *testing.T) {
	saved := fiveAnswered()
	d, ok := ResumeDraft(sevenQuestions().Quizzes[0], &saved)
	require.True(t, ok)
	d.Answers[0].Choices[0] = 2
	d.Asked[0] = "x"
	assert.Equal(t, []int{1}, saved.Answers[0].Choices)
	assert.Equal(t, "q1", saved.Asked[0])
}

func TestHereIsTheLessonLastOpened(t *testing.T) {
	assert.Empty(t, Here(nil))
	assert.Empty(t, Here(learner()))
	assert.Equal(t, "two", Here(learner(Opened("one", 3), Opened("two", 0))))
}

// The tries spent on the question a draft goes on at come back with it;
// tries noted for any other question (answered meanwhile, or gone) do not.
func TestTheTriesSpentComeBackWithTheirQuestion(t *testing.T) {
	q := sevenQuestions().Quizzes[0]
	d := fiveAnswered()
	d.Trying = &progress.Trying{ID: "q6", Tries: 1, HintUsed: true}
	got, ok := ResumeDraft(q, &d)
	require.True(t, ok)
	assert.Equal(t, &progress.Trying{ID: "q6", Tries: 1, HintUsed: true}, got.Trying)
	assert.NotSame(t, d.Trying, got.Trying, "a copy")

	d.Trying = &progress.Trying{ID: "q2", Tries: 1} // answered already
	got, _ = ResumeDraft(q, &d)
	assert.Nil(t, got.Trying)
	d.Trying = &progress.Trying{ID: "gone", Tries: 1}
	got, _ = ResumeDraft(q, &d)
	assert.Nil(t, got.Trying)
}

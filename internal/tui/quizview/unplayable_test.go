package quizview

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/markdown"
	"github.com/asyncio-tutor/asyncio-tutor/internal/say"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// twoQuestions is a quiz file's worth of questions at known places: the
// first from line 4, the second from line 10, a top-level key at line 20.
func twoQuestions(secondType course.QuestionType) *course.Quiz {
	at := func(line int) course.Pos { return course.Pos{File: "quizzes/01.yaml", Line: line, Col: 5} }
	return &course.Quiz{
		ID: "two", Title: "Two", Pass: 0.5, File: "quizzes/01.yaml",
		Pos: map[string]course.Pos{"": {File: "quizzes/01.yaml", Line: 1, Col: 1}, "pass": {File: "quizzes/01.yaml", Line: 20, Col: 7}},
		Questions: []*course.Question{
			{ID: "a", Type: course.Single, Prompt: "A?", Choices: []course.Choice{{Text: "yes", Correct: true}, {Text: "no"}},
				Pos: map[string]course.Pos{"": at(4), "type": at(5)}},
			{ID: "b", Type: secondType, Prompt: "B?", Choices: []course.Choice{{Text: "yes", Correct: true}, {Text: "no"}},
				Pos: map[string]course.Pos{"": at(10), "type": at(11)}},
		},
	}
}

func errorAt(line int) course.Problem {
	return course.Problem{File: "quizzes/01.yaml", Line: line, Col: 3, Severity: course.SeverityError, Rule: "r", Message: "broken here"}
}

// A problem belongs to the question whose lines hold it: not to the one
// before, nor to the one after the quiz's next top-level key.
func TestUnplayableFindsTheQuestionAProblemIsIn(t *testing.T) {
	q := twoQuestions(course.Single)
	assert.Empty(t, unplayable(q, []course.Problem{errorAt(2), errorAt(21)}), "outside every question")
	assert.Equal(t, map[int]string{0: "quizzes/01.yaml:9:3: broken here"}, unplayable(q, []course.Problem{errorAt(9)}))
	assert.Equal(t, map[int]string{1: "quizzes/01.yaml:12:3: broken here"}, unplayable(q, []course.Problem{errorAt(12)}))
	warning := errorAt(12)
	warning.Severity = course.SeverityWarning
	assert.Empty(t, unplayable(q, []course.Problem{warning}), "a warning leaves it playable")
	other := errorAt(12)
	other.File = "quizzes/02.yaml"
	assert.Empty(t, unplayable(q, []course.Problem{other}), "another file")
}

// A question of a type the player does not know is unplayable even with
// no problem handed in (a course played without --watch).
func TestUnknownTypeIsSkippedWithoutProblems(t *testing.T) {
	d := drive(t, newModel(twoQuestions(""), 80, 24))
	d.press("1", "enter", "enter")
	assert.Contains(t, d.view(), "this question has an error: quizzes/01.yaml:11:5:")
	assert.False(t, d.m.Typing())
	d.press("enter")
	fin := d.finished()
	require.Len(t, fin, 1)
	assert.InDelta(t, 1.0, fin[0].Score, 1e-9, "scored over the playable question only")
	require.Len(t, fin[0].Results, 1)
	assert.Equal(t, "a", fin[0].Results[0].QuestionID)
	assert.Contains(t, d.view(), "1 of 1 right")
}

// A quiz whose every question is broken saves no attempt: there is no
// answer to save.
func TestAllBrokenSavesNothing(t *testing.T) {
	q := twoQuestions("")
	m := New(q, theme.New(true), theme.NewKeyMap(say.English), renderer, markdown.Dark, 1, errorAt(5))
	m.SetSize(80, 24)
	d := drive(t, m)
	assert.Contains(t, d.view(), "broken here")
	d.press("enter", "enter")
	assert.Empty(t, d.finished())
	assert.NotContains(t, d.view(), "r: retake", "nothing to retake")
}

// Opening a quiz finds its broken questions among every problem of the
// course: a big quiz in a course with many problems.
func BenchmarkUnplayable(b *testing.B) {
	q := &course.Quiz{File: "quizzes/01.yaml", Pos: map[string]course.Pos{}}
	for i := range 100 {
		q.Questions = append(q.Questions, &course.Question{Type: course.Single, Pos: map[string]course.Pos{"": {File: q.File, Line: 10*i + 4, Col: 5}}})
	}
	var ps []course.Problem
	for i := range 2000 {
		p := errorAt(i)
		if i%2 == 0 {
			p.File = "lessons/01.md"
		}
		ps = append(ps, p)
	}
	for b.Loop() {
		unplayable(q, ps)
	}
}

package learn

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
)

var stateDay = time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)

// quizzedCourse has two lessons with a quiz and one without.
func quizzedCourse() *course.Course {
	return &course.Course{
		Lessons: []*course.Lesson{
			{ID: "waits", Title: "Waits", Quiz: "q1", Body: "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\nten\n"},
			{ID: "loops", Title: "Loops", Quiz: "q2"},
			{ID: "notes", Title: "Notes"},
		},
		Quizzes: []*course.Quiz{{ID: "q1", Pass: 0.7, Questions: threeQuestions()}, {ID: "q2", Pass: 0.8}},
	}
}

// threeQuestions are single-choice questions a, b and c.
func threeQuestions() []*course.Question {
	var qs []*course.Question
	for _, id := range []string{"a", "b", "c"} {
		qs = append(qs, &course.Question{ID: id, Type: course.Single, Choices: []course.Choice{{Text: "yes", Correct: true}, {Text: "no"}}})
	}
	return qs
}

// answered is a draft answer to a question of threeQuestions.
func answered(id string) progress.DraftAnswer {
	return progress.DraftAnswer{ID: id, Choices: []int{1}, Correct: true, Score: 1}
}

func stateOf(p *progress.Course, lesson int) State {
	c := quizzedCourse()
	return LessonState(c, c.Lessons[lesson], p)
}

func TestOneStageForEveryLesson(t *testing.T) {
	cases := []struct {
		name  string
		fill  func(p *progress.Course)
		stage Stage
		label string
	}{
		{"nothing", func(*progress.Course) {}, StageNew, "new"},
		{"opened", func(p *progress.Course) { p.SetResume("waits", 3) }, StageReading, "reading"},
		{"read", func(p *progress.Course) { p.MarkRead("waits", stateDay) }, StageRead, "read, quiz not taken"},
		{"taken, not passed", func(p *progress.Course) {
			p.MarkRead("waits", stateDay)
			p.AddQuizAttempt("waits", progress.QuizAttempt{Quiz: "q1", Score: 0.4})
		}, StageQuizNotPassed, "quiz 40%, not passed yet"},
		{"passed without reading to the end", func(p *progress.Course) {
			p.AddQuizAttempt("waits", progress.QuizAttempt{Quiz: "q1", Score: 1, Passed: true})
		}, StagePassedUnread, "quiz 100% passed, end not read"},
		{"read and passed", func(p *progress.Course) {
			p.MarkRead("waits", stateDay)
			p.AddQuizAttempt("waits", progress.QuizAttempt{Quiz: "q1", Score: 0.5})
			p.AddQuizAttempt("waits", progress.QuizAttempt{Quiz: "q1", Score: 0.9, Passed: true})
		}, StageDone, "read, quiz 90% passed"},
		{"a quiz under way", func(p *progress.Course) {
			p.MarkRead("waits", stateDay)
			p.SetQuizDraft("waits", &progress.QuizDraft{Quiz: "q1", Asked: []string{"a", "b", "c"},
				Answers: []progress.DraftAnswer{answered("a"), answered("b")}})
		}, StageQuizUnderWay, "quiz in progress: question 3 of 3"},
		{"a quiz with every answer but no results yet", func(p *progress.Course) {
			p.SetQuizDraft("waits", &progress.QuizDraft{Quiz: "q1", Asked: []string{"a", "b"},
				Answers: []progress.DraftAnswer{answered("a"), answered("b")}})
		}, StageQuizUnderWay, "quiz in progress: all 2 answered"},
		{"a retake of a passed quiz under way", func(p *progress.Course) {
			p.MarkRead("waits", stateDay)
			p.AddQuizAttempt("waits", progress.QuizAttempt{Quiz: "q1", Score: 1, Passed: true})
			p.SetQuizDraft("waits", &progress.QuizDraft{Quiz: "q1", Asked: []string{"a", "b", "c"},
				Answers: []progress.DraftAnswer{answered("a")}})
		}, StageQuizUnderWay, "quiz 100% passed, retake in progress: question 2 of 3"},
		{"a draft of questions the quiz no longer has", func(p *progress.Course) {
			p.MarkRead("waits", stateDay)
			p.SetQuizDraft("waits", &progress.QuizDraft{Quiz: "q1", Asked: []string{"gone"}})
		}, StageRead, "read, quiz not taken"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := &progress.Course{}
			tc.fill(p)
			s := stateOf(p, 0)
			assert.Equal(t, tc.stage, s.Stage)
			assert.Equal(t, tc.label, s.Label())
		})
	}
}

func TestAPassedQuizIsNeverShownBesideNew(t *testing.T) {
	p := &progress.Course{}
	p.AddQuizAttempt("waits", progress.QuizAttempt{Quiz: "q1", Score: 1, Passed: true})
	s := stateOf(p, 0)
	assert.NotEqual(t, StageNew, s.Stage)
	assert.NotContains(t, s.Label(), "new")
	assert.False(t, s.Done(), "the lesson's end is still to read")
}

func TestALessonWithoutAQuizIsDoneWhenRead(t *testing.T) {
	p := &progress.Course{}
	p.MarkRead("notes", stateDay)
	s := stateOf(p, 2)
	assert.Equal(t, StageDone, s.Stage)
	assert.Equal(t, "read", s.Label())
}

func TestAQuizTheCourseLacksIsNoQuiz(t *testing.T) {
	c := &course.Course{Lessons: []*course.Lesson{{ID: "a", Quiz: "gone"}}}
	p := &progress.Course{}
	p.MarkRead("a", stateDay)
	assert.Equal(t, StageDone, LessonState(c, c.Lessons[0], p).Stage)
	assert.True(t, Survey(c, p).Complete())
}

func TestSurveyCountsAndCompletes(t *testing.T) {
	c := quizzedCourse()
	p := &progress.Course{}
	assert.Equal(t, Overview{Lessons: 3, Quizzes: 2}, Survey(c, nil))

	p.MarkRead("waits", stateDay)
	p.AddQuizAttempt("waits", progress.QuizAttempt{Quiz: "q1", Score: 0.8, Passed: true})
	p.MarkRead("notes", stateDay)
	o := Survey(c, p)
	assert.Equal(t, Overview{Lessons: 3, Read: 2, Quizzes: 2, Passed: 1, Done: 2, Best: 0.8}, o)
	assert.False(t, o.Complete())

	p.MarkRead("loops", stateDay)
	p.AddQuizAttempt("loops", progress.QuizAttempt{Quiz: "q2", Score: 1, Passed: true})
	o = Survey(c, p)
	assert.True(t, o.Complete())
	assert.InDelta(t, 0.9, o.Best, 1e-9)
	assert.Equal(t, StepComplete, Next(c, p).Kind)
}

func TestNextStep(t *testing.T) {
	c := quizzedCourse()
	assert.Equal(t, Step{Kind: StepStart, State: State{HasQuiz: true, Pass: 0.7}}, Next(c, nil))
	assert.Equal(t, StepNone, Next(&course.Course{}, nil).Kind)

	p := &progress.Course{}
	p.SetResume("waits", 4)
	assert.Equal(t, Step{Kind: StepRead, Lesson: 0, Line: 4, State: stateOf(p, 0)}, Next(c, p))

	p.MarkRead("waits", stateDay)
	assert.Equal(t, StepTakeQuiz, Next(c, p).Kind)

	p.AddQuizAttempt("waits", progress.QuizAttempt{Quiz: "q1", Score: 0.3})
	assert.Equal(t, StepRetakeQuiz, Next(c, p).Kind)

	p.SetQuizDraft("waits", &progress.QuizDraft{Quiz: "q1", Asked: []string{"a", "b"}})
	step := Next(c, p)
	assert.Equal(t, StepFinishQuiz, step.Kind)
	assert.Equal(t, 1, step.State.Question())

	p.AddQuizAttempt("waits", progress.QuizAttempt{Quiz: "q1", Score: 1, Passed: true})
	step = Next(c, p)
	assert.Equal(t, Step{Kind: StepRead, Lesson: 1, State: stateOf(p, 1)}, step, "the next lesson, from its top")
}

func TestNextComesRoundToAnEarlierLesson(t *testing.T) {
	c := quizzedCourse()
	p := &progress.Course{}
	p.MarkRead("loops", stateDay)
	p.AddQuizAttempt("loops", progress.QuizAttempt{Quiz: "q2", Score: 1, Passed: true})
	p.MarkRead("notes", stateDay)
	p.SetResume("notes", 9)
	assert.Equal(t, Step{Kind: StepRead, Lesson: 0, State: stateOf(p, 0)}, Next(c, p))
}

func TestPlace(t *testing.T) {
	l := quizzedCourse().Lessons[0] // 11 lines
	assert.Equal(t, "at the start", Place(l, 0))
	assert.Equal(t, "about 10% in", Place(l, 1))
	assert.Equal(t, "about 50% in", Place(l, 5))
	assert.Equal(t, "near the end", Place(l, 9))
	assert.Equal(t, "near the end", Place(l, 400), "a line past the source, from a narrow window")
	assert.Equal(t, "at the start", Place(&course.Lesson{}, 0))
}

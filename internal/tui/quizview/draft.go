package quizview

import (
	"fmt"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/learn"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/quiz"
)

// Draft is the attempt so far, as progress keeps it: the questions it
// asks and every answer that counts. A broken question skipped has none.
func (m Model) Draft() progress.QuizDraft {
	d := progress.QuizDraft{Quiz: m.quiz.ID, Retake: m.retake, Asked: make([]string, 0, len(m.asked))}
	for _, i := range m.asked {
		d.Asked = append(d.Asked, m.quiz.Questions[i].ID)
	}
	for k, r := range m.results {
		if m.isBroken(m.asked[k]) {
			continue
		}
		q, a, h := m.quiz.Questions[m.asked[k]], m.given[k], m.how[k]
		da := progress.DraftAnswer{ID: q.ID, Correct: r.Correct, Score: r.Score, Blanks: slices.Clone(r.Blanks), HintUsed: h.HintUsed}
		if h.Tries > 1 {
			da.Tries = h.Tries
		}
		switch q.Type {
		case course.Single:
			da.Choices = []int{a.Choice}
		case course.Multi:
			da.Choices = slices.Clone(a.Choices)
		case course.Text:
			da.Texts = slices.Clone(a.Texts)
		case course.Order, course.Output:
			da.Items = slices.Clone(a.Items)
		}
		d.Answers = append(d.Answers, da)
	}
	if m.phase == asking && (m.tries > 0 || m.hintShown) && m.idx < len(m.asked) {
		d.Trying = &progress.Trying{ID: m.quiz.Questions[m.asked[m.idx]].ID, Tries: m.tries, HintUsed: m.hintShown}
	}
	return d
}

// Resume goes on with draft d, an attempt left before its results: its
// answers are kept and the first question without one is asked, or, when
// every one has an answer, the results show. d must be what
// learn.ResumeDraft kept of the saved draft for this quiz, so that every id
// in it is a question of the quiz and every answer fits its question.
// before is the latest finished attempt's results: a retake scores the
// questions it does not ask by them.
func (m Model) Resume(d progress.QuizDraft, before []progress.QuestionResult) (Model, tea.Cmd) {
	index := make(map[string]int, len(m.quiz.Questions))
	for i, q := range m.quiz.Questions {
		index[q.ID] = i
	}
	var asked []int
	for _, id := range d.Asked {
		if i, ok := index[id]; ok {
			asked = append(asked, i)
		}
	}
	if len(asked) == 0 || d.Quiz != m.quiz.ID {
		return m, nil
	}
	m, _ = m.begin(asked, d.Retake)
	if d.Retake {
		m.latest = make([]quiz.Result, len(m.quiz.Questions))
		for _, r := range before {
			if i, ok := index[r.ID]; ok {
				m.latest[i] = quiz.Result{QuestionID: r.ID, Answered: true, Correct: r.Correct, Score: r.Score}
			}
		}
	}
	for _, da := range d.Answers {
		if len(m.results) >= len(asked) || m.quiz.Questions[asked[len(m.results)]].ID != da.ID {
			break // not in the order resumed: learn.ResumeDraft puts the answered first
		}
		q := m.quiz.Questions[asked[len(m.results)]]
		m.results = append(m.results, savedResult(q, da))
		m.given = append(m.given, savedAnswer(q, da))
		m.how = append(m.how, learn.Help{HintUsed: da.HintUsed, Tries: max(da.Tries, 1)})
	}
	if len(m.results) == len(asked) {
		m.idx = len(asked) - 1
		return m.next()
	}
	m.idx = len(m.results)
	m, cmd := m.start()
	if t := d.Trying; t != nil && t.ID == m.quiz.Questions[m.asked[m.idx]].ID {
		m.tries = min(t.Tries, triesOf(m.question())-1) // the tries spent stay spent
		if t.HintUsed {
			m = m.showHint()
		}
	}
	if n := m.answeredCount(); n > 0 {
		m.note = fmt.Sprintf("picked up where you left it: your %s kept", answers(n))
	}
	return m, cmd
}

// answers is "1 answer is" or "5 answers are".
func answers(n int) string {
	if n == 1 {
		return "1 answer is"
	}
	return fmt.Sprintf("%d answers are", n)
}

// savedResult is the grade a saved answer had, with what the screen shows
// beside it worked out again from the question: no regex runs here.
func savedResult(q *course.Question, da progress.DraftAnswer) quiz.Result {
	r := quiz.Result{
		QuestionID: q.ID, Answered: true, Correct: da.Correct, Score: da.Score,
		Blanks: slices.Clone(da.Blanks), Explanation: q.Explanation, Expected: quiz.Expected(q),
	}
	for _, c := range da.Choices {
		if c >= 1 && c <= len(q.Choices) && q.Choices[c-1].Feedback != "" {
			r.Feedback = append(r.Feedback, q.Choices[c-1].Feedback)
		}
	}
	return r
}

// savedAnswer is a saved answer as the grader takes it.
func savedAnswer(q *course.Question, da progress.DraftAnswer) quiz.Answer {
	a := quiz.Answer{Texts: slices.Clone(da.Texts), Items: slices.Clone(da.Items), Choices: slices.Clone(da.Choices)}
	if q.Type == course.Single && len(da.Choices) == 1 {
		a.Choice = da.Choices[0]
	}
	return a
}

// Unsaved tells the quiz that nothing is saved this session (progress is
// read-only, or could not be opened), so that leaving warns the answers go
// instead of promising they are kept.
func (m Model) Unsaved() Model {
	m.unsaved = true
	return m
}

// InProgress reports whether an attempt is under way with answers that
// count: leaving now would leave a draft to resume.
func (m Model) InProgress() bool { return m.phase != finished && m.answeredCount() > 0 }

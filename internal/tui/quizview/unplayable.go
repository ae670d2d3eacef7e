package quizview

import (
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/learn"
	"github.com/asyncio-tutor/asyncio-tutor/internal/quiz"
)

// unplayable finds the questions of q that cannot be asked fairly: a type
// this player does not know, or an error that check reports inside the
// question. Each maps its index to the reason, as file:line:col: message.
// Such a question is shown as broken and skipped, never graded: a score
// built on a broken key would tell the learner something false.
func unplayable(q *course.Quiz, problems []course.Problem) map[int]string {
	broken := map[int]string{}
	for i, qu := range q.Questions {
		if p := errorIn(q, i, problems); p != nil {
			broken[i] = p.Where() + ": " + p.Message
		} else if !slices.Contains(course.QuestionTypes, qu.Type) {
			broken[i] = course.Problem{File: q.File, Line: qu.At("type").Line, Col: qu.At("type").Col}.Where() + ": the question has no type this player knows"
		}
	}
	return broken
}

// errorIn is the first error problem between question i's first line and
// the next question's (or, for the last, the next key of the quiz after it).
func errorIn(q *course.Quiz, i int, problems []course.Problem) *course.Problem {
	start := q.Questions[i].At("")
	end := course.Pos{Line: 1 << 30}
	if i+1 < len(q.Questions) {
		end = q.Questions[i+1].At("")
	}
	for _, p := range q.Pos {
		if before(start, p) && before(p, end) {
			end = p
		}
	}
	for _, p := range problems {
		at := course.Pos{File: p.File, Line: p.Line, Col: p.Col}
		if p.Severity == course.SeverityError && p.File == start.File && p.Line > 0 && !before(at, start) && before(at, end) {
			return &p
		}
	}
	return nil
}

// before says a comes before b in a file.
func before(a, b course.Pos) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
}

// isBroken says whether question i of the quiz is not playable.
func (m Model) isBroken(i int) bool {
	_, bad := m.broken[i]
	return bad
}

// brokenNow is why the current question cannot be played, "" when it can.
func (m Model) brokenNow() string {
	if m.phase == finished || m.idx >= len(m.asked) {
		return ""
	}
	return m.broken[m.asked[m.idx]]
}

// skip passes over a broken question: it gets no result of its own (the
// placeholder keeps results in step with asked) and counts nowhere.
func (m Model) skip() (Model, tea.Cmd) {
	m.results = append(slices.Clip(m.results), quiz.Result{})
	m.given = append(slices.Clip(m.given), quiz.Answer{})
	m.how = append(slices.Clip(m.how), learn.Help{})
	return m.next()
}

// playable is the quiz without its broken questions: what is scored.
func (m Model) playable() *course.Quiz {
	if len(m.broken) == 0 {
		return m.quiz
	}
	p := *m.quiz
	p.Questions = nil
	for i, q := range m.quiz.Questions {
		if !m.isBroken(i) {
			p.Questions = append(p.Questions, q)
		}
	}
	return &p
}

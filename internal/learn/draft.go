package learn

import (
	"slices"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/quiz"
)

// DraftSaved is the change of answering a question of an attempt not yet
// finished: the attempt so far is kept, so that leaving the quiz, or the
// program, loses none of it.
func DraftSaved(lesson string, d progress.QuizDraft) Change {
	return func(c *progress.Course) { c.SetQuizDraft(lesson, &d) }
}

// DraftDropped is the change of giving up an attempt under way.
func DraftDropped(lesson string) Change {
	return func(c *progress.Course) { c.SetQuizDraft(lesson, nil) }
}

// DraftStatus is an attempt under way as a menu tells it: "quiz: question
// 6 of 7".
type DraftStatus struct {
	Quiz     string
	Retake   bool
	Answered int // questions answered so far
	Of       int // questions the attempt asks
	Question int // the next to answer, from 1; 0 when every one is answered and only the results are left
}

// QuizDraft is the attempt under way at lesson's quiz, as it would resume
// now; false when there is none (none saved, or nothing of it left in the
// quiz as the course now has it).
func QuizDraft(c *course.Course, p *progress.Course, lessonID string) (DraftStatus, bool) {
	l := lessonByID(c, lessonID)
	lp := lessonOf(p, lessonID)
	if l == nil || lp == nil || lp.QuizDraft == nil {
		return DraftStatus{}, false
	}
	d, ok := ResumeDraft(c.Quiz(l.Quiz), lp.QuizDraft)
	if !ok {
		return DraftStatus{}, false
	}
	s := DraftStatus{Quiz: d.Quiz, Retake: d.Retake, Answered: len(d.Answers), Of: len(d.Asked)}
	if s.Answered < s.Of {
		s.Question = s.Answered + 1
	}
	return s, true
}

// ResumeDraft is what of draft d still applies to quiz q, which may have
// changed since (a course reloaded as its author edits it): the questions
// that still exist, in the order asked, and the answers to them that still
// fit them, the unanswered questions after the answered ones so that the
// attempt goes on at the first of them. False when nothing is left to
// resume: no draft, another quiz, or none of its questions.
func ResumeDraft(q *course.Quiz, d *progress.QuizDraft) (progress.QuizDraft, bool) {
	if q == nil || d == nil || d.Quiz != q.ID {
		return progress.QuizDraft{}, false
	}
	byID := make(map[string]*course.Question, len(q.Questions))
	for _, qu := range q.Questions {
		byID[qu.ID] = qu
	}
	out := progress.QuizDraft{Quiz: d.Quiz, Retake: d.Retake, At: d.At}
	asked := make(map[string]bool, len(d.Asked))
	for _, id := range d.Asked {
		asked[id] = true
	}
	placed := map[string]bool{} // in out.Asked already
	for _, a := range d.Answers {
		if qu := byID[a.ID]; qu != nil && asked[a.ID] && !placed[a.ID] && fits(qu, a) {
			placed[a.ID] = true
			out.Answers = append(out.Answers, a)
			out.Asked = append(out.Asked, a.ID)
		}
	}
	for _, id := range d.Asked {
		if byID[id] != nil && !placed[id] {
			placed[id] = true
			out.Asked = append(out.Asked, id)
		}
	}
	if len(out.Asked) == 0 {
		return progress.QuizDraft{}, false
	}
	if t := d.Trying; t != nil && byID[t.ID] != nil && asked[t.ID] && len(out.Answers) < len(out.Asked) &&
		out.Asked[len(out.Answers)] == t.ID { // the question it goes on at
		out.Trying = t
	}
	return *out.Clone(), true
}

// fits reports whether a saved answer is still one the question can take:
// its choices in range, a text for each blank, or its items all there.
func fits(q *course.Question, a progress.DraftAnswer) bool {
	switch q.Type {
	case course.Single:
		return len(a.Choices) == 1 && inRange(a.Choices, len(q.Choices))
	case course.Multi:
		return len(a.Choices) > 0 && inRange(a.Choices, len(q.Choices))
	case course.Text:
		return len(a.Texts) == quiz.Blanks(q.Prompt)
	case course.Order, course.Output:
		key := slices.Sorted(slices.Values(quiz.Key(q).Items))
		return slices.Equal(slices.Sorted(slices.Values(a.Items)), key)
	}
	return false
}

func inRange(choices []int, n int) bool {
	return !slices.ContainsFunc(choices, func(c int) bool { return c < 1 || c > n })
}

func lessonByID(c *course.Course, id string) *course.Lesson {
	if c == nil {
		return nil
	}
	for _, l := range c.Lessons {
		if l.ID == id {
			return l
		}
	}
	return nil
}

// Here is the lesson the learner is in: the one last opened, "" before
// any. A front-end that records each lesson as it opens it credits what
// happens next to this one.
func Here(p *progress.Course) string {
	if p == nil {
		return ""
	}
	return p.Resume.Lesson
}

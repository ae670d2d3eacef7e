package learn

import (
	"fmt"
	"strings"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
)

// Stage is how far a learner has got in one lesson. It is the one status
// every front-end shows for a lesson, so that the menu, the plain mode and
// `asyncio-tutor progress` can never tell a learner two different things
// (such as "new" beside "quiz passed").
type Stage int

const (
	// StageNew is a lesson never opened.
	StageNew Stage = iota
	// StageReading is a lesson opened whose end has not been reached.
	StageReading
	// StageRead is a lesson read to the end whose quiz is not taken yet.
	StageRead
	// StageQuizUnderWay is a quiz left part-way, to be resumed.
	StageQuizUnderWay
	// StageQuizNotPassed is a quiz taken, never passed.
	StageQuizNotPassed
	// StagePassedUnread is a quiz passed in a lesson whose end was never
	// reached (the learner took the quiz from the middle of the lesson).
	StagePassedUnread
	// StageDone is a lesson read whose quiz, if it has one, is passed.
	StageDone
)

// State is everything a front-end says about one lesson.
type State struct {
	Stage   Stage
	Read    bool
	HasQuiz bool    // the lesson names a quiz the course has
	Taken   bool    // at least one finished attempt at its quiz
	Best    float64 // the best finished attempt's score, 0 to 1
	Pass    float64 // the score that passes its quiz, 0 to 1
	Passed  bool
	// Asked and Answered describe the quiz under way (StageQuizUnderWay),
	// as QuizDraft resumes it: the questions of the attempt and how many
	// have an answer.
	Asked, Answered int
}

// LessonState is the state of lesson l for the learner whose progress in
// the course is p (nil for none).
func LessonState(c *course.Course, l *course.Lesson, p *progress.Course) State {
	lp := lessonOf(p, l.ID)
	s := State{Read: lp.Read(), Passed: lp.Passed()}
	if q := c.Quiz(l.Quiz); l.Quiz != "" && q != nil {
		s.HasQuiz, s.Pass = true, q.Pass
	}
	if best, ok := lp.Best(); ok {
		s.Taken, s.Best = true, best.Score
	}
	if d, ok := QuizDraft(c, p, l.ID); ok && s.HasQuiz {
		s.Asked, s.Answered = d.Of, d.Answered
	}
	s.Stage = stageOf(s, opened(p, l.ID))
	return s
}

// stageOf orders the facts: a quiz under way is what the learner most
// needs reminding of, then how the quiz went, then the reading.
func stageOf(s State, opened bool) Stage {
	switch {
	case s.Asked > 0:
		return StageQuizUnderWay
	case s.Read && (!s.HasQuiz || s.Passed):
		return StageDone
	case s.Passed:
		return StagePassedUnread
	case s.Taken:
		return StageQuizNotPassed
	case s.Read:
		return StageRead
	case opened:
		return StageReading
	}
	return StageNew
}

// Done reports whether nothing is left to do in the lesson.
func (s State) Done() bool { return s.Stage == StageDone }

// Question is the number, from 1, of the question the quiz under way
// resumes at; 0 when every question has its answer and only the results
// are left to see.
func (s State) Question() int {
	if s.Answered >= s.Asked {
		return 0
	}
	return s.Answered + 1
}

// Label is the state in a few words, the same in every front-end.
func (s State) Label() string {
	switch s.Stage {
	case StageReading:
		return "reading"
	case StageRead:
		return "read, quiz not taken"
	case StageQuizUnderWay:
		where := fmt.Sprintf("question %d of %d", s.Question(), s.Asked)
		if s.Question() == 0 {
			where = fmt.Sprintf("all %d answered", s.Asked)
		}
		if s.Passed { // a retake: what is under way does not undo the pass
			return fmt.Sprintf("quiz %d%% passed, retake in progress: %s", Percent(s.Best), where)
		}
		return "quiz in progress: " + where
	case StageQuizNotPassed:
		return fmt.Sprintf("quiz %d%%, not passed yet", Percent(s.Best))
	case StagePassedUnread:
		return fmt.Sprintf("quiz %d%% passed, end not read", Percent(s.Best))
	case StageDone:
		if s.HasQuiz {
			return fmt.Sprintf("read, quiz %d%% passed", Percent(s.Best))
		}
		return "read"
	}
	return "new"
}

// opened reports whether the learner has been in the lesson: it is where
// they resume, or their progress holds anything of it.
func opened(p *progress.Course, id string) bool {
	if p == nil {
		return false
	}
	return p.Resume.Lesson == id || p.Lessons[id] != nil
}

// Overview counts what the learner has done in a whole course, from the
// lessons' states.
type Overview struct {
	Lessons int // lessons in the course
	Read    int
	Quizzes int // lessons with a quiz
	Passed  int // lessons whose quiz is passed
	Done    int
	Best    float64 // the mean of the best scores of the quizzes taken, 0 to 1
}

// Complete reports whether every lesson is read and every quiz passed.
func (o Overview) Complete() bool { return o.Lessons > 0 && o.Done == o.Lessons }

// Survey is the overview of the learner's progress p in course c.
func Survey(c *course.Course, p *progress.Course) Overview {
	o := Overview{Lessons: len(c.Lessons)}
	taken, sum := 0, 0.0
	for _, l := range c.Lessons {
		s := LessonState(c, l, p)
		o.Read += count(s.Read)
		o.Quizzes += count(s.HasQuiz)
		o.Passed += count(s.HasQuiz && s.Passed)
		o.Done += count(s.Done())
		if s.HasQuiz && s.Taken {
			taken++
			sum += s.Best
		}
	}
	if taken > 0 {
		o.Best = sum / float64(taken)
	}
	return o
}

func count(b bool) int {
	if b {
		return 1
	}
	return 0
}

// StepKind is what the learner should do next.
type StepKind int

const (
	// StepStart is a course not begun: open its first lesson.
	StepStart StepKind = iota
	// StepRead is reading a lesson, on from where they were or from its top.
	StepRead
	// StepFinishQuiz is the quiz under way, resumed.
	StepFinishQuiz
	// StepTakeQuiz is a quiz never taken, of a lesson read.
	StepTakeQuiz
	// StepRetakeQuiz is a quiz taken and not passed.
	StepRetakeQuiz
	// StepComplete is a course with nothing left to do.
	StepComplete
	// StepNone is a course without lessons.
	StepNone
)

// Step is the advice for what to do next.
type Step struct {
	Kind   StepKind
	Lesson int // the lesson it is about, from 0
	State  State
	Line   int // StepRead: the line to read on from; 0 for the top
}

// Next is what the learner should do next: the lesson they are in while
// anything is left to do there, else the first unfinished lesson after it
// (coming round to the start), else nothing: the course is complete.
func Next(c *course.Course, p *progress.Course) Step {
	n := len(c.Lessons)
	if n == 0 {
		return Step{Kind: StepNone}
	}
	here, line := resumeAt(c, p)
	if here < 0 {
		if !anyOpened(c, p) {
			return Step{Kind: StepStart, State: LessonState(c, c.Lessons[0], p)}
		}
		here = 0
	}
	for k := range n {
		i := (here + k) % n
		s := LessonState(c, c.Lessons[i], p)
		if s.Done() {
			continue
		}
		step := Step{Lesson: i, State: s, Kind: stepFor(s)}
		if step.Kind == StepRead && i == here {
			step.Line = line
		}
		return step
	}
	return Step{Kind: StepComplete}
}

func stepFor(s State) StepKind {
	switch s.Stage {
	case StageQuizUnderWay:
		return StepFinishQuiz
	case StageRead:
		return StepTakeQuiz
	case StageQuizNotPassed:
		if s.Read {
			return StepRetakeQuiz
		}
	}
	return StepRead
}

// resumeAt is the lesson the learner was last in and the line, or -1 when
// they were in none that the course still has.
func resumeAt(c *course.Course, p *progress.Course) (lesson, line int) {
	if p == nil || p.Resume.Lesson == "" {
		return -1, 0
	}
	for i, l := range c.Lessons {
		if l.ID == p.Resume.Lesson {
			return i, max(p.Resume.Line, 0)
		}
	}
	return -1, 0
}

func anyOpened(c *course.Course, p *progress.Course) bool {
	for _, l := range c.Lessons {
		if opened(p, l.ID) {
			return true
		}
	}
	return false
}

// Place says roughly how far into lesson l a reader at line (the first line
// on screen, from 0) is. The line counts the lesson as the player laid it
// out, which depends on the window's width, so it is read against the
// lesson's source lines and only ever said roughly.
func Place(l *course.Lesson, line int) string {
	total := max(strings.Count(l.Body, "\n")+1, 1)
	switch pct := line * 100 / total; {
	case line <= 0:
		return "at the start"
	case pct >= 75:
		return "near the end"
	default:
		return fmt.Sprintf("about %d%% in", max((pct+5)/10*10, 10))
	}
}

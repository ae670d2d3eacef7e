package progress

import (
	"path/filepath"
	"slices"
	"time"
)

// SchemaVersion is the version of the file format this package writes and
// the highest it will overwrite.
const SchemaVersion = 1

// BuiltinCourse is the course key of the course embedded in the program.
const BuiltinCourse = "builtin"

// CourseKey is the key under which a course's progress is kept: BuiltinCourse
// for dir "", else the course folder's absolute path with symbolic links
// resolved, so ./course and /home/me/course are one course.
func CourseKey(dir string) string {
	if dir == "" {
		return BuiltinCourse
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return filepath.Clean(dir)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		return real
	}
	return abs
}

// Progress is everything the file holds.
type Progress struct {
	SchemaVersion int                `json:"schema_version"`
	Courses       map[string]*Course `json:"courses"`
}

// Course is the progress in one course.
type Course struct {
	Resume      Resume                  `json:"resume,omitzero"`
	Lessons     map[string]*Lesson      `json:"lessons,omitempty"`
	Examples    map[string]*ExampleRuns `json:"examples,omitempty"`
	Predictions []Prediction            `json:"predictions,omitempty"`
}

// Resume is where the learner left off.
type Resume struct {
	Lesson string `json:"lesson"`
	Line   int    `json:"line"` // first line shown, from 0
}

// Lesson is the progress in one lesson.
type Lesson struct {
	ReadAt       time.Time     `json:"read_at,omitzero"`
	QuizAttempts []QuizAttempt `json:"quiz_attempts,omitempty"`
	// Examples counts the runs made from this lesson's cards, by example
	// name; Course.Examples keeps the course's totals too.
	Examples map[string]*ExampleRuns `json:"examples,omitempty"`
	// QuizDraft is the attempt at the lesson's quiz under way, nil when none
	// is: the learner left it before its results.
	QuizDraft *QuizDraft `json:"quiz_draft,omitempty"`
}

// QuizDraft is an attempt at a quiz not finished yet, saved with each
// answer so that it resumes where the learner left it.
type QuizDraft struct {
	Quiz    string        `json:"quiz"`
	Retake  bool          `json:"retake,omitempty"`
	Asked   []string      `json:"asked"` // the attempt's question ids, in the order asked
	Answers []DraftAnswer `json:"answers,omitempty"`
	// Trying is the question being answered when it has a history: wrong
	// tries already spent, or its hint seen. Without it, leaving and
	// coming back would give every try again.
	Trying *Trying   `json:"trying,omitempty"`
	At     time.Time `json:"at"` // the last answer's time
}

// Trying is a question of a draft not answered for good yet.
type Trying struct {
	ID       string `json:"id"`
	Tries    int    `json:"tries,omitempty"` // wrong answers given to it so far
	HintUsed bool   `json:"hint_used,omitempty"`
}

// DraftAnswer is one answered question of a draft: what the learner gave
// and how it was graded. Which answer fields are set depends on the
// question's type.
type DraftAnswer struct {
	ID       string   `json:"id"`
	Choices  []int    `json:"choices,omitempty"` // single and multi: the 1-based choices picked
	Texts    []string `json:"texts,omitempty"`   // text: one per blank
	Items    []string `json:"items,omitempty"`   // order and output: the learner's order
	Correct  bool     `json:"correct"`
	Score    float64  `json:"score"`            // 0..1
	Blanks   []bool   `json:"blanks,omitempty"` // text: whether each blank was right
	HintUsed bool     `json:"hint_used,omitempty"`
	Tries    int      `json:"tries,omitempty"` // the answers given to reach this one; 0 means 1
}

// QuizAttempt is one attempt at a lesson's quiz.
type QuizAttempt struct {
	Quiz      string           `json:"quiz"`
	At        time.Time        `json:"at"`
	Score     float64          `json:"score"` // 0..1
	Passed    bool             `json:"passed"`
	Questions []QuestionResult `json:"questions,omitempty"`
}

// QuestionResult is how one question of an attempt went.
type QuestionResult struct {
	ID       string  `json:"id"`
	Correct  bool    `json:"correct"`
	Score    float64 `json:"score"` // 0..1
	HintUsed bool    `json:"hint_used,omitempty"`
	Tries    int     `json:"tries,omitempty"` // 0 means 1
}

// ExampleRuns counts the runs of one example.
type ExampleRuns struct {
	Runs    int       `json:"runs"`
	LastRun time.Time `json:"last_run"`
}

// Prediction is a guess the learner made before running an example.
type Prediction struct {
	Example string    `json:"example"`
	Lesson  string    `json:"lesson,omitempty"` // where it was made; "" in files from before lessons were recorded
	What    string    `json:"what"`             // e.g. "total" or "first line"
	Guess   string    `json:"guess"`
	Actual  string    `json:"actual"`
	Right   bool      `json:"right"`
	At      time.Time `json:"at"`
}

// New is empty progress.
func New() Progress {
	return Progress{SchemaVersion: SchemaVersion, Courses: map[string]*Course{}}
}

// Course is the progress in the course with this key, created empty if
// there is none yet.
func (p *Progress) Course(key string) *Course {
	if p.Courses == nil {
		p.Courses = map[string]*Course{}
	}
	c := p.Courses[key]
	if c == nil {
		c = &Course{}
		p.Courses[key] = c
	}
	return c
}

// Reset forgets one lesson of a course: its read state, its quiz attempts
// and draft, the example runs and predictions made in it (taken off the
// course's totals too) and the resume point if it is in that lesson; or,
// when lesson is "", everything of the course. Runs and predictions from
// files older than their lesson's record belong to no lesson, and stay.
func (p *Progress) Reset(course, lesson string) {
	if lesson == "" {
		delete(p.Courses, course)
		return
	}
	c := p.Courses[course]
	if c == nil {
		return
	}
	if l := c.Lessons[lesson]; l != nil {
		c.forgetRuns(l.Examples)
	}
	delete(c.Lessons, lesson)
	c.Predictions = slices.DeleteFunc(c.Predictions, func(pr Prediction) bool { return pr.Lesson == lesson })
	if c.Resume.Lesson == lesson {
		c.Resume = Resume{}
	}
}

// forgetRuns takes a lesson's runs off the course's totals; an example
// left with none is dropped.
func (c *Course) forgetRuns(runs map[string]*ExampleRuns) {
	for name, r := range runs {
		total := c.Examples[name]
		if total == nil || r == nil {
			continue
		}
		if total.Runs -= r.Runs; total.Runs <= 0 {
			delete(c.Examples, name)
		}
	}
}

// Clone is a deep copy: changing it leaves p as it was.
func (p Progress) Clone() Progress {
	out := Progress{SchemaVersion: p.SchemaVersion, Courses: make(map[string]*Course, len(p.Courses))}
	for k, c := range p.Courses {
		if c != nil {
			out.Courses[k] = c.clone()
		}
	}
	return out
}

func (c *Course) clone() *Course {
	out := &Course{Resume: c.Resume, Predictions: slices.Clone(c.Predictions)}
	if c.Lessons != nil {
		out.Lessons = make(map[string]*Lesson, len(c.Lessons))
		for id, l := range c.Lessons {
			if l == nil {
				continue
			}
			cl := &Lesson{ReadAt: l.ReadAt, QuizAttempts: slices.Clone(l.QuizAttempts), Examples: cloneRuns(l.Examples)}
			for i := range cl.QuizAttempts {
				cl.QuizAttempts[i].Questions = slices.Clone(cl.QuizAttempts[i].Questions)
			}
			if l.QuizDraft != nil {
				cl.QuizDraft = l.QuizDraft.Clone()
			}
			out.Lessons[id] = cl
		}
	}
	out.Examples = cloneRuns(c.Examples)
	return out
}

func cloneRuns(runs map[string]*ExampleRuns) map[string]*ExampleRuns {
	if runs == nil {
		return nil
	}
	out := make(map[string]*ExampleRuns, len(runs))
	for name, e := range runs {
		if e != nil {
			ce := *e
			out[name] = &ce
		}
	}
	return out
}

// Clone is a deep copy of the draft.
func (d *QuizDraft) Clone() *QuizDraft {
	out := *d
	out.Asked = slices.Clone(d.Asked)
	out.Answers = slices.Clone(d.Answers)
	if d.Trying != nil {
		t := *d.Trying
		out.Trying = &t
	}
	for i := range out.Answers {
		a := &out.Answers[i]
		a.Choices, a.Texts, a.Items, a.Blanks = slices.Clone(a.Choices), slices.Clone(a.Texts), slices.Clone(a.Items), slices.Clone(a.Blanks)
	}
	return &out
}

// Lesson is the progress in a lesson, created empty if there is none yet.
func (c *Course) Lesson(id string) *Lesson {
	if c.Lessons == nil {
		c.Lessons = map[string]*Lesson{}
	}
	l := c.Lessons[id]
	if l == nil {
		l = &Lesson{}
		c.Lessons[id] = l
	}
	return l
}

// MarkRead records that a lesson was read; the first time is kept.
func (c *Course) MarkRead(lesson string, at time.Time) {
	if l := c.Lesson(lesson); l.ReadAt.IsZero() {
		l.ReadAt = at
	}
}

// SetResume records where the learner is: a lesson and the first line shown.
func (c *Course) SetResume(lesson string, line int) {
	c.Resume = Resume{Lesson: lesson, Line: max(line, 0)}
}

// AddQuizAttempt records an attempt at a lesson's quiz; the attempt is
// finished, so its draft goes.
func (c *Course) AddQuizAttempt(lesson string, a QuizAttempt) {
	l := c.Lesson(lesson)
	l.QuizAttempts = append(l.QuizAttempts, a)
	l.QuizDraft = nil
}

// RanExample counts a run of an example made outside any lesson, in the
// course's totals only.
func (c *Course) RanExample(name string, at time.Time) { c.RanExampleIn("", name, at) }

// RanExampleIn counts a run of an example in the course's totals and, when
// lesson is not "", in that lesson's runs.
func (c *Course) RanExampleIn(lesson, name string, at time.Time) {
	c.Examples = countRun(c.Examples, name, at)
	if lesson != "" {
		l := c.Lesson(lesson)
		l.Examples = countRun(l.Examples, name, at)
	}
}

func countRun(runs map[string]*ExampleRuns, name string, at time.Time) map[string]*ExampleRuns {
	if runs == nil {
		runs = map[string]*ExampleRuns{}
	}
	e := runs[name]
	if e == nil {
		e = &ExampleRuns{}
		runs[name] = e
	}
	e.Runs++
	e.LastRun = at
	return runs
}

// SetQuizDraft keeps the attempt under way at a lesson's quiz; nil forgets it.
func (c *Course) SetQuizDraft(lesson string, d *QuizDraft) {
	if d == nil {
		if l := c.Lessons[lesson]; l != nil {
			l.QuizDraft = nil
		}
		return
	}
	c.Lesson(lesson).QuizDraft = d.Clone()
}

// AddPrediction records a scored prediction.
func (c *Course) AddPrediction(p Prediction) {
	c.Predictions = append(c.Predictions, p)
}

// Read reports whether the lesson was read. l may be nil.
func (l *Lesson) Read() bool { return l != nil && !l.ReadAt.IsZero() }

// Best is the attempt with the highest score (a passed one among equals,
// else the earliest); false
// when there was none. l may be nil.
func (l *Lesson) Best() (QuizAttempt, bool) {
	if l == nil || len(l.QuizAttempts) == 0 {
		return QuizAttempt{}, false
	}
	best := l.QuizAttempts[0]
	for _, a := range l.QuizAttempts[1:] {
		if a.Score > best.Score || (a.Score == best.Score && a.Passed && !best.Passed) {
			best = a
		}
	}
	return best, true
}

// Passed reports whether any attempt passed. l may be nil.
func (l *Lesson) Passed() bool {
	if l == nil {
		return false
	}
	return slices.ContainsFunc(l.QuizAttempts, func(a QuizAttempt) bool { return a.Passed })
}

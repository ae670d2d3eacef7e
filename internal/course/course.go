// Package course is the domain of a course: lessons, quizzes and questions,
// and Load, which reads a course folder and reports every mistake at its
// file:line:col. It knows no terminal.
package course

import (
	"slices"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// QuestionType is one of the five kinds of quiz question.
type QuestionType string

const (
	Single QuestionType = "single" // pick exactly one choice
	Multi  QuestionType = "multi"  // pick every correct choice
	Text   QuestionType = "text"   // type the word in each blank
	Order  QuestionType = "order"  // put shuffled items back in order
	Output QuestionType = "output" // order an example's printed lines as it really prints them
)

// QuestionTypes lists the types in the order the docs present them.
var QuestionTypes = []QuestionType{Single, Multi, Text, Order, Output}

// MatchMode says how typed answers of a text question are compared.
type MatchMode string

const (
	MatchFold  MatchMode = "fold"  // case, character width and surrounding space ignored (default)
	MatchExact MatchMode = "exact" // the same characters, case included; surrounding space ignored
	MatchRegex MatchMode = "regex" // each accepted answer is a regular expression matching the whole answer
	// MatchNumber reads each accepted answer and the typed one as numbers,
	// with the question's Unit and Tolerance: "1.5", "1.5 s", "1500 ms" and
	// "1.5 วินาที" are one answer to a question whose key is 1.5 s.
	MatchNumber MatchMode = "number"
)

// DefaultTries is how many attempts a question gives when it does not say.
const DefaultTries = 1

// MaxTries bounds tries: past a third attempt a question stops testing.
const MaxTries = 3

// MaxHintLen is the most characters a hint may have: a hint is a nudge
// shown above the answer, not a second explanation.
const MaxHintLen = 300

// Tolerance is how far a typed number may be from a number question's key
// and still be right: Value in the question's unit, or, when Relative,
// a fraction of the key (tolerance: 5% is {0.05, true}). The zero value
// accepts only the key itself.
type Tolerance struct {
	Value    float64
	Relative bool
}

// DefaultPass is the fraction of a quiz's score needed to pass when a quiz
// does not say.
const DefaultPass = 0.7

// Course is a loaded course: English lessons and quizzes, plus translations.
type Course struct {
	Lessons      []*Lesson           // sorted by Order, then file name
	Quizzes      []*Quiz             // sorted by file name
	Translations map[string]*Content // by language code, e.g. "th"
	Files        int                 // course files read, translations and course.yaml included
	Meta         *Meta               // what course.yaml says; nil when the course has none
}

// Content is one language's lessons and quizzes.
type Content struct {
	Lang    string
	Lessons []*Lesson
	Quizzes []*Quiz
}

// Lesson is one lessons/NN-slug.md file.
type Lesson struct {
	ID      string
	Title   string
	Summary string
	Quiz    string // id of the lesson's quiz, or ""
	Order   int
	Lang    string // "" for English
	File    string // as shown in problems, e.g. lessons/01-why.md
	Body    string // markdown after the front matter, example blocks included
	// Segments is Body cut at its example blocks, in reading order, so a
	// player can put a runnable card where the author placed it.
	Segments []Segment
	Pos      map[string]Pos // where each front-matter key's value is; "" is the file's first line
}

// Examples lists the example blocks of the lesson in reading order.
func (l *Lesson) Examples() []*ExampleRef {
	var refs []*ExampleRef
	for _, s := range l.Segments {
		if s.Example != nil {
			refs = append(refs, s.Example)
		}
	}
	return refs
}

// Segment is either a stretch of markdown or an example card.
type Segment struct {
	Markdown string
	Example  *ExampleRef
	// Line is where the segment starts in the lesson's Body, from 0, and
	// Lines how many lines of it the segment takes (a card's fences
	// included). A place in a lesson is saved as a line of its Body, so
	// that it means the same at any width and in either front-end.
	Line, Lines int
}

// ExampleRef is a fenced block whose info string is `example NAME`,
// optionally followed by settings: `example gather model=loop delay3=4s`.
// The loader checks only their syntax; check proves that the model, the
// parameters and their values exist.
type ExampleRef struct {
	Name     string
	Caption  string      // the block's body, markdown; may be empty
	Pos      Pos         // where NAME is
	Model    string      // the model= word's value as written; "" when absent (goroutines)
	ModelPos Pos         // where the model= word is
	Params   []CardParam // the other key=value words, in the order written
}

// CardParam is one parameter an example card or an output question sets.
type CardParam struct {
	Name, Value string
	Pos         Pos // on a card, where the key=value word is; in a quiz, where the key is
}

// Settings returns the card's parameters as a map (nil when it sets none),
// for a player to start the run with; the example's defaults fill the rest.
func (r *ExampleRef) Settings() map[string]string { return settings(r.Params) }

func settings(ps []CardParam) map[string]string {
	if len(ps) == 0 {
		return nil
	}
	m := make(map[string]string, len(ps))
	for _, p := range ps {
		m[p.Name] = p.Value
	}
	return m
}

// Quiz is one quizzes/NN-slug.yaml file.
type Quiz struct {
	ID        string
	Title     string
	Pass      float64
	Questions []*Question
	Lang      string
	File      string
	Pos       map[string]Pos // where each key's value is; "" is the file's first line
}

// Question is one quiz question. Which fields matter depends on Type.
type Question struct {
	ID          string
	Type        QuestionType
	Prompt      string
	Choices     []Choice    // single, multi
	Answers     [][]string  // text: accepted answers, one list per blank
	Match       MatchMode   // text
	Unit        string      // text with match: number: the unit of the key, e.g. "s"; "" for a bare number
	Tolerance   Tolerance   // text with match: number: how far from the key an answer may be
	Items       []string    // order: the items in their correct order
	Example     string      // output: the example whose printed lines are ordered
	Model       trace.Model // output: the model the example runs in; "" is goroutines
	Params      []CardParam // output: the parameters the example runs with, in the order written
	Lines       []string    // output: its lines in the order it really prints them
	Explanation string
	// Hint is a short nudge a learner may ask for before answering (yaml
	// hint); "" when the question has none. Asking is recorded, not scored.
	Hint string
	// Tries is how many attempts the learner gets (yaml tries, 1 to
	// MaxTries): after a wrong answer with tries left, the learner answers
	// again instead of seeing the right answer. Load sets DefaultTries when
	// the key is absent, so it is never 0 on a loaded question.
	Tries int
	Tags  []string
	Pos   map[string]Pos // where each key's value is; "" is the question's first line
}

// Choice is one choice of a single or multi question.
type Choice struct {
	Text     string
	Correct  bool
	Feedback string
	Pos      Pos
}

// Attempts is how many tries the question gives: Tries, or DefaultTries for
// a question built in code that does not say.
func (q *Question) Attempts() int { return max(DefaultTries, q.Tries) }

// Settings returns an output question's parameters as a map, nil when it
// sets none.
func (q *Question) Settings() map[string]string { return settings(q.Params) }

// RunModel is the model an output question's example runs in: Model, or
// goroutines when the question names none.
func (q *Question) RunModel() trace.Model {
	if q.Model == "" {
		return trace.ModelGoroutines
	}
	return q.Model
}

// At returns where key's value is, or where the question starts when the key
// is absent.
func (q *Question) At(key string) Pos { return at(q.Pos, key) }

// At returns where key's value is in the quiz file.
func (q *Quiz) At(key string) Pos { return at(q.Pos, key) }

// At returns where key's value is in the lesson's front matter.
func (l *Lesson) At(key string) Pos { return at(l.Pos, key) }

func at(m map[string]Pos, key string) Pos {
	if p, ok := m[key]; ok {
		return p
	}
	return m[""]
}

// CorrectChoices returns the 0-based indexes of the correct choices.
func (q *Question) CorrectChoices() []int {
	var idx []int
	for i, c := range q.Choices {
		if c.Correct {
			idx = append(idx, i)
		}
	}
	return idx
}

// Lesson returns the English lesson with that id, or nil.
func (c *Course) Lesson(id string) *Lesson {
	i := slices.IndexFunc(c.Lessons, func(l *Lesson) bool { return l.ID == id })
	if i < 0 {
		return nil
	}
	return c.Lessons[i]
}

// Quiz returns the English quiz with that id, or nil.
func (c *Course) Quiz(id string) *Quiz {
	i := slices.IndexFunc(c.Quizzes, func(q *Quiz) bool { return q.ID == id })
	if i < 0 {
		return nil
	}
	return c.Quizzes[i]
}

// Langs lists the translation languages, sorted.
func (c *Course) Langs() []string {
	var langs []string
	for l := range c.Translations {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	return langs
}

// In returns the course as a learner of lang sees it: every lesson and quiz
// that has a translation in lang is replaced by it, the rest stay English.
// Order and structure always follow the English original. In("") and an
// unknown language return c itself.
func (c *Course) In(lang string) *Course {
	tr, ok := c.Translations[lang]
	if !ok {
		return c
	}
	out := *c
	out.Lessons = localize(c.Lessons, tr.Lessons, func(l *Lesson) string { return l.ID }, func(en, t *Lesson) *Lesson {
		cp := *t
		cp.Order, cp.Quiz = en.Order, en.Quiz
		return &cp
	})
	out.Quizzes = localize(c.Quizzes, tr.Quizzes, func(q *Quiz) string { return q.ID }, func(_, t *Quiz) *Quiz { return t })
	return &out
}

func localize[T any](en, tr []*T, id func(*T) string, merge func(en, t *T) *T) []*T {
	byID := make(map[string]*T, len(tr))
	for _, t := range tr {
		byID[id(t)] = t
	}
	out := make([]*T, len(en))
	for i, e := range en {
		if t, ok := byID[id(e)]; ok {
			out[i] = merge(e, t)
		} else {
			out[i] = e
		}
	}
	return out
}

package quiz

import (
	"fmt"
	"regexp"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

// MaxAnswerLen is the most characters one typed answer (one blank) may
// have. Matching a regex answer takes time in proportion to the answer's
// length, and no blank of a quiz needs more than a phrase.
const MaxAnswerLen = 200

// AnswerTooLongError refuses an answer with a blank over MaxAnswerLen.
type AnswerTooLongError struct {
	Blank int // 1-based
	Len   int // in characters
}

func (e *AnswerTooLongError) Error() string {
	return fmt.Sprintf("the answer to blank %d is %d characters long; answers are at most %d", e.Blank, e.Len, MaxAnswerLen)
}

// CheckAnswer refuses an answer that must not be graded: one with a typed
// blank over MaxAnswerLen.
func CheckAnswer(a Answer) error {
	for i, text := range a.Texts {
		if tooLong(text) {
			return &AnswerTooLongError{Blank: i + 1, Len: utf8.RuneCountInString(text)}
		}
	}
	return nil
}

// tooLong reports whether a typed blank is over MaxAnswerLen, without
// counting further than the limit.
func tooLong(text string) bool {
	if len(text) <= MaxAnswerLen {
		return false // every character is at least a byte
	}
	n := 0
	for range text {
		if n++; n > MaxAnswerLen {
			return true
		}
	}
	return false
}

// NotGradableError says an answer could not be graded within the time
// allowed: neither right nor wrong.
type NotGradableError struct {
	Budget time.Duration // the time allowed, when that ran out
	Cause  string        // otherwise, what went wrong
}

func (e *NotGradableError) Error() string {
	if e.Cause != "" {
		return "the answer could not be graded: " + e.Cause
	}
	return fmt.Sprintf("the answer could not be graded within %v", e.Budget)
}

// GradeWithin is Grade with a time budget, for callers that must stay
// responsive. The limits on patterns and answers keep grading far below any
// sensible budget; this is the backstop should they not. An answer that
// CheckAnswer refuses is refused with its error; one not graded in time
// gets a *NotGradableError, and its grading goes on in the background
// until it ends, since a regexp match cannot be stopped.
func GradeWithin(q *course.Question, a Answer, budget time.Duration) (Result, error) {
	if err := CheckAnswer(a); err != nil {
		return Result{QuestionID: q.ID}, err
	}
	r, err := within(budget, func() Result { return Grade(q, a) })
	if err != nil {
		r = Result{QuestionID: q.ID}
	}
	return r, err
}

// overdue counts the gradings that ran past their budget and run on (a
// match cannot be stopped). While one does, an answer sent again is not
// graded beside it: however often the learner presses enter, at most one
// such grading is left behind.
var overdue atomic.Int32

// within runs grade, giving up on it after budget.
func within(budget time.Duration, grade func() Result) (Result, error) {
	if overdue.Load() > 0 {
		return Result{}, &NotGradableError{Cause: "the answer before it is still being graded; try again in a moment"}
	}
	type outcome struct {
		r   Result
		err error
	}
	done := make(chan outcome, 1) // buffered: a late grading must not block forever
	// state: 0 running, 1 finished in time, 2 given up on (and overdue).
	var state atomic.Int32
	go func() {
		defer func() {
			if !state.CompareAndSwap(0, 1) {
				overdue.Add(-1) // given up on: it is no longer overdue
			}
		}()
		defer func() {
			if p := recover(); p != nil {
				done <- outcome{err: &NotGradableError{Cause: fmt.Sprint(p)}}
			}
		}()
		done <- outcome{r: grade()}
	}()
	timer := time.NewTimer(budget)
	defer timer.Stop()
	select {
	case o := <-done:
		return o.r, o.err
	case <-timer.C:
		if state.CompareAndSwap(0, 2) {
			overdue.Add(1)
			return Result{}, &NotGradableError{Budget: budget}
		}
		o := <-done // it finished as the budget ran out
		return o.r, o.err
	}
}

// patterns is the process's compiled regex answers: each pattern is compiled
// once, not once per grade.
var patterns = &patternCache{limit: maxCachedInsts}

// maxCachedInsts bounds the cache by the size of the programs it holds
// (about 40 bytes an instruction): five quizzes' worth at their limit.
const maxCachedInsts = 5 * course.MaxQuizPatternInsts

// patternCache holds compiled regex answers up to a total program size,
// dropping the oldest when a new one does not fit. A refused pattern is
// held too (as nil), so that it is not measured again on every grade.
type patternCache struct {
	mu      sync.Mutex
	limit   int
	size    int
	entries map[string]cachedPattern
	order   []string // oldest first
}

type cachedPattern struct {
	re   *regexp.Regexp // nil: refused, or does not compile
	size int
}

// compiled returns the compiled pattern, or nil when it does not compile or
// is over the limits.
func (c *patternCache) compiled(accepted string) *regexp.Regexp {
	c.mu.Lock()
	e, ok := c.entries[accepted]
	c.mu.Unlock()
	if ok {
		return e.re
	}
	e = compilePattern(accepted)
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[accepted]; !ok { // another grade may have compiled it meanwhile
		c.add(accepted, e)
	}
	return e.re
}

func compilePattern(accepted string) cachedPattern {
	size, err := course.PatternSize(accepted)
	if err != nil {
		return cachedPattern{size: 1}
	}
	re, err := regexp.Compile(course.AnswerPattern(accepted))
	if err != nil {
		return cachedPattern{size: 1}
	}
	return cachedPattern{re: re, size: size}
}

// add stores e, first dropping the oldest entries it would not fit beside.
func (c *patternCache) add(accepted string, e cachedPattern) {
	for len(c.order) > 0 && c.size+e.size > c.limit {
		oldest := c.order[0]
		c.order = c.order[1:]
		c.size -= c.entries[oldest].size
		delete(c.entries, oldest)
	}
	if c.entries == nil {
		c.entries = map[string]cachedPattern{}
	}
	c.entries[accepted] = e
	c.order = append(c.order, accepted)
	c.size += e.size
}

// len is the number of patterns held, for tests.
func (c *patternCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

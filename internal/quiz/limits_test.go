package quiz

import (
	"fmt"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

func regexQuestion(patterns ...string) *course.Question {
	return &course.Question{ID: "r", Type: course.Text, Prompt: "p", Match: course.MatchRegex, Answers: [][]string{patterns}}
}

func TestRegexOverTheLimitsMatchesNothing(t *testing.T) {
	huge := regexQuestion(`(?:.?){1000}`) // 11 bytes, 2,004 instructions
	assert.False(t, Grade(huge, Answer{Texts: []string{"a"}}).Correct, "a key check refuses is never compiled for grading")
	long := regexQuestion(strings.Repeat("a", course.MaxPatternLen+1))
	assert.False(t, Grade(long, Answer{Texts: []string{strings.Repeat("a", course.MaxPatternLen+1)}}).Correct)
	assert.True(t, Grade(regexQuestion(`(?:.?){490}`), Answer{Texts: []string{"a"}}).Correct, "within the limits it grades as before")
}

func TestAnswerOverTheLengthLimit(t *testing.T) {
	q := regexQuestion(`a+`)
	within := strings.Repeat("a", MaxAnswerLen)
	over := strings.Repeat("a", 100<<10)
	assert.NoError(t, CheckAnswer(Answer{Texts: []string{within}}))
	assert.True(t, Grade(q, Answer{Texts: []string{within}}).Correct)

	err := CheckAnswer(Answer{Texts: []string{within, over}})
	var long *AnswerTooLongError
	require.ErrorAs(t, err, &long)
	assert.Equal(t, &AnswerTooLongError{Blank: 2, Len: 100 << 10}, long)
	assert.EqualError(t, err, fmt.Sprintf("the answer to blank 2 is 102400 characters long; answers are at most %d", MaxAnswerLen))
	assert.False(t, Grade(q, Answer{Texts: []string{over}}).Correct, "never matched")
	assert.NoError(t, CheckAnswer(Answer{Texts: []string{strings.Repeat("漢", MaxAnswerLen)}}), "the limit counts characters, not bytes")

	_, err = GradeWithin(q, Answer{Texts: []string{over}}, time.Minute)
	assert.ErrorAs(t, err, &long, "GradeWithin refuses it too")
}

func TestParseAnswersRefusesAnOverLongAnswer(t *testing.T) {
	qz := &course.Quiz{ID: "q", Questions: []*course.Question{
		{ID: "t", Type: course.Text, Answers: [][]string{{"x"}}},
		{ID: "u", Type: course.Text, Answers: [][]string{{"x"}, {"y"}}},
	}}
	over := strings.Repeat("a", 100<<10)
	got, problems := ParseAnswers("a.yaml", []byte("t: "+over+"\nu: [x, "+over+"]\n"), qz)
	var where []string
	for _, p := range problems {
		where = append(where, p.Where()+" "+p.Rule)
	}
	assert.Equal(t, []string{"a.yaml:1:4 too-long", "a.yaml:2:8 too-long"}, where)
	require.Len(t, problems, 2)
	assert.Contains(t, problems[1].Message, fmt.Sprintf(`question "u": the answer to blank 2 is 102400 characters long; answers are at most %d`, MaxAnswerLen))
	assert.Empty(t, got, "neither is graded")
}

func TestPatternsAreCompiledOnce(t *testing.T) {
	c := &patternCache{limit: 100}
	first := c.compiled(`a+b`)
	require.NotNil(t, first)
	assert.Same(t, first, c.compiled(`a+b`), "the second grade reuses the program")
	assert.Nil(t, c.compiled(`(`))
	assert.Nil(t, c.compiled(`(?:.?){1000}`))
	assert.Equal(t, 3, c.len(), "refusals are remembered too")

	for i := range 50 {
		c.compiled(fmt.Sprintf(`(?:x%d){5}`, i)) // about 17 instructions each
	}
	assert.LessOrEqual(t, c.size, c.limit, "the cache stays within its size")
	assert.Less(t, c.len(), 50, "the oldest were dropped")
	assert.NotNil(t, c.compiled(`(?:x49){5}`), "the newest is kept")
}

func TestGradeWithinGivesUpAfterTheBudget(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		_, err := within(2*time.Second, func() Result { <-release; return Result{Correct: true} })
		var slow *NotGradableError
		require.ErrorAs(t, err, &slow)
		assert.Equal(t, "the answer could not be graded within 2s", err.Error())
		close(release) // the grading goes on and ends on its own
	})
	r, err := GradeWithin(single(), Answer{Choice: 2}, time.Minute)
	require.NoError(t, err)
	assert.True(t, r.Correct)

	_, err = within(time.Minute, func() Result { panic("broken") })
	var broken *NotGradableError
	require.ErrorAs(t, err, &broken)
	assert.Contains(t, err.Error(), "broken")
}

// worstPattern is the slowest regex answer found within the limits, with
// room for the suffix: every one of its optional letters stays alive while
// matching, and \pL is a class of about 650 ranges, searched for each of them
// at every character. (Of the shapes tried, .? and big or negated classes
// repeated, long alternations of \pL*x, word boundaries, case folding and
// nested counts, this one was the slowest.)
func worstPattern(tb testing.TB, suffix string) string {
	best := ""
	for n := 1; ; n++ {
		p := fmt.Sprintf(`(?:\pL?){%d}`, n)
		if _, err := course.PatternSize(p + suffix); err != nil {
			require.NotEmpty(tb, best)
			return best
		}
		best = p
	}
}

// worstAnswer is the longest answer allowed, made of letters so that no
// thread dies early, and failing at its last character.
var worstAnswer = strings.Repeat("漢", MaxAnswerLen-1) + "!"

// BenchmarkWorstRegexAnswer grades the longest answer against the slowest
// pattern within the limits.
func BenchmarkWorstRegexAnswer(b *testing.B) {
	q := regexQuestion(worstPattern(b, ""))
	a := Answer{Texts: []string{worstAnswer}}
	b.ReportAllocs()
	for b.Loop() {
		if Grade(q, a).Correct {
			b.Fatal("the answer must not match")
		}
	}
}

// BenchmarkWorstRegexQuestion grades the longest answer against a blank
// with as many of the slowest pattern as one quiz may hold.
func BenchmarkWorstRegexQuestion(b *testing.B) {
	p := worstPattern(b, "0")
	size, err := course.PatternSize(p + "0")
	require.NoError(b, err)
	var accepted []string
	for i := range course.MaxQuizPatternInsts / size {
		require.Less(b, i, 10)
		accepted = append(accepted, fmt.Sprintf("%s%d", p, i)) // distinct, so each is compiled and matched
	}
	q := regexQuestion(accepted...)
	a := Answer{Texts: []string{worstAnswer}}
	for b.Loop() {
		Grade(q, a)
	}
}

// BenchmarkOverLimitPattern is the cost of refusing a pattern over the
// limits once its refusal is cached: what grading against one costs.
func BenchmarkOverLimitPattern(b *testing.B) {
	q := regexQuestion(strings.Repeat(`(?:\pL?){1000}`, 70))
	a := Answer{Texts: []string{worstAnswer}}
	for b.Loop() {
		Grade(q, a)
	}
}

// An answer sent again while a grading runs past its budget is not graded
// beside it: one stray grading at most, however often the learner presses
// enter.
func TestOneStrayGradingAtMost(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		_, err := within(time.Second, func() Result { <-release; return Result{} })
		require.Error(t, err)
		started := false
		_, err = within(time.Second, func() Result { started = true; return Result{} })
		var slow *NotGradableError
		require.ErrorAs(t, err, &slow)
		assert.False(t, started, "the second answer was not graded beside the first")
		close(release)
		synctest.Wait()
		_, err = within(time.Second, func() Result { return Result{Correct: true} })
		assert.NoError(t, err, "the slot is free once the stray ends")
	})
}

package learn

import (
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// prints is a trace of a run that prints these lines at these seconds,
// in this order.
func prints(lines ...any) trace.Trace {
	var t trace.Trace
	for i := 0; i+1 < len(lines); i += 2 {
		at := time.Duration(lines[i].(float64) * float64(time.Second))
		t.Events = append(t.Events, trace.Event{T: at, Kind: trace.KindPrint, Task: "main", Text: lines[i+1].(string)})
	}
	return t
}

func TestFirstLineChoicesLeaveOutTheStartAndSortToGiveNothingAway(t *testing.T) {
	gather := prints(0.0, "func1 started", 0.0, "func2 started", 1.0, "func3 done", 2.0, "func1 done", 3.0, "func2 done", 3.0, "results")
	assert.Equal(t, []string{"func1 done", "func2 done", "func3 done", "results"}, FirstLineChoices(gather, false))

	assert.Nil(t, FirstLineChoices(prints(0.0, "start", 1.0, "only"), true), "one line is no choice")
	assert.Nil(t, FirstLineChoices(prints(), true), "nothing printed")
	assert.Equal(t, []string{"a", "b"}, FirstLineChoices(prints(1.0, "b", 2.0, "a", 3.0, "b"), false), "a line printed twice is one choice")

	var many []any
	for i := range MaxLineChoices + 1 {
		many = append(many, float64(i+1), fmt.Sprintf("line %d", i))
	}
	assert.Nil(t, FirstLineChoices(prints(many...), true), "too many lines to choose from")
}

func TestFirstLineChoicesAskNoRaceTheModelLeavesOpen(t *testing.T) {
	// Two hellos at 1 s: goroutines race, an event loop decides.
	hellos := prints(0.0, "start", 1.0, "hello from say1", 1.0, "hello from say2", 1.0, "exit")
	assert.Nil(t, FirstLineChoices(hellos, false), "which of two racing goroutines prints first is luck")
	assert.Equal(t, []string{"exit", "hello from say1", "hello from say2"}, FirstLineChoices(hellos, true))
	// A tie after the first line is no race for the first line.
	later := prints(0.5, "hello from say2", 1.0, "hello from say1", 1.0, "exit")
	assert.Equal(t, []string{"exit", "hello from say1", "hello from say2"}, FirstLineChoices(later, false))
}

func TestScoreFirstLineAgainstTheRunItWasMadeFor(t *testing.T) {
	choices := []string{"hello from say1", "hello from say2"}
	// A live run: the start is stamped a little after 0 and is no choice.
	run := prints(0.0001, "start", 0.5002, "hello from say2", 1.0003, "hello from say1")
	v, ok := ScoreFirstLine("hello from say2", choices, run)
	require.True(t, ok)
	assert.Equal(t, LineVerdict{Guess: "hello from say2", Actual: "hello from say2", Right: true}, v)
	v, ok = ScoreFirstLine("hello from say1", choices, run)
	require.True(t, ok)
	assert.Equal(t, LineVerdict{Guess: "hello from say1", Actual: "hello from say2", Right: false}, v)
	_, ok = ScoreFirstLine("hello from say1", choices, prints(0.0, "start"))
	assert.False(t, ok, "a run stopped before any choice printed scores nothing")
}

func TestGuessedFirstIsSavedBesideTheTotal(t *testing.T) {
	total := Score(1, time.Second)
	p := learner(Both(Ran("event-loop", "eventloop", &total, at), GuessedFirst("event-loop", "eventloop",
		LineVerdict{Guess: "hello from say1", Actual: "hello from say2"}, at)))
	require.Len(t, p.Predictions, 2)
	assert.Equal(t, "total", p.Predictions[0].What)
	assert.Equal(t, progress.Prediction{Lesson: "event-loop", Example: "eventloop", What: "first line",
		Guess: "hello from say1", Actual: "hello from say2", Right: false, At: at}, p.Predictions[1])
}

func TestParsePrediction(t *testing.T) {
	for in, want := range map[string]float64{
		"0": 0, "0 s": 0, "0s": 0, "1.5s": 1.5, "1.5 s": 1.5, " 2 ": 2, "\t2\n": 2, "2": 2, "+3": 3, ".5": 0.5, "-0": 0,
		// as a quiz's number answers are read
		"4000 ms": 4, "1,5": 1.5, "2 seconds": 2, "๑.๕ วินาที": 1.5,
	} {
		g, given, err := ParsePrediction(in)
		require.NoError(t, err, "%q", in)
		assert.True(t, given, "%q is a prediction", in)
		assert.Equal(t, want, g, "%q", in)
		assert.False(t, math.Signbit(g), "%q: no negative zero", in)
	}
	for _, in := range []string{"", "   ", "\t"} {
		g, given, err := ParsePrediction(in)
		assert.NoError(t, err)
		assert.False(t, given, "%q is no prediction", in)
		assert.Zero(t, g)
	}
	for _, in := range []string{"abc", "-1", "-0.5 s", "NaN", "nan", "Inf", "+Inf", "-Inf", "infinity", "1e400", "s", "1 ss", "1 2", "2 kg", "soon"} {
		g, given, err := ParsePrediction(in)
		assert.ErrorIs(t, err, ErrPrediction, "%q", in)
		assert.False(t, given, "%q", in)
		assert.Zero(t, g, "%q", in)
	}
}

func TestScore(t *testing.T) {
	// Right within 15 % of the total plus 50 ms, the edge included, even
	// where binary floating point rounds against it (4.65 - 4 is
	// 0.6500000000000004, 0.15*4 + 0.05 is 0.65).
	for _, tc := range []struct {
		guess  float64
		actual time.Duration
		right  bool
	}{
		{0, 0, true},                         // a run of no time, guessed 0
		{0.05, 0, true},                      // exactly on the edge: 0 + 50 ms
		{0.06, 0, false},                     // just outside
		{1, 1020 * time.Millisecond, true},   // the doc's example
		{2, 2 * time.Second, true},           // exact
		{4.65, 4 * time.Second, true},        // 4 + 0.6 + 0.05: on the edge above
		{3.35, 4 * time.Second, true},        // 4 - 0.65: on the edge below
		{4.66, 4 * time.Second, false},       // just outside above
		{3.34, 4 * time.Second, false},       // just outside below
		{1, 2 * time.Second, false},          // the sequential-versus-concurrent mistake
		{2, time.Second, false},              // and the other way round
		{0, 500 * time.Millisecond, false},   // 0 for a run that took time
		{10, 10 * time.Second, true},         // long runs
		{11.5, 10 * time.Second, true},       // 15 % above, inside
		{8.4, 10 * time.Second, false},       // 16 % below
		{0.09, 40 * time.Millisecond, true},  // short runs: the 50 ms carry them
		{0.2, 100 * time.Millisecond, false}, // but not twice the time
	} {
		v := Score(tc.guess, tc.actual)
		assert.Equal(t, tc.right, v.Right, "guess %g for %v", tc.guess, tc.actual)
		assert.Equal(t, tc.guess, v.Guess)
		assert.Equal(t, tc.actual, v.Actual)
	}
}

// The changes as the saved JSON of a fresh course: both front-ends save these
// bytes for the same action.

func TestCaptionParagraphsJoinSoftBreaks(t *testing.T) {
	assert.Equal(t, []string{"one two three", "four"}, CaptionParagraphs("one\n  two\nthree\n\n\nfour\n"))
	assert.Nil(t, CaptionParagraphs(" \n\n"))
	assert.Equal(t, []string{"a b"}, CaptionParagraphs("a\x1b[31m\nb"), "cleaned for the terminal")
}

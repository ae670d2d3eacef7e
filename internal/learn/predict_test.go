package learn

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPredicted(t *testing.T) {
	assert.False(t, Predicted(nil, "sequential"))
	assert.False(t, Predicted(learner(), "sequential"))
	assert.False(t, Predicted(learner(Ran("sequential", nil, at)), "sequential"), "a run without a prediction")
	v := Score(2, 2*time.Second)
	p := learner(Ran("sequential", &v, at))
	assert.True(t, Predicted(p, "sequential"))
	assert.False(t, Predicted(p, "gather"))
	w := Score(5, time.Second)
	assert.True(t, Predicted(learner(Ran("gather", &w, at)), "gather"), "a wrong prediction is a prediction")
}

func TestParsePrediction(t *testing.T) {
	for in, want := range map[string]float64{
		"0": 0, "0 s": 0, "0s": 0, "1.5s": 1.5, "1.5 s": 1.5, " 2 ": 2, "\t2\n": 2, "2": 2, "+3": 3, ".5": 0.5, "-0": 0,
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
	for _, in := range []string{"abc", "-1", "-0.5 s", "NaN", "nan", "Inf", "+Inf", "-Inf", "infinity", "1e400", "s", "1 ss", "1,5", "1 2", "2 seconds"} {
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

package learn

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
)

// Predicted reports whether the learner has predicted an example's total
// before: the question is asked once per example.
func Predicted(p *progress.Course, example string) bool {
	if p == nil {
		return false
	}
	for _, pr := range p.Predictions {
		if pr.Example == example {
			return true
		}
	}
	return false
}

// ErrPrediction says a prediction is not a number of seconds.
var ErrPrediction = errors.New("type a number of seconds, like 1.5, or leave it empty to skip")

// ParsePrediction reads a learner's guess of a run's total: a number of
// seconds, with or without a trailing "s" ("1.5", "2 s", "0"). Empty text
// is no prediction (given false). A guess of 0 is a prediction like any
// other: a run can take no time at all.
func ParsePrediction(text string) (seconds float64, given bool, err error) {
	t := strings.TrimSpace(text)
	if t == "" {
		return 0, false, nil
	}
	t = strings.TrimSpace(strings.TrimSuffix(t, "s"))
	g, perr := strconv.ParseFloat(t, 64)
	if perr != nil || g < 0 || math.IsInf(g, 0) || math.IsNaN(g) {
		return 0, false, ErrPrediction
	}
	if g == 0 {
		g = 0 // "-0" is 0, not a guess saved as "-0 s"
	}
	return g, true, nil
}

// Verdict is a scored prediction.
type Verdict struct {
	Guess  float64 // seconds, as the learner typed it
	Actual time.Duration
	Right  bool
}

// Score judges a guess against a run's actual total: right within 15 % of
// the total plus 50 ms, so that "1" is right for a run of 1.02 s, and "0"
// for a run of 0 s. The edge itself is right: a nanosecond of slack absorbs
// the rounding of decimal seconds in binary ("4.65" for a run of 4 s).
func Score(guess float64, actual time.Duration) Verdict {
	got := actual.Seconds()
	return Verdict{Guess: guess, Actual: actual, Right: math.Abs(guess-got) <= 0.15*got+0.05+1e-9}
}

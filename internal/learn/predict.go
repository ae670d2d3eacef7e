package learn

import (
	"errors"
	"math"
	"slices"

	"strings"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/progress"
	"github.com/asyncio-tutor/asyncio-tutor/internal/quiz"
	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// A prediction is asked on every card, each time it is opened, and again
// after every change of parameters: what a learner predicted for another
// card, or for other parameters, says nothing about this run. So there is
// no "predicted before" to look up here.

// ErrPrediction says a prediction is not a number of seconds.
var ErrPrediction = errors.New("type a number of seconds, like 1.5, or leave it empty to skip")

// ParsePrediction reads a learner's guess of a run's total: a number of
// seconds, read as a quiz's number answers are ("1.5", "2 s", "4000 ms",
// "1,5 วินาที"). Empty text is no prediction (given false). A guess of 0
// is a prediction like any other: a run can take no time at all.
func ParsePrediction(text string) (seconds float64, given bool, err error) {
	t := strings.TrimSpace(text)
	if t == "" {
		return 0, false, nil
	}
	g, perr := quiz.ReadNumber(t, "s")
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

// MaxLineChoices is the most lines a "what prints first" question offers:
// more than this is a list to scan, not a prediction to make.
const MaxLineChoices = 4

// FirstLineChoices are the lines a learner may pick from when asked which
// of them prints first, worked out from sim, a run of the example in
// virtual time (its loop model), where every time is exact. The choices
// are the distinct lines printed once time has passed (what prints at 0 s
// is the program starting, not a thing to predict), sorted so that their
// order gives nothing away. There is no question (nil) when fewer than two
// lines or more than MaxLineChoices qualify, or when the first of them
// shares its instant with another and the model that will run does not
// fix the order of such events (ordered false: goroutines racing).
func FirstLineChoices(sim trace.Trace, ordered bool) []string {
	var lines []string
	first, tied := time.Duration(-1), false
	for _, e := range sim.Events {
		if e.Kind != trace.KindPrint || e.T <= 0 {
			continue
		}
		text := termtext.Message(e.Text)
		if slices.Contains(lines, text) {
			continue
		}
		switch {
		case first < 0:
			first = e.T
		case e.T == first:
			tied = true
		}
		lines = append(lines, text)
	}
	if len(lines) < 2 || len(lines) > MaxLineChoices || (tied && !ordered) {
		return nil
	}
	slices.Sort(lines)
	return lines
}

// LineVerdict is a scored "what prints first" prediction.
type LineVerdict struct {
	Guess  string // the line the learner picked
	Actual string // the first of the choices the run printed
	Right  bool
}

// ScoreFirstLine judges a pick among choices against run, the run it was
// made for: the first line of run that is one of the choices is the one
// that printed first. ok is false when the run printed none of them (it
// failed or was stopped early): then there is nothing to score.
func ScoreFirstLine(guess string, choices []string, run trace.Trace) (v LineVerdict, ok bool) {
	for _, e := range run.Events {
		if e.Kind != trace.KindPrint {
			continue
		}
		if text := termtext.Message(e.Text); slices.Contains(choices, text) {
			return LineVerdict{Guess: guess, Actual: text, Right: guess == text}, true
		}
	}
	return LineVerdict{}, false
}

// GuessedFirst is the change of a scored "what prints first" prediction,
// made on a card of lesson for a run of example.
func GuessedFirst(lesson, example string, v LineVerdict, at time.Time) Change {
	return func(c *progress.Course) {
		c.AddPrediction(progress.Prediction{
			Lesson: lesson, Example: example, What: "first line",
			Guess: v.Guess, Actual: v.Actual, Right: v.Right, At: at,
		})
	}
}

// Both is the change of two changes made by one action, in order: a run
// and its second prediction are saved together.
func Both(a, b Change) Change {
	return func(c *progress.Course) {
		a(c)
		b(c)
	}
}

// CaptionParagraphs is a card's caption as its paragraphs, one line each,
// for a front-end to wrap once to the width it has: an author's line
// breaks inside a paragraph are soft (markdown), so they are joined with a
// space, and a blank line starts a new paragraph. Wrapping the author's
// lines as they are, at a width near theirs, leaves a word alone on a line
// after each. Text from the course is cleaned for the terminal.
func CaptionParagraphs(caption string) []string {
	var paras, cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, " "))
			cur = nil
		}
	}
	for _, l := range strings.Split(termtext.Text(caption), "\n") {
		if l = strings.TrimSpace(l); l == "" {
			flush()
			continue
		}
		cur = append(cur, l)
	}
	flush()
	return paras
}

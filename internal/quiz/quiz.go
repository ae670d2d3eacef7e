// Package quiz grades answers to quiz questions. It is pure: no IO, no
// terminal, the same answer always gets the same result.
package quiz

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

// Answer is what a learner gave. Which field counts depends on the question
// type; the others are ignored.
type Answer struct {
	Choice  int      // single: 1-based choice number, 0 for none
	Choices []int    // multi: 1-based choice numbers
	Texts   []string // text: one typed answer per blank
	Items   []string // order and output: the items in the learner's order
}

// Result is the grade of one answer.
type Result struct {
	QuestionID  string
	Answered    bool
	Correct     bool
	Score       float64  // 0 to 1; below 1 only for partly right multi answers
	Feedback    []string // the feedback of each picked choice that has one, in choice order
	Blanks      []bool   // text: whether each blank was right
	Explanation string   // shown after answering, right or wrong
	Expected    string   // the right answer in words, for showing after a wrong one
}

// Grade grades one answer. A question that cannot be graded (a broken key
// that check would report) grades as wrong, never panics. A blank longer than
// MaxAnswerLen is wrong without being matched; callers refuse such answers
// first (CheckAnswer), so that a learner hears why.
func Grade(q *course.Question, a Answer) Result {
	r := Result{QuestionID: q.ID, Explanation: q.Explanation, Expected: Expected(q)}
	switch q.Type {
	case course.Single:
		r.Answered = a.Choice != 0
		if a.Choice >= 1 && a.Choice <= len(q.Choices) {
			c := q.Choices[a.Choice-1]
			r.Correct = c.Correct && len(q.CorrectChoices()) == 1
			r.Feedback = feedback(q, []int{a.Choice})
		}
	case course.Multi:
		picked := uniqueInRange(a.Choices, len(q.Choices))
		r.Answered = len(picked) > 0
		r.Feedback = feedback(q, picked)
		want := len(q.CorrectChoices())
		right, wrong := 0, 0
		for _, n := range picked {
			if q.Choices[n-1].Correct {
				right++
			} else {
				wrong++
			}
		}
		if want > 0 && wrong == 0 {
			r.Score = float64(right) / float64(want)
			r.Correct = right == want
		}
	case course.Text:
		r.Answered = slices.ContainsFunc(a.Texts, func(s string) bool { return strings.TrimSpace(s) != "" })
		r.Blanks = make([]bool, len(q.Answers))
		r.Correct = len(q.Answers) > 0 && len(a.Texts) == len(q.Answers)
		for i, accepted := range q.Answers {
			if i < len(a.Texts) && !tooLong(a.Texts[i]) {
				r.Blanks[i] = matchBlank(q, a.Texts[i], accepted)
			}
			r.Correct = r.Correct && r.Blanks[i]
		}
	case course.Order, course.Output:
		key := Key(q).Items
		r.Answered = len(a.Items) > 0
		r.Correct = len(key) > 0 && slices.Equal(a.Items, key)
	}
	if r.Correct {
		r.Score = 1
	}
	return r
}

// Key is the answer that scores full marks: the author's key, as an Answer.
func Key(q *course.Question) Answer {
	var a Answer
	switch q.Type {
	case course.Single:
		if c := q.CorrectChoices(); len(c) > 0 {
			a.Choice = c[0] + 1
		}
	case course.Multi:
		for _, i := range q.CorrectChoices() {
			a.Choices = append(a.Choices, i+1)
		}
	case course.Text:
		for _, accepted := range q.Answers {
			first := ""
			if len(accepted) > 0 {
				first = accepted[0]
			}
			a.Texts = append(a.Texts, first)
		}
	case course.Order:
		a.Items = q.Items
	case course.Output:
		a.Items = q.Lines
	}
	return a
}

// Expected says the right answer in words.
func Expected(q *course.Question) string {
	switch q.Type {
	case course.Single, course.Multi:
		var texts []string
		for _, i := range q.CorrectChoices() {
			texts = append(texts, fmt.Sprintf("%d. %s", i+1, q.Choices[i].Text))
		}
		return strings.Join(texts, "\n")
	case course.Text:
		var parts []string
		for i, accepted := range q.Answers {
			switch q.Match {
			case course.MatchRegex:
				parts = append(parts, fmt.Sprintf("blank %d: matching %s", i+1, strings.Join(accepted, " or ")))
			case course.MatchNumber:
				numbers := make([]string, len(accepted))
				for j, s := range accepted {
					numbers[j] = numberExpected(q, s)
				}
				parts = append(parts, fmt.Sprintf("blank %d: %s", i+1, strings.Join(numbers, " or ")))
			default:
				parts = append(parts, fmt.Sprintf("blank %d: %s", i+1, strings.Join(accepted, " or ")))
			}
		}
		if len(parts) == 1 {
			return strings.TrimPrefix(parts[0], "blank 1: ")
		}
		return strings.Join(parts, "\n")
	case course.Order, course.Output:
		items := Key(q).Items
		lines := make([]string, len(items))
		for i, s := range items {
			lines[i] = fmt.Sprintf("%d. %s", i+1, s)
		}
		return strings.Join(lines, "\n")
	}
	return ""
}

func feedback(q *course.Question, picked []int) []string {
	var out []string
	for _, n := range picked {
		if n >= 1 && n <= len(q.Choices) && q.Choices[n-1].Feedback != "" {
			out = append(out, q.Choices[n-1].Feedback)
		}
	}
	return out
}

// uniqueInRange keeps the valid choice numbers once each, sorted.
func uniqueInRange(ns []int, count int) []int {
	out := slices.DeleteFunc(slices.Clone(ns), func(n int) bool { return n < 1 || n > count })
	slices.Sort(out)
	return slices.Compact(out)
}

// blankMarker is three or more underscores: one blank in a text prompt.
var blankMarker = regexp.MustCompile(`_{3,}`)

// Blanks counts the blanks of a text question's prompt; a prompt with no
// marker has one.
func Blanks(prompt string) int {
	return max(1, len(blankMarker.FindAllStringIndex(prompt, -1)))
}

func matchBlank(q *course.Question, typed string, accepted []string) bool {
	if q.Match == course.MatchNumber {
		return !tooLong(typed) && slices.ContainsFunc(accepted, func(want string) bool { return matchNumber(q, typed, want) })
	}
	return slices.ContainsFunc(accepted, func(want string) bool { return Match(q.Match, typed, want) })
}

// Match reports whether typed matches one accepted answer under mode. A
// regex that does not compile, or is over the course's limits, matches
// nothing (check reports it); so does an answer over MaxAnswerLen. Under
// MatchNumber, both are read as numbers of no unit, compared exactly: a
// number question's unit and tolerance are the question's, so grade it
// with Grade.
func Match(mode course.MatchMode, typed, accepted string) bool {
	if tooLong(typed) {
		return false
	}
	switch mode {
	case course.MatchNumber:
		return matchNumber(&course.Question{Match: mode}, typed, accepted)
	case course.MatchExact:
		return strings.TrimSpace(typed) == strings.TrimSpace(accepted)
	case course.MatchRegex:
		re := patterns.compiled(accepted)
		return re != nil && re.MatchString(strings.TrimSpace(typed))
	default:
		return Fold(typed) == Fold(accepted)
	}
}

var folder = cases.Fold()

// Fold is the comparison form of fold matching: compatibility-normalised
// (full-width letters become ASCII, so an IME's ａｗａｉｔ is await),
// case-folded, with surrounding space trimmed and inner runs of space made one.
func Fold(s string) string {
	s = norm.NFKC.String(s)
	s = folder.String(s)
	return strings.Join(strings.Fields(s), " ")
}

// Score is a quiz's score: the mean of its questions' scores, counting
// unanswered questions (missing from results) as zero.
func Score(q *course.Quiz, results map[string]Result) float64 {
	if len(q.Questions) == 0 {
		return 0
	}
	total := 0.0
	for _, qu := range q.Questions {
		total += results[qu.ID].Score
	}
	return total / float64(len(q.Questions))
}

// Passed reports whether score reaches the quiz's pass mark. A tiny epsilon
// keeps 7 of 10 passing a 0.7 mark despite floating point.
func Passed(q *course.Quiz, score float64) bool {
	return score+1e-9 >= q.Pass
}

// Shuffle returns items in an order fixed by seed, attempt and the question
// id, so a retake sees a new order and a test sees the same one, and never
// the right order when there are two different items to swap: the learner
// must always do something.
func Shuffle(items []string, seed int64, attempt int, id string) []string {
	out := slices.Clone(items)
	if len(out) < 2 {
		return out
	}
	h := fnv.New64a()
	h.Write([]byte(id))
	r := rand.New(rand.NewPCG(uint64(seed), h.Sum64()^uint64(attempt)))
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	if slices.Equal(out, items) {
		for i := 0; i+1 < len(out); i++ {
			if out[i] != out[i+1] {
				out[i], out[i+1] = out[i+1], out[i]
				break
			}
		}
	}
	return out
}

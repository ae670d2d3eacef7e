package check

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/quiz"
)

// Rules of the quiz-format additions of issue 12: hints, tries, number answers.
const (
	// RuleNumberKey is an accepted answer of a match: number question that
	// is not a number in the question's unit: no typed answer could match it.
	RuleNumberKey = "number-key"
	// RuleToleranceTooWide is a number question whose tolerance reaches 0
	// from a key that is not 0: "0" and every guess between are right.
	RuleToleranceTooWide = "tolerance-too-wide"
	// RuleHintGivesAnswer is a hint that is, or holds, the answer.
	RuleHintGivesAnswer = "hint-gives-answer"
	// RuleTriesAllAnswers is a question whose tries let a learner try every
	// possible answer, so that answering right proves nothing.
	RuleTriesAllAnswers = "tries-all-answers"
)

// numberKeys checks a number question's key: each accepted answer is a
// number in the question's unit, and the tolerance leaves room to be wrong.
// It reports whether every accepted answer is a number.
func (ch *checker) numberKeys(q *course.Question) bool {
	ok := true
	for i, accepted := range q.Answers {
		for j, s := range accepted {
			key, err := quiz.NumberKey(q, s)
			if err != nil {
				ch.add(q.AnswerAt(i, j).Errorf(RuleNumberKey, "blank %d, answer %d: with match: number every accepted answer is a number%s: %v", i+1, j+1, inUnit(q.Unit), err))
				ok = false
				continue
			}
			if key != 0 && quiz.Within(q, key, 0) {
				ch.add(q.At("tolerance").Warnf(RuleToleranceTooWide, "blank %d: with tolerance %s, 0 and every guess up to the key %v are right; make the tolerance smaller than the key", i+1, toleranceText(q.Tolerance), key))
			}
		}
	}
	return ok
}

func inUnit(unit string) string {
	if unit == "" {
		return ""
	}
	return " in " + unit
}

func toleranceText(t course.Tolerance) string {
	if t.Relative {
		return fmt.Sprintf("%v%%", t.Value*100)
	}
	return fmt.Sprint(t.Value)
}

// triesAllAnswers warns when a question's tries are as many as the answers
// a learner can give: trying each in turn always ends right.
func (ch *checker) triesAllAnswers(q *course.Question) {
	if q.Tries <= 1 {
		return
	}
	n, what := possibleAnswers(q)
	if n == 0 || q.Tries < n {
		return
	}
	ch.add(q.At("tries").Warnf(RuleTriesAllAnswers, "tries: %d lets a learner try all %d %s of question %q, so a right answer proves nothing; allow at most %d tries, or add %s", q.Tries, n, what, q.ID, n-1, moreOf(q)))
}

// possibleAnswers counts the different answers a question can be given,
// 0 when there are too many to try (a typed answer).
func possibleAnswers(q *course.Question) (int, string) {
	switch q.Type {
	case course.Single:
		return len(q.Choices), "choices"
	case course.Multi:
		if len(q.Choices) < 8 {
			return 1<<len(q.Choices) - 1, "sets of choices"
		}
	case course.Order, course.Output:
		items := len(quiz.Key(q).Items)
		if items < 5 {
			f := 1
			for i := 2; i <= items; i++ {
				f *= i
			}
			return f, "orders"
		}
	}
	return 0, ""
}

func moreOf(q *course.Question) string {
	if q.Type == course.Single || q.Type == course.Multi {
		return "choices"
	}
	return "items"
}

// hintGivesAnswer warns of a hint that hands over the answer: the text of
// the correct choice, an accepted answer, or the key's number. A hint that
// names a wrong choice beside the right one contrasts them, and is left be.
func (ch *checker) hintGivesAnswer(q *course.Question) {
	if q.Hint == "" {
		return
	}
	if given := givenAway(q); given != "" {
		ch.add(q.At("hint").Warnf(RuleHintGivesAnswer, "the hint of question %q gives the answer away (%s); hint at the idea that leads there instead", q.ID, given))
	}
}

func givenAway(q *course.Question) string {
	hint := quiz.Fold(q.Hint)
	switch q.Type {
	case course.Single, course.Multi:
		named := func(correct bool) string {
			for _, c := range q.Choices {
				if c.Correct == correct && containsPhrase(hint, quiz.Fold(c.Text)) {
					return c.Text
				}
			}
			return ""
		}
		if right := named(true); right != "" && (hint == quiz.Fold(right) || named(false) == "") {
			return fmt.Sprintf("it holds the correct choice %q", truncateRunes(right, 40))
		}
	case course.Text:
		return textGivenAway(q, hint)
	case course.Order, course.Output:
		if hint == quiz.Fold(strings.Join(quiz.Key(q).Items, ", ")) {
			return "it is the key's order"
		}
	}
	return ""
}

// numberInText finds numbers, each with the word after it, in a hint.
var numberInText = regexp.MustCompile(`[-+]?[0-9๐-๙]+(?:[.,][0-9๐-๙]+)*\s*[\p{L}\p{M}.µ]*`)

func textGivenAway(q *course.Question, hint string) string {
	for _, accepted := range q.Answers {
		for _, s := range accepted {
			switch q.Match {
			case course.MatchNumber:
				key, err := quiz.NumberKey(q, s)
				if err != nil {
					continue
				}
				for _, found := range numberInText.FindAllString(hint, -1) {
					if saysNumber(q, found, key) {
						return fmt.Sprintf("it says %q", strings.TrimSpace(found))
					}
				}
			case course.MatchRegex:
				if quiz.Match(course.MatchRegex, q.Hint, s) {
					return "the hint itself is an accepted answer"
				}
			default:
				if quiz.Match(q.Match, q.Hint, s) || utf8.RuneCountInString(s) >= 2 && containsPhrase(hint, quiz.Fold(s)) {
					return fmt.Sprintf("it holds the accepted answer %q", truncateRunes(s, 40))
				}
			}
		}
	}
	return ""
}

// containsPhrase reports whether folded text holds phrase as whole words:
// "await" is in "use await here", not in "awaited". A letter of a script
// written without spaces (Thai) is no word boundary.
func containsPhrase(text, phrase string) bool {
	if phrase == "" {
		return false
	}
	for from := 0; ; {
		i := strings.Index(text[from:], phrase)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(phrase)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if !wordRune(before) && !wordRune(after) {
			return true
		}
		from = start + 1
	}
}

func wordRune(r rune) bool {
	return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_')
}

// numberKeyDiff says how a translated number question's key differs from
// the original's: the match mode, the values of its keys, its tolerance or
// its unit (which may be translated: s and วินาที are one unit).
func numberKeyDiff(t, en *course.Question) string {
	if (t.Match == course.MatchNumber) != (en.Match == course.MatchNumber) {
		return fmt.Sprintf("match: %s here, %s in the original", t.Match, en.Match)
	}
	if t.Match != course.MatchNumber {
		return ""
	}
	if !quiz.SameUnit(t.Unit, en.Unit) {
		return fmt.Sprintf("unit %q here, %q in the original", t.Unit, en.Unit)
	}
	if t.Tolerance != en.Tolerance {
		return fmt.Sprintf("tolerance %s here, %s in the original", toleranceText(t.Tolerance), toleranceText(en.Tolerance))
	}
	for i := range min(len(t.Answers), len(en.Answers)) {
		if !sameNumbers(t, en, t.Answers[i], en.Answers[i]) {
			return fmt.Sprintf("blank %d accepts other numbers than in the original", i+1)
		}
	}
	return ""
}

func sameNumbers(t, en *course.Question, a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, errX := quiz.NumberKey(t, a[i])
		y, errY := quiz.NumberKey(en, b[i])
		if errX != nil || errY != nil || math.Abs(x-y) > 1e-9*math.Max(math.Abs(x), math.Abs(y)) {
			return false
		}
	}
	return true
}

// saysNumber reports whether found, a number in a hint with the word after
// it, is the key: read with its unit, or, when that word is no unit ("1.5
// s." or "1.5 and"), as the number alone.
func saysNumber(q *course.Question, found string, key float64) bool {
	got, err := quiz.ReadNumber(found, q.Unit)
	if err != nil {
		number := strings.TrimRightFunc(found, func(r rune) bool { return !unicode.IsDigit(r) })
		if got, err = quiz.ReadNumber(number, q.Unit); err != nil {
			return false
		}
	}
	return quiz.Within(q, key, got)
}

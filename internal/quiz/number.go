package quiz

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

// A number answer is a number, then optionally a unit: "1.5", "1.5 s",
// "1.5s", "1500 ms", "1,5 วินาที". Reading it, this file decides:
//
//   - Digits may be ASCII, full-width (by Fold) or Thai (๑.๕); a minus may be
//     "-" or "−".
//   - A comma followed by groups of exactly three digits separates
//     thousands ("1,500" is 1500); any other single comma is a decimal
//     comma ("1,5" and "0,25" are 1.5 and 0.25), as many learners write it.
//   - No exponents, no fractions, no words: "1e3", "3/2" and "one" are not
//     numbers here.
//   - A unit of time is converted to the question's unit: with unit: s,
//     "1500 ms" is 1.5 and right, "1.5 ms" is 0.0015 and wrong. A unit of
//     another kind is no answer to the question (see NumberError).
//   - Without a unit the number is in the question's unit.

// timeUnits are the units of time a number answer may be written in, each
// with its size in seconds, by every name a learner may type (folded).
var timeUnits = func() map[string]float64 {
	sizes := []struct {
		seconds float64
		names   []string
	}{
		{1e-9, []string{"ns", "nanosecond", "nanoseconds", "นาโนวินาที"}},
		{1e-6, []string{"µs", "μs", "us", "microsecond", "microseconds", "ไมโครวินาที"}},
		{1e-3, []string{"ms", "msec", "msecs", "millisecond", "milliseconds", "มิลลิวินาที"}},
		{1, []string{"s", "sec", "secs", "second", "seconds", "วินาที", "วิ"}},
		{60, []string{"m", "min", "mins", "minute", "minutes", "นาที"}},
		{3600, []string{"h", "hr", "hrs", "hour", "hours", "ชั่วโมง", "ชม."}},
	}
	m := map[string]float64{}
	for _, s := range sizes {
		for _, name := range s.names {
			m[Fold(name)] = s.seconds
		}
	}
	return m
}()

// NumberError says why a typed answer is not a number in the question's
// unit, in words a learner can act on. Grade counts such an answer wrong;
// a front-end may instead show the error and let the learner type again,
// as grade's answers file does.
type NumberError struct {
	Typed string
	Unit  string // the question's unit, "" for a bare number
	Why   string
}

func (e *NumberError) Error() string {
	return fmt.Sprintf("%q %s", e.Typed, e.Why)
}

// ReadNumber reads a typed number answer in unit (the question's), and
// returns its value in that unit.
func ReadNumber(typed, unit string) (float64, error) {
	if tooLong(typed) {
		return 0, &NumberError{Typed: truncated(typed), Unit: unit, Why: fmt.Sprintf("is longer than %d characters", MaxAnswerLen)}
	}
	s := digitsToASCII(Fold(typed))
	numPart, unitPart := splitNumber(s)
	value, ok := parseDecimal(numPart)
	if !ok {
		return 0, &NumberError{Typed: typed, Unit: unit, Why: "is not a number; write digits, like " + example(unit)}
	}
	factor, err := unitFactor(strings.TrimSpace(unitPart), unit)
	if err != "" {
		return 0, &NumberError{Typed: typed, Unit: unit, Why: err}
	}
	return value * factor, nil
}

func example(unit string) string {
	if unit == "" {
		return "1.5"
	}
	return "1.5 or 1.5 " + unit
}

func truncated(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// unitFactor is what a number written in typed must be multiplied by to be
// in want, or a reason it cannot be.
func unitFactor(typed, want string) (float64, string) {
	if typed == "" {
		return 1, ""
	}
	if want == "" {
		return 0, "has a unit, but the answer is a plain number; write the number alone"
	}
	t, w := Fold(typed), Fold(want)
	if t == w {
		return 1, ""
	}
	typedSize, typedIsTime := timeUnits[t]
	wantSize, wantIsTime := timeUnits[w]
	switch {
	case typedIsTime && wantIsTime:
		return typedSize / wantSize, ""
	case !wantIsTime && (t == w+"s" || t+"s" == w): // task and tasks
		return 1, ""
	case wantIsTime:
		return 0, fmt.Sprintf("is not in a unit of time; answer in %s (or ms, min…)", want)
	}
	return 0, fmt.Sprintf("is not in %s; answer in %s", want, want)
}

// splitNumber cuts s after its leading number-like characters: sign,
// digits, dots and commas.
func splitNumber(s string) (num, rest string) {
	i := 0
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		i++
	}
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == ',') {
		i++
	}
	return strings.TrimSpace(s[:i]), s[i:]
}

// parseDecimal reads a sign, digits, and at most one decimal point or
// comma, with commas between thousands as the comment at the top says.
func parseDecimal(s string) (float64, bool) {
	sign := ""
	if s != "" && (s[0] == '-' || s[0] == '+') {
		sign, s = s[:1], s[1:]
	}
	if strings.Contains(s, ",") {
		var ok bool
		if s, ok = decimalComma(s); !ok {
			return 0, false
		}
	}
	if s == "" || s == "." || strings.Count(s, ".") > 1 {
		return 0, false
	}
	f, err := strconv.ParseFloat(sign+s, 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// decimalComma rewrites s, which holds a comma, with a decimal point and
// no thousands separators: "1,500.5" and "1,500" drop the commas, "1,5"
// becomes "1.5".
func decimalComma(s string) (string, bool) {
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if groupsOfThousands(intPart) {
		return strings.ReplaceAll(intPart, ",", "") + cond(hasPoint, "."+frac, ""), true
	}
	if hasPoint || strings.Count(s, ",") != 1 {
		return "", false
	}
	return strings.Replace(s, ",", ".", 1), true
}

// groupsOfThousands reports whether s is 1 to 3 digits, then one or more
// groups of a comma and three digits.
func groupsOfThousands(s string) bool {
	groups := strings.Split(s, ",")
	if len(groups) < 2 || len(groups[0]) < 1 || len(groups[0]) > 3 {
		return false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return false
		}
	}
	return true
}

func cond(ok bool, a, b string) string {
	if ok {
		return a
	}
	return b
}

// digitsToASCII turns Thai digits into ASCII ones and the minus sign into a
// hyphen; Fold has made full-width digits ASCII already.
func digitsToASCII(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '๐' && r <= '๙':
			return '0' + (r - '๐')
		case r == '−':
			return '-'
		}
		return r
	}, s)
}

// NumberKey reads one accepted answer of a number question, as check and
// the grader do: the author's key is read like a learner's answer, so
// "1.5" and "1500 ms" are keys of a question in s.
func NumberKey(q *course.Question, accepted string) (float64, error) {
	return ReadNumber(accepted, q.Unit)
}

// Within reports whether got is right for a key of q: within its
// tolerance, plus a hair for the rounding of unit conversion (1500 ms is
// 1.5 s exactly, though not in floating point).
func Within(q *course.Question, key, got float64) bool {
	tol := q.Tolerance.Value
	if q.Tolerance.Relative {
		tol *= math.Abs(key)
	}
	hair := 1e-9 * math.Max(math.Abs(key), math.Abs(got))
	return math.Abs(got-key) <= tol+hair
}

// matchNumber reports whether typed is right for one accepted answer of a
// number question. A key that is not a number matches nothing (check
// reports it).
func matchNumber(q *course.Question, typed, accepted string) bool {
	key, err := NumberKey(q, accepted)
	if err != nil {
		return false
	}
	got, err := ReadNumber(typed, q.Unit)
	return err == nil && Within(q, key, got)
}

// numberExpected is the key of a number question in words: "1.5 s",
// "1.5 s (± 0.1)", "1.5 s (± 5%)".
func numberExpected(q *course.Question, accepted string) string {
	s := strings.TrimSpace(accepted)
	if q.Unit != "" {
		if _, unit := splitNumber(digitsToASCII(Fold(s))); strings.TrimSpace(unit) == "" {
			s += " " + q.Unit
		}
	}
	switch {
	case q.Tolerance.Value == 0:
		return s
	case q.Tolerance.Relative:
		return fmt.Sprintf("%s (± %s%%)", s, strconv.FormatFloat(q.Tolerance.Value*100, 'f', -1, 64))
	}
	return fmt.Sprintf("%s (± %s)", s, strconv.FormatFloat(q.Tolerance.Value, 'f', -1, 64))
}

// SameUnit reports whether two units are one, however written: s, sec and
// วินาที are; s and ms are not.
func SameUnit(a, b string) bool {
	if Fold(a) == Fold(b) {
		return true
	}
	if a == "" || b == "" {
		return false
	}
	f, err := unitFactor(a, b)
	return err == "" && f == 1
}

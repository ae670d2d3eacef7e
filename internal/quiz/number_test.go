package quiz

import (
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

func numberQ(key, unit string, tol course.Tolerance) *course.Question {
	return &course.Question{ID: "n", Type: course.Text, Match: course.MatchNumber, Answers: [][]string{{key}}, Unit: unit, Tolerance: tol}
}

func right(q *course.Question, typed string) bool {
	return Grade(q, Answer{Texts: []string{typed}}).Correct
}

func TestNumberAnswersInSecondsAreOneAnswer(t *testing.T) {
	q := numberQ("1.5", "s", course.Tolerance{})
	for _, typed := range []string{
		"1.5", " 1.5 ", "1.5 s", "1.5s", "1.5 S", "1.5 sec", "1.5 secs", "1.5 second", "1.5 seconds", "1.5 Seconds",
		"1.5 วินาที", "1.50", "+1.5", "01.5",
		"1500 ms", "1500ms", "1500 milliseconds", "1,500 ms", "1500 มิลลิวินาที", "0.025 min", "1500000 µs", "1500000 us",
		"1,5", "1,5 s", // a decimal comma
		"๑.๕", "๑.๕ วินาที", "１.５", "１.５ ｓ", // Thai and full-width digits
	} {
		assert.True(t, right(q, typed), "%q is 1.5 s", typed)
	}
	for _, typed := range []string{
		"1.5 ms", "15", "1.6", "1", "-1.5", "", "soon", "1.5 kg", "1.5 meters", "one and a half",
		"1e0", "3/2", "1.5.0", "1,5,0", "1.500,0", ".", "-", "1.5 s s", "NaN", "Inf", "0x1.8p0",
	} {
		assert.False(t, right(q, typed), "%q is not 1.5 s", typed)
	}
}

func TestNumberCommaOfThousands(t *testing.T) {
	q := numberQ("1500", "ms", course.Tolerance{})
	assert.True(t, right(q, "1,500"), "a comma before three digits groups thousands")
	assert.True(t, right(q, "1,500.0 ms"))
	assert.True(t, right(q, "1.5 s"))
	assert.False(t, right(q, "1,5"), "a comma before one digit is a decimal comma: 1.5 ms")
	assert.False(t, right(q, "1,50,0"))
	big := numberQ("1234567", "", course.Tolerance{})
	assert.True(t, right(big, "1,234,567"))
	assert.False(t, right(big, "1,234,56"))
}

func TestNumberTolerance(t *testing.T) {
	abs := numberQ("1.5", "s", course.Tolerance{Value: 0.1})
	for typed, want := range map[string]bool{"1.4": true, "1.6": true, "1.45 s": true, "1600 ms": true, "1.61": false, "1.39": false, "1700 ms": false} {
		assert.Equal(t, want, right(abs, typed), "%q within 0.1 of 1.5", typed)
	}
	rel := numberQ("200", "ms", course.Tolerance{Value: 0.05, Relative: true})
	for typed, want := range map[string]bool{"190": true, "210 ms": true, "0.2 s": true, "0.21 s": true, "189": false, "211": false} {
		assert.Equal(t, want, right(rel, typed), "%q within 5%% of 200 ms", typed)
	}
	exact := numberQ("3", "", course.Tolerance{})
	assert.True(t, right(exact, "3"))
	assert.True(t, right(exact, "3.0"))
	assert.False(t, right(exact, "3.0000001"))
}

func TestNumberWithAUnitThatIsNotTime(t *testing.T) {
	q := numberQ("3", "tasks", course.Tolerance{})
	for typed, want := range map[string]bool{"3": true, "3 tasks": true, "3 task": true, "3 Tasks": true, "3 s": false, "3 workers": false} {
		assert.Equal(t, want, right(q, typed), typed)
	}
	bare := numberQ("3", "", course.Tolerance{})
	assert.True(t, right(bare, "3"))
	assert.False(t, right(bare, "3 s"), "a plain number has no unit")
}

func TestNumberKeyWithAUnit(t *testing.T) {
	q := numberQ("1500 ms", "s", course.Tolerance{})
	assert.True(t, right(q, "1.5"))
	assert.True(t, right(q, "1.5 s"))
	assert.Equal(t, "1500 ms", Expected(q), "a key that names its unit is shown as written")
}

func TestReadNumberSaysWhyNot(t *testing.T) {
	v, err := ReadNumber("1.5 วินาที", "s")
	require.NoError(t, err)
	assert.InDelta(t, 1.5, v, 1e-12)

	for typed, why := range map[string]string{
		"soon":                     `"soon" is not a number; write digits, like 1.5 or 1.5 s`,
		"1.5 kg":                   `"1.5 kg" is not in a unit of time; answer in s (or ms, min…)`,
		strings.Repeat("1", 201):   "is longer than 200 characters",
		"":                         `"" is not a number`,
		"1.5 s and a half":         "is not in a unit of time",
		"two seconds":              "is not a number",
		"1.5 รอบ":                  "is not in a unit of time",
		"1.5\x1b[31m":              "is not in a unit of time",
		"1.5 tasks" + string('\n'): "is not in a unit of time",
	} {
		_, err := ReadNumber(typed, "s")
		var ne *NumberError
		require.ErrorAs(t, err, &ne, "%q", typed)
		assert.Contains(t, err.Error(), why, "%q", typed)
	}
	_, err = ReadNumber("3 s", "tasks")
	assert.EqualError(t, err, `"3 s" is not in tasks; answer in tasks`)
	_, err = ReadNumber("3 s", "")
	assert.ErrorContains(t, err, "has a unit, but the answer is a plain number")
}

func TestNumberExpected(t *testing.T) {
	assert.Equal(t, "1.5 s", Expected(numberQ("1.5", "s", course.Tolerance{})))
	assert.Equal(t, "1.5 s (± 0.1)", Expected(numberQ("1.5", "s", course.Tolerance{Value: 0.1})))
	assert.Equal(t, "200 ms (± 5%)", Expected(numberQ("200", "ms", course.Tolerance{Value: 0.05, Relative: true})))
	assert.Equal(t, "3", Expected(numberQ("3", "", course.Tolerance{})))
}

func TestNumberAnswerOverTheLengthLimitIsWrongUnread(t *testing.T) {
	q := numberQ("1", "", course.Tolerance{})
	long := "1" + strings.Repeat(" ", MaxAnswerLen)
	assert.False(t, right(q, long))
	assert.Error(t, CheckAnswer(Answer{Texts: []string{long}}))
}

func TestSameUnit(t *testing.T) {
	assert.True(t, SameUnit("s", "วินาที"))
	assert.True(t, SameUnit("sec", "Seconds"))
	assert.True(t, SameUnit("", ""))
	assert.True(t, SameUnit("tasks", "Tasks"))
	assert.False(t, SameUnit("s", "ms"))
	assert.False(t, SameUnit("s", ""))
	assert.False(t, SameUnit("tasks", "งาน"))
}

func TestMatchNumberModeWithoutAQuestion(t *testing.T) {
	assert.True(t, Match(course.MatchNumber, "1,5", "1.5"))
	assert.False(t, Match(course.MatchNumber, "1.5 s", "1.5"), "without a question there is no unit")
}

func TestNumberAnswersFile(t *testing.T) {
	q := &course.Quiz{ID: "q", Questions: []*course.Question{
		numberQ("1.5", "s", course.Tolerance{Value: 0.1}),
		{ID: "two", Type: course.Text, Match: course.MatchNumber, Prompt: "___ and ___", Answers: [][]string{{"1"}, {"2"}}},
	}}
	got, ps := ParseAnswers("a.yaml", []byte("n: 1500 ms\ntwo: [1, 2]\n"), q)
	require.Empty(t, ps)
	assert.True(t, Grade(q.Questions[0], got["n"]).Correct)
	assert.True(t, Grade(q.Questions[1], got["two"]).Correct)

	got, ps = ParseAnswers("a.yaml", []byte("n: 1.5\n"), q)
	require.Empty(t, ps, "a YAML number is the number")
	assert.True(t, Grade(q.Questions[0], got["n"]).Correct)

	_, ps = ParseAnswers("a.yaml", []byte("n: soon\ntwo: [1, two]\n"), q)
	require.Len(t, ps, 2)
	assert.Equal(t, "a.yaml:1:4", ps[0].Where())
	assert.Contains(t, ps[0].Message, `question "n" (text): "soon" is not a number`)
	assert.Equal(t, "a.yaml:2:10", ps[1].Where(), "at the blank that is not a number")
	assert.Contains(t, ps[1].Message, `"two" is not a number`)

	_, ps = ParseAnswers("a.yaml", []byte("n: 1.5 kg\n"), q)
	require.Len(t, ps, 1)
	assert.Contains(t, ps[0].Message, "is not in a unit of time; answer in s")

	_, ps = ParseAnswers("a.yaml", []byte("# nothing\n"), &course.Quiz{ID: "q", Questions: q.Questions[:1]})
	require.Len(t, ps, 1)
	assert.Contains(t, ps[0].Message, "e.g. n: 1.5")
}

func FuzzReadNumber(f *testing.F) {
	for _, s := range []string{"1.5", "1,500 ms", "๑.๕ วินาที", "-0", "1,5,", "+", "１.５ ｓ", "1e308", strings.Repeat("9", 200)} {
		f.Add(s, "s")
	}
	f.Fuzz(func(t *testing.T, typed, unit string) {
		v, err := ReadNumber(typed, unit)
		if err == nil {
			assert.False(t, math.IsNaN(v) || math.IsInf(v, 0), "%q read as %v", typed, v)
		}
	})
}

func BenchmarkGradeNumber(b *testing.B) {
	q := numberQ("1.5", "s", course.Tolerance{Value: 0.1})
	answers := []Answer{{Texts: []string{"1,5 วินาที"}}, {Texts: []string{"1500 ms"}}, {Texts: []string{"soon"}}}
	for i := 0; b.Loop(); i++ {
		Grade(q, answers[i%len(answers)])
	}
}

func BenchmarkGradeNumberLongestAnswer(b *testing.B) {
	q := numberQ("1.5", "s", course.Tolerance{Value: 0.1})
	a := Answer{Texts: []string{"1.5" + strings.Repeat(" ", MaxAnswerLen-5) + "s"}}
	for b.Loop() {
		Grade(q, a)
	}
}

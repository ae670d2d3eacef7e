package quiz

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

func single() *course.Question {
	return &course.Question{ID: "s", Type: course.Single, Explanation: "why", Choices: []course.Choice{
		{Text: "a", Feedback: "not a"}, {Text: "b", Correct: true, Feedback: "yes b"}, {Text: "c"},
	}}
}

func multi() *course.Question {
	return &course.Question{ID: "m", Type: course.Multi, Choices: []course.Choice{
		{Text: "a", Correct: true, Feedback: "a right"}, {Text: "b", Correct: true}, {Text: "c", Feedback: "c wrong"}, {Text: "d", Correct: true},
	}}
}

func TestGradeSingle(t *testing.T) {
	q := single()
	r := Grade(q, Answer{Choice: 2})
	assert.True(t, r.Correct)
	assert.Equal(t, 1.0, r.Score)
	assert.Equal(t, []string{"yes b"}, r.Feedback)
	assert.Equal(t, "why", r.Explanation)

	r = Grade(q, Answer{Choice: 1})
	assert.False(t, r.Correct)
	assert.Zero(t, r.Score)
	assert.Equal(t, []string{"not a"}, r.Feedback)
	assert.Equal(t, "2. b", r.Expected)

	for _, bad := range []int{0, -1, 4} {
		r = Grade(q, Answer{Choice: bad})
		assert.False(t, r.Correct, "choice %d", bad)
		assert.Empty(t, r.Feedback)
	}
	assert.False(t, Grade(q, Answer{}).Answered)
}

func TestGradeMultiPartialCredit(t *testing.T) {
	q := multi()
	cases := []struct {
		picked  []int
		score   float64
		correct bool
	}{
		{[]int{1, 2, 4}, 1, true},
		{[]int{4, 2, 1, 1}, 1, true}, // order and repeats do not matter
		{[]int{1, 2}, 2.0 / 3, false},
		{[]int{1}, 1.0 / 3, false},
		{[]int{1, 2, 3}, 0, false}, // a wrong pick forfeits the credit
		{[]int{1, 2, 4, 3}, 0, false},
		{[]int{9}, 0, false},
		{nil, 0, false},
	}
	for _, c := range cases {
		r := Grade(q, Answer{Choices: c.picked})
		assert.InDelta(t, c.score, r.Score, 1e-9, "%v", c.picked)
		assert.Equal(t, c.correct, r.Correct, "%v", c.picked)
	}
	r := Grade(q, Answer{Choices: []int{3, 1}})
	assert.Equal(t, []string{"a right", "c wrong"}, r.Feedback, "feedback of each picked choice, in choice order")
}

func TestGradeText(t *testing.T) {
	q := &course.Question{ID: "t", Type: course.Text, Prompt: "___ and ___", Match: course.MatchFold,
		Answers: [][]string{{"async"}, {"await", "await keyword"}}}
	assert.True(t, Grade(q, Answer{Texts: []string{"  ASYNC ", "Await   Keyword"}}).Correct)
	assert.True(t, Grade(q, Answer{Texts: []string{"ａｓｙｎｃ", "await"}}).Correct, "full-width letters from an IME fold to ASCII")
	r := Grade(q, Answer{Texts: []string{"async", "wait"}})
	assert.False(t, r.Correct)
	assert.Equal(t, []bool{true, false}, r.Blanks)
	assert.Equal(t, "blank 1: async\nblank 2: await or await keyword", r.Expected)
	assert.False(t, Grade(q, Answer{Texts: []string{"async"}}).Correct, "a missing blank is wrong")

	q.Match = course.MatchExact
	assert.True(t, Grade(q, Answer{Texts: []string{" async", "await "}}).Correct)
	assert.False(t, Grade(q, Answer{Texts: []string{"Async", "await"}}).Correct)

	re := &course.Question{ID: "r", Type: course.Text, Prompt: "how long?", Match: course.MatchRegex, Answers: [][]string{{`3(\.0+)?\s*s?`}}}
	assert.True(t, Grade(re, Answer{Texts: []string{"3.00 s"}}).Correct)
	assert.False(t, Grade(re, Answer{Texts: []string{"13"}}).Correct, "a pattern matches the whole answer")
	broken := &course.Question{ID: "b", Type: course.Text, Match: course.MatchRegex, Answers: [][]string{{`(`}}}
	assert.False(t, Grade(broken, Answer{Texts: []string{"("}}).Correct)
}

func TestGradeOrderAndOutput(t *testing.T) {
	q := &course.Question{ID: "o", Type: course.Order, Items: []string{"a", "b", "c"}}
	assert.True(t, Grade(q, Answer{Items: []string{"a", "b", "c"}}).Correct)
	assert.False(t, Grade(q, Answer{Items: []string{"b", "a", "c"}}).Correct)
	assert.False(t, Grade(q, Answer{Items: []string{"a", "b"}}).Correct)
	assert.Equal(t, "1. a\n2. b\n3. c", Grade(q, Answer{}).Expected)

	out := &course.Question{ID: "p", Type: course.Output, Example: "gather", Lines: []string{"x", "y"}}
	assert.True(t, Grade(out, Answer{Items: []string{"x", "y"}}).Correct)
	assert.False(t, Grade(out, Answer{Items: []string{"y", "x"}}).Correct)
}

func TestKeyScoresFullMarks(t *testing.T) {
	for _, q := range []*course.Question{single(), multi(),
		{Type: course.Text, Match: course.MatchFold, Answers: [][]string{{"x"}}},
		{Type: course.Order, Items: []string{"1", "2"}},
		{Type: course.Output, Lines: []string{"1", "2"}}} {
		assert.Equal(t, 1.0, Grade(q, Key(q)).Score, "%s", q.Type)
	}
}

func TestBlanks(t *testing.T) {
	assert.Equal(t, 1, Blanks("no marker"))
	assert.Equal(t, 1, Blanks("the ___ keyword"))
	assert.Equal(t, 2, Blanks("___ and _____"))
	assert.Equal(t, 1, Blanks("__init__ is not a blank"))
}

func TestScoreAndPass(t *testing.T) {
	qz := &course.Quiz{Pass: 0.7}
	for i := range 10 {
		qz.Questions = append(qz.Questions, &course.Question{ID: string(rune('a' + i))})
	}
	results := map[string]Result{}
	for i := range 7 {
		results[string(rune('a'+i))] = Result{Score: 1}
	}
	score := Score(qz, results)
	assert.InDelta(t, 0.7, score, 1e-9)
	assert.True(t, Passed(qz, score), "7 of 10 passes a 0.7 mark")
	delete(results, "a")
	assert.False(t, Passed(qz, Score(qz, results)))
}

func TestParseAnswers(t *testing.T) {
	qz := &course.Quiz{ID: "q", Questions: []*course.Question{
		single(), multi(),
		{ID: "t", Type: course.Text, Answers: [][]string{{"x"}, {"y"}}},
		{ID: "o", Type: course.Order, Items: []string{"a", "b"}},
	}}
	got, problems := ParseAnswers("a.yaml", []byte("s: 2\nm: [1, 4]\nt: [x, y]\no: [b, a]\n"), qz)
	require.Empty(t, problems)
	assert.Equal(t, map[string]Answer{
		"s": {Choice: 2}, "m": {Choices: []int{1, 4}}, "t": {Texts: []string{"x", "y"}}, "o": {Items: []string{"b", "a"}},
	}, got)

	_, problems = ParseAnswers("a.yaml", []byte("s: 7\nmm: [1]\nt: {x: 1}\ns: 1\n"), qz)
	var where []string
	for _, p := range problems {
		where = append(where, p.Where()+" "+p.Rule)
	}
	assert.Equal(t, []string{"a.yaml:1:4 wrong-type", "a.yaml:2:1 unknown-key", "a.yaml:3:4 wrong-type", "a.yaml:4:1 duplicate-key"}, where)
	assert.Contains(t, problems[0].Message, "no choice 7")
	assert.Contains(t, problems[1].Message, `did you mean "m"`)

	_, problems = ParseAnswers("a.yaml", []byte("s: [1\n"), qz)
	require.Len(t, problems, 1)
	assert.Equal(t, "a.yaml:2:1", problems[0].Where())
}

func TestShuffleIsRepeatableAndNeverSorted(t *testing.T) {
	items := []string{"a", "b", "c"}
	for seed := range int64(200) {
		s := Shuffle(items, seed, 1, "q")
		assert.NotEqual(t, items, s, "seed %d", seed)
		assert.ElementsMatch(t, items, s)
		assert.Equal(t, s, Shuffle(items, seed, 1, "q"))
	}
	assert.Equal(t, []string{"x", "x"}, Shuffle([]string{"x", "x"}, 1, 1, "q"), "equal items cannot be shuffled")
	assert.Equal(t, []string{"x"}, Shuffle([]string{"x"}, 1, 1, "q"))
	assert.NotEqual(t, []string{"a", "b"}, Shuffle([]string{"a", "b"}, 7, 1, "q"))
}

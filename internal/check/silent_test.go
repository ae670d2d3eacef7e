package check

import (
	"context"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

// checkQuiz checks a course of one quiz file and returns its problems of the
// given rules, as "file:line:col severity rule".
func checkQuiz(t *testing.T, quizYAML string, rules ...string) []string {
	t.Helper()
	src := course.Source{
		Lessons: fstest.MapFS{"01-a.md": {Data: []byte("---\nid: a\ntitle: A\nquiz: q\n---\nText.\n")}},
		Quizzes: fstest.MapFS{"01-q.yaml": {Data: []byte(quizYAML)}},
	}
	c, problems := course.Load(context.Background(), src)
	r := Course(context.Background(), c, problems, Options{})
	var out []string
	for _, p := range r.Problems {
		if slices.Contains(rules, p.Rule) {
			out = append(out, p.Where()+" "+string(p.Severity)+" "+p.Rule)
		}
	}
	return out
}

func TestOrderItemsThatDifferOnlyInCaseOrSpacing(t *testing.T) {
	got := checkQuiz(t, `id: q
title: Q
questions:
  - id: steps
    type: order
    prompt: Order.
    items:
      - Start the loop
      - run a task
      - start  the   LOOP
    explanation: x
`, RuleOrderItemsAlike, RuleOrderItems)
	assert.Equal(t, []string{"quizzes/01-q.yaml:8:7 error order-items-alike"}, got)
}

func TestOrderItemsThatDifferAreFine(t *testing.T) {
	got := checkQuiz(t, "id: q\ntitle: Q\nquestions:\n  - id: s\n    type: order\n    prompt: Order.\n    items: [start, started, Start it]\n    explanation: x\n", RuleOrderItemsAlike)
	assert.Empty(t, got)
}

func TestRegexLikeAnswerUnderFold(t *testing.T) {
	quizWith := func(match, answers string) string {
		return "id: q\ntitle: Q\nquestions:\n  - id: t\n    type: text\n    prompt: Name the class.\n" +
			"    answers: " + answers + "\n" + match + "    explanation: x\n"
	}
	warned := []string{"quizzes/01-q.yaml:7:14 warning regex-like-answer"}
	for _, tc := range []struct {
		name, match, answers string
		want                 []string
	}{
		{"optional group, fold by default", "", `[["(Bounded)?Semaphore"]]`, warned},
		{"alternation, exact", "    match: exact\n", `[["Lock|Semaphore"]]`, warned},
		{"wildcard", "", `[["asyncio.*"]]`, warned},
		{"escape class", "", `[["\\d+ s"]]`, warned},
		{"character range", "", `[["[a-z]+"]]`, warned},
		{"anchors", "", `[["^await$"]]`, warned},
		{"under regex the pattern is meant", "    match: regex\n", `[["(Bounded)?Semaphore"]]`, nil},
		{"plain calls and notes", "", `[["wg.Wait()", "queue (FIFO)", "1.5", "<-sem", "a | b"]]`, nil},
		{"not a pattern either", "", `[["(Bounded?Semaphore"]]`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, checkQuiz(t, quizWith(tc.match, tc.answers), RuleRegexLikeAnswer))
		})
	}
}

// A multi question with every choice correct is a warning: its key is
// gradable and consistent (so not an error), but ticking every box always
// wins, so it asks nothing; --strict fails it.
func TestMultiWithEveryChoiceCorrect(t *testing.T) {
	quiz := `id: q
title: Q
questions:
  - id: m
    type: multi
    prompt: Which are true?
    choices:
      - text: One
        correct: true
      - text: Two
        correct: true
    explanation: x
`
	assert.Equal(t, []string{"quizzes/01-q.yaml:8:7 warning multi-all-correct"}, checkQuiz(t, quiz, RuleMultiAllCorrect))
	oneWrong := quiz + "  - id: n\n    type: multi\n    prompt: P\n    choices:\n      - text: One\n        correct: true\n      - text: Two\n        feedback: f\n    explanation: x\n"
	assert.Len(t, checkQuiz(t, oneWrong, RuleMultiAllCorrect), 1, "a multi with a wrong choice is fine")
}

func TestStrictReportsWarningsAsErrors(t *testing.T) {
	src := course.Source{
		Lessons: fstest.MapFS{"01-a.md": {Data: []byte("---\nid: a\ntitle: A\n---\nText.\n")}},
		Quizzes: fstest.MapFS{"01-q.yaml": {Data: []byte("id: q\ntitle: Q\nquestions:\n  - id: s\n    type: single\n    prompt: P\n    choices:\n      - {text: a, correct: true}\n      - {text: b, feedback: f}\n    explanation: x\n")}},
	}
	c, problems := course.Load(context.Background(), src)
	lenient := Course(context.Background(), c, problems, Options{})
	assert.Equal(t, []string{"quizzes/01-q.yaml:1:5 warning unused-quiz"}, brief(lenient))
	assert.True(t, lenient.OK())

	strict := Course(context.Background(), c, problems, Options{Strict: true})
	assert.Equal(t, []string{"quizzes/01-q.yaml:1:5 error unused-quiz"}, brief(strict))
	assert.False(t, strict.OK())
	assert.Equal(t, course.SeverityWarning, lenient.Problems[0].Severity, "the lenient report is not changed")
}

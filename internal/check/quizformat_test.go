package check

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

// checkOneQuiz checks a course of one quiz, src, and returns its problems of
// the rules named (all when none), as "where severity rule".
func checkOneQuiz(t *testing.T, src string, rules ...string) []string {
	t.Helper()
	q, ps := course.ParseQuiz("q.yaml", []byte(src))
	require.Empty(t, ps, "the quiz loads")
	r := Course(context.Background(), &course.Course{Quizzes: []*course.Quiz{q}}, nil, Options{})
	return onlyRules(r.Problems, rules)
}

func onlyRules(ps []course.Problem, rules []string) []string {
	var out []string
	for _, p := range ps {
		if len(rules) == 0 || containsString(rules, p.Rule) {
			out = append(out, fmt.Sprintf("%s %s %s", p.Where(), p.Severity, p.Rule))
		}
	}
	return out
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// numberQuiz is a number question with the accepted answers given, written
// on line 9 from column 16, and extra lines from line 10 on.
func numberQuiz(answers, extra string) string {
	return "id: q\ntitle: T\nquestions:\n  - id: x\n    type: text\n    prompt: How long?\n    explanation: e\n    match: number\n    answers: [" + answers + "]\n" + extra
}

func TestNumberKeysThatAreNumbersPass(t *testing.T) {
	for _, c := range []struct{ answers, extra string }{
		{"[1.5]", "    unit: s\n"},
		{"[1.5, 1500 ms]", "    unit: s\n    tolerance: 0.1\n"},
		{"['1,5']", "    unit: วินาที\n"},
		{"[200]", "    unit: ms\n    tolerance: 5%\n"},
		{"[3]", ""},
		{"[0]", "    unit: s\n    tolerance: 0.1\n"},
	} {
		assert.Empty(t, checkOneQuiz(t, numberQuiz(c.answers, c.extra)), "%s %s", c.answers, c.extra)
	}
}

func TestNumberKeyThatIsNotANumberIsAnErrorAtIt(t *testing.T) {
	src := numberQuiz("[1.5, soon], [2 kg]", "    unit: s\n")
	src = strings.Replace(src, "How long?", "___ then ___", 1)
	got := checkOneQuiz(t, src)
	assert.Equal(t, []string{"q.yaml:9:21 error number-key", "q.yaml:9:29 error number-key"}, got)

	q, _ := course.ParseQuiz("q.yaml", []byte(src))
	r := Course(context.Background(), &course.Course{Quizzes: []*course.Quiz{q}}, nil, Options{})
	require.Len(t, r.Problems, 2)
	assert.Contains(t, r.Problems[0].Message, `blank 1, answer 2: with match: number every accepted answer is a number in s: "soon" is not a number`)
	assert.Contains(t, r.Problems[1].Message, `blank 2, answer 1`)
	assert.Contains(t, r.Problems[1].Message, `is not in a unit of time`)

	got = checkOneQuiz(t, numberQuiz("[1.5 s]", ""))
	assert.Equal(t, []string{"q.yaml:9:16 error number-key"}, got, "a plain-number question whose key has a unit")
}

func TestToleranceReachingZeroIsAWarning(t *testing.T) {
	for _, tol := range []string{"1.5", "2", "100%", "150%"} {
		got := checkOneQuiz(t, numberQuiz("[1.5]", "    tolerance: "+tol+"\n"))
		assert.Equal(t, []string{"q.yaml:10:16 warning tolerance-too-wide"}, got, tol)
	}
	assert.Empty(t, checkOneQuiz(t, numberQuiz("[1.5]", "    tolerance: 1.4\n")))
	assert.Empty(t, checkOneQuiz(t, numberQuiz("[1.5]", "    tolerance: 99%\n")))
}

// singleQuiz is a single question of the choices given, each correct:
// true when it starts with "*", with extra lines after the choices.
func singleQuiz(extra string, choices ...string) string {
	var b strings.Builder
	b.WriteString("id: q\ntitle: T\nquestions:\n  - id: x\n    type: single\n    prompt: Who runs?\n    explanation: e\n    choices:\n")
	for _, c := range choices {
		if text, ok := strings.CutPrefix(c, "*"); ok {
			fmt.Fprintf(&b, "      - {text: %q, correct: true}\n", text)
		} else {
			fmt.Fprintf(&b, "      - {text: %q, feedback: f}\n", c)
		}
	}
	b.WriteString(extra)
	return b.String()
}

func TestTriesThatTryEveryAnswerAreAWarning(t *testing.T) {
	two := []string{"*the loop", "the thread"}
	three := []string{"*the loop", "the thread", "the kernel"}
	assert.Equal(t, []string{"q.yaml:11:12 warning tries-all-answers"}, checkOneQuiz(t, singleQuiz("    tries: 2\n", two...), RuleTriesAllAnswers))
	assert.Equal(t, []string{"q.yaml:12:12 warning tries-all-answers"}, checkOneQuiz(t, singleQuiz("    tries: 3\n", three...), RuleTriesAllAnswers))
	assert.Empty(t, checkOneQuiz(t, singleQuiz("    tries: 2\n", three...), RuleTriesAllAnswers), "one answer is still left untried")
	assert.Empty(t, checkOneQuiz(t, singleQuiz("", two...), RuleTriesAllAnswers), "one try never tries all")

	multi := strings.Replace(singleQuiz("    tries: 3\n", "*a", "*b"), "type: single", "type: multi", 1)
	assert.Equal(t, []string{"q.yaml:11:12 warning tries-all-answers"}, checkOneQuiz(t, multi, RuleTriesAllAnswers), "two choices make three sets")

	order := "id: q\ntitle: T\nquestions:\n  - id: x\n    type: order\n    prompt: p\n    explanation: e\n    items: [first, second]\n    tries: 2\n"
	assert.Equal(t, []string{"q.yaml:9:12 warning tries-all-answers"}, checkOneQuiz(t, order, RuleTriesAllAnswers))

	text := numberQuiz("[1.5]", "    tries: 3\n")
	assert.Empty(t, checkOneQuiz(t, text), "a typed answer has too many to try")
}

func TestHintThatGivesTheAnswerIsAWarning(t *testing.T) {
	choices := []string{"*The event loop", "The operating system", "A second thread"}
	for hint, gives := range map[string]bool{
		"The event loop":                            true,
		"the  EVENT loop":                           true,
		"It is the event loop, of course":           true,
		"Who decides what runs next?":               false,
		"Is it the event loop or a second thread?":  false, // names a wrong choice too: a contrast
		"Think of the event loopholes":              false,
		"Think of what an await hands back to whom": false,
	} {
		got := checkOneQuiz(t, singleQuiz(fmt.Sprintf("    hint: %q\n", hint), choices...), RuleHintGivesAnswer)
		if gives {
			assert.Equal(t, []string{"q.yaml:12:11 warning hint-gives-answer"}, got, hint)
		} else {
			assert.Empty(t, got, hint)
		}
	}

	text := "id: q\ntitle: T\nquestions:\n  - id: x\n    type: text\n    prompt: The keyword ___ pauses a coroutine.\n    explanation: e\n    answers: [[await]]\n    hint: %q\n"
	for hint, gives := range map[string]bool{"await": true, "Use AWAIT here": true, "Which keyword hands the turn back?": false, "awaited things": false} {
		got := checkOneQuiz(t, fmt.Sprintf(text, hint), RuleHintGivesAnswer)
		assert.Equal(t, gives, len(got) == 1, hint)
	}

	regex := strings.Replace(fmt.Sprintf(text, "await"), "answers: [[await]]", "match: regex\n    answers: [['(?i)await']]", 1)
	assert.Equal(t, []string{"q.yaml:10:11 warning hint-gives-answer"}, checkOneQuiz(t, regex, RuleHintGivesAnswer))

	for hint, gives := range map[string]bool{
		"It takes 1.5 s": true,
		"about 1500 ms":  true,
		"the longest sleep, 1.5 วินาที":   true,
		"three sleeps: 0.5 s, 1 s, 1.6 s": false,
		"the longest sleep decides":       false,
		"It is 1.5 s.":                    true,
		"1.5 and no more":                 true,
		"not 1.5 ms":                      false,
	} {
		got := checkOneQuiz(t, numberQuiz("[1.5]", fmt.Sprintf("    unit: s\n    hint: %q\n", hint)), RuleHintGivesAnswer)
		assert.Equal(t, gives, len(got) == 1, hint)
	}
}

func TestTranslationMustKeepTriesAndTheNumberKey(t *testing.T) {
	en := numberQuiz("[1.5]", "    unit: s\n    tolerance: 0.1\n    tries: 2\n")
	for th, why := range map[string]string{
		numberQuiz("[1.5]", "    unit: วินาที\n    tolerance: 0.1\n    tries: 2\n"):               "",
		numberQuiz("[1500 ms]", "    unit: s\n    tolerance: 0.1\n    tries: 2\n"):                "",
		numberQuiz("[1.5]", "    unit: s\n    tolerance: 0.1\n"):                                  "tries: 1 here, 2 in the original",
		numberQuiz("[1.5]", "    unit: ms\n    tolerance: 0.1\n    tries: 2\n"):                   `unit "ms" here, "s" in the original`,
		numberQuiz("[1.5]", "    unit: s\n    tolerance: 5%\n    tries: 2\n"):                     "tolerance 5% here, 0.1 in the original",
		numberQuiz("[1.6]", "    unit: s\n    tolerance: 0.1\n    tries: 2\n"):                    "blank 1 accepts other numbers than in the original",
		strings.Replace(numberQuiz("[1.5]", "    tries: 2\n"), "match: number", "match: fold", 1): "match: fold here, number in the original",
	} {
		enQ, ps := course.ParseQuiz("quizzes/01-q.yaml", []byte(en))
		require.Empty(t, ps)
		thQ, ps := course.ParseQuiz("quizzes/th/01-q.yaml", []byte(th))
		require.Empty(t, ps)
		c := &course.Course{Quizzes: []*course.Quiz{enQ}, Translations: map[string]*course.Content{"th": {Lang: "th", Quizzes: []*course.Quiz{thQ}}}}
		r := Course(context.Background(), c, nil, Options{})
		var msgs []string
		for _, p := range r.Problems {
			if p.Rule == RuleTranslationMismatch {
				msgs = append(msgs, p.Message)
			}
		}
		if why == "" {
			assert.Empty(t, msgs, th)
		} else if assert.Len(t, msgs, 1, th) {
			assert.Contains(t, msgs[0], why)
		}
	}
}

package quiz

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

func answersQuiz() *course.Quiz {
	return &course.Quiz{ID: "q", Questions: []*course.Question{
		{ID: "t", Type: course.Text, Answers: [][]string{{"async"}, {"await"}}},
		{ID: "one", Type: course.Text, Answers: [][]string{{"await"}}},
		{ID: "o", Type: course.Order, Items: []string{"start the loop", "run a task", "close it"}},
		{ID: "out", Type: course.Output, Lines: []string{"hello", "world"}},
	}}
}

// problemsOf parses src and returns each problem as "where rule: message".
func problemsOf(t *testing.T, src string) []course.Problem {
	t.Helper()
	_, problems := ParseAnswers("a.yaml", []byte(src), answersQuiz())
	return problems
}

func TestOrderAnswerThatIsNotAnItemIsAnInputError(t *testing.T) {
	problems := problemsOf(t, "o: [start the loop, run a task, close the loop]\n")
	require.Len(t, problems, 1)
	assert.Equal(t, "a.yaml:1:33", problems[0].Where(), "at the entry that is not an item")
	assert.Equal(t, course.SeverityError, problems[0].Severity)
	assert.Contains(t, problems[0].Message, `question "o" (order): "close the loop" is not one of its items; answer with a list of its items, each once, in your order:`)
	assert.NotContains(t, problems[0].Message, `"start the loop", "run a task", "close it"`, "the items are not listed in the key's order")

	problems = problemsOf(t, "out:\n  - hello\n  - there\n")
	require.Len(t, problems, 1)
	assert.Equal(t, "a.yaml:3:5", problems[0].Where())
	assert.Contains(t, problems[0].Message, `"there" is not one of its items`)
}

func TestOrderAnswerMustUseEveryItemOnce(t *testing.T) {
	twice := problemsOf(t, "o: [run a task, run a task, close it]\n")
	require.Len(t, twice, 1)
	assert.Equal(t, "a.yaml:1:17", twice[0].Where())
	assert.Contains(t, twice[0].Message, `entries 1 and 2 are both "run a task"`)

	short := problemsOf(t, "o: [run a task, close it]\n")
	require.Len(t, short, 1)
	assert.Equal(t, "a.yaml:1:4", short[0].Where())
	assert.Contains(t, short[0].Message, `the answer leaves out "start the loop"; give all 3 items`)
}

func TestOrderAnswerDifferingOnlyInCaseIsThatItem(t *testing.T) {
	got, problems := ParseAnswers("a.yaml", []byte("o: [Start the  Loop, run a task, close it]\n"), answersQuiz())
	require.Empty(t, problems)
	assert.Equal(t, []string{"start the loop", "run a task", "close it"}, got["o"].Items)
	assert.True(t, Grade(answersQuiz().Questions[2], got["o"]).Correct)
}

func TestBlanksGivenAsOneStringAreAnInputError(t *testing.T) {
	problems := problemsOf(t, "t: async await\n")
	require.Len(t, problems, 1)
	assert.Equal(t, "a.yaml:1:4", problems[0].Where())
	assert.Contains(t, problems[0].Message, `question "t" (text): the prompt has 2 blanks, so answer with a list of 2 words, one per blank in the prompt's order, e.g. [first, second]`)

	problems = problemsOf(t, "t: [async]\n")
	require.Len(t, problems, 1)
	assert.Contains(t, problems[0].Message, "the prompt has 2 blanks, the answer gives 1")

	got, problems := ParseAnswers("a.yaml", []byte("one: await\nt: [async, await]\n"), answersQuiz())
	require.Empty(t, problems, "one word for one blank, a list for two")
	assert.Equal(t, []string{"await"}, got["one"].Texts)
}

func TestEmptyAnswersFileIsAnInputError(t *testing.T) {
	for _, src := range []string{"", "\n\n", "# nothing yet\n", "---\n", "{}\n"} {
		problems := problemsOf(t, src)
		require.Len(t, problems, 1, "%q", src)
		assert.Equal(t, "a.yaml:1:1", problems[0].Where(), "%q", src)
		assert.Equal(t, `the answers file has no answers; write one question-id: answer line per question of quiz "q", e.g. t: [first, second]`, problems[0].Message, "%q", src)
	}
}

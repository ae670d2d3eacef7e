package plain

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/asyncio-tutor/asyncio-tutor/internal/quiz"
)

// A wrong answer is quoted back short and on one line, however long or
// strange the line typed (or pasted) was.
func TestAWrongAnswerIsQuotedBackAsAnExcerpt(t *testing.T) {
	pasted := strings.Repeat("pasted ", 200) + "\u2028::error x"
	out := play(t, fixture(t), nil, pasted+"\nq\n")
	assert.Contains(t, out, `"pasted pasted pasted pasted pasted past…" is not a lesson number.`)
	assert.NotContains(t, out, "\u2028")
	for _, line := range strings.Split(out, "\n") {
		assert.False(t, strings.HasPrefix(strings.TrimSpace(line), "::"), "%q", line)
	}
}

// A typed answer over the grader's limit is refused and asked again, never
// graded (and so never marked wrong).
func TestAnOverLongAnswerIsAskedAgain(t *testing.T) {
	c := fixture(t)
	script := strings.Join([]string{
		"", "", "y", "2", "", "", "t", // to the quiz, as TestFullPath goes
		"2", "1,2", // single and multi
		strings.Repeat("a", quiz.MaxAnswerLen+1), // the first blank, too long
		"async", "await",
		"q",
	}, "\n") + "\n"
	out := play(t, c, nil, script)
	assert.Contains(t, out, "That is 201 characters; an answer is at most 200.")
	assert.Contains(t, out, "Blank 2: ", "the first blank was asked again, then the second")
}

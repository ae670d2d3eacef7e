package plain

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

// A number question asks again, without grading, when what is typed is not
// a number in its unit; a number in another unit of time is graded.
func TestANotNumberIsAskedAgain(t *testing.T) {
	lessons := fstest.MapFS{"01-n.md": {Data: []byte("---\nid: n\ntitle: N\nquiz: n\n---\n\nText.\n")}}
	quizzes := fstest.MapFS{"01-n.yaml": {Data: []byte(`id: n
title: N
questions:
  - id: total
    type: text
    prompt: How long does gather of 1 s and 1.5 s take?
    match: number
    answers: [[1.5]]
    unit: s
    explanation: The longest wait.
`)}}
	c, problems := course.Load(context.Background(), course.Source{Lessons: lessons, Quizzes: quizzes})
	require.False(t, course.HasErrors(problems), "%v", problems)
	store, _ := stateStore(t)
	out := play(t, c, store, "1\n\nt\nsoon\n1.5 kg\n1500 ms\nq\n")
	assert.Contains(t, out, `"soon" `)
	assert.Contains(t, out, "Type a number, or q to quit.")
	assert.Contains(t, out, `"1.5 kg" `)
	assert.Contains(t, out, "Right.", "1500 ms is 1.5 s")
	assert.NotContains(t, out, "Wrong.", "what is not a number is not graded")
}

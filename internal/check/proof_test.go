package check

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
)

// outputCourse is a course with one output question per key given, as
// example: [lines...] pairs.
func outputCourse(t *testing.T, keys ...string) (*course.Course, []course.Problem) {
	t.Helper()
	var q strings.Builder
	q.WriteString("id: out\ntitle: Out\nquestions:\n")
	for i, k := range keys {
		example, lines, _ := strings.Cut(k, ": ")
		fmt.Fprintf(&q, "  - id: q%d\n    type: output\n    prompt: Order.\n    explanation: x\n    example: %s\n    lines: %s\n", i, example, lines)
	}
	src := course.Source{
		Lessons: fstest.MapFS{"01-a.md": {Data: []byte("---\nid: a\ntitle: A\nquiz: out\n---\n")}},
		Quizzes: fstest.MapFS{"01-out.yaml": {Data: []byte(q.String())}},
	}
	c, problems := course.Load(src)
	require.Empty(t, problems)
	return c, problems
}

// proveIn runs the proof inside a synctest bubble: the examples' clocks are
// virtual, so the test is exact and instant, never timing-dependent.
func proveIn(t *testing.T, keys ...string) []string {
	var got []string
	synctest.Test(t, func(t *testing.T) {
		c, problems := outputCourse(t, keys...)
		r := Course(context.Background(), c, problems, Options{ProveOutput: true})
		for _, p := range r.Problems {
			got = append(got, fmt.Sprintf("%s %s: %s", p.Where(), p.Rule, p.Message))
		}
	})
	return got
}

func TestProveOutputAcceptsTrueOrders(t *testing.T) {
	got := proveIn(t,
		`gather: ["func3 done", "func1 done", "func2 done"]`,
		`nested: ["one", "two", "three", "four", "five"]`,
		`sequential: ["start", "exit"]`,
	)
	assert.Empty(t, got)
}

func TestProveOutputRejectsWrongOrders(t *testing.T) {
	got := proveIn(t,
		`gather: ["func1 done", "func3 done"]`,
		`gather: ["func1 done", "func9 done"]`,
		`waitgroup: ["start", "hello from say1", "hello from say2"]`,
	)
	require.Len(t, got, 3)
	assert.Equal(t, `quizzes/01-out.yaml:9:12 output-proof: example gather prints "func3 done" at 1.0 s, before "func1 done" at 2.0 s`, got[0])
	assert.Contains(t, got[1], `quizzes/01-out.yaml:15:12 output-proof: example gather never prints "func9 done"; it prints `)
	assert.Equal(t, `quizzes/01-out.yaml:21:12 output-proof: example waitgroup prints "hello from say1" and "hello from say2" at the same moment (1.0 s) from goroutines that race, so their order changes from run to run; ask about lines printed at different times`, got[2])
}

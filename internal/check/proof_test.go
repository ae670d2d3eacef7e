package check

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"testing/synctest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
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
	c, problems := course.Load(context.Background(), src)
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
	assert.Equal(t, `quizzes/01-out.yaml:21:12 output-proof: example waitgroup prints "hello from say1" and "hello from say2" at the same moment (1.0 s) from goroutines that race, so their order changes from run to run; ask about lines printed at different times, or add model: loop, where one task runs at a time and the order is fixed`, got[2])
}

// modelCourse is a course with one output question per key given, as
// "model example: [lines...]" or "model example {params}: [lines...]".
func modelCourse(t *testing.T, keys ...string) (*course.Course, []course.Problem) {
	t.Helper()
	var q strings.Builder
	q.WriteString("id: out\ntitle: Out\nquestions:\n")
	for i, k := range keys {
		cut := strings.LastIndex(k, ": [")
		head, lines := k[:cut], k[cut+2:]
		model, example, _ := strings.Cut(head, " ")
		example, params, _ := strings.Cut(example, " ")
		fmt.Fprintf(&q, "  - id: q%d\n    type: output\n    prompt: Order.\n    explanation: x\n    example: %s\n    model: %s\n", i, example, model)
		if params != "" {
			fmt.Fprintf(&q, "    params: %s\n", params)
		}
		fmt.Fprintf(&q, "    lines: %s\n", lines)
	}
	src := course.Source{
		Lessons: fstest.MapFS{"01-a.md": {Data: []byte("---\nid: a\ntitle: A\nquiz: out\n---\n")}},
		Quizzes: fstest.MapFS{"01-out.yaml": {Data: []byte(q.String())}},
	}
	c, problems := course.Load(context.Background(), src)
	require.Empty(t, problems)
	return c, problems
}

func lines(r *Report) (problems, skipped []string) {
	for _, p := range r.Problems {
		problems = append(problems, fmt.Sprintf("%s %s: %s", p.Where(), p.Rule, p.Message))
	}
	for _, p := range r.Skipped {
		skipped = append(skipped, fmt.Sprintf("%s %s %s: %s", p.Where(), p.Severity, p.Rule, p.Message))
	}
	return problems, skipped
}

// The loop model runs in virtual time: no synctest bubble here, real
// goroutines keep every CPU busy, and still every check gives the same
// verdict, to the letter.
func TestLoopProofsGiveTheSameVerdictEveryTime(t *testing.T) {
	keys := []string{
		`loop gather: ["func3 done", "func1 done", "func2 done"]`,
		`loop waitgroup: ["start", "hello from say1", "hello from say2"]`,
		`loop gather {delay1: 1s, delay3: 2s}: ["func1 done", "func3 done"]`,
		`loop gather: ["func1 done", "func3 done"]`,
		`loop gather {delay1: 1s, delay3: 1s}: ["func3 done", "func1 done"]`,
	}
	c, problems := modelCourse(t, keys...)
	stop := make(chan struct{})
	var busy sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		busy.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
			}
		})
	}
	defer func() { close(stop); busy.Wait() }()

	var first []string
	for i := range 20 {
		r := Course(context.Background(), c, problems, Options{ProveOutput: true})
		got, skipped := lines(r)
		require.Empty(t, skipped)
		if i == 0 {
			first = got
			continue
		}
		require.Equal(t, first, got, "run %d", i)
	}
	require.Len(t, first, 2, "%v", first)
	assert.Equal(t, `quizzes/01-out.yaml:32:12 output-proof: example gather prints "func3 done" at 1.0 s, before "func1 done" at 2.0 s`, first[0])
	assert.Equal(t, `quizzes/01-out.yaml:40:12 output-proof: example gather prints "func1 done" before "func3 done" (both at 1.0 s)`, first[1])
}

// In the goroutines model two prints at 1 s race; in the loop model the
// same key is proved, since one task runs at a time.
func TestRaceInGoroutinesIsOrderedInLoop(t *testing.T) {
	var got []string
	synctest.Test(t, func(t *testing.T) {
		c, problems := modelCourse(t,
			`goroutines waitgroup: ["hello from say1", "hello from say2"]`,
			`loop waitgroup: ["hello from say1", "hello from say2"]`,
		)
		got, _ = lines(Course(context.Background(), c, problems, Options{ProveOutput: true}))
	})
	require.Len(t, got, 1)
	assert.Contains(t, got[0], "quizzes/01-out.yaml:10:12 output-proof: example waitgroup prints")
	assert.Contains(t, got[0], "from goroutines that race")
}

// Without python3 on PATH the python model cannot run: its keys are
// skipped with the reason, neither passed nor failed, and the check passes.
func TestPythonProofsAreSkippedWithoutPython(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	require.Error(t, examples.PythonAvailable())
	c, problems := modelCourse(t,
		`python gather: ["func3 done", "func1 done", "func2 done"]`,
		`python gather {delay1: 1s}: ["func1 done", "func3 done"]`,
		`loop gather: ["func3 done", "func1 done", "func2 done"]`,
	)
	r := Course(context.Background(), c, problems, Options{ProveOutput: true})
	got, skipped := lines(r)
	assert.Empty(t, got)
	require.Len(t, skipped, 2)
	assert.Contains(t, skipped[0], `quizzes/01-out.yaml:8:14 skipped output-proof: the key of "q0" is not proved: it runs example gather in the python model, which cannot run here: `)
	assert.Contains(t, skipped[0], "python3")
	assert.Contains(t, skipped[1], `quizzes/01-out.yaml:15:14 skipped output-proof`)
	assert.True(t, r.OK(), "a skip does not fail the check")
	assert.Equal(t, 0, r.Errors())

	for _, format := range Formats {
		var b bytes.Buffer
		require.NoError(t, Write(&b, r, format))
		out := b.String()
		switch format {
		case "text":
			assert.Contains(t, out, "quizzes/01-out.yaml:8:14: skipped: the key of \"q0\" is not proved")
			assert.Contains(t, out, "0 errors, 0 warnings, 2 skipped in 2 files\n2 passed, 0 failed\n")
		case "json":
			var j struct {
				Problems []course.Problem `json:"problems"`
				Skips    []course.Problem `json:"skips"`
				Errors   int              `json:"errors"`
				Skipped  int              `json:"skipped"`
			}
			require.NoError(t, json.Unmarshal(b.Bytes(), &j))
			assert.Empty(t, j.Problems)
			assert.Equal(t, 2, j.Skipped)
			require.Len(t, j.Skips, 2)
			assert.Equal(t, course.Problem{File: "quizzes/01-out.yaml", Line: 8, Col: 14, Severity: "skipped", Rule: "output-proof", Message: r.Skipped[0].Message}, j.Skips[0])
		case "github":
			assert.Contains(t, out, "::notice file=quizzes/01-out.yaml,line=8,col=14,title=output-proof skipped::the key of \"q0\" is not proved")
			assert.NotContains(t, out, "::error")
			assert.Contains(t, out, "2 skipped")
		case "junit":
			assert.Contains(t, out, `<testsuites name="asyncio-tutor" tests="3" failures="0" skipped="2">`)
			assert.Contains(t, out, `<testcase name="quizzes/01-out.yaml:8:14" classname="output-proof">`)
			assert.Contains(t, out, `<skipped message="the key of &#34;q0&#34; is not proved`)
		default:
			t.Fatalf("format %s has no skip assertion", format)
		}
	}
}

// With python3 present, a python key is proved on CPython itself.
func TestPythonProofsRunOnCPython(t *testing.T) {
	if err := examples.PythonAvailable(); err != nil {
		t.Skip(err)
	}
	if testing.Short() {
		t.Skip("runs CPython in real time")
	}
	c, problems := modelCourse(t,
		`python nested {step: 300ms}: ["one", "two", "three", "four", "five"]`,
		`python nested {step: 300ms}: ["two", "one"]`,
	)
	r := Course(context.Background(), c, problems, Options{ProveOutput: true})
	got, skipped := lines(r)
	assert.Empty(t, skipped)
	require.Len(t, got, 1, "%v", got)
	assert.Contains(t, got[0], `quizzes/01-out.yaml:19:12 output-proof: example nested prints "one" at 0.0 s, before "two" at 0.3 s`)
}

// A question whose parameters are wrong is reported once, at the
// parameter, and not run.
func TestBadParamsAreNotProved(t *testing.T) {
	c, problems := modelCourse(t, `loop gather {delay3: 11s}: ["func3 done", "func1 done"]`)
	got, _ := lines(Course(context.Background(), c, problems, Options{ProveOutput: true}))
	require.Len(t, got, 1)
	assert.Contains(t, got[0], "quizzes/01-out.yaml:10:14 example-settings: params: delay3: 11s: 11s is out of range")
}

package check

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
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
	t.Setenv("GITHUB_WORKSPACE", ".") // annotation paths as the course names them
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
			assert.Contains(t, out, `<testsuite name="asyncio-tutor check" tests="2" failures="0" errors="0" skipped="1"`)
			assert.Contains(t, out, `<testcase name="quizzes/01-out.yaml" classname="asyncio-tutor.quizzes">`)
			assert.Contains(t, out, `<skipped message="2 proofs skipped" type="output-proof">quizzes/01-out.yaml:8:14: skipped: the key of &#34;q0&#34; is not proved`)
		case "sarif":
			assert.Contains(t, out, `"level": "note"`)
			assert.Contains(t, out, `"text": "skipped: the key of \"q0\" is not proved`)
			assert.NotContains(t, out, `"level": "error"`)
		default:
			t.Fatalf("format %s has no skip assertion", format)
		}
	}
}

// A python key is proved on CPython itself; this needs python3.
func TestPythonProofsRunOnCPython(t *testing.T) {
	require.NoError(t, examples.PythonAvailable(), "proving python keys needs python3 (3.11 or newer) on PATH")
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

// playWallClock replaces the wall-clock run by runs made from the run in
// virtual time, by each play in turn (the last one again once they run
// out), and returns how many runs there were.
func playWallClock(t *testing.T, plays ...func(trace.Trace) trace.Trace) func() int {
	t.Helper()
	var mu sync.Mutex
	n := 0
	old := wallClock
	t.Cleanup(func() { wallClock = old })
	wallClock = func(ctx context.Context, s examples.Spec, _ examples.Example) (trace.Trace, error) {
		v, err := examples.Simulate(ctx, examples.Spec{Name: s.Name, Params: s.Params})
		if err != nil {
			return v, err
		}
		mu.Lock()
		play := plays[min(n, len(plays)-1)]
		n++
		mu.Unlock()
		return play(v), nil
	}
	return func() int {
		mu.Lock()
		defer mu.Unlock()
		return n
	}
}

// edit returns t with its prints changed by f, which may reorder, retime
// or drop them; the other events are dropped.
func edit(t trace.Trace, f func([]trace.Event) []trace.Event) trace.Trace {
	var ps []trace.Event
	for _, e := range t.Events {
		if e.Kind == trace.KindPrint {
			ps = append(ps, e)
		}
	}
	t.Events = f(ps)
	for i := range t.Events {
		t.Events[i].Seq = i
	}
	return t
}

// starved is a run on a machine that was late all along: every line later
// than the one before, by up to 3 s, and the lanes' lines interleaved
// anyhow (each lane keeps its own order).
func starved(t trace.Trace) trace.Trace {
	return edit(t, func(ps []trace.Event) []trace.Event {
		for i := range ps {
			ps[i].T += time.Duration(i*i%7) * 500 * time.Millisecond
		}
		slices.SortStableFunc(ps, func(a, b trace.Event) int { return strings.Compare(b.Task, a.Task) })
		t.Total += 4 * time.Second
		return ps
	})
}

// shift is a run that fell d behind after its first line: on CPython a
// delay before the first line is the interpreter starting.
func shift(d time.Duration) func(trace.Trace) trace.Trace {
	return func(t trace.Trace) trace.Trace {
		return edit(t, func(ps []trace.Event) []trace.Event {
			for i := 1; i < len(ps); i++ {
				ps[i].T += d
			}
			t.Total += d
			return ps
		})
	}
}

// dropLine is a run that did not print text, late by lateness.
func dropLine(text string, lateness time.Duration) func(trace.Trace) trace.Trace {
	return func(t trace.Trace) trace.Trace {
		return shift(lateness)(edit(t, func(ps []trace.Event) []trace.Event {
			return slices.DeleteFunc(ps, func(e trace.Event) bool { return e.Text == text })
		}))
	}
}

func proveAll(t *testing.T, keys ...string) (problems, skipped []string) {
	t.Helper()
	c, loadProblems := modelCourse(t, keys...)
	return lines(Course(context.Background(), c, loadProblems, Options{ProveOutput: true}))
}

// However late the goroutines' run, and whatever order its lines came in,
// the verdict is the one the true instants give.
func TestLateRunsDoNotChangeGoroutineVerdicts(t *testing.T) {
	runs := playWallClock(t, starved)
	got, skipped := proveAll(t,
		`goroutines queue: ["got item1", "put item2", "done item1", "put item4", "got item3", "done item4"]`,
		`goroutines queue: ["put item2", "got item1"]`,
		`goroutines gather: ["func3 done", "func1 done", "func2 done"]`,
		`goroutines gather: ["func1 started", "func3 started"]`,
	)
	assert.Empty(t, skipped)
	assert.Equal(t, []string{
		`quizzes/01-out.yaml:17:12 output-proof: example queue prints "got item1" at 0.5 s, before "put item2" at 1.0 s`,
		`quizzes/01-out.yaml:31:12 output-proof: example gather prints "func1 started" and "func3 started" at the same moment (0.0 s) from goroutines that race, so their order changes from run to run; ask about lines printed at different times, or add model: loop, where one task runs at a time and the order is fixed`,
	}, got)
	assert.Equal(t, 2, runs(), "one run of each example settles every key")
}

// Two lines one goroutine prints at one instant come in program order:
// that is no race, though the example's goroutines race elsewhere.
func TestOneGoroutinesLinesAtOneInstantAreOrdered(t *testing.T) {
	got := proveIn(t,
		`queue: ["done item1", "got item2"]`,
		`queue: ["got item2", "done item1"]`,
	)
	assert.Equal(t, []string{`quizzes/01-out.yaml:15:12 output-proof: example queue prints "done item1" before "got item2" (both at 1.5 s)`}, got)
}

// The instants a verdict names are the true ones, to the millisecond.
func TestVerdictsNameExactInstants(t *testing.T) {
	got := proveIn(t, `gather: ["func9 done", "func1 done"]`)
	require.Len(t, got, 1)
	got, _ = proveAll(t, `goroutines gather {delay1: 250ms, delay3: 1500ms}: ["func3 done", "func1 done"]`)
	assert.Equal(t, []string{`quizzes/01-out.yaml:11:12 output-proof: example gather prints "func1 done" at 0.25 s, before "func3 done" at 1.5 s`}, got)
}

// A lane that printed other lines than its model, in a run the machine made
// late, may be the machine's doing (a deadline and the work's end close
// together, swapped): the run is tried again, and if it never comes on
// time the key is skipped, neither passed nor failed.
func TestLateRunsThatPrintOtherLinesAreRetriedThenSkipped(t *testing.T) {
	runs := playWallClock(t, dropLine("done item4", 2*time.Second))
	got, skipped := proveAll(t, `goroutines queue: ["got item1", "done item4"]`)
	assert.Empty(t, got)
	require.Len(t, skipped, 1)
	assert.Equal(t, `quizzes/01-out.yaml:8:14 skipped output-proof: the key of "q0" is not proved: could not prove (the machine was too busy to time the run; try again): consumer printed "got item1", "done item1", "got item2", "done item2", "got item3", "done item3", "got item4" where its model prints "got item1", "done item1", "got item2", "done item2", "got item3", "done item3", "got item4", "done item4"`, skipped[0])
	assert.Equal(t, proofAttempts, runs())

	runs = playWallClock(t, dropLine("done item4", 2*time.Second), starved)
	got, skipped = proveAll(t, `goroutines queue: ["done item4", "got item1"]`)
	assert.Empty(t, skipped)
	assert.Equal(t, []string{`quizzes/01-out.yaml:10:12 output-proof: example queue prints "got item1" at 0.5 s, before "done item4" at 4.5 s`}, got)
	assert.Equal(t, 2, runs(), "the second run settles it")
}

// On time, a lane that prints other lines than its model is no accident of
// load. With a deadline of 0 the Go task prints its first line before it
// sees the deadline, where asyncio.wait_for cancels it before its first
// step (instants_test.go).
func TestOnTimeRunsThatPrintOtherLinesFail(t *testing.T) {
	var got []string
	synctest.Test(t, func(t *testing.T) {
		got, _ = proveAll(t, `goroutines timeout {timeout: 0s}: ["slow started", "timed out"]`)
	})
	assert.Equal(t, []string{`quizzes/01-out.yaml:11:12 output-proof: example timeout printed other lines in the goroutines model than in virtual time (slow printed "slow started" where its model prints nothing): goroutines raced over what is printed, or the Go code and its model disagree, so the instants of these lines are not known; ask about other lines, or add model: loop`}, got)
}

// A line earlier than its true instant is no load: the Go code and its
// model disagree, and every key of the run fails, at once.
func TestEarlyLinesFail(t *testing.T) {
	runs := playWallClock(t, func(t trace.Trace) trace.Trace {
		return edit(t, func(ps []trace.Event) []trace.Event {
			for i := range ps {
				if ps[i].Text == "func2 done" {
					ps[i].T -= time.Second
				}
			}
			return ps
		})
	})
	got, _ := proveAll(t, `goroutines gather: ["func3 done", "func1 done"]`)
	assert.Equal(t, []string{`quizzes/01-out.yaml:10:12 output-proof: example gather printed "func2 done" at 2.0 s in the goroutines model, before 3.0 s, the instant its model in virtual time gives it: the example's Go code and its model disagree, which is a bug in the example, not in this key`}, got)
	assert.Equal(t, 1, runs())
}

// Python keys are proved on CPython in virtual time: two tasks' lines at
// one instant come in CPython's own order, named with their exact instant,
// and nothing runs on the wall clock that the machine's load could delay.
func TestPythonKeysAreProvedOnCPythonInVirtualTime(t *testing.T) {
	require.NoError(t, examples.PythonAvailable(), "proving python keys needs python3 (3.11 or newer) on PATH")
	playWallClock(t, func(trace.Trace) trace.Trace {
		t.Error("a python key ran on the wall clock")
		return trace.Trace{}
	})
	c, problems := modelCourse(t,
		`python semaphore: ["req2 done", "req1 done"]`,
		`python semaphore: ["req1 done", "req2 done", "req3 start"]`,
		`python gather: ["func3 done", "func1 done", "func2 done"]`,
	)
	got, skipped := lines(Course(context.Background(), c, problems, Options{ProveOutput: true}))
	assert.Empty(t, skipped)
	assert.Equal(t, []string{`quizzes/01-out.yaml:10:12 output-proof: example semaphore prints "req1 done" before "req2 done" (both at 1.0 s)`}, got)
}

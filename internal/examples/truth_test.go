package examples

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// printed is one line of output and when it came.
type printed struct {
	T    time.Duration
	Task string
	Text string
}

func printLines(tr trace.Trace) []printed {
	var out []printed
	for _, e := range tr.Events {
		if e.Kind == trace.KindPrint {
			out = append(out, printed{e.T, e.Task, e.Text})
		}
	}
	return out
}

// TestLoopModelTellsCPythonsStory runs every example at its defaults in
// the loop model and its Python twin on the python3 here, both in virtual
// time, and requires the same lines, on the same lanes, at the same exact
// instants, in the same order. CPython's loop then runs on a clock that
// jumps to its next timer (pytrace's Virtual), so what is compared is
// CPython's own scheduling, _run_once and all, and the verdict is the same
// on an idle machine and on a starved one: a wall-clock run, late by
// whatever the machine's load makes it, could only be held to a slack.
// It needs python3: without it the test fails and says so, it does not
// skip.
func TestLoopModelTellsCPythonsStory(t *testing.T) {
	require.NoError(t, PythonAvailable(), "the truth test holds the loop model to CPython; it needs python3 (3.11 or newer) on PATH")
	specs := []Spec{
		{Name: "gather", Params: params("fail=2@1s")}, // a failure, and the teardown's cancellations
		{Name: "semaphore", Params: params("limit=3")},
		{Name: "timeout", Params: params("timeout=0s")}, // cancelled before its first step
	}
	for _, x := range All() {
		specs = append(specs, Spec{Name: x.Name})
	}
	var wg sync.WaitGroup
	for _, s := range specs {
		wg.Go(func() {
			name := s.Name + " " + describe(s.Params)
			want, err := Simulate(t.Context(), s)
			if !assert.NoError(t, err, name) {
				return
			}
			s.Model = trace.ModelPython
			got, err := Simulate(t.Context(), s)
			if !assert.NoError(t, err, "%s on CPython", name) {
				return
			}
			assert.Equal(t, trace.ModelPython, got.Model)
			assert.Equal(t, story(want), story(got), "%s: CPython (left: the loop model)", name)
		})
	}
	wg.Wait()
}

// story is a run's prints as lines "instant lane: text", in order.
func story(tr trace.Trace) []string {
	var out []string
	for _, p := range printLines(tr) {
		out = append(out, fmt.Sprintf("%v %s: %s", p.T, p.Task, p.Text))
	}
	return out
}

// A wall-clock CPython run tells the same story as its virtual one, within
// the order the loop model fixes: every lane prints the same lines in the
// same order. (Its instants are late by whatever the machine's load makes
// them, so they are not compared; pytrace's tests hold the shim's timing.)
func TestCPythonAtRealSpeedPrintsTheSameLines(t *testing.T) {
	require.NoError(t, PythonAvailable(), "this test needs python3 (3.11 or newer) on PATH")
	s := Spec{Name: "gather", Model: trace.ModelPython}
	virtual, err := Simulate(t.Context(), s)
	require.NoError(t, err)
	real, err := Execute(t.Context(), s, 20)
	require.NoError(t, err)
	byLane := func(tr trace.Trace) map[string][]string {
		m := map[string][]string{}
		for _, p := range printLines(tr) {
			m[p.Task] = append(m[p.Task], p.Text)
		}
		return m
	}
	assert.Equal(t, byLane(virtual), byLane(real))
}

// The loop model is deterministic: the same lines at the same exact
// instants on every run, however the goroutines of the engine are
// scheduled.
func TestLoopModelIsTheSameEveryRun(t *testing.T) {
	for _, x := range All() {
		first, err := Simulate(t.Context(), Spec{Name: x.Name})
		require.NoError(t, err)
		for range 20 {
			again, err := Simulate(t.Context(), Spec{Name: x.Name})
			require.NoError(t, err)
			require.Equal(t, first.Events, again.Events, x.Name)
		}
	}
}

// The done-when of the loop model, in the words of the issue.
func TestLoopModelOrders(t *testing.T) {
	texts := func(name string, kv ...string) []string {
		tr, err := Simulate(t.Context(), Spec{Name: name, Params: params(kv...)})
		require.NoError(t, err)
		var s []string
		for _, p := range printLines(tr) {
			s = append(s, fmt.Sprintf("%v %s", p.T, p.Text))
		}
		return s
	}
	assert.Equal(t, []string{
		"0s func1 started", "0s func2 started", "0s func3 started",
		"1s func3 done", "2s func1 done", "3s func2 done",
		"3s results: ['result1', 'result2', 'result3']",
	}, texts("gather"))
	assert.Equal(t, []string{
		"0s req1 start", "0s req2 start",
		"1s req1 done", "1s req2 done", "1s req3 start", "1s req4 start",
		"2s req3 done", "2s req4 done", "2s req5 start", "2s req6 start",
		"3s req5 done", "3s req6 done",
	}, texts("semaphore"))
	assert.Equal(t, []string{
		"0s func1 started", "0s func2 started", "0s func3 started",
		"1s gather failed: func2 failed",
	}, texts("gather", "fail=2@1s", "delay3=1500ms"))
}

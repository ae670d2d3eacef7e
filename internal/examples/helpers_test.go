package examples

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// line renders an event compactly for comparisons: "1s say1 resume/loop",
// "0s main print start".
func line(e trace.Event) string {
	s := fmt.Sprintf("%v %s %s", e.T, e.Task, e.Kind)
	if e.Reason != trace.ReasonNone {
		s += "/" + string(e.Reason)
	}
	if e.Text != "" {
		s += " " + e.Text
	}
	if e.Kind == trace.KindTimer {
		s += fmt.Sprintf(" due=%v", e.Due)
	}
	return s
}

func lines(evs []trace.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = line(e)
	}
	return out
}

// of keeps the events of one task, in order.
func of(tr trace.Trace, task string) []string {
	var out []string
	for _, e := range tr.Events {
		if e.Task == task {
			out = append(out, line(e))
		}
	}
	return out
}

// prints lists the printed lines as "T text". For examples that are not
// Ordered, lines printed at the same instant are sorted, since their order
// may vary.
func prints(tr trace.Trace, ordered bool) []string {
	var out []string
	var group []string
	var at time.Duration = -1
	flush := func() {
		if !ordered {
			slices.Sort(group)
		}
		out = append(out, group...)
		group = nil
	}
	for _, e := range tr.Events {
		if e.Kind != trace.KindPrint {
			continue
		}
		if e.T != at {
			flush()
			at = e.T
		}
		group = append(group, fmt.Sprintf("%v %s", e.T, e.Text))
	}
	flush()
	return out
}

// run executes an example at speed 1 and fails the test on error. Call it
// inside a synctest bubble.
func run(t *testing.T, name string, params map[string]string) trace.Trace {
	t.Helper()
	tr, err := Execute(t.Context(), Spec{Name: name, Params: params}, 1)
	require.NoError(t, err)
	require.True(t, tr.Done)
	checkWellFormed(t, tr)
	return tr
}

// checkWellFormed checks what holds for every finished trace: dense Seq, time
// never going back, every lane known and ended exactly once, nothing after
// a task's end.
func checkWellFormed(t *testing.T, tr trace.Trace) {
	t.Helper()
	ended := map[string]int{}
	for i, e := range tr.Events {
		require.Equal(t, i, e.Seq)
		if i > 0 {
			require.GreaterOrEqual(t, e.T, tr.Events[i-1].T)
		}
		require.Contains(t, tr.Tasks, e.Task)
		require.Zero(t, ended[e.Task], "event after %s ended: %s", e.Task, line(e))
		if e.Kind == trace.KindEnd {
			ended[e.Task]++
		}
	}
	for _, task := range tr.Tasks {
		require.Equal(t, 1, ended[task], "task %s must end exactly once", task)
	}
	if n := len(tr.Events); n > 0 {
		require.Equal(t, tr.Events[n-1].T, tr.Total)
	}
}

// theory is the program time an example should take with the given
// parameters (defaults filled in), computed from a model of the example
// rather than from a run.
func theory(t testing.TB, name string, params map[string]string) time.Duration {
	t.Helper()
	x, ok := Lookup(name)
	require.True(t, ok)
	a, _, err := x.resolve(params)
	require.NoError(t, err)
	d := a.Duration
	switch name {
	case "sequential":
		return d("delay1") + d("delay2")
	case "waitgroup", "eventloop":
		return max(d("delay1"), d("delay2"))
	case "nested":
		return 5 * d("step")
	case "gather":
		if n, at := a.Failure("fail"); n > 0 {
			return at
		}
		return max(d("delay1"), d("delay2"), d("delay3"))
	case "queue":
		// put[i]: when item i enters the queue; took[i]: when the consumer
		// takes it. The producer starts making item i after putting item
		// i-1, and may put it once item i-capacity has been taken.
		n, c := a.Count("items"), a.Count("capacity")
		put := make([]time.Duration, n+1)
		took := make([]time.Duration, n+1)
		free := time.Duration(0) // when the consumer is next free
		for i := 1; i <= n; i++ {
			put[i] = put[i-1] + d("interval")
			if i-c >= 1 {
				put[i] = max(put[i], took[i-c])
			}
			took[i] = max(put[i], free)
			free = took[i] + d("work")
		}
		return free
	case "semaphore":
		rounds := int(math.Ceil(float64(a.Count("requests")) / float64(a.Count("limit"))))
		return time.Duration(rounds) * d("latency")
	case "timeout":
		return min(d("timeout"), d("work"))
	}
	t.Fatalf("no theory for %s", name)
	return 0
}

// runningAtOnce replays a trace and returns the largest number of tasks
// that were running at the same time, and the event where that was reached.
func runningAtOnce(tr trace.Trace) (int, string) {
	running := map[string]bool{}
	most, where := 0, ""
	for _, e := range tr.Events {
		switch e.Kind {
		case trace.KindStart, trace.KindResume:
			running[e.Task] = true
		case trace.KindWait, trace.KindReady, trace.KindEnd:
			delete(running, e.Task)
		}
		if len(running) > most {
			most, where = len(running), line(e)
		}
	}
	return most, where
}

func params(kv ...string) map[string]string {
	m := map[string]string{}
	for _, s := range kv {
		k, v, _ := strings.Cut(s, "=")
		m[k] = v
	}
	return m
}

// startIn starts an example with test hooks.
func startIn(ctx context.Context, t *testing.T, name string, p map[string]string, h hooks) *Run {
	t.Helper()
	clock, err := trace.NewClock(1)
	require.NoError(t, err)
	r, err := start(ctx, Spec{Name: name, Params: p}, clock, h)
	require.NoError(t, err)
	return r
}

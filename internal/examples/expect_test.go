package examples

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// expectValues are the values each parameter takes in the grid besides its
// minimum, default and maximum: values that make the examples' edge cases
// (a queue of one with a fast producer and a slow consumer and the reverse,
// a request count that is not a multiple of the limit, a deadline equal to
// the work).
var expectValues = map[string]map[string][]string{
	"sequential": {"delay1": {"250ms", "1.5"}, "delay2": {"3s"}},
	"waitgroup":  {"delay1": {"250ms", "3s"}, "delay2": {"1.5"}},
	"eventloop":  {"delay1": {"250ms", "3s"}, "delay2": {"2500ms"}},
	"nested":     {"step": {"1ms", "200ms", "1.5"}},
	"gather":     {"delay1": {"3s"}, "delay2": {"500ms"}, "delay3": {"3s"}, "fail": {"2@1s", "1@0s"}},
	"queue": {
		"items":    {"2", "3", "7"},
		"interval": {"100ms", "2s"},
		"capacity": {"3", "5"},
		"work":     {"100ms", "2s"},
	},
	"semaphore": {"requests": {"5", "7", "13"}, "limit": {"3", "7"}, "latency": {"250ms"}},
	"timeout":   {"timeout": {"500ms", "3s"}, "work": {"1s", "500ms"}},
}

// expectGrid is every combination of each parameter's minimum, default,
// maximum and the values above.
func expectGrid(t *testing.T, x Example) []map[string]string {
	t.Helper()
	extra, ok := expectValues[x.Name]
	require.True(t, ok, "add grid values for %s", x.Name)
	grid := []map[string]string{{}}
	for _, p := range x.Params {
		vals := append([]string{p.Min, p.Default, p.Max}, extra[p.Name]...)
		slices.Sort(vals)
		vals = slices.Compact(vals)
		var next []map[string]string
		for _, g := range grid {
			for _, v := range vals {
				m := maps.Clone(g)
				m[p.Name] = v
				next = append(next, m)
			}
		}
		grid = next
	}
	return grid
}

func describe(p map[string]string) string {
	keys := slices.Sorted(maps.Keys(p))
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + p[k]
	}
	return strings.Join(parts, ",")
}

// Every example, over a grid of its parameters, takes exactly the program
// time Expect predicts.
func TestExpectMatchesRuns(t *testing.T) {
	for _, x := range All() {
		t.Run(x.Name, func(t *testing.T) {
			grid := expectGrid(t, x)
			// The odd combinations, named so that a failure reads well.
			switch x.Name {
			case "queue":
				grid = append(grid,
					params("capacity=1", "interval=0", "work=5s"), // fast producer, slow consumer
					params("capacity=1", "interval=5s", "work=0"), // slow producer, fast consumer
					params("capacity=1", "items=20", "interval=100ms", "work=300ms"),
					params("capacity=10", "items=20", "interval=0", "work=0"),
					params("capacity=2", "items=7", "interval=1s", "work=1s"), // lockstep
				)
			case "semaphore":
				grid = append(grid, params("requests=7", "limit=2"), params("requests=19", "limit=10"))
			case "timeout":
				grid = append(grid, params("timeout=3s", "work=3s"), params("timeout=0", "work=0"))
			}
			t.Logf("%d parameter sets", len(grid))
			for _, p := range grid {
				want, err := x.Expect(p)
				require.NoError(t, err, describe(p))
				assert.Equal(t, theory(t, x.Name, p), want, "Expect and the test's model disagree: %s", describe(p))
				synctest.Test(t, func(t *testing.T) {
					tr := run(t, x.Name, p)
					assert.Equal(t, want, tr.Total, "%s %s", x.Name, describe(p))
				})
				tr, err := Simulate(t.Context(), Spec{Name: x.Name, Params: p})
				require.NoError(t, err, describe(p))
				assert.Equal(t, want, tr.Total, "the loop model of %s %s", x.Name, describe(p))
			}
		})
	}
}

// A run reads its clock to the microsecond, so a parameter finer than that
// is where a naive theory (the exact sum of the sleeps) goes wrong: 400ns +
// 400ns reads as 1µs, and the event loop, which compares due times with
// that clock, ends a 1.4µs sleep at 2µs.
func TestExpectSubMicrosecond(t *testing.T) {
	cases := map[string][]map[string]string{
		"sequential": {params("delay1=400ns", "delay2=400ns"), params("delay1=1ns", "delay2=1ns"), params("delay1=0.0000015", "delay2=0")},
		"waitgroup":  {params("delay1=1500ns", "delay2=0"), params("delay1=1499ns", "delay2=1ns")},
		"eventloop": {
			params("delay1=1ns", "delay2=0"), params("delay1=1400ns", "delay2=0"), params("delay1=1600ns", "delay2=600ns"),
			params("delay1=1100ns", "delay2=600ns"), params("delay1=1000ns", "delay2=600ns"), params("delay1=2.0000001", "delay2=1s"),
		},
		"nested":    {params("step=300ns"), params("step=100ns"), params("step=1.0000001")},
		"gather":    {params("delay1=1499ns", "delay2=0", "delay3=0"), params("delay1=1ns", "delay2=2ns", "delay3=500ns")},
		"queue":     {params("interval=300ns", "work=700ns"), params("items=20", "interval=1ns", "capacity=1", "work=333ns")},
		"semaphore": {params("latency=1500ns"), params("requests=7", "limit=3", "latency=1.0000003")},
		"timeout":   {params("timeout=1400ns", "work=2s"), params("timeout=1s", "work=1499ns"), params("timeout=1500ns", "work=1500ns")},
	}
	for _, x := range All() {
		require.Contains(t, cases, x.Name, "add cases for %s", x.Name)
		for _, p := range cases[x.Name] {
			want, err := x.Expect(p)
			require.NoError(t, err)
			assert.Zero(t, want%time.Microsecond, "%s %s: %v", x.Name, describe(p), want)
			synctest.Test(t, func(t *testing.T) {
				tr := run(t, x.Name, p)
				assert.Equal(t, want, tr.Total, "%s %s", x.Name, describe(p))
			})
		}
	}
}

// Expect is program time: the playback speed changes how long a run really
// takes, not its Total.
func TestExpectAtOtherSpeeds(t *testing.T) {
	for _, x := range All() {
		for _, p := range []map[string]string{nil, expectGrid(t, x)[len(expectGrid(t, x))/3]} {
			want, err := x.Expect(p)
			require.NoError(t, err)
			for _, speed := range []float64{trace.MinSpeed, 0.25, 3, 7, trace.MaxSpeed} {
				synctest.Test(t, func(t *testing.T) {
					tr, err := Execute(t.Context(), Spec{Name: x.Name, Params: p}, speed)
					require.NoError(t, err)
					assert.Equal(t, want, tr.Total, "%s %s at speed %v", x.Name, describe(p), speed)
				})
			}
		}
	}
}

// The queue's capacity changes when the producer puts items, never when the
// consumer is done: the test's model (theory) simulates the capacity, and
// every run agrees with Expect, which ignores it.
func TestExpectQueueIgnoresCapacity(t *testing.T) {
	x, _ := Lookup("queue")
	for _, p := range expectGrid(t, x) {
		want, err := x.Expect(p)
		require.NoError(t, err)
		for _, c := range []string{"1", "2", "10"} {
			p := maps.Clone(p)
			p["capacity"] = c
			assert.Equal(t, want, theory(t, "queue", p), describe(p))
		}
	}
	// But the producer feels it: with room for one item it waits on a full
	// queue, with room for all of them it never does.
	synctest.Test(t, func(t *testing.T) {
		waits := func(capacity string) (n int) {
			tr := run(t, "queue", params("items=6", "interval=0", "work=1s", "capacity="+capacity))
			for _, e := range tr.Events {
				if e.Task == "producer" && e.Kind == trace.KindWait && e.Reason == trace.ReasonQueue {
					n++
				}
			}
			return n
		}
		assert.Positive(t, waits("1"))
		assert.Zero(t, waits("10"))
	})
}

func TestExpectDefaults(t *testing.T) {
	for _, x := range All() {
		none, err := x.Expect(nil)
		require.NoError(t, err)
		all, err := x.Expect(x.Defaults())
		require.NoError(t, err)
		assert.Equal(t, all, none, x.Name)
		// A partial map keeps the defaults for the rest.
		first := x.Params[0]
		partial, err := x.Expect(map[string]string{first.Name: first.Default})
		require.NoError(t, err)
		assert.Equal(t, all, partial, x.Name)
	}
	// What the summaries promise.
	want := map[string]time.Duration{
		"sequential": 2 * time.Second, "waitgroup": time.Second, "eventloop": time.Second,
		"nested": 5 * time.Second, "gather": 3 * time.Second, "queue": 4500 * time.Millisecond,
		"semaphore": 3 * time.Second, "timeout": time.Second,
	}
	for _, x := range All() {
		got, err := x.Expect(nil)
		require.NoError(t, err)
		assert.Equal(t, want[x.Name], got, x.Name)
	}
}

// A bad parameter is the very *ParamError Start returns.
func TestExpectParamErrors(t *testing.T) {
	for _, x := range All() {
		p := x.Params[0]
		bad := []map[string]string{
			{"nope": "1"},
			{p.Name: "soon"},
			{p.Name: "-1"},
			{p.Name: "1000"},
			{p.Name: p.Default, "zzz": "1"},
		}
		for _, b := range bad {
			_, startErr := Start(t.Context(), Spec{Name: x.Name, Params: b}, nil)
			var want *ParamError
			require.ErrorAs(t, startErr, &want, "%s %v", x.Name, b)

			_, err := x.Expect(b)
			var got *ParamError
			require.ErrorAs(t, err, &got, "%s %v", x.Name, b)
			assert.Equal(t, want, got, "%s %v", x.Name, b)
			assert.Equal(t, startErr.Error(), err.Error())
		}
	}
}

func TestExpectZeroExample(t *testing.T) {
	_, err := Example{Name: "nothing"}.Expect(nil)
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrUnknownExample), fmt.Sprint(err))
}

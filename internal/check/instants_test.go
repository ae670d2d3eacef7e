package check

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// instantValues are values each parameter takes in the grid besides its
// minimum, default and maximum.
var instantValues = map[string][]string{
	"delay1": {"250ms", "1.5"}, "delay2": {"3s"}, "delay3": {"2s"},
	"step": {"200ms"}, "fail": {"2@1500ms", "1@0s", "3@2500ms"},
	"items": {"3", "7"}, "interval": {"100ms", "2s"}, "capacity": {"3"}, "work": {"100ms", "2s"},
	"requests": {"5", "7"}, "limit": {"3"}, "latency": {"250ms"},
	"timeout": {"500ms", "3s"},
}

// instantGrid is, for x, its defaults and every parameter set to each of
// its values with the others at their defaults, then every pair of values
// of two parameters: where stages of a pipeline or a deadline and the work
// meet.
func instantGrid(x examples.Example) []map[string]string {
	values := func(p examples.Param) []string {
		vs := append([]string{p.Min, p.Default, p.Max}, instantValues[p.Name]...)
		slices.Sort(vs)
		return slices.Compact(vs)
	}
	grid := []map[string]string{{}}
	for i, p := range x.Params {
		for _, v := range values(p) {
			grid = append(grid, map[string]string{p.Name: v})
			for _, o := range x.Params[i+1:] {
				for _, w := range values(o) {
					grid = append(grid, map[string]string{p.Name: v, o.Name: w})
				}
			}
		}
	}
	return grid
}

// outputDiffers says why, with these parameters, the Go code may print
// other lines than the loop model, or "" when it may not:
//
//   - a race over output: two goroutines meet at one instant where which
//     comes first decides what is printed (a deadline equal to the work, a
//     failure at the instant another function finishes); the models then
//     take one branch each;
//   - a deadline of 0: the Go task runs to its first wait and prints "slow
//     started" before it sees that its context has expired, while
//     asyncio.wait_for with a timeout of 0 (the loop model, and CPython)
//     cancels the task before its first step. That is a difference between
//     the example's two programs, found by this test.
//
// The proof cannot take its instants from virtual time there, and says so
// (judgeRun).
func outputDiffers(x examples.Example, p map[string]string) string {
	value := func(name string) time.Duration {
		v, ok := p[name]
		if !ok {
			i := slices.IndexFunc(x.Params, func(d examples.Param) bool { return d.Name == name })
			v = x.Params[i].Default
		}
		return paramDuration(v)
	}
	switch x.Name {
	case "timeout":
		switch {
		case value("timeout") == 0:
			return "a deadline of 0"
		case value("timeout") == value("work"):
			return "a race over output: the deadline is the work's end"
		}
	case "gather":
		fail := "none"
		if v, ok := p["fail"]; ok {
			fail = v
		}
		n, at, ok := strings.Cut(fail, "@")
		if !ok {
			return ""
		}
		for _, d := range []string{"delay1", "delay2", "delay3"} {
			if !strings.HasSuffix(d, n) && value(d) == paramDuration(at) {
				return "a race over output: a function fails as another finishes"
			}
		}
	}
	return ""
}

// paramDuration reads a duration as the examples' parameters are written: a Go
// duration or plain seconds.
func paramDuration(s string) time.Duration {
	if d, err := time.ParseDuration(s); err == nil {
		return d
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic(fmt.Sprintf("instantGrid holds a value that is not a duration: %q", s))
	}
	return time.Duration(f * float64(time.Second))
}

type printAt struct {
	lane string
	at   time.Duration
}

func printsAt(t trace.Trace) (all []printAt, words []string) {
	for _, e := range t.Events {
		if e.Kind == trace.KindPrint {
			all = append(all, printAt{e.Task, e.T})
			words = append(words, e.Text)
		}
	}
	return all, words
}

// lanes groups prints by lane: each lane's instants, in order.
func lanes(all []printAt) map[string][]time.Duration {
	m := map[string][]time.Duration{}
	for _, p := range all {
		m[p.lane] = append(m[p.lane], p.at)
	}
	return m
}

// The premise of the proof (proof.go): for every example and parameters,
// each lane of the Go code prints as many lines as the loop model's in
// virtual time, the k-th at the same instant, and with the same words but
// for a list's spelling; where the Go code runs one goroutine at a time
// (Ordered) the whole output comes in the same order. The Go code runs in a
// synctest bubble, so its times are exact too.
func TestModelsPrintAtTheSameInstants(t *testing.T) {
	for _, x := range examples.All() {
		t.Run(x.Name, func(t *testing.T) {
			grid := instantGrid(x)
			tried := 0
			for _, p := range grid {
				if outputDiffers(x, p) != "" {
					continue
				}
				tried++
				name := fmt.Sprintf("%s %v", x.Name, p)
				var goroutines trace.Trace
				synctest.Test(t, func(t *testing.T) {
					var err error
					goroutines, err = examples.Execute(t.Context(), examples.Spec{Name: x.Name, Params: p}, proofSpeed)
					require.NoError(t, err, name)
				})
				virtual, err := examples.Simulate(t.Context(), examples.Spec{Name: x.Name, Params: p})
				require.NoError(t, err, name)

				got, gotWords := printsAt(goroutines)
				want, wantWords := printsAt(virtual)
				require.Equal(t, lanes(want), lanes(got), "%s: the lanes' instants differ", name)
				if x.Ordered {
					assert.Equal(t, want, got, "%s: an ordered example prints in another order", name)
				}
				assert.Equal(t, sortedWords(wantWords), sortedWords(gotWords), "%s: the words differ", name)
			}
			t.Logf("%d parameter sets", tried)
			assert.Greater(t, tried, len(grid)/2, "most of the grid must be compared")
		})
	}
}

// sortedWords is the output, sorted, with a Python list spelled as Go
// spells it: ['a', 'b'] as [a b].
func sortedWords(words []string) []string {
	out := slices.Clone(words)
	for i, w := range out {
		out[i] = strings.NewReplacer("', '", " ", "['", "[", "']", "]").Replace(w)
	}
	slices.Sort(out)
	return out
}

// The parameter sets left out are the ones meant, no more.
func TestOutputDiffersWhereItShould(t *testing.T) {
	x, _ := examples.Lookup("timeout")
	assert.NotEmpty(t, outputDiffers(x, map[string]string{"timeout": "1s", "work": "1"}))
	assert.NotEmpty(t, outputDiffers(x, map[string]string{"timeout": "0s"}))
	assert.Empty(t, outputDiffers(x, map[string]string{"timeout": "1s"}))
	g, _ := examples.Lookup("gather")
	assert.NotEmpty(t, outputDiffers(g, map[string]string{"fail": "2@1s"}), "func3 finishes at 1 s")
	assert.Empty(t, outputDiffers(g, map[string]string{"fail": "3@1s"}), "func3 fails itself")
	assert.Empty(t, outputDiffers(g, map[string]string{"fail": "none"}))
	assert.Empty(t, outputDiffers(g, nil))
}

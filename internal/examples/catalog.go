package examples

import (
	"context"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"time"

	aio "github.com/asyncio-tutor/asyncio-tutor/internal/loop"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// Example is one runnable example and what a lesson shows about it.
type Example struct {
	Name    string  // registry key, used by lessons and --example: "waitgroup"
	Title   string  // a short heading: "Goroutines and a WaitGroup"
	Summary string  // one line: what runs and what to notice
	Params  []Param // the knobs, in display order
	// Source is the Go source file that runs, exactly as compiled.
	Source string
	// Python is a short asyncio (or threading) program doing the same, for
	// Python 3.12 or later.
	Python string
	// Counterpart names the example this one is best compared with, or "".
	Counterpart string
	// Solo reports that the Go program runs one goroutine at a time
	// (sequential, nested): in goroutines and in the loop model it draws
	// the same picture, so a compare puts it next to its Counterpart
	// instead. Every other example compares its goroutines with its
	// asyncio model.
	Solo bool
	// Ordered reports that events sharing a program instant are always
	// recorded in the same order: one goroutine runs at a time (sequential,
	// nested) or an event loop decides who runs next (eventloop). When false,
	// goroutines that wake at the same instant race, and the order of their
	// same-instant events (two prints at 1 s, say) can differ between runs.
	Ordered bool

	run func(ctx context.Context, e *env, p args) error
	// asyncio is the example on the loop engine: the asyncio model, step
	// for step what its Python twin does on CPython.
	asyncio func(ctx context.Context, l *aio.Loop, p args) error
	// expect is the program time a run takes, from the theory of the
	// example rather than from running it.
	expect func(p args) time.Duration
}

// The Go sources, embedded from the very files that are compiled.
var (
	//go:embed sequential.go
	sequentialSource string
	//go:embed waitgroup.go
	waitgroupSource string
	//go:embed eventloop.go
	eventloopSource string
	//go:embed nested.go
	nestedSource string
	//go:embed gather.go
	gatherSource string
	//go:embed queue.go
	queueSource string
	//go:embed semaphore.go
	semaphoreSource string
	//go:embed timeout.go
	timeoutSource string
)

// The Python equivalents.
var (
	//go:embed python/sequential.py
	sequentialPython string
	//go:embed python/waitgroup.py
	waitgroupPython string
	//go:embed python/eventloop.py
	eventloopPython string
	//go:embed python/nested.py
	nestedPython string
	//go:embed python/gather.py
	gatherPython string
	//go:embed python/queue.py
	queuePython string
	//go:embed python/semaphore.py
	semaphorePython string
	//go:embed python/timeout.py
	timeoutPython string
)

func duration(name, def, lo, hi, help string) Param {
	return Param{Name: name, Kind: Duration, Default: def, Min: lo, Max: hi, Unit: "s", Help: help}
}

func count(name, def, lo, hi, unit, help string) Param {
	return Param{Name: name, Kind: Count, Default: def, Min: lo, Max: hi, Unit: unit, Help: help}
}

// catalog is the registry, in teaching order.
var catalog = []Example{
	{
		Name:    "sequential",
		Title:   "One thing after another",
		Summary: "Two tasks sleep 1 s each, one after the other, on one goroutine: 2 s in all.",
		Params: []Param{
			duration("delay1", "1s", "0s", "10s", "how long say1 sleeps before it prints"),
			duration("delay2", "1s", "0s", "10s", "how long say2 sleeps before it prints"),
		},
		Source: sequentialSource, Python: sequentialPython,
		Counterpart: "waitgroup",
		Ordered:     true,
		Solo:        true,
		run:         sequential,
		asyncio:     sequentialLoop,
		expect:      sequentialTotal,
	},
	{
		Name:    "waitgroup",
		Title:   "Goroutines and a WaitGroup",
		Summary: "The same two tasks in two goroutines, joined by a sync.WaitGroup: the sleeps overlap, 1 s in all.",
		Params: []Param{
			duration("delay1", "1s", "0s", "10s", "how long say1 sleeps before it prints"),
			duration("delay2", "1s", "0s", "10s", "how long say2 sleeps before it prints"),
		},
		Source: waitgroupSource, Python: waitgroupPython,
		Counterpart: "sequential",
		run:         waitgroup,
		asyncio:     waitgroupLoop,
		expect:      waitgroupTotal,
	},
	{
		Name:    "eventloop",
		Title:   "An event loop on one goroutine",
		Summary: "A single-threaded loop with a ready queue and timers runs two coroutines, one at a time: still 1 s in all.",
		Params: []Param{
			duration("delay1", "1s", "0s", "10s", "how long say1 awaits a sleep before it prints"),
			duration("delay2", "1s", "0s", "10s", "how long say2 awaits a sleep before it prints"),
		},
		Source: eventloopSource, Python: eventloopPython,
		Counterpart: "waitgroup",
		Ordered:     true,
		run:         eventloop,
		asyncio:     eventloopLoop,
		expect:      eventloopTotal,
	},
	{
		Name:    "nested",
		Title:   "Awaiting a coroutine",
		Summary: "outer prints one, awaits inner (two, three), then prints four and five; a sleep after each: 5 s.",
		Params: []Param{
			duration("step", "1s", "0s", "5s", "the sleep after each printed line"),
		},
		Source: nestedSource, Python: nestedPython,
		Counterpart: "gather",
		Ordered:     true,
		Solo:        true,
		run:         nested,
		asyncio:     nestedLoop,
		expect:      nestedTotal,
	},
	{
		Name:    "gather",
		Title:   "Gathering results with errgroup",
		Summary: "func1, func2, func3 sleep 2, 3 and 1 s at once: done in 3 s, results in call order.",
		Params: []Param{
			duration("delay1", "2s", "0s", "10s", "how long func1 sleeps"),
			duration("delay2", "3s", "0s", "10s", "how long func2 sleeps"),
			duration("delay3", "1s", "0s", "10s", "how long func3 sleeps"),
			{Name: "fail", Kind: Failure, Default: noFailure, Min: noFailure, Max: "3@10s",
				Help: "none, or N@TIME: funcN raises an exception at that time (2@1s)"},
		},
		Source: gatherSource, Python: gatherPython,
		Counterpart: "nested",
		run:         gather,
		asyncio:     gatherLoop,
		expect:      gatherTotal,
	},
	{
		Name:    "queue",
		Title:   "Producer and consumer over a queue",
		Summary: "A producer puts 4 items, one every 0.5 s, into a queue of 2; the consumer takes 1 s each: 4.5 s.",
		Params: []Param{
			count("items", "4", "1", "20", "items", "how many items the producer makes"),
			duration("interval", "500ms", "0s", "5s", "time the producer takes to make each item"),
			count("capacity", "2", "1", "10", "items", "how many items the queue holds; a full queue blocks the producer"),
			duration("work", "1s", "0s", "5s", "time the consumer spends on each item"),
		},
		Source: queueSource, Python: queuePython,
		run:     queue,
		asyncio: queueLoop,
		expect:  queueTotal,
	},
	{
		Name:    "semaphore",
		Title:   "Limiting concurrency with a semaphore",
		Summary: "6 requests of 1 s, at most 2 at a time so a small site is not flooded: rounds of two, 3 s.",
		Params: []Param{
			count("requests", "6", "1", "20", "requests", "how many requests to send"),
			count("limit", "2", "1", "10", "slots", "how many requests may be in flight at once"),
			duration("latency", "1s", "0s", "5s", "how long each request takes"),
		},
		Source: semaphoreSource, Python: semaphorePython,
		run:     semaphore,
		asyncio: semaphoreLoop,
		expect:  semaphoreTotal,
	},
	{
		Name:    "timeout",
		Title:   "A deadline with context.WithTimeout",
		Summary: "A 3 s task under a 1 s deadline, Go's asyncio.wait_for: cancelled at 1 s.",
		Params: []Param{
			duration("timeout", "1s", "0s", "10s", "the deadline main gives the slow task"),
			duration("work", "3s", "0s", "10s", "how long the slow task needs"),
		},
		Source: timeoutSource, Python: timeoutPython,
		run:     timeout,
		asyncio: timeoutLoop,
		expect:  timeoutTotal,
	},
}

// Expect returns the program time a run of x with these parameters takes,
// as the example's theory predicts it, without running it: the Total of the
// finished trace, so a player can lay out its time axis from the first
// frame. nil or missing parameters take their defaults; a bad parameter is
// the same *ParamError that Start returns.
//
// A run reads its clock to the microsecond (trace.Clock.Now), so the
// prediction is rounded the same way and stays exact even for a parameter
// such as 1500ns.
func (x Example) Expect(params map[string]string) (time.Duration, error) {
	if x.expect == nil {
		return 0, fmt.Errorf("%w %q; known: %s", ErrUnknownExample, x.Name, strings.Join(Names(), ", "))
	}
	a, _, err := x.resolve(params)
	if err != nil {
		return 0, err
	}
	return x.expect(a).Round(time.Microsecond), nil
}

// All returns every example in teaching order. The slice is a copy.
func All() []Example {
	all := make([]Example, len(catalog))
	for i, x := range catalog {
		all[i] = x.clone()
	}
	return all
}

// clone copies x so that callers cannot change the registry.
func (x Example) clone() Example {
	x.Params = slices.Clone(x.Params)
	return x
}

// Names returns the example names in teaching order.
func Names() []string {
	names := make([]string, len(catalog))
	for i, x := range catalog {
		names[i] = x.Name
	}
	return names
}

// Lookup finds an example by name.
func Lookup(name string) (Example, bool) {
	for _, x := range catalog {
		if x.Name == name {
			return x.clone(), true
		}
	}
	return Example{}, false
}

// CompareOrder orders two examples for a compare view as the course
// teaches them: the idea that comes first (sequential before waitgroup,
// nested before gather) is the baseline the other's speedup is measured
// against, whichever of the two the learner started from.
func CompareOrder(a, b string) []string {
	names := Names()
	if slices.Index(names, b) < slices.Index(names, a) {
		return []string{b, a}
	}
	return []string{a, b}
}

// BesideExample is s on one axis with the example other, both in s's
// model, the earlier idea first (CompareOrder); other keeps the parameters
// it shares with s.
func BesideExample(s Spec, other string) []Spec {
	var out []Spec
	for _, n := range CompareOrder(s.Name, other) {
		t := s
		if n != s.Name {
			t.Name, t.Params = n, ParamsFor(n, s.Params)
		}
		out = append(out, t)
	}
	return out
}

// BesideModel is s on one axis with the same run in model other, in the
// order of trace.Models: the goroutines program above the asyncio model
// that explains it, the model above CPython.
func BesideModel(s Spec, other trace.Model) []Spec {
	t := s
	t.Model = other
	pair := []Spec{s, t}
	slices.SortStableFunc(pair, func(a, b Spec) int {
		return slices.Index(trace.Models, modelOrGoroutines(a.Model)) - slices.Index(trace.Models, modelOrGoroutines(b.Model))
	})
	return pair
}

func modelOrGoroutines(m trace.Model) trace.Model {
	if m == "" {
		return trace.ModelGoroutines
	}
	return m
}

// ParamsFor keeps the parameters that the named example also has, so two
// compared runs share the settings they have in common.
func ParamsFor(name string, params map[string]string) map[string]string {
	x, _ := Lookup(name)
	out := map[string]string{}
	for _, p := range x.Params {
		if v, ok := params[p.Name]; ok {
			out[p.Name] = v
		}
	}
	return out
}

// OrderedIn reports whether events sharing a program instant always come
// in the same order in model m: in the loop model and on CPython one event
// loop decides every order; with goroutines only the examples that run one
// goroutine at a time (Ordered) are.
func (x Example) OrderedIn(m trace.Model) bool {
	if m.Scheduled() {
		return true
	}
	return x.Ordered
}

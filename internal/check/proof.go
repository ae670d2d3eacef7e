package check

import (
	"context"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// An output key is proved against a run in virtual time, so that no verdict
// depends on how busy the machine is.
//
// What is true of the examples: every lane (task) of an example sleeps fixed
// durations and prints a fixed sequence of lines, so the instant of each
// print is set by the example and its parameters alone, in every model. The
// loop model in virtual time (examples.Simulate) gives those instants
// exactly: its lanes print as many lines as the Go code's, the k-th line of
// each lane at the same instant as the Go code's k-th
// (TestModelsPrintAtTheSameInstants holds every example to that over a grid
// of parameters). The lines' words may differ (Go prints a list as [a b], Python as ['a', 'b']), so
// the words come from the model the question names and the instants from
// virtual time, matched lane by lane, line by line.
//
// With the true instants, the verdict is exact: lines at distinct instants
// come in time order; two lines at one instant come in the order the model
// fixes (one goroutine's lines in program order; with the loop model,
// CPython or an example that runs one goroutine at a time, the scheduler's
// order) or, printed by two goroutines, they race, and a key ordering them
// is wrong in every run. Every message names the true instants. (Two
// goroutines' lines at one instant are called a race even where a join
// orders them, as gather's "func2 done" and its results line: the trace
// does not say who waited for whom, so the proof refuses rather than
// guesses.)
//
//   - loop: the virtual run is the run; nothing else runs.
//   - goroutines (the default): one wall-clock run of the Go code, at
//     proofSpeed, gives the words. Its timing is not used for the verdict,
//     only checked: a line printed earlier than its true instant (by more
//     than onTime) means the Go code and its model disagree, which no load
//     can cause, and fails the key. A lane that printed other lines than its
//     model fails the key when the run was on time: goroutines raced over
//     what is printed, or the Go code and its model disagree (a deadline of
//     0, instants_test.go). When the run was late, the machine may have
//     swapped a deadline and the end of the work that come close together:
//     the run is tried again, proofAttempts times in all, and then the key
//     is reported skipped, "could not prove (the machine was too busy to
//     time the run; try again)", neither passed nor failed.
//   - python: the verdict must be what CPython really does, so the words
//     and the order come from the Python twin on CPython, run in virtual
//     time too (examples.Simulate): CPython's own scheduler on a clock that
//     jumps to its next timer, so its instants are exact and no load can
//     swap two lines. Skipped without a usable python3.
const (
	proofSpeed    = trace.MaxSpeed
	proofAttempts = 3
	// onTime is how far (program time) a wall-clock run may come behind
	// its true instants and still count as timed: at proofSpeed, 10 ms of
	// real time, ten times the scheduler's usual wake-up latency.
	onTime     = 200 * time.Millisecond
	proofLimit = 30 * time.Second // no default-parameter example comes close
	// maxProofRuns bounds the distinct runs (example, model, params) one
	// course may ask check to prove; the built-in course needs a dozen.
	maxProofRuns = 500
	// proofWorkers is how many keys are proved at once.
	proofWorkers = 64
)

// couldNotProve is why a key whose every run the machine disturbed is
// skipped.
const couldNotProve = "could not prove (the machine was too busy to time the run; try again)"

// runKey names one set of runs: the same example, model and parameters are
// run once for every question that asks about them.
type runKey struct {
	example string
	model   trace.Model
	params  string // the parameters, sorted, as name=value words
}

func keyOf(q *course.Question) runKey {
	var words []string
	for _, p := range q.Params {
		words = append(words, p.Name+"="+p.Value)
	}
	slices.Sort(words)
	return runKey{example: q.Example, model: q.RunModel(), params: strings.Join(words, " ")}
}

// proveOutputs runs the example of every output question and checks that
// the key's lines really print in the key's order.
func (ch *checker) proveOutputs(ctx context.Context, c *course.Course) {
	var keys []runKey
	groups := map[runKey][]*course.Question{}
	for _, q := range ch.outputQuestions(c) {
		k := keyOf(q)
		if groups[k] == nil {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], q)
	}
	if len(keys) == 0 {
		return
	}
	var python error
	if slices.ContainsFunc(keys, func(k runKey) bool { return k.model == trace.ModelPython }) {
		python = examples.PythonAvailable()
	}
	if len(keys) > maxProofRuns {
		q := groups[keys[maxProofRuns]][0]
		ch.add(q.At("example").Errorf(RuleOutputProof, "the course asks for %d different example runs (example, model and params) to prove its output keys, and check proves at most %d; this key and the %d after it are not proved: ask about fewer settings", len(keys), maxProofRuns, len(keys)-maxProofRuns-1))
		keys = keys[:maxProofRuns]
	}
	found := make([]findings, len(keys))
	// The wall-clock runs mostly sleep, so many overlap; a bound keeps a
	// course of thousands of keys from running them all at once.
	slots := make(chan struct{}, proofWorkers)
	var wg sync.WaitGroup
	for i, k := range keys {
		slots <- struct{}{}
		wg.Go(func() {
			defer func() { <-slots }()
			if ctx.Err() == nil {
				found[i] = proveKey(ctx, groups[k], python)
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		// Every key left would say the same; one line says it for all.
		ch.add(groups[keys[0]][0].At("example").Errorf(RuleOutputProof, "the output keys were not all proved: %v", context.Cause(ctx)))
		return
	}
	for _, f := range found {
		ch.problems = append(ch.problems, f.problems...)
		ch.skipped = append(ch.skipped, f.skipped...)
	}
}

// outputQuestions are the output questions, in every language, whose keys
// can be proved: an example that exists, settings that are right.
func (ch *checker) outputQuestions(c *course.Course) []*course.Question {
	var questions []*course.Question
	for _, ct := range append([]*course.Content{{Quizzes: c.Quizzes}}, translations(c)...) {
		for _, q := range ct.Quizzes {
			for _, qu := range q.Questions {
				if qu.Type == course.Output && len(qu.Lines) >= 2 && !ch.unfit[qu] {
					if _, ok := examples.Lookup(qu.Example); ok {
						questions = append(questions, qu)
					}
				}
			}
		}
	}
	return questions
}

func translations(c *course.Course) []*course.Content {
	var out []*course.Content
	for _, lang := range c.Langs() {
		out = append(out, c.Translations[lang])
	}
	return out
}

// findings are the problems and skips of the questions of one runKey.
type findings struct {
	problems, skipped []course.Problem
}

func (f *findings) judge(q *course.Question, verdict string) {
	if verdict != "" {
		f.problems = append(f.problems, q.At("lines").Errorf(RuleOutputProof, "%s", verdict))
	}
}

func (f *findings) failed(q *course.Question, model trace.Model, err error) {
	f.problems = append(f.problems, q.At("example").Errorf(RuleOutputProof, "example %q failed in the %s model while proving this key: %v", q.Example, model, err))
}

func (f *findings) skip(q *course.Question, why string) {
	f.skipped = append(f.skipped, q.At("example").Problem(SeveritySkipped, RuleOutputProof, "the key of %q is not proved: %s", q.ID, why))
}

// proveKey proves the keys of questions that share one example, model and
// parameters.
func proveKey(ctx context.Context, qs []*course.Question, python error) findings {
	var f findings
	q := qs[0]
	model := q.RunModel()
	spec := examples.Spec{Name: q.Example, Model: model, Params: q.Settings()}
	if model == trace.ModelPython && python != nil {
		for _, q := range qs {
			f.skip(q, fmt.Sprintf("it runs example %s in the %s model, which cannot run here: %v", q.Example, model, python))
		}
		return f
	}
	// The loop model and CPython both run in virtual time, each the whole
	// proof; the goroutines model takes its instants from the loop model's.
	virtualModel := trace.ModelLoop
	if model == trace.ModelPython {
		virtualModel = trace.ModelPython
	}
	virtual, err := simulate(ctx, spec, virtualModel)
	if err != nil {
		for _, q := range qs {
			f.failed(q, virtualModel, err)
		}
		return f
	}
	x, _ := examples.Lookup(q.Example)
	if model != trace.ModelGoroutines {
		s := align(virtual, virtual)
		for _, q := range qs {
			f.judge(q, verdict(q, x, model, s))
		}
		return f
	}
	return confirm(ctx, spec, x, virtual, qs)
}

// confirm proves keys in the goroutines model, which runs on the wall
// clock: each attempt settles the keys it can, and those the machine kept
// from settling are tried again, then skipped.
func confirm(ctx context.Context, spec examples.Spec, x examples.Example, virtual trace.Trace, qs []*course.Question) findings {
	var f findings
	why := map[*course.Question]string{}
	for range proofAttempts {
		if len(qs) == 0 {
			return f
		}
		run, err := wallClock(ctx, spec, x)
		if err != nil {
			for _, q := range qs {
				f.failed(q, spec.Model, err)
			}
			return f
		}
		s := align(virtual, run)
		if e := s.earliest(); e.at-e.real > onTime {
			for _, q := range qs {
				f.judge(q, fmt.Sprintf("example %s printed %q at %s in the goroutines model, before %s, the instant its model in virtual time gives it: the example's Go code and its model disagree, which is a bug in the example, not in this key", x.Name, e.text, seconds(e.real.Round(time.Millisecond)), seconds(e.at)))
			}
			return f
		}
		var again []*course.Question
		for _, q := range qs {
			v, unsettled := judgeRun(q, x, s)
			if unsettled == "" {
				f.judge(q, v)
				continue
			}
			why[q] = unsettled
			again = append(again, q)
		}
		qs = again
	}
	for _, q := range qs {
		f.skip(q, couldNotProve+": "+why[q])
	}
	return f
}

// wallClock runs an example on the wall clock: execute, except in the
// tests that play a machine too busy to keep time.
var wallClock = execute

// simulate runs spec in virtual time in model (loop, or python: CPython
// with its loop's clock made virtual).
func simulate(ctx context.Context, spec examples.Spec, model trace.Model) (trace.Trace, error) {
	if model == trace.ModelPython {
		// An interpreter each, busy all the while: as many at once as
		// there are processors, not proofWorkers of them.
		select {
		case pythonSlots <- struct{}{}:
			defer func() { <-pythonSlots }()
		case <-ctx.Done():
			return trace.Trace{}, context.Cause(ctx)
		}
	}
	ctx, cancel := context.WithTimeout(ctx, proofLimit)
	defer cancel()
	spec.Model = model
	return examples.Simulate(ctx, spec)
}

var pythonSlots = make(chan struct{}, runtime.NumCPU())

// execute runs spec's Go code on the wall clock, at proofSpeed.
func execute(ctx context.Context, spec examples.Spec, x examples.Example) (trace.Trace, error) {
	speed := float64(proofSpeed)
	limit := proofLimit
	if d, err := x.Expect(spec.Params); err == nil {
		limit += time.Duration(float64(d) / speed)
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	return examples.Execute(ctx, spec, speed)
}

// judgeRun proves q's key against one wall-clock run of the Go code. It
// returns the verdict, or why this run cannot settle it and another should
// be tried.
func judgeRun(q *course.Question, x examples.Example, s story) (string, string) {
	keyed, missing := s.pick(q)
	// A lane that printed other lines than its model explains a missing
	// key line too: say that, not that the example never prints it.
	if missing != "" && len(s.mismatch) > 0 || missing == "" && s.unaligned(keyed) {
		if s.late() {
			return "", s.mismatchText()
		}
		return fmt.Sprintf("example %s printed other lines in the goroutines model than in virtual time (%s): goroutines raced over what is printed, or the Go code and its model disagree, so the instants of these lines are not known; ask about other lines, or add model: loop", x.Name, s.mismatchText()), ""
	}
	if missing != "" {
		return missing, ""
	}
	return verdict(q, x, trace.ModelGoroutines, s), ""
}

// line is one printed line: its words, lane and place from the run that
// printed it, its true instant and place from the run in virtual time.
type line struct {
	text    string
	lane    string
	seq     int           // its place in the output of the run that printed it
	real    time.Duration // when that run printed it
	aligned bool          // the model's lane prints as many lines: at and atSeq are known
	at      time.Duration // its true instant
	atSeq   int           // its place in the output in virtual time
}

// story is a run's output matched, lane by lane and line by line, with the
// same example's output in virtual time.
type story struct {
	lines []line
	// mismatch holds, for each lane whose lines do not match the model's
	// one for one, what it printed and what the model prints.
	mismatch map[string][2][]string
	// lateness is how far the run came behind the true instants, at most:
	// over the lines matched and the run's end.
	lateness time.Duration
}

// align matches run with virtual, the same example and parameters in
// virtual time (a run in virtual time is aligned with itself).
func align(virtual, run trace.Trace) story {
	want, got := prints(virtual), prints(run)
	wantLanes := byLane(want)
	gotLanes := byLane(got)
	s := story{mismatch: map[string][2][]string{}, lateness: run.Total - virtual.Total}
	for lane, ws := range wantLanes {
		if len(gotLanes[lane]) != len(ws) {
			s.mismatch[lane] = [2][]string{texts(got, gotLanes[lane]), texts(want, ws)}
		}
	}
	nth := map[string]int{}
	for i, e := range got {
		l := line{text: e.Text, lane: e.Task, seq: i, real: e.T}
		k := nth[e.Task]
		nth[e.Task]++
		if ws := wantLanes[e.Task]; k < len(ws) {
			w := want[ws[k]]
			s.lateness = max(s.lateness, l.real-w.T)
			l.at, l.atSeq = w.T, ws[k]
			l.aligned = len(ws) == len(gotLanes[e.Task])
		} else if _, known := s.mismatch[e.Task]; !known {
			s.mismatch[e.Task] = [2][]string{texts(got, gotLanes[e.Task]), nil}
		}
		s.lines = append(s.lines, l)
	}
	return s
}

func prints(t trace.Trace) []trace.Event {
	var out []trace.Event
	for _, e := range t.Events {
		if e.Kind == trace.KindPrint {
			out = append(out, e)
		}
	}
	return out
}

// byLane indexes each lane's prints, in order.
func byLane(ps []trace.Event) map[string][]int {
	m := map[string][]int{}
	for i, e := range ps {
		m[e.Task] = append(m[e.Task], i)
	}
	return m
}

func texts(ps []trace.Event, at []int) []string {
	out := make([]string, len(at))
	for i, j := range at {
		out[i] = ps[j].Text
	}
	return out
}

func (s story) late() bool { return s.lateness > onTime }

// earliest is the matched line that came furthest ahead of its true
// instant.
func (s story) earliest() line {
	var e line
	for _, l := range s.lines {
		if l.aligned && l.at-l.real > e.at-e.real {
			e = l
		}
	}
	return e
}

// pick finds the key's lines in the run, in the key's order, or says why
// it cannot.
func (s story) pick(q *course.Question) ([]line, string) {
	keyed := make([]line, len(q.Lines))
	for i, text := range q.Lines {
		n := 0
		for _, l := range s.lines {
			if l.text == text {
				keyed[i] = l
				n++
			}
		}
		switch n {
		case 0:
			var all []string
			for _, l := range s.lines {
				if !slices.Contains(all, l.text) {
					all = append(all, l.text)
				}
			}
			return nil, fmt.Sprintf("example %s never prints %q; it prints %s", q.Example, text, quoteList(all, 8))
		case 1:
		default:
			return nil, fmt.Sprintf("example %s prints %q %d times, so its place in the order is ambiguous", q.Example, text, n)
		}
	}
	return keyed, ""
}

// unaligned reports whether a keyed line is on a lane that does not match
// the model's.
func (s story) unaligned(keyed []line) bool {
	return slices.ContainsFunc(keyed, func(l line) bool { return !l.aligned })
}

// mismatchText says how the run's lanes differ from the model's, lanes in
// name order.
func (s story) mismatchText() string {
	var parts []string
	for _, lane := range slices.Sorted(maps.Keys(s.mismatch)) {
		m := s.mismatch[lane]
		parts = append(parts, fmt.Sprintf("%s printed %s where its model prints %s", lane, quoteList(m[0], 8), quoteList(m[1], 8)))
	}
	return strings.Join(parts, "; ")
}

// verdict says why the key's order is wrong, or "" when it is right. Lines
// at distinct true instants come in time order; at one instant, in the
// order the model fixes, or they race.
func verdict(q *course.Question, x examples.Example, model trace.Model, s story) string {
	keyed, missing := s.pick(q)
	if missing != "" {
		return missing
	}
	for i := 1; i < len(keyed); i++ {
		a, b := keyed[i-1], keyed[i]
		prev, cur := q.Lines[i-1], q.Lines[i]
		switch {
		case a.at < b.at:
		case a.at > b.at:
			return fmt.Sprintf("example %s prints %q at %s, before %q at %s", q.Example, cur, seconds(b.at), prev, seconds(a.at))
		case a.lane != b.lane && !x.OrderedIn(model):
			// Only goroutines race: in the asyncio models one task runs at
			// a time and the order is fixed, which is what to point to.
			return fmt.Sprintf("example %s prints %q and %q at the same moment (%s) from goroutines that race, so their order changes from run to run; ask about lines printed at different times, or add model: loop, where one task runs at a time and the order is fixed", q.Example, prev, cur, seconds(a.at))
		case b.atSeq < a.atSeq:
			return fmt.Sprintf("example %s prints %q before %q (both at %s)", q.Example, cur, prev, seconds(a.at))
		}
	}
	return ""
}

// seconds shows a program time exactly, with at least one decimal.
func seconds(d time.Duration) string {
	s := strconv.FormatFloat(d.Seconds(), 'f', -1, 64)
	if !strings.Contains(s, ".") {
		s += ".0"
	}
	return s + " s"
}

func quoteList(xs []string, most int) string {
	var q []string
	for i, x := range xs {
		if i == most {
			q = append(q, "…")
			break
		}
		q = append(q, fmt.Sprintf("%q", x))
	}
	if len(q) == 0 {
		return "nothing"
	}
	return strings.Join(q, ", ")
}

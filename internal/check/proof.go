package check

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// How output keys are proved depends on the model a question names.
//
//   - goroutines (the default, and what a question without model: means):
//     the Go code runs proofRuns times at once, proofSpeed times faster than
//     real time; the default course's longest example (4.5 s) then takes
//     under half a second. Two prints closer than sameInstant (program time)
//     happened at the same moment: the examples' defaults never put distinct
//     moments closer than 0.5 s, and sameInstant is 20 ms of real time at
//     proofSpeed, far above the scheduler's wake-up jitter. Wall-clock runs
//     can still be late on a machine that is very busy.
//   - loop: one run of the asyncio model in virtual time. Times are exact
//     and the order is the engine's, so the verdict never depends on how
//     busy the machine is, and two prints are at the same moment only when
//     their times are equal.
//   - python: the Python twin on CPython at real speed, proofRuns times at
//     once, with the goroutines model's tolerance. Without a usable python3
//     the key is reported as skipped, neither passed nor failed.
const (
	proofSpeed  = 10
	proofRuns   = 2
	sameInstant = 200 * time.Millisecond
	proofLimit  = 30 * time.Second // no default-parameter example comes close
)

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

type runs struct {
	traces []trace.Trace
	err    error
	skip   error // the model cannot run here: the keys are skipped, with this reason
}

// proveOutputs runs the example of every output question and checks that
// the key's lines really print in the key's order, the same in every run.
func (ch *checker) proveOutputs(ctx context.Context, c *course.Course) {
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
	if len(questions) == 0 {
		return
	}
	results := runExamples(ctx, questions)
	for _, q := range questions {
		ch.prove(q, results[keyOf(q)])
	}
}

func translations(c *course.Course) []*course.Content {
	var out []*course.Content
	for _, lang := range c.Langs() {
		out = append(out, c.Translations[lang])
	}
	return out
}

// runExamples runs every distinct example, model and parameters the
// questions ask about, all at once: proofRuns times on the wall clock, once
// in virtual time.
func runExamples(ctx context.Context, questions []*course.Question) map[runKey]*runs {
	results := map[runKey]*runs{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	var python error
	pythonChecked := false
	for _, q := range questions {
		k := keyOf(q)
		if results[k] != nil {
			continue
		}
		spec := examples.Spec{Name: q.Example, Model: k.model, Params: q.Settings()}
		n, speed := proofRuns, float64(proofSpeed)
		switch k.model {
		case trace.ModelLoop:
			n = 1
		case trace.ModelPython:
			if !pythonChecked {
				python, pythonChecked = examples.PythonAvailable(), true
			}
			if python != nil {
				results[k] = &runs{skip: python}
				continue
			}
			speed = 1
		}
		r := &runs{traces: make([]trace.Trace, n)}
		results[k] = r
		limit := proofLimit
		if x, ok := examples.Lookup(q.Example); ok && k.model != trace.ModelLoop {
			if d, err := x.Expect(spec.Params); err == nil {
				limit += time.Duration(float64(d) / speed)
			}
		}
		for i := range n {
			wg.Go(func() {
				ctx, cancel := context.WithTimeout(ctx, limit)
				defer cancel()
				var t trace.Trace
				var err error
				if k.model == trace.ModelLoop {
					t, err = examples.Simulate(ctx, spec)
				} else {
					t, err = examples.Execute(ctx, spec, speed)
				}
				mu.Lock()
				defer mu.Unlock()
				r.traces[i] = t
				if err != nil && r.err == nil {
					r.err = err
				}
			})
		}
	}
	wg.Wait()
	return results
}

// prove checks one output key against the recorded runs.
func (ch *checker) prove(q *course.Question, r *runs) {
	at := q.At("lines")
	model := q.RunModel()
	if r.skip != nil {
		ch.skipped = append(ch.skipped, q.At("example").Problem(SeveritySkipped, RuleOutputProof,
			"the key of %q is not proved: it runs example %s in the %s model, which cannot run here: %v", q.ID, q.Example, model, r.skip))
		return
	}
	if r.err != nil {
		ch.add(q.At("example").Errorf(RuleOutputProof, "example %q failed in the %s model while proving this key: %v", q.Example, model, r.err))
		return
	}
	x, _ := examples.Lookup(q.Example)
	within := sameInstant
	if model == trace.ModelLoop {
		within = 0 // exact times: only equal times are the same moment
	}
	verdicts := make([]string, len(r.traces))
	for i, t := range r.traces {
		verdicts[i] = verdict(q, x, t, model, within)
	}
	if verdicts[0] != "" {
		ch.add(at.Errorf(RuleOutputProof, "%s", verdicts[0]))
		return
	}
	for _, v := range verdicts[1:] {
		if v != "" {
			ch.add(at.Errorf(RuleOutputProof, "the lines came in this order in one run but not in another (%s); the order is not fixed, so do not ask for it", v))
			return
		}
	}
}

type printed struct {
	t   time.Duration
	seq int
}

// verdict says why the key's order is wrong for one run, or "" when right.
// Prints no more than within apart are at the same moment; their order is
// the recorded one when the model orders same-instant events, else a race.
func verdict(q *course.Question, x examples.Example, t trace.Trace, model trace.Model, within time.Duration) string {
	ordered := x.OrderedIn(model)
	byText := map[string][]printed{}
	var all []string
	for _, e := range t.Events {
		if e.Kind == trace.KindPrint {
			if _, seen := byText[e.Text]; !seen {
				all = append(all, e.Text)
			}
			byText[e.Text] = append(byText[e.Text], printed{e.T, e.Seq})
		}
	}
	at := make([]printed, len(q.Lines))
	for i, line := range q.Lines {
		switch ps := byText[line]; len(ps) {
		case 0:
			return fmt.Sprintf("example %s never prints %q; it prints %s", q.Example, line, quoteList(all, 8))
		case 1:
			at[i] = ps[0]
		default:
			return fmt.Sprintf("example %s prints %q %d times, so its place in the order is ambiguous", q.Example, line, len(ps))
		}
	}
	for i := 1; i < len(at); i++ {
		a, b := at[i-1], at[i]
		prev, line := q.Lines[i-1], q.Lines[i]
		switch {
		case b.t-a.t > within:
			continue
		case a.t-b.t > within:
			return fmt.Sprintf("example %s prints %q at %s, before %q at %s", q.Example, line, seconds(b.t), prev, seconds(a.t))
		case !ordered:
			// Only goroutines race: in the asyncio models one task runs at
			// a time and the order is fixed, which is what to point to.
			return fmt.Sprintf("example %s prints %q and %q at the same moment (%s) from goroutines that race, so their order changes from run to run; ask about lines printed at different times, or add model: loop, where one task runs at a time and the order is fixed", q.Example, prev, line, seconds(a.t))
		case b.seq < a.seq:
			return fmt.Sprintf("example %s prints %q before %q (both at %s)", q.Example, line, prev, seconds(a.t))
		}
	}
	return ""
}

// seconds shows a program time rounded to the tenth of a second the proof
// can resolve.
func seconds(d time.Duration) string {
	return fmt.Sprintf("%.1f s", d.Round(100*time.Millisecond).Seconds())
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

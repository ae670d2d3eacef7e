package check

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/course"
	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// How output keys are proved. Each example an output question names runs
// proofRuns times at once, proofSpeed times faster than real time; the
// default course's longest example (4.5 s) then takes under half a second.
//
// Two prints closer than sameInstant (program time) happened at the same
// moment in the example's own timeline: the example's defaults never put
// distinct moments closer than 0.5 s, and sameInstant is 20 ms of real time
// at proofSpeed, far above the scheduler's wake-up jitter.
const (
	proofSpeed  = 10
	proofRuns   = 2
	sameInstant = 200 * time.Millisecond
	proofLimit  = 30 * time.Second // no default-parameter example comes close
)

type runs struct {
	traces []trace.Trace
	err    error
}

// proveOutputs runs the example of every output question and checks that
// the key's lines really print in the key's order, the same in every run.
func (ch *checker) proveOutputs(ctx context.Context, c *course.Course) {
	var questions []*course.Question
	for _, ct := range append([]*course.Content{{Quizzes: c.Quizzes}}, translations(c)...) {
		for _, q := range ct.Quizzes {
			for _, qu := range q.Questions {
				if qu.Type == course.Output && len(qu.Lines) >= 2 {
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
		ch.prove(q, results[q.Example])
	}
}

func translations(c *course.Course) []*course.Content {
	var out []*course.Content
	for _, lang := range c.Langs() {
		out = append(out, c.Translations[lang])
	}
	return out
}

// runExamples runs each named example proofRuns times, all at once.
func runExamples(ctx context.Context, questions []*course.Question) map[string]*runs {
	ctx, cancel := context.WithTimeout(ctx, proofLimit)
	defer cancel()
	results := map[string]*runs{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, q := range questions {
		if results[q.Example] != nil {
			continue
		}
		r := &runs{traces: make([]trace.Trace, proofRuns)}
		results[q.Example] = r
		for i := range proofRuns {
			wg.Go(func() {
				t, err := examples.Execute(ctx, examples.Spec{Name: q.Example}, proofSpeed)
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
	if r.err != nil {
		ch.add(q.At("example").Errorf(RuleOutputProof, "example %q failed while proving this key: %v", q.Example, r.err))
		return
	}
	x, _ := examples.Lookup(q.Example)
	verdicts := make([]string, len(r.traces))
	for i, t := range r.traces {
		verdicts[i] = verdict(q, t, x.Ordered)
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
func verdict(q *course.Question, t trace.Trace, ordered bool) string {
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
		case b.t-a.t > sameInstant:
			continue
		case a.t-b.t > sameInstant:
			return fmt.Sprintf("example %s prints %q at %s, before %q at %s", q.Example, line, seconds(b.t), prev, seconds(a.t))
		case !ordered:
			return fmt.Sprintf("example %s prints %q and %q at the same moment (%s) from goroutines that race, so their order changes from run to run; ask about lines printed at different times", q.Example, prev, line, seconds(a.t))
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

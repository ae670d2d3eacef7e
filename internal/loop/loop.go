package loop

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// Config sets up a Loop.
type Config struct {
	// Record receives every event, in order, with T the loop's time. nil
	// records nothing.
	Record func(trace.Event)
	// Pace, if set, makes the loop wait until Pace reads a timer's due time
	// before it jumps there, so the run takes as long as the program says
	// (at Pace's speed). nil runs in virtual time: no waiting at all.
	Pace *trace.Clock
	// MaxSteps bounds how many callbacks one Run may run, so a program that
	// never stops yielding (a `while True: await sleep(0)`) ends with an
	// error instead of spinning. 0 means DefaultMaxSteps.
	MaxSteps int
}

// DefaultMaxSteps is far more than any example needs (they run a few
// hundred callbacks) and still ends a runaway run in well under a second.
const DefaultMaxSteps = 1_000_000

// ErrDeadlock is returned by Run when every task waits for something no task
// and no timer will ever bring: CPython would hang here for ever.
var ErrDeadlock = errors.New("deadlock: every task is waiting and no timer is armed, so nothing can ever wake one")

// ErrTooManySteps is returned by Run when it has run Config.MaxSteps
// callbacks.
var ErrTooManySteps = errors.New("the loop ran too many steps: a task never stops handing the turn back")

// PanicError is the error Run returns when a coroutine panicked: the loop
// stops every task and returns, and nothing crashes.
type PanicError struct {
	Task  string // the lane that was running
	Value any
	Stack []byte
}

func (e *PanicError) Error() string { return fmt.Sprintf("task %s panicked: %v", e.Task, e.Value) }

// Loop is one event loop. Make one with New, print from outside it with
// Print (the top level of a script), and run tasks on it with Run
// (asyncio.run). A Loop is used by one goroutine at a time: Run's caller,
// then whichever task has the turn.
type Loop struct {
	cfg Config
	ctx context.Context

	now     time.Duration
	ready   []*handle // first in, first out; ready[head:] are live
	head    int
	timers  timerHeap
	set     int // timers set so far: their tie-break order
	steps   int
	current *Task
	tasks   []*Task // every task ever created, in creation order

	stopping bool
	fatal    error // a panic or an abort: stop everything

	// yield carries the turn back from the running task to the loop.
	yield chan yieldMsg
}

// New returns a loop whose clock reads 0.
func New(cfg Config) *Loop {
	if cfg.MaxSteps <= 0 {
		cfg.MaxSteps = DefaultMaxSteps
	}
	return &Loop{cfg: cfg, ctx: context.Background(), yield: make(chan yieldMsg)}
}

// Print prints a line from outside any task: the top level of the
// program, before or after asyncio.run. Its lane is "main".
func (l *Loop) Print(text string) { l.record("main", trace.KindPrint, trace.ReasonNone, text) }

func (l *Loop) record(lane string, kind trace.Kind, reason trace.Reason, text string) {
	if l.cfg.Record != nil {
		l.cfg.Record(trace.Event{T: l.now, Task: lane, Kind: kind, Reason: reason, Text: text})
	}
}

func (l *Loop) recordTimer(lane string, due time.Duration, text string) {
	if l.cfg.Record != nil {
		l.cfg.Record(trace.Event{T: l.now, Task: lane, Kind: trace.KindTimer, Text: text, Due: due})
	}
}

// Run is asyncio.run(main()): it creates the task main (lane name), runs
// the loop until main is done, then cancels every task main left behind and
// runs the loop until they have finished, and returns main's result.
//
// Cancelling ctx stops the loop between two callbacks; every task's
// goroutine is unwound and Run returns the context's cause. So does a panic
// in a coroutine (as a *PanicError), ErrDeadlock and ErrTooManySteps. Once
// Run has returned no goroutine of the loop is left.
func (l *Loop) Run(ctx context.Context, name string, main Func) (result any, err error) {
	l.ctx = ctx
	l.stopping = false
	defer l.unwind()
	t := l.CreateTask(name, main)
	if err := l.runUntil(t.fut); err != nil {
		return nil, err
	}
	// asyncio.run's teardown: cancel what is left, then wait for it.
	var left []*Future
	for _, o := range l.tasks {
		if !o.fut.Done() {
			o.Cancel("")
			left = append(left, o.fut)
		}
	}
	if len(left) > 0 {
		if err := l.runUntil(l.gather(left, true)); err != nil {
			return nil, err
		}
	}
	return t.fut.Result()
}

// runUntil is run_until_complete: run batches until f is done and the
// batch in which its done callback stopped the loop has finished.
func (l *Loop) runUntil(f *Future) error {
	l.stopping = false
	f.AddDoneCallback(func(*Future) { l.stopping = true })
	for !l.stopping {
		if err := l.runOnce(); err != nil {
			return err
		}
	}
	return nil
}

// runOnce is one iteration of the loop: wait for (or jump to) the next
// timer if nothing is ready, move every due timer to the ready queue, then
// run the callbacks that are ready now, and only those.
func (l *Loop) runOnce() error {
	for len(l.timers) > 0 && l.timers[0].cancelled {
		heap.Pop(&l.timers)
	}
	if l.pending() == 0 && !l.stopping {
		if len(l.timers) == 0 {
			return ErrDeadlock
		}
		if err := l.advance(l.timers[0].when); err != nil {
			return err
		}
	}
	for len(l.timers) > 0 && l.timers[0].when <= l.now {
		l.ready = append(l.ready, heap.Pop(&l.timers).(*handle))
	}
	for n := l.pending(); n > 0; n-- {
		h := l.ready[l.head]
		l.ready[l.head] = nil
		l.head++
		if h.cancelled {
			continue
		}
		if l.steps++; l.steps > l.cfg.MaxSteps {
			return ErrTooManySteps
		}
		if err := l.ctx.Err(); err != nil {
			return context.Cause(l.ctx)
		}
		h.fn()
		if l.fatal != nil {
			return l.fatal
		}
	}
	if l.head == len(l.ready) {
		l.ready, l.head = l.ready[:0], 0
	}
	return nil
}

func (l *Loop) pending() int { return len(l.ready) - l.head }

// advance moves the loop's clock to due, first waiting for the pace clock
// to get there if there is one.
func (l *Loop) advance(due time.Duration) error {
	if p := l.cfg.Pace; p != nil {
		if err := p.Sleep(l.ctx, due-p.Now()); err != nil {
			return err
		}
	} else if err := l.ctx.Err(); err != nil {
		return context.Cause(l.ctx)
	}
	l.now = max(l.now, due)
	return nil
}

// unwind ends the goroutine of every task that is still suspended, for a
// Run that stopped early. A task resumed with errUnwind panics its way out
// of whatever it was doing (see Task.suspend), so no coroutine can hold on.
func (l *Loop) unwind() {
	for _, t := range l.tasks {
		if t.running && !t.exited {
			t.resume <- errUnwind
			<-t.gone
			t.exited = true
		}
	}
}

// handle is a callback on the ready queue or, with a due time, a timer.
type handle struct {
	fn        func()
	when      time.Duration
	order     int
	cancelled bool
}

// Cancel stops the callback from running, if it has not run yet.
func (h *handle) Cancel() { h.cancelled = true }

// callSoon queues fn on the ready queue.
func (l *Loop) callSoon(fn func()) *handle {
	h := &handle{fn: fn}
	l.ready = append(l.ready, h)
	return h
}

// callLater sets a timer that queues fn once the loop's time reaches
// now + d.
func (l *Loop) callLater(d time.Duration, fn func()) *handle {
	h := &handle{fn: fn, when: l.now + max(d, 0), order: l.set}
	l.set++
	heap.Push(&l.timers, h)
	return h
}

// timerHeap orders timers by due time, then by the order they were set.
type timerHeap []*handle

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].when != h[j].when {
		return h[i].when < h[j].when
	}
	return h[i].order < h[j].order
}
func (h timerHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *timerHeap) Push(x any)   { *h = append(*h, x.(*handle)) }
func (h *timerHeap) Pop() any {
	old := *h
	last := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	return last
}

// panicked turns a recovered panic into the loop's fatal error.
func panicked(lane string, v any) *PanicError {
	return &PanicError{Task: lane, Value: v, Stack: debug.Stack()}
}

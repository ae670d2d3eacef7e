package examples

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// eventloop builds a small asyncio in Go. One scheduler goroutine, the loop,
// owns a ready queue and a heap of timers. Each task is a coroutine: it has
// a goroutine of its own, but it runs only while the loop has handed it the
// turn over a channel, and it hands the turn back whenever it awaits. So
// exactly one of them runs at any moment, and yet two tasks that each sleep
// 1 s are done after 1 s: while one sleeps, the loop runs the other.
func eventloop(ctx context.Context, e *env, p args) error {
	m := e.Start("main")
	defer m.Exit()
	m.Print("start")

	// Like loop.run_until_complete(gather(say1(), say2())): main waits
	// while the loop runs both coroutines to the end.
	done := make(chan error, 1)
	m.Wait(trace.ReasonSync, "run until complete")
	go func() {
		done <- runLoop(ctx, e,
			coroutine{"say1", greet(p.Duration("delay1"), "hello from say1")},
			coroutine{"say2", greet(p.Duration("delay2"), "hello from say2")},
		)
	}()
	err := <-done
	m.Resume()
	if err != nil {
		return m.Cancel(err)
	}
	if err := m.Cancelled(ctx); err != nil {
		return err
	}
	m.Print("exit")
	return nil
}

// eventloopTotal is how long eventloop takes: the loop runs one coroutine
// while the other sleeps, so, as with goroutines, the longer sleep. The loop
// fires a timer once its clock reads the due time, and that clock counts
// whole microseconds, so a sleep of 1.4µs ends at 2µs.
func eventloopTotal(p args) time.Duration {
	longest := max(p.Duration("delay1"), p.Duration("delay2"))
	return (longest + time.Microsecond - 1).Truncate(time.Microsecond)
}

// greet is the body of `async def sayN(): await asyncio.sleep(delay); print(msg)`.
func greet(delay time.Duration, msg string) func(context.Context, *coro) error {
	return func(ctx context.Context, co *coro) error {
		if err := co.Sleep(ctx, delay); err != nil {
			return err
		}
		co.Print(msg)
		return nil
	}
}

// coroutine is a task to hand to the loop: a name and a body.
type coroutine struct {
	name string
	body func(ctx context.Context, co *coro) error
}

// coro is a coroutine as it runs on the loop.
type coro struct {
	t    *task
	loop *loop
	turn chan struct{} // the loop sends on it to let this coroutine run
}

// yield is what a coroutine tells the loop when it hands the turn back.
type yield struct {
	co    *coro
	sleep time.Duration // it awaits a sleep of this long...
	done  bool          // ...or it has returned
	err   error         // what it returned
}

// loop is the scheduler. Only the loop's goroutine touches ready and timers.
type loop struct {
	e      *env
	self   *task
	ready  []*coro    // coroutines that may run, first in first out
	timers timerHeap  // sleeping coroutines, earliest due first
	armed  int        // timers armed so far: breaks ties between equal due times
	yields chan yield // running coroutines hand the turn back here
}

// runLoop runs the coroutines to completion, one turn at a time.
func runLoop(ctx context.Context, e *env, coros ...coroutine) error {
	l := &loop{e: e, self: e.Start("loop"), yields: make(chan yield)}
	defer l.self.Exit()

	// When the loop returns, so must every coroutine goroutine, even on a
	// cancel or an error: cancel their context, then wait for them.
	ctx, cancel := context.WithCancelCause(ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel(errors.New("event loop closed"))

	for _, c := range coros {
		l.spawn(ctx, &wg, c)
	}
	for live := len(coros); live > 0; {
		if err := l.self.Cancelled(ctx); err != nil {
			return err // like loop.stop(): no further turns
		}
		l.fireDueTimers()
		if len(l.ready) == 0 {
			if err := l.idle(ctx); err != nil {
				return err
			}
			continue
		}
		co := l.ready[0]
		l.ready = l.ready[1:]
		y, err := l.step(ctx, co)
		switch {
		case err != nil:
			return err
		case y.done && y.err != nil:
			return l.self.Cancel(fmt.Errorf("%s: %w", co.t.name, y.err))
		case y.done:
			live--
		default:
			l.arm(co, y.sleep)
		}
	}
	return nil
}

// spawn wraps a coroutine in a goroutine that waits for its first turn, and
// queues it: asyncio.create_task.
func (l *loop) spawn(ctx context.Context, wg *sync.WaitGroup, c coroutine) {
	co := &coro{t: l.e.Task(c.name), loop: l, turn: make(chan struct{})}
	l.makeReady(co)
	wg.Go(func() {
		defer co.t.Exit()
		if err := co.await(ctx, trace.KindStart); err != nil {
			return
		}
		err := c.body(ctx, co)
		if ctx.Err() != nil {
			return // the loop is gone; nobody takes the turn back
		}
		co.t.End("")
		select {
		case l.yields <- yield{co: co, done: true, err: err}:
		case <-ctx.Done():
		}
	})
}

// step hands the turn to co and waits until co hands it back.
func (l *loop) step(ctx context.Context, co *coro) (yield, error) {
	l.self.Wait(trace.ReasonChan, co.t.name+" has the turn")
	select {
	case co.turn <- struct{}{}:
	case <-ctx.Done():
		return yield{}, l.self.Cancel(context.Cause(ctx))
	}
	select {
	case y := <-l.yields:
		l.self.Resume()
		return y, nil
	case <-ctx.Done():
		return yield{}, l.self.Cancel(context.Cause(ctx))
	}
}

// idle sleeps until the earliest timer is due: nothing is ready to run.
func (l *loop) idle(ctx context.Context) error {
	if len(l.timers) == 0 {
		return l.self.Cancel(errors.New("deadlock: no task is ready and no timer is armed"))
	}
	due := l.timers[0].due
	l.self.Wait(trace.ReasonSleep, fmt.Sprintf("until the timer due at %v", due))
	if err := l.e.clock.Sleep(ctx, due-l.e.Now()); err != nil {
		return l.self.Cancel(err)
	}
	l.self.Resume()
	return nil
}

// makeReady appends co to the ready queue.
func (l *loop) makeReady(co *coro) {
	l.ready = append(l.ready, co)
	co.t.record(trace.KindReady, trace.ReasonLoop, "")
}

// arm sets a timer that makes co ready again after d.
func (l *loop) arm(co *coro, d time.Duration) {
	tm := timer{due: l.e.Now() + d, order: l.armed, co: co}
	l.armed++
	heap.Push(&l.timers, tm)
	l.e.rec.RecordTimer(co.t.name, tm.due, "sleep "+d.String())
}

// fireDueTimers moves every coroutine whose timer is due to the ready queue,
// earliest first.
func (l *loop) fireDueTimers() {
	now := l.e.Now()
	for len(l.timers) > 0 && l.timers[0].due <= now {
		tm := heap.Pop(&l.timers).(timer)
		tm.co.t.record(trace.KindFire, trace.ReasonNone, "")
		l.makeReady(tm.co)
	}
}

// Sleep is `await asyncio.sleep(d)`: ask the loop for a timer, hand it the
// turn, and wait until the loop hands the turn back after the timer fired.
func (co *coro) Sleep(ctx context.Context, d time.Duration) error {
	co.t.Wait(trace.ReasonSleep, "sleep "+d.String())
	select {
	case co.loop.yields <- yield{co: co, sleep: d}:
	case <-ctx.Done():
		return co.t.Cancel(context.Cause(ctx))
	}
	return co.await(ctx, trace.KindResume)
}

// await blocks until the loop hands co the turn. It records that co runs
// again (kind is KindStart the first time).
func (co *coro) await(ctx context.Context, kind trace.Kind) error {
	select {
	case <-co.turn:
		co.t.record(kind, trace.ReasonLoop, "")
		return nil
	case <-ctx.Done():
		return co.t.Cancel(context.Cause(ctx))
	}
}

// Print prints while co has the turn.
func (co *coro) Print(msg string) { co.t.Print(msg) }

// timer is one armed timer: co becomes ready once the loop's clock reads due.
type timer struct {
	due   time.Duration
	order int
	co    *coro
}

// timerHeap keeps timers by due time, then by the order they were armed,
// using container/heap.
type timerHeap []timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if h[i].due != h[j].due {
		return h[i].due < h[j].due
	}
	return h[i].order < h[j].order
}
func (h timerHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *timerHeap) Push(x any)   { *h = append(*h, x.(timer)) }
func (h *timerHeap) Pop() any {
	old := *h
	last := old[len(old)-1]
	*h = old[:len(old)-1]
	return last
}

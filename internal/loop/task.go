package loop

import (
	"errors"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// Func is the body of a coroutine: `async def f(): ... return result`. It
// awaits by calling the methods of its task, and returns its result, or
// the exception it raises as an error.
type Func func(t *Task) (any, error)

// Task is asyncio.Task: a future that drives one coroutine. It runs only
// between being handed the turn by the loop (its step) and its next await
// of something not yet done.
type Task struct {
	l     *Loop
	fut   *Future
	body  Func
	lanes []string // lanes[0] is the task's; a directly awaited coroutine pushes its own

	waiter     *Future // what the task is suspended on (fut_waiter)
	mustCancel bool
	cancelMsg  string
	cancels    int // cancel requests not yet taken back by uncancel

	started bool // its lane has had the turn once
	running bool // its goroutine exists
	exited  bool // its goroutine has returned
	resume  chan error
	gone    chan struct{}
}

// yieldMsg is what a task hands back with the turn: a future it awaits, a
// bare yield (wait nil, not done), or its end.
type yieldMsg struct {
	wait   *Future
	done   bool
	result any
	err    error
	panic  *PanicError
}

// errUnwind resumes a task's goroutine only to make it return: the loop
// has stopped for good.
var errUnwind = errors.New("loop: unwinding")

// unwinding is the panic that carries errUnwind out of a coroutine.
type unwinding struct{}

// CreateTask is asyncio.create_task(coro, name=name): the task is queued
// to run its first step soon, and starts no sooner than the current task
// next awaits. It can be called from outside Run only on a loop that will
// run.
func (t *Task) CreateTask(name string, body Func) *Task { return t.l.CreateTask(name, body) }

// CreateTask makes a task on the loop; see Task.CreateTask.
func (l *Loop) CreateTask(name string, body Func) *Task {
	t := &Task{l: l, fut: l.NewFuture(), body: body, lanes: []string{name},
		resume: make(chan error), gone: make(chan struct{})}
	t.fut.cancelHook = t.Cancel
	l.tasks = append(l.tasks, t)
	t.schedule(nil)
	return t
}

// Name is the task's lane.
func (t *Task) Name() string { return t.lanes[0] }

// Loop is the loop the task runs on.
func (t *Task) Loop() *Loop { return t.l }

// Now is the loop's time.
func (t *Task) Now() time.Duration { return t.l.now }

// Done reports whether the task has ended.
func (t *Task) Done() bool { return t.fut.Done() }

func (t *Task) lane() string { return t.lanes[len(t.lanes)-1] }

func (t *Task) record(kind trace.Kind, reason trace.Reason, text string) {
	t.l.record(t.lane(), kind, reason, text)
}

// schedule queues the task's next step, with exc to be raised at its
// await (nil to go on normally).
func (t *Task) schedule(exc error) {
	t.record(trace.KindReady, trace.ReasonLoop, "")
	t.l.callSoon(func() { t.step(exc) })
}

// wakeup is the done callback a task puts on the future it awaits: it
// steps the task with the future's exception, if any.
func (t *Task) wakeup(f *Future) {
	_, err := f.Result()
	t.step(err)
}

// step is Task.__step: hand the coroutine the turn, with exc raised at
// its await, and deal with what it hands back.
func (t *Task) step(exc error) {
	if t.fut.Done() {
		return
	}
	if t.mustCancel {
		exc = &CancelledError{Msg: t.cancelMsg}
		t.mustCancel = false
	}
	t.waiter = nil
	l := t.l
	l.current = t
	defer func() { l.current = nil }()

	if !t.started {
		t.started = true
		if exc != nil {
			// A coroutine cancelled before it ever ran never runs.
			t.finish(yieldMsg{done: true, err: exc})
			return
		}
		t.record(trace.KindStart, trace.ReasonLoop, "")
		t.running = true
		go t.main()
	} else {
		t.record(trace.KindResume, trace.ReasonLoop, "")
		t.resume <- exc
	}
	y := <-l.yield
	switch {
	case y.panic != nil:
		t.exited = true
		l.fatal = y.panic
		t.fut.cancel("")
	case y.done:
		t.exited = true
		t.finish(y)
	case y.wait == nil: // a bare yield: sleep(0)
		t.schedule(nil)
	default:
		t.waiter = y.wait
		y.wait.addCallback(&callback{fn: t.wakeup, task: t})
		if t.mustCancel && t.waiter.Cancel(t.cancelMsg) {
			t.mustCancel = false
		}
	}
}

// finish completes the task's future the way its coroutine ended.
func (t *Task) finish(y yieldMsg) {
	var c *CancelledError
	switch {
	case errors.As(y.err, &c):
		t.record(trace.KindCancel, trace.ReasonNone, c.Error())
		t.record(trace.KindEnd, trace.ReasonNone, "")
		t.fut.cancel(c.Msg)
	case y.err != nil:
		t.record(trace.KindEnd, trace.ReasonNone, describe(nil, y.err))
		t.fut.SetException(y.err)
	default:
		t.record(trace.KindEnd, trace.ReasonNone, describe(y.result, nil))
		t.fut.SetResult(y.result)
	}
}

// main is the task's goroutine: the coroutine's body, started on the
// task's first turn.
func (t *Task) main() {
	defer close(t.gone)
	var y yieldMsg
	func() {
		defer func() {
			switch v := recover(); v.(type) {
			case nil:
			case unwinding:
				y = yieldMsg{}
			default:
				y = yieldMsg{panic: panicked(t.lane(), v)}
			}
		}()
		res, err := t.body(t)
		y = yieldMsg{done: true, result: res, err: err}
	}()
	if !y.done && y.panic == nil {
		return // unwound: the loop is no longer listening
	}
	t.l.yield <- y
}

// suspend hands the turn back to the loop with y and waits for the next
// step. It returns the exception raised at the await, if any.
func (t *Task) suspend(y yieldMsg) error {
	t.l.yield <- y
	exc := <-t.resume
	if exc == errUnwind {
		panic(unwinding{})
	}
	return exc
}

// Await is `await fut`: if fut is not done, the task records that it waits
// (reason and text say on what) and gives the turn back until fut is done.
// It returns fut's result, or raises its exception, or CancelledError if
// this task was cancelled meanwhile.
func (t *Task) Await(fut *Future, reason trace.Reason, text string) (any, error) {
	if !fut.Done() {
		t.record(trace.KindWait, reason, text)
		if err := t.suspend(yieldMsg{wait: fut}); err != nil {
			return nil, err
		}
	}
	return fut.Result()
}

// AwaitTask is `await task`.
func (t *Task) AwaitTask(o *Task) (any, error) {
	return t.Await(o.fut, trace.ReasonFuture, "await "+o.Name())
}

// Call is `await coro()` for a coroutine called directly: it runs in this
// task, on a lane of its own named after the coroutine, while the caller's
// lane waits for it.
func (t *Task) Call(name string, body Func) (any, error) {
	t.record(trace.KindWait, trace.ReasonSync, "await "+name+"()")
	t.lanes = append(t.lanes, name)
	t.record(trace.KindStart, trace.ReasonLoop, "")
	res, err := body(t)
	if IsCancelled(err) {
		t.record(trace.KindCancel, trace.ReasonNone, err.Error())
		t.record(trace.KindEnd, trace.ReasonNone, "")
	} else {
		t.record(trace.KindEnd, trace.ReasonNone, describe(res, err))
	}
	t.lanes = t.lanes[:len(t.lanes)-1]
	t.record(trace.KindResume, trace.ReasonLoop, "")
	return res, err
}

// Print is print(text) from the running coroutine.
func (t *Task) Print(text string) { t.record(trace.KindPrint, trace.ReasonNone, text) }

// Sleep is `await asyncio.sleep(d)`. A d of zero or less is a bare yield:
// the task goes to the back of the ready queue and runs again in the next
// batch.
func (t *Task) Sleep(d time.Duration) error {
	if d <= 0 {
		t.record(trace.KindWait, trace.ReasonLoop, "sleep 0s")
		return t.suspend(yieldMsg{})
	}
	l := t.l
	f := l.NewFuture()
	lane := t.lane()
	h := l.callLater(d, func() {
		if !f.Done() {
			l.record(lane, trace.KindFire, trace.ReasonNone, "")
			f.SetResult(nil)
		}
	})
	t.record(trace.KindWait, trace.ReasonSleep, "sleep "+d.String())
	l.recordTimer(lane, h.when, "sleep "+d.String())
	err := t.suspend(yieldMsg{wait: f})
	h.Cancel()
	if err != nil {
		return err
	}
	_, err = f.Result()
	return err
}

// Cancel is task.cancel(msg): the task will get a CancelledError at the
// await it is suspended on, or at its next one. It reports false if the
// task is already done.
func (t *Task) Cancel(msg string) bool {
	if t.fut.Done() {
		return false
	}
	t.cancels++
	if t.waiter != nil && t.waiter.Cancel(msg) {
		return true
	}
	t.mustCancel, t.cancelMsg = true, msg
	return true
}

// Uncancel is task.uncancel(): it takes back one cancel request and
// returns how many are left.
func (t *Task) Uncancel() int {
	if t.cancels > 0 {
		t.cancels--
	}
	return t.cancels
}

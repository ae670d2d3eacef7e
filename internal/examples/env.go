package examples

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// This file is the bench the examples stand on: it turns what a task does
// into trace events. It is not shown to learners; each example's own file
// is, so the calls below are named to read well there.

// env is one run's recording kit: the recorder, the clock, and what the run
// needs to fail cleanly when an example goroutine panics.
type env struct {
	rec    *trace.Recorder
	clock  *trace.Clock
	cancel context.CancelCauseFunc // cancels the run, with a cause
	hooks  hooks

	live sync.WaitGroup // one count per task that has not ended

	mu       sync.Mutex
	panicErr *PanicError // the first panic, if any
}

// hooks let tests reach inside a run. Production runs leave them nil.
type hooks struct {
	// beforePrint runs in the task's goroutine before each print; a test
	// makes it panic to check that a panic becomes an error.
	beforePrint func(task, text string)
}

// Task names a task and gives it a lane, without recording anything yet:
// the event loop example records the task as ready before it first runs.
// Every task must end (End or Exit) before the run is over; the run waits
// for all of them.
func (e *env) Task(name string) *task {
	e.live.Add(1)
	return &task{e: e, name: name}
}

// Start names a task and records that it runs from now on. Call it in the
// goroutine that creates the task, before the go statement, so lanes come in
// the same order on every run.
func (e *env) Start(name string) *task {
	t := e.Task(name)
	t.record(trace.KindStart, trace.ReasonNone, "")
	return t
}

// Now is the program time of the run.
func (e *env) Now() time.Duration { return e.clock.Now() }

// Real converts a program duration into the real duration it lasts at the
// run's playback speed: what a context deadline or a timer must be set to.
func (e *env) Real(d time.Duration) time.Duration { return e.clock.Real(d) }

// panicked turns a recovered panic value into the run's error (the first one
// wins) and cancels the run so every other task stops.
func (e *env) panicked(task string, v any) *PanicError {
	err := &PanicError{Task: task, Value: v, Stack: debug.Stack()}
	e.mu.Lock()
	if e.panicErr == nil {
		e.panicErr = err
	}
	e.mu.Unlock()
	e.cancel(err)
	return err
}

func (e *env) firstPanic() *PanicError {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.panicErr
}

// PanicError is the error a run returns when code of the example panicked.
// The panic is recovered in the goroutine where it happened, the run is
// cancelled, and the program carries on.
type PanicError struct {
	Task  string // the task whose goroutine caught the panic; empty if none did
	Value any    // the value passed to panic
	Stack []byte // the stack where the panic was recovered
}

func (e *PanicError) Error() string {
	if e.Task == "" {
		return fmt.Sprintf("example panicked: %v", e.Value)
	}
	return fmt.Sprintf("task %s panicked: %v", e.Task, e.Value)
}

// task is one lane of the timeline: a goroutine, or a function a goroutine
// calls, that the lesson wants to show on its own.
type task struct {
	e    *env
	name string

	mu    sync.Mutex
	ended bool
}

func (t *task) record(kind trace.Kind, reason trace.Reason, text string) {
	t.e.rec.Record(t.name, kind, reason, text)
}

// Print records one line of output.
func (t *task) Print(text string) {
	if h := t.e.hooks.beforePrint; h != nil {
		h(t.name, text)
	}
	t.record(trace.KindPrint, trace.ReasonNone, text)
}

// Wait records that the task is about to block, on what (reason) and why
// (what, e.g. "wg.Wait()"). Record it just before the blocking call.
func (t *task) Wait(reason trace.Reason, what string) {
	t.record(trace.KindWait, reason, what)
}

// Resume records that the task runs again after a Wait.
func (t *task) Resume() {
	t.record(trace.KindResume, trace.ReasonNone, "")
}

// Sleep is time.Sleep for d of program time, recorded as a wait on a timer.
// It stops early when ctx is done, records the cancellation, and returns
// its cause.
func (t *task) Sleep(ctx context.Context, d time.Duration) error {
	t.Wait(trace.ReasonSleep, "sleep "+d.String())
	if err := t.e.clock.Sleep(ctx, d); err != nil {
		return t.Cancel(err)
	}
	t.Resume()
	return nil
}

// Cancel records that the task was cancelled because of err, and returns
// err so a caller can write `return t.Cancel(err)`.
func (t *task) Cancel(err error) error {
	t.record(trace.KindCancel, trace.ReasonNone, err.Error())
	return err
}

// Cancelled returns nil while ctx is live. Once ctx is done it records the
// cancellation and returns the context's cause.
func (t *task) Cancelled(ctx context.Context) error {
	if ctx.Err() == nil {
		return nil
	}
	return t.Cancel(context.Cause(ctx))
}

// End records that the task returned, with result as its result text (may
// be empty). Only the first End of a task counts.
func (t *task) End(result string) {
	t.mu.Lock()
	if t.ended {
		t.mu.Unlock()
		return
	}
	t.ended = true
	t.mu.Unlock()
	t.record(trace.KindEnd, trace.ReasonNone, result)
	t.e.live.Done()
}

// Exit closes a task's goroutine; defer it first thing in every goroutine
// (`defer t.Exit()`). It ends the task if it has not ended yet, and if the
// goroutine is panicking it recovers: the panic is recorded, the run is
// cancelled and returns the panic as its error. An unrecovered panic in a
// goroutine would kill the whole program and leave the terminal unusable.
func (t *task) Exit() {
	if v := recover(); v != nil {
		err := t.e.panicked(t.name, v)
		t.record(trace.KindCancel, trace.ReasonNone, err.Error())
	}
	t.End("")
}

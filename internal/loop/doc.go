// Package loop is a small asyncio in Go: an event loop with asyncio's
// semantics, built so that a run of it tells the same story CPython's
// asyncio tells for the same program, in the same order, on every run.
//
// The pieces are asyncio's own, one for one:
//
//   - a ready queue of callbacks run first in, first out, a batch at a time
//     (the callbacks that were ready when the batch began), as
//     BaseEventLoop._run_once does;
//   - a heap of timers, earliest first, whose ties go in the order the timers
//     were set;
//   - futures whose done callbacks are scheduled on the ready queue, and
//     tasks that are futures driving a coroutine one step at a time: a task
//     runs only while the loop has handed it the turn, and gives the turn
//     back at every await of something not yet done;
//   - sleep, create_task, gather (results in call order, return_exceptions),
//     TaskGroup, Queue, Semaphore, Lock, Event, wait_for and timeout, with
//     cancellation delivered as a CancelledError at the await where the task
//     is suspended.
//
// A coroutine is a Go function that gets its *Task and calls the awaits on
// it; each task has a goroutine of its own, but the loop and the tasks hand
// one turn between them over channels, so exactly one of them runs at a
// time and no lock guards the loop's state.
//
// # Time
//
// The loop keeps its own clock. With nothing ready it jumps to the next
// timer, so a run in virtual time (Config.Pace nil) takes microseconds and
// every time in its trace is exact. With a Pace clock the loop first waits
// until that clock reads the timer's due time, so the run unfolds at the
// clock's speed for a learner to watch; its trace still carries the loop's
// exact times, whatever the machine's load.
//
// # Trace
//
// Everything is recorded as trace.Events in the event-loop vocabulary:
// ready when a task is queued to run, start and resume when it gets the
// turn, wait with what it awaits, timer and fire for its sleeps, print, end
// and cancel. A task is a lane; so is a coroutine awaited directly inside a
// task (Task.Call), as the tracing shim for CPython draws it.
package loop

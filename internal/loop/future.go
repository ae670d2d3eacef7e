package loop

import (
	"errors"
	"fmt"
	"strings"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

type futureState int

const (
	pending futureState = iota
	finished
	cancelled
)

// Future is asyncio.Future: a result that arrives later. Its done
// callbacks are not called when it completes but scheduled on the ready
// queue, each its own callback, in the order they were added.
type Future struct {
	l         *Loop
	state     futureState
	result    any
	err       error
	cancelMsg string
	callbacks []*callback

	// cancelHook, if set, is what Cancel does instead: a Task cancels its
	// coroutine, a gather cancels its children.
	cancelHook func(msg string) bool
}

// callback is a done callback; task is set when it is a task's wakeup, so
// scheduling it is that task becoming ready.
type callback struct {
	fn   func(*Future)
	task *Task
}

// NewFuture is loop.create_future().
func (l *Loop) NewFuture() *Future { return &Future{l: l} }

// Done reports whether the future has a result, an exception, or was
// cancelled.
func (f *Future) Done() bool { return f.state != pending }

// Cancelled reports whether the future was cancelled.
func (f *Future) Cancelled() bool { return f.state == cancelled }

// Result is the future's result and exception; a cancelled future gives a
// *CancelledError. It must be done.
func (f *Future) Result() (any, error) {
	switch f.state {
	case cancelled:
		return nil, &CancelledError{Msg: f.cancelMsg}
	case finished:
		return f.result, f.err
	}
	return nil, errors.New("loop: Result of a future that is not done")
}

// SetResult completes the future with v. A done future stays as it is.
func (f *Future) SetResult(v any) {
	if f.Done() {
		return
	}
	f.state, f.result = finished, v
	f.schedule()
}

// SetException completes the future with err.
func (f *Future) SetException(err error) {
	if f.Done() {
		return
	}
	f.state, f.err = finished, err
	f.schedule()
}

// Cancel cancels the future and reports whether it did: false once done.
func (f *Future) Cancel(msg string) bool {
	if f.cancelHook != nil {
		return f.cancelHook(msg)
	}
	return f.cancel(msg)
}

func (f *Future) cancel(msg string) bool {
	if f.Done() {
		return false
	}
	f.state, f.cancelMsg = cancelled, msg
	f.schedule()
	return true
}

// AddDoneCallback arranges for fn to be called once the future is done; if
// it already is, fn is scheduled right away.
func (f *Future) AddDoneCallback(fn func(*Future)) *callback {
	return f.addCallback(&callback{fn: fn})
}

func (f *Future) addCallback(cb *callback) *callback {
	if f.Done() {
		f.scheduleOne(cb)
		return cb
	}
	f.callbacks = append(f.callbacks, cb)
	return cb
}

// removeDoneCallback takes back a callback that has not been scheduled.
func (f *Future) removeDoneCallback(cb *callback) {
	for i, c := range f.callbacks {
		if c == cb {
			f.callbacks = append(f.callbacks[:i], f.callbacks[i+1:]...)
			return
		}
	}
}

func (f *Future) schedule() {
	cbs := f.callbacks
	f.callbacks = nil
	for _, cb := range cbs {
		f.scheduleOne(cb)
	}
}

func (f *Future) scheduleOne(cb *callback) {
	if cb.task != nil {
		cb.task.record(trace.KindReady, trace.ReasonLoop, "")
	}
	f.l.callSoon(func() { cb.fn(f) })
}

// CancelledError is asyncio.CancelledError: what an await raises in a task
// that was cancelled.
type CancelledError struct{ Msg string }

func (e *CancelledError) Error() string {
	if e.Msg == "" {
		return "CancelledError"
	}
	return "CancelledError: " + e.Msg
}

// IsCancelled reports whether err is (or wraps) a CancelledError.
func IsCancelled(err error) bool {
	var c *CancelledError
	return errors.As(err, &c)
}

// Exception is a Python exception raised by a coroutine: its type's name
// and its message, as `raise RuntimeError("func2 failed")` would carry them.
type Exception struct {
	Type string
	Msg  string
}

// Raise makes the error a coroutine returns to raise a Python exception.
func Raise(typ, msg string) error { return &Exception{Type: typ, Msg: msg} }

func (e *Exception) Error() string { return e.Msg }

// ErrTimeout is the TimeoutError that WaitFor and Timeout raise.
var ErrTimeout error = &Exception{Type: "TimeoutError"}

// ExceptionGroup is the BaseExceptionGroup a TaskGroup raises with the
// errors of its tasks.
type ExceptionGroup struct{ Errors []error }

func (g *ExceptionGroup) Error() string {
	n := len(g.Errors)
	s := "s"
	if n == 1 {
		s = ""
	}
	return fmt.Sprintf("unhandled errors in a TaskGroup (%d sub-exception%s)", n, s)
}

// Unwrap lets errors.Is and errors.As look at the group's errors.
func (g *ExceptionGroup) Unwrap() []error { return g.Errors }

// describe is how a task's end is written in a trace: Python's repr of
// its result, or what it raised.
func describe(v any, err error) string {
	var ex *Exception
	switch {
	case err == nil:
		return Repr(v)
	case errors.As(err, &ex):
		if ex.Msg == "" {
			return "raised " + ex.Type
		}
		return "raised " + ex.Type + ": " + ex.Msg
	}
	return "raised " + err.Error()
}

// Repr writes a result the way Python's repr does for the values examples
// return: None, strings, numbers and lists of them.
func Repr(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return pyString(x)
	case []any:
		s := "["
		for i, e := range x {
			if i > 0 {
				s += ", "
			}
			if e == nil {
				s += "None"
			} else {
				s += Repr(e)
			}
		}
		return s + "]"
	}
	return fmt.Sprint(v)
}

// pyString quotes s the way Python's repr quotes a simple string.
func pyString(s string) string {
	q := "'"
	if strings.ContainsRune(s, '\'') && !strings.ContainsRune(s, '"') {
		q = `"`
	}
	return q + s + q
}

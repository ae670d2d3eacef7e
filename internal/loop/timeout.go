package loop

import (
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// WaitFor is `await asyncio.wait_for(coro(), timeout=d)` as Python 3.11
// runs it: the coroutine becomes a task (lane name); if it is not done
// after d the task is cancelled, WaitFor waits until it has ended and
// raises ErrTimeout. Cancelling the waiting task cancels the inner one too.
func (t *Task) WaitFor(d time.Duration, name string, body Func) (any, error) {
	l := t.l
	if d <= 0 {
		inner := l.CreateTask(name, body)
		if inner.Done() {
			return inner.fut.Result()
		}
		t.cancelAndWait(inner)
		if v, err := inner.fut.Result(); !IsCancelled(err) {
			return v, err
		}
		return nil, ErrTimeout
	}
	waiter := l.NewFuture()
	release := func(*Future) { waiter.SetResult(nil) }
	timer := l.callLater(d, func() { release(nil) })
	defer timer.Cancel()
	inner := l.CreateTask(name, body)
	cb := inner.fut.AddDoneCallback(release)

	if _, err := t.Await(waiter, trace.ReasonFuture, "wait_for "+name); err != nil {
		if IsCancelled(err) {
			if inner.Done() {
				return inner.fut.Result()
			}
			inner.fut.removeDoneCallback(cb)
			t.cancelAndWait(inner)
		}
		return nil, err
	}
	if inner.Done() {
		return inner.fut.Result()
	}
	inner.fut.removeDoneCallback(cb)
	t.cancelAndWait(inner)
	if v, err := inner.fut.Result(); !IsCancelled(err) {
		return v, err
	}
	return nil, ErrTimeout
}

// cancelAndWait cancels inner and waits until it has ended: the
// _cancel_and_wait of wait_for.
func (t *Task) cancelAndWait(inner *Task) {
	waiter := t.l.NewFuture()
	cb := inner.fut.AddDoneCallback(func(*Future) { waiter.SetResult(nil) })
	inner.Cancel("")
	// What matters is that inner has ended, as in CPython.
	_, _ = t.Await(waiter, trace.ReasonFuture, "cancel "+inner.Name())
	inner.fut.removeDoneCallback(cb)
}

// Timeout is `async with asyncio.timeout(d): body()` as Python 3.11 runs
// it: when d has passed the task is cancelled, and the CancelledError that
// comes out of body becomes ErrTimeout.
func (t *Task) Timeout(d time.Duration, body func() error) error {
	l := t.l
	expiring := false
	onTimeout := func() {
		t.Cancel("")
		expiring = true
	}
	var h *handle
	if d <= 0 {
		h = l.callSoon(onTimeout)
	} else {
		h = l.callLater(d, onTimeout)
	}
	err := body()
	h.Cancel()
	if expiring && t.Uncancel() == 0 && IsCancelled(err) {
		return ErrTimeout
	}
	return err
}

package loop

import (
	"slices"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// The synchronisation primitives keep their waiters as futures in a FIFO
// list and wake the first one that is not done, as asyncio's do; that, and
// the ready queue, is what serves waiters in the order they came.

// waiters is a FIFO of futures.
type waiters []*Future

// wakeFirst completes the first waiter that is not done yet, removing it
// and any done ones before it: Queue._wakeup_next.
func (w *waiters) wakeFirst() {
	for len(*w) > 0 {
		f := (*w)[0]
		*w = (*w)[1:]
		if !f.Done() {
			f.SetResult(nil)
			return
		}
	}
}

func (w *waiters) remove(f *Future) {
	if i := slices.Index(*w, f); i >= 0 {
		*w = slices.Delete(*w, i, i+1)
	}
}

// Queue is asyncio.Queue: first in, first out, with an optional bound.
type Queue struct {
	l          *Loop
	maxsize    int
	items      []any
	getters    waiters
	putters    waiters
	unfinished int
	finished   *Event
}

// ErrQueueFull and ErrQueueEmpty are asyncio.QueueFull and QueueEmpty.
var (
	ErrQueueFull  error = &Exception{Type: "QueueFull"}
	ErrQueueEmpty error = &Exception{Type: "QueueEmpty"}
)

// NewQueue is asyncio.Queue(maxsize); maxsize 0 or less means unbounded.
func (l *Loop) NewQueue(maxsize int) *Queue {
	e := l.NewEvent()
	e.Set()
	return &Queue{l: l, maxsize: maxsize, finished: e}
}

// Full is q.full().
func (q *Queue) Full() bool { return q.maxsize > 0 && len(q.items) >= q.maxsize }

// Put is `await q.put(item)`: it waits while the queue is full.
func (q *Queue) Put(t *Task, item any) error {
	for q.Full() {
		putter := q.l.NewFuture()
		q.putters = append(q.putters, putter)
		if _, err := t.Await(putter, trace.ReasonQueue, "queue.put()"); err != nil {
			putter.Cancel("")
			q.putters.remove(putter)
			if !q.Full() && !putter.Cancelled() {
				q.putters.wakeFirst()
			}
			return err
		}
	}
	return q.PutNowait(item)
}

// PutNowait is q.put_nowait(item).
func (q *Queue) PutNowait(item any) error {
	if q.Full() {
		return ErrQueueFull
	}
	q.items = append(q.items, item)
	q.unfinished++
	q.finished.Clear()
	q.getters.wakeFirst()
	return nil
}

// Get is `await q.get()`: it waits while the queue is empty.
func (q *Queue) Get(t *Task) (any, error) {
	for len(q.items) == 0 {
		getter := q.l.NewFuture()
		q.getters = append(q.getters, getter)
		if _, err := t.Await(getter, trace.ReasonQueue, "queue.get()"); err != nil {
			getter.Cancel("")
			q.getters.remove(getter)
			if len(q.items) > 0 && !getter.Cancelled() {
				q.getters.wakeFirst()
			}
			return nil, err
		}
	}
	return q.GetNowait()
}

// GetNowait is q.get_nowait().
func (q *Queue) GetNowait() (any, error) {
	if len(q.items) == 0 {
		return nil, ErrQueueEmpty
	}
	item := q.items[0]
	q.items = q.items[1:]
	q.putters.wakeFirst()
	return item, nil
}

// TaskDone is q.task_done().
func (q *Queue) TaskDone() error {
	if q.unfinished <= 0 {
		return Raise("ValueError", "task_done() called too many times")
	}
	q.unfinished--
	if q.unfinished == 0 {
		q.finished.Set()
	}
	return nil
}

// Join is `await q.join()`: it waits until every item put has been marked
// done.
func (q *Queue) Join(t *Task) error {
	if q.unfinished > 0 {
		return q.finished.wait(t, trace.ReasonQueue, "queue.join()")
	}
	return nil
}

// Event is asyncio.Event.
type Event struct {
	l       *Loop
	value   bool
	waiters waiters
}

// NewEvent is asyncio.Event().
func (l *Loop) NewEvent() *Event { return &Event{l: l} }

// Set wakes every task waiting on e.
func (e *Event) Set() {
	if e.value {
		return
	}
	e.value = true
	for _, f := range e.waiters {
		if !f.Done() {
			f.SetResult(true)
		}
	}
}

// Clear is e.clear().
func (e *Event) Clear() { e.value = false }

// Wait is `await e.wait()`.
func (e *Event) Wait(t *Task) error { return e.wait(t, trace.ReasonFuture, "event") }

func (e *Event) wait(t *Task, reason trace.Reason, text string) error {
	if e.value {
		return nil
	}
	f := e.l.NewFuture()
	e.waiters = append(e.waiters, f)
	_, err := t.Await(f, reason, text)
	e.waiters.remove(f)
	return err
}

// Semaphore is asyncio.Semaphore as of Python 3.11.
type Semaphore struct {
	l       *Loop
	value   int
	waiters waiters
}

// NewSemaphore is asyncio.Semaphore(value).
func (l *Loop) NewSemaphore(value int) *Semaphore { return &Semaphore{l: l, value: value} }

// locked: no slot is free, or a waiter that was not cancelled is queued
// ahead, so a newcomer cannot jump the queue.
func (s *Semaphore) locked() bool {
	return s.value == 0 || slices.ContainsFunc(s.waiters, func(f *Future) bool { return !f.Cancelled() })
}

// Acquire is `await sem.acquire()` (the entry of `async with sem`).
func (s *Semaphore) Acquire(t *Task) error {
	if !s.locked() {
		s.value--
		return nil
	}
	f := s.l.NewFuture()
	s.waiters = append(s.waiters, f)
	_, err := t.Await(f, trace.ReasonLock, "semaphore")
	s.waiters.remove(f)
	if err != nil {
		if IsCancelled(err) && !f.Cancelled() {
			s.value++
			s.wakeNext()
		}
		return err
	}
	if s.value > 0 {
		s.wakeNext()
	}
	return nil
}

// Release is sem.release() (the exit of `async with sem`).
func (s *Semaphore) Release() {
	s.value++
	s.wakeNext()
}

// wakeNext hands a slot to the first waiter that is not done.
func (s *Semaphore) wakeNext() {
	for _, f := range s.waiters {
		if !f.Done() {
			s.value--
			f.SetResult(true)
			return
		}
	}
}

// Lock is asyncio.Lock.
type Lock struct {
	l       *Loop
	locked  bool
	waiters waiters
}

// NewLock is asyncio.Lock().
func (l *Loop) NewLock() *Lock { return &Lock{l: l} }

// ErrNotLocked is the RuntimeError of releasing a lock nobody holds.
var ErrNotLocked error = &Exception{Type: "RuntimeError", Msg: "Lock is not acquired."}

// Acquire is `await lock.acquire()`.
func (k *Lock) Acquire(t *Task) error {
	if !k.locked && !slices.ContainsFunc(k.waiters, func(f *Future) bool { return !f.Cancelled() }) {
		k.locked = true
		return nil
	}
	f := k.l.NewFuture()
	k.waiters = append(k.waiters, f)
	_, err := t.Await(f, trace.ReasonLock, "lock")
	k.waiters.remove(f)
	if err != nil {
		if IsCancelled(err) && !k.locked {
			k.wakeFirst()
		}
		return err
	}
	k.locked = true
	return nil
}

// Release is lock.release().
func (k *Lock) Release() error {
	if !k.locked {
		return ErrNotLocked
	}
	k.locked = false
	k.wakeFirst()
	return nil
}

func (k *Lock) wakeFirst() {
	if len(k.waiters) > 0 && !k.waiters[0].Done() {
		k.waiters[0].SetResult(true)
	}
}

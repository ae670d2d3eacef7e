package examples

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// semaphore sends many requests to a small website but lets only a few be
// in flight at once, so the site is not flooded. Every request starts at
// once and queues for one of the slots; a request that finishes hands its
// slot to the request that has waited longest. With 6 requests of 1 s and
// 2 slots, they run in three rounds: 1-2, 3-4, 5-6.
func semaphore(ctx context.Context, e *env, p args) error {
	m := e.Start("main")
	defer m.Exit()

	sem := newFIFOSemaphore(p.Count("limit"))
	var wg sync.WaitGroup
	for i := 1; i <= p.Count("requests"); i++ {
		name := fmt.Sprintf("req%d", i)
		t := e.Start(name)
		// Take a place in the queue here, in request order, so that the
		// order does not depend on which goroutine happens to run first.
		slot := sem.join()
		wg.Go(func() {
			defer t.Exit()
			fetch(ctx, t, sem, slot, name, p.Duration("latency"))
		})
	}

	m.Wait(trace.ReasonSync, "wg.Wait()")
	wg.Wait()
	m.Resume()
	return m.Cancelled(ctx)
}

// semaphoreTotal is how long semaphore takes: the requests run in rounds of
// limit at a time, the last round perhaps not full.
func semaphoreTotal(p args) time.Duration {
	rounds := (p.Count("requests") + p.Count("limit") - 1) / p.Count("limit")
	return time.Duration(rounds) * p.Duration("latency")
}

// fetch waits for its slot, does the request, and gives the slot back.
func fetch(ctx context.Context, t *task, sem *fifoSemaphore, slot chan struct{}, name string, latency time.Duration) error {
	select {
	case <-slot: // a slot was free at once
	default:
		t.Wait(trace.ReasonLock, "waiting for a slot")
		select {
		case <-slot: // blocks until the slot is granted
		case <-ctx.Done():
			sem.leave(slot)
			return t.Cancel(context.Cause(ctx))
		}
		t.Resume()
	}
	defer sem.release()
	if err := t.Cancelled(ctx); err != nil {
		return err // got the slot as the run was cancelled: do not start
	}

	t.Print(name + " start")
	if err := t.Sleep(ctx, latency); err != nil {
		return err
	}
	t.Print(name + " done")
	return nil
}

// fifoSemaphore is a counting semaphore that serves waiters first come,
// first served, as asyncio.Semaphore does. A buffered channel used as a
// semaphore promises no order: when a slot frees up, any blocked sender
// may get it.
type fifoSemaphore struct {
	mu      sync.Mutex
	free    int
	waiting []chan struct{} // oldest first; closing one grants its slot
}

func newFIFOSemaphore(slots int) *fifoSemaphore {
	return &fifoSemaphore{free: slots}
}

// join asks for a slot and returns a channel that is closed once the slot
// is granted: at once if one is free, otherwise when every earlier waiter
// has been served and a slot comes back.
func (s *fifoSemaphore) join() chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	slot := make(chan struct{})
	if s.free > 0 {
		s.free--
		close(slot)
	} else {
		s.waiting = append(s.waiting, slot)
	}
	return slot
}

// release gives a slot back: to the oldest waiter, if there is one.
func (s *fifoSemaphore) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.waiting) > 0 {
		next := s.waiting[0]
		s.waiting = s.waiting[1:]
		close(next)
		return
	}
	s.free++
}

// leave withdraws a request that no longer wants its slot. If the slot was
// granted in the meantime it is passed on.
func (s *fifoSemaphore) leave(slot chan struct{}) {
	s.mu.Lock()
	if i := slices.Index(s.waiting, slot); i >= 0 {
		s.waiting = slices.Delete(s.waiting, i, i+1)
		s.mu.Unlock()
		return
	}
	s.mu.Unlock()
	s.release()
}

package examples

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// timeout gives a slow task a deadline with context.WithTimeout, Go's
// answer to asyncio.wait_for. When the deadline passes, the context is
// cancelled, the task's sleep is cut short, and main hears why.
func timeout(ctx context.Context, e *env, p args) error {
	m := e.Start("main")
	defer m.Exit()
	limit := p.Duration("timeout")

	// The deadline is set in real time: e.Real converts program time at
	// the playback speed the run uses.
	tctx, cancel := context.WithTimeout(ctx, e.Real(limit))
	defer cancel()

	done := make(chan error, 1) // buffered: the task never blocks on it
	slow := e.Start("slow")
	go func() {
		defer slow.Exit()
		done <- slowWork(tctx, slow, p.Duration("work"))
	}()

	m.Wait(trace.ReasonChan, fmt.Sprintf("wait for slow, at most %v", limit))
	var err error
	select {
	case err = <-done:
	case <-ctx.Done(): // the whole run was cancelled (the task never answers if it panicked)
		err = context.Cause(ctx)
	}
	m.Resume()

	switch {
	case err == nil:
		m.Print("slow finished in time")
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil:
		m.Print("timed out") // our deadline, not a quit: an expected outcome
	default:
		return m.Cancel(err)
	}
	return nil
}

// timeoutTotal is how long timeout takes: the task finishes, or the
// deadline cuts it short, whichever comes first.
func timeoutTotal(p args) time.Duration {
	return min(p.Duration("timeout"), p.Duration("work"))
}

// slowWork takes work to finish, unless ctx ends first.
func slowWork(ctx context.Context, t *task, work time.Duration) error {
	t.Print("slow started")
	if err := t.Sleep(ctx, work); err != nil {
		return err // cut short (Sleep has recorded why)
	}
	t.Print("slow finished")
	return nil
}

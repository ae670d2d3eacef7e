package examples

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// gather starts three functions at once with an errgroup, Go's closest
// match to asyncio.gather: the group waits for all of them, and the first
// error (if any) cancels the others. They finish in the order their sleeps
// end (func3, func1, func2), yet the results come back in the order the
// functions were started, because each one writes its own slot. With the
// fail parameter one of them returns an error instead, and the group
// cancels the two others at that moment.
func gather(ctx context.Context, e *env, p args) error {
	m := e.Start("main")
	defer m.Exit()

	delays := []time.Duration{p.Duration("delay1"), p.Duration("delay2"), p.Duration("delay3")}
	failing, failAt := p.Failure("fail")
	results := make([]string, len(delays))

	g, gctx := errgroup.WithContext(ctx)
	for i, delay := range delays {
		n := i + 1
		t := e.Start(fmt.Sprintf("func%d", n))
		g.Go(func() error {
			defer t.Exit()
			if n == failing {
				return fail(gctx, t, n, failAt)
			}
			r, err := work(gctx, t, n, delay)
			results[i] = r // slot i belongs to this goroutine alone
			return err
		})
	}

	m.Wait(trace.ReasonSync, "g.Wait()")
	err := g.Wait()
	m.Resume()
	if err := m.Cancelled(ctx); err != nil {
		return err // the run was stopped
	}
	if err != nil {
		m.Print("gather failed: " + err.Error())
		return nil
	}
	m.Print(fmt.Sprintf("results: %v", results))
	return nil
}

// gatherTotal is how long gather takes: all three sleep at once, so the
// longest sleep; unless one fails, which ends the group there and then.
func gatherTotal(p args) time.Duration {
	if n, at := p.Failure("fail"); n > 0 {
		return at
	}
	return max(p.Duration("delay1"), p.Duration("delay2"), p.Duration("delay3"))
}

// fail announces itself, sleeps until failAt, and returns an error.
func fail(ctx context.Context, t *task, n int, failAt time.Duration) error {
	t.Print(fmt.Sprintf("func%d started", n))
	if err := t.Sleep(ctx, failAt); err != nil {
		return err
	}
	err := fmt.Errorf("func%d failed", n)
	t.End("error: " + err.Error())
	return err
}

// work announces itself, sleeps, and returns its result.
func work(ctx context.Context, t *task, n int, delay time.Duration) (string, error) {
	t.Print(fmt.Sprintf("func%d started", n))
	if err := t.Sleep(ctx, delay); err != nil {
		return "", err
	}
	t.Print(fmt.Sprintf("func%d done", n))
	result := fmt.Sprintf("result%d", n)
	t.End(result)
	return result, nil
}

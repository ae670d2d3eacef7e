package examples

import (
	"context"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// nested shows a coroutine awaiting another one. In Go, awaiting a
// coroutine is simply calling a function: the outer task stops where it is
// until the inner one has finished, then carries on. Nothing overlaps, so
// the five steps take five sleeps.
func nested(ctx context.Context, e *env, p args) error {
	step := p.Duration("step")
	outer := e.Start("outer")
	defer outer.Exit()

	outer.Print("one")
	if err := outer.Sleep(ctx, step); err != nil {
		return err
	}

	outer.Wait(trace.ReasonSync, "await inner()")
	err := inner(ctx, e, step)
	outer.Resume()
	if err != nil {
		return outer.Cancel(err)
	}

	outer.Print("four")
	if err := outer.Sleep(ctx, step); err != nil {
		return err
	}
	outer.Print("five")
	return outer.Sleep(ctx, step)
}

// nestedTotal is how long nested takes: five sleeps (after one, two, three,
// four and five), one after the other.
func nestedTotal(p args) time.Duration {
	return 5 * p.Duration("step")
}

// inner runs on its caller's goroutine, like a coroutine that is awaited
// directly rather than wrapped in a task.
func inner(ctx context.Context, e *env, step time.Duration) error {
	t := e.Start("inner")
	defer t.End("")
	t.Print("two")
	if err := t.Sleep(ctx, step); err != nil {
		return err
	}
	t.Print("three")
	return t.Sleep(ctx, step)
}

package examples

import (
	"context"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// sequential calls two tasks one after the other on a single goroutine. Each
// task sleeps, then prints. Nothing else can happen while a task sleeps, so
// the waits add up: 1 s + 1 s = 2 s. This is what plain, blocking code does.
func sequential(ctx context.Context, e *env, p args) error {
	m := e.Start("main")
	defer m.Exit()
	m.Print("start")

	// A call is a wait too: main does nothing until the callee returns.
	m.Wait(trace.ReasonSync, "say1()")
	err := sayInTurn(ctx, e, "say1", p.Duration("delay1"), "hello from say1")
	m.Resume()
	if err != nil {
		return m.Cancel(err)
	}

	m.Wait(trace.ReasonSync, "say2()")
	err = sayInTurn(ctx, e, "say2", p.Duration("delay2"), "hello from say2")
	m.Resume()
	if err != nil {
		return m.Cancel(err)
	}

	m.Print("exit")
	return nil
}

// sequentialTotal is how long sequential takes: one sleep after the other.
func sequentialTotal(p args) time.Duration {
	return p.Duration("delay1") + p.Duration("delay2")
}

// sayInTurn runs on the caller's goroutine: it blocks its caller for the
// whole sleep.
func sayInTurn(ctx context.Context, e *env, name string, delay time.Duration, msg string) error {
	t := e.Start(name)
	defer t.End("")
	if err := t.Sleep(ctx, delay); err != nil {
		return err
	}
	t.Print(msg)
	return nil
}

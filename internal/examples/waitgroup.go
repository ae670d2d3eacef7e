package examples

import (
	"context"
	"sync"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// waitgroup runs the same two tasks as sequential, each in its own
// goroutine, and joins them with a sync.WaitGroup. The two sleeps overlap,
// so the run takes as long as the longest task: 1 s, not 2 s. Both tasks
// print at the same instant, in no fixed order.
func waitgroup(ctx context.Context, e *env, p args) error {
	m := e.Start("main")
	defer m.Exit()
	m.Print("start")

	var wg sync.WaitGroup
	say1 := e.Start("say1")
	wg.Go(func() {
		defer say1.Exit() // a panic in here fails the run instead of crashing the program
		sayAlongside(ctx, say1, p.Duration("delay1"), "hello from say1")
	})
	say2 := e.Start("say2")
	wg.Go(func() {
		defer say2.Exit()
		sayAlongside(ctx, say2, p.Duration("delay2"), "hello from say2")
	})

	m.Wait(trace.ReasonSync, "wg.Wait()")
	wg.Wait() // returns once both goroutines have called Done
	m.Resume()
	if err := m.Cancelled(ctx); err != nil {
		return err
	}
	m.Print("exit")
	return nil
}

// waitgroupTotal is how long waitgroup takes: the sleeps overlap, so the
// longer one.
func waitgroupTotal(p args) time.Duration {
	return max(p.Duration("delay1"), p.Duration("delay2"))
}

// sayAlongside sleeps and prints in its own goroutine; others run meanwhile.
func sayAlongside(ctx context.Context, t *task, delay time.Duration, msg string) {
	if err := t.Sleep(ctx, delay); err != nil {
		return // cancelled (Sleep has recorded why)
	}
	t.Print(msg)
}

package examples

import (
	"context"
	"fmt"
	"time"

	aio "github.com/asyncio-tutor/asyncio-tutor/internal/loop"
)

// The examples in the asyncio model. Each function here is its Python twin
// (python/NAME.py) statement for statement on the loop engine: the same
// tasks, created in the same order, awaiting the same things, printing the
// same lines. A learner who picks the loop model reads the twin; the truth
// test holds this code and CPython running the twin to the same output.

func sequentialLoop(ctx context.Context, l *aio.Loop, p args) error {
	_, err := l.Run(ctx, "main", func(t *aio.Task) (any, error) {
		t.Print("start")
		if _, err := t.Call("say1", sayAfter(p.Duration("delay1"), "hello from say1")); err != nil {
			return nil, err
		}
		if _, err := t.Call("say2", sayAfter(p.Duration("delay2"), "hello from say2")); err != nil {
			return nil, err
		}
		t.Print("exit")
		return nil, nil
	})
	return err
}

// sayAfter is `async def say(): await asyncio.sleep(delay); print(msg)`.
func sayAfter(delay time.Duration, msg string) aio.Func {
	return func(t *aio.Task) (any, error) {
		if err := t.Sleep(delay); err != nil {
			return nil, err
		}
		t.Print(msg)
		return nil, nil
	}
}

func waitgroupLoop(ctx context.Context, l *aio.Loop, p args) error {
	_, err := l.Run(ctx, "main", func(t *aio.Task) (any, error) {
		t.Print("start")
		say1 := t.CreateTask("say1", sayAfter(p.Duration("delay1"), "hello from say1"))
		say2 := t.CreateTask("say2", sayAfter(p.Duration("delay2"), "hello from say2"))
		for _, s := range []*aio.Task{say1, say2} {
			if _, err := t.AwaitTask(s); err != nil {
				return nil, err
			}
		}
		t.Print("exit")
		return nil, nil
	})
	return err
}

func eventloopLoop(ctx context.Context, l *aio.Loop, p args) error {
	l.Print("start")
	_, err := l.Run(ctx, "main", func(t *aio.Task) (any, error) {
		say1 := t.CreateTask("say1", sayAfter(p.Duration("delay1"), "hello from say1"))
		say2 := t.CreateTask("say2", sayAfter(p.Duration("delay2"), "hello from say2"))
		_, err := t.Gather(say1, say2)
		return nil, err
	})
	if err != nil {
		return err
	}
	l.Print("exit")
	return nil
}

func nestedLoop(ctx context.Context, l *aio.Loop, p args) error {
	step := p.Duration("step")
	_, err := l.Run(ctx, "outer", func(t *aio.Task) (any, error) {
		return nil, printAndSleep(t, step, "one", func() error {
			_, err := t.Call("inner", func(t *aio.Task) (any, error) {
				return nil, printAndSleep(t, step, "two", nil, "three")
			})
			return err
		}, "four", "five")
	})
	return err
}

// printAndSleep prints each line and sleeps step after it; a func among
// the lines is awaited in its place.
func printAndSleep(t *aio.Task, step time.Duration, lines ...any) error {
	for _, x := range lines {
		switch x := x.(type) {
		case string:
			t.Print(x)
			if err := t.Sleep(step); err != nil {
				return err
			}
		case func() error:
			if err := x(); err != nil {
				return err
			}
		}
	}
	return nil
}

func gatherLoop(ctx context.Context, l *aio.Loop, p args) error {
	failing, failAt := p.Failure("fail")
	delays := []time.Duration{p.Duration("delay1"), p.Duration("delay2"), p.Duration("delay3")}
	_, err := l.Run(ctx, "main", func(t *aio.Task) (any, error) {
		tasks := make([]*aio.Task, len(delays))
		for i, delay := range delays {
			n := i + 1
			tasks[i] = t.CreateTask(fmt.Sprintf("func%d", n), func(t *aio.Task) (any, error) {
				t.Print(fmt.Sprintf("func%d started", n))
				if n == failing {
					if err := t.Sleep(failAt); err != nil {
						return nil, err
					}
					return nil, aio.Raise("RuntimeError", fmt.Sprintf("func%d failed", n))
				}
				if err := t.Sleep(delay); err != nil {
					return nil, err
				}
				t.Print(fmt.Sprintf("func%d done", n))
				return fmt.Sprintf("result%d", n), nil
			})
		}
		results, err := t.Gather(tasks...)
		if err != nil {
			if aio.IsCancelled(err) {
				return nil, err
			}
			t.Print("gather failed: " + err.Error())
			return nil, nil
		}
		t.Print("results: " + aio.Repr(results))
		return nil, nil
	})
	return err
}

func queueLoop(ctx context.Context, l *aio.Loop, p args) error {
	items, interval, work := p.Count("items"), p.Duration("interval"), p.Duration("work")
	_, err := l.Run(ctx, "main", func(t *aio.Task) (any, error) {
		q := t.Loop().NewQueue(p.Count("capacity"))
		producer := t.CreateTask("producer", func(t *aio.Task) (any, error) {
			for i := 1; i <= items; i++ {
				if err := t.Sleep(interval); err != nil {
					return nil, err
				}
				item := fmt.Sprintf("item%d", i)
				if err := q.Put(t, item); err != nil {
					return nil, err
				}
				t.Print("put " + item)
			}
			return nil, q.Put(t, nil) // the end marker
		})
		consumer := t.CreateTask("consumer", func(t *aio.Task) (any, error) {
			for {
				item, err := q.Get(t)
				if err != nil || item == nil {
					return nil, err
				}
				t.Print(fmt.Sprintf("got %v", item))
				if err := t.Sleep(work); err != nil {
					return nil, err
				}
				t.Print(fmt.Sprintf("done %v", item))
			}
		})
		_, err := t.Gather(producer, consumer)
		return nil, err
	})
	return err
}

func semaphoreLoop(ctx context.Context, l *aio.Loop, p args) error {
	latency := p.Duration("latency")
	_, err := l.Run(ctx, "main", func(t *aio.Task) (any, error) {
		slots := t.Loop().NewSemaphore(p.Count("limit"))
		tasks := make([]*aio.Task, p.Count("requests"))
		for i := range tasks {
			name := fmt.Sprintf("req%d", i+1)
			tasks[i] = t.CreateTask(name, func(t *aio.Task) (any, error) {
				if err := slots.Acquire(t); err != nil {
					return nil, err
				}
				defer slots.Release()
				t.Print(name + " start")
				if err := t.Sleep(latency); err != nil {
					return nil, err
				}
				t.Print(name + " done")
				return nil, nil
			})
		}
		_, err := t.Gather(tasks...)
		return nil, err
	})
	return err
}

func timeoutLoop(ctx context.Context, l *aio.Loop, p args) error {
	work := p.Duration("work")
	_, err := l.Run(ctx, "main", func(t *aio.Task) (any, error) {
		_, err := t.WaitFor(p.Duration("timeout"), "slow", func(t *aio.Task) (any, error) {
			t.Print("slow started")
			if err := t.Sleep(work); err != nil {
				return nil, err
			}
			t.Print("slow finished")
			return nil, nil
		})
		switch {
		case err == nil:
			t.Print("slow finished in time")
		case err == aio.ErrTimeout:
			t.Print("timed out")
		default:
			return nil, err
		}
		return nil, nil
	})
	return err
}

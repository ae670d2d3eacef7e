package loop

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/asyncio-tutor/asyncio-tutor/internal/pytrace"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

const ms = time.Millisecond

// A scenario is one small asyncio program written twice: as Go on the loop
// engine and as Python. Both print "T text" lines, T the loop's time in
// tenths of a second, and both must print want: the Go one in every test
// run, the Python one when TestScenariosAgreeWithCPython runs it on
// CPython. So the expectations are not our idea of asyncio but CPython's.
type scenario struct {
	name   string
	main   func(out func(*Task, string)) Func
	python string // the body of `async def main()` and what it needs, using out(text)
	want   []string
}

var scenarios = []scenario{
	{
		name: "a bare yield lets the other task run",
		main: func(out func(*Task, string)) Func {
			spin := func(name string) Func {
				return func(t *Task) (any, error) {
					for i := range 3 {
						out(t, fmt.Sprintf("%s%d", name, i))
						if err := t.Sleep(0); err != nil {
							return nil, err
						}
					}
					return nil, nil
				}
			}
			return func(t *Task) (any, error) {
				a := t.CreateTask("a", spin("a"))
				b := t.CreateTask("b", spin("b"))
				_, err := t.Gather(a, b)
				return nil, err
			}
		},
		python: `
async def spin(name):
    for i in range(3):
        out(f"{name}{i}")
        await asyncio.sleep(0)

async def main():
    await asyncio.gather(asyncio.create_task(spin("a")), asyncio.create_task(spin("b")))
`,
		want: []string{"0.0 a0", "0.0 b0", "0.0 a1", "0.0 b1", "0.0 a2", "0.0 b2"},
	},
	{
		name: "gather starts in call order and returns results in call order",
		main: func(out func(*Task, string)) Func {
			work := func(n int, d time.Duration) Func {
				return func(t *Task) (any, error) {
					out(t, fmt.Sprintf("func%d started", n))
					if err := t.Sleep(d); err != nil {
						return nil, err
					}
					out(t, fmt.Sprintf("func%d done", n))
					return fmt.Sprintf("result%d", n), nil
				}
			}
			return func(t *Task) (any, error) {
				var tasks []*Task
				for i, d := range []time.Duration{200 * ms, 300 * ms, 100 * ms} {
					tasks = append(tasks, t.CreateTask(fmt.Sprintf("func%d", i+1), work(i+1, d)))
				}
				rs, err := t.Gather(tasks...)
				if err != nil {
					return nil, err
				}
				out(t, "results: "+Repr(rs))
				return nil, nil
			}
		},
		python: `
async def work(n, d):
    out(f"func{n} started")
    await asyncio.sleep(d)
    out(f"func{n} done")
    return f"result{n}"

async def main():
    tasks = [asyncio.create_task(work(n, d)) for n, d in [(1, 0.2), (2, 0.3), (3, 0.1)]]
    out(f"results: {await asyncio.gather(*tasks)}")
`,
		want: []string{"0.0 func1 started", "0.0 func2 started", "0.0 func3 started",
			"0.1 func3 done", "0.2 func1 done", "0.3 func2 done", "0.3 results: ['result1', 'result2', 'result3']"},
	},
	{
		name: "a semaphore lets waiters in first come, first served",
		main: func(out func(*Task, string)) Func {
			return func(t *Task) (any, error) {
				sem := t.Loop().NewSemaphore(2)
				var tasks []*Task
				for n := 1; n <= 5; n++ {
					tasks = append(tasks, t.CreateTask(fmt.Sprintf("req%d", n), func(t *Task) (any, error) {
						if err := sem.Acquire(t); err != nil {
							return nil, err
						}
						defer sem.Release()
						out(t, fmt.Sprintf("req%d start", n))
						if err := t.Sleep(100 * ms); err != nil {
							return nil, err
						}
						out(t, fmt.Sprintf("req%d done", n))
						return nil, nil
					}))
				}
				_, err := t.Gather(tasks...)
				return nil, err
			}
		},
		python: `
async def req(n, sem):
    async with sem:
        out(f"req{n} start")
        await asyncio.sleep(0.1)
        out(f"req{n} done")

async def main():
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(asyncio.create_task(req(n, sem)) for n in range(1, 6)))
`,
		want: []string{"0.0 req1 start", "0.0 req2 start",
			"0.1 req1 done", "0.1 req2 done", "0.1 req3 start", "0.1 req4 start",
			"0.2 req3 done", "0.2 req4 done", "0.2 req5 start", "0.3 req5 done"},
	},
	{
		name: "a bounded queue holds the producer back",
		main: func(out func(*Task, string)) Func {
			return func(t *Task) (any, error) {
				q := t.Loop().NewQueue(1)
				prod := t.CreateTask("producer", func(t *Task) (any, error) {
					for i := 1; i <= 3; i++ {
						if err := q.Put(t, i); err != nil {
							return nil, err
						}
						out(t, fmt.Sprintf("put %d", i))
					}
					return nil, q.Put(t, nil)
				})
				cons := t.CreateTask("consumer", func(t *Task) (any, error) {
					for {
						v, err := q.Get(t)
						if err != nil || v == nil {
							return nil, err
						}
						out(t, fmt.Sprintf("got %v", v))
						if err := t.Sleep(100 * ms); err != nil {
							return nil, err
						}
					}
				})
				_, err := t.Gather(prod, cons)
				return nil, err
			}
		},
		python: `
async def producer(q):
    for i in range(1, 4):
        await q.put(i)
        out(f"put {i}")
    await q.put(None)

async def consumer(q):
    while (v := await q.get()) is not None:
        out(f"got {v}")
        await asyncio.sleep(0.1)

async def main():
    q = asyncio.Queue(1)
    await asyncio.gather(asyncio.create_task(producer(q)), asyncio.create_task(consumer(q)))
`,
		want: []string{"0.0 put 1", "0.0 got 1", "0.0 put 2", "0.1 got 2", "0.1 put 3", "0.2 got 3"},
	},
	{
		name: "a failing task in a TaskGroup cancels its siblings",
		main: func(out func(*Task, string)) Func {
			return func(t *Task) (any, error) {
				err := t.TaskGroup(func(g *Group) error {
					g.CreateTask("bad", func(t *Task) (any, error) {
						if err := t.Sleep(100 * ms); err != nil {
							return nil, err
						}
						out(t, "bad raises")
						return nil, Raise("ValueError", "boom")
					})
					g.CreateTask("slow", func(t *Task) (any, error) {
						if err := t.Sleep(300 * ms); err != nil {
							out(t, "slow cancelled")
							return nil, err
						}
						out(t, "slow done")
						return nil, nil
					})
					return nil
				})
				var eg *ExceptionGroup
				if errors.As(err, &eg) {
					out(t, fmt.Sprintf("group failed: %d", len(eg.Errors)))
				}
				return nil, nil
			}
		},
		python: `
async def bad():
    await asyncio.sleep(0.1)
    out("bad raises")
    raise ValueError("boom")

async def slow():
    try:
        await asyncio.sleep(0.3)
    except asyncio.CancelledError:
        out("slow cancelled")
        raise
    out("slow done")

async def main():
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(bad())
            g.create_task(slow())
    except* ValueError as eg:
        out(f"group failed: {len(eg.exceptions)}")
`,
		want: []string{"0.1 bad raises", "0.1 slow cancelled", "0.1 group failed: 1"},
	},
	{
		name: "wait_for cancels the slow task at its deadline",
		main: func(out func(*Task, string)) Func {
			return func(t *Task) (any, error) {
				_, err := t.WaitFor(100*ms, "slow", func(t *Task) (any, error) {
					out(t, "slow started")
					if err := t.Sleep(300 * ms); err != nil {
						out(t, "slow cancelled")
						return nil, err
					}
					return nil, nil
				})
				if errors.Is(err, ErrTimeout) {
					out(t, "timed out")
				}
				return nil, nil
			}
		},
		python: `
async def slow():
    out("slow started")
    try:
        await asyncio.sleep(0.3)
    except asyncio.CancelledError:
        out("slow cancelled")
        raise

async def main():
    try:
        await asyncio.wait_for(slow(), timeout=0.1)
    except TimeoutError:
        out("timed out")
`,
		want: []string{"0.0 slow started", "0.1 slow cancelled", "0.1 timed out"},
	},
	{
		name: "asyncio.timeout cancels the block and raises TimeoutError",
		main: func(out func(*Task, string)) Func {
			return func(t *Task) (any, error) {
				err := t.Timeout(100*ms, func() error {
					out(t, "working")
					return t.Sleep(300 * ms)
				})
				if errors.Is(err, ErrTimeout) {
					out(t, "timed out")
				}
				return nil, nil
			}
		},
		python: `
async def main():
    try:
        async with asyncio.timeout(0.1):
            out("working")
            await asyncio.sleep(0.3)
    except TimeoutError:
        out("timed out")
`,
		want: []string{"0.0 working", "0.1 timed out"},
	},
	{
		name: "a lock serves waiters in order",
		main: func(out func(*Task, string)) Func {
			return func(t *Task) (any, error) {
				lock := t.Loop().NewLock()
				var tasks []*Task
				for _, n := range []string{"x", "y", "z"} {
					tasks = append(tasks, t.CreateTask(n, func(t *Task) (any, error) {
						if err := lock.Acquire(t); err != nil {
							return nil, err
						}
						out(t, n+" has it")
						err := t.Sleep(100 * ms)
						_ = lock.Release()
						return nil, err
					}))
				}
				_, err := t.Gather(tasks...)
				return nil, err
			}
		},
		python: `
async def hold(n, lock):
    async with lock:
        out(f"{n} has it")
        await asyncio.sleep(0.1)

async def main():
    lock = asyncio.Lock()
    await asyncio.gather(*(asyncio.create_task(hold(n, lock)) for n in "xyz"))
`,
		want: []string{"0.0 x has it", "0.1 y has it", "0.2 z has it"},
	},
	{
		name: "an event wakes its waiters in the order they waited",
		main: func(out func(*Task, string)) Func {
			return func(t *Task) (any, error) {
				ev := t.Loop().NewEvent()
				var tasks []*Task
				for _, n := range []string{"w1", "w2"} {
					tasks = append(tasks, t.CreateTask(n, func(t *Task) (any, error) {
						if err := ev.Wait(t); err != nil {
							return nil, err
						}
						out(t, n+" woke")
						return nil, nil
					}))
				}
				if err := t.Sleep(100 * ms); err != nil {
					return nil, err
				}
				out(t, "set")
				ev.Set()
				_, err := t.Gather(tasks...)
				return nil, err
			}
		},
		python: `
async def waiter(n, ev):
    await ev.wait()
    out(f"{n} woke")

async def main():
    ev = asyncio.Event()
    tasks = [asyncio.create_task(waiter(n, ev)) for n in ("w1", "w2")]
    await asyncio.sleep(0.1)
    out("set")
    ev.set()
    await asyncio.gather(*tasks)
`,
		want: []string{"0.1 set", "0.1 w1 woke", "0.1 w2 woke"},
	},
	{
		name: "cancelling a task that awaits another cancels both",
		main: func(out func(*Task, string)) Func {
			return func(t *Task) (any, error) {
				outer := t.CreateTask("outer", func(t *Task) (any, error) {
					inner := t.CreateTask("inner", func(t *Task) (any, error) {
						if err := t.Sleep(time.Second); err != nil {
							out(t, "inner cancelled")
							return nil, err
						}
						return nil, nil
					})
					if _, err := t.AwaitTask(inner); err != nil {
						out(t, "outer cancelled")
						return nil, err
					}
					return nil, nil
				})
				if err := t.Sleep(100 * ms); err != nil {
					return nil, err
				}
				outer.Cancel("")
				if _, err := t.AwaitTask(outer); IsCancelled(err) {
					out(t, "main saw it")
				}
				return nil, nil
			}
		},
		python: `
async def inner():
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        out("inner cancelled")
        raise

async def outer():
    try:
        await asyncio.create_task(inner())
    except asyncio.CancelledError:
        out("outer cancelled")
        raise

async def main():
    o = asyncio.create_task(outer())
    await asyncio.sleep(0.1)
    o.cancel()
    try:
        await o
    except asyncio.CancelledError:
        out("main saw it")
`,
		want: []string{"0.1 inner cancelled", "0.1 outer cancelled", "0.1 main saw it"},
	},
	{
		name: "gather raises the first exception, and asyncio.run cancels what is left",
		main: func(out func(*Task, string)) Func {
			return func(t *Task) (any, error) {
				bad := t.CreateTask("bad", func(t *Task) (any, error) {
					if err := t.Sleep(100 * ms); err != nil {
						return nil, err
					}
					return nil, Raise("RuntimeError", "bad failed")
				})
				slow := t.CreateTask("slow", func(t *Task) (any, error) {
					if err := t.Sleep(300 * ms); err != nil {
						out(t, "slow cancelled")
						return nil, err
					}
					out(t, "slow done")
					return nil, nil
				})
				if _, err := t.Gather(bad, slow); err != nil {
					out(t, "gather failed: "+err.Error())
				}
				return nil, nil
			}
		},
		python: `
async def bad():
    await asyncio.sleep(0.1)
    raise RuntimeError("bad failed")

async def slow():
    try:
        await asyncio.sleep(0.3)
    except asyncio.CancelledError:
        out("slow cancelled")
        raise
    out("slow done")

async def main():
    try:
        await asyncio.gather(asyncio.create_task(bad()), asyncio.create_task(slow()))
    except RuntimeError as e:
        out(f"gather failed: {e}")
`,
		want: []string{"0.1 gather failed: bad failed", "0.1 slow cancelled"},
	},
	{
		name: "return_exceptions puts the exception among the results",
		main: func(out func(*Task, string)) Func {
			return func(t *Task) (any, error) {
				ok := t.CreateTask("ok", func(t *Task) (any, error) { return "fine", t.Sleep(100 * ms) })
				bad := t.CreateTask("bad", func(t *Task) (any, error) { return nil, Raise("ValueError", "nope") })
				rs, err := t.GatherReturnExceptions(ok, bad)
				if err != nil {
					return nil, err
				}
				out(t, fmt.Sprintf("%v, %v", rs[0], rs[1]))
				return nil, nil
			}
		},
		python: `
async def ok():
    await asyncio.sleep(0.1)
    return "fine"

async def bad():
    raise ValueError("nope")

async def main():
    rs = await asyncio.gather(asyncio.create_task(ok()), asyncio.create_task(bad()), return_exceptions=True)
    out(f"{rs[0]}, {rs[1]}")
`,
		want: []string{"0.1 fine, nope"},
	},
}

// runScenario runs s on the engine in virtual time and returns its lines.
func runScenario(t *testing.T, s scenario) ([]string, []trace.Event) {
	t.Helper()
	var lines []string
	var events []trace.Event
	l := New(Config{Record: func(e trace.Event) { events = append(events, e) }})
	out := func(tk *Task, text string) {
		tk.Print(text)
		lines = append(lines, fmt.Sprintf("%.1f %s", tk.Now().Seconds(), text))
	}
	_, err := l.Run(context.Background(), "main", s.main(out))
	require.NoError(t, err)
	return lines, events
}

func TestScenarios(t *testing.T) {
	for _, s := range scenarios {
		t.Run(s.name, func(t *testing.T) {
			got, _ := runScenario(t, s)
			assert.Equal(t, s.want, got)
			again, _ := runScenario(t, s)
			assert.Equal(t, got, again, "a second run printed differently")
		})
	}
}

// TestScenariosAgreeWithCPython runs every scenario's Python on the
// python3 here and holds it to the same lines as the engine. The
// scenarios sleep in tenths of a second and their lines carry the time to
// a tenth, so a starved machine changes nothing unless it stalls CPython
// by 50 ms in the middle of a batch.
func TestScenariosAgreeWithCPython(t *testing.T) {
	_, err := pytrace.Find("")
	require.NoError(t, err, "python3 is needed to hold the loop engine to CPython; install Python 3.11 or newer")
	prelude := "import asyncio\nT0 = None\ndef out(text):\n    now = asyncio.get_running_loop().time()\n    print(f\"{now - T0:.1f} {text}\")\n"
	runner := "\nasync def _start():\n    global T0\n    T0 = asyncio.get_running_loop().time()\n    await main()\nasyncio.run(_start())\n"
	var wg sync.WaitGroup
	for _, s := range scenarios {
		wg.Go(func() {
			// CPython's loop on a virtual clock (pytrace's Virtual): its
			// own scheduling, with times that no load can make late.
			var got []string
			err := pytrace.Run(t.Context(), prelude+s.python+runner, pytrace.Options{
				Virtual: true,
				Limit:   30 * time.Second,
				Record: func(e trace.Event) {
					if e.Kind == trace.KindPrint {
						got = append(got, e.Text)
					}
				},
			})
			if !assert.NoError(t, err, s.name) {
				return
			}
			assert.Equal(t, s.want, got, "CPython printed otherwise for %q", s.name)
		})
	}
	wg.Wait()
}

func TestVirtualTimeJumpsAndRecordsExactTimes(t *testing.T) {
	_, events := runScenario(t, scenarios[1])
	var prints []string
	for _, e := range events {
		if e.Kind == trace.KindPrint {
			prints = append(prints, fmt.Sprintf("%v %s %s", e.T, e.Task, e.Text))
		}
	}
	assert.Equal(t, []string{
		"0s func1 func1 started", "0s func2 func2 started", "0s func3 func3 started",
		"100ms func3 func3 done", "200ms func1 func1 done", "300ms func2 func2 done",
		"300ms main results: ['result1', 'result2', 'result3']",
	}, prints)
}

func TestTraceVocabulary(t *testing.T) {
	var events []trace.Event
	l := New(Config{Record: func(e trace.Event) { events = append(events, e) }})
	l.Print("start")
	_, err := l.Run(context.Background(), "main", func(t *Task) (any, error) {
		_, err := t.Call("inner", func(t *Task) (any, error) {
			t.Print("two")
			return "ok", t.Sleep(time.Second)
		})
		return nil, err
	})
	require.NoError(t, err)
	var got []string
	for _, e := range events {
		s := fmt.Sprintf("%v %s %s", e.T, e.Task, e.Kind)
		if e.Reason != "" {
			s += " " + string(e.Reason)
		}
		if e.Text != "" {
			s += " " + e.Text
		}
		if e.Kind == trace.KindTimer {
			s += fmt.Sprintf(" due %v", e.Due)
		}
		got = append(got, s)
	}
	assert.Equal(t, []string{
		"0s main print start",
		"0s main ready loop",
		"0s main start loop",
		"0s main wait sync await inner()",
		"0s inner start loop",
		"0s inner print two",
		"0s inner wait sleep sleep 1s",
		"0s inner timer sleep 1s due 1s",
		"1s inner fire",
		"1s inner ready loop",
		"1s inner resume loop",
		"1s inner end 'ok'",
		"1s main resume loop",
		"1s main end",
	}, got)
}

func TestDeadlockIsAnError(t *testing.T) {
	l := New(Config{})
	_, err := l.Run(context.Background(), "main", func(t *Task) (any, error) {
		return t.Await(t.Loop().NewFuture(), trace.ReasonFuture, "a future nobody completes")
	})
	assert.ErrorIs(t, err, ErrDeadlock)
}

func TestRunawayYieldingIsBounded(t *testing.T) {
	l := New(Config{MaxSteps: 1000})
	_, err := l.Run(context.Background(), "main", func(t *Task) (any, error) {
		for {
			if err := t.Sleep(0); err != nil {
				return nil, err
			}
		}
	})
	assert.ErrorIs(t, err, ErrTooManySteps)
}

func TestPanicStopsTheLoopAndLeavesNoGoroutine(t *testing.T) {
	l := New(Config{})
	_, err := l.Run(context.Background(), "main", func(t *Task) (any, error) {
		t.CreateTask("sleeper", func(t *Task) (any, error) { return nil, t.Sleep(time.Hour) })
		if err := t.Sleep(time.Second); err != nil {
			return nil, err
		}
		panic("broken example")
	})
	var p *PanicError
	require.ErrorAs(t, err, &p)
	assert.Equal(t, "main", p.Task)
	assert.Equal(t, "broken example", p.Value)
}

func TestCancellingTheContextStopsThePacedRun(t *testing.T) {
	clock, err := trace.NewClock(1)
	require.NoError(t, err)
	ctx, cancel := context.WithCancelCause(context.Background())
	stop := errors.New("learner quit")
	l := New(Config{Pace: clock})
	done := make(chan error, 1)
	go func() {
		_, err := l.Run(ctx, "main", func(t *Task) (any, error) {
			t.CreateTask("other", func(t *Task) (any, error) { return nil, t.Sleep(time.Hour) })
			return nil, t.Sleep(time.Hour)
		})
		done <- err
	}()
	cancel(stop)
	select {
	case err := <-done:
		assert.ErrorIs(t, err, stop)
	case <-time.After(10 * time.Second):
		t.Fatal("the paced loop did not stop when its context was cancelled")
	}
}

func TestPacedRunRecordsTheLoopsOwnTimes(t *testing.T) {
	clock, err := trace.NewClock(20)
	require.NoError(t, err)
	var events []trace.Event
	l := New(Config{Pace: clock, Record: func(e trace.Event) { events = append(events, e) }})
	_, err = l.Run(context.Background(), "main", func(t *Task) (any, error) {
		if err := t.Sleep(200 * ms); err != nil {
			return nil, err
		}
		t.Print("late")
		return nil, nil
	})
	require.NoError(t, err)
	assert.GreaterOrEqual(t, clock.Now(), 200*ms, "the paced loop did not wait for its clock")
	for _, e := range events {
		if e.Kind == trace.KindPrint {
			assert.Equal(t, 200*ms, e.T, "a paced run stamps the loop's time, not the wall clock's")
		}
	}
}

// As in CPython, a group that has finished waiting for its tasks takes no
// new one.
func TestAFinishedTaskGroupTakesNoTask(t *testing.T) {
	l := New(Config{})
	_, err := l.Run(context.Background(), "main", func(t *Task) (any, error) {
		var group *Group
		if err := t.TaskGroup(func(g *Group) error {
			group = g
			_, err := g.CreateTask("quick", func(t *Task) (any, error) { return nil, t.Sleep(ms) })
			return err
		}); err != nil {
			return nil, err
		}
		_, err := group.CreateTask("late", func(t *Task) (any, error) { return nil, nil })
		return nil, err
	})
	assert.ErrorIs(t, err, ErrGroupFinished)
}

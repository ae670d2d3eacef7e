package examples

import (
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestSequential(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tr := run(t, "sequential", nil)
		assert.Equal(t, 2*time.Second, tr.Total)
		assert.Equal(t, []string{"main", "say1", "say2"}, tr.Tasks)
		assert.Equal(t, []string{
			"0s main start",
			"0s main print start",
			"0s main wait/sync say1()",
			"0s say1 start",
			"0s say1 wait/sleep sleep 1s",
			"1s say1 resume",
			"1s say1 print hello from say1",
			"1s say1 end",
			"1s main resume",
			"1s main wait/sync say2()",
			"1s say2 start",
			"1s say2 wait/sleep sleep 1s",
			"2s say2 resume",
			"2s say2 print hello from say2",
			"2s say2 end",
			"2s main resume",
			"2s main print exit",
			"2s main end",
		}, lines(tr.Events))
		n, _ := runningAtOnce(tr)
		assert.Equal(t, 1, n, "one goroutine: never two tasks running")
	})
}

func TestWaitGroup(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tr := run(t, "waitgroup", nil)
		assert.Equal(t, time.Second, tr.Total)
		assert.Equal(t, []string{"main", "say1", "say2"}, tr.Tasks)
		assert.Equal(t, []string{
			"0s main start",
			"0s main print start",
			"0s main wait/sync wg.Wait()",
			"1s main resume",
			"1s main print exit",
			"1s main end",
		}, of(tr, "main"))
		for _, say := range []string{"say1", "say2"} {
			assert.Equal(t, []string{
				"0s " + say + " start",
				"0s " + say + " wait/sleep sleep 1s",
				"1s " + say + " resume",
				"1s " + say + " print hello from " + say,
				"1s " + say + " end",
			}, of(tr, say))
		}
		assert.Equal(t, []string{"0s start", "1s exit", "1s hello from say1", "1s hello from say2"}, prints(tr, false), "sorted within an instant")
		n, _ := runningAtOnce(tr)
		assert.Equal(t, 3, n, "main and both goroutines run at once at the start")
	})
}

func TestWaitGroupAgainstSequential(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		p := params("delay1=1500ms", "delay2=2s")
		assert.Equal(t, 3500*time.Millisecond, run(t, "sequential", p).Total)
		assert.Equal(t, 2*time.Second, run(t, "waitgroup", p).Total)
	})
}

func TestEventLoop(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tr := run(t, "eventloop", nil)
		assert.Equal(t, time.Second, tr.Total)
		assert.Equal(t, []string{"main", "loop", "say1", "say2"}, tr.Tasks)
		assert.Equal(t, []string{
			"0s main start",
			"0s main print start",
			"0s main wait/sync run until complete",
			"0s loop start",
			"0s say1 ready/loop",
			"0s say2 ready/loop",
			"0s loop wait/chan say1 has the turn",
			"0s say1 start/loop",
			"0s say1 wait/sleep sleep 1s",
			"0s loop resume",
			"0s say1 timer sleep 1s due=1s",
			"0s loop wait/chan say2 has the turn",
			"0s say2 start/loop",
			"0s say2 wait/sleep sleep 1s",
			"0s loop resume",
			"0s say2 timer sleep 1s due=1s",
			"0s loop wait/sleep until the timer due at 1s",
			"1s loop resume",
			"1s say1 fire",
			"1s say1 ready/loop",
			"1s say2 fire",
			"1s say2 ready/loop",
			"1s loop wait/chan say1 has the turn",
			"1s say1 resume/loop",
			"1s say1 print hello from say1",
			"1s say1 end",
			"1s loop resume",
			"1s loop wait/chan say2 has the turn",
			"1s say2 resume/loop",
			"1s say2 print hello from say2",
			"1s say2 end",
			"1s loop resume",
			"1s loop end",
			"1s main resume",
			"1s main print exit",
			"1s main end",
		}, lines(tr.Events))
		n, where := runningAtOnce(tr)
		assert.Equal(t, 1, n, "an event loop runs one task at a time (reached 2 at %s)", where)
	})
}

// The timer heap orders by due time; equal due times fire in the order the
// timers were armed. Whatever the delays, one task runs at a time.
func TestEventLoopTimerOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tr := run(t, "eventloop", params("delay1=2s", "delay2=500ms"))
		assert.Equal(t, 2*time.Second, tr.Total)
		assert.Equal(t, []string{"0s start", "500ms hello from say2", "2s hello from say1", "2s exit"}, prints(tr, true))
		n, where := runningAtOnce(tr)
		assert.Equal(t, 1, n, where)

		tr = run(t, "eventloop", params("delay1=0", "delay2=0"))
		assert.Equal(t, time.Duration(0), tr.Total)
		assert.Equal(t, []string{"0s start", "0s hello from say1", "0s hello from say2", "0s exit"}, prints(tr, true))
		n, where = runningAtOnce(tr)
		assert.Equal(t, 1, n, where)
	})
}

func TestNested(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tr := run(t, "nested", nil)
		assert.Equal(t, 5*time.Second, tr.Total)
		assert.Equal(t, []string{"outer", "inner"}, tr.Tasks)
		assert.Equal(t, []string{"0s one", "1s two", "2s three", "3s four", "4s five"}, prints(tr, true))
		assert.Equal(t, []string{
			"1s inner start",
			"1s inner print two",
			"1s inner wait/sleep sleep 1s",
			"2s inner resume",
			"2s inner print three",
			"2s inner wait/sleep sleep 1s",
			"3s inner resume",
			"3s inner end",
		}, of(tr, "inner"))
		assert.Contains(t, of(tr, "outer"), "1s outer wait/sync await inner()")
		assert.Contains(t, of(tr, "outer"), "3s outer resume")
		n, _ := runningAtOnce(tr)
		assert.Equal(t, 1, n)
	})
}

func TestGather(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tr := run(t, "gather", nil)
		assert.Equal(t, 3*time.Second, tr.Total)
		assert.Equal(t, []string{"main", "func1", "func2", "func3"}, tr.Tasks)
		assert.Equal(t, []string{
			"0s func1 started", "0s func2 started", "0s func3 started",
			"1s func3 done",
			"2s func1 done",
			"3s func2 done",
			"3s results: [result1 result2 result3]",
		}, prints(tr, false))
		assert.Equal(t, []string{
			"0s func3 start",
			"0s func3 print func3 started",
			"0s func3 wait/sleep sleep 1s",
			"1s func3 resume",
			"1s func3 print func3 done",
			"1s func3 end result3",
		}, of(tr, "func3"))
		assert.Equal(t, []string{
			"0s main start",
			"0s main wait/sync g.Wait()",
			"3s main resume",
			"3s main print results: [result1 result2 result3]",
			"3s main end",
		}, of(tr, "main"))
	})
}

func TestQueue(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tr := run(t, "queue", nil)
		assert.Equal(t, 4500*time.Millisecond, tr.Total)
		assert.Equal(t, []string{"main", "producer", "consumer"}, tr.Tasks)
		assert.Equal(t, []string{
			"500ms got item1", "500ms put item1", // sorted within an instant
			"1s put item2",
			"1.5s done item1", "1.5s got item2", "1.5s put item3",
			"2s put item4",
			"2.5s done item2", "2.5s got item3",
			"3.5s done item3", "3.5s got item4",
			"4.5s done item4",
		}, prints(tr, false))
		// With room for two, the producer never waits on the queue; the
		// consumer waits for the first item only.
		assert.NotContains(t, of(tr, "producer"), "wait/queue")
		var queueWaits []string
		for _, e := range tr.Events {
			if e.Reason == trace.ReasonQueue {
				queueWaits = append(queueWaits, line(e))
			}
		}
		assert.Equal(t, []string{"0s consumer wait/queue queue empty"}, queueWaits)
		assert.Equal(t, "2s producer end", of(tr, "producer")[len(of(tr, "producer"))-1])
	})
}

// A smaller queue and a faster producer: the producer blocks on a full queue
// until the consumer takes an item.
func TestQueueBackpressure(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tr := run(t, "queue", params("capacity=1", "interval=250ms"))
		assert.Equal(t, 4250*time.Millisecond, tr.Total)
		assert.Equal(t, []string{
			"0s producer start",
			"0s producer wait/sleep sleep 250ms",
			"250ms producer resume",
			"250ms producer print put item1",
			"250ms producer wait/sleep sleep 250ms",
			"500ms producer resume",
			"500ms producer print put item2",
			"500ms producer wait/sleep sleep 250ms",
			"750ms producer resume",
			"750ms producer wait/queue queue full",
			"1.25s producer resume",
			"1.25s producer print put item3",
			"1.25s producer wait/sleep sleep 250ms",
			"1.5s producer resume",
			"1.5s producer wait/queue queue full",
			"2.25s producer resume",
			"2.25s producer print put item4",
			"2.25s producer end",
		}, of(tr, "producer"))
	})
}

func TestSemaphore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tr := run(t, "semaphore", nil)
		assert.Equal(t, 3*time.Second, tr.Total)
		assert.Equal(t, []string{"main", "req1", "req2", "req3", "req4", "req5", "req6"}, tr.Tasks)
		assert.Equal(t, []string{
			"0s req1 start", "0s req2 start",
			"1s req1 done", "1s req2 done", "1s req3 start", "1s req4 start",
			"2s req3 done", "2s req4 done", "2s req5 start", "2s req6 start",
			"3s req5 done", "3s req6 done",
		}, prints(tr, false))
		assert.Equal(t, []string{
			"0s req5 start",
			"0s req5 wait/lock waiting for a slot",
			"2s req5 resume",
			"2s req5 print req5 start",
			"2s req5 wait/sleep sleep 1s",
			"3s req5 resume",
			"3s req5 print req5 done",
			"3s req5 end",
		}, of(tr, "req5"))
		assert.Equal(t, 2, maxInFlight(tr), "never more than limit requests at once")
	})
}

// maxInFlight counts requests between their "start" and "done" prints.
func maxInFlight(tr trace.Trace) int {
	in, most := 0, 0
	for _, e := range tr.Events {
		if e.Kind != trace.KindPrint {
			continue
		}
		switch {
		case len(e.Text) > 6 && e.Text[len(e.Text)-6:] == " start":
			in++
		case len(e.Text) > 5 && e.Text[len(e.Text)-5:] == " done":
			in--
		}
		most = max(most, in)
	}
	return most
}

// Slots go to waiters first come, first served, run after run: with 2 slots
// and 7 requests, the rounds are always {1,2} {3,4} {5,6} {7}.
func TestSemaphoreIsFIFO(t *testing.T) {
	for range 20 {
		synctest.Test(t, func(t *testing.T) {
			tr := run(t, "semaphore", params("requests=7", "latency=100ms"))
			assert.Equal(t, 400*time.Millisecond, tr.Total)
			var starts []string
			for _, p := range prints(tr, false) {
				if len(p) > 6 && p[len(p)-6:] == " start" {
					starts = append(starts, p)
				}
			}
			assert.Equal(t, []string{
				"0s req1 start", "0s req2 start",
				"100ms req3 start", "100ms req4 start",
				"200ms req5 start", "200ms req6 start",
				"300ms req7 start",
			}, starts)
		})
	}
}

func TestSemaphoreLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tr := run(t, "semaphore", params("requests=5", "limit=3"))
		assert.Equal(t, 2*time.Second, tr.Total)
		assert.Equal(t, 3, maxInFlight(tr))
	})
}

func TestTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tr := run(t, "timeout", nil)
		assert.Equal(t, time.Second, tr.Total)
		assert.Equal(t, []string{"main", "slow"}, tr.Tasks)
		assert.Equal(t, []string{
			"0s slow start",
			"0s slow print slow started",
			"0s slow wait/sleep sleep 3s",
			"1s slow cancel context deadline exceeded",
			"1s slow end",
		}, of(tr, "slow"))
		assert.Equal(t, []string{
			"0s main start",
			"0s main wait/chan wait for slow, at most 1s",
			"1s main resume",
			"1s main print timed out",
			"1s main end",
		}, of(tr, "main"))
	})
}

func TestTimeoutInTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tr := run(t, "timeout", params("work=500ms"))
		assert.Equal(t, 500*time.Millisecond, tr.Total)
		assert.Equal(t, []string{"0s slow started", "500ms slow finished", "500ms slow finished in time"}, prints(tr, true))
		for _, e := range tr.Events {
			assert.NotEqual(t, trace.KindCancel, e.Kind, line(e))
		}
	})
}

// Every example, with its defaults and with other parameters, takes exactly
// the time a model of it predicts.
func TestTotalsMatchTheory(t *testing.T) {
	cases := map[string][]map[string]string{
		"sequential": {nil, params("delay1=0", "delay2=3s"), params("delay1=250ms", "delay2=1.5")},
		"waitgroup":  {nil, params("delay1=3s"), params("delay2=10s")},
		"eventloop":  {nil, params("delay1=3s", "delay2=1s"), params("delay2=2500ms")},
		"nested":     {nil, params("step=200ms"), params("step=0")},
		"gather":     {nil, params("delay1=5s"), params("delay1=0", "delay2=0", "delay3=0")},
		"queue": {
			nil, params("capacity=1"), params("items=10", "interval=100ms", "work=300ms"),
			params("items=6", "interval=2s", "work=100ms"), params("capacity=5", "interval=0"),
			params("items=1"), params("work=0", "interval=1s"),
		},
		"semaphore": {nil, params("requests=1"), params("requests=20", "limit=7"), params("limit=10", "latency=2s")},
		"timeout":   {nil, params("timeout=2s", "work=1s"), params("timeout=0"), params("work=0")},
	}
	for _, name := range Names() {
		require.Contains(t, cases, name, "add cases for %s", name)
		for _, p := range cases[name] {
			synctest.Test(t, func(t *testing.T) {
				tr := run(t, name, p)
				assert.Equal(t, theory(t, name, p), tr.Total, "%s %v", name, p)
			})
		}
	}
}

// Examples that claim Ordered record the same events in the same order on
// every run; the others at least keep each task's own story and the lanes.
func TestOrderedIsDeterministic(t *testing.T) {
	for _, x := range All() {
		var first trace.Trace
		for i := range 25 {
			synctest.Test(t, func(t *testing.T) {
				tr := run(t, x.Name, nil)
				if i == 0 {
					first = tr
					return
				}
				assert.Equal(t, first.Tasks, tr.Tasks, x.Name)
				if x.Ordered {
					assert.Equal(t, lines(first.Events), lines(tr.Events), x.Name)
				}
				for _, task := range tr.Tasks {
					assert.Equal(t, of(first, task), of(tr, task), "%s/%s", x.Name, task)
				}
			})
		}
	}
}

// At speed 4 a run takes a quarter of the real time and reports the same
// program times.
func TestSpeedScalesRealTimeOnly(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		began := time.Now()
		tr, err := Execute(t.Context(), Spec{Name: "gather", Params: nil}, 4)
		require.NoError(t, err)
		assert.Equal(t, 750*time.Millisecond, time.Since(began))
		assert.Equal(t, 3*time.Second, tr.Total)
		assert.Equal(t, 4.0, tr.Speed)
		assert.Contains(t, prints(tr, false), "2s func1 done")

		began = time.Now()
		tr, err = Execute(t.Context(), Spec{Name: "queue", Params: nil}, 3)
		require.NoError(t, err)
		assert.InDelta(t, float64(1500*time.Millisecond), float64(time.Since(began)), 100)
		assert.Equal(t, 4500*time.Millisecond, tr.Total)
	})
}

func TestTraceRecordsParams(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		tr := run(t, "queue", params("capacity=3", "work= 2s"))
		assert.Equal(t, "queue", tr.Example)
		assert.Equal(t, map[string]string{"items": "4", "interval": "500ms", "capacity": "3", "work": "2s"}, tr.Params)
	})
}

// A reader following the run with Since sees every event, in order, while
// the run goes on.
func TestFollowLive(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r, err := Start(t.Context(), Spec{Name: "gather", Params: nil}, nil)
		require.NoError(t, err)
		var got []trace.Event
		var batches int
		for {
			evs, changed, done := r.Since(len(got))
			if len(evs) > 0 {
				batches++
			}
			got = append(got, evs...)
			if done {
				break
			}
			<-changed
		}
		tr, err := r.Wait()
		require.NoError(t, err)
		assert.Equal(t, tr.Events, got)
		assert.GreaterOrEqual(t, batches, 4, "events arrive at 0, 1, 2 and 3 s, not all at the end")
		snap := r.Snapshot()
		assert.True(t, snap.Done)
		assert.Equal(t, tr, snap)
		select {
		case <-r.Done():
		default:
			t.Fatal("Done must be closed after Wait")
		}
		assert.Equal(t, "gather", r.Example().Name)
	})
}

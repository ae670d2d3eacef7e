package pytrace

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// needPython fails, never skips: the python model is part of the product,
// and a machine without CPython 3.11+ cannot vouch for it.
func needPython(t testing.TB) Python {
	t.Helper()
	py, err := Find("")
	if err != nil {
		t.Fatalf("these tests need CPython 3.11 or newer as python3 on PATH: %v", err)
	}
	return py
}

// run runs script under the shim and returns its events.
func run(t *testing.T, script string, opt Options) ([]trace.Event, error) {
	t.Helper()
	needPython(t)
	var evs []trace.Event
	opt.Record = func(e trace.Event) { evs = append(evs, e) }
	err := Run(context.Background(), script, opt)
	return evs, err
}

// compact writes events as "lane kind reason text" lines, without times.
func compact(evs []trace.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = strings.TrimSpace(fmt.Sprintf("%s %s %s %s", e.Task, e.Kind, e.Reason, e.Text))
		out[i] = strings.Join(strings.Fields(out[i]), " ")
	}
	return out
}

func filter(evs []trace.Event, keep func(trace.Event) bool) []trace.Event {
	var out []trace.Event
	for _, e := range evs {
		if keep(e) {
			out = append(out, e)
		}
	}
	return out
}

func prints(evs []trace.Event) []string {
	var out []string
	for _, e := range filter(evs, func(e trace.Event) bool { return e.Kind == trace.KindPrint }) {
		out = append(out, e.Task+": "+e.Text)
	}
	return out
}

func lanes(evs []trace.Event) []string {
	seen := map[string]bool{}
	var out []string
	for _, e := range evs {
		if !seen[e.Task] {
			seen[e.Task] = true
			out = append(out, e.Task)
		}
	}
	return out
}

func find(t *testing.T, evs []trace.Event, task string, kind trace.Kind, text string) trace.Event {
	t.Helper()
	for _, e := range evs {
		if e.Task == task && e.Kind == kind && (text == "" || e.Text == text) {
			return e
		}
	}
	t.Fatalf("no %s event on lane %s with text %q in:\n%s", kind, task, text, strings.Join(compact(evs), "\n"))
	return trace.Event{}
}

const gatherScript = `import asyncio

async def work(n, delay):
    print(f"func{n} started")
    await asyncio.sleep(delay)
    print(f"func{n} done")
    return f"result{n}"

async def main():
    tasks = [asyncio.create_task(work(n, d), name=f"func{n}") for n, d in [(1, 0.2), (2, 0.3), (3, 0.1)]]
    print("results:", await asyncio.gather(*tasks))

asyncio.run(main())
`

// In virtual time, so that each instant is exact however busy the machine:
// the order of events is the same as on the wall clock.
func TestGatherOfNamedTasks(t *testing.T) {
	evs, err := run(t, gatherScript, Options{Virtual: true})
	require.NoError(t, err)
	assert.Equal(t, []string{"main", "func1", "func2", "func3"}, lanes(evs))
	assert.Equal(t, []string{
		"main ready loop", "main start loop",
		"func1 ready loop", "func2 ready loop", "func3 ready loop",
		"main wait future gather",
		"func1 start loop", "func1 print func1 started", "func1 wait sleep sleep 200ms", "func1 timer sleep 200ms",
		"func2 start loop", "func2 print func2 started", "func2 wait sleep sleep 300ms", "func2 timer sleep 300ms",
		"func3 start loop", "func3 print func3 started", "func3 wait sleep sleep 100ms", "func3 timer sleep 100ms",
		"func3 fire", "func3 ready loop", "func3 resume loop", "func3 print func3 done", "func3 end 'result3'",
		"func1 fire", "func1 ready loop", "func1 resume loop", "func1 print func1 done", "func1 end 'result1'",
		"func2 fire", "func2 ready loop", "func2 resume loop", "func2 print func2 done", "func2 end 'result2'",
		"main ready loop", "main resume loop", "main print results: ['result1', 'result2', 'result3']", "main end",
	}, compact(evs))

	timer := find(t, evs, "func2", trace.KindTimer, "")
	wait := find(t, evs, "func2", trace.KindWait, "")
	assert.Equal(t, wait.T+300*time.Millisecond, timer.Due)
	assert.Equal(t, 300*time.Millisecond, find(t, evs, "func2", trace.KindPrint, "func2 done").T, "func2 done")
	assert.Equal(t, 100*time.Millisecond, find(t, evs, "func3", trace.KindFire, "").T, "func3 fires")
	for i := 1; i < len(evs); i++ {
		require.GreaterOrEqual(t, evs[i].T, evs[i-1].T, "times never go back")
	}
}

func TestNestedCoroutineGetsItsOwnLane(t *testing.T) {
	evs, err := run(t, `import asyncio

async def inner():
    print("two")
    await asyncio.sleep(0.05)
    return 3

async def outer():
    print("one")
    n = await inner()
    print("four", n)

asyncio.run(outer())
`, Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{
		"outer ready loop", "outer start loop", "outer print one",
		"outer wait sync await inner()", "inner start loop", "inner print two",
		"inner wait sleep sleep 50ms", "inner timer sleep 50ms", "inner fire", "inner ready loop", "inner resume loop",
		"inner end", "outer resume loop", "outer print four 3", "outer end",
	}, compact(evs))
}

func TestQueueAndSemaphore(t *testing.T) {
	evs, err := run(t, `import asyncio

async def producer(q):
    for i in range(2):
        await q.put(i)
    await q.put(None)

async def consumer(q):
    while (item := await q.get()) is not None:
        print("got", item)

async def req(sem):
    async with sem:
        await asyncio.sleep(0.05)

async def main():
    q = asyncio.Queue(maxsize=1)
    await asyncio.gather(consumer(q), producer(q))
    sem = asyncio.Semaphore(1)
    await asyncio.gather(*(asyncio.create_task(req(sem), name=f"req{n}") for n in (1, 2)))
    await asyncio.sleep(0)

asyncio.run(main())
`, Options{})
	require.NoError(t, err)
	c := compact(evs)
	assert.Contains(t, c, "consumer wait queue queue.get()")
	assert.Contains(t, c, "producer wait queue queue.put()")
	assert.Contains(t, c, "req2 wait lock semaphore")
	assert.Equal(t, []string{"consumer: got 0", "consumer: got 1"}, prints(evs))
	assert.Equal(t, []string{"main", "consumer", "producer", "req1", "req2"}, lanes(evs))
	// A bare yield stays ready.
	i := indexOf(c, "main wait loop sleep 0s")
	require.GreaterOrEqual(t, i, 0, strings.Join(c, "\n"))
	assert.Equal(t, []string{"main ready loop", "main resume loop", "main end"}, c[i+1:])
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

func TestWaitForTimeoutCancels(t *testing.T) {
	evs, err := run(t, `import asyncio

async def slow():
    print("slow started")
    await asyncio.sleep(5)
    print("slow finished")

async def main():
    try:
        await asyncio.wait_for(slow(), timeout=0.1)
    except TimeoutError:
        print("timed out")

asyncio.run(main())
`, Options{Virtual: true})
	require.NoError(t, err)
	assert.Equal(t, []string{"slow: slow started", "main: timed out"}, prints(evs))
	c := compact(evs)
	assert.Contains(t, c, "main wait future wait_for slow")
	cancel := find(t, evs, "slow", trace.KindCancel, "CancelledError")
	assert.Equal(t, 100*time.Millisecond, cancel.T, "cancelled at the deadline")
	assert.Less(t, indexOf(c, "slow cancel CancelledError"), indexOf(c, "main print timed out"))
}

func TestEndings(t *testing.T) {
	evs, err := run(t, `import asyncio

async def boom():
    raise ValueError("boom")

async def forever():
    await asyncio.sleep(60)

async def main():
    t = asyncio.create_task(forever(), name="sleeper")
    try:
        await asyncio.create_task(boom())
    except ValueError:
        pass
    await asyncio.sleep(0)
    t.cancel("enough")
    await asyncio.sleep(0)
    return 42

asyncio.run(main())
`, Options{})
	require.NoError(t, err)
	c := compact(evs)
	assert.Contains(t, c, "boom end raised ValueError: boom")
	assert.Contains(t, c, "main wait future await boom")
	assert.Contains(t, c, "sleeper cancel enough")
	assert.Equal(t, "main end 42", c[len(c)-1])
}

func TestPrintsOutsideTheLoop(t *testing.T) {
	evs, err := run(t, `import asyncio
print("start")

async def say():
    print("hello", end="")
    print(" world")

def helper():
    print("from a function")

async def main():
    helper()
    await asyncio.create_task(say(), name="say1")

asyncio.run(main())
print("exit")
print("no newline", end="")
`, Options{})
	require.NoError(t, err)
	assert.Equal(t, []string{"main: start", "main: from a function", "say1: hello world", "main: exit", "main: no newline"}, prints(evs))
}

func TestSpeedScalesTheLoopClock(t *testing.T) {
	// Each reading of the loop's clock is bracketed by two of the machine's,
	// so the check holds however slowly, and with whatever pauses, the
	// machine runs the script: only the bracket widens.
	evs, err := run(t, `import asyncio, time

async def main():
    loop = asyncio.get_running_loop()
    a0 = time.monotonic(); l0 = loop.time(); b0 = time.monotonic()
    await asyncio.sleep(1)
    a1 = time.monotonic(); l1 = loop.time(); b1 = time.monotonic()
    print("slept at least 1:", l1 - l0 >= 1)
    eps = 1e-6
    print("scaled by 4:", 4 * (a1 - b0) - eps <= l1 - l0 <= 4 * (b1 - a0) + eps)

asyncio.run(main())
`, Options{Speed: 4})
	require.NoError(t, err)
	slept := find(t, evs, "main", trace.KindPrint, "slept at least 1: True")
	assert.GreaterOrEqual(t, slept.T, time.Second, "the trace's times are the loop's")
	find(t, evs, "main", trace.KindPrint, "scaled by 4: True")
	assert.Equal(t, "sleep 1s", find(t, evs, "main", trace.KindWait, "").Text)
}

// In virtual time the loop's clock jumps to each timer: an hour of sleeps
// is over at once, and every instant is exact, however busy the machine.
func TestVirtualTimeJumpsToEachTimer(t *testing.T) {
	evs, err := run(t, `import asyncio, time

async def nap(name, s):
    await asyncio.sleep(s)
    print(name, "woke at", asyncio.get_running_loop().time())

async def main():
    t0 = time.monotonic()
    await asyncio.gather(nap("long", 3600), nap("short", 0.25), nap("mid", 1.5))
    print("wall under a minute:", time.monotonic() - t0 < 60)

asyncio.run(main())
`, Options{Virtual: true, Speed: 4})
	require.NoError(t, err)
	assert.Equal(t, []string{"nap: short woke at 0.25", "nap: mid woke at 1.5", "nap: long woke at 3600.0", "main: wall under a minute: True"}, prints(evs))
	assert.Equal(t, 1500*time.Millisecond, find(t, evs, "nap", trace.KindPrint, "mid woke at 1.5").T, "the event's time is the loop's")
	assert.Equal(t, time.Hour, find(t, evs, "nap", trace.KindPrint, "long woke at 3600.0").T)
}

func TestScriptThatRaises(t *testing.T) {
	evs, err := run(t, "print('before')\ndef f():\n    raise ValueError('boom')\nf()\n", Options{Name: "twin.py"})
	require.Error(t, err)
	var exit *ExitError
	require.ErrorAs(t, err, &exit)
	assert.Equal(t, 1, exit.Status)
	assert.Contains(t, exit.Stderr, `File "twin.py", line 3, in f`)
	assert.Contains(t, exit.Stderr, "raise ValueError('boom')", "the traceback shows the source line")
	assert.NotContains(t, exit.Stderr, "_main", "the shim's own frame is left out")
	assert.Contains(t, err.Error(), "status 1")
	assert.Contains(t, err.Error(), "ValueError: boom")
	assert.Equal(t, []string{"main: before"}, prints(evs))
}

func TestHangingScriptIsKilledAtTheLimit(t *testing.T) {
	_, err := run(t, "import time\ntime.sleep(120)\n", Options{Limit: 300 * time.Millisecond})
	require.ErrorIs(t, err, ErrLimit)
	assert.Contains(t, err.Error(), "300ms")
}

func TestGarbageOnTheEventPipe(t *testing.T) {
	_, err := run(t, "import os, time\nprint('ok')\nos.write(3, b'this is not json\\n')\ntime.sleep(120)\n", Options{})
	require.ErrorIs(t, err, ErrBadTrace)
	assert.Contains(t, err.Error(), "python trace line 2 is not")
	assert.Contains(t, err.Error(), "this is not json")

	_, err = run(t, "import os, time\nos.write(3, b'x' * 70000 + b'\\n')\ntime.sleep(120)\n", Options{})
	require.ErrorIs(t, err, ErrBadTrace)
	assert.Contains(t, err.Error(), "longer than")

	_, err = run(t, "import os\nos.write(3, b'{\"t\": 0, \"task\": \"x\", \"kind\": \"explode\"}\\n')\n", Options{})
	require.ErrorIs(t, err, ErrBadTrace)
	assert.Contains(t, err.Error(), `unknown kind "explode"`)
}

func TestCancelKillsTheProcessGroup(t *testing.T) {
	needPython(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pids := make(chan int, 2)
	err := Run(ctx, `import os, subprocess, sys, time
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
print(os.getpid(), child.pid)
time.sleep(120)
`, Options{Record: func(e trace.Event) {
		if e.Kind == trace.KindPrint {
			for _, f := range strings.Fields(e.Text) {
				n, _ := strconv.Atoi(f)
				pids <- n
			}
			cancel()
		}
	}})
	require.ErrorIs(t, err, ErrCancelled)
	require.ErrorIs(t, err, context.Canceled)
	require.Len(t, pids, 2)
	shim := <-pids
	// The shim has been reaped; its child, in the same group, was killed
	// (init reaps it, so allow it a moment to disappear).
	assert.ErrorIs(t, syscall.Kill(shim, 0), syscall.ESRCH)
	child := <-pids
	assert.Eventually(t, func() bool {
		return errors.Is(syscall.Kill(child, 0), syscall.ESRCH) || zombie(child)
	}, 10*time.Second, 10*time.Millisecond, "the script's child process is gone")
}

// zombie reports whether pid is dead but not yet reaped by its new parent.
func zombie(pid int) bool {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return true
	}
	_, rest, _ := strings.Cut(string(b), ") ")
	return strings.HasPrefix(rest, "Z")
}

func TestAlreadyCancelledContext(t *testing.T) {
	needPython(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.ErrorIs(t, Run(ctx, "print(1)", Options{}), ErrCancelled)
}

func TestFindMissingInterpreter(t *testing.T) {
	_, err := Find("/nonexistent/python3")
	require.ErrorIs(t, err, ErrNoPython)
	assert.Contains(t, err.Error(), "install Python 3.11 or newer")
	assert.Contains(t, err.Error(), "python3")

	err = Run(context.Background(), "print(1)", Options{Python: "/nonexistent/python3"})
	require.ErrorIs(t, err, ErrNoPython)

	// Something that runs but is not a Python at all.
	_, err = Find("/bin/true")
	require.ErrorIs(t, err, ErrNoPython)
}

func TestFindChecksTheVersion(t *testing.T) {
	py := needPython(t)
	assert.True(t, atLeast(py.Version, MinVersion), py.Version)
	assert.True(t, atLeast("3.12.1", "3.11"))
	assert.True(t, atLeast("3.11.0", "3.11"))
	assert.False(t, atLeast("3.10.12", "3.11"))
	assert.False(t, atLeast("2.7.18", "3.11"))
	assert.False(t, atLeast("garbage", "3.11"))
}

func TestOptionsAreChecked(t *testing.T) {
	for _, s := range []float64{0.05, 25, -1} {
		require.ErrorIs(t, Run(context.Background(), "", Options{Speed: s}), ErrBadOptions)
	}
}

func TestReadStopsAtTooManyEvents(t *testing.T) {
	line := `{"t":0,"task":"main","kind":"print","text":"x"}` + "\n"
	r := strings.NewReader(strings.Repeat(line, MaxEvents+1))
	n := 0
	err := read(r, func(trace.Event) { n++ })
	require.ErrorIs(t, err, ErrTooMany)
	assert.Equal(t, MaxEvents, n)
}

func TestTailBufferKeepsTheEnd(t *testing.T) {
	tb := &tailBuffer{keep: 8}
	fmt.Fprint(tb, "0123456789")
	fmt.Fprint(tb, "ab")
	assert.Equal(t, "456789ab", tb.String())
	fmt.Fprint(tb, strings.Repeat("z", 20))
	assert.Equal(t, "zzzzzzzz", tb.String())
}

// BenchmarkShimOverhead runs the gather twin as plain CPython and under
// the shim. Compare the two ns/op: the target is traced within 1% + 10 ms
// of plain. Run with -benchtime=5x (each run takes the twin's 3 s).
func BenchmarkShimOverhead(b *testing.B) {
	py := needPython(b)
	src, err := os.ReadFile("../examples/python/gather.py")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("plain", func(b *testing.B) {
		for b.Loop() {
			cmd := exec.Command(py.Path, "-I", "-c", string(src))
			cmd.Stdout = nil
			if out, err := cmd.CombinedOutput(); err != nil {
				b.Fatalf("%v: %s", err, out)
			}
		}
	})
	b.Run("traced", func(b *testing.B) {
		for b.Loop() {
			n := 0
			if err := Run(context.Background(), string(src), Options{Python: py.Path, Record: func(trace.Event) { n++ }}); err != nil {
				b.Fatal(err)
			}
			if n == 0 {
				b.Fatal("no events")
			}
		}
	})
}

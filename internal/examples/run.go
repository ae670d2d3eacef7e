package examples

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"

	aio "github.com/asyncio-tutor/asyncio-tutor/internal/loop"
	"github.com/asyncio-tutor/asyncio-tutor/internal/pytrace"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// ErrUnknownExample is wrapped by the error Start returns for a name that is
// not in the registry.
var ErrUnknownExample = errors.New("unknown example")

// faultHooks are empty but in a faultinject build (faultinject.go), whose
// end-to-end tests prove a panicking example never takes the program down.
var faultHooks hooks

// ErrStopped is the cause a run is cancelled with when Run.Stop is called;
// Wait then returns it.
var ErrStopped = errors.New("stopped")

// Run is one example running. Its goroutines record into a trace.Recorder;
// Since and Snapshot read it live, Wait returns the finished trace.
type Run struct {
	example Example
	rec     *trace.Recorder
	cancel  context.CancelCauseFunc
	done    chan struct{}

	// Set once, before done is closed.
	final trace.Trace
	err   error
}

// Spec says what to run: an example, the model to run it in, and its
// parameters as written on the command line (nil means all defaults).
type Spec struct {
	Name   string
	Model  trace.Model // "" means goroutines
	Params map[string]string
}

// Start checks the spec, starts the run and returns at once. clock times
// the run (nil means a new clock at speed 1; program time 0 is when the
// clock was made, so make it right before calling Start):
//
//   - goroutines: the example's Go code, every event stamped by clock;
//   - loop: the example on the loop engine, paced by clock but stamped
//     with the engine's own exact times;
//   - python: the Python twin on CPython under the tracing shim, at the
//     clock's speed, stamped with CPython's loop.time().
//
// Cancelling ctx, or calling Stop, stops the run promptly; Wait then
// returns what was recorded with the cancellation's cause. Errors:
// ErrUnknownExample (wrapped) for an unknown name, a *ParamError for a bad
// parameter, an error wrapping pytrace.ErrNoPython when the python model
// cannot run here.
func Start(ctx context.Context, s Spec, clock *trace.Clock) (*Run, error) {
	return start(ctx, s, clock, faultHooks)
}

// Simulate runs s in virtual time: nothing waits, every time is exact, and
// the same spec gives the same trace on every run, however busy the
// machine. s.Model is loop (or empty) for the loop model, or python for the
// Python twin on CPython with its loop's clock made virtual (CPython's own
// scheduler, on a clock that is never late; it needs python3).
func Simulate(ctx context.Context, s Spec) (trace.Trace, error) {
	if s.Model == "" {
		s.Model = trace.ModelLoop
	}
	if s.Model != trace.ModelLoop && s.Model != trace.ModelPython {
		return trace.Trace{}, fmt.Errorf("only the loop and python models run in virtual time, not %s", s.Model)
	}
	x, a, eff, err := resolveSpec(s)
	if err != nil {
		return trace.Trace{}, err
	}
	clock, _ := trace.NewClock(1)
	rec := trace.NewRecorder(clock, s.Model, x.Name, eff)
	if s.Model == trace.ModelLoop {
		err = runAsyncio(ctx, x, a, rec, nil)
		return rec.Close(), err
	}
	if err := PythonAvailable(); err != nil {
		return trace.Trace{}, err
	}
	script, err := x.renderTwin(eff)
	if err != nil {
		return trace.Trace{}, err
	}
	err = pytrace.Run(ctx, script, pytrace.Options{
		Virtual: true,
		Name:    x.Name + ".py",
		Record:  func(e trace.Event) { rec.RecordAt(e) },
	})
	return rec.Close(), err
}

func resolveSpec(s Spec) (Example, args, map[string]string, error) {
	x, ok := Lookup(s.Name)
	if !ok {
		return Example{}, args{}, nil, fmt.Errorf("%w %q; known: %s", ErrUnknownExample, s.Name, strings.Join(Names(), ", "))
	}
	a, eff, err := x.resolve(s.Params)
	return x, a, eff, err
}

func start(ctx context.Context, s Spec, clock *trace.Clock, h hooks) (*Run, error) {
	if s.Model == "" {
		s.Model = trace.ModelGoroutines
	}
	if _, err := trace.ParseModel(string(s.Model)); err != nil {
		return nil, err
	}
	x, a, eff, err := resolveSpec(s)
	if err != nil {
		return nil, err
	}
	if clock == nil {
		clock, _ = trace.NewClock(1)
	}
	switch s.Model {
	case trace.ModelLoop:
		return startAsyncio(ctx, x, a, eff, clock), nil
	case trace.ModelPython:
		return startPython(ctx, x, eff, clock)
	}
	runCtx, cancel := context.WithCancelCause(ctx)
	e := &env{rec: trace.NewRecorder(clock, trace.ModelGoroutines, x.Name, eff), clock: clock, cancel: cancel, hooks: h}
	r := &Run{example: x, rec: e.rec, cancel: cancel, done: make(chan struct{})}

	go func() {
		defer close(r.done)
		err := protect(e, func() error { return x.run(runCtx, e, a) })
		// Whatever the example did, no task may outlive the run: cancel
		// stragglers (there are none unless the example returned early, for
		// instance on a panic) and wait for every task to end.
		cancel(errRunOver)
		e.live.Wait()
		if p := e.firstPanic(); p != nil {
			err = p
		}
		r.final = e.rec.Close()
		r.err = err
	}()
	return r, nil
}

// startAsyncio runs x on the loop engine in a goroutine, paced by clock.
func startAsyncio(ctx context.Context, x Example, a args, eff map[string]string, clock *trace.Clock) *Run {
	rec := trace.NewRecorder(clock, trace.ModelLoop, x.Name, eff)
	return launch(ctx, x, rec, func(ctx context.Context) error {
		return runAsyncio(ctx, x, a, rec, clock)
	})
}

// launch runs body in a goroutine as a run of x recording into rec, for a
// model whose runner (the loop, CPython) keeps every task in hand itself:
// when body returns, the run is over.
func launch(ctx context.Context, x Example, rec *trace.Recorder, body func(ctx context.Context) error) *Run {
	runCtx, cancel := context.WithCancelCause(ctx)
	r := &Run{example: x, rec: rec, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(r.done)
		defer cancel(errRunOver)
		err := body(runCtx)
		r.final = rec.Close()
		r.err = err
	}()
	return r
}

// runAsyncio runs x on a new loop recording into rec; pace nil is virtual
// time. A panic in the example comes back as a *PanicError, from the loop
// when a coroutine panicked and from here when the code around it did.
func runAsyncio(ctx context.Context, x Example, a args, rec *trace.Recorder, pace *trace.Clock) (err error) {
	l := aio.New(aio.Config{Record: func(e trace.Event) { rec.RecordAt(e) }, Pace: pace})
	defer func() {
		if v := recover(); v != nil {
			err = &PanicError{Value: v, Stack: debug.Stack()}
		}
		var p *aio.PanicError
		if errors.As(err, &p) {
			err = &PanicError{Task: p.Task, Value: p.Value, Stack: p.Stack}
		}
	}()
	return x.asyncio(ctx, l, a)
}

// errRunOver cancels whatever is left of a run once its main function has
// returned.
var errRunOver = errors.New("run over")

// protect runs f, turning a panic that no task caught into an error.
func protect(e *env, f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = e.panicked("", v)
		}
	}()
	return f()
}

// Example is the example this run runs.
func (r *Run) Example() Example { return r.example }

// Since returns the events recorded from Seq from on, a channel closed when
// more arrive (or the run ends), and whether the run has ended, so that no
// more will. See trace.Recorder.Since for the reading loop. It never blocks
// the run.
func (r *Run) Since(from int) (events []trace.Event, changed <-chan struct{}, done bool) {
	return r.rec.Since(from)
}

// Snapshot returns the trace recorded so far.
func (r *Run) Snapshot() trace.Trace { return r.rec.Snapshot() }

// Done is closed when the run is over and Wait will not block.
func (r *Run) Done() <-chan struct{} { return r.done }

// Stop cancels the run with ErrStopped as the cause. It does not wait:
// call Wait for that.
func (r *Run) Stop() { r.cancel(ErrStopped) }

// Wait blocks until every goroutine of the run has returned, then gives the
// complete trace (Done is true) and the run's error: nil when the example
// ran to its end, the cancellation's cause when it was cancelled, a
// *PanicError when example code panicked.
func (r *Run) Wait() (trace.Trace, error) {
	<-r.done
	return r.final, r.err
}

// Execute runs s to completion at the given playback speed and returns its
// trace. It is Start followed by Wait.
func Execute(ctx context.Context, s Spec, speed float64) (trace.Trace, error) {
	clock, err := trace.NewClock(speed)
	if err != nil {
		return trace.Trace{}, err
	}
	r, err := Start(ctx, s, clock)
	if err != nil {
		return trace.Trace{}, err
	}
	return r.Wait()
}

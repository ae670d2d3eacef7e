package examples

import (
	"context"
	"errors"
	"fmt"
	"strings"

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

// Start checks the parameters, starts the example's goroutines and returns
// at once. params maps parameter names to values as written on the command
// line (nil means all defaults); clock times the run (nil means a new clock
// at speed 1; program time 0 is when the clock was made, so make it right
// before calling Start).
//
// Cancelling ctx, or calling Stop, stops every goroutine of the run
// promptly; Wait then returns what was recorded with the cancellation's
// cause. Errors: ErrUnknownExample (wrapped) for an unknown name, a
// *ParamError for a bad parameter.
func Start(ctx context.Context, name string, params map[string]string, clock *trace.Clock) (*Run, error) {
	return start(ctx, name, params, clock, faultHooks)
}

func start(ctx context.Context, name string, params map[string]string, clock *trace.Clock, h hooks) (*Run, error) {
	x, ok := Lookup(name)
	if !ok {
		return nil, fmt.Errorf("%w %q; known: %s", ErrUnknownExample, name, strings.Join(Names(), ", "))
	}
	a, eff, err := x.resolve(params)
	if err != nil {
		return nil, err
	}
	if clock == nil {
		clock, _ = trace.NewClock(1)
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

// Execute runs the named example to completion at the given playback speed
// and returns its trace. It is Start followed by Wait.
func Execute(ctx context.Context, name string, params map[string]string, speed float64) (trace.Trace, error) {
	clock, err := trace.NewClock(speed)
	if err != nil {
		return trace.Trace{}, err
	}
	r, err := Start(ctx, name, params, clock)
	if err != nil {
		return trace.Trace{}, err
	}
	return r.Wait()
}

package trace

import (
	"maps"
	"slices"
	"sync"
	"time"
)

// Recorder collects the events of one run. It is safe for concurrent use:
// every goroutine of an example records into the same Recorder.
//
// Each event gets the next Seq (0, 1, 2, ...: an event's Seq is its index in
// Trace.Events) and its T from the clock, both taken under one lock, so Seq
// order is also time order. A task gets its lane the first time an event
// names it.
//
// # Following a run live
//
// A reader that wants events as they happen calls Since with the number of
// events it already holds. Since returns the newer events, a channel that is
// closed as soon as another event is recorded (or the run is closed), and
// whether the run is closed. The reader takes the events, and if the run is
// not closed waits on the channel before asking again:
//
//	n := 0
//	for {
//		evs, changed, done := rec.Since(n)
//		n += len(evs)
//		show(evs)
//		if done {
//			break
//		}
//		<-changed // or select on it together with a tick or a context
//	}
//
// Recording never waits for readers and never drops an event, however slow
// a reader is: the events stay in the Recorder, and a slow reader simply gets
// more of them at once. Any number of readers may follow the same run.
type Recorder struct {
	clock *Clock

	mu      sync.Mutex
	tr      Trace
	lanes   map[string]bool
	changed chan struct{} // closed (and replaced) when an event arrives
	watched bool          // someone holds changed: replace it on the next event
	closed  bool
}

// NewRecorder returns an empty recorder for a run of the named example in
// the given model with the given parameters, timed by clock. The params map
// is copied.
func NewRecorder(clock *Clock, model Model, example string, params map[string]string) *Recorder {
	return &Recorder{
		clock: clock,
		tr: Trace{
			Example: example,
			Model:   model,
			Speed:   clock.Speed(),
			Params:  maps.Clone(params),
		},
		lanes:   make(map[string]bool),
		changed: make(chan struct{}),
	}
}

// Clock is the clock that times the recorded events.
func (r *Recorder) Clock() *Clock { return r.clock }

// Record adds an event for task at the current program time and returns it
// with its Seq and T filled in. Once the recorder is closed, Record drops the
// event and returns it with Seq -1.
func (r *Recorder) Record(task string, kind Kind, reason Reason, text string) Event {
	return r.add(Event{Task: task, Kind: kind, Reason: reason, Text: text})
}

// RecordTimer records a KindTimer event: the event loop armed a timer for
// task that fires at program time due.
func (r *Recorder) RecordTimer(task string, due time.Duration, text string) Event {
	return r.add(Event{Task: task, Kind: KindTimer, Text: text, Due: due})
}

// RecordAt adds e at the program time e.T it already carries, for a model
// that keeps time itself (the loop engine's virtual clock, CPython's
// loop.time()) instead of reading the recorder's clock. A time before the
// last recorded event's is raised to it, so Seq order stays time order. It
// returns e with its Seq (or -1 once the recorder is closed) and T as
// recorded.
func (r *Recorder) RecordAt(e Event) Event {
	return r.addAt(e, true)
}

func (r *Recorder) add(e Event) Event { return r.addAt(e, false) }

func (r *Recorder) addAt(e Event, timed bool) Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		e.Seq = -1
		return e
	}
	e.Seq = len(r.tr.Events)
	if !timed {
		e.T = r.clock.Now()
	}
	if n := len(r.tr.Events); n > 0 && e.T < r.tr.Events[n-1].T {
		// The clock is monotonic; this only guards against rounding.
		e.T = r.tr.Events[n-1].T
	}
	if !r.lanes[e.Task] {
		r.lanes[e.Task] = true
		r.tr.Tasks = append(r.tr.Tasks, e.Task)
	}
	r.tr.Events = append(r.tr.Events, e)
	if r.watched {
		close(r.changed)
		r.changed = make(chan struct{})
		r.watched = false
	}
	return e
}

// Since returns the events whose Seq is from or later (a copy), a channel
// closed when the next event is recorded or the recorder is closed, and
// whether the recorder is closed, in which case no event will ever follow.
// A negative from counts as 0.
func (r *Recorder) Since(from int) (events []Event, changed <-chan struct{}, done bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	from = max(from, 0)
	if from < len(r.tr.Events) {
		events = slices.Clone(r.tr.Events[from:])
	}
	r.watched = true
	return events, r.changed, r.closed
}

// Snapshot returns a copy of everything recorded so far. The copy shares no
// memory with the recorder.
func (r *Recorder) Snapshot() Trace {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.snapshot()
}

func (r *Recorder) snapshot() Trace {
	t := r.tr
	t.Params = maps.Clone(r.tr.Params)
	t.Tasks = slices.Clone(r.tr.Tasks)
	t.Events = slices.Clone(r.tr.Events)
	return t
}

// Close ends the recording: the trace is marked Done, its Total becomes the
// time of the last event, readers waiting in Since are woken, and later
// Record calls are dropped. Close returns the final trace; calling it again
// returns the same trace.
func (r *Recorder) Close() Trace {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.closed {
		r.closed = true
		r.tr.Done = true
		if n := len(r.tr.Events); n > 0 {
			r.tr.Total = r.tr.Events[n-1].T
		}
		close(r.changed)
	}
	return r.snapshot()
}

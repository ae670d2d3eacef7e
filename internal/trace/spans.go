package trace

import (
	"sort"
	"time"
)

// State is what a task is doing during a Span.
type State string

const (
	StateRunning State = "running" // the task has the CPU (or the event loop's turn)
	StateWaiting State = "waiting" // the task is blocked; the Span's Reason says on what
)

// Span is a stretch of program time during which one task stayed in one
// state: running, or waiting for one reason.
type Span struct {
	Task   string
	State  State
	Reason Reason        // why the task waits; ReasonNone while running
	Text   string        // the Text of the event that opened the span, e.g. "sleep 1s"
	Start  time.Duration // program time the span began
	End    time.Duration // program time it ended (see Open)
	Seq    int           // Seq of the event that opened the span
	Open   bool          // the task had not left this state when the trace ends
}

// Spans cuts a trace into state spans, one task at a time, by following each
// task through its events:
//
//   - KindStart and KindResume: the task is running;
//   - KindWait: the task is waiting, for the event's Reason;
//   - KindReady: the task sits in the event loop's ready queue, waiting for
//     its turn (Reason is the event's, ReasonLoop if it has none);
//   - KindEnd: the task is gone, its last span ends;
//   - every other kind (print, cancel, timer, fire) is an instant and leaves
//     the state unchanged.
//
// A new span begins only when the state or the reason changes, so a wait that
// is recorded twice stays one span. Zero-length spans are kept: in an event
// loop many hand-overs happen at one instant, and their order (by Seq) is the
// point. Spans come in the order they began (by Seq).
//
// A span still open when the trace ends (the task never reached KindEnd)
// ends at t.Total if the trace is Done, otherwise at the time of its last
// event, and is marked Open; a live view may stretch it to the present.
func Spans(t Trace) []Span {
	end := t.Total
	if n := len(t.Events); !t.Done && n > 0 {
		end = t.Events[n-1].T
	}
	open := make(map[string]*Span) // the current span of each task
	var spans []Span
	closeSpan := func(task string, at time.Duration) {
		if s := open[task]; s != nil {
			s.End = at
			spans = append(spans, *s)
			delete(open, task)
		}
	}
	enter := func(e Event, state State, reason Reason) {
		if s := open[e.Task]; s != nil && s.State == state && s.Reason == reason {
			return
		}
		closeSpan(e.Task, e.T)
		open[e.Task] = &Span{Task: e.Task, State: state, Reason: reason, Text: e.Text, Start: e.T, Seq: e.Seq}
	}
	for _, e := range t.Events {
		switch e.Kind {
		case KindStart, KindResume:
			enter(e, StateRunning, ReasonNone)
		case KindWait:
			enter(e, StateWaiting, e.Reason)
		case KindReady:
			r := e.Reason
			if r == ReasonNone {
				r = ReasonLoop
			}
			enter(e, StateWaiting, r)
		case KindEnd:
			closeSpan(e.Task, e.T)
		}
	}
	for task, s := range open {
		s.Open = true
		closeSpan(task, max(end, s.Start))
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].Seq < spans[j].Seq })
	return spans
}

// Name is the span's display name: "running", or "wait " and the reason
// ("wait sleep", "wait queue").
func (s Span) Name() string {
	if s.State == StateWaiting {
		if s.Reason == ReasonNone {
			return "wait"
		}
		return "wait " + string(s.Reason)
	}
	return string(s.State)
}

// Package trace records what the tasks of a running example do, event by
// event, in the example's own time. It knows no terminal: the timeline
// package draws a Trace, the tui animates it, and Chrome-trace export turns it
// into a file Perfetto opens.
package trace

import (
	"encoding/json"
	"fmt"
	"time"
)

// Kind says what happened to a task.
type Kind string

const (
	KindStart  Kind = "start"  // the task exists and is running
	KindWait   Kind = "wait"   // the task stopped running; Reason says on what
	KindResume Kind = "resume" // the task runs again after a wait
	KindPrint  Kind = "print"  // the task printed Text (one output line)
	KindEnd    Kind = "end"    // the task returned; Text may carry its result
	KindCancel Kind = "cancel" // the task was cancelled (deadline or quit); Text says why

	// The event loop's own kinds. Task names the task the loop acts on.
	KindReady Kind = "ready" // the task was appended to the loop's ready queue
	KindTimer Kind = "timer" // a timer for the task was armed; Due is when it fires
	KindFire  Kind = "fire"  // the task's timer fired (it becomes ready next)
)

// Reason says what a waiting task waits for.
type Reason string

const (
	ReasonNone  Reason = ""
	ReasonSleep Reason = "sleep" // a timer: time.Sleep, asyncio.sleep
	ReasonChan  Reason = "chan"  // a channel send or receive
	ReasonQueue Reason = "queue" // a full or empty queue (a buffered channel used as one)
	ReasonSync  Reason = "sync"  // WaitGroup.Wait, errgroup.Wait, a join
	ReasonLock  Reason = "lock"  // a mutex or semaphore slot
	ReasonLoop  Reason = "loop"  // ready, waiting for the event loop to hand it the turn

	// ReasonFuture is the asyncio models' wait on something that completes
	// later: a task, a gather, an event. ReasonSync is awaiting a coroutine
	// directly, which runs it in the awaiting task.
	ReasonFuture Reason = "future"
)

// Model says what ran: the Go code with goroutines, the asyncio model of it
// on the loop engine, or the Python twin on CPython itself.
type Model string

const (
	ModelGoroutines Model = "goroutines" // real Go: goroutines, channels, the scheduler's choices
	ModelLoop       Model = "loop"       // the asyncio-model engine: one task runs at a time, virtual time
	ModelPython     Model = "python"     // CPython running the Python twin under the tracing shim
)

// Models lists every model in the order a player cycles through them.
var Models = []Model{ModelGoroutines, ModelLoop, ModelPython}

// ParseModel reads a model name as written on the command line or in a
// lesson.
func ParseModel(s string) (Model, error) {
	for _, m := range Models {
		if string(m) == s {
			return m, nil
		}
	}
	return "", fmt.Errorf("unknown model %q; use goroutines, loop or python", s)
}

// Title is the model as every screen names it: "goroutines", "asyncio
// loop model", "CPython". An empty model is an old trace: goroutines.
func (m Model) Title() string {
	switch m {
	case ModelLoop:
		return "asyncio loop model"
	case ModelPython:
		return "CPython"
	}
	return "goroutines"
}

// Scheduled reports whether one scheduler decides every order in the
// model: an event loop, modelled or real, hands out one turn at a time.
func (m Model) Scheduled() bool { return m == ModelLoop || m == ModelPython }

// Event is one thing that happened. T is program time since the run began, in
// the example's own seconds whatever the playback speed.
type Event struct {
	Seq    int
	T      time.Duration
	Task   string
	Kind   Kind
	Reason Reason
	Text   string
	Due    time.Duration // KindTimer only: program time the timer fires
}

// eventJSON is the public JSON shape of an Event: times in milliseconds.
type eventJSON struct {
	Seq    int     `json:"seq"`
	TMs    float64 `json:"t_ms"`
	Task   string  `json:"task"`
	Kind   Kind    `json:"kind"`
	Reason Reason  `json:"reason,omitempty"`
	Text   string  `json:"text,omitempty"`
	DueMs  float64 `json:"due_ms,omitempty"`
}

// Millis converts a duration to fractional milliseconds, the unit of every
// time in the JSON outputs.
func Millis(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// FromMillis is the inverse of Millis.
func FromMillis(ms float64) time.Duration { return time.Duration(ms * float64(time.Millisecond)) }

func (e Event) MarshalJSON() ([]byte, error) {
	j := eventJSON{Seq: e.Seq, TMs: Millis(e.T), Task: e.Task, Kind: e.Kind, Reason: e.Reason, Text: e.Text}
	if e.Kind == KindTimer {
		j.DueMs = Millis(e.Due)
	}
	return json.Marshal(j)
}

func (e *Event) UnmarshalJSON(b []byte) error {
	var j eventJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*e = Event{Seq: j.Seq, T: FromMillis(j.TMs), Task: j.Task, Kind: j.Kind, Reason: j.Reason, Text: j.Text, Due: FromMillis(j.DueMs)}
	return nil
}

// Trace is a whole run, or the part of it recorded so far.
type Trace struct {
	Example string            // registry name of the example
	Model   Model             // what ran; "" in traces written before models existed
	Speed   float64           // playback speed factor the run used
	Params  map[string]string // parameters the run used, as given
	Tasks   []string          // task names in the order they first appeared: one lane each
	Events  []Event           // in Seq order, which is also time order
	Total   time.Duration     // program time of the last event once Done
	Done    bool              // the run finished (or was cancelled) and Events is complete
}

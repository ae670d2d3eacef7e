package timeline

import (
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// state is what a lane shows over a stretch of time. The lane states double as
// their style ids.
type state uint8

const (
	sNone   state = iota // before the task starts, or after it ends
	sRun                 // running
	sSleep               // timer
	sChan                // channel or queue
	sSync                // WaitGroup, errgroup, join, lock
	sReady               // ready, waiting for the loop
	sWait                // waiting on something unnamed
	sDone                // returned (a mark, not a stretch)
	sCancel              // cancelled (a mark, not a stretch)
	nStates
)

func reasonState(r trace.Reason) state {
	switch r {
	case trace.ReasonSleep:
		return sSleep
	case trace.ReasonChan, trace.ReasonQueue:
		return sChan
	case trace.ReasonSync, trace.ReasonLock:
		return sSync
	case trace.ReasonLoop:
		return sReady
	}
	return sWait
}

// change is a lane entering state s at time t.
type change struct {
	t time.Duration
	s state
}

type lane struct {
	name  string // cleaned
	nameW int
	ch    []change // non-decreasing t

	cancelled bool // a cancel was seen: its end is drawn as cancelled too
}

// logLine is one line of the output panel: a print, or a cancellation.
type logLine struct {
	t      time.Duration
	task   string // cleaned
	taskW  int
	text   string // cleaned
	textW  int
	cancel bool
}

// loopEvent is an event the event-loop panel replays up to now.
type loopEvent struct {
	t, due time.Duration
	kind   trace.Kind
	lane   int
}

// traceKey tells whether a cached layout still describes a trace. A trace
// only grows while its run goes on, so its length and its ends say when it
// changed.
type traceKey struct {
	example             string
	nEvents, nTasks     int
	done                bool
	total               time.Duration
	first, last         trace.Event
	firstTask, lastTask string
}

func keyOf(t *trace.Trace) traceKey {
	k := traceKey{example: t.Example, nEvents: len(t.Events), nTasks: len(t.Tasks), done: t.Done, total: t.Total}
	if n := len(t.Events); n > 0 {
		k.first, k.last = t.Events[0], t.Events[n-1]
	}
	if n := len(t.Tasks); n > 0 {
		k.firstTask, k.lastTask = t.Tasks[0], t.Tasks[n-1]
	}
	return k
}

// layout is everything about a trace that does not depend on now or on the
// frame's size, computed once per trace version.
type layout struct {
	key      traceKey
	title    string // cleaned example name
	titleW   int
	lanes    []lane
	logs     []logLine
	loopEvs  []loopEvent // all events, when the trace is an event loop's
	loop     bool
	present  [nStates]bool
	maxNameW int
	last     time.Duration // time of the last event
	total    time.Duration // length of the run, when done
	done     bool
}

func buildLayout(t *trace.Trace, ascii bool) *layout {
	l := &layout{key: keyOf(t), done: t.Done}
	l.title = clean(t.Example, ascii)
	l.titleW = width(l.title)
	idx := make(map[string]int, len(t.Tasks))
	addLane := func(name string) int {
		i := len(l.lanes)
		idx[name] = i
		n := clean(name, ascii)
		nw := width(n)
		l.lanes = append(l.lanes, lane{name: n, nameW: nw})
		l.maxNameW = max(l.maxNameW, nw)
		return i
	}
	for _, name := range t.Tasks {
		if _, ok := idx[name]; !ok {
			addLane(name)
		}
	}
	for _, e := range t.Events {
		switch e.Kind {
		case trace.KindReady, trace.KindTimer, trace.KindFire:
			l.loop = true
		}
	}

	var prev time.Duration
	for _, e := range t.Events {
		// Times never go back, whatever the trace says.
		at := max(e.T, prev, 0)
		prev = at

		li, known := idx[e.Task]
		var s state
		switch e.Kind {
		case trace.KindStart, trace.KindResume:
			s = sRun
		case trace.KindWait:
			s = reasonState(e.Reason)
		case trace.KindEnd:
			s = sDone
			if known && l.lanes[li].cancelled {
				s = sCancel // the end of a cancelled task
			}
		case trace.KindCancel:
			s = sCancel
		case trace.KindReady:
			// In the loop's ready queue: waiting for its turn, as trace.Spans
			// has it. Timers and fires are instants; the task's own wait
			// says it sleeps.
			s = sReady
			if e.Reason != trace.ReasonNone {
				s = reasonState(e.Reason)
			}
		case trace.KindPrint:
			ll := logLine{t: at, text: clean(e.Text, ascii)}
			ll.textW = width(ll.text)
			if known {
				ll.task, ll.taskW = l.lanes[li].name, l.lanes[li].nameW
			} else {
				ll.task = clean(e.Task, ascii)
				ll.taskW = width(ll.task)
			}
			l.logs = append(l.logs, ll)
		}
		if s != sNone && !known && e.Task != "" {
			li, known = addLane(e.Task), true
		}
		if e.Kind == trace.KindCancel {
			why := "cancelled"
			if e.Text != "" {
				why += ": " + e.Text
			}
			ll := logLine{t: at, text: clean(why, ascii), cancel: true}
			if known {
				ll.task, ll.taskW = l.lanes[li].name, l.lanes[li].nameW
			}
			ll.textW = width(ll.text)
			l.logs = append(l.logs, ll)
		}
		if l.loop {
			lev := loopEvent{t: at, due: max(e.Due, 0), kind: e.Kind, lane: -1}
			if known {
				lev.lane = li
			}
			l.loopEvs = append(l.loopEvs, lev)
		}
		if s == sNone || !known {
			continue
		}
		l.present[s] = true
		ln := &l.lanes[li]
		ln.cancelled = ln.cancelled || s == sCancel
		if n := len(ln.ch); n > 0 {
			lc := &ln.ch[n-1]
			if lc.s == s && s != sRun && s != sDone && s != sCancel {
				continue // no change
			}
			if lc.t == at && lc.s != sRun && lc.s != sDone && lc.s != sCancel {
				// A wait that lasted no time draws nothing: replace it. A run
				// that lasted no time stays: it is drawn as a thin tick.
				lc.s = s
				continue
			}
		}
		ln.ch = append(ln.ch, change{t: at, s: s})
	}
	l.last = prev
	if t.Done {
		l.total = max(t.Total, l.last)
	}
	return l
}

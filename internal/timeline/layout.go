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
	sAwait               // the task awaited: its turn on the loop ended (a mark, scheduled models only)
	sSleep               // timer
	sChan                // channel or queue
	sSync                // WaitGroup, errgroup, join; a future or a coroutine in the asyncio models
	sLock                // a lock or semaphore, in the asyncio models (with goroutines: sSync)
	sReady               // ready, waiting for the loop
	sWait                // waiting on something unnamed
	sPrint               // printed a line (a mark, not a stretch)
	sDone                // returned (a mark, not a stretch)
	sCancel              // cancelled (a mark, not a stretch)
	nStates
)

// isMark tells the states drawn as one-cell marks rather than stretches.
func isMark(s state) bool { return s == sAwait || s == sPrint || s == sDone || s == sCancel }

// markRank orders marks that compete for one cell: an ending beats an
// await, which beats a print.
func markRank(s state) int {
	switch s {
	case sPrint:
		return 1
	case sAwait:
		return 2
	case sDone, sCancel:
		return 3
	}
	return 0
}

// reasonState is the lane state of a wait for r. The asyncio models (sched)
// tell a lock apart from a future; goroutines keep them together as sync.
func reasonState(r trace.Reason, sched bool) state {
	switch r {
	case trace.ReasonSleep:
		return sSleep
	case trace.ReasonChan, trace.ReasonQueue:
		return sChan
	case trace.ReasonSync, trace.ReasonFuture:
		return sSync
	case trace.ReasonLock:
		if sched {
			return sLock
		}
		return sSync
	case trace.ReasonLoop:
		return sReady
	}
	return sWait
}

// modelOf reads the trace's model; an old trace without one ran goroutines.
func modelOf(m trace.Model) trace.Model {
	if m == "" {
		return trace.ModelGoroutines
	}
	return m
}

// change is a lane entering state s at time t. In a scheduled model it also
// says where in the order of turns it happened: inst indexes the layout's
// instants, k is the number of turns that instant had begun before it.
type change struct {
	t    time.Duration
	s    state
	k    uint16 // saturates: past 65535 turns in one instant, they share a cell anyway
	inst int32
}

type lane struct {
	name  string // cleaned
	nameW int
	ch    []change // non-decreasing t: the stretches
	marks []change // prints, awaits, ends and cancels, in event order

	cancelled bool // a cancel was seen: its end is drawn as cancelled too
}

// instant is one program time of a scheduled trace and how many turns (a
// start or a resume) began at it.
type instant struct {
	t     time.Duration
	turns int32
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
	model               trace.Model
	nEvents, nTasks     int
	done                bool
	total               time.Duration
	first, last         trace.Event
	firstTask, lastTask string
}

func keyOf(t *trace.Trace) traceKey {
	k := traceKey{example: t.Example, model: t.Model, nEvents: len(t.Events), nTasks: len(t.Tasks), done: t.Done, total: t.Total}
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
	model    trace.Model // never ""
	sched    bool        // the model hands out one turn at a time: turns are staggered
	inst     []instant   // scheduled only: every distinct event time, in order
	present  [nStates]bool
	maxNameW int
	last     time.Duration // time of the last event
	total    time.Duration // length of the run, when done
	done     bool
}

func buildLayout(t *trace.Trace, ascii bool) *layout {
	l := &layout{key: keyOf(t), done: t.Done, model: modelOf(t.Model)}
	l.sched = l.model.Scheduled()
	l.loop = l.sched // an event loop ran, even if no task ever queued
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
	nMarks := 0
	for _, e := range t.Events {
		switch e.Kind {
		case trace.KindReady, trace.KindTimer, trace.KindFire:
			l.loop = true
		case trace.KindPrint, trace.KindEnd, trace.KindCancel:
			nMarks++
		case trace.KindWait:
			if l.sched {
				nMarks++ // an await, if a turn ends with it
			}
		}
	}
	// Marks are gathered in one slice, then dealt to their lanes.
	marks := make([]laneMark, 0, nMarks)

	var prev time.Duration
	for n, e := range t.Events {
		// Times never go back, whatever the trace says.
		at := max(e.T, prev, 0)
		prev = at

		// Where in the order of turns the event falls (scheduled models).
		var k uint16
		var inst int32
		if l.sched {
			if n == 0 || at != l.inst[len(l.inst)-1].t {
				l.inst = append(l.inst, instant{t: at})
			}
			inst = int32(len(l.inst) - 1)
			k = uint16(min(l.inst[inst].turns, 1<<16-1))
		}

		li, known := idx[e.Task]
		var s state
		switch e.Kind {
		case trace.KindStart, trace.KindResume:
			s = sRun
		case trace.KindWait:
			s = reasonState(e.Reason, l.sched)
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
				s = reasonState(e.Reason, l.sched)
			}
		case trace.KindPrint:
			ll := logLine{t: at, text: clean(e.Text, ascii)}
			ll.textW = width(ll.text)
			if known {
				ll.task, ll.taskW = l.lanes[li].name, l.lanes[li].nameW
				marks = append(marks, laneMark{li, change{t: at, s: sPrint, k: k, inst: inst}})
				l.present[sPrint] = true
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
		if s == sRun && l.sched {
			l.inst[inst].turns++
		}
		l.present[s] = true
		ln := &l.lanes[li]
		ln.cancelled = ln.cancelled || s == sCancel
		c := change{t: at, s: s, k: k, inst: inst}
		if s == sDone || s == sCancel {
			marks = append(marks, laneMark{li, c})
		}
		if nc := len(ln.ch); nc > 0 {
			lc := &ln.ch[nc-1]
			if l.sched && lc.s == sRun && s != sRun && !isMark(s) {
				// The turn ends in an await: mark it.
				marks = append(marks, laneMark{li, change{t: at, s: sAwait, k: k, inst: inst}})
				l.present[sAwait] = true
			}
			if lc.s == s && s != sRun && s != sDone && s != sCancel {
				continue // no change
			}
			if lc.t == at && lc.k == k && lc.s != sRun && lc.s != sDone && lc.s != sCancel {
				// A wait that lasted no time draws nothing: replace it. A run
				// that lasted no time stays: it is drawn as a thin tick, or
				// as one cell of its own in a scheduled model.
				lc.s = s
				continue
			}
		}
		ln.ch = append(ln.ch, c)
	}
	l.dealMarks(marks)
	l.last = prev
	if t.Done {
		l.total = max(t.Total, l.last)
	}
	return l
}

// laneMark is a mark and the lane it goes to.
type laneMark struct {
	lane int
	m    change
}

// dealMarks gives each lane its marks, in order, all in one backing array,
// and once each: several prints in one turn, or a cancel and the end that
// follows it, make one mark.
func (l *layout) dealMarks(marks []laneMark) {
	if len(marks) == 0 {
		return
	}
	start := make([]int, len(l.lanes)+1)
	for _, lm := range marks {
		start[lm.lane+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	all := make([]change, len(marks))
	for i := range l.lanes {
		l.lanes[i].marks = all[start[i]:start[i]:start[i+1]]
	}
	for _, lm := range marks {
		ln := &l.lanes[lm.lane]
		m := lm.m
		if n := len(ln.marks); n > 0 {
			p := ln.marks[n-1]
			if p.s == m.s && (m.s == sCancel || (p.t == m.t && p.k == m.k)) {
				continue
			}
		}
		ln.marks = append(ln.marks, m) // within the lane's share of all
	}
}

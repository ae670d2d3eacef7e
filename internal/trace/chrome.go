package trace

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"
)

// chromeEvent is one record of the Chrome trace event format, the JSON that
// chrome://tracing and Perfetto (ui.perfetto.dev) open.
type chromeEvent struct {
	Name  string         `json:"name"`
	Cat   string         `json:"cat,omitempty"`
	Ph    string         `json:"ph"`
	Ts    float64        `json:"ts"`
	Dur   *float64       `json:"dur,omitempty"`
	Pid   int            `json:"pid"`
	Tid   int            `json:"tid"`
	Scope string         `json:"s,omitempty"`
	Args  map[string]any `json:"args,omitempty"`
}

type chromeFile struct {
	TraceEvents     []chromeEvent  `json:"traceEvents"`
	DisplayTimeUnit string         `json:"displayTimeUnit"`
	OtherData       map[string]any `json:"otherData"`
}

// chromePid is the process the tracks of a one-run file belong to; a file
// of several runs numbers them from it.
const chromePid = 1

// micros converts program time to the format's unit, microseconds.
func micros(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }

// WriteChrome writes t in the Chrome trace event format: a JSON object whose
// traceEvents hold
//
//   - metadata ("M"): the process name, and one thread (tid 1, 2, ...) per
//     task, named after it and sorted in lane order;
//   - a complete slice ("X") per state span (see Spans), named "running" or
//     "wait <reason>" with the reason and the wait's text in args;
//   - an instant ("i", thread scope) per print (named by the printed line),
//     per cancel ("cancel: why"), per result a task ends with ("end: result"),
//     and per event-loop action ("ready", "timer", "fire").
//
// Times are program times in microseconds. otherData carries the example,
// speed, parameters and total, so the file says how it was made.
func WriteChrome(w io.Writer, t Trace) error {
	return writeChrome(w, chromeEvents(nil, t, chromePid), runData(t))
}

// WriteChromeRuns writes several runs into one file, each as its own process
// (pid 1, 2, ... in the order given), so that Perfetto shows a compared pair
// one above the other on one time axis. otherData.runs describes each run as
// WriteChrome's otherData does.
func WriteChromeRuns(w io.Writer, ts []Trace) error {
	if len(ts) == 1 {
		return WriteChrome(w, ts[0])
	}
	var evs []chromeEvent
	runs := make([]map[string]any, len(ts))
	for i, t := range ts {
		evs = chromeEvents(evs, t, chromePid+i)
		runs[i] = runData(t)
	}
	return writeChrome(w, evs, map[string]any{"runs": runs})
}

// chromeEvents appends the events of run t, as process pid, to evs.
func chromeEvents(evs []chromeEvent, t Trace, pid int) []chromeEvent {
	tid := make(map[string]int, len(t.Tasks))
	for i, task := range t.Tasks {
		tid[task] = i + 1
	}
	// A hand-made trace may name a task that Tasks lacks: give it a track too.
	tasks := append([]string(nil), t.Tasks...)
	for _, e := range t.Events {
		if _, ok := tid[e.Task]; !ok {
			tasks = append(tasks, e.Task)
			tid[e.Task] = len(tasks)
		}
	}

	evs = slices.Grow(evs, 2*len(tasks)+2*len(t.Events)+1)
	evs = append(evs, chromeEvent{
		Name: "process_name", Ph: "M", Pid: pid,
		Args: map[string]any{"name": processName(t)},
	})
	for i, task := range tasks {
		evs = append(evs,
			chromeEvent{Name: "thread_name", Ph: "M", Pid: pid, Tid: i + 1, Args: map[string]any{"name": task}},
			chromeEvent{Name: "thread_sort_index", Ph: "M", Pid: pid, Tid: i + 1, Args: map[string]any{"sort_index": i + 1}},
		)
	}

	// Slices and instants are merged by Seq so the file reads in time order.
	spans := Spans(t)
	si := 0
	flushSpansUpTo := func(seq int) {
		for ; si < len(spans) && spans[si].Seq <= seq; si++ {
			s := spans[si]
			dur := micros(s.End - s.Start)
			args := map[string]any{}
			if s.Reason != ReasonNone {
				args["reason"] = string(s.Reason)
			}
			if s.Text != "" {
				args["text"] = s.Text
			}
			if s.Open {
				args["open"] = true
			}
			evs = append(evs, chromeEvent{
				Name: s.Name(), Cat: "state", Ph: "X", Ts: micros(s.Start), Dur: &dur,
				Pid: pid, Tid: tid[s.Task], Args: args,
			})
		}
	}
	for _, e := range t.Events {
		flushSpansUpTo(e.Seq)
		name, cat := "", ""
		args := map[string]any{"seq": e.Seq}
		switch e.Kind {
		case KindPrint:
			name, cat = e.Text, "print"
		case KindCancel:
			name, cat = "cancel: "+e.Text, "cancel"
		case KindEnd:
			if e.Text == "" {
				continue
			}
			name, cat = "end: "+e.Text, "end"
		case KindReady, KindFire:
			name, cat = string(e.Kind), "loop"
		case KindTimer:
			name, cat = fmt.Sprintf("timer (due %v)", e.Due), "loop"
			args["due_us"] = micros(e.Due)
		default:
			continue
		}
		if e.Text != "" {
			args["text"] = e.Text
		}
		evs = append(evs, chromeEvent{
			Name: name, Cat: cat, Ph: "i", Scope: "t", Ts: micros(e.T),
			Pid: pid, Tid: tid[e.Task], Args: args,
		})
	}
	flushSpansUpTo(int(^uint(0) >> 1))
	return evs
}

// processName names a run's process in Perfetto: the example and the
// model, so two models of one example compared side by side tell apart.
func processName(t Trace) string {
	return "asyncio-tutor: " + t.Example + " (" + string(modelOf(t)) + ")"
}

// modelOf is t's model; a trace written before models existed ran as
// goroutines.
func modelOf(t Trace) Model {
	if t.Model == "" {
		return ModelGoroutines
	}
	return t.Model
}

// runData says how run t was made: otherData of a one-run file.
func runData(t Trace) map[string]any {
	params := map[string]string{}
	for k, v := range t.Params {
		params[k] = v
	}
	return map[string]any{
		"example":  t.Example,
		"model":    string(modelOf(t)),
		"speed":    t.Speed,
		"params":   params,
		"total_us": micros(t.Total),
		"done":     t.Done,
	}
}

func writeChrome(w io.Writer, evs []chromeEvent, other map[string]any) error {
	file := chromeFile{TraceEvents: evs, DisplayTimeUnit: "ms", OtherData: other}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	return enc.Encode(file)
}

package trace

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// parsed mirrors what a trace viewer reads from the file.
type parsedEvent struct {
	Name  string         `json:"name"`
	Cat   string         `json:"cat"`
	Ph    string         `json:"ph"`
	Ts    *float64       `json:"ts"`
	Dur   *float64       `json:"dur"`
	Pid   *int           `json:"pid"`
	Tid   *int           `json:"tid"`
	Scope string         `json:"s"`
	Args  map[string]any `json:"args"`
}

type parsedFile struct {
	TraceEvents     []parsedEvent  `json:"traceEvents"`
	DisplayTimeUnit string         `json:"displayTimeUnit"`
	OtherData       map[string]any `json:"otherData"`
}

func TestWriteChrome(t *testing.T) {
	tr := mkTrace(true,
		ev(0, "main", KindStart, ReasonNone, ""),
		ev(0, "main", KindWait, ReasonSync, "wait"),
		ev(0, "worker", KindStart, ReasonNone, ""),
		ev(0, "worker", KindWait, ReasonSleep, "sleep 1.5s"),
		ev(1500*time.Millisecond, "worker", KindResume, ReasonNone, ""),
		ev(1500*time.Millisecond, "worker", KindPrint, ReasonNone, "hello \"there\""),
		ev(1500*time.Millisecond, "worker", KindEnd, ReasonNone, "42"),
		ev(1500*time.Millisecond, "main", KindResume, ReasonNone, ""),
		ev(2*time.Second, "main", KindCancel, ReasonNone, "context deadline exceeded"),
		ev(2*time.Second, "main", KindEnd, ReasonNone, ""),
	)
	tr.Params = map[string]string{"delay": "1.5s"}
	var buf bytes.Buffer
	require.NoError(t, WriteChrome(&buf, tr))

	var f parsedFile
	dec := json.NewDecoder(&buf)
	dec.DisallowUnknownFields()
	require.NoError(t, dec.Decode(&f))
	assert.Equal(t, "ms", f.DisplayTimeUnit)
	assert.Equal(t, "demo", f.OtherData["example"])
	assert.Equal(t, 2e6, f.OtherData["total_us"])
	assert.Equal(t, map[string]any{"delay": "1.5s"}, f.OtherData["params"])

	threads := map[int]string{}
	var slices, instants []parsedEvent
	for _, e := range f.TraceEvents {
		require.NotNil(t, e.Pid, "%+v", e)
		require.NotNil(t, e.Ts, "every event has ts: %+v", e)
		switch e.Ph {
		case "M":
			if e.Name == "thread_name" {
				require.NotNil(t, e.Tid)
				threads[*e.Tid] = e.Args["name"].(string)
			}
		case "X":
			require.NotNil(t, e.Dur, "complete slices need dur: %+v", e)
			slices = append(slices, e)
		case "i":
			assert.Equal(t, "t", e.Scope)
			instants = append(instants, e)
		default:
			t.Fatalf("unexpected phase %q", e.Ph)
		}
	}
	assert.Equal(t, map[int]string{1: "main", 2: "worker"}, threads)

	type slice struct {
		task, name string
		ts, dur    float64
	}
	var gotSlices []slice
	for _, s := range slices {
		gotSlices = append(gotSlices, slice{threads[*s.Tid], s.Name, *s.Ts, *s.Dur})
	}
	assert.Equal(t, []slice{
		{"main", "running", 0, 0},
		{"main", "wait sync", 0, 1.5e6},
		{"worker", "running", 0, 0},
		{"worker", "wait sleep", 0, 1.5e6},
		{"worker", "running", 1.5e6, 0},
		{"main", "running", 1.5e6, 0.5e6},
	}, gotSlices)
	assert.Equal(t, "sleep", slices[3].Args["reason"])
	assert.Equal(t, "sleep 1.5s", slices[3].Args["text"])

	var gotInstants []slice
	for _, s := range instants {
		gotInstants = append(gotInstants, slice{threads[*s.Tid], s.Name, *s.Ts, 0})
	}
	assert.Equal(t, []slice{
		{"worker", `hello "there"`, 1.5e6, 0},
		{"worker", "end: 42", 1.5e6, 0},
		{"main", "cancel: context deadline exceeded", 2e6, 0},
	}, gotInstants)
}

func TestWriteChromeLoopEventsAndStrayTasks(t *testing.T) {
	tr := mkTrace(false,
		ev(0, "loop", KindStart, ReasonNone, ""),
		ev(0, "say1", KindReady, ReasonLoop, ""),
	)
	tr.Events = append(tr.Events,
		Event{Seq: 2, T: 0, Task: "say1", Kind: KindTimer, Due: time.Second},
		Event{Seq: 3, T: time.Second, Task: "ghost", Kind: KindFire},
	)
	var buf bytes.Buffer
	require.NoError(t, WriteChrome(&buf, tr))
	var f parsedFile
	require.NoError(t, json.Unmarshal(buf.Bytes(), &f))
	names := map[string]bool{}
	threads := map[string]bool{}
	for _, e := range f.TraceEvents {
		names[e.Name] = true
		if e.Name == "thread_name" {
			threads[e.Args["name"].(string)] = true
		}
		if e.Name == "timer (due 1s)" {
			assert.Equal(t, 1e6, e.Args["due_us"])
		}
	}
	assert.True(t, names["ready"])
	assert.True(t, names["timer (due 1s)"])
	assert.True(t, names["fire"])
	assert.Equal(t, map[string]bool{"loop": true, "say1": true, "ghost": true}, threads, "a task missing from Tasks still gets a track")
	assert.Equal(t, false, f.OtherData["done"])
}

func TestWriteChromeEmpty(t *testing.T) {
	var buf bytes.Buffer
	require.NoError(t, WriteChrome(&buf, Trace{}))
	var f parsedFile
	require.NoError(t, json.Unmarshal(buf.Bytes(), &f))
	assert.Len(t, f.TraceEvents, 1) // the process name
}

func TestWriteChromeRunsPutsEachRunInItsOwnProcess(t *testing.T) {
	a := Trace{Example: "sequential", Tasks: []string{"main"}, Done: true, Total: 2 * time.Second,
		Events: []Event{{Seq: 0, Task: "main", Kind: KindStart}, {Seq: 1, T: 2 * time.Second, Task: "main", Kind: KindEnd}}}
	b := Trace{Example: "waitgroup", Tasks: []string{"main"}, Done: true, Total: time.Second,
		Events: []Event{{Seq: 0, Task: "main", Kind: KindStart}, {Seq: 1, T: time.Second, Task: "main", Kind: KindEnd}}}
	var buf bytes.Buffer
	require.NoError(t, WriteChromeRuns(&buf, []Trace{a, b}))
	var f struct {
		TraceEvents []chromeEvent  `json:"traceEvents"`
		OtherData   map[string]any `json:"otherData"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &f))
	names := map[int]string{}
	for _, e := range f.TraceEvents {
		if e.Name == "process_name" {
			names[e.Pid] = e.Args["name"].(string)
		}
	}
	assert.Equal(t, map[int]string{1: "asyncio-tutor: sequential (goroutines)", 2: "asyncio-tutor: waitgroup (goroutines)"}, names)
	runs := f.OtherData["runs"].([]any)
	require.Len(t, runs, 2)
	assert.Equal(t, "waitgroup", runs[1].(map[string]any)["example"])

	var one, single bytes.Buffer
	require.NoError(t, WriteChromeRuns(&one, []Trace{a}))
	require.NoError(t, WriteChrome(&single, a))
	assert.Equal(t, single.String(), one.String(), "one run writes the one-run file")
}

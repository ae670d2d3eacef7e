package trace

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

const sec = time.Second

// ev builds an event; Seq is filled by mkTrace.
func ev(t time.Duration, task string, k Kind, r Reason, text string) Event {
	return Event{T: t, Task: task, Kind: k, Reason: r, Text: text}
}

func mkTrace(done bool, evs ...Event) Trace {
	tr := Trace{Example: "demo", Speed: 1, Done: done}
	seen := map[string]bool{}
	for i := range evs {
		evs[i].Seq = i
		if !seen[evs[i].Task] {
			seen[evs[i].Task] = true
			tr.Tasks = append(tr.Tasks, evs[i].Task)
		}
	}
	tr.Events = evs
	if done && len(evs) > 0 {
		tr.Total = evs[len(evs)-1].T
	}
	return tr
}

func TestSpansFollowEachTask(t *testing.T) {
	tr := mkTrace(true,
		ev(0, "main", KindStart, ReasonNone, ""),
		ev(0, "main", KindPrint, ReasonNone, "start"),
		ev(0, "main", KindWait, ReasonSync, "wg.Wait()"),
		ev(0, "a", KindStart, ReasonNone, ""),
		ev(0, "a", KindWait, ReasonSleep, "sleep 1s"),
		ev(sec, "a", KindResume, ReasonNone, ""),
		ev(sec, "a", KindPrint, ReasonNone, "hi"),
		ev(sec, "a", KindEnd, ReasonNone, ""),
		ev(sec, "main", KindResume, ReasonNone, ""),
		ev(sec, "main", KindEnd, ReasonNone, ""),
	)
	got := Spans(tr)
	want := []Span{
		{Task: "main", State: StateRunning, Start: 0, End: 0, Seq: 0},
		{Task: "main", State: StateWaiting, Reason: ReasonSync, Text: "wg.Wait()", Start: 0, End: sec, Seq: 2},
		{Task: "a", State: StateRunning, Start: 0, End: 0, Seq: 3},
		{Task: "a", State: StateWaiting, Reason: ReasonSleep, Text: "sleep 1s", Start: 0, End: sec, Seq: 4},
		{Task: "a", State: StateRunning, Start: sec, End: sec, Seq: 5},
		{Task: "main", State: StateRunning, Start: sec, End: sec, Seq: 8},
	}
	assert.Equal(t, want, got)
	assert.Equal(t, "wait sync", got[1].Name())
	assert.Equal(t, "running", got[0].Name())
}

func TestSpansLoopKindsAndMerging(t *testing.T) {
	tr := mkTrace(true,
		ev(0, "say1", KindReady, ReasonLoop, ""),
		ev(0, "say1", KindStart, ReasonLoop, ""),
		ev(0, "say1", KindWait, ReasonSleep, "sleep 1s"),
		ev(0, "say1", KindTimer, ReasonNone, ""),
		ev(sec, "say1", KindFire, ReasonNone, ""),
		ev(sec, "say1", KindReady, ReasonNone, ""),     // no reason: means the loop
		ev(sec, "say1", KindWait, ReasonLoop, "again"), // same state: merged
		ev(2*sec, "say1", KindResume, ReasonLoop, ""),
		ev(2*sec, "say1", KindCancel, ReasonNone, "quit"),
		ev(2*sec, "say1", KindEnd, ReasonNone, ""),
	)
	got := Spans(tr)
	assert.Equal(t, []Span{
		{Task: "say1", State: StateWaiting, Reason: ReasonLoop, Start: 0, End: 0, Seq: 0},
		{Task: "say1", State: StateRunning, Start: 0, End: 0, Seq: 1},
		{Task: "say1", State: StateWaiting, Reason: ReasonSleep, Text: "sleep 1s", Start: 0, End: sec, Seq: 2},
		{Task: "say1", State: StateWaiting, Reason: ReasonLoop, Start: sec, End: 2 * sec, Seq: 5},
		{Task: "say1", State: StateRunning, Start: 2 * sec, End: 2 * sec, Seq: 7},
	}, got)
}

func TestSpansOpenAtTheEnd(t *testing.T) {
	evs := []Event{
		ev(0, "a", KindStart, ReasonNone, ""),
		ev(0, "a", KindWait, ReasonQueue, "queue full"),
		ev(sec, "b", KindStart, ReasonNone, ""),
		ev(3*sec/2, "b", KindPrint, ReasonNone, "x"),
	}
	live := Spans(mkTrace(false, evs...))
	assert.Equal(t, []Span{
		{Task: "a", State: StateRunning, Start: 0, End: 0, Seq: 0},
		{Task: "a", State: StateWaiting, Reason: ReasonQueue, Text: "queue full", Start: 0, End: 3 * sec / 2, Seq: 1, Open: true},
		{Task: "b", State: StateRunning, Start: sec, End: 3 * sec / 2, Seq: 2, Open: true},
	}, live)

	done := mkTrace(true, evs...)
	done.Total = 2 * sec
	spans := Spans(done)
	assert.Equal(t, 2*sec, spans[1].End)
	assert.Equal(t, 2*sec, spans[2].End)

	assert.Empty(t, Spans(Trace{}))
}

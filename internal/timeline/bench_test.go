package timeline

import (
	"strconv"
	"testing"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// benchTrace is ten workers taking jobs from a queue, sleeping on each and
// printing the result: 200 events over 3 s.
func benchTrace() trace.Trace {
	tr := trace.Trace{Example: "workers", Done: true}
	var evs []trace.Event
	add := func(t time.Duration, task string, k trace.Kind, r trace.Reason, text string) {
		evs = append(evs, trace.Event{T: t, Task: task, Kind: k, Reason: r, Text: text})
	}
	for w := range 10 {
		name := "worker-" + strconv.Itoa(w)
		tr.Tasks = append(tr.Tasks, name)
		t := time.Duration(w) * 10 * time.Millisecond
		add(t, name, trace.KindStart, "", "")
		for j := range 4 {
			add(t, name, trace.KindWait, trace.ReasonQueue, "")
			t += time.Duration(50+w*7+j*11) * time.Millisecond
			add(t, name, trace.KindResume, "", "")
			add(t, name, trace.KindWait, trace.ReasonSleep, "")
			t += time.Duration(300+w*13) * time.Millisecond
			add(t, name, trace.KindResume, "", "")
			if j == 1 {
				add(t, name, trace.KindPrint, "", "half way: "+name)
			}
		}
		add(t, name, trace.KindPrint, "", "job done by "+name)
		add(t, name, trace.KindEnd, "", "")
	}
	// Time order, as a recorder would deliver them.
	for i := 1; i < len(evs); i++ {
		for j := i; j > 0 && evs[j].T < evs[j-1].T; j-- {
			evs[j], evs[j-1] = evs[j-1], evs[j]
		}
	}
	for i := range evs {
		evs[i].Seq = i
	}
	tr.Events = evs
	tr.Total = evs[len(evs)-1].T
	return tr
}

func TestBenchTraceShape(t *testing.T) {
	tr := benchTrace()
	if len(tr.Events) != 200 || len(tr.Tasks) != 10 {
		t.Fatalf("%d events, %d tasks", len(tr.Events), len(tr.Tasks))
	}
	checkFrame(t, Render(tr, tr.Total/2, 120, 40, DefaultStyles(true)), 120, 40)
}

// A frame of a replay: the trace is unchanged, now moves.
func BenchmarkFrame(b *testing.B) {
	tr := benchTrace()
	r := NewRenderer(Options{Styles: DefaultStyles(true)})
	now := tr.Total / 2
	b.ReportAllocs()
	for b.Loop() {
		_ = r.Render(tr, now, 120, 40)
	}
}

func BenchmarkFramePlain(b *testing.B) {
	tr := benchTrace()
	r := NewRenderer(Options{Styles: PlainStyles()})
	now := tr.Total / 2
	b.ReportAllocs()
	for b.Loop() {
		_ = r.Render(tr, now, 120, 40)
	}
}

// A frame of a live run: the trace grew since the last frame.
func BenchmarkFrameLive(b *testing.B) {
	tr := benchTrace()
	r := NewRenderer(Options{Styles: DefaultStyles(true), Expect: 4 * time.Second})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		n := 100 + i%100
		i++
		live := tr
		live.Events, live.Done, live.Total = tr.Events[:n], false, 0
		_ = r.Render(live, tr.Events[n-1].T, 120, 40)
	}
}

// One frame with the stateless Render: styles compiled and trace derived
// each call.
func BenchmarkRenderOneShot(b *testing.B) {
	tr := benchTrace()
	st := DefaultStyles(true)
	b.ReportAllocs()
	for b.Loop() {
		_ = Render(tr, tr.Total/2, 120, 40, st)
	}
}

func BenchmarkCompare(b *testing.B) {
	tr := benchTrace()
	r := NewRenderer(Options{Styles: DefaultStyles(true)})
	b.ReportAllocs()
	for b.Loop() {
		_ = r.Compare(tr, tr, tr.Total/2, 120, 40)
	}
}

package timeline

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

var fuzzKinds = []trace.Kind{
	trace.KindStart, trace.KindWait, trace.KindResume, trace.KindPrint, trace.KindEnd,
	trace.KindCancel, trace.KindReady, trace.KindTimer, trace.KindFire, "bogus",
}

var fuzzReasons = []trace.Reason{
	trace.ReasonNone, trace.ReasonSleep, trace.ReasonChan, trace.ReasonQueue,
	trace.ReasonSync, trace.ReasonLock, trace.ReasonLoop, trace.ReasonFuture, "bogus",
}

// fuzzTrace turns bytes into a trace: names split on '|', then four bytes an
// event (task, kind, reason, time step in 10 ms, possibly backwards).
func fuzzTrace(names, text string, data []byte, done bool) trace.Trace {
	// The model cycles with the length of data: old traces, each model,
	// and one no model knows.
	models := [...]trace.Model{"", trace.ModelGoroutines, trace.ModelLoop, trace.ModelPython, "bogus"}
	tr := trace.Trace{Example: text, Done: done, Model: models[len(data)%len(models)]}
	tasks := strings.Split(names, "|")
	tr.Tasks = tasks
	var t time.Duration
	for i := 0; i+3 < len(data) && len(tr.Events) < 2000; i += 4 {
		switch data[i+3] {
		case 0x7f: // a jump to the far end of time
			t = math.MaxInt64 - time.Duration(data[i])
		case 0x80:
			t = math.MinInt64 + time.Duration(data[i])
		default:
			t += time.Duration(int8(data[i+3])) * 10 * time.Millisecond
		}
		e := trace.Event{
			Seq:    len(tr.Events),
			T:      t,
			Task:   tasks[int(data[i])%len(tasks)],
			Kind:   fuzzKinds[int(data[i+1])%len(fuzzKinds)],
			Reason: fuzzReasons[int(data[i+2])%len(fuzzReasons)],
			Text:   text,
			Due:    t + time.Duration(data[i+2])*10*time.Millisecond,
		}
		if data[i]&0x80 != 0 {
			e.Task = text // a task not in Tasks
		}
		tr.Events = append(tr.Events, e)
	}
	if done {
		tr.Total = t
	}
	return tr
}

func FuzzRender(f *testing.F) {
	f.Add("main|say1|say2", "Hello 1!", []byte{0, 0, 0, 0, 1, 1, 1, 0, 1, 7, 1, 50, 1, 8, 0, 0, 1, 3, 0, 0, 1, 4, 0, 0}, uint16(80), uint16(20), int32(1000), true, false)
	f.Add("a|\x1b[31mb|任务", "\x1b]52;c;aGk=\a\u009b\xff", []byte{2, 5, 0, 255, 1, 6, 6, 3, 130, 2, 3, 9}, uint16(33), uint16(9), int32(-5), false, true)
	f.Add("", "", []byte{}, uint16(1), uint16(1), int32(0), false, false)
	f.Fuzz(func(t *testing.T, names, text string, data []byte, w, h uint16, nowMs int32, done, ascii bool) {
		w, h = w%400, h%120
		tr := fuzzTrace(names, text, data, done)
		now := time.Duration(nowMs) * time.Millisecond
		r := NewRenderer(Options{Styles: DefaultStyles(true), ASCII: ascii, Expect: time.Duration(h) * 100 * time.Millisecond})
		for _, f := range []string{
			r.Render(tr, now, int(w), int(h)),
			r.Compare(tr, fuzzTrace(text, names, data, !done), now, int(w), int(h)),
			r.Compare(tr, fuzzTrace(names, text, append(data, 0), done), now, int(w), int(h)),
		} {
			checkFrame(t, f, int(w), int(h))
			assertOnlySGR(t, f)
			if ascii {
				assertASCII(t, sgrRE.ReplaceAllString(f, ""))
			}
		}
	})
}

package learn

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

const sec = time.Second

func ev(t time.Duration, task string, kind trace.Kind, reason trace.Reason, text string) trace.Event {
	return trace.Event{T: t, Task: task, Kind: kind, Reason: reason, Text: text}
}

func TestNarrateSleep(t *testing.T) {
	evs := []trace.Event{
		ev(0, "say1", trace.KindStart, "", ""),
		ev(0, "say1", trace.KindWait, trace.ReasonSleep, "sleep 1s"),
		ev(1*sec, "say1", trace.KindResume, "", ""),
		ev(1*sec, "say1", trace.KindPrint, "", "hello from say1"),
		ev(1*sec, "say1", trace.KindEnd, "", ""),
	}
	for k, want := range []string{
		"say1 starts",
		"say1 waits for a timer: sleep 1s",
		"say1 wakes from its 1 s sleep",
		`say1 prints "hello from say1"`,
		"say1 finishes",
	} {
		assert.Equal(t, want, Narrate(evs, k), "event %d", k)
	}
}

func TestNarrateOutOfRange(t *testing.T) {
	evs := []trace.Event{ev(0, "main", trace.KindStart, "", "")}
	for _, k := range []int{-1, 1, 2, 100} {
		assert.Empty(t, Narrate(evs, k), "k %d", k)
	}
	assert.Empty(t, Narrate(nil, 0))
}

func TestNarrateResumeWithoutItsWait(t *testing.T) {
	// The previous event of the task is not a wait: no context to give.
	evs := []trace.Event{
		ev(0, "main", trace.KindStart, "", ""),
		ev(0, "say1", trace.KindWait, trace.ReasonSleep, "sleep 1s"), // another task's wait
		ev(1*sec, "main", trace.KindResume, "", ""),
		ev(1*sec, "main", trace.KindPrint, "", "x"),
		ev(2*sec, "main", trace.KindResume, trace.ReasonLoop, ""),
		ev(3*sec, "nobody", trace.KindResume, "", ""), // no earlier event at all
	}
	assert.Equal(t, "main resumes", Narrate(evs, 2))
	assert.Equal(t, "main resumes, given the turn by the loop", Narrate(evs, 4))
	assert.Equal(t, "nobody resumes", Narrate(evs, 5))
}

func TestNarrateWaitsAndResumes(t *testing.T) {
	evs := []trace.Event{
		ev(0, "consumer", trace.KindWait, trace.ReasonQueue, "queue empty"),
		ev(500*time.Millisecond, "consumer", trace.KindResume, "", ""),
		ev(500*time.Millisecond, "producer", trace.KindWait, trace.ReasonQueue, ""),
		ev(1250*time.Millisecond, "producer", trace.KindResume, "", ""),
		ev(0, "main", trace.KindWait, trace.ReasonSync, "gather()"),
		ev(2*sec, "main", trace.KindResume, "", ""),
		ev(0, "w", trace.KindWait, trace.ReasonLock, "waiting for a slot"),
		ev(sec, "w", trace.KindResume, "", ""),
		ev(0, "c", trace.KindWait, trace.ReasonChan, ""),
		ev(sec, "c", trace.KindResume, "", ""),
		ev(0, "r", trace.KindWait, trace.ReasonLoop, ""),
		ev(0, "r", trace.KindResume, trace.ReasonLoop, ""),
		ev(0, "o", trace.KindWait, "", ""),
		ev(sec, "o", trace.KindResume, "", ""),
	}
	for k, want := range []string{
		"consumer waits on the queue: queue empty",
		"consumer goes on: the queue is no longer empty (waited 0.5 s)",
		"producer waits on the queue",
		"producer goes on after 0.75 s waiting on the queue",
		"main waits for other work to finish: gather()",
		"main goes on: the work it waited 2 s for is done",
		"w waits for a free slot: waiting for a slot",
		"w gets a free slot after 1 s",
		"c waits on a channel",
		"c goes on after 1 s waiting on a channel",
		"r waits for the loop to give it the turn",
		"r is given the turn by the loop after 0 s",
		"o waits",
		"o resumes after 1 s",
	} {
		assert.Equal(t, want, Narrate(evs, k), "event %d", k)
	}
}

// In the eventloop example the loop records the timer, its firing and the
// ready queue between a task's sleep and its resume; the resume still ends
// the sleep.
func TestNarrateEventLoopSleep(t *testing.T) {
	evs := []trace.Event{
		ev(0, "say1", trace.KindStart, trace.ReasonLoop, ""),
		ev(0, "say1", trace.KindWait, trace.ReasonSleep, "sleep 1s"),
		{T: 0, Task: "say1", Kind: trace.KindTimer, Text: "sleep 1s", Due: sec},
		ev(0, "loop", trace.KindWait, trace.ReasonSleep, "until the timer due at 1s"),
		ev(sec, "loop", trace.KindResume, "", ""),
		ev(sec, "say1", trace.KindFire, "", ""),
		ev(sec, "say1", trace.KindReady, trace.ReasonLoop, ""),
		ev(sec, "say1", trace.KindResume, trace.ReasonLoop, ""),
	}
	for k, want := range []string{
		"say1 starts, given the turn by the loop",
		"say1 waits for a timer: sleep 1s",
		"say1 gets a timer due at 1 s (sleep 1s)",
		"loop waits for a timer: until the timer due at 1s",
		"loop wakes from its 1 s sleep",
		"say1 has its timer fire",
		"say1 joins the loop's ready queue",
		"say1 wakes from its 1 s sleep, given the turn by the loop",
	} {
		assert.Equal(t, want, Narrate(evs, k), "event %d", k)
	}
}

func TestSentenceKinds(t *testing.T) {
	for _, tc := range []struct {
		e    trace.Event
		want string
	}{
		{trace.Event{Kind: trace.KindStart}, "starts"},
		{trace.Event{Kind: trace.KindResume}, "resumes"},
		{trace.Event{Kind: trace.KindEnd}, "finishes"},
		{trace.Event{Kind: trace.KindEnd, Text: "result1"}, `finishes and returns "result1"`},
		{trace.Event{Kind: trace.KindCancel}, "is cancelled"},
		{trace.Event{Kind: trace.KindCancel, Text: "context deadline exceeded"}, "is cancelled: context deadline exceeded"},
		{trace.Event{Kind: trace.KindReady}, "joins the loop's ready queue"},
		{trace.Event{Kind: trace.KindTimer, Due: 1500 * time.Millisecond}, "gets a timer due at 1.5 s"},
		{trace.Event{Kind: trace.KindFire}, "has its timer fire"},
		{trace.Event{Kind: trace.KindPrint}, `prints ""`},
		{trace.Event{Kind: "odd", Text: "x"}, "odd: x"},
		{trace.Event{Kind: trace.KindResume, T: 2 * sec, Reason: trace.ReasonLoop}, "resumes, given the turn by the loop"},
	} {
		assert.Equal(t, tc.want, Sentence(tc.e, nil))
	}
	w := trace.Event{T: sec, Kind: trace.KindWait, Reason: trace.ReasonSleep}
	assert.Equal(t, "wakes from its 0.25 s sleep", Sentence(trace.Event{T: 1250 * time.Millisecond, Kind: trace.KindResume}, &w))
}

func TestNarrateIsOneCleanLine(t *testing.T) {
	dirty := "a\x1b[31mb\x1b]52;c;eA==\x07c\nd\te\rf\x00g\u009bh"
	evs := []trace.Event{
		ev(0, "t"+dirty, trace.KindStart, "", ""),
		ev(0, "t"+dirty, trace.KindWait, trace.ReasonQueue, "queue "+dirty),
		ev(sec, "t"+dirty, trace.KindResume, "", ""),
		ev(sec, "t"+dirty, trace.KindPrint, "", dirty),
		ev(sec, "t"+dirty, trace.KindEnd, "", dirty),
		ev(sec, "t"+dirty, trace.KindCancel, "", dirty),
		{T: sec, Task: "t" + dirty, Kind: trace.KindTimer, Text: dirty},
		ev(sec, "t"+dirty, trace.Kind("odd"+dirty), "", dirty),
	}
	for k := range evs {
		got := Narrate(evs, k)
		assert.NotEmpty(t, got)
		assert.False(t, strings.ContainsAny(got, "\x1b\n\r\t\x00\x07\u009b"), "event %d: %q", k, got)
		assert.NotContains(t, got, "[31m", "event %d: %q", k, got)
		assert.NotContains(t, got, "52;c", "event %d: %q", k, got)
		for _, r := range got {
			assert.True(t, r >= ' ' && r != 0x7f && (r < 0x80 || r >= 0xa0), "event %d: control %U in %q", k, r, got)
		}
	}
	assert.True(t, strings.HasPrefix(Narrate(evs, 2), "tabc d e"), Narrate(evs, 2))
	assert.Contains(t, Narrate(evs, 2), "goes on: the queue is no longer abc d e")
}

func TestSeconds(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0 s", sec: "1 s", 500 * time.Millisecond: "0.5 s", 1250 * time.Millisecond: "1.25 s",
		10 * sec: "10 s", 100 * sec: "100 s", 1234 * time.Millisecond: "1.23 s", 1005 * time.Millisecond: "1 s",
		4 * time.Millisecond: "0 s", 20 * time.Millisecond: "0.02 s",
	} {
		assert.Equal(t, want, Seconds(d), "%v", d)
	}
}

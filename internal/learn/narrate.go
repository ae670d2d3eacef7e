package learn

import (
	"fmt"
	"strings"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/termtext"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// Narrate says in one sentence what event k of a run means, with the task
// as its subject: "say1 wakes from its 1 s sleep". Earlier events give the
// context (what a resuming task was waiting for), so evs is the run's events
// in order and k an index into them. Text from the trace is cleaned for one
// line.
func Narrate(evs []trace.Event, k int) string {
	if k < 0 || k >= len(evs) {
		return ""
	}
	e := evs[k]
	return termtext.Message(e.Task) + " " + Sentence(e, waitBefore(evs, k))
}

// waitBefore is the wait that event k of its task ends, if k is a resume.
// What the event loop records about a waiting task (its timer armed and
// fired, its place in the ready queue) does not end the wait: in the
// eventloop example a sleep is wait, timer, fire, ready, resume, and the
// resume still ends the sleep.
func waitBefore(evs []trace.Event, k int) *trace.Event {
	if evs[k].Kind != trace.KindResume {
		return nil
	}
	for i := k - 1; i >= 0; i-- {
		if evs[i].Task != evs[k].Task {
			continue
		}
		switch evs[i].Kind {
		case trace.KindWait:
			return &evs[i]
		case trace.KindTimer, trace.KindFire, trace.KindReady:
			continue
		}
		return nil
	}
	return nil
}

// Sentence says what an event means, without its subject ("prints "hi"").
// wait, when not nil, is the wait a resume ends, so that the sentence can
// say what the task woke from.
func Sentence(e trace.Event, wait *trace.Event) string {
	text := termtext.Message(e.Text)
	with := func(s string) string {
		if text == "" {
			return s
		}
		return s + ": " + text
	}
	switch e.Kind {
	case trace.KindStart:
		if e.Reason == trace.ReasonLoop {
			return "starts, given the turn by the loop"
		}
		return "starts"
	case trace.KindResume:
		if wait != nil {
			return resumeFrom(*wait, e.T-wait.T, e.Reason)
		}
		if e.Reason == trace.ReasonLoop {
			return "resumes, given the turn by the loop"
		}
		return "resumes"
	case trace.KindWait:
		switch e.Reason {
		case trace.ReasonSleep:
			return with("waits for a timer")
		case trace.ReasonSync:
			return with("waits for other work to finish")
		case trace.ReasonChan:
			return with("waits on a channel")
		case trace.ReasonQueue:
			return with("waits on the queue")
		case trace.ReasonLock:
			return with("waits for a free slot")
		case trace.ReasonLoop:
			return with("waits for the loop to give it the turn")
		}
		return with("waits")
	case trace.KindPrint:
		return fmt.Sprintf("prints %q", text)
	case trace.KindEnd:
		if text == "" {
			return "finishes"
		}
		return fmt.Sprintf("finishes and returns %q", text)
	case trace.KindCancel:
		return with("is cancelled")
	case trace.KindReady:
		return "joins the loop's ready queue"
	case trace.KindTimer:
		s := fmt.Sprintf("gets a timer due at %s", Seconds(e.Due))
		if text != "" {
			s += " (" + text + ")"
		}
		return s
	case trace.KindFire:
		return "has its timer fire"
	}
	return with(termtext.Message(string(e.Kind)))
}

// resumeFrom says what a task woke from after waiting for waited.
func resumeFrom(w trace.Event, waited time.Duration, how trace.Reason) string {
	tail := ""
	if how == trace.ReasonLoop {
		tail = ", given the turn by the loop"
	}
	switch w.Reason {
	case trace.ReasonSleep:
		// The wait's text is the sleep as written ("sleep 1s"); the time
		// waited is what the learner sees on the axis.
		return fmt.Sprintf("wakes from its %s sleep%s", Seconds(waited), tail)
	case trace.ReasonSync:
		return fmt.Sprintf("goes on: the work it waited %s for is done%s", Seconds(waited), tail)
	case trace.ReasonQueue:
		what := strings.TrimPrefix(termtext.Message(w.Text), "queue ")
		if what == "" {
			return fmt.Sprintf("goes on after %s waiting on the queue%s", Seconds(waited), tail)
		}
		return fmt.Sprintf("goes on: the queue is no longer %s (waited %s)%s", what, Seconds(waited), tail)
	case trace.ReasonLock:
		return fmt.Sprintf("gets a free slot after %s%s", Seconds(waited), tail)
	case trace.ReasonChan:
		return fmt.Sprintf("goes on after %s waiting on a channel%s", Seconds(waited), tail)
	case trace.ReasonLoop:
		return fmt.Sprintf("is given the turn by the loop after %s", Seconds(waited))
	}
	return fmt.Sprintf("resumes after %s%s", Seconds(waited), tail)
}

// Seconds writes a program time the way the course speaks: "1 s", "0.5 s",
// "1.25 s".
func Seconds(d time.Duration) string {
	s := fmt.Sprintf("%.2f", d.Seconds())
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s + " s"
}

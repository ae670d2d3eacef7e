package trace

import (
	"fmt"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newTestRecorder(t *testing.T, speed float64) *Recorder {
	t.Helper()
	c, err := NewClock(speed)
	require.NoError(t, err)
	return NewRecorder(c, ModelGoroutines, "demo", map[string]string{"delay": "1s"})
}

func TestRecorderAssignsSeqTimeAndLanes(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := newTestRecorder(t, 4)
		e0 := r.Record("main", KindStart, ReasonNone, "")
		r.Record("b", KindStart, ReasonNone, "")
		require.NoError(t, r.Clock().Sleep(t.Context(), time.Second))
		r.Record("a", KindPrint, ReasonNone, "hi")
		tm := r.RecordTimer("b", 3*time.Second, "sleep 2s")
		r.Record("main", KindEnd, ReasonNone, "ok")

		assert.Equal(t, 0, e0.Seq)
		assert.Equal(t, time.Duration(0), e0.T)
		assert.Equal(t, 3, tm.Seq)
		assert.Equal(t, time.Second, tm.T)
		assert.Equal(t, 3*time.Second, tm.Due)

		s := r.Snapshot()
		assert.False(t, s.Done)
		assert.Equal(t, []string{"main", "b", "a"}, s.Tasks)
		assert.Equal(t, "demo", s.Example)
		assert.Equal(t, 4.0, s.Speed)
		assert.Equal(t, map[string]string{"delay": "1s"}, s.Params)
		for i, e := range s.Events {
			assert.Equal(t, i, e.Seq)
		}

		final := r.Close()
		assert.True(t, final.Done)
		assert.Equal(t, time.Second, final.Total)
		assert.Len(t, final.Events, 5)

		// After Close, events are dropped and the trace does not change.
		late := r.Record("late", KindPrint, ReasonNone, "too late")
		assert.Equal(t, -1, late.Seq)
		assert.Equal(t, final, r.Close())
		assert.Equal(t, final, r.Snapshot())
	})
}

func TestRecorderSnapshotIsACopy(t *testing.T) {
	r := newTestRecorder(t, 1)
	r.Record("main", KindStart, ReasonNone, "")
	s := r.Snapshot()
	s.Events[0].Task = "changed"
	s.Tasks[0] = "changed"
	s.Params["delay"] = "changed"
	again := r.Snapshot()
	assert.Equal(t, "main", again.Events[0].Task)
	assert.Equal(t, []string{"main"}, again.Tasks)
	assert.Equal(t, "1s", again.Params["delay"])
}

// Many goroutines record at once: every event is kept, Seq is dense, and T
// never goes backwards. Run with -race.
func TestRecorderConcurrent(t *testing.T) {
	r := newTestRecorder(t, 1)
	const writers, each = 8, 200
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				r.Record(fmt.Sprintf("w%d", w), KindPrint, ReasonNone, fmt.Sprint(i))
			}
		})
	}
	// A reader follows along meanwhile.
	var got []Event
	readerDone := make(chan struct{})
	go func() {
		defer close(readerDone)
		for {
			evs, changed, done := r.Since(len(got))
			got = append(got, evs...)
			if done {
				return
			}
			<-changed
		}
	}()
	wg.Wait()
	final := r.Close()
	<-readerDone

	require.Len(t, final.Events, writers*each)
	assert.Equal(t, final.Events, got)
	assert.Len(t, final.Tasks, writers)
	perWriter := map[string]int{}
	for i, e := range final.Events {
		assert.Equal(t, i, e.Seq)
		if i > 0 {
			assert.GreaterOrEqual(t, e.T, final.Events[i-1].T)
		}
		// Each writer's own events stay in its order.
		assert.Equal(t, fmt.Sprint(perWriter[e.Task]), e.Text)
		perWriter[e.Task]++
	}
}

func TestRecorderSinceSignalsNewEvents(t *testing.T) {
	r := newTestRecorder(t, 1)
	evs, changed, done := r.Since(0)
	assert.Empty(t, evs)
	assert.False(t, done)
	select {
	case <-changed:
		t.Fatal("changed is closed before any event")
	default:
	}
	r.Record("main", KindStart, ReasonNone, "")
	select {
	case <-changed:
	default:
		t.Fatal("changed is still open after an event")
	}
	evs, changed2, _ := r.Since(0)
	require.Len(t, evs, 1)
	evs, _, _ = r.Since(-5)
	require.Len(t, evs, 1, "negative from counts as 0")
	evs, _, _ = r.Since(1)
	assert.Empty(t, evs)
	evs, _, _ = r.Since(99)
	assert.Empty(t, evs)

	r.Close()
	select {
	case <-changed2:
	default:
		t.Fatal("Close does not wake readers")
	}
	_, changed3, done := r.Since(1)
	assert.True(t, done)
	select {
	case <-changed3:
	default:
		t.Fatal("after Close, Since must return a closed channel")
	}
}

func BenchmarkRecord(b *testing.B) {
	c, err := NewClock(1)
	if err != nil {
		b.Fatal(err)
	}
	r := NewRecorder(c, ModelGoroutines, "bench", nil)
	b.ReportAllocs()
	for b.Loop() {
		r.Record("task", KindPrint, ReasonNone, "line")
	}
}

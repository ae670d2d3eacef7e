package examples

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// Cancelling halfway through stops every goroutine at that instant: the run
// ends then, the cancellation is recorded, every lane ends. synctest.Test
// itself fails if a goroutine of the bubble is left behind.
func TestCancelHalfway(t *testing.T) {
	for _, x := range All() {
		synctest.Test(t, func(t *testing.T) {
			half := theory(t, x.Name, nil) / 2
			ctx, cancel := context.WithCancel(t.Context())
			r, err := Start(ctx, Spec{Name: x.Name, Params: nil}, nil)
			require.NoError(t, err)
			time.Sleep(half)
			cancel()
			tr, err := r.Wait()
			require.ErrorIs(t, err, context.Canceled, x.Name)
			require.True(t, tr.Done)
			checkWellFormed(t, tr)
			assert.Equal(t, half, tr.Total, "%s: everything stops at the cancel", x.Name)
			cancels := 0
			for _, e := range tr.Events {
				if e.Kind == trace.KindCancel {
					cancels++
					assert.Equal(t, half, e.T)
					assert.Equal(t, "context canceled", e.Text)
				}
			}
			assert.Positive(t, cancels, "%s: the cancellation is visible", x.Name)
		})
	}
}

// The same with real timers, outside a bubble, and Stop instead of a
// context: no goroutine outlives Wait.
func TestStopLeavesNoGoroutine(t *testing.T) {
	for _, x := range All() {
		t.Run(x.Name, func(t *testing.T) {
			clock, err := trace.NewClock(20)
			require.NoError(t, err)
			r, err := Start(context.Background(), Spec{Name: x.Name, Params: nil}, clock)
			require.NoError(t, err)
			time.Sleep(clock.Real(theory(t, x.Name, nil) / 2))
			r.Stop()
			tr, err := r.Wait()
			require.ErrorIs(t, err, ErrStopped)
			checkWellFormed(t, tr)
			goleak.VerifyNone(t)
		})
	}
}

func TestCancelBeforeStart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		for _, name := range Names() {
			r, err := Start(ctx, Spec{Name: name, Params: nil}, nil)
			require.NoError(t, err)
			tr, err := r.Wait()
			require.ErrorIs(t, err, context.Canceled, name)
			checkWellFormed(t, tr)
			assert.Equal(t, time.Duration(0), tr.Total)
		}
	})
}

// catcher is the task whose goroutine recovers a panic raised in task: the
// task itself, unless it is a plain call on its caller's goroutine.
var catcher = map[string]string{
	"sequential/say1": "main",
	"sequential/say2": "main",
	"nested/inner":    "outer",
}

// A panic in any task of any example comes back from Wait as a
// *PanicError, the run stops, and the program goes on.
func TestPanicBecomesError(t *testing.T) {
	for _, x := range All() {
		var printers []string
		synctest.Test(t, func(t *testing.T) {
			tr := run(t, x.Name, nil)
			seen := map[string]bool{}
			for _, e := range tr.Events {
				if e.Kind == trace.KindPrint && !seen[e.Task] {
					seen[e.Task] = true
					printers = append(printers, e.Task)
				}
			}
		})
		require.NotEmpty(t, printers, x.Name)
		for _, victim := range printers {
			synctest.Test(t, func(t *testing.T) {
				h := hooks{beforePrint: func(task, text string) {
					if task == victim {
						panic(fmt.Sprintf("boom in %s", task))
					}
				}}
				tr, err := startIn(t.Context(), t, x.Name, nil, h).Wait()
				var pe *PanicError
				require.ErrorAs(t, err, &pe, "%s/%s", x.Name, victim)
				want := victim
				if c, ok := catcher[x.Name+"/"+victim]; ok {
					want = c
				}
				assert.Equal(t, want, pe.Task, "%s/%s", x.Name, victim)
				assert.Equal(t, "boom in "+victim, pe.Value)
				assert.Equal(t, fmt.Sprintf("task %s panicked: boom in %s", want, victim), err.Error())
				assert.NotEmpty(t, pe.Stack)
				require.True(t, tr.Done)
				checkWellFormed(t, tr)
				var recorded bool
				for _, e := range tr.Events {
					if e.Kind == trace.KindCancel && e.Task == want && e.Text == err.Error() {
						recorded = true
					}
				}
				assert.True(t, recorded, "%s/%s: the panic is in the trace", x.Name, victim)
			})
		}
	}
}

func TestPanicOutsideAnyTask(t *testing.T) {
	e := &env{cancel: func(error) {}}
	err := protect(e, func() error { panic(errors.New("bare")) })
	var pe *PanicError
	require.ErrorAs(t, err, &pe)
	assert.Empty(t, pe.Task)
	assert.Equal(t, "example panicked: bare", err.Error())
}

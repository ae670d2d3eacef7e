package trace

import (
	"context"
	"errors"
	"math"
	"testing"
	"testing/synctest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestClockSpeedRange(t *testing.T) {
	for _, bad := range []float64{0, -1, MinSpeed / 2, MaxSpeed * 2, math.NaN(), math.Inf(1)} {
		_, err := NewClock(bad)
		assert.Error(t, err, "speed %v", bad)
	}
	for _, ok := range []float64{MinSpeed, 0.5, 1, 4, MaxSpeed} {
		c, err := NewClock(ok)
		require.NoError(t, err, "speed %v", ok)
		assert.Equal(t, ok, c.Speed())
	}
}

// Inside a synctest bubble the program time after a Sleep is exact, and the
// real time it took is the program time divided by the speed.
func TestClockScalesTime(t *testing.T) {
	for _, speed := range []float64{1, 4, 3, 0.5, 7.3} {
		synctest.Test(t, func(t *testing.T) {
			c, err := NewClock(speed)
			require.NoError(t, err)
			realStart := time.Now()
			var want time.Duration
			for _, d := range []time.Duration{time.Second, 500 * time.Millisecond, 0, 2 * time.Second, 250 * time.Millisecond} {
				require.NoError(t, c.Sleep(t.Context(), d))
				want += d
				assert.Equal(t, want, c.Now(), "speed %v", speed)
			}
			realTook := time.Since(realStart)
			assert.InDelta(t, float64(want)/speed, float64(realTook), 10, "speed %v: real time", speed)
		})
	}
}

func TestClockRealRoundsUp(t *testing.T) {
	c, err := NewClock(3)
	require.NoError(t, err)
	assert.Equal(t, 333333334*time.Nanosecond, c.Real(time.Second))
	assert.Equal(t, time.Duration(0), c.Real(-time.Second))
	c4, err := NewClock(4)
	require.NoError(t, err)
	assert.Equal(t, 250*time.Millisecond, c4.Real(time.Second))
}

func TestClockSleepHonoursCancellation(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, err := NewClock(2)
		require.NoError(t, err)
		ctx, cancel := context.WithTimeout(t.Context(), 300*time.Millisecond) // real time: 600 ms of program time
		defer cancel()
		err = c.Sleep(ctx, 10*time.Second)
		assert.ErrorIs(t, err, context.DeadlineExceeded)
		assert.Equal(t, 600*time.Millisecond, c.Now())

		// An already-cancelled context returns its cause without sleeping.
		why := errors.New("quit")
		ctx2, cancel2 := context.WithCancelCause(t.Context())
		cancel2(why)
		assert.ErrorIs(t, c.Sleep(ctx2, 0), why)
		assert.Equal(t, 600*time.Millisecond, c.Now())
	})
}

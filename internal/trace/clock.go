package trace

import (
	"context"
	"fmt"
	"math"
	"time"
)

// Playback speeds a Clock accepts.
//
// Every wait overshoots by the machine's timer and scheduling latency (about
// 0.1 to 1 ms of real time), and the clock multiplies that by the speed: at
// speed 1 a 1 s sleep reads as 1.000 s, at speed 20 it may read 1.01 s, and
// at speed 1000 a 4.5 s example measured 5.9 s, far enough off to change what
// a timeline shows. MaxSpeed keeps the drift to about a percent; MinSpeed
// keeps a five-second example under a minute. Exact times come from running
// inside a testing/synctest bubble, where there is no latency at all.
const (
	MinSpeed = 0.1
	MaxSpeed = 20
)

// Clock turns real time into program time: program time = real time elapsed
// since the clock was made × speed. At speed 4 a one-second Sleep takes 250 ms
// of real time and is still reported as one second.
//
// A Clock reads the standard library's time (time.Now, time.NewTimer) and
// nothing else, so inside a testing/synctest bubble it runs on the bubble's
// fake clock and every program time is exact.
//
// Program time 0 is the moment NewClock was called: make the clock right
// before starting the run it times. A Clock is immutable and safe for
// concurrent use.
type Clock struct {
	speed float64
	epoch time.Time
}

// NewClock returns a clock whose program time starts now and runs speed
// times faster than real time. speed must be between MinSpeed and MaxSpeed.
func NewClock(speed float64) (*Clock, error) {
	if err := CheckSpeed(speed); err != nil {
		return nil, err
	}
	return &Clock{speed: speed, epoch: time.Now()}, nil
}

// CheckSpeed reports whether speed is a playback speed a Clock accepts.
func CheckSpeed(speed float64) error {
	if math.IsNaN(speed) || speed < MinSpeed || speed > MaxSpeed {
		return fmt.Errorf("speed %v is out of range: use a value from %v to %v", speed, MinSpeed, MaxSpeed)
	}
	return nil
}

// Speed is the factor program time runs faster than real time.
func (c *Clock) Speed() float64 { return c.speed }

// Now is the program time elapsed since the clock was made, rounded to the
// microsecond. The rounding absorbs the nanosecond left over when a program
// duration does not divide evenly by the speed (1 s at speed 3), so that
// sleeping a program second reads as exactly one second afterwards.
func (c *Clock) Now() time.Duration {
	elapsed := time.Since(c.epoch)
	if c.speed == 1 {
		return elapsed.Round(time.Microsecond)
	}
	return time.Duration(math.Round(float64(elapsed)*c.speed/1e3)) * time.Microsecond
}

// Real is the real duration that lasts d of program time, rounded up to the
// nanosecond so that a timer of Real(d) never fires before d has passed in
// program time.
func (c *Clock) Real(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	if c.speed == 1 {
		return d
	}
	return time.Duration(math.Ceil(float64(d) / c.speed))
}

// Sleep pauses for d of program time, or until ctx is done, whichever comes
// first. It returns nil after a full sleep and the context's cause (see
// context.Cause) when ctx ended it. A d of zero or less returns at once.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return context.Cause(ctx)
	}
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(c.Real(d))
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}

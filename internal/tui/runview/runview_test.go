package runview

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
)

// drive feeds frame messages as the tick chain would, until the model quits.
func drive(t *testing.T, m Model) Model {
	t.Helper()
	var next tea.Model = m
	next, _ = next.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	for i := 0; i < 10_000; i++ {
		time.Sleep(frameInterval)
		var cmd tea.Cmd
		next, cmd = next.Update(frameMsg{gen: next.(Model).gen})
		if next.(Model).Done() {
			require.NotNil(t, cmd, "the last frame quits")
			return next.(Model)
		}
	}
	t.Fatal("the run never ended")
	return m
}

func start(t *testing.T, name string, speed float64) (*trace.Clock, *examples.Run) {
	clock, err := trace.NewClock(speed)
	require.NoError(t, err)
	r, err := examples.Start(context.Background(), name, nil, clock)
	require.NoError(t, err)
	return clock, r
}

func TestFinalFrameShowsTheWholeRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		clock, r := start(t, "sequential", 1)
		m := drive(t, New(clock, Options{Color: true}, r))
		require.NoError(t, m.Err())
		frame := ansi.Strip(m.Frame())
		assert.Contains(t, frame, "t = 2.00 s")
		for _, line := range []string{"start", "hello from say1", "hello from say2", "exit"} {
			assert.Contains(t, frame, line)
		}
	})
}

func TestFrameMidRunShowsOnlyThePast(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		clock, r := start(t, "sequential", 1)
		var m tea.Model = New(clock, Options{}, r)
		m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		time.Sleep(1500 * time.Millisecond)
		m, cmd := m.Update(frameMsg{gen: 0})
		require.NotNil(t, cmd, "the tick chain goes on while the run does")
		frame := ansi.Strip(m.(Model).Frame())
		assert.Contains(t, frame, "hello from say1")
		assert.NotContains(t, frame, "hello from say2")
		r.Stop()
		_, _ = r.Wait()
	})
}

func TestStaleTicksAreDropped(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		clock, r := start(t, "waitgroup", 1)
		var m tea.Model = New(clock, Options{}, r)
		m, cmd := m.Update(frameMsg{gen: 0})
		require.NotNil(t, cmd)
		_, cmd = m.Update(frameMsg{gen: 0}) // a second chain's tick: already used
		assert.Nil(t, cmd, "two tick chains never run at once")
		r.Stop()
		_, _ = r.Wait()
	})
}

func TestQuitStopsTheRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		clock, r := start(t, "queue", 1)
		var m tea.Model = New(clock, Options{}, r)
		m, cmd := m.Update(tea.KeyPressMsg{Code: 'q', Text: "q"})
		require.NotNil(t, cmd)
		assert.True(t, m.(Model).Done())
		_, err := r.Wait()
		assert.ErrorIs(t, err, examples.ErrStopped)
	})
}

package player

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/say"
	"github.com/asyncio-tutor/asyncio-tutor/internal/timeline"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// deliverAll runs cmd as Bubble Tea would and hands the player every
// message that is not a tick (a tick is left to fire on its own).
func deliverAll(t *testing.T, m Model, cmd tea.Cmd) Model {
	t.Helper()
	for _, msg := range messages(cmd) {
		var next tea.Cmd
		m, next = m.Update(msg)
		m = deliverAll(t, m, next)
	}
	return m
}

func pressM(t *testing.T, m Model) Model {
	t.Helper()
	m, cmd := m.Update(press('m'))
	return deliverAll(t, m, cmd)
}

func TestMCyclesTheModelsAndSkipsPythonWhereItCannotRun(t *testing.T) {
	t.Setenv("PATH", t.TempDir()) // no python3 here
	why := examples.PythonAvailable()
	require.Error(t, why)
	synctest.Test(t, func(t *testing.T) {
		m := newPlayer(t, "gather", Options{Params: map[string]string{"delay3": "4s"}})
		assert.Equal(t, trace.ModelGoroutines, m.CurrentModel())
		assert.Contains(t, plain(m.Status()), "goroutines")

		m = pressM(t, m)
		require.Equal(t, trace.ModelLoop, m.CurrentModel())
		assert.Contains(t, plain(m.Status()), "asyncio loop model")
		assert.Empty(t, m.message)
		m = playOut(t, m)
		require.Len(t, m.traces, 1)
		assert.Equal(t, trace.ModelLoop, m.traces[0].Model)
		assert.Equal(t, "4s", m.traces[0].Params["delay3"], "the same parameters")
		assert.Equal(t, 4*time.Second, m.traces[0].Total)

		m = pressM(t, m)
		assert.Equal(t, trace.ModelGoroutines, m.CurrentModel(), "python is skipped")
		assert.Contains(t, m.message, why.Error(), "the learner is told how to enable it")
		told := m.msgGen

		m = pressM(t, m)
		assert.Equal(t, trace.ModelLoop, m.CurrentModel())
		m = pressM(t, m)
		assert.Equal(t, trace.ModelGoroutines, m.CurrentModel())
		assert.Equal(t, told, m.msgGen, "told once")
		m = playOut(t, m)
		assert.Equal(t, trace.ModelGoroutines, m.traces[0].Model)
		time.Sleep(messageFor)
	})
}

func TestOpeningInPythonWhereItCannotRunFallsBackToLoop(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	synctest.Test(t, func(t *testing.T) {
		x, _ := examples.Lookup("waitgroup")
		m := New(Options{Example: x, Model: trace.ModelPython, Keys: theme.NewKeyMap(say.English), Styles: theme.New(true),
			Timeline: timeline.Options{Styles: timeline.PlainStyles()}})
		m, cmd := m.Start(nil)
		assert.False(t, m.Started(), "the run waits for the answer about python")
		assert.Contains(t, plain(m.Status()), "looking for python3")
		m = deliverAll(t, m, cmd)
		assert.Equal(t, trace.ModelLoop, m.CurrentModel())
		assert.Contains(t, m.message, "CPython")
		m, _ = m.Update(nil)
		m = playOut(t, m)
		assert.Equal(t, trace.ModelLoop, m.traces[0].Model)
		time.Sleep(messageFor)
	})
}

func TestCompareShowsGoroutinesAgainstLoopForEventloop(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dir := t.TempDir()
		m := newPlayer(t, "eventloop", Options{ExportDir: dir})
		m, cmd := m.Update(press('c'))
		m = deliverAll(t, m, cmd)
		require.Len(t, m.runs, 2)
		assert.Contains(t, plain(m.Status()), "goroutines vs asyncio loop model")
		m = playOut(t, m)
		require.Len(t, m.traces, 2)
		for i, want := range []trace.Model{trace.ModelGoroutines, trace.ModelLoop} {
			assert.Equal(t, "eventloop", m.traces[i].Example)
			assert.Equal(t, want, m.traces[i].Model)
			assert.Equal(t, time.Second, m.traces[i].Total)
		}
		assert.Regexp(t, `asyncio loop model: |goroutines: `, plain(m.Status()), "the narration names the run by its model")

		m, cmd = m.Update(press('e'))
		msgs := messages(cmd)
		require.Len(t, msgs, 1)
		ex := msgs[0].(ExportedMsg)
		require.NoError(t, ex.Err)
		assert.Contains(t, filepath.Base(ex.Path), "eventloop-goroutines-vs-eventloop-loop")

		// In the compare, m changes the asyncio side only: goroutines stay.
		m, cmd = m.Update(press('m'))
		m = deliverAll(t, m, cmd)
		if examples.PythonAvailable() == nil {
			assert.Contains(t, plain(m.Status()), "goroutines vs CPython")
		} else {
			assert.Contains(t, plain(m.Status()), "goroutines vs asyncio loop model")
		}
		m.Stop()()
		time.Sleep(messageFor)
	})
}

func TestSequentialStillComparesWithItsCounterpart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newPlayer(t, "sequential", Options{})
		m, cmd := m.Update(press('c'))
		m = deliverAll(t, m, cmd)
		require.Len(t, m.runs, 2)
		m = playOut(t, m)
		assert.Equal(t, "sequential", m.traces[0].Example)
		assert.Equal(t, "waitgroup", m.traces[1].Example)
		assert.Equal(t, trace.ModelGoroutines, m.traces[1].Model)
	})
}

// fakePython puts a python3 on PATH that answers the probe as CPython 3.12
// and compiles anything, but crashes with garbage instead of running the shim.
func fakePython(t *testing.T) {
	dir := t.TempDir()
	script := "#!/bin/sh\nif [ $# -eq 3 ]; then echo 'CPython 3.12.0'; exit 0; fi\n" +
		"echo 'garbage' >&3; echo 'Traceback: boom' >&2; exit 3\n"
	require.NoError(t, os.WriteFile(filepath.Join(dir, "python3"), []byte(script), 0o755))
	t.Setenv("PATH", dir)
}

func TestAFailingPythonRunShowsItsErrorAndThePlayerGoesOn(t *testing.T) {
	fakePython(t)
	require.NoError(t, examples.PythonAvailable())
	synctest.Test(t, func(t *testing.T) {
		m := newPlayer(t, "waitgroup", Options{})
		m = pressM(t, m) // loop
		m = pressM(t, m) // python
		require.Equal(t, trace.ModelPython, m.CurrentModel())
		m = playOut(t, m)
		require.Error(t, m.Err())
		screen := plain(m.View())
		assert.Contains(t, screen, "the run failed")
		assert.Contains(t, screen, "CPython")

		m = pressM(t, m) // back to goroutines, and it runs
		assert.Equal(t, trace.ModelGoroutines, m.CurrentModel())
		m = playOut(t, m)
		assert.NoError(t, m.Err())
		assert.True(t, m.traces[0].Done)
		assert.True(t, strings.Contains(plain(m.Status()), "finished"))
	})
}

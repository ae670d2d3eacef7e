package main

import (
	"os/exec"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	clockOn = regexp.MustCompile(`t = (\d+\.\d\d) s`)
	eventOn = regexp.MustCompile(`event (\d+) of (\d+)`)
)

// A learner pauses a live run half a second in, waits while the run goes
// on behind the pause, then steps through every event to the last one.
func TestPauseALiveRunThenStepToTheEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real binary")
	}
	s := start(t, t.TempDir(), "run", "sequential")
	s.waitFor("● live")
	deadline := time.Now().Add(15 * time.Second)
	for !pastClock(s.screen(), 0.4) { // a busy machine may skip frames: any time past 0.4 s
		require.True(t, time.Now().Before(deadline), "the clock never reached 0.4 s:\n%s", s.screen())
		time.Sleep(5 * time.Millisecond)
	}
	s.press("space")
	s.waitFor("⏸ paused")
	held := clockOn.FindString(s.screen())
	require.NotEmpty(t, held)

	time.Sleep(2500 * time.Millisecond) // the run ends behind the pause
	assert.Equal(t, held, clockOn.FindString(s.screen()), "a paused screen stays put")
	assert.Contains(t, s.screen(), "⏸ paused", "and the program did not end by itself")

	for i := 0; ; i++ {
		m := eventOn.FindStringSubmatch(s.screen())
		require.NotNil(t, m, s.screen())
		if m[1] == m[2] {
			break
		}
		require.Less(t, i, 40, "stepping never reached the last event:\n%s", s.screen())
		before := m[1]
		s.press("\x1b[C") // →
		waitUntil(t, func() bool {
			m := eventOn.FindStringSubmatch(s.screen())
			return m != nil && m[1] != before
		})
	}
	screen := s.screen()
	// The goroutines run on the wall clock: two 1 s sleeps end at 2 s or,
	// on a busy machine, a little later; never sooner.
	end := clockOn.FindStringSubmatch(screen)
	require.NotNil(t, end, screen)
	at, err := strconv.ParseFloat(end[1], 64)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, at, 2.0, "the run's end: %s", end[0])
	assert.Contains(t, screen, "hello from say2")
	assert.Contains(t, screen, "main finishes")
	s.press("q")
	s.exit()
}

// pastClock reports whether the screen's clock shows at least seconds.
func pastClock(screen string, seconds float64) bool {
	m := clockOn.FindStringSubmatch(screen)
	if m == nil {
		return false
	}
	at, err := strconv.ParseFloat(m[1], 64)
	return err == nil && at >= seconds
}

func waitUntil(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		require.True(t, time.Now().Before(deadline), "waited 15 s in vain")
		time.Sleep(10 * time.Millisecond)
	}
}

// The python model in a terminal: CPython runs the gather twin under the
// shim and the player draws it, titled as CPython's, to its last line.
// It needs python3, as CI has; without it the test fails and says so.
func TestTheCPythonTwinPlaysInATerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real binary")
	}
	_, err := exec.LookPath("python3")
	require.NoError(t, err, "this test runs the CPython twin: install Python 3.11 or newer as python3")
	s := start(t, t.TempDir(), "run", "gather", "--model", "python", "--speed", "4")
	s.waitFor("CPython")
	s.waitFor("results: ['result1', 'result2', 'result3']")
	screen := s.screen()
	assert.Contains(t, screen, "func1 started")
	assert.Contains(t, screen, "awaiting sleep", "the legend speaks asyncio's words for CPython")
	s.exit()
}

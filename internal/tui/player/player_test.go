package player

import (
	"context"
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/asyncio-tutor/asyncio-tutor/internal/examples"
	"github.com/asyncio-tutor/asyncio-tutor/internal/say"
	"github.com/asyncio-tutor/asyncio-tutor/internal/timeline"
	"github.com/asyncio-tutor/asyncio-tutor/internal/tui/theme"
)

// Every test stops or finishes its runs; no example goroutine may outlive it.
func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

var (
	space = tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	right = tea.KeyPressMsg{Code: tea.KeyRight}
	left  = tea.KeyPressMsg{Code: tea.KeyLeft}
)

func press(r rune) tea.KeyPressMsg { return tea.KeyPressMsg{Code: r, Text: string(r)} }

func newPlayer(t *testing.T, name string, opt Options) Model {
	t.Helper()
	x, ok := examples.Lookup(name)
	require.True(t, ok)
	opt.Example = x
	opt.Keys = theme.NewKeyMap(say.English)
	opt.Styles = theme.New(true)
	opt.Timeline = timeline.Options{Styles: timeline.PlainStyles()}
	m := New(opt)
	m.SetSize(100, 24)
	m, _ = m.Start(nil)
	m, _ = m.Update(nil) // arms the first frame, as the screens do
	require.True(t, m.ticking)
	return m
}

// wait lets program time d pass, delivering the frames the tick chain asks
// for on the way, as Bubble Tea would.
func wait(m Model, d time.Duration) Model {
	end := time.Now().Add(d)
	for time.Now().Before(end) {
		if !m.ticking {
			time.Sleep(time.Until(end))
			break
		}
		time.Sleep(min(m.nextFrame(), time.Until(end)))
		if time.Now().Before(end) || !m.ticking {
			m, _ = m.Update(frameMsg{m.id, m.gen})
		}
	}
	return m
}

// playOut delivers frames until nothing moves any more.
func playOut(t *testing.T, m Model) Model {
	t.Helper()
	for i := 0; m.ticking; i++ {
		require.Less(t, i, 100_000, "the playback never ended")
		time.Sleep(m.nextFrame())
		m, _ = m.Update(frameMsg{m.id, m.gen})
	}
	return m
}

func plain(s string) string { return ansi.Strip(s) }

func TestPausedStepsThroughEveryEventRecordedAfterThePause(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newPlayer(t, "sequential", Options{})
		m = wait(m, 500*time.Millisecond)
		m, _ = m.Update(space)
		require.True(t, m.paused)
		pausedAt := m.pos()
		assert.InDelta(t, 0.5, pausedAt.Seconds(), 0.05)

		// The run goes on while the screen stays put.
		m = wait(m, 3*time.Second)
		assert.Equal(t, pausedAt, m.pos(), "a paused screen does not move")
		require.True(t, m.Done(), "the recording kept growing behind the pause")
		n := len(m.order)
		require.Greater(t, n, 4)
		shown := m.shownCount()
		assert.Contains(t, plain(m.Status()), "event "+strconv.Itoa(shown)+" of "+strconv.Itoa(n))

		var last time.Duration
		for k := shown + 1; k <= n; k++ {
			m, _ = m.Update(right)
			assert.Equal(t, k, m.shownCount())
			assert.GreaterOrEqual(t, m.pos(), last)
			last = m.pos()
			assert.Contains(t, plain(m.Status()), "event "+strconv.Itoa(k)+" of "+strconv.Itoa(n))
		}
		assert.Equal(t, 2*time.Second, m.pos(), "the last step shows the end")
		assert.True(t, m.AtEnd())
		m, _ = m.Update(right)
		assert.Equal(t, n, m.shownCount(), "nothing after the last event")

		for k := n - 1; k >= 0; k-- {
			m, _ = m.Update(left)
			assert.Equal(t, k, m.shownCount())
		}
		assert.Equal(t, time.Duration(0), m.pos())
	})
}

func TestStepWhileLiveSeesEventsRecordedSinceTheLastFrame(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newPlayer(t, "sequential", Options{})
		m, _ = m.Update(space) // paused at once, at 0 s
		// No frame for 1.5 s: the run records say1's wake and print.
		time.Sleep(1500 * time.Millisecond)
		var said strings.Builder
		for range 20 {
			m, _ = m.Update(right)
			said.WriteString(plain(m.Status()) + "\n")
		}
		assert.InDelta(t, 1.0, m.pos().Seconds(), 0.01, "stepping reached what happened at 1 s")
		assert.Contains(t, said.String(), `say1 prints "hello from say1"`)
		m, _ = m.Update(right)
		assert.Contains(t, plain(m.Status()), "the run goes on")
		m.Stop()()
	})
}

func TestSpaceAtTheEndReplaysAndRStartsANewRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newPlayer(t, "waitgroup", Options{})
		m = playOut(t, m)
		require.True(t, m.AtEnd())
		first := m.runs[0]

		m, _ = m.Update(space)
		assert.Equal(t, time.Duration(0), m.pos(), "space at the end replays from the start")
		assert.Same(t, first, m.runs[0], "a replay runs nothing again")
		assert.True(t, m.ticking)
		m = wait(m, 500*time.Millisecond)
		assert.Contains(t, plain(m.Status()), "▶ replay")
		m = playOut(t, m)
		assert.True(t, m.AtEnd())

		m, cmd := m.Update(press('r'))
		require.NotNil(t, cmd)
		assert.NotSame(t, first, m.runs[0], "r is a new live run")
		assert.False(t, m.Done())
		m = playOut(t, m)
		assert.True(t, m.AtEnd())
	})
}

func TestNoAnimationJumpsFromEventToEventAndEndsOnTheLast(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newPlayer(t, "gather", Options{Reduced: true})
		times := map[time.Duration]bool{0: true}
		frames := 0
		for m.ticking {
			time.Sleep(m.nextFrame())
			m, _ = m.Update(frameMsg{m.id, m.gen})
			frames++
			for _, r := range m.order {
				times[m.traces[r.run].Events[r.index].T] = true
			}
			assert.True(t, times[m.pos()], "the cursor rests on an event, not between: %v", m.pos())
		}
		assert.True(t, m.AtEnd())
		assert.Equal(t, 3*time.Second, m.pos(), "it ends on the last event")
		assert.Less(t, frames, 200, "without animation, frames come per event, not 30 a second")
	})
}

func TestStatusNarratesTheCurrentEvent(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newPlayer(t, "waitgroup", Options{})
		m = playOut(t, m)
		m, _ = m.Update(space) // replay
		m, _ = m.Update(space) // pause at 0
		var said []string
		for !m.AtEnd() {
			m, _ = m.Update(right)
			said = append(said, strings.SplitN(plain(m.Status()), "\n", 2)[0])
		}
		all := strings.Join(said, "\n")
		assert.Contains(t, all, "say1 wakes from its 1 s sleep")
		assert.Contains(t, all, `say1 prints "hello from say1"`)
		assert.Contains(t, all, "1 s  ")
	})
}

// axisLabels is the frame's axis label line: "0s    0.5s    1s".
func axisLabels(t *testing.T, frame string) string {
	t.Helper()
	for _, l := range strings.Split(plain(frame), "\n") {
		if regexp.MustCompile(`^\s+0s\s`).MatchString(l) {
			return strings.TrimSpace(l)
		}
	}
	t.Fatalf("no axis in\n%s", plain(frame))
	return ""
}

func TestTheAxisSpansTheExpectedTotalFromTheFirstFrame(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newPlayer(t, "gather", Options{})
		m = wait(m, 100*time.Millisecond)
		early := axisLabels(t, m.View())
		m = wait(m, 1500*time.Millisecond)
		assert.Equal(t, early, axisLabels(t, m.View()), "the axis does not rescale while the run plays")
		m = playOut(t, m)
		assert.Equal(t, early, axisLabels(t, m.View()), "nor at the end")
		assert.True(t, strings.HasSuffix(early, "3s"), early)
	})
}

func TestTheAxisGrowsOnlyWhenTheRunOutlivesItsTheory(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newPlayer(t, "sequential", Options{})
		m.expect = time.Second // a theory too short
		m.render = timeline.NewRenderer(m.timelineOptions())
		m = playOut(t, m)
		assert.Equal(t, 2*time.Second, m.expect)
		assert.True(t, strings.HasSuffix(axisLabels(t, m.View()), "2s"))
	})
}

func TestExportWritesEveryRunOnScreen(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dir := t.TempDir()
		m := newPlayer(t, "sequential", Options{Compare: true, ExportDir: dir})
		m, cmd := m.Update(press('e'))
		assert.Contains(t, plain(m.Status()), "let the run finish")
		_ = cmd
		m = playOut(t, m)
		m, cmd = m.Update(press('e'))
		require.NotNil(t, cmd)
		msg := cmd().(ExportedMsg)
		require.NoError(t, msg.Err)
		m, _ = m.Update(msg)
		assert.Contains(t, strings.ReplaceAll(plain(m.Status()), "\n", ""), msg.Path)
		assert.True(t, strings.HasPrefix(msg.Path, dir))

		b, err := os.ReadFile(msg.Path)
		require.NoError(t, err)
		var f struct {
			OtherData struct {
				Runs []struct{ Example string } `json:"runs"`
			} `json:"otherData"`
		}
		require.NoError(t, json.Unmarshal(b, &f))
		require.Len(t, f.OtherData.Runs, 2)
		assert.Equal(t, "sequential", f.OtherData.Runs[0].Example)
		assert.Equal(t, "waitgroup", f.OtherData.Runs[1].Example)

		// The message expires.
		time.Sleep(messageFor)
		m, _ = m.Update(clearMsg{m.id, m.msgGen})
		assert.NotContains(t, plain(m.Status()), msg.Path)
	})
}

func TestOnlyTheCurrentChainsFramesAreTaken(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newPlayer(t, "waitgroup", Options{})
		other := newPlayer(t, "waitgroup", Options{})
		stale := frameMsg{m.id, m.gen}
		m, cmd := m.Update(stale)
		require.NotNil(t, cmd, "the chain goes on")
		_, cmd = m.Update(stale)
		assert.Nil(t, cmd, "a frame of a chain already used is dropped")
		_, cmd = m.Update(frameMsg{other.id, other.gen})
		assert.Nil(t, cmd, "another player's frame is dropped")
		assert.NotEqual(t, m.id, other.id)
		m.Stop()()
		other.Stop()()
	})
}

func TestFinishedIsSentOncePerRun(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := newPlayer(t, "sequential", Options{})
		var got []FinishedMsg
		for m.ticking {
			time.Sleep(m.nextFrame())
			var cmd tea.Cmd
			m, cmd = m.Update(frameMsg{m.id, m.gen})
			got = append(got, finished(cmd)...)
		}
		require.Len(t, got, 1)
		assert.Equal(t, m.ID(), got[0].Player)
		assert.Equal(t, 2*time.Second, got[0].Traces[0].Total)
		m, cmd := m.Update(space)
		assert.Empty(t, finished(cmd), "a replay is not a new run")
		m = playOut(t, m)
		time.Sleep(time.Second) // the ticks finished() left behind fire and end
	})
}

// finished collects the FinishedMsgs a command would send, skipping ticks.
func finished(cmd tea.Cmd) []FinishedMsg {
	var out []FinishedMsg
	for _, msg := range messages(cmd) {
		if f, ok := msg.(FinishedMsg); ok {
			out = append(out, f)
		}
	}
	return out
}

// messages are what cmd sends at once, batches opened; ticks and the
// stopping of old runs are skipped.
func messages(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			var out []tea.Msg
			for _, c := range msg {
				out = append(out, messages(c)...)
			}
			return out
		case frameMsg, clearMsg:
		default:
			return []tea.Msg{msg}
		}
	case <-time.After(time.Millisecond): // a tick
	}
	return nil
}

func TestAStoppedRunFreesItsGoroutines(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		m := newPlayer(t, "queue", Options{Context: ctx})
		m = wait(m, time.Second)
		cancel()
		m.Stop()()
		_, err := m.runs[0].Wait()
		assert.Error(t, err)
	})
}

package timeline

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// firstRune is the cell of the first r in a lane, past its name.
func firstRune(lane []rune, nameW int, r rune) int {
	return indexRuneFrom(lane, r, nameW+1)
}

// In the loop model every turn at one instant takes a cell of its own, in
// the order the turns were taken: main, then func1, func2, func3.
func TestLoopTurnsReadLeftToRight(t *testing.T) {
	lines := plainLines(t, Options{}, build(t, gatherLoopDesc), 3*sec, 80, 24)
	prev := -1
	for _, name := range []string{"main ", "func1", "func2", "func3"} {
		lane := row(t, lines, name+" ")
		c := firstRune(lane, 5, '█')
		require.Positive(t, c, "%s has a visible turn at 0 s: %q", name, string(lane))
		assert.Greater(t, c, prev, "%s takes its turn after the lane above", name)
		prev = c
		// The turn prints, then ends at an await: the marks follow it.
		assert.Equal(t, "█•┃", string(lane[c:c+3]), "%s: %q", name, string(lane))
	}
	// Queued behind main: func2 and func3 wait in the ready queue first.
	// (Their lanes begin at cell 1: main created them in its turn.)
	assert.Equal(t, " ▁█", string(row(t, lines, "func2 ")[6:9]))
	assert.Equal(t, " ▁▁█", string(row(t, lines, "func3 ")[6:10]))

	// Each task's last turn shows, with its print and its end, even at the
	// right edge where func3 and main share the last instant.
	for _, name := range []string{"func1", "func2", "func3"} {
		lane := strings.TrimRight(string(row(t, lines, name+" ")), " ")
		assert.True(t, strings.HasSuffix(lane, "█•✓"), "%s: %q", name, lane)
	}
	main := strings.TrimRight(string(row(t, lines, "main  ")), " ")
	assert.True(t, strings.HasSuffix(main, "┄█✓"), "main's last turn shows: %q", main)
}

// The same three tasks as goroutines run at once: their bars start in one
// cell. On the loop they cannot.
func TestGoroutinesAndLoopLookApart(t *testing.T) {
	gor := strings.Replace(gatherLoopDesc, "model loop", "model goroutines", 1)
	g := plainLines(t, Options{}, build(t, gor), 3*sec, 80, 24)
	l := plainLines(t, Options{}, build(t, gatherLoopDesc), 3*sec, 80, 24)
	starts := func(lines []string) map[int]bool {
		s := map[int]bool{}
		for _, name := range []string{"func1", "func2", "func3"} {
			lane := row(t, lines, name+" ")
			c := firstRune(lane, 5, '▏')
			if c < 0 {
				c = firstRune(lane, 5, '█')
			}
			s[c] = true
		}
		return s
	}
	assert.Len(t, starts(g), 1, "goroutines start together")
	assert.Len(t, starts(l), 3, "loop tasks take turns")
	assert.NotContains(t, strings.Join(g, "\n"), "┃", "no await marks for goroutines")
}

// CPython's traces carry real time: microseconds between hand-overs. Turns
// still take a cell each.
func TestPythonTurnsShow(t *testing.T) {
	lines := plainLines(t, Options{}, build(t, queuePythonDesc), 2*sec, 80, 24)
	for _, name := range []string{"main", "producer", "consumer"} {
		lane := string(row(t, lines, name+" "))
		assert.GreaterOrEqual(t, strings.Count(lane, "█"), 2, "%s: %q", name, lane)
	}
	consumer := string(row(t, lines, "consumer "))
	assert.Contains(t, consumer, "▁█┃═", "ready, a turn, an await, the queue")
	assert.Contains(t, lines[0], "CPython")
}

func TestLegendSpeaksTheModelsLanguage(t *testing.T) {
	header := func(desc string, w int) string {
		lines := plainLines(t, Options{}, build(t, desc), 5*sec, w, 24)
		return lines[0] + "\n" + lines[1]
	}
	loop := header(gatherLoopDesc, 80)
	for _, want := range []string{"█ running", "┃ await", "░ awaiting sleep", "┄ awaiting a future", "▁ ready", "• print", "✓ done", "asyncio loop model"} {
		assert.Contains(t, loop, want)
	}
	assert.NotContains(t, loop, "sync/lock")
	py := header(queuePythonDesc, 100)
	for _, want := range []string{"═ awaiting the queue", "▒ awaiting a lock", "CPython"} {
		assert.Contains(t, py, want)
	}
	gor := header(cancelDesc, 100)
	for _, want := range []string{"░ sleep", "═ chan/queue", "┄ sync/lock", "goroutines"} {
		assert.Contains(t, gor, want)
	}
	assert.NotContains(t, gor, "awaiting")
	assert.NotContains(t, gor, "▒", "goroutines keep a lock with sync")

	// A trace from before models is a goroutines trace.
	old := strings.Replace(eventloopGoDesc, "model goroutines", "", 1)
	assert.Equal(t, header(eventloopGoDesc, 100), header(old, 100))

	// Narrow and short, the model's name goes first: the legend keeps its
	// entries on one line.
	lines := plainLines(t, Options{}, build(t, seqDesc), 2*sec, 50, 6)
	assert.NotContains(t, lines[0], "goroutines")
	assert.Contains(t, lines[0], "✓ done")
}

// Every loop or python trace gets the event-loop panel, even one in which
// no task ever queued or slept, and none has a loop lane.
func TestLoopPanelForEveryScheduledTrace(t *testing.T) {
	bare := "model loop\n0 main start\n0 main print hi\n0 main end\ndone"
	lines := plainLines(t, Options{}, build(t, bare), 0, 80, 16)
	assert.NotEmpty(t, lineWith(lines, "event loop"))
	assert.Equal(t, "running  (none)", strings.TrimSpace(lineWith(lines, "  running ")))

	tr := build(t, gatherLoopDesc)
	// At the first instant, once all its turns are taken, all three sleep.
	lines = plainLines(t, Options{}, tr, 0, 80, 24)
	assert.Equal(t, "timers   func1 at 1.00s  func2 at 2.00s  func3 at 3.00s", strings.TrimSpace(lineWith(lines, "  timers ")))
	assert.Equal(t, "ready    (empty)", strings.TrimSpace(lineWith(lines, "  ready ")))
	lines = plainLines(t, Options{}, tr, 2500*time.Millisecond, 80, 24)
	assert.Equal(t, "running  (none: idle until the timer at 3.00s)", strings.TrimSpace(lineWith(lines, "  running ")))

	// A live loop trace cut in the middle of an instant: func2 has the turn
	// and func3 waits behind it.
	live := tr
	live.Done, live.Total = false, 0
	for i, e := range tr.Events {
		if e.Task == "func2" && e.Kind == trace.KindPrint {
			live.Events = tr.Events[:i+1]
			break
		}
	}
	lines = plainLines(t, Options{Expect: 3 * sec}, live, 0, 80, 24)
	assert.Equal(t, "running  func2", strings.TrimSpace(lineWith(lines, "  running ")))
	assert.Equal(t, "ready    func3", strings.TrimSpace(lineWith(lines, "  ready ")))
	assert.Equal(t, "timers   func1 at 1.00s", strings.TrimSpace(lineWith(lines, "  timers ")))
}

// The same example in two models: one axis, each half named by its model.
func TestCompareModelsOfOneExample(t *testing.T) {
	g, l := build(t, eventloopGoDesc), build(t, eventloopLoopDesc)
	f := NewRenderer(Options{Styles: PlainStyles()}).Compare(g, l, 2*sec, 80, 24)
	checkFrame(t, f, 80, 24)
	lines := strings.Split(f, "\n")
	assert.Equal(t, "goroutines  2.00 s", strings.TrimSpace(lineWith(lines, "goroutines ")))
	assert.Equal(t, "asyncio loop model  2.00 s", strings.TrimSpace(lineWith(lines, "asyncio loop model ")))
	assert.Empty(t, lineWith(lines, "eventloop"), "the shared name says nothing")
	assert.Contains(t, lines[0]+lines[1], "┄ sync/future", "words for both models")

	// Same layout cache, same example and event count: still two layouts.
	r := NewRenderer(Options{Styles: PlainStyles()})
	a := build(t, seqDesc)
	b := a
	b.Model = trace.ModelLoop
	assert.NotEqual(t, r.Render(a, 2*sec, 80, 12), r.Render(b, 2*sec, 80, 12))

	// Other examples in other models: both names.
	f = NewRenderer(Options{Styles: PlainStyles()}).Compare(build(t, wgDesc), build(t, gatherLoopDesc), 3*sec, 80, 24)
	assert.Contains(t, f, "waitgroup (goroutines)")
	assert.Contains(t, f, "gather (asyncio loop model)")
	// One model: the header names it, the halves keep their examples.
	f = NewRenderer(Options{Styles: PlainStyles()}).Compare(build(t, seqDesc), build(t, wgDesc), 2*sec, 80, 14)
	assert.Contains(t, strings.Split(f, "\n")[0], "goroutines")
	assert.Contains(t, f, "sequential  2.00 s")
}

// Prints are marked on the printing lane, in every model.
func TestPrintMarksOnLanes(t *testing.T) {
	lines := plainLines(t, Options{}, build(t, seqDesc), 2*sec, 80, 12)
	main := string(row(t, lines, "main "))
	assert.Equal(t, 2, strings.Count(main, "•"), "start and Hello 1! (the last two share the end's cell): %q", main)
	assert.True(t, strings.HasPrefix(main, "main ▏•░"), "%q", main)

	// A print inside a long run takes a cell of it; the run shows around it.
	cpu := build(t, "0 cpu start\n0.5 cpu print half\n1 cpu end\ndone")
	lane := string(row(t, plainLines(t, Options{}, cpu, sec, 86, 8), "cpu "))
	assert.Contains(t, lane, "█•█")

	// ASCII
	lines = plainLines(t, Options{ASCII: true}, build(t, gatherLoopDesc), 3*sec, 80, 24)
	assert.Contains(t, string(row(t, lines, "func1 ")), "#o]")
}

// Many tasks taking their first turn at one instant on a narrow frame:
// every lane still shows its turn.
func TestCrowdedInstantKeepsEveryTurn(t *testing.T) {
	var b strings.Builder
	b.WriteString("model loop\n")
	n := 40
	for i := range n {
		b.WriteString("0 t" + strconv.Itoa(i) + " ready loop\n")
	}
	for i := range n {
		name := "t" + strconv.Itoa(i)
		b.WriteString("0 " + name + " start\n0 " + name + " timer 0.01\n0 " + name + " wait sleep sleep\n")
	}
	for i := range n {
		name := "t" + strconv.Itoa(i)
		b.WriteString("0.01 " + name + " fire\n0.01 " + name + " ready loop\n")
	}
	for i := range n {
		name := "t" + strconv.Itoa(i)
		b.WriteString("0.01 " + name + " resume\n0.01 " + name + " print hi\n0.01 " + name + " end\n")
	}
	b.WriteString("done\n")
	tr := build(t, b.String())
	for _, w := range []int{40, 60, 120} {
		lines := plainLines(t, Options{}, tr, sec, w, n+4)
		for i := range n {
			name := "t" + strconv.Itoa(i) + " "
			lane := row(t, lines, name)
			assert.GreaterOrEqual(t, strings.Count(string(lane), "█"), 1, "width %d, %s: %q", w, name, string(lane))
		}
	}
	lines := plainLines(t, Options{}, tr, sec, 120, n+4)
	assert.Less(t, firstRune(row(t, lines, "t0 "), 3, '█'), firstRune(row(t, lines, "t39 "), 3, '█'), "turns in order")
}

package timeline

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"
	"github.com/asyncio-tutor/asyncio-tutor/internal/trace"
	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const sec = time.Second

// row returns the line that starts with prefix (a lane: "name "), as runes
// so that an index is a cell in these all-narrow frames.
func row(tb testing.TB, lines []string, prefix string) []rune {
	tb.Helper()
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return []rune(l)
		}
	}
	tb.Fatalf("no line starts with %q in:\n%s", prefix, strings.Join(lines, "\n"))
	return nil
}

func lineWith(lines []string, sub string) string {
	for _, l := range lines {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

func TestSequentialRun(t *testing.T) {
	lines := plainLines(t, Options{}, build(t, seqDesc), 2*sec, 80, 16)
	frame := strings.Join(lines, "\n")

	main := string(row(t, lines, "main "))
	assert.Contains(t, main, "░", "sleeping is drawn as a timer wait")
	assert.Equal(t, 3, strings.Count(main, "▏"), "start and two resumes are instants: thin ticks")
	assert.True(t, strings.HasSuffix(strings.TrimRight(main, " "), "✓"), "ends with a done mark: %q", main)

	assert.Contains(t, lines[0], "█ running")
	assert.Contains(t, lines[0], "░ sleep")
	assert.Contains(t, lines[0], "✓ done")
	assert.NotContains(t, lines[0], "cancelled", "the legend lists the states this trace uses")
	assert.True(t, strings.HasSuffix(lines[0], "t = 2.00 s"), "%q", lines[0])

	labels := strings.Fields(lines[3])
	assert.Equal(t, []string{"0s", "0.5s", "1s", "1.5s", "2s"}, labels)

	assert.Contains(t, frame, "  1.00s  main  Hello 1!")
	assert.Contains(t, frame, "  2.00s  main  Hello 2!")
	assert.Contains(t, frame, "  0.00s  main  start")
}

func TestWaitGroupRunEndsTogether(t *testing.T) {
	lines := plainLines(t, Options{}, build(t, wgDesc), sec, 80, 12)
	say1, say2, main := row(t, lines, "say1 "), row(t, lines, "say2 "), row(t, lines, "main ")
	end1 := strings.IndexRune(string(say1), '✓')
	assert.Positive(t, end1)
	assert.Equal(t, end1, strings.IndexRune(string(say2), '✓'), "both one-second sleeps end at the same cell")
	assert.Equal(t, end1, strings.IndexRune(string(main), '✓'))
	assert.Contains(t, string(main), "┄", "main waits on the WaitGroup: the sync glyph")
	assert.Contains(t, lines[0], "┄ sync/lock")
}

func TestCompareSharesOneAxis(t *testing.T) {
	seq, wg := build(t, seqDesc), build(t, wgDesc)
	r := NewRenderer(Options{Styles: PlainStyles()})
	f := r.Compare(seq, wg, 2*sec, 80, 16)
	checkFrame(t, f, 80, 16)
	lines := strings.Split(f, "\n")

	assert.Equal(t, "sequential  2.00 s", strings.TrimSpace(lineWith(lines, "sequential")))
	assert.Equal(t, "waitgroup  1.00 s", strings.TrimSpace(lineWith(lines, "waitgroup")))
	assert.Equal(t, "total  2.00 s vs 1.00 s, ×2.0", strings.TrimSpace(lineWith(lines, "total")))

	// The sequential main and the waitgroup say1 share a scale: say1 ends
	// (a tick, its print, then the mark) where sequential's main resumes
	// after 1 s.
	seqMain := row(t, lines, "main ")
	wgSay1 := row(t, lines, "say1 ")
	wgEnd := indexRune(wgSay1, '✓')
	require.Positive(t, wgEnd)
	mid := indexRuneFrom(seqMain, '▏', 6) // the resume at 1 s
	assert.Equal(t, mid, wgEnd-2, "1 s lands on the same cell in both runs")
	assert.Equal(t, '•', wgSay1[wgEnd-1], "say1 printed as it resumed")
	assert.Greater(t, indexRune(seqMain, '✓'), wgEnd)

	// Mid-way neither run has a total yet at 0.5 s; at 1.5 s only b has.
	lines = strings.Split(r.Compare(seq, wg, sec/2, 80, 16), "\n")
	assert.Equal(t, "total  … vs …", strings.TrimSpace(lineWith(lines, "total")))
	lines = strings.Split(r.Compare(seq, wg, 3*sec/2, 80, 16), "\n")
	assert.Equal(t, "total  … vs 1.00 s", strings.TrimSpace(lineWith(lines, "total")))
	assert.Equal(t, "sequential  running…", strings.TrimSpace(lineWith(lines, "sequential")))
}

func indexRune(rs []rune, r rune) int { return indexRuneFrom(rs, r, 0) }

func indexRuneFrom(rs []rune, r rune, from int) int {
	for i := from; i < len(rs); i++ {
		if rs[i] == r {
			return i
		}
	}
	return -1
}

func TestCompareSpeedupOfSlowerCandidate(t *testing.T) {
	seq, wg := build(t, seqDesc), build(t, wgDesc)
	f := RenderCompare(wg, seq, 5*sec, 80, 12, Options{Styles: PlainStyles()})
	checkFrame(t, f, 80, 12)
	assert.Contains(t, f, "total  1.00 s vs 2.00 s, ×0.5")
}

func TestNowMidRunDrawsOnlyThePast(t *testing.T) {
	tr := build(t, seqDesc)
	lines := plainLines(t, Options{}, tr, 1500*time.Millisecond, 80, 16)
	frame := strings.Join(lines, "\n")
	assert.Contains(t, frame, "Hello 1!")
	assert.NotContains(t, frame, "Hello 2!", "printed at 2 s: not yet")
	assert.NotContains(t, frame, "exit")
	main := row(t, lines, "main ")
	assert.Equal(t, -1, indexRune(main, '✓'), "not done yet")
	assert.True(t, strings.HasSuffix(lines[0], "t = 1.50 s"))

	// The axis keeps the run's total (the trace is Done: a replay), and the
	// bar stops at the cursor.
	axis := []rune(lines[2])
	cursor := indexRune(axis, '▲')
	require.Positive(t, cursor)
	last := len([]rune(strings.TrimRight(string(main), " "))) - 1
	assert.InDelta(t, cursor, last, 1, "the bar's head is at the now cursor\n%s\n%s", string(main), lines[2])
	assert.Equal(t, "2s", strings.Fields(lines[3])[len(strings.Fields(lines[3]))-1])
}

func TestLiveTraceAxis(t *testing.T) {
	full := build(t, seqDesc)
	live := full
	live.Done, live.Total = false, 0
	live.Events = full.Events[:6] // up to the print at 1 s
	now := 1200 * time.Millisecond

	// No expectation: now rounded up to a nice length.
	lines := plainLines(t, Options{}, live, now, 80, 10)
	assert.Equal(t, "1.5s", lastField(lines[3]))
	// A later frame in the same step keeps the same scale.
	lines2 := plainLines(t, Options{}, live, 1400*time.Millisecond, 80, 10)
	assert.Equal(t, lines[3], lines2[3], "the axis does not move between frames")
	// With an expected total, the axis spans it from the start.
	lines = plainLines(t, Options{Expect: 2 * sec}, live, now, 80, 10)
	assert.Equal(t, "2s", lastField(lines[3]))
	lines = plainLines(t, Options{Expect: 2 * sec}, live, 100*time.Millisecond, 80, 10)
	assert.Equal(t, "2s", lastField(lines[3]))

	// The open wait reaches now: the lane grows with the clock.
	a := row(t, plainLines(t, Options{Expect: 2 * sec}, live, now, 80, 10), "main ")
	b := row(t, plainLines(t, Options{Expect: 2 * sec}, live, now+300*time.Millisecond, 80, 10), "main ")
	assert.Greater(t, len(strings.TrimRight(string(b), " ")), len(strings.TrimRight(string(a), " ")))
}

func lastField(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// With the name "cpu" (3 cells) and 86 columns, a lane has 82 cells and 1 s
// is 80 of them: every cell is 12.5 ms and every eighth 1.5625 ms.
func TestEighthBlocksAtBarEnds(t *testing.T) {
	tr := build(t, `
0       cpu start
0.515625 cpu wait sleep
1       cpu resume
1       cpu end
done
`)
	lane := row(t, plainLines(t, Options{}, tr, sec, 86, 6), "cpu ")[4:]
	assert.Equal(t, strings.Repeat("█", 41)+"▎", string(lane[:42]), "41.25 cells of running: 41 full and a quarter")
	assert.Equal(t, '░', lane[42])
	assert.Equal(t, '▏', lane[80])
	assert.Equal(t, '✓', lane[81])

	// Live, the head of a running bar grows by eighths.
	live := build(t, "0 cpu start")
	for _, c := range []struct {
		now  time.Duration
		want string
	}{
		{300 * time.Millisecond, strings.Repeat("█", 24)},
		{303125 * time.Microsecond, strings.Repeat("█", 24) + "▎"},
		{306250 * time.Microsecond, strings.Repeat("█", 24) + "▌"},
		{310938 * time.Microsecond, strings.Repeat("█", 24) + "▉"},
	} {
		lane := row(t, plainLines(t, Options{Expect: sec}, live, c.now, 86, 6), "cpu ")[4:]
		assert.Equal(t, c.want, strings.TrimRight(string(lane), " "), "at %v", c.now)
	}
	// In ASCII, half a cell or more is a full cell, less is a thin bar.
	lane = row(t, plainLines(t, Options{ASCII: true}, tr, sec, 86, 6), "cpu ")[4:]
	assert.Equal(t, strings.Repeat("#", 41)+"|", string(lane[:42]))
}

// Runs shorter than a cell near a cell's edge must still show: a resume
// 0.2 ms before the end (as the timeout example's main does), and a run that
// straddles two cells with a sliver in each.
func TestShortRunsAlwaysShow(t *testing.T) {
	tr := build(t, `
0        main start
0        edge start
0        edge wait sleep
0.0007   main wait chan
0.51     edge resume
0.5135   edge wait sleep
0.99976  main resume
1        main end
1        edge end
done
`)
	lines := plainLines(t, Options{}, tr, sec, 87, 6) // 82 cells, 80 a second
	main := strings.TrimRight(string(row(t, lines, "main ")), " ")
	assert.True(t, strings.HasSuffix(main, "═▏✓"), "%q", main)
	edge := row(t, lines, "edge ")[5:]
	// 0.51 s to 0.5135 s is 40.8 to 41.08 cells: 0.28 of a cell, two
	// eighths, in the cell it covers most.
	assert.Equal(t, '▎', edge[40], "%q", string(edge))
	assert.Equal(t, '░', edge[41], "%q", string(edge))
}

func TestEventLoopPanel(t *testing.T) {
	tr := build(t, loopDesc)
	panel := func(now time.Duration) map[string]string {
		lines := plainLines(t, Options{}, tr, now, 80, 20)
		got := map[string]string{}
		for _, k := range []string{"running", "ready", "timers"} {
			l := lineWith(lines, "  "+k+" ")
			got[k] = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), k))
		}
		return got
	}
	p := panel(sec / 2)
	assert.Equal(t, "(none: idle until the timer at 1.00s)", p["running"])
	assert.Equal(t, "(empty)", p["ready"])
	assert.Equal(t, "say1 at 1.00s  say3 at 1.00s  say2 at 2.00s", p["timers"], "by due time, ties in arming order")

	// Past due, not fired yet: the loop is about to wake.
	late := build(t, "0 a start\n0 a timer 1\n0 a wait sleep\n1.2 a fire\n1.2 a ready\n1.2 a resume\n1.2 a end\ndone")
	lines := plainLines(t, Options{}, late, 1100*time.Millisecond, 80, 14)
	assert.Equal(t, "running  (none: the timer due at 1.00s fires next)", strings.TrimSpace(lineWith(lines, "  running ")))

	p = panel(1050 * time.Millisecond)
	assert.Equal(t, "(none)", p["running"])
	assert.Equal(t, "say3", p["ready"], "say1 already had its turn; say3 waits for the loop")
	assert.Equal(t, "say2 at 2.00s", p["timers"])

	p = panel(2 * sec)
	assert.Equal(t, "(empty)", p["ready"])
	assert.Equal(t, "(none)", p["timers"])

	// A task that holds the loop, with two more queued behind it.
	busy := build(t, `
0    a ready
0    b ready
0    c ready
0    a start
0.5  a wait sleep
0.5  a timer 1.5
0.5  b start
1    b end
1    c start
1    c end
1.5  a fire
1.5  a ready
1.5  a resume
1.5  a end
done
`)
	lines = plainLines(t, Options{}, busy, 250*time.Millisecond, 80, 14)
	assert.Equal(t, "running  a", strings.TrimSpace(lineWith(lines, "  running ")))
	assert.Equal(t, "ready    b → c", strings.TrimSpace(lineWith(lines, "  ready ")))
	assert.Equal(t, "timers   (none)", strings.TrimSpace(lineWith(lines, "  timers ")))
	lines = plainLines(t, Options{}, busy, 750*time.Millisecond, 80, 14)
	assert.Equal(t, "running  b", strings.TrimSpace(lineWith(lines, "  running ")))
	assert.Equal(t, "ready    c", strings.TrimSpace(lineWith(lines, "  ready ")))
	assert.Equal(t, "timers   a at 1.50s", strings.TrimSpace(lineWith(lines, "  timers ")))
	// c waits in the ready queue until b is done: the ready glyph.
	c := string(row(t, lines, "c "))
	assert.Contains(t, c, "▁")
	assert.NotContains(t, c, "█")

	// No loop events: no loop panel.
	assert.Empty(t, lineWith(plainLines(t, Options{}, build(t, wgDesc), sec, 80, 20), "event loop"))
}

func TestCancelledTask(t *testing.T) {
	tr := build(t, cancelDesc)
	lines := plainLines(t, Options{}, tr, 2*sec, 80, 16)
	consumer := string(row(t, lines, "consumer "))
	assert.Contains(t, consumer, "═", "blocked on the queue")
	assert.True(t, strings.HasSuffix(strings.TrimRight(consumer, " "), "═✗"), "%q", consumer)
	assert.Contains(t, lines[0], "✗ cancelled")
	assert.Contains(t, lineWith(lines, "deadline"), "1.50s  consumer  ✗ cancelled: deadline exceeded")
	assert.Contains(t, string(row(t, lines, "producer ")), "┄", "the producer waits on a lock")

	// A cancelled task that then returns still ends cancelled.
	tr2 := build(t, `
0 w start
0 w wait chan
1 w cancel
1 w end
done
`)
	lines = plainLines(t, Options{}, tr2, sec, 40, 8)
	w := strings.TrimRight(string(row(t, lines, "w ")), " ")
	assert.True(t, strings.HasSuffix(w, "✗"), "%q", w)
	assert.NotContains(t, w, "✓")
	out := 0
	for _, l := range lines {
		if strings.HasPrefix(l, "  1.00s  w  ✗ cancelled") {
			out++
		}
	}
	assert.Equal(t, 1, out, "one output line for one cancel:\n%s", strings.Join(lines, "\n"))
}

func TestPrintsKeepTheLatest(t *testing.T) {
	var b strings.Builder
	for i := range 30 {
		b.WriteString(strconv.FormatFloat(float64(i)*0.1, 'f', 1, 64) + " p print line " + strconv.Itoa(i) + "\n")
	}
	b.WriteString("done\n")
	lines := plainLines(t, Options{}, build(t, b.String()), 5*sec, 60, 10)
	// header, lane, axis (2), "output", and 5 lines: no room for a blank
	assert.Contains(t, lines[4], "output  (last 5 of 30)")
	assert.Contains(t, lines[5], "2.50s  p  line 25")
	assert.Contains(t, lines[9], "2.90s  p  line 29")
}

func TestStylesColourAddsNoCells(t *testing.T) {
	for _, desc := range []string{seqDesc, wgDesc, loopDesc, cancelDesc, gatherLoopDesc, queuePythonDesc, eventloopGoDesc} {
		tr := build(t, desc)
		for _, now := range []time.Duration{0, sec / 2, 1100 * time.Millisecond, 3 * sec} {
			plain := Render(tr, now, 90, 20, PlainStyles())
			assert.NotContains(t, plain, "\x1b", "plain styles emit no escape sequence")
			for _, dark := range []bool{true, false} {
				col := Render(tr, now, 90, 20, DefaultStyles(dark))
				checkFrame(t, col, 90, 20)
				assert.Contains(t, col, "\x1b[")
				assert.Equal(t, plain, ansi.Strip(col), "colour only wraps the same cells")
			}
		}
	}
}

func TestGlyphsTellStatesApart(t *testing.T) {
	for name, g := range map[string]*glyphSet{"unicode": &unicodeGlyphs, "ascii": &asciiGlyphs} {
		seen := map[string]state{}
		for s := sRun; s < nStates; s++ {
			f := g.fill[s]
			assert.Equal(t, 1, ansi.StringWidth(f), "%s %s", name, stateNames[s])
			prev, dup := seen[f]
			assert.False(t, dup, "%s: %s and %s share %q", name, stateNames[prev], stateNames[s], f)
			seen[f] = s
		}
		for e := 1; e <= 8; e++ {
			_, clash := seen[g.eighth[e]]
			assert.True(t, g.eighth[e] == g.fill[sRun] || !clash, "%s: a run eighth looks like another state", name)
		}
	}
}

func TestASCIIMode(t *testing.T) {
	evil := build(t, `
tasks héllo 任务 main
0 héllo start
0 任务 start
0 main start
0 héllo print café ✓ 🙂
0 héllo wait chan
0 任务 wait queue
0 main wait sync
0.5 任务 resume
0.5 任务 cancel stopped
1 héllo resume
1 héllo end
1 main resume
1 main end
done
`)
	r := NewRenderer(Options{Styles: PlainStyles(), ASCII: true})
	for _, tr := range []trace.Trace{build(t, seqDesc), build(t, wgDesc), build(t, loopDesc), build(t, cancelDesc), build(t, gatherLoopDesc), build(t, queuePythonDesc), evil} {
		for _, now := range []time.Duration{0, 700 * time.Millisecond, 5 * sec} {
			for _, wh := range [][2]int{{80, 20}, {40, 8}, {12, 3}} {
				f := r.Render(tr, now, wh[0], wh[1])
				checkFrame(t, f, wh[0], wh[1])
				assertASCII(t, f)
			}
		}
	}
	f := r.Compare(build(t, seqDesc), build(t, wgDesc), 2*sec, 80, 16)
	assertASCII(t, f)
	assert.Contains(t, f, "total  2.00 s vs 1.00 s, x2.0")

	lines := strings.Split(r.Render(evil, 2*sec, 80, 12), "\n")
	assert.Contains(t, strings.Join(lines, "\n"), "caf? ? ?")
	assert.NotEmpty(t, row(t, lines, "h?llo "))
	assert.NotEmpty(t, row(t, lines, "??    "))
	assert.Contains(t, lines[0], "= chan/queue")
	assert.Contains(t, lines[0], "X cancelled")
}

func assertASCII(tb testing.TB, f string) {
	tb.Helper()
	for i := 0; i < len(f); i++ {
		if c := f[i]; c != '\n' && (c < 0x20 || c > 0x7e) {
			tb.Fatalf("byte %#x at %d is not printable ASCII:\n%s", c, i, f)
		}
	}
}

func TestUntrustedText(t *testing.T) {
	tr := build(t, `
example demo\e]52;c;aGk=\a
tasks evil\e[2Jname\x9b31m tab\tand\nnewline 宽名字 rlo\xe2\x80\xaeend
0 evil\e[2Jname\x9b31m start
0 evil\e[2Jname\x9b31m print \e[31mred\e[0m \e]8;;http://x\e\\link\e]8;;\e\\ bell\a del\x7f
0 tab\tand\nnewline start
0 tab\tand\nnewline print cr\rlf\nc1 \xc2\x9b31m raw \xff bad
0 宽名字 start
0 宽名字 print e\xcc\x81 combining 🙂 wide
0 宽名字 cancel why\e[1m
1 evil\e[2Jname\x9b31m end
done
`)
	// \x9b alone is invalid UTF-8; \xc2\x9b is U+009B, a C1 CSI.
	for _, st := range []Styles{PlainStyles(), DefaultStyles(true)} {
		for _, wh := range [][2]int{{80, 16}, {33, 9}, {200, 30}} {
			f := Render(tr, 2*sec, wh[0], wh[1], st)
			checkFrame(t, f, wh[0], wh[1])
			assertOnlySGR(t, f)
		}
	}
	plain := Render(tr, 2*sec, 100, 16, PlainStyles())
	assert.Contains(t, plain, "red link bell del")
	assert.Contains(t, plain, "cr lf c1 31m raw \uFFFD bad")
	assert.Contains(t, plain, "tab and newline")
	assert.Contains(t, plain, "e\u0301 combining 🙂 wide")
	assert.Contains(t, plain, "✗ cancelled: why")
	assert.NotContains(t, plain, "\u202e")
	c := Compare2(t, tr)
	assertOnlySGR(t, c)
}

// Compare2 renders tr against itself in colour.
func Compare2(tb testing.TB, tr trace.Trace) string {
	tb.Helper()
	f := RenderCompare(tr, tr, 2*sec, 80, 16, Options{Styles: DefaultStyles(false)})
	checkFrame(tb, f, 80, 16)
	return f
}

var sgrRE = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// assertOnlySGR fails unless the only control characters in f are newlines
// and the SGR sequences of the styles.
func assertOnlySGR(tb testing.TB, f string) {
	tb.Helper()
	rest := sgrRE.ReplaceAllString(f, "")
	for i, r := range rest {
		if r == '\n' {
			continue
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
			tb.Fatalf("control %U at %d in frame:\n%q", r, i, f)
		}
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                        "plain",
		"a\x1b[31mb\x1b[0mc":           "abc",
		"osc\x1b]52;c;aGk=\x07 end":    "osc end",
		"lone esc \x1b end":            "lone esc nd", // ESC SP e is a sequence
		"trailing esc \x1b":            "trailing esc ",
		"tab\tnl\ncr\r":                "tab nl cr ",
		"bell\a del\x7f nul\x00":       "bell del nul",
		"c1 \u009b31m \u0085":          "c1 31m ",
		"bad \xff utf8":                "bad \uFFFD utf8",
		"rlo \u202eevil\u202c \u2066x": "rlo evil x",
		"ไทย ✓ 任务":                     "ไทย ✓ 任务",
	} {
		assert.Equal(t, want, clean(in, false), "%q", in)
	}
	assert.Equal(t, "caf? ??", clean("café 任务", true))
}

func TestSizesNeverBreakTheGrid(t *testing.T) {
	traces := []trace.Trace{{}, build(t, seqDesc), build(t, wgDesc), build(t, loopDesc), build(t, cancelDesc), build(t, gatherLoopDesc), build(t, queuePythonDesc), build(t, "tasks 很长的任务名字很长的任务名字 x\n0 x start\n0 x print "+strings.Repeat("宽", 200))}
	widths := []int{-1, 0, 1, 2, 3, 5, 8, 9, 10, 11, 12, 13, 15, 16, 20, 24, 31, 40, 57, 80, 81, 120, 199, 300}
	heights := []int{-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 17, 40, 100}
	nows := []time.Duration{-sec, 1100 * time.Millisecond, 10 * sec}
	if testing.Short() {
		widths, heights = []int{1, 12, 80, 300}, []int{1, 4, 12, 100}
	}
	for _, ascii := range []bool{false, true} {
		r := NewRenderer(Options{Styles: DefaultStyles(true), ASCII: ascii})
		for i, tr := range traces {
			for _, w := range widths {
				for _, h := range heights {
					for j, now := range nows {
						checkFrame(t, r.Render(tr, now, w, h), w, h)
						if (i+j)%2 == 0 {
							checkFrame(t, r.Compare(tr, traces[2], now, w, h), w, h)
						}
					}
				}
			}
		}
	}
}

func TestTinyFrameSaysWhy(t *testing.T) {
	f := Render(build(t, wgDesc), sec, 60, 2, PlainStyles())
	checkFrame(t, f, 60, 2)
	assert.Equal(t, "t=1.00s · 3 tasks · enlarge the window to see the timeline", strings.TrimSpace(strings.Split(f, "\n")[0]))
	assert.Equal(t, "t", Render(build(t, wgDesc), sec, 1, 1, PlainStyles()))
}

func TestManyLanesSayHowManyAreHidden(t *testing.T) {
	var b strings.Builder
	for i := range 12 {
		b.WriteString("0 task" + strconv.Itoa(i) + " start\n")
	}
	lines := plainLines(t, Options{}, build(t, b.String()), sec, 60, 8)
	// header, 4 lanes, "… 8 more tasks", axis (2)
	assert.True(t, strings.HasPrefix(lines[1], "task0 "))
	assert.True(t, strings.HasPrefix(lines[4], "task3 "))
	assert.Equal(t, "… 8 more tasks", strings.TrimSpace(lines[5]))
	assert.Contains(t, lines[6], "├")
}

func TestLongNamesAreCut(t *testing.T) {
	tr := build(t, "0 a_very_long_task_name_that_goes_on_and_on start\n0 b start\n1 b end\ndone")
	lines := plainLines(t, Options{}, tr, sec, 80, 8)
	// The name column is at most a quarter of the width.
	assert.True(t, strings.HasPrefix(lines[1], "a_very_long_task_na… "), "%q", lines[1])
	assert.True(t, strings.HasPrefix(lines[2], "b                    "), "%q", lines[2])
}

func TestRendererFollowsAGrowingTrace(t *testing.T) {
	full := build(t, wgDesc)
	r := NewRenderer(Options{Styles: PlainStyles(), Expect: sec})
	var prev string
	for n := 1; n <= len(full.Events); n++ {
		tr := full
		tr.Events = full.Events[:n]
		tr.Done = n == len(full.Events)
		if !tr.Done {
			tr.Total = 0
		}
		now := tr.Events[n-1].T
		got := r.Render(tr, now, 80, 12)
		// A fresh renderer draws the same: the cache never serves a stale
		// layout.
		assert.Equal(t, NewRenderer(Options{Styles: PlainStyles(), Expect: sec}).Render(tr, now, 80, 12), got, "after %d events", n)
		if n > 1 && full.Events[n-1].Kind == trace.KindPrint {
			assert.NotEqual(t, prev, got, "a new print shows")
		}
		prev = got
	}
	// Same length, other trace: not confused with the cached one.
	a := build(t, "0 x start\n1 x end\ndone")
	b := build(t, "0 y start\n1 y end\ndone")
	assert.Contains(t, r.Render(a, sec, 40, 6), "x ")
	assert.Contains(t, r.Render(b, sec, 40, 6), "y ")
}

func TestOddTracesDoNotPanic(t *testing.T) {
	tr := trace.Trace{
		Tasks: []string{"a", "a", ""},
		Events: []trace.Event{
			{T: 2 * sec, Task: "a", Kind: trace.KindStart},
			{T: sec, Task: "a", Kind: trace.KindWait, Reason: "bogus"}, // time goes back
			{T: -sec, Task: "ghost", Kind: trace.KindResume},           // not in Tasks, negative time
			{T: 3 * sec, Task: "", Kind: trace.KindEnd},
			{T: 3 * sec, Task: "a", Kind: "teleport"},
			{T: 4 * sec, Task: "a", Kind: trace.KindTimer, Due: -5 * sec},
			{T: 4 * sec, Task: "nobody", Kind: trace.KindFire},
			{T: 4 * sec, Task: "nobody", Kind: trace.KindPrint, Text: "hi"},
			{T: 1 << 62, Task: "a", Kind: trace.KindEnd},
		},
		Done: true,
	}
	// The far end of time: no overflow, no endless tick loop.
	far := trace.Trace{Tasks: []string{"a"}, Done: true, Total: math.MaxInt64, Events: []trace.Event{
		{T: 0, Task: "a", Kind: trace.KindStart},
		{T: math.MaxInt64, Task: "a", Kind: trace.KindEnd},
	}}
	for _, o := range []Options{{}, {Expect: math.MaxInt64}} {
		plainLines(t, o, far, math.MaxInt64, 80, 8)
		live := far
		live.Done = false
		plainLines(t, o, live, math.MaxInt64, 80, 8)
		plainLines(t, o, live, math.MaxInt64/3, 80, 8)
	}
	for _, now := range []time.Duration{0, 2 * sec, 1 << 62, 1<<63 - 1} {
		lines := plainLines(t, Options{}, tr, now, 80, 20)
		assert.NotEmpty(t, row(t, lines, "a "))
		assert.NotEmpty(t, row(t, lines, "ghost "))
	}
	lines := plainLines(t, Options{}, tr, 5*sec, 80, 20)
	assert.Contains(t, lines[0], "· waiting", "an unknown reason is a plain wait")
}

// compileOne builds the SGR sequences itself; they must be the bytes
// lipgloss would write around the same text.
func TestCompileMatchesLipgloss(t *testing.T) {
	for name, st := range map[string]Styles{"dark": DefaultStyles(true), "light": DefaultStyles(false), "plain": PlainStyles()} {
		p := compile(st)
		for id, s := range map[styleID]lipgloss.Style{
			idRun: st.Running, idSleep: st.Sleep, idChan: st.Chan, idSync: st.Sync, idReady: st.Ready,
			idWait: st.Wait, idDone: st.Done, idCancel: st.Cancelled, idName: st.Name, idAxis: st.Axis,
			idLabel: st.Label, idNow: st.Now, idTitle: st.Title, idText: st.Text, idMuted: st.Muted,
		} {
			assert.Equal(t, s.Render("X"), p[id].pre+"X"+p[id].suf, "%s style %d", name, id)
		}
	}
	every := lipgloss.NewStyle().Foreground(lipgloss.Color("#FF0000")).Background(lipgloss.Color("4")).
		Bold(true).Italic(true).Underline(true).UnderlineColor(lipgloss.Color("201")).Reverse(true).
		Blink(true).Faint(true).Strikethrough(true)
	c := compileOne(every)
	assert.Equal(t, every.Render("X"), c.pre+"X"+c.suf)

	// Layout properties are dropped: they would break the grid.
	boxy := lipgloss.NewStyle().Foreground(lipgloss.Color("#FF0000")).Padding(1, 2).Width(30).Border(lipgloss.NormalBorder()).Italic(true).Strikethrough(true).Background(lipgloss.Color("#000000"))
	c = compileOne(boxy)
	assert.Equal(t, "X", ansi.Strip(c.pre+"X"+c.suf))
	assert.Contains(t, c.pre, "38;2;255;0;0")
	st := PlainStyles()
	st.Name = boxy
	f := Render(build(t, wgDesc), sec, 60, 10, st)
	checkFrame(t, f, 60, 10)
	assert.Equal(t, Render(build(t, wgDesc), sec, 60, 10, PlainStyles()), ansi.Strip(f))
}

func TestFrameDrawsOneRunOrACompare(t *testing.T) {
	seq, wg := build(t, seqDesc), build(t, wgDesc)
	r := NewRenderer(Options{Styles: PlainStyles()})
	assert.Equal(t, r.Render(seq, 2*sec, 80, 16), r.Frame([]trace.Trace{seq}, 2*sec, 80, 16))
	assert.Equal(t, r.Compare(seq, wg, 2*sec, 80, 16), r.Frame([]trace.Trace{seq, wg}, 2*sec, 80, 16))
	assert.Empty(t, r.Frame(nil, 0, 80, 16))
}

package timeline

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A frame a few rows high still draws lanes and a scale: lanes first, then
// the header and the axis line as rows allow. Only a frame of fewer than
// three rows says to enlarge the window.
func TestShortFramesStillDrawLanes(t *testing.T) {
	tr := build(t, eventloopGoDesc) // four lanes: main, loop, say1, say2
	cases := []struct {
		height int
		lanes  []string
		header bool
		line   bool
	}{
		{3, []string{"main", "loop"}, false, false},
		{4, []string{"main", "loop", "… 2 more tasks"}, false, false},
		{5, []string{"main", "loop", "say1", "say2"}, false, false},
		{6, []string{"main", "loop"}, true, true}, // the full layout: two lanes and "… 2 more tasks"
	}
	for _, c := range cases {
		lines := plainLines(t, Options{}, tr, 2*sec, 70, c.height)
		frame := "\n" + strings.Join(lines, "\n")
		assert.NotContains(t, frame, "enlarge", "%d rows:\n%s", c.height, frame)
		for _, name := range c.lanes {
			assert.Regexp(t, `\n *`+name, frame, "%d rows:\n%s", c.height, frame)
		}
		assert.Equal(t, c.header, strings.Contains(frame, "print"), "the legend, %d rows:\n%s", c.height, frame)
		assert.Equal(t, c.line, strings.Contains(frame, "├"), "the axis line, %d rows:\n%s", c.height, frame)
		assert.Contains(t, lines[len(lines)-1], "0s", "the axis labels close the frame, %d rows", c.height)
		assert.Contains(t, lines[len(lines)-1], "2s")
	}
	assert.Contains(t, plainLines(t, Options{}, tr, 2*sec, 70, 2)[0], "enlarge the window")
}

// Frames of every small size fit exactly, in both models, single and compare.
func TestShortFramesFit(t *testing.T) {
	for _, desc := range []string{eventloopGoDesc, eventloopLoopDesc, seqDesc, gatherLoopDesc} {
		tr := build(t, desc)
		r := NewRenderer(Options{Styles: DefaultStyles(true)})
		for h := 1; h <= 9; h++ {
			for _, w := range []int{20, 60, 70} {
				checkFrame(t, r.Render(tr, sec, w, h), w, h)
				checkFrame(t, r.Compare(tr, build(t, wgDesc), sec, w, h), w, h)
			}
		}
	}
}

// A compare five rows high keeps both runs, titled, with a lane each.
func TestShortCompareKeepsBothRuns(t *testing.T) {
	f := NewRenderer(Options{Styles: PlainStyles()}).Compare(build(t, seqDesc), build(t, wgDesc), 2*sec, 70, 5)
	checkFrame(t, f, 70, 5)
	lines := strings.Split(f, "\n")
	assert.Contains(t, lines[0], "sequential")
	assert.Contains(t, lines[2], "waitgroup")
	assert.Contains(t, lines[4], "0s")
	assert.NotContains(t, f, "enlarge")
}

func printsDesc(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strconv.FormatFloat(float64(i)*0.1, 'f', 1, 64) + " p print line " + strconv.Itoa(i) + "\n")
	}
	return b.String() + "done\n"
}

// The output panel can be scrolled back to the first line printed and on
// to the latest; the renderer tells where the panel stands.
func TestOutputScrolls(t *testing.T) {
	tr := build(t, printsDesc(30))
	r := NewRenderer(Options{Styles: PlainStyles(), ScrollHint: "↑/↓ scroll"})
	lines := strings.Split(r.Render(tr, 5*sec, 60, 10), "\n")
	assert.Contains(t, lines[4], "output  (last 5 of 30, ↑/↓ scroll)")
	assert.Equal(t, OutputView{Top: 25, Shown: 5, Total: 30}, r.Output())
	assert.True(t, r.Output().Hidden())
	assert.True(t, r.Output().AtLatest())

	r.ScrollOutput(0)
	f := r.Render(tr, 5*sec, 60, 10)
	checkFrame(t, f, 60, 10)
	lines = strings.Split(f, "\n")
	assert.Contains(t, lines[4], "output  (lines 1-5 of 30, ↑/↓ scroll)")
	assert.Contains(t, lines[5], "0.00s  p  line 0")
	assert.Contains(t, lines[9], "0.40s  p  line 4")
	assert.False(t, r.Output().AtLatest())

	r.ScrollOutput(99) // past the end: the latest
	lines = strings.Split(r.Render(tr, 5*sec, 60, 10), "\n")
	assert.Contains(t, lines[9], "2.90s  p  line 29")

	// A frame without the panel (a compare) shows none of the lines.
	r.Compare(tr, tr, 5*sec, 60, 10)
	require.False(t, r.Output().Hidden())
	assert.Equal(t, 0, r.Output().Total)
}

package source

import (
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
)

func numbered(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "line " + strconv.Itoa(i+1) + strings.Repeat(" x", 40)
	}
	return out
}

// The window fills its height, reaches the last line, and each press of
// up undoes a press of down, even after pressing down past the end.
func TestWindowFillsItsHeightAndScrollsToTheLastLine(t *testing.T) {
	w := Window{Lines: numbered(30)}
	const height = 10
	v := strings.Split(w.View("Go", " · ↑/↓ scroll", 40, height), "\n")
	assert.Len(t, v, height)
	assert.Equal(t, "Go  lines 1-9 of 30 · ↑/↓ scroll", v[0])
	assert.True(t, strings.HasPrefix(v[9], "line 9 "))
	for _, l := range v {
		assert.LessOrEqual(t, ansi.StringWidth(l), 40)
	}
	for range 100 {
		w.Scroll(1, height)
	}
	v = strings.Split(w.View("Go", "", 40, height), "\n")
	assert.Equal(t, "Go  lines 22-30 of 30", v[0])
	assert.True(t, strings.HasPrefix(v[9], "line 30 "))
	w.Scroll(-1, height)
	assert.Contains(t, w.View("Go", "", 40, height), "lines 21-29 of 30", "one press up moves one line")
	w.Page(false, height)
	assert.Equal(t, 12, w.Top, "a page keeps a line")
	w.Page(true, height)
	w.Page(true, height)
	assert.Equal(t, w.MaxTop(height), w.Top)
}

// A short file, or a window of a line, still draws exactly its height.
func TestWindowEdges(t *testing.T) {
	w := Window{Lines: numbered(3), Top: 5}
	v := strings.Split(w.View("Python", "", 20, 6), "\n")
	assert.Len(t, v, 6)
	assert.Equal(t, "Python  lines 1-3 o…", v[0])
	assert.Equal(t, "", v[5])
	assert.Len(t, strings.Split(Window{}.View("Go", "", 20, 1), "\n"), 1)
	assert.Contains(t, Window{}.View("Go", "", 20, 3), "(empty)")
	assert.Equal(t, "", w.View("Go", "", 20, 0))
}

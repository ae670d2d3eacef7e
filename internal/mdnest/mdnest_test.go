package mdnest

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDepth(t *testing.T) {
	assert.Equal(t, 0, Depth("plain\ntext"))
	assert.Equal(t, 0, Depth("-not a list\n*emphasis*"))
	assert.Equal(t, 1, Depth("- a\n- b"))
	assert.Equal(t, 3, Depth("- a\n  - b\n    - c"))
	assert.Equal(t, 3, Depth("> > - x"))
	assert.Equal(t, 2, Depth("* a\n  + b"))
	assert.Equal(t, 1, Depth("* a\n\t+ b"), "a tab counts as one column, as before")
}

func TestBeyondPointsAtTheMarkerThatPassesTheLimit(t *testing.T) {
	line := strings.Repeat("> ", 5) + "x\n"
	_, ok := Beyond(line, 5)
	assert.False(t, ok)
	at, ok := Beyond(line, 4)
	assert.True(t, ok)
	assert.Equal(t, 8, at, "the fifth >")

	// An indented item: 34 spaces count 17 on their own.
	line = strings.Repeat(" ", 34) + "- deep\n"
	at, ok = Beyond(line, Max)
	assert.True(t, ok)
	assert.Equal(t, 34, at)
	assert.Equal(t, 18, Line(line))
}

package mdnest

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDepthIsMeasuredOnTheParsedTree(t *testing.T) {
	for md, want := range map[string]int{
		"plain\ntext":                 0,
		"-not a list\n*emphasis*":     0,
		"- a\n- b":                    1,
		"- a\n  - b\n    - c":         3,
		"> > - x":                     3,
		"* a\n  + b":                  2,
		"1. a\n   1. b":               2,
		"    - in a code block\n":     0,
		"```\n- > - > fenced\n```\n":  0,
		"Term\n: > - defined":         3,
		strings.Repeat("1. > ", 3):    6,
		strings.Repeat("> ", 5) + "x": 5,
	} {
		assert.Equal(t, want, Measure(md).Depth, "%q", md)
	}
}

// The line heuristic this replaces saw nothing in a line that opens with an
// ordered-list marker, so this passed check and took minutes to render.
func TestOrderedListsAndQuotesCountEveryLevel(t *testing.T) {
	md := strings.Repeat("1. > ", 45) + "x"
	s := Measure(md)
	assert.Greater(t, s.Depth, MaxDepth)
	assert.True(t, s.Truncated, "not followed to the 90th level")
	// The 17th level is the 9th "1. ", after eight "1. > " of five bytes.
	assert.Equal(t, 40, s.DeepAt)
	ok, why := s.Within(Budget)
	assert.False(t, ok)
	assert.Contains(t, why, "nest")
}

func TestDeepAtPointsAtTheMarkerPastTheIndentation(t *testing.T) {
	var b strings.Builder
	for i := range 20 {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	s := Measure(b.String())
	line, col := Position(b.String(), s.DeepAt)
	assert.Equal(t, 17, line)
	assert.Equal(t, 33, col)
	assert.Equal(t, -1, Measure(strings.Repeat("> ", MaxDepth)+"x").DeepAt, "at the limit is fine")
}

func TestWeightCountsDeeperBlocksMore(t *testing.T) {
	assert.Equal(t, 1, Measure("one paragraph").Weight)
	// The list, its item and its paragraph are all one level deep.
	assert.Equal(t, 6, Measure("- a").Weight)
}

// A text of more blocks than any budget allows is not parsed to its end:
// measuring it costs what measuring one just past the budget does.
func TestMeasureStopsCountingAtMaxBlocks(t *testing.T) {
	s := Measure(strings.Repeat("-\n", 1<<19))
	assert.True(t, s.Truncated)
	assert.Equal(t, maxBlocks+1, s.Blocks)
	ok, _ := s.Within(Budget)
	assert.False(t, ok)
}

// Inline is the longest paragraph, however its inlines would parse: the
// inline parse is what it bounds.
func TestInlineIsTheLongestParagraph(t *testing.T) {
	md := "short\n\n" + strings.Repeat("_a", 1000) + "\n\n- " + strings.Repeat("[", 3000) + "\n"
	s := Measure(md)
	assert.Equal(t, 3000, s.Inline)
	assert.Equal(t, len(md)-3001, s.InlineAt)
	assert.Zero(t, Measure("```\n"+strings.Repeat("[", 5000)+"\n```\n").Inline, "code is not inline text")
}

func TestCodeBlocksAndTheirLanguage(t *testing.T) {
	md := "```go\nfmt.Println()\n```\n\n~~~\nplain\n~~~\n"
	s := Measure(md)
	require.Len(t, s.Code, 2)
	assert.Equal(t, "go", md[s.Code[0].InfoStart:s.Code[0].InfoStop])
	assert.Equal(t, len("fmt.Println()\n"), s.Code[0].Bytes)
	assert.Equal(t, s.Code[1].InfoStart, s.Code[1].InfoStop, "no language")
}

func TestPosition(t *testing.T) {
	md := "ab\ncd\n"
	for off, want := range map[int][2]int{0: {1, 1}, 1: {1, 2}, 3: {2, 1}, 4: {2, 2}} {
		line, col := Position(md, off)
		assert.Equal(t, want, [2]int{line, col}, "offset %d", off)
	}
}

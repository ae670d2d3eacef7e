package markdown

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/stretchr/testify/assert"
)

func TestRenderWrapsAndCaches(t *testing.T) {
	r := New()
	md := "# Title\n\nSome *text* that is long enough to be wrapped at forty columns, surely.\n"
	out := r.Render(md, 40, Dark)
	assert.Contains(t, ansi.Strip(out), "Title")
	for _, line := range strings.Split(out, "\n") {
		assert.LessOrEqual(t, ansi.StringWidth(line), 40)
	}
	_, ok := r.Cached(md, 40, Dark)
	assert.True(t, ok)
	_, ok = r.Cached(md, 41, Dark)
	assert.False(t, ok, "the cache is per width")
	_, ok = r.Cached(md, 40, Light)
	assert.False(t, ok, "and per theme")
}

func TestRenderFiltersEscapes(t *testing.T) {
	r := New()
	for _, md := range []string{
		"clip &#27;]52;c;aGk=&#7; board",
		"raw \x1b]52;c;aGk=\x07 board",
		"[file](file:///etc/passwd) and \x1b]0;title\x07",
	} {
		out := r.Render(md, 60, Plain)
		assert.NotContains(t, out, "]52", "%q", md)
		assert.NotContains(t, out, "\x07")
		assert.NotContains(t, out, "\x1b]0;")
		assert.NotContains(t, out, "\x1b]8;;file:")
	}
}

func TestDeepNestingFallsBackToPlainTextQuickly(t *testing.T) {
	var b strings.Builder
	for i := range 400 {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	start := time.Now()
	out := New().Render(b.String(), 80, Dark)
	assert.Contains(t, out, "- item")
	// Not a speed assertion: a glamour render of this takes minutes, so
	// finishing at all within the test's lifetime is the point.
	_ = start
}

func TestThaiLinesFitTheCellsATerminalCounts(t *testing.T) {
	// SARA AM makes each "ทำ" two cells on screen but one grapheme cluster.
	md := strings.Repeat("ทำ ทำนำ ", 40)
	for _, width := range []int{40, 60, 120} {
		out := New().Render(md, width, Dark)
		for _, line := range strings.Split(out, "\n") {
			assert.LessOrEqual(t, ansi.StringWidthWc(line), width, "%q", ansi.Strip(line))
		}
		assert.Equal(t, strings.Count(md, "ทำ"), strings.Count(ansi.Strip(out), "ทำ"), "no text lost")
	}
}
